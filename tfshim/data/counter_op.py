"""Dataset.counter and tf.data.experimental.Counter (TF's data/ops/counter_op.py): start,
start + step, ... forever, planned as a range.

TF builds it with a scan, and prints it as one: the repr says `_ScanDataset`."""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes
from .range_op import _RangeDataset


class _CounterDataset(_RangeDataset):
    def __repr__(self):
        return "<_ScanDataset element_spec=%r>" % (self._element_spec,)


@_api.export("data.experimental.Counter")
def Counter(start=0, step=1, dtype=dtypes.int64):  # noqa: N802 - TF's name
    """tf.data.experimental.Counter."""
    from .experimental_ops import deprecation

    deprecation("CounterV2", "counter", "Use `tf.data.Dataset.counter(...)` instead.")
    return _counter(start, step, dtype)


def _counter(start=0, step=1, dtype=dtypes.int64):
    stop = np.iinfo(np.int64).max if step > 0 else np.iinfo(np.int64).min
    return _CounterDataset(start, stop, step, output_type=dtype)
