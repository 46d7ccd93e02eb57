"""Dataset.scan and Dataset.reduce (TF's data/ops/scan_op.py and dataset_ops' reduce): a state
carried through the elements by a traced function."""

from __future__ import annotations

from .._core import nest
from . import structure
from .dataset_ops import _UnaryDataset
from .structured_function import StructuredFunction


def _state_function(func, initial_state, input_dataset, what, with_output):
    state = structure.normalize(initial_state)
    state_spec = structure.type_spec_from_value(state)
    fn = StructuredFunction(func, what, (state_spec, input_dataset.element_spec))
    out = fn.output_spec
    if out is None:
        out = fn.eager_output_spec(_Prepend(input_dataset, structure.flat_values(state)))
    if with_output and (not isinstance(out, tuple) or len(out) != 2):
        raise TypeError("Invalid `scan_func`. `scan_func` should return a pair consisting of "
                        "new state and the output value but its return type is %s." % (out,))
    new_state_spec = out[0] if with_output else out
    try:
        nest.assert_same_structure(state_spec, new_state_spec)
    except (TypeError, ValueError):
        raise TypeError("The element types for the new state must match the initial state. "
                        "Expected %s; got %s." % (state_spec, new_state_spec)) from None
    for a, b in zip(nest.flatten(state_spec), nest.flatten(new_state_spec)):
        if a.dtype is not b.dtype:
            raise TypeError("The element types for the new state must match the initial "
                            "state. Expected %s; got %s."
                            % (nest.map_structure(lambda s: s.dtype, state_spec),
                               nest.map_structure(lambda s: s.dtype, new_state_spec)))
    return fn, structure.flat_values(state), len(nest.flatten(state_spec)), out


class _Prepend:
    """The input's elements with the initial state in front (for an eager function's spec)."""

    def __init__(self, dataset, state_flat):
        self._dataset, self._state = dataset, state_flat

    def _iter_flat(self):
        for flat in self._dataset._iter_flat():
            yield list(self._state) + list(flat)


def reduce(dataset, initial_state, reduce_func):
    fn, state, n_state, spec = _state_function(reduce_func, initial_state, dataset,
                                               "Dataset.reduce()", False)
    for flat in dataset._iter_flat():
        state = fn.call_flat(list(state) + list(flat))
    return structure.from_flat(spec, state)


class _ScanDataset(_UnaryDataset):
    def __init__(self, input_dataset, initial_state, scan_func, name=None):
        self._fn, self._state, self._n_state, spec = _state_function(
            scan_func, initial_state, input_dataset, "Dataset.scan()", True)
        super().__init__(input_dataset, spec[1])

    def _iter_flat(self):
        state = self._state
        n = self._n_state
        for flat in self._input._iter_flat():
            out = self._fn.call_flat(list(state) + list(flat))
            state = out[:n]
            yield out[n:]

    def _cardinality(self):
        return self._input._cardinality()
