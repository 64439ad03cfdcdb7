#!/usr/bin/env bash
# Benchmark (not a test): how much do checkpoints cost? Trains jobs/synthetic-long.yaml (300 rounds on a
# 200 000-row synthetic set, subsample 0.8) with a checkpoint every 10 rounds and with one checkpoint at the
# end, alternating, and reports the median train-step time and wall time of each and their ratio.
# Usage, from the project root after `./mvnw -q -B package -DskipTests`:
#   bench/checkpoint-overhead.sh [repeats=3] [report=bench/reports/checkpoint-overhead.md]
# BENCH_FEATURES=N trains on N features instead of the pipeline's 150 (bench/run.sh: 40, as issue 13 asks);
# BENCH_JAR=FILE another jar. Also writes the figures as JSON next to the report (report.md -> report.json).
set -euo pipefail
repeats=${1:-3}
report=${2:-bench/reports/checkpoint-overhead.md}
jar=${BENCH_JAR:-target/trainyard.jar}
[ -f "$jar" ] || { echo "build $jar first: ./mvnw -q -B package -DskipTests" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/jobs" "$(dirname "$report")"

pipeline() { # name checkpoint-every: jobs/synthetic-long.yaml with another name and checkpoint interval
  sed -e "s/^name: .*/name: $1/" -e "s/checkpoint-every: .*/checkpoint-every: $2/" \
    -e "s/features=[0-9]*/features=${BENCH_FEATURES:-150}/" jobs/synthetic-long.yaml \
    > "$work/jobs/$1.yaml"
}
pipeline every-10 10
pipeline at-end 300

run() { # name index -> "train_seconds wall_seconds sha"
  local out="$work/$1-$2"
  local t0; t0=$(date +%s.%N)
  java -jar "$jar" run "$1" --jobs-dir="$work/jobs" --data-dir="$work/data-$1-$2" \
    --logging.level.org.springframework.batch.core.step=info >"$out.out" 2>"$out.err"
  local t1; t1=$(date +%s.%N)
  local train; train=$(grep -o 'Step: \[train\] executed in [0-9a-z]*' "$out.err" | sed 's/.* in //')
  python3 - "$train" "$t0" "$t1" "$out.out" <<'PY'
import json, re, sys
d = sys.argv[1]
m = re.fullmatch(r'(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?', d)
secs = int(m.group(1) or 0) * 60 + int(m.group(2) or 0) + int(m.group(3) or 0) / 1000
sha = json.loads([l for l in open(sys.argv[4]) if l.strip()][-1])["modelSha256"]
print(f"{secs:.3f} {float(sys.argv[3]) - float(sys.argv[2]):.3f} {sha}")
PY
}

declare -a every at
for i in $(seq 1 "$repeats"); do
  every+=("$(run every-10 "$i")"); echo "every-10 #$i: ${every[-1]}" >&2
  at+=("$(run at-end "$i")");      echo "at-end   #$i: ${at[-1]}" >&2
done

python3 - "$report" "$repeats" "$(nproc)" "$(java -version 2>&1 | head -1)" "${every[@]}" -- "${at[@]}" <<'PY'
import json, os, statistics, sys, datetime
report, repeats, cores, jvm = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rest = sys.argv[5:]; i = rest.index('--')
every = [r.split() for r in rest[:i]]; at = [r.split() for r in rest[i + 1:]]
med = lambda rows, k: statistics.median(float(r[k]) for r in rows)
te, ta, we, wa = med(every, 0), med(at, 0), med(every, 1), med(at, 1)
lines = [
  "# Checkpoint overhead", "",
  f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cores} cores, {jvm}, by `bench/checkpoint-overhead.sh {repeats}`.",
  "Pipeline: jobs/synthetic-long.yaml as it was then (" + open("jobs/synthetic-long.yaml").read().split("path: ")[1].split("\n")[0] + (f" with features={os.environ['BENCH_FEATURES']}" if os.environ.get("BENCH_FEATURES") else "") + ",",
  "300 rounds, " + open("jobs/synthetic-long.yaml").read().split("params: ")[1].split("\n")[0] + ", nthread 2).",
  "Medians, alternating the two variants.", "",
  "| variant | train step (s) | whole `run` (s) | checkpoints |", "|---|---|---|---|",
  f"| checkpoint every 10 rounds | {te:.2f} | {we:.2f} | 30 |",
  f"| one checkpoint at the end | {ta:.2f} | {wa:.2f} | 1 |",
  f"| **ratio** | **{te / ta:.3f}** | **{we / wa:.3f}** | |", "",
  "Target: ratio <= 1.05.", "",
  "Runs (train s, wall s, model sha256):", "",
] + [f"- every-10: {' '.join(r)}" for r in every] + [f"- at-end: {' '.join(r)}" for r in at]
open(report, "w").write("\n".join(lines) + "\n")
json.dump({"trainRatio": te / ta, "wallRatio": we / wa, "every": [float(r[0]) for r in every],
           "atEnd": [float(r[0]) for r in at], "everyWall": [float(r[1]) for r in every],
           "atEndWall": [float(r[1]) for r in at], "load": open("/proc/loadavg").read().split()[:3]},
          open(os.path.splitext(report)[0] + ".json", "w"), indent=1)
print("\n".join(lines))
PY
