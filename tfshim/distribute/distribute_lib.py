"""tf.distribute's contexts and the default strategy (TF's distribute_lib.py).

Every thread is in one of TF's three modes: the default replica context (nothing entered), a
cross-replica context (inside `strategy.scope()` of a non-default strategy, or a `merge_call`),
or a replica context (inside `strategy.run`). The modes form a per-thread stack, as TF keeps one
per graph; `get_strategy`, `get_replica_context` and `in_cross_replica_context` read its top.

The default strategy is the one-replica strategy every program runs under until it enters
another: `run` calls the function once in a replica context, reductions and gathers return their
input. Keras and Sonnet call these on every model.
"""

from __future__ import annotations

import contextlib
import threading

from .. import _api
from .._core import context as _context
from .._core import nest
from .._core import variable as _variable
from .._core.context import device as _device
from .._core.custom_gradient import tape_custom_gradient
from .._core.indexed_slices import IndexedSlices
from .._core.polymorphic_function import function as _tf_function
from .._core.tensor import Tensor
from .._ops import constant_op
from .._ops import math_ops as _math_ops
from .._ops import reduction_ops as _reduction_ops
from .._ops import stateful_random_ops as _stateful_random_ops
from .reduce_util import ReduceOp, as_reduce_op


class _ThreadMode:
    def __init__(self, strategy, cross_replica_context, replica_context):
        self.strategy = strategy
        self.cross_replica_context = cross_replica_context
        self.replica_context = replica_context


class _Stack(threading.local):
    def __init__(self):
        self.modes: list = []


_stack = _Stack()
_default: dict = {}
_default_lock = threading.Lock()


def _get_default_strategy():
    if "strategy" not in _default:
        with _default_lock:
            if "strategy" not in _default:
                strategy = _DefaultDistributionStrategy()
                _default["replica_context"] = _DefaultReplicaContext(strategy, 0)
                _default["mode"] = _ThreadMode(strategy, None, _default["replica_context"])
                _default["strategy"] = strategy
    return _default["strategy"]


def _per_thread_mode() -> _ThreadMode:
    if _stack.modes:
        return _stack.modes[-1]
    _get_default_strategy()
    return _default["mode"]


@contextlib.contextmanager
def _mode(mode):
    _stack.modes.append(mode)
    st = _context.thread_state()
    outer = st.replica
    ctx = mode.replica_context
    rid = None if ctx is None else ctx._replica_id_in_sync_group
    st.replica = None if ctx is None or mode.strategy is _default.get("strategy") else (
        id(mode.strategy), rid if isinstance(rid, int) else id(rid))
    try:
        yield
    finally:
        _stack.modes.pop()
        st.replica = outer


@_api.export("distribute.get_replica_context")
def get_replica_context():
    """The current ReplicaContext, or None in a cross-replica context."""
    return _per_thread_mode().replica_context


@_api.export("distribute.in_cross_replica_context")
def in_cross_replica_context():
    """True inside a non-default `strategy.scope()` or a `merge_call`, outside `run`."""
    return _per_thread_mode().cross_replica_context is not None


@_api.export("distribute.get_strategy")
def get_strategy():
    """The current strategy: the innermost entered one, else the default strategy."""
    return _per_thread_mode().strategy


@_api.export("distribute.has_strategy")
def has_strategy():
    """Whether a non-default strategy is current."""
    return get_strategy() is not _get_default_strategy()


_set_strategy_scope: list = [None]


@_api.export("distribute.experimental_set_strategy")
def experimental_set_strategy(strategy):
    """Enter `strategy.scope()` for the rest of the program (None leaves it), as a notebook
    would write `with strategy.scope():` around every cell."""
    if _set_strategy_scope[0] is not None:
        _set_strategy_scope[0].__exit__(None, None, None)
        _set_strategy_scope[0] = None
    if has_strategy():
        raise RuntimeError("Must not be called inside a `tf.distribute.Strategy` scope.")
    if strategy is not None:
        scope = strategy.scope()
        scope.__enter__()
        _set_strategy_scope[0] = scope


