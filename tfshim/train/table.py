"""TF's table format (tensorflow/core/lib/io/table*.cc, block*.cc, format.cc; LevelDB's SSTable):
the `.index` file of a checkpoint.

A file is data blocks, a (empty) metaindex block, an index block and a 48-byte footer. A block
holds entries (shared-prefix varint32, unshared-length varint32, value-length varint32, the
unshared key bytes, the value) with a restart point every 16 entries, then the restart offsets
(fixed32) and their count (fixed32). Every block is followed by a 5-byte trailer: the
compression type (0, none) and the masked CRC32C of the block and that type byte. The footer is
the metaindex and index block handles (varint64 offset and size each), zero-padded to 40 bytes,
then the magic number. The index block maps a key >= the last key of each data block to that
block's handle.
"""

from __future__ import annotations

import struct

import google_crc32c

from .._core.errors import DataLossError

MAGIC = 0xDB4775248B80FB57
FOOTER_LEN = 48  # 2 * BlockHandle::kMaxEncodedLength + 8
TRAILER_LEN = 5
BLOCK_SIZE = 256 * 1024  # TF's table::Options default block_size
RESTART_INTERVAL = 16
_MASK_DELTA = 0xA282EAD8


def mask(crc: int) -> int:
    """TF's crc32c::Mask: CRCs stored next to the data they cover are rotated and offset."""
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + _MASK_DELTA) & 0xFFFFFFFF


def unmask(masked: int) -> int:
    rot = (masked - _MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


def crc32c(data, crc: int = 0) -> int:
    return google_crc32c.extend(crc, bytes(data)) if crc else google_crc32c.value(bytes(data))


def varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def read_varint(buf, pos: int, limit: int, max_bytes: int = 10) -> tuple[int, int]:
    """(value, new position); DataLossError past `limit` or beyond max_bytes."""
    result = shift = 0
    for _ in range(max_bytes):
        if pos >= limit:
            break
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
    raise DataLossError(None, None, "bad block contents")


class _BlockBuilder:
    def __init__(self):
        self.buf = bytearray()
        self.restarts = [0]
        self.counter = 0
        self.last_key = b""

    def add(self, key: bytes, value: bytes):
        shared = 0
        if self.counter < RESTART_INTERVAL:
            n = min(len(self.last_key), len(key))
            while shared < n and self.last_key[shared] == key[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buf))
            self.counter = 0
        self.buf += varint(shared) + varint(len(key) - shared) + varint(len(value))
        self.buf += key[shared:] + value
        self.last_key = key
        self.counter += 1

    def size(self) -> int:
        return len(self.buf) + 4 * len(self.restarts) + 4

    def finish(self) -> bytes:
        return bytes(self.buf) + struct.pack("<%dI" % (len(self.restarts) + 1),
                                             *self.restarts, len(self.restarts))


def _shortest_separator(start: bytes, limit: bytes) -> bytes:
    """BytewiseComparator::FindShortestSeparator: a short key in [start, limit)."""
    n = min(len(start), len(limit))
    i = 0
    while i < n and start[i] == limit[i]:
        i += 1
    if i < n and start[i] < 0xFF and start[i] + 1 < limit[i]:
        return start[:i] + bytes([start[i] + 1])
    return start


def _short_successor(key: bytes) -> bytes:
    """BytewiseComparator::FindShortSuccessor: a short key >= key."""
    for i, b in enumerate(key):
        if b != 0xFF:
            return key[:i] + bytes([b + 1])
    return key


def build(items) -> bytes:
    """The table file holding (key, value) byte pairs, given in increasing key order."""
    out = bytearray()

    def write_block(contents: bytes) -> bytes:
        handle = varint(len(out)) + varint(len(contents))
        out.extend(contents)
        out.extend(b"\0" + struct.pack("<I", mask(crc32c(contents + b"\0"))))
        return handle

    index = _BlockBuilder()
    block = _BlockBuilder()
    pending = None  # the handle of a finished block, indexed once the next key is known
    for key, value in items:
        if pending is not None:
            index.add(_shortest_separator(pending[0], key), pending[1])
            pending = None
        block.add(key, value)
        if block.size() >= BLOCK_SIZE:
            pending = (block.last_key, write_block(block.finish()))
            block = _BlockBuilder()
    if block.counter:
        pending = (block.last_key, write_block(block.finish()))
    if pending is not None:
        index.add(_short_successor(pending[0]), pending[1])
    footer = write_block(_BlockBuilder().finish())  # the metaindex block: no entries
    footer += write_block(index.finish())
    out.extend(footer.ljust(FOOTER_LEN - 8, b"\0") + struct.pack("<Q", MAGIC))
    return bytes(out)


def _block(data: bytes, handle: tuple[int, int]) -> bytes:
    offset, size = handle
    if offset + size + TRAILER_LEN > len(data):
        raise DataLossError(None, None, "truncated block read")
    contents = data[offset:offset + size]
    kind, stored = struct.unpack_from("<BI", data, offset + size)
    if unmask(stored) != crc32c(data[offset:offset + size + 1]):
        raise DataLossError(None, None, "block checksum mismatch")
    if kind != 0:
        raise DataLossError(None, None, "bad block type")
    return contents


def _entries(block: bytes):
    if len(block) < 4:
        raise DataLossError(None, None, "bad block contents")
    (num_restarts,) = struct.unpack_from("<I", block, len(block) - 4)
    limit = len(block) - 4 - 4 * num_restarts
    if num_restarts > (len(block) - 4) // 4 or limit < 0:
        raise DataLossError(None, None, "bad block contents")
    pos, key = 0, b""
    while pos < limit:
        shared, pos = read_varint(block, pos, limit, 5)
        unshared, pos = read_varint(block, pos, limit, 5)
        vlen, pos = read_varint(block, pos, limit, 5)
        if shared > len(key) or pos + unshared + vlen > limit:
            raise DataLossError(None, None, "bad entry in block")
        key = key[:shared] + block[pos:pos + unshared]
        pos += unshared
        yield key, block[pos:pos + vlen]
        pos += vlen


def _handle(buf: bytes, pos: int = 0) -> tuple[tuple[int, int], int]:
    offset, pos = read_varint(buf, pos, len(buf))
    size, pos = read_varint(buf, pos, len(buf))
    return (offset, size), pos


def read_index(data: bytes) -> list:
    """The data-block handles of a table file, from its footer and index block."""
    if len(data) < FOOTER_LEN:
        raise DataLossError(None, None, "file is too short to be an sstable")
    footer = data[-FOOTER_LEN:]
    if struct.unpack_from("<Q", footer, FOOTER_LEN - 8)[0] != MAGIC:
        raise DataLossError(None, None, "not an sstable (bad magic number)")
    _, pos = _handle(footer)
    index_handle, _ = _handle(footer, pos)
    return [_handle(value)[0] for _, value in _entries(_block(data, index_handle))]


def read_blocks(data: bytes, handles) -> dict:
    """All (key, value) pairs of the data blocks."""
    out = {}
    for handle in handles:
        out.update(_entries(_block(data, handle)))
    return out
