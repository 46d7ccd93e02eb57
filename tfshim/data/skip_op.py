"""Dataset.skip (TF's data/ops/skip_op.py)."""

from __future__ import annotations

import itertools

from .dataset_ops import INFINITE, UNKNOWN, _UnaryUnchangedStructureDataset, count_arg
from .take_op import skip_chunks


class _SkipDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, count, name=None):
        self._count = count_arg(count)
        super().__init__(input_dataset)

    def _epoch(self):
        if self._count < 0:
            return iter(())
        return skip_chunks(self._input._epoch(), self._count)

    def _iter_flat(self):
        if self._has_plan():
            return super()._iter_flat()
        if self._count < 0:
            return iter(())
        return itertools.islice(self._input._iter_flat(), self._count, None)

    def _cardinality(self):
        n = self._input._cardinality()
        if n in (INFINITE, UNKNOWN):
            return n
        if self._count < 0:
            return 0
        return max(0, n - self._count)
