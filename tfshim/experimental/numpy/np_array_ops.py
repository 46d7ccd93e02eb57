"""tnp's array creation and manipulation functions (TF's numpy_ops/np_array_ops.py), over
tfshim's ops with TF's tnp dtype rules."""

import builtins
import math

import numpy as np

import tfshim as tf

from ..._api import export
from ..._core.tensor import EagerTensor
from . import np_arrays, np_dtypes, np_utils

newaxis = export("experimental.numpy.newaxis")(np.newaxis)


@export("experimental.numpy.empty")
def empty(shape, dtype=float):
    return zeros(shape, dtype)


@export("experimental.numpy.empty_like")
def empty_like(a, dtype=None):
    return zeros_like(a, dtype)


@export("experimental.numpy.zeros")
def zeros(shape, dtype=float):
    dtype = np_utils.result_type(dtype) if dtype else np_dtypes.default_float_type()
    return tf.zeros(shape, dtype=dtype)


@export("experimental.numpy.zeros_like")
def zeros_like(a, dtype=None):
    dtype = np_utils.result_type_unary(a, dtype)
    dtype = tf.as_dtype(dtype)
    return tf.zeros_like(a, dtype)


@export("experimental.numpy.ones")
def ones(shape, dtype=float):
    if dtype:
        dtype = np_utils.result_type(dtype)
    return tf.ones(shape, dtype=dtype)


@export("experimental.numpy.ones_like")
def ones_like(a, dtype=None):
    dtype = np_utils.result_type_unary(a, dtype)
    return tf.ones_like(a, dtype)


@export("experimental.numpy.eye")
def eye(N, M=None, k=0, dtype=float):
    if dtype:
        dtype = np_utils.result_type(dtype)
    if not M:
        M = N
    N = int(N)
    M = int(M)
    k = int(k)
    if k >= M or -k >= N:
        return zeros([N, M], dtype=dtype)
    if k == 0:
        return tf.eye(N, M, dtype=dtype)
    diag_len = builtins.min(N, M)
    if k > 0:
        if N >= M:
            diag_len -= k
        elif N + k > M:
            diag_len = M - k
    elif k <= 0:
        if M >= N:
            diag_len += k
        elif M - k > N:
            diag_len = N + k
    diagonal_ = tf.ones([diag_len], dtype=dtype)
    return tf.linalg.diag(diagonal=diagonal_, num_rows=N, num_cols=M, k=k)


@export("experimental.numpy.identity")
def identity(n, dtype=float):
    return eye(N=n, M=n, dtype=dtype)


@export("experimental.numpy.full")
def full(shape, fill_value, dtype=None):
    if not isinstance(shape, tf.Tensor):
        shape = asarray(np_arrays.convert_to_tensor(shape, dtype_hint=np.int32))
    shape = atleast_1d(shape)
    fill_value = asarray(fill_value, dtype=dtype)
    return tf.broadcast_to(fill_value, shape)


@export("experimental.numpy.full_like")
def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None):
    if order != "K":
        raise ValueError("Non-standard orders are not supported.")
    if not subok:
        raise ValueError("subok being False is not supported.")
    if shape:
        raise ValueError("Overriding the shape is not supported.")
    a = asarray(a)
    dtype = dtype or np_utils.result_type(a)
    fill_value = asarray(fill_value, dtype=dtype)
    return tf.broadcast_to(fill_value, tf.shape(a))


def _array_internal(val, dtype=None, copy=True, ndmin=0):
    result_t = val
    if not isinstance(result_t, tf.Tensor):
        dtype = np_utils.result_type_unary(result_t, dtype)
        result_t = np_arrays.convert_to_tensor(result_t, dtype_hint=dtype)
        result_t = tf.cast(result_t, dtype=dtype)
    elif dtype:
        result_t = tf.cast(result_t, dtype)
    if copy:
        result_t = tf.identity(result_t)
    max_ndmin = 32
    if ndmin > max_ndmin:
        raise ValueError(f"ndmin bigger than allowable number of dimensions: {max_ndmin}.")
    if ndmin == 0:
        return result_t
    ndims = tf.rank(result_t)

    def true_fn():
        old_shape = tf.shape(result_t)
        new_shape = tf.concat([tf.ones(ndmin - ndims, tf.int32), old_shape], axis=0)
        return tf.reshape(result_t, new_shape)

    result_t = np_utils.cond(np_utils.greater(ndmin, ndims), true_fn, lambda: result_t)
    return result_t


