"""Dataset.zip (TF's data/ops/zip_op.py)."""

from __future__ import annotations

from .._core import nest
from .dataset_ops import INFINITE, UNKNOWN, DatasetV2, Variant


class _ZipDataset(DatasetV2):
    def __init__(self, datasets, name=None):
        if _has_list(datasets):
            raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) "
                            "structures of `tf.data.Dataset` objects. Python `list` is not "
                            "supported and you should use `tuple` instead.")
        for ds in nest.flatten(datasets):
            if not isinstance(ds, DatasetV2):
                if isinstance(ds, list):
                    raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested)"
                                    " structures of `tf.data.Dataset` objects. Python `list` "
                                    "is not supported and you should use `tuple` instead.")
                raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) "
                                "structures of `tf.data.Dataset` objects but encountered "
                                "object of type %s." % type(ds))
        self._datasets = datasets
        self._flat_ds = nest.flatten(datasets)
        spec = nest.pack_sequence_as(datasets, [d.element_spec for d in self._flat_ds])
        super().__init__(Variant(spec, self._flat_ds))

    def _has_plan(self):
        # The same indices into every input: inputs whose passes are plain ranges.
        return all(d._has_plan() and _plain(d) for d in self._flat_ds)

    def _gather(self, indices):
        return [a for d in self._flat_ds for a in d._gather(indices)]

    def _epoch(self):
        n = self._cardinality()
        if n:
            yield range(n)

    def _iter_flat(self):
        if self._has_plan():
            yield from DatasetV2._iter_flat(self)
            return
        its = [d._iter_flat() for d in self._flat_ds]
        while True:
            out = []
            for it in its:
                try:
                    out.extend(next(it))
                except StopIteration:
                    return
            yield out

    def _cardinality(self):
        cards = [d._cardinality() for d in self._flat_ds]
        finite = [c for c in cards if c >= 0]
        if finite:
            return min(finite)
        return UNKNOWN if UNKNOWN in cards else INFINITE


def _has_list(structure) -> bool:
    if isinstance(structure, list):
        return True
    if isinstance(structure, dict):
        return any(_has_list(v) for v in structure.values())
    if isinstance(structure, tuple):
        return any(_has_list(v) for v in structure)
    return False


def _plain(d) -> bool:
    """A source whose pass is range(0, n) in order (so zipping shares indices)."""
    from .from_tensor_slices_op import _TensorSliceDataset
    from .range_op import _RangeDataset

    if isinstance(d, (_TensorSliceDataset, _RangeDataset)):
        return True
    if type(d).__name__ in ("_MapDataset", "_ParallelMapDataset", "_ZipDataset",
                            "_OptionsDataset"):
        return all(_plain(i) for i in d._inputs)
    return False
