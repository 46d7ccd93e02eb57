"""tf.distribute's values (TF's values.py): PerReplica, Mirrored and MirroredVariable.

A PerReplica holds one value per replica, as `strategy.run` returns them; it is a composite
tensor (its components are the replicas' values), so tf.function takes and returns it. A
MirroredVariable is one variable per replica device, kept equal by TF's aggregation rules: in a
replica context each replica reads and writes its own component; in the cross-replica context
reads see the first (primary) component and writes go to all of them.
"""

from __future__ import annotations

import copy

import jax
import numpy as np

from .. import _api
from .._core import context, nest
from .._core.composite_tensor import CompositeTensor
from .._core.convert import register_tensor_conversion_function
from .._core.tensor import _next_id, wrap
from .._core.tensor_shape import TensorShape
from .._core.type_spec import TypeSpec
from .._core.variable import ResourceVariable, VariableAggregation, VariableSynchronization
from .._ops import math_ops as _math_ops
from . import distribute_lib, values_util
from .reduce_util import ReduceOp

_NOT_IN_REPLICA = ("It looks like you are using a PerReplica object while not inside a replica "
                   "context, which is not supported. Try running your op or function inside a "
                   "replica context by using `strategy.run`")


@_api.export("distribute.DistributedValues")
class DistributedValues:
    """tf.distribute.DistributedValues: one value per replica."""

    def __init__(self, values):
        self._values = tuple(values)

    @property
    def values(self):
        return self._values

    def _get_on_device_or_primary(self):
        ctx = distribute_lib.get_replica_context()
        rid = getattr(ctx, "_replica_id", None)
        if isinstance(rid, int) and rid < len(self._values):
            return self._values[rid]
        return self._values[0]

    def __str__(self):
        body = ",\n".join("  %d: %s" % (i, v) for i, v in enumerate(self._values))
        return "%s:{\n%s\n}" % (type(self).__name__, body)

    def __repr__(self):
        body = ",\n".join("  %d: %r" % (i, v) for i, v in enumerate(self._values))
        return "%s:{\n%s\n}" % (type(self).__name__, body)


class PerReplicaSpec(TypeSpec):
    """The TypeSpec of a PerReplica: its replicas' specs."""

    __slots__ = ["_value_specs"]

    def __init__(self, *value_specs):
        self._value_specs = tuple(value_specs)

    @property
    def value_type(self):
        return PerReplica

    @property
    def _component_specs(self):
        return self._value_specs

    def _to_components(self, value):
        return value._values

    def _from_components(self, components):
        return PerReplica(components)

    def _serialize(self):
        return self._value_specs


_stacked_specs: dict = {}  # (shape, dtype) -> StackedPerReplicaSpec


class StackedPerReplicaSpec(TypeSpec):
    """The TypeSpec of a PerReplica held as one array stacked over the replicas (sharded over
    the strategy's devices, a device's row its replica's value): one component."""

    __slots__ = ["_stacked_spec", "_repr"]

    def __init__(self, stacked_spec):
        self._stacked_spec = stacked_spec
        self._repr = None

    def __repr__(self):
        if self._repr is None:
            self._repr = super().__repr__()
        return self._repr

    @property
    def value_type(self):
        return PerReplica

    @property
    def _component_specs(self):
        return (self._stacked_spec,)

    def _to_components(self, value):
        return (wrap(value._stacked),)

    def _from_components(self, components):
        return PerReplica.from_stacked(components[0]._value)

    def _serialize(self):
        return (self._stacked_spec,)


class PerReplica(DistributedValues, CompositeTensor):
    """The values of one tensor on each replica (what `strategy.run` returns). The one-program
    `run` (mirrored_run.py) makes them as one array stacked over the replicas, sharded over the
    devices: the compiled step's result keeps each replica's row on its device."""

    _stacked = None
    _unstacked = None

    @classmethod
    def from_stacked(cls, stacked):
        pr = object.__new__(cls)
        pr._stacked = stacked
        return pr

    @property
    def _values(self):
        if self._unstacked is None:
            self._unstacked = _unstack(self._stacked)
        return self._unstacked

    @_values.setter
    def _values(self, values):
        self._unstacked = values

    @property
    def dtype(self):
        return self._values[0].dtype

    @property
    def _type_spec(self):
        from .._core.type_spec import type_spec_from_value

        if self._stacked is not None:
            # Asked for several times by every tf.function call (its cache key, its flat
            # arguments): one spec per shape and dtype, its repr made once.
            key = (self._stacked.shape, self._stacked.dtype)
            spec = _stacked_specs.get(key)
            if spec is None:
                spec = _stacked_specs[key] = StackedPerReplicaSpec(
                    type_spec_from_value(wrap(self._stacked)))
            return spec
        return PerReplicaSpec(*[type_spec_from_value(v) for v in self._values])


