"""tf.random (TF's random_ops.py, stateless_random_ops.py, stateful_random_ops.py) on JAX keys.

Every op body is pure: it takes a JAX threefry key (uint32[2]) as a tensor argument. Where the
key comes from is resolved before the op runs, following TF's seed contract:

* tf.random.set_seed(g) and an op seed o: TF's get_seed gives (g, o) (op seeds drawn from a
  random.Random(g) in eager, counted per trace in tf.function; a missing global seed is TF's
  DEFAULT_GRAPH_SEED when o is given). An eager op without an op seed uses its (g, o) once.
  An op with an explicit seed, and every op traced in tf.function, owns a stream (TF's
  per-kernel counter): a hidden, non-trainable tf.Variable holding a key, which each call
  reads and replaces by its split. set_seed resets every stream, as TF clears its kernels.
* No seed at all: one process-wide stream, seeded from os.urandom.
* Stateless ops: the key is a hash of the seed tensor's value.
* tf.random.Generator: TF's state layout (an int64 [counter..., key] tf.Variable named
  StateVar, the counter advanced by 256 per sample as TF's Philox kernels do); the key of a
  call is a hash of the state it read.

Because streams and generator states are tf.Variables, tf.function lifts them into the
compiled computation: random ops give fresh values on each call, not constants.

Differences from TensorFlow: the values themselves are JAX's threefry streams, not TF's Philox
streams, so a seeded program is reproducible run to run under tfshim but does not reproduce
TF's numbers (shapes, dtypes, ranges, statistics and errors do match).
"""

from __future__ import annotations

import builtins
import enum
import functools
import numbers
import os
import random as _pyrandom
import weakref
import zlib

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors, tape
from .._core.op import op, tf_type_name
from .._core.tensor import TensorShape, convert_to_tensor, is_tensor
from .._core.variable import Variable
from . import array_ops, array_ops_stack

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2**31 - 1
_FLOATS = (D.float16, D.bfloat16, D.float32, D.float64)
_IMPL = "threefry2x32"


# ---------------------------------------------------------------------------------------------
# Keys: pure functions of uint32 words, jitted once per shape


def _typed(key):
    return jax.random.wrap_key_data(key, impl=_IMPL)


@jax.jit
def _hash_words(words):
    """A key from a vector of uint32 words (a seed, a state)."""
    return jax.random.key_data(
        lax.fori_loop(0, words.shape[0], lambda i, k: jax.random.fold_in(k, words[i]),
                      jax.random.key(0, impl=_IMPL)))


def _words(x) -> np.ndarray:
    """The uint32 words of Python integers (two per 64-bit value)."""
    v = np.asarray(x, dtype=np.int64).reshape(-1).view(np.uint32)
    return v


def _key_for(*ints) -> np.ndarray:
    with jax.ensure_compile_time_eval():
        return np.asarray(_hash_words(jnp.asarray(_words(ints))))


@jax.jit
def _split_values(key):
    new, sub = jax.random.split(_typed(key))
    return jax.random.key_data(new), jax.random.key_data(sub)


@op(others=("key",), op_type="RngSplit", grad=False)
def _split(key, name=None):
    return _split_values(key)


# ---------------------------------------------------------------------------------------------
# TF's seed contract


class _Seeds:
    """The process's seed state (TF keeps it in the eager context)."""

    global_seed = None
    rng = _pyrandom.Random()
    streams: dict = {}  # (g, o) -> Variable: eager ops with an op seed (TF's kernel cache)
    traced: dict = {}  # id -> (weakref to Variable, initial key): ops inside tf.function
    graph_counts = weakref.WeakKeyDictionary()  # trace -> next op seed (TF's graph counter)
    unseeded = None  # the stream of ops without any seed


def _truncate(seed) -> int:
    if isinstance(seed, (numbers.Integral, np.integer)):
        return int(seed) % _MAXINT32
    if isinstance(seed, (numbers.Real, np.floating)):
        return int(seed) % _MAXINT32
    return zlib.crc32(repr(seed).encode()) % _MAXINT32  # a stable stand-in for hash()


@_api.export("random.set_seed")
def set_seed(seed):
    """tf.random.set_seed: the global seed; resets op-seed draws and every op's stream."""
    _Seeds.global_seed = seed
    try:
        hash(seed)
        _Seeds.rng = _pyrandom.Random(seed)
    except TypeError:
        _Seeds.rng = _pyrandom.Random(int(np.array(seed)))
    _Seeds.streams = {}
    for vid, (ref, initial) in list(_Seeds.traced.items()):
        var = ref()
        if var is None:
            del _Seeds.traced[vid]
        else:
            var._value = jnp.asarray(initial)  # a compiled function reads it on its next call


def _get_seed(op_seed):
    """TF's random_seed.get_seed: the (global, op) seed pair, (None, None) when unseeded."""
    trace = tape._state.tracing
    g = _Seeds.global_seed
    if g is not None:
        if op_seed is None:
            if trace is None:
                op_seed = _Seeds.rng.randint(0, _MAXINT32)
            else:
                op_seed = _Seeds.graph_counts.get(trace, 0)
                _Seeds.graph_counts[trace] = op_seed + 1
        seeds = (_truncate(g), _truncate(op_seed))
    elif op_seed is not None:
        seeds = (DEFAULT_GRAPH_SEED, _truncate(op_seed))
    else:
        return None, None
    return (0, _MAXINT32) if seeds == (0, 0) else seeds


def _hidden_variable(value, name):
    """A non-trainable variable made outside any trace (TF's init_scope), for hidden state."""
    st = tape._state
    saved = st.tracing
    st.tracing = None
    try:
        with jax.ensure_compile_time_eval():
            return Variable(value, trainable=False, name=name)
    finally:
        st.tracing = saved


