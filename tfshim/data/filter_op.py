"""Dataset.filter (TF's data/ops/filter_op.py)."""

from __future__ import annotations

import numpy as np

from .._core import dtypes
from .._core.tensor_spec import TensorSpec
from .dataset_ops import CHUNK, DatasetV2, _UnaryDataset, rechunk
from .structured_function import StructuredFunction


def predicate_function(predicate, input_dataset, what="predicate"):
    fn = StructuredFunction(predicate, "Dataset.filter()", input_dataset.element_spec)
    spec = fn.output_spec if fn.output_spec is not None else fn.eager_output_spec(input_dataset)
    if not (isinstance(spec, TensorSpec) and spec.dtype is dtypes.bool and spec.shape.rank == 0):
        raise ValueError("Invalid `%s`. `%s` must return a `tf.bool` scalar tensor, but its "
                         "return type is %s." % (what, what, spec))
    return fn


class _FilterDataset(_UnaryDataset):
    def __init__(self, input_dataset, predicate, name=None):
        self._fn = predicate_function(predicate, input_dataset)
        super().__init__(input_dataset)

    def _has_plan(self):
        return self._fn.vmappable and self._input._has_plan()

    def _gather(self, indices):
        return self._input._gather(indices)

    def _epoch(self):
        # The predicate over a chunk of rows at once; the kept indices go on.
        for chunk in rechunk(self._input._epoch(), CHUNK * 4):
            mask = np.asarray(self._fn.call_batched(self._input._gather(chunk))[0])
            kept = np.asarray(chunk, np.int64)[mask]
            if len(kept):
                yield kept

    def _iter_flat(self):
        if self._has_plan():
            yield from DatasetV2._iter_flat(self)
            return
        call = self._fn.call_flat
        for flat in self._input._iter_flat():
            if bool(np.asarray(call(flat)[0])):
                yield flat
