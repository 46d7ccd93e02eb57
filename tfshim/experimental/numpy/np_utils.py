"""tnp's dtype inference and static-value helpers (TF's numpy_ops/np_utils.py)."""

import numbers

import numpy as np

import tfshim as tf

from ..._api import export
from ..._core.tensor import SymbolicTensor
from . import np_dtypes


def isscalar(val):
    """Whether val is a scalar value or a rank-0 tensor."""
    if isinstance(val, tf.Tensor):
        ranksize = val.shape.rank
        return ranksize == 0
    return np.isscalar(val)


def _canonicalize_axis(axis, rank):
    return _canonicalize_axes([axis], rank)[0]


def _canonicalize_axes(axes, rank):
    rank = _maybe_static(rank)
    if isinstance(rank, tf.Tensor):
        return [cond(axis < 0, lambda a=axis: a + rank, lambda a=axis: a) for axis in axes]
    return [axis + rank if axis < 0 else axis for axis in axes]


def _to_numpy_type(dtype):
    if isinstance(dtype, tf.DType):
        return dtype.as_numpy_dtype
    return np.dtype(dtype)


def _maybe_get_dtype(x):
    """A NumPy type from x where it has one; np.ndarray stays (its values matter to NumPy)."""
    if isinstance(x, numbers.Real):
        return x
    if isinstance(x, (tf.Tensor, tf.Variable, tf.IndexedSlices)):
        return _to_numpy_type(x.dtype)
    if isinstance(x, tf.DType):
        return x.as_numpy_dtype
    if isinstance(x, (list, tuple)):
        raise ValueError(
            "Cannot find dtype for type inference from argument `x` of a sequence "
            f"type {type(x)}. For sequences, please call this function on each "
            "element individually."
        )
    return x


@export("experimental.numpy.result_type")
def result_type(*arrays_and_dtypes):
    """tnp.result_type: NumPy's promotion over the arguments' dtypes, as a tf.DType."""
    arrays_and_dtypes = [_maybe_get_dtype(x) for x in tf.nest.flatten(arrays_and_dtypes)]
    if not arrays_and_dtypes:
        arrays_and_dtypes = [np.asarray([])]  # NumPy decides: float64
    return np_dtypes._result_type(*arrays_and_dtypes)


def result_type_unary(a, dtype):
    """The result type from one input and an optional dtype; strings stay strings."""
    if dtype:
        return result_type(dtype)
    if isinstance(a, str):
        return np.str_
    if isinstance(a, bytes):
        return np.bytes_
    return result_type(a)


def _result_type_binary(t1, t2):
    try:
        return np_dtypes._result_type(_maybe_get_dtype(t1), _maybe_get_dtype(t2))
    except ValueError:
        return result_type(t1, t2)


@export("experimental.numpy.promote_types")
def promote_types(type1, type2):
    """tnp.promote_types."""
    type1 = _to_numpy_type(type1)
    type2 = _to_numpy_type(type2)
    return np_dtypes.canonicalize_dtype(np.promote_types(type1, type2))


def _broadcast_shape(shape_x, shape_y):
    """tf.broadcast_dynamic_shape of two known shapes: the broadcast shape, in shape_x's dtype
    (int32 for TensorShapes)."""
    dtype = shape_x.dtype if isinstance(shape_x, tf.Tensor) else tf.int32
    sx = tuple(int(d) for d in np.asarray(shape_x))
    sy = tuple(int(d) for d in np.asarray(shape_y))
    return tf.constant(np.broadcast_shapes(sx, sy), dtype)


def tf_broadcast(*args):
    """The tensors broadcast to their common shape."""
    if len(args) <= 1:
        return args
    shape = np.broadcast_shapes(*[tuple(a.shape.as_list()) for a in args])
    return [tf.broadcast_to(arg, shape) for arg in args]


def get_static_value(x):
    """x's value when known now (a Python value, or an eager integer/bool tensor), else None."""
    if isinstance(x, tf.Tensor):
        if x.dtype.is_floating or x.dtype.is_complex or isinstance(x, SymbolicTensor):
            return None
        return x.numpy()
    if isinstance(x, tf.Variable):
        return None
    return x


def _maybe_static(x):
    value = get_static_value(x)
    return x if value is None else value


def cond(pred, true_fn, false_fn):
    """A Python branch where pred is known, else tf.cond."""
    v = get_static_value(pred)
    if v is None:
        return tf.cond(pred, true_fn, false_fn)
    return true_fn() if v else false_fn()


def add(a, b):
    return _maybe_static(a) + _maybe_static(b)


def subtract(a, b):
    return _maybe_static(a) - _maybe_static(b)


def greater(a, b):
    return _maybe_static(a) > _maybe_static(b)


def greater_equal(a, b):
    return _maybe_static(a) >= _maybe_static(b)


def less_equal(a, b):
    return _maybe_static(a) <= _maybe_static(b)


def logical_or(a, b):
    a_value = get_static_value(a)
    if a_value is not None:
        if np.isscalar(a_value):
            return a_value if a_value else _maybe_static(b)
        return a_value | _maybe_static(b)
    return a | _maybe_static(b)


def getitem(a, slice_spec):
    return _maybe_static(a)[slice_spec]


def reduce_all(input_tensor, axis=None, keepdims=False):
    v = get_static_value(input_tensor)
    if v is None:
        return tf.reduce_all(input_tensor, axis=axis, keepdims=keepdims)
    return v.all(axis=axis, keepdims=keepdims)


def tf_rank(t):
    r = t.shape.rank
    return r if r is not None else tf.rank(t)


@export("experimental.numpy.finfo")
def finfo(dtype):
    """tnp.finfo: np.finfo of the dtype (a tf.DType, NumPy type or array's dtype)."""
    return np.finfo(_to_numpy_type(dtype))
