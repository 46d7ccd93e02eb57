"""tf.RaggedTensor and tf.RaggedTensorSpec (TF's ragged/ragged_tensor.py).

A RaggedTensor is `values` (a tensor, or a RaggedTensor for more ragged dimensions) split into
rows by int64 `row_splits`. Row partitions that shape a result (row lengths, to_tensor's
positions) are computed with NumPy from concrete splits; values move through recorded ops, so
gradients reach flat_values. It is a composite tensor: tf.nest (expand_composites), tf.function
and JAX's pytrees see [flat_values, *nested_row_splits], as TF's components.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.composite_tensor import CompositeArgument, CompositeTensor
from .._core.convert import convert_to_tensor, register_tensor_conversion_function
from .._core.op import Fn, apply
from .._core.tensor import Tensor
from .._core.tensor_shape import TensorShape, as_shape
from .._core.type_spec import TypeSpec
from .._ops import array_ops
from .._ops.gather_scatter_ops import gather, gather_nd


def _traced(t) -> bool:
    return isinstance(t, Tensor) and isinstance(t._value, jax.core.Tracer)


def _concrete(t) -> np.ndarray:
    if _traced(t):
        raise errors.CannotCompile("a RaggedTensor op that needs concrete row splits")
    return np.asarray(t._value)


def _rowids(splits, nvals):
    # Value i's row is the number of rows ending at or before it: a count of row ends per
    # position (the last, at nvals, dropped), summed. Unlike searchsorted, this traces with a
    # symbolic number of values (a signature's None dimension).
    ends = jnp.zeros((nvals,), splits.dtype).at[splits[1:]].add(1, mode="drop")
    return jnp.cumsum(ends, dtype=splits.dtype)


class _RowIds:
    """Recorded function: value_rowids from row_splits, for a static number of values."""

    __slots__ = ("nvals", "__weakref__")

    def __init__(self, nvals):
        self.nvals = nvals

    def __call__(self, splits):
        return (_rowids(splits, self.nvals),)

    def __hash__(self):
        return hash(("rowids", self.nvals))

    def __eq__(self, other):
        return type(other) is _RowIds and other.nvals == self.nvals


def _diff(splits):
    return splits[1:] - splits[:-1]


_DIFF = Fn(_diff)


def _format_scalar(x):
    """TF's _formatter: NumPy arrays with ", " separators, scalars as str()."""
    if isinstance(x, np.ndarray):
        if x.size != 0:
            return np.array2string(x, separator=", ")
        return repr(x.tolist())
    return str(x)


