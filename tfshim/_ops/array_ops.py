"""Tensor creation and shape ops (TF's array_ops.py): fill, zeros, ones, identity, reshape,
transpose, expand_dims, squeeze, concat, shape, size, split, tile, pad, broadcast_to,
reverse, slice, strided_slice, where, boolean_mask, meshgrid, unique, searchsorted,
sequence_mask, repeat.

TF's other array modules: tf.constant is constant_op.py's, tf.stack/unstack are
array_ops_stack.py's, Tensor.__getitem__ is tensor_getitem_override.py's, tf.roll is
manip_ops.py's, tf.one_hot is one_hot_op.py's, tf.sort/argsort are sort_ops.py's, tf.clip_by_*
are clip_ops.py's; tf.range, tf.linspace, tf.cumsum and tf.add_n are math_ops.py's and tf.eye
linalg_ops.py's, as in TF.
tf.gather, gather_nd, scatter_nd and tensor_scatter_nd_* are gather_scatter_ops.py's (TF keeps
them in array_ops.py; tfshim keeps them apart for size).

As in math_ops, TF's Python wrappers (zeros, ones, concat, shape, size, gather, split, pad,
where, boolean_mask, ...) are ported as plain exported functions around unexported ops, so
conversions and errors happen in TF's order.
"""

from __future__ import annotations

import builtins
import collections
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
from .._core.op import op, raw_inputs
from .._core.sparse_tensor import SparseTensor
from .._core.tensor_shape import TensorShape
from . import math_ops, op_defs
from .op_util import def_error, index_attr_error, int_vector, mismatch, name_suffix, scalar_int, xp
from .op_util import dims as _dims_text


def _np_dtype(dtype):
    return D.as_dtype(dtype).as_numpy_dtype


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
    arr = int_vector(dims, "Fill", "index_type")
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
    return _fill(_fill_dims(dims, name_suffix(name, dims, value)), value)


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
    if isinstance(shape, T.EagerTensor) and shape.dtype.is_integer and shape.dtype not in (
            D.int32, D.int64):
        raise index_attr_error("index_type", shape.dtype, "Fill", op_defs.names("Fill",
                                                                               "index_type"))
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


@op(tensors=("x",), op_type="OnesLike", grad=False, dtypes=op_defs.allowed("OnesLike"))
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


@op("reshape", tensors=("tensor",), inputs=("shape",), op_type="Reshape",
    graph_inputs=(("shape", "shape"),))
def reshape(tensor, shape, name=None):
    return jnp.reshape(tensor, _reshape_dims(tensor, int_vector(shape, "Reshape", "Tshape")))


@op("transpose", tensors=("a",), inputs=("perm",), op_type="Transpose",
    graph_inputs=(("perm", "perm"),))
def transpose(a, perm=None, conjugate=False, name="transpose"):
    if perm is None:
        perm = tuple(builtins.range(a.ndim - 1, -1, -1))
    p = int_vector(perm, "Transpose", "Tperm")
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


@op("expand_dims", tensors=("input",), inputs=("axis",), op_type="ExpandDims",
    graph_inputs=(("dim", "axis"),))
def expand_dims(input, axis, name=None):  # noqa: A002
    dim = scalar_int(axis, "ExpandDims", "Tdim")
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


