"""Tensor creation and shape ops (TF's array_ops.py and constant_op.py), indexing, gather and
scatter, sorting, clipping (clip_ops.py) and scans.

As in math_ops, TF's Python wrappers (zeros, ones, eye, range, linspace, concat, stack, shape,
size, gather, split, pad, where, boolean_mask, clip_by_*, ...) are ported as plain exported
functions around unexported ops, so conversions and errors happen in TF's order.
"""

from __future__ import annotations

import builtins
import collections
import functools
import math
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import convert as C
from .._core import dtypes as D
from .._core import errors
from .._core import tensor as T
from .._core.convert import convert_to_tensor, is_tensor_like
from .._core.dtypes import tf_type_name
from .._core.op import TypeList, op
from .._core.tensor_shape import TensorShape
from . import math_ops

_INDEX_TYPES = "int32, int64"


def _np_dtype(dtype):
    return D.as_dtype(dtype).as_numpy_dtype


def _attr_error(attr, value, op_type, allowed=_INDEX_TYPES, name=None):
    """TF's error for an index-like input of a dtype its op-def refuses."""
    d = convert_to_tensor(value).dtype if not isinstance(value, D.DType) else value
    text = "Value for attr '%s' of %s is not in the list of allowed values: %s\n\t; NodeDef: " \
           "{{node %s}} [Op:%s]" % (attr, tf_type_name(d), allowed, op_type, op_type)
    if name is not None:
        text += " name: " + name
    return errors.InvalidArgumentError(None, None, text)


def _int_vector(value, op_type, attr, name=None) -> np.ndarray:
    """An index-like input (a shape, perm, dims) as a NumPy int64 array, with TF's dtype errors."""
    if isinstance(value, TensorShape):
        value = value.as_list()
    arr = np.asarray(convert_to_tensor(value).numpy() if is_tensor_like(value) else value)
    if arr.dtype.kind not in "iu" and arr.size:
        if arr.dtype.kind == "O" and not isinstance(arr.flat[0], (str, bytes)):
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        raise _attr_error(attr, value, op_type, name=name)
    return arr.astype(np.int64)


def _dims_text(shape):
    return "[%s]" % ",".join(str(d) for d in shape)


# -- constants -------------------------------------------------------------------------------
@_api.export("constant")
def constant(value, dtype=None, shape=None, name="Const"):
    """tf.constant."""
    if type(value) is T.EagerTensor and shape is None and (
            dtype is None or D.as_dtype(dtype) is value.dtype):
        return value  # TF hands an eager tensor back as it is
    return C.constant_value(value, dtype, shape, name)


@_api.export("convert_to_tensor")
def convert_to_tensor_v2(value, dtype=None, dtype_hint=None, name=None):
    """tf.convert_to_tensor."""
    return convert_to_tensor(value, dtype, dtype_hint, name)


_api.export("is_tensor")(C.is_tensor)


# -- creation --------------------------------------------------------------------------------
@op(tensors=("value",), op_type="Fill", sig="dims:index_type, value:T -> output:T")
def _fill(dims, value, name=None):
    if value.ndim > 1 or value.size != 1:
        raise errors.kernel_error("Fill", "value must represent a scalar, got shape %s"
                                  % _dims_text(value.shape), None)
    value = value.reshape(())
    if value.dtype == object:  # tf.string: NumPy holds the bytes objects
        return np.full(dims, value.item(), dtype=object)
    return jnp.broadcast_to(value, dims)


def _fill_dims(dims, name) -> tuple:
    """Fill's dims: a vector of sizes >= 0, checked as its kernel does."""
    arr = _int_vector(dims, "Fill", "index_type")
    if arr.ndim > 1:
        raise errors.kernel_error("Fill", "dims must represent a vector, got shape %s"
                                  % _dims_text(arr.shape), name)
    for d in arr.reshape(-1):
        if d < 0:
            raise errors.kernel_error("Fill", "Dimension %d must be >= 0" % d, name)
    return tuple(int(d) for d in arr.reshape(-1))


@_api.export("fill")
def fill(dims, value, name=None, layout=None):
    """tf.fill."""
    return _fill(_fill_dims(dims, None), value)


def _shape_for_filled(shape) -> tuple:
    """zeros/ones: TF tries the shape as a TensorShape, else converts it to int32 strictly."""
    if not is_tensor_like(shape):
        integral = not isinstance(shape, (list, tuple)) or builtins.all(
            isinstance(d, numbers.Integral) for d in shape)
        try:
            dims = TensorShape(shape).as_list() if integral else [None]
            if None not in dims and builtins.all(d >= 0 for d in dims):
                return tuple(dims)
        except (TypeError, ValueError):
            pass
        if not isinstance(shape, TensorShape):
            shape = convert_to_tensor(shape, D.int32)
    return _fill_dims(shape, "")


def _filled(shape, dtype, zero: bool):
    dtype = D.as_dtype(dtype)
    dims = _shape_for_filled(shape)
    if dtype is D.string:
        if not zero:
            raise TypeError("Cannot convert 1 to EagerTensor of dtype string")
        return T.wrap(np.full(dims, b"", dtype=object))
    return T.wrap(T.filled_array(dims, np.dtype(dtype.as_numpy_dtype), 0 if zero else 1))


@_api.export("zeros")
def zeros(shape, dtype=D.float32, name=None, layout=None):
    """tf.zeros."""
    return _filled(shape, dtype, zero=True)


@_api.export("ones")
def ones(shape, dtype=D.float32, name=None, layout=None):
    """tf.ones."""
    return _filled(shape, dtype, zero=False)


# ones_like/zeros_like have no gradient in TF: their output does not depend on the values.
@op(others=("x",), op_type="ZerosLike", grad=False)
def _zeros_like(x, name=None):
    if x.dtype == object:
        return np.full(x.shape, b"", dtype=object)
    return T.filled_array(x.shape, x.dtype, 0)


_ONES_LIKE = TypeList.of("bfloat16, half, float, double, int8, uint8, int16, uint16, int32, "
                         "uint32, int64, uint64, complex64, complex128, bool")


@op(tensors=("x",), op_type="OnesLike", grad=False, dtypes=_ONES_LIKE)
def _ones_like(x, name=None):
    return T.filled_array(x.shape, x.dtype, 1)


@_api.export("zeros_like")
def zeros_like(input, dtype=None, name=None, layout=None):  # noqa: A002
    """tf.zeros_like."""
    t = convert_to_tensor(input)
    if dtype is not None and D.as_dtype(dtype) is not t.dtype:
        return zeros(t.shape, dtype)
    return _zeros_like(t)


@_api.export("ones_like")
def ones_like(input, dtype=None, name=None, layout=None):  # noqa: A002
    """tf.ones_like."""
    t = convert_to_tensor(input)
    if dtype is not None and D.as_dtype(dtype) is not t.dtype:
        return ones(t.shape, dtype)
    return _ones_like(t)


