"""Dataset.interleave (TF's data/ops/interleave_op.py): TF's cycle of open datasets, taking
block_length elements from each in turn."""

from __future__ import annotations

import os

from .._core import errors
from .dataset_ops import _UnaryDataset, count_arg
from .flat_map_op import _element_spec, dataset_function


def _interleave(input_dataset, map_func, cycle_length, block_length, num_parallel_calls):
    cls = _InterleaveDataset if num_parallel_calls is None else _ParallelInterleaveDataset
    return cls(input_dataset, map_func, cycle_length, block_length)


class _InterleaveDataset(_UnaryDataset):
    def __init__(self, input_dataset, map_func, cycle_length=None, block_length=None):
        self._fn = dataset_function(map_func, input_dataset, "Dataset.interleave()")
        cycle = -1 if cycle_length is None else count_arg(cycle_length)
        self._cycle = (os.cpu_count() or 1) if cycle == -1 else cycle
        self._block = 1 if block_length is None else count_arg(block_length)
        if self._cycle <= 0:
            raise errors.kernel_error("InterleaveDataset", "cycle_length must be greater than "
                                      "zero.")
        if self._block <= 0:
            raise errors.kernel_error("InterleaveDataset", "block_length must be greater than "
                                      "zero.")
        super().__init__(input_dataset, self._fn.output_spec)

    def _iter_flat(self):
        inputs = self._input._iter_flat()
        slots = [None] * self._cycle
        exhausted = False
        while True:
            active = False
            for k in range(self._cycle):
                if slots[k] is None and not exhausted:
                    flat = next(inputs, None)
                    if flat is None:
                        exhausted = True
                    else:
                        ds = self._fn.call_structured(flat)
                        _element_spec(ds)
                        slots[k] = ds._iter_flat()
                if slots[k] is None:
                    continue
                active = True
                for _ in range(self._block):
                    item = next(slots[k], None)
                    if item is None:
                        slots[k] = None
                        break
                    yield item
            if not active and exhausted:
                return


class _ParallelInterleaveDataset(_InterleaveDataset):
    pass