@op(lists=("values",), op_type="ConcatV2", graph_inputs=(("axis", "axis"),))
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
    dim = scalar_int(axis, "ConcatV2", "Tidx")
    if not values:  # TF looks for a kernel of ConcatV2 with N=0 and no T; the one it finds fails
        tidx = convert_to_tensor(axis).dtype if is_tensor_like(axis) else D.int32
        raise errors.InvalidArgumentError(None, None, (
            "OpKernel 'ConcatV2' has constraint on attr 'T' not in NodeDef '[N=0, Tidx=DT_%s]', "
            "KernelDef: 'goo.gle/debugstr    op: \"ConcatV2\" device_type: \"CPU\" constraint "
            "{ name: \"T\" allowed_values { list { type: DT_QINT32 } } } host_memory_arg: "
            "\"axis\"' [Op:ConcatV2] name: %s") % (tidx.name.upper(), name))
    if len(values) == 1:  # TF returns identity(values[0]), checking only that axis is a scalar
        if dim.ndim:
            raise ValueError("Shape %s must have rank 0" % TensorShape(dim.shape))
        return identity(values[0])
    if dim.ndim > 1 or dim.size != 1:  # ConcatV2 takes a scalar or a 1-vector of one axis
        raise errors.kernel_error("ConcatV2", "axis tensor should be a scalar integer, but got "
                                  "shape %s" % _dims_text(dim.shape), name,
                                  node="ConcatV2_N_%d" % len(values))
    return _concat_v2(values, int(dim.reshape(())), name=name)

def _out_type(out_type, op_type):
    dt = D.int32 if out_type is None else D.as_dtype(out_type)
    if dt not in (D.int32, D.int64):
        raise index_attr_error("out_type", dt, op_type, name="")
    return dt


@_api.export("shape")
def shape(input, out_type=None, name=None):  # noqa: A002
    """tf.shape."""
    dt = _out_type(out_type, "Shape")
    if isinstance(input, SparseTensor):  # TF: its dense_shape, cast to out_type
        return math_ops.cast(input.dense_shape, dt)
    t = convert_to_tensor(input)
    dims = t._value.shape  # a TensorSpec(None) placeholder's shape is <unknown>; its value's isn't
    if not all(isinstance(d, int) for d in dims):  # symbolic dimensions (a relaxed trace)
        return T.wrap(jnp.array(dims, dt.as_numpy_dtype))
    return T.wrap(jnp.asarray(np.array(dims, dt.as_numpy_dtype)))


@_api.export("rank")
def rank(input, name=None):  # noqa: A002
    """tf.rank."""
    if isinstance(input, SparseTensor):
        return size(input.dense_shape)
    return T.wrap(jnp.asarray(np.int32(convert_to_tensor(input).ndim)))


@_api.export("size")
def size(input, out_type=None, name=None):  # noqa: A002
    """tf.size: TF computes it in NumPy with out_type's dtype, then converts (unchecked)."""
    dt = D.int32 if out_type is None else D.as_dtype(out_type)
    if isinstance(input, SparseTensor):
        return T.wrap(jnp.prod(input.dense_shape._value).astype(dt.as_numpy_dtype))
    dims = convert_to_tensor(input)._value.shape
    if not all(isinstance(d, int) for d in dims):  # symbolic dimensions (a relaxed trace)
        return T.wrap(jnp.prod(jnp.array(dims, dt.as_numpy_dtype), dtype=dt.as_numpy_dtype))
    n = np.prod(dims, dtype=dt.as_numpy_dtype)
    return convert_to_tensor(n, dtype=dt)


# -- split, tile, pad, broadcast_to, reverse, slice, strided_slice ----------------
@op(tensors=("value",), op_type="Split")
def _split(value, sizes, axis, op_type="Split", name="split"):
    return tuple(xp(value).split(value, np.cumsum(sizes)[:-1].tolist(), axis=axis))


@_api.export("split")
def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """tf.split."""
    value = convert_to_tensor(value)
    sizes = num_or_size_splits
    count = isinstance(sizes, numbers.Integral) or (is_tensor_like(sizes) and
                                                      convert_to_tensor(sizes).ndim == 0)
    op_type = "Split" if count else "SplitV"
    n = int(sizes if isinstance(sizes, numbers.Integral) else convert_to_tensor(sizes)) if count \
        else len(int_vector(sizes, op_type, "Tlen"))
    node = "%s_num_split_%d" % (op_type, n)

    def fail(message):
        return errors.kernel_error(op_type, message, name, node=node)

    # split_dim is an int32 input of both kernels: Split's first, SplitV's third.
    if is_tensor_like(axis) and convert_to_tensor(axis).dtype is not D.int32:
        raise mismatch(op_type, 0 if count else 2, D.int32, convert_to_tensor(axis).dtype, name)
    dim_arr = scalar_int(axis, op_type, "Tidx")
    if count and dim_arr.ndim:
        raise fail("split_dim must be a scalar but has rank %d" % dim_arr.ndim)
    if not count and dim_arr.size != 1:
        raise fail("split_dim_tensor must have exactly one element.")
    axis = int(dim_arr.reshape(()))
    rank = value.ndim

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
        split_sizes = [int(s) for s in int_vector(sizes, op_type, "Tlen")]
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


