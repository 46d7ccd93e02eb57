"""Dataset.unique (TF's data/ops/unique_op.py): first occurrences of scalar ints or strings."""

from __future__ import annotations

import numpy as np

from .._core import dtypes
from .._core.tensor_spec import TensorSpec
from .dataset_ops import _UnaryDataset

_OK = (dtypes.int32, dtypes.int64, dtypes.string)


class _UniqueDataset(_UnaryDataset):
    def __init__(self, input_dataset, name=None):
        spec = input_dataset.element_spec
        if not isinstance(spec, TensorSpec):
            raise TypeError("`Dataset.unique()` does not support nested structures or "
                            "non-tensor elements.")
        if spec.dtype not in _OK:
            raise TypeError("`tf.data.Dataset.unique` does not support type %s -- only "
                            "`tf.int32`, `tf.int64`, and `tf.string` are supported."
                            % (spec.dtype,))
        super().__init__(input_dataset)

    def _iter_flat(self):
        seen = set()
        for flat in self._input._iter_flat():
            key = np.asarray(flat[0]).tobytes() if np.ndim(flat[0]) else np.asarray(
                flat[0]).item()
            if key not in seen:
                seen.add(key)
                yield flat
