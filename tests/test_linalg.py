"""tf.linalg against NumPy/SciPy: values, dtypes and shapes over dtypes and batch shapes;
gradients in float64 against central finite differences; eager against tf.function; and the
deliberate differences from TF, each pinned.

TF's own values, error messages and gradients are compared in the TF tier
(tests/tf_tier/programs/linalg_*.py).
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
import scipy.linalg
import testing
from testing import C64, C128, F32, F64, real_dtype

import tfshim as tf

# Factorizations and solves: the table's "linalg" row (see testing.TOLERANCES).
check = functools.partial(testing.check, kind="linalg")
tolerance = functools.partial(testing.tolerance, kind="linalg")
REAL = [F32, F64]
ALL = [F32, F64, C64, C128]
# Each dtype once, with and without batch dimensions between them.
DTYPE_BATCH = [(F32, ()), (F64, (2, 3)), (C64, (2,)), (C128, ())]


def _rng(seed=0):
    return np.random.default_rng(seed)


def _matrix(shape, dtype, rng, kind="general"):
    """A well-conditioned matrix of `kind`: general, spd (Hermitian positive definite), lower."""
    n = shape[-1]
    x = rng.normal(size=shape)
    if np.issubdtype(dtype, np.complexfloating):
        x = x + 1j * rng.normal(size=shape)
    if kind in ("spd", "general"):
        if kind == "spd":
            x = x @ np.conj(np.swapaxes(x, -1, -2)) / n
        x = x + n * np.eye(n, shape[-2] if len(shape) > 1 else n)[: shape[-2], :n]
    if kind == "lower":
        x = np.tril(x) + 3 * np.eye(n)
    return x.astype(dtype)


def _adjoint(x):
    return np.conj(np.swapaxes(x, -1, -2))


# ---------------------------------------------------------------------------------------------
# Values


@pytest.mark.parametrize("dtype, batch", DTYPE_BATCH)
def test_inverse_determinant_solve(dtype, batch):
    rng = _rng()
    a = _matrix(batch + (3, 3), dtype, rng)
    b = _matrix(batch + (3, 2), dtype, rng, kind="rhs")
    check(tf.linalg.inv(a), np.linalg.inv(a))
    check(tf.linalg.inv(a, adjoint=True), np.linalg.inv(_adjoint(a)))
    check(tf.linalg.det(a), np.linalg.det(a))
    sign, logabs = np.linalg.slogdet(a)
    got = tf.linalg.slogdet(a)
    assert type(got).__name__ == "LogMatrixDeterminant"
    check(got.sign, sign.astype(dtype))
    check(got.log_abs_determinant, logabs.astype(dtype))
    check(tf.linalg.solve(a, b), np.linalg.solve(a, b))
    check(tf.linalg.solve(a, b, adjoint=True), np.linalg.solve(_adjoint(a), b))


@pytest.mark.parametrize("dtype, batch", DTYPE_BATCH)
def test_cholesky_family(dtype, batch):
    rng = _rng(1)
    a = _matrix(batch + (4, 4), dtype, rng, kind="spd")
    b = _matrix(batch + (4, 2), dtype, rng, kind="rhs")
    chol = np.linalg.cholesky(a)
    check(tf.linalg.cholesky(a), chol)
    check(tf.linalg.cholesky_solve(chol, b), np.linalg.solve(a, b))
    real = real_dtype(dtype)
    check(tf.linalg.logdet(a), np.linalg.slogdet(a)[1].astype(real), dtype)


def test_cholesky_reads_the_lower_triangle_and_gives_nan_when_not_definite():
    a = np.array([[4.0, 100.0], [1.0, 3.0]])
    np.testing.assert_allclose(tf.linalg.cholesky(a).numpy(),
                               np.linalg.cholesky(np.tril(a) + np.tril(a, -1).T))
    out = tf.linalg.cholesky(-np.eye(2)).numpy()
    assert np.isnan(out[0, 0]) and out[0, 1] == 0


@pytest.mark.parametrize("dtype", ALL)
@pytest.mark.parametrize("lower, adjoint", [(True, False), (False, False), (True, True),
                                            (False, True)])
def test_triangular_solve(dtype, lower, adjoint):
    rng = _rng(2)
    a = _matrix((2, 3, 3), dtype, rng)  # the other triangle must be ignored
    b = _matrix((2, 3, 2), dtype, rng, kind="rhs")
    tri = np.tril(a) if lower else np.triu(a)
    m = _adjoint(tri) if adjoint else tri
    check(tf.linalg.triangular_solve(a, b, lower=lower, adjoint=adjoint),
           np.linalg.solve(m, b))
    # Batch dimensions broadcast.
    got = tf.linalg.triangular_solve(a[0], b, lower=lower, adjoint=adjoint)
    assert got.shape == (2, 3, 2)


@pytest.mark.parametrize("dtype", [F32, C64])
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (2, 4, 4)])
def test_lstsq(dtype, shape):
    rng = _rng(3)
    a = _matrix(shape, dtype, rng, kind="rhs")
    b = _matrix(shape[:-2] + (shape[-2], 2), dtype, rng, kind="rhs")
    want = np.stack([np.linalg.lstsq(x, y, rcond=None)[0] for x, y in
                     zip(a.reshape((-1,) + shape[-2:]), b.reshape((-1,) + b.shape[-2:]))])
    want = want.reshape(shape[:-2] + want.shape[-2:])
    check(tf.linalg.lstsq(a, b), want)
    check(tf.linalg.lstsq(a, b, fast=False), want)
    if shape[-2] >= shape[-1]:
        lam = 0.5
        ah = _adjoint(a)
        reg = np.linalg.solve(ah @ a + lam * np.eye(shape[-1]), ah @ b)
        check(tf.linalg.lstsq(a, b, l2_regularizer=lam), reg.astype(dtype))


@pytest.mark.parametrize("dtype", [F32, C128])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 3, 3)])
@pytest.mark.parametrize("full", [False, True])
def test_qr_and_svd(dtype, shape, full):
    rng = _rng(4)
    a = _matrix(shape, dtype, rng, kind="rhs")
    q, r = tf.linalg.qr(a, full_matrices=full)
    wq, wr = np.linalg.qr(a, mode="complete" if full else "reduced")
    assert q.shape == wq.shape and r.shape == wr.shape
    check(tf.matmul(q, r), a)
    np.testing.assert_allclose(np.triu(r.numpy()), r.numpy())
    s, u, v = tf.linalg.svd(a, full_matrices=full)
    real = real_dtype(dtype)
    check(s, np.linalg.svd(a, compute_uv=False).astype(real), dtype)
    check(tf.linalg.svd(a, compute_uv=False), np.linalg.svd(a, compute_uv=False).astype(real),
           dtype)
    k = min(shape[-2:])
    # TF's v is not transposed: a = u diag(s) v^H.
    recon = (u.numpy()[..., :, :k] * s.numpy()[..., None, :]) @ _adjoint(v.numpy()[..., :, :k])
    np.testing.assert_allclose(recon, a, **tolerance(dtype))
    if full:
        assert u.shape[-1] == shape[-2] and v.shape[-1] == shape[-1]


@pytest.mark.parametrize("dtype, batch", DTYPE_BATCH)
def test_eigh(dtype, batch):
    rng = _rng(5)
    a = _matrix(batch + (4, 4), dtype, rng, kind="spd")
    e, v = tf.linalg.eigh(a)
    want = np.linalg.eigvalsh(a).astype(dtype)  # TF: complex input gives complex eigenvalues
    check(e, want)
    check(tf.linalg.eigvalsh(a), want)
    recon = (v.numpy() * e.numpy()[..., None, :]) @ _adjoint(v.numpy())
    np.testing.assert_allclose(recon, a, **tolerance(dtype))
    # Only the lower triangle is read.
    upper_garbage = a + np.triu(np.ones_like(a), 1) * 7
    check(tf.linalg.eigvalsh(upper_garbage), want)


@pytest.mark.parametrize("dtype", ALL)
def test_eig(dtype):
    a = _matrix((2, 3, 3), dtype, _rng(6))
    e, v = tf.linalg.eig(a)
    assert e.dtype == (tf.complex64 if dtype in (F32, C64) else tf.complex128)
    np.testing.assert_allclose(np.sort_complex(e.numpy().reshape(-1)),
                               np.sort_complex(np.linalg.eigvals(a).reshape(-1)), **tolerance(C64))
    lhs = a @ v.numpy()
    np.testing.assert_allclose(lhs, v.numpy() * e.numpy()[..., None, :], **tolerance(C64))
    check(tf.linalg.eigvals(a), e.numpy())


@pytest.mark.parametrize("dtype", [F32, C128])
def test_matrix_functions(dtype):
    rng = _rng(7)
    a = _matrix((3, 3), dtype, rng) / 3
    check(tf.linalg.expm(a), scipy.linalg.expm(a).astype(dtype))
    check(tf.linalg.expm(np.stack([a, 2 * a])), np.stack([scipy.linalg.expm(a),
                                                           scipy.linalg.expm(2 * a)]).astype(dtype))
    spd = _matrix((3, 3), dtype, rng, kind="spd")
    check(tf.linalg.sqrtm(spd), scipy.linalg.sqrtm(spd).astype(dtype))
    assert tf.matrix_square_root is tf.linalg.sqrtm


@pytest.mark.parametrize("dtype", REAL)
def test_pinv_and_rank(dtype):
    rng = _rng(8)
    a = _matrix((2, 4, 3), dtype, rng, kind="rhs")
    check(tf.linalg.pinv(a), np.linalg.pinv(a))
    low = (a[0, :, :1] @ a[0, :1, :]).astype(dtype)  # rank 1
    assert int(tf.linalg.matrix_rank(low)) == 1
    np.testing.assert_array_equal(tf.linalg.matrix_rank(a).numpy(), [3, 3])
    with pytest.raises(TypeError, match="float"):
        tf.linalg.pinv(np.ones((2, 2), np.int32))


@pytest.mark.parametrize("dtype", REAL)
def test_lu_family(dtype):
    rng = _rng(9)
    a = _matrix((2, 4, 4), dtype, rng) - 4 * np.eye(4, dtype=dtype)  # pivoting happens
    lu, p = tf.linalg.lu(a)
    assert type(tf.linalg.lu(a)).__name__ == "Lu" and p.dtype == tf.int32
    low = np.tril(lu.numpy(), -1) + np.eye(4)
    up = np.triu(lu.numpy())
    np.testing.assert_allclose(np.take_along_axis(a, p.numpy()[..., None], -2), low @ up,
                               **tolerance(dtype))
    check(tf.linalg.lu_reconstruct(lu, p), a)
    check(tf.linalg.lu_matrix_inverse(lu, p), np.linalg.inv(a))
    b = rng.normal(size=(2, 4, 1)).astype(dtype)
    check(tf.linalg.lu_solve(lu, p, b), np.linalg.solve(a, b))
    assert tf.linalg.lu(a, output_idx_type=tf.int64).p.dtype == tf.int64


def _diag_part_ref(m, lo, hi, align, pad):
    """TF's MatrixDiagPartV3 with a band [lo, hi], from its definition."""
    rows, cols = m.shape[-2:]

    def length(d):
        return min(rows + min(d, 0), cols - max(d, 0))

    max_len = max(length(d) for d in range(lo, hi + 1))
    out = np.full(m.shape[:-2] + (hi - lo + 1, max_len), pad, m.dtype)
    for j, d in enumerate(range(hi, lo - 1, -1)):
        n = length(d)
        left = (d >= 0 and align in ("LEFT_LEFT", "LEFT_RIGHT")) or (
            d <= 0 and align in ("LEFT_LEFT", "RIGHT_LEFT"))
        off = 0 if left else max_len - n
        for i in range(n):
            out[..., j, off + i] = m[..., i + max(-d, 0), i + max(d, 0)]
    return out


