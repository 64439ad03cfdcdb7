# Sourced by the bench scripts: compiles the test classes (the bench helpers live in src/test/java/dev/trainyard/bench)
# when they are missing or older than their sources, and sets BENCH_CP to the test classpath. Maven runs offline (-o)
# first and, when the local repository lacks a plugin or dependency, once more online; BENCH_MVN_ONLINE=1 goes
# online at once.
bench_mvn() {
  if [ "${BENCH_MVN_ONLINE:-0}" != 1 ] && nice -n 5 ./mvnw -q -B -o "$@" >/dev/null 2>&1; then return 0; fi
  nice -n 5 ./mvnw -q -B "$@" >&2
}
bench_classpath() {
  local stamp=target/test-classes/dev/trainyard/bench/CrashTestCheck.class
  if [ ! -f "$stamp" ] || [ -n "$(find src/test/java/dev/trainyard/bench src/main/java -newer "$stamp" -name '*.java' | head -1)" ]; then
    bench_mvn test-compile || return 1
  fi
  if [ ! -s target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
    bench_mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt || return 1
  fi
  BENCH_CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
}

# bench_backends WORKDIR NAME...: starts PostgreSQL + S3Proxy (BenchBackends) in the background, its commands fed
# from the fifo WORKDIR/backends.in; waits until WORKDIR/backends.props exists. Sets BACKENDS_PID and BACKENDS_FEED.
bench_backends() {
  local work=$1; shift
  mkdir -p "$work"; rm -f "$work/backends.in"; mkfifo "$work/backends.in"
  sleep 100000 >"$work/backends.in" & BACKENDS_FEED=$!
  java -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$BENCH_CP" dev.trainyard.bench.BenchBackends \
    "$work/backends" "$work/backends.props" "$@" <"$work/backends.in" >"$work/backends.out" 2>&1 & BACKENDS_PID=$!
  for _ in $(seq 1 600); do [ -f "$work/backends.props" ] && return 0; kill -0 $BACKENDS_PID 2>/dev/null || break; sleep 0.1; done
  echo "PostgreSQL + S3Proxy did not start:" >&2; tail -20 "$work/backends.out" >&2; return 1
}
bench_backends_stop() { [ -n "${BACKENDS_FEED:-}" ] && kill "$BACKENDS_FEED" 2>/dev/null; [ -n "${BACKENDS_PID:-}" ] && wait "$BACKENDS_PID" 2>/dev/null; BACKENDS_FEED=; BACKENDS_PID=; }
prop() { grep "^$2=" "$1" | head -1 | cut -d= -f2-; }

# the settings of trainyard.jar for database and bucket NAME of the running backends (S3Proxy's key in the environment)
backend_args() {
  local props=$1 name=$2
  echo "--spring.datasource.url=$(prop "$props" "$name.jdbc") --spring.datasource.username=postgres --spring.datasource.password="
  echo "--trainyard.store.s3.bucket=$(prop "$props" "$name.bucket") --trainyard.store.s3.prefix=trainyard"
  echo "--trainyard.store.s3.endpoint=$(prop "$props" s3.endpoint) --trainyard.store.s3.region=us-east-1 --trainyard.store.s3.path-style-access=true"
}
export AWS_ACCESS_KEY_ID=trainyard AWS_SECRET_ACCESS_KEY=trainyard-secret-key AWS_REGION=us-east-1

# bench_snapshot DIR: copies the jar and the compiled classes into DIR and points jar and BENCH_CP at the copies, so
# that a rebuild while a long benchmark runs does not pull its classes away
bench_snapshot() {
  local dir=$1; mkdir -p "$dir/cp"
  cp target/trainyard.jar "$dir/trainyard.jar"; jar=$dir/trainyard.jar
  cp -r target/classes target/test-classes "$dir/cp/"
  BENCH_CP="$dir/cp/test-classes:$dir/cp/classes:$(cat target/bench-classpath.txt)"
}

# bench_setup NAME: what faults.sh and run.sh start with: the jar built, the bench helpers compiled, and a work directory
# /tmp/NAME.XXXXXX with a snapshot of both (removed on exit unless keep=1). Sets work, jar and BENCH_CP.
bench_setup() {
  [ -f target/trainyard.jar ] || { echo "build target/trainyard.jar first: ./mvnw -q -B package -DskipTests" >&2; exit 2; }
  bench_classpath || { echo "could not compile the bench helpers" >&2; exit 2; }
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap '[ "${keep:-0}" = 1 ] && echo "work directory kept: $work" >&2 || rm -rf "$work"' EXIT
  bench_snapshot "$work"
}
