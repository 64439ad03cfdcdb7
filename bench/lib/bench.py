#!/usr/bin/env python3
"""The benchmark harness behind bench/run.sh (not a test: nothing here asserts a time).

Each figure is measured by a function below, repeated, and written to bench/report.json and bench/REPORT.md with the
command that produced it, its median and spread, and its target. Needs: target/trainyard.jar, the compiled test
classes and the test classpath (bench/run.sh prepares them), python3. Usage: see bench/run.sh.
"""
import base64, json, os, re, shutil, signal, socket, statistics, subprocess, sys, threading, time, urllib.request
import urllib.error
from datetime import datetime, timezone

ROOT = os.getcwd()
ARGS = dict(a.split("=", 1) if "=" in a else (a, "1") for a in sys.argv[1:])
QUICK = ARGS.get("--quick") == "1"
WORK = ARGS["--work"]
JAR = ARGS["--jar"]
CP = ARGS["--cp"]
ONLY = set(ARGS["--only"].split(",")) if "--only" in ARGS else None
OUT_JSON = ARGS.get("--json", "bench/report.json")
OUT_MD = ARGS.get("--md", "bench/REPORT.md")
JAVA = ["java"]
QUIET = "-Dlogging.config=" + os.path.join(ROOT, "bench/logback-quiet.xml")
AUTH = "Basic " + base64.b64encode(b"bench:bench").decode()
USERS = ["--trainyard.security.users[0].name=bench", "--trainyard.security.users[0].password=bench",
         "--trainyard.security.users[0].roles[0]=admin"]
AWS_ENV = dict(os.environ, AWS_ACCESS_KEY_ID="trainyard", AWS_SECRET_ACCESS_KEY="trainyard-secret-key",
               AWS_REGION="us-east-1")

SECTION = [""]
figures = []  # every figure: dict(id, title, value, unit, target, met, command, samples, notes, load)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def log(msg):
    print(f"[{datetime.now():%H:%M:%S}] {msg} (load {load()})", file=sys.stderr, flush=True)


def stats(xs):
    xs = sorted(xs)
    if not xs:
        return {}
    q = statistics.quantiles(xs, n=4) if len(xs) >= 2 else [xs[0]] * 3
    return {"n": len(xs), "median": statistics.median(xs), "min": xs[0], "max": xs[-1], "p25": q[0], "p75": q[2]}


