"""tf.ragged.segment_ids_to_row_splits / row_splits_to_segment_ids (TF's
ragged/segment_id_ops.py)."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor
from .ragged_tensor import _concrete


def _out_type(out_type, *candidates):
    if out_type is not None:
        return dtypes.as_dtype(out_type)
    for c in candidates:
        if isinstance(c, Tensor):
            return c.dtype
    return dtypes.int64


@_api.export("ragged.segment_ids_to_row_splits")
def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """Row splits for sorted segment ids: row i holds the values whose id is i."""
    out_type = _out_type(out_type, segment_ids, num_segments)
    ids = _concrete(convert_to_tensor(segment_ids, out_type))
    if ids.ndim != 1:
        raise ValueError("Shape %s must have rank 1" % (ids.shape,))
    n = None if num_segments is None else int(_concrete(convert_to_tensor(num_segments,
                                                                          out_type)))
    counts = np.bincount(ids, minlength=n or 0) if ids.size else np.zeros(n or 0, np.int64)
    if n is not None:
        counts = counts[:n]
    splits = np.concatenate([[0], np.cumsum(counts)]).astype(out_type.as_numpy_dtype)
    return convert_to_tensor(splits)


@_api.export("ragged.row_splits_to_segment_ids")
def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """Segment ids for row splits: value j's row."""
    out_type = _out_type(out_type, splits)
    s = _concrete(convert_to_tensor(splits, out_type))
    if s.ndim != 1:
        raise ValueError("Shape %s must have rank 1" % (s.shape,))
    ids = np.repeat(np.arange(len(s) - 1), np.diff(s)).astype(out_type.as_numpy_dtype)
    return convert_to_tensor(ids)
