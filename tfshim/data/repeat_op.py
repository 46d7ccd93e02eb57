"""Dataset.repeat (TF's data/ops/repeat_op.py): each pass a new pass of the input (a shuffle
reshuffles)."""

from __future__ import annotations

import functools
import itertools

from .dataset_ops import INFINITE, UNKNOWN, _UnaryUnchangedStructureDataset, count_arg


class _RepeatDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, count=None, name=None):
        self._count = -1 if count is None else count_arg(count)
        super().__init__(input_dataset)

    def _passes(self, one_pass):
        passes = itertools.count() if self._count < 0 else range(self._count)
        for _ in passes:
            empty = True
            for x in one_pass():
                empty = False
                yield x
            if empty:
                return

    def _epoch(self):
        return self._passes(self._input._epoch)

    def _iter_flat(self):
        if self._input._has_plan() and self._input._cardinality() == 1:
            # One fixed element repeated (Keras zips its whole arrays in as
            # from_tensors(arrays).repeat()): its arrays, fetched once, in every element; a
            # gathered chunk would copy the arrays once per row.
            return self._passes(functools.partial(_cached, list(self._input._iter_flat())))
        if self._has_plan():
            return super()._iter_flat()
        return self._passes(self._input._iter_flat)

    def _cardinality(self):
        n = self._input._cardinality()
        if self._count < 0:
            return 0 if n == 0 else INFINITE
        if n in (INFINITE, UNKNOWN):
            return n if self._count else 0
        return n * self._count


def _cached(elements):
    return (list(e) for e in elements)
