"""Checkpoint cases written by one library and read by the other (tests/test_checkpoint.py).

`write` saves every case under a directory, `read` restores them into fresh objects holding
other values and summarizes them (every restored value's dtype, shape and exact bytes). The same
code runs on both libraries; the test compares the reader's summary with the writer's.
`python checkpoint_interop.py exchange LIBRARY READ_DIR WRITE_DIR` reads READ_DIR and writes
WRITE_DIR in one process (one TensorFlow start-up for both directions), printing both summaries
as JSON; the Keras cases (keras_interop.py, under keras/ in each directory) run there too.
"""

import importlib
import json
import os
import sys

import numpy as np

DTYPES = ["float16", "bfloat16", "float32", "float64", "complex64", "complex128", "int8",
          "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool", "string"]


def _value(name, shape, seed):
    rng = np.random.RandomState(seed)
    if name == "string":
        pool = [b"", b"a", b"\x00\xffbytes", "ünïcode".encode(), b"x" * 300]
        return np.array([pool[i % len(pool)] for i in rng.randint(0, 99, size=shape).reshape(-1)],
                        dtype=object).reshape(shape)
    if name == "bool":
        return np.asarray(rng.rand(*shape) > 0.5)
    if name.startswith("complex"):
        return np.asarray(rng.randn(*shape) + 1j * rng.randn(*shape)).astype(name)
    if name.startswith(("int", "uint")):
        info = np.iinfo(name)
        low, high = max(info.min, -1000), min(info.max, 1000)
        return np.asarray(rng.randint(low, high, size=shape)).astype(name)
    return np.asarray(rng.randn(*shape) * 100, np.float32)  # bfloat16/half made by the library


def _var(tf, name, shape, seed, zero=False):
    value = _value(name, shape, seed)
    if zero:
        value = np.zeros_like(value) if name != "string" else np.full(shape, b"?", object)
    return tf.Variable(tf.cast(value, name) if name in ("float16", "bfloat16", "float32",
                                                         "float64") else value, dtype=name)


def _summary(v):
    a = np.asarray(v.numpy())
    if a.dtype == object or a.dtype.kind in "SU":
        data = [bytes(x).hex() for x in a.reshape(-1)]
    else:
        data = np.ascontiguousarray(a).tobytes().hex()
    return [v.dtype.name, list(a.shape), data]


def _modules(tf, zero, late=False):
    """The nested-structure case: a module with a submodule, a list, a dict and a tuple."""

    class Dense(tf.Module):
        def __init__(self, n, seed):
            super().__init__()
            self.w = _var(tf, "float32", (3, n), seed, zero)
            self.b = _var(tf, "float32", (n,), seed + 1, zero)

    class Net(tf.Module):
        def __init__(self):
            super().__init__()
            self.layers = [Dense(2, 1), Dense(4, 3)]
            self.table = {"alpha": _var(tf, "int64", (2,), 5, zero),
                          "beta": [_var(tf, "float64", (), 6, zero)]}
            self.pair = (_var(tf, "int32", (1,), 7, zero), Dense(1, 8))
            if not late:
                self.head = Dense(5, 9)

    return Net()


def _objects(tf, zero, late=False):
    net = _modules(tf, zero, late)
    typed = tf.Module()
    for i, name in enumerate(DTYPES):
        setattr(typed, name, _var(tf, name, (2, 3), 100 + i, zero))
        setattr(typed, name + "_scalar", _var(tf, name, (), 200 + i, zero))
    typed.large = _var(tf, "float32", (512, 300), 300, zero)  # 600 kB: past one table block
    gen = tf.random.Generator.from_seed(11 if zero else 42)
    if not zero:
        gen.normal([3])  # moves the state away from the seed's
    return net, typed, gen


def _net_summary(net):
    out = {"w0": _summary(net.layers[0].w), "b1": _summary(net.layers[1].b),
           "alpha": _summary(net.table["alpha"]), "beta": _summary(net.table["beta"][0]),
           "pair0": _summary(net.pair[0]), "pair1": _summary(net.pair[1].w)}
    if hasattr(net, "head"):
        out["head"] = _summary(net.head.w)
    return out