def figure(fid, title, value, unit, target=None, met=None, command="", samples=None, notes="", extra=None):
    f = {"id": fid, "title": title, "value": value, "unit": unit, "target": target, "met": met, "command": command,
         "samples": samples or [], "stats": stats(samples or []), "notes": notes, "load": load(),
         "section": SECTION[0], "measuredAt": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if extra:
        f.update(extra)
    figures.append(f)
    log(f"{fid}: {value} {unit}" + (f" (target {target})" if target else ""))
    save()
    return f


def failed(fid, title, error, command=""):
    figures.append({"id": fid, "section": SECTION[0], "title": title, "value": None, "unit": "", "target": None, "met": None,
                    "command": command, "samples": [], "stats": {}, "notes": "NOT MEASURED: " + error, "load": load()})
    log(f"{fid}: failed: {error}")
    save()


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def http(method, url, body=None, timeout=60):
    req = urllib.request.Request(url, method=method, data=(json.dumps(body).encode() if body is not None else None),
                                 headers={"Authorization": AUTH, "Content-Type": "application/json"})
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            data = r.read(); code = r.status
    except urllib.error.HTTPError as e:
        data = e.read(); code = e.code
    return code, data, time.monotonic() - t0


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def write_pipeline(jobs, name, rows=200, features=4, rounds=1, every=1, depth=2, schedule=None, extra=""):
    os.makedirs(jobs, exist_ok=True)
    sched = f"schedule: {{ cron: \"{schedule}\", zone: UTC }}\n" if schedule else ""
    open(os.path.join(jobs, name + ".yaml"), "w").write(
        f"name: {name}\n{sched}dataset: {{ path: \"synthetic:classification?rows={rows}&features={features}&seed=1\", "
        f"label: label, seed: 1 }}\ntrainer: {{ objective: \"binary:logistic\", rounds: {rounds}, "
        f"params: {{ max_depth: {depth} }}, checkpoint-every: {every} }}\ngates: [{{ metric: auc, min: 0.0 }}]\n"
        f"promotion: {{ approval: auto }}\n{extra}")


class Server:
    """trainyard.jar as a server on a free port, with a bench user (admin)."""

    def __init__(self, data, jobs, *extra, jvm=(), env=None, jar=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        os.makedirs(data, exist_ok=True)
        self.log = open(os.path.join(data, "server.log"), "ab")
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(JAVA + list(jvm) + ["-jar", jar or JAR, f"--server.port={self.port}",
                                     f"--data-dir={data}", f"--jobs-dir={jobs}"] + USERS + list(extra),
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env or os.environ)

    def wait_healthy(self, limit=300):
        while time.monotonic() - self.t0 < limit:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited {self.proc.returncode}, see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/actuator/health", timeout=2) as r:
                    if r.status == 200 and b"UP" in r.read():
                        return time.monotonic() - self.t0
            except Exception:
                pass
            time.sleep(0.05)
        raise RuntimeError("server not healthy in time")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill(); self.proc.wait()
        self.log.close()


def cli(args, jvm=(), env=None, until=None, jar=None):
    """Runs the CLI; returns (exit code or None when stopped at `until`, seconds to `until` or to the end, stderr lines
    with the time each was read)."""
    t0 = time.monotonic()
    p = subprocess.Popen(JAVA + list(jvm) + ["-jar", jar or JAR] + args, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env or os.environ, text=True, errors="replace")
    lines = []
    hit = None
    out = []
    t = threading.Thread(target=lambda: out.append(p.stdout.read())); t.start()
    for line in p.stderr:
        lines.append((time.monotonic() - t0, line.rstrip("\n")))
        if until and hit is None and re.search(until, line):
            hit = time.monotonic() - t0
            p.kill()
            break
    p.wait(); t.join()
    return (None if hit is not None else p.returncode), (hit if hit is not None else time.monotonic() - t0), lines, \
        "".join(out)


def java_main(cls, *args, jvm=(), env=None):
    r = subprocess.run(JAVA + list(jvm) + [QUIET, "-cp", CP, cls] + [str(a) for a in args], capture_output=True,
                       text=True, env=env or os.environ)
    if r.returncode != 0:
        raise RuntimeError(f"{cls} failed: {r.stderr[-800:]}")
    return r.stdout


def backends(work, *names):
    """PostgreSQL + S3Proxy (BenchBackends) in the background: returns (process, properties dict)."""
    os.makedirs(work, exist_ok=True)
    props = os.path.join(work, "backends.props")
    p = subprocess.Popen(JAVA + [QUIET, "-cp", CP, "dev.trainyard.bench.BenchBackends", os.path.join(work, "b"),
                                 props] + list(names), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=open(os.path.join(work, "backends.err"), "w"), text=True)
    line = p.stdout.readline()
    while line and not line.startswith("ready"):  # its own log lines come first
        line = p.stdout.readline()
    if not line.startswith("ready"):
        raise RuntimeError("BenchBackends did not start, see " + os.path.join(work, "backends.err"))
    kv = dict(l.split("=", 1) for l in open(props).read().split("\n") if "=" in l)
    return p, kv


def backend_args(kv, name):
    return [f"--spring.datasource.url={kv[name + '.jdbc']}", "--spring.datasource.username=postgres",
            "--spring.datasource.password=", f"--trainyard.store.s3.bucket={kv[name + '.bucket']}",
            "--trainyard.store.s3.prefix=trainyard", f"--trainyard.store.s3.endpoint={kv['s3.endpoint']}",
            "--trainyard.store.s3.region=us-east-1", "--trainyard.store.s3.path-style-access=true"]


def wanted(fid):
    return ONLY is None or fid in ONLY or fid.split("-")[0] in ONLY


# ---------------------------------------------------------------------------------------------------------------
def orchestration():
    warm, n = (2, 8) if QUICK else (3, 30)
    cmd = f"java -cp <test classpath> dev.trainyard.bench.OrchestrationBenchmark <dir> {warm} {n}"
    out = java_main("dev.trainyard.bench.OrchestrationBenchmark", os.path.join(WORK, "orchestration"), warm, n)
    ty = [float(l.split()[1]) for l in out.splitlines() if l.startswith("trainyard ")]
    bare = [float(l.split()[1]) for l in out.splitlines() if l.startswith("bare ")]
    ratio = statistics.median(ty) / statistics.median(bare)
    figure("orchestration-ratio", "Orchestration overhead: trivial pipeline / bare Spring Batch job (5 tasklet steps, "
           "same H2 file database, same JVM, alternating)", round(ratio, 2), "x", "≤ 1.3", ratio <= 1.3, cmd,
           [round(a / b, 3) for a, b in zip(ty, bare)],
           f"median trivial pipeline {statistics.median(ty):.0f} ms ({statistics.median(ty) / 5:.0f} ms per step), "
           f"bare job {statistics.median(bare):.0f} ms ({statistics.median(bare) / 5:.0f} ms per step); samples are "
           "the per-launch ratios",
           {"trainyardMs": stats(ty), "bareMs": stats(bare)})


def launches():
    k = 40 if QUICK else 200
    d = os.path.join(WORK, "launches"); jobs = os.path.join(d, "jobs")
    write_pipeline(jobs, "trivial")
    s = Server(os.path.join(d, "data"), jobs, "--trainyard.runs.max-queued=100000")
    try:
        s.wait_healthy()
        http("POST", s.url + "/api/pipelines/trivial/runs")  # warm-up
        lat = []
        t0 = time.monotonic()
        codes = {}
        for _ in range(k):
            code, _, dt = http("POST", s.url + "/api/pipelines/trivial/runs")
            codes[code] = codes.get(code, 0) + 1
            lat.append(dt * 1000)
        accepted = time.monotonic() - t0
        rss = rss_mb(s.proc.pid)
        deadline = time.monotonic() + (300 if QUICK else 1200)
        done = 0
        while time.monotonic() < deadline:
            code, body, _ = http("GET", s.url + "/api/runs?pipeline=trivial&status=COMPLETED&limit=1000")
            done = len(json.loads(body)) if code == 200 else 0
            if done >= k + 1:
                break
            time.sleep(1)
        drained = time.monotonic() - t0
    finally:
        s.stop()
    cmd = f"{k} sequential POST /api/pipelines/trivial/runs to `java -jar trainyard.jar` (max-concurrent 2, max-queued 100000)"
    figure("launches-accepted", "Launches accepted per second through POST /api/pipelines/{name}/runs (queue in front)",
           round(k / accepted, 1), "launches/s", None, None, cmd, [round(x, 1) for x in lat],
           f"responses {codes}; samples: per-request latency in ms; server RSS after the launches {rss:.0f} MB")
    figure("launches-completed", "Runs of the trivial pipeline completed per second by the queue (2 at a time)",
           round(done / drained, 2), "runs/s", None, None, cmd, [],
           f"{done} of {k + 1} completed in {drained:.0f} s")


def checkpoint_cost():
    reps = 1 if QUICK else 3
    cmd = f"BENCH_FEATURES=40 bench/checkpoint-overhead.sh {reps} bench/reports/run/checkpoint-overhead.md"
    r = subprocess.run(["bench/checkpoint-overhead.sh", str(reps), "bench/reports/run/checkpoint-overhead.md"],
                       capture_output=True, text=True, env=dict(os.environ, BENCH_FEATURES="40", BENCH_JAR=JAR))
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-800:])
    res = json.load(open("bench/reports/run/checkpoint-overhead.json"))
    figure("checkpoint-ratio", "Checkpoint cost: train step with a checkpoint every 10 rounds / one at the end "
           "(300 rounds, 200 000 x 40 synthetic rows)", round(res["trainRatio"], 3), "x", "≤ 1.05",
           res["trainRatio"] <= 1.05, cmd, [round(a / b, 3) for a, b in zip(res["every"], res["atEnd"])],
           f"train step medians {statistics.median(res['every']):.2f} s vs {statistics.median(res['atEnd']):.2f} s; "
           f"whole run ratio {res['wallRatio']:.3f}; see bench/reports/run/checkpoint-overhead.md")


