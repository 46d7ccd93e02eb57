"""Dataset.rejection_resample (TF's data/ops/dataset_ops.py and data/experimental/ops/
resampling.py).

Elements of class i are kept with probability a_i = (t_i/p_i - m) / (max_j t_j/p_j - m) and
mixed with the input itself with probability m = min_j t_j/p_j (p: the initial distribution,
given, or estimated as TF estimates it: class counts from 10 each, updated per 32 elements;
t: the target). As TF, the result is sample_from_datasets([input with classes, the filtered
input.prefetch(3)]) (or one of them where m is 1 or 0); the filter and the weights are
computed in NumPy element by element rather than by TF's chain of traced maps.

Differences from TensorFlow: the filter's uniform draws come from NumPy's PCG64 seeded from
(seed, pass), not TF's Philox: reproducible with a seed, not TF's draws."""

from __future__ import annotations

import itertools
import sys

import numpy as np

from .._core import dtypes
from .._core.tensor_spec import TensorSpec
from .dataset_ops import INFINITE, DatasetV2, Variant, _UnaryDataset
from .shuffle_op import _global_seed

_ESTIMATION_BATCH = 32  # TF's dist_estimation_batch_size
_SMOOTHING = 10  # TF's smoothing_constant


def rejection_resample(dataset, class_func, target_dist, initial_dist=None, seed=None,
                       name=None):
    target = _dist(target_dist)
    initial = None if initial_dist is None else _dist(initial_dist)

    def add_class_value(*x):
        if len(x) == 1:
            return class_func(*x), x[0]
        return class_func(*x), x

    classed = dataset.map(add_class_value)
    if initial is not None:
        prob_original = np.min(target / initial)
        if prob_original == 1:
            return classed
    filtered = _RejectionFilterDataset(classed, target, initial, seed).prefetch(3)
    if initial is not None and prob_original == 0:
        return filtered
    weights = _MixingWeightsDataset(classed, target, initial)
    return DatasetV2.sample_from_datasets([classed, filtered], weights=weights, seed=seed,
                                          stop_on_empty_dataset=True)


def _dist(value) -> np.ndarray:
    return np.asarray(getattr(value, "_value", value), np.float32).reshape(-1)


def _acceptance_probs_with_mixing(initial, target):
    """TF's _calculate_acceptance_probs_with_mixing: (a, m) of the module docstring."""
    ratio = target / (initial + np.finfo(np.float32).tiny)
    m = ratio.min()
    return ((ratio - m) / (ratio.max() - m)).astype(np.float32), np.float32(m)


def _distributions(classes, target, initial):
    """Per element: its class, and the (initial, acceptance, m) its filter uses."""
    if initial is not None:
        fixed = (initial,) + _acceptance_probs_with_mixing(initial, target)
        for c in classes:
            yield c, fixed
        return
    counts = np.full(len(target), _SMOOTHING, np.int64)
    while True:
        block = list(itertools.islice(classes, _ESTIMATION_BATCH))
        if not block:
            return
        # TF's scan over batches of 32: each element sees the counts with its whole batch.
        counts = counts + np.bincount([int(c) for c in block], minlength=len(target))
        estimate = (counts / counts.sum()).astype(np.float32)
        dists = (estimate,) + _acceptance_probs_with_mixing(estimate, target)
        for c in block:
            yield c, dists


def _class_values(classed):
    return (int(np.asarray(flat[0])) for flat in classed._iter_flat())


class _RejectionFilterDataset(_UnaryDataset):
    """TF's _filter_ds: the (class, element) pairs kept with their class's acceptance
    probability, with TF's Print when half or more would be rejected (its first ten)."""

    def __init__(self, classed, target, initial, seed):
        self._target, self._initial_dist = target, initial
        self._seed = _global_seed() if seed is None else int(seed)
        self._passes = itertools.count()
        super().__init__(classed)

    def _iter_flat(self):
        k = next(self._passes)
        rng = np.random.default_rng(None if self._seed is None else [abs(self._seed), k])
        items = self._input._iter_flat()
        pending = []

        def classes():
            for flat in items:
                pending.append(flat)
                yield int(np.asarray(flat[0]))

        warnings_left = 10
        for c, (initial, accept, _) in _distributions(classes(), self._target,
                                                      self._initial_dist):
            flat = pending.pop(0)
            rejected = np.sum((1 - accept) * initial, dtype=np.float32)
            if rejected >= .5 and warnings_left:
                warnings_left -= 1
                print("Proportion of examples rejected by sampler is high: [%s][%s][%s]" % (
                    _text(rejected), _text(initial), _text(accept)), file=sys.stderr)
            if rng.random(dtype=np.float32) < accept[c]:
                yield flat

    def _cardinality(self):
        return INFINITE if self._input._cardinality() == INFINITE else -2


class _MixingWeightsDataset(DatasetV2):
    """sample_from_datasets' weights per element: [(m, 1 - m)] (TF's prob_of_original)."""

    def __init__(self, classed, target, initial):
        self._classed, self._target, self._initial_dist = classed, target, initial
        super().__init__(Variant(TensorSpec([1, 2], dtypes.float32), (classed,)))

    def _iter_flat(self):
        if self._initial_dist is not None:
            _, m = _acceptance_probs_with_mixing(self._initial_dist, self._target)
            w = [np.array([[m, 1 - m]], np.float32)]
            while True:
                yield w
        for _, (_, _, m) in _distributions(_class_values(self._classed), self._target,
                                           None):
            yield [np.array([[m, 1 - m]], np.float32)]


def _text(a) -> str:
    return " ".join("%g" % v for v in np.ravel(a))
