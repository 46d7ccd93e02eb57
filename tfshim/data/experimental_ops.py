"""tf.data.experimental's functions (TF's data/experimental/ops/: cardinality.py, the
transformation functions that Dataset methods replaced)."""

from __future__ import annotations

import itertools

import numpy as np

from .. import _api
from .._core import dtypes as _dtypes
from .._core import errors, tf_logging
from .dataset_ops import DatasetV2, _UnaryUnchangedStructureDataset, count_arg


@_api.export("data.experimental.cardinality")
def cardinality(dataset):
    """tf.data.experimental.cardinality."""
    return dataset.cardinality()


def deprecation(name, module, instructions):
    """TF's deprecation warning, once per function, naming the caller's line."""
    file, line = tf_logging.caller_site(_SKIP)
    if not module.startswith("tensorflow."):
        module = "tensorflow.python.data.experimental.ops." + module
    tf_logging.warn_first_n(
        1, ("deprecated", name), "From %s:%d: %s (from %s) is deprecated and will be removed "
        "in a future version.\nInstructions for updating:\n%s", file, line, name, module,
        instructions)


_SKIP = ("experimental_ops.py", "counter_op.py", "random_op.py", "writers.py")

# TF's deprecation texts (their quirks included): method -> (module, instructions)
_DEPRECATED = {
    "unique": ("unique", "Use `tf.data.Dataset.unique(...)"),
    "take_while": ("take_while_ops", "Use `tf.data.Dataset.take_while(...)"),
    "scan": ("scan_ops", "Use `tf.data.Dataset.scan(...) instead"),
    "group_by_window": ("grouping", "Use `tf.data.Dataset.group_by_window(...)`."),
    "bucket_by_sequence_length": ("grouping",
                                  "Use `tf.data.Dataset.bucket_by_sequence_length(...)`."),
    "ignore_errors": ("error_ops", "Use `tf.data.Dataset.ignore_errors` instead."),
    "unbatch": ("batching", "Use `tf.data.Dataset.unbatch()`."),
    "rejection_resample": ("resampling", "Use `tf.data.Dataset.rejection_resample(...)`."),
    "snapshot": ("snapshot", "Use `tf.data.Dataset.snapshot(...)`."),
    "save": ("io", "Use `tf.data.Dataset.save(...)` instead."),
    "sample_from_datasets_v2": ("interleave_ops",
                                "Use `tf.data.Dataset.sample_from_datasets(...)`."),
    "choose_from_datasets_v2": (
        "interleave_ops", "Use `tf.data.Dataset.choose_from_datasets(...)` instead. Note that, "
        "unlike the experimental endpoint, the non-experimental endpoint sets "
        "`stop_on_empty_dataset=True` by default. You should set this argument explicitly in "
        "case you would like to match the behavior of the experimental endpoint."),
    "get_single_element": ("get_single_element",
                           "Use `tf.data.Dataset.get_single_element()`."),
    "enumerate_dataset": ("enumerate_ops", "Use `tf.data.Dataset.enumerate()`."),
    "shuffle_and_repeat": (
        "shuffle_ops", "Use `tf.data.Dataset.shuffle(buffer_size, seed)` followed by "
        "`tf.data.Dataset.repeat(count)`. Static tf.data optimizations will take care of using "
        "the fused implementation."),
    "map_and_batch": (
        "batching", "Use `tf.data.Dataset.map(map_func, num_parallel_calls)` followed by "
        "`tf.data.Dataset.batch(batch_size, drop_remainder)`. Static tf.data optimizations will "
        "take care of using the fused implementation."),
    "parallel_interleave": (
        "interleave_ops", "Use `tf.data.Dataset.interleave(map_func, cycle_length, "
        "block_length, num_parallel_calls=tf.data.AUTOTUNE)` instead. If sloppy execution is "
        "desired, use `tf.data.Options.deterministic`."),
    "dense_to_ragged_batch": ("batching", "Use `tf.data.Dataset.ragged_batch` instead."),
    "get_next_as_optional": ("tensorflow.python.data.ops.iterator_ops",
                             "Use `tf.data.Iterator.get_next_as_optional()` instead."),
    "load": ("io", "Use `tf.data.Dataset.load(...)` instead."),
}


def _apply(method, *args, **kwargs):
    """The `dataset.apply(...)` function of Dataset.<method>(*args, **kwargs), with TF's
    deprecation warning."""
    deprecation(method, *_DEPRECATED[method])
    return lambda dataset: getattr(DatasetV2, method)(dataset, *args, **kwargs)


