"""tf.data.experimental.TFRecordWriter (TF's data/experimental/ops/writers.py): a dataset of
scalar strings written as one TFRecord file."""

from __future__ import annotations

import os

from .. import _api
from .._core import dtypes, tf_logging
from .._core.tensor_spec import TensorSpec
from .dataset_ops import DatasetV2
from .experimental_ops import deprecation
from .tf_record import TFRecordWriter as _RecordWriter


@_api.export("data.experimental.TFRecordWriter")
class TFRecordWriter:
    """tf.data.experimental.TFRecordWriter."""

    def __init__(self, filename, compression_type=None):
        deprecation("TFRecordWriter.__init__", "writers",
                    "To write TFRecords to disk, use `tf.io.TFRecordWriter`. To save and load "
                    "the contents of a dataset, use `tf.data.experimental.save` and "
                    "`tf.data.experimental.load`")
        self._filename = os.fspath(filename)
        self._compression_type = compression_type

    def write(self, dataset):
        if not isinstance(dataset, DatasetV2):
            raise TypeError("Invalid `dataset.` Expected a `tf.data.Dataset` object but got %s."
                            % type(dataset))
        spec = dataset.element_spec
        if spec != TensorSpec([], dtypes.string):
            shapes = " ".join(str(s.shape) for s in _leaves(spec))
            types = " ".join(str(s.dtype) for s in _leaves(spec))
            raise TypeError("Invalid `dataset`. Expected a`dataset` that produces scalar "
                            "`tf.string` elements, but got a dataset which produces elements "
                            "with shapes %s and types %s." % (shapes, types))
        kind = (self._compression_type or "").upper() if isinstance(
            self._compression_type, str) else ""
        if kind not in ("", "GZIP", "ZLIB"):
            # TF's kernel logs this and writes uncompressed.
            tf_logging.get_logger().error(
                "Unsupported compression_type:%s. No compression will be used.", kind)
            kind = ""
        with _RecordWriter(self._filename, kind or None) as writer:
            for (record,) in dataset._iter_flat():
                writer.write(record[()] if hasattr(record, "shape") else record)


def _leaves(spec):
    from .._core import nest

    return [s for s in nest.flatten(spec) if isinstance(s, TensorSpec)]
