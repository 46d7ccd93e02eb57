"""tnp's indexing, diagonal, triangle and flip functions and NumPy-style `__getitem__` (TF's
numpy_ops/np_array_ops.py, split here by size)."""

import builtins
import numbers

import numpy as np

import tfshim as tf

from ..._api import export
from . import np_utils
from .np_array_ops import (
    _promote_dtype,
    asarray,
    moveaxis,
    nonzero,
    ravel,
    swapaxes,
    transpose,
    where,
)


@export("experimental.numpy.diag")
def diag(v, k=0):
    v = asarray(v)
    v_rank = tf.rank(v)
    v.shape.with_rank_at_most(2)
    tf.debugging.Assert(
        np_utils.logical_or(tf.math.equal(v_rank, 1), tf.math.equal(v_rank, 2)), [v_rank]
    )

    def _diag(v, k):
        return np_utils.cond(
            tf.math.equal(tf.size(v), 0),
            lambda: tf.zeros([abs(k), abs(k)], dtype=v.dtype),
            lambda: tf.linalg.diag(v, k=k),
        )

    def _diag_part(v, k):
        v_shape = tf.shape(v)
        v, k = np_utils.cond(
            np_utils.logical_or(
                np_utils.less_equal(k, -1 * np_utils.getitem(v_shape, 0)),
                np_utils.greater_equal(k, np_utils.getitem(v_shape, 1)),
            ),
            lambda: (tf.zeros([0, 0], dtype=v.dtype), 0),
            lambda: (v, k),
        )
        result = tf.linalg.diag_part(v, k=k)
        return result

    result = np_utils.cond(tf.math.equal(v_rank, 1), lambda: _diag(v, k), lambda: _diag_part(v, k))
    return result


@export("experimental.numpy.diagonal")
def diagonal(a, offset=0, axis1=0, axis2=1):
    a = asarray(a)
    maybe_rank = a.shape.rank
    if (
        maybe_rank is not None
        and offset == 0
        and (axis1 == maybe_rank - 2 or axis1 == -2)
        and (axis2 == maybe_rank - 1 or axis2 == -1)
    ):
        return tf.linalg.diag_part(a)
    a = moveaxis(a, (axis1, axis2), (-2, -1))
    a_shape = tf.shape(a)

    def _zeros():
        return (tf.zeros(tf.concat([a_shape[:-1], [0]], 0), dtype=a.dtype), 0)

    a, offset = np_utils.cond(
        np_utils.logical_or(
            np_utils.less_equal(offset, -1 * np_utils.getitem(a_shape, -2)),
            np_utils.greater_equal(offset, np_utils.getitem(a_shape, -1)),
        ),
        _zeros,
        lambda: (a, offset),
    )
    a = tf.linalg.diag_part(a, k=offset)
    return a


@export("experimental.numpy.diagflat")
def diagflat(v, k=0):
    v = asarray(v)
    return diag(tf.reshape(v, [-1]), k)


@export("experimental.numpy.compress")
def compress(condition, a, axis=None):
    condition = asarray(condition, dtype=bool)
    a = asarray(a)
    if condition.ndim != 1:
        raise ValueError("condition must be a 1-d array.")
    if a.ndim == 0:
        a = ravel(a)
    if axis is None:
        a = ravel(a)
        axis = 0
    if axis < 0:
        axis += a.ndim
    assert axis >= 0 and axis < a.ndim
    condition_t = condition
    a_t = a
    if condition.shape[0] < a.shape[axis]:
        padding = tf.fill([a.shape[axis] - condition.shape[0]], False)
        condition_t = tf.concat([condition_t, padding], axis=0)
    return tf.boolean_mask(tensor=a_t, mask=condition_t, axis=axis)


