"""Helpers shared by the test files: dtype lists, input drawing, the one tolerance table, value
checks against NumPy, gradients through a tape and by finite differences, and the check that an
op gives eager's values inside tf.function.

pytest puts tests/ on sys.path, so test files `import testing` / `from testing import ...`.
"""

from __future__ import annotations

import contextlib
import logging

import ml_dtypes
import numpy as np
import pytest

import tfshim as tf

# -- dtypes --------------------------------------------------------------------------------------
F16, BF16, F32, F64 = np.float16, ml_dtypes.bfloat16, np.float32, np.float64
C64, C128 = np.complex64, np.complex128
I8, I16, I32, I64 = np.int8, np.int16, np.int32, np.int64
U8, U16, U32, U64 = np.uint8, np.uint16, np.uint32, np.uint64
FLOATS = [F16, BF16, F32, F64]
HALF = [F16, BF16]
COMPLEX = [C64, C128]
SIGNED = [I8, I16, I32, I64]
UNSIGNED = [U8, U16, U32, U64]
INTS = SIGNED + UNSIGNED


def name(dt) -> str:
    """A dtype's name, for test ids."""
    return np.dtype(dt).name


def real_dtype(dt):
    """The real dtype of `dt` (itself when real): complex64 -> float32."""
    return np.real(np.zeros((), dt)).dtype.type


def compute_dtype(dt):
    """The dtype a NumPy reference computes in: half types in float32 (rounded after), since
    NumPy has no bfloat16 arithmetic and its float16 ufuncs round every step."""
    return F32 if dt in HALF else dt


def draw(rng, shape, dtype, domain="any"):
    """Values of `dtype`, drawn from `rng`.

    domain "any": floats in [-3, 3), ints in [-5, 9) (unsigned from 0); "pos": floats in
    [0.25, 3), ints in [1, 9); "small": floats as "pos", ints in [0, 4). Complex values get an
    imaginary part in [-2, 2).
    domain (lo, hi): floats uniform in [lo, hi), ints those rounded, complex values an imaginary
    part 0.5 * uniform(lo, hi).
    """
    if isinstance(domain, tuple):
        lo, hi = domain
        x = rng.uniform(lo, hi, size=shape)
        if np.issubdtype(dtype, np.complexfloating):
            x = x + 0.5j * rng.uniform(lo, hi, size=shape)
        if np.issubdtype(dtype, np.integer):
            x = np.round(x)
        return np.asarray(x).astype(dtype)
    if np.issubdtype(dtype, np.integer):
        lo = 0 if domain in ("pos", "small") or np.issubdtype(dtype, np.unsignedinteger) else -5
        hi = 4 if domain == "small" else 9
        x = rng.integers(lo + (domain == "pos"), hi, size=shape)
    elif dtype is np.bool_:
        x = rng.integers(0, 2, size=shape).astype(bool)
    else:
        x = rng.uniform(-3 if domain == "any" else 0.25, 3, size=shape)
        if np.issubdtype(dtype, np.complexfloating):
            x = x + 1j * rng.uniform(-2, 2, size=shape)
    return np.asarray(x).astype(dtype)


def np_sigmoid(x):
    """The logistic function in NumPy."""
    return 1 / (1 + np.exp(-x))


# -- tolerances ----------------------------------------------------------------------------------
# The one tolerance table: a row per kind of computation, a column per precision. Values checked
# against a reference (check(), or tolerance() where a test compares arrays itself) read it;
# gradients against finite differences or jax.grad, and sample statistics, are other
# comparisons and keep their own tolerances where they are made.
#
#   elementwise  one op, or a short chain of them, correctly rounded or within a few ulp:
#                float32 within 1e-6 relative (~8 ulp), float64 within 1e-13.
#   special      special functions (lgamma, digamma, erfinv, Bessel, igamma, ...) and the
#                composites built on them or on long sums (softmax, losses, convolutions,
#                pooling): XLA's approximations and summation order differ from SciPy's and
#                NumPy's by more ulp than one op does; float32 within 1e-5 relative, float64
#                within 1e-12.
#   linalg       factorizations, solves and matrix functions: the error grows with the condition
#                number and with the order LAPACK and XLA's solvers work in; 2e-4 in float32,
#                1e-9 in float64, on the well-conditioned matrices the tests build.
#
# Half precision (float16: 11 significant bits; bfloat16: 8) gets 2e-2 in every row.
TOLERANCES = {
    "elementwise": {"half": (2e-2, 2e-2), "single": (1e-6, 1e-6), "double": (1e-13, 1e-13)},
    "special": {"half": (2e-2, 2e-2), "single": (1e-5, 1e-6), "double": (1e-12, 1e-12)},
    "linalg": {"half": (2e-2, 2e-2), "single": (2e-4, 2e-4), "double": (1e-9, 1e-9)},
}