def write(tf, directory):
    net, typed, gen = _objects(tf, zero=False)
    ckpt = tf.train.Checkpoint(net=net, typed=typed, gen=gen)
    paths = {"save": ckpt.save(os.path.join(directory, "plain", "ckpt"))}
    ckpt.write(os.path.join(directory, "written", "w"))
    # CheckpointManager: five saves keeping two, each with other values.
    step = tf.Variable(0, dtype="int64")
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(step=step, net=net),
                                         os.path.join(directory, "managed"), max_to_keep=2)
    for i in range(5):
        step.assign(10 * (i + 1))
        paths["managed-%d" % i] = manager.save()
    summary = {"net": _net_summary(net), "typed": {k: _summary(getattr(typed, k))
                                                   for k in sorted(vars(typed))
                                                   if not k.startswith("_")},
               "gen": _summary(gen.state), "step": _summary(step),
               "managed": [os.path.basename(p) for p in manager.checkpoints]}
    return summary


def read(tf, directory):
    out = {}
    net, typed, gen = _objects(tf, zero=True)
    ckpt = tf.train.Checkpoint(net=net, typed=typed, gen=gen)
    latest = tf.train.latest_checkpoint(os.path.join(directory, "plain"))
    ckpt.restore(latest).assert_consumed()
    out["net"] = _net_summary(net)
    out["typed"] = {k: _summary(getattr(typed, k)) for k in sorted(vars(typed))
                    if not k.startswith("_")}
    out["gen"] = _summary(gen.state)
    out["save_counter"] = int(ckpt.save_counter.numpy())
    # Delayed restoration: `head` is created after the restore and still gets its value.
    late, _, _ = _objects(tf, zero=True, late=True)
    status = tf.train.Checkpoint(net=late).read(os.path.join(directory, "written", "w"))
    status.expect_partial()
    late.head = _modules(tf, zero=True).head
    out["late"] = _net_summary(late)
    # The manager: the latest of the kept checkpoints, restored; then two more saves.
    step = tf.Variable(0, dtype="int64")
    managed_net = _modules(tf, zero=True)
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(step=step, net=managed_net),
                                         os.path.join(directory, "managed"), max_to_keep=2)
    out["managed"] = [os.path.basename(p) for p in manager.checkpoints]
    out["restored_from"] = os.path.basename(manager.restore_or_initialize())
    out["step"] = _summary(step)
    out["managed_net"] = _net_summary(managed_net)
    manager.save()
    out["after_save"] = sorted(f for f in os.listdir(os.path.join(directory, "managed")))
    return out


def small(tf, directory=None):
    """The checked-in TF checkpoint (tests/checkpoints/tf_2_21, written by
    `python tests/checkpoint_interop.py small tensorflow tests/checkpoints/tf_2_21`): a few
    dtypes, a string, nested modules and a dict; returns the Checkpoint and, with a directory,
    saves it there as ckpt-1."""
    inner = tf.Module()
    inner.kernel = tf.Variable([[1.5, -2.0], [3.25, 0.0]])
    inner.half = tf.Variable([1.0, -0.5], dtype="bfloat16")
    outer = tf.Module()
    outer.inner = inner
    outer.items = {"flag": tf.Variable([True, False]), "z": tf.Variable(1 + 2j, dtype="complex128")}
    outer.words = tf.Variable([b"tf", b"", "ünï".encode()])
    ckpt = tf.train.Checkpoint(model=outer, step=tf.Variable(9, dtype="int64"))
    if directory is not None:
        ckpt.save(os.path.join(directory, "ckpt"))
    return ckpt


if __name__ == "__main__":
    mode, library, *dirs = sys.argv[1:]
    directory = os.pathsep.join(dirs)
    tf = importlib.import_module(library)
    if mode == "small":
        small(tf, directory)
    else:
        import keras_interop

        read_dir, write_dir = directory.split(os.pathsep)
        print(json.dumps({
            "read": read(tf, read_dir), "written": write(tf, write_dir),
            "keras_read": keras_interop.read(tf, os.path.join(read_dir, "keras")),
            "keras_written": keras_interop.write(tf, os.path.join(write_dir, "keras"))}))
