"""tf.types.experimental's function and tensor types (TF's python/types/core.py): abstract
bases that tfshim's tf.function, ConcreteFunction and FunctionType are registered with, so
isinstance checks work as TF's."""

import abc
import inspect
import typing

import numpy as np

from .. import _api
from .._core import function_type_utils
from .._core.concrete_function import ConcreteFunction as _ConcreteFunction
from .._core.polymorphic_function import Function as _Function
from .._core.tensor import CoreTensor
from .._core.variable import Variable


@_api.export("types.experimental.Callable")
class Callable(metaclass=abc.ABCMeta):
    """tf.types.experimental.Callable: a TF function, polymorphic or concrete."""

    @property
    @abc.abstractmethod
    def function_type(self):
        """The function's FunctionType."""

    def __call__(self, *args, **kwargs):  # noqa: B027 - TF's: not abstract
        """Run the function."""


@_api.export("types.experimental.ConcreteFunction")
class ConcreteFunction(Callable):
    """tf.types.experimental.ConcreteFunction: one traced signature of a tf.function."""


@_api.export("types.experimental.PolymorphicFunction", "types.experimental.GenericFunction")
class PolymorphicFunction(Callable):
    """tf.types.experimental.PolymorphicFunction (GenericFunction is its alias): a function
    traced per input signature (tf.function)."""


@_api.export("types.experimental.FunctionType")
class FunctionType(inspect.Signature, metaclass=abc.ABCMeta):  # noqa: B024 - isinstance base
    """tf.types.experimental.FunctionType: a function's parameters, output and captures (an
    inspect.Signature, as TF's)."""


ConcreteFunction.register(_ConcreteFunction)
PolymorphicFunction.register(_Function)
FunctionType.register(function_type_utils.FunctionType)

# TF's TensorLike: what converts to a tensor.
TensorLike = typing.Union[CoreTensor, Variable, np.ndarray, np.number, int, float, complex,
                          str, bytes, bool, tuple, list]
_api.export("types.experimental.TensorLike")(TensorLike)