def precision(dtype) -> str:
    """"half", "single" or "double": the column of TOLERANCES for values of `dtype`.

    Integer and bool dtypes read the "double" column: a float result of integer inputs (truediv,
    a mean) is compared as closely as float64 results are.
    """
    dt = np.dtype(dtype)
    if dt in (np.dtype(F16), np.dtype(BF16)):
        return "half"
    if dt in (np.dtype(F32), np.dtype(C64)):
        return "single"
    return "double"


def tolerance(dtype, kind="elementwise") -> dict:
    """rtol and atol for values of `dtype` computed by a `kind` of op (see TOLERANCES)."""
    rtol, atol = TOLERANCES[kind][precision(dtype)]
    return dict(rtol=rtol, atol=atol)


def check(got, want, tol_dtype=None, kind="elementwise"):
    """`got` (a tensor) has want's dtype and shape, and its values: exactly for integer, bool and
    string dtypes, within tolerance(tol_dtype or want's dtype, kind) otherwise (NaN where want
    has NaN)."""
    want = np.asarray(want)
    assert got.dtype == tf.as_dtype(want.dtype), (got.dtype, want.dtype)
    assert tuple(got.shape) == want.shape, (tuple(got.shape), want.shape)
    value = got.numpy()
    if want.dtype.kind in "iubSOU":
        np.testing.assert_array_equal(value, want)
    else:
        # Compared in float64 (complex128): half types have no NumPy arithmetic of their own.
        c = np.complex128 if want.dtype.kind == "c" else np.float64
        np.testing.assert_allclose(np.asarray(value, c), np.asarray(want, c), equal_nan=True,
                                   **tolerance(tol_dtype or want.dtype, kind))


# -- gradients -----------------------------------------------------------------------------------
def tape_grads(f, *xs):
    """d f(xs) / d xs through a tape (None where TF gives None), as NumPy arrays."""
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        for x in xs:
            t.watch(x)
        y = f(*xs)
    return [None if g is None else tf.convert_to_tensor(g).numpy() for g in t.gradient(y, xs)]


def finite_differences(f, xs, eps=1e-6):
    """Central differences of the scalar function f (of NumPy arrays) at the arrays xs."""
    out = []
    for i, x in enumerate(xs):
        g = np.zeros_like(x)
        for j in np.ndindex(x.shape):
            hi, lo = [v.copy() for v in xs], [v.copy() for v in xs]
            hi[i][j] += eps
            lo[i][j] -= eps
            g[j] = (float(f(*hi)) - float(f(*lo))) / (2 * eps)
        out.append(g)
    return out


# -- tf.function against eager --------------------------------------------------------------------
# tfshim's warning when it runs a tf.function eagerly instead of compiling it (README, "Known
# deviations": data-dependent output shapes).
EAGER_FALLBACK = "could not compile"


@contextlib.contextmanager
def tf_warnings():
    """The messages logged on the `tensorflow` logger inside the block (a list, filled as they
    come; the logger does not propagate, so pytest's caplog does not see them)."""
    messages: list = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("tensorflow")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


class NotCompiled(AssertionError):
    """tf.function ran eagerly (tfshim's fallback) where the test expects it compiled."""


def check_function_matches_eager(fn, *args, compiled=True, tol_dtype=None, kind="elementwise"):
    """fn(*args) called through tf.function gives what it gives eagerly: the same structure,
    dtypes and shapes, the same integer/bool values and float values within tolerance.

    compiled=True: the function must compile (no fallback warning, one trace). compiled=False:
    an op with a data-dependent output shape, which README's known deviations say runs eagerly
    inside tf.function with tfshim's warning; that warning must be logged, once.
    """
    eager = tf.nest.flatten(fn(*args))
    function = tf.function(fn)
    with tf_warnings() as messages:
        traced = tf.nest.flatten(function(*args))
    assert len(traced) == len(eager)
    for got, want in zip(traced, eager):
        assert isinstance(got, tf.Tensor), type(got)
        assert got.dtype == want.dtype, (got.dtype, want.dtype)
        assert got.shape == want.shape, (got.shape, want.shape)
        check(got, want.numpy(), tol_dtype, kind)
    fallbacks = [m for m in messages if EAGER_FALLBACK in m]
    if compiled:
        if fallbacks:
            raise NotCompiled(fallbacks)
        assert function.experimental_get_tracing_count() == 1
    else:
        assert len(fallbacks) == 1, messages


# Rows tfshim runs eagerly inside tf.function (with its fallback warning) where TF compiles them:
# a tensor used as a shape, a range bound, an index or segment ids is a JAX tracer there, and
# tfshim reads it as a NumPy value. Not among README's known deviations (their output shapes are
# static). Only the fallback is expected (raises=NotCompiled): the values are compared first and
# a wrong one fails the test; strict, so the mark fails, and comes off, once tfshim compiles them.
NOT_COMPILED = pytest.mark.xfail(
    strict=True, raises=NotCompiled, reason="tfshim runs it eagerly inside tf.function (a tensor "
    "used as a shape, range bound, index or segment ids is traced and read as a NumPy value); "
    "TF compiles it")
