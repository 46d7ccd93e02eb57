"""Load and concurrency (issue 18): a soak run of eager training steps with flat memory
(tests/load/soak.py runs the full 10,000 steps), and tapes and tf.functions used from 8 threads
at once giving the results they give serially."""

import os
import sys
import threading

import numpy as np

import tfshim as tf

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "load"))
import soak  # noqa: E402

THREADS = 8


def test_soak_memory_stays_flat():
    losses, marks = soak.soak(tf, 500, samples=5)
    assert losses[-1] < losses[0] / 2, losses
    assert soak.growth(marks) <= 0.05, marks


def _make_work():
    """A fresh set of variables and tf.functions, and work(i): thread i's tape computations."""
    w = tf.Variable(np.linspace(-1, 1, 12).reshape(4, 3), dtype=tf.float32)
    b = tf.Variable(np.zeros(3), dtype=tf.float32)

    @tf.function
    def f(x):
        return tf.reduce_sum(tf.tanh(tf.matmul(x, w) + b) ** 2)

    @tf.function
    def g(x, k):
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_sum(tf.sin(x) * k)
        return t.gradient(y, x)

    @tf.function(reduce_retracing=True)
    def h(x):
        return tf.reduce_mean(x, axis=0) * 2.0

    def work(i):
        rows = i % 3 + 1  # three shapes: the threads share traces and trace at once
        x = tf.constant(np.arange(4 * rows, dtype=np.float32).reshape(rows, 4) / (7 + i))
        out = []
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = f(x)
            z = tf.reduce_sum(tf.exp(x * 0.1)) * (i + 1)
            with tf.GradientTape() as inner:
                inner.watch(x)
                q = tf.reduce_sum(x ** 3)
            s = tf.reduce_sum(inner.gradient(q, x))
            xx = x * x
            hh = tf.reduce_sum(h(x))
        out += [y] + t.gradient(y, [x, w, b])
        out += [t.gradient(z, x), t.gradient(s, x), t.gradient(hh, x), t.jacobian(xx, x)]
        out.append(g(x, 0.5))
        return [o.numpy() for o in out]

    return work


def _train(i, steps=12):
    """Thread i's own small training loop (the compiled backward pass is shared across them)."""
    v = tf.Variable(np.full((3, 2), 0.1 * (i + 1), np.float32))
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    for _ in range(steps):
        with tf.GradientTape() as t:
            loss = tf.reduce_mean(tf.square(tf.matmul(x, v) - 1.0))
        v.assign_sub(0.01 * t.gradient(loss, v))
    return [v.numpy(), loss.numpy()]


def _at_once(fn):
    """fn(i) for i in range(THREADS), run in THREADS threads released together."""
    results, failures = [None] * THREADS, []
    barrier = threading.Barrier(THREADS)

    def run(i):
        try:
            barrier.wait()
            results[i] = fn(i)
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    return results


def _assert_same(serial, concurrent):
    for a, b in zip(serial, concurrent):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            np.testing.assert_allclose(x, y, rtol=1e-6)


def test_tapes_and_functions_from_eight_threads_match_serial():
    work = _make_work()
    serial = [work(i) for i in range(THREADS)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # the threads interleave often
    try:
        # New functions: their first traces happen at once too.
        _assert_same(serial, _at_once(_make_work()))
    finally:
        sys.setswitchinterval(switch)


def test_training_loops_from_eight_threads_match_serial():
    serial = [_train(i) for i in range(THREADS)]
    _assert_same(serial, _at_once(_train))
