"""tf.SparseTensor and tf.SparseTensorSpec (TF's framework/sparse_tensor.py).

A SparseTensor is three tensors: int64 `indices` [N, rank], `values` [N], int64 `dense_shape`
[rank], and the static shape TF derives from dense_shape. It is a composite tensor: tf.nest
(expand_composites), tf.function and JAX's pytrees see its three components.
"""

from __future__ import annotations

import jax
import numpy as np

from .. import _api
from . import dtypes
from .composite_tensor import CompositeTensor
from .convert import convert_to_tensor, register_tensor_conversion_function
from .tensor import Tensor
from .tensor_shape import TensorShape, as_shape
from .type_spec import TypeSpec


def _check_dims(a, b):
    """TF's Dimension.assert_is_compatible_with."""
    if a is not None and b is not None and a != b:
        raise ValueError("Dimensions %s and %s are not compatible" % (a, b))


def _static_shape(dense_shape) -> TensorShape:
    """TF's constant_value_as_shape: the shape dense_shape holds, where it is concrete."""
    if isinstance(dense_shape._value, jax.core.Tracer):
        return TensorShape([None] * dense_shape.shape[0])
    return TensorShape([None if d < 0 else int(d) for d in np.asarray(dense_shape._value)])


@_api.export("sparse.SparseTensor", "SparseTensor")
class SparseTensor(CompositeTensor):
    """tf.SparseTensor."""

    __slots__ = ("_indices", "_values", "_dense_shape", "_dense_shape_default")

    def __init__(self, indices, values, dense_shape):
        indices = convert_to_tensor(indices, dtypes.int64)
        values = values if isinstance(values, Tensor) else convert_to_tensor(values)
        dense_shape = convert_to_tensor(dense_shape, dtypes.int64)
        self._indices = indices
        self._values = values
        self._dense_shape = dense_shape
        self._dense_shape_default = _static_shape(dense_shape)
        indices_shape = indices.shape.with_rank(2)
        values_shape = values.shape.with_rank(1)
        dense_shape_shape = dense_shape.shape.with_rank(1)
        _check_dims(indices_shape[0], values_shape[0])
        _check_dims(indices_shape[1], dense_shape_shape[0])

    @classmethod
    def from_value(cls, sparse_tensor_value):
        if isinstance(sparse_tensor_value, SparseTensor):
            return sparse_tensor_value
        return SparseTensor(sparse_tensor_value.indices, sparse_tensor_value.values,
                            sparse_tensor_value.dense_shape)

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    shape = property(lambda self: self._dense_shape_default)
    device = property(lambda self: self._values.device)

    @property
    def ndim(self):
        return self._dense_shape_default.ndims

    def get_shape(self) -> TensorShape:
        return self._dense_shape_default

    def set_shape(self, shape):
        shape = as_shape(shape)
        if not self._dense_shape_default.is_compatible_with(shape):
            raise ValueError("Tensor's shape %s is not compatible with supplied shape %s."
                             % (self._dense_shape_default, shape))
        self._dense_shape_default = self._dense_shape_default.merge_with(shape)

    def with_values(self, new_values):
        """A SparseTensor with these values at the same indices."""
        new_values = convert_to_tensor(new_values)
        _check_dims(new_values.shape[0], self._values.shape[0])
        out = SparseTensor(self._indices, new_values, self._dense_shape)
        out._dense_shape_default = self._dense_shape_default
        return out

    def consumers(self):
        return []

    def __repr__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (
            self._indices, self._values, self._dense_shape)

    __str__ = __repr__

    @property
    def _type_spec(self):
        return SparseTensorSpec(self._dense_shape_default, self._values.dtype)


@_api.export("SparseTensorSpec")
class SparseTensorSpec(TypeSpec):
    """tf.SparseTensorSpec."""

    __slots__ = ("_shape", "_dtype")

    def __init__(self, shape=None, dtype=dtypes.float32):
        self._shape = as_shape(shape)
        self._dtype = dtypes.as_dtype(dtype)

    value_type = property(lambda self: SparseTensor)
    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)

    def _serialize(self):
        return (self._shape, self._dtype)

    @property
    def _component_specs(self):
        from .tensor_spec import TensorSpec  # tensor_spec.py builds on conversion

        rank = self._shape.ndims
        return [TensorSpec([None, rank], dtypes.int64), TensorSpec([None], self._dtype),
                TensorSpec([rank], dtypes.int64)]

    def _to_components(self, value):
        return [value._indices, value._values, value._dense_shape]

    def _from_components(self, tensor_list):
        indices, values, dense_shape = tensor_list
        out = SparseTensor(indices, values, dense_shape)
        if self._shape.ndims is not None:
            out._dense_shape_default = out._dense_shape_default.merge_with(self._shape)
        return out

    def _placeholder_value(self):
        """A value that stands for this spec in a trace (get_concrete_function): one zero
        at index 0, None dimensions 1 (an unknown rank: 1)."""
        dims = self._shape.as_list() if self._shape.ndims is not None else [None]
        return SparseTensor(np.zeros((1, len(dims)), np.int64),
                            np.zeros((1,), self._dtype.as_numpy_dtype),
                            [1 if d is None else d for d in dims])

    @classmethod
    def from_value(cls, value):
        return value._type_spec


def _no_conversion(value, dtype=None):
    # TF: a SparseTensor is not a Tensor; ops that need one say so.
    raise ValueError("Attempt to convert a value (%r) with an unsupported type (<class "
                     "'tensorflow.python.framework.sparse_tensor.SparseTensor'>) to a Tensor."
                     % (value,))


register_tensor_conversion_function(SparseTensor, _no_conversion)

# TF's module for the classes, as `value_type` and `type()` print them.
SparseTensor.__module__ = "tensorflow.python.framework.sparse_tensor"
SparseTensorSpec.__module__ = "tensorflow.python.framework.sparse_tensor"
