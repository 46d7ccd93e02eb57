"""Where TF's gradient differs from JAX's derivative of the natural body: each function here
is an op body's math with TF's gradient attached, and says which TF gradient function it
mirrors (math_grad.py, nn_grad.py, linalg_grad.py).

Most are a jax.custom_jvp: JAX transposes the (linear) tangent rule into the reverse-mode rule,
so tapes, forward accumulators and higher orders all see TF's convention. Written in JAX's
convention; op.Pullback applies TF's complex conjugation around the reverse pass. The op
modules' argument checks and TF errors stay with the ops: these bodies are pure math.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import jax.scipy.linalg as jsl
import numpy as np
from jax import lax

from . import bessel_functions_impl as _bessel

# ---------------------------------------------------------------------------------------------
# math_grad.py


# TF's _MaximumGrad and _MinimumGrad (math_grad.py)
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


# TF's _PowGrad (math_grad.py)
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


# TF's _MaxGrad and _MinGrad (math_grad.py's _MinOrMaxGrad)
@functools.partial(jax.custom_jvp, nondiff_argnums=(1, 2, 3))
def reduce_extreme(x, axes, keepdims, is_max):
    return (jnp.max if is_max else jnp.min)(x, axis=axes, keepdims=keepdims)


@reduce_extreme.defjvp
def _reduce_extreme_jvp(axes, keepdims, is_max, primals, tangents):
    """TF's _MinOrMaxGrad: dy shared equally by the entries equal to the result; a NaN result
    equals none of them, so its gradient is 0/0, NaN (JAX's rule gives 0)."""
    (x,), (t,) = primals, tangents
    y = (jnp.max if is_max else jnp.min)(x, axis=axes, keepdims=True)
    hit = (x == y).astype(t.dtype)
    n = jnp.sum(hit, axis=axes, keepdims=True)
    # 0/0 spelled out: XLA folds hit / n into a select that gives 0 where hit is 0.
    share = jnp.where(n > 0, hit / jnp.maximum(n, 1), jnp.array(np.nan, t.dtype))
    out = y if keepdims else jnp.squeeze(y, axis=axes)
    return out, jnp.sum(share * t, axis=axes, keepdims=keepdims)


# TF's _SoftsignGrad (nn_grad.py)
@jax.custom_jvp
def softsign(x):
    return x / (jnp.abs(x) + 1)


@softsign.defjvp
def _softsign_jvp(primals, tangents):
    """TF's SoftsignGrad kernel: dy / (1 + |x|)^2, so 0 at +-inf (JAX's quotient rule: NaN)."""
    (x,), (t,) = primals, tangents
    d = jnp.abs(x) + 1
    return softsign(x), t / (d * d)


# TF's _AcoshGrad (math_grad.py)
@jax.custom_jvp
def acosh(x):
    return jnp.arccosh(x)


@acosh.defjvp
def _acosh_jvp(primals, tangents):
    """TF's _AcoshGrad: dy / sinh(y), NaN where y is (JAX's 1/sqrt(x^2 - 1) gives 0 at -inf)."""
    (x,), (t,) = primals, tangents
    y = jnp.arccosh(x)
    return y, t / jnp.sinh(y)


# TF's _BesselI0eGrad and _BesselI1eGrad (special_math_ops.py)
@jax.custom_jvp
def bessel_i0e(x):
    return jax.scipy.special.i0e(x)


@bessel_i0e.defjvp
def _bessel_i0e_jvp(primals, tangents):
    """TF's _BesselI0eGrad: dy * (i1e(x) - sign(x) * y)."""
    (x,), (t,) = primals, tangents
    y = jax.scipy.special.i0e(x)
    return y, t * (jax.scipy.special.i1e(x) - jnp.sign(x) * y)


@jax.custom_jvp
def bessel_i1e(x):
    return jax.scipy.special.i1e(x)


@bessel_i1e.defjvp
def _bessel_i1e_jvp(primals, tangents):
    """TF's _BesselI1eGrad: dy * (i0e(x) - y * (sign(x) + 1/x)), 0.5 at 0 (NaN at NaN, where
    JAX's derivative gives 0.5)."""
    (x,), (t,) = primals, tangents
    y = jax.scipy.special.i1e(x)
    safe = jnp.where(x == 0, jnp.ones_like(x), x)
    d = jax.scipy.special.i0e(x) - y * (jnp.sign(x) + 1 / safe)
    return y, t * jnp.where(x == 0, jnp.array(0.5, x.dtype), d)


# TF's _BesselJ0Grad ... _SpenceGrad (math_grad.py): tf.math.special's kernels
def _special(fn, deriv, in_float64=True):
    """fn (evaluated in float64 and rounded once where in_float64: TF's double Cephes series;
    else in the input's dtype); its derivative TF's gradient deriv(x, y)."""

    @jax.custom_jvp
    def f(x):
        if in_float64:
            return fn(x.astype(jnp.float64)).astype(x.dtype)
        if x.dtype in (jnp.float16, jnp.bfloat16):  # TF's Eigen kernels: half in float32
            return fn(x.astype(jnp.float32)).astype(x.dtype)
        return fn(x)

    @f.defjvp
    def _jvp(primals, tangents):
        (x,), (t,) = primals, tangents
        y = f(x)
        return y, t * deriv(x, y)

    return f


def _c(x, v):
    return jnp.array(v, x.dtype)


def _dawsn(x):
    # Cephes' dawsn is 0 at both infinities (JAX's is -0 at -inf).
    return jnp.where(jnp.isinf(x), _c(x, 0.0), jax.scipy.special.dawsn(x))


def _expint(x):
    # Eigen's expint: NaN below 0 and at inf, -inf at 0.
    y = jax.scipy.special.expi(x)
    y = jnp.where(x == 0, _c(x, -np.inf), y)
    return jnp.where((x < 0) | (x == np.inf), _c(x, np.nan), y)


bessel_i0 = _special(jax.scipy.special.i0, lambda x, y: bessel_i1(x), in_float64=False)
# At 0 TF imputes 1 (i0(x) - y / x is NaN there).
bessel_i1 = _special(jax.scipy.special.i1, lambda x, y: jnp.where(
    x == 0, _c(x, 1.0), bessel_i0(x) - y / jnp.where(x == 0, _c(x, 1.0), x)), in_float64=False)
bessel_j0 = _special(_bessel.j0, lambda x, y: -bessel_j1(x))
# At 0 TF imputes 0.5 (j0(x) - y / x is NaN there).
bessel_j1 = _special(_bessel.j1, lambda x, y: jnp.where(
    x == 0, _c(x, 0.5), bessel_j0(x) - y / jnp.where(x == 0, _c(x, 1.0), x)))
bessel_y0 = _special(_bessel.y0, lambda x, y: -bessel_y1(x))
bessel_y1 = _special(_bessel.y1, lambda x, y: bessel_y0(x) - y / x)
bessel_k0 = _special(_bessel.k0, lambda x, y: -bessel_k1(x))
bessel_k0e = _special(_bessel.k0e, lambda x, y: y - bessel_k1e(x))
bessel_k1 = _special(_bessel.k1, lambda x, y: -bessel_k0(x) - y / x)
bessel_k1e = _special(_bessel.k1e, lambda x, y: y * (1 - 1 / x) - bessel_k0e(x))
dawsn = _special(_dawsn, lambda x, y: 1 - 2 * x * y, in_float64=False)
expint = _special(_expint, lambda x, y: jnp.exp(x) / x, in_float64=False)
fresnel_cos = _special(lambda x: jax.scipy.special.fresnel(x)[1],
                       lambda x, y: jnp.cos(_c(x, np.pi / 2) * jnp.square(x)),
                       in_float64=False)
fresnel_sin = _special(lambda x: jax.scipy.special.fresnel(x)[0],
                       lambda x, y: jnp.sin(_c(x, np.pi / 2) * jnp.square(x)),
                       in_float64=False)
spence = _special(jax.scipy.special.spence,
                  lambda x, y: jnp.where(x == 1, _c(x, -1.0), jnp.log(x) / (1 - x)),
                  in_float64=False)


# TF's _AbsGrad and _ComplexAbsGrad (math_grad.py)
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


# TF's _XLogyGrad and _XLog1pyGrad (math_grad.py)
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


# TF's _MulNoNanGrad (math_grad.py)
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


def scan(x, axis, exclusive, reverse, fn, init):
    """Cumsum's and Cumprod's math (fn: jnp.cumsum or jnp.cumprod), the op's checks done."""
    if reverse:
        x = jnp.flip(x, axis)
    out = fn(x, axis=axis, dtype=x.dtype)
    if exclusive:
        pad = [(0, 0)] * x.ndim
        pad[axis % x.ndim] = (1, 0)
        out = jnp.pad(out, pad, constant_values=init)
        out = jax.lax.slice_in_dim(out, 0, x.shape[axis], axis=axis % x.ndim)
    return jnp.flip(out, axis) if reverse else out


# TF's _CumprodGrad (math_grad.py)
@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2, 3, 4))
def cumprod(x, axis, exclusive, reverse, checked_scan):
    """Cumprod's math; checked_scan is the op's scan (its checks, then scan()), called here so
    that the checks run inside the custom_vjp, as the op has always run them."""
    return checked_scan(x, axis, exclusive, reverse, jnp.cumprod, 1)


