"""tf.ragged.boolean_mask (TF's ragged/ragged_array_ops.py boolean_mask), on index trees."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor
from .._ops import array_ops
from .._ops.gather_scatter_ops import gather
from .ragged_tensor import RaggedTensor, _concrete
from .ragged_util import _deepen, as_ragged, from_tree, to_tree


@_api.export("ragged.boolean_mask")
def boolean_mask(data, mask, name=None):
    """data's items where mask is True, along mask's last dimension (mask's shape a prefix of
    data's); a RaggedTensor unless both are dense and mask is 1-D."""
    if isinstance(mask, RaggedTensor):
        if mask.dtype != dtypes.bool:
            raise ValueError("Tensor conversion requested dtype bool for RaggedTensor with "
                             "dtype %s: %r." % (mask.dtype.name, mask))
        ndims = mask.shape.ndims
        flat_mask = _concrete(mask.flat_values).reshape(-1)
    else:
        mask = convert_to_tensor(mask, dtypes.bool)
        ndims = mask.shape.ndims
        flat_mask = _concrete(mask).reshape(-1)
    if ndims == 1 and not isinstance(data, RaggedTensor):
        return array_ops.boolean_mask(data, mask)
    rank = max(data.ragged_rank if isinstance(data, RaggedTensor) else 0, ndims - 1)
    if not isinstance(data, RaggedTensor):
        rt = as_ragged(data, rank)
    elif data.ragged_rank < rank:
        rt = _deepen(data, rank)
    else:
        rt = data
    _check_prefix(rt, mask, ndims)
    it = iter(flat_mask.tolist())

    def keep(node, depth):
        if depth == ndims - 1:
            return [child for child in node if next(it)]
        return [keep(child, depth + 1) for child in node]

    tree = keep(to_tree(rt), 0)
    if rank == 0:
        return gather(rt.flat_values, np.asarray(tree, np.int64).reshape(-1))
    return from_tree(tree, rank, rt.flat_values, rt.row_splits.dtype)


def _check_prefix(rt, mask, ndims):
    """TF's checks that mask's shape is a prefix of data's."""
    if isinstance(mask, RaggedTensor):
        ours = [_concrete(s) for s in rt.nested_row_splits[:mask.ragged_rank]]
        theirs = [_concrete(s) for s in mask.nested_row_splits]
        if len(ours) != len(theirs) or any(
                a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(ours, theirs)):
            raise errors.InvalidArgumentError(None, None,
                                              "Inputs must have identical ragged splits")
        return
    dims = mask.shape.as_list()
    nrows = int(_concrete(rt.row_splits).shape[0]) - 1
    if dims[0] != nrows:
        raise ValueError("Shapes (%d,) and (%d,) are incompatible" % (nrows, dims[0]))
    for level, want in enumerate(dims[1:]):
        lengths = np.diff(_concrete(rt.nested_row_splits[level]))
        if np.any(lengths != want):
            raise errors.InvalidArgumentError(None, None,
                                              "Inputs must have identical ragged splits")
