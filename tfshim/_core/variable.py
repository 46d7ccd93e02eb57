"""tf.Variable: a mutable jax.Array behind a handle id; reads are recorded identity ops."""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect

import jax
import numpy as np

from .. import _api
from . import context, dtypes, errors, scope, tape
from .convert import convert_to_tensor, register_tensor_conversion_function
from .indexed_slices import IndexedSlices
from .op import IDENTITY
from .tensor import CoreTensor, EagerTensor, Reference, _next_id, device_name, numpy_text, wrap
from .tensor_shape import TensorShape
from .trackable import Trackable


@_api.export("VariableSynchronization")
class VariableSynchronization(enum.Enum):
    """tf.VariableSynchronization."""

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


@_api.export("VariableAggregation")
class VariableAggregationV2(enum.Enum):
    """tf.VariableAggregation (TF 2's class is VariableAggregationV2)."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        # TF's: equal to the TF 1 enum's member of the same value (variables' default).
        return self is other or (isinstance(other, _VariableAggregationV1)
                                 and self.value == other.value)


VariableAggregation = VariableAggregationV2


class _VariableAggregationV1(enum.Enum):
    """TF's TF 1 VariableAggregation: `tf.Variable`'s default `aggregation` is its NONE, which
    prints as `VariableAggregation.NONE` (compares equal to tf.VariableAggregation's)."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3  # noqa: PIE796 - TF's deprecated alias

    def __hash__(self):
        return hash(self.value)


_VariableAggregationV1.__name__ = _VariableAggregationV1.__qualname__ = "VariableAggregation"


# tf.distribute installs the function that picks the class of `tf.Variable(...)`.
_variable_class: list = []


class VariableMetaclass(type):
    """TF's VariableMetaclass: `tf.Variable(...)` is made by this thread's variable creator
    scopes (innermost first), each given the next creator and tf.Variable's arguments."""

    def __call__(cls, *args, **kwargs):
        creators = context.thread_state().variable_creators
        if cls is not Variable or not creators:
            return super().__call__(*args, **kwargs)
        bound = _init_signature().bind(None, *args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        arguments.pop("self")
        arguments.pop("_lifted")

        def creator(**kw):  # TF's default creator: the variable itself (the strategy's class)
            return type.__call__(Variable, **kw)

        for c in creators:
            creator = functools.partial(_call_creator, c, creator)
        return creator(**arguments)


def _call_creator(variable_creator, next_creator, **kwargs):
    return variable_creator(next_creator, **kwargs)


@functools.lru_cache(maxsize=None)
def _init_signature():
    return inspect.signature(Variable.__init__)


@_api.export("variable_creator_scope")
@contextlib.contextmanager
def variable_creator_scope(variable_creator):
    """tf.variable_creator_scope: inside it, this thread's `tf.Variable(...)` calls
    `variable_creator(next_creator, **kwargs)` with tf.Variable's arguments."""
    st = context.thread_state()
    saved = st.variable_creators
    st.variable_creators = saved + [variable_creator]
    try:
        yield
    finally:
        st.variable_creators = saved


@_api.export("Variable")
class Variable(CoreTensor, Trackable, metaclass=VariableMetaclass):
    """tf.Variable (instances are ResourceVariable, as in TF 2)."""

    __array_priority__ = 100

    def __new__(cls, *args, **kwargs):
        if cls is Variable:
            # The current tf.distribute strategy decides the class (MirroredVariable under
            # MirroredStrategy's scope), as TF's variable creator scopes do.
            cls = _variable_class[0]() if _variable_class else ResourceVariable
        return object.__new__(cls)

    def __init__(self, initial_value=None, trainable=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 import_scope=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO,
                 aggregation=_VariableAggregationV1.NONE, shape=None,
                 experimental_enable_variable_lifting=True, _lifted=False):
        if initial_value is None:
            raise ValueError(
                "The `initial_value` arg to `tf.Variable` must be specified except when you are "
                "not providing a `variable_def`. You provided neither."
            )
        if context.tracing() is not None and not _lifted:
            # Created inside tf.function: the initial value is computed now, not traced, as
            # TF lifts initializers out of the function.
            with jax.ensure_compile_time_eval():
                self.__init__(initial_value, trainable, validate_shape, caching_device, name,
                              variable_def, dtype, import_scope, constraint, synchronization,
                              aggregation, shape, experimental_enable_variable_lifting,
                              _lifted=True)
            return
        if callable(initial_value):
            initial_value = initial_value()
        if dtype is not None:
            dtype = dtypes.as_dtype(dtype)
        if isinstance(initial_value, Variable):
            t = convert_to_tensor(initial_value, dtype)
        elif isinstance(initial_value, EagerTensor):
            # TF converts a tensor without casting it: another dtype is a ValueError.
            try:
                t = convert_to_tensor(initial_value, dtype)
            except ValueError as e:
                raise ValueError("initial_value: %s" % e) from None
        else:
            t = convert_to_tensor(initial_value, dtype)
        st = context.tracing()
        if _lifted:
            if not st.allow_creation:
                raise ValueError(errors.SINGLETON_VARIABLES)
            if isinstance(t._value, jax.core.Tracer):
                value = st.initial_value(t._value)
                if value is None:
                    raise ValueError(errors.SINGLETON_VARIABLES)
                t = wrap(value)
            st.created.append(self)
        self._value = t._value
        self._id = _next_id()
        self._name = scope.prefix() + (name if name is not None else "Variable") + ":0"
        self._trainable = (synchronization != VariableSynchronization.ON_READ
                           if trainable is None else bool(trainable))
        self._constraint = constraint
        self._shape = TensorShape(self._value.shape) if shape is None else TensorShape(shape)
        self._synchronization = synchronization
        self._aggregation = aggregation

    # -- attributes --------------------------------------------------------------------------
    name = property(lambda self: self._name)
    trainable = property(lambda self: self._trainable)
    constraint = property(lambda self: self._constraint)
    synchronization = property(lambda self: self._synchronization)
    aggregation = property(lambda self: self._aggregation)

    @property
    def dtype(self):
        return dtypes.from_numpy(self._value.dtype)

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    @property
    def device(self):
        return device_name(self._value)

    @property
    def handle(self):
        return self

    @property
    def _unique_id(self):
        """A string no other variable of this process has (TF's eager variables: the handle
        name and a process-wide uid); Keras keys its optimizer slots by it."""
        return "%s_%d" % (self._name[:-2], self._id)

    def ref(self):
        return Reference(self)

    experimental_ref = ref

    # -- reads: each is a new tensor, recorded on tapes watching this variable ----------------
    def _read(self):
        st = context.tracing()
        overrides = context.thread_state().overrides
        if overrides is not None and self._id in overrides:
            t = wrap(overrides[self._id])
        elif st is None:
            t = wrap(self._value)
        else:  # inside tf.function: a ReadVariableOp of the traced graph
            value = st.read(self)
            t = wrap(value, st.graph.read_variable(self, value))
            collector = context.collector()
            if collector is not None:  # in a traced tf.cond/while_loop branch: a capture
                t = collector.variable_read(self, t)
        if tape.active():
            tape.variable_accessed(self)
            tape.record(IDENTITY, (self,), (t,))
        return t

    def value(self):
        return self._read()

    def read_value(self):
        return self._read()

    def numpy(self):
        if context.tracing() is not None:
            raise NotImplementedError("numpy() is only available when eager execution is "
                                      "enabled.")
        if tape.active():
            tape.variable_accessed(self)
        v = np.array(self._value)
        return v[()] if v.ndim == 0 else v

    def __array__(self, dtype=None, copy=None):
        v = np.asarray(self._value)
        return v if dtype is None else v.astype(dtype)

    def __bool__(self):
        return bool(self._read())

    def __float__(self):
        return float(self._read())

    def __int__(self):
        return int(self._read())

    def __index__(self):
        return self._read().__index__()

    def __hash__(self):
        raise TypeError(
            "Variable is unhashable. Instead, use variable.ref() as the key. (Variable: %r)" % self
        )

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s, numpy=%s>" % (
            self.name, self.shape, self.dtype.name, numpy_text(wrap(self._value), is_repr=True))

    # -- writes ------------------------------------------------------------------------------
    def _checked(self, value, op_type=None):
        """The new value as an array: TF's conversion and shape checks; nothing is changed.

        op_type names the kernel that checks an update's shape (assign_add's
        AssignAddVariableOp); assign's check is in Python, a ValueError."""
        t = convert_to_tensor(value, self.dtype)
        if op_type is not None and self.dtype in (dtypes.bool, dtypes.string):
            raise errors.no_op_kernel_error(op_type, "dtype=DT_%s" % self.dtype.name.upper())
        if tuple(t._value.shape) != tuple(self._value.shape) and not (
            self._shape.rank is not None and not self._shape.is_fully_defined()
        ):
            if op_type is not None:
                raise errors.kernel_error(
                    op_type, "Cannot update variable with shape %s using a Tensor with shape %s, "
                    "shapes must be equal." % (_dims(self._value.shape), _dims(t._value.shape)))
            raise ValueError(
                "Cannot assign value to variable ' %s': Shape mismatch.The variable shape %s, "
                "and the assigned value shape %s are incompatible."
                % (self.name, TensorShape(self._value.shape), TensorShape(t._value.shape))
            )
        return t._value

    # -- checkpointing (TF's Trackable protocol, which Keras's variables forward to) ------------
    def _serialize_to_tensors(self):
        return {"VARIABLE_VALUE": self}

    def _restore_from_tensors(self, restored_tensors):
        return self.assign(restored_tensors["VARIABLE_VALUE"])

    @property
    def _shared_name(self):
        return self._name[:-2] if self._name.endswith(":0") else self._name

    def _written(self, read_value):
        if tape.active():
            tape.variable_accessed(self)
        return _UnreadVariable(self) if read_value else None

    def _store(self, value, op_type="AssignVariableOp", source=None):
        st = context.tracing()
        if st is None:
            self._value = value
        else:  # inside tf.function: the write goes to the traced program's state
            st.write(self, value, op_type, source)

    def _current(self):
        overrides = context.thread_state().overrides
        if overrides is not None and self._id in overrides:
            return overrides[self._id]
        st = context.tracing()
        return self._value if st is None else st.read(self)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        self._store(self._checked(value), "AssignVariableOp", value)
        return self._written(read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        self._store(self._current() + self._checked(delta, "AssignAddVariableOp"),
                    "AssignAddVariableOp", delta)
        return self._written(read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        self._store(self._current() - self._checked(delta, "AssignSubVariableOp"),
                    "AssignSubVariableOp", delta)
        return self._written(read_value)

    def _scatter(self, sparse_delta, op_type, update):
        """TF's ResourceScatter* kernels: rows of the variable at sparse_delta.indices, combined
        with its values (repeated indices combine in turn; for update, the last one wins)."""
        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError("Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: "
                            "%s" % (numpy_text(sparse_delta, is_repr=False)
                                    if isinstance(sparse_delta, CoreTensor) else sparse_delta))
        indices = convert_to_tensor(sparse_delta.indices)._value
        values = convert_to_tensor(sparse_delta.values, self.dtype)._value
        if context.tracing() is None:
            flat = np.asarray(indices).reshape(-1)
            bad = np.flatnonzero((flat < 0) | (flat >= self._value.shape[0]))
            if bad.size:
                raise errors.kernel_error(op_type, "indices[%d] = %d is not in [0, %d)"
                                          % (bad[0], flat[bad[0]], self._value.shape[0]))
        self._store(update(self._current().at[indices], values))
        return self._written(True)

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterAdd", lambda at, u: at.add(u))

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterSub", lambda at, u: at.add(-u))

    def scatter_mul(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterMul", lambda at, u: at.multiply(u))

    def scatter_div(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterDiv", lambda at, u: at.divide(u))

    def scatter_max(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterMax", lambda at, u: at.max(u))

    def scatter_min(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterMin", lambda at, u: at.min(u))

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        return self._scatter(sparse_delta, "ResourceScatterUpdate", lambda at, u: at.set(u))


class ResourceVariable(Variable):
    """The class of eager tf.Variable objects (its name shows in `type(v).__name__`)."""


class _UnreadVariable(ResourceVariable):
    """What assign() returns: the same variable, printed as TF prints it."""

    def __init__(self, parent):
        self._parent = parent

    _value = property(lambda self: self._parent._value)
    _id = property(lambda self: self._parent._id)
    _shape = property(lambda self: self._parent._shape)
    _trainable = property(lambda self: self._parent._trainable)
    _constraint = property(lambda self: self._parent._constraint)
    _synchronization = property(lambda self: self._parent._synchronization)
    _aggregation = property(lambda self: self._parent._aggregation)
    name = property(lambda self: "UnreadVariable")

    def assign(self, *args, **kwargs):
        return self._parent.assign(*args, **kwargs)

    def assign_add(self, *args, **kwargs):
        return self._parent.assign_add(*args, **kwargs)

    def assign_sub(self, *args, **kwargs):
        return self._parent.assign_sub(*args, **kwargs)


def _dims(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def _to_tensor(v, dtype=None):
    t = v._read()
    if dtype is not None and t.dtype is not dtype:
        raise ValueError(
            "Incompatible type conversion requested to type %s for `tf.Variable of type %s. "
            "(Variable: %r)" % (dtype.name, t.dtype.name, v)
        )
    return t


for _cls in (Variable, ResourceVariable, _UnreadVariable):
    register_tensor_conversion_function(_cls, _to_tensor)
