#!/usr/bin/env bash
# Crash test (not a test of the suite): trains a long pipeline, SIGKILLs the process at N random moments, resumes
# each time, and checks what is left. Usage, from the project root after `./mvnw -q -B package -DskipTests`:
#   bench/crash-test.sh N [--postgres-s3] [--command] [--pipeline=NAME] [--keep]
#     --postgres-s3  an embedded PostgreSQL 17 (zonky) and S3Proxy, started by bench's BenchBackends launcher,
#                    instead of the default H2 file database and file store
#     --command      a command trainer (the scikit-learn example trainer, jobs/trainers/sklearn_sgd.py) instead of
#                    the built-in XGBoost trainer
#     --pipeline     another pipeline (default synthetic-long), of jobs/ or of --jobs-dir=DIR
#     --keep         keep the work directory (printed at the start)
# The kills: about 20 % (at least 1) in the promotion phase (at the first of "Candidate of run", "Registered ...
# version", "champion is now" or, once training is done, the run's start, +0-40/150/400 ms in turn), about 45 % while the store writes a checkpoint (a new file in
# the store or in S3Proxy's bucket, +0-40 ms, after 0-2 such writes let through so that kills spread over the run),
# the rest at a uniformly random moment of the process (start-up, recovery, data preparation, training). Kills in
# the promotion phase come last, since a run gets there only once.
# After each kill, the database and store are read (bench CrashTestCheck): every checkpoint row not marked deleted
# must point at a blob whose size and SHA-256 verify. Each resume must continue from a round after the newest
# checkpoint printed before the kill. At the end: the run COMPLETED and PROMOTED, its model byte-identical to an
# uninterrupted run's (a separate database and store), exactly one champion change and one registered version, no
# execution, step or run left STARTING/STARTED/STOPPING.
# Last line: crash-test: N kills, N resumed, model identical: yes|no, duplicate promotions: K, stuck executions: K
# (duplicate promotions: champion changes beyond the first; stuck executions: job executions and runs left running).
# Exit 0 only when all of the above hold.
set -u
n=${1:?usage: crash-test.sh N [--postgres-s3] [--command] [--pipeline=NAME] [--keep]}; shift
backend=h2-files trainer=xgboost pipeline=synthetic-long keep=0 jobs_dir=jobs
for a in "$@"; do
  case $a in
    --postgres-s3) backend=postgres-s3 ;;
    --command) trainer=command ;;
    --pipeline=*) pipeline=${a#--pipeline=} ;;
    --jobs-dir=*) jobs_dir=${a#--jobs-dir=} ;;
    --keep) keep=1 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