@export("experimental.numpy.take")
def take(a, indices, axis=None, out=None, mode="clip"):
    if out is not None:
        raise ValueError("out argument is not supported in take.")
    if mode not in {"raise", "clip", "wrap"}:
        raise ValueError("Invalid mode '{}' for take".format(mode))
    a = asarray(a)
    indices = asarray(indices)
    if axis is None:
        a = tf.reshape(a, [-1])
        axis = 0
    axis_size = tf.shape(a, out_type=indices.dtype)[axis]
    if mode == "clip":
        indices = tf.clip_by_value(indices, 0, axis_size - 1)
    elif mode == "wrap":
        indices = tf.math.floormod(indices, axis_size)
    else:
        raise ValueError("The 'raise' mode to take is not supported.")
    return tf.gather(a, indices, axis=axis)


@export("experimental.numpy.select")
def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        msg = "condlist must have length equal to choicelist ({} vs {})"
        raise ValueError(msg.format(len(condlist), len(choicelist)))
    if not condlist:
        raise ValueError("condlist must be non-empty")
    choices = _promote_dtype(default, *choicelist)
    choicelist = choices[1:]
    output = choices[0]
    for cond, choice in zip(condlist[::-1], choicelist[::-1]):
        output = where(cond, choice, output)
    return output


@export("experimental.numpy.diag_indices")
def diag_indices(n, ndim=2):
    if n < 0:
        raise ValueError("n argument to diag_indices must be nonnegative, got {}".format(n))
    if ndim < 0:
        raise ValueError("ndim argument to diag_indices must be nonnegative, got {}".format(ndim))
    return (tf.range(n),) * ndim


@export("experimental.numpy.tri")
def tri(N, M=None, k=0, dtype=None):
    M = M if M is not None else N
    if dtype is not None:
        dtype = np_utils.result_type(dtype)
    else:
        dtype = np_utils.result_type(float)
    if k < 0:
        lower = -k - 1
        if lower > N:
            r = tf.zeros([N, M], dtype)
        else:
            o = tf.ones([N, M], dtype=tf.bool)
            r = tf.cast(tf.math.logical_not(tf.linalg.band_part(o, lower, -1)), dtype)
    else:
        o = tf.ones([N, M], dtype)
        if k > M:
            r = o
        else:
            r = tf.linalg.band_part(o, -1, k)
    return r


def _triangle(m, k, name):
    """tril (name "tril") or triu: m with the other triangle zeroed."""
    m = asarray(m)
    if m.shape.ndims is None:
        raise ValueError("Argument to %s should have known rank" % name)
    m_shape = m.shape.as_list()
    if len(m_shape) < 2:
        raise ValueError("Argument to %s must have rank at least 2" % name)
    if m_shape[-1] is None or m_shape[-2] is None:
        raise ValueError("Currently, the last two dimensions of the input array need to be known.")
    z = tf.constant(0, m.dtype)
    if name == "tril":
        mask = tri(*m_shape[-2:], k=k, dtype=bool)
        return tf.where(tf.broadcast_to(mask, tf.shape(m)), m, z)
    mask = tri(*m_shape[-2:], k=k - 1, dtype=bool)
    return tf.where(tf.broadcast_to(mask, tf.shape(m)), z, m)


@export("experimental.numpy.tril")
def tril(m, k=0):
    return _triangle(m, k, "tril")


@export("experimental.numpy.triu")
def triu(m, k=0):
    return _triangle(m, k, "triu")


@export("experimental.numpy.flip")
def flip(m, axis=None):
    m = asarray(m)
    if axis is None:
        return tf.reverse(m, tf.range(tf.rank(m)))
    axis = np_utils._canonicalize_axis(axis, tf.rank(m))
    return tf.reverse(m, [axis])


@export("experimental.numpy.flipud")
def flipud(m):
    return flip(m, 0)


@export("experimental.numpy.fliplr")
def fliplr(m):
    return flip(m, 1)


@export("experimental.numpy.roll")
def roll(a, shift, axis=None):
    a = asarray(a)
    if axis is not None:
        return tf.roll(a, shift, axis)
    original_shape = tf.shape(a)
    a = tf.roll(tf.reshape(a, [-1]), shift, 0)
    return tf.reshape(a, original_shape)