_ALIGNS = ["RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT"]


@pytest.mark.parametrize("dtype", [F32, np.int32])
@pytest.mark.parametrize("shape", [(3, 4), (4, 3), (2, 3, 3)])
@pytest.mark.parametrize("band, align", [((0, 0), "RIGHT_LEFT"), ((1, 1), "LEFT_LEFT"),
                                         ((-1, -1), "RIGHT_RIGHT")]
                         + [((-1, 2), a) for a in _ALIGNS] + [((-2, 0), a) for a in _ALIGNS])
def test_diagonals(dtype, shape, band, align):
    lo, hi = band
    m = (np.arange(np.prod(shape)).reshape(shape) + 1).astype(dtype)
    want = _diag_part_ref(m, lo, hi, align, 0)
    k = lo if lo == hi else (lo, hi)
    got = tf.linalg.diag_part(m, k=k, align=align)
    check(got, want[..., 0, :] if lo == hi else want)
    # set_diag writes the same positions; diag builds a matrix holding only them.
    marks = np.full_like(want, 9)
    diag_in = marks[..., 0, :] if lo == hi else marks
    out = tf.linalg.set_diag(m, diag_in, k=k, align=align).numpy()
    r, c = np.indices(shape[-2:])
    inside = (c - r >= lo) & (c - r <= hi)
    np.testing.assert_array_equal(out[..., inside], 9)
    np.testing.assert_array_equal(out[..., ~inside], m[..., ~inside])
    built = tf.linalg.diag(tf.linalg.diag_part(m, k=k, align=align), k=k, align=align,
                           num_rows=shape[-2], num_cols=shape[-1]).numpy()
    np.testing.assert_array_equal(built[..., inside], m[..., inside])
    np.testing.assert_array_equal(built[..., ~inside], 0)


