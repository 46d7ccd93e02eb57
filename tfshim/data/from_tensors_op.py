"""Dataset.from_tensors (TF's data/ops/from_tensors_op.py): one element."""

from __future__ import annotations

import numpy as np

from .._core.composite_tensor import CompositeTensor
from . import structure
from .dataset_ops import DatasetV2, Variant


class _TensorDataset(DatasetV2):
    def __init__(self, element, name=None):
        element = structure.normalize(element)
        self._flat = structure.flat_values(element)
        super().__init__(Variant(structure.type_spec_from_value(element)))

    def _has_plan(self):
        return not any(isinstance(v, (DatasetV2, CompositeTensor)) for v in self._flat)

    def _gather(self, indices):
        n = len(indices)
        return [np.broadcast_to(np.asarray(v), (n,) + np.shape(v)) for v in self._flat]

    def _epoch(self):
        yield range(1)

    def _iter_flat(self):
        yield list(self._flat)

    def _cardinality(self):
        return 1
