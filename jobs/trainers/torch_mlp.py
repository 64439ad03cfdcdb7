#!/usr/bin/env python3
"""A small PyTorch MLP on the breast-cancer data, as a Trainyard command trainer.

It follows CONTRACT section 7 and nothing else: it reads its data, seed and directories
from TRAINYARD_* variables, prints `trainyard:progress step=N total=M` after each epoch,
publishes a checkpoint every few epochs (model, optimizer and random generator state,
written into `tmp-N` and renamed to `N`), continues from TRAINYARD_RESUME_DIR when it is
set, and ends with the model in TRAINYARD_MODEL_DIR and its validation metrics in
TRAINYARD_METRICS_FILE. On CPU with one thread and deterministic algorithms, a run resumed
from a checkpoint ends with exactly the weights of one that was never interrupted.

SIGTERM (Trainyard's stop, its timeout, its own shutdown): finish the epoch, publish a
final checkpoint and exit 143, as a process ended by SIGTERM does; Trainyard then records
the run STOPPED (or TIMED_OUT) and `resume` continues from that checkpoint. End of file on
stdin means Trainyard is gone: exit 75 at once, publishing nothing.

    --evaluate       evaluate the model in TRAINYARD_MODEL_DIR (such as the champion's) on
                     TRAINYARD_VALIDATION_DATA and write its metrics; no training
    --epochs N       epochs to train (steps, for Trainyard)
    --checkpoint-every K
    --hidden H       width of the hidden layer
    --lr RATE        Adam's learning rate
    --pause SECONDS  wait after each epoch (to watch a stop and a resume in a demo)
"""
import argparse
import csv
import json
import math
import os
import signal
import sys
import threading
import time

import torch

STOP = threading.Event()


def env(name):
    value = os.environ.get(name)
    if value is None:
        sys.exit(f"{name} is not set: run this script as a Trainyard command trainer")
    return value


def read_csv(path, label):
    """The split as Trainyard writes it: a header, then numbers; an empty cell is missing."""
    with open(path, newline="", encoding="utf-8") as file:
        rows = csv.reader(file)
        header = next(rows)
        column = header.index(label)
        features, labels = [], []
        for row in rows:
            values = [float(cell) if cell else math.nan for cell in row]
            labels.append(values.pop(column))
            features.append(values)
    return torch.tensor(features, dtype=torch.float32), torch.tensor(labels, dtype=torch.float32)


def build(features, hidden):
    return torch.nn.Sequential(torch.nn.Linear(features, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))


def standardize(x, mean, std):
    return torch.nan_to_num((x - mean) / std, nan=0.0)


