"""Reductions (TF's math_ops.py reduce_*, argmax, count_nonzero; its kernels are
reduction_ops and segment_reduction_ops): tf.math.reduce_sum and the other reduce_*, argmax and
argmin, count_nonzero, and the segment reductions (segment_*, unsorted_segment_* and
tf.sparse.segment_*).

Each is one op with TF's op type and dtype list; TF's composites (reduce_logsumexp,
reduce_variance, reduce_std, unsorted_segment_mean/sqrt_n) are one JAX body each.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import _dtype_error, op, raw_inputs
from .._core.tensor import Tensor
from . import math_ops, op_defs, tf_grads
from .op_util import HALF, dims, name_suffix


# -- reductions ------------------------------------------------------------------------------
def _axes(op_type, x, axis):
    """TF's reduction axes: None for all, an int or a list; negative counted from the end."""
    if axis is None:
        return None
    # A Python list of axes takes TF's slow path, whose errors carry no " name: " suffix.
    name = None if isinstance(axis, tuple) else ""
    axes = axis if isinstance(axis, tuple) else (axis,)
    flat = []
    for a in axes:
        # [[0]] reduces like [0] in TF; a rank-1 tensor axis arrives as a list.
        flat.extend(np.ravel(np.array(a, dtype=object)).tolist() if isinstance(a, (tuple, list))
                    else (a,))
    for a in flat:
        if isinstance(a, float) and not isinstance(axis, tuple):
            raise TypeError("Cannot convert %r to EagerTensor of dtype int32" % a)
        if isinstance(a, (float, str)):
            raise errors.attr_value_error("Tidx", "float" if isinstance(a, float) else "string",
                                          op_defs.names(op_type, "Tidx"), op_type, None)
    out = []
    for a in flat:
        if not -x.ndim <= a < x.ndim:
            raise errors.kernel_error(op_type, "Invalid reduction dimension (%d for input with "
                                      "%d dimension(s)" % (a, x.ndim), name)
        if a % x.ndim in out:
            raise errors.kernel_error(op_type, "Invalid reduction arguments: Axes contains "
                                      "duplicate dimension: %d" % (a % x.ndim), name)
        out.append(a % x.ndim)
    return tuple(out)


def _reduction(names, op_type, allowed=None):
    # jit: the bodies check axes against shapes only, so they run as one cached jax.jit.
    allowed = op_defs.allowed(op_type) if allowed is None else allowed
    return op(*names, tensors=("input_tensor",), inputs=("axis",), dtypes=allowed, op_type=op_type,
              sig="input:T, reduction_indices:Tidx -> output:T", jit=True,
              graph_inputs=(("reduction_indices", "axis"),))


def _accumulator(dt):
    """TF sums half-precision floats in float32 and integers in 64 bits (for means)."""
    if dt in HALF:
        return jnp.float32
    if jnp.issubdtype(dt, jnp.signedinteger):
        return jnp.int64
    if jnp.issubdtype(dt, jnp.unsignedinteger):
        return jnp.uint64
    return dt


@_reduction(("math.reduce_sum", "reduce_sum"), "Sum")
def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    acc = _accumulator(x.dtype) if x.dtype in HALF else x.dtype
    return jnp.sum(x, axis=_axes("Sum", x, axis), keepdims=bool(keepdims), dtype=acc).astype(
        x.dtype)


@_reduction(("math.reduce_prod", "reduce_prod"), "Prod")
def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.prod(input_tensor, axis=_axes("Prod", input_tensor, axis),
                    keepdims=bool(keepdims), dtype=input_tensor.dtype)


@_reduction(("math.reduce_mean", "reduce_mean"), "Mean")
def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Mean", x, axis)
    acc = _accumulator(x.dtype)
    total = jnp.sum(x, axis=axes, keepdims=bool(keepdims), dtype=acc)
    count = x.size // max(total.size, 1) if x.size else 0
    if jnp.issubdtype(acc, jnp.integer):  # TF divides integers truncating, 0 for no elements
        return lax.div(total, jnp.asarray(max(count, 1), acc)).astype(x.dtype)
    return (total / jnp.asarray(count, acc)).astype(x.dtype)