@op("tile", tensors=("input",), inputs=("multiples",), op_type="Tile",
    graph_inputs=(("multiples", "multiples"),))
def tile(input, multiples, name=None):  # noqa: A002
    m = int_vector(multiples, "Tile", "Tmultiples")
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
        return xp(tensor).pad(tensor, paddings, constant_values=constant_values)
    return xp(tensor).pad(tensor, paddings, mode=mode.lower())


@_api.export("pad")
def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """tf.pad."""
    mode = mode.upper()
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", '
                         'or "SYMMETRIC". Received `mode` = %s' % mode)
    suffix = name_suffix(name, tensor, paddings)
    tensor = convert_to_tensor(tensor)
    op_type = "Pad" if mode == "CONSTANT" else "MirrorPad"
    p = int_vector(paddings, op_type, "Tpaddings")
    if p.ndim != 2 or p.shape[0] != tensor.ndim or p.shape[1] != 2:
        raise errors.kernel_error(op_type, "The first dimension of paddings must be the rank of "
                                  "inputs%s %s" % (_dims_text(p.shape),
                                                   _dims_text(tensor.shape)), suffix)
    for (a, b), d in zip(p, tensor.shape):
        if mode == "CONSTANT" and (a < 0 or b < 0):
            raise errors.kernel_error("Pad", "Paddings must be non-negative: %d %d" % (a, b),
                                      suffix)
        if mode == "REFLECT" and (a >= d or b >= d):
            raise errors.kernel_error("MirrorPad", "paddings must be less than the dimension "
                                      "size: %d, %d not less than %d" % (a, b, d), suffix)
        if mode == "SYMMETRIC" and (a > d or b > d):
            raise errors.kernel_error("MirrorPad", "paddings must be no greater than the "
                                      "dimension size: %d, %d greater than %d" % (a, b, d), suffix)
    pads = tuple((int(a), int(b)) for a, b in p)
    if not C.is_tensor(constant_values) and np.ndim(constant_values) == 0 and (
            isinstance(constant_values, (int, float)) and constant_values == 0):
        # TF's Pad (not PadV2) for a zero: the dtype's zero, False and b"" included.
        constant_values = T.wrap(np.array(b"", dtype=object) if tensor.dtype is D.string else
                                 T.filled_array((), np.dtype(tensor.dtype.as_numpy_dtype), 0))
    return _pad(tensor, pads, mode, constant_values)


@op("broadcast_to", tensors=("input",), inputs=("shape",), op_type="BroadcastTo")
def broadcast_to(input, shape, name=None):  # noqa: A002
    dims = tuple(int(d) for d in int_vector(shape, "BroadcastTo", "Tidx"))
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
    return xp(input).broadcast_to(input, dims)


@op("reverse", tensors=("tensor",), inputs=("axis",), op_type="ReverseV2")
def reverse(tensor, axis, name=None):
    axes = int_vector(axis, "ReverseV2", "Tidx")
    if tensor.ndim == 0:  # ReverseV2's kernel passes a scalar through before checking axis
        return tensor
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
    return xp(tensor).flip(tensor, tuple(sorted(seen))) if seen else tensor


@op(tensors=("input_",), op_type="Slice")
def _slice(input_, begin, size, name=None):
    return input_[tuple(builtins.slice(b, b + s) for b, s in zip(begin, size))]