def auc(scores, labels):
    """The area under the ROC curve: the chance that a positive outranks a negative (ties half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(1 for value in labels if value == 1)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return 0.5
    positive_ranks = sum(rank for rank, value in zip(ranks, labels) if value == 1)
    return (positive_ranks - positives * (positives + 1) / 2) / (positives * negatives)


def metrics(model, mean, std, path, label):
    x, y = read_csv(path, label)
    with torch.no_grad():
        logits = model(standardize(x, mean, std)).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y).item()
    return {"val_auc": auc(logits.tolist(), y.tolist()), "val_loss": loss}


def write_metrics(values):
    path = env("TRAINYARD_METRICS_FILE")
    with open(path + ".tmp", "w", encoding="utf-8") as file:
        json.dump(values, file)
    os.replace(path + ".tmp", path)


def publish(checkpoints, epoch, model, optimizer, mean, std):
    """CONTRACT section 7: write into a directory whose name does not start with a digit, then rename it."""
    temp = os.path.join(checkpoints, f"tmp-{epoch}")
    os.makedirs(temp)
    state = {"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
             "rng": torch.get_rng_state(), "mean": mean, "std": std}
    with open(os.path.join(temp, "checkpoint.pt"), "wb") as file:
        torch.save(state, file)
        file.flush()
        os.fsync(file.fileno())
    os.rename(temp, os.path.join(checkpoints, str(epoch)))


def save_model(model, mean, std, hidden):
    directory = env("TRAINYARD_MODEL_DIR")
    with open(os.path.join(directory, "model.pt"), "wb") as file:
        torch.save({"model": model.state_dict(), "mean": mean, "std": std}, file)
    with open(os.path.join(directory, "model.json"), "w", encoding="utf-8") as file:
        json.dump({"framework": "pytorch", "architecture": "mlp", "features": int(mean.numel()),
                   "hidden": hidden}, file, sort_keys=True)


def watch_stdin():
    """End of file on stdin: Trainyard is gone, so nobody will store another checkpoint."""
    def wait():
        # the raw descriptor, not sys.stdin: a daemon thread blocked in a buffered read
        # makes the interpreter abort at exit
        while os.read(0, 4096):
            pass
        print("stdin closed: Trainyard is gone, exiting", file=sys.stderr, flush=True)
        os._exit(75)
    threading.Thread(target=wait, daemon=True).start()


def evaluate(label):
    with open(os.path.join(env("TRAINYARD_MODEL_DIR"), "model.json"), encoding="utf-8") as file:
        shape = json.load(file)
    saved = torch.load(os.path.join(env("TRAINYARD_MODEL_DIR"), "model.pt"))
    model = build(shape["features"], shape["hidden"])
    model.load_state_dict(saved["model"])
    values = metrics(model, saved["mean"], saved["std"], env("TRAINYARD_VALIDATION_DATA"), label)
    write_metrics(values)
    print(f"evaluated: {values}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true")
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--checkpoint-every", type=int, default=5)
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--pause", type=float, default=0.0)
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    label = env("TRAINYARD_LABEL")
    watch_stdin()
    if args.evaluate:
        evaluate(label)
        return

    signal.signal(signal.SIGTERM, lambda signum, frame: STOP.set())
    torch.manual_seed(int(env("TRAINYARD_SEED")))
    x, y = read_csv(env("TRAINYARD_TRAIN_DATA"), label)
    mean = torch.nan_to_num(x.nanmean(dim=0))
    std = torch.sqrt(torch.nan_to_num(((x - mean) ** 2).nanmean(dim=0)))
    std[std == 0] = 1.0
    x = standardize(x, mean, std)
    model = build(x.shape[1], args.hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    epoch = 0
    resume = os.environ.get("TRAINYARD_RESUME_DIR")
    if resume:
        state = torch.load(os.path.join(resume, "checkpoint.pt"))
        if state["epoch"] != int(env("TRAINYARD_RESUME_STEP")):
            sys.exit(f"{resume} holds epoch {state['epoch']}, not TRAINYARD_RESUME_STEP")
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        torch.set_rng_state(state["rng"])
        mean, std, epoch = state["mean"], state["std"], state["epoch"]
        print(f"resuming from epoch {epoch}", flush=True)

    checkpoints = env("TRAINYARD_CHECKPOINT_DIR")
    published = epoch
    while epoch < args.epochs:
        if STOP.is_set():
            if published != epoch:
                publish(checkpoints, epoch, model, optimizer, mean, std)
            print(f"SIGTERM: stopped after epoch {epoch}", flush=True)
            sys.exit(143)
        order = torch.randperm(x.shape[0])
        total = 0.0
        for start in range(0, x.shape[0], args.batch_size):
            batch = order[start:start + args.batch_size]
            optimizer.zero_grad()
            logits = model(x[batch]).squeeze(1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        epoch += 1
        print(f"trainyard:progress step={epoch} total={args.epochs}", flush=True)
        print(f"epoch {epoch}: training loss {total / x.shape[0]:.5f}", flush=True)
        if epoch % args.checkpoint_every == 0 or epoch == args.epochs:
            publish(checkpoints, epoch, model, optimizer, mean, std)
            published = epoch
        if args.pause:
            time.sleep(args.pause)

    save_model(model, mean, std, args.hidden)
    values = metrics(model, mean, std, env("TRAINYARD_VALIDATION_DATA"), label)
    write_metrics(values)
    print(f"validation: {values}", flush=True)


if __name__ == "__main__":
    main()