def _advance(var):
    """Read a stream's key, store its successor, and return a fresh key (all as ops)."""
    new, sub = _split(var.read_value())
    var.assign(new)
    return sub


def _next_key(op_seed):
    """The key for one stateful random op with TF's op seed `op_seed` (None when not given)."""
    g, o = _get_seed(op_seed)
    tracing = tape._state.tracing is not None
    if g is None:
        if _Seeds.unseeded is None:
            seed = np.frombuffer(os.urandom(8), np.int64)
            _Seeds.unseeded = _hidden_variable(_key_for(*seed.tolist()), "random_state")
        return _advance(_Seeds.unseeded)
    if not tracing and op_seed is None:
        # An eager op with a drawn op seed runs once: its kernel's first key.
        return convert_to_tensor(_key_for(g, o))
    if not tracing:
        var = _Seeds.streams.get((g, o))
        if var is None:
            var = _Seeds.streams[(g, o)] = _hidden_variable(_key_for(g, o), "random_state")
        return _advance(var)
    initial = _key_for(g, o)
    var = _hidden_variable(initial, "random_state")
    _Seeds.traced[var._id] = (weakref.ref(var), initial)
    return _advance(var)


# ---------------------------------------------------------------------------------------------
# Argument checks, worded as TF words them


def _dims(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def _attr_error(attr, dtype, allowed, op_type, name=""):
    text = ("Value for attr '%s' of %s is not in the list of allowed values: %s\n\t; NodeDef: "
            "{{node %s}}; Op<name=%s> [Op:%s]" % (attr, tf_type_name(dtype), allowed, op_type,
                                                  op_type, op_type))
    if name is not None:
        text += " name: " + name
    return errors.InvalidArgumentError(None, None, text)


def _shape(shape, op_type, name=""):
    """A shape argument (TF's shape_tensor, then the kernel's checks) as a tuple of ints."""
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    with jax.ensure_compile_time_eval():  # a Python shape stays concrete in tf.function
        if isinstance(shape, (list, tuple)) and not shape:
            t = convert_to_tensor(shape, D.int32)
        else:
            t = convert_to_tensor(shape)
    if t.dtype not in (D.int32, D.int64):
        raise _attr_error("T", t.dtype, "int32, int64", op_type, name)
    arr = np.asarray(t.numpy())
    if arr.ndim != 1:
        raise errors.kernel_error(op_type, "shape must be a vector of {int32,int64}, got shape "
                                  "%s" % _dims(arr.shape), name)
    for d in arr:
        if d < 0:
            raise errors.kernel_error(op_type, "Dimension %d must be >= 0" % d, name)
    return tuple(int(d) for d in arr)


def _convert(value, dtype, arg):
    """ops.convert_to_tensor(value, dtype, name=arg): a tensor of another dtype is refused
    with the argument's name first."""
    try:
        return convert_to_tensor(value, dtype=dtype)
    except ValueError as e:
        if is_tensor(value):
            raise ValueError("%s: %s" % (arg, e)) from None
        raise


def _check_float(dtype, op_type, attr="dtype"):
    if dtype not in _FLOATS:
        raise _attr_error(attr, dtype, "half, bfloat16, float, double", op_type)


def _broadcast(op_type, a, b):
    try:
        return np.broadcast_shapes(a, b)
    except ValueError:
        raise errors.kernel_error(op_type, "Incompatible shapes: %s vs. %s"
                                  % (_dims(a), _dims(b))) from None


def _affine(z, scale, shift):
    """z * scale + shift, with the errors of TF's Mul and AddV2."""
    _broadcast("AddV2", _broadcast("Mul", z.shape, scale.shape), shift.shape)
    return z * scale + shift


def _np_dtype(dtype):
    return np.dtype(D.as_dtype(dtype).as_numpy_dtype)


# ---------------------------------------------------------------------------------------------
# Samplers: jitted per kind, shape and dtype


def _compute(dtype):
    """JAX's samplers work in float32 at least."""
    return np.dtype(np.float32) if np.dtype(dtype).itemsize < 4 else np.dtype(dtype)


@functools.partial(jax.jit, static_argnums=(0, 2, 3))
def _draw(kind, key, shape, dtype):
    k = _typed(key)
    if kind == "normal":
        return jax.random.normal(k, shape, _compute(dtype)).astype(dtype)
    if kind == "uniform":  # drawn in its own dtype: rounding a float32 draw could give 1
        return jax.random.uniform(k, shape, dtype)
    if kind == "truncated":
        return jax.random.truncated_normal(k, -2.0, 2.0, shape, _compute(dtype)).astype(dtype)
    if kind == "bits":
        bits = jax.random.bits(k, shape, np.dtype("uint%d" % (8 * np.dtype(dtype).itemsize)))
        return lax.bitcast_convert_type(bits, dtype)
    raise ValueError(kind)


@functools.partial(jax.jit, static_argnums=1)
def _randint(key, shape, minval, maxval):
    return jax.random.randint(_typed(key), shape, minval, maxval, dtype=minval.dtype)


@functools.partial(jax.jit, static_argnums=(2, 3))
def _categorical_draw(key, logits, num_samples, out_dtype):
    draws = jax.random.categorical(_typed(key), logits, axis=-1,
                                   shape=(num_samples, logits.shape[0]))
    return draws.T.astype(out_dtype)


@functools.partial(jax.jit, static_argnums=1)
def _permutation(key, n):
    return jax.random.permutation(_typed(key), n)


@functools.partial(jax.jit, static_argnums=2)
def _poisson_draw(key, rate, shape):
    return jax.random.poisson(_typed(key), rate, shape=shape, dtype=jnp.int64)


@functools.partial(jax.jit, static_argnums=2)
def _gamma_draw(key, a, shape):
    return jax.random.gamma(_typed(key), a, shape=shape, dtype=a.dtype)


@functools.partial(jax.jit, static_argnums=3)
def _binomial_draw(key, n, p, shape):
    return jax.random.binomial(_typed(key), n, p, shape=shape, dtype=n.dtype)


@functools.partial(jax.jit, static_argnums=3)
def _truncated_draw(key, lo, hi, shape):
    return jax.random.truncated_normal(_typed(key), lo, hi, shape, lo.dtype)


@op(others=("key",), tensors=("mean", "stddev"), op_type="RandomStandardNormal")
def _normal(key, shape, mean, stddev, name=None):
    return _affine(_draw("normal", key, shape, mean.dtype), stddev, mean)


@op(others=("key",), tensors=("mean", "stddev"), op_type="TruncatedNormal")
def _truncated_normal(key, shape, mean, stddev, name=None):
    return _affine(_draw("truncated", key, shape, mean.dtype), stddev, mean)


@op(others=("key",), tensors=("minval", "maxval"), op_type="RandomUniform")
def _uniform(key, shape, minval, maxval, name=None):
    u = _draw("uniform", key, shape, minval.dtype)
    _broadcast("Sub", maxval.shape, minval.shape)
    return _affine(u, maxval - minval, minval)


@op(others=("key",), tensors=("minval", "maxval"), op_type="RandomUniformInt", grad=False)
def _uniform_int(key, shape, minval, maxval, op_type="RandomUniformInt", name=None):
    for label, v in (("minval", minval), ("maxval", maxval)):
        if v.ndim:
            raise errors.kernel_error(op_type, "%s must be 0-D, got shape %s"
                                      % (label, _dims(v.shape)))
    if not isinstance(minval, jax.core.Tracer) and not isinstance(maxval, jax.core.Tracer) \
            and int(minval) >= int(maxval) and builtins.all(shape):
        raise errors.kernel_error(op_type, "Need minval < maxval, got %d >= %d"
                                  % (int(minval), int(maxval)))
    return _randint(key, shape, minval, maxval)


@op(others=("key",), op_type="RandomUniformFullInt", grad=False)
def _full_int(key, shape, dtype, name=None):
    return _draw("bits", key, shape, _np_dtype(dtype))


@op(others=("key",), tensors=("logits",), op_type="Multinomial", grad=False)
def _categorical(key, logits, num_samples, dtype, op_type="Multinomial", name=None):
    if logits.ndim != 2:
        raise errors.kernel_error(op_type, "logits should be a matrix, got shape %s"
                                  % _dims(logits.shape),
                                  "" if op_type == "Multinomial" else None)
    if num_samples < 0:
        raise errors.kernel_error(op_type, "num_samples should be non-negative, got %d"
                                  % num_samples)
    batch, classes = logits.shape
    if not jnp.issubdtype(logits.dtype, jnp.floating):
        raise errors.NotFoundError(
            None, None, "Could not find device for node: {{node %s}} = %s[T=DT_%s, "
            "output_dtype=DT_%s, seed=0, seed2=0]\nAll kernels registered for op %s: [Op:%s] "
            "name: " % (op_type, op_type, D.from_numpy(logits.dtype).name.upper(),
                        D.as_dtype(dtype).name.upper(), op_type, op_type))
    if classes == 0 and batch:
        raise errors.kernel_error(op_type, "num_classes should be positive, got 0")
    out_dtype = _np_dtype(dtype)
    if batch == 0 or num_samples == 0:
        return jnp.zeros((batch, num_samples), out_dtype)
    return _categorical_draw(key, logits.astype(_compute(logits.dtype)), num_samples, out_dtype)


@op(others=("key", "value"), op_type="RandomShuffle", grad=False)
def _shuffle(key, value, name=None):
    if value.ndim == 0 or value.shape[0] <= 1:
        return value
    perm = _permutation(key, value.shape[0])
    if value.dtype == object:  # tf.string: NumPy holds the bytes objects
        return value[np.asarray(perm)]
    return jnp.take(value, perm, axis=0)


def _poisson_values(key, shape, lam, dtype):
    rate = lam.astype(jnp.float64 if lam.dtype == jnp.float64 else jnp.float32)
    return _poisson_draw(key, rate, shape).astype(_np_dtype(dtype))


def _poisson_body(key, shape, lam, dtype, name=None):
    return _poisson_values(key, shape, lam, dtype)


def _no_gradient(bound, entry, cts):
    # TF registers no gradient for RandomPoissonV2 (nor declares it non-differentiable).
    raise LookupError("gradient registry has no entry for: RandomPoissonV2")


_poisson_body._tf_backward = _no_gradient
_poisson = op(others=("key", "lam"), op_type="RandomPoissonV2")(_poisson_body)


@op(others=("key", "lam"), op_type="StatelessRandomPoisson", grad=False)
def _stateless_poisson(key, shape, lam, dtype, name=None):
    return _poisson_values(key, shape, lam, dtype)


@op(others=("key",), tensors=("alpha", "beta"), op_type="RandomGamma")
def _gamma(key, shape, alpha, beta, stateless=False, name=None):
    b = _broadcast("BroadcastArgs", alpha.shape, beta.shape)
    if stateless:
        if tuple(shape[len(shape) - len(b):]) != tuple(b) or len(b) > len(shape):
            raise errors.kernel_error("StatelessRandomGammaV3", "Shape passed in must end with "
                                      "broadcasted shape.")
        out_shape = shape
    else:
        out_shape = tuple(shape) + tuple(b)
    a = jnp.broadcast_to(alpha, b).astype(_compute(alpha.dtype))
    # JAX's gamma is differentiable in alpha by implicit reparameterization, as TF's
    # _RandomGammaGrad (random_gamma_grad of the sample); 1 / beta then scales it.
    sample = _gamma_draw(key, a, out_shape).astype(alpha.dtype)
    return jnp.maximum(jnp.asarray(np.finfo(alpha.dtype).tiny, alpha.dtype), sample / beta)


# ---------------------------------------------------------------------------------------------
# Stateful ops (TF's random_ops.py)


@_api.export("random.normal")
def normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """tf.random.normal (values: see the module's note)."""
    dtype = D.as_dtype(dtype)
    mean = _convert(mean, dtype, "mean")
    stddev = _convert(stddev, dtype, "stddev")
    _check_float(dtype, "RandomStandardNormal")
    dims = _shape(shape, "RandomStandardNormal")
    return _normal(_next_key(seed), dims, mean, stddev)


@_api.export("random.truncated_normal")
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """tf.random.truncated_normal: normal draws beyond 2 standard deviations redrawn."""
    dtype = D.as_dtype(dtype)
    mean = _convert(mean, dtype, "mean")
    stddev = _convert(stddev, dtype, "stddev")
    _check_float(dtype, "TruncatedNormal")
    dims = _shape(shape, "TruncatedNormal")
    return _truncated_normal(_next_key(seed), dims, mean, stddev)


_UNIFORM_DTYPES = (D.float16, D.bfloat16, D.float32, D.float64, D.int32, D.int64)


def _dtypes_text(ds):
    return "(%s)" % ", ".join(repr(d) for d in ds)


@_api.export("random.uniform")
def uniform(shape, minval=0, maxval=None, dtype=D.float32, seed=None, name=None):
    """tf.random.uniform: [minval, maxval); integer dtypes need maxval."""
    dtype = D.as_dtype(dtype)
    if dtype not in _UNIFORM_DTYPES:
        raise ValueError("Argument `dtype` got invalid value %s. Accepted dtypes are %s."
                         % (dtype, _dtypes_text(_UNIFORM_DTYPES)))
    if maxval is None:
        if dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % dtype)
        maxval = 1
    op_type = "RandomUniformInt" if dtype.is_integer else "RandomUniform"
    minval = _convert(minval, dtype, "min")
    maxval = _convert(maxval, dtype, "max")
    dims = _shape(shape, op_type)
    if dtype.is_integer:
        return _uniform_int(_next_key(seed), dims, minval, maxval)
    return _uniform(_next_key(seed), dims, minval, maxval)