@_api.export("eye", "linalg.eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=D.float32, name=None):
    """tf.eye."""
    if C.is_tensor(num_rows):
        num_rows = int(convert_to_tensor(num_rows))
    if C.is_tensor(num_columns):
        num_columns = int(convert_to_tensor(num_columns))
    cols = num_rows if num_columns is None else num_columns
    if not isinstance(num_rows, numbers.Integral) or not isinstance(cols, numbers.Integral):
        raise TypeError("Arguments `num_rows` and `num_columns` must be positive integer values. "
                        "Received: num_rows=%s, num_columns=%s" % (num_rows, cols))
    batch = [] if batch_shape is None else [int(d) for d in _int_vector(batch_shape, "Fill",
                                                                         "index_type")]
    # TF builds it from tf.ones (the diagonal) and tf.zeros: their errors are eye's.
    _shape_for_filled(batch + [min(num_rows, cols), num_rows, cols])
    if D.as_dtype(dtype) is D.string:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype string")
    m = jnp.eye(num_rows, cols, dtype=_np_dtype(dtype))
    return T.wrap(jnp.broadcast_to(m, tuple(batch) + m.shape))


_RANGE_ORDER = (D.int32, D.int64, D.float16, D.bfloat16, D.float32, D.float64)
_RANGE_TYPES = "bfloat16, half, float, double, int8, int16, int32, int64, uint16, uint32, uint64"
_RANGE = TypeList.of(_RANGE_TYPES)


def _number_text(v) -> str:
    """A number as TF's StrCat prints it (no trailing .0)."""
    s = str(v)
    return s[:-2] if s.endswith(".0") else s


@_api.export("range")
def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    """tf.range."""
    if limit is None:
        start, limit = 0, start
    args = [a if C.is_tensor(a) else convert_to_tensor(a, dtype) for a in (start, limit, delta)]
    args = [convert_to_tensor(a) for a in args]
    if dtype is None:
        if any(a.dtype not in _RANGE_ORDER for a in args):
            raise AssertionError()
        # TF infers the widest of the arguments' dtypes (int32 < int64 < ... < float64).
        dtype = builtins.max((a.dtype for a in args), key=_RANGE_ORDER.index)
    dtype = D.as_dtype(dtype)
    lo, hi, step = (math_ops.cast(a, dtype).numpy()[()] for a in args)
    if dtype not in _RANGE:
        raise _attr_error("Tidx", dtype, "Range", _RANGE_TYPES, "")
    if dtype in (D.int8, D.int16, D.uint16, D.uint32, D.uint64):  # in the op-def, no kernel
        raise errors.NotFoundError(None, None, "Could not find device for node: {{node Range}} "
                                   "= Range[Tidx=DT_%s]\nAll kernels registered for op Range: "
                                   "[Op:Range] name: " % dtype.name.upper())
    if step == 0:
        raise errors.kernel_error("Range", "Requires delta != 0: %s" % _number_text(step))
    if (step > 0 and not lo <= hi) or (step < 0 and not lo >= hi):
        raise errors.kernel_error(
            "Range", "Requires start %s limit when delta %s 0: %s/%s"
            % ("<=" if step > 0 else ">=", ">" if step > 0 else "<", _number_text(lo),
               _number_text(hi)))
    np_dt = dtype.as_numpy_dtype
    if dtype.is_integer:
        size = (abs(int(hi) - int(lo)) + abs(int(step)) - 1) // abs(int(step))
    else:
        n = np.abs((hi - lo) / step)  # in the range's own dtype, as TF's kernel
        if not np.isfinite(n) or n > 2**63 - 1:
            raise errors.kernel_error("Range", "Requires ((limit - start) / delta) <= %d"
                                      % (2**63 - 1))
        size = int(np.ceil(n))
    # TF's kernel computes start + i * delta in the output dtype.
    values = (lo + np.arange(size).astype(np_dt) * step).astype(np_dt)
    return T.wrap(jnp.asarray(values))


@_api.export("linspace")
def linspace(start, stop, num, name=None, axis=0):
    """tf.linspace (TF's linspace_nd)."""
    start = convert_to_tensor(start)
    try:
        stop = convert_to_tensor(stop, start.dtype)
    except ValueError as e:
        raise ValueError("stop: %s" % e) from None
    n = convert_to_tensor(num)
    if not n.dtype.is_integer:
        raise TypeError("Argument `tensor` (name: num) must be of type integer. Received "
                        "`tensor` = %s of dtype: %s" % (num, n.dtype))
    n = int(n)
    if n < 0:  # TF's range(1, -1) inside linspace_nd
        raise errors.kernel_error("Range", "Requires start <= limit when delta > 0: 1/%d" % n)
    return _linspace(start, stop, n, axis)


@op(tensors=("start", "stop"), op_type="LinSpace")
def _linspace(start, stop, num, axis, name=None):
    shape = np.broadcast_shapes(start.shape, stop.shape)
    rank = len(shape) + 1
    if not -rank <= axis < rank:
        raise errors.kernel_error("ExpandDims", "Tried to expand dim index %d for tensor with %d "
                                  "dimensions." % (axis, rank - 1))
    start = jnp.expand_dims(jnp.broadcast_to(start, shape), axis)
    stop = jnp.expand_dims(jnp.broadcast_to(stop, shape), axis)
    if jnp.issubdtype(start.dtype, jnp.integer):  # TF's truediv: int8/16 -> float32, else 64
        ft = jnp.float32 if start.dtype.itemsize <= 2 else jnp.float64
        delta = (stop - start).astype(ft) / jnp.asarray(builtins.max(num - 1, 1), ft)
        start, stop = start.astype(ft), stop.astype(ft)
    else:
        delta = (stop - start) / jnp.asarray(builtins.max(num - 1, 1), start.dtype)
    steps = jnp.arange(1, builtins.max(num - 1, 1), dtype=delta.dtype)
    steps = steps.reshape([-1 if i == axis % rank else 1 for i in builtins.range(rank)])
    out = jnp.concatenate([start, start + delta * steps, stop], axis=axis)
    return jnp.take(out, jnp.arange(num), axis=axis)


# -- identity and gradient control -----------------------------------------------------------
@op(tensors=("input",), op_type="Identity")
def _identity(input, name=None):  # noqa: A002
    return input


@_api.export("identity")
def identity(input, name=None):  # noqa: A002
    """tf.identity."""
    return _identity(convert_to_tensor(input))


@op("stop_gradient", tensors=("input",), op_type="StopGradient", grad=False)
def stop_gradient(input, name=None):  # noqa: A002
    return input


# -- shapes ----------------------------------------------------------------------------------
def _reshape_dims(tensor, sizes):
    """TF's Reshape kernel: the requested sizes, with -1 inferred, checked as TF checks them."""
    if sizes.ndim > 1:
        raise errors.kernel_error("Reshape", "sizes input must be 1-D, not %s"
                                  % _dims_text(sizes.shape), None)
    dims, product, unknown, zero_dim = [], 1, -1, False
    for i, size in enumerate(int(s) for s in sizes.reshape(-1)):
        if size == -1:
            if unknown != -1:
                raise errors.kernel_error("Reshape", "Only one input size may be -1, not both "
                                          "%d and %d" % (unknown, i), None)
            unknown = i
            dims.append(1)
        elif size < 0:
            raise errors.kernel_error("Reshape", "Size %d must be non-negative, not %d"
                                      % (i, size), None)
        else:
            dims.append(size)
            product *= size or 1
            zero_dim = zero_dim or size == 0
    if unknown != -1:
        # Zero-sized input dims are left out when the sizes have a zero too, as in TF.
        n_in, in_zero = 1, False
        for d in tensor.shape:
            if d > 0 or not zero_dim:
                n_in *= d
            else:
                in_zero = True
        missing = n_in // product
        if not in_zero and product * missing != n_in:
            raise errors.kernel_error(
                "Reshape", "Input to reshape is a tensor with %d values, but the requested shape "
                "requires a multiple of %d" % (n_in, product), None)
        dims[unknown] = missing
    if math.prod(dims) != tensor.size:
        raise errors.kernel_error("Reshape", "Input to reshape is a tensor with %d values, but "
                                  "the requested shape has %d" % (tensor.size, math.prod(dims)),
                                  None)
    return tuple(dims)


@op("reshape", tensors=("tensor",), op_type="Reshape")
def reshape(tensor, shape, name=None):
    return jnp.reshape(tensor, _reshape_dims(tensor, _int_vector(shape, "Reshape", "Tshape")))


@op("transpose", tensors=("a",), op_type="Transpose")
def transpose(a, perm=None, conjugate=False, name="transpose"):
    if perm is None:
        perm = tuple(builtins.range(a.ndim - 1, -1, -1))
    p = _int_vector(perm, "Transpose", "Tperm")
    if p.ndim != 1:
        raise errors.kernel_error("Transpose", "perm must be rank 1, got shape %s"
                                  % _dims_text(p.shape), None)
    if len(p) != a.ndim:
        raise errors.kernel_error("Transpose", "transpose expects a vector of size %d. But "
                                  "input(1) is a vector of size %d" % (a.ndim, len(p)), None)
    p = [int(d) + a.ndim if d < 0 else int(d) for d in p]
    for d in p:
        if not 0 <= d < a.ndim:
            raise errors.kernel_error("Transpose", "%d is out of range [0 .. %d)" % (d, a.ndim),
                                      None)
    for i in builtins.range(a.ndim):
        if i not in p:
            raise errors.kernel_error("Transpose", "%d is missing from {%s}."
                                      % (i, ",".join(str(d) for d in p)), None)
    out = jnp.transpose(a, p)
    return jnp.conj(out) if conjugate else out  # the identity on real tensors


def _scalar_int(value, op_type, attr):
    """An axis argument: a Python float is refused by conversion, other dtypes by the op."""
    if isinstance(value, float):
        raise TypeError("Cannot convert %r to EagerTensor of dtype int32" % value)
    return _int_vector(value, op_type, attr)


@op("expand_dims", tensors=("input",), op_type="ExpandDims")
def expand_dims(input, axis, name=None):  # noqa: A002
    dim = _scalar_int(axis, "ExpandDims", "Tdim")
    if dim.size != 1:
        raise errors.kernel_error("ExpandDims", "'dim' must be a tensor with a single value",
                                  None)
    axis = int(dim.reshape(()))
    if not -input.ndim - 1 <= axis <= input.ndim:
        raise errors.kernel_error("ExpandDims", "Tried to expand dim index %d for tensor with "
                                  "%d dimensions." % (axis, input.ndim))
    return jnp.expand_dims(input, axis)


@op("squeeze", tensors=("input",), op_type="Squeeze")
def squeeze(input, axis=None, name=None):  # noqa: A002
    if axis is None:
        return jnp.squeeze(input)
    axes = axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if not -input.ndim <= a < input.ndim:
            raise errors.kernel_error(
                "Squeeze", "Tried to squeeze dim index %d for tensor with %d dimensions."
                % (a, input.ndim))
        if input.shape[a] != 1:
            raise errors.kernel_error(
                "Squeeze", "Can not squeeze dim[%d], expected a dimension of 1, got %d"
                % (a % input.ndim, input.shape[a]))
    return jnp.squeeze(input, tuple(a % input.ndim for a in axes))


@op(lists=("values",), op_type="ConcatV2")
def _concat_v2(values, axis, name="concat"):
    node = "ConcatV2_N_%d" % len(values)
    rank = values[0].ndim
    if rank == 0:
        raise errors.kernel_error("ConcatV2", "ConcatOp : Can't concatenate scalars (use tf.stack "
                                  "instead)", name=name, node=node)
    if not -rank <= axis < rank:
        raise errors.kernel_error("ConcatV2", "ConcatOp : Expected concatenating dimensions in "
                                  "the range [%d, %d), but got %d" % (-rank, rank, axis),
                                  name=name, node=node)
    ax = axis % rank
    for i, v in enumerate(values[1:], 1):
        if v.ndim != rank:
            raise errors.kernel_error(
                "ConcatV2", "ConcatOp : Ranks of all input tensors should match: shape[0] = %s "
                "vs. shape[%d] = %s" % (_dims_text(values[0].shape), i, _dims_text(v.shape)),
                name=name, node=node)
        for d in builtins.range(rank):
            if d != ax and v.shape[d] != values[0].shape[d]:
                raise errors.kernel_error(
                    "ConcatV2", "ConcatOp : Dimension %d in both shapes must be equal: shape[0] "
                    "= %s vs. shape[%d] = %s" % (d, _dims_text(values[0].shape), i,
                                                 _dims_text(v.shape)),
                    name=name, node=node)
    if values[0].dtype == object:
        return np.concatenate(values, axis=ax)
    return jnp.concatenate(values, axis=ax)


@_api.export("concat")
def concat(values, axis, name="concat"):
    """tf.concat."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    dim = _scalar_int(axis, "ConcatV2", "Tidx")
    if len(values) == 1:  # TF returns identity(values[0]), checking only that axis is a scalar
        if dim.ndim:
            raise ValueError("Shape %s must have rank 0" % TensorShape(dim.shape))
        return identity(values[0])
    if dim.size != 1:
        raise errors.kernel_error("ConcatV2", "ConcatOp : Expected concat_dim to be a scalar, "
                                  "got shape %s" % _dims_text(dim.shape), name,
                                  node="ConcatV2_N_%d" % len(values))
    return _concat_v2(values, int(dim.reshape(())), name=name)


def _has_tensor(value) -> bool:
    if isinstance(value, (list, tuple)):
        return builtins.any(_has_tensor(v) for v in value)
    return is_tensor_like(value)


@op(lists=("values",), op_type="Pack")
def _pack(values, axis=0, name="stack"):
    for i, v in enumerate(values[1:], 1):
        if v.shape != values[0].shape:
            raise errors.kernel_error(
                "Pack", "Shapes of all inputs must match: values[0].shape = %s != values[%d]."
                "shape = %s" % (_dims_text(values[0].shape), i, _dims_text(v.shape)),
                name=name, node="Pack_N_%d" % len(values))
    if values[0].dtype == object:
        return np.stack(values, axis=axis)
    return jnp.stack(values, axis=axis)


@_api.export("stack")
def stack(values, axis=0, name="stack"):
    """tf.stack."""
    if axis == 0 and not _has_tensor(values):
        try:  # TF first tries the list as one constant (Python numbers only here)
            return convert_to_tensor(values)
        except (TypeError, ValueError, NotImplementedError):
            pass
    if C.is_tensor(values):
        values = list(convert_to_tensor(values))
    rank = convert_to_tensor(values[0]).ndim + 1
    if not -rank <= axis < rank:
        raise ValueError("Argument `axis` = %s not in range [%d, %d)" % (axis, -rank, rank))
    return _pack(list(values), axis=axis % rank, name=name)


def _out_type(out_type, op_type):
    dt = D.int32 if out_type is None else D.as_dtype(out_type)
    if dt not in (D.int32, D.int64):
        raise _attr_error("out_type", dt, op_type, name="")
    return dt


@_api.export("shape")
def shape(input, out_type=None, name=None):  # noqa: A002
    """tf.shape."""
    dt = _out_type(out_type, "Shape")
    return T.wrap(jnp.asarray(np.array(convert_to_tensor(input).shape.as_list(),
                                       dt.as_numpy_dtype)))


@_api.export("rank")
def rank(input, name=None):  # noqa: A002
    """tf.rank."""
    return T.wrap(jnp.asarray(np.int32(convert_to_tensor(input).ndim)))


@_api.export("size")
def size(input, out_type=None, name=None):  # noqa: A002
    """tf.size: TF computes it in NumPy with out_type's dtype, then converts (unchecked)."""
    dt = D.int32 if out_type is None else D.as_dtype(out_type)
    n = np.prod(convert_to_tensor(input).shape.as_list(), dtype=dt.as_numpy_dtype)
    return convert_to_tensor(n, dtype=dt)


# -- indexing (TF's _slice_helper: strided_slice through Tensor.__getitem__) ---------------
_SLICE_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                     "scalar tf.int32/tf.int64 tensors are valid indices")


