"""tf.data.Iterator (TF's data/ops/iterator_ops.py): OwnedIterator over a dataset's pass."""

from __future__ import annotations

import collections.abc

import numpy as np

from .. import _api
from .._core import errors, nest
from . import structure
from .optional_ops import Optional, _OptionalImpl


@_api.export("data.Iterator")
class IteratorBase(collections.abc.Iterator):
    """tf.data.Iterator."""


class OwnedIterator(IteratorBase):
    # tf.train.Checkpoint saves an iterator's position: how many elements it has given, in a
    # variable made when a checkpoint first walks it. A restore assigns that variable, and the
    # next element replays the pass up to the restored position (TF saves the whole pipeline's
    # state; README: known deviations).
    _tf_trackable = True

    def __init__(self, dataset=None, components=None, element_spec=None):
        self._dataset = dataset
        self._element_spec = dataset.element_spec
        self._flat = dataset._iter_flat()
        self._count = 0  # elements given
        self._position = None  # the checkpointed variable, once a checkpoint has seen this
        self._position_value = None  # the array this iterator last wrote into it

    def _checkpoint_children(self):
        from .._core.variable import Variable

        value = np.asarray(self._count, np.int64)
        if self._position is None:
            self._position = Variable(value, trainable=False, name="iterator_position")
        else:
            self._position._value = structure.to_array(value)
        self._position_value = self._position._value
        return [("_iterator_position", self._position)]

    def _restored(self):
        """Replay the pass to a restored position, if a checkpoint restored one."""
        self._position_value = self._position._value
        target = int(np.asarray(self._position_value))
        self._flat = self._dataset._iter_flat()
        self._count = 0
        for _ in range(target):
            next(self._flat)
            self._count += 1

    @property
    def element_spec(self):
        return self._element_spec

    def __iter__(self):
        return self

    def _next_flat(self):
        if self._position is not None and self._position._value is not self._position_value:
            self._restored()
        try:
            flat = next(self._flat)
            self._count += 1
            return flat
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

    # -- an iterator given to a tf.function (see _core/polymorphic_function.py: _Feed) --------
    def _feed_fetch(self, kind):
        """The arrays the next element feeds into a compiled call: its flat components, after a
        has-value flag for get_next_as_optional (zeros of the spec's shapes at the end). The
        end of the data, for next() and get_next(), is TF's OutOfRangeError."""
        if kind == "optional":
            try:
                flat = self._next_flat()
            except StopIteration:
                return [np.asarray(False)] + [
                    np.zeros([d or 0 for d in spec.shape.as_list()], spec.dtype.as_numpy_dtype)
                    for spec in nest.flatten(self._element_spec)]
            return [np.asarray(True)] + structure.to_arrays(flat)
        try:
            return structure.to_arrays(self._next_flat())
        except StopIteration:
            raise errors.OutOfRangeError(
                None, None, "End of sequence\n\t [[{{node IteratorGetNext}}]]") from None

    def _feed_proxy(self, take):
        """The iterator as the traced function sees it: each element is the tensors `take(kind)`
        gives (placeholders for what the call will feed)."""
        return _TracedIterator(self._element_spec, take)


class _TracedIterator(IteratorBase):
    """An iterator argument inside tf.function's trace: its elements are the call's feeds."""

    def __init__(self, element_spec, take):
        self._element_spec = element_spec
        self._take = take

    element_spec = property(lambda self: self._element_spec)

    def __iter__(self):
        return self

    def _element(self, flat):
        if not nest.is_nested(self._element_spec):
            return flat[0]
        return nest.pack_sequence_as(self._element_spec, flat)

    def __next__(self):
        return self._element(self._take("next"))

    def next(self):
        return self.__next__()

    def get_next(self, name=None):
        return self._element(self._take("get_next"))

    def get_next_as_optional(self):
        has_value, *flat = self._take("optional")
        return _OptionalImpl(has_value, self._element(flat), self._element_spec)


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
