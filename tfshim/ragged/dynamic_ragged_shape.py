"""tf.experimental.RowPartition and tf.experimental.DynamicRaggedShape (TF's
ragged/row_partition.py and ragged/dynamic_ragged_shape.py): the shape of a RaggedTensor, as
tf.shape(rt) gives it, and the ops that build a RaggedTensor from one (tf.reshape, tf.zeros,
tf.ones, tf.fill).

Eager only: the lengths are concrete (NumPy), as the rest of tfshim's ragged row partitions.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import _api
from .._core import dtypes
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor
from .._ops import array_ops, math_ops
from .ragged_dispatch import _register
from .ragged_tensor import RaggedTensor, _concrete


@_api.export("experimental.RowPartition")
class RowPartition:
    """tf.experimental.RowPartition: a partition of values into rows, by row_splits."""

    def __init__(self, row_splits, row_lengths=None, value_rowids=None, nrows=None,
                 uniform_row_length=None, nvals=None, internal=False):
        # TF's cached encodings (row_lengths ... nvals) are recomputed here when asked for.
        if not internal:
            raise ValueError("RowPartition constructor is private; please use one of the "
                             "factory methods instead (e.g., RowPartition.from_row_lengths())")
        self._row_splits = row_splits

    @classmethod
    def from_row_splits(cls, row_splits, validate=True, dtype=None, dtype_hint=None):
        """RowPartition.from_row_splits."""
        splits = convert_to_tensor(row_splits, dtype or dtype_hint or dtypes.int64)
        return cls(RaggedTensor.from_row_splits(array_ops.zeros([_concrete(splits)[-1]]),
                                                splits, validate=validate).row_splits,
                   internal=True)

    @classmethod
    def from_row_lengths(cls, row_lengths, validate=True, dtype=None, dtype_hint=None):
        """RowPartition.from_row_lengths."""
        lengths = _concrete(convert_to_tensor(row_lengths, dtype or dtype_hint or dtypes.int64))
        splits = np.concatenate([[0], np.cumsum(lengths)]).astype(lengths.dtype)
        return cls(convert_to_tensor(splits), internal=True)

    dtype = property(lambda self: self._row_splits.dtype)

    def row_splits(self):
        return self._row_splits

    def row_lengths(self):
        s = self._row_splits
        return s[1:] - s[:-1]

    def nrows(self):
        return convert_to_tensor(self._row_splits.shape[0] - 1, self.dtype)

    def nvals(self):
        return self._row_splits[-1]

    def uniform_row_length(self):
        return None

    def _lengths(self):
        return tuple(int(v) for v in np.diff(_concrete(self._row_splits)))

    def __repr__(self):
        return "tf.RowPartition(row_splits=%s)" % _concrete(self._row_splits)


@_api.export("experimental.DynamicRaggedShape")
class DynamicRaggedShape:
    """tf.experimental.DynamicRaggedShape: row partitions, then the inner (uniform) shape."""

    def __init__(self, row_partitions, inner_shape, dtype=None, validate=False,
                 static_inner_shape=None):
        self._row_partitions = tuple(row_partitions)
        if dtype is None:
            dtype = (self._row_partitions[0].dtype if self._row_partitions else
                     inner_shape.dtype if isinstance(inner_shape, Tensor) else dtypes.int64)
        self._dtype = dtypes.as_dtype(dtype)
        self._inner = [int(d) for d in np.asarray(
            inner_shape.numpy() if isinstance(inner_shape, Tensor) else inner_shape).ravel()]

    @classmethod
    def from_lengths(cls, lengths, num_row_partitions=None, dtype=dtypes.int64):
        """DynamicRaggedShape.from_lengths: ints for uniform dimensions, tuples of row
        lengths for ragged ones."""
        lengths = list(lengths)
        ragged = [i for i, d in enumerate(lengths) if isinstance(d, (tuple, list))]
        if num_row_partitions is None:
            num_row_partitions = ragged[-1] if ragged else 0
        partitions, nvals = [], lengths[0] if lengths else 0
        for d in lengths[1:num_row_partitions + 1]:
            row_lengths = list(d) if isinstance(d, (tuple, list)) else [d] * nvals
            partitions.append(RowPartition.from_row_lengths(row_lengths, dtype=dtype))
            nvals = sum(row_lengths)
        inner = [nvals] + list(lengths[num_row_partitions + 1:]) if lengths else []
        return cls(partitions, inner, dtype=dtype)

    @classmethod
    def from_tensor(cls, t, dtype=None):
        """DynamicRaggedShape.from_tensor: a RaggedTensor's shape, or a dense one's."""
        dtype = dtypes.as_dtype(dtype or dtypes.int64)
        if isinstance(t, RaggedTensor):
            parts = [RowPartition(math_ops.cast(s, dtype), internal=True)
                     for s in t.nested_row_splits]
            return cls(parts, t.flat_values.shape.as_list(), dtype=dtype)
        return cls([], convert_to_tensor(t).shape.as_list(), dtype=dtype)

    dtype = property(lambda self: self._dtype)
    row_partitions = property(lambda self: self._row_partitions)
    num_row_partitions = property(lambda self: len(self._row_partitions))

    @property
    def inner_shape(self):
        return convert_to_tensor(np.asarray(self._inner, self._dtype.as_numpy_dtype))

    @property
    def rank(self):
        return self.num_row_partitions + len(self._inner)

    def static_lengths(self, ragged_lengths=True):
        """The lengths: an int per uniform dimension, a tuple of row lengths per ragged one."""
        if not self._row_partitions:
            return list(self._inner)
        first = self._row_partitions[0]
        out = [int(_concrete(first.row_splits()).shape[0]) - 1]
        out += [p._lengths() if ragged_lengths else None for p in self._row_partitions]
        return out + self._inner[1:]

    def __repr__(self):
        return "<DynamicRaggedShape lengths=%s num_row_partitions=%d>" % (
            self.static_lengths(), self.num_row_partitions)

    def __getitem__(self, index):
        rank = self.rank
        if isinstance(index, slice):
            if index.step not in (None, 1):
                raise IndexError("Cannot stride through a shape")
            start, stop, _ = index.indices(rank)
            return self._slice_shape(start, max(start, stop))
        if index < 0:
            index += rank
        if index >= rank or index < 0:
            raise IndexError("Index is too big: %d>=%d" % (index, rank))
        nrp = self.num_row_partitions
        if index == 0 and nrp:
            return convert_to_tensor(self.static_lengths()[0], self._dtype)
        if index <= nrp:
            raise ValueError("Index %d is not uniform" % index)
        return convert_to_tensor(self._inner[index - nrp], self._dtype)

    def _slice_shape(self, start, stop):
        nrp = self.num_row_partitions
        if start > 0 and nrp and start <= nrp:
            raise ValueError("All relevant dimensions must be uniform")
        if start > 0:
            return DynamicRaggedShape([], self._inner[start - nrp:stop - nrp], dtype=self._dtype)
        if stop > nrp:
            return DynamicRaggedShape(self._row_partitions, self._inner[:stop - nrp],
                                      dtype=self._dtype)
        lengths = self.static_lengths()
        nvals = lengths[0] if stop == 1 else sum(lengths[stop - 1])
        return DynamicRaggedShape(self._row_partitions[:stop - 1], [nvals][:stop],
                                  dtype=self._dtype)

    def _with_values(self, flat):
        """A value of this shape from its flat values (already of the inner shape)."""
        for p in reversed(self._row_partitions):
            flat = RaggedTensor.from_row_splits(flat, math_ops.cast(p.row_splits(),
                                                                    dtypes.int64),
                                                validate=False)
        return flat


def _bound(params, args, kwargs):
    bound = dict(zip(params, args))
    bound.update(kwargs)
    return bound


def _shape(fn, args, kwargs):
    """tf.shape of a RaggedTensor: its DynamicRaggedShape."""
    bound = _bound(("input", "out_type", "name"), args, kwargs)
    return DynamicRaggedShape.from_tensor(bound["input"], bound.get("out_type") or dtypes.int32)


def _shaped(params, arg, build):
    """Wrap the registry's function under its names: a DynamicRaggedShape argument `arg`
    gives a RaggedTensor, build(fn, shape, bound) its flat values."""

    def register(name):
        fn = _api.REGISTRY[name]

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            bound = _bound(params, args, kwargs)
            shape = bound.get(arg)
            if not isinstance(shape, DynamicRaggedShape):
                return fn(*args, **kwargs)
            return shape._with_values(build(fn, shape, bound))

        wrapper._tf_api_names = getattr(fn, "_tf_api_names", (name,))
        for alias, obj in list(_api.REGISTRY.items()):
            if obj is fn:
                _api.REGISTRY[alias] = wrapper

    return register


_register("shape", _shape)
_shaped(("tensor", "shape", "name"), "shape",
        lambda fn, s, b: fn(b["tensor"], s._inner))("reshape")
_shaped(("shape", "dtype", "name", "layout"), "shape",
        lambda fn, s, b: fn(s._inner, b.get("dtype", dtypes.float32)))("zeros")
_shaped(("shape", "dtype", "name", "layout"), "shape",
        lambda fn, s, b: fn(s._inner, b.get("dtype", dtypes.float32)))("ones")
_shaped(("dims", "value", "name", "layout"), "dims",
        lambda fn, s, b: fn(s._inner, b["value"]))("fill")