@_api.export("slice")
def slice(input_, begin, size, name=None):  # noqa: A001
    """tf.slice."""
    suffix = name_suffix(name, input_, begin, size)
    input_ = convert_to_tensor(input_)
    b = int_vector(begin, "Slice", "Index")
    s = int_vector(size, "Slice", "Index")
    if not (b.ndim == s.ndim == 1 and b.size == s.size == input_.ndim):
        raise errors.kernel_error("Slice", "Expected begin and size arguments to be 1-D tensors "
                                  "of size %d, but got shapes %s and %s instead."
                                  % (input_.ndim, _dims_text(b.shape), _dims_text(s.shape)),
                                  suffix)
    sizes = []
    for i, (lo, n, d) in enumerate(zip(b, s, input_.shape)):
        n = d - lo if n == -1 else n
        if not 0 <= lo <= d:
            raise errors.kernel_error("Slice", "Expected begin[%d] in [0, %d], but got %d"
                                      % (i, d, lo), suffix)
        if not 0 <= n <= d - lo:
            raise errors.kernel_error("Slice", "Expected size[%d] in [0, %d], but got %d"
                                      % (i, d - lo, n), suffix)
        sizes.append(int(n))
    return _slice(input_, tuple(int(x) for x in b), tuple(sizes))


@_api.export("strided_slice")
def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """tf.strided_slice: its masks turned into the index key Tensor.__getitem__ uses."""
    for v in (begin, end, strides):
        if v is not None and convert_to_tensor(v).dtype not in (D.int16, D.int32, D.int64):
            raise def_error("Index", convert_to_tensor(v).dtype, op_defs.TEXT["StridedSlice"])
    # One Index attr for the three: the first tensor's dtype; another tensor's is TF's error.
    given = [(i, v.dtype) for i, v in enumerate((begin, end, strides), 1)
             if isinstance(v, T.EagerTensor)]
    for i, dt in given[1:]:
        if dt is not given[0][1]:
            if len(given) < 3 - (strides is None):  # not all tensors: TF's slow path converts
                raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype "
                                 "%s: %r" % (given[0][1].name, dt.name,
                                             (begin, end, strides)[i - 1]))
            raise mismatch("StridedSlice", i, given[0][1], dt)
    b = int_vector(begin, "StridedSlice", "Index")
    e = int_vector(end, "StridedSlice", "Index")
    # TF's Python wrapper passes ones_like(begin) for strides=None.
    s = np.ones_like(b) if strides is None else int_vector(strides, "StridedSlice", "Index")
    if b.ndim != 1 or e.shape != b.shape or s.shape != b.shape:
        raise errors.kernel_error(
            "StridedSlice", "Expected begin, end, and strides to be 1D equal size tensors, but "
            "got shapes %s, %s, and %s instead." % tuple(_dims_text(v.shape) for v in (b, e, s)),
            None)
    for i in builtins.range(len(b)):  # TF checks every stride, a shrunk axis's too
        if s[i] == 0 and not (ellipsis_mask | new_axis_mask) & (1 << i):
            raise errors.kernel_error("StridedSlice", "strides[%d] must be non-zero" % i, None)
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
    # TF's wrapper hands the raw op begin, end and strides as given (ones_like(begin) for None)
    with raw_inputs("StridedSlice", input_, begin, end, begin if strides is None else strides):
        return strided_slice_index(convert_to_tensor(input_), tuple(key), suffix=name)


# -- strided_slice (Tensor.__getitem__'s op; the indexing itself is tensor_getitem_override's) --
@op(tensors=("tensor",), op_type="StridedSlice")
def strided_slice_index(tensor, key, suffix="strided_slice/", name=None):
    def fail(message):
        return errors.kernel_error("StridedSlice", message, name=suffix)

    if builtins.sum(1 for k in key if k is Ellipsis) > 1:
        raise fail("Multiple ellipses in slice spec not allowed")
    n_real = builtins.sum(1 for k in key if k is not None and k is not Ellipsis)
    if tensor.ndim == 0 and n_real:
        raise fail("Attempting to slice scalar input.")
    for i, k in enumerate(key):
        if isinstance(k, tuple) and k[3] == 0:
            raise fail("strides[%d] must be non-zero" % i)
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
    if isinstance(tensor, np.ndarray):  # tf.string: an element is bytes, kept an array
        return np.asarray(tensor[idx], dtype=object)
    return tensor[idx]