@export("experimental.numpy.array")
def array(val, dtype=None, copy=True, ndmin=0):
    if dtype:
        dtype = np_utils.result_type(dtype)
    return _array_internal(val, dtype, copy, ndmin)


@export("experimental.numpy.asarray")
def asarray(a, dtype=None):
    if dtype:
        dtype = np_utils.result_type(dtype)
    if isinstance(a, tf.Tensor) and (not dtype or dtype == a.dtype.as_numpy_dtype):
        return a
    return array(a, dtype, copy=False)


@export("experimental.numpy.asanyarray")
def asanyarray(a, dtype=None):
    return asarray(a, dtype)


@export("experimental.numpy.ascontiguousarray")
def ascontiguousarray(a, dtype=None):
    return array(a, dtype, ndmin=1)


@export("experimental.numpy.arange")
def arange(start, stop=None, step=1, dtype=None):
    if not step:
        raise ValueError("step must be non-zero.")
    if dtype:
        dtype = np_utils.result_type(dtype)
    elif stop is None:
        dtype = np_utils.result_type(start, step)
    else:
        dtype = np_utils.result_type(start, step, stop)
    if step > 0 and (stop is not None and start > stop or (stop is None and start < 0)):
        return array([], dtype=dtype)
    if step < 0 and (stop is not None and start < stop or (stop is None and start > 0)):
        return array([], dtype=dtype)
    return tf.cast(tf.range(start, limit=stop, delta=step), dtype=dtype)


def _promote_dtype(*arrays):
    dtype = np_utils.result_type(*arrays)

    def _fast_asarray(a):
        if isinstance(a, tf.Tensor) and dtype == a.dtype.as_numpy_dtype:
            return a
        return _array_internal(a, dtype=dtype, copy=False)

    return [_fast_asarray(a) for a in arrays]


def _promote_dtype_binary(t1, t2):
    dtype = np_utils._result_type_binary(t1, t2)
    if not (isinstance(t1, tf.Tensor) and dtype == t1.dtype.as_numpy_dtype):
        t1 = _array_internal(t1, dtype=dtype, copy=False)
    if not (isinstance(t2, tf.Tensor) and dtype == t2.dtype.as_numpy_dtype):
        t2 = _array_internal(t2, dtype=dtype, copy=False)
    return (t1, t2)


@export("experimental.numpy.all")
def all(a, axis=None, keepdims=None):
    a = asarray(a, dtype=bool)
    return tf.math.reduce_all(input_tensor=a, axis=axis, keepdims=keepdims)


@export("experimental.numpy.any")
def any(a, axis=None, keepdims=None):
    a = asarray(a, dtype=bool)
    return tf.math.reduce_any(input_tensor=a, axis=axis, keepdims=keepdims)


@export("experimental.numpy.copy")
def copy(a):
    return array(a, copy=True)


def _maybe_promote_to_int(a):
    if tf.as_dtype(a.dtype).is_integer:
        a_numpy_dtype = a.dtype.as_numpy_dtype
        output_type = np.promote_types(a_numpy_dtype, int)
        if output_type != a_numpy_dtype:
            a = asarray(a, dtype=output_type)
    return a


def _cumulative(tf_fn, a, axis, dtype):
    a = asarray(a, dtype=dtype)
    if dtype is None:
        a = _maybe_promote_to_int(a)
    if axis is None:
        a = ravel(a)
        axis = 0
    elif axis < 0:
        axis += tf.rank(a)
    return tf_fn(a, axis)


@export("experimental.numpy.cumprod")
def cumprod(a, axis=None, dtype=None):
    return _cumulative(tf.math.cumprod, a, axis, dtype)


