"""Dataset.batch (TF's data/ops/batch_op.py): a planned input gathers each batch at once."""

from __future__ import annotations

import numpy as np

from .._core import errors
from . import structure
from .dataset_ops import INFINITE, UNKNOWN, _UnaryDataset, count_arg, rechunk


def check_batch_size(batch_size, op_type="BatchDatasetV2") -> int:
    n = count_arg(batch_size)
    if n <= 0:
        raise errors.kernel_error(op_type, "Batch size must be greater than zero.")
    return n


def stack_rows(rows, specs=()) -> list:
    """Elements (flat lists) stacked per component on the host; TF's error for ragged rows.
    Components of RaggedTensorSpec/SparseTensorSpec (`specs`) are batched as TF's."""
    out = []
    for k in range(len(rows[0])):
        if k < len(specs) and structure.is_composite_spec(specs[k]):
            out.append(structure.batch_composite([r[k] for r in rows], specs[k]))
            continue
        parts = [np.asarray(r[k]) for r in rows]
        first = parts[0].shape
        for i, p in enumerate(parts):
            if p.shape != first:
                raise errors.InvalidArgumentError(
                    None, None, "Cannot batch tensors with different shapes in component %d. "
                    "First element had shape %s and element %d had shape %s."
                    % (k, _shape_text(first), i, _shape_text(p.shape)))
        out.append(np.stack(parts))
    return out


def _shape_text(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def batched_cardinality(n, batch_size, drop_remainder) -> int:
    if n in (INFINITE, UNKNOWN):
        return n
    return n // batch_size if drop_remainder else -(-n // batch_size)


class _BatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, batch_size, drop_remainder=False, name=None):
        self._batch_size = check_batch_size(batch_size)
        self._drop_remainder = bool(drop_remainder)
        spec = structure.batched_spec(input_dataset.element_spec,
                                      self._batch_size if self._drop_remainder else None)
        super().__init__(input_dataset, spec)

    def _iter_flat(self):
        size, drop = self._batch_size, self._drop_remainder
        source = self._input
        if source._has_plan():
            gather = source._gather
            for chunk in rechunk(source._epoch(), size):
                if drop and len(chunk) < size:
                    return
                yield gather(chunk)
            return
        rows = []
        specs = source._flat_specs
        for flat in source._iter_flat():
            rows.append(flat)
            if len(rows) == size:
                yield stack_rows(rows, specs)
                rows = []
        if rows and not drop:
            yield stack_rows(rows, specs)

    def _cardinality(self):
        return batched_cardinality(self._input._cardinality(), self._batch_size,
                                   self._drop_remainder)


class _ParallelBatchDataset(_BatchDataset):
    """batch(num_parallel_calls=...): the same batches (a planned input gathers each at once)."""
