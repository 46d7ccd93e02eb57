"""Dataset.range (TF's data/ops/range_op.py): arithmetic rows, gathered by index."""

from __future__ import annotations

import numpy as np

from .._core import dtypes
from .._core.tensor_spec import TensorSpec
from .dataset_ops import DatasetV2, Variant, count_arg


class _RangeDataset(DatasetV2):
    def __init__(self, *args, output_type=dtypes.int64, name=None):
        args = [count_arg(a) for a in args]
        if len(args) == 1:
            start, stop, step = 0, args[0], 1
        elif len(args) == 2:
            (start, stop), step = args, 1
        elif len(args) == 3:
            start, stop, step = args
        else:
            raise ValueError("Invalid `args`. The length of `args` should be between 1 and 3 "
                             "but was %d." % len(args))
        if step == 0:
            raise ValueError("step must be a non-zero integer.")
        self._start, self._step = start, step
        self._n = len(range(start, stop, step))
        self._dtype = dtypes.as_dtype(output_type)
        super().__init__(Variant(TensorSpec([], self._dtype)))

    def _has_plan(self):
        return True

    def _gather(self, indices):
        if isinstance(indices, range):
            idx = np.arange(indices.start, indices.stop, indices.step, dtype=np.int64)
        else:
            idx = np.asarray(indices, np.int64)
        return [(self._start + idx * self._step).astype(self._dtype.as_numpy_dtype)]

    def _epoch(self):
        if self._n:
            yield range(self._n)

    def _cardinality(self):
        return self._n if self._n < np.iinfo(np.int64).max // 2 else -1
