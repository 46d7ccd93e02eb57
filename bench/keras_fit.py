"""`model.fit` milliseconds per step: tf.keras on TensorFlow 2.21, tf.keras on tfshim, and Keras
on its JAX backend, for an MLP (784-256-10) and a small CNN (Conv2D 16 3x3, MaxPooling 2x2,
Dense 10), batch 128, Adam, sparse cross-entropy from logits.

    PYTHONPATH=. python bench/keras_fit.py [--rounds N] [--models mlp,cnn] [--json OUT]

Each (backend, model) runs in its own process (Keras picks its backend once, from
KERAS_BACKEND; tfshim stands in for `tensorflow` through TFSHIM_AS_TENSORFLOW=1). A process
fits one epoch to compile, then times `fit` epochs of STEPS steps and reports the median epoch
time divided by its steps, and the process's CPU time per step over the same epoch (user + system,
all threads: on a shared machine it moves much less with the load than the wall time does). The
rounds interleave the backends so that the machine's load falls on all alike; each cell is the
best round's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

STEPS, BATCH, EPOCHS = 20, 128, 6

WORKER = r"""
import json, sys, time
import numpy as np
import keras
kind, steps, batch, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
L = keras.layers
if kind == "mlp":
    x = rng.random((steps * batch, 784), dtype=np.float32)
    model = keras.Sequential([keras.Input((784,)), L.Dense(256, activation="relu"), L.Dense(10)])
else:
    x = rng.random((steps * batch, 28, 28, 1), dtype=np.float32)
    model = keras.Sequential([keras.Input((28, 28, 1)), L.Conv2D(16, 3, activation="relu"),
                              L.MaxPooling2D(2), L.Flatten(), L.Dense(10)])
y = rng.integers(0, 10, steps * batch)
model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))

class Clock(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.times = []
    def on_epoch_begin(self, epoch, logs=None):
        self.t0, self.c0 = time.perf_counter(), time.process_time()
    def on_epoch_end(self, epoch, logs=None):
        self.times.append((time.perf_counter() - self.t0, time.process_time() - self.c0))

clock = Clock()
model.fit(x, y, batch_size=batch, epochs=epochs, verbose=0, callbacks=[clock])
timed = sorted(clock.times[1:])  # the first epoch compiles
wall, cpu = timed[len(timed) // 2]
print(json.dumps({"ms": 1000 * wall / steps, "cpu_ms": 1000 * cpu / steps,
                  "backend": keras.backend.backend(),
                  "tf": __import__("tensorflow").__name__ if kind else ""}))
"""

VARIANTS = {
    "tf": {"KERAS_BACKEND": "tensorflow", "TFSHIM_AS_TENSORFLOW": "0"},
    "tfshim": {"KERAS_BACKEND": "tensorflow", "TFSHIM_AS_TENSORFLOW": "1"},
    "keras-jax": {"KERAS_BACKEND": "jax", "TFSHIM_AS_TENSORFLOW": "0"},
}


def run(variant: str, kind: str) -> tuple:
    """(wall ms, CPU ms) per step of one process."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", **VARIANTS[variant])
    out = subprocess.run([sys.executable, "-c", WORKER, kind, str(STEPS), str(BATCH),
                          str(EPOCHS)], env=env, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError("%s %s failed:\n%s" % (variant, kind, out.stderr[-3000:]))
    record = json.loads(out.stdout.strip().splitlines()[-1])
    if variant == "tfshim" and record["tf"] != "tfshim":
        raise RuntimeError("the tfshim run imported %s" % record["tf"])
    return record["ms"], record["cpu_ms"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--models", default="mlp,cnn", help="comma-separated: mlp, cnn")
    parser.add_argument("--json")
    args = parser.parse_args()
    kinds = args.models.split(",")
    best: dict = {}
    for r in range(args.rounds):
        for kind in kinds:
            for variant in VARIANTS:
                ms, cpu = run(variant, kind)
                print("round %d %s %s: %.2f ms/step, %.2f CPU ms/step (load %s)" % (
                    r, kind, variant, ms, cpu, " ".join("%.1f" % v for v in os.getloadavg())),
                    file=sys.stderr)
                wall0, cpu0 = best.get((kind, variant), (float("inf"), float("inf")))
                best[kind, variant] = min(ms, wall0), min(cpu, cpu0)
    print("| model | tf.keras/TF ms | tf.keras/tfshim ms | Keras-JAX ms | tfshim/TF | "
          "tfshim/Keras-JAX | CPU ms TF / tfshim / Keras-JAX |")
    print("|---|---|---|---|---|---|---|")
    for kind in kinds:
        (tf_, ctf), (shim, cshim), (jx, cjx) = (best[kind, v] for v in VARIANTS)
        print("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f / %.1f / %.1f |" % (
            kind, tf_, shim, jx, shim / tf_, shim / jx, ctf, cshim, cjx))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"%s/%s" % k: {"ms": v[0], "cpu_ms": v[1]} for k, v in best.items()}, f,
                      indent=1)


if __name__ == "__main__":
    main()