@export("experimental.numpy.cumsum")
def cumsum(a, axis=None, dtype=None):
    return _cumulative(tf.math.cumsum, a, axis, dtype)


@export("experimental.numpy.imag")
def imag(val):
    val = asarray(val)
    return tf.math.imag(val)


_TO_INT_ = 0
_TO_FLOAT = 1


def _reduce(
    tf_fn,
    a,
    axis=None,
    dtype=None,
    keepdims=None,
    promote_int=_TO_INT_,
    tf_bool_fn=None,
    preserve_bool=False,
):
    if dtype:
        dtype = np_utils.result_type(dtype)
    if keepdims is None:
        keepdims = False
    a = asarray(a, dtype=dtype)
    if (dtype == np.bool_ or (preserve_bool and a.dtype == np.bool_)) and tf_bool_fn is not None:
        return tf_bool_fn(input_tensor=a, axis=axis, keepdims=keepdims)
    if dtype is None:
        dtype = a.dtype.as_numpy_dtype
        if np.issubdtype(dtype, np.integer) or dtype == np.bool_:
            if promote_int == _TO_INT_:
                if dtype == np.bool_:
                    is_signed = True
                    width = 8
                else:
                    is_signed = np.issubdtype(dtype, np.signedinteger)
                    width = np.iinfo(dtype).bits
                if False:
                    if width < np.iinfo(np.int32).bits:
                        if is_signed:
                            dtype = np.int32
                        else:
                            dtype = np.uint32
                elif width < np.iinfo(np.int_).bits:
                    if is_signed:
                        dtype = np.int_
                    else:
                        dtype = np.uint
                a = tf.cast(a, dtype)
            elif promote_int == _TO_FLOAT:
                a = tf.cast(a, np_utils.result_type(float))
    if isinstance(axis, tf.Tensor) and axis.dtype not in (tf.int32, tf.int64):
        axis = tf.cast(axis, tf.int64)
    return tf_fn(input_tensor=a, axis=axis, keepdims=keepdims)


@export("experimental.numpy.size")
def size(x, axis=None):
    if axis is not None:
        raise NotImplementedError(
            "axis argument is not supported in the current `np.size` implementation"
        )
    if isinstance(x, (int, float, np.int32, np.int64, np.float32, np.float64)):
        return 1
    x = asarray(x)
    if x.shape.is_fully_defined():
        return np.prod(x.shape.as_list(), dtype=int)
    else:
        return tf.size(x)


@export("experimental.numpy.sum")
def sum(a, axis=None, dtype=None, keepdims=None):
    return _reduce(
        tf.math.reduce_sum,
        a,
        axis=axis,
        dtype=dtype,
        keepdims=keepdims,
        tf_bool_fn=tf.math.reduce_any,
    )


@export("experimental.numpy.prod")
def prod(a, axis=None, dtype=None, keepdims=None):
    return _reduce(
        tf.math.reduce_prod,
        a,
        axis=axis,
        dtype=dtype,
        keepdims=keepdims,
        tf_bool_fn=tf.math.reduce_all,
    )


@export("experimental.numpy.mean")
def mean(a, axis=None, dtype=None, out=None, keepdims=None):
    if out is not None:
        raise ValueError("Setting out is not supported.")
    return _reduce(
        tf.math.reduce_mean, a, axis=axis, dtype=dtype, keepdims=keepdims, promote_int=_TO_FLOAT
    )


def _extremum(tf_fn, tf_bool_fn, a, axis, out, keepdims):
    if out is not None:
        raise ValueError("Setting out is not supported.")
    return _reduce(tf_fn, a, axis=axis, dtype=None, keepdims=keepdims, promote_int=None,
                   tf_bool_fn=tf_bool_fn, preserve_bool=True)


@export("experimental.numpy.amax")
def amax(a, axis=None, out=None, keepdims=None):
    return _extremum(tf.math.reduce_max, tf.math.reduce_any, a, axis, out, keepdims)