def test_diag_basics_and_band_part():
    check(tf.linalg.diag([1.0, 2.0]), np.diag(np.array([1.0, 2.0], F32)))
    check(tf.linalg.diag([[1, 2], [3, 4]]), np.stack([np.diag([1, 2]), np.diag([3, 4])])
           .astype(np.int32))
    check(tf.linalg.diag([1.0, 2.0], k=1), np.diag(np.array([1.0, 2.0], F32), 1))
    check(tf.linalg.diag_part(np.arange(9.0).reshape(3, 3)), np.array([0.0, 4.0, 8.0]))
    check(tf.linalg.trace(np.arange(18).reshape(2, 3, 3).astype(np.int64)),
           np.trace(np.arange(18).reshape(2, 3, 3), axis1=-2, axis2=-1).astype(np.int64))
    m = np.arange(1.0, 21.0).reshape(4, 5)
    for lo in (-1, 0, 2):
        for hi in (-1, 0, 1, 4):
            r, c = np.indices(m.shape)
            keep = ((lo < 0) | (r - c <= lo)) & ((hi < 0) | (c - r <= hi))
            check(tf.linalg.band_part(m, lo, hi), np.where(keep, m, 0))
    check(tf.linalg.tensor_diag([[1, 2], [3, 4]]),
           np.diag([1, 2, 3, 4]).reshape(2, 2, 2, 2).astype(np.int32))
    check(tf.linalg.tensor_diag_part(np.diag([1.0, 2.0, 3.0, 4.0]).reshape(2, 2, 2, 2)),
           np.array([[1.0, 2.0], [3.0, 4.0]]))