def _cumprod_fwd(x, axis, exclusive, reverse, checked_scan):
    prod = cumprod(x, axis, exclusive, reverse, checked_scan)
    return prod, (x, prod)


def _cumprod_bwd(axis, exclusive, reverse, checked_scan, res, g):
    """TF's _CumprodGrad: div_no_nan(cumsum(prod * g, reversed), x) (zero where x is zero)."""
    x, prod = res
    out = scan(prod * g, axis, exclusive, not reverse, jnp.cumsum, 0)
    safe = jnp.where(x == 0, jnp.ones_like(x), x)
    return (jnp.where(x == 0, jnp.zeros_like(out), out / safe),)


cumprod.defvjp(_cumprod_fwd, _cumprod_bwd)


# ---------------------------------------------------------------------------------------------
# nn_grad.py


# TF's _ReluGrad (nn_grad.py)
@jax.custom_jvp
def relu(x):
    return jnp.maximum(x, jnp.zeros((), x.dtype))


@relu.defjvp
def _relu_jvp(primals, tangents):
    """TF's _ReluGrad: dy where x > 0, so 0 at 0 (jnp.maximum would give half)."""
    (x,), (t,) = primals, tangents
    return relu(x), jnp.where(x > 0, t, jnp.zeros_like(t))


# TF's _Relu6Grad (nn_grad.py)
@jax.custom_jvp
def relu6(x):
    return jnp.minimum(jnp.maximum(x, jnp.zeros((), x.dtype)), jnp.asarray(6, x.dtype))


