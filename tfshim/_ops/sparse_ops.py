"""tf.sparse (TF's sparse_ops.py, bincount_ops.py's sparse output, sparse operators).

Where the nonzero pattern of a result depends on its inputs' indices (concat, reorder,
reshape, add, retain, fill_empty_rows, ...), the new indices are computed with NumPy from
concrete indices, and the values move through recorded ops (gather, segment sums), so
gradients reach the inputs' values as TF's sparse gradients do. Inside tf.function such an op
needs concrete indices; with traced ones the function runs eagerly (README: known deviations).
Ops whose result is dense (to_dense, reduce_sum, sparse_dense_matmul) compile with traced
indices too.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor
from .._core.op import TypeList, op
from .._core.sparse_tensor import SparseTensor
from .._core.tensor import Tensor, wrap
from . import array_ops, math_ops, reduction_ops
from .gather_scatter_ops import gather, gather_nd, tensor_scatter_nd_add, tensor_scatter_nd_update


def _np(t) -> np.ndarray:
    """A tensor's concrete value (indices, shapes), or the tf.function falls back to eager."""
    if isinstance(t._value, jax.core.Tracer):
        raise errors.CannotCompile("a tf.sparse op whose output pattern depends on traced "
                                   "indices")
    return np.asarray(t._value)


def _sparse(indices, values, shape) -> SparseTensor:
    return SparseTensor(np.asarray(indices, np.int64).reshape(-1, len(shape)), values,
                        np.asarray(shape, np.int64))


def _static_dense_shape(sp) -> list:
    """The dense shape as Python ints: the static shape, else the concrete dense_shape."""
    if sp.shape.is_fully_defined():
        return sp.shape.as_list()
    return _np(sp.dense_shape).tolist()