def _num_samples(num_samples):
    if is_tensor(num_samples):
        return int(convert_to_tensor(num_samples))
    return int(convert_to_tensor(num_samples, D.int32))


def _categorical_dtype(dtype):
    dtype = D.as_dtype(dtype) if dtype else D.int64
    if dtype not in (D.int32, D.int64):
        raise ValueError("Argument `dtype` got invalid value %s. Accepted dtypes are %s."
                         % (dtype, _dtypes_text((D.int32, D.int64))))
    return dtype


@_api.export("random.categorical")
def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """tf.random.categorical: [batch, num_samples] class indices drawn from logits."""
    logits = convert_to_tensor(logits)
    dtype = _categorical_dtype(dtype)
    n = _num_samples(num_samples)
    return _categorical(_next_key(seed), logits, n, dtype)


@_api.export("random.shuffle")
def shuffle(value, seed=None, name=None):
    """tf.random.shuffle: a permutation along the first dimension."""
    return _shuffle(_next_key(seed), convert_to_tensor(value))


_POISSON_TYPES = "half, float, double, int32, int64"


def _poisson_dtypes(lam, dtype, op_type):
    if lam.dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise _attr_error("R", lam.dtype, _POISSON_TYPES, op_type)
    if dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise _attr_error("dtype", dtype, _POISSON_TYPES, op_type)


