"""Dataset.group_by_window and bucket_by_sequence_length (TF's data/ops/group_by_window_op.py):
elements grouped by a key, each full window (and at the end each rest, by key) reduced to a
dataset."""

from __future__ import annotations

import numpy as np

from .._core import dtypes, nest
from .._core.tensor import wrap
from .._core.tensor_spec import TensorSpec
from .dataset_ops import _UnaryDataset
from .flat_map_op import _element_spec
from .structured_function import StructuredFunction
from .window_op import _ElementsDataset

_KEY = TensorSpec([], dtypes.int64)


class _GroupByWindowDataset(_UnaryDataset):
    def __init__(self, input_dataset, key_func, reduce_func, window_size=None,
                 window_size_func=None, name=None):
        if (window_size is None) == (window_size_func is None):
            raise ValueError("Either the `window_size` argument or the `window_size_func` "
                             "argument must be specified.")
        self._key = StructuredFunction(key_func, "Dataset.group_by_window()",
                                       input_dataset.element_spec)
        self._size_fn = None if window_size_func is None else StructuredFunction(
            window_size_func, "Dataset.group_by_window()", _KEY)
        self._size = None if window_size is None else int(np.asarray(
            getattr(window_size, "_value", window_size)))
        self._reduce = reduce_func
        probe = _ElementsDataset([], input_dataset.element_spec)
        spec = _element_spec(reduce_func(wrap(np.asarray(0, np.int64)), probe))
        super().__init__(input_dataset, spec)

    def _window_size(self, key):
        if self._size is not None:
            return self._size
        return int(np.asarray(self._size_fn.call_flat([np.asarray(key, np.int64)])[0]))

    def _flush(self, key, rows):
        ds = self._reduce(wrap(np.asarray(key, np.int64)),
                          _ElementsDataset(rows, self._input.element_spec))
        return ds._iter_flat()

    def _iter_flat(self):
        groups: dict = {}
        for flat in self._input._iter_flat():
            key = int(np.asarray(self._key.call_flat(flat)[0]))
            rows = groups.setdefault(key, [])
            rows.append(flat)
            if len(rows) >= self._window_size(key):
                del groups[key]
                yield from self._flush(key, rows)
        for key in sorted(groups):
            yield from self._flush(key, groups[key])


def bucket_by_sequence_length(dataset, element_length_func, bucket_boundaries,
                              bucket_batch_sizes, padded_shapes=None, padding_values=None,
                              pad_to_bucket_boundary=False, no_padding=False,
                              drop_remainder=False):
    """TF's bucket_by_sequence_length: group_by_window keyed by the length's bucket."""
    if len(bucket_batch_sizes) != len(bucket_boundaries) + 1:
        raise ValueError("len(bucket_batch_sizes) must equal len(bucket_boundaries) + 1 but "
                         "len(bucket_batch_sizes)=%d and len(bucket_boundaries)=%d"
                         % (len(bucket_batch_sizes), len(bucket_boundaries)))
    boundaries = list(bucket_boundaries)
    sizes = list(bucket_batch_sizes)

    def key_of(*args):
        length = int(np.asarray(element_length_func(*args)))
        return np.int64(int(np.searchsorted(np.asarray(boundaries), length, side="right")))

    def reduce_func(key, window):
        k = int(np.asarray(key))
        if no_padding:
            return window.batch(sizes[k], drop_remainder=drop_remainder)
        shapes = padded_shapes
        if pad_to_bucket_boundary:
            if k == len(boundaries):
                raise ValueError("When pad_to_bucket_boundary=True, elements must have length "
                                 "< max(bucket_boundaries).")
            bound = boundaries[k] - 1
            shapes = nest.map_structure(
                lambda s: [bound] + [None] * (s.shape.rank - 1), window.element_spec)
        return window.padded_batch(sizes[k], shapes, padding_values,
                                   drop_remainder=drop_remainder)

    ds = _GroupByWindowDataset.__new__(_GroupByWindowDataset)
    ds._key = _KeyFunction(key_of, dataset.element_spec)
    ds._size_fn = None
    ds._size = None
    ds._sizes = sizes
    ds._reduce = reduce_func
    ds._window_size = lambda key: sizes[key]
    probe = _ElementsDataset([], dataset.element_spec)
    spec = _element_spec(reduce_func(wrap(np.asarray(0, np.int64)), probe))
    _UnaryDataset.__init__(ds, dataset, spec)
    return ds


class _KeyFunction:
    """A Python key function of elements (bucket_by_sequence_length's, run eagerly)."""

    def __init__(self, func, spec):
        self._func, self._spec = func, spec

    def call_flat(self, flat):
        from . import structure

        value = structure.from_flat(self._spec, flat)
        return [self._func(*value) if type(value) is tuple else self._func(value)]
