"""Dataset.random (TF's data/ops/random_op.py): an endless stream of random int64s.

Differences from TensorFlow: the values come from NumPy's PCG64 seeded from (seed, pass), not
TF's Philox: reproducible with a seed, not TF's numbers."""

from __future__ import annotations

import itertools

import numpy as np

from .. import _api
from .._core import dtypes
from .._core.tensor_spec import TensorSpec
from .dataset_ops import INFINITE, DatasetV2, Variant
from .shuffle_op import _global_seed


class _RandomDataset(DatasetV2):
    def __init__(self, seed=None, rerandomize_each_iteration=None, name=None):
        if seed is None:
            seed = _global_seed()
        self._seed = None if seed is None else int(np.asarray(getattr(seed, "_value", seed)))
        self._rerandomize = bool(rerandomize_each_iteration)
        self._passes = itertools.count()
        super().__init__(Variant(TensorSpec([], dtypes.int64)))

    def _iter_flat(self):
        k = next(self._passes) if self._rerandomize else 0
        rng = np.random.default_rng(None if self._seed is None else [self._seed, k])
        while True:
            for v in rng.integers(0, np.iinfo(np.int64).max, 1024, dtype=np.int64):
                yield [v]

    def _cardinality(self):
        return INFINITE


@_api.export("data.experimental.RandomDataset")
class RandomDatasetV2(_RandomDataset):
    """tf.data.experimental.RandomDataset (deprecated for Dataset.random)."""

    def __init__(self, seed=None, rerandomize_each_iteration=None, name=None):
        from .experimental_ops import deprecation

        deprecation("_RandomDataset.__init__", "random_ops",
                    "Use `tf.data.Dataset.random(...)`.")
        super().__init__(seed, rerandomize_each_iteration, name)
