"""Ops on RaggedTensor arguments (TF's ragged/ragged_dispatch.py, ragged_math_ops.py's
reductions, ragged_functional_ops.py's map_flat_values).

Converting a RaggedTensor to a tensor raises CompositeArgument; an op registered here catches
it (op.py's dispatch for @op ops, a registry wrapper for the others) and runs its ragged
version: elementwise ops on the flat values of operands sharing one row partition, reductions
as segment reductions over the rows or columns.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.composite_tensor import HANDLERS, CompositeArgument
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._core.tensor import Tensor
from .._ops import array_ops, math_ops, reduction_ops
from .._ops.gather_scatter_ops import gather
from .ragged_tensor import RaggedTensor, _array_rows, _concrete, _eq_text, _traced


def _same_partitions(rts):
    first = rts[0]
    for other in rts[1:]:
        if other.ragged_rank != first.ragged_rank:
            raise ValueError("Ragged elementwise operations require that all inputs have the "
                             "same ragged_rank")
        for a, b in zip(first.nested_row_splits, other.nested_row_splits):
            if a is b or _traced(a) or _traced(b):
                continue
            x, y = _concrete(a), _concrete(b)
            if x.shape != y.shape or not np.array_equal(x, y):
                raise errors.InvalidArgumentError(None, None, _assert_equal_text(x, y))


def _assert_equal_text(x, y, summarize=3) -> str:
    """TF's assert_equal message for two row_splits vectors."""
    n = min(len(x), len(y))
    diff = np.flatnonzero(x[:n] != y[:n])[:summarize] if len(x) == len(y) else np.zeros(0, int)
    text = "Condition x == y did not hold.\n"
    if len(diff):
        text += ("Indices of first %d different values:\n%s\nCorresponding x values:\n%s\n"
                 "Corresponding y values:\n%s\n" % (len(diff), diff[:, None], x[diff], y[diff]))
    return text + "First %d elements of x:\n%s\nFirst %d elements of y:\n%s" % (
        min(summarize, len(x)), x[:summarize], min(summarize, len(y)), y[:summarize])


def _flat_operand(value, rt):
    """A non-ragged operand of an elementwise op with ragged rt, as rt's flat values see it."""
    if isinstance(value, RaggedTensor) or value is None or isinstance(value, (str, bytes)):
        return value
    if not isinstance(value, (Tensor, list, tuple, np.ndarray, np.generic, int, float, bool,
                              complex)):
        return value
    t = value if isinstance(value, Tensor) else convert_to_tensor(value)
    rank = t.shape.ndims
    inner = rt.flat_values.shape.ndims - 1
    if rank <= inner:
        return value  # broadcasts against the flat values' uniform dimensions
    if rt.ragged_rank == 1 and rank <= inner + 2:
        return _broadcast_rows(t, rt, inner)
    if rank <= inner + rt.ragged_rank + 1:
        shape = [1] * (inner + rt.ragged_rank + 1 - rank) + t.shape.as_list()
        if all(d == 1 for d in shape[1:rt.ragged_rank + 1]) and shape[0] in (1, rt.shape[0]):
            # one value per outermost row, broadcast over its ragged dimensions
            rows = array_ops.reshape(t, [shape[0]] + shape[rt.ragged_rank + 1:])
            if shape[0] == 1:
                return rows[0]
            return gather(rows, _outer_rowids(rt))
    raise ValueError("tfshim: a dense operand of shape %s with a RaggedTensor of shape %s"
                     % (t.shape, rt.shape))


def _outer_rowids(rt):
    """The outermost row of each of rt's flat values (NumPy)."""
    ids = None
    for splits in reversed(rt.nested_row_splits):
        s = _concrete(splits)
        level = np.repeat(np.arange(len(s) - 1, dtype=np.int64), np.diff(s))
        ids = level if ids is None else level[ids]
    return ids