@_api.export("RaggedTensor")
class RaggedTensor(CompositeTensor):
    """tf.RaggedTensor."""

    __slots__ = ("_values", "_row_splits", "_row_lengths", "_value_rowids", "_nrows_static",
                 "_uniform_row_length")

    def __init__(self, values=None, row_partition=None, internal=False):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the "
                             "factory methods instead (e.g., RaggedTensor.from_row_lengths())")
        self._values = values
        self._row_splits = row_partition
        self._row_lengths = None
        self._value_rowids = None
        self._uniform_row_length = None

    # -- factories ---------------------------------------------------------------------------
    @classmethod
    def _from_splits(cls, values, splits):
        rt = cls(values, splits, internal=True)
        return rt

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """RaggedTensor.from_row_splits."""
        values = _as_values(values)
        splits = convert_to_tensor(row_splits, dtypes.int64) if not isinstance(
            row_splits, Tensor) else row_splits
        if splits.dtype not in (dtypes.int32, dtypes.int64):
            raise ValueError("dtype of row_splits must be int32 or int64")
        if splits.shape.ndims != 1:
            raise ValueError("Shape %s must have rank 1" % splits.shape)
        if validate and not _traced(splits):
            s = _concrete(splits)
            where = "from_row_splits"
            if len(s) == 0 or s[0] != 0:
                raise _invalid(where, "zero", _eq_text(s[:1], [0]))
            d = np.diff(s)
            if (d < 0).any():
                raise errors.InvalidArgumentError(
                    None, None, "Arguments to %s do not form a valid RaggedTensor:monotonic.  "
                    "\nCondition x >= 0 did not hold element-wise:\nx (shape=(%d,) dtype=%s) = "
                    "\n%s" % (where, len(d), splits.dtype.name,
                              [str(v) for v in d.tolist()][:3]))
            nvals = _nrows(values)
            if nvals is not None and s[-1] != nvals:
                raise errors.InvalidArgumentError(
                    None, None, "Arguments to _from_row_partition do not form a valid "
                    "RaggedTensor\n" + _eq_text([s[-1]], [nvals]))
        return cls._from_splits(values, splits)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """RaggedTensor.from_row_lengths."""
        lengths = convert_to_tensor(row_lengths, dtypes.int64) if not isinstance(
            row_lengths, Tensor) else row_lengths
        if _traced(lengths):
            splits = array_ops.concat([array_ops.zeros([1], lengths.dtype),
                                       _cumsum(lengths)], 0)
        else:
            lens = np.asarray(lengths._value)
            splits = convert_to_tensor(np.concatenate([[0], np.cumsum(lens)]).astype(lens.dtype))
        return cls.from_row_splits(values, splits, validate=validate)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        """RaggedTensor.from_row_starts."""
        values = _as_values(values)
        starts = _concrete(convert_to_tensor(row_starts, dtypes.int64))
        return cls.from_row_splits(values, np.append(starts, _nrows(values)), validate=validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        """RaggedTensor.from_row_limits."""
        limits = _concrete(convert_to_tensor(row_limits, dtypes.int64))
        return cls.from_row_splits(values, np.concatenate([[0], limits]), validate=validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """RaggedTensor.from_value_rowids."""
        ids = _concrete(convert_to_tensor(value_rowids, dtypes.int64))
        n = int(ids[-1]) + 1 if nrows is None and len(ids) else int(nrows or 0)
        lengths = np.bincount(ids, minlength=n).astype(np.int64)
        return cls.from_row_lengths(values, lengths, validate=validate)

    @classmethod
    def from_uniform_row_length(cls, values, uniform_row_length, nrows=None, validate=True,
                                name=None):
        """RaggedTensor.from_uniform_row_length: rows of one length (a uniform dimension)."""
        values = _as_values(values)
        length = int(_concrete(convert_to_tensor(uniform_row_length, dtypes.int64)))
        nvals = _nrows(values)
        if nrows is None:
            nrows = nvals // length if length else 0
        nrows = int(_concrete(convert_to_tensor(nrows, dtypes.int64)))
        if nrows * length != nvals:
            raise ValueError("uniform_row_length=%d times nrows=%d must equal nvals=%d"
                             % (length, nrows, nvals))
        rt = cls._from_splits(values, convert_to_tensor(np.arange(nrows + 1, dtype=np.int64)
                                                        * length))
        rt._uniform_row_length = length
        return rt

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        """RaggedTensor.from_nested_row_splits."""
        return _nest(cls.from_row_splits, flat_values, nested_row_splits, validate)

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None,
                                validate=True):
        """RaggedTensor.from_nested_row_lengths."""
        return _nest(cls.from_row_lengths, flat_values, nested_row_lengths, validate)

    @classmethod
    def from_nested_value_rowids(cls, flat_values, nested_value_rowids, nested_nrows=None,
                                 name=None, validate=True):
        """RaggedTensor.from_nested_value_rowids."""
        result = _as_values(flat_values)
        nrows = [None] * len(nested_value_rowids) if nested_nrows is None else nested_nrows
        for ids, n in reversed(list(zip(nested_value_rowids, nrows))):
            result = cls.from_value_rowids(result, ids, n, validate=validate)
        return result

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=dtypes.int64):
        """RaggedTensor.from_tensor (ragged_rank 1)."""
        tensor = convert_to_tensor(tensor)
        dense = _concrete(tensor)
        nrows, ncols = dense.shape[0], dense.shape[1]
        if lengths is not None:
            lens = np.asarray(_concrete(convert_to_tensor(lengths, dtypes.int64)))
        elif padding is not None:
            pad = np.asarray(_concrete(convert_to_tensor(padding, tensor.dtype)))
            same = (dense == pad)
            if same.ndim > 2:
                same = same.reshape(nrows, ncols, -1).all(axis=2)
            # a row keeps everything up to its last non-padding value
            keep = ~same
            lens = np.where(keep.any(axis=1), ncols - np.argmax(keep[:, ::-1], axis=1), 0)
        else:
            lens = np.full(nrows, ncols)
        mask = np.arange(ncols)[None, :] < lens[:, None]
        idx = np.argwhere(mask).astype(np.int64)
        values = gather_nd(tensor, idx) if len(idx) else array_ops.reshape(
            tensor, [-1] + tensor.shape.as_list()[2:])[:0]
        return cls.from_row_lengths(values, lens.astype(np.int64), validate=False)

    @classmethod
    def from_sparse(cls, st_input, name=None, row_splits_dtype=dtypes.int64):
        """RaggedTensor.from_sparse: a right-ragged 2-D SparseTensor's rows."""
        from .._core.sparse_tensor import SparseTensor

        if not isinstance(st_input, SparseTensor):
            raise TypeError("st_input must be tf.SparseTensor; got %s"
                            % type(st_input).__name__)
        if st_input.indices.shape[1] != 2:
            raise ValueError("rank(st_input) must be 2.")
        indices = _concrete(st_input.indices)
        nrows = int(_concrete(st_input.dense_shape)[0])
        rows = indices[:, 0]
        lengths = np.bincount(rows, minlength=nrows).astype(np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        right_ragged = (np.all(np.diff(rows) >= 0)
                        and np.array_equal(indices[:, 1], np.arange(len(rows)) - starts[rows]))
        if not right_ragged:
            flat = indices.ravel().tolist()
            raise errors.InvalidArgumentError(
                None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                "Summarized data: b'SparseTensor is not right-ragged'\nb'SparseTensor.indices "
                "='\n%s" % ", ".join(map(str, flat[:3] + (["..."] if len(flat) > 3 else []))))
        return cls.from_row_lengths(st_input.values, lengths, validate=False
                                    ).with_row_splits_dtype(row_splits_dtype)

    # -- properties --------------------------------------------------------------------------
    values = property(lambda self: self._values)
    row_splits = property(lambda self: self._row_splits)
    dtype = property(lambda self: self._values.dtype)

    @property
    def flat_values(self):
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self):
        return tuple(rt._row_splits for rt in self._levels())

    @property
    def ragged_rank(self) -> int:
        return 1 + (self._values.ragged_rank if isinstance(self._values, RaggedTensor) else 0)

    @property
    def row_splits_dtype(self):
        return self._row_splits.dtype

    @property
    def shape(self) -> TensorShape:
        nrows = self._row_splits.shape[0]
        nrows = None if nrows is None else nrows - 1
        inner = self._values.shape[1:]
        return TensorShape([nrows, self._uniform_row_length] + list(inner.dims or []))

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        return self.shape.ndims

    @property
    def uniform_row_length(self):
        if self._uniform_row_length is None:
            return None
        return convert_to_tensor(self._uniform_row_length, self._row_splits.dtype)

    def nrows(self, out_type=None, name=None):
        """RaggedTensor.nrows."""
        n = self._row_splits.shape[0] - 1
        return convert_to_tensor(n, out_type or self._row_splits.dtype)

    def row_lengths(self, axis=1, name=None):
        """RaggedTensor.row_lengths."""
        if axis != 1:
            return self.with_values(self._values.row_lengths(axis - 1))
        if self._row_lengths is None:
            self._row_lengths = apply(_DIFF, [self._row_splits])[0]
        return self._row_lengths

    def row_starts(self, name=None):
        return self._row_splits[:-1]

    def row_limits(self, name=None):
        return self._row_splits[1:]

    def value_rowids(self, name=None):
        """RaggedTensor.value_rowids."""
        if self._value_rowids is None:
            nvals = _array_rows(self._values)
            self._value_rowids = apply(_RowIds(nvals), [self._row_splits])[0]
        return self._value_rowids

    def _levels(self):
        """This RaggedTensor and its ragged values, outermost first."""
        rt = self
        while isinstance(rt, RaggedTensor):
            yield rt
            rt = rt._values

    def nested_row_lengths(self, name=None):
        return tuple(rt.row_lengths() for rt in self._levels())

    def nested_value_rowids(self, name=None):
        return tuple(rt.value_rowids() for rt in self._levels())

    def bounding_shape(self, axis=None, name=None, out_type=None):
        """RaggedTensor.bounding_shape."""
        dims = [self.shape[0]]
        rt = self
        while isinstance(rt, RaggedTensor):
            lengths = np.diff(_concrete(rt._row_splits))
            dims.append(int(lengths.max()) if len(lengths) else 0)
            rt = rt._values
        dims += rt.shape.as_list()[1:]
        out = convert_to_tensor(np.asarray(dims, np.int64), out_type or self._row_splits.dtype)
        return out if axis is None else out[axis]

    def with_values(self, new_values):
        """RaggedTensor.with_values."""
        new_values = _as_values(new_values)
        rt = RaggedTensor._from_splits(new_values, self._row_splits)
        rt._uniform_row_length = self._uniform_row_length
        return rt

    def with_flat_values(self, new_values):
        """RaggedTensor.with_flat_values."""
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype):
        dtype = dtypes.as_dtype(dtype)
        values = self._values
        if isinstance(values, RaggedTensor):
            values = values.with_row_splits_dtype(dtype)
        from .._ops.math_ops import cast

        return RaggedTensor._from_splits(values, cast(self._row_splits, dtype))

    def merge_dims(self, outer_axis, inner_axis):
        """RaggedTensor.merge_dims (of the outer dimensions, as TF's flat_values for 0..-1)."""
        if (outer_axis, inner_axis) in ((0, 1), (0, -1)) and self.ragged_rank == 1:
            return self._values
        ndims = self.shape.ndims
        outer, inner = outer_axis % ndims, inner_axis % ndims
        if outer == 0 and inner == ndims - 1:
            return array_ops.reshape(self.flat_values, [-1])
        if outer > inner:
            raise ValueError("Expected outer_axis (%d) to be less than or equal to inner_axis "
                             "(%d)" % (outer_axis, inner_axis))
        if outer == inner:
            return self
        if inner > self.ragged_rank:
            raise NotImplementedError("tfshim: RaggedTensor.merge_dims into the uniform "
                                      "dimensions of the flat values")
        from .ragged_util import from_tree, to_tree

        def merge(tree, depth):
            if depth == outer:
                for _ in range(inner - outer):
                    tree = [y for x in tree for y in x]
                return tree
            return [merge(row, depth + 1) for row in tree]

        merged = merge(to_tree(self), 0)
        rank = self.ragged_rank - (inner - outer)
        if rank == 0:
            return gather(self.flat_values, np.asarray(merged, np.int64).reshape(-1))
        return from_tree(merged, rank, self.flat_values, self.row_splits.dtype)

    # -- conversion --------------------------------------------------------------------------
    def to_tensor(self, default_value=None, name=None, shape=None):
        """RaggedTensor.to_tensor: padded with default_value (0)."""
        bounding = self.bounding_shape().numpy().tolist()
        if shape is not None:
            shape = as_shape(shape).as_list()
            bounding = [b if s is None else s for b, s in zip(bounding, shape)]
        positions = _dense_positions(self)
        keep = np.all(positions < np.asarray(bounding[:positions.shape[1]]), axis=1)
        flat = self.flat_values
        if not keep.all():
            flat = gather(flat, np.flatnonzero(keep).astype(np.int64))
            positions = positions[keep]
        if default_value is None:  # TF's zero of the dtype: b"" for strings
            default_value = b"" if self.dtype is dtypes.string else 0
        fill = default_value
        base = array_ops.fill(bounding, convert_to_tensor(fill, self.dtype))
        if self.dtype is dtypes.string:  # host object arrays: NumPy's assignment
            out = np.array(base._value, dtype=object)
            out[tuple(positions.T)] = np.asarray(flat._value, dtype=object)
            return convert_to_tensor(out, dtypes.string)
        from .._ops.gather_scatter_ops import tensor_scatter_nd_update

        return tensor_scatter_nd_update(base, positions, flat)

    def to_list(self):
        """RaggedTensor.to_list."""
        splits = _concrete(self._row_splits).tolist()
        values = self._values
        if isinstance(values, RaggedTensor):
            inner = values.to_list()
        else:
            inner = values.numpy().tolist()
        return [inner[splits[i]:splits[i + 1]] for i in range(len(splits) - 1)]

    def numpy(self):
        """RaggedTensor.numpy: rows as NumPy arrays (an object array when lengths differ)."""
        values = self._values.numpy()
        splits = _concrete(self._row_splits)
        rows = [values[splits[i]:splits[i + 1]] for i in range(len(splits) - 1)]
        if not rows:
            return np.zeros((0, 0) + values.shape[1:], dtype=values.dtype)
        variable = any(len(row) != len(rows[0]) for row in rows)
        if variable:
            out = np.empty(len(rows), dtype=object)
            out[:] = rows
            return out
        return np.array(rows)

    def to_sparse(self, name=None):
        """RaggedTensor.to_sparse."""
        from .._core.sparse_tensor import SparseTensor

        positions = _dense_positions(self)
        return SparseTensor(positions, self.flat_values, self.bounding_shape(
            out_type=dtypes.int64))

    def __repr__(self):
        if any(_traced(s) for s in self.nested_row_splits) or _traced(self.flat_values):
            return "tf.RaggedTensor(values=%s, row_splits=%s)" % (self._values,
                                                                  self._row_splits)
        with np.printoptions(formatter={"all": _format_scalar}):
            text = _format_scalar(self.numpy())
        return "<tf.RaggedTensor %s>" % text

    __str__ = __repr__

    def __len__(self):
        raise TypeError("object of type 'RaggedTensor' has no len()")

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    def __hash__(self):
        raise TypeError("RaggedTensor is unhashable.")

    def __getitem__(self, key):
        from .ragged_getitem import ragged_tensor_getitem  # it builds on this module

        return ragged_tensor_getitem(self, key)

    def consumers(self):
        return []

    @property
    def _type_spec(self):
        return RaggedTensorSpec(self.shape, self.dtype, self.ragged_rank,
                                self._row_splits.dtype)


