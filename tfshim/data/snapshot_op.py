"""Dataset.snapshot (TF's data/ops/snapshot_op.py): the first complete pass writes the input's
elements to PATH/FINGERPRINT/ (snapshot_utils's files), later passes read them back.

TF names the directory after a hash of the input's graph; tfshim hashes what defines the
input pipeline (each dataset's kind and arguments, its functions' code and captured values, its
source arrays), so TF and tfshim do not find each other's snapshots (README: known
deviations)."""

from __future__ import annotations

import hashlib
import os
import types

import jax
import numpy as np

from . import snapshot_utils
from .dataset_ops import DatasetV2, _UnaryUnchangedStructureDataset
from .load_op import ShardsDataset, reader
from .save_op import _path, flat_dtypes, shard_function
from .structured_function import StructuredFunction

# Per-iteration state (counters, caches) that says nothing of the elements.
_STATE = frozenset(("_variant_tensor", "_inputs", "_input", "_opts", "_memory", "_passes",
                    "_fixed", "_programs", "_cf", "_function", "_workers", "_flat_specs"))


def _snapshot(input_dataset, path, compression="AUTO", reader_func=None, shard_func=None,
              name=None):
    if shard_func is None:
        # TF's: elements numbered, spread over one shard per CPU, read back in turn.
        cpus = os.cpu_count() or 1
        snap = _SnapshotDataset(input_dataset.enumerate(), path, lambda i, _: i % cpus,
                                compression, reader_func)
        return snap.map(lambda _, elem: elem)
    return _SnapshotDataset(input_dataset, path, shard_func, compression, reader_func)


class _SnapshotDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, path, shard_func, compression=None, reader_func=None):
        self._path = _path(path)
        # TF's AUTO is SNAPPY; tfshim's snapshots are its own, uncompressed.
        self._compression = snapshot_utils.compression(
            None if compression == "AUTO" else compression)
        self._dtypes = flat_dtypes(input_dataset.element_spec, "Dataset.snapshot")
        fn, self._shard_index = shard_function(shard_func, input_dataset.element_spec,
                                               "Dataset.snapshot().shard_func")
        spec = fn.output_spec  # None: learnt from the first element (checked per element)
        if spec is not None and not (getattr(spec, "dtype", None) is not None and (
                spec.dtype.name in ("int32", "int64") and spec.shape.rank == 0)):
            raise TypeError("Invalid `shard_func`. `shard_func` must return `tf.int64` scalar "
                            "tensor but its return type is %s." % (spec,))
        self._reader_func = reader_func
        super().__init__(input_dataset)
        self._dir = os.path.join(self._path, str(fingerprint(input_dataset)))

    def _has_plan(self):
        return False

    def _index(self, flat):
        return self._shard_index(flat, node="SnapshotDatasetV2", op="SnapshotDatasetV2")

    def _iter_flat(self):
        metadata = snapshot_utils.read_metadata(self._dir)
        if metadata is not None and metadata.finalized:
            run_dir = snapshot_utils.run_directory(self._dir, metadata.run_id)
            yield from reader(self._reader_func, ShardsDataset(
                run_dir, self._compression, self._element_spec), "snapshot()")._iter_flat()
            return
        run_id = snapshot_utils.new_run_id()
        run_dir = snapshot_utils.run_directory(self._dir, run_id)
        os.makedirs(run_dir, exist_ok=True)
        snapshot_utils.write_metadata(self._dir, run_id, self._dtypes, 0, False,
                                      os.path.basename(self._dir))
        writers = snapshot_utils.Writers(run_dir, self._compression)
        n = 0
        try:
            for flat in self._input._iter_flat():
                writers.write(self._index(flat), [np.asarray(v) for v in flat])
                n += 1
                yield flat
        finally:
            writers.close()
        # Only a complete pass is finalized (read by later passes), as TF's.
        snapshot_utils.write_metadata(self._dir, run_id, self._dtypes, n, True,
                                      os.path.basename(self._dir))


def fingerprint(dataset) -> int:
    """A 64-bit hash of the pipeline that makes `dataset` (see the module docstring)."""
    h = hashlib.blake2b(digest_size=8)
    for d in dataset._lineage():
        if isinstance(d, _SnapshotDataset):
            h.update(d._dir.encode())
            continue
        h.update(type(d).__name__.encode())
        h.update(repr(d.element_spec).encode())
        for key, value in sorted(vars(d).items()):
            if key not in _STATE:
                h.update(key.encode())
                _feed(h, value, 0)
    return int.from_bytes(h.digest(), "little")


def _feed(h, value, depth: int) -> None:
    if depth > 8:
        return
    if isinstance(value, (jax.Array, np.ndarray, np.generic)):
        a = np.asarray(value)
        h.update(("%s%s" % (a.dtype, a.shape)).encode())
        h.update(repr(a.tolist()).encode() if a.dtype == object else a.tobytes())
    elif value is None or isinstance(value, (bool, int, float, complex, str, bytes, range)):
        h.update(repr(value).encode())
    elif isinstance(value, (list, tuple)):
        h.update(b"[")
        for v in value:
            _feed(h, v, depth + 1)
        h.update(b"]")
    elif isinstance(value, dict):
        for k, v in value.items():
            h.update(repr(k).encode())
            _feed(h, v, depth + 1)
    elif isinstance(value, StructuredFunction):
        _feed(h, value._func, depth + 1)
    elif isinstance(value, (types.FunctionType, types.MethodType)):
        fn = getattr(value, "__func__", value)
        _feed_code(h, fn.__code__, depth)
        for cell in fn.__closure__ or ():
            try:
                _feed(h, cell.cell_contents, depth + 1)
            except ValueError:  # an empty cell
                pass
    elif isinstance(value, DatasetV2):
        _feed(h, type(value).__name__, depth)  # its own data: in the lineage
    elif hasattr(value, "_value"):  # a tensor or variable
        _feed(h, value._value, depth + 1)
    else:
        h.update(type(value).__name__.encode())


def _feed_code(h, code, depth) -> None:
    h.update(code.co_code)
    h.update(repr(code.co_names).encode())
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            _feed_code(h, c, depth + 1)
        else:
            _feed(h, c, depth + 1)