@export("experimental.numpy.amin")
def amin(a, axis=None, out=None, keepdims=None):
    return _extremum(tf.math.reduce_min, tf.math.reduce_all, a, axis, out, keepdims)


@export("experimental.numpy.var")
def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=None):
    if dtype:
        working_dtype = np_utils.result_type(a, dtype)
    else:
        working_dtype = None
    if out is not None:
        raise ValueError("Setting out is not supported.")
    if ddof != 0:

        def reduce_fn(input_tensor, axis, keepdims):
            means = tf.math.reduce_mean(input_tensor, axis=axis, keepdims=True)
            centered = input_tensor - means
            if input_tensor.dtype in (tf.complex64, tf.complex128):
                centered = tf.cast(
                    tf.math.real(centered * tf.math.conj(centered)), input_tensor.dtype
                )
            else:
                centered = tf.math.square(centered)
            squared_deviations = tf.math.reduce_sum(centered, axis=axis, keepdims=keepdims)
            if axis is None:
                n = tf.size(input_tensor)
            else:
                if axis < 0:
                    axis += tf.rank(input_tensor)
                n = tf.math.reduce_prod(tf.gather(tf.shape(input_tensor), axis))
            n = tf.cast(n - ddof, input_tensor.dtype)
            return tf.cast(tf.math.divide(squared_deviations, n), dtype)
    else:
        reduce_fn = tf.math.reduce_variance
    result = _reduce(
        reduce_fn, a, axis=axis, dtype=working_dtype, keepdims=keepdims, promote_int=_TO_FLOAT
    )
    if dtype:
        result = tf.cast(result, dtype)
    return result


@export("experimental.numpy.std")
def std(a, axis=None, keepdims=None):
    return _reduce(
        tf.math.reduce_std, a, axis=axis, dtype=None, keepdims=keepdims, promote_int=_TO_FLOAT
    )


@export("experimental.numpy.ravel")
def ravel(a):
    a = asarray(a)
    return tf.reshape(a, [-1])


@export("experimental.numpy.real")
def real(val):
    val = asarray(val)
    return tf.math.real(val)


@export("experimental.numpy.repeat")
def repeat(a, repeats, axis=None):
    a = asarray(a)
    original_shape = a.shape.as_list()
    known_shape = original_shape is not None and None not in original_shape
    if known_shape:
        if not original_shape:
            original_shape = (repeats,)
        else:
            repeats_np = np.ravel(np.array(repeats))
            if repeats_np.size == 1:
                repeats_np = repeats_np.item()
                if axis is None:
                    original_shape = (repeats_np * np.prod(original_shape),)
                else:
                    original_shape[axis] = repeats_np * original_shape[axis]
            elif axis is None:
                original_shape = (repeats_np.sum(),)
            else:
                original_shape[axis] = repeats_np.sum()
    repeats = asarray(repeats)
    result = tf.repeat(a, repeats, axis)
    if known_shape:
        result.set_shape(original_shape)
    return result


@export("experimental.numpy.around")
def around(a, decimals=0):
    a = asarray(a)
    dtype = a.dtype.as_numpy_dtype
    factor = math.pow(10, decimals)
    if np.issubdtype(dtype, np.inexact):
        factor = tf.cast(factor, dtype)
    else:
        float_dtype = np_utils.result_type(float)
        a = a.astype(float_dtype)
        factor = tf.cast(factor, float_dtype)
    a = tf.math.multiply(a, factor)
    a = tf.math.round(a)
    a = tf.math.divide(a, factor)
    return a.astype(dtype)


EagerTensor.__round__ = around


@export("experimental.numpy.reshape")
def reshape(a, newshape, order="C"):
    if order not in {"C", "F"}:
        raise ValueError("Unsupported order argument {}".format(order))
    a = asarray(a)
    if isinstance(newshape, int):
        newshape = [newshape]
    if order == "F":
        r = tf.transpose(tf.reshape(tf.transpose(a), newshape[::-1]))
    else:
        r = tf.reshape(a, newshape)
    return r


