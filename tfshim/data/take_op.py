"""Dataset.take (TF's data/ops/take_op.py)."""

from __future__ import annotations

import itertools

from .dataset_ops import INFINITE, UNKNOWN, _UnaryUnchangedStructureDataset, count_arg


def take_chunks(chunks, count):
    """The first `count` indices of a chunked pass."""
    for c in chunks:
        if count <= 0:
            return
        if len(c) > count:
            c = c[:count]
        count -= len(c)
        yield c


def skip_chunks(chunks, count):
    for c in chunks:
        if count >= len(c):
            count -= len(c)
            continue
        yield c[count:] if count else c
        count = 0


class _TakeDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, count, name=None):
        self._count = count_arg(count)
        super().__init__(input_dataset)

    def _epoch(self):
        if self._count < 0:
            return self._input._epoch()
        return take_chunks(self._input._epoch(), self._count)

    def _iter_flat(self):
        if self._has_plan():
            return super()._iter_flat()
        if self._count < 0:
            return self._input._iter_flat()
        return itertools.islice(self._input._iter_flat(), self._count)

    def _cardinality(self):
        n = self._input._cardinality()
        if self._count < 0:
            return n
        if n == INFINITE:
            return self._count
        if n == UNKNOWN:
            return UNKNOWN
        return min(n, self._count)
