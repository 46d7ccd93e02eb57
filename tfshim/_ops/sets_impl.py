"""tf.sets (TF's sets_impl.py and the SetSize / DenseToDenseSetOperation /
DenseToSparseSetOperation / SparseToSparseSetOperation kernels of set_kernels.cc).

The sets are the values along the last dimension of a dense tensor, or the values of a
SparseTensor's entries that share all but their last index. A result's shape depends on the
values, so the kernels run with NumPy on concrete values (strings included, as tf.strings'
ops do); inside tf.function on traced values the function runs eagerly (README: known
deviations). Set ops have no gradient (TF registers none; their values are integers or
strings).
"""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor
from .._core.sparse_tensor import SparseTensor
from .._core.tensor import wrap
from .sparse_ops import _np, _sparse, _validate

_VALID_DTYPES = (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8,
                 dtypes.uint16, dtypes.string)
# TF formats its frozenset of DTypes: this is the order TF 2.21 prints them in.
_VALID_TEXT = "frozenset({tf.int32, tf.uint8, tf.int16, tf.int8, tf.string, tf.int64, tf.uint16})"

_SET_OPS = {
    "intersection": np.intersect1d,
    "union": np.union1d,
    "a-b": np.setdiff1d,
    "b-a": lambda a, b: np.setdiff1d(b, a),
}


def _convert(x, name):
    """TF's convert_to_tensor_or_sparse_tensor."""
    return x if isinstance(x, SparseTensor) else convert_to_tensor(x, name=name)


def _dims(shape) -> str:
    return "[%s]" % ",".join(str(int(d)) for d in shape)


def _dense_sets(op_type, t):
    """A dense tensor's group shape and its sets (one 1-D array per group, row-major)."""
    value = _np(t)
    if value.ndim < 2:
        raise errors.kernel_error(op_type, "Shape %s has rank %d < 2"
                                  % (_dims(value.shape), value.ndim))
    rows = value.reshape(int(np.prod(value.shape[:-1])), value.shape[-1])
    return tuple(value.shape[:-1]), [np.unique(r) for r in rows]


def _rank_check(op_type, sp):
    rank = len(_np(sp.dense_shape))
    if rank < 2:
        raise errors.kernel_error(op_type, "Invalid rank %d." % rank)


def _sparse_sets(op_type, sp, validate_indices):
    """A SparseTensor's group shape and its sets, TF's index checks first."""
    _rank_check(op_type, sp)
    indices, values, shape = _np(sp.indices), _np(sp.values), _np(sp.dense_shape)
    if validate_indices:
        _validate(indices, shape.tolist(), op_type)
    _check_bounds(op_type, indices, shape)
    group_shape = tuple(int(d) for d in shape[:-1])
    n = int(np.prod(group_shape))
    keys = (np.ravel_multi_index(indices[:, :-1].T, group_shape) if len(indices)
            else np.zeros(0, np.int64))
    sets = [np.unique(values[keys == k]) for k in range(n)] if n else []
    return group_shape, sets


def _check_bounds(op_type, indices, shape):
    """TF's InternalError for an index past its dimension (validate_indices=False lets it
    through to here): it names the entry's position in its group's run and the column."""
    bad = np.argwhere(indices >= shape[None, :])
    if not len(bad):
        return
    row, col = (int(v) for v in bad[0])
    run = 0
    while run < row and (indices[row - run - 1, :-1] == indices[row, :-1]).all():
        run += 1
    raise errors.kernel_error(op_type, "indices[%d, %d] expected < %d, got %d."
                              % (run, col, shape[col], indices[row, col]),
                              cls=errors.InternalError)


