"""Dataset.unbatch (TF's data/ops/unbatch_op.py)."""

from __future__ import annotations

import numpy as np

from .._core import errors
from .._core.composite_tensor import CompositeTensor
from . import structure
from .dataset_ops import INFINITE, UNKNOWN, _UnaryDataset


class _UnbatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, name=None):
        super().__init__(input_dataset, structure.unbatched_spec(input_dataset.element_spec))

    def _iter_flat(self):
        for flat in self._input._iter_flat():
            if any(isinstance(a, CompositeTensor) for a in flat):
                yield from (list(r) for r in zip(*[structure.rows(a) for a in flat]))
                continue
            arrays = [np.asarray(a) for a in flat]
            n = arrays[0].shape[0]
            if any(a.shape[0] != n for a in arrays):
                raise errors.InvalidArgumentError(
                    None, None, "Input element must have the same batch size in each "
                    "component. Component 0 had size %d but component %d had size %d."
                    % (n, next(i for i, a in enumerate(arrays) if a.shape[0] != n),
                       next(a.shape[0] for a in arrays if a.shape[0] != n)))
            for i in range(n):
                yield [a[i] for a in arrays]

    def _cardinality(self):
        n = self._input._cardinality()
        return INFINITE if n == INFINITE else UNKNOWN