def trainer_vs_plain():
    rows, feats, rounds, reps = (200000, 40, 100, 2) if QUICK else (200000, 40, 300, 3)
    cmd = f"java -cp <test classpath> dev.trainyard.bench.TrainerBenchmark {rows} {feats} {rounds} 10 {reps}"
    out = java_main("dev.trainyard.bench.TrainerBenchmark", rows, feats, rounds, 10, reps)
    plain = [float(l.split()[2]) for l in out.splitlines() if l.startswith("plain ")]
    tr = [float(l.split()[2]) for l in out.splitlines() if l.startswith("trainer ")]
    ratio = statistics.median(tr) / statistics.median(plain)
    figure("trainer-vs-xgboost", f"Built-in trainer rounds/s / plain XGBoost4J rounds/s ({rows} x {feats}, {rounds} "
           "rounds, segments of 10 with the model's bytes after each, no store)", round(ratio, 3), "x", "≥ 0.95",
           ratio >= 0.95, cmd, [round(a / b, 3) for a, b in zip(tr, plain)],
           f"trainer {statistics.median(tr):.2f} rounds/s, plain XGBoost4J {statistics.median(plain):.2f} rounds/s")


def store():
    reps, sizes = ("1", "64") if QUICK else ("3", "100 1024")
    cmd = f"bench/s3-store.sh {reps} \"{sizes}\" bench/reports/run/s3-store.md"
    r = subprocess.run(["bench/s3-store.sh", reps, sizes, "bench/reports/run/s3-store.md"], capture_output=True, text=True,
                       env=dict(os.environ, BENCH_CP=CP))
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-800:])
    md = open("bench/reports/run/s3-store.md").read()
    sect = md.split("The store against the raw SDK")[1].split("Every run")[0]
    for m in re.finditer(r"^\| ([0-9.]+ [MG]iB) \| (S3BlobStore[^|]*?) \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| ([^|]+)\|",
                         sect, re.M):
        size, variant, save, restore, both, heap = m.groups()
        figure(f"store-{size.replace(' ', '')}-{'known' if 'known' in variant else 'stream'}",
               f"S3 store vs raw SDK on S3Proxy, {size}, {variant.strip()}: save + restore throughput ratio",
               float(both), "x", "≥ 0.9", float(both) >= 0.9, cmd, [],
               f"save {save}, restore {restore}; peak heap store / raw {heap.strip()} MiB; see bench/reports/run/s3-store.md")