@relu6.defjvp
def _relu6_jvp(primals, tangents):
    """TF's _Relu6Grad: dy where 0 < x < 6, so 0 at both corners."""
    (x,), (t,) = primals, tangents
    return relu6(x), jnp.where((x > 0) & (x < 6), t, jnp.zeros_like(t))


# TF's _LeakyReluGrad (nn_grad.py)
@functools.partial(jax.custom_jvp, nondiff_argnums=(1,))
def leaky_relu(x, alpha):
    # TF's kernel: x > 0 ? x : x * alpha, alpha a float attr cast to T (so 0.2 in float64 is
    # float32's 0.2).
    a = jnp.asarray(np.float32(alpha)).astype(x.dtype)
    return jnp.where(x > 0, x, x * a)


@leaky_relu.defjvp
def _leaky_relu_jvp(alpha, primals, tangents):
    """TF's _LeakyReluGrad: dy where x > 0, else alpha * dy (alpha at 0)."""
    (x,), (t,) = primals, tangents
    a = jnp.asarray(np.float32(alpha)).astype(x.dtype)
    return leaky_relu(x, alpha), jnp.where(x > 0, t, t * a)


# TF's _EluGrad and _EluGradGrad (nn_grad.py)
@jax.custom_jvp
def elu(x):
    # TF's kernel: x < 0 ? exp(x) - 1 : x (exp of the clipped value keeps the unused branch finite).
    return jnp.where(x < 0, jnp.exp(jnp.minimum(x, 0)) - 1, x)


@elu.defjvp
def _elu_jvp(primals, tangents):
    """TF's _EluGrad, from the output y: dy * (y + 1) where y < 0, else dy (1 at 0); its
    derivative is TF's _EluGradGrad."""
    (x,), (t,) = primals, tangents
    y = elu(x)
    return y, jnp.where(y < 0, t * (y + 1), t)


_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_SCALE_ALPHA = 1.7580993408473768599402175208123


# TF's _SeluGrad (nn_grad.py)
@jax.custom_jvp
def selu(x):
    # TF's kernel: x < 0 ? scale_alpha * (exp(x) - 1) : scale * x.
    neg = _SELU_SCALE_ALPHA * (jnp.exp(jnp.minimum(x, 0)) - 1)
    return jnp.where(x < 0, neg.astype(x.dtype), (_SELU_SCALE * x).astype(x.dtype))


@selu.defjvp
def _selu_jvp(primals, tangents):
    """TF's _SeluGrad, from the output y: dy * (y + scale_alpha) where y < 0, else dy * scale
    (scale at 0, where JAX's derivative of the natural body gives scale_alpha)."""
    (x,), (t,) = primals, tangents
    y = selu(x)
    return y, jnp.where(y < 0, t * (y + _SELU_SCALE_ALPHA), t * _SELU_SCALE).astype(x.dtype)


