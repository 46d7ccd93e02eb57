"""tf.TensorArray and tf.TensorArraySpec (TF's tensor_array_ops.py).

Eagerly a TensorArray is TF's _EagerTensorArray: a Python list of tensors, mutated in place
(`write` returns the same object), so gradients flow through the list's tensors and the ops that
stack or concatenate them, as in TF. Inside tf.function the same list serves while indices are
concrete (loops over Python or constant bounds unroll). A TensorArray carried by a traced
tf.while_loop (an AutoGraph `for i in tf.range(n)` with a traced n) becomes, as TF turns it into
its flow tensor, one buffer of shape (size, *element_shape): writes and reads at traced indices
update and slice it, and each write returns a new TensorArray, as TF's graph TensorArrays do.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax import lax

from .. import _api
from .._core import context, dtypes, errors, nest
from .._core.convert import convert_to_tensor
from .._core.op import Fn, apply
from .._core.tensor import Tensor
from .._core.tensor_shape import as_shape
from .._core.type_spec import TypeSpec
from . import array_ops, array_ops_stack
from .array_ops import concat as tf_concat


class CannotCompile(errors.CannotCompile):
    """A TensorArray whose size is traced, or that grows inside a traced loop: XLA needs its
    buffer's shape, so the tf.function runs eagerly (README: known deviations)."""


def _traced(t) -> bool:
    return isinstance(t, Tensor) and isinstance(t._value, jax.core.Tracer)


def _index(i):
    """A concrete Python int, or the traced tensor as it is."""
    if isinstance(i, Tensor):
        if _traced(i):
            return i
        return int(i.numpy())
    return int(i)


def _set(buffer, index, value):
    return lax.dynamic_update_index_in_dim(buffer, value.astype(buffer.dtype), index, 0)


def _get(buffer, index):
    return lax.dynamic_index_in_dim(buffer, index, 0, keepdims=False)


def _take(buffer, indices):
    return jnp.take(buffer, indices, axis=0)


def _scatter(buffer, indices, value):
    return buffer.at[indices].set(value.astype(buffer.dtype))


_SET, _GET, _TAKE, _SCATTER = Fn(_set), Fn(_get), Fn(_take), Fn(_scatter)


