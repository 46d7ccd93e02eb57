"""RaggedTensor.__getitem__ (TF's ragged/ragged_getitem.py): rows by index or slice, then the
inner dimensions of each row."""

from __future__ import annotations

import numpy as np

from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor
from .._ops.gather_scatter_ops import gather
from .ragged_tensor import RaggedTensor, _concrete


def _int(k):
    if isinstance(k, Tensor):
        return int(k.numpy())
    return int(k)


def ragged_tensor_getitem(rt, key):
    """rt[key]: ints, slices and Ellipsis-free keys, as TF's."""
    if not isinstance(key, tuple):
        key = (key,)
    if not key:
        return rt
    return _getitem(rt, list(key))


def _getitem(rt, keys):
    first, rest = keys[0], keys[1:]
    splits = _concrete(rt.row_splits)
    nrows = len(splits) - 1
    if isinstance(first, slice):
        rows = range(nrows)[first]
        if first.step not in (None, 1):  # rows picked with a step: gathered
            from .ragged_util import from_tree, to_tree

            tree = to_tree(rt)
            sub = from_tree([tree[i] for i in rows], rt.ragged_rank, rt.flat_values,
                            rt.row_splits.dtype)
        else:
            lo, hi = rows.start, max(rows.start, rows.stop)
            sub = _row_slice(rt, splits, lo, hi)
        if not rest:
            return sub
        return _inner(sub, rest)
    index = _int(first)
    if not -nrows <= index < nrows:
        raise IndexError("Row key {} out of bounds".format(index))
    index %= nrows
    values = rt.values
    row = _take_range(values, int(splits[index]), int(splits[index + 1]))
    if not rest:
        return row
    if isinstance(row, RaggedTensor):
        return _getitem(row, rest)
    return row[tuple(rest)]


def _take_range(values, lo, hi):
    if isinstance(values, RaggedTensor):
        s = _concrete(values.row_splits)
        return RaggedTensor._from_splits(_take_range(values.values, int(s[lo]), int(s[hi])),
                                         convert_to_tensor(s[lo:hi + 1] - s[lo]))
    return values[lo:hi]


def _row_slice(rt, splits, lo, hi):
    new_splits = splits[lo:hi + 1] - splits[lo]
    if len(new_splits) == 0:
        new_splits = np.zeros(1, splits.dtype)
    values = _take_range(rt.values, int(splits[lo]), int(splits[lo] + new_splits[-1]))
    return RaggedTensor._from_splits(values, convert_to_tensor(new_splits.astype(np.int64)))


def _inner(rt, keys):
    """Keys for the dimensions inside each row: a slice of the ragged dimension."""
    k = keys[0]
    if not isinstance(k, slice):
        raise ValueError("Cannot index into an inner ragged dimension.")
    if k.step not in (None, 1):
        raise ValueError("Slicing a RaggedTensor with a step is not supported")
    splits = _concrete(rt.row_splits)
    take, new_lengths = [], []
    for i in range(len(splits) - 1):
        idx = range(int(splits[i]), int(splits[i + 1]))[k]
        take.extend(idx)
        new_lengths.append(len(idx))
    values = gather_rows(rt.values, np.asarray(take, np.int64))
    if keys[1:]:
        if isinstance(values, RaggedTensor):
            values = _inner(values, keys[1:])
        else:
            values = values[(slice(None),) + tuple(keys[1:])]
    return RaggedTensor.from_row_lengths(values, np.asarray(new_lengths, np.int64),
                                         validate=False)


def gather_rows(values, index):
    """The rows of values (a tensor or a RaggedTensor) at the indices index (NumPy)."""
    if not isinstance(values, RaggedTensor):
        return gather(values, index)
    splits = _concrete(values.row_splits)
    lengths = (splits[index + 1] - splits[index]).astype(np.int64)
    inner = (np.concatenate([np.arange(splits[i], splits[i + 1]) for i in index])
             if len(index) else np.zeros(0, np.int64))
    return RaggedTensor.from_row_lengths(gather_rows(values.values, inner.astype(np.int64)),
                                         lengths, validate=False)
