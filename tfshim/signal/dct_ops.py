"""tf.signal.dct/idct (TF's signal/dct_ops.py, types I-IV through an rfft as TF computes them)
and tf.signal.mfccs_from_log_mel_spectrograms (TF's mfcc_ops.py): one op body each."""

from __future__ import annotations

import math

import jax.numpy as jnp

from .. import _api
from .._core.convert import convert_to_tensor
from .._core.op import TypeList, op

_REAL = TypeList.of("float, double")


def _cdt(dt):
    return jnp.complex64 if dt == jnp.float32 else jnp.complex128


def _dct(x, dct_type, n, norm):
    dt = x.dtype
    if n is not None:
        size = x.shape[-1]
        x = x[..., :n] if n <= size else jnp.pad(x, [(0, 0)] * (x.ndim - 1) + [(0, n - size)])
    length = x.shape[-1]
    lf = jnp.asarray(length, dt)
    if dct_type == 1:
        ext = jnp.concatenate([x, x[..., -2:0:-1]], axis=-1)
        return jnp.real(jnp.fft.rfft(ext).astype(_cdt(dt))).astype(dt)
    if dct_type == 2:
        arg = -jnp.arange(length, dtype=dt) * jnp.asarray(math.pi, dt) * jnp.asarray(0.5, dt) / lf
        scale = jnp.asarray(2.0, dt) * jnp.exp(jax_complex(jnp.zeros_like(arg), arg))
        spec = jnp.fft.rfft(x, n=2 * length).astype(_cdt(dt))[..., :length]
        out = jnp.real(spec * scale).astype(dt)
        if norm == "ortho":
            n1 = jnp.asarray(0.5, dt) / jnp.sqrt(lf)
            n2 = n1 * jnp.asarray(math.sqrt(2.0), dt)
            out = out * jnp.concatenate([n1[None], jnp.full((length - 1,), n2, dt)])
        return out
    if dct_type == 3:
        if norm == "ortho":
            n1 = jnp.sqrt(lf)
            n2 = n1 * jnp.asarray(math.sqrt(0.5), dt)
            x = x * jnp.concatenate([n1[None], jnp.full((length - 1,), n2, dt)])
        else:
            x = x * lf
        arg = jnp.arange(length, dtype=dt) * jnp.asarray(math.pi, dt) * jnp.asarray(0.5, dt) / lf
        scale = jnp.asarray(2.0, dt) * jnp.exp(jax_complex(jnp.zeros_like(arg), arg))
        spec = scale * jax_complex(x, jnp.zeros_like(x))
        return jnp.fft.irfft(spec, n=2 * length).astype(dt)[..., :length]
    out = _dct(x, 2, 2 * length, None)[..., 1::2]
    if norm == "ortho":
        out = out * (jnp.asarray(math.sqrt(0.5), dt) / jnp.sqrt(lf))
    return out


def jax_complex(re, im):
    return re + 1j * im.astype(_cdt(re.dtype))


@op(tensors=("input",), dtypes=_REAL, op_type="DCT", jit=True)
def _dct_op(input, dct_type, n, norm, name=None):  # noqa: A002
    return _dct(input, dct_type, n, norm)


def _validate(x, dct_type, n, axis, norm):
    if axis != -1:
        raise NotImplementedError("axis must be -1. Got: %s" % axis)
    if n is not None and n < 1:
        raise ValueError("n should be a positive integer or None")
    if dct_type not in (1, 2, 3, 4):
        raise ValueError("Types I, II, III and IV (I)DCT are supported.")
    if dct_type == 1:
        if norm == "ortho":
            raise ValueError("Normalization is not supported for the Type-I DCT.")
        if x.shape[-1] is not None and x.shape[-1] < 2:
            raise ValueError("Type-I DCT requires the dimension to be greater than one.")
    if norm not in (None, "ortho"):
        raise ValueError("Unknown normalization. Expected None or 'ortho', got: %s" % norm)


@_api.export("signal.dct")
def dct(input, type=2, n=None, axis=-1, norm=None, name=None):  # noqa: A002
    """tf.signal.dct: types I-IV along the last axis."""
    x = convert_to_tensor(input)
    _validate(x, type, n, axis, norm)
    return _dct_op(x, type, n, norm)


@_api.export("signal.idct")
def idct(input, type=2, n=None, axis=-1, norm=None, name=None):  # noqa: A002
    """tf.signal.idct: the inverse type's DCT (II <-> III), scaled as TF's."""
    x = convert_to_tensor(input)
    _validate(x, type, n, axis, norm)
    return _dct_op(x, {1: 1, 2: 3, 3: 2, 4: 4}[type], n, norm)


@op(tensors=("log_mel_spectrograms",), dtypes=_REAL, op_type="Mfcc", jit=True)
def _mfccs(log_mel_spectrograms, name=None):
    x = log_mel_spectrograms
    dt = x.dtype
    return _dct(x, 2, None, None) * (1 / jnp.sqrt(jnp.asarray(x.shape[-1], dt) * 2.0)).astype(dt)


@_api.export("signal.mfccs_from_log_mel_spectrograms")
def mfccs_from_log_mel_spectrograms(log_mel_spectrograms, name=None):
    """tf.signal.mfccs_from_log_mel_spectrograms: the orthonormal DCT-II of log-mel bins."""
    x = convert_to_tensor(log_mel_spectrograms)
    if x.shape.rank and x.shape[-1] == 0:
        raise ValueError("num_mel_bins must be positive. Got: %s" % x)
    return _mfccs(x)
