"""Dataset.load (TF's data/ops/load_op.py): a dataset saved by Dataset.save (TF's or tfshim's),
its shards read through `reader_func`."""

from __future__ import annotations

import os

from .._core import errors
from . import snapshot_utils
from .dataset_ops import AUTOTUNE, DatasetV2, Variant
from .save_op import DATASET_SPEC_FILENAME, _path, flat_dtypes
from .structure import DatasetSpec


def default_reader_func(datasets):
    """TF's default: the shards interleaved, one element from each in turn."""
    return datasets.interleave(lambda x: x, cycle_length=os.cpu_count() or 1,
                               num_parallel_calls=AUTOTUNE)


class _ShardReaderDataset(DatasetV2):
    """One shard directory's elements."""

    def __init__(self, shard_dir, compression, element_spec):
        self._dir = shard_dir
        self._compression = compression
        super().__init__(Variant(element_spec))

    def __repr__(self):
        return "<_VariantDataset element_spec=%r>" % (self._element_spec,)

    def _iter_flat(self):
        return snapshot_utils.read_shard(self._dir, self._compression, len(self._flat_specs))


class ShardsDataset(DatasetV2):
    """The dataset of a run's shards, each a dataset (what reader_func is given)."""

    def __init__(self, run_dir, compression, element_spec):
        self._run_dir = run_dir
        self._compression = compression
        self._spec = element_spec
        super().__init__(Variant(DatasetSpec(element_spec)))

    def __repr__(self):
        return "<_VariantDataset element_spec=%r>" % (self._element_spec,)

    def _iter_flat(self):
        for d in snapshot_utils.shard_directories(self._run_dir):
            yield [_ShardReaderDataset(d, self._compression, self._spec)]


def read_element_spec(path: str):
    from .._proto.struct import StructuredValue
    from ..saved_model.nested_structure_coder import decode  # saved_model loads after data

    spec_file = os.path.join(path, DATASET_SPEC_FILENAME)
    if not os.path.exists(spec_file):
        raise errors.NotFoundError(None, None, "tf.data snapshot element_spec file not found: "
                                   "%s." % spec_file)
    proto = StructuredValue()
    with open(spec_file, "rb") as f:
        proto.ParseFromString(f.read())
    try:
        return decode(proto)
    except (ValueError, KeyError) as e:
        raise errors.NotFoundError(None, None, "tf.data snapshot element_spec file not found "
                                   "or invalid: %s." % spec_file) from e


def reader(reader_func, shards, what: str):
    """reader_func applied to the dataset of shards, its result checked as TF's."""
    out = (reader_func or default_reader_func)(shards)
    if not isinstance(out, DatasetV2):
        raise TypeError("tfshim: %s's `reader_func` must return a tf.data.Dataset, got %r"
                        % (what, out))
    return out


class _LoadDataset(DatasetV2):
    def __init__(self, path, element_spec, compression, reader_func):
        self._path = path
        self._compression = snapshot_utils.compression(compression)
        metadata = snapshot_utils.read_metadata(path)
        if metadata is None:
            raise errors.kernel_error("LoadDataset", "Could not find metadata file [%s]" % path,
                                      name=None, cls=errors.NotFoundError,
                                      node="LoadDataset_Treader_func_args_0")
        self._metadata = metadata
        flat_dtypes(element_spec, "Dataset.load")
        run_dir = snapshot_utils.run_directory(path, metadata.run_id)
        self._reader = reader(reader_func, ShardsDataset(run_dir, self._compression,
                                                         element_spec), "load()")
        super().__init__(Variant(element_spec))

    def _iter_flat(self):
        return self._reader._iter_flat()

    def _cardinality(self):
        return self._metadata.num_elements


def load(path, element_spec=None, compression=None, reader_func=None, wait=False):
    """Dataset.load / tf.data.experimental.load."""
    path = _path(path)
    if element_spec is None:
        element_spec = read_element_spec(path)
    return _LoadDataset(path, element_spec, compression, reader_func)