def _reshape_method_wrapper(a, *newshape, **kwargs):
    order = kwargs.pop("order", "C")
    if kwargs:
        raise ValueError("Unsupported arguments: {}".format(kwargs.keys()))
    if len(newshape) == 1 and (not isinstance(newshape[0], int)):
        newshape = newshape[0]
    return reshape(a, newshape, order=order)


@export("experimental.numpy.expand_dims")
def expand_dims(a, axis):
    a = asarray(a)
    return tf.expand_dims(a, axis=axis)


@export("experimental.numpy.squeeze")
def squeeze(a, axis=None):
    a = asarray(a)
    return tf.squeeze(a, axis)


@export("experimental.numpy.flatten")
def flatten(a, order="C"):
    a = asarray(a)
    if order == "C" or order == "A" or order == "K":
        return tf.reshape(a, [-1])
    elif order == "F":
        return tf.reshape(tf.transpose(a), [-1])
    else:
        raise ValueError("order can only be C, A, K (all row major) or F (column major).")


@export("experimental.numpy.transpose")
def transpose(a, axes=None):
    a = asarray(a)
    if axes is not None:
        axes = asarray(axes)
    return tf.transpose(a=a, perm=axes)


@export("experimental.numpy.swapaxes")
def swapaxes(a, axis1, axis2):
    a = asarray(a)

    def adjust_axes(axes, rank):

        def f(x):
            if isinstance(x, int):
                if x < 0:
                    x = x + rank
            else:
                x = tf.where(x < 0, np_utils.add(x, a_rank), x)
            return x

        return tf.nest.map_structure(f, axes)

    if a.shape.rank is not None and isinstance(axis1, int) and isinstance(axis2, int):
        a_rank = a.shape.rank
        axis1, axis2 = adjust_axes((axis1, axis2), a_rank)
        perm = list(range(a_rank))
        perm[axis1] = axis2
        perm[axis2] = axis1
    else:
        a_rank = tf.rank(a)
        axis1, axis2 = adjust_axes((axis1, axis2), a_rank)
        perm = tf.range(a_rank)
        perm = tf.tensor_scatter_nd_update(perm, [[axis1], [axis2]], [axis2, axis1])
    a = tf.transpose(a, perm)
    return a


@export("experimental.numpy.moveaxis")
def moveaxis(a, source, destination):
    if not source and (not destination):
        return a
    a = asarray(a)
    if isinstance(source, int):
        source = (source,)
    if isinstance(destination, int):
        destination = (destination,)
    if len(source) != len(destination):
        raise ValueError("The lengths of source and destination must equal")
    a_rank = np_utils._maybe_static(tf.rank(a))

    def _correct_axis(axis, rank):
        if axis < 0:
            return axis + rank
        return axis

    source = tuple((_correct_axis(axis, a_rank) for axis in source))
    destination = tuple((_correct_axis(axis, a_rank) for axis in destination))
    if a.shape.rank is not None:
        perm = [i for i in range(a_rank) if i not in source]
        for dest, src in sorted(zip(destination, source)):
            assert dest <= len(perm)
            perm.insert(dest, src)
    else:
        r = tf.range(a_rank)

        def _remove_indices(a, b):
            items = tf.unstack(tf.sort(tf.stack(b)), num=len(b))
            i = 0
            result = []
            for item in items:
                result.append(a[i:item])
                i = item + 1
            result.append(a[i:])
            return tf.concat(result, 0)

        minus_sources = _remove_indices(r, source)
        minus_dest = _remove_indices(r, destination)
        perm = tf.scatter_nd(tf.expand_dims(minus_dest, 1), minus_sources, [a_rank])
        perm = tf.tensor_scatter_nd_update(perm, tf.expand_dims(destination, 1), source)
    a = tf.transpose(a, perm)
    return a


@export("experimental.numpy.pad")
def pad(array, pad_width, mode, **kwargs):
    constant_values = kwargs.get("constant_values", 0)
    if not (mode == "constant" or mode == "reflect" or mode == "symmetric"):
        raise ValueError("Unsupported padding mode: " + mode)
    mode = mode.upper()
    array = asarray(array)
    pad_width = asarray(pad_width, dtype=tf.int32)
    return tf.pad(tensor=array, paddings=pad_width, mode=mode, constant_values=constant_values)


