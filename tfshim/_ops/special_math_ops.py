"""tf.math's special functions (TF's special_math_ops.py, and the special-function kernels TF
exports from gen_math_ops): erf, erfc, erfinv, erfcinv, ndtri, lgamma, digamma, igamma,
igammac, lbeta, the Bessel functions; and tf.einsum.

Half-precision inputs are computed in float32 and rounded once, as TF's Eigen kernels do;
the dtypes TF's op-defs allow but no CPU kernel implements raise TF's NotFoundError.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import Pullback, apply, op
from . import op_defs, tf_grads
from .math_ops import (
    _in_float32,
    _no_kernel,
    _no_kernel_error,
    add,
    binary,
    multiply,
    negative,
    unary,
)
from .op_util import HALF, dims, mismatch

# -- error function, normal quantile -----------------------------------------------------------
erf = unary(("math.erf",), _in_float32(jax.scipy.special.erf), "Erf")
erfc = unary(("math.erfc",), _in_float32(jax.scipy.special.erfc), "Erfc")
erfinv = unary(("math.erfinv",), _no_kernel(_in_float32(jax.scipy.special.erfinv),
                                                  "Erfinv", *HALF), "Erfinv")
ndtri = unary(("math.ndtri",), _no_kernel(_in_float32(jax.scipy.special.ndtri), "Ndtri", *HALF),
              "Ndtri")


@_api.export("math.erfcinv")
def erfcinv(x, name=None):
    """tf.math.erfcinv: TF's composite -ndtri(x / 2) / sqrt(2)."""
    x = convert_to_tensor(x)
    half = convert_to_tensor(0.5, dtype=x.dtype)
    return multiply(negative(ndtri(multiply(half, x))),
                    convert_to_tensor(float(np.sqrt(0.5)), dtype=x.dtype))


# -- gamma functions ---------------------------------------------------------------------------
lgamma = unary(("math.lgamma",), _no_kernel(_in_float32(jax.scipy.special.gammaln), "Lgamma",
                                           jnp.bfloat16), "Lgamma")
digamma = unary(("math.digamma",), _no_kernel(_in_float32(jax.scipy.special.digamma), "Digamma",
                                              jnp.bfloat16), "Digamma")


def _igamma(a, x):
    """Eigen's igamma at the edges: 0 where x == 0 (any a), NaN for a == 0, 0 for a == inf
    (x >= 0)."""
    out = jax.scipy.special.gammainc(a, x)
    out = jnp.where(jnp.isposinf(a) & (x >= 0), jnp.zeros((), out.dtype), out)
    out = jnp.where(a == 0, jnp.full((), jnp.nan, out.dtype), out)
    return jnp.where(x == 0, jnp.zeros((), out.dtype), out)


def _igammac(a, x):
    """Eigen's igammac at the edges: NaN for a == 0 (x > 0), 1 for a == inf (finite x >= 0)."""
    out = jax.scipy.special.gammaincc(a, x)
    out = jnp.where(jnp.isposinf(a) & jnp.isfinite(x) & (x >= 0), jnp.ones((), out.dtype), out)
    return jnp.where((a == 0) & (x > 0), jnp.full((), jnp.nan, out.dtype), out)


igamma = binary(("math.igamma",), _no_kernel(_igamma, "Igamma", *HALF), "Igamma",
                params=("a", "x"))
igammac = binary(("math.igammac",), _no_kernel(_igammac, "Igammac", *HALF), "Igammac",
                 params=("a", "x"))


def _lbeta_body(x, name=None):
    if x.dtype == jnp.bfloat16:  # TF's composite's Lgamma has no bfloat16 CPU kernel
        raise _no_kernel_error("Lgamma", x.dtype)
    if x.shape[-1] == 0:
        return jnp.full(x.shape[:-1], -jnp.inf, x.dtype)
    lg = _in_float32(jax.scipy.special.gammaln)
    return (jnp.sum(lg(x), axis=-1).astype(x.dtype) - lg(jnp.sum(x, axis=-1))).astype(x.dtype)


_lbeta = op(tensors=("x",), dtypes=op_defs.allowed("Lgamma"), op_type="Lgamma")(_lbeta_body)


@_api.export("math.lbeta")
def lbeta(x, name=None):
    """tf.math.lbeta: sum(lgamma(x)) - lgamma(sum(x)) over the last axis (-inf when empty)."""
    return _lbeta(x)


# -- incomplete beta, polygamma, Hurwitz zeta ----------------------------------------------------
def _only_gradient_of(*which):
    """A backward rule giving jax.vjp's gradients for the inputs at `which` only, the others
    None: TF's _BetaincGrad differentiates x alone."""

    def rule(fn, entry, cts):
        inputs = entry.inputs
        diff = tuple(i for i in which if inputs[i].dtype in D.TRAINABLE)
        given = tuple(i for i, c in enumerate(cts) if c is not None)
        result = [None] * len(inputs)
        if diff and given:
            grads = apply(Pullback(fn, len(inputs), diff, given),
                          list(inputs) + [cts[i] for i in given])
            for i, g in zip(diff, grads):
                result[i] = g
        return result

    return rule