@_api.export("data.experimental.ignore_errors")
def ignore_errors(log_warning=False):
    """tf.data.experimental.ignore_errors."""
    return _apply("ignore_errors", log_warning)


@_api.export("data.experimental.unique")
def unique():
    """tf.data.experimental.unique."""
    return _apply("unique")


@_api.export("data.experimental.take_while")
def take_while(predicate):
    """tf.data.experimental.take_while."""
    return _apply("take_while", predicate)


@_api.export("data.experimental.scan")
def scan(initial_state, scan_func):
    """tf.data.experimental.scan."""
    return _apply("scan", initial_state, scan_func)


@_api.export("data.experimental.group_by_window")
def group_by_window(key_func, reduce_func, window_size=None, window_size_func=None):
    """tf.data.experimental.group_by_window."""
    return _apply("group_by_window", key_func, reduce_func, window_size, window_size_func)


@_api.export("data.experimental.bucket_by_sequence_length")
def bucket_by_sequence_length(element_length_func, bucket_boundaries, bucket_batch_sizes,
                              padded_shapes=None, padding_values=None,
                              pad_to_bucket_boundary=False, no_padding=False,
                              drop_remainder=False):
    """tf.data.experimental.bucket_by_sequence_length."""
    return _apply("bucket_by_sequence_length", element_length_func, bucket_boundaries,
                  bucket_batch_sizes, padded_shapes, padding_values, pad_to_bucket_boundary,
                  no_padding, drop_remainder)


@_api.export("data.experimental.unbatch")
def unbatch():
    """tf.data.experimental.unbatch."""
    return _apply("unbatch")


@_api.export("data.experimental.rejection_resample")
def rejection_resample(class_func, target_dist, initial_dist=None, seed=None):
    """tf.data.experimental.rejection_resample."""
    return _apply("rejection_resample", class_func, target_dist, initial_dist, seed)


@_api.export("data.experimental.snapshot")
def snapshot(path, compression="AUTO", reader_func=None, shard_func=None):
    """tf.data.experimental.snapshot."""
    return _apply("snapshot", path, compression, reader_func, shard_func)


@_api.export("data.experimental.save")
def save(dataset, path, compression=None, shard_func=None, checkpoint_args=None):
    """tf.data.experimental.save."""
    deprecation("save", *_DEPRECATED["save"])
    return dataset.save(path, compression, shard_func, checkpoint_args)


@_api.export("data.experimental.load")
def load(path, element_spec=None, compression=None, reader_func=None):
    """tf.data.experimental.load."""
    deprecation("load", *_DEPRECATED["load"])
    return DatasetV2.load(path, element_spec, compression, reader_func)


@_api.export("data.experimental.sample_from_datasets")
def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False):
    """tf.data.experimental.sample_from_datasets."""
    deprecation("sample_from_datasets_v2", *_DEPRECATED["sample_from_datasets_v2"])
    return DatasetV2.sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset)


@_api.export("data.experimental.choose_from_datasets")
def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=False):
    """tf.data.experimental.choose_from_datasets (stop_on_empty_dataset=False, unlike
    Dataset's)."""
    deprecation("choose_from_datasets_v2", *_DEPRECATED["choose_from_datasets_v2"])
    return DatasetV2.choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset)


@_api.export("data.experimental.get_single_element")
def get_single_element(dataset):
    """tf.data.experimental.get_single_element."""
    deprecation("get_single_element", *_DEPRECATED["get_single_element"])
    return dataset.get_single_element()


@_api.export("data.experimental.enumerate_dataset")
def enumerate_dataset(start=0):
    """tf.data.experimental.enumerate_dataset."""
    deprecation("enumerate_dataset", *_DEPRECATED["enumerate_dataset"])
    return lambda dataset: dataset.enumerate(start)


class _Fused(_UnaryUnchangedStructureDataset):
    """A transformation TF runs as one fused kernel: here the composition it fuses, under
    TF's name."""


class _ShuffleAndRepeatDataset(_Fused):
    pass


class _MapAndBatchDataset(_Fused):
    pass


class ParallelInterleaveDataset(_Fused):
    pass


@_api.export("data.experimental.shuffle_and_repeat")
def shuffle_and_repeat(buffer_size, count=None, seed=None):
    """tf.data.experimental.shuffle_and_repeat."""
    deprecation("shuffle_and_repeat", *_DEPRECATED["shuffle_and_repeat"])
    return lambda dataset: _ShuffleAndRepeatDataset(
        dataset.shuffle(buffer_size, seed).repeat(count))