@pytest.mark.parametrize("dtype", [F32, F64, C64, np.int32])
def test_transposes_cross_products(dtype):
    rng = _rng(10)
    x = (rng.normal(size=(2, 3, 4)) * 3).astype(dtype)
    if np.issubdtype(dtype, np.complexfloating):
        x = x + 1j * x[::-1]
    check(tf.linalg.matrix_transpose(x), np.swapaxes(x, -1, -2))
    check(tf.linalg.adjoint(x), _adjoint(x))
    check(tf.linalg.matrix_transpose(x, conjugate=True), _adjoint(x))
    y = (rng.normal(size=(4, 5)) * 3).astype(dtype)
    check(tf.tensordot(x, y, 1), np.tensordot(x, y, 1), dtype)
    check(tf.linalg.tensordot(x, x, [[1, 2], [1, 2]]), np.tensordot(x, x, [[1, 2], [1, 2]]),
           dtype)
    check(tf.tensordot(y, y, 0), np.tensordot(y, y, 0), dtype)
    check(tf.einsum("bij,jk->bik", x, y), np.einsum("bij,jk->bik", x, y), dtype)
    check(tf.linalg.einsum("bij,bij->b", x, x), np.einsum("bij,bij->b", x, x), dtype)
    check(tf.einsum("...ij->...ji", x), np.swapaxes(x, -1, -2), dtype)
    check(tf.einsum("ii", y[:, :4]), np.einsum("ii", y[:, :4]), dtype)
    v = (rng.normal(size=(2, 4)) * 3).astype(dtype)
    check(tf.linalg.matvec(x, v), np.einsum("bij,bj->bi", x, v), dtype)
    w = (rng.normal(size=(3,)) * 3).astype(dtype)
    check(tf.linalg.matvec(x, w, transpose_a=True), np.einsum("bij,i->bj", x, w), dtype)
    if not np.issubdtype(dtype, np.complexfloating):  # Cross has no complex kernel
        a3 = (rng.normal(size=(4, 3)) * 3).astype(dtype)
        b3 = (rng.normal(size=(4, 3)) * 3).astype(dtype)
        check(tf.linalg.cross(a3, b3), np.cross(a3, b3), dtype)


