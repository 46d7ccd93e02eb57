"""Array ops on RaggedTensor arguments (TF's ragged/ragged_array_ops.py, ragged_map_ops.py,
ragged_embedding_ops.py and the ragged string dispatch): tile, reverse, map_fn,
nn.embedding_lookup, strings.join and the elementwise tf.strings ops.

Row partitions are concrete (eager): each op computes the gather indices of its result's flat
values with NumPy and gathers through a recorded op, so gradients reach flat_values.
"""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes as _dtypes
from .._core import errors as _errors
from .._core.convert import convert_to_tensor
from .._core.sparse_tensor import SparseTensor
from .._core.tensor import Tensor
from .._ops import array_ops, math_ops
from .ragged_dispatch import _register, _same_partitions, elementwise
from .ragged_getitem import gather_rows
from .ragged_tensor import RaggedTensor, RaggedTensorSpec, _concrete


def _bind(params, args, kwargs):
    bound = dict(zip(params, args))
    bound.update(kwargs)
    return bound


def _ints(x):
    if isinstance(x, Tensor):
        return [int(v) for v in x.numpy().ravel()]
    return [int(v) for v in np.asarray(x).ravel()]


def _rows(splits):
    return [np.arange(splits[i], splits[i + 1]) for i in range(len(splits) - 1)]


def _regather(rt, rows):
    """A RaggedTensor whose rows are rt's values at each index array of rows."""
    order = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, np.int64)
    lengths = np.asarray([len(r) for r in rows], np.int64)
    return RaggedTensor.from_row_lengths(gather_rows(rt.values, order), lengths,
                                         validate=False)


def _tile(fn, args, kwargs):
    """tf.tile of a RaggedTensor: rows repeated multiples[0] times, each row's items
    multiples[1] times, and so on inwards (ragged or uniform dimensions alike)."""
    bound = _bind(("input", "multiples", "name"), args, kwargs)
    rt, multiples = bound["input"], _ints(bound["multiples"])
    if len(multiples) != rt.shape.ndims:
        raise ValueError("Shape must be rank %d but is rank %d" % (rt.shape.ndims,
                                                                   len(multiples)))
    return _tile_ragged(rt, multiples)


def _tile_ragged(rt, multiples):
    values = rt.values
    if any(m != 1 for m in multiples[2:]):  # inner dimensions: tile each row's items
        inner = [1] + multiples[2:]
        values = (_tile_ragged(values, inner) if isinstance(values, RaggedTensor)
                  else array_ops.tile(values, inner))
    rows = [np.tile(r, multiples[1]) for r in _rows(_concrete(rt.row_splits))] * multiples[0]
    return _regather(rt.with_values(values), rows)


def _reverse(fn, args, kwargs):
    """tf.reverse of a RaggedTensor: axis 0 reverses the rows, axis 1 each row's items, and
    so on inwards (ragged or uniform dimensions alike)."""
    bound = _bind(("tensor", "axis", "name"), args, kwargs)
    rt = bound["tensor"]
    return _reverse_ragged(rt, {a % rt.shape.ndims for a in _ints(bound["axis"])})


def _reverse_ragged(rt, axes):
    values = rt.values
    inner = sorted(a - 1 for a in axes if a > 1)
    if inner:  # inner dimensions: reverse within each row of the values
        values = (_reverse_ragged(values, set(inner)) if isinstance(values, RaggedTensor)
                  else array_ops.reverse(values, inner))
    rows = _rows(_concrete(rt.row_splits))
    if 0 in axes:
        rows = rows[::-1]
    if 1 in axes:
        rows = [r[::-1] for r in rows]
    return _regather(rt.with_values(values), rows)


def _map_fn(fn, args, kwargs):
    """tf.map_fn over a RaggedTensor's rows: fn's results stacked, ragged unless
    fn_output_signature asks for a tensor (TF's default signature is elems' own)."""
    from .._ops.array_ops_stack import stack

    params = ("fn", "elems", "dtype", "parallel_iterations", "back_prop", "swap_memory",
              "infer_shape", "name", "fn_output_signature")
    bound = _bind(params, args, kwargs)
    f, rt = bound["fn"], bound["elems"]
    sig = bound.get("fn_output_signature") or bound.get("dtype")
    if not isinstance(rt, RaggedTensor):
        return fn(*args, **kwargs)
    n = int(_concrete(rt.row_splits).shape[0]) - 1
    results = [f(rt[i]) for i in range(n)]
    if sig is not None and not isinstance(sig, RaggedTensorSpec):
        return stack(results)
    if isinstance(sig, RaggedTensorSpec) or (
            sig is None and any(isinstance(r, RaggedTensor) for r in results)):
        return stack_rows(results, sig if sig is not None else RaggedTensorSpec(
            rt.shape[1:], rt.dtype, rt.ragged_rank - 1, rt.row_splits.dtype))
    if any(isinstance(r, RaggedTensor) for r in results):
        raise ValueError("TypeError: object of type 'RaggedTensor' has no len()\n")
    results = [convert_to_tensor(r) for r in results]
    if sig is not None and sig.ragged_rank == 0 and results and results[0].shape.ndims == 0:
        return stack(results)
    lengths = np.asarray([r.shape[0] for r in results], np.int64)
    values = array_ops.concat(results, 0)
    return RaggedTensor.from_row_lengths(values, lengths, validate=False)


