"""More tf.math ops against NumPy/SciPy: elementwise special functions, binary ops, reductions,
arg reductions, segment reductions, bincount; gradients in float64 against finite differences;
TF's errors for bad dtypes.
"""

from __future__ import annotations

import functools
import re
from typing import Callable, NamedTuple

import numpy as np
import pytest
import scipy.special as sp
import testing
from testing import (
    BF16,
    C64,
    C128,
    F16,
    F32,
    F64,
    NOT_COMPILED,
    check_function_matches_eager,
    compute_dtype,
    draw,
    finite_differences,
    real_dtype,
    tape_grads,
)

import tfshim as tf

# Special functions against SciPy: the table's "special" row (see testing.TOLERANCES).
check = functools.partial(testing.check, kind="special")


class Rec(NamedTuple):
    name: str
    fn: Callable
    ref: Callable
    dtypes: list
    lo: float = -0.9
    hi: float = 0.9
    out: Callable | None = None  # the output dtype from the input dtype


UNARY = [
    Rec("tan", tf.math.tan, np.tan, [F32, F64, F16, C128]),
    Rec("asin", tf.math.asin, np.arcsin, [F32, F64, BF16]),
    Rec("acos", tf.math.acos, np.arccos, [F32, F64]),
    Rec("atan", tf.math.atan, np.arctan, [F32, F64, C64]),
    Rec("sinh", tf.math.sinh, np.sinh, [F32, F64, C128]),
    Rec("cosh", tf.math.cosh, np.cosh, [F32, F64]),
    Rec("asinh", tf.math.asinh, np.arcsinh, [F32, F64]),
    Rec("acosh", tf.math.acosh, np.arccosh, [F32, F64], 1.1, 4.0),
    Rec("atanh", tf.math.atanh, np.arctanh, [F32, F64]),
    Rec("expm1", tf.math.expm1, np.expm1, [F32, F64, C64]),
    Rec("log1p", tf.math.log1p, np.log1p, [F32, F64, F16]),
    Rec("rsqrt", tf.math.rsqrt, lambda x: 1 / np.sqrt(x), [F32, F64], 0.2, 4.0),
    Rec("erf", tf.math.erf, sp.erf, [F32, F64, F16]),
    Rec("erfc", tf.math.erfc, sp.erfc, [F32, F64]),
    Rec("erfinv", tf.math.erfinv, sp.erfinv, [F32, F64]),
    Rec("lgamma", tf.math.lgamma, sp.gammaln, [F32, F64], 0.2, 5.0),
    Rec("digamma", tf.math.digamma, sp.digamma, [F32, F64], 0.2, 5.0),
    Rec("log_sigmoid", tf.math.log_sigmoid, lambda x: -np.logaddexp(0, -x), [F32, F64], -9, 9),
    Rec("sign", tf.math.sign, np.sign, [F32, F64, np.int32, np.int8], -3, 3),
    Rec("floor", tf.math.floor, np.floor, [F32, F64], -3, 3),
    Rec("ceil", tf.math.ceil, np.ceil, [F32, F64], -3, 3),
    Rec("round", tf.math.round, np.round, [F32, F64, np.int32], -3, 3),
    Rec("rint", tf.math.rint, np.rint, [F32, F64], -3, 3),
    Rec("reciprocal", tf.math.reciprocal, np.reciprocal, [F32, F64, C128], 0.3, 3),
    Rec("is_nan", tf.math.is_nan, np.isnan, [F32, F64], out=lambda d: np.bool_),
    Rec("is_inf", tf.math.is_inf, np.isinf, [F32, F16], out=lambda d: np.bool_),
    Rec("is_finite", tf.math.is_finite, np.isfinite, [F64], out=lambda d: np.bool_),
    Rec("imag", tf.math.imag, np.imag, [C64, C128], out=lambda d: real_dtype(d)),
    Rec("angle", tf.math.angle, np.angle, [C64, C128], out=lambda d: real_dtype(d)),
]


