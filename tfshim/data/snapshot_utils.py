"""tf.data's snapshot files (TF's core/data/snapshot_utils.cc, file format version 2), as
Dataset.save writes them and Dataset.load and Dataset.snapshot read them:

    PATH/snapshot.metadata                     a SnapshotMetadataRecord (binary proto)
    PATH/RUN_ID/00000000.shard/00000000.snapshot
                                               TFRecord-framed records, one per tensor of each
                                               element: a TensorProto with its tensor_content
                                               (_core/tensor_util.py encodes and decodes it)

Strings' tensor_content is TF's EncodeStringList: each element's length (varint), then the
bytes of all. GZIP and ZLIB compress the whole file, as TF's record writer does.
"""

from __future__ import annotations

import glob
import os
import random
import time

from .._core import errors
from .._core.tensor_util import decode_tensor, encode_tensor
from .._proto.snapshot import SnapshotMetadataRecord
from .tf_record import TFRecordOptions, TFRecordWriter, read_records

VERSION = 2  # TF's kFileFormatVersion of SaveDatasetOp and SnapshotDatasetV2Op
METADATA = "snapshot.metadata"
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