@_api.export("random.poisson")
def poisson(shape, lam, dtype=D.float32, seed=None, name=None):
    """tf.random.poisson: shape + lam.shape draws."""
    dims = _shape(convert_to_tensor(shape, D.int32), "RandomPoissonV2")
    lam = convert_to_tensor(lam)
    dtype = D.as_dtype(dtype)
    _poisson_dtypes(lam, dtype, "RandomPoissonV2")
    return _poisson(_next_key(seed), dims + tuple(lam.shape.as_list()), lam, dtype)


@_api.export("random.gamma")
def gamma(shape, alpha, beta=None, dtype=D.float32, seed=None, name=None):
    """tf.random.gamma: shape + broadcast(alpha, beta) draws, rate beta."""
    dims = _shape(convert_to_tensor(shape, D.int32), "RandomGamma")
    dtype = D.as_dtype(dtype)
    alpha = _convert(alpha, dtype, "alpha")
    beta = _convert(beta if beta is not None else 1, dtype, "beta")
    _check_float(dtype, "RandomGamma", "T")
    return _gamma(_next_key(seed), dims, alpha, beta)


# ---------------------------------------------------------------------------------------------
# Stateless ops (TF's stateless_random_ops.py)


class Algorithm(enum.Enum):
    """tf.random.Algorithm."""

    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


_api.export("random.Algorithm", "random.experimental.Algorithm")(Algorithm)


def _unsupported_alg(alg):
    if isinstance(alg, int):
        names = (1, 2, 3)
    elif isinstance(alg, str):
        names = ("philox", "threefry", "auto_select")
    else:
        names = (Algorithm.PHILOX, Algorithm.THREEFRY, Algorithm.AUTO_SELECT)
    return ("Argument `alg` got unsupported value %s. Supported values are %s for the Philox "
            "algorithm, %s for the ThreeFry algorithm, and %s for auto-selection."
            % ((alg,) + names))


