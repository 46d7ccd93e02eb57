"""tf.signal.linear_to_mel_weight_matrix (TF's signal/mel_ops.py): the HTK mel scale, computed
in the requested dtype as TF's composition does."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core.tensor import Tensor, wrap

_MEL_BREAK_FREQUENCY_HERTZ = 700.0
_MEL_HIGH_FREQUENCY_Q = 1127.0


def _hertz_to_mel(f, dt):
    return jnp.asarray(_MEL_HIGH_FREQUENCY_Q, dt) * jnp.log(
        jnp.asarray(1.0, dt) + f / jnp.asarray(_MEL_BREAK_FREQUENCY_HERTZ, dt))


def _linspace(start, stop, num, dt):
    # TF's linspace: start + i * (stop - start) / (num - 1), the last value exactly stop.
    if num == 1:
        return jnp.reshape(start, [1])
    step = (stop - start) / jnp.asarray(num - 1, dt)
    mid = start + jnp.arange(1, num - 1, dtype=dt) * step
    return jnp.concatenate([start[None], mid, stop[None]])


@_api.export("signal.linear_to_mel_weight_matrix")
def linear_to_mel_weight_matrix(num_mel_bins=20, num_spectrogram_bins=129, sample_rate=8000,
                                lower_edge_hertz=125.0, upper_edge_hertz=3800.0,
                                dtype=D.float32, name=None):
    """tf.signal.linear_to_mel_weight_matrix: [num_spectrogram_bins, num_mel_bins]."""
    if isinstance(sample_rate, Tensor):
        sample_rate = np.asarray(sample_rate._value).item()
    dtype = D.as_dtype(dtype)
    if num_mel_bins <= 0:
        raise ValueError("num_mel_bins must be positive. Got: %s" % num_mel_bins)
    if lower_edge_hertz < 0.0:
        raise ValueError("lower_edge_hertz must be non-negative. Got: %s" % lower_edge_hertz)
    if lower_edge_hertz >= upper_edge_hertz:
        raise ValueError("lower_edge_hertz %.1f >= upper_edge_hertz %.1f"
                         % (lower_edge_hertz, upper_edge_hertz))
    if sample_rate <= 0.0:
        raise ValueError("sample_rate must be positive. Got: %s" % sample_rate)
    if upper_edge_hertz > sample_rate / 2:
        raise ValueError("upper_edge_hertz must not be larger than the Nyquist frequency "
                         "(sample_rate / 2). Got %s for sample_rate: %s"
                         % (upper_edge_hertz, sample_rate))
    if not dtype.is_floating:
        raise ValueError("dtype must be a floating point type. Got: %s" % dtype)
    dt = dtype.as_numpy_dtype

    def matrix():
        zero = jnp.asarray(0.0, dt)
        nyquist = jnp.asarray(sample_rate, dt) / jnp.asarray(2.0, dt)
        linear = _linspace(zero, nyquist, num_spectrogram_bins, dt)[1:]
        bins_mel = _hertz_to_mel(linear, dt)[:, None]
        edges = _linspace(_hertz_to_mel(jnp.asarray(lower_edge_hertz, dt), dt),
                          _hertz_to_mel(jnp.asarray(upper_edge_hertz, dt), dt),
                          num_mel_bins + 2, dt)
        lower, center, upper = edges[:-2][None], edges[1:-1][None], edges[2:][None]
        lower_slopes = (bins_mel - lower) / (center - lower)
        upper_slopes = (upper - bins_mel) / (upper - center)
        weights = jnp.maximum(zero, jnp.minimum(lower_slopes, upper_slopes))
        return jnp.pad(weights, [(1, 0), (0, 0)])

    with jax.ensure_compile_time_eval():
        return wrap(matrix())
