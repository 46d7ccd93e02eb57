"""Dataset.take_while (TF's data/ops/take_while_op.py)."""

from __future__ import annotations

import numpy as np

from .dataset_ops import _UnaryDataset
from .filter_op import predicate_function


class _TakeWhileDataset(_UnaryDataset):
    def __init__(self, input_dataset, predicate, name=None):
        self._fn = predicate_function(predicate, input_dataset)
        super().__init__(input_dataset)

    def _iter_flat(self):
        for flat in self._input._iter_flat():
            if not bool(np.asarray(self._fn.call_flat(flat)[0])):
                return
            yield flat
