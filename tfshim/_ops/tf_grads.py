"""Where TF's gradient differs from jax.vjp of the natural body: each says which TF rule it mirrors.

Written in JAX's cotangent convention; op.Pullback applies TF's complex conjugation around them.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def _unbroadcast(g, shape):
    """Sum a broadcast gradient back to an input's shape (TF's BroadcastGradientArgs)."""
    if g.shape == tuple(shape):
        return g
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, d in enumerate(shape) if d == 1 and g.shape[i + lead] != 1)
    return jnp.sum(g, axis=axes, keepdims=False).reshape(shape) if axes else g.reshape(shape)


def _selecting(select, name):
    """maximum/minimum: TF's _MaximumMinimumGrad gives a tie wholly to x (JAX splits it)."""

    @jax.custom_vjp
    def f(x, y):
        return select(x, y)

    def fwd(x, y):
        return select(x, y), (x, y)

    def bwd(res, g):
        x, y = res
        xmask = (x >= y) if select is jnp.maximum else (x <= y)
        zero = jnp.zeros_like(g)
        return (_unbroadcast(jnp.where(xmask, g, zero), x.shape),
                _unbroadcast(jnp.where(xmask, zero, g), y.shape))

    f.defvjp(fwd, bwd)
    f.__name__ = name
    return f


maximum = _selecting(jnp.maximum, "maximum")
minimum = _selecting(jnp.minimum, "minimum")


@jax.custom_vjp
def pow(x, y):  # noqa: A001
    """TF's _PowGrad: d/dy is grad * z * log(x) where x > 0 (x != 0 for complex), else 0."""
    return jnp.power(x, y)


def _pow_fwd(x, y):
    z = jnp.power(x, y)
    return z, (x, y, z)


def _pow_bwd(res, g):
    x, y, z = res
    gx = g * y * jnp.power(x, y - jnp.ones_like(y))
    mask = (x != 0) if jnp.iscomplexobj(x) else (x > 0)
    safe_x = jnp.where(mask, x, jnp.ones_like(x))
    log_x = jnp.where(mask, jnp.log(safe_x), jnp.zeros_like(x))
    gy = g * z * log_x
    return _unbroadcast(gx, x.shape), _unbroadcast(gy, y.shape)


pow.defvjp(_pow_fwd, _pow_bwd)