def _same_shapes(op_type, params, arrays):
    """TF's Betainc/Zeta/Polygamma kernels broadcast scalars only: other shapes must agree."""
    shaped = [(p, x.shape) for p, x in zip(params, arrays) if x.ndim]
    for p, shape in shaped[1:]:
        if shape != shaped[0][1]:
            raise errors.kernel_error(op_type, "Shapes of %s and %s are inconsistent: %s vs. %s"
                                      % (shaped[0][0], p, dims(shaped[0][1]), dims(shape)))
    out = shaped[0][1] if shaped else ()
    return [jnp.broadcast_to(x, out) for x in arrays]


@op("math.betainc", tensors=("a", "b", "x"), dtypes=op_defs.allowed("Betainc"),
    op_type="Betainc", sig="a:T, b:T, x:T -> z:T", backward=_only_gradient_of(2))
def betainc(a, b, x, name=None):
    """tf.math.betainc: the regularized incomplete beta function I_x(a, b)."""
    a, b, x = _same_shapes("Betainc", "abx", (a, b, x))
    return jax.scipy.special.betainc(a, b, x)


def _polygamma(n, x):
    """Eigen's polygamma: digamma for n == 0, (-1)^(n+1) n! zeta(n+1, x) for integer n > 0,
    NaN for n not a non-negative integer."""
    whole = (n >= 0) & (jnp.floor(n) == n)
    sign = jnp.where(jnp.mod(n, 2) == 0, -1, 1).astype(x.dtype)
    rest = sign * jnp.exp(jax.scipy.special.gammaln(n + 1)) * jax.scipy.special.zeta(n + 1, x)
    out = jnp.where(n == 0, jax.scipy.special.digamma(x), rest)
    return jnp.where(whole, out, jnp.full((), jnp.nan, x.dtype))


def _polygamma_grad(fn, entry, cts):
    """TF's _PolygammaGrad: d/dx = polygamma(a + 1, x); a gets none."""
    a, x = entry.inputs
    if cts[0] is None:
        return [None, None]
    return [None, multiply(cts[0], polygamma(add(a, convert_to_tensor(1, dtype=a.dtype)), x))]


@op("math.polygamma", tensors=("a", "x"), dtypes=op_defs.allowed("Polygamma"),
    op_type="Polygamma", sig="a:T, x:T -> z:T", backward=_polygamma_grad)
def polygamma(a, x, name=None):
    """tf.math.polygamma: the a-th derivative of digamma at x."""
    return _polygamma(*_same_shapes("Polygamma", "ax", (a, x)))


def _zeta_grad(fn, entry, cts):
    """TF's _ZetaGrad: d/dq = -x * zeta(x + 1, q); x gets none."""
    x, q = entry.inputs
    if cts[0] is None:
        return [None, None]
    dq = multiply(negative(x), zeta(add(x, convert_to_tensor(1, dtype=x.dtype)), q))
    return [None, multiply(cts[0], dq)]


@op("math.zeta", tensors=("x", "q"), dtypes=op_defs.allowed("Zeta"), op_type="Zeta",
    sig="x:T, q:T -> z:T", backward=_zeta_grad)
def zeta(x, q, name=None):
    """tf.math.zeta: the Hurwitz zeta function."""
    return jax.scipy.special.zeta(*_same_shapes("Zeta", "xq", (x, q)))


# -- Bessel functions --------------------------------------------------------------------------
def _cpu_kernels(*dtypes):
    """The kernel list TF's NotFoundError prints."""
    return "".join("\n  device='CPU'; T in [DT_%s]" % d for d in dtypes) + "\n"


def _bessel(name, fn, op_type, math_alias=False):
    """tf.math.special.<name> (and tf.math.<name> where TF exports it there too): no bfloat16
    CPU kernel."""
    names = ("math." + name, "math.special." + name) if math_alias else ("math.special." + name,)
    return unary(names, _no_kernel(fn, op_type, jnp.bfloat16,
                                   registered=_cpu_kernels("DOUBLE", "FLOAT", "HALF")), op_type)