def _nest(factory, flat_values, partitions, validate):
    """flat_values partitioned by each partition, the innermost first."""
    result = _as_values(flat_values)
    for partition in reversed(list(partitions)):
        result = factory(result, partition, validate=validate)
    return result


def _as_values(values):
    if isinstance(values, (RaggedTensor, Tensor)):
        return values
    return convert_to_tensor(values)


def _array_rows(values):
    """The number of rows of values, as its arrays have it: an int, or a JAX symbolic
    dimension in a trace for a signature's None dimensions."""
    if isinstance(values, RaggedTensor):
        return values._row_splits._value.shape[0] - 1
    return values._value.shape[0]


def _nrows(values):
    if isinstance(values, RaggedTensor):
        return values._row_splits.shape[0] - 1
    return values.shape[0]


def _cumsum(lengths):
    from .._ops.scan_ops import cumsum

    return cumsum(lengths)


def _eq_text(x, y) -> str:
    return ("Condition x == y did not hold.\nFirst 1 elements of x:\n%s\nFirst 1 elements of "
            "y:\n%s" % (np.asarray(x), np.asarray(y)))


def _invalid(where, check, text):
    return errors.InvalidArgumentError(
        None, None, "Arguments to %s do not form a valid RaggedTensor:%s\n%s" % (where, check,
                                                                                text))


