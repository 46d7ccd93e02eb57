"""TF's tensor bundle (tensorflow/core/util/tensor_bundle/tensor_bundle.cc): a checkpoint's
`PREFIX.index` table and `PREFIX.data-00000-of-00001` tensor bytes.

The index maps "" to a BundleHeaderProto and each tensor's key to a BundleEntryProto (dtype,
shape, shard, offset, size, masked CRC32C of its bytes). A numeric tensor's bytes are its
little-endian array; a string tensor's are the varint64 length of each element, the masked
CRC32C of those lengths (as uint64s), then the element bytes.
"""

from __future__ import annotations

import os
import struct
import uuid

import numpy as np

from .._core import dtypes
from .._core.errors import DataLossError, NotFoundError, UnimplementedError
from .._proto.tensor_bundle import BundleEntryProto, BundleHeaderProto
from .._proto.tensor_shape import TensorShapeProto
from . import table

_BY_ENUM = {d.as_datatype_enum: d for d in dtypes.ALL}


def data_filename(prefix: str, shard: int = 0, num_shards: int = 1) -> str:
    return "%s.data-%05d-of-%05d" % (prefix, shard, num_shards)


def index_filename(prefix: str) -> str:
    return prefix + ".index"


def _packed_lengths(lengths) -> bytes:
    """String lengths as TF's CRC sees them: each a uint32, or a uint64 past 4 GiB, not the
    varints written."""
    return b"".join(struct.pack("<I" if n <= 0xFFFFFFFF else "<Q", n) for n in lengths)


def _tensor_bytes(array: np.ndarray, dtype) -> tuple[bytes, int]:
    """The bytes a tensor is stored as, and their CRC32C as TF computes it."""
    if dtype is dtypes.string:
        items = [v if isinstance(v, bytes) else str(v).encode()
                 for v in np.asarray(array, dtype=object).reshape(-1)]
        packed = _packed_lengths([len(v) for v in items])
        rest = struct.pack("<I", table.mask(table.crc32c(packed))) + b"".join(items)
        lengths = b"".join(table.varint(len(v)) for v in items)
        return lengths + rest, table.crc32c(packed + rest)
    data = np.ascontiguousarray(array, dtype=np.dtype(dtype.as_numpy_dtype).newbyteorder("<"))
    data = data.tobytes()
    return data, table.crc32c(data)


class BundleWriter:
    """Writes a checkpoint as TF's BundleWriter: to temporary names, renamed when complete (the
    data file first, the index last), so a failed write leaves any previous files intact."""

    def __init__(self, prefix: str):
        self._prefix = prefix
        self._entries: dict[bytes, bytes] = {}
        self._chunks: list[bytes] = []
        self._offset = 0

    def add(self, key: str, array: np.ndarray, dtype) -> None:
        data, crc = _tensor_bytes(array, dtype)
        entry = BundleEntryProto(
            dtype=dtype.as_datatype_enum, shard_id=0, offset=self._offset, size=len(data),
            crc32c=table.mask(crc),
            shape=TensorShapeProto(dim=[TensorShapeProto.Dim(size=d) for d in array.shape]))
        self._entries[key.encode()] = entry.SerializeToString()
        self._chunks.append(data)
        self._offset += len(data)

    def finish(self) -> None:
        header = BundleHeaderProto(num_shards=1, endianness=BundleHeaderProto.LITTLE)
        header.version.producer = 1
        items = [(b"", header.SerializeToString())] + sorted(self._entries.items())
        directory = os.path.dirname(self._prefix)
        if directory:
            os.makedirs(directory, exist_ok=True)
        suffix = ".tempstate%s" % uuid.uuid4().hex
        data_path = data_filename(self._prefix)
        index_path = index_filename(self._prefix)
        written = []
        try:
            for path, parts in ((data_path, self._chunks), (index_path, [table.build(items)])):
                with open(path + suffix, "wb") as f:
                    written.append(path + suffix)
                    for part in parts:
                        f.write(part)
                    f.flush()
                    os.fsync(f.fileno())
            os.replace(data_path + suffix, data_path)
            os.replace(index_path + suffix, index_path)
        finally:
            for path in written:
                if os.path.exists(path):
                    os.remove(path)


