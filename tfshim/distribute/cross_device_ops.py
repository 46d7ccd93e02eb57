"""Reductions and gathers across replicas (TF's cross_device_ops.py), on one device.

The replicas' values are added (or concatenated) where the first replica's live; eagerly JAX
moves the other replicas' arrays there, inside a tf.function it is part of the one program.
"""

from __future__ import annotations

import jax

from .._core import context
from .._ops import array_ops as _array_ops
from .._ops import math_ops as _math_ops
from .reduce_util import ReduceOp
from .values import DistributedValues, Mirrored


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


def reduce(reduce_op, value, devices):
    """`value`'s replicas reduced, as a Mirrored value (TF's ReductionToOneDevice)."""
    if not isinstance(value, DistributedValues):
        # TF's reduce_non_distributed_value: only a value equal on every replica is reducible.
        if reduce_op == ReduceOp.MEAN or len(devices) == 1:
            return Mirrored([value] * len(devices))
        raise ValueError("A non-DistributedValues value %s cannot be reduced with the given "
                         "reduce op %s." % (value, reduce_op))
    parts = list(value.values)
    total = parts[0]
    for p in parts[1:]:
        total = _math_ops.add(total, p)
    if reduce_op == ReduceOp.MEAN:
        total = _math_ops.truediv(total, _math_ops.cast(len(parts), total.dtype)) \
            if total.dtype.is_floating or total.dtype.is_complex else \
            _math_ops.floordiv(total, _math_ops.cast(len(parts), total.dtype))
    return _mirrored(total, devices)


def gather(value, axis, devices):
    """`value`'s replicas concatenated along `axis`."""
    if not isinstance(value, DistributedValues):
        value = Mirrored([value] * len(devices))
    return _mirrored(_array_ops.concat(list(value.values), axis), devices)
