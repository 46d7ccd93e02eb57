"""The benchmark workloads: each one written once against the TF API and once in plain JAX.

A workload has variants, each a factory `factory(env) -> Case` (see timing.Case):

    tfshim           the TF-API code below, run with `import tfshim as tf` (eager)
    tfshim.function  the same step wrapped in tfshim's tf.function (n/a until tfshim has one)
    jax              hand-written JAX, eager (no jax.jit anywhere)
    jax.jit          hand-written JAX, the whole step under jax.jit
    tf               the same TF-API code on real TensorFlow 2.21, eager
    tf.function      the same step wrapped in real tf.function

The TF-API code is one function `build(tf) -> Case` called with either module, so tfshim and
TensorFlow run literally the same Python. `tf_api(build)` makes the four TF-API variants from it;
adding tf.function support to tfshim needs no change here: the tfshim.function variant turns on
when `hasattr(tfshim, "function")`.

A factory raises Skip when a variant does not apply or an API is missing: printed as n/a.
"""

from __future__ import annotations

import gc
import os
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from timing import Case, make_sync_tf, sync_jax, sync_tfshim

VARIANTS = ("tfshim", "tfshim.function", "jax", "jax.jit", "tf", "tf.function")


class Skip(Exception):
    """This variant does not apply (the message says why): reported as n/a."""


class Env:
    """The frameworks available in this process."""

    def __init__(self, tfshim, tf=None, tf_error: str = ""):
        import jax
        import jax.numpy as jnp

        self.tfshim = tfshim
        self.tf = tf
        self.tf_error = tf_error
        self.jax = jax
        self.jnp = jnp
        self.sync_tf = make_sync_tf(tf) if tf is not None else None

    def module(self, which: str):
        if which == "tfshim":
            return self.tfshim
        if self.tf is None:
            raise Skip("tensorflow not importable here" + (
                " (%s)" % self.tf_error if self.tf_error else ""))
        return self.tf

    def sync_for(self, which: str):
        return sync_tfshim if which == "tfshim" else self.sync_tf


@dataclass
class Workload:
    name: str
    title: str
    variants: dict = field(default_factory=dict)  # variant -> factory(env) -> Case
    unit: str = "us"
    repeat: int | None = None  # None: the runner's default
    target_s: float | None = None  # None: the runner's default


WORKLOADS: dict[str, Workload] = {}


def workload(name: str, title: str, unit: str = "us", repeat=None, target_s=None):
    def register(make_variants: Callable[[], dict]):
        WORKLOADS[name] = Workload(name, title, make_variants(), unit, repeat, target_s)
        return make_variants

    return register


def require(mod, *paths: str) -> None:
    """Skip unless `mod` has every dotted attribute path (e.g. "nn.relu")."""
    for p in paths:
        obj = mod
        for part in p.split("."):
            if not hasattr(obj, part):
                raise Skip("%s has no tf.%s" % (getattr(mod, "__name__", "module"), p))
            obj = getattr(obj, part)


def tf_api(build: Callable, *, function: bool | str = True) -> dict:
    """The tfshim / tfshim.function / tf / tf.function variants of one TF-API `build(tf)`.

    function: False (or a reason string) where wrapping the step in tf.function is not
    meaningful for this workload.
    """

    def eager(which):
        def factory(env):
            mod = env.module(which)
            case = build(mod)
            if case.run is not None and case.measure is None:
                case.sync = env.sync_for(which)
            return case

        return factory

    def compiled(which):
        def factory(env):
            if function is not True:
                raise Skip(function or "not meaningful here")
            mod = env.module(which)
            if not hasattr(mod, "function"):
                raise Skip("%s has no tf.function yet" % which)
            case = build(mod)
            case.run = mod.function(case.run)
            case.sync = env.sync_for(which)
            return case

        return factory

    return {"tfshim": eager("tfshim"), "tfshim.function": compiled("tfshim"),
            "tf": eager("tf"), "tf.function": compiled("tf")}


def jax_case(run, **kw) -> Case:
    return Case(run=run, sync=sync_jax, **kw)


def f32(env, x):
    """A float32 jax array (tfshim turns on jax_enable_x64: never rely on default dtypes)."""
    return env.jnp.asarray(np.asarray(x, np.float32))


# ===========================================================================================
# 1. Scalar op dispatch