@pytest.mark.parametrize("rec", UNARY, ids=[r.name for r in UNARY])
@pytest.mark.parametrize("shape", [(2, 3), ()])
def test_unary(rec, shape):
    rng = np.random.default_rng(0)
    for dtype in rec.dtypes if shape else rec.dtypes[:1]:
        x = draw(rng, shape, dtype, (rec.lo, rec.hi))
        if x.size and np.issubdtype(dtype, np.floating) and rec.name in ("round", "rint"):
            x.flat[0] = 2.5  # half to even
        c = compute_dtype(dtype)
        want = np.asarray(rec.ref(x.astype(c)))
        want = want.astype(rec.out(dtype) if rec.out else dtype)
        check(rec.fn(tf.constant(x)), want, dtype)


def _xlogy(x, y):
    return sp.xlogy(x, y)


BINARY = [
    Rec("squared_difference", tf.math.squared_difference, lambda x, y: (x - y) ** 2,
        [F32, F64, np.int32]),
    Rec("atan2", tf.math.atan2, np.arctan2, [F32, F64]),
    Rec("divide_no_nan", tf.math.divide_no_nan,
        lambda x, y: np.where(y == 0, 0, x / np.where(y == 0, 1, y)), [F32, F64]),
    Rec("xdivy", tf.math.xdivy, lambda x, y: np.where(x == 0, 0, x / y), [F32, F64], 0.1, 2),
    Rec("xlogy", tf.math.xlogy, _xlogy, [F32, F64], 0.1, 2),
    Rec("xlog1py", tf.math.xlog1py, sp.xlog1py, [F32, F64], 0.1, 2),
    Rec("truncatediv", tf.truncatediv, lambda x, y: np.trunc(x / y), [F32, F64], -5, 5),
    Rec("truncatemod", tf.truncatemod, np.fmod, [F32, F64, np.int32], -5, 5),
    Rec("nextafter", tf.math.nextafter, np.nextafter, [F32, F64]),
    Rec("igamma", tf.math.igamma, sp.gammainc, [F32, F64], 0.1, 3),
]


def _binary_inputs(rec, rng, dtype):
    """x (2, 3) and y (3,) in the record's domain: no integer zero divisors, and a zero for
    divide_no_nan."""
    x = draw(rng, (2, 3), dtype, (rec.lo, rec.hi))
    y = draw(rng, (3,), dtype, (rec.lo, rec.hi))
    if np.issubdtype(dtype, np.integer):
        y[y == 0] = 3
    if rec.name == "divide_no_nan":
        y[0] = 0
    return x, y


@pytest.mark.parametrize("rec", BINARY, ids=[r.name for r in BINARY])
def test_binary(rec):
    rng = np.random.default_rng(1)
    for dtype in rec.dtypes:
        x, y = _binary_inputs(rec, rng, dtype)
        check(rec.fn(tf.constant(x), tf.constant(y)), rec.ref(x, y).astype(dtype), dtype)


def test_integer_truncatediv_and_mod_round_toward_zero():
    x, y = tf.constant([-7, 7, -7, 7]), tf.constant([2, 2, -2, -2])
    np.testing.assert_array_equal(tf.truncatediv(x, y).numpy(), [-3, 3, 3, -3])
    np.testing.assert_array_equal(tf.truncatemod(x, y).numpy(), [-1, 1, -1, 1])
    with pytest.raises(tf.errors.InternalError):
        tf.truncatediv(x, tf.constant([0, 1, 1, 1]))


def test_divide_no_nan_casts_integers_as_truediv():
    r = tf.math.divide_no_nan(tf.constant([1, 2]), tf.constant([0, 4]))
    assert r.dtype == tf.float64
    np.testing.assert_array_equal(r.numpy(), [0, 0.5])


