"""Tensor creation and shape ops (TF's array_ops.py and constant_op.py), and indexing.

As in math_ops, TF's Python wrappers (zeros, ones, eye, range, linspace, concat, stack, shape,
size) are ported as plain exported functions around unexported ops.
"""

from __future__ import annotations

import builtins
import math
import numbers

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core import tensor as T
from .._core.op import TypeList, is_tensor_like, op, tf_type_name
from .._core.tensor import TensorShape, convert_to_tensor
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
    return T.constant_value(value, dtype, shape, name)


@_api.export("convert_to_tensor")
def convert_to_tensor_v2(value, dtype=None, dtype_hint=None, name=None):
    """tf.convert_to_tensor."""
    return convert_to_tensor(value, dtype, dtype_hint, name)


_api.export("is_tensor")(T.is_tensor)


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
    fn = jnp.zeros if zero else jnp.ones
    return T.wrap(fn(dims, dtype.as_numpy_dtype))


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
    return jnp.zeros(x.shape, x.dtype)


_ONES_LIKE = TypeList.of("bfloat16, half, float, double, int8, uint8, int16, uint16, int32, "
                         "uint32, int64, uint64, complex64, complex128, bool")


@op(tensors=("x",), op_type="OnesLike", grad=False, dtypes=_ONES_LIKE)
def _ones_like(x, name=None):
    return jnp.ones(x.shape, x.dtype)


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
    if T.is_tensor(num_rows):
        num_rows = int(convert_to_tensor(num_rows))
    if T.is_tensor(num_columns):
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
    args = [a if T.is_tensor(a) else convert_to_tensor(a, dtype) for a in (start, limit, delta)]
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
    if T.is_tensor(values):
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
        if isinstance(k, slice):
            out.append(("s",) + tuple(None if v is None else _check_index(v)
                                      for v in (k.start, k.stop, k.step)))
        elif k is None or k is Ellipsis:
            out.append(k)
        else:
            out.append(_check_index(k))
    return tuple(out)


@op(tensors=("tensor",), op_type="StridedSlice")
def strided_slice_index(tensor, key, name=None):
    def fail(message):
        return errors.kernel_error("StridedSlice", message, name="strided_slice/")

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
    idx = tuple(slice(*k[1:]) if isinstance(k, tuple) else k for k in key)
    return tensor[idx]


def getitem(tensor, key):
    """Tensor.__getitem__."""
    if isinstance(key, (bool, np.bool_)):  # TF routes a scalar bool to boolean_mask
        raise ValueError("mask cannot be scalar.")
    return strided_slice_index(convert_to_tensor(tensor), _index_key(key))
