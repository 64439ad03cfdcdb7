#!/usr/bin/env python3
"""A scikit-learn SGD logistic regression, as a Trainyard command trainer.

The same protocol as torch_mlp.py (CONTRACT section 7) with scikit-learn: each epoch is
one `partial_fit` over the shuffled training rows; a checkpoint is the pickled scaler and
classifier (whose NumPy random generator, and so the next shuffles, are part of it),
written into `tmp-N` and renamed to `N`. The model is written as JSON (every number as
float.hex, keys sorted), not pickled: pickle's bytes depend on which objects happen to be
shared, so a resumed run's pickle differs from an uninterrupted one's even when the model
is the same; the JSON is byte-for-byte the same. SIGTERM: publish a final checkpoint, exit 143. End of file on stdin:
exit 75 at once.

    --evaluate        evaluate the model in TRAINYARD_MODEL_DIR on TRAINYARD_VALIDATION_DATA
    --epochs N        epochs (steps, for Trainyard)
    --checkpoint-every K
    --alpha A         the L2 penalty
    --pause SECONDS   wait after each epoch (for demos)
"""
import argparse
import json
import os
import pickle
import signal
import sys
import threading
import time

import numpy as np
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

STOP = threading.Event()


def env(name):
    value = os.environ.get(name)
    if value is None:
        sys.exit(f"{name} is not set: run this script as a Trainyard command trainer")
    return value


def read_csv(path, label):
    """The split as Trainyard writes it: a header, then numbers; an empty cell is missing (0 here)."""
    with open(path, encoding="utf-8") as file:
        header = file.readline().rstrip("\n").split(",")
        rows = [[float(cell) if cell else 0.0 for cell in line.rstrip("\n").split(",")] for line in file]
    data = np.array(rows, dtype=np.float64)
    column = header.index(label)
    return np.delete(data, column, axis=1), data[:, column]


def exported(scaler, classifier):
    """The model as plain numbers: standardize with mean and scale, then a logistic regression."""
    return {"mean": [float(v).hex() for v in scaler.mean_], "scale": [float(v).hex() for v in scaler.scale_],
            "coef": [float(v).hex() for v in classifier.coef_[0]], "intercept": float(classifier.intercept_[0]).hex()}


def probabilities(model, x):
    def numbers(key):
        return np.array([float.fromhex(v) for v in model[key]])
    z = ((x - numbers("mean")) / numbers("scale")) @ numbers("coef") + float.fromhex(model["intercept"])
    return 1 / (1 + np.exp(-z))


def metrics(model, label):
    x, y = read_csv(env("TRAINYARD_VALIDATION_DATA"), label)
    p = np.clip(probabilities(model, x), 1e-15, 1 - 1e-15)
    return {"val_auc": float(roc_auc_score(y, p)), "val_loss": float(log_loss(y, p, labels=[0, 1]))}


def write_metrics(values):
    path = env("TRAINYARD_METRICS_FILE")
    with open(path + ".tmp", "w", encoding="utf-8") as file:
        json.dump(values, file)
    os.replace(path + ".tmp", path)


def dump(path, state):
    with open(path, "wb") as file:
        pickle.dump(state, file, protocol=4)
        file.flush()
        os.fsync(file.fileno())


def publish(checkpoints, epoch, scaler, classifier):
    temp = os.path.join(checkpoints, f"tmp-{epoch}")
    os.makedirs(temp)
    dump(os.path.join(temp, "state.pkl"), {"epoch": epoch, "scaler": scaler, "classifier": classifier})
    os.rename(temp, os.path.join(checkpoints, str(epoch)))


def watch_stdin():
    def wait():
        while os.read(0, 4096):
            pass
        print("stdin closed: Trainyard is gone, exiting", file=sys.stderr, flush=True)
        os._exit(75)
    threading.Thread(target=wait, daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--checkpoint-every", type=int, default=5)
    parser.add_argument("--alpha", type=float, default=1e-4)
    parser.add_argument("--pause", type=float, default=0.0)
    args = parser.parse_args()
    label = env("TRAINYARD_LABEL")
    watch_stdin()
    if args.evaluate:
        with open(os.path.join(env("TRAINYARD_MODEL_DIR"), "model.json"), encoding="utf-8") as file:
            write_metrics(metrics(json.load(file), label))
        return

    signal.signal(signal.SIGTERM, lambda signum, frame: STOP.set())
    x, y = read_csv(env("TRAINYARD_TRAIN_DATA"), label)
    scaler = StandardScaler().fit(x)
    seed = int(env("TRAINYARD_SEED")) % (2 ** 32)
    classifier = SGDClassifier(loss="log_loss", alpha=args.alpha, random_state=np.random.RandomState(seed))
    epoch = 0
    resume = os.environ.get("TRAINYARD_RESUME_DIR")
    if resume:
        with open(os.path.join(resume, "state.pkl"), "rb") as file:
            state = pickle.load(file)
        if state["epoch"] != int(env("TRAINYARD_RESUME_STEP")):
            sys.exit(f"{resume} holds epoch {state['epoch']}, not TRAINYARD_RESUME_STEP")
        scaler, classifier, epoch = state["scaler"], state["classifier"], state["epoch"]
        print(f"resuming from epoch {epoch}", flush=True)
    x = scaler.transform(x)

    checkpoints = env("TRAINYARD_CHECKPOINT_DIR")
    published = epoch
    while epoch < args.epochs:
        if STOP.is_set():
            if published != epoch:
                publish(checkpoints, epoch, scaler, classifier)
            print(f"SIGTERM: stopped after epoch {epoch}", flush=True)
            sys.exit(143)
        order = classifier.random_state.permutation(len(y))
        classifier.partial_fit(x[order], y[order], classes=[0, 1])
        epoch += 1
        print(f"trainyard:progress step={epoch} total={args.epochs}", flush=True)
        if epoch % args.checkpoint_every == 0 or epoch == args.epochs:
            publish(checkpoints, epoch, scaler, classifier)
            published = epoch
        if args.pause:
            time.sleep(args.pause)

    model = exported(scaler, classifier)
    with open(os.path.join(env("TRAINYARD_MODEL_DIR"), "model.json"), "w", encoding="utf-8") as file:
        json.dump(model, file, sort_keys=True, indent=1)
    values = metrics(model, label)
    write_metrics(values)
    print(f"validation: {values}", flush=True)


if __name__ == "__main__":
    main()
