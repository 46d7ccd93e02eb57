"""tnp's dtypes and its dtype inference (TF's numpy_ops/np_dtypes.py): NumPy's result_type,
Python floats as float64 unless experimental_enable_numpy_behavior(prefer_float32=True)."""

import numpy as np

from ..._api import export
from ..._core import dtypes

bool_ = export("experimental.numpy.bool_")(np.bool_)
complex128 = export("experimental.numpy.complex128")(np.complex128)
complex64 = export("experimental.numpy.complex64")(np.complex64)
float16 = export("experimental.numpy.float16")(np.float16)
float32 = export("experimental.numpy.float32")(np.float32)
float64 = export("experimental.numpy.float64")(np.float64)
inexact = export("experimental.numpy.inexact")(np.inexact)
int_ = export("experimental.numpy.int_")(np.int_)
int16 = export("experimental.numpy.int16")(np.int16)
int32 = export("experimental.numpy.int32")(np.int32)
int64 = export("experimental.numpy.int64")(np.int64)
int8 = export("experimental.numpy.int8")(np.int8)
object_ = export("experimental.numpy.object_")(np.object_)
string_ = export("experimental.numpy.string_")(np.bytes_)
uint16 = export("experimental.numpy.uint16")(np.uint16)
uint32 = export("experimental.numpy.uint32")(np.uint32)
uint64 = export("experimental.numpy.uint64")(np.uint64)
uint8 = export("experimental.numpy.uint8")(np.uint8)
unicode_ = export("experimental.numpy.unicode_")(np.str_)
# NumPy 2 removed np.complex_ and np.float_; TF aliases them to the 64-bit types.
complex_ = export("experimental.numpy.complex_")(np.complex128)
float_ = export("experimental.numpy.float_")(np.float64)
iinfo = export("experimental.numpy.iinfo")(np.iinfo)
issubdtype = export("experimental.numpy.issubdtype")(np.issubdtype)

_to_float32 = {
    np.dtype("float64"): np.dtype("float32"),
    np.dtype("complex128"): np.dtype("complex64"),
}

_prefer_float32 = False
_allow_float64 = True


def is_prefer_float32():
    return _prefer_float32


def set_prefer_float32(b):
    global _prefer_float32
    _prefer_float32 = b


def is_allow_float64():
    return _allow_float64


def set_allow_float64(b):
    global _allow_float64
    _allow_float64 = b


def canonicalize_dtype(dtype):
    if not _allow_float64:
        return _to_float32.get(dtype, dtype)
    return dtype


def _result_type(*arrays_and_dtypes):
    """NumPy's result type of the arguments, as a tf.DType (Python floats float32 when
    prefer_float32)."""

    def preprocess_float(x):
        if _prefer_float32:
            if isinstance(x, float):
                return np.float32(x)
            if isinstance(x, complex):
                return np.complex64(x)
        return x

    dtype = np.result_type(*[preprocess_float(x) for x in arrays_and_dtypes])
    return dtypes.as_dtype(canonicalize_dtype(dtype))


def default_float_type():
    """float64, or float32 when prefer_float32 is set or float64 is disallowed."""
    if not _prefer_float32 and _allow_float64:
        return float64
    return float32
