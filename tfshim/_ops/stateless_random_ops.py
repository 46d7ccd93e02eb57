"""tf.random's stateless ops (TF's stateless_random_ops.py): stateless_uniform, _normal,
_truncated_normal, _categorical, _gamma, _poisson, _binomial, _parameterized_truncated_normal,
split, fold_in, stateless_shuffle and index_shuffle; and tf.random.Algorithm (TF 2.21 keeps it
in random_ops_util.py).

Each op's stream is TF's StatelessRandomGetKeyCounter scramble of its seed (philox.py); the
samplers and argument checks are random_ops.py's.
"""

from __future__ import annotations

import enum
import functools
import inspect

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor
from .._core.op import op, raw_inputs
from . import array_ops_stack, op_defs
from . import parameterized_truncated_normal_op as PTN
from . import philox as P
from . import random_binomial_op as RB
from . import random_index_shuffle as RIS
from .op_util import dims as _dims
from .op_util import type_attr_error
from .random_ops import (
    _broadcast,
    _categorical,
    _categorical_dtype,
    _check_float,
    _convert,
    _dtypes_text,
    _full_int,
    _gamma,
    _normal,
    _np_dtype,
    _num_samples,
    _poisson_dtypes,
    _poisson_values,
    _shape,
    _shuffle,
    _truncated_normal,
    _uniform,
    _uniform_int,
)


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
    """TF's Philox key and counter from a shape-[2] seed (auto_select is Philox on CPU)."""
    return P.scramble(seed)


def _stateless_key(seed, alg, op_type, name=""):
    """The key of a stateless op from its seed; op_type is the sampling kernel's."""
    alg = _checked_alg(alg)
    t = convert_to_tensor(seed)
    if t.dtype not in (D.int32, D.int64):
        op_type = "StatelessRandomGetKeyCounter"
        raise type_attr_error("Tseed", t.dtype, op_defs.names(op_type, "Tseed"), op_type, None,
                              op_def=op_type)
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


# The raw ops TF's stateless samplers hand the seed as given (the V2 kernels take the key and
# counter StatelessRandomGetKeyCounter made of it).
_SEED_OPS = ("StatelessRandomGetKeyCounter", "StatelessMultinomial", "RandomIndexShuffle",
             "StatelessRandomPoisson", "StatelessRandomBinomial",
             "StatelessParameterizedTruncatedNormal")


def _raw_seed(fn):
    """A stateless sampler: TF's wrapper converts its other arguments but hands `seed` to the
    raw op as given, so the seed's Python type picks TF's eager path (op.raw_inputs)."""
    index = list(inspect.signature(fn).parameters).index("seed")

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        seed = args[index] if len(args) > index else kwargs.get("seed")
        with raw_inputs(_SEED_OPS, seed):
            return fn(*args, **kwargs)

    return wrapper


@_api.export("random.stateless_uniform")
@_raw_seed
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
@_raw_seed
def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                     alg="auto_select"):
    """tf.random.stateless_normal."""
    return _stateless_scaled(_normal, "StatelessRandomNormalV2", shape, seed, mean, stddev,
                             dtype, alg)


@_api.export("random.stateless_truncated_normal")
@_raw_seed
def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                               alg="auto_select"):
    """tf.random.stateless_truncated_normal."""
    return _stateless_scaled(_truncated_normal, "StatelessTruncatedNormalV2", shape, seed, mean,
                             stddev, dtype, alg)


def _stateless_scaled(sample, op_type, shape, seed, mean, stddev, dtype, alg):
    """A stateless mean + stddev * draw op: TF's argument checks in TF's order, then `sample`."""
    dtype = D.as_dtype(dtype)
    mean = _convert(mean, dtype, "mean")
    stddev = _convert(stddev, dtype, "stddev")
    _check_float(dtype, op_type)
    dims = _shape(shape, op_type)
    return sample(_stateless_key(seed, alg, op_type), dims, mean, stddev)


@_api.export("random.stateless_categorical")
@_raw_seed
def stateless_categorical(logits, num_samples, seed, dtype=D.int64, name=None):
    """tf.random.stateless_categorical."""
    logits = convert_to_tensor(logits)
    dtype = _categorical_dtype(dtype)
    n = _num_samples(num_samples)
    return _categorical(_stateless_key(seed, None, "StatelessMultinomial"), logits, n, dtype,
                        op_type="StatelessMultinomial")


