#!/usr/bin/env python3
"""Crash-test helper: SIGKILL a trainyard process at a chosen kind of moment.

  kill_when.py PID ERRFILE MODE WATCHDIR ARG

MODE
  write    when a new file appears under WATCHDIR (the store writing a checkpoint: the file store's
           temporary file, or S3Proxy's part/object files), after ARG earlier appearances have been let
           through, plus 0-40 ms
  promote  when stderr shows the promotion phase: ARG picks the trigger (0: "Candidate of run" + 0-40 ms,
           1: "Registered ... version" + 0-30 ms, 2: "champion is now" + 0-20 ms)
  random   at a uniformly random moment in the first ARG seconds of the process
Prints one line saying what it did; exit 0 when it killed, 1 when the process ended first.
"""
import os, random, re, signal, sys, time

pid, err, mode, watch, arg = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
t0 = time.monotonic()


def alive():
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet waited for) counts as ended
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def files():
    seen = set()
    for root, _, names in os.walk(watch):
        for n in names:
            seen.add(os.path.join(root, n))
    return seen


def last_round():
    try:
        text = open(err, errors="replace").read()
    except OSError:
        return None
    m = re.findall(r"(?:round|step) (\d+)/", text)
    return int(m[-1]) if m else None


def kill(what):
    if not alive():
        print(f"missed ({what}): process ended first")
        sys.exit(1)
    os.kill(pid, signal.SIGKILL)
    print(f"killed {what} at +{time.monotonic() - t0:.2f} s, last progress round {last_round()}")
    sys.exit(0)


if mode == "random":
    at = random.random() * float(arg)
    while time.monotonic() - t0 < at:
        if not alive():
            print("missed (random): process ended first"); sys.exit(1)
        time.sleep(0.01)
    kill(f"at random moment {at:.2f} s")
elif mode == "write":
    skip = int(arg)
    known = files()
    while True:
        if not alive():
            print("missed (write): process ended first"); sys.exit(1)
        now = files()
        new = now - known
        known = now
        if new:
            if skip == 0:
                time.sleep(random.random() * 0.04)
                kill("during a store write (" + os.path.basename(sorted(new)[0]) + ")")
            skip -= 1
        time.sleep(0.003)
elif mode == "promote":
    # ARG: "<after-training> <spread>": the first promotion-phase line of this process (+0-spread s); once training
    # is done (after-training 1), also the run's start, since a resume after a kill late in promotion logs no
    # promotion line of its own (it finishes the promote step, or only the job's end)
    after, spread = arg.split()
    spread = float(spread)
    trigger = r"Candidate of run|Registered .* version|champion is now"
    if after == "1":
        trigger += r"|started \(execution"
    while True:
        if not alive():
            print(f"missed (promote): process ended first"); sys.exit(1)
        try:
            text = open(err, errors="replace").read()
        except OSError:
            text = ""
        m = re.search(trigger, text)
        if m:
            time.sleep(random.random() * spread)
            kill(f"in promotion (after '{m.group(0)}' +0-{spread:.2f} s)")
        time.sleep(0.003)
else:
    sys.exit(f"unknown mode {mode}")
