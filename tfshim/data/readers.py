"""File datasets (TF's data/ops/readers.py): TextLineDataset, TFRecordDataset, list_files."""

from __future__ import annotations

import glob
import os

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.tensor_spec import TensorSpec
from .dataset_ops import DatasetV2, Variant
from .tf_record import open_read, read_records, record_array


def _filenames(filenames) -> list:
    """File names from a string, a list of them, a string tensor, or a dataset of them."""
    if isinstance(filenames, DatasetV2):
        names = [np.asarray(flat[0]).item() for flat in filenames._iter_flat()]
    else:
        value = getattr(filenames, "_value", filenames)
        if isinstance(value, (str, bytes, os.PathLike)):
            names = [value]
        else:
            names = list(np.asarray(value, dtype=object).reshape(-1))
    out = []
    for n in names:
        n = os.fspath(n)
        out.append(n.decode() if isinstance(n, bytes) else n)
    return out


class _FileDataset(DatasetV2):
    def __init__(self, filenames, compression_type=None):
        if isinstance(filenames, DatasetV2):
            spec = filenames.element_spec
            if not (isinstance(spec, TensorSpec) and spec.dtype is dtypes.string):
                raise TypeError("The `filenames` argument must contain `tf.string` elements. "
                                "Got a dataset of `%s` elements." % (spec,))
        self._filenames = filenames
        self._compression = compression_type
        super().__init__(Variant(TensorSpec([], dtypes.string)))

    def _records(self, path):
        raise NotImplementedError

    def _iter_flat(self):
        for path in _filenames(self._filenames):
            for record in self._records(path):
                yield [record_array(record)]


@_api.export("data.TextLineDataset")
class TextLineDatasetV2(_FileDataset):
    """tf.data.TextLineDataset: the lines of text files, without their line endings."""

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type)

    def _records(self, path):
        data = open_read(path, self._compression)
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for line in lines:
            yield line[:-1] if line.endswith(b"\r") else line


@_api.export("data.TFRecordDataset")
class TFRecordDatasetV2(_FileDataset):
    """tf.data.TFRecordDataset: the records of TFRecord files (CRCs checked)."""

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type)

    def _records(self, path):
        return read_records(path, self._compression)


def list_files(file_pattern, shuffle=None, seed=None, name=None):
    patterns = _filenames(file_pattern)
    matches = sorted({m for p in patterns for m in glob.glob(p)})
    if not matches:
        raise errors.InvalidArgumentError(
            None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
            "Summarized data: b'No files matched pattern: %s'" % ", ".join(patterns))
    names = np.empty(len(matches), object)
    names[:] = [m.encode() for m in matches]
    from .from_tensor_slices_op import _TensorSliceDataset

    ds = _TensorSliceDataset(names)
    if shuffle is None or shuffle:
        ds = ds.shuffle(len(matches), seed=seed)
    return ds