def _require_cross_replica_or_default_context(extended):
    mode = _per_thread_mode()
    if mode.cross_replica_context is not None:
        if mode.cross_replica_context.extended is not extended:
            raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s"
                               % (mode.cross_replica_context, extended._container_strategy()))
        return
    if mode.replica_context is _default.get("replica_context"):
        return  # outside any scope, as TF enters the strategy's scope for the call
    raise RuntimeError("Method requires being in cross-replica context, use "
                       "get_replica_context().merge_call()")


def _require_replica_context(replica_ctx):
    mode = _per_thread_mode()
    if mode.replica_context is replica_ctx:
        return
    if mode.replica_context is None:
        raise RuntimeError("Need to be inside `call_for_each_replica()`")
    if mode.strategy is replica_ctx.strategy:
        raise RuntimeError("Mismatching ReplicaContext.")
    raise RuntimeError("Mismatching tf.distribute.Strategy objects: %s is not %s."
                       % (mode.strategy, replica_ctx.strategy))


@_api.export("distribute.InputContext")
class InputContext:
    """What an input function needs to know: its pipeline id and the replica count."""

    __slots__ = ["_num_input_pipelines", "_input_pipeline_id", "_num_replicas_in_sync"]

    def __init__(self, num_input_pipelines=1, input_pipeline_id=0, num_replicas_in_sync=1):
        self._num_input_pipelines = num_input_pipelines
        self._input_pipeline_id = input_pipeline_id
        self._num_replicas_in_sync = num_replicas_in_sync

    @property
    def num_replicas_in_sync(self):
        return self._num_replicas_in_sync

    @property
    def input_pipeline_id(self):
        return self._input_pipeline_id

    @property
    def num_input_pipelines(self):
        return self._num_input_pipelines

    def get_per_replica_batch_size(self, global_batch_size):
        if global_batch_size % self._num_replicas_in_sync != 0:
            raise ValueError("The `global_batch_size` %r is not divisible by "
                             "`num_replicas_in_sync` %r " %
                             (global_batch_size, self._num_replicas_in_sync))
        return global_batch_size // self._num_replicas_in_sync

    def __str__(self):
        return "tf.distribute.InputContext(input pipeline id {}, total: {})".format(
            self.input_pipeline_id, self.num_input_pipelines)


@_api.export("distribute.experimental.ValueContext")
class ValueContext:
    """What `experimental_distribute_values_from_function`'s function is told: its replica."""

    __slots__ = ["_replica_id_in_sync_group", "_num_replicas_in_sync"]

    def __init__(self, replica_id_in_sync_group=0, num_replicas_in_sync=1):
        self._replica_id_in_sync_group = replica_id_in_sync_group
        self._num_replicas_in_sync = num_replicas_in_sync

    @property
    def num_replicas_in_sync(self):
        return self._num_replicas_in_sync

    @property
    def replica_id_in_sync_group(self):
        return self._replica_id_in_sync_group

    def __str__(self):
        return ("tf.distribute.ValueContext(replica id {}, total replicas in sync: {})"
                .format(self.replica_id_in_sync_group, self.num_replicas_in_sync))


