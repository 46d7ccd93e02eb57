"""tf.ragged.range (TF's ragged/ragged_math_ops.py)."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes
from .._core.convert import convert_to_tensor
from .._ops import math_ops
from .ragged_tensor import RaggedTensor


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
