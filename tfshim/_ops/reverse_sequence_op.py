"""tf.reverse_sequence (TF's reverse_sequence_op.cc): reverses the first seq_lengths[b]
elements of each batch entry b along seq_axis."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op
from . import op_defs


def _check(input, seq_lengths, seq_axis, batch_axis, name):  # noqa: A002
    """The ReverseSequence kernel's checks, in its order and words (the lengths' values only
    where they are concrete)."""
    if D.from_numpy(seq_lengths.dtype) not in op_defs.allowed("ReverseSequence", "Tlen"):
        raise errors.attr_value_error(
            "Tlen", D.tf_type_name(D.from_numpy(seq_lengths.dtype)), "int32, int64",
            "ReverseSequence",
            op_def="ReverseSequence; signature=input:T, seq_lengths:Tlen -> output:T; "
                   "attr=seq_dim:int; attr=batch_dim:int,default=0; attr=T:type; "
                   "attr=Tlen:type,default=DT_INT64,allowed=[DT_INT32, DT_INT64]")

    def fail(message, name="" if name is None else name):
        return errors.kernel_error("ReverseSequence", message, name)

    rank = input.ndim
    if seq_axis < 0 or seq_axis >= rank:
        raise fail("Invalid seq_dim %d" % seq_axis if seq_axis < 0
                   else "seq_dim must be < input rank ( %d vs. %d)" % (seq_axis, rank))
    if batch_axis < 0 or batch_axis >= rank:
        raise fail("Invalid batch_dim %d" % batch_axis if batch_axis < 0
                   else "batch_dim must be < input rank ( %d vs. %d)" % (batch_axis, rank))
    if seq_lengths.ndim != 1:
        raise fail("seq_lengths must be 1-dim, not %d" % seq_lengths.ndim, None)
    if batch_axis == seq_axis:
        raise fail("batch_dim == seq_dim == %d" % seq_axis, None)
    if seq_lengths.shape[0] != input.shape[batch_axis]:
        raise fail("Length of seq_lengths != input.dims(%d), (%d vs. %d)"
                   % (batch_axis, seq_lengths.shape[0], input.shape[batch_axis]), None)
    if not isinstance(seq_lengths, jax.core.Tracer):
        lens = np.asarray(seq_lengths)
        for b, n in enumerate(lens):
            if n < 0:
                raise fail("seq_lens(%d) < 0" % b)
            if n > input.shape[seq_axis]:
                raise fail("seq_lens(%d) > input.dims(%d)" % (b, seq_axis))


@op(tensors=("input",), others=("seq_lengths",), op_type="ReverseSequence",
    sig="input:T, seq_lengths:Tlen -> output:T", jit=True)
def _reverse_sequence(input, seq_lengths, seq_axis, batch_axis, name=None):  # noqa: A002
    # Runs under jax.jit: the wrapper has checked the lengths' values.
    _check(input, seq_lengths, seq_axis, batch_axis, name)
    xp = np if input.dtype == object else jnp  # tf.string: NumPy object arrays
    n = input.shape[seq_axis]
    i = xp.arange(n, dtype=seq_lengths.dtype)
    lens = seq_lengths[:, None]
    src = xp.where(i[None, :] < lens, lens - 1 - i[None, :], i[None, :])  # [batch, seq]
    shape = [1] * input.ndim
    shape[batch_axis], shape[seq_axis] = src.shape
    if batch_axis > seq_axis:
        src = src.T
        shape[seq_axis], shape[batch_axis] = src.shape
    src = xp.broadcast_to(src.reshape(shape), input.shape)
    return xp.take_along_axis(input, src, axis=seq_axis)


@_api.export("reverse_sequence")
def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None):  # noqa: A002
    """tf.reverse_sequence."""
    if seq_axis is None:
        raise TypeError("Expected int for argument 'seq_dim' not None.")
    batch_axis = 0 if batch_axis is None else batch_axis
    x, lens = convert_to_tensor(input), convert_to_tensor(seq_lengths)
    _check(x._value, lens._value, seq_axis, batch_axis, name)
    return _reverse_sequence(x, lens, seq_axis, batch_axis, name)

