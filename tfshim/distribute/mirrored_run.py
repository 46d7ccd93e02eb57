"""`strategy.run` for several replicas in one process (TF's mirrored_run.py).

Each replica runs `fn` in its own thread, one replica at a time, until it finishes or calls
`merge_call`; once every replica has stopped in `merge_call`, the merge function runs once in the
calling thread, in the cross-replica context, on the replicas' arguments grouped as PerReplica
values, and each replica resumes with its part of the result. Collectives (`all_reduce`,
`all_gather`) are merge calls, as in TF.

Eagerly each replica thread works on its own JAX device (`jax.default_device`), so the replicas'
arrays really live on different devices.

Inside a tf.function `fn` is traced once, into a `jax.shard_map` over a Mesh of the strategy's
devices (the mesh axis values_util.AXIS): each device runs it on its replica's rows of the
PerReplica arguments and its own components of the mirrored variables, the replica id is the
axis index, and the collectives are XLA's (`psum`, `all_gather`; values_util.py). A `merge_call`
runs its function on every device, on the replicas' values gathered there where it reads them,
and each device keeps its replica's part of the result. Where that path can't be taken (a
variable created in `fn`, replicas' arguments of different shapes, several workers) the replica
threads trace into the caller's trace one after another, as eagerly: one program on the first
device.
"""

from __future__ import annotations

import threading

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import PartitionSpec

from .._core import context, jax_internals, nest, tf_logging
from .._core import polymorphic_function as _function
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor, wrap
from .._core.variable import Variable
from . import distribute_lib, shared_variable_creator, values_util
from .values import (
    DistributedValues,
    GatheredPerReplica,
    MirroredVariable,
    PerReplica,
    regroup,
    select_local,
    select_replica,
)


class _Stop(BaseException):
    """Ends a replica thread whose sibling failed (it must not go on running `fn`)."""


class MirroredReplicaContext(distribute_lib.ReplicaContext):
    """The replica context of one replica thread: `merge_call` synchronises with the others."""

    def __init__(self, strategy, replica_id, thread):
        # Replica ids count across the cluster's workers (this worker's replicas are a run).
        super().__init__(strategy, strategy.extended._first_replica_id + replica_id)
        self._replica_id = replica_id
        self._thread = thread

    def merge_call(self, merge_fn, args=(), kwargs=None):
        distribute_lib._require_replica_context(self)
        t = self._thread
        t.merge_fn, t.merge_args, t.merge_kwargs = merge_fn, args, dict(kwargs or {})
        t.pause()
        if t.stop:
            raise _Stop()
        return t.merge_result


class _ReplicaThread(threading.Thread):
    def __init__(self, strategy, replica_id, device, fn, args, kwargs, parent, variables):
        super().__init__(daemon=True)
        self.strategy, self.replica_id, self.device = strategy, replica_id, device
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.parent = parent  # (tapes, tracing, collector, jax trace) of the calling thread
        # The calling thread's variable creator scopes hold in the replica (as TF's threads),
        # inside them the one that shares the run's variables between the replicas.
        self.creators = context.thread_state().variable_creators + [
            shared_variable_creator.make_fn(variables, replica_id)]
        self.should_run, self.has_paused = threading.Event(), threading.Event()
        self.done, self.stop, self.error, self.result = False, False, None, None
        self.merge_fn = self.merge_args = self.merge_kwargs = self.merge_result = None

    def pause(self):
        self.has_paused.set()
        self.should_run.wait()
        self.should_run.clear()

    def resume(self):
        """Run this replica until it pauses in merge_call or finishes (called by the parent)."""
        self.has_paused.clear()
        self.should_run.set()
        self.has_paused.wait()

    def run(self):
        self.should_run.wait()
        self.should_run.clear()
        try:
            if self.stop:
                return
            tapes, tracing, collector, trace = self.parent
            st = context.thread_state()
            st.tapes, st.tracing, st.collector = list(tapes), tracing, collector
            st.variable_creators = self.creators
            placement = jax.default_device(self.device) if tracing is None and \
                self.device is not None else _nothing()
            with jax_internals.trace_scope(trace), placement, \
                    MirroredReplicaContext(self.strategy, self.replica_id, self):
                self.result = self.fn(*self.args, **self.kwargs)
        except _Stop:
            pass
        except BaseException as e:  # noqa: BLE001 - handed to the calling thread
            self.error = e
        finally:
            self.done = True
            self.has_paused.set()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def call_for_each_replica(strategy, devices, fn, args, kwargs):
    """Run `fn` once per replica (args and kwargs hold PerReplica values or shared ones) and
    regroup the results into PerReplica values. A tf.function `fn` is run as TF runs it: one
    tf.function around all the replicas."""
    if isinstance(fn, _function.Function):
        # The strategy keeps, per tf.function, the tf.function running all its replicas.
        cache = strategy.__dict__.setdefault("_replicated_functions", {})
        entry = cache.get(id(fn))
        if entry is None or entry[0] is not fn:
            python_fn = fn.python_function
            entry = (fn, _function.function(
                lambda *a, **k: call_for_each_replica(strategy, devices, python_fn, a, k)))
            cache[id(fn)] = entry
        return entry[1](*args, **kwargs)
    if _can_run_as_one_program(strategy, devices):
        try:
            return _run_as_one_program(strategy, devices, fn, args, kwargs)
        except values_util.Fallback:
            pass
    if context.tracing() is None:
        tf_logging.warn_first_n(
            5, "mirrored_run", "Using %s eagerly has significant overhead currently. We will "
            "be working on improving this in the future, but for now please wrap "
            "`call_for_each_replica` or `experimental_run` or `run` inside a tf.function to "
            "get the best performance." % type(strategy).__name__)
    st = context.thread_state()
    parent = (st.tapes, st.tracing, st.collector, jax_internals.current_trace())
    variables: dict = {}  # the variables fn creates, shared by the replicas
    threads = [_ReplicaThread(strategy, i, d, fn, select_replica(i, args),
                              select_replica(i, kwargs), parent, variables)
               for i, d in enumerate(devices)]
    for t in threads:
        t.start()
    try:
        while True:
            for t in threads:
                t.resume()
                if t.error is not None:
                    raise t.error
            if all(t.done for t in threads):
                break
            if any(t.done for t in threads):
                raise RuntimeError("Some replicas made a different number of "
                                   "replica_context().merge_call() calls.")
            merge_fn = threads[0].merge_fn
            m_args = regroup([t.merge_args for t in threads])
            m_kwargs = regroup([t.merge_kwargs for t in threads])
            with distribute_lib._mode(distribute_lib._ThreadMode(strategy, strategy, None)):
                merged = merge_fn(strategy, *m_args, **m_kwargs)
            for t in threads:
                t.merge_result = select_replica(t.replica_id, merged)
    finally:
        for t in threads:
            if not t.done:
                t.stop = True
                t.resume()
    return regroup([t.result for t in threads])