def resume_latency():
    reps = 2 if QUICK else 5
    for backend in ("h2-files", "postgres-s3"):
        d = os.path.join(WORK, "resume-" + backend); jobs = os.path.join(d, "jobs")
        write_pipeline(jobs, "resume", rows=200000, features=40, rounds=300, every=1, depth=8)
        samples = []
        bp = None
        try:
            if backend == "postgres-s3":
                bp, kv = backends(d, *[f"resume{i}" for i in range(reps)])
            for i in range(reps):
                extra = [f"--data-dir={d}/data{i}", f"--jobs-dir={jobs}"] + (backend_args(kv, f"resume{i}") if bp else [])
                rc, _, _, _ = cli(["run", "resume"] + extra, env=AWS_ENV, until=r"round 3/")
                rc, t, lines, _ = cli(["resume", "resume"] + extra, env=AWS_ENV, until=r"round \d+/")
                samples.append(round(t, 2))
        finally:
            if bp:
                bp.stdin.close(); bp.wait(60)
        figure(f"resume-{backend}", f"Resume latency ({backend}): `resume` started → first new round trained "
               "(200 000 x 40 rows, killed after round 3, a checkpoint every round)", statistics.median(samples), "s",
               None, None, "trainyard.jar run resume (SIGKILL after `round 3/`), then trainyard.jar resume resume, "
               "until the first progress line", samples)