@export("experimental.numpy.where")
def where(condition, x=None, y=None):
    condition = asarray(condition, dtype=np.bool_)
    if x is None and y is None:
        return nonzero(condition)
    elif x is not None and y is not None:
        x, y = _promote_dtype(x, y)
        return tf.where(condition, x, y)
    raise ValueError("Both x and y must be ndarrays, or both must be None.")


@export("experimental.numpy.shape")
def shape(a):
    a = asarray(a)
    return a.shape


@export("experimental.numpy.ndim")
def ndim(a):
    a = asarray(a)
    return a.ndim


@export("experimental.numpy.isscalar")
def isscalar(num):
    return ndim(num) == 0


def _boundaries_to_sizes(a, boundaries, axis):
    if axis >= len(a.shape):
        raise ValueError("axis %s is out of bound for shape %s" % (axis, a.shape))
    total_size = a.shape[axis]
    sizes = []
    sizes_sum = 0
    prev = 0
    for i, b in enumerate(boundaries):
        size = b - prev
        if size < 0:
            raise ValueError(
                "The %s-th boundary %s is smaller than the previous boundary %s" % (i, b, prev)
            )
        size = builtins.min(size, builtins.max(0, total_size - sizes_sum))
        sizes.append(size)
        sizes_sum += size
        prev = b
    sizes.append(builtins.max(0, total_size - sizes_sum))
    return sizes


@export("experimental.numpy.split")
def split(ary, indices_or_sections, axis=0):
    ary = asarray(ary)
    if not isinstance(indices_or_sections, int):
        indices_or_sections = _boundaries_to_sizes(ary, indices_or_sections, axis)
    return tf.split(ary, indices_or_sections, axis=axis)


def _split_on_axis(np_fun_name, axis):

    def f(ary, indices_or_sections):
        new_axis = np_utils.cond(
            tf.math.equal(axis, 1),
            lambda: np_utils.cond(tf.math.equal(tf.rank(ary), 1), lambda: 0, lambda: axis),
            lambda: axis,
        )
        if isinstance(indices_or_sections, int):
            ary_shape = ary.shape[new_axis]
            if ary_shape is not None and ary_shape % indices_or_sections:
                raise ValueError("array split does not result in an equal division")
        return split(ary, indices_or_sections, axis=new_axis)

    return f


vsplit = export("experimental.numpy.vsplit")(_split_on_axis("vsplit", axis=0))
hsplit = export("experimental.numpy.hsplit")(_split_on_axis("hsplit", axis=1))
dsplit = export("experimental.numpy.dsplit")(_split_on_axis("dsplit", axis=2))


@export("experimental.numpy.broadcast_to")
def broadcast_to(array, shape):
    return full(shape, array)


@export("experimental.numpy.stack")
def stack(arrays, axis=0):
    if isinstance(arrays, (tf.Tensor, tf.Tensor)):
        arrays = asarray(arrays)
        if axis == 0:
            return arrays
        else:
            return swapaxes(arrays, 0, axis)
    arrays = _promote_dtype(*arrays)
    unwrapped_arrays = [a if isinstance(a, tf.Tensor) else a for a in arrays]
    return asarray(tf.stack(unwrapped_arrays, axis))


@export("experimental.numpy.hstack")
def hstack(tup):
    arrays = [atleast_1d(a) for a in tup]
    arrays = _promote_dtype(*arrays)
    unwrapped_arrays = [a if isinstance(a, tf.Tensor) else a for a in arrays]
    rank = tf.rank(unwrapped_arrays[0])
    return np_utils.cond(
        tf.math.equal(rank, 1),
        lambda: tf.concat(unwrapped_arrays, axis=0),
        lambda: tf.concat(unwrapped_arrays, axis=1),
    )


@export("experimental.numpy.vstack")
def vstack(tup):
    arrays = [atleast_2d(a) for a in tup]
    arrays = _promote_dtype(*arrays)
    unwrapped_arrays = [a if isinstance(a, tf.Tensor) else a for a in arrays]
    return tf.concat(unwrapped_arrays, axis=0)


