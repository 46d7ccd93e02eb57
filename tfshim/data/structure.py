"""tf.data's element structures (TF's data/util/structure.py): nested values, their specs, and the
flat lists of arrays the pipeline moves (jax arrays; NumPy arrays on the host; NumPy object
arrays for tf.string; Dataset objects for DatasetSpec leaves; RaggedTensor and SparseTensor
objects for RaggedTensorSpec and SparseTensorSpec leaves, where a RaggedTensorSpec of
ragged_rank 0 holds a plain array, as TF's element of that spec is a tf.Tensor)."""

from __future__ import annotations

import jax
import numpy as np

from .. import _api
from .._core import nest
from .._core.composite_tensor import CompositeTensor
from .._core.convert import convert_to_tensor
from .._core.sparse_tensor import SparseTensor, SparseTensorSpec
from .._core.tensor import Tensor, wrap
from .._core.tensor_shape import TensorShape, as_shape
from .._core.tensor_spec import TensorSpec
from .._core.variable import Variable


@_api.export("data.DatasetSpec")
class DatasetSpec:
    """tf.data.DatasetSpec: the type of a dataset-valued element (window's windows)."""

    def __init__(self, element_spec, dataset_shape=()):
        self._element_spec = element_spec
        self._dataset_shape = as_shape(dataset_shape)

    element_spec = property(lambda self: self._element_spec)
    shape = property(lambda self: self._dataset_shape)

    def __eq__(self, other):
        return (isinstance(other, DatasetSpec) and self._element_spec == other._element_spec
                and self._dataset_shape == other._dataset_shape)

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        return "DatasetSpec(%r, %r)" % (self._element_spec, self._dataset_shape)


def _is_dataset(x) -> bool:
    if isinstance(x, (jax.Array, np.ndarray)):
        return False
    from .dataset_ops import DatasetV2  # dataset_ops builds on this module

    return isinstance(x, DatasetV2)


def normalize(value):
    """A nested element with tensor leaves, as tf.data converts one: tuples and dicts (and
    namedtuples) are structure; lists and other values become tensors."""
    if _is_dataset(value):
        return value
    if isinstance(value, tuple) or isinstance(value, dict):
        if isinstance(value, dict):
            return type(value)((k, normalize(v)) for k, v in value.items())
        if hasattr(value, "_fields"):
            return type(value)(*[normalize(v) for v in value])
        return tuple(normalize(v) for v in value)
    if isinstance(value, Variable):
        return value.read_value()
    if isinstance(value, (Tensor, CompositeTensor)):
        return value
    return convert_to_tensor(value)


def spec_of(leaf):
    if _is_dataset(leaf):
        return DatasetSpec(leaf.element_spec)
    if isinstance(leaf, CompositeTensor):
        return leaf._type_spec
    return TensorSpec(leaf.shape, leaf.dtype)


def is_composite_spec(spec) -> bool:
    return isinstance(spec, (SparseTensorSpec, _ragged().RaggedTensorSpec))


def _ragged():
    from ..ragged import ragged_tensor  # the ragged package builds on tf.data's neighbours

    return ragged_tensor


def type_spec_from_value(value):
    """The element spec of a normalized nested value."""
    return nest.map_structure(spec_of, value)


def flat_values(value) -> list:
    return [x if _is_dataset(x) or isinstance(x, CompositeTensor) else x._value
            for x in nest.flatten(value)]


def to_array(v):
    """A flat value as a tensor's array: host NumPy goes to the device (strings stay NumPy)."""
    if isinstance(v, CompositeTensor):
        return v
    if type(v) is np.ndarray and v.dtype != object:
        return jax.device_put(v)
    if isinstance(v, (np.generic, np.ndarray)):
        return np.asarray(v) if v.dtype == object else jax.device_put(np.asarray(v))
    if isinstance(v, (bytes, str)):  # a row of a string array
        out = np.empty((), object)
        out[()] = v
        return out
    return v


def to_tensor(v):
    if _is_dataset(v) or isinstance(v, CompositeTensor):
        return v
    return wrap(to_array(v))


def to_arrays(flat) -> list:
    """to_array of each flat value; the host arrays go to the device in one transfer."""
    host = [i for i, v in enumerate(flat) if type(v) is np.ndarray and v.dtype != object]
    if len(host) < 2:
        return [to_array(v) for v in flat]
    out = list(flat)
    for i, a in zip(host, jax.device_put([flat[i] for i in host])):
        out[i] = a
    return [to_array(v) if k not in host else v for k, v in enumerate(out)]


def from_flat(element_spec, flat):
    """The element a user sees: tensors packed into the element spec's structure."""
    if not nest.is_nested(element_spec):
        return to_tensor(flat[0])
    return nest.pack_sequence_as(element_spec, [
        v if _is_dataset(v) or isinstance(v, CompositeTensor) else wrap(v)
        for v in to_arrays(flat)])


