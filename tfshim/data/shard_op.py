"""Dataset.shard (TF's data/ops/shard_op.py): every num_shards-th element from index."""

from __future__ import annotations

import numpy as np

from .._core import errors
from .dataset_ops import INFINITE, SHARD_HINT, UNKNOWN, _UnaryUnchangedStructureDataset, count_arg


class _ShardDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, num_shards, index, name=None):
        self._num = count_arg(num_shards)
        self._index = count_arg(index)
        if self._num == SHARD_HINT and self._index == SHARD_HINT:
            # TF accepts the hint and fails when an iterator is made (auto_shard.py fills it).
            super().__init__(input_dataset)
            return
        if self._num <= 0:
            raise errors.kernel_error("ShardDataset", "Number of shards must be greater than "
                                      "zero (currently num_shards = %d)." % self._num)
        if not 0 <= self._index < self._num:
            raise errors.kernel_error("ShardDataset", "Index must be between 0 and %d "
                                      "(currently index = %d)." % (self._num - 1, self._index))
        super().__init__(input_dataset)

    def _check_hint(self):
        if self._num == SHARD_HINT:
            raise errors.kernel_error(
                "MakeIterator", "`tf.data.Dataset.shard(SHARD_HINT, ...)` can only be used in "
                "`tf.distribute.Strategy.experimental_distribute_dataset()` with "
                "`tf.data.experimental.AutoShardPolicy.HINT` policy, or tf.data service with "
                "`tf.data.experimental.service.ShardingPolicy.HINT` processing mode.",
                cls=errors.FailedPreconditionError)

    def _has_plan(self):
        return self._num != SHARD_HINT and super()._has_plan()

    def _epoch(self):
        pos = 0
        for c in self._input._epoch():
            first = (self._index - pos) % self._num
            pos += len(c)
            kept = c[first::self._num]
            if len(kept):
                yield kept if isinstance(kept, range) else np.asarray(kept)

    def _iter_flat(self):
        self._check_hint()  # when the iterator is made, as TF's MakeIterator
        return self._shard_flat()

    def _shard_flat(self):
        if self._has_plan():
            return _UnaryUnchangedStructureDataset._iter_flat(self)
        return (x for i, x in enumerate(self._input._iter_flat())
                if i % self._num == self._index)

    def _cardinality(self):
        n = self._input._cardinality()
        if n in (INFINITE, UNKNOWN) or self._num == SHARD_HINT:
            return n
        return n // self._num + (1 if n % self._num > self._index else 0)
