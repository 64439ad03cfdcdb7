#!/usr/bin/env bash
# Fault scenarios (chaos experiments; not a test): S3 slow and failing (S3Proxy in-process behind a switch), PostgreSQL
# restarted mid-run (zonky, same port and data directory), the file store's disk full (a small tmpfs), kill -9 of the
# server with runs queued; the webhook receiver scenario is reported as not run while main has no incident sinks.
# Usage, from the project root after `./mvnw -q -B package -DskipTests`:
#   bench/faults.sh [--only=s3,pg,disk,server] [--keep]
# Writes bench/reports/faults.md and bench/reports/faults.json (hypothesis, blast radius, expected, observed,
# pass/fail, recovery time for each). Needs root for the tmpfs of the disk-full scenario (skipped otherwise).
set -euo pipefail
keep=0; pass=()
for a in "$@"; do case $a in --keep) keep=1 ;; --only=*) pass+=("$a") ;; *) echo "unknown option $a" >&2; exit 2 ;; esac; done
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/classpath.sh
. "$here/lib/classpath.sh"
bench_setup faults
mkdir -p bench/reports
PYTHONPATH="$here/lib" python3 "$here/lib/faults.py" --work="$work" --jar="$jar" --cp="$BENCH_CP" "${pass[@]}"