def _dense_positions(rt) -> np.ndarray:
    """Each flat value's index in rt's dense (bounding) tensor: [n_flat, ragged_rank + 1]."""
    splits = [_concrete(s) for s in rt.nested_row_splits]
    # Walk from the outermost partition in: positions of the values at each level.
    pos = np.zeros((splits[0][-1], 0), np.int64)
    rows = np.repeat(np.arange(len(splits[0]) - 1), np.diff(splits[0]))
    cols = np.arange(splits[0][-1]) - splits[0][rows]
    pos = np.stack([rows, cols], 1)
    for s in splits[1:]:
        rows = np.repeat(np.arange(len(s) - 1), np.diff(s))
        cols = np.arange(s[-1]) - s[rows]
        pos = np.concatenate([pos[rows], cols[:, None]], 1)
    return pos.astype(np.int64)


@_api.export("RaggedTensorSpec")
class RaggedTensorSpec(TypeSpec):
    """tf.RaggedTensorSpec."""

    __slots__ = ("_shape", "_dtype", "_ragged_rank", "_row_splits_dtype", "_flat_values_spec")

    def __init__(self, shape=None, dtype=dtypes.float32, ragged_rank=None,
                 row_splits_dtype=dtypes.int64, flat_values_spec=None):
        self._shape = as_shape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._row_splits_dtype = dtypes.as_dtype(row_splits_dtype)
        self._flat_values_spec = flat_values_spec
        rank = self._shape.ndims
        if ragged_rank is None:
            if rank is None:
                raise ValueError("Must specify ragged_rank or a shape with a known rank.")
            ragged_rank = rank - 1
        self._ragged_rank = ragged_rank

    # TF's: a spec of ragged_rank 0 describes a plain tensor.
    value_type = property(lambda self: RaggedTensor if self._ragged_rank > 0 else Tensor)
    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    ragged_rank = property(lambda self: self._ragged_rank)
    row_splits_dtype = property(lambda self: self._row_splits_dtype)
    flat_values_spec = property(lambda self: self._flat_values_spec)

    def _serialize(self):
        if self._flat_values_spec is None:
            return (self._shape, self._dtype, self._ragged_rank, self._row_splits_dtype)
        return (self._shape, self._dtype, self._ragged_rank, self._row_splits_dtype,
                self._flat_values_spec)

    @property
    def _component_specs(self):
        from .._core.tensor_spec import TensorSpec

        dims = self._shape.dims
        inner = [] if dims is None else dims[self._ragged_rank + 1:]
        nrows = None if dims is None or dims[0] is None else dims[0] + 1
        specs = [TensorSpec([None] + inner, self._dtype),
                 TensorSpec([nrows], self._row_splits_dtype)]
        specs += [TensorSpec([None], self._row_splits_dtype)] * (self._ragged_rank - 1)
        return specs

    def _to_components(self, value):
        if isinstance(value, RaggedTensor):
            return [value.flat_values] + list(value.nested_row_splits)
        return [value]

    def _from_components(self, tensor_list):
        for t, spec in zip(tensor_list, self._component_specs):
            if not spec.shape.is_compatible_with(t.shape):
                raise ValueError("Tensor's shape %s is not compatible with supplied shape %s."
                                 % (t.shape, spec.shape))
        if self._ragged_rank == 0:
            return tensor_list[0]
        result = tensor_list[0]
        for splits in reversed(tensor_list[1:]):
            result = RaggedTensor._from_splits(result, splits)
        return result

    def _trace_key(self):
        # The number of rows is the row splits' length: a trace with a symbolic one serves all.
        dims = self._shape.dims
        shape = self._shape if dims is None else TensorShape([None] + dims[1:])
        return RaggedTensorSpec(shape, self._dtype, self._ragged_rank, self._row_splits_dtype,
                                self._flat_values_spec)

    @classmethod
    def from_value(cls, value):
        return value._type_spec


def _no_conversion(value, dtype=None):
    # Ops that take a RaggedTensor dispatch on it (ragged_dispatch.py); the others fail as TF's.
    raise CompositeArgument(value, "TypeError: object of type 'RaggedTensor' has no len()")


register_tensor_conversion_function(RaggedTensor, _no_conversion)

# TF's module for the classes, as `type()` prints them and clients (Keras's data adapters) test.
RaggedTensor.__module__ = RaggedTensorSpec.__module__ = "tensorflow.python.ops.ragged.ragged_tensor"
