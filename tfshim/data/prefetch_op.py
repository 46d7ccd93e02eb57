"""Dataset.prefetch (TF's data/ops/prefetch_op.py): a background thread runs the input pipeline
ahead of the consumer, moving each element's arrays to the device."""

from __future__ import annotations

import queue
import threading

from . import structure
from .dataset_ops import _UnaryUnchangedStructureDataset, count_arg

_END = object()


def background(iterator, depth: int):
    """The items of `iterator`, produced by a thread up to `depth` ahead."""
    q: queue.Queue = queue.Queue(max(1, depth))
    stop = threading.Event()

    def produce():
        try:
            for flat in iterator:
                item = structure.to_arrays(flat)
                while not stop.is_set():
                    try:
                        q.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(_END)
        except BaseException as e:  # noqa: BLE001 - re-raised in the consumer
            q.put(e)

    threading.Thread(target=produce, daemon=True, name="tf.data prefetch").start()
    try:
        while True:
            item = q.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


class _PrefetchDataset(_UnaryUnchangedStructureDataset):
    def __init__(self, input_dataset, buffer_size, name=None):
        n = count_arg(buffer_size)
        self._depth = 2 if n < 0 else n
        super().__init__(input_dataset)

    def _has_plan(self):
        return False  # a consumer downstream gets the prefetched elements

    def _iter_flat(self):
        source = self._input._iter_flat()
        if self._depth == 0:
            return source
        return background(source, self._depth)
