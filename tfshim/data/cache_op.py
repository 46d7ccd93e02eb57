"""Dataset.cache (TF's data/ops/cache_op.py): in memory, or in files named after `filename`."""

from __future__ import annotations

import os
import pickle

import numpy as np

from .._core import errors
from .dataset_ops import DatasetV2, _UnaryUnchangedStructureDataset


class CacheDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, filename="", name=None):
        self._filename = os.fspath(getattr(filename, "numpy", lambda: filename)())
        if isinstance(self._filename, bytes):
            self._filename = self._filename.decode()
        self._memory = None
        super().__init__(input_dataset)

    def _has_plan(self):
        # Rows already in memory: the cache is the input itself.
        return not self._filename and self._input._has_plan()

    def _iter_flat(self):
        if self._has_plan():
            yield from DatasetV2._iter_flat(self)
            return
        if not self._filename:
            if self._memory is not None:
                yield from self._memory
                return
            items = []
            for flat in self._input._iter_flat():
                items.append(flat)
                yield flat
            self._memory = items  # only a complete pass is kept, as TF's
            return
        data = self._filename + ".data-00000-of-00001"
        index = self._filename + ".index"
        if os.path.exists(index):
            with open(data, "rb") as f:
                yield from pickle.load(f)
            return
        directory = os.path.dirname(self._filename)
        if directory and not os.path.isdir(directory):
            raise errors.NotFoundError(None, None, "Failed to create a directory: %s; No such "
                                       "file or directory" % directory)
        items = []
        for flat in self._input._iter_flat():
            items.append([np.asarray(v) for v in flat])
            yield flat
        with open(data, "wb") as f:
            pickle.dump(items, f)
        with open(index, "wb") as f:
            f.write(b"tfshim cache")
