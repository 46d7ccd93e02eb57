"""tf.random's seeds, keys, samplers and stateful ops (TF's random_ops.py) on JAX keys; the
stateless ops are stateless_random_ops.py's, tf.random.Generator stateful_random_ops.py's.

Every op body is pure: it takes a TF Philox stream (uint32[6]: key, 128-bit counter; see
philox.py) as a tensor argument. Where the stream comes from is resolved before the op runs,
following TF's seed contract:

* tf.random.set_seed(g) and an op seed o: TF's get_seed gives (g, o) (op seeds drawn from a
  random.Random(g) in eager, counted per trace in tf.function; a missing global seed is TF's
  DEFAULT_GRAPH_SEED when o is given), and the op's kernel is PhiloxRandom(g, o). An eager op
  without an op seed is a fresh kernel: counter 0. An op with an explicit seed (TF's eager
  kernel cache: one kernel per op type, dtype and seeds) and every op traced in tf.function
  owns a stream: a hidden, non-trainable tf.Variable holding the Philox state, which each call
  reads and advances by 256 calls per output element, as TF's GuardedPhiloxRandom reserves.
  set_seed resets every stream, as TF clears its kernels.
* No seed at all: one process-wide stream, seeded from os.urandom.
* Stateless ops: TF's StatelessRandomGetKeyCounter scramble of the seed.
* tf.random.Generator: TF's state layout, read and skipped as TF's RngReadAndSkip.

Because streams and generator states are tf.Variables, tf.function lifts them into the
compiled computation: random ops give fresh values on each call, not constants.

Uniform, integer, normal and truncated-normal draws, categorical (one shard), shuffle, gamma
and poisson are TF's values (philox.py), binomial random_binomial_op.py's and parameterized
truncated normal parameterized_truncated_normal_op.py's.
"""

from __future__ import annotations

import builtins
import functools
import math
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
from .._core import context, errors
from .._core import dtypes as D
from .._core.convert import convert_to_tensor, is_tensor
from .._core.op import op
from .._core.tensor_shape import TensorShape
from .._core.variable import Variable
from . import op_defs
from . import philox as P
from .op_util import dims as _dims
from .op_util import type_attr_error
from .work_sharder import intra_op_threads, shard_block

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2**31 - 1
_FLOATS = (D.float16, D.bfloat16, D.float32, D.float64)


# ---------------------------------------------------------------------------------------------
# Streams


def _key_for(*ints) -> np.ndarray:
    """The stream of TF's PhiloxRandom(seed, seed2)."""
    return P.from_seeds(*ints)


_skip_values = jax.jit(P.skip)


@op(others=("key",), op_type="RngReadAndSkip", grad=False)
def _skip(key, delta, name=None):
    return _skip_values(key, np.uint64(delta % 2**64))


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
    trace = context.tracing()
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


def restart_streams(variables) -> None:
    """The streams of seeded random ops among `variables` (a trace's) back at their first key:
    TF makes a dataset function's kernels anew for each iterator, so its ops repeat each pass."""
    for var in variables:
        entry = _Seeds.traced.get(var._id)
        if entry is not None:
            var._value = jnp.asarray(entry[1])


def _hidden_variable(value, name):
    """A non-trainable variable made outside any trace (TF's init_scope), for hidden state."""
    with context.init_scope():
        return Variable(value, trainable=False, name=name)


def _advance(var, calls):
    """Read a stream, store it advanced by `calls` Philox calls, and return what was read."""
    state = var.read_value()
    var.assign(_skip(state, calls))
    return state


_UNKNOWN_CALLS = 2**40  # callers that don't say how much they draw


def _next_key(op_seed, kernel=None, count=None, calls=None):
    """The stream for one stateful random op with TF's op seed `op_seed` (None when not given).

    kernel: what TF's eager kernel cache tells apart (op type, dtype); count: the output
    elements, 256 Philox calls reserved for each as TF's kernels do; or calls: the Philox calls
    the kernel reserves."""
    if calls is None:
        calls = _UNKNOWN_CALLS if count is None else count * P.SKIP
    g, o = _get_seed(op_seed)
    tracing = context.tracing() is not None
    if g is None:
        if _Seeds.unseeded is None:
            seed = np.frombuffer(os.urandom(16), np.int64)
            _Seeds.unseeded = _hidden_variable(_key_for(*seed.tolist()), "random_state")
        return _advance(_Seeds.unseeded, calls)
    if not tracing and op_seed is None:
        # An eager op with a drawn op seed runs once: its kernel's first key.
        return convert_to_tensor(_key_for(g, o))
    if not tracing:
        var = _Seeds.streams.get((kernel, g, o))
        if var is None:
            var = _Seeds.streams[(kernel, g, o)] = _hidden_variable(_key_for(g, o),
                                                                    "random_state")
        return _advance(var, calls)
    initial = _key_for(g, o)
    var = _hidden_variable(initial, "random_state")
    _Seeds.traced[var._id] = (weakref.ref(var), initial)
    return _advance(var, calls)