def _unstack(stacked):
    """A stacked PerReplica's replicas' values: each eagerly on the device holding its row."""
    shards = None if isinstance(stacked, jax.core.Tracer) else stacked.addressable_shards
    if shards is not None and len(shards) == stacked.shape[0] and stacked.shape[0] > 1:
        rows = sorted(shards, key=lambda s: s.index[0].start or 0)
        return tuple(wrap(place_array(np.asarray(s.data)[0], s.device)) for s in rows)
    return tuple(wrap(stacked[i]) for i in range(stacked.shape[0]))


class Mirrored(DistributedValues):
    """Equal values on every replica (what a cross-replica reduction gives each replica)."""


class GatheredPerReplica(PerReplica):
    """A replica's value handed to `merge_call` in the one-program path (values_util.py): this
    device's replica's value; every replica's, gathered over the mesh, only where read."""

    def __init__(self, local):
        self._local = local
        self._gathered = None

    @property
    def _values(self):
        if self._gathered is None:
            g = values_util.gathered(self._local)
            self._gathered = tuple(wrap(g[i]) for i in range(g.shape[0]))
        return self._gathered


def local_mirrored(local, n):
    """A Mirrored value made in the one-program path: `local` is this device's copy."""
    m = Mirrored([local] * n)
    m._local = local
    return m


def _per_replica_to_tensor(value, dtype=None):
    raise ValueError(_NOT_IN_REPLICA)


register_tensor_conversion_function(PerReplica, _per_replica_to_tensor)


def _eager():
    return context.tracing() is None


def place_array(array, device):
    """`array` copied onto `device`, uncommitted (as values an op makes there are), so that a
    replica's ops and the cross-replica sums may mix it with values on other devices."""
    with jax.default_device(device):
        return jax.device_put(np.asarray(array))