def startup():
    reps = 3 if QUICK else 5
    d = os.path.join(WORK, "startup"); jobs = os.path.join(d, "jobs")
    write_pipeline(jobs, "tiny", rows=1000, features=10, rounds=5, every=1)
    # the variants of the same jar: nested (java -jar), extracted, extracted + CDS archive
    ext = os.path.join(d, "extracted")
    shutil.rmtree(ext, ignore_errors=True)
    subprocess.run(JAVA + ["-Djarmode=tools", "-jar", JAR, "extract", "--destination", ext], check=True,
                   capture_output=True)
    ejar = os.path.join(ext, "trainyard.jar")
    jsa = os.path.join(d, "trainyard.jsa")
    subprocess.run(JAVA + [f"-XX:ArchiveClassesAtExit={jsa}", "-jar", ejar, "run", "tiny", f"--data-dir={d}/cds-train",
                           f"--jobs-dir={jobs}"], capture_output=True)
    variants = [("nested jar", JAR, []), ("extracted jar", ejar, []),
                ("extracted jar + CDS", ejar, [f"-XX:SharedArchiveFile={jsa}"])]
    if "--variants" in ARGS:
        variants = [v for v in variants if v[0] in ARGS["--variants"].split(",")]
    for name, jar, jvm in variants:
        samples = []
        for i in range(reps):
            rc, t, lines, _ = cli(["run", "tiny", f"--data-dir={d}/{name.replace(' ', '')}{i}", f"--jobs-dir={jobs}"],
                                  jvm=jvm, jar=jar, until=r"round 1/")
            samples.append(round(t, 2))
        slug = name.replace(" ", "-").replace("+", "").replace("--", "-")
        figure(f"startup-cli-{slug}", f"CLI start → first round trained ({name})", statistics.median(samples), "s",
               "≤ 3 s", statistics.median(samples) <= 3,
               f"java {' '.join(jvm)} -jar {os.path.relpath(jar, d) if jar != JAR else 'target/trainyard.jar'} run tiny "
               "(1 000 x 10 rows, a checkpoint every round) until `round 1/`", samples)
    startup_itemised(d, jobs, ejar, jsa)
    for name, jar, jvm in variants:
        samples, rss = [], []
        for i in range(max(2, reps - 1)):
            s = Server(f"{d}/server-{name.replace(' ', '')}{i}", jobs, jvm=jvm, jar=jar)
            try:
                samples.append(round(s.wait_healthy(), 2))
                time.sleep(5 if QUICK else 15)
                rss.append(round(rss_mb(s.proc.pid)))
            finally:
                s.stop()
        slug = name.replace(" ", "-").replace("+", "").replace("--", "-")
        figure(f"startup-server-{slug}", f"Server start → /actuator/health UP ({name})", statistics.median(samples), "s",
               "≤ 5 s", statistics.median(samples) <= 5, f"java {' '.join(jvm)} -jar … (server), poll /actuator/health",
               samples)
        figure(f"idle-rss-{slug}", f"Server resident memory when idle ({name})", statistics.median(rss), "MB",
               "≤ 300 MB", statistics.median(rss) <= 300,
               f"VmRSS of the server {5 if QUICK else 15} s after healthy, no runs", rss)


