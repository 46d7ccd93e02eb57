"""Dataset.shard (TF's data/ops/shard_op.py): every num_shards-th element from index."""

from __future__ import annotations

import numpy as np

from .._core import errors
from .dataset_ops import INFINITE, UNKNOWN, _UnaryUnchangedStructureDataset, count_arg


class _ShardDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, num_shards, index, name=None):
        self._num = count_arg(num_shards)
        self._index = count_arg(index)
        if self._num <= 0:
            raise errors.kernel_error("ShardDataset", "Number of shards must be greater than "
                                      "zero (currently num_shards = %d)." % self._num)
        if not 0 <= self._index < self._num:
            raise errors.kernel_error("ShardDataset", "Index must be between 0 and %d "
                                      "(currently index = %d)." % (self._num - 1, self._index))
        super().__init__(input_dataset)

    def _epoch(self):
        pos = 0
        for c in self._input._epoch():
            first = (self._index - pos) % self._num
            pos += len(c)
            kept = c[first::self._num]
            if len(kept):
                yield kept if isinstance(kept, range) else np.asarray(kept)

    def _iter_flat(self):
        if self._has_plan():
            return super()._iter_flat()
        return (x for i, x in enumerate(self._input._iter_flat())
                if i % self._num == self._index)

    def _cardinality(self):
        n = self._input._cardinality()
        if n in (INFINITE, UNKNOWN):
            return n
        return n // self._num + (1 if n % self._num > self._index else 0)