@_api.export("distribute.Strategy")
class Strategy:
    """tf.distribute.Strategy: the public methods, each delegating to `extended`, as TF's
    StrategyBase. Subclasses give the StrategyExtended that does the work."""

    def __init__(self, extended):
        self._extended = extended
        self._mean_reduce_fns: dict = {}
        self._reduce_sum_fns: dict = {}

    @property
    def extended(self):
        return self._extended

    @property
    def num_replicas_in_sync(self):
        return self._extended._num_replicas_in_sync

    def scope(self):
        """Enter to make this the current strategy (variables made inside belong to it)."""
        return self._extended._scope(self)

    def run(self, fn, args=(), kwargs=None, options=None):
        """Run `fn` once per replica, in a replica context."""
        return self._extended._call_for_each_replica(fn, tuple(args), dict(kwargs or {}))

    def reduce(self, reduce_op, value, axis):
        """Reduce a per-replica value across replicas (and along `axis` first, if given)."""
        _require_cross_replica_or_default_context(self._extended)
        reduce_op = as_reduce_op(reduce_op)
        if axis is None:
            return self._extended._reduce(reduce_op, value)
        if reduce_op == ReduceOp.SUM:
            if axis not in self._reduce_sum_fns:
                self._reduce_sum_fns[axis] = _tf_function(
                    lambda v: _reduction_ops.reduce_sum(v, axis=axis))
            value = self.run(self._reduce_sum_fns[axis], args=(value,))
            return self._extended._reduce(reduce_op, value)
        if reduce_op != ReduceOp.MEAN:
            raise TypeError("Expected `reduce_op` to be a `tf.distribute.ReduceOp`, not: %r"
                            % reduce_op)
        if axis not in self._mean_reduce_fns:
            self._mean_reduce_fns[axis] = _tf_function(lambda v: _mean_parts(v, axis))
        numer, denom = self.run(self._mean_reduce_fns[axis], args=(value,))
        numer = self._extended._reduce(ReduceOp.SUM, numer)
        denom = self._extended._reduce(ReduceOp.SUM, denom)
        return _math_ops.truediv(numer, _math_ops.cast(denom, numer.dtype))

    def gather(self, value, axis):
        """Concatenate a per-replica value's replicas along `axis`."""
        _require_cross_replica_or_default_context(self._extended)
        return self._extended._local_results(self._extended._gather_to(value, axis))[0]

    def experimental_local_results(self, value):
        """The values of `value` on this worker's replicas, as a tuple."""
        return self._extended._local_results(value)

    def experimental_distribute_dataset(self, dataset, options=None):
        return self._extended._experimental_distribute_dataset(dataset, options)

    def distribute_datasets_from_function(self, dataset_fn, options=None):
        return self._extended._distribute_datasets_from_function(dataset_fn, options)

    def experimental_distribute_values_from_function(self, value_fn):
        return self._extended._experimental_distribute_values_from_function(value_fn)


def _mean_parts(v, axis):
    """The numerator and element count of a mean along `axis` (an int or a list of ints)."""
    rank = v.shape.rank

    def dimension(a):
        if a < -rank or a >= rank:
            raise ValueError("`axis` = %r out of range for `value` with rank %d" % (a, rank))
        return v.shape[a]

    if isinstance(axis, int):
        denom = dimension(axis)
    elif isinstance(axis, (tuple, list)):
        denom = 1
        for a in axis:
            denom *= dimension(a)
    else:
        raise TypeError("Expected `axis` to be an integer, tuple or list not: %r" % axis)
    return _reduction_ops.reduce_sum(v, axis=axis), constant_op.constant(denom, dtype="int64")


@_api.export("distribute.StrategyExtended")
class StrategyExtended:
    """tf.distribute.StrategyExtended: what a strategy implements."""

    def __init__(self, container_strategy):
        self._container_strategy_ref = container_strategy

    def _container_strategy(self):
        return self._container_strategy_ref

    def update(self, var, fn, args=(), kwargs=None, group=True):
        """`fn(var, *args, **kwargs)` for each of `var`'s component variables, in the strategy's
        scope (from a replica context, through merge_call)."""
        kwargs = {} if kwargs is None else kwargs
        replica_ctx = get_replica_context()
        if replica_ctx is not None and not isinstance(replica_ctx, _DefaultReplicaContext):
            return replica_ctx.merge_call(
                lambda strategy, *a, **k: strategy.extended.update(var, fn, a, k, group),
                args=args, kwargs=kwargs)
        with self._container_strategy().scope():
            return self._update(var, fn, args, kwargs, group)

    def _use_merge_call(self):
        """Whether updates go through ReplicaContext.merge_call (TF's default: True)."""
        return True

    def batch_reduce_to(self, reduce_op, value_destination_pairs, options=None):
        reduce_op = as_reduce_op(reduce_op)
        return [self._reduce_to(reduce_op, v, d, options) for v, d in value_destination_pairs]

    def reduce_to(self, reduce_op, value, destinations, options=None):
        return self._reduce_to(as_reduce_op(reduce_op), value, destinations, options)

    def _reduce(self, reduce_op, value):
        return self._local_results(self._reduce_to(reduce_op, value, None, None))[0]