def _broadcast_rows(t, rt, inner):
    """A dense operand of rank > inner (padded to [rows, columns, *inner]) as rt's flat values
    see it: one value per row (columns 1), or rows of uniform length that must be rt's rows
    (TF's check of the row splits, the dense operand's first)."""
    shape = [1] * (inner + 2 - t.shape.ndims) + t.shape.as_list()
    nrows, cols = rt.shape[0], shape[1]
    if shape[0] not in (1, nrows):
        raise ValueError("tfshim: a dense operand of shape %s with a RaggedTensor of shape %s"
                         % (t.shape, rt.shape))
    if cols == 1:
        rows = array_ops.reshape(t, [shape[0]] + shape[2:])
        return rows[0] if shape[0] == 1 else gather(rows, rt.value_rowids())
    splits = _concrete(rt.row_splits)
    dense_splits = np.arange(nrows + 1, dtype=splits.dtype) * cols
    if not np.array_equal(dense_splits, splits):
        raise errors.InvalidArgumentError(None, None, _assert_equal_text(dense_splits, splits))
    if shape[0] == 1 and nrows != 1:  # TF's dense rows are not broadcast first
        raise errors.InvalidArgumentError(
            None, None, "Last row partition does not match flat_values.\n"
            + _eq_text([cols], [nrows * cols]))
    t = array_ops.broadcast_to(array_ops.reshape(t, shape), [nrows] + shape[1:])
    return array_ops.reshape(t, [-1] + shape[2:])


def elementwise(fn, args, kwargs):
    """An elementwise op with RaggedTensor operands: the op on their flat values."""
    rts = [a for a in list(args) + list(kwargs.values()) if isinstance(a, RaggedTensor)]
    if not rts:
        return fn(*args, **kwargs)
    _same_partitions(rts)
    first = rts[0]

    def flat(v):
        if isinstance(v, RaggedTensor):
            return v.flat_values
        return _flat_operand(v, first)

    out = fn(*[flat(a) for a in args], **{k: flat(v) for k, v in kwargs.items()})
    return first.with_flat_values(out)


@_api.export("ragged.map_flat_values")
def map_flat_values(op, *args, **kwargs):
    """tf.ragged.map_flat_values."""
    rts = [a for a in list(args) + list(kwargs.values()) if isinstance(a, RaggedTensor)]
    if not rts:
        return op(*args, **kwargs)
    _same_partitions(rts)
    first = rts[0]
    unwrap = lambda v: v.flat_values if isinstance(v, RaggedTensor) else v  # noqa: E731
    out = op(*[unwrap(a) for a in args], **{k: unwrap(v) for k, v in kwargs.items()})
    return first.with_flat_values(out)


# -- reductions ---------------------------------------------------------------------------------

def _segment(kind, values, ids, n):
    if kind in ("any", "all"):
        as_int = math_ops.cast(values, dtypes.int32)
        red = _segment("max" if kind == "any" else "min", as_int, ids, n)
        return math_ops.greater(red, 0)
    if kind == "mean":
        values = _mean_input(values)
        total = _segment("sum", values, ids, n)
        count = _segment("sum", array_ops.ones_like(values), ids, n)
        return math_ops.truediv(total, count)
    return _segment_op(values, ids, n, kind)


@op(tensors=("data",), others=("segment_ids",), op_type="UnsortedSegmentReduction")
def _segment_op(data, segment_ids, num_segments, kind, name=None):
    # The unsorted segment reductions' body, with the ids as an input (traced inside
    # tf.function: row partitions are data there), as TF's ragged reductions use them.
    return reduction_ops._segment(kind, data, segment_ids, num_segments, True)


def _mean_input(values):
    # TF's ragged reduce_mean divides in floating point: integers become float64.
    return math_ops.cast(values, dtypes.float64) if values.dtype.is_integer else values