@export("experimental.numpy.dstack")
def dstack(tup):
    arrays = [atleast_3d(a) for a in tup]
    arrays = _promote_dtype(*arrays)
    unwrapped_arrays = [a if isinstance(a, tf.Tensor) else a for a in arrays]
    return tf.concat(unwrapped_arrays, axis=2)


def _pad_left_to(n, old_shape):
    old_shape = asarray(old_shape, dtype=np.int32)
    new_shape = tf.pad(
        old_shape, [[tf.math.maximum(n - tf.size(old_shape), 0), 0]], constant_values=1
    )
    return asarray(new_shape)


def _atleast_nd(n, new_shape, *arys):

    def f(x):
        x = asarray(x)
        return asarray(
            np_utils.cond(
                np_utils.greater(n, tf.rank(x)),
                lambda: reshape(x, new_shape(n, tf.shape(x))),
                lambda: x,
            )
        )

    arys = list(map(f, arys))
    if len(arys) == 1:
        return arys[0]
    else:
        return arys


@export("experimental.numpy.atleast_1d")
def atleast_1d(*arys):
    return _atleast_nd(1, _pad_left_to, *arys)


@export("experimental.numpy.atleast_2d")
def atleast_2d(*arys):
    return _atleast_nd(2, _pad_left_to, *arys)


@export("experimental.numpy.atleast_3d")
def atleast_3d(*arys):

    def new_shape(_, old_shape):
        ndim_ = tf.size(old_shape)
        return np_utils.cond(
            tf.math.equal(ndim_, 0),
            lambda: tf.constant([1, 1, 1], dtype=tf.int32),
            lambda: np_utils.cond(
                tf.math.equal(ndim_, 1),
                lambda: tf.pad(old_shape, [[1, 1]], constant_values=1),
                lambda: tf.pad(old_shape, [[0, 1]], constant_values=1),
            ),
        )

    return _atleast_nd(3, new_shape, *arys)


@export("experimental.numpy.nonzero")
def nonzero(a):
    a = atleast_1d(a)
    if a.shape.rank is None:
        raise ValueError(
            "The rank of `a` is unknown, so we can't decide how many arrays to return."
        )
    return tf.unstack(tf.where(tf.cast(a, tf.bool)), a.shape.rank, axis=1)


@export("experimental.numpy.broadcast_arrays")
def broadcast_arrays(*args, **kwargs):
    subok = kwargs.pop("subok", False)
    if subok:
        raise ValueError("subok=True is not supported.")
    if kwargs:
        raise ValueError("Received unsupported arguments {}".format(kwargs.keys()))
    args = [asarray(arg) for arg in args]
    return np_utils.tf_broadcast(*args)


@export("experimental.numpy.sign")
def sign(x, out=None, where=None, **kwargs):
    if out:
        raise ValueError("tf.numpy doesnt support setting out.")
    if where:
        raise ValueError("tf.numpy doesnt support setting where.")
    if kwargs:
        raise ValueError("tf.numpy doesnt support setting {}".format(kwargs.keys()))
    x = asarray(x)
    if np.lib.NumpyVersion(np.__version__) >= "2.0.0.dev0":
        return tf.math.sign(x)
    dtype = x.dtype.as_numpy_dtype
    if np.issubdtype(dtype, np.complexfloating):
        result = tf.cast(tf.math.sign(tf.math.real(x)), dtype)
    else:
        result = tf.math.sign(x)
    return result


@export("experimental.numpy.max")
def max(a, axis=None, keepdims=None):
    return amax(a, axis=axis, keepdims=keepdims)


@export("experimental.numpy.min")
def min(a, axis=None, keepdims=None):
    return amin(a, axis=axis, keepdims=keepdims)


@export("experimental.numpy.round")
def round(a, decimals=0):
    return around(a, decimals=decimals)


# -- NumPy-style indexing (TF's _getitem / _slice_helper) ----------------------------------------
