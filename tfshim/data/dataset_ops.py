"""tf.data.Dataset (TF's data/ops/dataset_ops.py): the base class, its methods (each made in the
op module named after TF's), cardinality, iteration.

A dataset yields elements as flat lists of arrays (see structure.py). Datasets whose elements
are rows of arrays in memory (from_tensor_slices, range, and shuffle/map/take/skip/repeat/shard
on top of them) also have a *plan*: `_gather(indices)` returns the rows at those indices as
whole arrays, and `_epoch()` yields the indices of one pass in chunks (`range`s or NumPy
arrays). batch() then gathers a batch at once, shuffle() permutes indices, and map() of a
function that vmaps runs once per chunk: no Python per element.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jax
import numpy as np

from .. import _api
from .._core import dtypes, errors, nest
from .._core.convert import convert_to_tensor
from .._core.tensor import wrap
from . import structure

AUTOTUNE = -1
INFINITE = -1
UNKNOWN = -2
_api.export("data.AUTOTUNE", "data.experimental.AUTOTUNE")(AUTOTUNE)
_api.export("data.INFINITE_CARDINALITY", "data.experimental.INFINITE_CARDINALITY")(INFINITE)
_api.export("data.UNKNOWN_CARDINALITY", "data.experimental.UNKNOWN_CARDINALITY")(UNKNOWN)
# A shard the HINT auto-shard policy fills in (auto_shard.py).
SHARD_HINT = -1
_api.export("data.experimental.SHARD_HINT")(SHARD_HINT)

CHUNK = 256  # rows gathered at once when a planned dataset is iterated element by element


def _int(value) -> int:
    return int(np.asarray(getattr(value, "_value", value)))


class Variant(NamedTuple):
    """A dataset's description, where TF has its variant tensor."""

    element_spec: Any
    inputs: tuple = ()


