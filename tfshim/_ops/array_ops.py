"""Tensor creation and shape ops (TF's array_ops.py and constant_op.py), and indexing."""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core import tensor as T
from .._core.op import op
from .._core.tensor import TensorShape, convert_to_tensor

_ALL = frozenset(D.ALL)


@_api.export("constant")
def constant(value, dtype=None, shape=None, name="Const"):
    """tf.constant."""
    return T.constant_value(value, dtype, shape, name)


@_api.export("convert_to_tensor")
def convert_to_tensor_v2(value, dtype=None, dtype_hint=None, name=None):
    """tf.convert_to_tensor."""
    return convert_to_tensor(value, dtype, dtype_hint, name)


_api.export("is_tensor")(T.is_tensor)


def _shape_arg(shape) -> tuple:
    """A static shape from a list, tuple, TensorShape, int or 1-D int tensor."""
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(d) for d in shape)


def _np_dtype(dtype):
    return D.as_dtype(dtype).as_numpy_dtype


# -- creation --------------------------------------------------------------------------------
@op("zeros", op_type="Fill")
def zeros(shape, dtype=D.float32, name=None):
    return jnp.zeros(_shape_arg(shape), _np_dtype(dtype))


@op("ones", op_type="Fill")
def ones(shape, dtype=D.float32, name=None):
    return jnp.ones(_shape_arg(shape), _np_dtype(dtype))


# ones_like/zeros_like have no gradient in TF: their output does not depend on the values.
@op("zeros_like", others=("input",), op_type="ZerosLike", grad=False)
def zeros_like(input, dtype=None, name=None):  # noqa: A002
    return jnp.zeros(input.shape, input.dtype if dtype is None else _np_dtype(dtype))


@op("ones_like", others=("input",), op_type="OnesLike", grad=False)
def ones_like(input, dtype=None, name=None):  # noqa: A002
    return jnp.ones(input.shape, input.dtype if dtype is None else _np_dtype(dtype))


@op("fill", tensors=("value",), op_type="Fill")
def fill(dims, value, name=None):
    return jnp.broadcast_to(value, _shape_arg(dims))


