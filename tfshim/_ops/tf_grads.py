"""Where TF's gradient differs from JAX's derivative of the natural body: each says which TF
rule it mirrors.

Each is a jax.custom_jvp: JAX transposes the (linear) tangent rule into the reverse-mode rule,
so tapes, forward accumulators and higher orders all see TF's convention. Written in JAX's
convention; op.Pullback applies TF's complex conjugation around the reverse pass.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def _selecting(select, name):
    """maximum/minimum: TF's _MaximumMinimumGrad gives a tie wholly to x (JAX splits it)."""

    @jax.custom_jvp
    def f(x, y):
        return select(x, y)

    @f.defjvp
    def f_jvp(primals, tangents):
        x, y = primals
        tx, ty = tangents
        xmask = (x >= y) if select is jnp.maximum else (x <= y)
        return select(x, y), jnp.where(xmask, tx, ty)

    f.__name__ = name
    return f


maximum = _selecting(jnp.maximum, "maximum")
minimum = _selecting(jnp.minimum, "minimum")


@jax.custom_jvp
def pow(x, y):  # noqa: A001
    """TF's _PowGrad: d/dy is z * log(x) where x > 0 (x != 0 for complex), else 0."""
    return jnp.power(x, y)


@pow.defjvp
def _pow_jvp(primals, tangents):
    x, y = primals
    tx, ty = tangents
    z = jnp.power(x, y)
    mask = (x != 0) if jnp.iscomplexobj(x) else (x > 0)
    log_x = jnp.where(mask, jnp.log(jnp.where(mask, x, jnp.ones_like(x))), jnp.zeros_like(x))
    return z, tx * y * jnp.power(x, y - jnp.ones_like(y)) + ty * z * log_x


@jax.custom_jvp
def abs(x):  # noqa: A001
    """TF's _AbsGrad: grad * sign(x), so 0 at 0 where JAX gives 1; complex input (TF's
    _ComplexAbsGrad): grad * x / |x|, 0 at 0."""
    return jnp.abs(x)


@abs.defjvp
def _abs_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    r = jnp.abs(x)
    if jnp.iscomplexobj(x):
        nonzero = r != 0
        return r, jnp.where(nonzero, jnp.real(jnp.conj(x) * t) / jnp.where(nonzero, r, 1), 0)
    return r, jnp.sign(x) * t


def _x_log(name, log_fn):
    """xlogy/xlog1py: TF's _XLogyGrad/_XLog1pyGrad: d/dx is xlogy(x != 0, y) (0 where x is 0,
    where JAX gives log(y)); d/dy is xdivy(x, y) (1 + y for xlog1py)."""
    from jax.scipy import special

    natural = special.xlogy if log_fn is jnp.log else special.xlog1py

    @jax.custom_jvp
    def f(x, y):
        return natural(x, y)

    @f.defjvp
    def f_jvp(primals, tangents):
        x, y = primals
        tx, ty = tangents
        nz = x != 0
        dx = jnp.where(nz, log_fn(jnp.where(nz, y, jnp.ones_like(y))), jnp.zeros_like(y))
        yy = y if log_fn is jnp.log else y + 1
        dy = jnp.where(nz, x / jnp.where(nz, yy, jnp.ones_like(yy)), jnp.zeros_like(x))
        return natural(x, y), tx * dx + ty * dy

    f.__name__ = name
    return f


xlogy = _x_log("xlogy", jnp.log)
xlog1py = _x_log("xlog1py", jnp.log1p)


@jax.custom_jvp
def mul_no_nan(x, y):
    """TF's _MulNoNanGrad: grad_x = mul_no_nan(grad, y), grad_y = mul_no_nan(x, grad), so x
    still gets y's gradient where y is 0 (the natural where() body would give 0)."""
    return jnp.where(y == 0, jnp.zeros((), x.dtype), x * y)


@mul_no_nan.defjvp
def _mul_no_nan_jvp(primals, tangents):
    x, y = primals
    tx, ty = tangents
    return mul_no_nan(x, y), mul_no_nan(tx, y) + x * ty