@_api.export("data.experimental.map_and_batch")
def map_and_batch(map_func, batch_size, num_parallel_batches=None, drop_remainder=False,
                  num_parallel_calls=None):
    """tf.data.experimental.map_and_batch."""
    deprecation("map_and_batch", *_DEPRECATED["map_and_batch"])
    if num_parallel_batches is not None and num_parallel_calls is not None:
        raise ValueError("`map_and_batch` allows only one of `num_parallel_batches` and "
                         "`num_parallel_calls` to be set, but `num_parallel_batches` was set "
                         "to %s and `num_parallel_calls` as set to %s."
                         % (num_parallel_batches, num_parallel_calls))
    return lambda dataset: _MapAndBatchDataset(
        dataset.map(map_func, num_parallel_calls).batch(batch_size, drop_remainder))


@_api.export("data.experimental.parallel_interleave")
def parallel_interleave(map_func, cycle_length, block_length=1, sloppy=False,
                        buffer_output_elements=None, prefetch_input_elements=None):
    """tf.data.experimental.parallel_interleave (sloppy: order kept, as deterministic)."""
    deprecation("parallel_interleave", *_DEPRECATED["parallel_interleave"])
    return lambda dataset: ParallelInterleaveDataset(
        dataset.interleave(map_func, cycle_length, block_length))


@_api.export("data.experimental.dense_to_ragged_batch")
def dense_to_ragged_batch(batch_size, drop_remainder=False, row_splits_dtype=_dtypes.int64):
    """tf.data.experimental.dense_to_ragged_batch."""
    deprecation("dense_to_ragged_batch", *_DEPRECATED["dense_to_ragged_batch"])
    return lambda dataset: dataset.ragged_batch(batch_size, drop_remainder, row_splits_dtype)


@_api.export("data.experimental.get_structure")
def get_structure(dataset_or_iterator):
    """tf.data.experimental.get_structure."""
    from .iterator_ops import IteratorBase

    if isinstance(dataset_or_iterator, (DatasetV2, IteratorBase)):
        return dataset_or_iterator.element_spec
    raise TypeError("Invalid `dataset_or_iterator`. `dataset_or_iterator` must be a "
                    "`tf.data.Dataset` or tf.data.Iterator object, but got %s."
                    % type(dataset_or_iterator))


@_api.export("data.experimental.get_next_as_optional")
def get_next_as_optional(iterator):
    """tf.data.experimental.get_next_as_optional."""
    deprecation("get_next_as_optional", *_DEPRECATED["get_next_as_optional"])
    return iterator.get_next_as_optional()


class _AssertCardinalityDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, expected_cardinality):
        self._expected = count_arg(expected_cardinality)
        super().__init__(input_dataset)

    def _has_plan(self):
        return False  # each element counted

    def _iter_flat(self):
        n = 0
        for flat in self._input._iter_flat():
            n += 1
            if self._expected >= 0 and n > self._expected:
                raise errors.FailedPreconditionError(None, None, (
                    "Input dataset was expected to contain %d elements but contained at least "
                    "%d elements." % (self._expected, n)))
            yield flat
        if n < self._expected:
            raise errors.FailedPreconditionError(None, None, (
                "Input dataset was expected to contain %d elements but contained only %d "
                "elements." % (self._expected, n)))

    def _cardinality(self):
        return self._expected


@_api.export("data.experimental.assert_cardinality")
def assert_cardinality(expected_cardinality):
    """tf.data.experimental.assert_cardinality."""
    return lambda dataset: _AssertCardinalityDataset(dataset, expected_cardinality)


@_api.export("data.experimental.at")
def at(dataset, index):
    """tf.data.experimental.at: the element at `index`."""
    from . import structure

    i = count_arg(index)
    n = dataset._cardinality()
    node = "GetElementAtIndex_output_types_%d" % len(dataset._flat_specs)
    if i < 0 or (n >= 0 and i >= n):
        raise errors.kernel_error("GetElementAtIndex", "Index out of range [0, %d):%d"
                                  % (max(n, 0), i), cls=errors.OutOfRangeError, node=node)
    if dataset._has_plan():
        flat = [a[0] for a in dataset._gather(np.asarray([i], np.int64))]
    else:
        flat = next(itertools.islice(dataset._iter_flat(), i, None), None)
        if flat is None:
            raise errors.kernel_error("GetElementAtIndex", "Index out of range [0, %d):%d"
                                      % (i, i), cls=errors.OutOfRangeError, node=node)
    return structure.from_flat(dataset.element_spec, flat)