@op("eye", "linalg.eye", op_type="Eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=D.float32, name=None):
    m = jnp.eye(num_rows, num_rows if num_columns is None else num_columns,
                dtype=_np_dtype(dtype))
    if batch_shape is not None:
        m = jnp.broadcast_to(m, _shape_arg(batch_shape) + m.shape)
    return m


_RANGE_ORDER = (D.int32, D.int64, D.float16, D.bfloat16, D.float32, D.float64)


@_api.export("range")
def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    """tf.range."""
    if limit is None:
        start, limit = 0, start
    args = [convert_to_tensor(a) if T.is_tensor(a) else a for a in (start, limit, delta)]
    if dtype is None:
        # TF infers the widest of the arguments' dtypes (int32 < int64 < ... < float64).
        kinds = [a.dtype if isinstance(a, T.Tensor) else convert_to_tensor(a).dtype
                 for a in args]
        dtype = builtins.max(kinds, key=_RANGE_ORDER.index)
    dtype = D.as_dtype(dtype)
    s, l, d = (np.asarray(a).item() for a in args)
    if d == 0:
        raise errors.kernel_error("Range", "Requires delta != 0: %s" % d)
    if (d > 0 and s > l) or (d < 0 and s < l):
        raise errors.kernel_error(
            "Range", "Requires start %s limit when delta %s 0: %s/%s"
            % ("<=" if d > 0 else ">=", ">" if d > 0 else "<", s, l))
    return T.wrap(jnp.asarray(np.arange(s, l, d).astype(dtype.as_numpy_dtype)))


@op("linspace", "lin_space", tensors=("start", "stop"), op_type="LinSpace")
def linspace(start, stop, num, name=None, axis=0):
    if not jnp.issubdtype(start.dtype, jnp.inexact):
        # TF's linspace computes integer endpoints in float64.
        start, stop = start.astype(jnp.float64), stop.astype(jnp.float64)
    return jnp.linspace(start, stop, int(num), axis=axis, dtype=start.dtype)


# -- identity and gradient control -----------------------------------------------------------
@op("identity", tensors=("input",), op_type="Identity")
def identity(input, name=None):  # noqa: A002
    return input


@op("stop_gradient", tensors=("input",), op_type="StopGradient", grad=False)
def stop_gradient(input, name=None):  # noqa: A002
    return input


# -- shapes ----------------------------------------------------------------------------------
@op("reshape", tensors=("tensor",), op_type="Reshape")
def reshape(tensor, shape, name=None):
    shape = _shape_arg(shape)
    unknown = [i for i, d in enumerate(shape) if d == -1]
    if len(unknown) > 1:
        raise errors.kernel_error("Reshape", "Only one input size may be -1, not both %d and %d"
                                  % tuple(unknown[:2]), name=None)
    known = int(np.prod([d for d in shape if d != -1], dtype=np.int64))
    size = tensor.size
    if (unknown and (known == 0 or size % known)) or (not unknown and known != size):
        raise errors.kernel_error(
            "Reshape", "Input to reshape is a tensor with %d values, but the requested shape "
            "has %d" % (size, known) if not unknown else "Input to reshape is a tensor with %d "
            "values, but the requested shape requires a multiple of %d" % (size, known),
            name=None)
    return jnp.reshape(tensor, shape)


@op("transpose", tensors=("a",), op_type="Transpose")
def transpose(a, perm=None, conjugate=False, name="transpose"):
    if perm is not None:
        perm = _shape_arg(perm)
        if len(perm) != a.ndim:
            raise errors.kernel_error(
                "Transpose", "transpose expects a vector of size %d. But input(1) is a vector "
                "of size %d" % (a.ndim, len(perm)), name=None)
    out = jnp.transpose(a, perm)
    return jnp.conj(out) if conjugate else out


@op("expand_dims", tensors=("input",), op_type="ExpandDims")
def expand_dims(input, axis, name=None):  # noqa: A002
    if not -input.ndim - 1 <= axis <= input.ndim:
        raise errors.kernel_error("ExpandDims", "Tried to expand dim index %d for tensor with "
                                  "%d dimensions." % (axis, input.ndim))
    return jnp.expand_dims(input, axis)


@op("squeeze", tensors=("input",), op_type="Squeeze")
def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    if axis is None:
        axis = squeeze_dims
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


def _dims_text(shape):
    return "[%s]" % ",".join(str(d) for d in shape)


@op("concat", lists=("values",), op_type="ConcatV2")
def concat(values, axis, name="concat"):
    rank = values[0].ndim
    if not -rank <= axis < builtins.max(rank, 1):
        raise errors.kernel_error("ConcatV2", "ConcatOp : Expected concatenating dimensions in "
                                  "the range [%d, %d), but got %d" % (-rank, rank, axis),
                                  name=name, node="ConcatV2_N_%d" % len(values))
    ax = axis % rank
    for i, v in enumerate(values[1:], 1):
        if v.ndim != rank:
            raise errors.kernel_error(
                "ConcatV2", "ConcatOp : Ranks of all input tensors should match: shape[0] = %s "
                "vs. shape[%d] = %s" % (_dims_text(values[0].shape), i, _dims_text(v.shape)),
                name=name, node="ConcatV2_N_%d" % len(values))
        for d in builtins.range(rank):
            if d != ax and v.shape[d] != values[0].shape[d]:
                raise errors.kernel_error(
                    "ConcatV2", "ConcatOp : Dimension %d in both shapes must be equal: shape[0] "
                    "= %s vs. shape[%d] = %s" % (d, _dims_text(values[0].shape), i,
                                                 _dims_text(v.shape)),
                    name=name, node="ConcatV2_N_%d" % len(values))
    return jnp.concatenate(values, axis=ax)


@op("stack", lists=("values",), op_type="Pack")
def stack(values, axis=0, name="stack"):
    for i, v in enumerate(values[1:], 1):
        if v.shape != values[0].shape:
            raise errors.kernel_error(
                "Pack", "Shapes of all inputs must match: values[0].shape = %s != values[%d]."
                "shape = %s" % (_dims_text(values[0].shape), i, _dims_text(v.shape)),
                name=name, node="Pack_N_%d" % len(values))
    return jnp.stack(values, axis=axis)


@_api.export("shape")
def shape(input, out_type=None, name=None):  # noqa: A002
    """tf.shape."""
    dt = D.int32 if out_type is None else D.as_dtype(out_type)
    return T.wrap(jnp.asarray(np.array(convert_to_tensor(input)._value.shape,
                                       dt.as_numpy_dtype)))


@_api.export("rank")
def rank(input, name=None):  # noqa: A002
    """tf.rank."""
    return T.wrap(jnp.asarray(np.int32(convert_to_tensor(input)._value.ndim)))


@_api.export("size")
def size(input, out_type=None, name=None):  # noqa: A002
    """tf.size."""
    dt = D.int32 if out_type is None else D.as_dtype(out_type)
    return T.wrap(jnp.asarray(np.array(convert_to_tensor(input)._value.size, dt.as_numpy_dtype)))


# -- indexing (TF's strided_slice through Tensor.__getitem__) ------------------------------
def _index_key(key) -> tuple:
    """A hashable static index: ints, ('s', start, stop, step), Ellipsis, None."""
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for k in key:
        if isinstance(k, slice):
            out.append(("s",) + tuple(None if v is None else int(v)
                                      for v in (k.start, k.stop, k.step)))
        elif k is None or k is Ellipsis:
            out.append(k)
        elif isinstance(k, (bool, np.bool_)):
            raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) "
                            "and scalar tf.int32/tf.int64 tensors are valid indices, got %r" % k)
        else:
            try:
                out.append(int(np.asarray(k).item()) if not isinstance(k, int) else k)
            except (TypeError, ValueError):
                raise TypeError(
                    "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                    "scalar tf.int32/tf.int64 tensors are valid indices, got %r" % (k,)) from None
    return tuple(out)


@op(tensors=("tensor",), op_type="StridedSlice")
def strided_slice_index(tensor, key, name=None):
    if tensor.ndim == 0 and any(k is not None and k is not Ellipsis for k in key):
        raise errors.kernel_error("StridedSlice", "Attempting to slice scalar input.",
                                  name="strided_slice/")
    # TF checks integer indices against their dimension (JAX would clamp them).
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    dim = 0
    for k in key:
        if k is Ellipsis:
            dim += tensor.ndim - n_real
        elif k is None:
            continue
        else:
            if isinstance(k, int) and dim < tensor.ndim and not (
                    -tensor.shape[dim] <= k < tensor.shape[dim]):
                raise errors.kernel_error(
                    "StridedSlice", "slice index %d of dimension %d out of bounds."
                    % (k if k >= 0 else k + tensor.shape[dim], dim), name="strided_slice/")
            dim += 1
    idx = tuple(slice(*k[1:]) if isinstance(k, tuple) else k for k in key)
    return tensor[idx]


def getitem(tensor, key):
    """Tensor.__getitem__."""
    return strided_slice_index(tensor, _index_key(key))