def _alg_int(alg) -> int:
    """TF's convert_alg_to_int."""
    if alg is None:
        return Algorithm.AUTO_SELECT.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, int):
        return alg
    if is_tensor(alg):
        return int(convert_to_tensor(alg))
    if isinstance(alg, str):
        canon = alg.strip().lower().replace("-", "").replace("_", "")
        values = {"philox": 1, "threefry": 2, "autoselect": 3}
        if canon in values:
            return values[canon]
        raise ValueError(_unsupported_alg(alg))
    raise TypeError("Can't convert argument `alg` (of value %s and type %s) to int."
                    % (alg, type(alg)))


def _checked_alg(alg) -> int:
    a = _alg_int(alg)
    if a not in (1, 2, 3):
        raise ValueError(_unsupported_alg(alg))
    return a


@op(others=("seed",), op_type="StatelessRandomGetKeyCounter", grad=False)
def _seed_key(seed, alg, name=None):
    """A key from a shape-[2] seed; ThreeFry keys differ from Philox/auto-select ones."""
    words = lax.bitcast_convert_type(seed.astype(jnp.int64), jnp.uint32).reshape(-1)
    if alg == Algorithm.THREEFRY.value:
        words = jnp.concatenate([words, jnp.asarray([2], jnp.uint32)])
    return _hash_words(words)


def _stateless_key(seed, alg, op_type, name=""):
    """The key of a stateless op from its seed; op_type is the sampling kernel's."""
    alg = _checked_alg(alg)
    t = convert_to_tensor(seed)
    if t.dtype not in (D.int32, D.int64):
        raise _attr_error("Tseed", t.dtype, "int32, int64", "StatelessRandomGetKeyCounter", None)
    if tuple(t.shape.as_list()) != (2,):
        raise errors.kernel_error("StatelessRandomGetKeyCounter", "seed must have shape [2], "
                                  "not %s" % _dims(t.shape.as_list()),
                                  "" if t.ndim == 0 else None)
    if alg == Algorithm.THREEFRY.value:
        # TF's CPU kernels take ThreeFry's one-word counter and refuse it.
        raise errors.kernel_error(op_type, "counter must be a vector with length at least 2; got "
                                  "shape: [1]. (Note that batched counters are not supported "
                                  "yet.)", name)
    return _seed_key(t, alg)


_STATELESS_UNIFORM = (D.float16, D.bfloat16, D.float32, D.float64, D.int32, D.int64, D.uint32,
                      D.uint64)


@_api.export("random.stateless_uniform")
def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=D.float32, name=None,
                      alg="auto_select"):
    """tf.random.stateless_uniform: a function of (shape, seed, alg) alone."""
    dtype = D.as_dtype(dtype)
    if dtype not in _STATELESS_UNIFORM:
        raise ValueError("Argument `dtype` got invalid value %s. Accepted dtypes are %s."
                         % (dtype, _dtypes_text(_STATELESS_UNIFORM)))
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError("For integer `dtype` argument %s, argument `minval` and `maxval` "
                             "must be both None or not None. Got `minval`=%s and `maxval`=%s."
                             % (dtype, minval, maxval))
        if minval is not None and dtype in (D.uint32, D.uint64):
            raise ValueError("Argument `dtype` got invalid value %s when argument `minval` is "
                             "not None. Please don't use unsigned integers in this case." % dtype)
    elif maxval is None:
        maxval = 1
    if dtype.is_integer and minval is None:
        dims = _shape(shape, "StatelessRandomUniformFullIntV2")
        return _full_int(_stateless_key(seed, alg, "StatelessRandomUniformFullIntV2"), dims,
                         dtype)
    minval = _convert(minval, dtype, "min")
    maxval = _convert(maxval, dtype, "max")
    if dtype.is_integer:
        dims = _shape(shape, "StatelessRandomUniformIntV2")
        return _uniform_int(_stateless_key(seed, alg, "StatelessRandomUniformIntV2"), dims,
                            minval, maxval,
                            op_type="StatelessRandomUniformIntV2")
    dims = _shape(shape, "StatelessRandomUniformV2")
    return _uniform(_stateless_key(seed, alg, "StatelessRandomUniformV2"), dims, minval, maxval)


@_api.export("random.stateless_normal")
def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                     alg="auto_select"):
    """tf.random.stateless_normal."""
    dtype = D.as_dtype(dtype)
    mean = _convert(mean, dtype, "mean")
    stddev = _convert(stddev, dtype, "stddev")
    _check_float(dtype, "StatelessRandomNormalV2")
    dims = _shape(shape, "StatelessRandomNormalV2")
    return _normal(_stateless_key(seed, alg, "StatelessRandomNormalV2"), dims, mean, stddev)


@_api.export("random.stateless_truncated_normal")
def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                               alg="auto_select"):
    """tf.random.stateless_truncated_normal."""
    dtype = D.as_dtype(dtype)
    mean = _convert(mean, dtype, "mean")
    stddev = _convert(stddev, dtype, "stddev")
    _check_float(dtype, "StatelessTruncatedNormalV2")
    dims = _shape(shape, "StatelessTruncatedNormalV2")
    return _truncated_normal(_stateless_key(seed, alg, "StatelessTruncatedNormalV2"), dims, mean,
                             stddev)


@_api.export("random.stateless_categorical")
def stateless_categorical(logits, num_samples, seed, dtype=D.int64, name=None):
    """tf.random.stateless_categorical."""
    logits = convert_to_tensor(logits)
    dtype = _categorical_dtype(dtype)
    n = _num_samples(num_samples)
    return _categorical(_stateless_key(seed, None, "StatelessMultinomial"), logits, n, dtype,
                        op_type="StatelessMultinomial")