class MirroredVariable(ResourceVariable):
    """A variable with one component variable per replica device, kept in sync."""

    def __init__(self, *args, **kwargs):
        # Made by `tf.Variable(...)` in a MirroredStrategy's scope, with tf.Variable's arguments.
        strategy = distribute_lib.get_strategy()
        self._distribute_strategy = strategy
        self._values = tuple(strategy.extended._create_components(args, kwargs))
        self._agg = self._values[0]._aggregation
        # Where the components' current values are: "components" (each its own array),
        # "mesh" (the rows of the mesh variable) or "both".
        self._fresh = "components"
        self._mesh_var = None
        if self._synchronization == VariableSynchronization.ON_READ:
            self.__class__ = SyncOnReadVariable
        for i, c in enumerate(self._values):
            c.__dict__["_own_value"] = c.__dict__.pop("_value")
            c.__class__ = _Component
            c._mirrored_container, c._replica_index = self, i

    # -- one array on the mesh: what tf.functions read and write ---------------------------
    def _mesh_variable(self):
        """The variable holding the components stacked, sharded over the strategy's mesh (a
        device's row its component): tf.functions read and write the components as its rows,
        so a compiled step takes and leaves each component on its device."""
        if self._mesh_var is None:
            v = copy.copy(self._values[0])
            v.__class__ = _MeshVariable
            v.__dict__.pop("_own_value", None)
            v._mirrored_container = self
            v._id = _next_id()
            v._shape = TensorShape([len(self._values)]).concatenate(self._values[0]._shape)
            self._mesh_var = v
        return self._mesh_var

    def _sync_components(self):
        if self._fresh == "mesh":
            for c, row in zip(self._values, _unstack(self._mesh_var.__dict__["_own_value"])):
                c.__dict__["_own_value"] = row._value
            self._fresh = "both"

    def _sync_mesh(self):
        if self._fresh == "components":
            mesh = self._distribute_strategy.extended._mesh()
            rows = [c.__dict__["_own_value"] for c in self._values]
            with jax.ensure_compile_time_eval():  # also while a tf.function traces
                parts = [jax.device_put(jax.numpy.expand_dims(r, 0), d)
                         for r, d in zip(rows, mesh.devices.flat)]
            self._mesh_var.__dict__["_own_value"] = jax.make_array_from_single_device_arrays(
                (len(rows),) + tuple(np.shape(rows[0])),
                jax.sharding.NamedSharding(mesh, jax.sharding.PartitionSpec(
                    values_util.AXIS)), parts)
            self._fresh = "both"

    values = property(lambda self: self._values)
    aggregation = property(lambda self: self._agg)
    _aggregation = property(lambda self: self._agg)

    def _component(self):
        if context.thread_state().saving:
            return self._values[0]
        ctx = distribute_lib.get_replica_context()
        rid = getattr(ctx, "_replica_id", None)
        if ctx is not None and ctx.strategy is self._distribute_strategy and \
                isinstance(rid, int):
            return self._values[rid]
        return self._values[0]

    def _get_on_device_or_primary(self):
        return self._component()

    # Everything a ResourceVariable reads is the current replica's component.
    @property
    def _value(self):
        return self._component()._value

    @_value.setter
    def _value(self, array):
        # A direct store (a checkpoint's restore) sets every component, each on its device.
        for c in self._values:
            c._value = place_array(array, next(iter(c._value.devices())))

    _id = property(lambda self: self._component()._id)
    _shape = property(lambda self: self._values[0]._shape)
    _trainable = property(lambda self: self._values[0]._trainable)
    _constraint = property(lambda self: self._values[0]._constraint)
    _synchronization = property(lambda self: self._values[0]._synchronization)
    name = property(lambda self: self._values[0].name)
    _name = property(lambda self: self._values[0]._name)
    _unique_id = property(lambda self: self._values[0]._unique_id)  # TF's: the primary's

    def _in_replica(self):
        ctx = distribute_lib.get_replica_context()
        return ctx is not None and ctx.strategy is self._distribute_strategy and (
            values_util.spmd_active() or isinstance(getattr(ctx, "_replica_id", None), int))

    def _reads_aggregate(self):
        """A SyncOnReadVariable read in the cross-replica context: its components' SUM or
        MEAN (TF's SyncOnReadVariable._get_cross_replica)."""
        return (self._synchronization == VariableSynchronization.ON_READ
                and self._agg in (VariableAggregation.SUM, VariableAggregation.MEAN)
                and not context.thread_state().saving and not self._in_replica())

    def _read(self):
        if not self._reads_aggregate():
            return self._component()._read()
        op = ReduceOp.from_variable_aggregation(self._agg)
        if values_util.spmd_active():
            return values_util.all_reduce(op, self._values[0]._read())
        parts = [c._read() for c in self._values]
        total = parts[0]
        for p in parts[1:]:
            total = _math_ops.add(total, p)
        if op == ReduceOp.MEAN:
            total = _math_ops.truediv(total, _math_ops.cast(len(parts), total.dtype))
        return total

    def numpy(self):
        return self._read().numpy() if self._reads_aggregate() else super().numpy()

    def __repr__(self):
        return DistributedValues.__repr__(self)

    __str__ = __repr__

    # -- writes: TF's on-write rules (values_util.on_write_assign*) -------------------------
    def _update(self, method, value, read_value):
        if context.thread_state().saving:  # TF's values_util.is_saving_non_distributed
            getattr(self._values[0], method)(value, read_value=False)
            return self._written(read_value)
        ctx = distribute_lib.get_replica_context()
        spmd = values_util.spmd_active()
        in_replica = self._in_replica()
        if self._synchronization == VariableSynchronization.ON_READ:
            # TF's on-read rules (values_util.on_read_assign*): a replica writes its own
            # component; the cross-replica context writes every component.
            if in_replica:
                getattr(self._component(), method)(value, read_value=False)
                return self._written(read_value)
            if self._agg == VariableAggregation.SUM:
                if method != "assign":
                    raise ValueError(
                        "SyncOnReadVariable does not support `%s` in cross-replica context "
                        "when aggregation is set to `tf.VariableAggregation.SUM`." % method)
                value = _math_ops.cast(_math_ops.truediv(
                    value, self._distribute_strategy.num_replicas_in_sync), self.dtype)
        if not in_replica:
            if isinstance(value, DistributedValues):
                raise ValueError(_NOT_IN_REPLICA)
            if spmd:  # every component is this device's one
                getattr(self._values[0], method)(value, read_value=False)
                return self._written(read_value)
            for c in self._values:
                device = next(iter(c._value.devices()), None) if _eager() else None
                if device is None:
                    getattr(c, method)(value, read_value=False)
                    continue
                with jax.default_device(device):  # ops on uncommitted values run there
                    getattr(c, method)(value, read_value=False)
                if c._value.devices() != {device}:  # a value made elsewhere, stored as it was
                    c._value = place_array(c._value, device)
        elif self._agg == VariableAggregation.NONE:
            # TF: without an aggregation each replica updates its own component.
            getattr(self._component(), method)(value, read_value=False)
        else:
            def merge(strategy, per_replica):
                if self._agg == VariableAggregation.ONLY_FIRST_REPLICA:
                    reduced = strategy.experimental_local_results(per_replica)[0]
                else:
                    reduced = strategy.extended.reduce_to(
                        ReduceOp.from_variable_aggregation(self._agg), per_replica, self)
                    reduced = strategy.experimental_local_results(reduced)[0]
                self._update(method, reduced, False)

            ctx.merge_call(merge, args=(value,))
        return self._written(read_value)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._update("assign", value, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("assign_add", delta, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("assign_sub", delta, read_value)


class SyncOnReadVariable(MirroredVariable):
    """A MirroredVariable made with `synchronization=ON_READ` (Keras's metric variables): each
    replica keeps its own component, reads in the cross-replica context aggregate them."""


class _Component(ResourceVariable):
    """A MirroredVariable's component: its own array eagerly; inside a tf.function a row of
    the mirrored variable's mesh variable."""

    @property
    def _value(self):
        self._mirrored_container._sync_components()
        return self.__dict__["_own_value"]

    @_value.setter
    def _value(self, array):
        container = self._mirrored_container
        container._sync_components()
        self.__dict__["_own_value"] = array
        container._fresh = "components"

    def _traced_row(self):
        container = self._mirrored_container
        if (len(container._values) == 1 or context.thread_state().saving
                or container.__dict__.get("_tfshim_no_mesh")):
            return None
        return container._mesh_variable(), self._replica_index


class _MeshVariable(ResourceVariable):
    """A MirroredVariable's components stacked into one array sharded over the mesh."""

    _traced_row = None

    @property
    def _value(self):
        self._mirrored_container._sync_mesh()
        return self.__dict__["_own_value"]

    @_value.setter
    def _value(self, array):
        container = self._mirrored_container
        self.__dict__["_own_value"] = array
        container._fresh = "mesh"


def regroup(values_per_replica):
    """One structure of per-replica values from one structure per replica (TF's
    distribute_utils.regroup): tensors become PerReplica; a value every replica returned
    itself (a variable, None, a Python constant) stays one value."""
    first = values_per_replica[0]
    if all(v is first for v in values_per_replica):
        if first is None or not isinstance(first, (list, tuple, dict)) or not first:
            return first
    if isinstance(first, (list, tuple, dict)) and not isinstance(first, DistributedValues):
        flat = [nest.flatten(v) for v in values_per_replica]
        leaves = [regroup([f[i] for f in flat]) for i in range(len(flat[0]))]
        return nest.pack_sequence_as(first, leaves)
    if isinstance(first, (int, float, str, bool)) and \
            all(v == first for v in values_per_replica):
        return first
    return PerReplica(values_per_replica)


def select_replica(replica_id, structured):
    """Replica `replica_id`'s part of a structure of per-replica values."""
    def select(x):
        if isinstance(x, MirroredVariable):
            return x
        if isinstance(x, DistributedValues):
            return x._values[replica_id]
        return x

    if isinstance(structured, DistributedValues):
        return select(structured)
    return nest.map_structure(select, structured)


def select_local(structured):
    """This device's replica's part of a structure of per-replica values, inside the
    one-program `run` (values_util.py)."""
    def select(x):
        if isinstance(x, DistributedValues):
            return values_util.local_value(x)
        return x

    if isinstance(structured, DistributedValues):
        return select(structured)
    return nest.map_structure(select, structured)
