"""Reductions and gathers across replicas (TF's cross_device_ops.py), on one device.

The replicas' values are added (or concatenated) where the first replica's live; eagerly JAX
moves the other replicas' arrays there, inside a tf.function it is part of the one program.
"""

from __future__ import annotations

import jax

from .._core import context
from .._core.tensor import wrap
from .._ops import array_ops as _array_ops
from .._ops import math_ops as _math_ops
from .._ops import reduction_ops as _reduction_ops
from . import cross_device_utils, values_util
from .reduce_util import ReduceOp
from .values import DistributedValues, Mirrored, PerReplica, local_mirrored


def _mirrored(value, devices):
    """`value` as a Mirrored value: one copy per replica, each on its device when eager."""
    copies = []
    for d in devices:
        if d is None or context.tracing() is not None:
            copies.append(_array_ops.identity(value))
        else:
            with jax.default_device(d):  # jax runs an op on uncommitted inputs there
                copies.append(_array_ops.identity(value))
    return Mirrored(copies)


def reduce(reduce_op, value, devices, num_workers=1):
    """`value`'s replicas reduced, as a Mirrored value (TF's ReductionToOneDevice); with several
    workers, this worker's sum is then summed across the workers (cross_device_utils.py).
    Inside the one-program `run` it is an all-reduce over the mesh (values_util.py)."""
    if isinstance(value, DistributedValues) and values_util.spmd_active():
        local = values_util.local_value(value)
        return local_mirrored(values_util.all_reduce(reduce_op, local), len(devices))
    count = None  # how many replicas' values `parts` adds up
    if isinstance(value, PerReplica) and value._stacked is not None and \
            context.tracing() is not None and value._unstacked is None:
        # The one-program `run`'s result, one array over the mesh: summed along the replicas'
        # axis it is one all-reduce, where adding its rows costs a collective-permute each.
        parts = [_reduction_ops.reduce_sum(wrap(value._stacked), axis=0)]
        count = value._stacked.shape[0]
    elif isinstance(value, DistributedValues):
        parts = list(value.values)
    elif len(devices) == 1 and num_workers > 1:
        parts = [value]  # the worker's one replica's value (regroup unwraps a single value)
    elif reduce_op == ReduceOp.MEAN or len(devices) == 1:
        # TF's reduce_non_distributed_value: only a value equal on every replica is reducible.
        return Mirrored([value] * len(devices))
    else:
        raise ValueError("A non-DistributedValues value %s cannot be reduced with the given "
                         "reduce op %s." % (value, reduce_op))
    count = count or len(parts)
    total = parts[0]
    for p in parts[1:]:
        total = _math_ops.add(total, p)
    if num_workers > 1:
        total = cross_device_utils.all_reduce_sum(total)
    if reduce_op == ReduceOp.MEAN:
        count = _math_ops.cast(count * num_workers, total.dtype)
        total = _math_ops.truediv(total, count) \
            if total.dtype.is_floating or total.dtype.is_complex else \
            _math_ops.floordiv(total, count)
    return _mirrored(total, devices)


def gather(value, axis, devices, num_workers=1):
    """`value`'s replicas concatenated along `axis` (this worker's, then across workers)."""
    if not isinstance(value, DistributedValues):
        value = Mirrored([value] * len(devices))
    if values_util.spmd_active():
        return local_mirrored(values_util.all_gather(values_util.local_value(value), axis),
                              len(devices))
    local = _array_ops.concat(list(value.values), axis)
    if num_workers > 1:
        local = cross_device_utils.all_gather(local, axis, num_workers)
    return _mirrored(local, devices)