# -- reductions --------------------------------------------------------------------------------
M = np.array([[1.0, 2.0, 4.0], [-3.0, 0.5, 2.0]])


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_float_reductions(axis, keepdims):
    ax = list(axis) if isinstance(axis, tuple) else axis
    for dtype in (F32, F64):
        x = tf.constant(M.astype(dtype))
        kw = dict(axis=axis, keepdims=keepdims)
        check(tf.math.reduce_std(x, ax, keepdims), np.std(M, **kw).astype(dtype), dtype)
        check(tf.math.reduce_variance(x, ax, keepdims), np.var(M, **kw).astype(dtype), dtype)
        check(tf.math.reduce_logsumexp(x, ax, keepdims),
               sp.logsumexp(M, **kw).astype(dtype), dtype)
        check(tf.math.reduce_euclidean_norm(x, ax, keepdims),
               np.sqrt(np.sum(M * M, **kw)).astype(dtype), dtype)
    b = M > 0
    check(tf.math.reduce_any(tf.constant(b), ax, keepdims), np.any(b, **kw), np.bool_)
    check(tf.math.reduce_all(tf.constant(b), ax, keepdims), np.all(b, **kw), np.bool_)
    check(tf.math.count_nonzero(tf.constant(b), ax, keepdims),
           np.count_nonzero(b, axis=axis, keepdims=keepdims).astype(np.int64), np.int64)


def test_variance_of_complex_is_real_and_std_refuses_integers():
    r = tf.math.reduce_variance(tf.constant([1 + 1j, 2 + 0j]))
    assert r.dtype == tf.float64 and r.numpy() == pytest.approx(0.5)
    with pytest.raises(TypeError, match="Input must be either real or complex"):
        tf.math.reduce_std(tf.constant([1, 2]))


def test_logsumexp_of_infinite_rows():
    r = tf.math.reduce_logsumexp(tf.constant([[-np.inf, -np.inf], [np.inf, 1.0]]), axis=1)
    np.testing.assert_array_equal(r.numpy(), [-np.inf, np.inf])


@pytest.mark.parametrize("dtype", [F32, F64, np.int32, np.uint8, np.int64])
def test_argmax_argmin(dtype):
    x = np.random.default_rng(3).permutation(12).reshape(3, 4).astype(dtype)
    for axis in (None, 0, 1, -1):
        a = 0 if axis is None else axis
        check(tf.math.argmax(tf.constant(x), axis), np.argmax(x, a).astype(np.int64), dtype)
        check(tf.math.argmin(tf.constant(x), axis, output_type=tf.int32),
               np.argmin(x, a).astype(np.int32), dtype)


