"""Distributed datasets (TF's input_lib.py): each element of a dataset split into one part per
replica, or one element per replica from a dataset made by `dataset_fn`.

`experimental_distribute_dataset` splits every batch as TF's rebatching does: each replica takes
the next ceil(batch / replicas) rows, so a short final batch leaves the last replicas empty.
With several workers (MultiWorkerMirroredStrategy) the dataset is first auto-sharded by its
`AutoShardPolicy` (data/auto_shard.py). Sharded by DATA, every batch is split over all the
cluster's replicas and each worker keeps its replicas' parts, as TF's rebatch followed by DATA
sharding gives them. Otherwise (FILE, HINT, OFF) each worker reads its own dataset, re-cut as
TF's `rebatch(batch_sizes_for_worker(...))` cuts it into batches for all the cluster's replicas,
and its replicas take the next of them at each step; a step runs while any worker has data,
the others' replicas getting empty batches. `distribute_datasets_from_function` runs one
pipeline per worker.
Eagerly each replica's part is placed on its device.
"""

from __future__ import annotations

import itertools
import math

import jax
import numpy as np

from .._core import context, errors, nest
from .._core.tensor import Tensor, wrap
from . import distribute_lib, values_util
from .values import PerReplica, place_array


def _place(t, device):
    """`t` on `device` (eagerly)."""
    if device is None or context.tracing() is not None or not isinstance(t, Tensor) or \
            (isinstance(t._value, np.ndarray) and t._value.dtype.kind == "O"):  # strings: host
        return t
    return wrap(place_array(t._value, device))


_meshes: dict = {}


