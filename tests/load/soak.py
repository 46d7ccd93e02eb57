"""The soak test: eager training steps (tape, gradient, variable updates) in a loop, with the
process's resident memory sampled as it goes. Memory must stay flat: nothing kept per step.

    python tests/load/soak.py --steps 10000     # issue 18's full run; tests/test_load.py runs fewer
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time

import numpy as np


def rss_bytes() -> int:
    """This process's resident set size (Linux /proc; ru_maxrss elsewhere is only the peak)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def soak(tf, steps: int, samples: int = 10):
    """Train a small MLP eagerly for `steps` steps; returns (losses, [(step, rss bytes)]).

    Each step: a tape, variables read and assigned, a sparse (gather) gradient, a tf.function
    call inside the tape, and every tenth step a failing op; the first tenth of the steps
    warms the caches before memory is sampled.
    """
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(size=(32, 8)).astype(np.float32))
    y = tf.constant(rng.normal(size=(32, 1)).astype(np.float32))
    w1 = tf.Variable(rng.normal(size=(8, 16)).astype(np.float32) * 0.3)
    b1 = tf.Variable(np.zeros(16, np.float32))
    w2 = tf.Variable(rng.normal(size=(16, 1)).astype(np.float32) * 0.3)
    emb = tf.Variable(rng.normal(size=(10, 8)).astype(np.float32) * 0.1)
    ids = tf.constant(rng.integers(0, 10, size=32).astype(np.int32))
    params = [w1, b1, w2, emb]

    @tf.function
    def head(h):
        return tf.matmul(h, w2)

    losses, marks = [], []
    warm = max(1, steps // 10)
    every = max(1, (steps - warm) // samples)
    for step in range(steps):
        with tf.GradientTape() as tape:
            h = tf.nn.relu(tf.matmul(x + tf.gather(emb, ids), w1) + b1)
            pred = head(h)
            if step % 10 == 0:
                try:  # a failing op inside the tape: nothing of it may stay behind
                    tf.matmul(h, w1)
                except tf.errors.InvalidArgumentError:
                    pass
            loss = tf.reduce_mean(tf.square(pred - y))
        grads = tape.gradient(loss, params)
        for v, g in zip(params, grads):
            v.assign_sub(0.01 * tf.convert_to_tensor(g))
        if step % 100 == 0:
            losses.append(float(loss))
        if step + 1 == warm or (step + 1 > warm and (step + 1 - warm) % every == 0):
            gc.collect()
            marks.append((step + 1, rss_bytes()))
    return losses, marks


def growth(marks) -> float:
    """The resident memory's growth from the first sample after warm-up to the largest later one."""
    base = marks[0][1]
    return max(m for _, m in marks[1:]) / base - 1.0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=10000)
    p.add_argument("--limit", type=float, default=0.05, help="allowed memory growth (0.05: 5%%)")
    a = p.parse_args(argv)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
        __file__)))))
    import tfshim as tf

    start = time.time()
    losses, marks = soak(tf, a.steps)
    g = growth(marks)
    print("%d steps in %.0f s; loss %.4f -> %.4f" % (a.steps, time.time() - start, losses[0],
                                                      losses[-1]))
    print("resident memory (MB) by step: " + ", ".join(
        "%d: %.1f" % (s, m / 2**20) for s, m in marks))
    print("growth after warm-up: %.2f%% (limit %.0f%%)" % (100 * g, 100 * a.limit))
    return 0 if g <= a.limit else 1


if __name__ == "__main__":
    sys.exit(main())
