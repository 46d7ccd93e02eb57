"""tf.signal.frame (TF's signal/shape_ops.py) and tf.signal.overlap_and_add (TF's
reconstruction_ops.py): one gather and one scatter-add, differentiable through jax.vjp."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._core.tensor import Tensor


def static_int(v, what="value") -> int:
    """A Python int from an int or a scalar tensor (frame lengths and steps)."""
    if isinstance(v, Tensor):
        if not v.dtype.is_integer:
            raise ValueError("%s must be an integer. Got %s" % (what, v.dtype))
        v = np.asarray(v._value)
    return int(v)


@op(tensors=("signal", "pad_value"), op_type="Frame", jit=True)
def _frame(signal, pad_value, frame_length, frame_step, pad_end, axis, name=None):
    axis = axis % signal.ndim
    n = signal.shape[axis]
    if pad_end:
        num = max(0, -(-n // frame_step))
        pad = max(0, frame_length + frame_step * (num - 1) - n)
        widths = [(0, 0)] * signal.ndim
        widths[axis] = (0, pad)
        signal = jnp.pad(signal, widths, constant_values=pad_value)
    else:
        num = max(0, 1 + (n - frame_length) // frame_step)
    idx = np.arange(num)[:, None] * frame_step + np.arange(frame_length)[None, :]
    return jnp.take(signal, idx, axis=axis)


@_api.export("signal.frame")
def frame(signal, frame_length, frame_step, pad_end=False, pad_value=0, axis=-1, name=None):
    """tf.signal.frame: frames of frame_length every frame_step along axis."""
    signal = convert_to_tensor(signal)
    if signal.shape.rank == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    pad = convert_to_tensor(pad_value, dtype=signal.dtype)
    return _frame(signal, pad, static_int(frame_length), static_int(frame_step),
                  bool(pad_end), static_int(axis))


@op(tensors=("signal",), op_type="OverlapAndAdd", jit=True)
def _overlap_and_add(signal, frame_step, name=None):
    frames, length = signal.shape[-2:]
    out_len = length + frame_step * (frames - 1)
    idx = (np.arange(frames)[:, None] * frame_step + np.arange(length)[None, :]).ravel()
    out = jnp.zeros(signal.shape[:-2] + (out_len,), signal.dtype)
    return out.at[..., idx].add(signal.reshape(signal.shape[:-2] + (-1,)))


@_api.export("signal.overlap_and_add")
def overlap_and_add(signal, frame_step, name=None):
    """tf.signal.overlap_and_add: frames [..., frames, frame_length] summed back at frame_step."""
    signal = convert_to_tensor(signal)
    if signal.shape.rank < 2:
        raise ValueError("Shape %s must have rank at least 2" % signal.shape)
    if isinstance(frame_step, Tensor) and not frame_step.dtype.is_integer:
        raise ValueError("frame_step must be an integer. Got %s" % frame_step.dtype)
    if isinstance(frame_step, float):
        raise ValueError("frame_step must be an integer. Got %s" % D.float32)
    return _overlap_and_add(signal, static_int(frame_step))