def test_argmax_errors_and_nan():
    assert int(tf.math.argmax(tf.constant([1.0, np.nan, 3.0]))) == 2
    with pytest.raises(tf.errors.InvalidArgumentError, match="Expected dimension in the range"):
        tf.math.argmax(tf.constant([1, 2]), axis=1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Reduction axis 0 is empty"):
        tf.math.argmax(tf.constant([], tf.float32))


def _segment_ref(kind, data, ids, n, empty):
    out = np.full((n,) + data.shape[1:], empty, data.dtype)
    for s in range(n):
        rows = data[ids == s]
        if len(rows):
            out[s] = {"sum": np.sum, "prod": np.prod, "max": np.max, "min": np.min,
                      "mean": np.mean}[kind](rows, axis=0)
    return out


@pytest.mark.parametrize("kind", ["sum", "prod", "max", "min", "mean"])
@pytest.mark.parametrize("dtype", [F32, F64, np.int32])
def test_segment_reductions(kind, dtype):
    rng = np.random.default_rng(4)
    data = rng.integers(-4, 5, size=(6, 2)).astype(dtype)
    ids = np.array([0, 0, 1, 3, 3, 3])
    if kind == "mean" and dtype == np.int32:
        return  # integer means truncate: pinned by the TF tier
    fn = getattr(tf.math, "segment_" + kind)
    check(fn(tf.constant(data), tf.constant(ids)),
           _segment_ref(kind, data, ids, 4, 1 if kind == "prod" else 0), dtype)
    uids = np.array([2, 0, -1, 2, 0, 4])
    ufn = getattr(tf.math, "unsorted_segment_" + kind)
    lowest = np.finfo(dtype).min if dtype != np.int32 else np.iinfo(dtype).min
    highest = np.finfo(dtype).max if dtype != np.int32 else np.iinfo(dtype).max
    empty = {"sum": 0, "prod": 1, "max": lowest, "min": highest, "mean": 0}[kind]
    check(ufn(tf.constant(data), tf.constant(uids), 5), _segment_ref(kind, data, uids, 5, empty),
           dtype)


def test_unsorted_segment_sqrt_n():
    data = np.arange(8.0).reshape(4, 2)
    ids = np.array([1, 1, 0, 1])
    r = tf.math.unsorted_segment_sqrt_n(tf.constant(data), tf.constant(ids), 3)
    want = np.stack([data[2], data[[0, 1, 3]].sum(0) / np.sqrt(3), np.zeros(2)])
    check(r, want, F64)


def test_segment_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match="segment ids are not increasing"):
        tf.math.segment_sum(tf.constant([1, 2, 3]), tf.constant([0, 1, 0]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"segment_ids\[1\] = 5 is out"):
        tf.math.unsorted_segment_sum(tf.constant([1, 2]), tf.constant([0, 5]), 3)


def test_bincount_polyval_cumulative_logsumexp():
    a = np.array([1, 1, 3, 0, 3, 3])
    check(tf.math.bincount(tf.constant(a)), np.bincount(a).astype(np.int32), np.int32)
    w = np.linspace(0, 1, 6).astype(F32)
    check(tf.math.bincount(tf.constant(a), weights=tf.constant(w), minlength=6),
           np.bincount(a, w, minlength=6).astype(F32), F32)
    check(tf.math.bincount(tf.constant(a), maxlength=2), np.bincount(a)[:2].astype(np.int32),
           np.int32)
    x = np.array([0.5, -1.0, 2.0])
    check(tf.math.polyval([1.0, -2.0, 3.0], tf.constant(x.astype(F32))),
           np.polyval([1.0, -2.0, 3.0], x).astype(F32), F32)
    check(tf.math.cumulative_logsumexp(tf.constant(x)), np.logaddexp.accumulate(x), F64)
    check(tf.math.cumulative_logsumexp(tf.constant(x), reverse=True, exclusive=True),
           np.append(np.logaddexp.accumulate(x[::-1])[::-1][1:], -np.inf), F64)


# -- gradients ---------------------------------------------------------------------------------
def _weights(y):
    n = int(np.prod(y.shape))
    return np.linspace(0.5, 1.5, n).reshape(tuple(y.shape))


def _grad_and_fd(f, x):
    """d sum(f(x) * w) / dx for fixed weights w, through a tape and by central differences."""

    def weighted(v):
        y = f(tf.convert_to_tensor(v))
        return tf.reduce_sum(y * tf.constant(_weights(y)))

    (got,) = tape_grads(weighted, x)
    (fd,) = finite_differences(weighted, [x])
    return got, fd


SMOOTH = {
    "tan": tf.math.tan, "asin": tf.math.asin, "acos": tf.math.acos, "atan": tf.math.atan,
    "sinh": tf.math.sinh, "cosh": tf.math.cosh, "asinh": tf.math.asinh, "atanh": tf.math.atanh,
    "expm1": tf.math.expm1, "log1p": tf.math.log1p, "erf": tf.math.erf, "erfc": tf.math.erfc,
    "erfinv": tf.math.erfinv, "log_sigmoid": tf.math.log_sigmoid,
    "acosh": lambda x: tf.math.acosh(x + 2.0), "rsqrt": lambda x: tf.math.rsqrt(x + 2.0),
    "lgamma": lambda x: tf.math.lgamma(x + 2.0), "digamma": lambda x: tf.math.digamma(x + 2.0),
    "reciprocal": lambda x: tf.math.reciprocal(x + 2.0),
    "squared_difference": lambda x: tf.math.squared_difference(x, tf.reverse(x, [0])),
    "atan2": lambda x: tf.math.atan2(x, x * x + 1.0),
    "xlogy": lambda x: tf.math.xlogy(x, x + 2.0), "xlog1py": lambda x: tf.math.xlog1py(x, x + 1.5),
    "xdivy": lambda x: tf.math.xdivy(x, x + 2.0),
    "divide_no_nan": lambda x: tf.math.divide_no_nan(x, x + 2.0),
    "reduce_std": lambda x: tf.math.reduce_std(tf.reshape(x, [2, 2]), 1),
    "reduce_variance": lambda x: tf.math.reduce_variance(tf.reshape(x, [2, 2]), 0),
    "reduce_logsumexp": lambda x: tf.math.reduce_logsumexp(tf.reshape(x, [2, 2]), 1),
    "reduce_euclidean_norm": lambda x: tf.math.reduce_euclidean_norm(tf.reshape(x, [2, 2]), 1),
    "segment_prod": lambda x: tf.math.segment_prod(x, tf.constant([0, 0, 1, 1])),
    "segment_max": lambda x: tf.math.segment_max(x, tf.constant([0, 0, 1, 1])),
    "unsorted_segment_mean": lambda x: tf.math.unsorted_segment_mean(x, [1, 0, 1, 1], 2),
    "unsorted_segment_sqrt_n": lambda x: tf.math.unsorted_segment_sqrt_n(x, [1, 0, 1, 1], 2),
    "cumulative_logsumexp": tf.math.cumulative_logsumexp,
}


@pytest.mark.parametrize("name", sorted(SMOOTH))
def test_gradient_matches_finite_differences(name):
    f = SMOOTH[name]
    x = np.array([0.3, -0.45, 0.6, 0.15])
    np.testing.assert_allclose(*_grad_and_fd(f, x), rtol=1e-6, atol=1e-7)


def test_xlogy_gradient_is_zero_at_x_zero():
    x, y = tf.constant([0.0, 2.0], tf.float64), tf.constant([0.5, 0.5], tf.float64)
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = tf.math.xlogy(x, y)
    gx, gy = t.gradient(z, [x, y])
    np.testing.assert_allclose(gx.numpy(), [0.0, np.log(0.5)])
    np.testing.assert_allclose(gy.numpy(), [0.0, 4.0])


def test_non_differentiable_ops_give_none():
    x = tf.constant([0.3, 1.7], tf.float64)
    for f in (tf.math.floor, tf.math.ceil, tf.math.round, tf.math.rint,
              lambda v: tf.cast(tf.math.argmax(v), tf.float64),
              lambda v: tf.truncatediv(v, 2.0)):
        with tf.GradientTape() as t:
            t.watch(x)
            y = f(x)
        assert t.gradient(y, x) is None
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.truncatemod(x, 2.0)
    with pytest.raises(LookupError, match="TruncateMod"):
        t.gradient(y, x)


# -- errors ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fn,arg,message", [
    (tf.math.tan, [1, 2], "of int32 is not in the list of allowed values: bfloat16, half, "
     "float, double, complex64, complex128"),
    (tf.math.erf, [1j], "of complex128 is not in the list of allowed values: bfloat16, half"),
    (tf.math.log_sigmoid, [1], "allowed values: half, bfloat16, float, double"),
    (tf.math.is_nan, [1], "of int32 is not in the list"),
    (tf.math.reduce_logsumexp, [1], "{{node IsFinite}}"),
    (tf.math.reduce_logsumexp, [1j], "{{node Max}}"),
    (tf.debugging.check_numerics, [1], "{{node CheckNumerics}}"),
])
def test_dtype_errors(fn, arg, message):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn(tf.constant(arg)) if fn is not tf.debugging.check_numerics else fn(
            tf.constant(arg), "m")
    assert message in str(e.value)