@_api.export("data.Dataset")
class DatasetV2:
    """tf.data.Dataset."""

    def __init__(self, variant_tensor):
        # TF's kernels hand a dataset its variant tensor; tfshim's datasets are Python objects,
        # and their "variant" is a Variant: the element spec and the input datasets.
        self._variant_tensor = variant_tensor
        self._element_spec = variant_tensor.element_spec
        self._flat_specs = nest.flatten(variant_tensor.element_spec)
        self._inputs = tuple(variant_tensor.inputs)
        self._opts = None

    # -- what subclasses give ------------------------------------------------------------------
    def _iter_flat(self):
        """The elements of one pass, each a flat list of arrays."""
        gather = self._gather
        for chunk in rechunk(self._epoch(), CHUNK):
            columns = [_rows(a) for a in gather(chunk)]
            yield from (list(row) for row in zip(*columns))

    def _has_plan(self) -> bool:
        return False

    def _iter_flat_ignoring_errors(self, log):
        """The pass under ignore_errors(): a map over this skips the elements it fails on."""
        return self._iter_flat()

    def _gather(self, indices) -> list:
        raise NotImplementedError

    def _epoch(self):
        raise NotImplementedError

    def _cardinality(self) -> int:
        return UNKNOWN

    # -- structure and printing ------------------------------------------------------------------
    @property
    def element_spec(self):
        return self._element_spec

    def __repr__(self):
        return "<%s element_spec=%r>" % (type(self).__name__, self._element_spec)

    def __bool__(self):
        return True

    def cardinality(self):
        return wrap(np.asarray(self._cardinality(), np.int64))

    def __len__(self):
        n = self._cardinality()
        if n == INFINITE:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN:
            raise TypeError("The dataset length is unknown.")
        return n

    def options(self):
        from .options import Options

        opts = Options()
        for d in self._lineage():
            if d._opts is not None:
                opts = opts.merge(d._opts)
        return opts

    def _lineage(self):
        seen = [self]
        out = []
        while seen:
            d = seen.pop()
            out.append(d)
            seen.extend(d._inputs)
        return reversed(out)

    # -- iteration -------------------------------------------------------------------------------
    def __iter__(self):
        from .iterator_ops import OwnedIterator

        return OwnedIterator(self)

    def as_numpy_iterator(self):
        from .iterator_ops import NumpyIterator

        for spec in self._flat_specs:
            if not isinstance(spec, (structure.TensorSpec, structure.DatasetSpec)) and not (
                    structure.is_composite_spec(spec)):
                raise TypeError("Dataset.as_numpy_iterator() is not supported for datasets "
                                "that produce values of type %s" % type(spec).__name__)
        return NumpyIterator(self)

    def get_single_element(self, name=None):
        it = self._iter_flat()
        node = "DatasetToSingleElement_output_types_%d" % len(self._flat_specs)
        try:
            first = next(it)
        except StopIteration:
            raise errors.kernel_error("DatasetToSingleElement", "Dataset was empty.",
                                      node=node) from None
        for _ in it:
            raise errors.kernel_error("DatasetToSingleElement",
                                      "Dataset had more than one element.", node=node)
        return structure.from_flat(self._element_spec, first)

    # -- sources ---------------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        from .from_tensor_slices_op import _TensorSliceDataset

        return _TensorSliceDataset(tensors, name=name)

    @staticmethod
    def from_tensors(tensors, name=None):
        from .from_tensors_op import _TensorDataset

        return _TensorDataset(tensors, name=name)

    @staticmethod
    def range(*args, **kwargs):
        from .range_op import _RangeDataset

        return _RangeDataset(*args, **kwargs)

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        from .from_generator_op import from_generator

        return from_generator(generator, output_types, output_shapes, args, output_signature,
                              name)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        from .zip_op import _ZipDataset

        if datasets is not None and args:
            raise TypeError("Both `*args` and `datasets` cannot be set.")
        if datasets is None:
            if not args:
                raise TypeError("Must pass at least one dataset to `zip`.")
            datasets = args[0] if len(args) == 1 else args
        return _ZipDataset(datasets, name=name)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None, name=None):
        from .readers import list_files

        return list_files(file_pattern, shuffle, seed, name)

    @staticmethod
    def counter(start=0, step=1, dtype=dtypes.int64, name=None):
        from .counter_op import _counter

        return _counter(start, step, dtype)

    @staticmethod
    def random(seed=None, rerandomize_each_iteration=None, name=None):
        from .random_op import _RandomDataset

        return _RandomDataset(seed, rerandomize_each_iteration)

    @staticmethod
    def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False,
                             rerandomize_each_iteration=None):
        from .directed_interleave_op import sample_from_datasets

        return sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset,
                                    rerandomize_each_iteration)

    @staticmethod
    def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
        from .directed_interleave_op import choose_from_datasets

        return choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset)

    @staticmethod
    def load(path, element_spec=None, compression=None, reader_func=None, wait=False):
        from .load_op import load

        return load(path, element_spec, compression, reader_func, wait)

    def fingerprint(self):
        """Dataset.fingerprint: a uint64 hash of the pipeline (tfshim's, not TF's graph
        hash; see snapshot_op)."""
        from .snapshot_op import fingerprint

        return wrap(np.asarray(fingerprint(self), np.uint64))

    def save(self, path, compression=None, shard_func=None, checkpoint_args=None):
        from .save_op import save

        return save(self, path, compression, shard_func, checkpoint_args)

    # -- transformations -------------------------------------------------------------------------
    def concatenate(self, dataset, name=None):
        from .concatenate_op import _ConcatenateDataset

        return _ConcatenateDataset(self, dataset, name=name)

    def map(self, map_func, num_parallel_calls=None, deterministic=None, synchronous=None,
            use_unbounded_threadpool=False, name=None):
        from .map_op import _map_v2

        return _map_v2(self, map_func, num_parallel_calls, deterministic, name)

    def filter(self, predicate, name=None):
        from .filter_op import _FilterDataset

        return _FilterDataset(self, predicate, name=name)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        from .batch_op import _BatchDataset, _ParallelBatchDataset

        cls = _BatchDataset if num_parallel_calls is None else _ParallelBatchDataset
        return cls(self, batch_size, drop_remainder, name=name)

    def ragged_batch(self, batch_size, drop_remainder=False, row_splits_dtype=dtypes.int64,
                     name=None):
        from .ragged_batch_op import _ragged_batch

        return _ragged_batch(self, batch_size, drop_remainder, row_splits_dtype, name)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        from .padded_batch_op import _PaddedBatchDataset

        return _PaddedBatchDataset(self, batch_size, padded_shapes, padding_values,
                                   drop_remainder, name=name)

    def unbatch(self, name=None):
        from .unbatch_op import _UnbatchDataset

        return _UnbatchDataset(self, name=name)

    def rebatch(self, batch_size, drop_remainder=False, name=None):
        from .rebatch_op import _RebatchDataset

        return _RebatchDataset(self, batch_size, drop_remainder, name=name)

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        from .shuffle_op import _ShuffleDataset

        return _ShuffleDataset(self, buffer_size, seed, reshuffle_each_iteration, name=name)

    def repeat(self, count=None, name=None):
        from .repeat_op import _RepeatDataset

        return _RepeatDataset(self, count, name=name)

    def take(self, count, name=None):
        from .take_op import _TakeDataset

        return _TakeDataset(self, count, name=name)

    def skip(self, count, name=None):
        from .skip_op import _SkipDataset

        return _SkipDataset(self, count, name=name)

    def shard(self, num_shards, index, name=None):
        from .shard_op import _ShardDataset

        return _ShardDataset(self, num_shards, index, name=name)

    def prefetch(self, buffer_size, name=None):
        from .prefetch_op import _PrefetchDataset

        return _PrefetchDataset(self, buffer_size, name=name)

    def cache(self, filename="", name=None):
        from .cache_op import CacheDataset

        return CacheDataset(self, filename, name=name)

    def snapshot(self, path, compression="AUTO", reader_func=None, shard_func=None,
                 name=None):
        from .snapshot_op import _snapshot

        return _snapshot(self, path, compression, reader_func, shard_func, name)

    def rejection_resample(self, class_func, target_dist, initial_dist=None, seed=None,
                           name=None):
        from .resampling import rejection_resample

        return rejection_resample(self, class_func, target_dist, initial_dist, seed, name)

    def interleave(self, map_func, cycle_length=None, block_length=None,
                   num_parallel_calls=None, deterministic=None, name=None):
        from .interleave_op import _interleave

        return _interleave(self, map_func, cycle_length, block_length, num_parallel_calls)

    def flat_map(self, map_func, name=None):
        from .flat_map_op import _FlatMapDataset

        return _FlatMapDataset(self, map_func, name=name)

    def enumerate(self, start=0, name=None):
        from .range_op import _RangeDataset

        max_value = np.iinfo(np.int64).max
        return DatasetV2.zip((_RangeDataset(start, max_value), self), name=name)

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        from .window_op import _WindowDataset

        return _WindowDataset(self, size, shift, stride, drop_remainder, name=name)

    def reduce(self, initial_state, reduce_func, name=None):
        from .scan_op import reduce

        return reduce(self, initial_state, reduce_func)

    def scan(self, initial_state, scan_func, name=None):
        from .scan_op import _ScanDataset

        return _ScanDataset(self, initial_state, scan_func, name=name)

    def apply(self, transformation_func):
        dataset = transformation_func(self)
        if not isinstance(dataset, DatasetV2):
            raise TypeError("`transformation_func` must return a `tf.data.Dataset` object. "
                            "Got %s." % type(dataset))
        return dataset

    def take_while(self, predicate, name=None):
        from .take_while_op import _TakeWhileDataset

        return _TakeWhileDataset(self, predicate, name=name)

    def unique(self, name=None):
        from .unique_op import _UniqueDataset

        return _UniqueDataset(self, name=name)

    def group_by_window(self, key_func, reduce_func, window_size=None, window_size_func=None,
                        name=None):
        from .group_by_window_op import _GroupByWindowDataset

        return _GroupByWindowDataset(self, key_func, reduce_func, window_size,
                                     window_size_func, name=name)

    def bucket_by_sequence_length(self, element_length_func, bucket_boundaries,
                                  bucket_batch_sizes, padded_shapes=None, padding_values=None,
                                  pad_to_bucket_boundary=False, no_padding=False,
                                  drop_remainder=False, name=None):
        from .group_by_window_op import bucket_by_sequence_length

        return bucket_by_sequence_length(self, element_length_func, bucket_boundaries,
                                         bucket_batch_sizes, padded_shapes, padding_values,
                                         pad_to_bucket_boundary, no_padding, drop_remainder)

    def ignore_errors(self, log_warning=False, name=None):
        from .ignore_errors_op import _IgnoreErrorsDataset

        return _IgnoreErrorsDataset(self, log_warning, name=name)

    def with_options(self, options, name=None):
        return _OptionsDataset(self, options)


