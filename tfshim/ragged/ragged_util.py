"""Row-structure helpers for ragged ops (TF's ragged/ragged_util.py).

Eagerly a RaggedTensor's row partitions are concrete, so structural ops (concat, stack, gather,
expand_dims, squeeze, where) work on its *index tree*: nested Python lists, one level per
ragged dimension, whose leaves index the first dimension of its flat values. An op rearranges
trees; `from_tree` gathers the flat values at the leaves (a recorded op, so gradients reach
flat_values) and rebuilds the row lengths.
"""

from __future__ import annotations

import numpy as np

from .._core.convert import convert_to_tensor
from .._ops import array_ops
from .._ops.gather_scatter_ops import gather
from .ragged_tensor import RaggedTensor, _concrete


def to_tree(rt, offset=0):
    """rt's index tree (ragged_rank + 1 list levels; leaves offset by `offset`)."""
    level = np.arange(int(rt.flat_values.shape[0]), dtype=np.int64) + offset
    for splits in reversed(rt.nested_row_splits):
        s = _concrete(splits)
        level = [level[s[i]:s[i + 1]] for i in range(len(s) - 1)]
    return list(level)


def from_tree(tree, ragged_rank, flat_values, row_splits_dtype=None):
    """The RaggedTensor of ragged_rank whose index tree is `tree`, over flat_values."""
    lengths = []
    level = list(tree)
    for _ in range(ragged_rank):
        lengths.append(np.asarray([len(x) for x in level], np.int64))
        level = [y for x in level for y in x]
    leaves = np.asarray(level, np.int64).reshape(-1)
    out = RaggedTensor.from_nested_row_lengths(gather(flat_values, leaves), lengths,
                                               validate=False)
    if row_splits_dtype is not None:
        out = out.with_row_splits_dtype(row_splits_dtype)
    return out


def as_ragged(value, ragged_rank):
    """value as a RaggedTensor of at least ragged_rank (a dense tensor's leading dimensions
    become uniform row partitions)."""
    if isinstance(value, RaggedTensor):
        return value
    t = convert_to_tensor(value)
    shape = t.shape.as_list()
    if len(shape) < ragged_rank + 1:
        raise ValueError("tfshim: a tensor of rank %d where a RaggedTensor of ragged_rank %d "
                         "is needed" % (len(shape), ragged_rank))
    flat = array_ops.reshape(t, [-1] + shape[ragged_rank + 1:])
    lengths = [np.full(int(np.prod(shape[:k + 1])), shape[k + 1], np.int64)
               for k in range(ragged_rank)]
    return RaggedTensor.from_nested_row_lengths(flat, lengths, validate=False)


def combine(values, ragged_rank=None):
    """RaggedTensors (or tensors) of one ragged_rank: their flat values concatenated and each
    one's index tree into them."""
    rank = max([v.ragged_rank for v in values if isinstance(v, RaggedTensor)], default=0)
    if ragged_rank is not None:
        rank = max(rank, ragged_rank)
    rts = [as_ragged(v, rank) if rank else v for v in values]
    if rank == 0:  # all dense: their rows as leaves
        flat = array_ops.concat([convert_to_tensor(v) for v in rts], 0)
        sizes = [int(convert_to_tensor(v).shape[0]) for v in rts]
    else:
        if any(rt.ragged_rank != rank for rt in rts):
            rts = [_deepen(rt, rank) for rt in rts]
        flat = array_ops.concat([rt.flat_values for rt in rts], 0)
        sizes = [int(rt.flat_values.shape[0]) for rt in rts]
    offsets = np.cumsum([0] + sizes[:-1])
    if rank == 0:
        trees = [list(np.arange(n, dtype=np.int64) + o) for n, o in zip(sizes, offsets)]
    else:
        trees = [to_tree(rt, o) for rt, o in zip(rts, offsets)]
    return trees, rank, flat


def _deepen(rt, rank):
    """rt with its flat values' leading uniform dimensions made ragged, to ragged_rank."""
    extra = rank - rt.ragged_rank
    inner = as_ragged(rt.flat_values, extra)
    return RaggedTensor.from_nested_row_splits(inner.flat_values,
                                               list(rt.nested_row_splits)
                                               + list(inner.nested_row_splits),
                                               validate=False)


def splits_dtype(values):
    for v in values:
        if isinstance(v, RaggedTensor):
            return v.row_splits.dtype
    return None


def get_positive_axis(axis, ndims, axis_name="axis", ndims_name="ndims"):
    """TF's array_ops.get_positive_axis: axis in [0, ndims), with TF's errors."""
    if not isinstance(axis, int):
        raise TypeError("%s must be an int; got %s" % (axis_name, type(axis).__name__))
    if ndims is not None:
        if 0 <= axis < ndims:
            return axis
        if -ndims <= axis < 0:
            return axis + ndims
        raise ValueError("%s=%s out of bounds: expected %s<=%s<%s"
                         % (axis_name, axis, -ndims, axis_name, ndims))
    if axis < 0:
        raise ValueError("%s=%s may only be negative if %s is statically known."
                         % (axis_name, axis, ndims_name))
    return axis