@pytest.mark.parametrize("fn,dt", [(tf.math.lgamma, tf.bfloat16), (tf.math.erfinv, tf.float16),
                                   (tf.math.rint, tf.bfloat16), (tf.math.reciprocal, tf.int32)])
def test_no_cpu_kernel_is_not_found(fn, dt):
    with pytest.raises(tf.errors.NotFoundError, match="Could not find device for node"):
        fn(tf.constant([1], dt))


def test_ops_inside_tf_function_match_eager():
    x = tf.constant([[0.5, -1.0], [2.0, 0.25]])
    check_function_matches_eager(
        lambda v: (tf.math.atan2(v, 1.0 + v * v), tf.math.reduce_logsumexp(v, 1),
                   tf.math.argmax(v, 1), tf.math.reduce_std(v), tf.math.erf(v)), x,
        kind="special")


# -- special functions and composites ------------------------------------------------------------
SPECIAL = [
    Rec("ndtri", tf.math.ndtri, sp.ndtri, [F32, F64], 0.05, 0.95),
    Rec("erfcinv", tf.math.erfcinv, sp.erfcinv, [F32, F64], 0.05, 1.95),
    Rec("bessel_i0", tf.math.bessel_i0, sp.i0, [F32, F64], -3, 3),
    Rec("bessel_i0e", tf.math.bessel_i0e, sp.i0e, [F32, F64, F16], -3, 3),
    Rec("bessel_i1", tf.math.bessel_i1, sp.i1, [F32, F64], -3, 3),
    Rec("bessel_i1e", tf.math.bessel_i1e, sp.i1e, [F32, F64], -3, 3),
    Rec("reciprocal_no_nan", tf.math.reciprocal_no_nan,
        lambda x: np.where(x == 0, 0, 1 / np.where(x == 0, 1, x)), [F32, F64], -3, 3),
]


