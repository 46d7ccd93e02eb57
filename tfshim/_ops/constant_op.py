"""tf.constant (TF's constant_op.py), tf.convert_to_tensor (TF's tensor_conversion.py) and
tf.is_tensor (TF's tensor_util.py): the conversion itself is tfshim/_core/tensor.py's."""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import convert as C
from .._core import dtypes as D
from .._core import tensor as T
from .._core.convert import convert_to_tensor
from .._core.tensor_shape import TensorShape


@_api.export("constant")
def constant(value, dtype=None, shape=None, name="Const"):
    """tf.constant."""
    if type(value) is T.EagerTensor and shape is None and (
            dtype is None or D.as_dtype(dtype) is value.dtype):
        return value  # TF hands an eager tensor back as it is
    if isinstance(value, (list, tuple)) and _holds_tensor(value):
        # tf.constant doesn't pack tensors (tf.convert_to_tensor does): TF's sequence converter
        # fails on the first tensor it meets.
        first = value
        while isinstance(first, (list, tuple)) and first:
            first = first[0]
        if isinstance(first, (bool, int, float, complex)):
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        raise ValueError("TypeError: Scalar tensor has no `len()`")
    return C.constant_value(value, dtype, shape, name)


def _holds_tensor(value) -> bool:
    return any(isinstance(v, T.Tensor) or isinstance(v, (list, tuple)) and _holds_tensor(v)
               for v in value)


@_api.export("convert_to_tensor")
def convert_to_tensor_v2(value, dtype=None, dtype_hint=None, name=None):
    """tf.convert_to_tensor."""
    return convert_to_tensor(value, dtype, dtype_hint, name)


_api.export("is_tensor")(C.is_tensor)


def _tensor_shape_to_tensor(s, dtype=None):
    """TF's _tensor_shape_tensor_conversion_function: a fully known TensorShape as its int32
    (or, past 2**31, int64) dimensions."""
    if not s.is_fully_defined():
        raise ValueError(f"Cannot convert a partially known TensorShape {s} to a Tensor.")
    dims = s.as_list()
    big = builtins.any(d >= 2**31 for d in dims)
    if dtype is not None:
        dtype = D.as_dtype(dtype)
        if dtype not in (D.int32, D.int64):
            raise TypeError(f"Cannot convert TensorShape {s} to dtype {dtype}. "
                            "Allowed dtypes are tf.int32 and tf.int64.")
        if dtype == D.int32 and big:
            raise ValueError(f"Cannot convert TensorShape {s} to dtype int32; "
                             f"a dimension is too large. Consider using tf.int64.")
    else:
        dtype = D.int64 if big else D.int32
    return T.wrap(jnp.asarray(np.asarray(dims, dtype.as_numpy_dtype).reshape([len(dims)])))


C.register_tensor_conversion_function(TensorShape, _tensor_shape_to_tensor)
