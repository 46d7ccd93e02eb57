"""tf.data.Iterator (TF's data/ops/iterator_ops.py): OwnedIterator over a dataset's pass."""

from __future__ import annotations

import collections.abc

from .. import _api
from .._core import errors
from . import structure
from .optional_ops import Optional, _OptionalImpl


@_api.export("data.Iterator")
class IteratorBase(collections.abc.Iterator):
    """tf.data.Iterator."""


class OwnedIterator(IteratorBase):
    def __init__(self, dataset=None, components=None, element_spec=None):
        self._dataset = dataset
        self._element_spec = dataset.element_spec
        self._flat = dataset._iter_flat()

    @property
    def element_spec(self):
        return self._element_spec

    def __iter__(self):
        return self

    def _next_flat(self):
        try:
            return next(self._flat)
        except errors.OpError as e:
            if e.message.startswith("{{function_node"):
                raise
            # An error of the pipeline itself (a file's), framed as TF's iterator op frames it.
            raise errors.kernel_error(
                "IteratorGetNext", e.message, cls=type(e),
                node="IteratorGetNext_output_types_%d" % len(self._dataset._flat_specs)
            ) from None

    def __next__(self):
        return structure.from_flat(self._element_spec, self._next_flat())

    def next(self):
        return self.__next__()

    def get_next(self, name=None):
        try:
            return self.__next__()
        except StopIteration:
            raise errors.kernel_error(
                "IteratorGetNext", "End of sequence", cls=errors.OutOfRangeError,
                node="IteratorGetNext_output_types_%d" % len(self._dataset._flat_specs)
            ) from None

    def get_next_as_optional(self):
        try:
            value = self.__next__()
        except StopIteration:
            return Optional.empty(self._element_spec)
        return _OptionalImpl(True, value, self._element_spec)


@_api.export("data.NumpyIterator")
class NumpyIterator:
    """tf.data.NumpyIterator: as_numpy_iterator's iterator."""

    def __init__(self, dataset):
        self._iterator = OwnedIterator(dataset)
        self._spec = dataset.element_spec

    def __iter__(self):
        return self

    def __next__(self):
        return structure.to_numpy(self._spec, self._iterator._next_flat())

    def next(self):
        return self.__next__()

    def __repr__(self):
        return "NumpyIterator(iterator=%s)" % object.__repr__(self._iterator)