@pytest.mark.parametrize("rec", SPECIAL, ids=[r.name for r in SPECIAL])
def test_special_functions(rec):
    rng = np.random.default_rng(5)
    for dtype in rec.dtypes:
        x = draw(rng, (7,), dtype, (rec.lo, rec.hi))
        c = compute_dtype(dtype)
        check(rec.fn(tf.constant(x)), np.asarray(rec.ref(x.astype(c))).astype(dtype), dtype)


def test_small_composites():
    a, x = np.array([0.5, 2.0, 3.0]), np.array([1.0, 3.0, 0.5])
    check(tf.math.igammac(tf.constant(a), tf.constant(x)), sp.gammaincc(a, x), F64)
    m = np.array([[1.0, 2.0], [3.0, 4.0]])
    check(tf.math.lbeta(tf.constant(m)), sp.gammaln(m).sum(1) - sp.gammaln(m.sum(1)), F64)
    check(tf.math.multiply_no_nan(tf.constant([np.inf, 2.0]), tf.constant([0.0, 3.0])),
           np.array([0.0, 6.0], F32), F32)
    check(tf.math.zero_fraction(tf.constant([0, 1, 0, 3])), np.float32(0.5), F32)
    assert bool(tf.math.is_non_decreasing([1, 1, 2]))
    assert not bool(tf.math.is_strictly_increasing([1, 1, 2]))
    check(tf.math.accumulate_n([tf.constant([1.0]), tf.constant([2.5])]), np.array([3.5], F32),
           F32)
    with pytest.raises(ValueError, match="inputs must be a list of at least one Tensor"):
        tf.math.accumulate_n([tf.constant([1]), tf.constant([2.0])])
    check(tf.math.scalar_mul(2, tf.constant([1.5])), np.array([3.0], F32), F32)
    with pytest.raises(ValueError, match="The input scalar must be a 0-D value"):
        tf.math.scalar_mul(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0]))


@pytest.mark.parametrize("name", ["bessel_i0", "bessel_i1", "bessel_i0e", "bessel_i1e", "ndtri",
                                  "erfcinv", "igammac", "lbeta", "accumulate_n"])