@_api.export("random.stateless_gamma")
@_raw_seed
def stateless_gamma(shape, seed, alpha, beta=None, dtype=D.float32, name=None):
    """tf.random.stateless_gamma: `shape` draws, alpha and beta broadcast to it."""
    dims = _shape(shape, "StatelessRandomGammaV3")
    dtype = D.as_dtype(dtype)
    alpha = _convert(alpha, dtype, "alpha")
    beta = _convert(beta if beta is not None else 1, dtype, "beta")
    _check_float(dtype, "StatelessRandomGammaV3")
    return _gamma(_stateless_key(seed, None, "StatelessRandomGammaV3"), dims, alpha, beta,
                  stateless=True)


@op(others=("key", "lam"), op_type="StatelessRandomPoisson", grad=False)
def _stateless_poisson(key, shape, lam, dtype, name=None):
    return _poisson_values(key, shape, lam, dtype)


@_api.export("random.stateless_poisson")
@_raw_seed
def stateless_poisson(shape, seed, lam, dtype=D.int32, name=None):
    """tf.random.stateless_poisson: `shape` draws, lam broadcast to it."""
    dims = _shape(shape, "StatelessRandomPoisson")
    lam = convert_to_tensor(lam)
    dtype = D.as_dtype(dtype)
    _poisson_dtypes(lam, dtype, "StatelessRandomPoisson")
    _broadcast("StatelessRandomPoisson", dims, tuple(lam.shape.as_list()))
    return _stateless_poisson(_stateless_key(seed, None, "StatelessRandomPoisson"), dims, lam,
                              dtype)


def _op_name(op_type):
    """The name TF's kernel messages end with (the dispatch then follows TF's eager path)."""
    return ""


def _batch_shape(op_type, what, shapes):
    """The broadcast shape of a sampler's parameters (TF's BCast), worded as the kernel's."""
    try:
        return tuple(np.broadcast_shapes(*shapes))
    except ValueError:
        raise errors.kernel_error(op_type, "%s must have compatible batch dimensions: %s"
                                  % (what, " vs. ".join(_dims(s) for s in shapes)),
                                  _op_name(op_type)) from None


def _check_ends_with(op_type, shape, batch):
    if len(batch) > len(shape) or tuple(shape[len(shape) - len(batch):]) != batch:
        raise errors.kernel_error(op_type, "Shape passed in must end with broadcasted shape.",
                                  _op_name(op_type))


@op(others=("key", "counts", "probs"), op_type="StatelessRandomBinomial", grad=False)
def _binomial(key, shape, counts, probs, dtype, op_type="StatelessRandomBinomial", name=None):
    if counts.dtype != probs.dtype:  # counts is input 2 (3 in the stateful op), probs next
        raise errors.input_dtype_error(op_type, 3 if op_type == "StatelessRandomBinomial" else 4,
                                       D.tf_type_name(D.from_numpy(counts.dtype)),
                                       D.tf_type_name(D.from_numpy(probs.dtype)),
                                       _op_name(op_type))
    batch = _batch_shape(op_type, "counts and probs", (counts.shape, probs.shape))
    _check_ends_with(op_type, shape, batch)
    if not all(shape):
        return jnp.zeros(shape, _np_dtype(dtype))
    return RB.binomial(key, jnp.broadcast_to(counts, batch), jnp.broadcast_to(probs, batch),
                       shape, _np_dtype(dtype))


@_api.export("random.stateless_binomial")
@_raw_seed
def stateless_binomial(shape, seed, counts, probs, output_dtype=D.int32, name=None):
    """tf.random.stateless_binomial."""
    dims = _shape(shape, "StatelessRandomBinomial")
    probs = convert_to_tensor(probs, dtype_hint=D.float32)
    counts = convert_to_tensor(counts, dtype_hint=probs.dtype)
    return _binomial(_stateless_key(seed, None, "StatelessRandomBinomial"), dims, counts, probs,
                     D.as_dtype(output_dtype))


