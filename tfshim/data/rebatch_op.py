"""Dataset.rebatch (TF's data/ops/rebatch_op.py): the input's rows in batches of a new size."""

from __future__ import annotations

from . import structure
from .batch_op import check_batch_size, stack_rows
from .dataset_ops import INFINITE, UNKNOWN, _UnaryDataset
from .unbatch_op import _UnbatchDataset


class _RebatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, batch_size, drop_remainder=False, name=None):
        self._batch_size = check_batch_size(batch_size, "RebatchDatasetV2")
        self._drop_remainder = bool(drop_remainder)
        spec = structure.batched_spec(structure.unbatched_spec(input_dataset.element_spec),
                                      self._batch_size if self._drop_remainder else None)
        super().__init__(input_dataset, spec)

    def _iter_flat(self):
        rows = []
        for flat in _UnbatchDataset(self._input)._iter_flat():
            rows.append(flat)
            if len(rows) == self._batch_size:
                yield stack_rows(rows)
                rows = []
        if rows and not self._drop_remainder:
            yield stack_rows(rows)

    def _cardinality(self):
        n = self._input._cardinality()
        return INFINITE if n == INFINITE else UNKNOWN
