"""Dataset.from_tensor_slices (TF's data/ops/from_tensor_slices_op.py): rows of in-memory arrays,
gathered a whole batch at a time."""

from __future__ import annotations

import numpy as np

from .._core import nest
from .._core.composite_tensor import CompositeTensor
from .._core.tensor_shape import TensorShape
from .._core.tensor_spec import TensorSpec
from . import structure
from .dataset_ops import DatasetV2, Variant


def gather_rows(arrays, indices) -> list:
    """The rows of host arrays at `indices`: a slice (a view) for a contiguous range."""
    if isinstance(indices, range):
        if indices.step == 1:
            return [a[indices.start:indices.stop] for a in arrays]
        indices = np.asarray(indices, np.int64)
    return [a[indices] for a in arrays]


def host(v):
    """A flat value as a host NumPy array (a view of a CPU jax array)."""
    return v if isinstance(v, np.ndarray) else np.asarray(v)


class _TensorSliceDataset(DatasetV2):
    def __init__(self, element, is_files=False, name=None):
        element = structure.normalize(element)
        flat = nest.flatten(element)
        if not flat:
            raise ValueError("Invalid `element`. `element` should not be empty.")
        n = None
        for t in flat:
            if isinstance(t, DatasetV2) or t.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            d = t.shape.dims[0]
            if d is None:  # a SparseTensor's or RaggedTensor's rows: known from its value
                d = len(structure.rows(t))
            if n is not None and d != n:
                raise ValueError("Dimensions %d and %d are not compatible" % (n, d))
            n = d
        self._n = n
        self._composite = any(isinstance(t, CompositeTensor) for t in flat)
        if self._composite:  # their rows, element by element
            self._arrays = [structure.rows(t) for t in flat]
            spec = structure.unbatched_spec(structure.type_spec_from_value(element))
        else:
            self._arrays = [host(t._value) for t in flat]
            spec = nest.map_structure(
                lambda t: TensorSpec(TensorShape(t.shape.dims[1:]), t.dtype), element)
        super().__init__(Variant(spec))

    def _has_plan(self):
        return not self._composite

    def _iter_flat(self):
        if self._composite:
            return (list(r) for r in zip(*self._arrays))
        return DatasetV2._iter_flat(self)

    def _gather(self, indices):
        return gather_rows(self._arrays, indices)

    def _epoch(self):
        if self._n:
            yield range(self._n)

    def _cardinality(self):
        return self._n
