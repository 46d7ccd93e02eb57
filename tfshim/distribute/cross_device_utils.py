"""Collectives across the workers of a cluster (TF's cross_device_utils.py launches its
CollectiveReduceV2/CollectiveGatherV2 ops here): each worker is one JAX process joined by
`jax.distributed.initialize`, and a collective is JAX's cross-process gather
(`multihost_utils.process_allgather`, an XLA all-gather over one device per process; on CPU
through gloo) followed by the reduction on the host.

Eagerly the collective runs at once. Inside a tf.function it is an ordered `io_callback`: the
compiled step calls it at its place in the program, so every worker meets the others' collectives
in the same order (the order the program was traced in).
"""

from __future__ import annotations

import os
import sys

import jax
import numpy as np
from jax.experimental import io_callback, multihost_utils

from .._core import context
from .._core.tensor import wrap


def join_cluster(coordinator_address, num_workers, worker_index):
    """Start JAX's distributed runtime for this worker (once per process), with gloo's CPU
    collectives (XLA's CPU backend has no cross-process collectives of its own)."""
    from .._core import jax_internals

    if jax_internals.distributed_initialized():
        if (jax.process_count(), jax.process_index()) != (num_workers, worker_index):
            raise RuntimeError("this process already joined a cluster as worker %d of %d"
                               % (jax.process_index(), jax.process_count()))
        return
    if jax_internals.backends_started():
        if not context._started_by_listing[0] or jax.live_arrays():
            raise RuntimeError("Collective ops must be configured at program startup: create "
                               "MultiWorkerMirroredStrategy before any op runs")
        jax_internals.restart_backends()
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    jax.distributed.initialize(coordinator_address=coordinator_address,
                               num_processes=num_workers, process_id=worker_index)
    # gloo prints "[Gloo] Rank i is connected to ..." on the C++ stdout when the workers first
    # meet; meet now, with that line sent to stderr, so the program's stdout stays its own.
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        _gathered(np.zeros((), np.int32))
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _gathered(x):
    """Every worker's `x` (equal shapes), stacked along a new first axis, in worker order."""
    return np.asarray(multihost_utils.process_allgather(np.asarray(x), tiled=False))


def _host_sum(x):
    return _gathered(x).sum(axis=0, dtype=x.dtype)


def _host_gather(axis):
    return lambda x: np.concatenate(list(_gathered(x)), axis=axis)


def _collective(host_fn, t, shape):
    """`host_fn` on `t`'s value on every worker at once (eagerly or from a compiled step)."""
    x = t._value
    if context.tracing() is None:
        return wrap(jax.numpy.asarray(host_fn(np.asarray(x))))
    out = jax.ShapeDtypeStruct(shape, x.dtype)
    return wrap(io_callback(host_fn, out, x, ordered=True))


def all_reduce_sum(t):
    """`t` summed over the workers (each worker gives its replicas' sum)."""
    return _collective(_host_sum, t, t._value.shape)


def all_gather(t, axis, num_workers):
    """The workers' `t` concatenated along `axis` (equal shapes on every worker)."""
    shape = list(t._value.shape)
    shape[axis] *= num_workers
    return _collective(_host_gather(axis), t, tuple(shape))


def broadcast_from_first_worker(array):
    """Worker 0's value of `array` (a variable's initial value, as TF's MWMS broadcasts it)."""
    return jax.numpy.asarray(multihost_utils.broadcast_one_to_all(np.asarray(array)))
