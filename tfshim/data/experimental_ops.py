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


_SKIP = ("experimental_ops.py", "counter_op.py", "random_op.py")

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
}


def _transformation(method):
    def make(*args, **kwargs):
        deprecation(method, *_DEPRECATED[method])
        return lambda dataset: getattr(DatasetV2, method)(dataset, *args, **kwargs)

    make.__name__ = make.__qualname__ = method
    make.__doc__ = "tf.data.experimental.%s: `dataset.apply(...)` form of Dataset.%s." % (
        method, method)
    return make


ignore_errors = _api.export("data.experimental.ignore_errors")(_transformation("ignore_errors"))
unique = _api.export("data.experimental.unique")(_transformation("unique"))
take_while = _api.export("data.experimental.take_while")(_transformation("take_while"))
scan = _api.export("data.experimental.scan")(_transformation("scan"))
group_by_window = _api.export("data.experimental.group_by_window")(
    _transformation("group_by_window"))
bucket_by_sequence_length = _api.export("data.experimental.bucket_by_sequence_length")(
    _transformation("bucket_by_sequence_length"))
unbatch = _api.export("data.experimental.unbatch")(_transformation("unbatch"))