# TF's module for the class, as `tf.data.Dataset` shows it: clients recognise a TF dataset by it
# (Keras's data adapters look for "tensorflow.python." in a DatasetV2 base's module).
DatasetV2.__module__ = "tensorflow.python.data.ops.dataset_ops"


class _UnaryDataset(DatasetV2):
    """A dataset made from one input dataset, with the input's structure unless told."""

    def __init__(self, input_dataset, element_spec=None):
        if not isinstance(input_dataset, DatasetV2):
            raise TypeError("Input must be a tf.data.Dataset, got %r" % (input_dataset,))
        self._input = input_dataset
        super().__init__(Variant(
            input_dataset.element_spec if element_spec is None else element_spec,
            (input_dataset,)))


class _UnaryUnchangedStructureDataset(_UnaryDataset):
    """A transformation that passes its input's plan (gather, epoch) through unchanged."""

    def _has_plan(self):
        return self._input._has_plan()

    def _gather(self, indices):
        return self._input._gather(indices)

    def _epoch(self):
        return self._input._epoch()

    def _iter_flat(self):
        if self._has_plan():
            return DatasetV2._iter_flat(self)
        return self._input._iter_flat()

    def _cardinality(self):
        return self._input._cardinality()


class _OptionsDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, options):
        super().__init__(input_dataset)
        self._opts = options


def _rows(a) -> list:
    """A gathered array's rows; numeric ones put on the device in one transfer (one
    device_put per row costs several times more)."""
    a = np.asarray(a)
    if a.dtype == object:
        return list(a)
    return jax.device_put(list(a))


def count_arg(value, name="count") -> int:
    return _int(convert_to_tensor(value, dtypes.int64))


def chunk_len(chunk) -> int:
    return len(chunk)


def rechunk(chunks, size: int):
    """Index chunks cut and joined into chunks of exactly `size` (the last may be shorter)."""
    pending = []
    have = 0
    for c in chunks:
        while len(c):
            if not pending and len(c) >= size:
                yield c[:size]
                c = c[size:]
                continue
            take = min(size - have, len(c))
            pending.append(c[:take])
            have += take
            c = c[take:]
            if have == size:
                yield join(pending)
                pending, have = [], 0
    if pending:
        yield join(pending)


def join(chunks):
    if len(chunks) == 1:
        return chunks[0]
    return np.concatenate([np.asarray(c, np.int64) if isinstance(c, range) else c
                           for c in chunks])
