"""tf.math.confusion_matrix (TF's confusion_matrix.py): the same composite of checks and a
scatter-add of (label, prediction) pairs."""

from __future__ import annotations

import jax.numpy as jnp

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.op import op
from . import check_ops, math_ops, reduction_ops
from .array_ops import ones_like, squeeze
from .array_ops_stack import stack


def _remove_squeezable_dimensions(labels, predictions):
    """TF's remove_squeezable_dimensions: drop a trailing 1 where the ranks differ by one."""
    lr, pr = labels.shape.rank, predictions.shape.rank
    if lr is not None and pr is not None:
        if lr - pr == 1 and labels.shape[-1] == 1:
            labels = squeeze(labels, [-1])
        elif pr - lr == 1 and predictions.shape[-1] == 1:
            predictions = squeeze(predictions, [-1])
    return labels, predictions


@_api.export("math.confusion_matrix")
def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype=D.int32,
                     name=None):
    """tf.math.confusion_matrix."""
    dtype = D.as_dtype(dtype)
    labels, predictions = _remove_squeezable_dimensions(
        convert_to_tensor(labels), convert_to_tensor(predictions))
    labels = math_ops.cast(labels, D.int64)
    predictions = math_ops.cast(predictions, D.int64)
    check_ops.assert_non_negative(labels, message="`labels` contains negative values")
    check_ops.assert_non_negative(predictions, message="`predictions` contains negative values")
    if num_classes is None:
        num_classes = math_ops.add(math_ops.maximum(reduction_ops.reduce_max(predictions),
                                                    reduction_ops.reduce_max(labels)),
                                   convert_to_tensor(1, dtype=D.int64))
    else:
        num_classes = math_ops.cast(convert_to_tensor(num_classes), D.int64)
        check_ops.assert_less(labels, num_classes, message="`labels` out of bound")
        check_ops.assert_less(predictions, num_classes, message="`predictions` out of bound")
    weights = (ones_like(predictions, dtype=dtype) if weights is None
               else math_ops.cast(convert_to_tensor(weights), dtype))
    if labels.shape != predictions.shape:  # TF's stack of the pairs fails here
        stack([labels, predictions], axis=1)
    return _scatter(labels, predictions, weights, int(num_classes.numpy()), name)


@op(tensors=("labels", "predictions"), others=("weights",), op_type="ScatterNd", jit=True)
def _scatter(labels, predictions, weights, num_classes, name=None):
    """TF's scatter of the weights at (label, prediction) pairs, duplicates summed."""
    out = jnp.zeros((num_classes, num_classes), weights.dtype)
    return out.at[labels.reshape(-1), predictions.reshape(-1)].add(weights.reshape(-1))