# -- inside a tf.function: one program over the mesh ------------------------------------------


class _OneProgramState:
    """The tf.function trace state inside the shard_map body: the variables `fn` reads and
    writes are this device's values (inputs of the body); the rest is the enclosing trace's."""

    spmd_axis = values_util.AXIS

    def __init__(self, outer, values):
        self._outer = outer
        self.values = values  # id(variable) -> this device's value (a mirrored variable's
        # components share their container's)
        self.written: list = []
        self.shared: set = set()  # ids of the tensors merge_call returned to every replica
        self.missing: list = []  # variables used that are not inputs of the body yet

    def __getattr__(self, name):  # graph, unique_name, name_hint, ...: the enclosing trace's
        return getattr(self._outer, name)

    @property
    def allow_creation(self):
        raise values_util.Fallback("a variable created in the replica function")

    def initial_value(self, value):
        raise values_util.Fallback("a variable created in the replica function")

    def feed(self, slots):
        raise values_util.Fallback("an iterator read in the replica function")

    def read(self, var):
        key = _container(var)
        value = self.values.get(id(key))
        if value is None:
            self._missing(key)
            # A stand-in until the body is traced again with this variable as an input.
            value = jnp.zeros(np.shape(key._values[0]._value if isinstance(
                key, MirroredVariable) else key._value), var.dtype.as_numpy_dtype)
        return value

    def write(self, var, value, op_type="AssignVariableOp", source=None):
        key = _container(var)
        if id(key) not in self.values:
            self._missing(key)
        self.values[id(key)] = value
        if all(w is not key for w in self.written):
            self.written.append(key)

    def _missing(self, key):
        if all(m is not key for m in self.missing):
            self.missing.append(key)


def _container(var):
    """The variable whose value the body holds for `var` (a mirrored variable for each of its
    components; an assign's result's variable for the result)."""
    var = getattr(var, "_parent", var)
    container = getattr(var, "_mirrored_container", None)
    return var if container is None else container


class OneProgramReplicaContext(distribute_lib.ReplicaContext):
    """The replica context of the shard_map body: the replica id is the traced axis index."""

    def __init__(self, strategy):
        rid = wrap(jax.lax.axis_index(values_util.AXIS).astype(np.int32)
                   + np.int32(strategy.extended._first_replica_id))
        super().__init__(strategy, rid)
        self._replica_id = rid

    def merge_call(self, merge_fn, args=(), kwargs=None):
        distribute_lib._require_replica_context(self)

        def gathered(x):
            if isinstance(x, Tensor) and not isinstance(x, Variable):
                return GatheredPerReplica(x)
            return x

        m_args = nest.map_structure(gathered, tuple(args))
        m_kwargs = nest.map_structure(gathered, dict(kwargs or {}))
        with distribute_lib._mode(distribute_lib._ThreadMode(self.strategy, self.strategy,
                                                             None)):
            merged = merge_fn(self.strategy, *m_args, **m_kwargs)
        # What merge_fn returns as one value is one value for every replica (TF hands each
        # the same object, and `run` returns it as itself).
        shared = context.tracing().shared
        for leaf in nest.flatten(merged):
            if isinstance(leaf, Tensor):
                shared.add(id(leaf))
        return select_local(merged)