@_api.export("random.stateless_gamma")
def stateless_gamma(shape, seed, alpha, beta=None, dtype=D.float32, name=None):
    """tf.random.stateless_gamma: `shape` draws, alpha and beta broadcast to it."""
    dims = _shape(shape, "StatelessRandomGammaV3")
    dtype = D.as_dtype(dtype)
    alpha = _convert(alpha, dtype, "alpha")
    beta = _convert(beta if beta is not None else 1, dtype, "beta")
    _check_float(dtype, "StatelessRandomGammaV3")
    return _gamma(_stateless_key(seed, None, "StatelessRandomGammaV3"), dims, alpha, beta,
                  stateless=True)


@_api.export("random.stateless_poisson")
def stateless_poisson(shape, seed, lam, dtype=D.int32, name=None):
    """tf.random.stateless_poisson: `shape` draws, lam broadcast to it."""
    dims = _shape(shape, "StatelessRandomPoisson")
    lam = convert_to_tensor(lam)
    dtype = D.as_dtype(dtype)
    _poisson_dtypes(lam, dtype, "StatelessRandomPoisson")
    _broadcast("StatelessRandomPoisson", dims, tuple(lam.shape.as_list()))
    return _stateless_poisson(_stateless_key(seed, None, "StatelessRandomPoisson"), dims, lam,
                              dtype)


@op(others=("key", "counts", "probs"), op_type="StatelessRandomBinomial", grad=False)
def _binomial(key, shape, counts, probs, dtype, name=None):
    n = jnp.broadcast_to(counts, shape).astype(jnp.float32 if probs.dtype != jnp.float64
                                                else jnp.float64)
    p = jnp.broadcast_to(probs, shape).astype(n.dtype)
    return _binomial_draw(key, n, p, shape).astype(_np_dtype(dtype))


@_api.export("random.stateless_binomial")
def stateless_binomial(shape, seed, counts, probs, output_dtype=D.int32, name=None):
    """tf.random.stateless_binomial."""
    dims = _shape(shape, "StatelessRandomBinomial")
    probs = convert_to_tensor(probs, dtype_hint=D.float32)
    counts = convert_to_tensor(counts, dtype_hint=probs.dtype)
    return _binomial(_stateless_key(seed, None, "StatelessRandomBinomial"), dims, counts, probs,
                     D.as_dtype(output_dtype))


@op(others=("key",), tensors=("means", "stddevs", "minvals", "maxvals"),
    op_type="StatelessParameterizedTruncatedNormal", grad=False)
def _parameterized_truncated_normal(key, shape, means, stddevs, minvals, maxvals, name=None):
    dt = _compute(means.dtype)
    m, s = means.astype(dt), stddevs.astype(dt)
    lo, hi = (minvals.astype(dt) - m) / s, (maxvals.astype(dt) - m) / s
    z = _truncated_draw(key, jnp.broadcast_to(lo, shape), jnp.broadcast_to(hi, shape), shape)
    return (z * s + m).astype(means.dtype)


@_api.export("random.stateless_parameterized_truncated_normal")
def stateless_parameterized_truncated_normal(shape, seed, means=0.0, stddevs=1.0, minvals=-2.0,
                                             maxvals=2.0, name=None):
    """tf.random.stateless_parameterized_truncated_normal."""
    dims = _shape(shape, "StatelessParameterizedTruncatedNormal")
    means = convert_to_tensor(means)
    return _parameterized_truncated_normal(_stateless_key(seed, None,
                                                          "StatelessParameterizedTruncatedNormal"),
                                           dims, means, stddevs,
                                           minvals, maxvals)


@_api.export("random.split", "random.experimental.stateless_split")
def split(seed, num=2, alg="auto_select"):
    """tf.random.split: `num` new seeds, shape [num, 2], the seed's dtype."""
    seed = convert_to_tensor(seed)
    return stateless_uniform([num, 2], seed, dtype=seed.dtype, minval=None, maxval=None,
                             alg=alg)


@_api.export("random.fold_in", "random.experimental.stateless_fold_in")
def fold_in(seed, data, alg="auto_select"):
    """tf.random.fold_in: a new seed [hash, data] from a seed and an integer."""
    data = convert_to_tensor(data)
    first = stateless_uniform([], seed, dtype=data.dtype, minval=None, maxval=None, alg=alg)
    return array_ops_stack.stack([first, data])


@_api.export("random.experimental.stateless_shuffle")
def stateless_shuffle(value, seed, alg="auto_select", name=None):
    """tf.random.experimental.stateless_shuffle: a permutation along the first dimension."""
    return _shuffle(_stateless_key(seed, alg, "StatelessShuffle", None), convert_to_tensor(value))


@op(others=("key", "index"), op_type="RandomIndexShuffle", grad=False)
def _index_shuffle(key, index, max_index, name=None):
    perm = _permutation(key, max_index + 1)
    return jnp.take(perm, index.astype(jnp.int64)).astype(index.dtype)


_INDEX_SHUFFLE_LIMIT = 2**26


@_api.export("random.experimental.index_shuffle")
def index_shuffle(index, seed, max_index):
    """tf.random.experimental.index_shuffle: index's image under a seeded permutation of
    [0, max_index].

    Differences from TensorFlow: the permutation is materialized (TF evaluates a Feistel
    network), so max_index is limited to 2**26.
    """
    seed = convert_to_tensor(seed)
    if tuple(seed.shape.as_list()) != (2,):
        shape = [seed.shape.as_list()[0] + 1] + seed.shape.as_list()[1:] if seed.ndim else [1]
        raise errors.kernel_error("RandomIndexShuffle", "Seed must be a vector of size [3] or a "
                                  "matrix of size [2, 3] but got %s." % _dims(shape), None)
    # index and max_index share the op's dtype attr: a Python index takes max_index's dtype.
    hint = convert_to_tensor(max_index).dtype if is_tensor(max_index) else None
    index = convert_to_tensor(index, dtype_hint=hint)
    max_index = int(convert_to_tensor(max_index))
    if max_index >= _INDEX_SHUFFLE_LIMIT:
        raise NotImplementedError("tfshim's index_shuffle materializes the permutation: "
                                  "max_index must be below 2**26.")
    key = _stateless_key(seed, None, "RandomIndexShuffle")
    return _index_shuffle(key, convert_to_tensor(index),
                          max_index)