# -- where, boolean_mask, meshgrid -----------------------------------------------------------
@op(others=("condition",), op_type="Where", grad=False, sig="input:T -> index:int64")
def _where_indices(condition, name=None):
    return jnp.asarray(np.argwhere(np.asarray(condition)).astype(np.int64))


@op(tensors=("x", "y"), others=("condition",), op_type="SelectV2")
def _select_v2(condition, x, y, name=None):
    try:
        try:
            np.broadcast_shapes(condition.shape, x.shape, y.shape)
        except TypeError:  # symbolic dimensions (a relaxed trace): JAX's rule
            jnp.broadcast_shapes(condition.shape, x.shape, y.shape)
    except ValueError:
        raise errors.kernel_error(
            "SelectV2", "condition %s, then %s, and else %s must be broadcastable"
            % (_dims_text(condition.shape), _dims_text(x.shape), _dims_text(y.shape)),
            None) from None
    return xp(x).where(condition, x, y)


@_api.export("where")
def where(condition, x=None, y=None, name=None):
    """tf.where."""
    if x is None and y is None:
        condition = convert_to_tensor(condition)
        if condition.dtype not in op_defs.allowed("Where"):
            raise index_attr_error("T", condition.dtype, "Where", op_defs.names("Where"), "")
        if condition.dtype is D.float16:
            raise errors.kernel_error(
                "Where", "No WhereOp available for float16/half type on CPU; dying in CPU "
                "WhereOp to avoid silently creating costly copies from device.",
                cls=errors.UnimplementedError)
        if condition.ndim == 0:
            raise errors.kernel_error("Where", "WhereOp : Unhandled input dimensions: 0")
        return _where_indices(condition)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    cond = condition if C.is_tensor(condition) else convert_to_tensor(condition, D.bool)
    cond = convert_to_tensor(cond)
    if cond.dtype is not D.bool:
        raise index_attr_error("T", cond.dtype, "SelectV2", "bool")
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
    from .gather_scatter_ops import gather  # which imports this module

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


# -- unique, searchsorted, sequence_mask ------------------------------------------------
UniqueResult = collections.namedtuple("Unique", ["y", "idx"])


@op(others=("x",), op_type="Unique", grad=False)
def _unique(x, out_idx, name=None):
    if np.dtype(x.dtype).kind == "c":  # TF's op-def allows complex; no CPU kernel has it
        raise errors.no_kernel_error("Unique", "T=DT_%s, out_idx=DT_%s" % (
            np.dtype(x.dtype).name.upper(), np.dtype(out_idx).name.upper()))
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
    out_idx = D.as_dtype(out_idx)
    if out_idx not in (D.int32, D.int64):
        raise def_error("out_idx", out_idx, op_defs.TEXT["Unique"])
    with raw_inputs("Unique", x):
        y, idx = _unique(convert_to_tensor(x), out_idx.as_numpy_dtype)
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
        raise mismatch(op_type, 1, s.dtype, v.dtype)
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
    if lengths.dtype not in op_defs.allowed("Max"):  # TF's composite: Max, then Range
        raise index_attr_error("T", lengths.dtype, "Max", op_defs.names("Max"), "")
    if lengths.dtype not in op_defs.allowed("Range", "Tidx") or lengths.dtype in (
            D.int8, D.int16, D.uint16, D.uint32, D.uint64):
        raise errors.no_kernel_error("Range", "Tidx=DT_%s" % lengths.dtype.name.upper())
    if maxlen is None:
        maxlen = int(np.max(lengths.numpy())) if lengths.shape.num_elements() else 0
        maxlen = builtins.max(maxlen, 0)
    else:
        maxlen = int(convert_to_tensor(maxlen))
    row = np.arange(maxlen).astype(lengths.dtype.as_numpy_dtype)
    mask = T.wrap(jnp.asarray(row < np.expand_dims(lengths.numpy(), -1)))
    return mask if D.as_dtype(dtype) is D.bool else math_ops.cast(mask, dtype)