def to_numpy(element_spec, flat):
    """as_numpy_iterator's element: NumPy values (scalars as NumPy scalars), same structure."""
    out = []
    for v in flat:
        if _is_dataset(v):
            out.append(v.as_numpy_iterator())
            continue
        if isinstance(v, bytes):
            out.append(v)
            continue
        if isinstance(v, SparseTensor):  # TF gives the dense value
            dense = np.zeros([int(d) for d in np.asarray(v.dense_shape._value)],
                             v.dtype.as_numpy_dtype)
            dense[tuple(np.asarray(v.indices._value).T)] = np.asarray(v.values._value)
            out.append(dense)
            continue
        if isinstance(v, CompositeTensor):
            out.append(v.numpy())
            continue
        a = np.asarray(v)
        out.append(a[()] if a.ndim == 0 else a)
    if not nest.is_nested(element_spec):
        return out[0]
    return nest.pack_sequence_as(element_spec, out)


def unknown_dim_shape(shape: TensorShape, batch) -> TensorShape:
    return TensorShape([batch] + list(shape.dims)) if shape.rank is not None else TensorShape(
        None)


def batched_spec(spec, batch_dim):
    def one(s):
        shape = unknown_dim_shape(s.shape, batch_dim)
        if isinstance(s, SparseTensorSpec):
            return SparseTensorSpec(shape, s.dtype)
        if is_composite_spec(s):
            return _ragged().RaggedTensorSpec(shape, s.dtype, s.ragged_rank + 1,
                                              s.row_splits_dtype)
        return TensorSpec(shape, s.dtype)

    return nest.map_structure(one, spec)


def unbatched_spec(spec):
    def one(s):
        if s.shape.rank == 0:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        shape = TensorShape(s.shape.dims[1:]) if s.shape.rank else TensorShape(None)
        if isinstance(s, SparseTensorSpec):
            return SparseTensorSpec(shape, s.dtype)
        if is_composite_spec(s):
            return _ragged().RaggedTensorSpec(shape, s.dtype, max(s.ragged_rank - 1, 0),
                                              s.row_splits_dtype)
        return TensorSpec(shape, s.dtype)

    return nest.map_structure(one, spec)


def rows(v) -> list:
    """The rows (first-axis slices) of a flat value, composites included."""
    if isinstance(v, SparseTensor):
        idx = np.asarray(v.indices._value)
        values = np.asarray(v.values._value)
        shape = np.asarray(v.dense_shape._value)
        out = []
        for i in range(int(shape[0])):
            mask = idx[:, 0] == i
            out.append(SparseTensor(idx[mask, 1:], values[mask], shape[1:]))
        return out
    if isinstance(v, CompositeTensor):
        out = [v[i] for i in range(int(v.nrows()._value))]
        return [r if isinstance(r, CompositeTensor) else r._value for r in out]
    return list(np.asarray(v))


def batch_composite(values, spec):
    """Elements of a RaggedTensorSpec/SparseTensorSpec component batched as TF's batch does:
    ragged ones into one more ragged dimension, sparse ones under a new first index (the dense
    shape is the largest of theirs)."""
    if isinstance(spec, SparseTensorSpec):
        idx = [np.asarray(v.indices._value) for v in values]
        rank = len(np.asarray(values[0].dense_shape._value))
        indices = np.concatenate([np.concatenate([np.full((len(ix), 1), i, np.int64), ix], 1)
                                  for i, ix in enumerate(idx)] + [
            np.zeros((0, rank + 1), np.int64)])
        vals = np.concatenate([np.asarray(v.values._value) for v in values])
        shape = np.max([np.asarray(v.dense_shape._value) for v in values], axis=0)
        return SparseTensor(indices, vals, np.concatenate([[len(values)], shape]))
    rt_mod = _ragged()
    comps = []
    for v in values:
        if isinstance(v, rt_mod.RaggedTensor):
            comps.append([np.asarray(v.flat_values._value)] +
                         [np.asarray(s._value) for s in v.nested_row_splits])
        else:
            comps.append([np.asarray(v)])
    dtype = spec.row_splits_dtype.as_numpy_dtype
    nrows = [len(c[1]) - 1 if len(c) > 1 else len(c[0]) for c in comps]
    levels = [np.concatenate([[0], np.cumsum(nrows)]).astype(dtype)]
    for k in range(1, len(comps[0])):
        parts, offset = [], 0
        for c in comps:
            parts.append(c[k][:-1] + offset)
            offset += int(c[k][-1])
        levels.append(np.concatenate(parts + [[offset]]).astype(dtype))
    flat = np.concatenate([c[0] for c in comps])
    return rt_mod.RaggedTensor.from_nested_row_splits(wrap(to_array(flat)),
                                                      [wrap(s) for s in levels], validate=False)


def most_specific_common(a: TensorShape, b: TensorShape) -> TensorShape:
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.dims, b.dims)])


def flatten_up_to(spec, value) -> list:
    """value's leaves at spec's leaves (a list in value is one leaf, as tf.data reads it);
    ValueError/TypeError when value does not have spec's structure."""
    if not nest.is_nested(spec):
        return [value]
    if isinstance(spec, dict):
        if not isinstance(value, dict) or sorted(value) != sorted(spec):
            raise ValueError("structure mismatch")
        return [x for k in sorted(spec) for x in flatten_up_to(spec[k], value[k])]
    if not isinstance(value, tuple) or len(value) != len(spec):
        raise ValueError("structure mismatch")
    return [x for s, v in zip(spec, value) for x in flatten_up_to(s, v)]