def startup_itemised(d, jobs, ejar, jsa):
    """Where the CLI's time goes: class-load and log timestamps of one run (nested jar)."""
    cl = os.path.join(d, "classload.log")
    t_exec = time.time()
    rc, t, lines, _ = cli(["run", "tiny", f"--data-dir={d}/itemised", f"--jobs-dir={jobs}",
                           "--logging.level.org.flywaydb.core.internal.command=info",
                           "--logging.level.org.springframework.boot.StartupInfoLogger=info"],
                          jvm=[f"-Xlog:class+load=info:file={cl}:uptime"], until=r"round 1/")
    marks = {}
    pat = {"launcher": r"org\.springframework\.boot\.loader\.launch\.JarLauncher ",
           "main": r"dev\.trainyard\.TrainyardApplication ",
           "context": r"org\.springframework\.context\.support\.AbstractApplicationContext ",
           "flyway": r"org\.flywaydb\.core\.Flyway ",
           "batch": r"org\.springframework\.batch\.core\.launch\.support\.TaskExecutorJobOperator ",
           "xgboost-native": r"ml\.dmlc\.xgboost4j\.java\.NativeLibLoader ",
           "xgboost-ready": r"ml\.dmlc\.xgboost4j\.java\.DMatrix "}
    classes = 0
    for line in open(cl, errors="replace"):
        classes += 1
        m = re.match(r"\[(\d+\.\d+)s\]", line)
        if not m:
            continue
        for k, p in pat.items():
            if k not in marks and re.search(p, line):
                marks[k] = float(m.group(1))
    stamps = {}
    for (rel, line) in lines:
        for k, p in {"flyway-done": r"Successfully (applied|validated)|is up to date|Migrating schema",
                     "launching": r"Launching run", "prepared": r"Prepared dataset", "first-round": r"round 1/"}.items():
            if re.search(p, line):
                stamps[k] = rel
    steps = [("JVM start → Spring Boot launcher", 0, marks.get("launcher")),
             ("launcher: nested jar class path → main()", marks.get("launcher"), marks.get("main")),
             ("Spring Boot start → context refresh begins", marks.get("main"), marks.get("context")),
             ("context: beans up to Flyway", marks.get("context"), marks.get("flyway")),
             ("Flyway (validate/migrate) and the rest of the context → run launched", marks.get("flyway"),
              stamps.get("launching")),
             ("run launched → dataset prepared", stamps.get("launching"), stamps.get("prepared")),
             ("XGBoost native library load", marks.get("xgboost-native"), marks.get("xgboost-ready")),
             ("dataset prepared → first round (incl. XGBoost load, first checkpoint)", stamps.get("prepared"),
              stamps.get("first-round"))]
    items = [{"step": s, "seconds": (round(b - a, 2) if a is not None and b is not None else None)} for s, a, b in steps]
    figure("startup-itemised", "Where the CLI's time to the first round goes (one run, nested jar, class-load logging on)",
           stamps.get("first-round"), "s", "≤ 3 s", None,
           "java -Xlog:class+load=info:file=classload.log:uptime -jar target/trainyard.jar run tiny (timestamps of "
           "marker classes and of log lines)", [], f"{classes} classes loaded; class-load logging adds its own cost",
           {"items": items})


def growth():
    sizes = [1000, 10000, 100000]
    d = os.path.join(WORK, "growth"); jobs = os.path.join(d, "jobs")
    write_pipeline(jobs, "trivial")
    for backend in (("h2-files",) if QUICK else ("h2-files", "postgres-s3")):
        bp = None
        extra = []
        data = os.path.join(d, "data-" + backend)
        if backend == "postgres-s3":
            bp, kv = backends(os.path.join(d, "pg"), "growth")
            extra = backend_args(kv, "growth")
            jdbc, user = kv["growth.jdbc"], "postgres"
        else:
            jdbc, user = f"jdbc:h2:file:{data}/db/trainyard;AUTO_SERVER=TRUE", "sa"
        s = Server(data, jobs, "--trainyard.runs.max-queued=100000", *extra, env=AWS_ENV)
        try:
            s.wait_healthy()
            have = 0
            for n in sizes:
                java_main("dev.trainyard.bench.RunRowsGenerator", jdbc, user, n - have, "trivial")
                have = n
                gets, gets_f, posts = [], [], []
                for _ in range(10 if QUICK else 30):
                    gets.append(http("GET", s.url + "/api/runs")[2] * 1000)
                    gets_f.append(http("GET", s.url + "/api/runs?pipeline=trivial&status=FAILED")[2] * 1000)
                for _ in range(3 if QUICK else 10):
                    code, _, dt = http("POST", s.url + "/api/pipelines/trivial/runs")
                    posts.append(dt * 1000)
                figure(f"growth-{backend}-get-runs-{n}", f"GET /api/runs (50 newest) with {n} runs in the database "
                       f"({backend})", round(statistics.median(gets), 1), "ms", None, None,
                       "RunRowsGenerator inserts rows into TY_RUN directly; then GET /api/runs", [round(x, 1) for x in gets])
                figure(f"growth-{backend}-get-filtered-{n}", f"GET /api/runs?pipeline=trivial&status=FAILED with {n} "
                       f"runs ({backend})", round(statistics.median(gets_f), 1), "ms", None, None,
                       "as above", [round(x, 1) for x in gets_f])
                figure(f"growth-{backend}-launch-{n}", f"POST /api/pipelines/trivial/runs with {n} runs ({backend})",
                       round(statistics.median(posts), 1), "ms", None, None, "as above", [round(x, 1) for x in posts])
        finally:
            s.stop()
            if bp:
                bp.stdin.close(); bp.wait(60)


