"""TF's framework/tensor_util.py: tf.get_static_value (constant_value), and a tensor's
TensorProto bytes both ways (Tensor::AsProtoTensorContent and Tensor::FromProto: what
tf.io.serialize_tensor/parse_tensor and tf.data's snapshot files hold)."""

from __future__ import annotations

import math

import numpy as np

from .. import _api
from .._proto.tensor import TensorProto
from . import dtypes, jax_internals
from .tensor import SymbolicTensor, Tensor
from .variable import Variable


@_api.export("get_static_value")
def get_static_value(tensor, partial=False):
    """tf.get_static_value: a tensor's value as a NumPy array where it is known without running
    a graph; None where not.

    Differences from TensorFlow: in a trace (tf.function, FuncGraph), a tensor computed from
    constants alone has its value, whatever the ops; TF's constant folding here knows only
    Const, Shape, Size, Rank, Range, Cast, Concat, Pack, Fill and a few more (it gives None
    for `tf.constant(2) * 3` in a graph).
    """
    if isinstance(tensor, Variable):
        return None
    if isinstance(tensor, SymbolicTensor):
        value = jax_internals.value_outside_trace(tensor._value, [], [])
        return None if value is None else np.asarray(value)
    if isinstance(tensor, Tensor):
        return tensor.numpy()
    return tensor


def encode_tensor(array) -> bytes:
    """A tensor as TF's Tensor::AsProtoTensorContent serializes it."""
    from ..train.table import varint  # the checkpoint's varint (train loads after data)

    if isinstance(array, (bytes, str)):  # a scalar string as elements hold it
        a = np.empty((), object)
        a[()] = array
    else:
        a = np.asarray(array)
    if a.dtype != object and a.dtype.kind not in "SU":
        return _numeric_record(a)
    dt = dtypes.string
    proto = TensorProto(dtype=dt.as_datatype_enum)
    proto.tensor_shape.SetInParent()
    for d in a.shape:
        proto.tensor_shape.dim.add(size=d)
    items = [v if isinstance(v, bytes) else str(v).encode() for v in a.ravel()]
    proto.tensor_content = b"".join(varint(len(v)) for v in items) + b"".join(items)
    return proto.SerializeToString()


_HEADERS: dict = {}  # (dtype, shape) -> a TensorProto's dtype and shape fields, serialized


def _numeric_record(a) -> bytes:
    """encode_tensor of a numeric array: its fields 1 and 2 (cached per dtype and shape) and
    its bytes as field 4, the bytes protobuf would write, without a message per tensor."""
    from ..train.table import varint

    key = (a.dtype.str, a.shape)
    head = _HEADERS.get(key)
    if head is None:
        proto = TensorProto(dtype=dtypes.from_numpy(a.dtype).as_datatype_enum)
        proto.tensor_shape.SetInParent()
        for d in a.shape:
            proto.tensor_shape.dim.add(size=d)
        head = _HEADERS[key] = proto.SerializeToString()
    content = np.ascontiguousarray(a, a.dtype.newbyteorder("<")).tobytes()
    if not content:  # proto3 leaves an empty bytes field out
        return head
    return head + b"\x22" + varint(len(content)) + content


_BY_ENUM = {d.as_datatype_enum: d for d in dtypes.ALL}
# The typed value fields a TensorProto may hold instead of tensor_content.
_VALUE_FIELDS = ("float_val", "double_val", "int_val", "int64_val", "bool_val", "uint32_val",
                 "uint64_val", "string_val")


_LITTLE: dict = {}  # DType -> its little-endian NumPy dtype


def decode_tensor(data: bytes) -> np.ndarray:
    """A TensorProto's value (TF's Tensor::FromProto)."""
    from ..train.table import read_varint

    proto = TensorProto()
    proto.ParseFromString(data)
    dt = _BY_ENUM[proto.dtype]
    shape = tuple(d.size for d in proto.tensor_shape.dim)
    n = math.prod(shape)
    if dt is dtypes.string:
        if proto.tensor_content:
            buf, pos, lengths = proto.tensor_content, 0, []
            for _ in range(n):
                length, pos = read_varint(buf, pos, len(buf))
                lengths.append(length)
            items = []
            for length in lengths:
                items.append(buf[pos:pos + length])
                pos += length
        else:
            items = list(proto.string_val)
        items += [items[-1] if items else b""] * (n - len(items))
        out = np.empty(n, object)
        for i, v in enumerate(items):  # one by one: NumPy's bytes_ would drop trailing NULs
            out[i] = bytes(v)
        return out.reshape(shape)
    np_dtype = _LITTLE.get(dt)
    if np_dtype is None:
        np_dtype = _LITTLE[dt] = np.dtype(dt.as_numpy_dtype).newbyteorder("<")
    if proto.tensor_content:  # a copy: writable, in the machine's byte order
        return np.frombuffer(proto.tensor_content, np_dtype).astype(
            np_dtype.newbyteorder("=")).reshape(shape)
    if dt in (dtypes.float16, dtypes.bfloat16):
        values = np.asarray(proto.half_val, np.uint16).view(np_dtype)
    else:
        values = next((np.asarray(getattr(proto, f), np_dtype) for f in _VALUE_FIELDS
                       if len(getattr(proto, f))), np.zeros(0, np_dtype))
    if dt.is_complex:
        values = values.view(np_dtype)
    out = np.zeros(n, np_dtype)
    if len(values):  # TF repeats the last value to fill the shape
        out[:len(values)] = values[:n]
        out[len(values):] = values[-1]
    return out.reshape(shape)