def stack_rows(results, spec):
    """map_fn's rows under a RaggedTensorSpec signature: a RaggedTensor of them, each row
    checked against the signature's ragged_rank (TF's error otherwise)."""
    from .ragged_concat_ops import stack as ragged_stack

    for r in results:
        rank = r.ragged_rank if isinstance(r, RaggedTensor) else 0
        if rank != spec.ragged_rank:
            got = (RaggedTensorSpec.from_value(r) if isinstance(r, RaggedTensor)
                   else RaggedTensorSpec(convert_to_tensor(r).shape, convert_to_tensor(r).dtype,
                                         0, spec.row_splits_dtype))
            raise ValueError(
                "Error in map_fn:\n  Expected `fn` to return a:\n    %r\n  But it returned a:\n"
                "    %r\n    (value=%r)\n  To fix, update the `fn_output_signature` (or `dtype`) "
                "argument to `map_fn`." % (spec, got, r))
    return ragged_stack(results)


def _embedding_lookup(fn, args, kwargs):
    """tf.nn.embedding_lookup with ragged ids: the lookup of the flat ids, in ids' rows."""
    bound = _bind(("params", "ids", "max_norm", "name"), args, kwargs)
    ids = bound["ids"]
    if not isinstance(ids, RaggedTensor):
        return fn(*args, **kwargs)
    return ids.with_flat_values(fn(bound["params"], ids.flat_values,
                                   max_norm=bound.get("max_norm")))


def _string_join(fn, args, kwargs):
    """tf.strings.join of RaggedTensors sharing one row partition: join of the flat values."""
    bound = _bind(("inputs", "separator", "name"), args, kwargs)
    inputs = list(bound["inputs"])
    rts = [x for x in inputs if isinstance(x, RaggedTensor)]
    _same_partitions(rts)
    flat = [x.flat_values if isinstance(x, RaggedTensor) else x for x in inputs]
    return rts[0].with_flat_values(fn(flat, separator=bound.get("separator", "")))


STRING_ELEMENTWISE = (
    "strings.substr", "strings.to_hash_bucket_fast", "strings.to_hash_bucket_strong",
    "strings.to_hash_bucket", "strings.length", "strings.lower", "strings.upper",
    "strings.strip", "strings.regex_replace", "strings.regex_full_match", "strings.to_number",
    "strings.as_string",
)

_register("tile", _tile)
_register("reverse", _reverse)
_register("map_fn", _map_fn)
_register("nn.embedding_lookup", _embedding_lookup)
_register("strings.join", _string_join)
for _name in STRING_ELEMENTWISE:
    _register(_name, elementwise)


# -- shape ops: expand_dims, squeeze, size, rank; one_hot, where, gather, add_n ---------------


def _expand(rt, axis):
    """rt with a dimension of size 1 at axis (<= ragged_rank + 1): TF's uniform row partition."""
    if axis == 0:
        return RaggedTensor.from_uniform_row_length(rt, _nrows(rt), nrows=1, validate=False)
    if axis == 1:
        return RaggedTensor.from_uniform_row_length(rt, 1, validate=False)
    values = rt.values
    if isinstance(values, RaggedTensor):
        return rt.with_values(_expand(values, axis - 1))
    return rt.with_values(array_ops.expand_dims(values, axis - 1))


def _nrows(rt):
    return int(_concrete(rt.row_splits).shape[0]) - 1


def _expand_dims(fn, args, kwargs):
    bound = _bind(("input", "axis", "name"), args, kwargs)
    rt, axis = bound["input"], int(_ints(bound["axis"])[0])
    ndims = rt.shape.ndims
    if not -(ndims + 1) <= axis <= ndims:
        raise ValueError("axis=%d out of bounds: expected %d<=axis<%d"
                         % (axis, -(ndims + 1), ndims + 1))
    return _expand(rt, axis % (ndims + 1))


def _squeeze_one(rt, axis):
    if not isinstance(rt, RaggedTensor):
        return array_ops.squeeze(rt, [axis])
    if axis == 0 or axis == 1:
        lengths = ([_nrows(rt)] if axis == 0
                   else np.diff(_concrete(rt.row_splits)).tolist())
        if any(n != 1 for n in lengths):
            raise _errors.InvalidArgumentError(
                None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                "Summarized data: b'the given axis (axis = %d) is not squeezable!'" % axis)
        # axis 0: the one row; axis 1: each row's one item, one row each
        return rt.values
    return rt.with_values(_squeeze_one(rt.values, axis - 1))