def many_checkpoints():
    n = 500 if QUICK else 2000
    d = os.path.join(WORK, "checkpoints"); jobs = os.path.join(d, "jobs")
    write_pipeline(jobs, "many", rows=2000, features=5, rounds=n, every=1, depth=2)
    rc, t, lines, _ = cli(["run", "many", f"--data-dir={d}/data", f"--jobs-dir={jobs}"])
    # the time between two progress lines as this process read them (the lines' own "x.x s" rounds to 0.1 s)
    at = [t for t, l in lines if re.search(r"round \d+/\d+", l)]
    seg = [b - a for a, b in zip(at, at[1:])]
    if len(seg) < 20:
        raise RuntimeError(f"only {len(seg)} progress lines (exit {rc})")
    k = max(10, n // 20)
    first, last = statistics.median(seg[1:k + 1]), statistics.median(seg[-k:])
    figure("checkpoints-many", f"One run with {n} checkpoints: time per checkpointed round, last {k} / first {k}",
           round(last / first, 2), "x", "flat (≈ 1)", None,
           f"trainyard.jar run many (2 000 x 5 rows, {n} rounds, a checkpoint every round, max_depth 2)",
           [round(x * 1000, 1) for x in seg[1:k + 1]] + [round(x * 1000, 1) for x in seg[-k:]],
           f"median first {k}: {first * 1000:.0f} ms, last {k}: {last * 1000:.0f} ms; the model grows with every "
           f"round (serialized and hashed whole at each checkpoint); whole run {t:.0f} s, exit {rc}")


def schedules():
    n = 500
    probes = 10
    d = os.path.join(WORK, "schedules"); jobs = os.path.join(d, "jobs")
    shutil.rmtree(jobs, ignore_errors=True)
    start = time.time() + (60 if QUICK else 90)  # the first probe tick, after the server is up
    ticks = {}
    for i in range(n):
        if i < probes:
            t = datetime.fromtimestamp(start + i * 4, timezone.utc)
            ticks[f"s{i:03d}"] = t.replace(microsecond=0)
            cron = f"{t.second} {t.minute} {t.hour} * * *"
        else:  # far away from the measured window
            t = datetime.fromtimestamp(start + 6 * 3600 + i * 7, timezone.utc)
            cron = f"{t.second} {t.minute} {t.hour} * * *"
        write_pipeline(jobs, f"s{i:03d}", schedule=cron)
    s = Server(os.path.join(d, "data"), jobs, "--trainyard.runs.max-queued=1000")
    try:
        healthy = s.wait_healthy()
        rss0 = rss_mb(s.proc.pid)
        lat = {}
        while time.time() < start + probes * 4 + 30 and len(lat) < probes:
            code, body, _ = http("GET", s.url + "/api/runs?limit=100")
            if code == 200:
                for r in json.loads(body):
                    p = r["pipeline"]
                    if p in ticks and p not in lat:
                        created = datetime.fromisoformat(r["createdAt"].replace("Z", "+00:00"))
                        lat[p] = (created - ticks[p]).total_seconds() * 1000
            time.sleep(0.5)
        rss1 = rss_mb(s.proc.pid)
    finally:
        s.stop()
    vals = sorted(lat.values())
    figure("schedules-tick-to-launch", f"{n} scheduled pipelines: tick → run recorded (createdAt), {probes} probes",
           round(statistics.median(vals)) if vals else None, "ms", None, None,
           f"{n} pipeline files with daily crons, {probes} of them ticking 4 s apart in the window; server "
           "`java -jar trainyard.jar`", [round(v) for v in vals],
           f"{len(vals)} of {probes} probes launched; server healthy in {healthy:.1f} s with {n} pipelines; RSS "
           f"{rss0:.0f} MB after start, {rss1:.0f} MB after the probes")


def machine():
    mem = [l for l in open("/proc/meminfo") if l.startswith("MemTotal")][0].split()[1]
    jv = subprocess.run(JAVA + ["-version"], capture_output=True, text=True).stderr.splitlines()
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
    return {"cores": os.cpu_count(), "memoryGiB": round(int(mem) / 1024 / 1024, 1), "jdk": " / ".join(jv[:2]),
            "cpu": cpu[0] if cpu else "?", "os": os.uname().release}


META = {}


def save():
    json.dump({"machine": META, "quick": QUICK, "figures": figures}, open(OUT_JSON, "w"), indent=1)
    lines = ["# Trainyard benchmark report", "",
             "Written by `bench/run.sh" + (" --quick" if QUICK else "") + "` (not a test; nothing asserts a time). "
             f"Machine: {META.get('cores')} cores ({META.get('cpu')}), {META.get('memoryGiB')} GiB, {META.get('jdk')}. "
             f"Figures measured between {min((f.get('measuredAt', '~') for f in figures), default='?')} and "
             f"{max((f.get('measuredAt', '') for f in figures), default='?')} (several invocations with --only and "
             "--append); last written " f"{META.get('started')}. "
             "The machine is shared with other engineers' builds: each figure has the load average (1, 5, 15 min) "
             "when it was taken; compare ratios measured side by side rather than absolute times.", "",
             "| figure | value | target | met | median [min–max] of samples | n | load | how |", "|---|---|---|---|---|---|---|---|"]
    for f in figures:
        st = f["stats"]
        spread = f"{st['median']:.3g} [{st['min']:.3g}–{st['max']:.3g}]" if st else ""
        met = {True: "yes", False: "**no**", None: ""}[f["met"]]
        val = "—" if f["value"] is None else f"{f['value']} {f['unit']}"
        lines.append(f"| {f['title']} | {val} | {f['target'] or ''} | {met} | {spread} | {st.get('n', '')} | "
                     f"{f['load']} | {f['command']} |")
    lines += ["", "## Notes per figure", ""]
    for f in figures:
        if f["notes"]:
            lines.append(f"- **{f['id']}**: {f['notes']}")
        for it in f.get("items", []):
            lines.append(f"  - {it['step']}: {it['seconds']} s")
    # written by hand or by the other scripts, folded in as they are
    for extra in ("bench/reports/analysis.md", "bench/reports/crash-test/summary.md", "bench/reports/faults.md"):
        if os.path.exists(extra) and OUT_MD != "/dev/null":
            text = open(extra).read()
            lines += ["", re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", text, flags=re.M)]  # one level down
    open(OUT_MD, "w").write("\n".join(lines) + "\n")


ALL = [("orchestration", orchestration), ("launches", launches), ("checkpoint", checkpoint_cost),
       ("trainer", trainer_vs_plain), ("store", store), ("resume", resume_latency), ("startup", startup),
       ("growth", growth), ("checkpoints", many_checkpoints), ("schedules", schedules)]

if __name__ == "__main__":
    META.update(machine()); META["started"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    META["loadStart"] = load()
    if "--append" in ARGS and os.path.exists(OUT_JSON):
        old = json.load(open(OUT_JSON))
        figures.extend(f for f in old["figures"] if ONLY and f.get("section") not in ONLY)
    for name, fn in ALL:
        if ONLY is not None and name not in ONLY:
            continue
        SECTION[0] = name
        log(f"measuring {name}")
        try:
            fn()
        except Exception as e:  # a figure that could not be measured is reported as such
            failed(name, name, f"{type(e).__name__}: {e}")
    META["ended"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"); META["loadEnd"] = load()
    save()