def _check_index(idx) -> int:
    """TF's _check_index: an int, or a scalar int16/32/64 (tensor or NumPy) value."""
    if isinstance(idx, numbers.Integral):
        return int(idx)
    dtype = getattr(idx, "dtype", None)
    try:
        ok = dtype is not None and D.as_dtype(dtype) in (D.int16, D.int32, D.int64)
    except TypeError:
        ok = False
    if not ok or len(getattr(idx, "shape", ())) == 1:
        raise TypeError(_SLICE_TYPE_ERROR + ", got {!r}".format(idx))
    return int(np.asarray(idx))


def _index_key(key) -> tuple:
    """A hashable static index: ints, ('s', start, stop, step), Ellipsis, None."""
    if not isinstance(key, (list, tuple)):
        key = (key,)
    out = []
    for k in key:
        if isinstance(k, builtins.slice):
            out.append(("s",) + tuple(None if v is None else _check_index(v)
                                      for v in (k.start, k.stop, k.step)))
        elif k is None or k is Ellipsis:
            out.append(k)
        else:
            out.append(_check_index(k))
    return tuple(out)


@op(tensors=("tensor",), op_type="StridedSlice")
def strided_slice_index(tensor, key, suffix="strided_slice/", name=None):
    def fail(message):
        return errors.kernel_error("StridedSlice", message, name=suffix)

    if builtins.sum(1 for k in key if k is Ellipsis) > 1:
        raise fail("Multiple ellipses in slice spec not allowed")
    for i, k in enumerate(key):
        if isinstance(k, tuple) and k[3] == 0:
            raise fail("strides[%d] must be non-zero" % i)
    n_real = builtins.sum(1 for k in key if k is not None and k is not Ellipsis)
    if tensor.ndim == 0 and n_real:
        raise fail("Attempting to slice scalar input.")
    if n_real > tensor.ndim:
        raise fail("Index out of range using input dim %d; input has only %d dims"
                   % (tensor.ndim, tensor.ndim))
    # TF checks integer indices against their dimension (JAX would clamp them).
    dim = 0
    for k in key:
        if k is Ellipsis:
            dim += tensor.ndim - n_real
        elif k is not None:
            if isinstance(k, int) and not -tensor.shape[dim] <= k < tensor.shape[dim]:
                raise fail("slice index %d of dimension %d out of bounds."
                           % (k if k >= 0 else k + tensor.shape[dim], dim))
            dim += 1
    idx = tuple(builtins.slice(*k[1:]) if isinstance(k, tuple) else k for k in key)
    return tensor[idx]


