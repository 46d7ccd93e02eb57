"""tf.dtypes: TF's DType objects and every dtype rule tfshim applies, in one module."""

from __future__ import annotations

import builtins

import ml_dtypes
import numpy as np

from .. import _api


class DType:
    """tf.dtypes.DType."""

    __slots__ = ("_name", "_np", "_enum")

    def __init__(self, name: str, np_dtype, enum: int):
        self._name = name
        self._np = np.dtype(np_dtype)
        self._enum = enum

    name = property(lambda self: self._name)
    # tf.string's NumPy type is the builtin object; a quantized type's a one-field structured
    # dtype ([('qint8', 'i1')]), as TF's.
    as_numpy_dtype = property(lambda self: object if self._name == "string" else (
        self._np if self in _QUANTIZED else self._np.type))
    as_datatype_enum = property(lambda self: self._enum)
    size = property(lambda self: 0 if self._name == "string" else self._np.itemsize)
    is_bool = property(lambda self: self is bool)
    is_complex = property(lambda self: self in _COMPLEX)
    is_floating = property(lambda self: self in _FLOATING or self in _FLOAT8)
    is_integer = property(lambda self: self in _INTEGER)
    is_unsigned = property(lambda self: self in _UNSIGNED)
    is_numeric = property(lambda self: self in _NUMERIC or self in _QUANTIZED)
    is_quantized = property(lambda self: self in _QUANTIZED)
    base_dtype = property(lambda self: self)
    real_dtype = property(lambda self: {complex64: float32, complex128: float64}.get(self, self))

    def _no_limit(self, which):
        if self in _QUANTIZED:
            raise TypeError(f"Cannot find {which} value of {self} with quantized type {self}.")
        raise TypeError(f"Cannot find {which} value of {self!r}.")

    @property
    def min(self):
        if self in _FLOATING or self in _FLOAT8:
            return ml_dtypes.finfo(self._np).min
        if self in _INTEGER:
            return np.iinfo(self._np).min
        self._no_limit("minimum")

    @property
    def max(self):
        if self in _FLOATING or self in _FLOAT8:
            return ml_dtypes.finfo(self._np).max
        if self in _INTEGER:
            return np.iinfo(self._np).max
        self._no_limit("maximum")

    @property
    def limits(self):
        return (self.min, self.max)

    def is_compatible_with(self, other) -> bool:
        return self is as_dtype(other)

    def __repr__(self) -> str:
        return "tf." + self._name

    def __str__(self) -> str:
        return f"<dtype: '{self._name}'>"

    def __eq__(self, other) -> bool:
        if other is None:
            return False
        if isinstance(other, DType):
            return self is other
        try:
            return self is as_dtype(other)
        except TypeError:
            return False

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return self._enum

    def __reduce__(self):
        return as_dtype, (self._name,)


float16 = DType("float16", np.float16, 19)
bfloat16 = DType("bfloat16", ml_dtypes.bfloat16, 14)
float32 = DType("float32", np.float32, 1)
float64 = DType("float64", np.float64, 2)
complex64 = DType("complex64", np.complex64, 8)
complex128 = DType("complex128", np.complex128, 18)
int8 = DType("int8", np.int8, 6)
int16 = DType("int16", np.int16, 5)
int32 = DType("int32", np.int32, 3)
int64 = DType("int64", np.int64, 9)
uint8 = DType("uint8", np.uint8, 4)
uint16 = DType("uint16", np.uint16, 17)
uint32 = DType("uint32", np.uint32, 22)
uint64 = DType("uint64", np.uint64, 23)
bool = DType("bool", np.bool_, 10)  # noqa: A001 - TF's public name
string = DType("string", np.object_, 7)
half, double = float16, float64
# TF's quantized types: names, enums and NumPy types only (no tensor holds one in tfshim).
qint8 = DType("qint8", [("qint8", np.int8)], 11)
quint8 = DType("quint8", [("quint8", np.uint8)], 12)
qint16 = DType("qint16", [("qint16", np.int16)], 15)
quint16 = DType("quint16", [("quint16", np.uint16)], 16)
qint32 = DType("qint32", [("qint32", np.int32)], 13)
_QUANTIZED = frozenset((qint8, quint8, qint16, quint16, qint32))
# tf.dtypes.experimental's 8-bit floats: floating but not numeric in TF (no arithmetic kernels;
# Cast to and from them only), so they stay out of the op-def sets below.
float8_e5m2 = DType("float8_e5m2", ml_dtypes.float8_e5m2, 24)
float8_e4m3fn = DType("float8_e4m3fn", ml_dtypes.float8_e4m3fn, 25)
_FLOAT8 = frozenset((float8_e5m2, float8_e4m3fn))

