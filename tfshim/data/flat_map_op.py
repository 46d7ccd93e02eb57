"""Dataset.flat_map (TF's data/ops/flat_map_op.py): a dataset per element, concatenated."""

from __future__ import annotations

from .dataset_ops import DatasetV2, _UnaryDataset
from .structured_function import StructuredFunction


def dataset_function(map_func, input_dataset, what):
    """A function of elements returning datasets (runs eagerly) and its datasets' spec."""
    fn = StructuredFunction(map_func, what, input_dataset.element_spec, eager=True)
    if fn.output_spec is None:
        for flat in input_dataset._iter_flat():
            fn.output_spec = _element_spec(fn.call_structured(flat))
            break
    elif not hasattr(fn.output_spec, "element_spec"):
        raise TypeError("The `map_func` argument must return a `Dataset` object. Got %s."
                        % type(fn.output_spec).__name__)
    else:
        fn.output_spec = fn.output_spec.element_spec
    return fn


def _element_spec(ds):
    if not isinstance(ds, DatasetV2):
        raise TypeError("The `map_func` argument must return a `Dataset` object. Got %s."
                        % type(ds).__name__)
    return ds.element_spec


class _FlatMapDataset(_UnaryDataset):
    def __init__(self, input_dataset, map_func, name=None):
        self._fn = dataset_function(map_func, input_dataset, "Dataset.flat_map()")
        super().__init__(input_dataset, self._fn.output_spec)

    def _iter_flat(self):
        for flat in self._input._iter_flat():
            ds = self._fn.call_structured(flat)
            _element_spec(ds)
            yield from ds._iter_flat()