def getitem(tensor, key):
    """Tensor.__getitem__."""
    if isinstance(key, (bool, np.bool_)):  # TF routes a scalar bool to boolean_mask
        raise ValueError("mask cannot be scalar.")
    return strided_slice_index(convert_to_tensor(tensor), _index_key(key))


# -- gather ----------------------------------------------------------------------------------
_GATHER_DEF = ("GatherV2; signature=params:Tparams, indices:Tindices, axis:Taxis -> output:Tparams"
               "; attr=batch_dims:int,default=0; attr=Tparams:type; attr=Tindices:type,allowed="
               "[DT_INT16, DT_INT32, DT_INT64]; attr=Taxis:type,allowed=[DT_INT32, DT_INT64]")
_RESOURCE_GATHER_DEF = ("ResourceGather; signature=resource:resource, indices:Tindices -> "
                        "output:dtype; attr=batch_dims:int,default=0; attr=validate_indices:bool,"
                        "default=true; attr=dtype:type; attr=Tindices:type,allowed=[DT_INT32, "
                        "DT_INT64]; is_stateful=true")
_GATHER_ND_DEF = ("GatherNd; signature=params:Tparams, indices:Tindices -> output:Tparams; attr="
                  "Tparams:type; attr=Tindices:type,allowed=[DT_INT16, DT_INT32, DT_INT64]; attr="
                  "bad_indices_policy:string,default=\"\"")


def _def_error(attr, dtype, op_def, name=None):
    """TF's error for an input whose dtype its op-def refuses, with the op-def printed."""
    op_type = op_def.split(";", 1)[0]
    allowed = op_def.split("attr=%s:type," % attr, 1)[1].split("allowed=[", 1)[1].split("]")[0]
    names = ", ".join(d[3:].lower() for d in allowed.split(", "))  # DT_FLOAT -> float
    text = ("Value for attr '%s' of %s is not in the list of allowed values: %s\n\t; NodeDef: "
            "{{node %s}}; Op<name=%s> [Op:%s]" % (attr, tf_type_name(dtype), names, op_type,
                                                  op_def, op_type))
    return errors.InvalidArgumentError(None, None, text if name is None else text + " name: ")


def _concrete(x) -> bool:
    """A value check can run now (not inside a tf.function trace or a jitted pullback)."""
    return not isinstance(x, jax.core.Tracer)


def _index_text(shape, flat_pos) -> str:
    return ",".join(str(int(i)) for i in np.unravel_index(flat_pos, shape)) if shape else ""


def _gather_grad(bound, entry, cts):
    """TF's _GatherV2Grad (and _ResourceGatherGrad) on axis 0: tf.IndexedSlices.

    values = the cotangent as rows [-1] + params.shape[1:], indices = the indices flattened,
    dense_shape = params' shape (int32). Off axis 0, or with batch_dims, TF gives a dense
    gradient: jax.vjp's.
    """
    from .._core.indexed_slices import IndexedSlices

    axis, batch_dims = bound.static[2], bound.static[3]
    params, indices = entry.inputs
    if axis != 0 or batch_dims != 0:
        return NotImplemented
    if cts[0] is None or params.dtype not in D.TRAINABLE:
        return [None, None]
    values = reshape(cts[0], [-1] + params.shape.as_list()[1:])
    flat = reshape(indices, [-1])
    # A NumPy-backed shape stays concrete inside tf.function, so densifying still works there.
    dense_shape = T.wrap(np.array(params.shape.as_list(), np.int32))
    return [IndexedSlices(values, flat, dense_shape), None]


@op(others=("params", "indices"), op_type="GatherV2", backward=_gather_grad)
def _gather_v2(params, indices, axis=0, batch_dims=0, op_type="GatherV2", name=None):
    def fail(message):
        return errors.kernel_error(op_type, message, name)

    if params.ndim < 1:
        raise fail("params must be at least 1 dimensional")
    if not -params.ndim <= axis < params.ndim:
        raise fail("Shape must be at least rank %d but is rank %d"
                   % ((axis if axis >= 0 else -axis - 1) + 1, params.ndim))
    axis %= params.ndim
    if not -indices.ndim <= batch_dims <= indices.ndim:
        raise fail("Expected batch_dims in the range [%d, %d], but got %d"
                   % (-indices.ndim, indices.ndim, batch_dims))
    if batch_dims < 0:
        batch_dims += indices.ndim
    if batch_dims > axis:
        raise fail("batch_dims (%d) must be less than or equal to axis (%d)." % (batch_dims, axis))
    for i in builtins.range(batch_dims):
        if params.shape[i] != indices.shape[i]:
            raise fail("params.shape[%d]: %d should be equal to indices.shape[%d]: %d"
                       % (i, params.shape[i], i, indices.shape[i]))
    n = params.shape[axis]
    if _concrete(indices):
        flat = np.asarray(indices).reshape(-1)
        bad = np.nonzero((flat < 0) | (flat >= n))[0]
        if bad.size:
            raise fail("indices[%s] = %d is not in [0, %d)"
                       % (_index_text(indices.shape, bad[0]), flat[bad[0]], n))
    if params.dtype == object and not batch_dims:  # tf.string: NumPy holds the bytes objects
        return np.take(params, np.asarray(indices), axis=axis)

    # Inside tf.function indices can't be checked: an out-of-range index gives zeros, as TF's
    # GPU kernel does.
    def take(p, i):
        return jnp.take(p, i, axis=axis - batch_dims, mode="fill", fill_value=0)

    for _ in builtins.range(batch_dims):
        take = jax.vmap(take)
    return take(params, indices)




def _axis_value(axis, op_def):
    """An axis given as a number or a tensor: int32/int64 only (TF's Taxis)."""
    if isinstance(axis, numbers.Integral):
        return int(axis)
    t = convert_to_tensor(axis)
    if t.dtype not in (D.int32, D.int64):
        raise _def_error("Taxis", t.dtype, op_def)
    return int(t.numpy())


@_api.export("gather")
def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """tf.gather.

    Differences from TensorFlow: inside tf.function an out-of-range index gives zeros (TF's
    CPU kernel raises).
    """
    from .._core.variable import Variable

    if axis is None:
        axis = batch_dims
    axis = _axis_value(axis, _GATHER_DEF)
    op_type, op_def = "GatherV2", _GATHER_DEF
    if axis == 0 and isinstance(params, Variable):
        # TF's params.sparse_read: ResourceGather, which takes batch_dims as it is.
        op_type, op_def = "ResourceGather", _RESOURCE_GATHER_DEF
    elif axis == 0:
        batch_dims = 0  # TF's wrapper drops batch_dims on axis 0
    params = convert_to_tensor(params)
    indices = convert_to_tensor(indices)
    allowed = (D.int32, D.int64) if op_type == "ResourceGather" else (D.int16, D.int32, D.int64)
    if indices.dtype not in allowed:
        raise _def_error("Tindices", indices.dtype, op_def)
    return _gather_v2(params, indices, axis=axis, batch_dims=int(batch_dims), op_type=op_type,
                      name=name)


@op(others=("params", "indices"), op_type="GatherNd")
def _gather_nd(params, indices, name=None):
    def fail(message):
        return errors.kernel_error("GatherNd", message, name)

    if params.ndim < 1:
        raise fail("params must be at least a vector")
    if indices.ndim < 1:
        raise fail("indices must be at least a vector")
    k = indices.shape[-1]
    if k > params.ndim:
        raise fail("index innermost dimension length must be <= params rank; saw: %d vs. %d"
                   % (k, params.ndim))
    if _concrete(indices) and indices.size:
        rows = np.asarray(indices).reshape(-1, k)
        bad = np.nonzero(((rows < 0) | (rows >= np.array(params.shape[:k]))).any(axis=1))[0]
        if bad.size:
            raise fail("indices[%s] = [%s] does not index into param shape %s, node name: "
                       "GatherNd" % (_index_text(indices.shape[:-1], bad[0]),
                                     ", ".join(str(int(v)) for v in rows[bad[0]]),
                                     _dims_text(params.shape)))
    idx = tuple(jnp.moveaxis(indices, -1, 0))
    if params.dtype == object:
        return params[tuple(np.asarray(i) for i in idx)]
    return params.at[idx].get(mode="fill", fill_value=0)