@pytest.mark.parametrize("dtype", [F32, C128])
def test_norms(dtype):
    rng = _rng(11)
    x = rng.normal(size=(2, 3, 4)).astype(dtype)
    real = real_dtype(dtype)
    euclid = np.sqrt(np.sum(np.abs(x) ** 2)).astype(dtype)  # TF keeps complex dtypes here
    check(tf.norm(x), euclid)
    check(tf.linalg.norm(x, axis=1), np.linalg.norm(x, axis=1).astype(dtype))
    check(tf.norm(x, axis=-1, keepdims=True), np.linalg.norm(x, axis=-1, keepdims=True)
           .astype(dtype))
    for o in (1, np.inf, 3, 0.5):
        check(tf.norm(x, ord=o, axis=2), np.linalg.norm(x, ord=o, axis=2).astype(real), dtype)
    for o in ("fro", 1, 2, np.inf):
        want = np.linalg.norm(x, ord=o, axis=(1, 2))
        check(tf.norm(x, ord=o, axis=[1, 2]), want.astype(dtype if o == "fro" else real),
               dtype)
        want = np.linalg.norm(x, ord=o, axis=(2, 1))
        check(tf.norm(x, ord=o, axis=(2, 1)), want.astype(dtype if o == "fro" else real),
               dtype)
    n, norm = tf.linalg.normalize(x, axis=2)
    np.testing.assert_allclose(n.numpy() * norm.numpy(), x, **tolerance(dtype))
    if dtype != C128:  # TF's L2Loss has no complex kernel
        check(tf.linalg.global_norm([x, None, x[0]]),
               np.sqrt(np.sum(x ** 2) + np.sum(x[0] ** 2)).astype(dtype))