@_api.export("distribute.ReplicaContext")
class ReplicaContext:
    """The context `fn` runs in under `strategy.run`: its replica id and the collectives."""

    def __init__(self, strategy, replica_id_in_sync_group):
        if not (replica_id_in_sync_group is None or _is_tensor(replica_id_in_sync_group)
                or isinstance(replica_id_in_sync_group, int)):
            raise ValueError(
                "replica_id_in_sync_group can only be an integer, a Tensor or None.")
        self._strategy = strategy
        self._replica_id_in_sync_group = replica_id_in_sync_group
        self._thread_mode = _ThreadMode(strategy, None, self)
        self._scope = None

    def __enter__(self):
        self._scope = _mode(self._thread_mode)
        self._scope.__enter__()

    def __exit__(self, *exc):
        self._scope.__exit__(*exc)

    def merge_call(self, merge_fn, args=(), kwargs=None):
        """Run `merge_fn(strategy, *args)` once, in the cross-replica context."""
        _require_replica_context(self)
        with _mode(_ThreadMode(self._strategy, self._strategy, None)):
            return merge_fn(self._strategy, *args, **(kwargs or {}))

    @property
    def num_replicas_in_sync(self):
        return self._strategy.num_replicas_in_sync

    @property
    def replica_id_in_sync_group(self):
        if _is_tensor(self._replica_id_in_sync_group):
            return self._replica_id_in_sync_group
        return constant_op.constant(self._replica_id_in_sync_group, "int32")

    @property
    def strategy(self):
        return self._strategy

    def all_reduce(self, reduce_op, value, options=None):
        """Reduce `value` (a nest of tensors) across replicas; every replica gets the result.
        Its gradient is the all-reduce of the gradients, as TF's."""
        reduce_op = as_reduce_op(reduce_op)
        flat = nest.flatten(value)

        def batch_all_reduce(strategy, *xs):
            return strategy.extended.batch_reduce_to(reduce_op, [(x, None) for x in xs],
                                                     options)

        if any(isinstance(v, IndexedSlices) for v in flat):
            return nest.pack_sequence_as(value, self.merge_call(batch_all_reduce, args=flat))

        @tape_custom_gradient
        def reduced(*xs):
            ys = self.merge_call(batch_all_reduce, args=xs)
            return ys, lambda *dys: self.all_reduce(reduce_op, list(dys))

        return nest.pack_sequence_as(value, list(reduced(*flat)) if flat else [])

    def all_gather(self, value, axis, options=None):
        """Concatenate `value` (a nest of tensors) from every replica along `axis`."""
        flat = nest.flatten(value)
        if any(isinstance(v, IndexedSlices) for v in flat):
            raise NotImplementedError("all_gather does not support IndexedSlices")

        def batch_all_gather(strategy, *xs):
            return [strategy.extended._gather_to(x, axis) for x in xs]

        return nest.pack_sequence_as(value, self.merge_call(batch_all_gather, args=flat))


def _is_tensor(x):
    return isinstance(x, Tensor)


class _DefaultReplicaContext(ReplicaContext):
    """The replica context every thread starts in: replica 0 of 1 (a Python int, as TF's)."""

    @property
    def replica_id_in_sync_group(self):
        return 0


class _DefaultDistributionContext:
    """`scope()` of the default strategy: it stays the current one (nothing is pushed)."""

    def __init__(self, strategy):
        self._strategy = strategy

    def __enter__(self):
        if has_strategy():
            raise RuntimeError("Must not nest tf.distribute.Strategy scopes.")
        return self._strategy

    def __exit__(self, *exc):
        return False