ALL = (float16, bfloat16, float32, float64, complex64, complex128, int8, int16, int32, int64,
       uint8, uint16, uint32, uint64, bool, string)
_FLOATING = frozenset((float16, bfloat16, float32, float64))
_COMPLEX = frozenset((complex64, complex128))
_UNSIGNED = frozenset((uint8, uint16, uint32, uint64))
_INTEGER = frozenset((int8, int16, int32, int64)) | _UNSIGNED
_NUMERIC = _FLOATING | _COMPLEX | _INTEGER

# Dtype sets used by op registrations (TF's op-def type constraints).
FLOAT = _FLOATING
FLOAT_COMPLEX = _FLOATING | _COMPLEX
FLOAT8 = _FLOAT8
NUMBER = _NUMERIC
INTEGER = _INTEGER
# TF's IsTrainable set: the dtypes gradients flow through.
TRAINABLE = FLOAT_COMPLEX

_BY_NAME = {d.name: d for d in ALL + tuple(_QUANTIZED) + tuple(_FLOAT8)}
_BY_ENUM = {d.as_datatype_enum: d for d in ALL + tuple(_QUANTIZED) + tuple(_FLOAT8)}
_BY_NAME.update(half=float16, double=float64)
_BY_NP = {d._np: d for d in ALL + tuple(_FLOAT8) if d is not string}
_BY_NP[np.dtype(object)] = string  # tf.string tensors hold NumPy object arrays of bytes
_BY_NP[np.dtype(np.str_)] = string
_BY_NP[np.dtype(np.bytes_)] = string
_BY_NP.update((d._np, d) for d in _QUANTIZED)


# TF's own table: Python float is float32 here, unlike NumPy; int goes through NumPy (int64).
_PYTHON_TO_TF = {builtins.float: float32, builtins.bool: bool, builtins.object: string}


def from_numpy(np_dtype) -> DType:
    """The DType of a NumPy/JAX dtype (fast path used on every tensor's .dtype)."""
    d = _BY_NP.get(np_dtype)
    if d is None:
        d = _BY_NP.get(np.dtype(np_dtype))
        if d is None:
            if np.dtype(np_dtype).kind in "SU":
                return string
            raise TypeError(f"Cannot convert {np_dtype!r} to a TensorFlow DType.")
    return d


def as_dtype(type_value) -> DType:
    """tf.dtypes.as_dtype."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
        if d is not None:
            return d
    elif type_value in _PYTHON_TO_TF:
        return _PYTHON_TO_TF[type_value]
    elif isinstance(type_value, int) and type_value in _BY_ENUM:  # TF's DataType enum values
        return _BY_ENUM[type_value]
    if type_value is not None:
        try:
            return from_numpy(np.dtype(type_value))
        except TypeError:
            pass
    raise TypeError(
        f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType."
    )


for _d in ALL + (qint8, quint8, qint16, quint16, qint32):
    _api.export(_d.name, "dtypes." + _d.name)(_d)
for _d in _FLOAT8:
    _api.export("dtypes.experimental." + _d.name)(_d)
_api.export("half", "dtypes.half")(half)
_api.export("double", "dtypes.double")(double)
_api.export("DType", "dtypes.DType")(DType)
_api.export("as_dtype", "dtypes.as_dtype")(as_dtype)


def tf_type_name(d: DType) -> str:
    """The dtype as TF's runtime names it in messages (float, double, half)."""
    return {"float32": "float", "float64": "double", "float16": "half"}.get(d.name, d.name)
