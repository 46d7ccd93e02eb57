"""tf.distribute.MirroredStrategy (TF's mirrored_strategy.py): synchronous data parallelism over
the local devices (JAX's devices; a CPU split by tf.config's logical devices is several).

`run` runs the function once per replica (mirrored_run.py); variables made in `scope()` are
MirroredVariables with one component per device; reductions happen on the first device
(cross_device_ops.py); datasets are split per replica (input_lib.py).
"""

from __future__ import annotations

import contextlib
import copy

import jax
import numpy as np

from .. import _api
from .._core import context, nest
from .._core import variable as _variable
from .._core.tensor import _next_id
from . import (
    cross_device_ops,
    cross_device_utils,
    distribute_lib,
    input_lib,
    mirrored_run,
    values_util,
)
from .values import (
    DistributedValues,
    MirroredVariable,
    place_array,
    regroup,
    select_local,
    select_replica,
)


def _canonical(dev):
    kind = "GPU" if dev.platform in ("gpu", "cuda", "rocm") else dev.platform.upper()
    return "/job:localhost/replica:0/task:0/device:%s:%d" % (kind, dev.id)


def resolve_device(spec):
    """The JAX device a TF device string names ("/cpu:1", "/job:.../device:GPU:0")."""
    m = context._SPEC.match(str(spec).strip())
    if m is None:
        raise ValueError("Device name '%s' is not a valid device specification." % spec)
    kind, idx = m.group(1).upper(), int(m.group(2) or 0)
    for d in context._jax_devices(kind):
        if d.id == idx:
            return d
    raise ValueError("Unknown attribute: '%s' in '%s'" % (spec, spec))


def _default_devices():
    gpus = context._jax_devices("GPU")
    return gpus or context._jax_devices("CPU")


class StrategyScope:
    """`strategy.scope()`: the cross-replica context of `strategy` (and, for a one-device
    strategy, its device as JAX's default)."""

    def __init__(self, strategy, device=None):
        self._strategy = strategy
        self._device = device
        self._scopes = []

    def __enter__(self):
        current = distribute_lib.get_strategy()
        if distribute_lib.has_strategy() and current is not self._strategy:
            raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s"
                               % (self._strategy, current))
        scope = distribute_lib._mode(
            distribute_lib._ThreadMode(self._strategy, self._strategy, None))
        scope.__enter__()
        self._scopes.append(scope)
        if self._device is not None:
            placement = jax.default_device(self._device)
            placement.__enter__()
            self._scopes.append(placement)
        return self._strategy

    def __exit__(self, *exc):
        while self._scopes:
            self._scopes.pop().__exit__(*exc)
        return False


