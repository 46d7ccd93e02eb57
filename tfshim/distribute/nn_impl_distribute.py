"""tf.nn.compute_average_loss and tf.nn.scale_regularization_loss (TF's nn_impl_distribute.py):
the loss scaling a replica applies so that summing gradients across replicas gives the
global-batch mean."""

from __future__ import annotations

from .. import _api
from .._core import dtypes
from .._core.convert import convert_to_tensor
from .._ops import array_ops as _array_ops
from .._ops import check_ops as _check_ops
from .._ops import math_ops as _math_ops
from .._ops import reduction_ops as _reduction_ops
from . import distribute_lib


def _in_cross_replica(name):
    if distribute_lib.has_strategy() and distribute_lib.in_cross_replica_context():
        raise RuntimeError("You are calling `%s` in cross replica context, while it was "
                           "expected to be called in replica context." % name)


@_api.export("nn.scale_regularization_loss")
def scale_regularization_loss(regularization_loss):
    """tf.nn.scale_regularization_loss: the sum divided by the number of replicas."""
    _in_cross_replica("scale_regularization_loss")
    num_replicas = distribute_lib.get_strategy().num_replicas_in_sync
    return _math_ops.truediv(_reduction_ops.reduce_sum(regularization_loss), num_replicas)


def _scale_by_sample_weight(losses, sample_weight):
    # TF's losses_util.scale_losses_by_sample_weight: float32, the weight's rank matched to the
    # losses' (a trailing 1 dropped or added), then a broadcasting multiply.
    losses = _math_ops.cast(losses, dtypes.float32)
    sample_weight = _math_ops.cast(sample_weight, dtypes.float32)
    lr, wr = losses.shape.rank, sample_weight.shape.rank
    if wr == lr + 1 and sample_weight.shape[-1] == 1:
        sample_weight = _array_ops.squeeze(sample_weight, [-1])
    elif wr == lr - 1 and wr > 0:
        sample_weight = _array_ops.expand_dims(sample_weight, -1)
    return _math_ops.multiply(losses, sample_weight)


@_api.export("nn.compute_average_loss")
def compute_average_loss(per_example_loss, sample_weight=None, global_batch_size=None):
    """tf.nn.compute_average_loss: the (weighted) sum over this replica's examples divided by
    the global batch size (by default this replica's batch times the number of replicas)."""
    per_example_loss = convert_to_tensor(per_example_loss)
    input_dtype = per_example_loss.dtype
    if per_example_loss.shape.rank == 0:
        raise ValueError("Invalid value passed for `per_example_loss`. Expected a tensor with "
                         "at least rank 1. Received per_example_loss=%s with rank 0"
                         % format(per_example_loss))
    if sample_weight is not None:
        per_example_loss = _scale_by_sample_weight(per_example_loss,
                                                   convert_to_tensor(sample_weight))
    per_example_loss = _math_ops.cast(per_example_loss, input_dtype)
    if global_batch_size is None:
        _in_cross_replica("compute_average_loss")
        num_replicas = distribute_lib.get_strategy().num_replicas_in_sync
        global_batch_size = _array_ops.shape(per_example_loss)[0] * num_replicas
    global_batch_size = convert_to_tensor(global_batch_size)
    _check_ops.assert_scalar(global_batch_size, message="global_batch_size must be scalar.")
    _check_ops.assert_integer(global_batch_size, message="global_batch_size must be an integer.")
    _check_ops.assert_non_negative(global_batch_size,
                                   message="global_batch_size must be non-negative.")
    loss = _reduction_ops.reduce_sum(per_example_loss)
    return _math_ops.divide_no_nan(loss, _math_ops.cast(global_batch_size, input_dtype))