# ---------------------------------------------------------------------------------------------
# tf.random.Generator (TF's stateful_random_ops.py)

_STATE_SIZE = {1: 3, 2: 2, 3: 3}  # Philox: 128-bit counter + key; ThreeFry: counter + key
_SKIP = 256  # TF's Philox kernels advance the counter by 256 per output element


def _uint_to_int(n):
    return n - 2**64 if isinstance(n, int) and n > 2**63 - 1 else n


def _state_size(alg):
    if alg not in _STATE_SIZE:
        raise ValueError(_unsupported_alg(alg))
    return _STATE_SIZE[alg]


def _make_1d_state(size, seed):
    """TF's _make_1d_state: a Python int chopped into 64-bit words; others left-padded."""
    if is_tensor(seed):
        seed = convert_to_tensor(seed).numpy().tolist()
    if isinstance(seed, np.integer):
        seed = int(seed)
    if isinstance(seed, int):
        words = []
        for _ in range(size):
            words.append(seed & 0xFFFFFFFFFFFFFFFF)
            seed >>= 64
        seed = words
    flat = np.array(np.asarray(seed, dtype=object).reshape(-1).tolist(), dtype=object)
    flat = np.array([_uint_to_int(int(v)) for v in flat], dtype=np.int64)[:size]
    return np.concatenate([np.zeros(size - flat.size, np.int64), flat])


@_api.export("random.create_rng_state", "random.experimental.create_rng_state")
def create_rng_state(seed, alg):
    """tf.random.create_rng_state: the int64 state a Generator seeded with `seed` starts from."""
    alg = _alg_int(alg)
    return convert_to_tensor(_make_1d_state(_state_size(alg), seed))


@op(others=("state",), op_type="RngReadAndSkip", grad=False)
def _read_and_skip(state, alg, delta, name=None):
    """The key for the state read, and the state with its counter advanced by delta."""
    words = lax.bitcast_convert_type(state, jnp.uint32).reshape(-1)
    key = _hash_words(jnp.concatenate([words, jnp.asarray([alg], jnp.uint32)]))
    u = lax.bitcast_convert_type(state, jnp.uint64)
    lo = u[0] + jnp.uint64(delta % 2**64)
    new = u.at[0].set(lo)
    if alg != Algorithm.THREEFRY.value:  # Philox's counter is 128 bits: carry into the next
        new = new.at[1].add((lo < u[0]).astype(jnp.uint64))
    return key, lax.bitcast_convert_type(new, jnp.int64)


def _state_tensor(value):
    if is_tensor(value):
        t = convert_to_tensor(value)
        return t if t.dtype is D.int64 else convert_to_tensor(t.numpy().astype(np.int64))
    arr = np.asarray(value, dtype=object).reshape(np.shape(value))
    return convert_to_tensor(np.array([_uint_to_int(int(v)) for v in arr.reshape(-1)],
                                      dtype=np.int64).reshape(arr.shape))


def _check_state_shape(shape, alg):
    want = [_state_size(alg)]
    if list(shape) != want:
        raise ValueError("Shapes %s and %s are incompatible" % (TensorShape(shape), want))


def _generator_shape(shape, op_type):
    if isinstance(shape, (list, tuple)) and not shape:
        shape = convert_to_tensor(shape, D.int64)
    return _shape(shape, op_type)