jar=target/trainyard.jar; [ -f "$jar" ] || { echo "build $jar first: ./mvnw -q -B package -DskipTests" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/classpath.sh
. "$here/lib/classpath.sh"
bench_classpath || { echo "could not compile the bench helpers" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/crash-test.XXXXXX")
cleanup() {
  [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null
  bench_backends_stop
  if [ "$keep" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
bench_snapshot "$work"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
log "crash-test $n on $backend, $trainer trainer, work directory $work; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$trainer" = command ]; then
  pipeline=crash-sklearn jobs_dir=$work/jobs
  mkdir -p "$jobs_dir"; cp -r jobs/data jobs/trainers "$jobs_dir/"
  cat >"$jobs_dir/$pipeline.yaml" <<'YAML'
name: crash-sklearn
dataset: { path: data/breast_cancer.csv, label: malignant, validation-fraction: 0.2, seed: 42 }
trainer:
  type: command
  command: [/usr/bin/python3, trainers/sklearn_sgd.py, --epochs, "120", --checkpoint-every, "4", --pause, "0.25"]
  metrics: [{ name: val_auc, goal: max }, { name: val_loss, goal: min }]
gates: [{ metric: val_auc, min: 0.5 }]
promotion: { approval: auto }
YAML
fi

# the database and store of a setup NAME (ref: the uninterrupted run, crash: the one killed)
declare -A args check_db check_store watch
if [ "$backend" = postgres-s3 ]; then
  bench_backends "$work" ref crash || exit 2
  props=$work/backends.props
  for s in ref crash; do
    args[$s]="$(backend_args "$props" $s | tr '\n' ' ') --data-dir=$work/data-$s"
    check_db[$s]="$(prop "$props" $s.jdbc) postgres -"
    check_store[$s]="s3:$(prop "$props" s3.endpoint)|$s|trainyard"
    watch[$s]=$work/backends/s3/$s
  done
else
  for s in ref crash; do
    args[$s]="--data-dir=$work/data-$s"
    check_db[$s]="jdbc:h2:file:$work/data-$s/db/trainyard;AUTO_SERVER=TRUE;IFEXISTS=TRUE sa -"
    check_store[$s]="file:$work/data-$s/store"
    watch[$s]=$work/data-$s/store
  done
fi
trainyard() { # SETUP COMMAND OUT: runs the jar in the background, sets pid
  local s=$1 cmd=$2 out=$3
  # shellcheck disable=SC2086
  java -jar "$jar" "$cmd" "$pipeline" --jobs-dir="$jobs_dir" ${args[$s]} >"$out.out" 2>"$out.err" &
  pid=$!
}
check() { # SETUP OUT: the checker's key=value lines into OUT.check, its complaints into OUT.bad
  local s=$1 out=$2; local db
  read -r -a db <<<"${check_db[$s]}"; [ "${db[2]}" = - ] && db[2]=
  java -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$BENCH_CP" dev.trainyard.bench.CrashTestCheck \
    "${db[0]}" "${db[1]}" "${db[2]}" "$pipeline" "${check_store[$s]}" >"$out.check" 2>"$out.bad"
}
val() { grep "^$2=" "$1" | cut -d= -f2-; }
field() { python3 -c "import json,sys; l=[x for x in open(sys.argv[1]) if x.strip().startswith('{')]; v=json.loads(l[-1]).get(sys.argv[2]) if l else None; print('' if v is None else v)" "$1" "$2" 2>/dev/null; }
newest_round() { grep -oE '(round|step) [0-9]+/' "$@" 2>/dev/null | grep -oE '[0-9]+' | sort -n | tail -1; }

# 1. the uninterrupted run
log "uninterrupted run of $pipeline"
t0=$(date +%s.%N)
trainyard ref run "$work/ref"; wait "$pid"; rc=$?; pid=
t1=$(date +%s.%N)
sha0=$(field "$work/ref.out" modelSha256)
[ "$rc" = 0 ] && [ -n "$sha0" ] || { tail -5 "$work/ref.err" >&2; log "the uninterrupted run failed (exit $rc)"; exit 1; }
span=$(python3 -c "print(float('$t1') - float('$t0'))")
total=$(newest_round "$work/ref.err")
log "uninterrupted: exit 0, model $sha0, $total rounds in ${span%.*} s"

# 2. the kill plan: P promotion kills last, the others write/random shuffled
plan=$(python3 - "$n" <<'PY'
import random, sys
n = int(sys.argv[1]); p = max(1, round(n * 0.2)); w = round((n - p) * 0.56)
first = ["write %d" % random.randint(0, 2) for _ in range(w)] + ["random"] * (n - p - w)
random.shuffle(first)
spreads = [0.04, 0.15, 0.4]  # ever later into evaluate, gate, promote and the job's end
print("\n".join(first + ["promote %.2f" % spreads[i % 3] for i in range(p)]))
PY
)
kills=0 resumed=0 pending=0 bad_mid=0 regressions=0 failures=0 i=0 cmd=run
while read -r mode arg; do
  i=$((i + 1)); out=$work/a$i
  before=$(newest_round "$work"/a*.err)
  trainyard crash $cmd "$out"
  [ "$mode" = random ] && arg=$(python3 -c "print(max(8.0, $span / 6))")
  if [ "$mode" = promote ]; then
    [ "${before:-0}" = "$total" ] && arg="1 $arg" || arg="0 $arg"
  fi
  what=$(python3 "$here/lib/kill_when.py" "$pid" "$out.err" "$mode" "${watch[crash]}" "$arg"); hit=$?
  wait "$pid" 2>/dev/null; rc=$?; pid=
  first=$(grep -oE '(round|step) [0-9]+/' "$out.err" | head -1 | grep -oE '[0-9]+')
  if [ "$cmd" = resume ] && [ -n "$first" ] && [ -n "$before" ] && [ "$first" -le "$before" ]; then
    regressions=$((regressions + 1)); log "  resume #$i trained round $first again (newest checkpoint before: $before)"
  fi
  # the invocation after a kill went on: killed by us in turn, or ended well
  if [ "$pending" = 1 ] && { [ $hit = 0 ] || [ "$rc" = 0 ]; }; then resumed=$((resumed + 1)); pending=0; fi
  if [ $hit = 0 ]; then
    kills=$((kills + 1)); pending=1
    check crash "$out"; b=$(val "$out.check" checkpointsBad)
    [ "${b:-1}" = 0 ] || { bad_mid=$((bad_mid + 1)); log "  after kill $kills: checkpoints that do not verify:"; sed 's/^/    /' "$out.bad" >&2; }
    log "kill $kills/$n ($cmd, $mode $arg): $what; $(val "$out.check" checkpointsChecked) live checkpoints verified"
  else
    log "$cmd ended before the $mode kill (exit $rc): $what"
    [ "$rc" = 0 ] || { failures=$((failures + 1)); tail -5 "$out.err" >&2; }
    [ "$(field "$out.out" status)" = COMPLETED ] && { log "the run completed: no more kills possible"; break; }
  fi
  # killed before the run was recorded: nothing to resume yet, so run again
  if [ "$cmd" = run ] && ! grep -q 'Launching run' "$out.err"; then cmd=run; else cmd=resume; fi
done <<<"$plan"

# 3. the last resume, to the end, and the final checks
out=$work/final
log "final resume"
trainyard crash $cmd "$out"; wait "$pid"; rc=$?; pid=
[ "$pending" = 1 ] && [ "$rc" = 0 ] && resumed=$((resumed + 1))
sha=$(field "$out.out" modelSha256)
check crash "$out"
changes=$(val "$out.check" championChanges); versions=$(val "$out.check" versions)
changes=${changes:-0} versions=${versions:-0}
stuck_e=$(val "$out.check" stuckExecutions) stuck_r=$(val "$out.check" stuckRuns)
stuck=$(( ${stuck_e:-0} + ${stuck_r:-0} ))
dup=$(( changes > 1 ? changes - 1 : 0 ))
identical=no; [ "$sha" = "$sha0" ] && identical=yes
log "final resume: exit $rc, status $(field "$out.out" status), outcome $(field "$out.out" outcome), resumed from round $(field "$out.out" resumedFromRound), model ${sha:-none}"
log "database: newest run $(val "$out.check" state)/$(val "$out.check" outcome), $(val "$out.check" runs) run(s), $versions version(s), $changes champion change(s), stuck: $(val "$out.check" stuckExecutions) executions, $(val "$out.check" stuckSteps) steps, $(val "$out.check" stuckRuns) runs; $(val "$out.check" checkpointsChecked) live checkpoints, $(val "$out.check" checkpointsBad) bad"
cat "$out.bad" >&2
ok=1
[ "$kills" = "$n" ] || { ok=0; log "FAIL: $kills of $n kills landed"; }
[ "$resumed" = "$kills" ] || { ok=0; log "FAIL: $resumed of $kills kills were followed by a resume that went on"; }
[ "$rc" = 0 ] && [ "$(val "$out.check" state)" = COMPLETED ] || { ok=0; log "FAIL: the run did not complete"; tail -5 "$out.err" >&2; }
[ "$identical" = yes ] || { ok=0; log "FAIL: model differs from the uninterrupted run"; }
[ "$changes" = 1 ] && [ "$versions" = 1 ] || { ok=0; log "FAIL: $changes champion changes, $versions versions (expected 1 and 1)"; }
[ -n "$stuck_e" ] && [ "$stuck" = 0 ] && [ "$(val "$out.check" stuckSteps)" = 0 ] || { ok=0; log "FAIL: executions left running"; }
[ "$(val "$out.check" checkpointsBad)" = 0 ] && [ "$bad_mid" = 0 ] || { ok=0; log "FAIL: checkpoint rows whose blob does not verify (after $bad_mid kill(s), $(val "$out.check" checkpointsBad) at the end)"; }
[ "$regressions" = 0 ] || { ok=0; log "FAIL: $regressions resume(s) trained rounds a checkpoint already covered"; }
[ "$failures" = 0 ] || { ok=0; log "FAIL: $failures run/resume invocation(s) failed on their own"; }
log "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "crash-test: $kills kills, $resumed resumed, model identical: $identical, duplicate promotions: $dup, stuck executions: $stuck"
[ "$ok" = 1 ]