def _squeeze(fn, args, kwargs):
    bound = _bind(("input", "axis", "name", "squeeze_dims"), args, kwargs)
    rt, axis = bound["input"], bound.get("axis")
    if axis is None:
        axis = bound.get("squeeze_dims")
    if axis is None:
        raise ValueError("Ragged.squeeze must have an axis argument.")
    ndims = rt.shape.ndims
    axes = sorted({a % ndims for a in _ints(axis)}, reverse=True)
    out = rt
    for a in axes:
        out = _squeeze_one(out, a)
    return out


def _size(fn, args, kwargs):
    bound = _bind(("input", "out_type", "name"), args, kwargs)
    rt = bound["input"]
    return fn(rt.flat_values, out_type=bound.get("out_type"))


def _rank(fn, args, kwargs):
    bound = _bind(("input", "name"), args, kwargs)
    return convert_to_tensor(np.int32(bound["input"].shape.ndims))


def _one_hot(fn, args, kwargs):
    params = ("indices", "depth", "on_value", "off_value", "axis", "dtype", "name")
    bound = _bind(params, args, kwargs)
    rt = bound.pop("indices")
    axis = bound.pop("axis", None)
    if axis is not None and axis != -1 and axis % (rt.shape.ndims + 1) != rt.shape.ndims:
        raise ValueError("axis (%d) must be -1 or %d" % (axis, rt.shape.ndims))
    return rt.with_flat_values(fn(rt.flat_values, axis=-1, **bound))


def _where(fn, args, kwargs):
    bound = _bind(("condition", "x", "y", "name"), args, kwargs)
    cond, x, y = bound["condition"], bound.get("x"), bound.get("y")
    if x is not None or y is not None:
        return elementwise(fn, (cond, x, y), {})
    if not isinstance(cond, RaggedTensor):
        return fn(cond)
    from .ragged_util import to_tree

    flat = _concrete(convert_to_tensor(cond.flat_values))
    coords = []

    def walk(node, path):
        for i, child in enumerate(node):
            if isinstance(child, (list, np.ndarray)) and not np.isscalar(child):
                walk(child, path + [i])
            else:
                for inner in np.argwhere(flat[int(child)]):
                    coords.append(path + [i] + inner.tolist())

    walk(to_tree(cond), [])
    return convert_to_tensor(np.asarray(coords, np.int64).reshape(-1, cond.shape.ndims))


def _gather(fn, args, kwargs):
    params = ("params", "indices", "validate_indices", "axis", "batch_dims", "name")
    bound = _bind(params, args, kwargs)
    p, ix = bound["params"], bound["indices"]
    if bound.get("axis") not in (None, 0) or bound.get("batch_dims", 0) != 0:
        raise NotImplementedError("tfshim: tf.gather of RaggedTensors with axis or batch_dims")
    if not isinstance(p, RaggedTensor):  # ragged indices: gather their flat values
        return ix.with_flat_values(fn(p, ix.flat_values))
    from .ragged_util import from_tree, to_tree

    tree = to_tree(p)
    nrows = len(tree)
    flat_ix = ix.flat_values if isinstance(ix, RaggedTensor) else ix
    idx = np.asarray(_concrete(convert_to_tensor(flat_ix)))
    bad = idx[(idx < 0) | (idx >= nrows)]
    if bad.size:
        raise _errors.InvalidArgumentError(
            None, None, "indices[%d] = %d is not in [0, %d)"
            % (int(np.flatnonzero((idx.ravel() < 0) | (idx.ravel() >= nrows))[0]),
               int(bad.ravel()[0]), nrows))

    def pick(i):
        if np.ndim(i) == 0:
            return tree[int(i)]
        return [pick(j) for j in i]

    out = from_tree(pick(idx), p.ragged_rank + idx.ndim - 1, p.flat_values,
                    p.row_splits.dtype)
    if isinstance(ix, RaggedTensor):
        out = RaggedTensor.from_nested_row_splits(out, ix.nested_row_splits, validate=False)
    return out


def _add_n(fn, args, kwargs):
    bound = _bind(("inputs", "name"), args, kwargs)
    inputs = list(bound["inputs"])
    rts = [x for x in inputs if isinstance(x, RaggedTensor)]
    _same_partitions(rts)
    return rts[0].with_flat_values(fn([x.flat_values if isinstance(x, RaggedTensor) else x
                                       for x in inputs]))


_register("expand_dims", _expand_dims)
_register("squeeze", _squeeze)
_register("size", _size)
_register("rank", _rank)
_register("one_hot", _one_hot)
_register("where", _where)
_register("gather", _gather)
_register("math.add_n", _add_n)