@_api.export("TensorArray")
class TensorArray:
    """tf.TensorArray."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        if handle is not None:
            raise ValueError("TensorArray handles are not supported when eager execution is "
                             "enabled.")
        if size is None:
            raise ValueError("Size must be declared for TensorArrays when eager execution is "
                             "enabled.")
        self._dtype = dtypes.as_dtype(dtype).base_dtype
        self._dynamic_size = dynamic_size or False
        self._clear_after_read = True if clear_after_read is None else clear_after_read
        self._infer_shape = infer_shape
        self._element_shape = as_shape(element_shape)
        self._previously_read_indices: list = []
        self._flow = convert_to_tensor(0)
        self._buffer = None  # buffer mode: a (size, *element_shape) tensor (see module doc)
        self._pending = None  # in a loop's first trace: the TensorArray whose shape it learns
        if _traced(size):
            raise CannotCompile("a TensorArray's size is a traced tensor")
        if isinstance(size, Tensor):
            size = int(size.numpy())
        self._tensor_array: list = [None] * size

    # -- properties --------------------------------------------------------------------------
    flow = property(lambda self: self._flow)
    dtype = property(lambda self: self._dtype)
    handle = property(lambda self: None)
    element_shape = property(lambda self: self._element_shape)
    dynamic_size = property(lambda self: self._dynamic_size)

    def __repr__(self):
        return "<tensorflow.python.ops.tensor_array_ops.TensorArray object at %#x>" % id(self)

    def _copy(self, buffer, pending=None):
        """A TensorArray like this one holding `buffer` (a write in buffer mode)."""
        ta = object.__new__(TensorArray)
        ta.__dict__.update(self.__dict__)
        ta._previously_read_indices = []
        ta._buffer = buffer
        ta._tensor_array = None
        ta._pending = pending
        return ta

    def _functional(self):
        """The TensorArray a write changes: eagerly this one (TF's eager TensorArray writes in
        place); inside tf.function a copy, as TF's graph TensorArray returns a new one, so a
        write in one tf.cond branch is not seen by the other."""
        if context.tracing() is None:
            return self
        ta = object.__new__(TensorArray)
        ta.__dict__.update(self.__dict__)
        ta._tensor_array = None if self._tensor_array is None else list(self._tensor_array)
        ta._previously_read_indices = list(self._previously_read_indices)
        return ta

    def _len(self) -> int:
        return self._buffer.shape[0] if self._buffer is not None else len(self._tensor_array)

    def _elements(self) -> list:
        """The list of elements (None where unwritten), leaving buffer mode."""
        if self._buffer is not None:
            self._tensor_array = list(array_ops_stack.unstack(self._buffer))
            self._buffer = None
        return self._tensor_array

    def _as_buffer(self):
        """The (size, *element_shape) buffer the elements make (zeros where unwritten)."""
        if self._buffer is not None:
            if self._pending is not None:
                raise CannotCompile("a TensorArray read in a traced loop before any write")
            return self._buffer
        shape = self._element_shape
        if not shape.is_fully_defined():
            raise CannotCompile("a TensorArray of unknown element shape in a traced loop")
        if not self._tensor_array:
            return array_ops.zeros([0] + shape.as_list(), self._dtype)
        return array_ops_stack.stack([self._maybe_zero(i)
                                      for i in range(len(self._tensor_array))])

    # -- TF's _EagerTensorArray --------------------------------------------------------------
    def identity(self):
        """TensorArray.identity: this TensorArray (eagerly there is nothing to order)."""
        return self

    def grad(self, source, flow=None, name=None):
        raise NotImplementedError(
            "TensorArray.grad is not supported when executing eagerly; eager's gradient "
            "implementation does not use/need this function to compute gradients of operations "
            "that use TensorArrays.")

    def read(self, index, name=None):
        """TensorArray.read."""
        index = _index(index)
        if isinstance(index, Tensor) or self._buffer is not None:
            if isinstance(index, int):
                self._check_read(index)
            return apply(_GET, [self._as_buffer(), convert_to_tensor(index)])[0]
        self._check_read(index)
        tensor = self._tensor_array[index]
        if tensor is None:
            if index in self._previously_read_indices:
                raise errors.InvalidArgumentError(
                    None, None, "Could not read index %d twice because it was cleared after a "
                    "previous read (perhaps try setting clear_after_read = false?)" % index)
            tensor = self._maybe_zero(index)
        if self._clear_after_read and context.tracing() is None:
            # Inside tf.function TF's TensorArray is a TensorList, which never clears.
            self._tensor_array[index] = None
            self._previously_read_indices.append(index)
        return tensor

    def _check_read(self, index: int):
        if index < 0:
            raise errors.OutOfRangeError(
                None, None, "Reading from negative indices (index %d) is not allowed." % index)
        if index >= self._len():
            raise errors.OutOfRangeError(
                None, None, "Tried to read from index %d but array size is: %d "
                % (index, self._len()))

    def _convert_value(self, value):
        if not isinstance(value, Tensor):
            try:
                value = convert_to_tensor(value, self._dtype)
            except (TypeError, ValueError):
                value = convert_to_tensor(value)
        if self._dtype != value.dtype:
            raise errors.InvalidArgumentError(
                None, None, "TensorArray dtype is %s but Op is trying to write dtype %s "
                % (self._dtype.name, value.dtype.name))
        if not self._element_shape.is_compatible_with(value.shape):
            raise ValueError("Incompatible shape for value (%s), expected (%s)"
                             % (value.shape, self._element_shape))
        if self._infer_shape:
            self._element_shape = self._element_shape.merge_with(value.shape)
        return value

    def _write(self, index, value):
        index = _index(index)
        if isinstance(index, int) and index < 0:
            raise errors.OutOfRangeError(
                None, None, "Writing to negative indices (index %d) is not allowed." % index)
        size = self._len()
        grow = isinstance(index, int) and index >= size
        if grow and not self._dynamic_size:
            raise errors.OutOfRangeError(
                None, None, "Tried to write to index %d but array is not resizeable and size "
                "is: %d " % (index, size))
        if isinstance(index, int) and (self._buffer is None or grow):
            ta = self._functional()
            value = ta._convert_value(value)
            elements = ta._elements()
            elements.extend(None for _ in range(index - len(elements) + 1))
            elements[index] = value
            return ta
        value = self._convert_value(value)
        if self._dynamic_size and isinstance(index, Tensor):
            raise CannotCompile("a dynamically sized TensorArray written at a traced index")
        if self._pending is not None:
            # The loop learnt the element shape from this first write: it traces again
            # with a buffer of that shape (TF's TensorList needs no shape; XLA does).
            self._pending._element_shape = self._element_shape
            raise RetraceLoop()
        buffer = apply(_SET, [self._as_buffer(), convert_to_tensor(index), value])[0]
        return self._copy(buffer)

    def write(self, index, value, name=None):
        """TensorArray.write: eagerly, in place (the same TensorArray is returned), as TF's."""
        return self._write(index, value)

    def _maybe_zero(self, ix):
        val = self._tensor_array[ix]
        if val is None:
            val = self._tensor_array[ix] = array_ops.zeros(self._element_shape, self._dtype)
        return val

    def stack(self, name=None):
        """TensorArray.stack."""
        if self._buffer is not None:
            return self._buffer
        for ix in range(len(self._tensor_array)):
            self._maybe_zero(ix)
        if not self._tensor_array:
            if self._element_shape.is_fully_defined():
                return array_ops.zeros([0] + self._element_shape.as_list(), self._dtype)
            return convert_to_tensor([], self._dtype)
        return array_ops_stack.stack(self._tensor_array, name="packed")

    def gather(self, indices, name=None):
        """TensorArray.gather."""
        indices = convert_to_tensor(indices)
        if self._buffer is not None or _traced(indices):
            return apply(_TAKE, [self._as_buffer(), indices])[0]
        return array_ops_stack.stack([self._maybe_zero(int(i)) for i in indices.numpy()])

    def concat(self, name=None):
        """TensorArray.concat."""
        elements = self._elements()
        parts = [self._maybe_zero(ix) for ix in range(len(elements))]
        if any(p.shape.ndims == 0 for p in parts):
            idx = [p.shape.ndims for p in parts].index(0)
            raise errors.InvalidArgumentError(
                None, None, "Concat saw a scalar shape at index %d but requires at least "
                "vectors." % idx)
        return tf_concat(parts, 0, name=name or "concat")

    def unstack(self, value, name=None):
        """TensorArray.unstack."""
        tensors = array_ops_stack.unstack(value, name=name or "unstack")
        if len(tensors) > self._len() and not self._dynamic_size:
            raise ValueError("Cannot unstack %d tensors into a TensorArray of static size %d "
                             % (len(tensors), self._len()))
        ta = self._functional()
        ta._buffer = None
        shape = ta._element_shape
        ta._tensor_array = [ta._convert_value(t) for t in tensors]
        if context.tracing() is None:
            ta._element_shape = shape  # TF's eager unstack keeps it (a graph's merges it)
        return ta

    def scatter(self, indices, value, name=None):
        """TensorArray.scatter."""
        indices = convert_to_tensor(indices)
        if _traced(indices):
            if self._dynamic_size:
                raise CannotCompile("a dynamically sized TensorArray scattered at traced indices")
            value = convert_to_tensor(value, self._dtype)
            self._convert_value(value[0])  # TF's dtype and element shape checks
            return self._copy(apply(_SCATTER, [self._as_buffer(), indices, value])[0])
        ta = self
        for index, val in zip(indices.numpy().tolist(), array_ops_stack.unstack(value)):
            ta = ta._write(index, val)
        return ta

    def split(self, value, lengths, name=None):
        """TensorArray.split."""
        try:
            value = convert_to_tensor(value, self._dtype)
        except (TypeError, ValueError):
            value = convert_to_tensor(value)
        lengths = convert_to_tensor(lengths)
        if lengths.shape.ndims != 1:
            raise errors.InvalidArgumentError(
                None, None, "Expected lengths to be a vector, received shape: %s "
                % lengths.shape.as_list())
        if value.shape.ndims == 0:
            raise errors.InvalidArgumentError(
                None, None, "Expected value to be at least a vector, but received shape: %s "
                % value.shape.as_list())
        total = int(lengths.numpy().sum())
        if total != value.shape[0]:
            raise errors.InvalidArgumentError(
                None, None, "Expected sum of lengths to be equal to values.shape[0], but sum "
                "of lengths is %d and value's shape is: %s " % (total, value.shape.as_list()))
        if not self._dynamic_size and lengths.shape[0] != self._len():
            raise errors.InvalidArgumentError(
                None, None, "TensorArray's size is not equal to the size of lengths (%d vs. "
                "%d), and the TensorArray is not marked as dynamically resizeable."
                % (self._len(), lengths.shape[0]))
        ta = self._functional()
        ta._buffer = None
        ta._tensor_array = list(array_ops.split(value, lengths, name=name or "split"))
        return ta

    def size(self, name=None):
        """TensorArray.size."""
        return convert_to_tensor(self._len())

    def close(self, name=None):
        """TensorArray.close: drops the elements."""
        self._buffer = None
        self._tensor_array = []

    def mark_used(self):
        """TF's should-use wrapper's mark_used (TF wraps eager writes' results)."""

    @property
    def _type_spec(self):
        return TensorArraySpec(self._element_shape, self._dtype, self._dynamic_size,
                               self._infer_shape)