def _batch_indices(indices, batch_shape):
    """TF's batch_gather_nd: prefix each index with its batch coordinates."""
    grids = np.meshgrid(*[np.arange(d) for d in batch_shape], indexing="ij")
    inner = indices.shape[len(batch_shape):-1]
    coords = [np.broadcast_to(g.reshape(g.shape + (1,) * len(inner)), batch_shape + inner)
              for g in grids]
    prefix = np.stack(coords, -1).astype(indices.dtype.as_numpy_dtype)
    return concat([prefix, indices], -1)


@_api.export("gather_nd")
def gather_nd(params, indices, batch_dims=0, name=None):
    """tf.gather_nd."""
    params = convert_to_tensor(params)
    indices = convert_to_tensor(indices)
    if indices.dtype not in (D.int16, D.int32, D.int64):
        raise _def_error("Tindices", indices.dtype, _GATHER_ND_DEF)
    batch_dims = int(batch_dims)
    if batch_dims:
        if batch_dims >= indices.ndim:
            raise ValueError("Argument `batch_dims` = %d must be less than rank(`indices`) = %d"
                             % (batch_dims, indices.ndim))
        indices = _batch_indices(indices, tuple(indices.shape.as_list()[:batch_dims]))
        name = "" if name is None else name
    return _gather_nd(params, indices, name=name)


# -- one_hot, unstack, split, tile, pad, broadcast_to, reverse, slice --------------------------
_ONE_HOT_DEF = ("OneHot; signature=indices:TI, depth:int32, on_value:T, off_value:T -> output:T; "
                "attr=axis:int,default=-1; attr=T:type; attr=TI:type,default=DT_INT64,allowed="
                "[DT_UINT8, DT_INT8, DT_INT32, DT_INT64]")


@op(tensors=("on_value", "off_value"), others=("indices",), op_type="OneHot", grad=False)
def _one_hot(indices, depth, on_value, off_value, axis=-1, name=None):
    hot = jnp.expand_dims(indices, -1) == jnp.arange(depth, dtype=indices.dtype)
    out = jnp.where(hot, on_value, off_value)
    return jnp.moveaxis(out, -1, axis) if axis not in (-1, indices.ndim) else out


