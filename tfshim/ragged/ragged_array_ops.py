"""Array ops on RaggedTensor arguments (TF's ragged/ragged_array_ops.py, ragged_map_ops.py,
ragged_embedding_ops.py and the ragged string dispatch): tile, reverse, map_fn,
nn.embedding_lookup, strings.join and the elementwise tf.strings ops.

Row partitions are concrete (eager): each op computes the gather indices of its result's flat
values with NumPy and gathers through a recorded op, so gradients reach flat_values.
"""

from __future__ import annotations

import numpy as np

from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor
from .._ops import array_ops
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
    if any(isinstance(r, RaggedTensor) for r in results):
        raise NotImplementedError("tfshim: tf.map_fn with ragged rows of ragged results")
    results = [convert_to_tensor(r) for r in results]
    if sig is not None and sig.ragged_rank == 0 and results and results[0].shape.ndims == 0:
        return stack(results)
    lengths = np.asarray([r.shape[0] for r in results], np.int64)
    values = array_ops.concat(results, 0)
    return RaggedTensor.from_row_lengths(values, lengths, validate=False)


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