def _stacked(t, devices):
    """`t`'s rows split evenly over `devices` as one array sharded over their mesh (a
    PerReplica the compiled one-program `run` takes as it is; mirrored_run.py)."""
    mesh = _meshes.get(devices)
    if mesh is None:
        mesh = _meshes[devices] = jax.sharding.Mesh(np.array(devices), (values_util.AXIS,))
    rows = np.asarray(t._value)
    rows = rows.reshape((len(devices), rows.shape[0] // len(devices)) + rows.shape[1:])
    return PerReplica.from_stacked(jax.device_put(rows, jax.sharding.NamedSharding(
        mesh, jax.sharding.PartitionSpec(values_util.AXIS))))


def _split(element, devices, first, total):
    """This worker's parts of `element` split over all `total` replicas (its replicas are
    `first`, `first + 1`, ...)."""

    def split(t):
        if total == 1:  # TF's regroup: one replica's value is the value itself
            return _place(t, devices[0])
        b = t.shape[0]
        if b % total == 0 and total == len(devices) and context.tracing() is None and \
                isinstance(t, Tensor) and t._value.dtype != object:
            return _stacked(t, tuple(devices))
        per = math.ceil(b / total)
        return PerReplica([_place(t[min(i * per, b):min((i + 1) * per, b)], d)
                           for i, d in enumerate(devices, first)])

    return nest.map_structure(split, element)


def _group(elements, devices, total):
    if total == 1:
        return nest.map_structure(lambda p: _place(p, devices[0]), elements[0])
    return nest.map_structure(
        lambda *parts: PerReplica([_place(p, d) for p, d in zip(parts, devices)]), *elements)


def _batch_sizes(global_batch, num_workers, per_worker, worker_index):
    """TF's distribute.batch_sizes_for_worker: the sizes a worker's batches are re-cut into
    (one per replica of the cluster, differing by at most one, rotated to the worker)."""
    n = num_workers * per_worker
    floor, ceil = divmod(global_batch, n)
    sizes = [floor + 1] * ceil + [floor] * (n - ceil)
    offset = worker_index * per_worker
    return sizes[offset:] + sizes[:offset]


def _recut(iterator, num_workers, per_worker, worker_index):
    """The worker's batches re-cut into batches of TF's `_batch_sizes` (rows run on across
    input batches, as TF's RebatchDatasetV2): each a structure of arrays."""
    sizes = None
    pending = None  # the rows not yet given out: a flat list of arrays
    structure = None
    i = 0
    for element in iterator:
        flat = [np.asarray(t._value) for t in nest.flatten(element)]
        if sizes is None:
            structure = element
            sizes = _batch_sizes(flat[0].shape[0], num_workers, per_worker, worker_index)
        pending = flat if pending is None else [np.concatenate([a, b])
                                                for a, b in zip(pending, flat)]
        while pending[0].shape[0] >= sizes[i % len(sizes)]:
            size = sizes[i % len(sizes)]
            yield nest.pack_sequence_as(structure, [a[:size] for a in pending])
            pending = [a[size:] for a in pending]
            i += 1
    if pending is not None and pending[0].shape[0]:
        yield nest.pack_sequence_as(structure, pending)


class DistributedIterator(distribute_lib.DistributedIteratorInterface):
    """An iterator over a distributed dataset: each element a structure of PerReplica values."""

    def __init__(self, iterator, devices, per_replica_elements, first=0, total=None,
                 own_data=False):
        self._iterator = iterator
        self._devices = devices
        self._per_replica_elements = per_replica_elements
        self._first = first
        self._total = len(devices) if total is None else total
        if own_data:  # this worker's own dataset, re-cut for all the cluster's replicas
            n = len(devices)
            self._batches = _recut(iterator, self._total // n, n, first // n)

    def __iter__(self):
        return self

    def _next_own(self):
        """The next step of a worker reading its own data: its replicas' next batches, empty
        ones where it has run out while another worker has not."""
        from . import cross_device_utils

        parts = list(itertools.islice(self._batches, len(self._devices)))
        if not cross_device_utils._gathered(np.asarray(len(parts) > 0, np.int32)).any():
            raise StopIteration
        while len(parts) < len(self._devices):
            parts.append(nest.map_structure(
                lambda spec: np.zeros([0] + spec.shape.as_list()[1:],
                                      spec.dtype.as_numpy_dtype), self.element_spec))
        return nest.map_structure(
            lambda *rows: PerReplica([_place(wrap(r), d) for r, d in zip(rows, self._devices)]),
            *parts)

    def __next__(self):
        if hasattr(self, "_batches"):
            return self._next_own()
        if not self._per_replica_elements:
            return _split(next(self._iterator), self._devices, self._first, self._total)
        return _group([next(self._iterator) for _ in self._devices], self._devices,
                      self._total)

    def get_next(self):
        return self.__next__()

    @property
    def element_spec(self):
        return self._iterator.element_spec

    # -- an iterator given to a tf.function (Keras's train function takes one): each call
    # fetches the next element outside the program and feeds its arrays in, as tf.data's
    # iterators are fed (_core/polymorphic_function.py: _Feed).
    def _parts(self):
        """How many arrays each leaf of the dataset's element becomes: one per replica (a
        PerReplica), or 1 where the strategy has one replica."""
        n = len(self._devices) if self._total > 1 else 1
        return [n] * len(nest.flatten(self.element_spec))

    def _feed_fetch(self, kind):
        try:
            element = self.__next__()
        except StopIteration:
            if kind != "optional":
                raise errors.OutOfRangeError(
                    None, None, "End of sequence\n\t [[{{node IteratorGetNext}}]]") from None
            return [np.asarray(False)] + [
                np.zeros([d or 0 for d in spec.shape.as_list()], spec.dtype.as_numpy_dtype)
                for spec, n in zip(nest.flatten(self.element_spec), self._parts())
                for _ in range(n)]
        arrays = []
        for leaf in nest.flatten(element):
            parts = leaf.values if isinstance(leaf, PerReplica) else (leaf,)
            arrays.extend(p._value for p in parts)
        return ([np.asarray(True)] if kind == "optional" else []) + arrays

    def _feed_proxy(self, take):
        return _TracedDistributedIterator(self, take)


class _TracedDistributedIterator(DistributedIterator):
    """A distributed iterator argument inside tf.function's trace: its elements are the
    call's feeds, regrouped into PerReplica values."""

    def __init__(self, iterator, take):
        self._source = iterator
        self._take = take

    element_spec = property(lambda self: self._source.element_spec)

    def _element(self, flat):
        leaves = []
        for n in self._source._parts():
            part, flat = flat[:n], flat[n:]
            leaves.append(PerReplica(part) if self._source._total > 1 else part[0])
        return nest.pack_sequence_as(self.element_spec, leaves)

    def __next__(self):
        return self._element(self._take("next"))

    def get_next(self):
        return self._element(self._take("get_next"))

    def get_next_as_optional(self):
        from ..data.optional_ops import _OptionalImpl

        has_value, *flat = self._take("optional")
        return _OptionalImpl(has_value, self._element(flat), self.element_spec)


class DistributedDataset(distribute_lib.DistributedDatasetInterface):
    """What `experimental_distribute_dataset` returns: iterating it gives PerReplica batches.
    `own_data`: the worker reads its own (auto-sharded) dataset rather than its part of every
    batch."""

    def __init__(self, dataset, devices, first_replica=0, num_replicas=None, own_data=False):
        self._dataset = dataset
        self._devices = devices
        self._first = first_replica
        self._total = num_replicas
        self._own_data = own_data

    def __iter__(self):
        return DistributedIterator(iter(self._dataset), self._devices, False, self._first,
                                   self._total, self._own_data)

    @property
    def element_spec(self):
        return self._dataset.element_spec


class DistributedDatasetsFromFunction(DistributedDataset):
    """What `distribute_datasets_from_function` returns: replica i takes the i-th of every
    `num_replicas` consecutive elements of the dataset `dataset_fn` made."""

    def __iter__(self):
        return DistributedIterator(iter(self._dataset), self._devices, True, self._first,
                                   self._total)
