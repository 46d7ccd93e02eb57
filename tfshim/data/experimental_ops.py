"""tf.data.experimental's functions (TF's data/experimental/ops/: cardinality.py, the
transformation functions that Dataset methods replaced)."""

from __future__ import annotations

from .. import _api
from .dataset_ops import DatasetV2


@_api.export("data.experimental.cardinality")
def cardinality(dataset):
    """tf.data.experimental.cardinality."""
    return dataset.cardinality()


def _transformation(method):
    def make(*args, **kwargs):
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