bessel_i0 = _bessel("bessel_i0", tf_grads.bessel_i0, "BesselI0", True)
bessel_i0e = _bessel("bessel_i0e", _in_float32(tf_grads.bessel_i0e), "BesselI0e", True)
bessel_i1 = _bessel("bessel_i1", tf_grads.bessel_i1, "BesselI1", True)
bessel_i1e = _bessel("bessel_i1e", _in_float32(tf_grads.bessel_i1e), "BesselI1e", True)
bessel_j0 = _bessel("bessel_j0", tf_grads.bessel_j0, "BesselJ0")
bessel_j1 = _bessel("bessel_j1", tf_grads.bessel_j1, "BesselJ1")
bessel_y0 = _bessel("bessel_y0", tf_grads.bessel_y0, "BesselY0")
bessel_y1 = _bessel("bessel_y1", tf_grads.bessel_y1, "BesselY1")
bessel_k0 = _bessel("bessel_k0", tf_grads.bessel_k0, "BesselK0")
bessel_k0e = _bessel("bessel_k0e", tf_grads.bessel_k0e, "BesselK0e")
bessel_k1 = _bessel("bessel_k1", tf_grads.bessel_k1, "BesselK1")
bessel_k1e = _bessel("bessel_k1e", tf_grads.bessel_k1e, "BesselK1e")


# -- tf.math.special's other kernels (no half-precision CPU kernels) ---------------------------
def _misc(name, fn, op_type):
    return unary(("math.special." + name,), _no_kernel(fn, op_type, *HALF,
                                                       registered=_cpu_kernels("DOUBLE", "FLOAT")),
                 op_type)


dawsn = _misc("dawsn", tf_grads.dawsn, "Dawsn")
expint = _misc("expint", tf_grads.expint, "Expint")
fresnel_cos = _misc("fresnel_cos", tf_grads.fresnel_cos, "FresnelCos")
fresnel_sin = _misc("fresnel_sin", tf_grads.fresnel_sin, "FresnelSin")
spence = _misc("spence", tf_grads.spence, "Spence")


# -- einsum ------------------------------------------------------------------------------------
def _einsum_parse(equation, shapes):
    """Check inputs against the equation as TF's Python wrapper and Einsum kernel do."""
    eq = equation.replace(" ", "")
    lhs, _, out = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError('Got %d inputs for equation "%s", expecting %d'
                         % (len(shapes), equation, len(terms)))
    labels = set("".join(terms).replace(".", ""))
    for c in out.replace(".", ""):
        if c not in labels:
            raise ValueError("Output subscripts contain the label %s not present in the input "
                             "subscripts." % c)
    return terms


def _einsum_kernel_check(terms, arrays, node):
    sizes = {}
    for i, (term, x) in enumerate(zip(terms, arrays)):
        if "..." in term:
            named = term.replace("...", "")
            if x.ndim < len(named):
                raise errors.kernel_error("Einsum", "Expected input %d to have rank at least %d "
                                          "but got: %d" % (i, len(named), x.ndim), node=node)
            ell = x.ndim - len(named)
            k = term.index("...")
            axes = list(term[:k]) + [None] * ell + list(term[k + 3:])
        else:
            if x.ndim != len(term):
                raise errors.kernel_error("Einsum", "Expected input %d to have rank %d but "
                                          "got: %d" % (i, len(term), x.ndim), node=node)
            axes = list(term)
        for ax, (label, d) in enumerate(zip(axes, x.shape)):
            if label is None:
                continue
            if label in sizes and sizes[label] != d:
                raise errors.kernel_error(
                    "Einsum", "Expected dimension %d at axis %d of the input shaped %s but got "
                    "dimension %d" % (sizes[label], ax, dims(x.shape), d), node=node)
            sizes.setdefault(label, d)


@op(lists=("inputs",), op_type="Einsum")
def _einsum(equation, inputs, name=None):
    dt = inputs[0].dtype
    node = ("__MklEinsum" if dt in (jnp.float32, jnp.bfloat16) else "Einsum") + \
        "_N_%d" % len(inputs)
    if D.from_numpy(dt) not in op_defs.allowed("Einsum"):
        raise errors.no_kernel_error("Einsum", 'N=%d, T=DT_%s, equation="%s"'
                                     % (len(inputs), D.from_numpy(dt).name.upper(), equation))
    _einsum_kernel_check(_einsum_parse(equation, [x.shape for x in inputs]), inputs, node)
    return jnp.einsum(equation, *inputs, preferred_element_type=dt,
                      precision=lax.Precision.HIGHEST)


@_api.export("linalg.einsum", "einsum")
def einsum(equation, *inputs, **kwargs):
    """tf.einsum."""
    shapes = [x.shape for x in inputs]  # TF reads .shape first: a Python list fails here
    _einsum_parse(equation, shapes)
    ts = [convert_to_tensor(x) for x in inputs]
    for i, t in enumerate(ts[1:], 1):
        if t.dtype is not ts[0].dtype:
            kernel = ("_Mkl" if ts[0].dtype in (D.float32, D.bfloat16) else "") + "Einsum"
            raise mismatch("Einsum", i, ts[0].dtype, t.dtype, kernel=kernel)
    return _einsum(equation, ts)

