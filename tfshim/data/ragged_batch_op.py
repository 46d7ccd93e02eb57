"""Dataset.ragged_batch (TF's data/ops/ragged_batch_op.py): components of unknown dimensions
become RaggedTensors (ragged up to their last unknown dimension), then batch as TF's batch
does."""

from __future__ import annotations

import numpy as np

from .._core import dtypes, nest
from .._core.tensor import wrap
from .._core.tensor_spec import TensorSpec
from . import structure
from .batch_op import _BatchDataset
from .dataset_ops import _UnaryDataset


def _ragged_batch(input_dataset, batch_size, drop_remainder=False,
                  row_splits_dtype=dtypes.int64, name=None):
    return _BatchDataset(_DenseToRaggedDataset(input_dataset, row_splits_dtype), batch_size,
                         drop_remainder, name=name)


def _to_ragged_spec(spec, row_splits_dtype):
    if not isinstance(spec, TensorSpec) or spec.shape.rank is None or (
            spec.shape.is_fully_defined()):
        return spec
    dims = spec.shape.as_list()
    ragged_rank = max(i for i, d in enumerate(dims) if d is None)
    return structure._ragged().RaggedTensorSpec(spec.shape, spec.dtype, ragged_rank,
                                                row_splits_dtype)


def _uniform_ragged(value, ragged_rank, row_splits_dtype):
    """A dense array as a RaggedTensor of `ragged_rank` (every row as long as the array's)."""
    a = np.asarray(value)
    splits = []
    for j in range(1, ragged_rank + 1):
        nrows = int(np.prod(a.shape[:j]))
        splits.append(wrap(np.arange(nrows + 1, dtype=row_splits_dtype.as_numpy_dtype)
                           * a.shape[j]))
    flat = a.reshape((-1,) + a.shape[ragged_rank + 1:])
    return structure._ragged().RaggedTensor.from_nested_row_splits(
        wrap(structure.to_array(flat)), splits, validate=False)


class _DenseToRaggedDataset(_UnaryDataset):
    def __init__(self, input_dataset, row_splits_dtype):
        self._splits_dtype = dtypes.as_dtype(row_splits_dtype)
        spec = nest.map_structure(lambda s: _to_ragged_spec(s, self._splits_dtype),
                                  input_dataset.element_spec)
        self._ranks = [s.ragged_rank if structure.is_composite_spec(s) and isinstance(
            t, TensorSpec) else None for s, t in zip(nest.flatten(spec),
                                                     input_dataset._flat_specs)]
        super().__init__(input_dataset, spec)

    def _iter_flat(self):
        ranks, dtype = self._ranks, self._splits_dtype
        for flat in self._input._iter_flat():
            yield [v if r is None or r == 0 else _uniform_ragged(v, r, dtype)
                   for v, r in zip(flat, ranks)]

    def _cardinality(self):
        return self._input._cardinality()