@export("experimental.numpy.rot90")
def rot90(m, k=1, axes=(0, 1)):
    m_rank = tf.rank(m)
    ax1, ax2 = np_utils._canonicalize_axes(axes, m_rank)
    k = k % 4
    if k == 0:
        return m
    elif k == 2:
        return flip(flip(m, ax1), ax2)
    else:
        perm = tf.range(m_rank)
        perm = tf.tensor_scatter_nd_update(perm, [[ax1], [ax2]], [ax2, ax1])
        if k == 1:
            return transpose(flip(m, ax2), perm)
        else:
            return flip(transpose(m, perm), ax2)


@export("experimental.numpy.vander")
def vander(x, N=None, increasing=False):
    x = asarray(x)
    x_shape = tf.shape(x)
    if N is None:
        N = x_shape[0]
    N_temp = np_utils.get_static_value(N)
    if N_temp is not None:
        N = N_temp
        if N < 0:
            raise ValueError("N must be nonnegative")
    else:
        tf.debugging.Assert(N >= 0, [N])
    rank = tf.rank(x)
    rank_temp = np_utils.get_static_value(rank)
    if rank_temp is not None:
        rank = rank_temp
        if rank != 1:
            raise ValueError("x must be a one-dimensional array")
    else:
        tf.debugging.Assert(tf.math.equal(rank, 1), [rank])
    if increasing:
        start = 0
        limit = N
        delta = 1
    else:
        start = N - 1
        limit = -1
        delta = -1
    x = tf.expand_dims(x, -1)
    return tf.math.pow(x, tf.cast(tf.range(start, limit, delta), dtype=x.dtype))


@export("experimental.numpy.ix_")
def ix_(*args):
    n = len(args)
    output = []
    for i, a in enumerate(args):
        a = asarray(a)
        a_rank = tf.rank(a)
        a_rank_temp = np_utils.get_static_value(a_rank)
        if a_rank_temp is not None:
            a_rank = a_rank_temp
            if a_rank != 1:
                raise ValueError("Arguments must be 1-d, got arg {} of rank {}".format(i, a_rank))
        else:
            tf.debugging.Assert(tf.math.equal(a_rank, 1), [a_rank])
        new_shape = [1] * n
        new_shape[i] = -1
        dtype = a.dtype
        if dtype == tf.bool:
            output.append(tf.reshape(nonzero(a)[0], new_shape))
        elif dtype.is_integer:
            output.append(tf.reshape(a, new_shape))
        else:
            raise ValueError("Only integer and bool dtypes are supported, got {}".format(dtype))
    return output


@export("experimental.numpy.take_along_axis")
def take_along_axis(arr, indices, axis):
    arr = asarray(arr)
    indices = asarray(indices)
    if axis is None:
        return take_along_axis(arr.ravel(), indices, 0)
    rank = tf.rank(arr)
    axis = axis + rank if axis < 0 else axis
    arr_shape_original = tf.shape(arr, out_type=indices.dtype)
    indices_shape_original = tf.shape(indices, out_type=indices.dtype)
    arr_shape = tf.tensor_scatter_nd_update(arr_shape_original, [[axis]], [1])
    indices_shape = tf.tensor_scatter_nd_update(indices_shape_original, [[axis]], [1])
    broadcasted_shape = np_utils._broadcast_shape(arr_shape, indices_shape)
    arr_shape = tf.tensor_scatter_nd_update(broadcasted_shape, [[axis]], [arr_shape_original[axis]])
    indices_shape = tf.tensor_scatter_nd_update(
        broadcasted_shape, [[axis]], [indices_shape_original[axis]]
    )
    arr = tf.broadcast_to(arr, arr_shape)
    indices = tf.broadcast_to(indices, indices_shape)
    possible_result_shape = indices.shape
    indices = tf.where(indices < 0, indices + arr_shape[axis], indices)
    swapaxes_ = lambda t: swapaxes(t, axis, -1)
    dont_move_axis_to_end = tf.math.equal(axis, np_utils.subtract(rank, 1))
    arr = np_utils.cond(dont_move_axis_to_end, lambda: arr, lambda: swapaxes_(arr))
    indices = np_utils.cond(dont_move_axis_to_end, lambda: indices, lambda: swapaxes_(indices))
    arr_shape = tf.shape(arr)
    arr = tf.reshape(arr, [-1, arr_shape[-1]])
    indices_shape = tf.shape(indices)
    indices = tf.reshape(indices, [-1, indices_shape[-1]])
    result = tf.gather(arr, indices, batch_dims=1)
    result = tf.reshape(result, indices_shape)
    result = np_utils.cond(dont_move_axis_to_end, lambda: result, lambda: swapaxes_(result))
    result.set_shape(possible_result_shape)
    return result


