"""Dataset.window (TF's data/ops/window_op.py): windows as datasets, one per component."""

from __future__ import annotations

from .._core import errors, nest
from . import structure
from .dataset_ops import INFINITE, UNKNOWN, DatasetV2, Variant, _UnaryDataset, count_arg


class _ElementsDataset(DatasetV2):
    """A dataset over elements held in a list (a window's component)."""

    def __init__(self, elements, element_spec):
        self._elements = elements
        super().__init__(Variant(element_spec))

    def __repr__(self):
        return "<_VariantDataset element_spec=%r>" % (self._element_spec,)

    def _iter_flat(self):
        return iter(self._elements)

    def _cardinality(self):
        return len(self._elements)


class _WindowDataset(_UnaryDataset):
    def __init__(self, input_dataset, size, shift=None, stride=1, drop_remainder=False,
                 name=None):
        self._size = count_arg(size)
        self._shift = self._size if shift is None else count_arg(shift)
        self._stride = count_arg(stride)
        for what, v in (("size", self._size), ("shift", self._shift),
                        ("stride", self._stride)):
            if v <= 0:
                raise errors.kernel_error("WindowDataset", "Window %s must be greater than "
                                          "zero, but got %d." % (what, v))
        self._drop = bool(drop_remainder)
        spec = nest.map_structure(lambda s: structure.DatasetSpec(s),
                                  input_dataset.element_spec)
        super().__init__(input_dataset, spec)

    def _window(self, rows):
        specs = nest.flatten(self._input.element_spec)
        parts = [_ElementsDataset([[r[k]] for r in rows], s) for k, s in enumerate(specs)]
        return parts

    def _iter_flat(self):
        span = (self._size - 1) * self._stride + 1
        buf = []
        start = 0  # input position of buf[0]
        next_start = 0
        it = self._input._iter_flat()
        done = False
        while True:
            while not done and start + len(buf) < next_start + span:
                item = next(it, None)
                if item is None:
                    done = True
                else:
                    buf.append(item)
            lo = next_start - start
            rows = buf[lo:lo + span:self._stride]
            if not rows or (done and len(rows) < self._size and self._drop):
                return
            if len(rows) < self._size and not done:
                return
            yield self._window(rows)
            next_start += self._shift
            drop = min(next_start - start, len(buf))
            del buf[:drop]
            start += drop
            if done and next_start >= start + len(buf):
                return

    def _cardinality(self):
        n = self._input._cardinality()
        if n in (INFINITE, UNKNOWN):
            return n
        if self._drop:
            span = (self._size - 1) * self._stride + 1
            return 0 if n < span else (n - span) // self._shift + 1
        return -(-n // self._shift)