# ---------------------------------------------------------------------------------------------
# Argument checks, worded as TF words them


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
        raise type_attr_error("T", t.dtype, op_defs.INDEX, op_type, name, op_def=op_type)
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
    return convert_to_tensor(value, dtype=dtype, name=arg)


def _check_float(dtype, op_type, attr="dtype"):
    if dtype not in _FLOATS:
        raise type_attr_error(attr, dtype, op_defs.NN_FLOAT, op_type, op_def=op_type)


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


def _size(dims) -> int:
    return int(np.prod(dims, dtype=np.int64))


def _compute(dtype):
    """JAX's samplers work in float32 at least."""
    return np.dtype(np.float32) if np.dtype(dtype).itemsize < 4 else np.dtype(dtype)


def _draw(kind, key, shape, dtype):
    """TF's standard draws of a Philox stream: normal, uniform [0, 1), truncated or bits."""
    dtype = np.dtype(dtype)
    if kind == "normal":
        return P.normal(key, shape, dtype)
    if kind == "uniform":
        return P.uniform(key, shape, dtype)
    if kind == "truncated":
        return P.truncated_normal(key, shape, dtype)
    if kind == "bits":
        return P.full_int(key, shape, dtype)
    raise ValueError(kind)


def _categorical_draw(key, logits, num_samples, out_dtype):
    """TF's multinomial kernel: row b's sample j is the upper bound of u * total in the row's
    unnormalized CDF (float64 exp(logit - max) over finite logits), u = Uint64ToDouble of two
    uint32 words of the stream. TF splits the rows over its threads (work_sharder): a shard
    starting at row s skips the stream by s * (num_samples + 3) // 4 Philox calls and then reads
    words 2k, 2k + 1, k = (b - s) * num_samples + j."""
    batch, classes = logits.shape
    # TF's "incredibly rough estimate of clock cycles" per row, as its kernel computes it.
    cost = int(50 * (num_samples * math.log(classes) / math.log(2) + classes))
    block = shard_block(batch, cost, intra_op_threads())
    starts = (np.arange(batch) // block) * block
    first = 4 * ((starts * (num_samples + 3)) // 4) + 2 * (np.arange(batch) - starts) * num_samples
    index = first[:, None] + 2 * np.arange(num_samples)[None, :]
    words = P.full_int(key, (int(index.max()) + 2,), np.dtype(np.uint32))
    return _categorical_pick(words, jnp.asarray(index), logits, out_dtype)


@functools.partial(jax.jit, static_argnums=3)
def _categorical_pick(words, index, logits, out_dtype):
    u = P.u64_to_double(words[index], words[index + 1])
    finite = jnp.isfinite(logits)
    mx = jnp.max(jnp.where(finite, logits, -jnp.inf), axis=1, keepdims=True)
    mx = jnp.where(jnp.isfinite(mx), mx, jnp.asarray(np.finfo(logits.dtype).min, logits.dtype))
    p = jnp.exp(logits.astype(jnp.float64) - mx.astype(jnp.float64))
    cdf = jnp.cumsum(jnp.where(finite, p, 0.0), axis=1)
    to_find = u * cdf[:, -1:]
    idx = jnp.sum(cdf[:, None, :] <= to_find[:, :, None], axis=2)
    return idx.astype(out_dtype)


@functools.partial(jax.custom_jvp, nondiff_argnums=(2,))
def _gamma_draw(key, alpha, shape):
    """TF's gamma sampler (philox.gamma) in alpha's dtype."""
    return P.gamma(key, alpha, shape).astype(alpha.dtype)


@_gamma_draw.defjvp
def _gamma_draw_jvp(shape, primals, tangents):
    # TF's _RandomGammaGrad: d sample / d alpha = random_gamma_grad(alpha, sample).
    key, alpha = primals
    sample = _gamma_draw(key, alpha, shape)
    a = jnp.broadcast_to(alpha, shape)
    return sample, lax.random_gamma_grad(a, sample) * jnp.broadcast_to(tangents[1], shape)


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
    return P.uniform_int(key, shape, minval, maxval)


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
        raise errors.no_kernel_error(op_type, "T=DT_%s, output_dtype=DT_%s, seed=0, seed2=0"
                                     % (D.from_numpy(logits.dtype).name.upper(),
                                        D.as_dtype(dtype).name.upper()))
    if classes == 0 and batch:
        raise errors.kernel_error(op_type, "num_classes should be positive, got 0")
    out_dtype = _np_dtype(dtype)
    if batch == 0 or num_samples == 0:
        return jnp.zeros((batch, num_samples), out_dtype)
    return _categorical_draw(key, logits, num_samples, out_dtype)


@op(others=("key", "value"), op_type="RandomShuffle", grad=False)
def _shuffle(key, value, name=None):
    if value.ndim == 0 or value.shape[0] <= 1:
        return value
    perm = P.permutation(key, value.shape[0])
    if value.dtype == object:  # tf.string: NumPy holds the bytes objects
        return value[np.asarray(perm)]
    return jnp.take(value, perm, axis=0)


def _poisson_values(key, shape, lam, dtype):
    """TF's sampler (philox.poisson) of `shape` ending with lam's shape."""
    return P.poisson(key, lam, tuple(shape)).astype(_np_dtype(dtype))


def _poisson_body(key, shape, lam, dtype, name=None):
    return _poisson_values(key, shape, lam, dtype)


# TF registers no gradient for RandomPoissonV2 (nor declares it non-differentiable).
_poisson = op(others=("key", "lam"), op_type="RandomPoissonV2", no_gradient=True)(_poisson_body)


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
    sample = _gamma_draw(key, a, tuple(out_shape)).astype(alpha.dtype)
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
    return _normal(_next_key(seed, ("RandomStandardNormal", dtype), _size(dims)), dims, mean,
                   stddev)


@_api.export("random.truncated_normal")
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """tf.random.truncated_normal: normal draws beyond 2 standard deviations redrawn."""
    dtype = D.as_dtype(dtype)
    mean = _convert(mean, dtype, "mean")
    stddev = _convert(stddev, dtype, "stddev")
    _check_float(dtype, "TruncatedNormal")
    dims = _shape(shape, "TruncatedNormal")
    return _truncated_normal(_next_key(seed, ("TruncatedNormal", dtype), _size(dims)), dims,
                             mean, stddev)


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
        return _uniform_int(_next_key(seed, (op_type, dtype), _size(dims)), dims, minval, maxval)
    return _uniform(_next_key(seed, (op_type, dtype), _size(dims)), dims, minval, maxval)


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
    batch = logits.shape.as_list()[0] if logits.ndim == 2 else 0
    # TF's CPU Multinomial reserves 256 calls per sample, samples rounded up to a multiple of
    # 4 and doubled (a double per sample).
    count = (batch or 0) * (-(-n // 4) * 8)
    return _categorical(_next_key(seed, ("Multinomial", logits.dtype, dtype), count), logits, n,
                        dtype)


@_api.export("random.shuffle")
def shuffle(value, seed=None, name=None):
    """tf.random.shuffle: a permutation along the first dimension."""
    value = convert_to_tensor(value)
    rows = value.shape.as_list()[0] if value.ndim else 0
    # TF's kernel reserves one uint32 per swap, and nothing when there is nothing to shuffle.
    calls = P.shuffle_calls(rows) if rows > 1 and value.shape.num_elements() > 1 else 0
    return _shuffle(_next_key(seed, ("RandomShuffle", value.dtype), calls=calls), value)


def _poisson_dtypes(lam, dtype, op_type):
    """RandomPoissonV2's dtype checks (stateless_poisson's too)."""
    allowed = op_defs.names("RandomPoissonV2", "R")
    if lam.dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise type_attr_error("R", lam.dtype, allowed, op_type, op_def=op_type)
    if dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise type_attr_error("dtype", dtype, allowed, op_type, op_def=op_type)


@_api.export("random.poisson")
def poisson(shape, lam, dtype=D.float32, seed=None, name=None):
    """tf.random.poisson: shape + lam.shape draws."""
    dims = _shape(convert_to_tensor(shape, D.int32), "RandomPoissonV2")
    lam = convert_to_tensor(lam)
    dtype = D.as_dtype(dtype)
    _poisson_dtypes(lam, dtype, "RandomPoissonV2")
    out = dims + tuple(lam.shape.as_list())
    # TF's kernel reserves 256 Philox calls per output (ReserveRandomOutputs).
    key = _next_key(seed, ("RandomPoissonV2", lam.dtype, dtype), _size(out))
    return _poisson(key, out, lam, dtype)


@_api.export("random.gamma")
def gamma(shape, alpha, beta=None, dtype=D.float32, seed=None, name=None):
    """tf.random.gamma: shape + broadcast(alpha, beta) draws, rate beta."""
    dims = _shape(convert_to_tensor(shape, D.int32), "RandomGamma")
    dtype = D.as_dtype(dtype)
    alpha = _convert(alpha, dtype, "alpha")
    beta = _convert(beta if beta is not None else 1, dtype, "beta")
    _check_float(dtype, "RandomGamma", "T")
    b = _broadcast("BroadcastArgs", tuple(alpha.shape.as_list()), tuple(beta.shape.as_list()))
    # TF's kernel reserves 256 Philox calls per output (ReserveRandomOutputs).
    key = _next_key(seed, ("RandomGamma", dtype), _size(dims + tuple(b)))
    return _gamma(key, dims, alpha, beta)

