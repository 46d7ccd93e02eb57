"""tf.ragged.constant (TF's ragged/ragged_factory_ops.py)."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes
from .._core.convert import convert_to_tensor
from .ragged_tensor import RaggedTensor


def _depth(x) -> int | None:
    """The nesting depth of scalars in x (None for an empty list), checked to be uniform."""
    if not isinstance(x, (list, tuple, np.ndarray)):
        return 0
    depths = {d for d in (_depth(v) for v in x) if d is not None}
    if len(depths) > 1:
        raise ValueError("all scalar values must have the same nesting depth")
    return None if not depths else depths.pop() + 1


def _max_list_depth(x) -> int:
    if not isinstance(x, (list, tuple)):
        return 0
    return 1 + max((_max_list_depth(v) for v in x), default=0)


@_api.export("ragged.constant")
def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None,
             row_splits_dtype=dtypes.int64):
    """tf.ragged.constant: a RaggedTensor from a nested Python list."""
    depth = _depth(pylist)
    if depth is None:
        depth = _max_list_depth(pylist)  # only empty lists: their nesting is the depth
        scalars_known = False
    else:
        scalars_known = True
    inner_rank = 0 if inner_shape is None else len(inner_shape)
    if ragged_rank is None:
        ragged_rank = max(0, depth - 1 - inner_rank)
    if ragged_rank == 0:
        return convert_to_tensor(pylist, dtype if dtype is not None or scalars_known
                                 else dtypes.float32)
    # Each ragged level: the lengths of its rows, then the rows' items one level down.
    nested_lengths = []
    items = list(pylist)
    for _ in range(ragged_rank):
        nested_lengths.append([len(v) for v in items])
        items = [item for v in items for item in v]
    if dtype is None and not scalars_known:
        dtype = dtypes.float32
    if items:
        values = convert_to_tensor(items, dtype)
    else:
        inner = [] if inner_shape is None else list(inner_shape)
        values = convert_to_tensor(np.zeros([0] + inner, dtypes.as_dtype(dtype).as_numpy_dtype))
    result = values
    for lengths in reversed(nested_lengths):
        result = RaggedTensor.from_row_lengths(
            result, np.asarray(lengths, dtypes.as_dtype(row_splits_dtype).as_numpy_dtype),
            validate=False)
    return result
