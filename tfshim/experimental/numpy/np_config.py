"""tnp.experimental_enable_numpy_behavior (TF's numpy_ops/np_config.py)."""

import numpy as np

import tfshim as tf

from ..._api import export
from ..._core.tensor import EagerTensor, SymbolicTensor
from ..._ops import tensor_getitem_override, tensor_methods
from . import np_array_ops, np_dtypes, np_index_ops, np_math_ops, np_utils


def _maybe_promote_tensors(x, y, force_same_dtype=False):
    """TF's maybe_promote_tensors under NumPy-style promotion: both operands cast to NumPy's
    result type of their dtypes (Python scalars stay weak, as NumPy 2 treats them)."""
    dtype = np_dtypes._result_type(np_utils._maybe_get_dtype(x), np_utils._maybe_get_dtype(y))

    def promote_or_cast(t):
        if isinstance(t, tf.Tensor):
            return t if t.dtype == dtype else tf.cast(t, dtype)
        return tf.convert_to_tensor(t, dtype)

    return promote_or_cast(x), promote_or_cast(y)


def _tensor_t(self):
    return self.transpose()


def _tensor_ndim(self):
    return self.shape.ndims


def _tensor_pos(self):
    return self


def _tensor_size(self):
    if not self.shape.is_fully_defined():
        return None
    return np.prod(self.shape.as_list())


def _tensor_tolist(self):
    if isinstance(self, SymbolicTensor):
        raise ValueError("Symbolic Tensors do not support the tolist API.")
    return self.numpy().tolist()


def _enable_numpy_methods(tensor_class):
    """TF's _enable_numpy_methods: NumPy's ndarray methods on tensors."""
    tensor_class.T = property(_tensor_t)
    tensor_class.ndim = property(_tensor_ndim)
    tensor_class.size = property(_tensor_size)
    tensor_class.__pos__ = _tensor_pos
    tensor_class.tolist = _tensor_tolist
    tensor_class.transpose = np_array_ops.transpose
    tensor_class.flatten = np_array_ops.flatten
    tensor_class.reshape = np_array_ops._reshape_method_wrapper
    tensor_class.ravel = np_array_ops.ravel
    tensor_class.clip = np_math_ops.clip
    tensor_class.astype = tf.cast
    tensor_class.__round__ = np_array_ops.around
    tensor_class.max = np_array_ops.amax
    tensor_class.mean = np_array_ops.mean
    tensor_class.min = np_array_ops.amin
    tensor_class.data = property(lambda self: self)  # TF keeps it for old callers


@export("experimental.numpy.experimental_enable_numpy_behavior")
def enable_numpy_behavior(prefer_float32=False, dtype_conversion_mode="legacy"):
    """tnp.experimental_enable_numpy_behavior: NumPy methods (`T`, `reshape`, `astype`, ...) and
    NumPy's type promotion on tf.Tensor's operators, NumPy-style indexing.

    Differences from TensorFlow: dtype_conversion_mode 'safe' and 'all' (TF's auto dtype
    conversion, WeakTensor) are not implemented; they raise NotImplementedError.
    """
    if dtype_conversion_mode in ("safe", "all"):
        raise NotImplementedError("tfshim implements dtype_conversion_mode='legacy' and 'off' only")
    numpy_style = dtype_conversion_mode == "legacy"
    tensor_methods.set_promotion(_maybe_promote_tensors if numpy_style else None)
    tensor_getitem_override.set_numpy_style(np_index_ops._getitem)
    _enable_numpy_methods(EagerTensor)
    np_dtypes.set_prefer_float32(prefer_float32)