def _can_run_as_one_program(strategy, devices):
    st = context.thread_state()
    return (st.tracing is not None and not values_util.spmd_active() and st.collector is None
            and not st.saving and len(devices) > 1 and strategy.extended._num_workers == 1
            and not strategy.__dict__.get("_has_generators"))


def _is_per_replica(x):
    return isinstance(x, DistributedValues) and not isinstance(x, MirroredVariable)


def _run_as_one_program(strategy, devices, fn, args, kwargs):
    """`fn` once per replica, as one shard_map program over the strategy's devices."""
    outer = context.tracing()
    n = len(devices)
    flat = nest.flatten((args, kwargs))
    per_pos = [i for i, x in enumerate(flat) if _is_per_replica(x)]
    stacked_args = []
    for i in per_pos:
        if getattr(flat[i], "_stacked", None) is not None:
            stacked_args.append(flat[i]._stacked)
            continue
        parts = [convert_to_tensor(v)._value for v in flat[i].values]
        if len(parts) != n or len({(p.shape, p.dtype) for p in parts}) != 1:
            raise values_util.Fallback("PerReplica arguments of different shapes")
        stacked_args.append(jnp.stack(parts))
    # The variables `fn` used last time are its inputs from the start (else each new one
    # costs a trace of `fn`).
    cache = strategy.__dict__.setdefault("_one_program_variables", {})
    code = getattr(fn, "__code__", None)
    known = list(cache.get(code, ())) if code is not None else []
    stacked_vars: dict = {}

    def var_input(var):
        if id(var) not in stacked_vars:
            # A mirrored variable is one array sharded over the mesh (its components the rows).
            stacked_vars[id(var)] = outer.read(var._mesh_variable()) \
                if isinstance(var, MirroredVariable) else outer.read(var)
        return stacked_vars[id(var)]

    while True:
        result = {}
        inputs = stacked_args + [var_input(v) for v in known]
        specs = [PartitionSpec(values_util.AXIS)] * len(stacked_args) + [
            PartitionSpec(values_util.AXIS) if isinstance(v, MirroredVariable)
            else PartitionSpec() for v in known]

        def body(*xs, known=tuple(known), result=result):
            leaves = list(flat)
            for i, x in zip(per_pos, xs):
                leaves[i] = wrap(x[0])
            values = {id(v): x[0] if isinstance(v, MirroredVariable) else x
                      for v, x in zip(known, xs[len(per_pos):])}
            state = _OneProgramState(outer, values)
            a, k = nest.pack_sequence_as((args, kwargs), leaves)
            with context._swapped(tracing=state, tapes=[]), OneProgramReplicaContext(strategy):
                out = fn(*a, **k)
            out_flat = nest.flatten(out)
            tensors = []
            for j, o in enumerate(out_flat):
                if isinstance(o, Tensor) and not isinstance(o, Variable):
                    tensors.append(j)
                elif not (o is None or isinstance(o, (Variable, int, float, str, bool))):
                    raise values_util.Fallback("a replica function returning %s" % type(o))
            result.update(out=out, flat=out_flat, tensors=tensors, missing=state.missing,
                          written=list(state.written),
                          shared={j for j in tensors if id(out_flat[j]) in state.shared})
            outs = [out_flat[j]._value[None] for j in tensors]
            for v in state.written:
                x = jnp.asarray(state.values[id(v)])
                outs.append(x[None])
            return outs

        program = jax.shard_map(body, mesh=strategy.extended._mesh(), in_specs=tuple(specs),
                                out_specs=PartitionSpec(values_util.AXIS), check_vma=False)
        closed = jax.make_jaxpr(program)(*inputs)
        if not result["missing"]:
            break
        known += result["missing"]
    if code is not None:
        cache[code] = tuple(known)
    outs = jax_internals.eval_jaxpr(closed, *inputs)
    tensors, written = result["tensors"], result["written"]
    leaves = list(result["flat"])
    for j, stacked in zip(tensors, outs):
        leaves[j] = wrap(stacked[0]) if j in result["shared"] else \
            PerReplica.from_stacked(stacked)
    for var, stacked in zip(written, outs[len(tensors):]):
        if isinstance(var, MirroredVariable):
            outer.write(var._mesh_variable(), stacked)
        else:  # a variable of no strategy: replica 0's write (TF: whichever ran last)
            outer.write(var, stacked[0])
    return nest.pack_sequence_as(result["out"], leaves)