class BundleReader:
    """Reads a checkpoint written by TF's BundleWriter (or ours)."""

    def __init__(self, prefix: str):
        self._prefix = prefix
        path = index_filename(prefix)
        if not os.path.isfile(path):
            raise NotFoundError(None, None, "Unsuccessful TensorSliceReader constructor: Failed "
                                "to find any matching files for %s" % prefix)
        with open(path, "rb") as f:
            data = f.read()
        handles = table.read_index(data)
        try:
            records = table.read_blocks(data, handles)
            header = BundleHeaderProto.FromString(records.pop(b""))
            entries = {k.decode(): BundleEntryProto.FromString(v) for k, v in records.items()}
        except Exception as e:  # a DataLossError, or bytes protobuf can't parse
            why = e.message if isinstance(e, DataLossError) else "corrupted header or entry"
            raise DataLossError(None, None, "Unable to read file (%s). Perhaps the file is "
                                "corrupt or was produced by a newer version of TensorFlow with "
                                "format changes (failed to seek to header entry): %s"
                                % (path, why)) from None
        if header.endianness != BundleHeaderProto.LITTLE:
            raise UnimplementedError(None, None, "Reading a big endian checkpoint is not "
                                     "supported")
        self._num_shards = header.num_shards
        self._entries = entries
        self._shards: dict[int, bytes] = {}

    def keys(self) -> list[str]:
        return sorted(self._entries)

    def has(self, key: str) -> bool:
        return key in self._entries

    def dtype(self, key: str):
        return _BY_ENUM.get(self._entry(key).dtype)

    def shape(self, key: str) -> list[int]:
        return [d.size for d in self._entry(key).shape.dim]

    def _entry(self, key: str):
        entry = self._entries.get(key)
        if entry is None:
            raise NotFoundError(None, None, "Key %s not found in checkpoint" % key)
        return entry

    def _shard(self, shard: int) -> bytes:
        if shard not in self._shards:
            if not 0 <= shard < self._num_shards:
                raise DataLossError(None, None, "TensorBundle at %s: bad shard id %d"
                                    % (self._prefix, shard))
            path = data_filename(self._prefix, shard, self._num_shards)
            try:
                with open(path, "rb") as f:
                    self._shards[shard] = f.read()
            except FileNotFoundError:
                raise NotFoundError(None, None, "%s; No such file or directory" % path) from None
        return self._shards[shard]

    def tensor(self, key: str) -> np.ndarray:
        """The stored array: TF's checks on size and checksum (DataLossError)."""
        entry = self._entry(key)
        if entry.slices:
            raise UnimplementedError(None, None, "Sliced checkpoints are not supported")
        dtype = _BY_ENUM.get(entry.dtype)
        if dtype is None:
            raise UnimplementedError(None, None, "Data type not supported")
        shape = tuple(d.size for d in entry.shape.dim)
        if any(d < 0 for d in shape):
            raise DataLossError(None, None, "Invalid tensor shape in checkpoint for %s" % key)
        data = self._shard(entry.shard_id)
        if entry.offset < 0 or entry.offset + entry.size > len(data):
            raise DataLossError(None, None, "Read less bytes than requested")
        raw = data[entry.offset:entry.offset + entry.size]
        n = int(np.prod(shape, dtype=np.int64))
        if dtype is dtypes.string:
            array, crc = self._strings(raw, n, key)
        else:
            np_dtype = np.dtype(dtype.as_numpy_dtype).newbyteorder("<")
            if len(raw) != n * np_dtype.itemsize:
                raise DataLossError(None, None, "TensorBundle at %s shard %d: entry %s has %d "
                                    "bytes, its shape needs %d" % (self._prefix, entry.shard_id,
                                                                    key, len(raw),
                                                                    n * np_dtype.itemsize))
            crc = table.crc32c(raw)
            array = np.frombuffer(raw, np_dtype).astype(dtype.as_numpy_dtype)
        if crc != table.unmask(entry.crc32c):
            raise DataLossError(None, None, "TensorBundle at %s shard %d (%d bytes): Checksum "
                                "does not match: stored %08d vs. calculated on the restored "
                                "bytes %d" % (self._prefix, entry.shard_id, entry.size,
                                              table.unmask(entry.crc32c), crc))
        return array.reshape(shape)

    def _strings(self, raw: bytes, n: int, key: str):
        pos, lengths = 0, []
        for _ in range(n):
            length, pos = table.read_varint(raw, pos, len(raw))
            lengths.append(length)
        packed = _packed_lengths(lengths)
        if pos + 4 + sum(lengths) != len(raw) or (
                table.mask(table.crc32c(packed)) != struct.unpack_from("<I", raw, pos)[0]):
            raise DataLossError(None, None, "TensorBundle at %s: corrupted string tensor %s"
                                % (self._prefix, key))
        crc = table.crc32c(packed + raw[pos:])
        pos += 4
        out = np.empty(n, dtype=object)
        for i, length in enumerate(lengths):
            out[i] = raw[pos:pos + length]
            pos += length
        return out, crc
