"""Dataset.concatenate (TF's data/ops/concatenate_op.py)."""

from __future__ import annotations

from .._core import nest
from .._core.tensor_spec import TensorSpec
from . import structure
from .dataset_ops import INFINITE, UNKNOWN, DatasetV2, Variant


class _ConcatenateDataset(DatasetV2):
    def __init__(self, input_dataset, dataset_to_concatenate, name=None):
        a, b = input_dataset, dataset_to_concatenate
        try:
            nest.assert_same_structure(a.element_spec, b.element_spec)
            flat_a, flat_b = nest.flatten(a.element_spec), nest.flatten(b.element_spec)
            ok = all(x.dtype == y.dtype for x, y in zip(flat_a, flat_b))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise TypeError(
                "Incompatible dataset elements:\n  %r vs.   %r" % (a.element_spec, b.element_spec))
        spec = nest.pack_sequence_as(a.element_spec, [
            TensorSpec(structure.most_specific_common(x.shape, y.shape), x.dtype)
            for x, y in zip(flat_a, flat_b)])
        self._a, self._b = a, b
        super().__init__(Variant(spec, (a, b)))

    def _iter_flat(self):
        yield from self._a._iter_flat()
        yield from self._b._iter_flat()

    def _cardinality(self):
        ca, cb = self._a._cardinality(), self._b._cardinality()
        if INFINITE in (ca, cb):
            return INFINITE
        if UNKNOWN in (ca, cb):
            return UNKNOWN
        return ca + cb