class _DefaultDistributionExtended(StrategyExtended):
    """One replica on the current device: reductions and gathers are the identity."""

    def _scope(self, strategy):
        return _DefaultDistributionContext(strategy)

    def _call_for_each_replica(self, fn, args, kwargs):
        with ReplicaContext(self._container_strategy(), replica_id_in_sync_group=0):
            return fn(*args, **kwargs)

    def _reduce_to(self, reduce_op, value, destinations, options):
        return value

    def _gather_to(self, value, axis):
        return value

    def _local_results(self, value):
        return (value,)

    def colocate_vars_with(self, colocate_with_variable):
        """Variables created in this scope go where `colocate_with_variable` is (TF's eager
        colocate_with: its device)."""
        strategy = _per_thread_mode().strategy
        if strategy.extended is not self:
            if not has_strategy():
                raise RuntimeError('Need to be inside "with strategy.scope()" for %s'
                                   % (self._container_strategy(),))
            raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s"
                               % (strategy, self._container_strategy()))
        return _device(colocate_with_variable.device)

    def _update(self, var, fn, args, kwargs, group):
        result = fn(var, *args, **kwargs)
        return result if group else nest.map_structure(self._local_results, result)

    def value_container(self, value):
        return value

    def _experimental_distribute_dataset(self, dataset, options):
        return dataset

    def _distribute_datasets_from_function(self, dataset_fn, options):
        return dataset_fn(InputContext())

    def _experimental_distribute_values_from_function(self, value_fn):
        return value_fn(ValueContext())

    def variable_created_in_scope(self, v):
        return getattr(v, "_distribute_strategy", None) is None

    @property
    def _num_replicas_in_sync(self):
        return 1

    @property
    def worker_devices(self):
        raise RuntimeError("worker_devices() method unsupported by default "
                           "tf.distribute.Strategy.")

    @property
    def parameter_devices(self):
        raise RuntimeError("parameter_devices() method unsupported by default "
                           "tf.distribute.Strategy.")

    @property
    def should_checkpoint(self):
        return True

    @property
    def should_save_summary(self):
        return True

    @property
    def experimental_require_static_shapes(self):
        return False


class _DefaultDistributionStrategy(Strategy):
    """The strategy in effect when no other is: one replica, no distribution."""

    def __init__(self):
        super().__init__(_DefaultDistributionExtended(self))


@_api.export("distribute.DistributedDataset")
class DistributedDatasetInterface:
    """tf.distribute.DistributedDataset: the interface of a dataset distributed over replicas.
    MirroredStrategy's distributed datasets are its instances (input_lib.py); the default strategy
    distributes a dataset as itself."""

    def __iter__(self):
        raise NotImplementedError("Must be implemented in descendants")

    @property
    def element_spec(self):
        raise NotImplementedError("DistributedDataset.element_spec must be implemented in "
                                  "descendants.")

    def reduce(self, initial_state, reduce_func):
        raise NotImplementedError("Must be implemented in descendants.")


@_api.export("distribute.DistributedIterator")
class DistributedIteratorInterface:
    """tf.distribute.DistributedIterator: the interface of a distributed dataset's iterator."""

    def __next__(self):
        raise NotImplementedError("Iterator.__next__() must be implemented in descendants.")

    def get_next(self):
        raise NotImplementedError("DistributedIterator.get_next() must be implemented in "
                                  "descendants.")

    @property
    def element_spec(self):
        raise NotImplementedError("DistributedIterator.element_spec() must be implemented in "
                                  "descendants")

    def get_next_as_optional(self):
        raise NotImplementedError("get_next_as_optional() not implemented in descendants")


def _variable_class():
    """The class `tf.Variable(...)` makes under the current strategy."""
    pick = getattr(get_strategy().extended, "_variable_class", None)
    return pick() if pick is not None else _variable.ResourceVariable


_variable._variable_class.append(_variable_class)


def _generator_strategy():
    """The strategy a tf.random.Generator made now belongs to (TF: has_strategy's)."""
    return get_strategy() if has_strategy() else None


def _generator_replica_id(strategy):
    """TF's Generator._preprocess_key under enter_or_assert_strategy(strategy): the replica id
    in `strategy`'s replica context, None in its cross-replica context (or outside it)."""
    if not has_strategy():
        return None
    if get_strategy() is not strategy:
        raise RuntimeError("Mixing different tf.distribute.Strategy objects: %s is not %s"
                           % (get_strategy(), strategy))
    ctx = get_replica_context()
    if ctx is None:
        return None
    rid = ctx._replica_id_in_sync_group
    return rid if isinstance(rid, int) else int(rid)


_stateful_random_ops._strategy_hooks.append((_generator_strategy, _generator_replica_id))
