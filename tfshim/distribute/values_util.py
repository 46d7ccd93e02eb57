"""Writes and collectives of distributed values inside the one-program `strategy.run` (TF's
values_util.py holds the on-write aggregation rules): the replica function is traced once in a
`jax.shard_map` over the strategy's devices (mirrored_run.py), each device holding its replica's
values, so a cross-replica reduction is an XLA collective over the mesh axis `AXIS`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .._core import context
from .._core.tensor import wrap
from .reduce_util import ReduceOp

AXIS = "replica"


class Fallback(BaseException):  # noqa: N818 - not an error: a signal to mirrored_run
    """What the one-program path can't do (a variable created in the replica function, replicas
    of different shapes): `run` traces the replicas one by one instead. A BaseException, so
    that the user's `except Exception` in the replica function lets it through."""


def spmd_active() -> bool:
    """Whether this thread traces a replica function in the one-program path."""
    return getattr(context.tracing(), "spmd_axis", None) is not None


def all_reduce(reduce_op, t):
    """`t` (this device's tensor) reduced over the replicas, on every device."""
    x = t._value
    total = jax.lax.psum(x, AXIS)
    if reduce_op == ReduceOp.MEAN:
        n = jnp.asarray(jax.lax.psum(1, AXIS), x.dtype)
        # TF divides integers with floordiv (cross_device_ops.py does the same).
        total = total / n if jnp.issubdtype(x.dtype, jnp.inexact) else total // n
    return wrap(total.astype(x.dtype))


def all_gather(t, axis):
    """The replicas' `t` concatenated along `axis`, on every device."""
    x = t._value
    return wrap(jax.lax.all_gather(x, AXIS, axis=axis % max(x.ndim, 1), tiled=True))


def gathered(t):
    """Every replica's `t`, stacked along a new first axis, on every device."""
    return jax.lax.all_gather(t._value, AXIS, axis=0, tiled=False)


def local_value(value):
    """This device's replica's part of a DistributedValues inside the one-program path."""
    local = getattr(value, "_local", None)
    if local is not None:
        return local
    values = [v._value for v in value.values]
    if len({(np.shape(v), v.dtype) for v in values}) != 1:
        raise Fallback("replicas' values of different shapes")
    return wrap(jnp.stack(values)[jax.lax.axis_index(AXIS)])
