"""tnp's math functions and tf.Tensor's NumPy methods (TF's numpy_ops/np_math_ops.py), over
tfshim's ops with TF's tnp dtype rules."""

import numbers
import sys

import numpy as np

import tfshim as tf

from ..._api import export
from ..._core.tensor import EagerTensor
from . import np_array_ops, np_dtypes, np_elementwise_ops, np_index_ops, np_utils

pi = export("experimental.numpy.pi")(np.pi)
e = export("experimental.numpy.e")(np.e)
inf = export("experimental.numpy.inf")(np.inf)


@export("experimental.numpy.dot")
def dot(a, b):

    def f(a, b):
        return np_utils.cond(
            np_utils.logical_or(tf.math.equal(tf.rank(a), 0), tf.math.equal(tf.rank(b), 0)),
            lambda: a * b,
            lambda: np_utils.cond(
                tf.math.equal(tf.rank(b), 1),
                lambda: tf.tensordot(a, b, axes=[[-1], [-1]]),
                lambda: tf.tensordot(a, b, axes=[[-1], [-2]]),
            ),
        )

    return _bin_op(f, a, b)


def _bin_op(tf_fun, a, b, promote=True):
    if promote:
        a, b = np_array_ops._promote_dtype_binary(a, b)
    else:
        a = np_array_ops.array(a)
        b = np_array_ops.array(b)
    return tf_fun(a, b)