def _lowest(dt):
    return -jnp.inf if jnp.issubdtype(dt, jnp.inexact) else jnp.iinfo(dt).min


def _highest(dt):
    return jnp.inf if jnp.issubdtype(dt, jnp.inexact) else jnp.iinfo(dt).max


@_reduction(("math.reduce_max", "reduce_max"), "Max")
def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Max", x, axis)
    if x.size == 0:  # TF gives the lowest value for an empty reduction
        return jnp.max(x, axis=axes, keepdims=bool(keepdims), initial=_lowest(x.dtype))
    return tf_grads.reduce_extreme(x, axes, bool(keepdims), True)


@_reduction(("math.reduce_min", "reduce_min"), "Min")
def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Min", x, axis)
    if x.size == 0:
        return jnp.min(x, axis=axes, keepdims=bool(keepdims), initial=_highest(x.dtype))
    return tf_grads.reduce_extreme(x, axes, bool(keepdims), False)


# -- reduce_any, reduce_all, composites, argmax, count_nonzero -----------------------------------
_ANY_ALL_SIG = "input:bool, reduction_indices:Tidx -> output:bool"


@op(tensors=("input_tensor",), inputs=("axis",), dtypes=op_defs.allowed("Any"), op_type="Any",
    sig=_ANY_ALL_SIG,
    grad=False)