# -- repeat, identity_n, shape_n ---------------------------------------------------------
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
    if not isinstance(axis, int):  # TF's repeat_with_axis checks the axis's type first
        raise TypeError("Argument `axis` must be an int. Received `axis` = %s of type %s"
                        % (axis.numpy() if is_tensor_like(axis) else axis, type(axis).__name__))
    axis = axis % builtins.max(input.ndim, 1)
    if is_tensor_like(repeats) and not convert_to_tensor(repeats).dtype.is_integer:
        raise TypeError("Argument `tensor` (name: repeats) must be of type integer. Received "
                        "`tensor` = %s of dtype: %s" % (convert_to_tensor(repeats).numpy(),
                                                        convert_to_tensor(repeats).dtype))
    r = int_vector(repeats, "Repeat", "T")
    if r.ndim == 1 and r.size == 1:
        r = r.reshape(())
    if r.ndim and len(r) != input.shape[axis]:
        raise ValueError("Dimensions %d and %d are not compatible" % (input.shape[axis], len(r)))
    return _repeat(input, r.tolist() if r.ndim else int(r), axis)

@_api.export("identity_n")
def identity_n(input, name=None):  # noqa: A002
    """tf.identity_n."""
    return [identity(t) for t in input]


@_api.export("shape_n")
def shape_n(input, out_type=D.int32, name=None):  # noqa: A002
    """tf.shape_n."""
    return [shape(t, out_type) for t in input]


# -- depth_to_space / space_to_depth (TF's DepthToSpace and SpaceToDepth kernels, NHWC) ---------


@op("nn.depth_to_space", tensors=("input",), op_type="DepthToSpace")
def depth_to_space(input, block_size, data_format="NHWC", name=None):  # noqa: A002
    """tf.nn.depth_to_space: out[b, h*bs + i, w*bs + j, c] = in[b, h, w, (i*bs + j)*C' + c]."""
    bs = int(block_size)
    _check_nhwc(input, bs, data_format, "DepthToSpace")
    b, h, w, c = input.shape
    if c % (bs * bs):
        raise errors.kernel_error("DepthToSpace", "Input depth dimension %d should be divisible "
                                  "by: %d" % (c, bs * bs), "" if name is None else name)
    x = input.reshape(b, h, w, bs, bs, c // (bs * bs)).transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(b, h * bs, w * bs, c // (bs * bs))


@op("nn.space_to_depth", tensors=("input",), op_type="SpaceToDepth")
def space_to_depth(input, block_size, data_format="NHWC", name=None):  # noqa: A002
    """tf.nn.space_to_depth: depth_to_space's inverse."""
    bs = int(block_size)
    _check_nhwc(input, bs, data_format, "SpaceToDepth")
    b, h, w, c = input.shape
    if h % bs or w % bs:
        raise errors.kernel_error("SpaceToDepth", "Image width %d and height %d should be "
                                  "divisible by block_size: %d" % (w, h, bs),
                                  "" if name is None else name)
    x = input.reshape(b, h // bs, bs, w // bs, bs, c).transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(b, h // bs, w // bs, bs * bs * c)


def _check_nhwc(input, block_size, data_format, op_type):  # noqa: A002
    if data_format != "NHWC":  # TF's CPU kernels are NHWC-only
        raise errors.no_kernel_error(op_type, 'T=DT_%s, block_size=%d, data_format="%s"' % (
            D.tf_type_name(D.from_numpy(input.dtype)).upper(), block_size, data_format), None)
    if input.ndim != 4:
        raise errors.kernel_error(op_type, "Input rank should be: 4 instead of: %d" % input.ndim,
                                  "")
