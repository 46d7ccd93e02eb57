"""tf.concat of RaggedTensors and tf.ragged.stack (TF's ragged/ragged_concat_ops.py), at any
ragged_rank and along any axis, on index trees (ragged_util.py)."""

from __future__ import annotations

from .. import _api
from .._core import errors
from .._core.convert import convert_to_tensor
from .._ops import array_ops
from .ragged_dispatch import _register, _same_partitions
from .ragged_tensor import RaggedTensor
from .ragged_util import combine, from_tree, splits_dtype


def _concat_trees(trees, axis):
    if axis == 0:
        return [row for tree in trees for row in tree]
    n = len(trees[0])
    for k, tree in enumerate(trees[1:], 1):
        if len(tree) != n:
            raise errors.InvalidArgumentError(
                None, None, "Input tensors at index 0 (=x) and %d (=y) have incompatible "
                "shapes.\nCondition x == y did not hold.\nFirst 1 elements of x:\n[%d]\n"
                "First 1 elements of y:\n[%d]" % (k, n, len(tree)))
    return [_concat_trees([tree[i] for tree in trees], axis - 1) for i in range(n)]


def _expand_tree(tree, axis):
    if axis == 0:
        return [tree]
    return [_expand_tree(row, axis - 1) if axis > 1 else [row] for row in tree]


def _ndims(values):
    return max(v.shape.ndims if isinstance(v, RaggedTensor) else convert_to_tensor(v).shape.ndims
               for v in values)


def concat(values, axis, name=None):
    """tf.concat with RaggedTensor values: TF's ragged concat (the result is ragged)."""
    values = list(values)
    rank = _ndims(values)
    axis = int(axis)
    if not -rank <= axis < rank:
        raise ValueError("axis=%d out of bounds: expected %d<=axis<%d" % (axis, -rank, rank))
    axis %= rank
    rts = [v for v in values if isinstance(v, RaggedTensor)]
    ragged_rank = max(rt.ragged_rank for rt in rts)
    if axis > ragged_rank:  # a uniform dimension of the flat values
        _same_partitions(rts)
        flat = [v.flat_values if isinstance(v, RaggedTensor) else v for v in values]
        return rts[0].with_flat_values(array_ops.concat(flat, axis - ragged_rank))
    trees, ragged_rank, flat = combine(values, max(ragged_rank, axis))
    return from_tree(_concat_trees(trees, axis), ragged_rank, flat, splits_dtype(values))


@_api.export("ragged.stack")
def stack(values, axis=0, name=None):
    """tf.ragged.stack: values (RaggedTensors or tensors) stacked along a new axis; the
    result is a RaggedTensor of one more ragged_rank."""
    values = list(values)
    if not values:
        raise ValueError("rt_inputs may not be empty.")
    rank = _ndims(values)
    axis = int(axis)
    if not -(rank + 1) <= axis <= rank:
        raise ValueError("axis=%d out of bounds: expected %d<=axis<%d"
                         % (axis, -(rank + 1), rank + 1))
    axis %= rank + 1
    trees, ragged_rank, flat = combine(values, max(axis - 1, 0))
    if axis > ragged_rank + 1:
        raise NotImplementedError("tfshim: tf.ragged.stack along a uniform inner axis")
    trees = [_expand_tree(tree, axis) for tree in trees]
    return from_tree(_concat_trees(trees, axis), ragged_rank + 1, flat, splits_dtype(values))


def _concat_handler(fn, args, kwargs):
    bound = dict(zip(("values", "axis", "name"), args))
    bound.update(kwargs)
    return concat(bound["values"], bound["axis"])


_register("concat", _concat_handler)
