"""Dataset.map (TF's data/ops/map_op.py): a traced function per element, or vmapped over a whole
chunk of rows when the input is planned (see dataset_ops) and the function vmaps."""

from __future__ import annotations

from .dataset_ops import DatasetV2, _UnaryDataset
from .structured_function import StructuredFunction, parallel_map, workers


def _map_v2(input_dataset, map_func, num_parallel_calls, deterministic, name):
    if num_parallel_calls is None:
        return _MapDataset(input_dataset, map_func, name=name)
    return _ParallelMapDataset(input_dataset, map_func, num_parallel_calls, deterministic,
                               name=name)


class _MapDataset(_UnaryDataset):
    def __init__(self, input_dataset, map_func, num_parallel_calls=None, name=None):
        self._fn = StructuredFunction(map_func, "Dataset.map()", input_dataset.element_spec)
        self._workers = workers(num_parallel_calls)
        spec = self._fn.output_spec
        if spec is None:
            spec = self._fn.eager_output_spec(input_dataset)
        super().__init__(input_dataset, spec)

    def _has_plan(self):
        return self._fn.vmappable and self._input._has_plan()

    def _gather(self, indices):
        return self._fn.call_batched(self._input._gather(indices))

    def _epoch(self):
        return self._input._epoch()

    def _iter_flat(self):
        self._fn.restart_random_streams()
        if self._has_plan():
            return DatasetV2._iter_flat(self)
        return parallel_map(self._fn.call_flat, self._input._iter_flat(), self._workers)

    def _iter_flat_ignoring_errors(self, log):
        from .._core import errors, tf_logging

        # Eagerly, element by element: a compiled function can't raise on a value (XLA has no
        # runtime checks; tf.debugging.check_numerics would pass its inf through).
        call = self._fn.call_eagerly
        for flat in self._input._iter_flat_ignoring_errors(log):
            try:
                out = call(flat)
            except (errors.OpError, ValueError, TypeError) as e:
                if log:
                    tf_logging.warning("%s", e)
                continue
            yield out

    def _cardinality(self):
        return self._input._cardinality()


class _ParallelMapDataset(_MapDataset):
    def __init__(self, input_dataset, map_func, num_parallel_calls, deterministic=None,
                 name=None):
        super().__init__(input_dataset, map_func, num_parallel_calls, name=name)