def test_special_gradients_match_finite_differences(name):
    f = {"igammac": lambda v: tf.math.igammac(v + 1.0, v + 1.0),
         "lbeta": lambda v: tf.math.lbeta(tf.stack([v + 1.0, v + 2.0], 1)),
         "accumulate_n": lambda v: tf.math.accumulate_n([v, v * v]),
         "ndtri": lambda v: tf.math.ndtri(v * 0.5 + 0.5),
         "erfcinv": lambda v: tf.math.erfcinv(v + 1.0)}.get(name, getattr(tf.math, name))
    x = np.array([0.3, -0.45, 0.6, 0.15])
    np.testing.assert_allclose(*_grad_and_fd(f, x), rtol=1e-6, atol=1e-7)


def test_multiply_no_nan_gradient_follows_tf():
    x = tf.constant([0.2, 0.7], tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.multiply_no_nan(x, x - 0.2)
    # TF's _MulNoNanGrad: x's own factor y is 0 at x[0], but y's gradient (x) still flows.
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [0.2, 1.2])


def test_reductions_and_matmul_run_as_cached_jits_with_tfs_errors():
    from tfshim._core import op as op_mod

    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(tf.reduce_sum(x, axis=-1, keepdims=True).numpy(), [[3.0], [7.0]])
    np.testing.assert_allclose(tf.matmul(x, x, transpose_b=True).numpy(), [[5.0, 11.0],
                                                                            [11.0, 25.0]])
    bodies = {k.body for k in op_mod._jit_cache if isinstance(k, op_mod.BoundOp)}
    assert tf.reduce_sum._spec.body in bodies  # the eager call went through jax.jit
    with pytest.raises(tf.errors.InvalidArgumentError) as err:
        tf.reduce_sum(x, axis=3)  # raised while JAX traced the body: TF's error, no JAX note
    assert "Invalid reduction dimension (3 for input with 2 dimension(s)" in str(err.value)
    assert not getattr(err.value, "__notes__", None)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
        tf.matmul(x, tf.ones((3, 2)))
    with tf.GradientTape() as t:  # recorded as before: gradients through the jitted ops
        t.watch(x)
        y = tf.reduce_mean(tf.matmul(x, x))
    # d mean(X @ X) / dX = (ones @ X.T + X.T @ ones) / 4
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [[1.75, 2.75], [2.25, 3.25]])


# -- every row of the tables above inside tf.function: eager's values, dtypes and shapes -------
@pytest.mark.parametrize("rec", UNARY + SPECIAL, ids=[r.name for r in UNARY + SPECIAL])
def test_unary_in_tf_function(rec):
    rng = np.random.default_rng(0)
    for dtype in rec.dtypes:
        x = tf.constant(draw(rng, (2, 3), dtype, (rec.lo, rec.hi)))
        check_function_matches_eager(rec.fn, x, tol_dtype=dtype, kind="special")


@pytest.mark.parametrize("rec", BINARY, ids=[r.name for r in BINARY])
def test_binary_in_tf_function(rec):
    rng = np.random.default_rng(1)
    for dtype in rec.dtypes:
        x, y = _binary_inputs(rec, rng, dtype)
        check_function_matches_eager(rec.fn, tf.constant(x), tf.constant(y), tol_dtype=dtype,
                                     kind="special")


SEGMENT_DATA = np.random.default_rng(4).integers(-4, 5, size=(6, 2)).astype(F64)


@pytest.mark.parametrize("kind", ["sum", "prod", "max", "min", "mean"])
def test_segment_reductions_in_tf_function(kind):
    # As many rows as the largest id + 1, a data-dependent shape: README's known deviation, run
    # eagerly with tfshim's warning.
    check_function_matches_eager(getattr(tf.math, "segment_" + kind), tf.constant(SEGMENT_DATA),
                                 tf.constant([0, 0, 1, 3, 3, 3]), compiled=False, kind="special")


@pytest.mark.parametrize("kind", ["sum", "prod", "max", "min", "mean", "sqrt_n"])
@NOT_COMPILED
def test_unsorted_segment_reductions_in_tf_function(kind):
    # num_segments rows: a static shape, which TF compiles.
    check_function_matches_eager(
        lambda d, i: getattr(tf.math, "unsorted_segment_" + kind)(d, i, 5),
        tf.constant(SEGMENT_DATA), tf.constant([2, 0, -1, 2, 0, 4]), kind="special")