@workload("scalar_mul", "tf.multiply on two float32 scalars (op dispatch)")
def _scalar_mul():
    def build(tf):
        def step(a, b):
            return tf.multiply(a, b)

        return Case(run=step, args=(tf.constant(2.0), tf.constant(3.0)))

    def jax_eager(env):
        return jax_case(env.jnp.multiply, args=(f32(env, 2.0), f32(env, 3.0)))

    def jax_jit(env):
        return jax_case(env.jax.jit(env.jnp.multiply), args=(f32(env, 2.0), f32(env, 3.0)))

    return {**tf_api(build), "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# 2. The seed cell


@workload("seed_cell", "tf.ones((2,2)), tape, reduce_sum, multiply, gradient")
def _seed_cell():
    def build(tf):
        def step():
            x = tf.ones((2, 2))
            with tf.GradientTape() as t:
                t.watch(x)
                y = tf.reduce_sum(x)
                z = tf.multiply(y, y)
            return t.gradient(z, x)

        return Case(run=step)

    def f(env):
        jnp = env.jnp

        def fn(x):
            y = jnp.sum(x)
            return jnp.multiply(y, y)

        return fn

    def jax_eager(env):
        jnp, grad = env.jnp, env.jax.grad(f(env))
        return jax_case(lambda: grad(jnp.ones((2, 2), jnp.float32)))

    def jax_jit(env):
        jnp, grad = env.jnp, env.jax.jit(env.jax.grad(f(env)))
        return jax_case(lambda: grad(jnp.ones((2, 2), jnp.float32)))

    return {**tf_api(build), "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# 3. Second-order gradient through nested tapes (TF's autodiff guide: y = x * x * x)


@workload("second_order", "d2/dx2 of x*x*x through nested tapes (x a Variable)")
def _second_order():
    def build(tf):
        x = tf.Variable(1.0)

        def step():
            with tf.GradientTape() as t2:
                with tf.GradientTape() as t1:
                    y = x * x * x
                dy_dx = t1.gradient(y, x)
            return t2.gradient(dy_dx, x)

        return Case(run=step)

    def cube(x):
        return x * x * x

    def jax_eager(env):
        return jax_case(env.jax.grad(env.jax.grad(cube)), args=(f32(env, 1.0),))

    def jax_jit(env):
        return jax_case(env.jax.jit(env.jax.grad(env.jax.grad(cube))), args=(f32(env, 1.0),))

    return {**tf_api(build), "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# 4. A 100-op chain on 1,024 values, with its gradient

CHAIN_OPS = 100
CHAIN_SIZE = 1024


@workload("chain_100", "100 ops (sin, *c alternating) on 1,024 float32 + gradient")
def _chain_100():
    x0 = np.linspace(-2, 2, CHAIN_SIZE, dtype=np.float32)

    def build(tf):
        def step(x, c):
            with tf.GradientTape() as t:
                t.watch(x)
                y = x
                for i in range(CHAIN_OPS):
                    y = tf.sin(y) if i % 2 == 0 else tf.multiply(y, c)
                loss = tf.reduce_sum(y)
            return t.gradient(loss, x)

        return Case(run=step, args=(tf.constant(x0), tf.constant(0.9)))

    def loss_fn(env):
        jnp = env.jnp

        def f(x, c):
            y = x
            for i in range(CHAIN_OPS):
                y = jnp.sin(y) if i % 2 == 0 else jnp.multiply(y, c)
            return jnp.sum(y)

        return f

    def jax_eager(env):
        return jax_case(env.jax.grad(loss_fn(env)), args=(f32(env, x0), f32(env, 0.9)))

    def jax_jit(env):
        return jax_case(env.jax.jit(env.jax.grad(loss_fn(env))),
                        args=(f32(env, x0), f32(env, 0.9)))

    return {**tf_api(build), "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# 5. An MLP training step

MLP_BATCH, MLP_IN, MLP_HIDDEN, MLP_OUT, MLP_LR = 128, 64, 256, 10, 0.01


def mlp_activation(env) -> str:
    """relu when tfshim has tf.nn.relu, else tanh; every variant uses the same one."""
    return "relu" if hasattr(env.tfshim.nn, "relu") else "tanh"


def _mlp_data():
    rng = np.random.default_rng(0)
    sizes = [(MLP_IN, MLP_HIDDEN), (MLP_HIDDEN, MLP_HIDDEN), (MLP_HIDDEN, MLP_OUT)]
    params = []
    for n_in, n_out in sizes:
        params.append((rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)).astype(np.float32),
                       np.zeros((n_out,), np.float32)))
    x = rng.normal(size=(MLP_BATCH, MLP_IN)).astype(np.float32)
    y = rng.normal(size=(MLP_BATCH, MLP_OUT)).astype(np.float32)
    return params, x, y


def _mlp_variants(numpy_idiom):
    def tf_factory(which, function):
        def factory(env):
            act_name = mlp_activation(env)

            def build(tf):
                require(tf, "nn." + act_name, "matmul", "reduce_mean", "square")
                act = getattr(tf.nn, act_name)
                params, x0, y0 = _mlp_data()
                variables = []
                for w, b in params:
                    variables += [tf.Variable(w), tf.Variable(b)]
                w1, b1, w2, b2, w3, b3 = variables

                def step(x, y):
                    if numpy_idiom:  # eager: a NumPy array; traced: the symbolic tensor
                        x = x.numpy() if hasattr(x, "numpy") else x
                    with tf.GradientTape() as tape:
                        h = act(tf.matmul(x, w1) + b1)
                        h = act(tf.matmul(h, w2) + b2)
                        out = tf.matmul(h, w3) + b3
                        loss = tf.reduce_mean(tf.square(out - y))
                    grads = tape.gradient(loss, variables)
                    for v, g in zip(variables, grads):
                        v.assign_sub(MLP_LR * g)
                    return loss

                return Case(run=step, args=(tf.constant(x0), tf.constant(y0)),
                            note="activation: " + act_name, also_sync=variables)

            base = tf_api(build)
            return base[which if not function else which + ".function"](env)

        return factory

    def loss_fn(env):
        jnp = env.jnp
        act = env.jax.nn.relu if mlp_activation(env) == "relu" else jnp.tanh

        def f(p, x, y):
            (w1, b1), (w2, b2), (w3, b3) = p
            h = act(x @ w1 + b1)
            h = act(h @ w2 + b2)
            out = h @ w3 + b3
            return jnp.mean(jnp.square(out - y))

        return f

    def jax_factory(jit):
        def factory(env):
            jax = env.jax
            params, x0, y0 = _mlp_data()
            p = [(f32(env, w), f32(env, b)) for w, b in params]
            x, y = f32(env, x0), f32(env, y0)
            vg = jax.value_and_grad(loss_fn(env))

            def step(p, x, y):
                loss, g = vg(p, x, y)
                return loss, jax.tree_util.tree_map(lambda a, b: a - MLP_LR * b, p, g)

            if jit:
                step = jax.jit(step)
            state = [p]

            def run(x, y):
                loss, state[0] = step(state[0], x, y)
                return loss, state[0]

            return jax_case(run, args=(x, y), note="activation: " + mlp_activation(env))

        return factory

    return {"tfshim": tf_factory("tfshim", False), "tfshim.function": tf_factory("tfshim", True),
            "jax": jax_factory(False), "jax.jit": jax_factory(True),
            "tf": tf_factory("tf", False), "tf.function": tf_factory("tf", True)}


@workload("mlp_step", "MLP train step: 64-256-256-10, batch 128, MSE, SGD via assign_sub")
def _mlp_step():
    return _mlp_variants(numpy_idiom=False)


@workload("mlp_step_numpy_idiom",
          "the MLP step starting with `x = x.numpy() if hasattr(x, \"numpy\") else x`")
def _mlp_step_numpy_idiom():
    return _mlp_variants(numpy_idiom=True)



# ===========================================================================================
# 6. A 10,000-op tape: time to record, time for the gradient

TAPE_OPS = 10_000
_NO_JIT_10K = "not run: compiling a 10,000-op program is not what this row measures"
_NO_FN_10K = "not run: tracing a 10,000-op graph is not what this row measures"


def _tape_record(tf):
    x = tf.constant(1.0)
    c = tf.constant(1.0)

    def record():
        with tf.GradientTape() as t:
            t.watch(x)
            y = x
            for _ in range(TAPE_OPS):
                y = tf.multiply(y, c)
        return t, x, y

    return record


def _jax_chain(env):
    mul = env.jnp.multiply
    c = f32(env, 1.0)

    def f(x):
        y = x
        for _ in range(TAPE_OPS):
            y = mul(y, c)
        return y

    return f


@workload("tape_10k.record", "record 10,000 scalar tf.multiply on one tape (jax: jax.vjp)",
          repeat=3, target_s=0.0)
def _tape_record_w():
    def build(tf):
        record = _tape_record(tf)
        return Case(run=lambda: record()[2])

    def jax_eager(env):
        f, x = _jax_chain(env), f32(env, 1.0)
        vjp = env.jax.vjp

        def run():
            y, _ = vjp(f, x)
            return y

        return jax_case(run, note="jax: un-jitted jax.vjp of the same 10,000 jnp.multiply")

    def jax_jit(env):
        raise Skip(_NO_JIT_10K)

    return {**tf_api(build, function=_NO_FN_10K), "jax": jax_eager, "jax.jit": jax_jit}


@workload("tape_10k.gradient", "gradient of that 10,000-op tape (jax: calling the vjp)",
          repeat=3, target_s=0.0)
def _tape_grad_w():
    def build(tf):
        record = _tape_record(tf)

        def run(state):
            t, x, y = state
            return t.gradient(y, x)

        return Case(run=run, setup=record)

    def jax_eager(env):
        f, x = _jax_chain(env), f32(env, 1.0)
        jax, jnp = env.jax, env.jnp

        def setup():
            y, vjp_fn = jax.vjp(f, x)
            return vjp_fn, jnp.ones_like(y)

        return jax_case(lambda s: s[0](s[1]), setup=setup)

    def jax_jit(env):
        raise Skip(_NO_JIT_10K)

    return {**tf_api(build, function=_NO_FN_10K), "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# 7. Jacobian of a 100-vector function

JAC_N = 100


def _jac_data():
    rng = np.random.default_rng(1)
    return ((rng.normal(size=(JAC_N, JAC_N)) / np.sqrt(JAC_N)).astype(np.float32),
            rng.normal(size=(JAC_N,)).astype(np.float32))


@workload("jacobian_100", "tape.jacobian of W @ sin(x), x: 100, W: 100x100 (jax.jacrev)")
def _jacobian():
    def build(tf):
        w0, x0 = _jac_data()
        def step(w, x):
            with tf.GradientTape() as t:
                t.watch(x)
                y = tf.reshape(tf.matmul(w, tf.reshape(tf.sin(x), (JAC_N, 1))), (JAC_N,))
            return t.jacobian(y, x)

        return Case(run=step, args=(tf.constant(w0), tf.constant(x0)))

    def f(env):
        jnp = env.jnp
        return lambda w, x: w @ jnp.sin(x)

    def args(env):
        return tuple(f32(env, a) for a in _jac_data())

    def jax_eager(env):
        return jax_case(env.jax.jacrev(f(env), argnums=1), args=args(env))

    def jax_jit(env):
        return jax_case(env.jax.jit(env.jax.jacrev(f(env), argnums=1)), args=args(env))

    return {**tf_api(build), "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# 8. Memory held per recorded op

MEM_OPS = 1000


def _traced_delta(make):
    """Bytes (Python heap, tracemalloc) still held after `make()`, while its result lives."""
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    kept = make()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    del kept
    gc.collect()
    return after - before


def bytes_per_op(plain, recorded, n):
    """(memory with recording - memory without) / n; both keep all n outputs alive."""
    plain()  # warm caches outside the measurement
    recorded()
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        base = _traced_delta(plain)
        rec = _traced_delta(recorded)
    finally:
        if started:
            tracemalloc.stop()
    return (rec - base) / n


@workload("tape_memory", "bytes per recorded op held by the tape beyond the tensors "
          "(tracemalloc; jax: by jax.vjp's closure)", unit="B/op", repeat=3)
def _tape_memory():
    def build(tf):
        x = tf.constant(1.0)
        c = tf.constant(1.0)

        def ops():
            outs = []
            y = x
            for _ in range(MEM_OPS):
                y = tf.multiply(y, c)
                outs.append(y)
            return outs

        def recorded():
            with tf.GradientTape() as t:
                t.watch(x)
                outs = ops()
            return t, outs

        note = ("" if tf.__name__ == "tfshim" else
                "tf: Python heap only; TF's tape lives in C++, invisible to tracemalloc")
        return Case(measure=lambda: bytes_per_op(ops, recorded, MEM_OPS), unit="B/op",
                    note=note)

    def jax_eager(env):
        jax, mul = env.jax, env.jnp.multiply
        x, c = f32(env, 1.0), f32(env, 1.0)

        def f(x):
            outs = []
            y = x
            for _ in range(MEM_OPS):
                y = mul(y, c)
                outs.append(y)
            return y, outs

        def recorded():
            return jax.vjp(f, x, has_aux=True)

        return Case(measure=lambda: bytes_per_op(lambda: f(x), recorded, MEM_OPS),
                    unit="B/op", note="jax: jax.vjp(has_aux=True) vs the plain forward, "
                    "both keeping all outputs")

    def jax_jit(env):
        raise Skip("no per-op record under jit")

    return {**tf_api(build, function="no per-op record under tf.function"),
            "jax": jax_eager, "jax.jit": jax_jit}


# ===========================================================================================
# Checkpoints: TF's file format written and read (tfshim/train)

CKPT_VARS, CKPT_SIZE = 20, 200_000  # 20 float32 variables, 16 MB in all


def _checkpointed(tf):
    import tempfile

    require(tf, "train.Checkpoint")
    module = tf.Module()
    module.vs = [tf.Variable(np.full(CKPT_SIZE, i, np.float32)) for i in range(CKPT_VARS)]
    prefix = os.path.join(tempfile.mkdtemp(), "ckpt")
    return module, tf.train.Checkpoint(model=module), prefix


@workload("checkpoint.write", "Checkpoint.write of 20 float32 variables (16 MB)", repeat=3,
          target_s=0.3)
def _checkpoint_write():
    def build(tf):
        _, ckpt, prefix = _checkpointed(tf)
        return Case(run=lambda: ckpt.write(prefix))

    def no_jax(env):
        raise Skip("no checkpoint format in JAX")

    return {**tf_api(build, function="checkpoint I/O runs eagerly"), "jax": no_jax,
            "jax.jit": no_jax}


@workload("checkpoint.read", "Checkpoint.read of that checkpoint into the 20 variables",
          repeat=3, target_s=0.3)
def _checkpoint_read():
    def build(tf):
        module, ckpt, prefix = _checkpointed(tf)
        path = ckpt.write(prefix)
        return Case(run=lambda: ckpt.read(path).assert_consumed(), also_sync=module.vs)

    def no_jax(env):
        raise Skip("no checkpoint format in JAX")

    return {**tf_api(build, function="checkpoint I/O runs eagerly"), "jax": no_jax,
            "jax.jit": no_jax}
# 8. tf.data: one epoch of three input pipelines over 60,000 x 784 float32 rows

DATA_ROWS, DATA_COLS, DATA_BATCH = 60_000, 784, 128
_NO_FN_DATA = "not run: an epoch is a Python for loop over the dataset"


def _data_arrays():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (DATA_ROWS, DATA_COLS)).astype(np.float32)
    y = rng.integers(0, 10, DATA_ROWS).astype(np.int64)
    return x, y


def _epoch_case(make_dataset):
    """A Case running one epoch of the dataset `make_dataset(tf, x, y)` builds (built once)."""

    def build(tf):
        require(tf, "data.Dataset")
        x, y = _data_arrays()
        ds = make_dataset(tf, x, y)

        def epoch():
            last = None
            for batch in ds:
                last = batch
            return last

        return Case(run=epoch)

    return build


def _jax_epoch(env, shuffle: bool, f):
    """Hand-written JAX: NumPy row gathers (a permutation when shuffling), the batch put on
    the device, f jitted per batch."""
    jax = env.jax
    x, y = _data_arrays()
    fj = jax.jit(f) if f is not None else None

    def epoch():
        order = np.random.permutation(DATA_ROWS) if shuffle else None
        last = None
        for s in range(0, DATA_ROWS, DATA_BATCH):
            if order is None:
                bx, by = x[s:s + DATA_BATCH], y[s:s + DATA_BATCH]
            else:
                idx = order[s:s + DATA_BATCH]
                bx, by = x[idx], y[idx]
            bx, by = jax.device_put(bx), jax.device_put(by)
            last = fj(bx, by) if fj is not None else (bx, by)
        return last

    return jax_case(epoch)


def _data_workload(make_dataset, shuffle, scaled):
    def jax_eager(env):
        return _jax_epoch(env, shuffle, (lambda x, y: (x / 255.0, y)) if scaled else None)

    def jax_jit(env):
        raise Skip("the jax column already jits f per batch")

    return {**tf_api(_epoch_case(make_dataset), function=_NO_FN_DATA), "jax": jax_eager,
            "jax.jit": jax_jit}


@workload("data.slice_batch", "tf.data epoch: from_tensor_slices((x, y)).batch(128), "
          "60,000 x 784 float32", repeat=5, target_s=0.0)
def _data_slice_batch():
    return _data_workload(
        lambda tf, x, y: tf.data.Dataset.from_tensor_slices((x, y)).batch(DATA_BATCH),
        False, False)


@workload("data.shuffle_map_batch", "tf.data epoch: .shuffle(10000).map(x/255).batch(128)"
          ".prefetch(AUTOTUNE)", repeat=5, target_s=0.0)
def _data_shuffle_map_batch():
    return _data_workload(
        lambda tf, x, y: tf.data.Dataset.from_tensor_slices((x, y)).shuffle(10000).map(
            lambda a, b: (a / 255.0, b)).batch(DATA_BATCH).prefetch(tf.data.AUTOTUNE),
        True, True)


@workload("data.parallel_map_batch", "tf.data epoch: .map(x/255, num_parallel_calls=AUTOTUNE)"
          ".batch(128)", repeat=5, target_s=0.0)
def _data_parallel_map_batch():
    return _data_workload(
        lambda tf, x, y: tf.data.Dataset.from_tensor_slices((x, y)).map(
            lambda a, b: (a / 255.0, b), num_parallel_calls=tf.data.AUTOTUNE).batch(DATA_BATCH),
        False, True)


SAVE_ROWS = 10_000


def _save_load_case(read: bool):
    """A Case saving 10,000 rows of (784 float32, int64) with Dataset.save (read=False), or
    reading such a save back in batches of 128 (read=True); a fresh directory per save."""

    def build(tf):
        require(tf, "data.Dataset.save")
        import tempfile

        x, y = _data_arrays()
        ds = tf.data.Dataset.from_tensor_slices((x[:SAVE_ROWS], y[:SAVE_ROWS]))
        root = tempfile.mkdtemp(prefix="bench-save-")
        counter = iter(range(10**9))
        ds.save(os.path.join(root, "read"))

        def save():
            ds.save(os.path.join(root, "w%d" % next(counter)))

        def load():
            last = None
            for batch in tf.data.Dataset.load(os.path.join(root, "read")).batch(DATA_BATCH):
                last = batch
            return last

        return Case(run=load if read else save)

    return build


def _save_load_workload(read: bool):
    def no_jax(env):
        raise Skip("no dataset files in JAX")

    return {**tf_api(_save_load_case(read), function=_NO_FN_DATA), "jax": no_jax,
            "jax.jit": no_jax}


@workload("data.save", "tf.data Dataset.save of 10,000 x (784 float32, int64) rows", repeat=3,
          target_s=0.0)
def _data_save():
    return _save_load_workload(False)


@workload("data.load_batch", "tf.data Dataset.load(...).batch(128), one epoch of 10,000 saved "
          "rows", repeat=3, target_s=0.0)
def _data_load_batch():
    return _save_load_workload(True)


def _first_element_case(make_dataset):
    """A Case timing a new dataset's first element: each iteration builds the dataset
    `make_dataset(tf, i)` (a new Python function each time) and takes one element."""

    def build(tf):
        require(tf, "data.Dataset")
        counter = iter(range(10**9))

        def first():
            return next(iter(make_dataset(tf, next(counter))))

        first()  # the first dataset of the process pays for warming the library up
        return Case(run=first)

    return build


def _first_element_workload(make_dataset):
    def no_jax(env):
        raise Skip("no dataset in JAX")

    return {**tf_api(_first_element_case(make_dataset), function=_NO_FN_DATA),
            "jax": no_jax, "jax.jit": no_jax}


_FIRST_X = np.random.default_rng(0).random((1000, 8)).astype(np.float32)


@workload("data.first.range_map", "tf.data first element of a new "
          "Dataset.range(10).map(lambda x: x * 2) (a new lambda each time)", repeat=5,
          target_s=0.2)
def _data_first_range_map():
    return _first_element_workload(
        lambda tf, i: tf.data.Dataset.range(10).map(lambda x: x * 2))


@workload("data.first.pipeline", "tf.data first element of a new from_tensor_slices((x, y))"
          ".shuffle(100).batch(32).map(f) over 1,000 x 8 rows", repeat=5, target_s=0.2)
def _data_first_pipeline():
    return _first_element_workload(
        lambda tf, i: tf.data.Dataset.from_tensor_slices(
            (_FIRST_X, np.arange(1000))).shuffle(100).batch(32).map(
            lambda a, b: (a * 2.0, b + 1)))


@workload("data.first.new_program", "tf.data first element of a new "
          "Dataset.range(10).map(lambda x: tf.fill([i + 1], x)), i new each time (a program "
          "never compiled: a new output shape)",
          repeat=3, target_s=0.5)
def _data_first_new_program():
    return _first_element_workload(
        lambda tf, i: tf.data.Dataset.range(10).map(lambda x: tf.fill([i + 1], x)))


# ===========================================================================================
# 9. Seeded random draws (TF's Philox streams; JAX: its threefry normal, the same size)

RANDOM_N = 10**6


def _jax_normal(env, jit):
    jax, jnp = env.jax, env.jnp
    draw = lambda key: jax.random.normal(key, (RANDOM_N,), jnp.float32)  # noqa: E731
    return jax_case(jax.jit(draw) if jit else draw, args=(jax.random.key(1),))


@workload("random_normal.seeded", "tf.random.normal([10**6]) after tf.random.set_seed(1)")
def _random_normal_seeded():
    def build(tf):
        tf.random.set_seed(1)
        return Case(run=lambda: tf.random.normal([RANDOM_N]))

    return {**tf_api(build), "jax": lambda env: _jax_normal(env, False),
            "jax.jit": lambda env: _jax_normal(env, True)}


@workload("random_normal.stateless", "tf.random.stateless_normal([10**6], seed=[1, 2])")
def _random_normal_stateless():
    def build(tf):
        seed = tf.constant([1, 2])
        return Case(run=lambda s: tf.random.stateless_normal([RANDOM_N], seed=s), args=(seed,))

    return {**tf_api(build), "jax": lambda env: _jax_normal(env, False),
            "jax.jit": lambda env: _jax_normal(env, True)}


SAMPLER_N = 10**5


@workload("random_binomial.stateless",
          "tf.random.stateless_binomial([10**5], seed=[1, 2], counts=40., probs=0.4)")
def _random_binomial_stateless():
    def build(tf):
        seed = tf.constant([1, 2])
        return Case(run=lambda s: tf.random.stateless_binomial([SAMPLER_N], s, 40., 0.4),
                    args=(seed,))

    def jax_binomial(env, jit):
        jax, jnp = env.jax, env.jnp
        draw = lambda key: jax.random.binomial(  # noqa: E731
            key, jnp.float32(40.), jnp.float32(0.4), (SAMPLER_N,), jnp.float32)
        return jax_case(jax.jit(draw) if jit else draw, args=(jax.random.key(1),))

    return {**tf_api(build), "jax": lambda env: jax_binomial(env, False),
            "jax.jit": lambda env: jax_binomial(env, True)}


@workload("random_ptn.stateless", "tf.random.stateless_parameterized_truncated_normal("
          "[10**5], seed=[1, 2], means=1., stddevs=2., minvals=0., maxvals=1.5)")
def _random_ptn_stateless():
    def build(tf):
        seed = tf.constant([1, 2])
        return Case(run=lambda s: tf.random.stateless_parameterized_truncated_normal(
            [SAMPLER_N], s, 1., 2., 0., 1.5), args=(seed,))

    def jax_truncated(env, jit):
        jax, jnp = env.jax, env.jnp
        draw = lambda key: 1. + 2. * jax.random.truncated_normal(  # noqa: E731
            key, -0.5, 0.25, (SAMPLER_N,), jnp.float32)
        return jax_case(jax.jit(draw) if jit else draw, args=(jax.random.key(1),))

    return {**tf_api(build), "jax": lambda env: jax_truncated(env, False),
            "jax.jit": lambda env: jax_truncated(env, True)}
