"""tf.experimental.Optional (TF's data/ops/optional_ops.py)."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import errors
from .._core.tensor import Tensor, wrap
from . import structure


@_api.export("experimental.Optional", "data.experimental.Optional")
class Optional:
    """tf.experimental.Optional: a value or nothing, with its element spec."""

    @staticmethod
    def from_value(value):
        value = structure.normalize(value)
        return _OptionalImpl(True, value, structure.type_spec_from_value(value))

    @staticmethod
    def empty(element_spec):
        return _OptionalImpl(False, None, element_spec)


class _OptionalImpl(Optional):
    def __init__(self, has_value, value, element_spec):
        self._has_value = has_value
        self._value = value
        self._element_spec = element_spec

    def has_value(self, name=None):
        if isinstance(self._has_value, Tensor):  # a traced iterator's: known when called
            return self._has_value
        return wrap(np.asarray(self._has_value))

    def get_value(self, name=None):
        if isinstance(self._has_value, Tensor):
            # Inside tf.function: the value fed (zeros at the end of the data; TF's compiled
            # OptionalGetValue raises there, which XLA can't: README's deviations).
            return self._value
        if not self._has_value:
            raise errors.InvalidArgumentError(
                None, None, "The optional does not have a value [Op:OptionalGetValue] name: ")
        return self._value

    @property
    def element_spec(self):
        return self._element_spec