def _result(group_shape, sets, dtype):
    """The SparseTensor TF's set kernels build: each group's sorted values along the last
    dimension, which is as long as the largest set."""
    width = max((len(s) for s in sets), default=0)
    groups = np.array(list(np.ndindex(*group_shape)), np.int64).reshape(-1, len(group_shape))
    indices = [np.concatenate([np.repeat(g[None], len(s), 0),
                               np.arange(len(s), dtype=np.int64)[:, None]], 1)
               for g, s in zip(groups, sets)]
    indices = (np.concatenate(indices) if indices else
               np.zeros((0, len(group_shape) + 1), np.int64))
    np_dtype = object if dtype is dtypes.string else dtype.as_numpy_dtype
    values = (np.concatenate([np.asarray(s, np_dtype) for s in sets]) if sets
              else np.zeros(0, np_dtype))
    return _sparse(indices, wrap(values.astype(np_dtype)), list(group_shape) + [width])


@_api.export("sets.size")
def set_size(a, validate_indices=True):
    """tf.sets.size."""
    a = _convert(a, "a")
    if not isinstance(a, SparseTensor):
        raise TypeError("Expected `SparseTensor`, got %s." % a)
    if a.values.dtype not in _VALID_DTYPES:
        raise TypeError(f"Invalid dtype `{a.values.dtype}` not in supported dtypes: "
                        f"`{_VALID_TEXT}`.")
    group_shape, sets = _sparse_sets("SetSize", a, validate_indices)
    return wrap(np.array([len(s) for s in sets], np.int32).reshape(group_shape))


def _convert_pair(a, b):
    """TF's _convert_to_tensors_or_sparse_tensors: (a, b, flipped), sparse a moved after a
    dense b (the kernels take Dense,Sparse only)."""
    a = _convert(a, "a")
    if a.dtype not in _VALID_DTYPES:
        raise TypeError(f"'a' has invalid dtype `{a.dtype}` not in supported dtypes: "
                        f"`{_VALID_TEXT}`.")
    b = _convert(b, "b")
    if b.dtype is not a.dtype:
        raise TypeError("Types don't match, %s vs %s." % (a.dtype, b.dtype))
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        return b, a, True
    return a, b, False


def _set_operation(a, b, set_operation, validate_indices):
    if isinstance(a, SparseTensor):
        if not isinstance(b, SparseTensor):
            raise ValueError("Sparse,Dense is not supported, but Dense,Sparse is. Please flip "
                             "the order of your inputs.")
        op_type = "SparseToSparseSetOperation"
        _rank_check(op_type, b)
        shape_a, sets_a = _sparse_sets(op_type, a, validate_indices)
    else:
        op_type = ("DenseToSparseSetOperation" if isinstance(b, SparseTensor)
                   else "DenseToDenseSetOperation")
        shape_a, sets_a = _dense_sets(op_type, a)
    if isinstance(b, SparseTensor):
        _rank_check(op_type, b)
        shape_b, sets_b = _sparse_sets(op_type, b, validate_indices)
    else:
        shape_b, sets_b = _dense_sets(op_type, b)
    if shape_a != shape_b:
        raise errors.kernel_error(op_type, "Mismatched shapes %s vs %s"
                                  % (_dims(shape_a), _dims(shape_b)))
    fn = _SET_OPS[set_operation]
    return _result(shape_a, [fn(x, y) for x, y in zip(sets_a, sets_b)], a.dtype)


@_api.export("sets.intersection")
def set_intersection(a, b, validate_indices=True):
    """tf.sets.intersection."""
    a, b, _ = _convert_pair(a, b)
    return _set_operation(a, b, "intersection", validate_indices)


@_api.export("sets.difference")
def set_difference(a, b, aminusb=True, validate_indices=True):
    """tf.sets.difference."""
    a, b, flipped = _convert_pair(a, b)
    if flipped:
        aminusb = not aminusb
    return _set_operation(a, b, "a-b" if aminusb else "b-a", validate_indices)


@_api.export("sets.union")
def set_union(a, b, validate_indices=True):
    """tf.sets.union."""
    a, b, _ = _convert_pair(a, b)
    return _set_operation(a, b, "union", validate_indices)