@_api.export("random.Generator", "random.experimental.Generator")
class Generator:
    """tf.random.Generator: a random stream whose state is an int64 tf.Variable.

    Differences from TensorFlow: the state evolves exactly as TF's (same layout, the counter
    advanced by 256 per sample), but the values drawn are JAX's, not TF's Philox outputs.
    """

    @classmethod
    def from_state(cls, state, alg):
        return cls(alg=alg, state=state)

    @classmethod
    def from_seed(cls, seed, alg=None):
        alg = _alg_int(Algorithm.PHILOX.value if alg is None else alg)
        return cls(state=create_rng_state(seed, alg), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        alg = _alg_int(Algorithm.PHILOX.value if alg is None else alg)
        state = np.frombuffer(os.urandom(8 * _state_size(alg)), np.int64).copy()
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        alg = _alg_int(alg)
        counter = _state_tensor(counter).numpy().reshape(-1)
        if counter.size != _state_size(alg) - 1:
            raise ValueError("Shapes (%d,) and [%d] are incompatible"
                             % (counter.size, _state_size(alg) - 1))
        key = _state_tensor(key).numpy().reshape(-1)
        return cls(state=np.concatenate([counter, key]), alg=alg)

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            assert (alg or state) is None
            self._state_var = self._create_variable(copy_from.state.read_value())
            self._alg = copy_from.algorithm
            return
        assert alg is not None and state is not None
        alg = _alg_int(alg)
        if isinstance(state, Variable):
            _check_state_shape(state.shape.as_list(), alg)
            self._state_var = state
        else:
            state = _state_tensor(state)
            _check_state_shape(state.shape.as_list(), alg)
            self._state_var = self._create_variable(state)
        self._alg = alg

    @staticmethod
    def _create_variable(value):
        return Variable(value, dtype=D.int64, trainable=False, name="StateVar")

    # -- state -------------------------------------------------------------------------------
    @property
    def state(self):
        return self._state_var

    @property
    def algorithm(self):
        return self._alg

    @property
    def key(self):
        return self._state_var.read_value()[-1]

    def reset(self, state):
        state = _state_tensor(state)
        _check_state_shape(state.shape.as_list(), self._alg)
        self._state_var.assign(state)

    def reset_from_seed(self, seed):
        self._state_var.assign(create_rng_state(seed, self._alg))

    def reset_from_key_counter(self, key, counter):
        counter = _state_tensor(counter).numpy().reshape(-1)
        if counter.size != _state_size(self._alg) - 1:
            raise ValueError("Shapes (%d,) and [%d] are incompatible"
                             % (counter.size, _state_size(self._alg) - 1))
        key = _state_tensor(key).numpy().reshape(-1)
        self._state_var.assign(np.concatenate([counter, key]))

    def _check_alg(self):
        if self._alg == Algorithm.THREEFRY.value:
            raise errors.kernel_error("RngReadAndSkip", "Non-XLA devices don't support the "
                                      "ThreeFry algorithm.", cls=errors.UnimplementedError)

    def _take_key(self, count, per=_SKIP):
        """The key for `count` samples; the state advances as TF's rng_read_and_skip."""
        self._check_alg()
        key, new = _read_and_skip(self._state_var.read_value(), self._alg, count * per)
        self._state_var.assign(new)
        return key

    def skip(self, delta):
        """Advance the counter by 256 * delta; returns the state before."""
        self._check_alg()
        before = self._state_var.read_value()
        _, new = _read_and_skip(before, self._alg, int(convert_to_tensor(delta)) * _SKIP)
        self._state_var.assign(new)
        return before

    # -- sampling ----------------------------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        dtype = D.as_dtype(dtype)
        dims = _generator_shape(shape, "StatelessRandomNormalV2")
        mean = _convert(mean, dtype, "mean")
        stddev = _convert(stddev, dtype, "stddev")
        _check_float(dtype, "StatelessRandomNormalV2")
        return _normal(self._take_key(_count(dims)), dims, mean, stddev)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        dtype = D.as_dtype(dtype)
        dims = _generator_shape(shape, "StatelessTruncatedNormalV2")
        mean = _convert(mean, dtype, "mean")
        stddev = _convert(stddev, dtype, "stddev")
        _check_float(dtype, "StatelessTruncatedNormalV2")
        return _truncated_normal(self._take_key(_count(dims)), dims, mean, stddev)

    def uniform(self, shape, minval=0, maxval=None, dtype=D.float32, name=None):
        dtype = D.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both "
                                 f"`None` or both non-`None`; got minval={minval} and "
                                 f"maxval={maxval}")
        elif maxval is None:
            maxval = 1
        if dtype.is_integer and minval is None:
            return self.uniform_full_int(shape, dtype)
        dims = _generator_shape(shape, "StatelessRandomUniformV2")
        minval = _convert(minval, dtype, "min")
        maxval = _convert(maxval, dtype, "max")
        if dtype.is_integer:
            return _uniform_int(self._take_key(_count(dims)), dims, minval, maxval,
                                op_type="StatelessRandomUniformIntV2")
        _check_float(dtype, "StatelessRandomUniformV2")
        return _uniform(self._take_key(_count(dims)), dims, minval, maxval)

    def uniform_full_int(self, shape, dtype=D.uint64, name=None):
        dtype = D.as_dtype(dtype)
        dims = _generator_shape(shape, "StatelessRandomUniformFullIntV2")
        if dtype not in (D.int32, D.int64, D.uint32, D.uint64):
            raise _attr_error("dtype", dtype, "int32, int64, uint32, uint64",
                              "StatelessRandomUniformFullIntV2")
        return _full_int(self._take_key(_count(dims)), dims, dtype)

    def binomial(self, shape, counts, probs, dtype=D.int32, name=None):
        dims = _generator_shape(shape, "StatefulRandomBinomial")
        counts = convert_to_tensor(counts)
        probs = convert_to_tensor(probs)
        # TF's kernel skips 100 Philox blocks per sample.
        return _binomial(self._take_key(_count(dims), per=100 * _SKIP), dims, counts, probs,
                         D.as_dtype(dtype))

    def make_seeds(self, count=1):
        """[2, count] int64 seeds for stateless ops (keys in row 0, zeros in row 1)."""
        keys = self.uniform_full_int([count], D.int64)
        return array_ops_stack.stack([keys, array_ops.zeros_like(keys)])

    def split(self, count=1):
        """`count` new independent Generators (state [0, ..., key])."""
        keys = self.uniform_full_int([count], D.int64).numpy()
        size = _state_size(self._alg)
        return [Generator(state=[0] * (size - 1) + [int(k)], alg=self._alg) for k in keys]


def _count(dims) -> int:
    return int(np.prod(dims, dtype=np.int64))


_global_generator = None


@_api.export("random.get_global_generator", "random.experimental.get_global_generator")
def get_global_generator():
    """tf.random.get_global_generator: made on first use from a non-deterministic state."""
    global _global_generator
    if _global_generator is None:
        st = tape._state
        saved = st.tracing
        st.tracing = None  # TF's init_scope: made outside any tf.function
        try:
            with jax.ensure_compile_time_eval():
                _global_generator = Generator.from_non_deterministic_state()
        finally:
            st.tracing = saved
    return _global_generator


@_api.export("random.set_global_generator", "random.experimental.set_global_generator")
def set_global_generator(generator):
    """tf.random.set_global_generator."""
    global _global_generator
    _global_generator = generator