def test_norm_errors():
    with pytest.raises(ValueError, match="supported vector norm"):
        tf.norm([1.0], ord=-1)
    with pytest.raises(ValueError, match="supported matrix norm"):
        tf.norm([[1.0]], ord=3, axis=[0, 1])
    with pytest.raises(ValueError, match="'axis' must be"):
        tf.norm([[1.0]], axis=[0, 0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Sqrt"):
        tf.norm([1, 2])


def test_kernel_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input is not invertible"):
        tf.linalg.inv([[1.0, 2.0], [2.0, 4.0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="must be square"):
        tf.linalg.det(np.ones((2, 3), F32))
    with pytest.raises(tf.errors.InvalidArgumentError, match="not in the list of allowed"):
        tf.linalg.cholesky([[1, 0], [0, 1]])
    with pytest.raises(tf.errors.NotFoundError):
        tf.linalg.svd(np.eye(2, dtype=np.float16))
    with pytest.raises(tf.errors.InvalidArgumentError, match="same outer dimensions"):
        tf.linalg.solve(np.ones((2, 2, 2)), np.ones((3, 2, 1)))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Expected dimension"):
        tf.einsum("ij,jk->ik", np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="expecting 2"):
        tf.einsum("ij,jk->ik", np.ones((2, 3)))
    with pytest.raises(tf.errors.FailedPreconditionError):
        tf.linalg.cross([1.0, 2.0], [3.0, 4.0])


def test_names_registered():
    for name in ["inv", "det", "logdet", "slogdet", "cholesky", "cholesky_solve", "solve",
                 "triangular_solve", "lstsq", "qr", "svd", "eigh", "eigvalsh", "eig", "eigvals",
                 "trace", "diag", "diag_part", "set_diag", "band_part", "norm", "expm", "pinv",
                 "tensordot", "einsum", "adjoint", "matrix_transpose", "cross", "global_norm",
                 "matvec", "lu", "lu_solve", "lu_matrix_inverse", "lu_reconstruct", "sqrtm",
                 "matrix_rank", "normalize", "tensor_diag", "tensor_diag_part", "matmul", "eye"]:
        assert callable(getattr(tf.linalg, name)), name
    assert tf.norm is tf.linalg.norm and tf.einsum is tf.linalg.einsum
    assert tf.tensordot is tf.linalg.tensordot and tf.eig is tf.linalg.eig
    assert tf.eigvals is tf.linalg.eigvals and tf.matrix_square_root is tf.linalg.sqrtm
    assert not hasattr(tf, "qr") and not hasattr(tf, "svd")  # TF 1 names only


# ---------------------------------------------------------------------------------------------
# Gradients: float64, tape against central differences along random directions


def _fd_check(f, xs, directions=None, eps=1e-6, rtol=1e-5, seed=0):
    """<tape gradient, d> == (f(x + eps d) - f(x - eps d)) / 2 eps for a scalar-weighted f."""
    rng = _rng(seed)
    xs = [np.asarray(x, F64) for x in xs]
    out = f(*[tf.constant(x) for x in xs])
    weight = rng.normal(size=tuple(out.shape))

    def scalar(*arrays):
        return float(np.sum(f(*[tf.constant(a) for a in arrays]).numpy() * weight))

    ts = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        for t in ts:
            tape.watch(t)
        y = tf.reduce_sum(f(*ts) * weight)
    grads = tape.gradient(y, ts)
    ds = directions or [rng.normal(size=x.shape) for x in xs]
    plus = [x + eps * d for x, d in zip(xs, ds)]
    minus = [x - eps * d for x, d in zip(xs, ds)]
    numeric = (scalar(*plus) - scalar(*minus)) / (2 * eps)
    analytic = sum(float(np.sum(g.numpy() * d)) for g, d in zip(grads, ds))
    np.testing.assert_allclose(analytic, numeric, rtol=rtol, atol=1e-7)
    return grads


A = _matrix((3, 3), F64, _rng(20))
SPD = _matrix((3, 3), F64, _rng(21), kind="spd")
B = _matrix((3, 2), F64, _rng(22), kind="rhs")


def _symmetric(seed):
    d = _rng(seed).normal(size=(3, 3))
    return d + d.T


GRADIENT_CASES = [
    ("inv", tf.linalg.inv, [A]),
    ("inv_batch", tf.linalg.inv, [np.stack([A, A.T])]),
    ("det", tf.linalg.det, [A]),
    ("slogdet", lambda x: tf.linalg.slogdet(x).log_abs_determinant, [A]),
    ("solve", tf.linalg.solve, [A, B]),
    ("solve_adjoint", lambda a, b: tf.linalg.solve(a, b, adjoint=True), [A, B]),
    ("matvec", tf.linalg.matvec, [A, B[:, 0]]),
    ("matvec_t", lambda a, v: tf.linalg.matvec(a, v, transpose_a=True), [A, B[:, 0]]),
    ("trace", tf.linalg.trace, [A]),
    ("norm", tf.norm, [A]),
    ("norm_1", lambda x: tf.norm(x, ord=1, axis=1), [A]),
    ("norm_3", lambda x: tf.norm(x, ord=3), [A]),
    ("norm_fro", lambda x: tf.norm(x, ord="fro", axis=[0, 1]), [A]),
    ("norm_2", lambda x: tf.norm(x, ord=2, axis=[0, 1]), [A]),
    ("einsum", lambda a, b: tf.einsum("ij,jk->ik", a, b), [A, B]),
    ("einsum_trace", lambda a: tf.einsum("ii", a), [A]),
    ("tensordot", lambda a, b: tf.tensordot(a, b, 1), [A, B]),
    ("tensordot_2", lambda a, b: tf.tensordot(a, b, [[0], [0]]), [A, B]),
    ("lstsq", tf.linalg.lstsq, [B, A[:, :1]]),
    ("expm", tf.linalg.expm, [A / 4]),
    ("pinv", tf.linalg.pinv, [B]),
    ("svd_s", lambda x: tf.linalg.svd(x, compute_uv=False), [B]),
    ("qr_r", lambda x: tf.linalg.qr(x).r, [B]),
    ("diag_part", lambda x: tf.linalg.diag_part(x, k=(-1, 1)), [A]),
    ("set_diag", tf.linalg.set_diag, [A, B[:, 0]]),
    ("band_part", lambda x: tf.linalg.band_part(x, 1, 0), [A]),
    ("cross", tf.linalg.cross, [A, B.T.repeat(2, 0)[:3]]),
    ("global_norm", lambda a, b: tf.linalg.global_norm([a, b]), [A, B]),
    ("lu_solve", lambda a, b: tf.linalg.lu_solve(*tf.linalg.lu(a), b), [A, B]),
]


@pytest.mark.parametrize("name, f, xs", GRADIENT_CASES, ids=[c[0] for c in GRADIENT_CASES])
def test_gradients_match_finite_differences(name, f, xs):
    _fd_check(f, xs)


@pytest.mark.parametrize("name, f, xs", GRADIENT_CASES, ids=[c[0] for c in GRADIENT_CASES])
def test_values_in_tf_function(name, f, xs):
    testing.check_function_matches_eager(f, *[tf.constant(x) for x in xs], kind="linalg")


def test_gradients_of_one_triangle_ops():
    # TF's Cholesky, logdet and eigh gradients are the derivatives along Hermitian
    # perturbations (the forward pass reads one triangle).
    for seed, f in enumerate([tf.linalg.cholesky, tf.linalg.logdet, tf.linalg.eigvalsh,
                              lambda x: tf.linalg.eigh(x)[1] ** 2, tf.linalg.sqrtm]):
        _fd_check(f, [SPD], directions=[_symmetric(seed)])
    x = tf.constant(SPD)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.logdet(x)
    np.testing.assert_allclose(t.gradient(y, x).numpy(), np.linalg.inv(SPD), rtol=1e-8)
    g = _fd_check(tf.linalg.cholesky, [SPD], directions=[_symmetric(8)])[0].numpy()
    np.testing.assert_allclose(g, g.T)  # symmetric, as TF's _CholeskyGrad
    g = _fd_check(tf.linalg.eigvalsh, [SPD], directions=[_symmetric(7)])[0].numpy()
    np.testing.assert_array_equal(np.triu(g, 1), 0)  # lower-triangular, as TF's
    lower = np.tril(_rng(5).normal(size=(3, 3)))
    g = _fd_check(tf.linalg.triangular_solve, [A, B], directions=[lower, np.zeros_like(B)])
    np.testing.assert_array_equal(np.triu(g[0].numpy(), 1), 0)
    _fd_check(tf.linalg.cholesky_solve, [np.linalg.cholesky(SPD), B],
              directions=[lower, _rng(6).normal(size=B.shape)])


def test_second_order():
    x = tf.constant(A)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.linalg.det(x)
        g = inner.gradient(y, x)
        z = tf.reduce_sum(g * g)
    h = outer.gradient(z, x).numpy()
    eps = 1e-6
    d = _rng(3).normal(size=A.shape)

    def gz(m):
        return np.sum((np.linalg.det(m) * np.linalg.inv(m).T) ** 2)

    np.testing.assert_allclose(np.sum(h * d), (gz(A + eps * d) - gz(A - eps * d)) / (2 * eps),
                               rtol=1e-5)


def test_eager_matches_tf_function():
    fns = [tf.linalg.inv, tf.linalg.det, tf.linalg.cholesky, tf.linalg.logdet,
           lambda x: tf.linalg.svd(x)[0], tf.linalg.eigvalsh,
           lambda x: tf.norm(x, ord=2, axis=[0, 1]),
           lambda x: tf.einsum("ij,jk->ik", x, x), tf.linalg.expm, tf.linalg.pinv,
           lambda x: tf.linalg.diag_part(x, k=(-1, 1))]
    for f in fns:
        compiled = tf.function(lambda x, f=f: f(x))
        np.testing.assert_allclose(compiled(tf.constant(SPD)).numpy(), f(SPD).numpy(),
                                   rtol=1e-10, atol=1e-12)


# ---------------------------------------------------------------------------------------------
# Deliberate differences from TensorFlow


def test_deviation_value_checks_are_eager_only():
    """Inside tf.function, a singular matrix gives non-finite values, not TF's run-time
    InvalidArgumentError (the check needs concrete values)."""
    out = tf.function(lambda x: tf.linalg.inv(x))(tf.constant([[1.0, 2.0], [2.0, 4.0]])).numpy()
    assert not np.all(np.isfinite(out))


# TF 2.21's tf.linalg.eig (Eigen's ComplexEigenSolver) of EIG_A, printed by TF on CPU:
# the complex pair first, eigenvectors with complex largest components.
EIG_A = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, 0.0], [0.0, 1.0, 1.0]])
TF_EIG_E = np.array([1.3376410213776269 + 0.5622795120623018j,
                     1.3376410213776269 - 0.5622795120623018j, 3.3247179572447436 + 0j])
TF_EIG_V0 = np.array([0.6212225768107248 - 0.30813183251309817j,
                      -0.39159399225062436 + 0.05290467026368233j,
                      -0.23821613503718278 + 0.5533946132356358j])


def test_deviation_eig_order_and_phase_are_lapacks():
    """tf.linalg.eig: LAPACK's (geev's) eigenvalue order and eigenvector phases, as
    numpy.linalg.eig gives them, not Eigen's, which TF uses; A v = v diag(e) holds either way."""
    e, v = (t.numpy() for t in tf.linalg.eig(EIG_A))
    np.testing.assert_allclose(EIG_A @ v, v * e, atol=1e-12)
    want_e, want_v = np.linalg.eig(EIG_A)
    np.testing.assert_allclose(e, want_e, **tolerance(F64))
    np.testing.assert_allclose(v, want_v, **tolerance(F64))
    # LAPACK's order here: the real eigenvalue first, then the pair, positive imaginary part
    # first. TF gives the pair first.
    assert e[0].imag == 0 and e[1].imag > 0 and e[2] == np.conj(e[1])
    assert not np.allclose(e, TF_EIG_E, atol=1e-6)
    # LAPACK's phase: unit vectors whose largest component is real. Eigen's for the same
    # eigenvalue (TF's column 0) has a complex largest component.
    np.testing.assert_allclose(np.linalg.norm(v, axis=0), 1.0, **tolerance(F64))
    largest = v[np.argmax(np.abs(v), axis=0), np.arange(3)]
    np.testing.assert_array_equal(largest.imag, 0.0)
    assert TF_EIG_V0[np.argmax(np.abs(TF_EIG_V0))].imag != 0
    k = int(np.argmin(np.abs(e - TF_EIG_E[0])))  # the same eigenvalue in tfshim's order
    assert k == 1 and not np.allclose(v[:, k], TF_EIG_V0, atol=1e-6)
    # ... and only a phase apart: the same eigenvector.
    np.testing.assert_allclose(v[:, k] / TF_EIG_V0, (v[:, k] / TF_EIG_V0)[0], **tolerance(F64))


def test_complex_det_gradient_mirrors_tf():
    """TF's _MatrixDeterminantGrad (grad * det * inv(a)^H) omits a conjugate for complex input;
    tfshim gives TF's value."""
    c = np.array([[2 + 1j, 1j], [-1j, 3 - 1j]])
    x = tf.constant(c)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.real(tf.linalg.det(x))
    g = t.gradient(y, x).numpy()
    np.testing.assert_allclose(g, np.linalg.det(c) * np.conj(np.linalg.inv(c)).T)
