#!/usr/bin/env bash
# The benchmark report (not a test: nothing asserts a time, and nothing here runs under ./mvnw verify).
# Usage, from the project root after `./mvnw -q -B package -DskipTests`:
#   bench/run.sh [--quick] [--only=SECTION,...] [--append] [--keep]
# Sections: orchestration launches checkpoint trainer store resume startup growth checkpoints schedules.
# --quick: fewer repeats and smaller sizes (minutes instead of an hour); --only: just those sections; --append: keep
# the other sections' figures already in bench/report.json. Writes bench/REPORT.md and bench/report.json (the
# existing bench/checkpoint-overhead.sh and bench/s3-store.sh are run by it, their own reports under
# bench/reports/run/). The helpers it runs on the test classpath live in src/test/java/dev/trainyard/bench.
set -euo pipefail
keep=0; pass=()
for a in "$@"; do case $a in --keep) keep=1 ;; --quick|--append|--only=*|--variants=*) pass+=("$a") ;; *) echo "unknown option $a" >&2; exit 2 ;; esac; done
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/classpath.sh
. "$here/lib/classpath.sh"
bench_setup bench
mkdir -p bench/reports/run
python3 "$here/lib/bench.py" --work="$work" --jar="$jar" --cp="$BENCH_CP" "${pass[@]}"
echo "wrote bench/REPORT.md and bench/report.json" >&2
