"""tf.signal's windows (TF's signal/window_ops.py): hann, hamming, kaiser, kaiser-bessel-derived,
vorbis; computed in the requested dtype with TF's arithmetic, so values agree to rounding."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core.tensor import Tensor, wrap


def _length(window_length) -> int:
    if isinstance(window_length, Tensor):
        window_length = np.asarray(window_length._value)
    return int(window_length)


def _dtype(dtype, raised_cosine=False):
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(("dtype must be a floating point type. Found %s" if raised_cosine else
                          "Unsupported dtype %s") % dtype)
    return dtype.as_numpy_dtype


def _const(fn):
    """A window as a constant tensor: computed now, even inside tf.function (TF folds it too)."""
    with jax.ensure_compile_time_eval():
        return wrap(fn())


def _raised_cosine(window_length, periodic, dtype, a, b):
    dt = _dtype(dtype, True)
    n_len = _length(window_length)
    if n_len == 1:
        return _const(lambda: jnp.ones([1], dt))
    even = 1 - n_len % 2
    n = jnp.asarray(n_len + int(bool(periodic)) * even - 1, dt)

    def window():
        cos_arg = jnp.asarray(2 * np.pi, dt) * jnp.arange(n_len, dtype=dt) / n
        return (jnp.asarray(a, dt) - jnp.asarray(b, dt) * jnp.cos(cos_arg)).astype(dt)

    return _const(window)


@_api.export("signal.hann_window")
def hann_window(window_length, periodic=True, dtype=D.float32, name=None):
    """tf.signal.hann_window."""
    return _raised_cosine(window_length, periodic, dtype, 0.5, 0.5)


@_api.export("signal.hamming_window")
def hamming_window(window_length, periodic=True, dtype=D.float32, name=None):
    """tf.signal.hamming_window."""
    return _raised_cosine(window_length, periodic, dtype, 0.54, 0.46)


def _kaiser(n_len, beta, dt):
    if n_len == 1:
        return jnp.ones([1], dt)
    half = np.float32((np.float32(n_len) - 1.0) / 2.0)
    arg = jnp.arange(-half, half + np.float32(0.1), dtype=jnp.float32).astype(dt)
    beta = jnp.asarray(beta, dt)
    num = beta * jnp.sqrt(jnp.maximum(jnp.asarray(1, dt) - jnp.square(arg / half.astype(dt)),
                                      0))
    i0e = jax.scipy.special.i0e
    return jnp.exp(num - beta) * (i0e(num) / i0e(beta))


@_api.export("signal.kaiser_window")
def kaiser_window(window_length, beta=12.0, dtype=D.float32, name=None):
    """tf.signal.kaiser_window."""
    dt = _dtype(dtype)
    return _const(lambda: _kaiser(_length(window_length), beta, dt))


@_api.export("signal.kaiser_bessel_derived_window")
def kaiser_bessel_derived_window(window_length, beta=12.0, dtype=D.float32, name=None):
    """tf.signal.kaiser_bessel_derived_window."""
    dt = _dtype(dtype)

    def window():
        csum = jnp.cumsum(_kaiser(_length(window_length) // 2 + 1, beta, dt))
        half = jnp.sqrt(csum[:-1] / csum[-1])
        return jnp.concatenate([half, half[::-1]])

    return _const(window)


@_api.export("signal.vorbis_window")
def vorbis_window(window_length, dtype=D.float32, name=None):
    """tf.signal.vorbis_window."""
    dt = _dtype(dtype)
    n_len = _length(window_length)

    def window():
        arg = jnp.arange(n_len, dtype=dt)
        inner = jnp.sin(jnp.asarray(np.pi, dt) / jnp.asarray(n_len, dt) * (arg + 0.5))
        return jnp.sin(jnp.asarray(np.pi / 2.0, dt) * jnp.power(inner, jnp.asarray(2.0, dt)))

    return _const(window)
