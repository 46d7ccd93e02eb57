"""tf.ragged.range and tf.math.cumsum on RaggedTensors (TF's ragged/ragged_math_ops.py)."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes
from .._core.convert import convert_to_tensor
from .._ops import math_ops, scan_ops
from .._ops.gather_scatter_ops import gather, gather_nd
from .ragged_array_ops import _bind
from .ragged_dispatch import _register
from .ragged_tensor import RaggedTensor, _concrete
from .ragged_util import get_positive_axis


@_api.export("ragged.range")
def range(starts, limits=None, deltas=1, dtype=None, name=None,  # noqa: A001
          row_splits_dtype=dtypes.int64):
    """tf.ragged.range: row i is tf.range(starts[i], limits[i], deltas[i])."""
    if limits is None:
        starts, limits = 0, starts
    args = [convert_to_tensor(a) if dtype is None else convert_to_tensor(a, dtype)
            for a in (starts, limits, deltas)]
    if dtype is None:
        order = (dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64)
        dtype = max((a.dtype for a in args), key=order.index)
    args = [math_ops.cast(a, dtype).numpy() for a in args]
    s, lim, d = np.broadcast_arrays(*[np.atleast_1d(a) for a in args])
    rows = [np.arange(a, b, c, dtype=dtypes.as_dtype(dtype).as_numpy_dtype)
            for a, b, c in zip(s, lim, d)]
    lengths = np.asarray([len(r) for r in rows], dtypes.as_dtype(row_splits_dtype)
                         .as_numpy_dtype)
    values = np.concatenate(rows) if rows else np.zeros(0, dtypes.as_dtype(dtype).as_numpy_dtype)
    return RaggedTensor.from_row_lengths(convert_to_tensor(values), lengths, validate=False)


# -- cumsum ---------------------------------------------------------------------------------------

def _cumsum_at_ragged_rank(rt, flat_values, exclusive, reverse):
    """Cumulative sums within the innermost ragged rows: one cumsum of all flat values, less
    each row's value at its first (last, reversed) position, as TF computes it."""
    if not exclusive:
        return math_ops.add(_cumsum_at_ragged_rank(rt, flat_values, True, reverse), flat_values)
    inner = rt
    while isinstance(inner.values, RaggedTensor):
        inner = inner.values
    rowids = inner.value_rowids()
    if reverse:
        sibling = gather(inner.row_splits, rowids + 1) - 1
    else:
        sibling = gather(inner.row_splits, rowids)
    total = scan_ops.cumsum(flat_values, exclusive=True, reverse=reverse)
    return math_ops.subtract(total, gather(total, sibling))


def _cumsum(fn, args, kwargs):
    bound = _bind(("x", "axis", "exclusive", "reverse", "name"), args, kwargs)
    x = bound["x"]
    axis = bound.get("axis", 0)
    exclusive, reverse = bound.get("exclusive", False), bound.get("reverse", False)
    axis = get_positive_axis(axis, x.shape.rank, ndims_name="rank(x)")
    if axis == x.ragged_rank:
        return x.with_flat_values(_cumsum_at_ragged_rank(x, x.flat_values, exclusive, reverse))
    if axis > x.ragged_rank:
        return x.with_flat_values(scan_ops.cumsum(
            x.flat_values, axis=axis - x.ragged_rank, exclusive=exclusive, reverse=reverse))
    # An outer ragged axis: the sums of the zero-padded tensor, at x's values' positions.
    dense = scan_ops.cumsum(x.to_tensor(), axis, exclusive=exclusive, reverse=reverse)
    return x.with_flat_values(gather_nd(dense, _dense_positions(x)))


def _dense_positions(rt) -> np.ndarray:
    """The coordinates of rt's flat values (rows) in rt.to_tensor()."""
    ids = None
    coords = []
    for splits in reversed([_concrete(s) for s in rt.nested_row_splits]):
        if ids is None:
            ids = np.arange(splits[-1])
        rowids = np.searchsorted(splits, ids, side="right") - 1
        coords.append(ids - splits[rowids])
        ids = rowids
    coords.append(ids)
    return np.stack(coords[::-1], axis=1).astype(np.int64)


_register("math.cumsum", _cumsum)