@op(others=("key", "means", "stddevs", "minvals", "maxvals"),
    op_type="StatelessParameterizedTruncatedNormal", grad=False)
def _parameterized_truncated_normal(key, shape, means, stddevs, minvals, maxvals, name=None):
    op_type = "StatelessParameterizedTruncatedNormal"
    params = (means, stddevs, minvals, maxvals)
    batch = _batch_shape(op_type, "means, stddevs, minvals, maxvals",
                         tuple(x.shape for x in params))
    _check_ends_with(op_type, shape, batch)
    params = tuple(jnp.broadcast_to(x, batch) for x in params)
    if not any(isinstance(x, jax.core.Tracer) for x in params) and all(shape) \
            and not PTN.valid(*(np.asarray(x) for x in params)):
        raise errors.kernel_error(op_type, "Invalid parameters", None)
    return PTN.parameterized_truncated_normal(key, *params, shape)


_PTN_DEF = ("StatelessParameterizedTruncatedNormal; signature=shape:S, seed:Tseed, means:dtype, "
            "stddevs:dtype, minvals:dtype, maxvals:dtype -> output:dtype; attr=S:type,allowed="
            "[DT_INT32, DT_INT64]; attr=Tseed:type,default=DT_INT64,allowed=[DT_INT32, "
            "DT_INT64]; attr=dtype:type,allowed=[DT_HALF, DT_FLOAT, DT_DOUBLE]")


@_api.export("random.stateless_parameterized_truncated_normal")
@_raw_seed
def stateless_parameterized_truncated_normal(shape, seed, means=0.0, stddevs=1.0, minvals=-2.0,
                                             maxvals=2.0, name=None):
    """tf.random.stateless_parameterized_truncated_normal."""
    op_type = "StatelessParameterizedTruncatedNormal"
    dims = _shape(shape, op_type)
    params = [convert_to_tensor(x) for x in (means, stddevs, minvals, maxvals)]
    for i, x in enumerate(params[1:]):  # inputs 3-5 take means' dtype (input 2)
        if x.dtype != params[0].dtype:
            raise errors.input_dtype_error(op_type, 3 + i, D.tf_type_name(params[0].dtype),
                                           D.tf_type_name(x.dtype), None)
    if params[0].dtype not in (D.float16, D.float32, D.float64):
        raise errors.attr_value_error("dtype", D.tf_type_name(params[0].dtype),
                                      "half, float, double", op_type, None, op_def=_PTN_DEF)
    return _parameterized_truncated_normal(_stateless_key(seed, None, op_type), dims, *params)


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
    bits = RIS.block_bits(max_index) if max_index else 16
    out = RIS.index_shuffle(index.astype(jnp.uint64), key, jnp.uint64(max_index), bits)
    return out.astype(index.dtype)


@op(others=("seed",), op_type="RandomIndexShuffle", grad=False)
def _index_shuffle_key(seed, name=None):
    """TF's key: the wrapper's pad word, then the seed's two values cut to uint32."""
    words = jnp.concatenate([jnp.asarray([RIS.SEED_PAD], jnp.uint64),
                             seed.astype(jnp.int64).astype(jnp.uint64)])
    return words.astype(jnp.uint32)


@_api.export("random.experimental.index_shuffle")
def index_shuffle(index, seed, max_index):
    """tf.random.experimental.index_shuffle: index's image under a seeded permutation of
    [0, max_index]."""
    seed = convert_to_tensor(seed)
    if tuple(seed.shape.as_list()) != (2,):
        shape = [seed.shape.as_list()[0] + 1] + seed.shape.as_list()[1:] if seed.ndim else [1]
        raise errors.kernel_error("RandomIndexShuffle", "Seed must be a vector of size [3] or a "
                                  "matrix of size [2, 3] but got %s." % _dims(shape), None)
    # index and max_index share the op's dtype attr: a Python index takes max_index's dtype.
    hint = convert_to_tensor(max_index).dtype if is_tensor(max_index) else None
    index = convert_to_tensor(index, dtype_hint=hint)
    max_index = int(convert_to_tensor(max_index))
    return _index_shuffle(_index_shuffle_key(seed), index, max_index)
