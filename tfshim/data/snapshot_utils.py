"""tf.data's snapshot files (TF's core/data/snapshot_utils.cc, file format version 2), as
Dataset.save writes them and Dataset.load and Dataset.snapshot read them:

    PATH/snapshot.metadata                     a SnapshotMetadataRecord (binary proto)
    PATH/RUN_ID/00000000.shard/00000000.snapshot
                                               TFRecord-framed records, one per tensor of each
                                               element: a TensorProto with its tensor_content

Strings' tensor_content is TF's EncodeStringList: each element's length (varint), then the
bytes of all. GZIP and ZLIB compress the whole file, as TF's record writer does.
"""

from __future__ import annotations

import glob
import math
import os
import random
import time

import numpy as np

from .._core import dtypes, errors
from .._proto.snapshot import SnapshotMetadataRecord
from .._proto.tensor import TensorProto
from .tf_record import TFRecordOptions, TFRecordWriter, read_records

VERSION = 2  # TF's kFileFormatVersion of SaveDatasetOp and SnapshotDatasetV2Op
METADATA = "snapshot.metadata"
_BY_ENUM = {d.as_datatype_enum: d for d in dtypes.ALL}
_COMPRESSIONS = ("", "GZIP", "ZLIB")


def compression(value) -> str:
    """A compression argument as TF's record writer names it."""
    c = "" if value is None else value
    c = c.numpy() if hasattr(c, "numpy") else c
    c = c.decode() if isinstance(c, bytes) else c
    if c not in _COMPRESSIONS:
        # TF also writes SNAPPY; tfshim has no snappy codec (README: known deviations).
        raise errors.InvalidArgumentError(None, None, "tfshim: compression %r is not supported "
                                          "(one of None, 'GZIP', 'ZLIB')" % (c,))
    return c


def new_run_id() -> int:
    return random.getrandbits(64)


def run_directory(path: str, run_id) -> str:
    return os.path.join(path, str(run_id))


def shard_directory(run_dir: str, shard_index: int) -> str:
    return os.path.join(run_dir, "%08d.shard" % shard_index)


def checkpoint_path(shard_dir: str, checkpoint_id: int) -> str:
    return os.path.join(shard_dir, "%08d.snapshot" % checkpoint_id)


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


def write_metadata(path: str, run_id, output_dtypes, num_elements: int, finalized: bool,
                   graph_hash: str = "") -> None:
    """PATH/snapshot.metadata, written to a temporary file and renamed (as TF's)."""
    record = SnapshotMetadataRecord(
        graph_hash=graph_hash, run_id=str(run_id), creation_timestamp=int(time.time() * 1e6),
        version=VERSION, dtype=[d.as_datatype_enum for d in output_dtypes],
        num_elements=num_elements, finalized=finalized)
    target = os.path.join(path, METADATA)
    tmp = target + ".tmp"
    with open(tmp, "wb") as f:
        f.write(record.SerializeToString())
    os.replace(tmp, target)


def read_metadata(path: str):
    """PATH's SnapshotMetadataRecord, or None when it has none."""
    try:
        with open(os.path.join(path, METADATA), "rb") as f:
            data = f.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
    record = SnapshotMetadataRecord()
    record.ParseFromString(data)
    return record


class Writers:
    """One file per shard of a run (TF's AsyncWriter, here synchronous): each element's
    tensors, one record each."""

    def __init__(self, run_dir: str, compression_type: str):
        self._run_dir = run_dir
        self._options = TFRecordOptions(compression_type)
        self._files = {}

    def write(self, shard_index: int, flat) -> None:
        w = self._files.get(shard_index)
        if w is None:
            shard_dir = shard_directory(self._run_dir, shard_index)
            os.makedirs(shard_dir, exist_ok=True)
            w = self._files[shard_index] = TFRecordWriter(checkpoint_path(shard_dir, 0),
                                                          self._options)
        for v in flat:
            w.write(encode_tensor(v))

    def close(self) -> None:
        for w in self._files.values():
            w.close()
        self._files = {}


def shard_directories(run_dir: str) -> list:
    return sorted(glob.glob(os.path.join(glob.escape(run_dir), "*.shard")))


def read_shard(shard_dir: str, compression_type: str, num_components: int):
    """A shard's elements, each a flat list of arrays, from its files in order."""
    for path in sorted(glob.glob(os.path.join(glob.escape(shard_dir), "*.snapshot"))):
        pending = []
        for record in read_records(path, compression_type):
            pending.append(decode_tensor(record))
            if len(pending) == num_components:
                yield pending
                pending = []
        if pending:
            raise errors.DataLossError(None, None, "%s ends inside an element" % path)
