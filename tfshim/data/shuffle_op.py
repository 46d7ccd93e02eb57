"""Dataset.shuffle (TF's data/ops/shuffle_op.py): TF's buffer semantics (fill a buffer of
buffer_size elements, then each output is a uniformly random buffer entry, replaced by the next
input), applied to row indices when the input is planned.

Differences from TensorFlow: the random draws come from NumPy's PCG64 seeded from (seed, pass),
not TF's Philox kernels, so a seeded order is reproducible but not TF's order.
"""

from __future__ import annotations

import itertools

import numpy as np

from .._core import errors
from .dataset_ops import _UnaryUnchangedStructureDataset, count_arg

_OUT_CHUNK = 1024


def _global_seed():
    try:
        from .._ops.random_ops import _Seeds

        return _Seeds.global_seed
    except ImportError:
        return None


def buffer_shuffle(items, buffer_size: int, rng):
    """TF's shuffle buffer over an iterator of items."""
    buf = list(itertools.islice(items, buffer_size))
    draws = iter(())
    for item in items:
        r = next(draws, None)
        if r is None:
            draws = iter(rng.integers(0, buffer_size, 4096).tolist())
            r = next(draws)
        yield buf[r]
        buf[r] = item
    # The input is exhausted: the rest of the buffer comes out in a random order.
    for k in rng.permutation(len(buf)).tolist():
        yield buf[k]


def _indices(chunks):
    for c in chunks:
        yield from (c if isinstance(c, range) else c.tolist())


class _ShuffleDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, buffer_size, seed=None, reshuffle_each_iteration=True,
                 name=None):
        self._buffer_size = count_arg(buffer_size)
        if self._buffer_size == -1:  # AUTOTUNE: TF picks a buffer; the whole input here
            self._buffer_size = 1 << 62
        if self._buffer_size <= 0:
            raise errors.kernel_error("ShuffleDatasetV3", "buffer_size must be greater than "
                                      "zero or UNKNOWN_CARDINALITY")
        super().__init__(input_dataset)
        if seed is None:
            g = _global_seed()
            seed = None if g is None else (g, 87654321)
        elif not isinstance(seed, tuple):
            seed = count_arg(seed)
        self._seed = seed
        self._reshuffle = bool(reshuffle_each_iteration)
        self._passes = itertools.count()
        self._fixed = np.random.SeedSequence().entropy if seed is None else None

    def _rng(self):
        k = next(self._passes) if self._reshuffle else 0
        base = self._seed if self._seed is not None else self._fixed
        if self._seed is None and self._reshuffle:
            return np.random.default_rng()
        parts = list(base) if isinstance(base, tuple) else [base]
        return np.random.default_rng([abs(int(p)) for p in parts] + [k])

    def _epoch(self):
        rng = self._rng()
        n = self._input._cardinality()
        if 0 <= n <= self._buffer_size:
            # The whole input fits the buffer: the buffer's output is a uniform permutation.
            idx = np.concatenate([np.asarray(c, np.int64) for c in self._input._epoch()] or
                                 [np.zeros(0, np.int64)])
            if len(idx):
                yield idx[rng.permutation(len(idx))]
            return
        out = buffer_shuffle(_indices(self._input._epoch()), self._buffer_size, rng)
        while True:
            chunk = np.fromiter(itertools.islice(out, _OUT_CHUNK), np.int64)
            if not len(chunk):
                return
            yield chunk

    def _iter_flat(self):
        if self._has_plan():
            return super()._iter_flat()
        return buffer_shuffle(self._input._iter_flat(), self._buffer_size, self._rng())
