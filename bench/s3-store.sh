#!/usr/bin/env bash
# Benchmark (not a test): save + restore of a checkpoint-sized blob through the S3 store against the raw AWS SDK
# upload/download of the same bytes, to the same S3Proxy in one JVM: throughput ratio and peak heap, for each size.
# Usage, from the project root:
#   bench/s3-store.sh [repeats=3] [sizes in MiB="100 1024"] [report=bench/reports/s3-store.md]
# The JVM gets a fixed 256 MiB heap (BENCH_HEAP to change it): a store that held a 1 GiB blob in memory would fail.
# S3Proxy keeps its buckets in /dev/shm when there is one (BENCH_S3_DIR to change it), so that the "remote" S3 does
# not compete for the local disk with the store's spool file (in java.io.tmpdir, as in production).
set -euo pipefail
repeats=${1:-3}
sizes=${2:-"100 1024"}
report=${3:-bench/reports/s3-store.md}
heap=${BENCH_HEAP:-256m}
if [ -z "${BENCH_S3_DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_S3_DIR=/dev/shm; else BENCH_S3_DIR=${TMPDIR:-/tmp}; fi
fi
mkdir -p "$(dirname "$report")" target
if [ -z "${BENCH_CP:-}" ]; then # bench/run.sh passes its own; otherwise compile (offline first, see lib/classpath.sh)
  # shellcheck source=lib/classpath.sh
  . "$(dirname "$0")/lib/classpath.sh"; bench_classpath
fi
# shellcheck disable=SC2086
java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "$BENCH_CP" \
  dev.trainyard.bench.S3StoreBenchmark "$report" "$repeats" "$BENCH_S3_DIR" $sizes