def _any(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.any(input_tensor, axis=_axes("Any", input_tensor, axis), keepdims=bool(keepdims))


@op(tensors=("input_tensor",), inputs=("axis",), dtypes=op_defs.allowed("All"), op_type="All",
    sig=_ANY_ALL_SIG,
    grad=False)
def _all(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.all(input_tensor, axis=_axes("All", input_tensor, axis), keepdims=bool(keepdims))


@_api.export("math.reduce_any", "reduce_any")
def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_any."""
    (t,) = math_ops._bool_inputs("Any", (input_tensor,), name)
    return _any(t, axis, bool(keepdims))


@_api.export("math.reduce_all", "reduce_all")
def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_all."""
    (t,) = math_ops._bool_inputs("All", (input_tensor,), name)
    return _all(t, axis, bool(keepdims))


@_api.export("math.reduce_logsumexp", "reduce_logsumexp")
def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_logsumexp: TF's composite (Max, then IsFinite: its dtype errors)."""
    t = convert_to_tensor(input_tensor)
    if t.dtype not in op_defs.allowed("Max"):
        raise _dtype_error("Max", t.dtype, op_defs.allowed("Max"),
                           "input:T, reduction_indices:Tidx -> output:T")
    if t.dtype not in op_defs.allowed("IsFinite"):
        raise _dtype_error("IsFinite", t.dtype, op_defs.allowed("IsFinite"), "x:T -> y:bool")
    return _reduce_logsumexp(t, axis, bool(keepdims))


@_reduction((), "Max", op_defs.allowed("IsFinite"))
def _reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    # TF's formula: the max is shifted out (0 where it is not finite) and held constant.
    x = input_tensor
    axes = _axes("Max", x, axis)
    raw_max = jnp.max(x, axis=axes, keepdims=True, initial=-jnp.inf)  # -inf when empty, as TF
    my_max = lax.stop_gradient(jnp.where(jnp.isfinite(raw_max), raw_max, jnp.zeros((), x.dtype)))
    out = jnp.log(jnp.sum(jnp.exp(x - my_max), axis=axes, keepdims=True, dtype=x.dtype)) + my_max
    return out if keepdims else jnp.squeeze(out, axes if axes is not None else None)


def _variance(x, axes, keepdims):
    acc = jnp.float32 if x.dtype in HALF else x.dtype
    xa = x.astype(acc)
    mean = jnp.mean(xa, axis=axes, keepdims=True)
    d = xa - mean
    sq = jnp.real(d * jnp.conj(d)) if jnp.iscomplexobj(d) else d * d
    return jnp.mean(sq, axis=axes, keepdims=bool(keepdims))


def _std_var_check(x):
    t = convert_to_tensor(x)
    if not (t.dtype.is_floating or t.dtype.is_complex):
        raise TypeError("Input must be either real or complex. Received integer type "
                        "<dtype: '%s'>." % t.dtype.name)
    return t


@op(tensors=("input_tensor",), inputs=("axis",), op_type="Mean",
    sig="input:T, reduction_indices:Tidx -> output:T")
def _reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    out = _variance(x, _axes("Mean", x, axis), keepdims)
    return out.astype(jnp.real(jnp.zeros((), x.dtype)).dtype)


@op(tensors=("input_tensor",), inputs=("axis",), op_type="Mean",
    sig="input:T, reduction_indices:Tidx -> output:T")
def _reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    out = jnp.sqrt(_variance(x, _axes("Mean", x, axis), keepdims))
    return out.astype(jnp.real(jnp.zeros((), x.dtype)).dtype)


@_api.export("math.reduce_variance")
def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_variance: real output for complex input, as TF."""
    return _reduce_variance(_std_var_check(input_tensor), axis, bool(keepdims))


@_api.export("math.reduce_std")
def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_std."""
    return _reduce_std(_std_var_check(input_tensor), axis, bool(keepdims))


@_reduction(("math.reduce_euclidean_norm",), "EuclideanNorm")
def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("EuclideanNorm", x, axis)
    if jnp.issubdtype(x.dtype, jnp.integer):  # TF takes the root in the integer type: truncated
        s = jnp.sum(x.astype(jnp.float64) ** 2, axis=axes, keepdims=bool(keepdims))
        return jnp.floor(jnp.sqrt(s)).astype(x.dtype)
    acc = jnp.float32 if x.dtype in HALF else x.dtype
    xa = x.astype(acc)
    sq = xa * jnp.conj(xa) if jnp.iscomplexobj(xa) else xa * xa
    return jnp.sqrt(jnp.sum(sq, axis=axes, keepdims=bool(keepdims))).astype(x.dtype)


def _arg_reduce(op_type, fn, x, axis, output_type):
    if isinstance(axis, tuple):
        axis = axis[0] if len(axis) == 1 else axis
    if not -x.ndim <= axis < max(x.ndim, 0) or x.ndim == 0:
        raise errors.kernel_error(op_type, "Expected dimension in the range [%d, %d), but got %d"
                                  % (-x.ndim, x.ndim, axis))
    if x.shape[axis] == 0:
        raise errors.kernel_error(op_type, "Reduction axis %d is empty in shape %s"
                                  % (axis % x.ndim, dims(x.shape)))
    if jnp.issubdtype(x.dtype, jnp.floating):
        # TF's Eigen reducer skips NaNs (a NaN never compares greater); JAX would pick it.
        fill = -jnp.inf if fn is jnp.argmax else jnp.inf
        x = jnp.where(jnp.isnan(x), jnp.asarray(fill, x.dtype), x)
    return fn(x, axis=axis).astype(D.as_dtype(output_type).as_numpy_dtype)


@op(tensors=("input",), dtypes=op_defs.allowed("ArgMax"), op_type="ArgMax", grad=False,
    sig="input:T, dimension:Tidx -> output:output_type", graph_inputs=(("dimension", "axis"),))
def _arg_max(input, axis, output_type, name=None):  # noqa: A002
    return _arg_reduce("ArgMax", jnp.argmax, input, axis, output_type)


@op(tensors=("input",), dtypes=op_defs.allowed("ArgMin"), op_type="ArgMin", grad=False,
    sig="input:T, dimension:Tidx -> output:output_type", graph_inputs=(("dimension", "axis"),))
def _arg_min(input, axis, output_type, name=None):  # noqa: A002
    return _arg_reduce("ArgMin", jnp.argmin, input, axis, output_type)


@_api.export("math.argmax", "argmax")
def argmax(input, axis=None, output_type=D.int64, name=None):  # noqa: A002
    """tf.math.argmax: axis None is 0, as TF."""
    if axis is None:
        axis = 0
    # TF's argmax (not argmin) checks its axis in Python first.
    if isinstance(axis, Tensor):
        if axis.dtype not in (D.int8, D.uint8, D.int16, D.uint16, D.int32, D.int64):
            raise TypeError("axis tensor dtypes %s is not supported" % (axis.dtype,))
    elif not isinstance(axis, int):
        raise TypeError("axis must be int or Tensor with integer datatype")
    _output_type("ArgMax", output_type, "int16, uint16, int32, int64")
    _scalar_dim("ArgMax", axis)
    return _arg_max(input, axis, D.as_dtype(output_type))


def _scalar_dim(op_type, axis):
    """ArgMax/ArgMin's kernel check: one axis, a scalar (a Python list takes TF's slow path,
    without the " name: " suffix)."""
    shape = np.shape(axis.numpy() if isinstance(axis, Tensor) else axis)
    if shape != ():
        raise errors.kernel_error(op_type, "dim must be a scalar, but received tensor of shape: "
                                  "%s" % dims(shape), name_suffix("", axis))


def _output_type(op_type, output_type, allowed):
    dt = D.as_dtype(output_type)
    if D.tf_type_name(dt) not in allowed.split(", "):
        raise errors.attr_value_error("output_type", D.tf_type_name(dt), allowed, op_type)


@_api.export("math.argmin", "argmin")
def argmin(input, axis=None, output_type=D.int64, name=None):  # noqa: A002
    """tf.math.argmin: axis None is 0, as TF."""
    _output_type("ArgMin", output_type, "int32, int64")
    axis = 0 if axis is None else axis
    _scalar_dim("ArgMin", axis)
    return _arg_min(input, axis, D.as_dtype(output_type))


@op(tensors=("input",), op_type="NotEqual", grad=False)
def _count_nonzero(input, axis, keepdims, dtype, name=None):  # noqa: A002
    x = input
    nz = (x != b"") if x.dtype == object else (x != 0)
    if x.dtype == object:
        nz = jnp.asarray(np.asarray(nz, dtype=bool))
    out = jnp.sum(nz, axis=_axes("Sum", x, axis), keepdims=bool(keepdims), dtype=jnp.int64)
    return out.astype(dtype.as_numpy_dtype)


@_api.export("math.count_nonzero")
def count_nonzero(input, axis=None, keepdims=None, dtype=D.int64, name=None):  # noqa: A002
    """tf.math.count_nonzero."""
    return _count_nonzero(input, axis, bool(keepdims), D.as_dtype(dtype))


# -- segment reductions ----------------------------------------------------------------------
_SEGMENT_SIG = "data:T, segment_ids:Tindices -> output:T"


def _segment_ids(op_type, data, ids, num_segments=None):
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise errors.attr_value_error(
            "Tindices", "float" if ids.dtype.kind == "f" else ids.dtype.name,
            op_defs.names(op_type, "Tindices"), op_type)
    if num_segments is None:  # TF's SegmentReductionValidationHelper, then the kernel's loop
        if data.ndim == 0:
            raise errors.kernel_error(op_type, "input must be at least rank 1")
        if ids.ndim != 1:
            raise errors.kernel_error(op_type, "segment_ids should be a vector.")
        if ids.shape[0] != data.shape[0]:
            raise errors.kernel_error(op_type, "segment_ids should be the same size as dimension "
                                      "0 of input.")
        n = int(ids[-1]) + 1 if ids.size else 0
        if n < 1 and ids.size:
            raise errors.kernel_error(op_type, "segment ids must be >= 0")
        starts = np.flatnonzero(np.diff(ids, prepend=ids[:1] - 1))  # each segment's first row
        for k, start in enumerate(starts):
            if k + 1 < starts.size and ids[starts[k + 1]] < ids[start]:
                raise errors.kernel_error(op_type, "segment ids are not increasing")
            if not 0 <= ids[start] < n:
                raise errors.kernel_error(
                    op_type, "Segment id %d out of range [0, %d), possibly because "
                    "'segment_ids' input is not sorted." % (ids[start], n))
        return ids, n
    if tuple(data.shape[:ids.ndim]) != ids.shape:
        raise errors.kernel_error(op_type, "data.shape = %s does not start with segment_ids.shape"
                                  " = %s" % (_dims(data.shape), _dims(ids.shape)))
    if num_segments < 0:
        raise errors.kernel_error(op_type, "Input num_segments == %d must not be negative."
                                  % num_segments)
    bad = np.flatnonzero(ids >= num_segments)  # negative ids are dropped, as TF
    if bad.size:
        k = np.unravel_index(bad[0], ids.shape)
        raise errors.kernel_error(op_type, "segment_ids%s = %d is out of range [0, %d)"
                                  % ("[%s]" % ",".join(str(i) for i in k) if k else "", ids[k],
                                     num_segments))
    return ids, int(num_segments)


def _dims(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def _segment(kind, data, ids, n, unsorted):
    """One segment reduction over data's leading ids.ndim axes; negative ids are dropped."""
    flat = data.reshape((-1,) + data.shape[ids.ndim:])
    ids = jnp.asarray(ids.reshape(-1))
    keep = ids >= 0
    ids = jnp.where(keep, ids, n)  # dropped rows go to an extra segment, sliced off below
    m = n + 1
    if kind == "sum":
        out = jax.ops.segment_sum(flat, ids, m)
    elif kind == "prod":
        # A masked product per segment: jax.ops.segment_prod has no gradient for repeated ids.
        mask = (ids[None, :] == jnp.arange(m)[:, None]).reshape((m, -1) + (1,) * (flat.ndim - 1))
        out = jnp.prod(jnp.where(mask, flat[None], jnp.ones((), flat.dtype)), axis=1,
                       dtype=flat.dtype)
    elif kind in ("max", "min"):
        out = (jax.ops.segment_max if kind == "max" else jax.ops.segment_min)(flat, ids, m)
        if unsorted and jnp.issubdtype(data.dtype, jnp.floating):
            # TF's empty unsorted segments hold the lowest (highest) finite value, not -inf.
            info = jnp.finfo(data.dtype)
            out = jnp.clip(out, info.min, info.max)
        if not unsorted:  # SegmentMax/Min give 0 for an empty segment, the unsorted ones the
            count = jax.ops.segment_sum(jnp.ones(flat.shape[:1], jnp.int32), ids, m)
            empty = (count == 0).reshape((-1,) + (1,) * (flat.ndim - 1))
            out = jnp.where(empty, jnp.zeros((), data.dtype), out)  # dtype's lowest/highest
    else:  # mean, sqrt_n
        acc = jnp.float32 if data.dtype in HALF else data.dtype
        total = jax.ops.segment_sum(flat.astype(acc), ids, m)
        count = jax.ops.segment_sum(jnp.ones(flat.shape[:1], acc), ids, m)
        count = count.reshape((-1,) + (1,) * (flat.ndim - 1))
        if kind == "sqrt_n":
            count = jnp.sqrt(count)
        if jnp.issubdtype(acc, jnp.integer):
            out = lax.div(total, jnp.maximum(count, 1).astype(acc))
        else:
            out = jnp.where(count == 0, jnp.zeros((), acc), total / jnp.where(count == 0, 1,
                                                                                count))
        out = out.astype(data.dtype)
    return out[:n]


def _segment_op(kind, op_type, names):
    # Segment ids are static arguments: the output's shape depends on them.
    @op(*names, tensors=("data",), dtypes=op_defs.allowed(op_type), op_type=op_type,
        sig=_SEGMENT_SIG)
    def body(data, segment_ids, name=None):
        ids, n = _segment_ids(op_type, data, segment_ids)
        return _segment(kind, data, ids, n, False)

    body.__name__ = names[0].rsplit(".", 1)[-1]
    return body


segment_sum = _segment_op("sum", "SegmentSum", ("math.segment_sum",))
segment_prod = _segment_op("prod", "SegmentProd", ("math.segment_prod",))
segment_mean = _segment_op("mean", "SegmentMean", ("math.segment_mean",))
segment_max = _segment_op("max", "SegmentMax", ("math.segment_max",))
segment_min = _segment_op("min", "SegmentMin", ("math.segment_min",))


def _unsorted_op(kind, op_type, names):
    @op(*names, tensors=("data",), dtypes=op_defs.allowed(op_type), op_type=op_type,
        sig="data:T, segment_ids:Tindices, num_segments:Tnumsegments -> output:T")
    def body(data, segment_ids, num_segments, name=None):
        n_kind = np.asarray(num_segments).dtype.kind
        if n_kind not in "iu":  # a static argument: a float arrives as float64, named "float"
            raise errors.attr_value_error(
                "Tnumsegments", {"f": "float", "b": "bool", "c": "complex64"}.get(n_kind,
                                                                                  "string"),
                "int32, int64", op_type)
        if np.ndim(num_segments):
            raise errors.kernel_error(op_type, "num_segments should be a scalar, not shape %s"
                                      % _dims(np.shape(num_segments)))
        ids, n = _segment_ids(op_type, data, segment_ids, int(np.asarray(num_segments)))
        return _segment(kind, data, ids, n, True)

    body.__name__ = names[0].rsplit(".", 1)[-1] if names else op_type
    return body


unsorted_segment_sum = _unsorted_op("sum", "UnsortedSegmentSum", ("math.unsorted_segment_sum",))
unsorted_segment_prod = _unsorted_op("prod", "UnsortedSegmentProd",
                                     ("math.unsorted_segment_prod",))
unsorted_segment_max = _unsorted_op("max", "UnsortedSegmentMax", ("math.unsorted_segment_max",))
unsorted_segment_min = _unsorted_op("min", "UnsortedSegmentMin", ("math.unsorted_segment_min",))
# TF's Python composites: sum / count (sqrt(count)); integer data is divided in float64 as
# TF's wrapper casts through truediv.
_unsorted_mean = _unsorted_op("mean", "UnsortedSegmentSum", ())
_unsorted_sqrt_n = _unsorted_op("sqrt_n", "UnsortedSegmentSum", ())


@_api.export("math.unsorted_segment_mean")
def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_mean: integer data gives float64 means, as TF's composite."""
    data = convert_to_tensor(data)
    _segment_count_check(data)
    if data.dtype.is_integer:
        data = math_ops.cast(data, math_ops._TRUEDIV[data.dtype])
    return _unsorted_mean(data, segment_ids, num_segments)


def _segment_count_check(data):
    """TF's composites count each segment's rows in data's dtype and clip the counts at 1 with
    Maximum, which has no complex kernel: complex data is Maximum's dtype error."""
    if data.dtype.is_complex:
        raise _dtype_error("Maximum", data.dtype, op_defs.allowed("Maximum"),
                           "x:T, y:T -> z:T")


@_api.export("math.unsorted_segment_sqrt_n")
def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_sqrt_n."""
    data = convert_to_tensor(data)
    _segment_count_check(data)
    sqrt = op_defs.allowed("Sqrt")
    if data.dtype in op_defs.allowed("Sum") and data.dtype not in sqrt:  # TF's composite's Sqrt
        raise _dtype_error("Sqrt", data.dtype, sqrt, "x:T -> y:T")
    return _unsorted_sqrt_n(data, segment_ids, num_segments)



# -- sparse segment reductions (tf.sparse.segment_sum/mean/sqrt_n) ----------------------------
_SPARSE_SEGMENT_T = {"Sum": "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, "
                            "half, uint32, uint64",
                     "Mean": "bfloat16, half, float, double",
                     "SqrtN": "bfloat16, half, float, double"}
_SPARSE_SEGMENT_ATTRS = ("T", "Tidx", "Tnumsegments", "Tsegmentids")


def _sparse_segment_def(op_type, kind, with_n):
    """TF's op-def text for SparseSegment{Sum,Mean,SqrtN}[WithNumSegments], as its errors print."""
    allowed = {"T": ", ".join("DT_" + t.upper() for t in _SPARSE_SEGMENT_T[kind].split(", "))}
    attrs = "; ".join(
        "attr=%s:type,allowed=[%s]" % (a, allowed["T"]) if a == "T"
        else "attr=%s:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]" % a
        for a in _SPARSE_SEGMENT_ATTRS if with_n or a != "Tnumsegments")
    return "%s; signature=data:T, indices:Tidx, segment_ids:Tsegmentids%s -> output:T; %s; " \
        "attr=sparse_gradient:bool,default=false" % (
            op_type, ", num_segments:Tnumsegments" if with_n else "", attrs)


def _sparse_segment_check(op_type, data, idx, ids, num_segments):
    """TF's SparseSegmentReductionOpBase checks, in its order; returns the output's row count."""
    def fail(message):
        return errors.kernel_error(op_type, message, None)

    if idx.ndim != 1:
        raise fail("indices should be a vector.")
    if ids.ndim != 1:
        raise fail("segment_ids should be a vector.")
    if data.ndim < 1:
        raise fail("Shape must be at least rank 1")
    if idx.size != ids.size:
        raise fail("segment_ids and indices should have same size.")
    rows = int(ids[-1]) + 1 if ids.size else 0
    if num_segments is not None:
        if num_segments < 0:
            raise fail("segment ids must be >= 0")
        if rows > num_segments:
            raise fail("segment ids must be < num_segments")
        rows = num_segments
    if rows < 0:
        raise fail("segment ids must be >= 0")
    n = data.shape[0]
    starts = np.flatnonzero(np.diff(ids, prepend=ids[:1] - 1)) if ids.size else ids
    bad_order = np.any(ids[starts[1:]] < ids[starts[:-1]]) if starts.size > 1 else False
    bad = bad_order or np.any((ids < 0) | (ids >= rows)) or np.any((idx < 0) | (idx >= n))
    if bad:  # the kernel's loop, segment by segment: the first failure is the one it reports
        ends = list(starts[1:]) + [ids.size]
        for start, end in zip(starts, ends):
            if end < ids.size and ids[end] < ids[start]:
                raise fail("segment ids are not increasing")
            if not 0 <= ids[start] < rows:
                raise fail("Segment id %d out of range [0, %d), possibly because 'segment_ids' "
                           "input is not sorted." % (ids[start], rows))
            for j in range(start, end):
                if not 0 <= idx[j] < n:
                    raise fail("Bad: indices[%d] == %d out of range [0, %d)" % (j, idx[j], n))
    return rows


def _sparse_segment_grad(bound, entry, cts):
    """TF's _SparseSegment{Sum,Mean,SqrtN}Grad with sparse_gradient=True: tf.IndexedSlices over
    the sorted distinct indices, each the (scaled) sum of its rows' cotangents. Without it,
    TF's gradient is dense: jax.vjp's."""
    from .._core.indexed_slices import IndexedSlices
    from .gather_scatter_ops import gather

    kind, idx, ids, sparse_gradient = (bound.static[5], bound.static[1], bound.static[2],
                                       bound.static[4])
    if not sparse_gradient:
        return NotImplemented
    data = entry.inputs[0]
    if cts[0] is None:
        return [None]
    idx, ids = np.asarray(idx, np.int64).reshape(-1), np.asarray(ids, np.int64).reshape(-1)
    count = np.bincount(ids, minlength=1).astype(np.float64)[ids]
    scale = {"sum": np.ones_like(count), "mean": 1 / count, "sqrt_n": 1 / np.sqrt(count)}[kind]
    rows = gather(cts[0], ids.astype(np.int32))
    scale = convert_to_tensor(scale.reshape((-1,) + (1,) * (data.ndim - 1)).astype(
        data.dtype.as_numpy_dtype))
    unique, inverse = np.unique(idx, return_inverse=True)
    values = unsorted_segment_sum(rows * scale, inverse.astype(np.int32), unique.size)
    dense_shape = convert_to_tensor(np.array(data.shape.as_list(), np.int32))
    return [IndexedSlices(values, convert_to_tensor(unique.astype(np.int32)), dense_shape)]


@op(tensors=("data",), op_type="SparseSegmentSum", backward=_sparse_segment_grad)
def _sparse_segment(data, indices, segment_ids, num_segments, sparse_gradient, kind, op_type,
                    name=None):
    idx = np.asarray(indices, np.int64).reshape(np.shape(indices))
    ids = np.asarray(segment_ids, np.int64).reshape(np.shape(segment_ids))
    rows = _sparse_segment_check(op_type, data, idx, ids, num_segments)
    return _segment(kind, jnp.take(data, idx, axis=0), ids, rows, False)


def _sparse_segment_op(kind, tf_kind):
    def fn(data, indices, segment_ids, num_segments=None, name=None, sparse_gradient=False):
        op_type = "SparseSegment%s%s" % (tf_kind, "" if num_segments is None
                                         else "WithNumSegments")
        op_def = _sparse_segment_def(op_type, tf_kind, num_segments is not None)
        data = convert_to_tensor(data)
        args = {"T": data}
        for attr, value in (("Tidx", indices), ("Tsegmentids", segment_ids),
                            ("Tnumsegments", num_segments)):
            if value is not None:  # TF's wrapper converts a list as int32 (so [] too)
                args[attr] = convert_to_tensor(value, dtype_hint=D.int32)
        for attr in _SPARSE_SEGMENT_ATTRS:  # TF checks the attrs in its op-def's order
            t = args.get(attr)
            allowed = _SPARSE_SEGMENT_T[tf_kind] if attr == "T" else "int32, int64"
            if t is not None and D.tf_type_name(t.dtype) not in allowed.split(", "):
                raise errors.attr_value_error(attr, D.tf_type_name(t.dtype), allowed, op_type,
                                              None, op_def=op_def)
        n = None if num_segments is None else int(args["Tnumsegments"].numpy())
        idx = np.asarray(args["Tidx"].numpy())
        ids = np.asarray(args["Tsegmentids"].numpy())
        given = (data, indices, segment_ids) + (() if num_segments is None else (num_segments,))
        with raw_inputs(op_type, *given):  # a Python list takes TF's slow path: no " name: " tail
            return _sparse_segment(data, idx, ids, n, bool(sparse_gradient), kind, op_type,
                                   name=name)

    fn.__name__ = fn.__qualname__ = "segment_" + kind
    fn.__doc__ = "tf.sparse.segment_%s." % kind
    return _api.export("sparse.segment_" + kind)(fn)


sparse_segment_sum = _sparse_segment_op("sum", "Sum")
sparse_segment_mean = _sparse_segment_op("mean", "Mean")
sparse_segment_sqrt_n = _sparse_segment_op("sqrt_n", "SqrtN")
