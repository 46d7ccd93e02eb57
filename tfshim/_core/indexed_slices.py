"""tf.IndexedSlices: the sparse gradients of gather-like ops, as TF gives them."""

from __future__ import annotations

import jax.numpy as jnp

from .. import _api
from .convert import convert_to_tensor, register_tensor_conversion_function
from .op import Fn, apply
from .tensor import wrap
from .tensor_shape import TensorShape


@_api.export("IndexedSlices")
class IndexedSlices:
    """tf.IndexedSlices: rows `values` of a tensor of shape `dense_shape` at `indices`."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    values = property(lambda self: self._values)
    indices = property(lambda self: self._indices)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    device = property(lambda self: self._values.device)

    @property
    def shape(self):
        if self._dense_shape is None:
            return TensorShape(None)
        return TensorShape(self._dense_shape.numpy().tolist())

    def __neg__(self):
        return IndexedSlices(apply(_NEG, [self._values])[0], self._indices, self._dense_shape)

    def __str__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices, self._values,
            ", dense_shape=%s" % (self._dense_shape,) if self._dense_shape is not None else "")

    def __repr__(self):
        return "<tensorflow.python.framework.indexed_slices.IndexedSlices object at %#x>" % id(
            self)


def _neg(x):
    return -x


def _densify(values, indices, shape):
    """Scatter-add rows into zeros: duplicate indices sum, as TF's conversion does."""
    out = jnp.zeros(shape, values.dtype)
    return out.at[indices].add(values)


def to_dense(s: IndexedSlices):
    """The dense tensor, computed as a recorded op so tapes see it."""
    shape = tuple(s.dense_shape.numpy().tolist())
    return apply(_Densify(shape), [s.values, s.indices])[0]


def densify(g):
    """A gradient as a dense tensor: tf.IndexedSlices densified, anything else as it is."""
    return to_dense(g) if isinstance(g, IndexedSlices) else g


class _Densify:
    """Recorded function: dense tensor from (values, indices) for one dense shape."""

    __slots__ = ("shape", "__weakref__")

    def __init__(self, shape):
        self.shape = shape

    def __call__(self, values, indices):
        return (_densify(values, indices, self.shape),)

    def __hash__(self):
        return hash(("densify", self.shape))

    def __eq__(self, other):
        return type(other) is _Densify and other.shape == self.shape


def concat(a: IndexedSlices, b: IndexedSlices) -> IndexedSlices:
    """Two sparse contributions to one source: TF concatenates them, duplicates kept."""
    values = apply(_CONCAT, [a.values, b.values])[0]
    indices = wrap(jnp.concatenate([a.indices._value, b.indices._value]))
    return IndexedSlices(values, indices, a.dense_shape)


def _concat(x, y):
    return jnp.concatenate([x, y])


def _convert(s, dtype=None):
    t = to_dense(s)
    return t if dtype is None else convert_to_tensor(t, dtype)


register_tensor_conversion_function(IndexedSlices, _convert)


_NEG, _CONCAT = Fn(_neg), Fn(_concat)