@_api.export("TensorArraySpec")
class TensorArraySpec(TypeSpec):
    """tf.TensorArraySpec."""

    __slots__ = ("_element_shape", "_dtype", "_dynamic_size", "_infer_shape")
    _tf_composite = False  # TF's eager TensorArray is not expanded by tf.nest

    def __init__(self, element_shape=None, dtype=dtypes.float32, dynamic_size=False,
                 infer_shape=True):
        self._element_shape = as_shape(element_shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._dynamic_size = dynamic_size
        self._infer_shape = infer_shape

    value_type = property(lambda self: TensorArray)
    dtype = property(lambda self: self._dtype)
    element_shape = property(lambda self: self._element_shape)

    def _serialize(self):
        return (self._element_shape, self._dtype, self._dynamic_size, self._infer_shape)

    @staticmethod
    def from_value(value):
        if not isinstance(value, TensorArray):
            raise TypeError("Expected value to be a TensorArray, but got: `{}`".format(value))
        return value._type_spec


# -- a TensorArray through a traced construct (TF's _convert_tensorarray_to_flow) --------------


class RetraceLoop(Exception):
    """A loop's first trace learnt a TensorArray's element shape: trace it again."""


def _flow(ta, loop):
    if loop and ta._buffer is None and not ta._element_shape.is_fully_defined() and not any(
            t is not None for t in ta._tensor_array):
        # Nothing written yet, shape unknown: a stand-in buffer; the first write in the
        # body records its shape and restarts the loop's trace (RetraceLoop).
        return array_ops.zeros([len(ta._tensor_array)], ta._dtype), ta
    return ta._as_buffer(), None


def to_flow(structure, loop=True):
    """Each TensorArray in a loop's state as its buffer tensor: (new structure, templates)."""
    flat = nest.flatten(structure)
    if not any(isinstance(x, TensorArray) for x in flat):
        return structure, None
    templates, flows = [], []
    for x in flat:
        if isinstance(x, TensorArray):
            buffer, pending = _flow(x, loop)
            templates.append((x, pending))
            flows.append(buffer)
        else:
            templates.append(None)
            flows.append(x)
    return nest.pack_sequence_as(structure, flows), templates


def from_flow(structure, templates):
    """The loop state with each TensorArray rebuilt around its buffer (undoes to_flow)."""
    if templates is None:
        return structure
    flat = nest.flatten(structure)
    out = [t[0]._copy(x, t[1]) if t is not None else x for x, t in zip(flat, templates)]
    return nest.pack_sequence_as(structure, out)

