"""tnp.ndarray is tf.Tensor (TF's numpy_ops/np_arrays.py)."""

import tfshim as tf

from ..._api import export
from . import np_dtypes

ndarray = export("experimental.numpy.ndarray")(tf.Tensor)


def convert_to_tensor(value, dtype=None, dtype_hint=None):
    """tf.convert_to_tensor, with tnp's defaults for Python ints past int64 and floats."""
    if dtype is None and isinstance(value, int) and value >= 2**63:
        dtype = tf.uint64
    elif dtype is None and dtype_hint is None and isinstance(value, float):
        dtype = np_dtypes.default_float_type()
    return tf.convert_to_tensor(value, dtype=dtype, dtype_hint=dtype_hint)
