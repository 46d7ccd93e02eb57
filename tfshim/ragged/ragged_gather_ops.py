"""tf.gather_nd on RaggedTensors (TF's ragged/ragged_gather_ops.py): index tuples into the
outer ragged dimensions become positions in the flat values (row splits gathered and offset),
as TF's; the values move through recorded gathers, so gradients reach flat_values."""

from __future__ import annotations

import numpy as np

from .._core.convert import convert_to_tensor
from .._ops import array_ops, math_ops
from .._ops.gather_scatter_ops import gather
from .ragged_array_ops import _bind
from .ragged_array_ops import _gather as _gather_ragged
from .ragged_dispatch import _register
from .ragged_tensor import RaggedTensor


def _gather_nd(fn, args, kwargs):
    bound = _bind(("params", "indices", "batch_dims", "name"), args, kwargs)
    params, indices = bound["params"], bound["indices"]
    if bound.get("batch_dims", 0) != 0:
        raise ValueError("batch_dims != 0 is not supported for ragged gather yet.")
    return gather_nd(params, indices)


def _take(params, indices):
    """tf.gather of params' rows (ragged params through the ragged gather)."""
    if isinstance(params, RaggedTensor):
        return _gather_ragged(gather, (params, indices), {})
    return gather(params, indices)


def gather_nd(params, indices):
    """TF's ragged gather_nd (batch_dims=0)."""
    if not isinstance(indices, RaggedTensor):
        indices = convert_to_tensor(indices)
    if not isinstance(params, RaggedTensor):  # ragged indices into a dense tensor
        return indices.with_flat_values(array_ops.gather_nd(params, indices.flat_values))
    ndims = indices.shape.ndims
    if ndims == 0:
        raise ValueError("indices.rank must be at least 1.")
    if isinstance(indices, RaggedTensor) and ndims == indices.ragged_rank + 1:
        raise ValueError("The innermost dimension of indices may not be ragged")
    index_size = indices.shape[-1]
    if ndims > 2:  # recurse on the index tuples' list, as TF (dense indices stay dense)
        dense = not isinstance(indices, RaggedTensor)
        if dense:  # TF's RaggedTensor.from_tensor(indices, ragged_rank=ndims - 2)
            dims = indices.shape.as_list()
            splits = [np.arange(0, int(np.prod(dims[:k + 2])) + 1, dims[k + 1],
                                dtype=params.row_splits.dtype.as_numpy_dtype)
                      for k in range(ndims - 2)]
            indices = RaggedTensor.from_nested_row_splits(
                array_ops.reshape(indices, [-1, index_size]), splits, validate=False)
        result = indices.with_flat_values(gather_nd(params, indices.flat_values))
        if dense and isinstance(result, RaggedTensor) and result.ragged_rank == ndims - 2:
            result = result.to_tensor()
        return result
    if index_size == 0:  # an empty index tuple selects all of params, once per tuple
        if ndims == 1:
            return params
        return _take(array_ops.expand_dims(params, 0),
                      array_ops.zeros([indices.shape[0]], params.row_splits.dtype))
    if index_size == 1:
        return _take(params, array_ops.reshape(indices, [-1]))
    indices = math_ops.cast(indices, params.row_splits.dtype)
    flat = gather(params.row_splits, indices[..., 0]) + indices[..., 1]
    values = params.values
    for dim in range(2, index_size):
        if not isinstance(values, RaggedTensor):
            flat = array_ops.concat([array_ops.expand_dims(flat, axis=1), indices[..., dim:]],
                                    axis=1)
            return array_ops.gather_nd(values, flat)
        flat = gather(values.row_starts(), flat) + indices[..., dim]
        values = values.values
    return _take(values, flat)


_register("gather_nd", _gather_nd)
