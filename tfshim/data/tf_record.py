"""TFRecord files (TF's lib/io/tf_record.py and core/lib/io/record_writer.cc): each record is
its length (uint64, little-endian), the masked CRC32C of the length, the data, and the masked
CRC32C of the data; tf.io.TFRecordWriter and tf.io.TFRecordOptions."""

from __future__ import annotations

import gzip
import io
import os
import struct
import zlib

import google_crc32c
import numpy as np

from .. import _api
from .._core import errors

_MASK_DELTA = 0xA282EAD8


def masked_crc(data: bytes) -> int:
    """TF's crc32c::Mask: the CRC rotated right by 15 bits plus a constant."""
    crc = google_crc32c.value(data)
    return (((crc >> 15) | (crc << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def frame(record: bytes) -> bytes:
    length = struct.pack("<Q", len(record))
    return (length + struct.pack("<I", masked_crc(length)) + record
            + struct.pack("<I", masked_crc(record)))


def _compression(compression_type) -> str:
    if compression_type is None:
        return ""
    if isinstance(compression_type, TFRecordOptions):
        return compression_type.compression_type or ""
    c = compression_type.numpy() if hasattr(compression_type, "numpy") else compression_type
    c = c.decode() if isinstance(c, bytes) else c
    if c not in ("", "ZLIB", "GZIP"):
        raise ValueError("Unsupported compression type: %s" % c)
    return c


def open_read(path: str, compression_type) -> bytes:
    """A file's bytes, decompressed; TF's NotFoundError when it is missing."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path) from None
    c = _compression(compression_type)
    if c == "GZIP":
        return gzip.decompress(raw)
    if c == "ZLIB":
        return zlib.decompress(raw)
    return raw


def read_records(path: str, compression_type=None):
    """The records of a TFRecord file, checked as TF's reader checks them."""
    data = open_read(path, compression_type)
    pos = 0
    view = memoryview(data)
    while pos < len(data):
        if pos + 12 > len(data):
            raise errors.DataLossError(None, None, "truncated record at %d" % pos)
        header = bytes(view[pos:pos + 8])
        (length,) = struct.unpack("<Q", header)
        (crc,) = struct.unpack("<I", view[pos + 8:pos + 12])
        if crc != masked_crc(header):
            raise errors.DataLossError(None, None, "corrupted record at %d (Is this even a "
                                       "TFRecord file?)" % pos)
        end = pos + 12 + length
        if end + 4 > len(data):
            raise errors.DataLossError(None, None, "truncated record at %d" % pos)
        record = bytes(view[pos + 12:end])
        (crc,) = struct.unpack("<I", view[end:end + 4])
        if crc != masked_crc(record):
            raise errors.DataLossError(None, None, "corrupted record at %d" % pos)
        yield record
        pos = end + 4


@_api.export("io.TFRecordOptions")
class TFRecordOptions:
    """tf.io.TFRecordOptions (compression only; the zlib tuning knobs are accepted)."""

    compression_type_map = {"ZLIB": "ZLIB", "GZIP": "GZIP", "": ""}

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None):
        self.compression_type = _compression(compression_type)
        self.compression_level = compression_level

    @classmethod
    def get_compression_type_string(cls, options):
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return options.compression_type
        return _compression(options)


@_api.export("io.TFRecordWriter")
class TFRecordWriter:
    """tf.io.TFRecordWriter: writes TF's framing (readable by TF's TFRecordDataset)."""

    def __init__(self, path, options=None):
        self._path = os.fspath(path)
        self._compression = TFRecordOptions.get_compression_type_string(options)
        self._buffer = io.BytesIO() if self._compression else None
        try:
            self._file = open(self._path, "wb")
        except FileNotFoundError:
            raise errors.NotFoundError(None, None, "%s; No such file or directory"
                                       % self._path) from None

    def write(self, record):
        if hasattr(record, "numpy"):
            record = record.numpy()
        if isinstance(record, str):
            record = record.encode()
        out = frame(bytes(record))
        (self._buffer or self._file).write(out)

    def flush(self):
        if self._buffer is None:
            self._file.flush()

    def close(self):
        if self._file is None:
            return
        if self._buffer is not None:
            raw = self._buffer.getvalue()
            if self._compression == "GZIP":
                raw = gzip.compress(raw)
            else:
                raw = zlib.compress(raw)
            self._file.write(raw)
        self._file.close()
        self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def record_array(record: bytes) -> np.ndarray:
    """A record as a scalar tf.string value."""
    out = np.empty((), object)
    out[()] = record
    return out