# -- cross, stack_dynamic_partitions ----------------------------------------------------------

def _ragged_cross(inputs, op_type, **kw):
    from .._ops import sparse_cross_op  # the crossing tf.sparse.cross shares

    kinds = [SparseTensor if isinstance(x, SparseTensor) else RaggedTensor
             if isinstance(x, RaggedTensor) else Tensor for x in inputs]
    n_sparse, n_ragged = kinds.count(SparseTensor), kinds.count(RaggedTensor)
    # The kernel's node name carries its list attributes' lengths, as TF's.
    node = ("%s_Nsparse_%d_dense_types_%d_ragged_splits_types_%d_ragged_values_types_%d_"
            "sparse_values_types_%d" % (op_type, n_sparse, kinds.count(Tensor), n_ragged,
                                        n_ragged, n_sparse))
    rows = sparse_cross_op.cross_rows(sparse_cross_op.feature_rows(inputs, RaggedTensor),
                                      op_type, node=node, **kw)
    hashed = kw.get("hashed", False)
    values = [v for row in rows for v in row]
    values = (np.asarray(values, np.int64).reshape(-1) if hashed or not values
              else np.asarray(values, object).reshape(-1))
    if not hashed and values.dtype != object:
        values = values.astype(object)
    return RaggedTensor.from_row_lengths(
        convert_to_tensor(values, _dtypes.int64 if hashed else _dtypes.string),
        np.asarray([len(r) for r in rows], np.int64), validate=False)


@_api.export("ragged.cross")
def cross(inputs, name=None):
    """tf.ragged.cross."""
    return _ragged_cross(inputs, "RaggedCross")


@_api.export("ragged.cross_hashed")
def cross_hashed(inputs, num_buckets=0, hash_key=None, name=None):
    """tf.ragged.cross_hashed."""
    return _ragged_cross(inputs, "RaggedCross", hashed=True, num_buckets=num_buckets,
                         hash_key=hash_key)


@_api.export("ragged.stack_dynamic_partitions")
def stack_dynamic_partitions(data, partitions, num_partitions, name=None):
    """tf.ragged.stack_dynamic_partitions: row i holds data's items whose partition is i, in
    order (a stable sort of the partitions, as TF); the row splits take the partitions'
    dtype (a ragged data's row splits dtype), as TF's from_value_rowids."""
    from .._ops import check_ops, sort_ops
    from .._ops.gather_scatter_ops import gather

    if not isinstance(data, RaggedTensor):
        data = convert_to_tensor(data)
    splits_dtype = data.row_splits.dtype if isinstance(data, RaggedTensor) else None
    if not isinstance(partitions, RaggedTensor):
        partitions = convert_to_tensor(partitions, preferred_dtype=splits_dtype)
    if splits_dtype is not None:
        partitions = math_ops.cast(partitions, splits_dtype)
    num = math_ops.cast(convert_to_tensor(num_partitions, preferred_dtype=partitions.dtype),
                        partitions.dtype)
    rank = partitions.shape.ndims
    if rank == 0:
        rows = _expand(data, 0) if isinstance(data, RaggedTensor) else array_ops.expand_dims(
            data, 0)
        return RaggedTensor.from_row_splits(
            rows, _splits(_concrete(partitions).reshape(1), int(_concrete(num)),
                          partitions.dtype), validate=False)
    if rank == 1:
        order = sort_ops.argsort(partitions, stable=True)
        rowids = gather(partitions, order)
        check_ops.assert_less(rowids[-1:], num,
                              message="partitions must be less than num_partitions")
        check_ops.assert_non_negative(partitions, message="partitions must be non-negative.")
        rows = (_gather(gather, (data, order), {}) if isinstance(data, RaggedTensor)
                else gather(data, order))
        return RaggedTensor.from_row_splits(
            rows, _splits(_concrete(rowids), int(_concrete(num)), partitions.dtype),
            validate=False)
    # Higher-rank partitions: one level of rows less on both sides, as TF recurses.
    if not isinstance(data, RaggedTensor):
        data = RaggedTensor.from_tensor(data, row_splits_dtype=partitions.dtype)
    if not isinstance(partitions, RaggedTensor):
        partitions = RaggedTensor.from_tensor(partitions, row_splits_dtype=partitions.dtype)
    check_ops.assert_equal(data.row_splits, partitions.row_splits,
                           message="data and partitions have incompatible ragged shapes")
    return stack_dynamic_partitions(data.values, partitions.values, num_partitions)


def _splits(rowids, nrows, dtype):
    """Row splits of sorted value row ids (TF's from_value_rowids)."""
    counts = np.bincount(rowids.astype(np.int64), minlength=nrows)[:nrows]
    return convert_to_tensor(np.concatenate([[0], np.cumsum(counts)]), dtype)