def _reduce_ragged(kind, dense_fn, rt, axis):
    """Reduce one axis of a RaggedTensor (axis already non-negative)."""
    rank = rt.ragged_rank
    if axis > rank:  # a uniform dimension of the flat values
        return rt.with_flat_values(dense_fn(rt.flat_values, axis=axis - rank))
    if rank == 1 and axis == 1:
        return _segment(kind, rt.values, rt.value_rowids(), _array_rows(rt))
    if axis == rank:  # the innermost ragged dimension: a ragged result, one rank less
        inner = rt
        outer = []
        while isinstance(inner.values, RaggedTensor):
            outer.append(inner.row_splits)
            inner = inner.values
        reduced = _segment(kind, inner.values, inner.value_rowids(), _array_rows(inner))
        for splits in reversed(outer):
            reduced = RaggedTensor._from_splits(reduced, splits)
        return reduced
    if rank == 1 and axis == 0:
        splits = _concrete(rt.row_splits)
        lengths = np.diff(splits)
        rows = np.repeat(np.arange(len(lengths)), lengths)
        cols = (np.arange(splits[-1]) - splits[rows]).astype(np.int64)
        n = int(lengths.max()) if len(lengths) else 0
        return _segment(kind, rt.values, cols, n)
    return _reduce_outer(kind, rt, axis)


def _align(nodes, depth):
    """Subtrees of `depth` list levels (ints at depth 0) aligned by position: a tree whose
    leaves are the groups of index-tree leaves that share a position."""
    if depth == 0:
        return list(nodes)
    n = max((len(x) for x in nodes), default=0)
    return [_align([x[j] for x in nodes if len(x) > j], depth - 1) for j in range(n)]


def _reduce_tree(tree, axis, depth):
    if axis == 0:
        return _align(list(tree), depth - 1)
    return [_reduce_tree(row, axis - 1, depth - 1) for row in tree]


def _reduce_outer(kind, rt, axis):
    """Reduce an outer ragged axis (< ragged_rank): the values that line up across that
    axis's rows, as TF's ragged reductions (segment reductions over the flat values)."""
    from .ragged_util import to_tree

    rank = rt.ragged_rank
    level = _reduce_tree(to_tree(rt), axis, rank + 1)
    lengths = []
    for _ in range(rank - 1):
        lengths.append(np.asarray([len(x) for x in level], np.int64))
        level = [y for x in level for y in x]
    ids = np.repeat(np.arange(len(level), dtype=np.int64), [len(g) for g in level])
    index = (np.concatenate([np.asarray(g, np.int64) for g in level]) if level
             else np.zeros(0, np.int64))
    reduced = _segment(kind, gather(rt.flat_values, index), ids, len(level))
    return RaggedTensor.from_nested_row_lengths(reduced, lengths, validate=False)


def _reduction(kind, fn, args, kwargs):
    params = ("input_tensor", "axis", "keepdims", "name")
    bound = dict(zip(params, args))
    bound.update(kwargs)
    rt = bound.get("input_tensor")
    axis, keepdims = bound.get("axis"), bound.get("keepdims")
    if not isinstance(rt, RaggedTensor):
        return fn(*args, **kwargs)
    dense_fn = functools.partial(fn, keepdims=bool(keepdims))
    if axis is None:
        flat = rt.flat_values
        if kind == "mean":
            flat = _mean_input(flat)
        return fn(flat)
    rank = rt.shape.ndims
    axes = axis.numpy().tolist() if isinstance(axis, Tensor) else axis
    axes = sorted({a % rank for a in (axes if isinstance(axes, (list, tuple)) else [axes])},
                  reverse=True)
    out = rt
    for a in axes:
        if isinstance(out, RaggedTensor):
            out = _reduce_ragged(kind, dense_fn, out, a)
        else:
            out = fn(out, axis=a, keepdims=bool(keepdims))
    return out


# -- registration -------------------------------------------------------------------------------