class _Index:
    """`x[key]` as a recorded function of x and the key's index arrays (NumPy's basic and
    advanced indexing, as jax.numpy implements it); the key's static parts are its hash."""

    __slots__ = ("key", "__weakref__")

    def __init__(self, key):
        self.key = key  # ints, ("s", start, stop, step), None, Ellipsis, ("a", k): k-th array

    def __call__(self, x, *arrays):
        key = []
        for k in self.key:
            if isinstance(k, tuple) and k[0] == "s":
                key.append(builtins.slice(*k[1:]))
            elif isinstance(k, tuple):
                key.append(arrays[k[1]])
            else:
                key.append(k)
        return (x[tuple(key)],)

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return type(other) is _Index and other.key == self.key


_SLICE_ERROR = (
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
    "integer or boolean arrays are valid indices"
)


def _static_int(v):
    if v is None or isinstance(v, numbers.Integral):
        return None if v is None else int(v)
    value = np_utils.get_static_value(asarray(v))
    if value is None or np.ndim(value) or not np.issubdtype(np.asarray(value).dtype, np.integer):
        raise IndexError(_SLICE_ERROR + ", got {!r}".format(v))
    return int(value)


def _as_spec_tuple(slice_spec):
    if isinstance(slice_spec, (list, tuple)):
        for s in slice_spec:
            if s is None or s is Ellipsis or isinstance(s, (list, tuple, builtins.slice)):
                return tuple(slice_spec)
            if isinstance(s, (tf.Tensor, np.ndarray)) and s.ndim != 0:
                return tuple(slice_spec)
        if isinstance(slice_spec, tuple):
            return slice_spec
    return (slice_spec,)


def _getitem(self, slice_spec):
    """A tensor's `__getitem__` under NumPy behavior: NumPy's indexing (integer and boolean
    arrays included); a boolean index alone is tf.boolean_mask, as TF."""
    from ..._core.op import apply

    if isinstance(slice_spec, bool) or (
        isinstance(slice_spec, (tf.Tensor, np.ndarray)) and slice_spec.dtype in (tf.bool, np.bool_)
    ):
        return tf.boolean_mask(tensor=self, mask=slice_spec)
    key, arrays = [], []
    for s in _as_spec_tuple(slice_spec):
        if isinstance(s, builtins.slice):
            key.append(("s", _static_int(s.start), _static_int(s.stop), _static_int(s.step)))
        elif s is None or s is Ellipsis or isinstance(s, numbers.Integral):
            key.append(s)
        else:
            data = asarray(s)
            if data.dtype == tf.bool:
                if data.shape.rank != 1:
                    raise NotImplementedError("Need rank 1 for bool index %s" % s)
                data = tf.reshape(tf.where(data), [-1])
            if not data.dtype.is_integer:
                raise IndexError(_SLICE_ERROR + ", got {!r}".format(s))
            static = np_utils.get_static_value(data)
            if data.shape.rank == 0 and static is not None:
                key.append(int(static))
            else:
                key.append(("a", len(arrays)))
                arrays.append(data)
    return apply(_Index(tuple(key)), [self] + arrays)[0]