@_api.export("one_hot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """tf.one_hot."""
    indices = convert_to_tensor(indices)
    on = None if on_value is None else convert_to_tensor(on_value)
    off = None if off_value is None else convert_to_tensor(off_value)
    if dtype is None:
        dtype = on.dtype if on is not None else off.dtype if off is not None else D.float32
    dtype = D.as_dtype(dtype)
    for v, what in ((on, "on_value"), (off, "off_value")):
        if v is not None and v.dtype is not dtype:
            raise TypeError("dtype %s of %s does not match dtype parameter %s"
                            % (v.dtype, what, dtype))
    on = convert_to_tensor(1, dtype) if on is None else on
    off = convert_to_tensor(0, dtype) if off is None else off
    if indices.dtype not in (D.uint8, D.int8, D.int32, D.int64):
        raise _def_error("TI", indices.dtype, _ONE_HOT_DEF)
    depth = depth if isinstance(depth, numbers.Integral) else int(convert_to_tensor(depth))
    axis = -1 if axis is None else int(axis)
    if axis != -1 and not 0 <= axis <= indices.ndim:
        raise errors.kernel_error("OneHot", "Expected axis to be -1 or between [0, %d).  But "
                                  "received: %d" % (indices.ndim + 1, axis), None)
    return _one_hot(indices, int(depth), on, off, axis=axis)


@op(tensors=("value",), op_type="Unpack")
def _unpack(value, num, axis, name="unstack"):
    if value.shape[axis] != num:
        raise errors.kernel_error("Unpack", "Input shape axis %d must equal %d, got shape %s"
                                  % (axis, num, _dims_text(value.shape)), name,
                                  node="Unpack_num_%d" % num)
    return tuple(jnp.moveaxis(value, axis, 0))


@_api.export("unstack")
def unstack(value, num=None, axis=0, name="unstack"):
    """tf.unstack."""
    value = convert_to_tensor(value)
    rank = value.ndim
    if not -rank <= axis < rank:
        raise ValueError("Argument `axis` = %d not in range [%d, %d)" % (axis, -rank, rank))
    axis %= rank
    if num is None:
        num = value.shape[axis]
    if num == 0:
        return []
    return list(_unpack(value, int(num), axis, name=name))


@op(tensors=("value",), op_type="Split")
def _split(value, sizes, axis, op_type="Split", name="split"):
    return tuple(jnp.split(value, np.cumsum(sizes)[:-1].tolist(), axis=axis))


@_api.export("split")
def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """tf.split."""
    value = convert_to_tensor(value)
    axis = int(_scalar_int(axis, "Split", "Tidx").reshape(()))
    rank = value.ndim
    sizes = num_or_size_splits
    count = isinstance(sizes, numbers.Integral) or (is_tensor_like(sizes) and
                                                      convert_to_tensor(sizes).ndim == 0)
    op_type = "Split" if count else "SplitV"
    n = int(sizes if isinstance(sizes, numbers.Integral) else convert_to_tensor(sizes)) if count \
        else len(_int_vector(sizes, op_type, "Tlen"))
    node = "%s_num_split_%d" % (op_type, n)

    def fail(message):
        return errors.kernel_error(op_type, message, name, node=node)

    if not -rank <= axis < rank:
        raise fail("-input rank(-%d) <= split_dim < input rank (%d), but got %d"
                   % (rank, rank, axis))
    axis %= rank
    dim = value.shape[axis]
    if count:
        if n <= 0 or dim % n:
            raise fail("Number of ways to split should evenly divide the split dimension, but "
                       "got split_dim %d (size = %d) and num_split %d" % (axis, dim, n))
        split_sizes = [dim // n] * n
    else:
        split_sizes = [int(s) for s in _int_vector(sizes, op_type, "Tlen")]
        if split_sizes.count(-1) > 1:
            raise fail("There can only be one -1 in the input.")
        known = builtins.sum(s for s in split_sizes if s != -1)
        if -1 in split_sizes:
            if known > dim:
                raise fail("Determined shape must either match input shape along split_dim "
                           "exactly if fully specified, or be less than the size of the input "
                           "along split_dim if not fully specified.  Got: %d" % known)
            split_sizes[split_sizes.index(-1)] = dim - known
        elif known != dim:
            raise fail("Determined shape must either match input shape along split_dim exactly "
                       "if fully specified, or be less than the size of the input along "
                       "split_dim if not fully specified.  Got: %d" % known)
    return list(_split(value, tuple(split_sizes), axis, op_type=op_type, name=name))


@op("tile", tensors=("input",), op_type="Tile")
def tile(input, multiples, name=None):  # noqa: A002
    m = _int_vector(multiples, "Tile", "Tmultiples")
    if m.ndim != 1 or len(m) != input.ndim:
        raise errors.kernel_error("Tile", "Expected multiples argument to be a vector of length "
                                  "%d but got length %d" % (input.ndim, m.size), None)
    for i, d in enumerate(m):
        if d < 0:
            raise errors.kernel_error("Tile", "Expected multiples[%d] >= 0, but got %d" % (i, d),
                                      None)
    if input.dtype == object:
        return np.tile(input, m.tolist())
    return jnp.tile(input, tuple(int(d) for d in m))


@op(tensors=("tensor", "constant_values"), op_type="PadV2")
def _pad(tensor, paddings, mode, constant_values, name=None):
    if mode == "CONSTANT":
        return jnp.pad(tensor, paddings, constant_values=constant_values)
    return jnp.pad(tensor, paddings, mode=mode.lower())


@_api.export("pad")
def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """tf.pad."""
    mode = mode.upper()
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", '
                         'or "SYMMETRIC". Received `mode` = %s' % mode)
    tensor = convert_to_tensor(tensor)
    op_type = "Pad" if mode == "CONSTANT" else "MirrorPad"
    p = _int_vector(paddings, op_type, "Tpaddings")
    if p.ndim != 2 or p.shape[0] != tensor.ndim or p.shape[1] != 2:
        raise errors.kernel_error(op_type, "The first dimension of paddings must be the rank of "
                                  "inputs%s %s" % (_dims_text(p.shape),
                                                   _dims_text(tensor.shape)), None)
    for (a, b), d in zip(p, tensor.shape):
        if mode == "CONSTANT" and (a < 0 or b < 0):
            raise errors.kernel_error("Pad", "Paddings must be non-negative: %d %d" % (a, b),
                                      None)
        if mode == "REFLECT" and (a >= d or b >= d):
            raise errors.kernel_error("MirrorPad", "paddings must be less than the dimension "
                                      "size: %d, %d not less than %d" % (a, b, d), None)
        if mode == "SYMMETRIC" and (a > d or b > d):
            raise errors.kernel_error("MirrorPad", "paddings must be no greater than the "
                                      "dimension size: %d, %d greater than %d" % (a, b, d), None)
    pads = tuple((int(a), int(b)) for a, b in p)
    return _pad(tensor, pads, mode, constant_values)


@op("broadcast_to", tensors=("input",), op_type="BroadcastTo")
def broadcast_to(input, shape, name=None):  # noqa: A002
    dims = tuple(int(d) for d in _int_vector(shape, "BroadcastTo", "Tidx"))
    for d in dims:
        if d < 0:
            raise errors.kernel_error("BroadcastTo", "Dimension %d must be >= 0" % d, None)
    try:
        np.broadcast_shapes(input.shape, dims)
        ok = np.broadcast_shapes(input.shape, dims) == dims
    except ValueError:
        ok = False
    if not ok:
        raise errors.kernel_error("BroadcastTo", "Incompatible shapes: %s vs. %s"
                                  % (_dims_text(input.shape), _dims_text(dims)), None)
    return jnp.broadcast_to(input, dims)


@op("reverse", tensors=("tensor",), op_type="ReverseV2")
def reverse(tensor, axis, name=None):
    axes = _int_vector(axis, "ReverseV2", "Tidx")
    if axes.ndim != 1:
        raise errors.kernel_error("ReverseV2", "'dims' must be 1-dimension, not %d" % axes.ndim,
                                  None)
    seen = set()
    for i, a in enumerate(axes):
        if not -tensor.ndim <= a < tensor.ndim:
            raise errors.kernel_error("ReverseV2", "'axis'[%d] = %d is out of valid range [0, %d"
                                      % (i, a, tensor.ndim - 1), None)
        if a % tensor.ndim in seen:
            raise errors.kernel_error("ReverseV2", "axis %d specified more than once." % a, None)
        seen.add(int(a % tensor.ndim))
    return jnp.flip(tensor, tuple(sorted(seen))) if seen else tensor


@op(tensors=("input_",), op_type="Slice")
def _slice(input_, begin, size, name=None):
    return input_[tuple(builtins.slice(b, b + s) for b, s in zip(begin, size))]


@_api.export("slice")
def slice(input_, begin, size, name=None):  # noqa: A001
    """tf.slice."""
    input_ = convert_to_tensor(input_)
    b = _int_vector(begin, "Slice", "Index").reshape(-1)
    s = _int_vector(size, "Slice", "Index").reshape(-1)
    if len(b) != input_.ndim or len(s) != input_.ndim:
        raise errors.kernel_error("Slice", "Expected begin and size arguments to be 1-D tensors "
                                  "of size %d, but got shapes [%d] and [%d] instead."
                                  % (input_.ndim, len(b), len(s)), None)
    sizes = []
    for i, (lo, n, d) in enumerate(zip(b, s, input_.shape)):
        n = d - lo if n == -1 else n
        if not 0 <= lo <= d:
            raise errors.kernel_error("Slice", "Expected begin[%d] in [0, %d], but got %d"
                                      % (i, d, lo), None)
        if not 0 <= n <= d - lo:
            raise errors.kernel_error("Slice", "Expected size[%d] in [0, %d], but got %d"
                                      % (i, d - lo, n), None)
        sizes.append(int(n))
    return _slice(input_, tuple(int(x) for x in b), tuple(sizes))


_STRIDED_SLICE_DEF = (
    "StridedSlice; signature=input:T, begin:Index, end:Index, strides:Index -> output:T; attr=T:"
    "type; attr=Index:type,allowed=[DT_INT16, DT_INT32, DT_INT64]; attr=begin_mask:int,default=0;"
    " attr=end_mask:int,default=0; attr=ellipsis_mask:int,default=0; attr=new_axis_mask:int,"
    "default=0; attr=shrink_axis_mask:int,default=0")


@_api.export("strided_slice")
def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """tf.strided_slice: its masks turned into the index key Tensor.__getitem__ uses."""
    for v in (begin, end, strides):
        if v is not None and convert_to_tensor(v).dtype not in (D.int16, D.int32, D.int64):
            raise _def_error("Index", convert_to_tensor(v).dtype, _STRIDED_SLICE_DEF)
    b = _int_vector(begin, "StridedSlice", "Index").reshape(-1)
    e = _int_vector(end, "StridedSlice", "Index").reshape(-1)
    s = np.ones_like(b) if strides is None else _int_vector(strides, "StridedSlice",
                                                             "Index").reshape(-1)
    key = []
    for i in builtins.range(len(b)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(int(b[i]))
        else:
            key.append(("s", None if begin_mask & bit else int(b[i]),
                        None if end_mask & bit else int(e[i]), int(s[i])))
    for i, k in enumerate(key):
        if isinstance(k, tuple) and k[3] == 0:
            raise errors.kernel_error("StridedSlice", "strides[%d] must be non-zero" % i, None)
    return strided_slice_index(convert_to_tensor(input_), tuple(key), suffix=name)


# -- where, boolean_mask, meshgrid -----------------------------------------------------------
@op(others=("condition",), op_type="Where", grad=False, sig="input:T -> index:int64")
def _where_indices(condition, name=None):
    return jnp.asarray(np.argwhere(np.asarray(condition)).astype(np.int64))


@op(tensors=("x", "y"), others=("condition",), op_type="SelectV2")
def _select_v2(condition, x, y, name=None):
    try:
        np.broadcast_shapes(condition.shape, x.shape, y.shape)
    except ValueError:
        raise errors.kernel_error(
            "SelectV2", "condition %s, then %s, and else %s must be broadcastable"
            % (_dims_text(condition.shape), _dims_text(x.shape), _dims_text(y.shape)),
            None) from None
    return jnp.where(condition, x, y)


@_api.export("where")
def where(condition, x=None, y=None, name=None):
    """tf.where."""
    if x is None and y is None:
        return _where_indices(convert_to_tensor(condition))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    cond = condition if C.is_tensor(condition) else convert_to_tensor(condition, D.bool)
    cond = convert_to_tensor(cond)
    if cond.dtype is not D.bool:
        raise _attr_error("T", cond.dtype, "SelectV2", "bool")
    return _select_v2(cond, x, y)


@_api.export("boolean_mask")
def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """tf.boolean_mask: TF's composite (reshape, where, gather), so its gradient is TF's."""
    tensor = convert_to_tensor(tensor)
    mask = convert_to_tensor(mask)
    ndims_mask = mask.ndim
    if ndims_mask == 0:
        raise ValueError("mask cannot be scalar.")
    axis = 0 if axis is None else int(axis)
    dims = tensor.shape.as_list()[axis:axis + ndims_mask]  # TF slices with the axis as given
    if dims != mask.shape.as_list():
        raise ValueError("Shapes %s and %s are incompatible"
                         % (TensorShape(dims), mask.shape))
    lead = tensor.shape.as_list()
    flat = reshape(tensor, lead[:axis] + [-1] + lead[axis + ndims_mask:])
    idx = reshape(where(reshape(mask, [-1])), [-1])
    return gather(flat, idx, axis=axis)


@op(lists=("args",), op_type="Meshgrid")
def _meshgrid(args, indexing="xy", name=None):
    return tuple(jnp.meshgrid(*[jnp.reshape(a, -1) for a in args], indexing=indexing))


@_api.export("meshgrid")
def meshgrid(*args, **kwargs):
    """tf.meshgrid."""
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        key = next(iter(kwargs))
        raise TypeError(f"'{key}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError("Argument `indexing` parameter must be either 'xy' or 'ij', got '%s'"
                         % indexing)
    if not args:
        return []
    return list(_meshgrid(list(args), indexing=indexing))


# -- scatter ---------------------------------------------------------------------------------
def _scatter_check(op_type, indices, shape):
    if not _concrete(indices) or indices.ndim < 1:
        return
    k = indices.shape[-1]
    rows = np.asarray(indices).reshape(-1, k)
    bad = np.nonzero(((rows < 0) | (rows >= np.array(shape[:k]))).any(axis=1))[0]
    if bad.size:
        raise errors.kernel_error(op_type, "indices[%s] = [%s] does not index into shape %s" % (
            _index_text(indices.shape[:-1], bad[0]),
            ", ".join(str(int(v)) for v in rows[bad[0]]), _dims_text(shape)), None)


def _scatter(tensor, indices, updates, how):
    idx = tuple(jnp.moveaxis(indices, -1, 0))
    at = tensor.at[idx]
    if how == "sub":
        return at.add(-updates, mode="drop")
    return (at.set if how == "set" else at.add)(updates, mode="drop")


@op(tensors=("updates",), others=("indices",), op_type="ScatterNd")
def _scatter_nd(indices, updates, shape, name=None):
    _scatter_check("ScatterNd", indices, shape)
    return _scatter(jnp.zeros(shape, updates.dtype), indices, updates, "add")


@_api.export("scatter_nd")
def scatter_nd(indices, updates, shape, bad_indices_policy="", name=None):
    """tf.scatter_nd: duplicate indices add up."""
    dims = tuple(int(d) for d in _int_vector(shape, "ScatterNd", "Tindices"))
    return _scatter_nd(convert_to_tensor(indices), updates, dims)


@op(tensors=("tensor", "updates"), others=("indices",), op_type="TensorScatterUpdate")
def _tensor_scatter(tensor, indices, updates, how, op_type, name=None):
    _scatter_check(op_type, indices, tensor.shape)
    return _scatter(tensor, indices, updates, how)


@_api.export("tensor_scatter_nd_update")
def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """tf.tensor_scatter_nd_update."""
    return _tensor_scatter(tensor, convert_to_tensor(indices), updates, "set",
                           "TensorScatterUpdate")


@_api.export("tensor_scatter_nd_add")
def tensor_scatter_nd_add(tensor, indices, updates, bad_indices_policy="", name=None):
    """tf.tensor_scatter_nd_add."""
    return _tensor_scatter(tensor, convert_to_tensor(indices), updates, "add", "TensorScatterAdd")


@_api.export("tensor_scatter_nd_sub")
def tensor_scatter_nd_sub(tensor, indices, updates, bad_indices_policy="", name=None):
    """tf.tensor_scatter_nd_sub."""
    return _tensor_scatter(tensor, convert_to_tensor(indices), updates, "sub", "TensorScatterSub")


# -- sort, argsort, unique, searchsorted -----------------------------------------------------
def _direction(direction):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                         "direction=%s" % direction)


def _sort_axis(values, axis):
    if values.ndim == 0 or not -values.ndim <= axis < values.ndim:
        raise errors.kernel_error("StridedSlice", "slice index %d of dimension 0 out of bounds."
                                  % axis, name="strided_slice/")
    return axis % values.ndim


@op(tensors=("values",), op_type="TopKV2")
def _sort(values, axis, descending, name=None):
    out = jnp.sort(values, axis=axis, stable=True, descending=descending)
    return out


@op(tensors=("values",), op_type="TopKV2", grad=False)
def _argsort(values, axis, descending, name=None):
    return jnp.argsort(values, axis=axis, stable=True, descending=descending).astype(jnp.int32)


@_api.export("sort")
def sort(values, axis=-1, direction="ASCENDING", name=None):
    """tf.sort."""
    _direction(direction)
    values = convert_to_tensor(values)
    return _sort(values, _sort_axis(values, int(axis)), direction == "DESCENDING")


@_api.export("argsort")
def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """tf.argsort: ties keep their order (TF's top_k is stable either way)."""
    _direction(direction)
    values = convert_to_tensor(values)
    return _argsort(values, _sort_axis(values, int(axis)), direction == "DESCENDING")


UniqueResult = collections.namedtuple("Unique", ["y", "idx"])


@op(others=("x",), op_type="Unique", grad=False)
def _unique(x, out_idx, name=None):
    if x.ndim != 1:
        raise errors.kernel_error("Unique", "unique expects a 1D vector.", None)
    arr = np.asarray(x)
    # TF's hash table: values in order of first appearance, and NaN never equal to itself.
    seen: dict = {}
    first, idx = [], []
    for i, v in enumerate(arr.tolist()):
        if v != v:  # NaN
            first.append(i)
            idx.append(len(first) - 1)
            continue
        k = seen.get(v)
        if k is None:
            k = seen[v] = len(first)
            first.append(i)
        idx.append(k)
    y = arr[np.array(first, dtype=np.int64)]
    return ((y if y.dtype == object else jnp.asarray(y)),
            jnp.asarray(np.array(idx, dtype=out_idx)))


@_api.export("unique")
def unique(x, out_idx=D.int32, name=None):
    """tf.unique."""
    y, idx = _unique(convert_to_tensor(x), D.as_dtype(out_idx).as_numpy_dtype)
    return UniqueResult(y, idx)


@op(tensors=("sorted_sequence", "values"), op_type="LowerBound", grad=False)
def _searchsorted(sorted_sequence, values, side, out_type, name=None):
    def search(s, v):
        return jnp.searchsorted(s, v, side=side)

    for _ in builtins.range(sorted_sequence.ndim - 1):
        search = jax.vmap(search)
    return search(sorted_sequence, values).astype(out_type)


@_api.export("searchsorted")
def searchsorted(sorted_sequence, values, side="left", out_type=D.int32, name=None):
    """tf.searchsorted."""
    if side not in ("left", "right"):
        raise ValueError("Argument `side` must be either 'right' or 'left'. Received: `side` = "
                         "%r." % side)
    op_type = "LowerBound" if side == "left" else "UpperBound"
    s, v = convert_to_tensor(sorted_sequence), convert_to_tensor(values)
    if v.dtype is not s.dtype:  # TF's wrapper converts each on its own (reshapes them)
        raise errors.op_error(op_type, "cannot compute %s as input #1(zero-based) was expected "
                              "to be a %s tensor but is a %s tensor"
                              % (op_type, tf_type_name(s.dtype), tf_type_name(v.dtype)))
    if s.ndim > 1 and (v.ndim != s.ndim or s.shape[:-1] != v.shape[:-1]):
        raise errors.kernel_error(op_type, "Leading dim_size of both tensors must match.")
    shape = v.shape.as_list()
    if s.ndim == 1 and v.ndim != 1:  # TF searches the flattened values of each row
        v = reshape(v, [-1])
    out = _searchsorted(s, v, side, D.as_dtype(out_type).as_numpy_dtype)
    return reshape(out, shape) if out.shape.as_list() != shape else out


@_api.export("sequence_mask")
def sequence_mask(lengths, maxlen=None, dtype=D.bool, name=None):
    """tf.sequence_mask."""
    lengths = convert_to_tensor(lengths)
    if maxlen is None:
        maxlen = int(np.max(lengths.numpy())) if lengths.shape.num_elements() else 0
        maxlen = builtins.max(maxlen, 0)
    else:
        maxlen = int(convert_to_tensor(maxlen))
    row = np.arange(maxlen).astype(lengths.dtype.as_numpy_dtype)
    mask = T.wrap(jnp.asarray(row < np.expand_dims(lengths.numpy(), -1)))
    return mask if D.as_dtype(dtype) is D.bool else math_ops.cast(mask, dtype)


# -- clipping --------------------------------------------------------------------------------
@_api.export("clip_by_value")
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """tf.clip_by_value: TF's minimum then maximum, so its gradient at the bounds is TF's."""
    values = convert_to_tensor(t)
    t_min = math_ops.minimum(values, clip_value_max)
    if t_min.shape != values.shape:
        raise ValueError("Shapes %s and %s are incompatible" % (values.shape, t_min.shape))
    t_max = math_ops.maximum(t_min, clip_value_min)
    if t_max.shape != values.shape:
        raise ValueError("Shapes %s and %s are incompatible" % (values.shape, t_max.shape))
    return t_max


_SQRT_DEF = ("Sqrt; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, "
             "DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]")


@op(tensors=("t", "clip_norm"), op_type="ClipByNorm")
def _clip_by_norm(t, clip_norm, axes, name=None):
    from . import tf_grads

    l2sum = jnp.sum(t * t, axis=axes, keepdims=True)
    pred = l2sum > 0
    l2norm = jnp.where(pred, jnp.sqrt(jnp.where(pred, l2sum, jnp.ones_like(l2sum))), l2sum)
    return t * clip_norm / tf_grads.maximum(l2norm, clip_norm)


@_api.export("clip_by_norm")
def clip_by_norm(t, clip_norm, axes=None, name=None):
    """tf.clip_by_norm."""
    t = convert_to_tensor(t)
    if not (t.dtype.is_floating or t.dtype.is_complex):
        raise _def_error("T", t.dtype, _SQRT_DEF, name="")
    axes = None if axes is None else tuple(int(a) for a in
                                           _int_vector(axes, "Sum", "Tidx").reshape(-1))
    return _clip_by_norm(t, clip_norm, axes)


@op(lists=("t_list",), others=("clip_norm", "use_norm"), op_type="ClipByGlobalNorm")
def _clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    norm = jnp.sqrt(2 * builtins.sum(jnp.sum(t * t) / 2 for t in t_list))
    if use_norm is not None:
        norm = use_norm.astype(norm.dtype)
    clip = clip_norm.astype(norm.dtype)
    scale = clip * jnp.minimum(1 / norm, 1 / clip) + (norm - norm)
    return tuple(t * scale.astype(t.dtype) for t in t_list) + (norm,)


@_api.export("clip_by_global_norm")
def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """tf.clip_by_global_norm: (clipped list, global norm); None entries stay None."""
    if C.is_tensor(t_list) or not isinstance(t_list, (list, tuple)):
        raise TypeError("`t_list` should be a sequence of tensors. Received %s." % type(t_list))
    if use_norm is not None and not is_tensor_like(use_norm):
        raise AttributeError("'%s' object has no attribute 'dtype'" % type(use_norm).__name__)
    present = [convert_to_tensor(t) for t in t_list if t is not None]
    out = _clip_by_global_norm(present, convert_to_tensor(clip_norm, dtype_hint=D.float32),
                               use_norm=use_norm)
    clipped = iter(out[:-1])
    return [None if t is None else next(clipped) for t in t_list], out[-1]


# -- cumsum, cumprod, roll, repeat -----------------------------------------------------------
_SCAN_DEF = (
    "%s; signature=x:T, axis:Tidx -> out:T; attr=exclusive:bool,default=false; attr=reverse:bool,"
    "default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, "
    "DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_BFLOAT16, DT_QINT16, "
    "DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; attr=Tidx:type,default"
    "=DT_INT32,allowed=[DT_INT32, DT_INT64]")


def _scan(x, axis, exclusive, reverse, fn, init):
    if x.dtype == np.bool_ or x.dtype == object:
        d = D.bool if x.dtype == np.bool_ else D.string
        raise _def_error("T", d, _SCAN_DEF % ("Cumsum" if fn is jnp.cumsum else "Cumprod"), "")
    if not -x.ndim <= axis < builtins.max(x.ndim, 1) or x.ndim == 0:
        raise errors.kernel_error(
            "Cumsum" if fn is jnp.cumsum else "Cumprod", "ScanOp: Expected scan axis in the range "
            "[%d, %d), but got %d" % (-x.ndim, x.ndim, axis))
    if reverse:
        x = jnp.flip(x, axis)
    out = fn(x, axis=axis, dtype=x.dtype)
    if exclusive:
        pad = [(0, 0)] * x.ndim
        pad[axis % x.ndim] = (1, 0)
        out = jnp.pad(out, pad, constant_values=init)
        out = jax.lax.slice_in_dim(out, 0, x.shape[axis], axis=axis % x.ndim)
    return jnp.flip(out, axis) if reverse else out


@op("math.cumsum", "cumsum", tensors=("x",), op_type="Cumsum")
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    return _scan(x, int(_scalar_int(axis, "Cumsum", "Tidx").reshape(())), exclusive, reverse,
                 jnp.cumsum, 0)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3))