class MirroredExtended(distribute_lib.StrategyExtended):
    """What MirroredStrategy does, on `devices` (JAX devices)."""

    # The cluster this worker belongs to (MultiWorkerMirroredStrategy's workers); MirroredStrategy
    # is one worker whose replicas are all the replicas.
    _num_workers = 1
    _worker_index = 0

    def __init__(self, container_strategy, devices):
        super().__init__(container_strategy)
        self._devices = tuple(devices)

    @property
    def _num_replicas_in_sync(self):
        return len(self._devices) * self._num_workers

    @property
    def _first_replica_id(self):
        return len(self._devices) * self._worker_index

    @property
    def worker_devices(self):
        return tuple(_canonical(d) for d in self._devices)

    parameter_devices = worker_devices

    def _scope(self, strategy):
        return StrategyScope(strategy)

    def _variable_class(self):
        mode = distribute_lib._per_thread_mode()
        strategy = self._container_strategy()
        if mode.cross_replica_context is strategy or (
                isinstance(mode.replica_context, mirrored_run.MirroredReplicaContext)
                and mode.replica_context._strategy is strategy):
            # In a replica of `run` too: its first replica creates it (the others share it).
            return MirroredVariable
        return _variable.ResourceVariable

    def _create_components(self, args, kwargs):
        """One variable per device: the first made as tf.Variable makes it, the others copies
        of its value on their devices, named as TF names them."""
        with jax.default_device(self._devices[0]):
            primary = _variable.ResourceVariable(*args, **kwargs)
        sync = primary._synchronization
        if sync == _variable.VariableSynchronization.NONE:
            raise ValueError("`NONE` variable synchronization mode is not supported with "
                             "tf.distribute strategy. Please change the `synchronization` for "
                             "variable: " + str(kwargs.get("name")))
        if sync == _variable.VariableSynchronization.AUTO:  # TF's distributed variables' AUTO
            primary._synchronization = _variable.VariableSynchronization.ON_WRITE
        if self._num_workers > 1 and context.tracing() is None:
            # Every worker's variable starts from worker 0's initial value, as TF broadcasts it.
            primary._value = place_array(
                cross_device_utils.broadcast_from_first_worker(primary._value), self._devices[0])
        components = [primary]
        base = primary._name[:-2] if primary._name.endswith(":0") else primary._name
        for i, dev in enumerate(self._devices[1:], 1):
            c = copy.copy(primary)
            if context.tracing() is None:
                c._value = place_array(primary._value, dev)
            c._id = _next_id()
            c._name = "%s/replica_%d:0" % (base, i)
            components.append(c)
        return components

    def _call_for_each_replica(self, fn, args, kwargs):
        return mirrored_run.call_for_each_replica(self._container_strategy(), self._devices,
                                                  fn, args, kwargs)

    def _reduce_to(self, reduce_op, value, destinations, options):
        return cross_device_ops.reduce(reduce_op, value, self._devices, self._num_workers)

    def _reduce(self, reduce_op, value):
        # `strategy.reduce` of a structure reduces each of its values (Keras reduces batches).
        return nest.map_structure(
            lambda v: self._local_results(self._reduce_to(reduce_op, v, None, None))[0], value)

    def _gather_to(self, value, axis):
        return cross_device_ops.gather(value, axis, self._devices, self._num_workers)

    def _local_results(self, value):
        if isinstance(value, DistributedValues):
            return value.values
        if isinstance(value, MirroredVariable):
            return value.values
        return (value,)

    def value_container(self, value):
        return value

    def colocate_vars_with(self, colocate_with_variable):
        """Variables made inside are mirrored like `colocate_with_variable` (Keras's slots)."""
        return contextlib.nullcontext()

    def _mesh(self):
        """The Mesh of this worker's devices the one-program `run` is sharded over."""
        if getattr(self, "_mesh_cache", None) is None:
            self._mesh_cache = jax.sharding.Mesh(np.array(self._devices), (values_util.AXIS,))
        return self._mesh_cache

    def _update(self, var, fn, args, kwargs, group):
        if values_util.spmd_active():
            # One program over the mesh: this device's component, its replica's arguments.
            component = var.values[0] if isinstance(var, MirroredVariable) else var
            result = fn(component, *select_local(args), **select_local(kwargs))
            return result if group else (result,)
        # TF's MirroredExtended._update: `fn` on each component with that replica's arguments.
        components = var.values if isinstance(var, MirroredVariable) else (var,)
        results = [fn(c, *select_replica(i, args), **select_replica(i, kwargs))
                   for i, c in enumerate(components)]
        return regroup(results) if group else tuple(results)

    def variable_created_in_scope(self, v):
        return getattr(v, "_distribute_strategy", None) is self._container_strategy()

    def _experimental_distribute_dataset(self, dataset, options):
        from ..data import auto_shard

        by_data = True
        if self._num_workers > 1:
            dataset, by_data = auto_shard.auto_shard(
                dataset, self._num_workers, self._worker_index, self.worker_devices[0])
        return input_lib.DistributedDataset(dataset, self._devices, self._first_replica_id,
                                            self._num_replicas_in_sync, own_data=not by_data)

    def _distribute_datasets_from_function(self, dataset_fn, options):
        # One input pipeline per worker, as TF's.
        ctx = distribute_lib.InputContext(self._num_workers, self._worker_index,
                                          self._num_replicas_in_sync)
        return input_lib.DistributedDatasetsFromFunction(
            dataset_fn(ctx), self._devices, self._first_replica_id, self._num_replicas_in_sync)

    def _experimental_distribute_values_from_function(self, value_fn):
        n = len(self._devices)
        values = []
        for i, dev in enumerate(self._devices):
            with jax.default_device(dev):
                values.append(value_fn(distribute_lib.ValueContext(i, n)))
        return regroup(values)

    should_checkpoint = property(lambda self: True)
    should_save_summary = property(lambda self: True)
    experimental_require_static_shapes = property(lambda self: True)


@_api.export("distribute.MirroredStrategy")
class MirroredStrategy(distribute_lib.Strategy):
    """tf.distribute.MirroredStrategy: one replica per device, kept in sync."""

    def __init__(self, devices=None, cross_device_ops=None):
        if devices is None:
            devs = _default_devices()
        else:
            devs = [resolve_device(d) for d in devices]
            if len(set(devs)) != len(devs):
                raise ValueError("No duplicates allowed in `devices` argument: %s" % (devices,))
        super().__init__(MirroredExtended(self, devs))