ELEMENTWISE = (
    "math.abs", "math.acos", "math.acosh", "math.add", "math.asin", "math.asinh", "math.atan",
    "math.atan2", "math.atanh", "math.ceil", "math.cos", "math.cosh", "math.divide",
    "math.divide_no_nan", "math.equal", "math.erf", "math.exp", "math.expm1", "math.floor",
    "math.floordiv", "math.floormod", "math.greater", "math.greater_equal", "math.is_finite",
    "math.is_inf", "math.is_nan", "math.less", "math.less_equal", "math.log", "math.log1p",
    "math.log_sigmoid", "math.logical_and", "math.logical_not", "math.logical_or",
    "math.logical_xor", "math.maximum", "math.minimum", "math.multiply", "math.negative",
    "math.not_equal", "math.pow", "math.reciprocal", "math.round", "math.rsqrt",
    "math.sigmoid", "math.sign", "math.sin", "math.sinh", "math.softplus", "math.sqrt",
    "math.square", "math.squared_difference", "math.subtract", "math.tan", "math.tanh",
    "math.truediv", "cast", "nn.relu", "nn.relu6", "nn.elu", "nn.selu", "nn.gelu",
    "nn.silu", "nn.leaky_relu", "nn.softsign", "identity", "ones_like", "zeros_like",
    "clip_by_value", "dtypes.saturate_cast",
)
REDUCTIONS = {"math.reduce_sum": "sum", "math.reduce_max": "max", "math.reduce_min": "min",
              "math.reduce_prod": "prod", "math.reduce_mean": "mean",
              "math.reduce_any": "any", "math.reduce_all": "all"}


def _register(name, handler):
    fn = _api.REGISTRY.get(name)
    if fn is None:
        return
    spec = getattr(fn, "_spec", None)
    if spec is not None:
        HANDLERS[spec.body] = handler
        return

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CompositeArgument:
            return handler(fn, args, kwargs)

    wrapper._tf_api_names = getattr(fn, "_tf_api_names", (name,))
    for alias, obj in list(_api.REGISTRY.items()):
        if obj is fn:
            _api.REGISTRY[alias] = wrapper


for _name in ELEMENTWISE:
    _register(_name, elementwise)
for _name, _kind in REDUCTIONS.items():
    _register(_name, functools.partial(lambda kind, fn, a, k: _reduction(kind, fn, a, k),
                                       _kind))


# -- operators ----------------------------------------------------------------------------------


def _operator(fn, reverse=False):
    def method(self, other):
        return elementwise(fn, (other, self) if reverse else (self, other), {})

    return method


def _unary_operator(fn):
    return lambda self: elementwise(fn, (self,), {})


for _dunder, _fn in (("add", math_ops.add), ("sub", math_ops.subtract),
                     ("mul", math_ops.multiply), ("truediv", math_ops.truediv),
                     ("floordiv", math_ops.floordiv), ("mod", math_ops.floormod),
                     ("pow", math_ops.pow)):
    setattr(RaggedTensor, "__%s__" % _dunder, _operator(_fn))
    setattr(RaggedTensor, "__r%s__" % _dunder, _operator(_fn, reverse=True))
for _dunder, _fn in (("gt", math_ops.greater), ("ge", math_ops.greater_equal),
                     ("lt", math_ops.less), ("le", math_ops.less_equal)):
    setattr(RaggedTensor, "__%s__" % _dunder, _operator(_fn))
RaggedTensor.__neg__ = _unary_operator(math_ops.negative)
RaggedTensor.__abs__ = _unary_operator(math_ops.abs)


def _equality(fn, incompatible):
    """TF's tensor_equals/tensor_not_equals on RaggedTensors: elementwise, or a Python bool
    when the operands' shapes don't match."""
    def method(self, other):
        if other is None:
            return incompatible
        try:
            return elementwise(fn, (self, other), {})
        except (ValueError, TypeError, errors.InvalidArgumentError):
            return incompatible

    return method


RaggedTensor.__eq__ = _equality(math_ops.equal, False)
RaggedTensor.__ne__ = _equality(math_ops.not_equal, True)