def _cumprod_tf(x, axis, exclusive, reverse):
    return _scan(x, axis, exclusive, reverse, jnp.cumprod, 1)


def _cumprod_fwd(x, axis, exclusive, reverse):
    prod = _cumprod_tf(x, axis, exclusive, reverse)
    return prod, (x, prod)


def _cumprod_bwd(axis, exclusive, reverse, res, g):
    """TF's _CumprodGrad: div_no_nan(cumsum(prod * g, reversed), x) (zero where x is zero)."""
    x, prod = res
    out = _scan(prod * g, axis, exclusive, not reverse, jnp.cumsum, 0)
    safe = jnp.where(x == 0, jnp.ones_like(x), x)
    return (jnp.where(x == 0, jnp.zeros_like(out), out / safe),)


_cumprod_tf.defvjp(_cumprod_fwd, _cumprod_bwd)


@op("math.cumprod", tensors=("x",), op_type="Cumprod")
def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    axis = int(_scalar_int(axis, "Cumprod", "Tidx").reshape(()))
    return _cumprod_tf(x, axis, bool(exclusive), bool(reverse))


@op("roll", tensors=("input",), op_type="Roll")
def roll(input, shift, axis, name=None):  # noqa: A002
    s = _int_vector(shift, "Roll", "Tshift").reshape(-1)
    a = _int_vector(axis, "Roll", "Taxis").reshape(-1)
    if len(s) != len(a):
        raise errors.kernel_error("Roll", "shift and axis must have the same size", None)
    for d in a:
        if not -input.ndim <= d < input.ndim:
            raise errors.kernel_error("Roll", "axis %d is out of range" % d, None)
    return jnp.roll(input, tuple(int(x) for x in s), tuple(int(x) for x in a))


