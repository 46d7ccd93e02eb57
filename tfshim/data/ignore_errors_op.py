"""Dataset.ignore_errors (TF's data/ops/ignore_errors_op.py): elements whose computation fails
are dropped. A map's failing element is skipped and the pass goes on; an error elsewhere (a
source's) ends the pass, as a Python generator that raised can't resume."""

from __future__ import annotations

from .._core import errors, tf_logging
from .dataset_ops import UNKNOWN, _UnaryUnchangedStructureDataset


class _IgnoreErrorsDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, log_warning=False, name=None):
        self._log = log_warning
        super().__init__(input_dataset)

    def _has_plan(self):
        return False

    def _cardinality(self):
        return UNKNOWN

    def _iter_flat(self):
        it = self._input._iter_flat_ignoring_errors(self._log)
        while True:
            try:
                yield next(it)
            except StopIteration:
                return
            except (errors.OpError, ValueError, TypeError) as e:
                if self._log:
                    tf_logging.warning("%s", e)
                return
