"""tf.experimental.Optional (TF's data/ops/optional_ops.py)."""

from __future__ import annotations

import jax
import numpy as np

from .. import _api
from .._core import dtypes, errors, nest
from .._core.composite_tensor import CompositeTensor
from .._core.tensor import Tensor, wrap
from .._core.tensor_spec import TensorSpec
from .._core.type_spec import TypeSpec
from . import structure


@_api.export("experimental.Optional", "data.experimental.Optional")
class Optional(CompositeTensor):
    """tf.experimental.Optional: a value or nothing, with its element spec. A composite tensor
    (components: has_value and the value's tensors), so a tf.function can return one, as
    Keras's train function does."""

    @staticmethod
    def from_value(value):
        value = structure.normalize(value)
        return _OptionalImpl(True, value, structure.type_spec_from_value(value))

    @staticmethod
    def empty(element_spec):
        return _OptionalImpl(False, None, element_spec)


class _OptionalImpl(Optional):
    __slots__ = ("_has_value", "_value", "_element_spec")

    def __init__(self, has_value, value, element_spec):
        self._has_value = has_value
        self._value = value
        self._element_spec = element_spec

    def has_value(self, name=None):
        if isinstance(self._has_value, Tensor):  # a traced iterator's: known when called
            return self._has_value
        return wrap(np.asarray(self._has_value))

    def get_value(self, name=None):
        if isinstance(self._has_value, Tensor) and isinstance(self._has_value._value,
                                                               jax.core.Tracer):
            # Inside tf.function: the value fed (zeros at the end of the data; TF's compiled
            # OptionalGetValue raises there, which XLA can't: README's deviations).
            return self._value
        if not bool(self._has_value):
            raise errors.InvalidArgumentError(
                None, None, "The optional does not have a value [Op:OptionalGetValue] name: ")
        return self._value

    @property
    def element_spec(self):
        return self._element_spec

    @property
    def _type_spec(self):
        return OptionalSpec(self._element_spec)


@_api.export("OptionalSpec")
class OptionalSpec(TypeSpec):
    """tf.OptionalSpec: an Optional's spec, its element spec."""

    __slots__ = ("_element_spec",)

    def __init__(self, element_spec):
        self._element_spec = element_spec

    value_type = property(lambda self: Optional)

    def _serialize(self):
        return (self._element_spec,)

    @property
    def _component_specs(self):
        return [TensorSpec([], dtypes.bool), self._element_spec]

    def _to_components(self, value):
        item = value._value
        if item is None:  # an empty Optional: zeros of its element spec stand for the value
            item = nest.map_structure(
                lambda s: wrap(np.zeros([d or 0 for d in s.shape.as_list()],
                                        s.dtype.as_numpy_dtype)), self._element_spec)
        return [value.has_value(), item]

    def _from_components(self, components):
        has_value, item = components
        return _OptionalImpl(has_value, item, self._element_spec)

    @classmethod
    def from_value(cls, value):
        return value._type_spec