@op(tensors=("input",), op_type="Repeat")
def _repeat(input, repeats, axis, name=None):  # noqa: A002
    r = np.asarray(repeats)
    return jnp.repeat(input, r, axis=axis, total_repeat_length=int(
        r.sum() if r.ndim else r * input.shape[axis]))


@_api.export("repeat")
def repeat(input, repeats, axis=None, name=None):  # noqa: A002
    """tf.repeat."""
    input = convert_to_tensor(input)
    if axis is None:
        input = reshape(input, [-1])
        axis = 0
    axis = int(axis) % builtins.max(input.ndim, 1)
    r = _int_vector(repeats, "Repeat", "T")
    if r.ndim == 1 and r.size == 1:
        r = r.reshape(())
    if r.ndim and len(r) != input.shape[axis]:
        raise ValueError("Dimensions %d and %d are not compatible" % (input.shape[axis], len(r)))
    return _repeat(input, r.tolist() if r.ndim else int(r), axis)


# -- identity_n, add_n, shape_n --------------------------------------------------------------
@_api.export("identity_n")
def identity_n(input, name=None):  # noqa: A002
    """tf.identity_n."""
    return [identity(t) for t in input]


@op(lists=("inputs",), op_type="AddN")
def _add_n(inputs, name=None):
    for i, t in enumerate(inputs[1:], 1):
        if t.shape != inputs[0].shape:
            raise errors.kernel_error(
                "AddN", "Inputs to operation AddN of type AddN must have the same size and shape."
                "  Input 0: %s != input %d: %s" % (_dims_text(inputs[0].shape), i,
                                                   _dims_text(t.shape)),
                node="AddN_N_%d" % len(inputs))
    out = inputs[0]
    for t in inputs[1:]:
        out = out + t
    return out


@_api.export("math.add_n", "add_n")
def add_n(inputs, name=None):
    """tf.math.add_n."""
    if C.is_tensor(inputs):  # TF iterates over a tensor's rows
        inputs = list(convert_to_tensor(inputs))
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with "
                         "the same dtype and shape.")
    if len(inputs) == 1:
        return identity(inputs[0])
    return _add_n(list(inputs), name="")


@_api.export("shape_n")
def shape_n(input, out_type=D.int32, name=None):  # noqa: A002
    """tf.shape_n."""
    return [shape(t, out_type) for t in input]
