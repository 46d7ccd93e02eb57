"""Distributed datasets (TF's input_lib.py): each element of a dataset split into one part per
replica, or one element per replica from a dataset made by `dataset_fn`.

`experimental_distribute_dataset` splits every batch as TF's rebatching does: each replica takes
the next ceil(batch / replicas) rows, so a short final batch leaves the last replicas empty.
With several workers (MultiWorkerMirroredStrategy) the batch is split over all the cluster's
replicas and each worker keeps its replicas' parts, as TF's rebatch followed by auto-sharding by
DATA gives them; `distribute_datasets_from_function` runs one pipeline per worker.
Eagerly each replica's part is placed on its device.
"""

from __future__ import annotations

import math

from .._core import context, nest
from .._core.tensor import Tensor, wrap
from . import distribute_lib
from .values import PerReplica, place_array


def _place(t, device):
    """`t` on `device` (eagerly)."""
    if device is None or context.tracing() is not None or not isinstance(t, Tensor):
        return t
    return wrap(place_array(t._value, device))


def _split(element, devices, first, total):
    """This worker's parts of `element` split over all `total` replicas (its replicas are
    `first`, `first + 1`, ...)."""

    def split(t):
        if total == 1:  # TF's regroup: one replica's value is the value itself
            return _place(t, devices[0])
        b = t.shape[0]
        per = math.ceil(b / total)
        return PerReplica([_place(t[min(i * per, b):min((i + 1) * per, b)], d)
                           for i, d in enumerate(devices, first)])

    return nest.map_structure(split, element)


def _group(elements, devices, total):
    if total == 1:
        return nest.map_structure(lambda p: _place(p, devices[0]), elements[0])
    return nest.map_structure(
        lambda *parts: PerReplica([_place(p, d) for p, d in zip(parts, devices)]), *elements)


class DistributedIterator(distribute_lib.DistributedIteratorInterface):
    """An iterator over a distributed dataset: each element a structure of PerReplica values."""

    def __init__(self, iterator, devices, per_replica_elements, first=0, total=None):
        self._iterator = iterator
        self._devices = devices
        self._per_replica_elements = per_replica_elements
        self._first = first
        self._total = len(devices) if total is None else total

    def __iter__(self):
        return self

    def __next__(self):
        if not self._per_replica_elements:
            return _split(next(self._iterator), self._devices, self._first, self._total)
        return _group([next(self._iterator) for _ in self._devices], self._devices,
                      self._total)

    def get_next(self):
        return self.__next__()

    @property
    def element_spec(self):
        return self._iterator.element_spec


class DistributedDataset(distribute_lib.DistributedDatasetInterface):
    """What `experimental_distribute_dataset` returns: iterating it gives PerReplica batches."""

    def __init__(self, dataset, devices, first_replica=0, num_replicas=None):
        self._dataset = dataset
        self._devices = devices
        self._first = first_replica
        self._total = num_replicas

    def __iter__(self):
        return DistributedIterator(iter(self._dataset), self._devices, False, self._first,
                                   self._total)

    @property
    def element_spec(self):
        return self._dataset.element_spec


class DistributedDatasetsFromFunction(DistributedDataset):
    """What `distribute_datasets_from_function` returns: replica i takes the i-th of every
    `num_replicas` consecutive elements of the dataset `dataset_fn` made."""

    def __iter__(self):
        return DistributedIterator(iter(self._dataset), self._devices, True, self._first,
                                   self._total)