@export("experimental.numpy.add")
def add(x1, x2):

    def add_or_or(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            return tf.math.logical_or(x1, x2)
        return tf.math.add(x1, x2)

    return _bin_op(add_or_or, x1, x2)


@export("experimental.numpy.subtract")
def subtract(x1, x2):
    return _bin_op(tf.math.subtract, x1, x2)


@export("experimental.numpy.multiply")
def multiply(x1, x2):

    def mul_or_and(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            return tf.math.logical_and(x1, x2)
        return tf.math.multiply(x1, x2)

    return _bin_op(mul_or_and, x1, x2)


@export("experimental.numpy.true_divide")
def true_divide(x1, x2):

    def _avoid_float64(x1, x2):
        if x1.dtype == x2.dtype and x1.dtype in (tf.int32, tf.int64):
            x1 = tf.cast(x1, dtype=tf.float32)
            x2 = tf.cast(x2, dtype=tf.float32)
        return (x1, x2)

    def f(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            float_ = np_utils.result_type(float)
            x1 = tf.cast(x1, float_)
            x2 = tf.cast(x2, float_)
        if not np_dtypes.is_allow_float64():
            x1, x2 = _avoid_float64(x1, x2)
        return tf.math.truediv(x1, x2)

    return _bin_op(f, x1, x2)


@export("experimental.numpy.divide")
def divide(x1, x2):
    return true_divide(x1, x2)


@export("experimental.numpy.floor_divide")
def floor_divide(x1, x2):

    def f(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            x1 = tf.cast(x1, tf.int8)
            x2 = tf.cast(x2, tf.int8)
        return tf.math.floordiv(x1, x2)

    return _bin_op(f, x1, x2)


@export("experimental.numpy.mod")
def mod(x1, x2):

    def f(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            x1 = tf.cast(x1, tf.int8)
            x2 = tf.cast(x2, tf.int8)
        return tf.math.mod(x1, x2)

    return _bin_op(f, x1, x2)


@export("experimental.numpy.remainder")
def remainder(x1, x2):
    return mod(x1, x2)


@export("experimental.numpy.divmod")
def divmod(x1, x2):
    return (floor_divide(x1, x2), mod(x1, x2))


@export("experimental.numpy.maximum")
def maximum(x1, x2):
    if (
        isinstance(x2, numbers.Real)
        and (not isinstance(x2, bool))
        and (x2 == 0)
        and isinstance(x1, tf.Tensor)
        and (x1.dtype != tf.bool)
    ):
        return tf.nn.relu(np_array_ops.asarray(x1))

    def max_or_or(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            return tf.math.logical_or(x1, x2)
        return tf.math.maximum(x1, x2)

    return _bin_op(max_or_or, x1, x2)


@export("experimental.numpy.minimum")
def minimum(x1, x2):

    def min_or_and(x1, x2):
        if x1.dtype == tf.bool:
            assert x2.dtype == tf.bool
            return tf.math.logical_and(x1, x2)
        return tf.math.minimum(x1, x2)

    return _bin_op(min_or_and, x1, x2)


@export("experimental.numpy.clip")
def clip(a, a_min, a_max):
    if a_min is None and a_max is None:
        raise ValueError("Not more than one of `a_min` and `a_max` may be `None`.")
    if a_min is None:
        return minimum(a, a_max)
    elif a_max is None:
        return maximum(a, a_min)
    else:
        a, a_min, a_max = np_array_ops._promote_dtype(a, a_min, a_max)
        return tf.clip_by_value(*np_utils.tf_broadcast(a, a_min, a_max))


@export("experimental.numpy.matmul")
def matmul(x1, x2):

    def f(x1, x2):
        try:
            if x1.shape.rank == 2 and x2.shape.rank == 2:
                return tf.linalg.matmul(x1, x2)
            return np_utils.cond(
                tf.math.equal(np_utils.tf_rank(x2), 1),
                lambda: tf.tensordot(x1, x2, axes=1),
                lambda: np_utils.cond(
                    tf.math.equal(np_utils.tf_rank(x1), 1),
                    lambda: tf.tensordot(x1, x2, axes=[[0], [-2]]),
                    lambda: tf.linalg.matmul(x1, x2),
                ),
            )
        except tf.errors.InvalidArgumentError as err:
            raise ValueError(str(err)).with_traceback(sys.exc_info()[2]) from None

    return _bin_op(f, x1, x2)


EagerTensor._matmul = matmul


@export("experimental.numpy.tensordot")
def tensordot(a, b, axes=2):
    return _bin_op(lambda a, b: tf.tensordot(a, b, axes=axes), a, b)


@export("experimental.numpy.inner")
def inner(a, b):

    def f(a, b):
        return np_utils.cond(
            np_utils.logical_or(tf.math.equal(tf.rank(a), 0), tf.math.equal(tf.rank(b), 0)),
            lambda: a * b,
            lambda: tf.tensordot(a, b, axes=[[-1], [-1]]),
        )

    return _bin_op(f, a, b)


@export("experimental.numpy.cross")
def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):

    def f(a, b):
        if axis is None:
            axis_a = axisa
            axis_b = axisb
            axis_c = axisc
        else:
            axis_a = axis
            axis_b = axis
            axis_c = axis
        if axis_a < 0:
            axis_a = np_utils.add(axis_a, tf.rank(a))
        if axis_b < 0:
            axis_b = np_utils.add(axis_b, tf.rank(b))

        def maybe_move_axis_to_last(a, axis):

            def move_axis_to_last(a, axis):
                return tf.transpose(
                    a, tf.concat([tf.range(axis), tf.range(axis + 1, tf.rank(a)), [axis]], axis=0)
                )

            return np_utils.cond(
                axis == np_utils.subtract(tf.rank(a), 1),
                lambda: a,
                lambda: move_axis_to_last(a, axis),
            )

        a = maybe_move_axis_to_last(a, axis_a)
        b = maybe_move_axis_to_last(b, axis_b)
        a_dim = np_utils.getitem(tf.shape(a), -1)
        b_dim = np_utils.getitem(tf.shape(b), -1)

        def maybe_pad_0(a, size_of_last_dim):

            def pad_0(a):
                return tf.pad(
                    a,
                    tf.concat(
                        [tf.zeros([tf.rank(a) - 1, 2], tf.int32), tf.constant([[0, 1]], tf.int32)],
                        axis=0,
                    ),
                )

            return np_utils.cond(tf.math.equal(size_of_last_dim, 2), lambda: pad_0(a), lambda: a)

        a = maybe_pad_0(a, a_dim)
        b = maybe_pad_0(b, b_dim)
        c = tf.linalg.cross(*np_utils.tf_broadcast(a, b))
        if axis_c < 0:
            axis_c = np_utils.add(axis_c, tf.rank(c))

        def move_last_to_axis(a, axis):
            r = tf.rank(a)
            return tf.transpose(
                a, tf.concat([tf.range(axis), [r - 1], tf.range(axis, r - 1)], axis=0)
            )

        c = np_utils.cond(
            (a_dim == 2) & (b_dim == 2),
            lambda: c[..., 2],
            lambda: np_utils.cond(
                axis_c == np_utils.subtract(tf.rank(c), 1),
                lambda: c,
                lambda: move_last_to_axis(c, axis_c),
            ),
        )
        return c

    return _bin_op(f, a, b)


@export("experimental.numpy.vdot")
def vdot(a, b):
    a, b = np_array_ops._promote_dtype(a, b)
    a = np_array_ops.reshape(a, [-1])
    b = np_array_ops.reshape(b, [-1])
    if a.dtype == np_dtypes.complex128 or a.dtype == np_dtypes.complex64:
        a = np_elementwise_ops.conj(a)
    return dot(a, b)


@export("experimental.numpy.kron")
def kron(a, b):
    a, b = np_array_ops._promote_dtype(a, b)
    t_a = np_utils.cond(
        a.shape.rank < b.shape.rank,
        lambda: np_array_ops.reshape(a, np_array_ops._pad_left_to(b.shape.rank, a.shape)),
        lambda: a,
    )
    t_b = np_utils.cond(
        b.shape.rank < a.shape.rank,
        lambda: np_array_ops.reshape(b, np_array_ops._pad_left_to(a.shape.rank, b.shape)),
        lambda: b,
    )

    def _make_shape(shape, prepend):
        ones = tf.ones_like(shape)
        if prepend:
            shapes = [ones, shape]
        else:
            shapes = [shape, ones]
        return tf.reshape(tf.stack(shapes, axis=1), [-1])

    a_shape = tf.shape(t_a)
    b_shape = tf.shape(t_b)
    a_reshaped = np_array_ops.reshape(t_a, _make_shape(a_shape, False))
    b_reshaped = np_array_ops.reshape(t_b, _make_shape(b_shape, True))
    out_shape = a_shape * b_shape
    return np_array_ops.reshape(a_reshaped * b_reshaped, out_shape)


@export("experimental.numpy.outer")
def outer(a, b):

    def f(a, b):
        return tf.reshape(a, [-1, 1]) * tf.reshape(b, [-1])

    return _bin_op(f, a, b)


@export("experimental.numpy.polyval")
def polyval(p, x):

    def f(p, x):
        if p.shape.rank == 0:
            p = tf.reshape(p, [1])
        p = tf.unstack(p)
        y = tf.math.polyval(p, x)
        if len(p) == 1:
            y = tf.broadcast_to(y, x.shape)
        return y

    return _bin_op(f, p, x)


def _make_nan_reduction(np_fun_name, reduction, init_val):

    def nan_reduction(a, axis=None, dtype=None, keepdims=False):
        a = np_array_ops.array(a)
        v = np_array_ops.array(init_val, dtype=a.dtype)
        return reduction(
            np_array_ops.where(np_elementwise_ops.isnan(a), v, a),
            axis=axis,
            dtype=dtype,
            keepdims=keepdims,
        )

    return nan_reduction


nansum = export("experimental.numpy.nansum")(_make_nan_reduction("nansum", np_array_ops.sum, 0))
nanprod = export("experimental.numpy.nanprod")(_make_nan_reduction("nanprod", np_array_ops.prod, 1))


@export("experimental.numpy.nanmean")
def nanmean(a, axis=None, dtype=None, keepdims=None):
    a = np_array_ops.array(a)
    if np.issubdtype(a.dtype.as_numpy_dtype, np.bool_) or np.issubdtype(
        a.dtype.as_numpy_dtype, np.integer
    ):
        return np_array_ops.mean(a, axis=axis, dtype=dtype, keepdims=keepdims)
    nan_mask = logical_not(np_elementwise_ops.isnan(a))
    if dtype is None:
        dtype = a.dtype.as_numpy_dtype
    normalizer = np_array_ops.sum(nan_mask, axis=axis, dtype=dtype, keepdims=keepdims)
    return nansum(a, axis=axis, dtype=dtype, keepdims=keepdims) / normalizer


@export("experimental.numpy.diff")
def diff(a, n=1, axis=-1):

    def f(a):
        nd = a.shape.rank
        if nd is None:
            raise ValueError(
                f"Function `diff` currently requires a known rank for input `a`. Received: a={a} "
                f"(unknown rank)"
            )
        if (axis + nd if axis < 0 else axis) >= nd:
            raise ValueError(
                f"Argument `axis` (received axis={axis}) is out of bounds for input {a} of rank "
                f"{nd}."
            )
        if n < 0:
            raise ValueError(f"Argument `order` must be a non-negative integer. Received: axis={n}")
        slice1 = [slice(None)] * nd
        slice2 = [slice(None)] * nd
        slice1[axis] = slice(1, None)
        slice2[axis] = slice(None, -1)
        slice1 = tuple(slice1)
        slice2 = tuple(slice2)
        op = tf.math.not_equal if a.dtype == tf.bool else tf.math.subtract
        for _ in range(n):
            a = op(a[slice1], a[slice2])
        return a

    return np_elementwise_ops._scalar(f, a)


def _wrap(f, reverse=False):

    def _f(a, b):
        if reverse:
            a, b = (b, a)
        if getattr(b, "__array_priority__", 0) > tf.Tensor.__array_priority__:
            return NotImplemented
        return f(a, b)

    return _f


def _comparison(tf_fun, x1, x2, cast_bool_to_int=False):
    dtype = np_utils.result_type(x1, x2)
    x1 = np_array_ops.array(x1, dtype=dtype)
    x2 = np_array_ops.array(x2, dtype=dtype)
    if cast_bool_to_int and x1.dtype == tf.bool:
        x1 = tf.cast(x1, tf.int32)
        x2 = tf.cast(x2, tf.int32)
    return tf_fun(x1, x2)


@export("experimental.numpy.equal")
def equal(x1, x2):
    return _comparison(tf.math.equal, x1, x2)


@export("experimental.numpy.not_equal")
def not_equal(x1, x2):
    return _comparison(tf.math.not_equal, x1, x2)


@export("experimental.numpy.greater")
def greater(x1, x2):
    return _comparison(tf.math.greater, x1, x2, True)


@export("experimental.numpy.greater_equal")
def greater_equal(x1, x2):
    return _comparison(tf.math.greater_equal, x1, x2, True)


@export("experimental.numpy.less")
def less(x1, x2):
    return _comparison(tf.math.less, x1, x2, True)


@export("experimental.numpy.less_equal")
def less_equal(x1, x2):
    return _comparison(tf.math.less_equal, x1, x2, True)


@export("experimental.numpy.array_equal")
def array_equal(a1, a2):

    def f(x1, x2):
        return np_utils.cond(
            tf.math.equal(tf.rank(x1), tf.rank(x2)),
            lambda: np_utils.cond(
                np_utils.reduce_all(tf.math.equal(tf.shape(x1), tf.shape(x2))),
                lambda: tf.math.reduce_all(tf.math.equal(x1, x2)),
                lambda: tf.constant(False),
            ),
            lambda: tf.constant(False),
        )

    return _comparison(f, a1, a2)


def _logical_binary_op(tf_fun, x1, x2):
    x1 = np_array_ops.array(x1, dtype=np.bool_)
    x2 = np_array_ops.array(x2, dtype=np.bool_)
    return tf_fun(x1, x2)


@export("experimental.numpy.logical_and")
def logical_and(x1, x2):
    return _logical_binary_op(tf.math.logical_and, x1, x2)


@export("experimental.numpy.logical_or")
def logical_or(x1, x2):
    return _logical_binary_op(tf.math.logical_or, x1, x2)


@export("experimental.numpy.logical_xor")
def logical_xor(x1, x2):
    return _logical_binary_op(tf.math.logical_xor, x1, x2)


@export("experimental.numpy.logical_not")
def logical_not(x):
    x = np_array_ops.array(x, dtype=np.bool_)
    return tf.math.logical_not(x)


@export("experimental.numpy.linspace")
def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=float, axis=0):
    if dtype:
        if np.lib.NumpyVersion(np.__version__) >= "2.0.0.dev0":
            dtype = np_utils.result_type([start * 1.0, stop * 1.0])
        else:
            dtype = np_utils.result_type(dtype)
    start = np_array_ops.array(start, dtype=dtype)
    stop = np_array_ops.array(stop, dtype=dtype)
    if num < 0:
        raise ValueError(
            f"Argument `num` (number of samples) must be a non-negative integer. Received: "
            f"num={num}"
        )
    step = tf.convert_to_tensor(np.nan)
    if endpoint:
        result = tf.linspace(start, stop, num, axis=axis)
        if num > 1:
            step = (stop - start) / (num - 1)
    else:
        if num > 0:
            step = (stop - start) / num
        if num > 1:
            new_stop = tf.cast(stop, step.dtype) - step
            start = tf.cast(start, new_stop.dtype)
            result = tf.linspace(start, new_stop, num, axis=axis)
        else:
            result = tf.linspace(start, stop, num, axis=axis)
    if dtype:
        if dtype.is_integer:
            result = tf.math.floor(result)
        result = tf.cast(result, dtype)
    if retstep:
        return (result, step)
    else:
        return result


@export("experimental.numpy.logspace")
def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    if np.lib.NumpyVersion(np.__version__) >= "2.0.0.dev0":
        dtype = np_utils.result_type([start * 1.0, stop * 1.0])
    else:
        dtype = np_utils.result_type(start, stop, dtype)
    result = linspace(start, stop, num=num, endpoint=endpoint, dtype=dtype, axis=axis)
    result = tf.math.pow(tf.cast(base, result.dtype), result)
    if dtype:
        result = tf.cast(result, dtype)
    return result


@export("experimental.numpy.geomspace")
def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    dtype = (
        tf.as_dtype(dtype)
        if dtype
        else np_utils.result_type(start, stop, float(num), np_array_ops.zeros((), dtype))
    )
    computation_dtype = np.promote_types(dtype.as_numpy_dtype, np.float32)
    start = np_array_ops.asarray(start, dtype=computation_dtype)
    stop = np_array_ops.asarray(stop, dtype=computation_dtype)
    start_sign = 1 - np_array_ops.sign(np_array_ops.real(start))
    stop_sign = 1 - np_array_ops.sign(np_array_ops.real(stop))
    signflip = 1 - start_sign * stop_sign // 2
    res = signflip * logspace(
        np_elementwise_ops.log10(signflip * start),
        np_elementwise_ops.log10(signflip * stop),
        num,
        endpoint=endpoint,
        base=10.0,
        dtype=computation_dtype,
        axis=0,
    )
    if axis != 0:
        res = np_array_ops.moveaxis(res, 0, axis)
    return tf.cast(res, dtype)


@export("experimental.numpy.ptp")
def ptp(a, axis=None, keepdims=None):
    return np_array_ops.amax(a, axis=axis, keepdims=keepdims) - np_array_ops.amin(
        a, axis=axis, keepdims=keepdims
    )


@export("experimental.numpy.concatenate")
def concatenate(arys, axis=0):
    if not isinstance(arys, (list, tuple)):
        arys = [arys]
    if not arys:
        raise ValueError(
            f"Need at least one array to concatenate. Received empty input: arys={arys}"
        )
    dtype = np_utils.result_type(*arys)
    arys = [np_array_ops.array(array, dtype=dtype) for array in arys]
    return tf.concat(arys, axis)


@export("experimental.numpy.tile")
def tile(a, reps):
    a = np_array_ops.array(a)
    reps = tf.reshape(np_array_ops.array(reps, dtype=tf.int32), [-1])
    a_rank = tf.rank(a)
    reps_size = tf.size(reps)
    reps = tf.pad(reps, [[tf.math.maximum(a_rank - reps_size, 0), 0]], constant_values=1)
    a_shape = tf.pad(tf.shape(a), [[tf.math.maximum(reps_size - a_rank, 0), 0]], constant_values=1)
    a = tf.reshape(a, a_shape)
    return tf.tile(a, reps)


@export("experimental.numpy.count_nonzero")
def count_nonzero(a, axis=None):
    return tf.math.count_nonzero(np_array_ops.array(a), axis)


@export("experimental.numpy.argsort")
def argsort(a, axis=-1, kind="quicksort", order=None):
    if kind not in ("quicksort", "stable"):
        raise ValueError(
            f'Invalid value for argument `kind`. Only kind="quicksort" and kind="stable" are '
            f'supported. Received: kind={kind}'
        )
    if order is not None:
        raise ValueError("The `order` argument is not supported. Pass order=None")
    stable = kind == "stable"
    a = np_array_ops.array(a)
    if a.dtype in (tf.complex64, tf.complex128):
        raise TypeError(
            f"argsort does not support complex64/complex128 dtypes. Received dtype: {a.dtype}"
        )

    def _argsort(a, axis, stable):
        if axis is None:
            a = tf.reshape(a, [-1])
            axis = 0
        return tf.argsort(a, axis, stable=stable)

    tf_ans = np_utils.cond(
        tf.math.equal(tf.rank(a), 0), lambda: tf.constant([0]), lambda: _argsort(a, axis, stable)
    )
    if False:
        return np_array_ops.array(tf_ans, dtype=int)
    else:
        return np_array_ops.array(tf_ans, dtype=np.intp)


@export("experimental.numpy.sort")
def sort(a, axis=-1, kind="quicksort", order=None):
    if kind != "quicksort":
        raise ValueError(
            f'Invalid value for argument `kind`. Only kind="quicksort" is supported. Received: '
            f'kind={kind}'
        )
    if order is not None:
        raise ValueError("The `order` argument is not supported. Pass order=None")
    a = np_array_ops.array(a)
    if axis is None:
        return tf.sort(tf.reshape(a, [-1]), 0)
    else:
        return tf.sort(a, axis)


def _argminmax(fn, a, axis=None):
    a = np_array_ops.array(a)
    if axis is None:
        a_t = tf.reshape(a, [-1])
    else:
        a_t = np_array_ops.atleast_1d(a)
    return fn(input=a_t, axis=axis)


@export("experimental.numpy.argmax")
def argmax(a, axis=None):
    return _argminmax(tf.math.argmax, a, axis)


@export("experimental.numpy.argmin")
def argmin(a, axis=None):
    return _argminmax(tf.math.argmin, a, axis)


@export("experimental.numpy.append")
def append(arr, values, axis=None):
    if axis is None:
        return concatenate([np_array_ops.ravel(arr), np_array_ops.ravel(values)], 0)
    else:
        return concatenate([arr, values], axis=axis)


@export("experimental.numpy.average")
def average(a, axis=None, weights=None, returned=False):
    if axis is not None and (not isinstance(axis, int)):
        raise ValueError(
            f"Argument `axis` must be an integer. Received axis={axis} (of type {type(axis)})"
        )
    a = np_array_ops.array(a)
    default_float_type = np_utils.result_type(float)
    if weights is None:
        if not np.issubdtype(a.dtype.as_numpy_dtype, np.inexact):
            a = a.astype(np_utils.result_type(a.dtype, default_float_type))
        avg = tf.math.reduce_mean(a, axis=axis)
        if returned:
            if axis is None:
                weights_sum = tf.size(a)
            else:
                weights_sum = tf.shape(a)[axis]
            weights_sum = tf.cast(weights_sum, a.dtype)
    else:
        if np.issubdtype(a.dtype.as_numpy_dtype, np.inexact):
            out_dtype = np_utils.result_type(a.dtype, weights)
        else:
            out_dtype = np_utils.result_type(a.dtype, weights, default_float_type)
        a = np_array_ops.array(a, out_dtype)
        weights = np_array_ops.array(weights, out_dtype)

        def rank_equal_case():
            tf.debugging.Assert(
                tf.math.reduce_all(tf.shape(a) == tf.shape(weights)),
                [tf.shape(a), tf.shape(weights)],
            )
            weights_sum = tf.math.reduce_sum(weights, axis=axis)
            avg = tf.math.reduce_sum(a * weights, axis=axis) / weights_sum
            return (avg, weights_sum)

        if axis is None:
            avg, weights_sum = rank_equal_case()
        else:

            def rank_not_equal_case():
                tf.debugging.Assert(tf.rank(weights) == 1, [tf.rank(weights)])
                weights_sum = tf.math.reduce_sum(weights)
                axes = tf.convert_to_tensor([[axis], [0]])
                avg = tf.tensordot(a, weights, axes) / weights_sum
                return (avg, weights_sum)

            avg, weights_sum = np_utils.cond(
                tf.math.equal(tf.rank(a), tf.rank(weights)), rank_equal_case, rank_not_equal_case
            )
    avg = np_array_ops.array(avg)
    if returned:
        weights_sum = np_array_ops.broadcast_to(weights_sum, tf.shape(avg))
        return (avg, weights_sum)
    return avg


@export("experimental.numpy.trace")
def trace(a, offset=0, axis1=0, axis2=1, dtype=None):
    if dtype:
        dtype = np_utils.result_type(dtype)
    a = np_array_ops.asarray(a, dtype)
    if offset == 0:
        a_shape = a.shape
        if a_shape.rank is not None:
            rank = len(a_shape)
            if (axis1 == -2 or axis1 == rank - 2) and (axis2 == -1 or axis2 == rank - 1):
                return tf.linalg.trace(a)
    a = np_index_ops.diagonal(a, offset, axis1, axis2)
    return np_array_ops.sum(a, -1, dtype)


@export("experimental.numpy.meshgrid")
def meshgrid(*xi, **kwargs):
    sparse = kwargs.get("sparse", False)
    if sparse:
        raise ValueError(
            f"Function `meshgrid` does not support returning sparse arrays yet. Received: "
            f"sparse={sparse}"
        )
    copy = kwargs.get("copy", True)
    if not copy:
        raise ValueError(f"Function `meshgrid` only supports copy=True. Received: copy={copy}")
    indexing = kwargs.get("indexing", "xy")
    xi = [np_array_ops.asarray(arg) for arg in xi]
    kwargs = {"indexing": indexing}
    outputs = tf.meshgrid(*xi, **kwargs)
    return outputs


@export("experimental.numpy.einsum")
def einsum(subscripts, *operands, **kwargs):
    casting = kwargs.get("casting", "safe")
    optimize = kwargs.get("optimize", False)
    if casting == "safe":
        operands = np_array_ops._promote_dtype(*operands)
    elif casting == "no":
        operands = [np_array_ops.asarray(x) for x in operands]
    else:
        raise ValueError(
            f'Invalid value for argument `casting`. Expected casting="safe" or casting="no". '
            f'Received: casting={casting}'
        )
    if not optimize:
        tf_optimize = "greedy"
    elif optimize is True:
        tf_optimize = "greedy"
    elif optimize == "greedy":
        tf_optimize = "greedy"
    elif optimize == "optimal":
        tf_optimize = "optimal"
    else:
        raise ValueError(
            f'Invalid value for argument `optimize`. Expected one of {{True, "greedy", '
            f'"optimal"}}. Received: optimize={optimize}'
        )
    res = tf.einsum(subscripts, *operands, optimize=tf_optimize)
    return res
