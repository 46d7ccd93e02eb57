"""tf.dynamic_partition and tf.dynamic_stitch (TF's data_flow_ops: the DynamicPartition and
DynamicStitch kernels, and their gradients from TF's data_flow_grad.py).

Both outputs' shapes depend on index values, so the indices are read as NumPy: inside
tf.function the function runs eagerly, op by op (as tf.unique and tf.boolean_mask do).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op, raw_inputs
from .._core.tensor import Tensor
from .array_ops import reshape, zeros
from .gather_scatter_ops import gather
from .op_util import dims, make_int, mismatch

_PARTITION_DEF = ("data:T, partitions:int32 -> outputs:num_partitions*T; "
                  "attr=num_partitions:int,min=1; attr=T:type")


def _partition_grad(bound, entry, cts):
    """TF's _DynamicPartitionGrads: the cotangents stitched back at the rows' positions."""
    data, partitions = entry.inputs
    if data.dtype not in D.TRAINABLE:
        return [None, None]
    p = np.asarray(partitions._value).reshape(-1)
    rest = data.shape.as_list()[partitions.ndim:]
    indices, grads = [], []
    for i, ct in enumerate(cts):
        rows = np.flatnonzero(p == i).astype(np.int32)
        indices.append(rows)
        grads.append(zeros([rows.size] + rest, data.dtype) if ct is None else ct)
    return [reshape(dynamic_stitch(indices, grads), data.shape.as_list()), None]


@op(tensors=("data",), others=("partitions",), op_type="DynamicPartition",
    backward=_partition_grad)
def _dynamic_partition(data, partitions, num_partitions, name=None):
    p = np.asarray(partitions)
    if data.shape[:p.ndim] != p.shape:
        raise errors.kernel_error(
            "DynamicPartition", "data.shape must start with partitions.shape, got data.shape = "
            "%s, partitions.shape = %s" % (dims(data.shape), dims(p.shape)), None,
            node="DynamicPartition_num_partitions_%d" % num_partitions)
    bad = np.flatnonzero((p < 0) | (p >= num_partitions))
    if bad.size:
        k = np.unravel_index(bad[0], p.shape)
        raise errors.kernel_error(
            "DynamicPartition", "partitions%s = %d is not in [0, %d)" % (
                "[%s]" % ",".join(str(int(j)) for j in k) if k else "", p[k], num_partitions),
            None, node="DynamicPartition_num_partitions_%d" % num_partitions)
    flat = data.reshape((-1,) + data.shape[p.ndim:])
    p = p.reshape(-1)
    take = np.take if data.dtype == object else jnp.take
    return tuple(take(flat, np.flatnonzero(p == i), axis=0) for i in range(num_partitions))


@_api.export("dynamic_partition")
def dynamic_partition(data, partitions, num_partitions, name=None):
    """tf.dynamic_partition."""
    num_partitions = make_int(num_partitions, "num_partitions")
    if num_partitions < 1:
        raise errors.InvalidArgumentError(None, None, (
            "Value for attr 'num_partitions' of %d must be at least minimum 1\n\t; NodeDef: "
            "{{node DynamicPartition}}; Op<name=DynamicPartition; signature=%s> "
            "[Op:DynamicPartition] name: %s") % (num_partitions, _PARTITION_DEF, name or ""))
    # a Python list takes TF's slow path: no name tail
    with raw_inputs("DynamicPartition", data, partitions):
        partitions = convert_to_tensor(partitions, D.int32)
        return list(_dynamic_partition(data, partitions, int(num_partitions), name=name))


def _stitch_grad(bound, entry, cts):
    """TF's _DynamicStitchGrads: each data input gets the cotangent gathered at its indices
    (also where a later input overwrote it, as TF); the indices get none."""
    n = len(entry.inputs) // 2
    indices, data = entry.inputs[:n], entry.inputs[n:]
    if cts[0] is None or data[0].dtype not in D.TRAINABLE:
        return [None] * (2 * n)
    return [None] * n + [gather(cts[0], i) for i in indices]


@op(lists=("indices", "data"), op_type="DynamicStitch", backward=_stitch_grad)
def _dynamic_stitch(indices, data, name=None):
    n = len(indices)
    node = "DynamicStitch_N_%d" % n

    def fail(message):
        return errors.kernel_error("DynamicStitch", message, None, node=node)

    idx = [np.asarray(i) for i in indices]
    for m, (i, d) in enumerate(zip(idx, data)):
        if tuple(d.shape[:i.ndim]) != i.shape:
            raise fail("data[%d].shape = %s does not start with indices[%d].shape = %s"
                       % (m, dims(d.shape), m, dims(i.shape)))
        if m and d.shape[i.ndim:] != data[0].shape[idx[0].ndim:]:
            raise fail("Need data[0].shape[%d:] = data[%d].shape[%d:], got data[0].shape = %s, "
                       "data[%d].shape = %s, indices[0].shape = %s, indices[%d].shape = %s"
                       % (idx[0].ndim, m, i.ndim, dims(data[0].shape), m, dims(d.shape),
                          dims(idx[0].shape), m, dims(i.shape)))
    flat = np.concatenate([i.reshape(-1) for i in idx]) if idx else np.zeros(0, np.int64)
    size = int(flat.max()) + 1 if flat.size else 0
    for i in idx:  # TF names the position inside the first tensor holding a negative index
        bad = np.flatnonzero(i.reshape(-1) < 0)
        if bad.size:
            raise fail("indices[%d] is out of range" % bad[0])
    # Where an index repeats, the last input (then the last row) wins, as TF's CPU kernel.
    last = np.full(size, -1, np.int64)
    np.maximum.at(last, flat, np.arange(flat.size))
    rest = data[0].shape[idx[0].ndim:]
    if data[0].dtype == object:
        rows = np.concatenate([np.asarray(d, object).reshape((-1,) + rest) for d in data])
        out = np.full((size,) + rest, b"", object)
        out[last >= 0] = rows[last[last >= 0]]
        return out
    rows = jnp.concatenate([d.reshape((-1,) + rest) for d in data])
    gathered = jnp.take(rows, np.maximum(last, 0), axis=0)
    hole = (last < 0).reshape((-1,) + (1,) * len(rest))
    return jnp.where(hole, jnp.zeros((), rows.dtype), gathered)


@_api.export("dynamic_stitch")
def dynamic_stitch(indices, data, name=None):
    """tf.dynamic_stitch."""
    if not isinstance(indices, (list, tuple)):
        raise TypeError("Expected list for 'indices' argument to 'dynamic_stitch' Op, not %r."
                        % (indices,))
    given_inputs = (*indices, *data)
    indices = [convert_to_tensor(i, D.int32) for i in indices]
    data = list(data)
    given = [d.dtype for d in data if isinstance(d, Tensor)]
    for m, d in enumerate(data):  # TF's eager fast path names the first input of another dtype
        if isinstance(d, Tensor) and d.dtype != given[0]:
            raise mismatch("DynamicStitch", len(indices) + m, given[0], d.dtype, None)
    with raw_inputs("DynamicStitch", *given_inputs):
        return _dynamic_stitch(indices, data, name=name)