def test_bincount_per_row_and_tf_argument_rules():
    # axis=-1 counts each row of a matrix (Keras's ops.bincount of a batch takes this path).
    a = np.array([[0, 1, 1], [2, 2, 0]])
    check(tf.math.bincount(tf.constant(a), axis=-1), np.array([[1, 2, 0], [1, 0, 2]], np.int32))
    w = np.array([[1.0, 2, 3], [4, 5, 6]], F32)
    check(tf.math.bincount(tf.constant(a), weights=tf.constant(w), axis=-1, minlength=4),
          np.array([[1, 5, 0, 0], [6, 0, 9, 0]], F32))
    check(tf.math.bincount(tf.constant(a), axis=-1, binary_output=True, maxlength=2),
          np.array([[1, 1], [1, 0]], np.int32))
    # A float input is truncated to int32.
    check(tf.math.bincount(tf.constant([1.7, 2.0])), np.array([0, 1, 1], np.int32))
    with pytest.raises(ValueError, match="Only 0 and -1 are currently supported"):
        tf.math.bincount(tf.constant(a), axis=1)
    with pytest.raises(ValueError, match="`binary_output` and `weights` are mutually exclusive"):
        tf.math.bincount(tf.constant([1]), weights=[1.0], binary_output=True)
    with pytest.raises(tf.errors.InvalidArgumentError, match="at most rank 2 but is rank 3"):
        tf.math.bincount(tf.zeros([2, 2, 2], tf.int32), axis=-1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Negative input value found: -2"):
        tf.math.bincount(tf.constant([[1, -2]]), axis=-1)


def test_bincount_in_tf_function():
    # Its length is the largest value + 1: README's known deviation, run eagerly with a warning.
    check_function_matches_eager(tf.math.bincount, tf.constant([1, 1, 3, 0, 3, 3]),
                                 compiled=False)


def test_invert_permutation_as_tf():
    assert tf.math.invert_permutation([3, 4, 0, 2, 1]).numpy().tolist() == [2, 4, 3, 0, 1]
    out = tf.math.invert_permutation(tf.constant([1, 0], tf.int64))
    assert out.dtype == tf.int64 and out.numpy().tolist() == [1, 0]
    assert tf.function(tf.math.invert_permutation)(tf.constant([2, 0, 1])).numpy().tolist() == [
        1, 2, 0]
    kernel = "{{function_node __wrapped__InvertPermutation_device_/job:localhost/replica:0/task:0/"
    for value, message in (([0, 0], "0 is duplicated in the input."),
                           ([0, 5], "5 is not between 0 and 2"),
                           ([-1, 0], "-1 is not between 0 and 2"),
                           ([[0]], "invert_permutation expects a 1D vector.")):
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            tf.math.invert_permutation(value)
        assert str(e.value) == kernel + "device:CPU:0}} %s [Op:InvertPermutation]" % message
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "Value for attr 'T' of float is not in the list of allowed values: int32, int64\n\t; "
            "NodeDef: {{node InvertPermutation}}; Op<name=InvertPermutation; signature=x:T -> y:T; "
            "attr=T:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]> [Op:InvertPermutation]")):
        tf.math.invert_permutation([0.0, 1.0])


def test_scan_axis_errors_name_the_axis_as_tfs_kernel():
    """TF's ScanOp adds the rank to a negative axis before its range check and its message
    (texts from TF 2.21), for cumulative_logsumexp as for cumsum."""
    x = tf.constant([[0.0], [0.0]])
    for fn, op_type in ((tf.math.cumulative_logsumexp, "CumulativeLogsumexp"),
                        (tf.math.cumsum, "Cumsum")):
        for axis, named in ((3, 3), (-3, -1)):
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"ScanOp: Expected scan axis in the range \[-2, 2\), but "
                               r"got %d \[Op:%s\]" % (named, op_type)):
                fn(x, axis)
