"""Dataset.padded_batch (TF's data/ops/padded_batch_op.py)."""

from __future__ import annotations

import numpy as np

from .._core import dtypes, nest
from .._core.convert import convert_to_tensor
from .._core.tensor_shape import TensorShape, as_shape
from .._core.tensor_spec import TensorSpec
from .batch_op import batched_cardinality, check_batch_size
from .dataset_ops import _UnaryDataset


def _padding_value(spec, value):
    if value is None:
        return b"" if spec.dtype is dtypes.string else np.zeros((), spec.dtype.as_numpy_dtype)
    t = convert_to_tensor(value, spec.dtype)
    return np.asarray(t._value)


class _PaddedBatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, batch_size, padded_shapes=None, padding_values=None,
                 drop_remainder=False, name=None):
        self._batch_size = check_batch_size(batch_size, "PaddedBatchDatasetV2")
        self._drop_remainder = bool(drop_remainder)
        spec = input_dataset.element_spec
        if padded_shapes is None:
            for s in nest.flatten(spec):
                if s.shape.rank is None:
                    raise ValueError("You must provide `padded_shapes` argument because "
                                     "component %s has unknown rank." % (s,))
            padded_shapes = nest.map_structure(lambda s: TensorShape([None] * s.shape.rank),
                                               spec)
        else:
            padded_shapes = _shapes_like(spec, padded_shapes)
        self._shapes = [as_shape(s) for s in _values_like(spec, padded_shapes)]
        if padding_values is None:
            self._pads = [_padding_value(s, None) for s in nest.flatten(spec)]
        else:
            values = _values_like(spec, padding_values)
            self._pads = [_padding_value(s, v) for s, v in zip(nest.flatten(spec), values)]
        for s, p in zip(nest.flatten(spec), self._shapes):
            if not s.shape.is_compatible_with(
                    TensorShape([None if d is None else d for d in p.dims])) and s.shape.rank:
                if s.shape.rank != p.rank or any(
                        a is not None and b is not None and a > b
                        for a, b in zip(s.shape.dims, p.dims)):
                    raise ValueError("The padded shape %s is not compatible with the shape %s "
                                     "of the corresponding input component." % (p, s.shape))
        batch = self._batch_size if self._drop_remainder else None
        out = [TensorSpec([batch] + list(p.dims), s.dtype)
               for s, p in zip(nest.flatten(spec), self._shapes)]
        super().__init__(input_dataset, nest.pack_sequence_as(spec, out)
                         if nest.is_nested(spec) else out[0])

    def _pad(self, rows):
        out = []
        for k, (shape, pad) in enumerate(zip(self._shapes, self._pads)):
            parts = [np.asarray(r[k]) for r in rows]
            target = [max(p.shape[i] for p in parts) if d is None else d
                      for i, d in enumerate(shape.dims)]
            for p in parts:
                if any(a > b for a, b in zip(p.shape, target)):
                    from .._core import errors

                    raise errors.DataLossError(
                        None, None, "Attempted to pad to a smaller size than the input "
                        "element.")
            arr = np.full([len(parts)] + target, pad, dtype=parts[0].dtype)
            for i, p in enumerate(parts):
                arr[(i,) + tuple(slice(0, n) for n in p.shape)] = p
            out.append(arr)
        return out

    def _iter_flat(self):
        rows = []
        for flat in self._input._iter_flat():
            rows.append(flat)
            if len(rows) == self._batch_size:
                yield self._pad(rows)
                rows = []
        if rows and not self._drop_remainder:
            yield self._pad(rows)

    def _cardinality(self):
        return batched_cardinality(self._input._cardinality(), self._batch_size,
                                   self._drop_remainder)


def _shapes_like(spec, shapes):
    if not nest.is_nested(spec):
        return as_shape(shapes)
    return nest.pack_sequence_as(spec, [as_shape(s) for s in _values_like(spec, shapes)])


def _values_like(spec, values):
    """`values` (one per component of spec; a shape is a leaf) flattened like spec."""
    if not nest.is_nested(spec):
        return [values]
    if isinstance(spec, dict):
        return [v for k in sorted(spec) for v in _values_like(spec[k], values[k])]
    return [v for s, x in zip(spec, values) for v in _values_like(s, x)]
