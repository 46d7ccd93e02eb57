"""tf.train.load_checkpoint's CheckpointReader (TF's py_checkpoint_reader.py over its C++
CheckpointReader): a checkpoint's keys, dtypes, shapes and values as NumPy arrays."""

from __future__ import annotations

import os

from .tensor_bundle import BundleReader


class CheckpointReader:
    """TF's CheckpointReader (what tf.train.load_checkpoint returns)."""

    def __init__(self, filename):
        self._reader = BundleReader(os.fspath(filename))

    def has_tensor(self, name):
        return self._reader.has(name)

    def get_tensor(self, name):
        """The stored value: a NumPy array, a NumPy scalar for a scalar (bytes for strings)."""
        array = self._reader.tensor(name)
        return array[()] if array.ndim == 0 else array

    def get_variable_to_shape_map(self):
        return {k: self._reader.shape(k) for k in self._reader.keys()}

    def get_variable_to_dtype_map(self):
        return {k: self._reader.dtype(k) for k in self._reader.keys()}


def NewCheckpointReader(filepattern):  # noqa: N802 - TF's name
    """TF's py_checkpoint_reader.NewCheckpointReader."""
    return CheckpointReader(filepattern)
