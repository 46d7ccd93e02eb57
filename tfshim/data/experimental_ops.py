"""tf.data.experimental's functions (TF's data/experimental/ops/: cardinality.py, the
transformation functions that Dataset methods replaced)."""

from __future__ import annotations

from .. import _api
from .._core import tf_logging
from .dataset_ops import DatasetV2


@_api.export("data.experimental.cardinality")
def cardinality(dataset):
    """tf.data.experimental.cardinality."""
    return dataset.cardinality()


def deprecation(name, module, instructions):
    """TF's deprecation warning, once per function, naming the caller's line."""
    file, line = tf_logging.caller_site(_SKIP)
    tf_logging.warn_first_n(
        1, ("deprecated", name), "From %s:%d: %s (from tensorflow.python.data.experimental.ops"
        ".%s) is deprecated and will be removed in a future version.\nInstructions for "
        "updating:\n%s", file, line, name, module, instructions)


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
