"""tf.signal.stft, inverse_stft, inverse_stft_window_fn, mdct and inverse_mdct (TF's
signal/spectral_ops.py): TF's composition of frame, window, (i)rfft or the DCT-IV and
overlap_and_add, so gradients follow each op's."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core.convert import convert_to_tensor
from .._core.tensor import wrap
from .._ops.array_ops import concat, pad, reverse, split
from .._ops.math_ops import multiply, negative, subtract
from .dct_ops import dct
from .fft_ops import irfft, rfft
from .shape_ops import frame, overlap_and_add, static_int
from .window_ops import hann_window, vorbis_window


def _enclosing_power_of_two(n: int) -> int:
    return int(2 ** np.ceil(np.log(n) / np.log(2.0)))


@_api.export("signal.stft")
def stft(signals, frame_length, frame_step, fft_length=None, window_fn=hann_window,
         pad_end=False, name=None):
    """tf.signal.stft: [..., frames, fft_length // 2 + 1] complex bins."""
    signals = convert_to_tensor(signals)
    frame_length, frame_step = static_int(frame_length), static_int(frame_step)
    fft_length = (_enclosing_power_of_two(frame_length) if fft_length is None
                  else static_int(fft_length))
    framed = frame(signals, frame_length, frame_step, pad_end=pad_end)
    if window_fn is not None:
        framed = multiply(framed, window_fn(frame_length, dtype=framed.dtype))
    return rfft(framed, [fft_length])


@_api.export("signal.inverse_stft_window_fn")
def inverse_stft_window_fn(frame_step, forward_window_fn=hann_window, name=None):
    """tf.signal.inverse_stft_window_fn: the window that makes inverse_stft invert stft."""

    def inverse_stft_window_fn_inner(frame_length, dtype):
        step, length = static_int(frame_step), static_int(frame_length)
        forward = forward_window_fn(length, dtype=dtype)
        w = forward._value
        overlaps = -(-length // step)
        denom = jnp.pad(jnp.square(w), (0, overlaps * step - length)).reshape(overlaps, step)
        denom = jnp.tile(jnp.sum(denom, 0, keepdims=True), (overlaps, 1)).reshape(-1)[:length]
        return wrap(jnp.where(denom == 0, jnp.zeros_like(w), w / denom))

    return inverse_stft_window_fn_inner


@_api.export("signal.inverse_stft")
def inverse_stft(stfts, frame_length, frame_step, fft_length=None, window_fn=hann_window,
                 name=None):
    """tf.signal.inverse_stft."""
    stfts = convert_to_tensor(stfts)
    if stfts.shape.rank < 2:
        raise ValueError("Shape %s must have rank at least 2" % stfts.shape)
    frame_length, frame_step = static_int(frame_length), static_int(frame_step)
    fft_length = (_enclosing_power_of_two(frame_length) if fft_length is None
                  else static_int(fft_length))
    frames = irfft(stfts, [fft_length])
    if frames.shape[-1] > frame_length:
        frames = frames[..., :frame_length]
    elif frames.shape[-1] < frame_length:
        frames = pad(frames, [[0, 0]] * (frames.shape.rank - 1) +
                     [[0, frame_length - frames.shape[-1]]])
    if window_fn is not None:
        frames = multiply(frames, window_fn(frame_length, dtype=stfts.dtype.real_dtype))
    return overlap_and_add(frames, frame_step)


@_api.export("signal.mdct")
def mdct(signals, frame_length, window_fn=vorbis_window, pad_end=False, norm=None, name=None):
    """tf.signal.mdct: [..., frames, frame_length // 2] coefficients (frames hop by half)."""
    signals = convert_to_tensor(signals)
    if signals.shape.rank < 1:  # TF's TensorShape.with_rank_at_least
        raise ValueError("Shape %s must have rank at least 1" % (signals.shape,))
    frame_length = static_int(frame_length)
    if frame_length % 4 != 0:
        raise ValueError("The frame length must be a multiple of 4.")
    framed = frame(signals, frame_length, frame_length // 2, pad_end=pad_end)
    if window_fn is not None:
        framed = multiply(framed, window_fn(frame_length, dtype=framed.dtype))
    else:
        framed = multiply(framed, 1.0 / np.sqrt(2))
    a, b, c, d = split(framed, 4, axis=-1)
    first = subtract(negative(reverse(c, [-1])), d)
    second = subtract(a, reverse(b, [-1]))
    return dct(concat((first, second), axis=-1), type=4, norm=norm)


@_api.export("signal.inverse_mdct")
def inverse_mdct(mdcts, window_fn=vorbis_window, norm=None, name=None):
    """tf.signal.inverse_mdct: the windowed DCT-IV of each frame, overlapped and added."""
    mdcts = convert_to_tensor(mdcts)
    if mdcts.shape.rank < 2:
        raise ValueError("Shape %s must have rank at least 2" % (mdcts.shape,))
    half_len = mdcts.shape[-1]
    if norm is None:
        result = multiply(convert_to_tensor(0.5 / half_len, dtype=mdcts.dtype),
                          dct(mdcts, type=4))
    elif norm == "ortho":
        result = dct(mdcts, type=4, norm="ortho")
    a, b = split(result, 2, axis=-1)
    frames = concat((b, negative(reverse(b, [-1])), negative(reverse(a, [-1])), negative(a)),
                    axis=-1)
    if window_fn is not None:
        frames = multiply(frames, window_fn(2 * half_len, dtype=mdcts.dtype))
    else:
        frames = multiply(frames, 1.0 / np.sqrt(2))
    return overlap_and_add(frames, half_len)