# TF's _SoftplusGrad (nn_grad.py)
@jax.custom_jvp
def softplus(x):
    # TF's kernel (softplus_op.h): x itself above -log(eps) - 2, exp(x) below log(eps) + 2.
    threshold = float(np.log(jnp.finfo(x.dtype).eps)) + 2.0
    safe = jnp.clip(x, threshold, -threshold)
    middle = jnp.log1p(jnp.exp(safe))
    return jnp.where(x > -threshold, x, jnp.where(x < threshold, jnp.exp(x), middle))


@softplus.defjvp
def _softplus_jvp(primals, tangents):
    """TF's _SoftplusGrad: dy / (exp(-x) + 1)."""
    (x,), (t,) = primals, tangents
    return softplus(x), t / (jnp.exp(-x) + 1)


# TF's _SoftmaxCrossEntropyWithLogitsGrad (nn_grad.py)
@jax.custom_jvp
def softmax_xent(labels, logits):
    """The softmax cross-entropy of each row (the last axis) of labels and logits."""
    return -jnp.sum(labels * jax.nn.log_softmax(logits, axis=-1), axis=-1)


@softmax_xent.defjvp
def _softmax_xent_jvp(primals, tangents):
    """TF's _SoftmaxCrossEntropyWithLogitsGrad: d/dlogits is the kernel's backprop,
    softmax - labels (JAX's derivative would scale softmax by sum(labels)); d/dlabels is
    -log_softmax."""
    labels, logits = primals
    t_labels, t_logits = tangents
    logp = jax.nn.log_softmax(logits, axis=-1)
    backprop = jnp.exp(logp) - labels
    return (-jnp.sum(labels * logp, axis=-1),
            jnp.sum(backprop * t_logits, axis=-1) - jnp.sum(logp * t_labels, axis=-1))


# ---------------------------------------------------------------------------------------------
# linalg_grad.py


def _adj(x):
    return jnp.conj(jnp.swapaxes(x, -1, -2))


# TF's _MatrixDeterminantGrad (linalg_grad.py)
@jax.custom_jvp
def det(x):
    return jnp.linalg.det(x)


@det.defjvp
def _det_jvp(primals, tangents):
    # TF's _MatrixDeterminantGrad: grad * det * inv(a)^H. For complex input that is the true
    # gradient with det conjugated (TF's formula omits the conjugate); mirrored here.
    (x,), (t,) = primals, tangents
    d = det(x)
    coef = jnp.conj(d) if jnp.iscomplexobj(x) else d
    return d, coef * jnp.trace(jnp.linalg.solve(x, t), axis1=-2, axis2=-1)


def _cholesky_values(x):
    return jnp.tril(lax.linalg.cholesky(x, symmetrize_input=False))


# TF's _CholeskyGrad (linalg_grad.py)
@jax.custom_jvp
def cholesky(x):
    """TF's Cholesky: reads only the lower triangle (JAX's default symmetrizes first), NaN
    where the factorization breaks down."""
    return _cholesky_values(x)


@cholesky.defjvp
def _cholesky_jvp(primals, tangents):
    # TF's _CholeskyGrad is symmetric: it is the derivative along the Hermitian part of the
    # perturbation, although the forward pass reads one triangle.
    (x,), (t,) = primals, tangents
    return jax.jvp(_cholesky_values, (x,), ((t + _adj(t)) / 2,))


# TF's _MatrixSquareRootGrad (linalg_grad.py)
@jax.custom_jvp
def sqrtm(x):
    """One matrix's square root (scipy's), real for real input."""
    out = jsl.sqrtm(x)
    return out if jnp.iscomplexobj(x) else jnp.real(out).astype(x.dtype)


@sqrtm.defjvp
def _sqrtm_jvp(primals, tangents):
    # TF's _MatrixSquareRootGrad: dS solves the Sylvester equation S dS + dS S = dA, solved
    # here in S's eigenbasis (S = V diag(l) V^-1), where it is elementwise: linear in dA.
    (x,), (dx,) = primals, tangents
    s = sqrtm(x)
    lam, v = jnp.linalg.eig(s)
    vinv = jnp.linalg.inv(v)
    ds = v @ ((vinv @ dx.astype(v.dtype) @ v) / (lam[:, None] + lam[None, :])) @ vinv
    return s, (ds if jnp.iscomplexobj(x) else jnp.real(ds)).astype(s.dtype)
