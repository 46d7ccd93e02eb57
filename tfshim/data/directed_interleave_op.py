"""Dataset.sample_from_datasets and Dataset.choose_from_datasets (TF's data/ops/
sample_from_datasets_op.py and choose_from_datasets_op.py: a directed interleave)."""

from __future__ import annotations

import numpy as np

from .._core import dtypes
from .._core.tensor_spec import TensorSpec
from .concatenate_op import _ConcatenateDataset
from .dataset_ops import UNKNOWN, DatasetV2, Variant
from .shuffle_op import _global_seed


def _common_spec(datasets):
    spec = datasets[0].element_spec
    for d in datasets[1:]:
        spec = _ConcatenateDataset(_Spec(Variant(spec)),
                                   _Spec(Variant(d.element_spec))).element_spec
    return spec


class _Spec(DatasetV2):
    """Only an element spec (for the structure check _ConcatenateDataset makes)."""


class _DirectedInterleaveDataset(DatasetV2):
    def __init__(self, datasets, choices, stop_on_empty_dataset):
        self._datasets = list(datasets)
        self._choices = choices  # a callable: the iterator of dataset indices for one pass
        self._stop = stop_on_empty_dataset
        super().__init__(Variant(_common_spec(self._datasets), self._datasets))

    def _iter_flat(self):
        its = [d._iter_flat() for d in self._datasets]
        live = [True] * len(its)
        choices = self._choices(live)
        for k in choices:
            if not live[k]:
                continue
            item = next(its[k], None)
            if item is None:
                if self._stop:
                    return
                live[k] = False
                if not any(live):
                    return
                continue
            yield item

    def _cardinality(self):
        return UNKNOWN


def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False,
                         rerandomize_each_iteration=None):
    datasets = list(datasets)
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    n = len(datasets)
    rngs = _pass_rngs(seed, rerandomize_each_iteration)
    if isinstance(weights, DatasetV2):
        # TF's select_dataset_varying_logits: one weights element per draw.
        def varying_choices(live):
            rng = rngs()
            for flat in weights._iter_flat():
                p = np.asarray(flat[0], np.float64).reshape(-1)[:n] * np.asarray(live,
                                                                                np.float64)
                if p.sum() <= 0:
                    return
                yield int(rng.choice(n, p=p / p.sum()))

        return _DirectedInterleaveDataset(datasets, varying_choices, stop_on_empty_dataset)
    w = np.full(n, 1.0 / n) if weights is None else np.asarray(
        getattr(weights, "_value", weights), np.float64).reshape(-1)
    if len(w) != n:
        raise ValueError("Invalid `weights`. The shape of `weights` should be compatible with "
                         "`[len(datasets)]` but is %s." % (list(w.shape),))
    if weights is not None and not hasattr(weights, "_value"):
        # TF's: Python weights drop the datasets they never pick (a tensor's can't be read).
        keep = [k for k in range(n) if w[k] > 0]
        datasets, w = ([datasets[k] for k in keep], w[keep]) if keep else (
            [datasets[0].take(0)], np.ones(1))
        n = len(datasets)
    if n == 1:
        return datasets[0]

    def choices(live):
        rng = rngs()
        while True:
            p = w * np.asarray(live, np.float64)
            if p.sum() <= 0:
                return
            draws = rng.choice(n, size=256, p=p / p.sum())
            for k in draws.tolist():
                yield k
                if not live[k]:
                    break  # the weights changed: draw again

    return _DirectedInterleaveDataset(datasets, choices, stop_on_empty_dataset)


def _pass_rngs(seed, rerandomize_each_iteration):
    """A function giving each pass its generator, from (seed, pass) (the global seed when no
    seed is given; fresh entropy when neither is)."""
    if seed is None:
        seed = _global_seed()
    passes = [0]

    def rng():
        base = [] if seed is None else [int(seed)]
        out = np.random.default_rng(base + [passes[0]] if base else None)
        passes[0] += 1 if rerandomize_each_iteration else 0
        return out

    return rng


def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
    datasets = list(datasets)
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    spec = choice_dataset.element_spec
    if not (isinstance(spec, TensorSpec) and spec.dtype is dtypes.int64
            and spec.shape.rank == 0):
        raise TypeError("Invalid `choice_dataset`. Elements of `choice_dataset` must be scalar "
                        "`tf.int64` tensors but are %s." % (spec,))

    def choices(live):
        for flat in choice_dataset._iter_flat():
            yield int(np.asarray(flat[0]))

    return _DirectedInterleaveDataset(datasets, choices, stop_on_empty_dataset)


