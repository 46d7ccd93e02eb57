"""tf.types.experimental.TraceType (TF's python/types/trace.py): the type of a tf.function
argument; tf.TensorSpec and every tf.TypeSpec are TraceTypes."""

import abc

from .. import _api
from .._core.tensor_spec import TensorSpec
from .._core.type_spec import TypeSpec


@_api.export("types.experimental.TraceType")
class TraceType(metaclass=abc.ABCMeta):
    """tf.types.experimental.TraceType."""

    @abc.abstractmethod
    def is_subtype_of(self, other) -> bool:
        """Whether this type is a subtype of `other`."""

    @abc.abstractmethod
    def most_specific_common_supertype(self, others):
        """The most specific supertype of this type and `others`, or None."""

    @abc.abstractmethod
    def placeholder_value(self, placeholder_context):
        """A value standing for this type while a function is traced."""


TraceType.register(TensorSpec)
TraceType.register(TypeSpec)