def _check(sp, what="sp_input"):
    if not isinstance(sp, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return sp


def _linear(indices, shape) -> np.ndarray:
    """Row-major positions of indices in a dense tensor of this shape."""
    if len(shape) == 0:
        return np.zeros(len(indices), np.int64)
    return np.ravel_multi_index(indices.T, shape) if len(indices) else np.zeros(0, np.int64)


def _permuted(sp, order, indices=None, shape=None) -> SparseTensor:
    """sp's entries in this order (gathered values: gradients flow back to sp's values)."""
    ind = _np(sp.indices) if indices is None else indices
    shape = _np(sp.dense_shape) if shape is None else shape
    return _sparse(ind[order], gather(sp.values, np.asarray(order, np.int64)), shape)


# -- conversion ---------------------------------------------------------------------------------


@_api.export("sparse.to_dense")
def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """tf.sparse.to_dense."""
    sp = _check(sp_input)
    shape = _static_dense_shape(sp)
    if validate_indices and not isinstance(sp.indices._value, jax.core.Tracer):
        _validate(_np(sp.indices), shape, "SparseToDense")
    if sp.dtype is dtypes.string:  # XLA has no strings: filled on the host, "" by default
        dense = np.full(shape, b"" if default_value is None else _np(convert_to_tensor(
            default_value, sp.dtype)).item(), object)
        dense[tuple(_np(sp.indices).T)] = _np(sp.values)
        return wrap(dense)
    fill = convert_to_tensor(0 if default_value is None else default_value, sp.dtype)
    return _sparse_to_dense(sp.indices, sp.values, tuple(shape), _np(fill).item())


@op(tensors=("values",), others=("indices",), op_type="SparseToDense")
def _sparse_to_dense(indices, values, shape, default_value, name=None):
    # One body, one compiled computation; its jax.vjp is TF's SparseToDense gradient for the
    # values (the dense gradient gathered at the indices; the default value gets none).
    base = jnp.full(shape, default_value, values.dtype)
    if indices.shape[0] == 0:
        return base
    return base.at[tuple(indices[:, k] for k in range(len(shape)))].set(values)


def _validate(indices, shape, op_type):
    """TF's SparseToDense kernel's checks: in bounds, strictly increasing in row-major order."""
    bounds = "[%s]" % ",".join(str(d) for d in shape)
    prev = None
    for i, idx in enumerate(indices.tolist()):
        text = "[%s]" % ",".join(str(v) for v in idx)
        if any(v < 0 or v >= d for v, d in zip(idx, shape)):
            raise errors.kernel_error(op_type, "indices[%d] = %s is out of bounds: need 0 <= "
                                      "index < %s" % (i, text, bounds))
        if prev is not None and idx == prev:
            raise errors.kernel_error(op_type, "indices[%d] = %s is repeated" % (i, text))
        if prev is not None and idx < prev:
            raise errors.kernel_error(
                op_type, "indices[%d] = %s is out of order. Many sparse ops require sorted "
                "indices.\n    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n"
                % (i, text))
        prev = idx


@_api.export("sparse.from_dense")
def from_dense(tensor, name=None):
    """tf.sparse.from_dense: the nonzero entries, in row-major order."""
    tensor = convert_to_tensor(tensor)
    dense = _np(tensor)
    indices = np.argwhere(dense != np.zeros((), dense.dtype)) if dense.dtype != object else (
        np.argwhere(dense != b""))
    values = gather_nd(tensor, indices.astype(np.int64)) if dense.ndim else array_ops.reshape(
        tensor, [-1])[:len(indices)]
    return _sparse(indices, values, dense.shape)


# -- reductions ---------------------------------------------------------------------------------


def _reduce(sp, axis, keepdims, output_is_sparse, kind):
    shape = _static_dense_shape(sp)
    rank = len(shape)
    axes = list(range(rank)) if axis is None else [
        a % rank for a in np.atleast_1d(np.asarray(
            axis.numpy() if isinstance(axis, Tensor) else axis)).tolist()]
    keep = [d for d in range(rank) if d not in axes]
    out_shape = [1 if d in axes else shape[d] for d in range(rank)] if keepdims else [
        shape[d] for d in keep]
    if kind == "sum" and not output_is_sparse:
        # A dense reduction of the dense tensor: compiles with traced indices too.
        dense = to_dense(sp, validate_indices=False)
        return reduction_ops.reduce_sum(dense, axis=axes, keepdims=bool(keepdims))
    ind = _np(sp.indices)
    kept = ind[:, keep]
    kept_shape = [shape[d] for d in keep]
    pos = _linear(kept, kept_shape)
    if output_is_sparse:
        uniq, seg = np.unique(pos, return_inverse=True)
        n = len(uniq)
    else:
        seg, n = pos, int(np.prod(kept_shape, dtype=np.int64))
    seg = seg.astype(np.int64)
    if kind == "sum":
        out = reduction_ops.unsorted_segment_sum(sp.values, seg, n)
    else:
        out = _segment_max(sp.values, seg, n)
    if output_is_sparse:
        out_idx = np.array(np.unravel_index(uniq, kept_shape)).T if kept_shape else np.zeros(
            (n, 0), np.int64)
        if keepdims:
            full = np.zeros((n, rank), np.int64)
            full[:, keep] = out_idx
            out_idx = full
        return _sparse(out_idx, out, out_shape)
    return array_ops.reshape(out, out_shape)


@op(tensors=("values",), others=("segment_ids",), op_type="SparseReduceMax", no_gradient=True)
def _segment_max(values, segment_ids, num_segments, name=None):
    # TF's SparseReduceMax considers only present entries; an empty slot is 0. TF registers
    # no gradient for it.
    out = jax.ops.segment_max(values, segment_ids, num_segments)
    present = jax.ops.segment_sum(jnp.ones_like(segment_ids), segment_ids, num_segments) > 0
    return jnp.where(present, out, jnp.zeros((), values.dtype))


@_api.export("sparse.reduce_sum")
def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """tf.sparse.reduce_sum."""
    return _reduce(_check(sp_input), axis, keepdims, output_is_sparse, "sum")


@_api.export("sparse.reduce_max")
def reduce_max(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """tf.sparse.reduce_max: over the present entries only; an empty slice gives 0."""
    return _reduce(_check(sp_input), axis, keepdims, output_is_sparse, "max")


# -- products and sums --------------------------------------------------------------------------


@_api.export("sparse.sparse_dense_matmul")
def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """tf.sparse.sparse_dense_matmul: rows gathered from b, scaled by the values, summed."""
    sp = _check(sp_a)
    shape = _static_dense_shape(sp)
    return _sparse_dense_matmul(sp.indices, sp.values, b, shape[1] if adjoint_a else shape[0],
                                bool(adjoint_a), bool(adjoint_b))


@op(tensors=("values", "b"), others=("indices",), op_type="SparseTensorDenseMatMul")
def _sparse_dense_matmul(indices, values, b, n_rows, adjoint_a, adjoint_b, name=None):
    # One body: its jax.vjp gives TF's dense gradient for b and the values' gradient.
    if adjoint_b:
        b = jnp.conj(b.T)
    rows, cols = indices[:, 0], indices[:, 1]
    if adjoint_a:
        rows, cols, values = cols, rows, jnp.conj(values)
    return jax.ops.segment_sum(values[:, None] * b[cols], rows, n_rows)


def _union(a, b):
    """The sorted union of two SparseTensors' indices, and each one's segment in it."""
    shape = _np(a.dense_shape)
    ia, ib = _np(a.indices), _np(b.indices)
    pa, pb = _linear(ia, shape), _linear(ib, shape)
    uniq, inv = np.unique(np.concatenate([pa, pb]), return_inverse=True)
    indices = np.array(np.unravel_index(uniq, shape)).T.reshape(-1, len(shape))
    return indices, shape, inv[:len(pa)].astype(np.int64), inv[len(pa):].astype(np.int64)


@_api.export("sparse.add")
def add(a, b, threshold=0):
    """tf.sparse.add: sparse + sparse (sorted union, entries under threshold dropped), or
    sparse + dense (a dense tensor)."""
    if not isinstance(a, SparseTensor):
        a, b = b, a
    if not isinstance(b, SparseTensor):
        dense = convert_to_tensor(b, a.dtype)
        return tensor_scatter_nd_add(dense, a.indices, a.values)
    indices, shape, sa, sb = _union(a, b)
    n = len(indices)
    values = (reduction_ops.unsorted_segment_sum(a.values, sa, n)
              + reduction_ops.unsorted_segment_sum(b.values, sb, n))
    thresh = convert_to_tensor(threshold).numpy()
    if thresh != 0:
        keep = np.abs(_np(values)) >= thresh
        return _permuted(_sparse(indices, values, shape), np.flatnonzero(keep))
    return _sparse(indices, values, shape)


def _elementwise_union(a, b, how):
    indices, shape, sa, sb = _union(a, b)
    n = len(indices)
    zeros = array_ops.zeros([n], a.dtype)
    # Entries missing on one side are 0 there, as TF's SparseSparseMaximum/Minimum.
    va = tensor_scatter_nd_update(zeros, np.expand_dims(sa, 1), a.values)
    vb = tensor_scatter_nd_update(zeros, np.expand_dims(sb, 1), b.values)
    return _sparse(indices, how(va, vb), shape)


@_api.export("sparse.maximum")
def maximum(sp_a, sp_b, name=None):
    """tf.sparse.maximum."""
    return _elementwise_union(_check(sp_a), _check(sp_b), math_ops.maximum)


@_api.export("sparse.minimum")
def minimum(sp_a, sp_b, name=None):
    """tf.sparse.minimum."""
    return _elementwise_union(_check(sp_a), _check(sp_b), math_ops.minimum)


# -- structure ----------------------------------------------------------------------------------


@_api.export("sparse.reorder")
def reorder(sp_input, name=None):
    """tf.sparse.reorder: entries in row-major order."""
    sp = _check(sp_input)
    ind = _np(sp.indices)
    order = np.argsort(_linear(ind, _np(sp.dense_shape)), kind="stable")
    return _permuted(sp, order)


@_api.export("sparse.transpose")
def transpose(sp_input, perm=None, name=None):
    """tf.sparse.transpose (reordered, as TF's)."""
    sp = _check(sp_input)
    shape = _np(sp.dense_shape)
    rank = len(shape)
    perm = list(range(rank))[::-1] if perm is None else [
        int(p) for p in np.asarray(perm.numpy() if isinstance(perm, Tensor) else perm)]
    ind = _np(sp.indices)[:, perm]
    new_shape = shape[perm]
    order = np.argsort(_linear(ind, new_shape), kind="stable")
    return _permuted(sp, order, ind, new_shape)


@_api.export("sparse.reshape")
def reshape(sp_input, shape, name=None):
    """tf.sparse.reshape: entries keep their order."""
    sp = _check(sp_input)
    old = _np(sp.dense_shape)
    new = np.asarray(shape.numpy() if isinstance(shape, Tensor) else shape, np.int64).copy()
    total = int(np.prod(old, dtype=np.int64))
    unknown = np.flatnonzero(new == -1)
    if len(unknown) > 1:
        raise errors.kernel_error("SparseReshape", "only one output dimension may be -1, not "
                                  "both %d and %d" % tuple(unknown[:2]))
    if len(unknown):
        known = int(np.prod(new[new != -1], dtype=np.int64))
        if known == 0 or total % known:
            raise errors.kernel_error(
                "SparseReshape", "Input to reshape is a SparseTensor with %d dense values, but "
                "the requested shape requires a multiple of %d. input_shape=%s output_shape=%s"
                % (total, known, _shape_text(old), _shape_text(np.where(new == -1, 1, new))))
        new[unknown[0]] = total // known
    if int(np.prod(new, dtype=np.int64)) != total:
        raise errors.kernel_error(
            "SparseReshape", "Input to reshape is a tensor with %d dense values, but the "
            "requested shape has %d. input_shape=%s output_shape=%s"
            % (total, int(np.prod(new, dtype=np.int64)), _shape_text(old), _shape_text(new)))
    pos = _linear(_np(sp.indices), old)
    ind = np.array(np.unravel_index(pos, new)).T.reshape(-1, len(new))
    return _sparse(ind, sp.values, new)


def _shape_text(shape):
    return "[%s]" % ",".join(str(int(d)) for d in shape)


@_api.export("sparse.concat")
def concat(axis, sp_inputs, expand_nonconcat_dims=False, name=None, expand_nonconcat_dim=False):
    """tf.sparse.concat: entries in row-major order of the result."""
    sps = [_check(s) for s in sp_inputs]
    shapes = [_np(s.dense_shape) for s in sps]
    rank = len(shapes[0])
    axis = int(axis) % rank
    expand = expand_nonconcat_dims or expand_nonconcat_dim
    out_shape = shapes[0].copy()
    if expand:
        out_shape = np.max(np.stack(shapes), axis=0)
    out_shape[axis] = sum(int(s[axis]) for s in shapes)
    parts, offset = [], 0
    for s, shp in zip(sps, shapes):
        ind = _np(s.indices).copy()
        ind[:, axis] += offset
        offset += int(shp[axis])
        parts.append(ind)
    ind = np.concatenate(parts) if parts else np.zeros((0, rank), np.int64)
    # TF's SparseConcat is not differentiable: its values' gradient is None.
    values = array_ops.stop_gradient(array_ops.concat([s.values for s in sps], 0))
    order = np.argsort(_linear(ind, out_shape), kind="stable")
    return _sparse(ind[order], gather(values, order.astype(np.int64)), out_shape)


@_api.export("sparse.retain")
def retain(sp_input, to_retain):
    """tf.sparse.retain: the entries where to_retain is True."""
    sp = _check(sp_input)
    keep = np.asarray(convert_to_tensor(to_retain).numpy(), bool)
    return _permuted(sp, np.flatnonzero(keep))


@_api.export("sparse.fill_empty_rows")
def fill_empty_rows(sp_input, default_value, name=None):
    """tf.sparse.fill_empty_rows: (the filled SparseTensor, the empty-row indicator)."""
    sp = _check(sp_input)
    shape = _np(sp.dense_shape)
    ind = _np(sp.indices)
    empty = np.ones(int(shape[0]), bool)
    empty[ind[:, 0]] = False
    rows = np.flatnonzero(empty)
    extra = np.zeros((len(rows), len(shape)), np.int64)
    extra[:, 0] = rows
    all_ind = np.concatenate([ind, extra])
    fill = array_ops.fill([len(rows)], convert_to_tensor(default_value, sp.dtype))
    values = array_ops.concat([sp.values, fill], 0)
    # TF's kernel keeps each row's entries in their order and puts rows in order.
    order = np.argsort(all_ind[:, 0], kind="stable")
    return (_sparse(all_ind[order], gather(values, order.astype(np.int64)), shape),
            convert_to_tensor(empty))


@_api.export("sparse.expand_dims")
def expand_dims(sp_input, axis=None, name=None):
    """tf.sparse.expand_dims."""
    sp = _check(sp_input)
    shape = _np(sp.dense_shape)
    rank = len(shape)
    axis = -1 if axis is None else int(axis)
    if not -rank - 1 <= axis <= rank:
        raise errors.kernel_error("ExpandDims", "Tried to expand dim index %d for tensor with "
                                  "%d dimensions." % (axis, rank))
    axis %= rank + 1
    ind = np.insert(_np(sp.indices), axis, 0, axis=1)
    return _sparse(ind, sp.values, np.insert(shape, axis, 1))


@_api.export("sparse.map_values")
def map_values(op, *args, **kwargs):
    """tf.sparse.map_values: op applied to the values of the SparseTensor arguments."""
    sps = [a for a in list(args) + list(kwargs.values()) if isinstance(a, SparseTensor)]
    if not sps:
        raise ValueError("No SparseTensor in argument list of map_values")
    first = sps[0]
    for s in sps[1:]:
        if not (np.array_equal(_np(s.indices), _np(first.indices))
                and np.array_equal(_np(s.dense_shape), _np(first.dense_shape))):
            raise errors.InvalidArgumentError(
                None, None, "Expected all SparseTensors to have the same dense_shape and "
                "indices.")
    args = [a.values if isinstance(a, SparseTensor) else a for a in args]
    kwargs = {k: v.values if isinstance(v, SparseTensor) else v for k, v in kwargs.items()}
    return first.with_values(op(*args, **kwargs))


@_api.export("sparse.slice")
def slice(sp_input, start, size, name=None):  # noqa: A001
    """tf.sparse.slice."""
    sp = _check(sp_input)
    shape = _np(sp.dense_shape)
    start = np.asarray(convert_to_tensor(start, dtypes.int64).numpy())
    size = np.asarray(convert_to_tensor(size, dtypes.int64).numpy())
    end = np.minimum(start + size, shape)
    ind = _np(sp.indices)
    keep = np.flatnonzero(np.all((ind >= start) & (ind < end), axis=1))
    out_shape = np.maximum(end - start, 0)
    return _permuted(sp, keep, ind - start, out_shape)


@_api.export("sparse.eye")
def eye(num_rows, num_columns=None, dtype=dtypes.float32, name=None):
    """tf.sparse.eye."""
    rows = int(num_rows)
    cols = rows if num_columns is None else int(num_columns)
    n = min(rows, cols)
    idx = np.stack([np.arange(n), np.arange(n)], 1)
    return _sparse(idx, array_ops.ones([n], dtype), [rows, cols])


@_api.export("sparse.bincount")
def bincount(values, weights=None, axis=0, minlength=None, maxlength=None,
             binary_output=False, name=None):
    """tf.sparse.bincount: counts (or summed weights) of each value, as a SparseTensor."""
    values_t = values.values if isinstance(values, SparseTensor) else convert_to_tensor(values)
    if weights is not None and not isinstance(weights, SparseTensor):
        weights = convert_to_tensor(weights)
    if weights is not None and binary_output:
        raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. "
                         "Please specify only one.")
    if axis is None:
        axis = 0
    if axis not in [0, -1]:
        raise ValueError("Unsupported value for argument axis=%s. Only 0 and -1 are currently "
                         "supported." % (axis,))
    v = _np(values_t)
    if isinstance(values, SparseTensor):
        rows = _np(values.indices)[:, 0]
    else:
        rows = np.repeat(np.arange(v.shape[0]), v.shape[1]) if v.ndim == 2 else None
        v = v.reshape(-1)
    per_row = axis == -1 and rows is not None
    size = int(v.max()) + 1 if v.size else 0
    if minlength is not None:
        size = max(size, int(minlength))
    if maxlength is not None:
        size = min(size, int(maxlength))
    ok = (v >= 0) & (v < size)
    keys = np.stack([rows[ok], v[ok]], 1) if per_row else v[ok][:, None]
    shape = [int(rows.max()) + 1 if v.size else 0, size] if per_row else [size]
    if isinstance(values, SparseTensor) and per_row:
        shape[0] = int(_np(values.dense_shape)[0])
    uniq, seg = np.unique(keys, axis=0, return_inverse=True)
    seg = seg.reshape(-1).astype(np.int64)
    n = len(uniq)
    if weights is None or binary_output:
        counts = np.bincount(seg, minlength=n).astype(v.dtype if weights is None else
                                                       convert_to_tensor(weights).dtype
                                                       .as_numpy_dtype)
        if binary_output:
            counts = np.ones_like(counts)
        return _sparse(uniq, convert_to_tensor(counts), shape)
    w = weights.values if isinstance(weights, SparseTensor) else array_ops.reshape(
        convert_to_tensor(weights), [-1])
    w = gather(w, np.flatnonzero(ok).astype(np.int64))
    return _sparse(uniq, reduction_ops.unsorted_segment_sum(w, seg, n), shape)


# -- operators: sparse (op) dense, as TF's SparseTensor's __mul__/__truediv__ ----------------------


def _cwise(how):
    def operator(self, other):
        other = convert_to_tensor(other, self.dtype)
        if other.shape.ndims == 0:
            return self.with_values(how(self.values, other))
        dense = array_ops.broadcast_to(other, _static_dense_shape(self))
        return self.with_values(how(self.values, gather_nd(dense, self.indices)))

    return operator


SparseTensor.__mul__ = _cwise(math_ops.multiply)
SparseTensor.__truediv__ = _cwise(math_ops.truediv)
SparseTensor.__div__ = _cwise(math_ops.truediv)


@_api.export("sparse.to_indicator")
def to_indicator(sp_input, vocab_size, name=None):
    """tf.sparse.to_indicator: a bool tensor, True at [..., id] for each id in sp_input's rows
    (TF's sparse_merge of the ids, then a dense tensor without index validation)."""
    sp = _check(sp_input)
    ind, ids = _np(sp.indices), _np(sp.values)
    vocab = int(_np(convert_to_tensor(vocab_size)))
    shape = _static_dense_shape(sp)[:-1] + [vocab]
    new = np.concatenate([ind[:, :-1], ids.reshape(-1, 1).astype(np.int64)], axis=1)
    bad = np.any((new < 0) | (new >= np.asarray(shape, np.int64)), axis=1) if len(new) else []
    if np.any(bad):  # TF's SparseToDense kernel checks the bounds even unvalidated
        raise errors.kernel_error("SparseToDense", "Indices are not valid (out of bounds).  "
                                  "Shape: [%s]" % ",".join(str(d) for d in shape))
    out = np.zeros(shape, bool)
    out[tuple(new.T)] = True
    return wrap(jnp.asarray(out))


@_api.export("sparse.mask")
def mask(a, mask_indices, name=None):
    """tf.sparse.mask: the tf.IndexedSlices `a` without the slices at mask_indices (TF's
    setdiff1d: kept in order, duplicates included)."""
    from .._core.indexed_slices import IndexedSlices

    mask_t = convert_to_tensor(mask_indices)
    keep = np.flatnonzero(~np.isin(_np(a.indices), _np(mask_t)))
    out_indices = wrap(jnp.asarray(_np(a.indices)[keep]))
    return IndexedSlices(gather(a.values, keep.astype(np.int32)), out_indices, a.dense_shape)


@op(tensors=("values",), op_type="SparseSoftmax", dtypes=TypeList.of("half, float, double"),
    sig="sp_indices:int64, sp_values:T, sp_shape:int64 -> output:T")
def _sparse_softmax(values, segment_ids, num_segments, name=None):
    # One body: jax.vjp of it is TF's _SparseSoftmaxGrad.
    ids = jnp.asarray(segment_ids)
    top = jax.ops.segment_max(values, ids, num_segments)
    e = jnp.exp(values - top[ids])
    return e / jax.ops.segment_sum(e, ids, num_segments)[ids]


@_api.export("sparse.softmax")
def softmax(sp_input, name=None):
    """tf.sparse.softmax: a softmax over each innermost row's entries."""
    sp = sp_input
    ind, shape = _np(sp.indices), _np(sp.dense_shape)
    if shape.size < 2:
        raise errors.kernel_error("SparseSoftmax", "Input should have rank >= 2, but received "
                                  "shape: %s" % " ".join(str(d) for d in shape))
    outer = _linear(ind[:, :-1], shape[:-1]) if len(ind) else np.zeros(0, np.int64)
    _, ids = np.unique(outer, return_inverse=True)
    values = _sparse_softmax(sp.values, tuple(ids.tolist()), int(ids.max()) + 1 if ids.size
                             else 0, name=name)
    return SparseTensor(sp.indices, values, sp.dense_shape)


@_api.export("sparse.reset_shape")
def reset_shape(sp_input, new_shape=None):
    """tf.sparse.reset_shape: the same entries under new_shape (by default the tight shape,
    one past the largest index in each dimension)."""
    sp = _check(sp_input)
    ind = _np(sp.indices)
    if new_shape is None:
        shape = (ind.max(axis=0) + 1 if len(ind) else np.zeros(ind.shape[1], np.int64))
        return SparseTensor(sp.indices, sp.values, np.maximum(shape, 0).astype(np.int64))
    shape_t = convert_to_tensor(new_shape)
    if shape_t.shape.rank != 1:
        raise ValueError("Shape %s must have rank 1" % (shape_t.shape,))
    rank = sp.dense_shape.shape[0]
    if shape_t.shape[0] != rank:
        raise ValueError("Dimensions %d and %d are not compatible" % (shape_t.shape[0], rank))
    shape = _np(shape_t).astype(np.int64)
    old = np.array(_static_dense_shape(sp))
    if not np.all(old <= shape):  # TF's message names the two shapes the other way round
        raise ValueError("Requested new_shape should have dimension sizes >= sp_input.shape.  "
                         "Found new_shape (%s), sp_input.shape (%s)." % (old, shape))
    return SparseTensor(sp.indices, sp.values, shape)


_SPLIT_DEF = ("SparseSplit; signature=split_dim:int64, indices:int64, values:T, shape:int64 -> "
              "output_indices:num_split*int64, output_values:num_split*T, output_shape:num_split*"
              "int64; attr=num_split:int,min=1; attr=T:type")


@_api.export("sparse.split")
def split(sp_input=None, num_split=None, axis=None, name=None):
    """tf.sparse.split: num_split SparseTensors along axis (the first size % num_split pieces
    one longer), each a tf.sparse.slice."""
    if axis is None:
        raise ValueError("axis is required")
    sp = _check(sp_input)
    num_split = int(num_split)
    if num_split < 1:
        raise errors.InvalidArgumentError(None, None, (
            "Value for attr 'num_split' of %d must be at least minimum 1\n\t; NodeDef: {{node "
            "SparseSplit}}; Op<name=%s> [Op:SparseSplit] name: ") % (num_split, _SPLIT_DEF))
    shape = _np(sp.dense_shape)
    rank = shape.size
    axis = int(_np(convert_to_tensor(axis)))
    node = "SparseSplit_num_split_%d" % num_split
    if not -rank <= axis < rank:
        raise errors.kernel_error("SparseSplit", "Input axis should be in range [%d, %d), got %d"
                                  % (-rank, rank, axis), node=node)
    axis %= rank
    if not 1 <= num_split <= shape[axis]:
        raise errors.kernel_error(
            "SparseSplit", "Input num_split should be between 1 and the splitting dimension size "
            "(%d), got %d" % (shape[axis], num_split), node=node)
    size, extra = divmod(int(shape[axis]), num_split)
    pieces, start = [], 0
    for i in range(num_split):
        n = size + (1 if i < extra else 0)
        begin, length = np.zeros(rank, np.int64), shape.astype(np.int64).copy()
        begin[axis], length[axis] = start, n
        pieces.append(slice(sp, begin, length))
        start += n
    return pieces


# -- sampled_addmm (TF's math_ops.py) -------------------------------------------------------------

@_api.export("sparse.sampled_addmm")
def sampled_addmm(indices, values, dense_shape, mat1, mat2, beta=1.0, alpha=1.0,
                  output_type=dtypes.float32):
    """tf.sparse.sampled_addmm: (indices, alpha * (mat1 @ mat2) at indices + beta * values,
    dense_shape), TF's composite (the rows and columns gathered, their products summed)."""
    from .linalg_impl import matrix_transpose

    indices = convert_to_tensor(indices)
    values = convert_to_tensor(values, dtype=output_type)
    dense_shape = convert_to_tensor(dense_shape, dtype=dtypes.int32)
    mat1 = convert_to_tensor(mat1, dtype=output_type)
    mat2 = convert_to_tensor(mat2, dtype=output_type)
    output_shape = convert_to_tensor([mat1.shape[-2], mat2.shape[-1]], dtypes.int32)
    if not bool(reduction_ops.reduce_all(math_ops.equal(dense_shape, output_shape))):
        raise ValueError("Dense shape: %s does not match output shape: %s"
                         % (dense_shape.numpy(), output_shape.numpy()))
    batch_dims = mat1.shape.ndims - 2
    row_indices = indices[..., :-1]
    col_indices = array_ops.concat([indices[..., :-2], indices[..., -1:]], axis=-1)
    rows = gather_nd(mat1, row_indices, batch_dims=batch_dims)
    cols = gather_nd(matrix_transpose(mat2), col_indices, batch_dims=batch_dims)
    dot = reduction_ops.reduce_sum(rows * cols, axis=-1)
    return (indices, dot * alpha + values * beta, dense_shape)
