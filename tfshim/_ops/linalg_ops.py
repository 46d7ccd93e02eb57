"""tf.linalg's kernels (TF's linalg_ops.py): inv, det, cholesky, qr, svd, eigh, eig, lu, the
solvers (solve, triangular_solve, cholesky_solve, lstsq), sqrtm, norm, eye.

Each kernel is one op with TF's op type and dtype list (its errors name them). Where TF's
wrapper validates arguments in Python, the exported function does the same before calling the
op. Kernel checks that need values (singular matrices) run only on concrete arrays: inside
tf.function TF raises at run time, tfshim gives the non-finite values instead. TF's Python
composites (logdet, expm, pinv, lu_solve, ...) and the tf.linalg ops TF keeps in array_ops
and math_ops (diag, band_part, trace, tensordot, ...) are linalg_impl.py's; tf.einsum is
special_math_ops.py's.
"""

from __future__ import annotations

import collections
import numbers

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import convert as C
from .._core import dtypes as D
from .._core import errors
from .._core import tensor as T
from .._core.convert import convert_to_tensor, is_tensor
from .._core.op import _dtype_error, op
from . import array_ops, op_defs, tf_grads
from .op_util import HALF, concrete, dims, int_vector

_F16 = np.dtype(np.float16)

# TF's named results.
Qr = collections.namedtuple("Qr", ["q", "r"])
Lu = collections.namedtuple("Lu", ["lu", "p"])


# ---------------------------------------------------------------------------------------------
# Kernel checks, worded as TF's kernels word them


def _no_half(op_type, x, attrs=""):
    """TF has no CPU kernel for half precision in most LAPACK-backed ops."""
    if x.dtype == _F16:
        raise errors.no_kernel_error(op_type, "T=DT_HALF" + (", " + attrs if attrs else ""))


def _matrix_input(op_type, x, square=True, index=0, rank_text="Input tensor %d"):
    """LinearAlgebraOp's input checks: rank >= 2, and square matrices for square ops."""
    if x.ndim < 2:
        raise errors.kernel_error(op_type, (rank_text + " must have rank >= 2, got %d")
                                  % ((index, x.ndim) if "%d" in rank_text else (x.ndim,)))
    if square and x.shape[-1] != x.shape[-2]:
        raise errors.kernel_error(op_type, "Input matrix must be square.")


def _in_float32(fn, x, *args):
    """Half-precision kernels compute in float32 (as Eigen does) and round once."""
    if x.dtype in HALF:
        out = fn(x.astype(jnp.float32), *args)
        if isinstance(out, tuple):
            return tuple(o.astype(x.dtype) if jnp.issubdtype(o.dtype, jnp.floating) else o
                         for o in out)
        return out.astype(x.dtype)
    return fn(x, *args)


def _adj(x):
    return jnp.conj(jnp.swapaxes(x, -1, -2))


def _singular(x) -> bool:
    """Whether LU with partial pivoting of any matrix in x has an exact zero pivot (TF's test)."""
    if x.size == 0:
        return False
    lu = lax.linalg.lu(x)[0]
    return bool(jnp.any(jnp.min(jnp.abs(jnp.diagonal(lu, axis1=-2, axis2=-1)), axis=-1) == 0))


# ---------------------------------------------------------------------------------------------
# Inverses, determinants, factorizations


@op("linalg.inv", tensors=("input",), dtypes=op_defs.allowed("MatrixInverse"),
    op_type="MatrixInverse",
    sig="input:T -> output:T")
def inv(input, adjoint=False, name=None):
    _matrix_input("MatrixInverse", input)
    if concrete(input) and _singular(input.astype(jnp.float32) if input.dtype in HALF
                                      else input):
        raise errors.kernel_error("MatrixInverse", "Input is not invertible.")
    out = _in_float32(jnp.linalg.inv, input)
    return _adj(out) if adjoint else out

@op("linalg.det", tensors=("input",), dtypes=op_defs.allowed("MatrixDeterminant"),
    op_type="MatrixDeterminant",
    sig="input:T -> output:T")
def det(input, name=None):
    _matrix_input("MatrixDeterminant", input)
    _no_half("MatrixDeterminant", input)
    return tf_grads.det(input)

@op("linalg.cholesky", tensors=("input",), dtypes=op_defs.allowed("Cholesky"), op_type="Cholesky",
    sig="input:T -> output:T")
def cholesky(input, name=None):
    _matrix_input("Cholesky", input)
    _no_half("Cholesky", input)
    return tf_grads.cholesky(input)

@op(tensors=("input",), dtypes=op_defs.allowed("Qr"), op_type="Qr", sig="input:T -> q:T, r:T")
def _qr(input, full_matrices=False, name=None):
    _matrix_input("Qr", input, square=False)
    return _in_float32(lambda x: tuple(jnp.linalg.qr(x, mode="complete" if full_matrices
                                                     else "reduced")), input)


@_api.export("linalg.qr")
def qr(input, full_matrices=False, name=None):
    """tf.linalg.qr: Qr(q, r)."""
    return Qr(*_qr(input, full_matrices=full_matrices))


@op(tensors=("tensor",), dtypes=op_defs.allowed("Svd"), op_type="Svd",
    sig="input:T -> s:T, u:T, v:T")
def _svd(tensor, full_matrices=False, compute_uv=True, name=None):
    _matrix_input("Svd", tensor, square=False)
    _no_half("Svd", tensor, "compute_uv=%s, full_matrices=%s"
             % (str(compute_uv).lower(), str(full_matrices).lower()))
    if not compute_uv:
        return jnp.linalg.svd(tensor, compute_uv=False)
    u, s, vh = jnp.linalg.svd(tensor, full_matrices=full_matrices)
    # TF's Eigen SVD gives NaN vectors for a matrix with a NaN or inf (LAPACK's may not).
    bad = ~jnp.all(jnp.isfinite(tensor), axis=(-2, -1))[..., None, None]
    nan = jnp.array(np.nan, u.dtype)
    return s, jnp.where(bad, nan, u), jnp.where(bad, nan, _adj(vh))


@_api.export("linalg.svd")
def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """tf.linalg.svd: (s, u, v), v not transposed; s alone without compute_uv."""
    return _svd(tensor, full_matrices=full_matrices, compute_uv=compute_uv)

def _hermitian_from_lower(x):
    # SelfAdjointEigV2 reads the lower triangle (and the real part of the diagonal). Building
    # the matrix from it also gives TF's gradient, which is lower-triangular.
    low = jnp.tril(x, -1)
    diag = jnp.real(jnp.diagonal(x, axis1=-2, axis2=-1)).astype(x.dtype)
    return low + _adj(low) + diag[..., None] * jnp.eye(x.shape[-1], dtype=x.dtype)


@op(tensors=("tensor",), dtypes=op_defs.allowed("SelfAdjointEigV2"), op_type="SelfAdjointEigV2",
    sig="input:T -> e:T, v:T")
def _eigh(tensor, compute_v=True, name=None):
    _matrix_input("SelfAdjointEigV2", tensor)
    _no_half("SelfAdjointEigV2", tensor, "compute_v=%s" % str(compute_v).lower())
    a = _hermitian_from_lower(tensor)
    if not compute_v:
        return jnp.linalg.eigvalsh(a).astype(tensor.dtype)  # complex input: complex e, as TF
    e, v = jnp.linalg.eigh(a, symmetrize_input=False)
    return e.astype(tensor.dtype), v


@_api.export("linalg.eigh")
def eigh(tensor, name=None):
    """tf.linalg.eigh: (e, v), eigenvalues ascending."""
    return _eigh(tensor)


@_api.export("linalg.eigvalsh")
def eigvalsh(tensor, name=None):
    """tf.linalg.eigvalsh."""
    return _eigh(tensor, compute_v=False)


@op(tensors=("tensor",), dtypes=op_defs.allowed("Eig"), op_type="Eig",
    sig="input:T -> e:Tout, v:Tout")
def _eig(tensor, compute_v=True, name=None):
    _matrix_input("Eig", tensor)
    if not compute_v:
        return jnp.linalg.eigvals(tensor)
    return tuple(jnp.linalg.eig(tensor))


def _eig_input(tensor):
    t = convert_to_tensor(tensor)
    if t.dtype not in (D.float32, D.float64, D.complex64, D.complex128):
        # TF's wrapper picks the output dtype from these four only.
        raise UnboundLocalError("cannot access local variable 'out_dtype' where it is not "
                                "associated with a value")
    return t


@_api.export("linalg.eig", "eig")
def eig(tensor, name=None):
    """tf.linalg.eig: complex (e, v).

    Differences from TensorFlow: eigenvalues come in LAPACK's order and eigenvectors with
    LAPACK's phases (TF uses Eigen's solver); both are valid decompositions.
    """
    return _eig(_eig_input(tensor))


@_api.export("linalg.eigvals", "eigvals")
def eigvals(tensor, name=None):
    """tf.linalg.eigvals (LAPACK's order, see tf.linalg.eig)."""
    return _eig(_eig_input(tensor), compute_v=False)


@op(tensors=("input",), dtypes=op_defs.allowed("Lu"), op_type="Lu",
    sig="input:T -> lu:T, p:output_idx_type")
def _lu(input, output_idx_type=D.int32, name=None):
    _matrix_input("Lu", input, rank_text="Input tensor")
    _no_half("Lu", input, "output_idx_type=DT_%s" % D.as_dtype(output_idx_type).name.upper())
    lu, _, perm = lax.linalg.lu(input)
    # JAX's permutation satisfies input[perm] = L @ U, TF's p the same.
    return lu, perm.astype(D.as_dtype(output_idx_type).as_numpy_dtype)


@_api.export("linalg.lu")
def lu(input, output_idx_type=D.int32, name=None):
    """tf.linalg.lu: Lu(lu, p) with input[p] == L @ U."""
    return Lu(*_lu(input, output_idx_type=D.as_dtype(output_idx_type)))


# ---------------------------------------------------------------------------------------------
# Solvers


@op(tensors=("matrix", "rhs"), dtypes=op_defs.allowed("MatrixSolve"), op_type="MatrixSolve",
    sig="matrix:T, rhs:T -> output:T")
def _matrix_solve(matrix, rhs, adjoint=False, name=None):
    op_type = "MatrixSolve"
    if matrix.ndim < 2:
        raise errors.kernel_error(op_type, "Input tensor 0 must have rank >= 2, got %d"
                                  % matrix.ndim)
    if rhs.ndim != matrix.ndim:
        raise errors.kernel_error(op_type, "All input tensors must have the same rank.")
    if matrix.shape[:-2] != rhs.shape[:-2]:
        raise errors.kernel_error(op_type, "All input tensors must have the same outer "
                                  "dimensions.")
    if matrix.shape[-1] != matrix.shape[-2]:
        raise errors.kernel_error(op_type, "First input (lhs) must be a square matrix.")
    if matrix.shape[-2] != rhs.shape[-2]:
        raise errors.kernel_error(op_type, "Input matrix and rhs are incompatible.")
    _no_half(op_type, matrix, "adjoint=%s" % str(adjoint).lower())
    if concrete(matrix) and _singular(matrix):
        raise errors.kernel_error(op_type, "Input matrix is not invertible.")
    return jnp.linalg.solve(_adj(matrix) if adjoint else matrix, rhs)


@_api.export("linalg.solve")
def solve(matrix, rhs, adjoint=False, name=None):
    """tf.linalg.solve (no batch broadcasting, as TF's MatrixSolve)."""
    return _matrix_solve(matrix, rhs, adjoint=adjoint)


def _triangular_check(matrix, rhs, lower, adjoint):
    op_type = "MatrixTriangularSolve"
    for i, x in enumerate((matrix, rhs)):
        if x.ndim < 2:
            raise errors.kernel_error(op_type, "In[%d] ndims must be >= 2: %d" % (i, x.ndim))
    if matrix.shape[-1] != matrix.shape[-2]:
        raise errors.kernel_error(op_type, "In[0] matrices in the last dimensions must be "
                                  "square (%d =/= %d)" % (matrix.shape[-1], matrix.shape[-2]))
    if matrix.shape[-1] != rhs.shape[-2]:
        raise errors.kernel_error(op_type, "In[0] mismatch In[1] shape: %d vs. %d: %s %s %d %d"
                                  % (matrix.shape[-1], rhs.shape[-2], dims(matrix.shape),
                                     dims(rhs.shape), lower, adjoint))
    try:
        np.broadcast_shapes(matrix.shape[:-2], rhs.shape[:-2])
    except ValueError:
        raise errors.kernel_error(op_type, "Incompatible shapes: %s vs. %s"
                                  % (dims(matrix.shape[:-2]), dims(rhs.shape[:-2]))) from None
    if matrix.dtype in HALF:
        raise errors.no_kernel_error(op_type, "T=DT_%s, adjoint=%s, lower=%s"
                                     % ("HALF" if matrix.dtype == _F16 else "BFLOAT16",
                                        str(adjoint).lower(), str(lower).lower()))


def _triangular_solve_values(matrix, rhs, lower, adjoint):
    batch = np.broadcast_shapes(matrix.shape[:-2], rhs.shape[:-2])
    matrix = jnp.broadcast_to(matrix, batch + matrix.shape[-2:])
    rhs = jnp.broadcast_to(rhs, batch + rhs.shape[-2:])
    # Only the `lower` triangle is read, and JAX's gradient is masked to it, as TF's.
    return lax.linalg.triangular_solve(matrix, rhs, left_side=True, lower=lower,
                                       transpose_a=adjoint, conjugate_a=adjoint)


@op(tensors=("matrix", "rhs"), dtypes=op_defs.allowed("MatrixTriangularSolve"),
    op_type="MatrixTriangularSolve",
    sig="matrix:T, rhs:T -> output:T")
def _matrix_triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    _triangular_check(matrix, rhs, lower, adjoint)
    return _triangular_solve_values(matrix, rhs, lower, adjoint)


@_api.export("linalg.triangular_solve")
def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """tf.linalg.triangular_solve (batch dimensions broadcast)."""
    return _matrix_triangular_solve(matrix, rhs, lower=bool(lower), adjoint=bool(adjoint))


@op(tensors=("chol", "rhs"), dtypes=op_defs.allowed("MatrixTriangularSolve"),
    op_type="MatrixTriangularSolve",
    sig="matrix:T, rhs:T -> output:T")
def _cholesky_solve(chol, rhs, name=None):
    _triangular_check(chol, rhs, True, False)
    y = _triangular_solve_values(chol, rhs, True, False)
    return _triangular_solve_values(chol, y, True, True)


@_api.export("linalg.cholesky_solve")
def cholesky_solve(chol, rhs, name=None):
    """tf.linalg.cholesky_solve: two triangular solves with chol."""
    return _cholesky_solve(chol, rhs)


def _matmul_check(a, b, adjoint_a=False, adjoint_b=False):
    """MatMul's / BatchMatMulV2's size check, as TF words it for the float32 oneDNN kernel."""
    mkl = a.dtype in (jnp.float32, jnp.bfloat16)
    batched = a.ndim > 2 or b.ndim > 2
    k_a = a.shape[-2] if adjoint_a else a.shape[-1]
    k_b = b.shape[-1] if adjoint_b else b.shape[-2]
    if k_a == k_b:
        return
    if batched:
        raise errors.kernel_error(
            "BatchMatMulV2", "Matrix size-incompatible: In[0]: %s, In[1]: %s%s"
            % (dims(a.shape), dims(b.shape), " %d %d" % (adjoint_a, adjoint_b) if mkl else ""),
            node="__MklBatchMatMulV2" if mkl else None)
    raise errors.kernel_error("MatMul", "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                              % (dims(a.shape), dims(b.shape)),
                              node="__MklMatMul" if mkl else None)


@op(tensors=("matrix", "rhs"), dtypes=op_defs.allowed("Cholesky"), op_type="Cholesky",
    sig="input:T -> output:T")
def _lstsq(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    m, n = matrix.shape[-2:]
    if not fast:
        _matrix_input("MatrixSolveLs", matrix, square=False)
        _no_half("MatrixSolveLs", matrix, "fast=false")
        if l2_regularizer == 0:
            return jnp.vectorize(lambda a, b: jnp.linalg.lstsq(a, b)[0],
                                 signature="(m,n),(m,k)->(n,k)")(matrix, rhs)
    eye_n = jnp.eye(min(n, m), dtype=matrix.dtype)
    reg = jnp.asarray(l2_regularizer, matrix.dtype) * eye_n
    if m >= n:
        # TF's composite: cholesky_solve(chol(A^H A + l2 I), A^H b).
        _matmul_check(matrix, rhs, adjoint_a=True)
        gram = _adj(matrix) @ matrix + reg
        _matrix_input("Cholesky", gram)
        _no_half("Cholesky", gram)
        chol = tf_grads.cholesky(gram)
        return _triangular_solve_values(
            chol, _triangular_solve_values(chol, _adj(matrix) @ rhs, True, False), True, True)
    gram = matrix @ _adj(matrix) + reg  # underdetermined: A^H cholesky_solve(chol(A A^H), b)
    _no_half("Cholesky", gram)
    chol = tf_grads.cholesky(gram)
    _triangular_check(chol, rhs, True, False)
    x = _triangular_solve_values(chol, _triangular_solve_values(chol, rhs, True, False), True,
                                 True)
    return _adj(matrix) @ x


@_api.export("linalg.lstsq")
def lstsq(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """tf.linalg.lstsq.

    Differences from TensorFlow: with fast=False, the complete-orthogonal-decomposition kernel
    is JAX's SVD least squares (the same minimum-norm solution).
    """
    matrix = convert_to_tensor(matrix)
    if matrix.dtype is D.complex128 and l2_regularizer != 0:
        raise NotImplementedError("matrix_solve_ls is currently disabled for complex128 and "
                                  "l2_regularizer != 0 due to poor accuracy.")
    if is_tensor(l2_regularizer):
        l2_regularizer = float(convert_to_tensor(l2_regularizer))
    return _lstsq(matrix, rhs, l2_regularizer=l2_regularizer, fast=bool(fast))


# ---------------------------------------------------------------------------------------------
# sqrtm, norm, eye


@op("linalg.sqrtm", "matrix_square_root", tensors=("input",),
    dtypes=op_defs.allowed("MatrixSquareRoot"),
    op_type="MatrixSquareRoot", sig="input:T -> output:T")
def sqrtm(input, name=None):
    _matrix_input("MatrixSquareRoot", input)
    _no_half("MatrixSquareRoot", input)
    if input.shape[-1] == 0:
        return input
    flat = input.reshape((-1,) + input.shape[-2:])
    return jax.vmap(tf_grads.sqrtm)(flat).reshape(input.shape)

def _norm_args(ord, axis):
    """TF's norm argument checks; returns (is_matrix_norm, axes or None)."""
    is_matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix:
        axis = tuple(axis)
        if (not isinstance(axis[0], int) or not isinstance(axis[1], int)
                or axis[0] == axis[1]):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, "
                             "got %s" % (axis,))
        supported = ["euclidean", "fro", 1, 2, np.inf]
        if ord not in supported:
            raise ValueError("'ord' must be a supported matrix norm in %s, got %s"
                             % (supported, ord))
        return True, axis
    if not (isinstance(axis, int) or axis is None):
        raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, "
                         "got %s" % (axis,))
    supported = ["euclidean", 1, 2, np.inf]
    if (not np.isreal(ord) or ord <= 0) and ord not in supported:
        raise ValueError("'ord' must be a supported vector norm, got %s" % (ord,))
    return False, None if axis is None else (axis,)


def _reduction_axes(x, axes):
    if axes is None:
        return tuple(range(x.ndim))
    for a in axes:
        if not -x.ndim <= a < x.ndim:
            raise errors.kernel_error("Sum", "Invalid reduction dimension (%d for input with %d "
                                      "dimension(s)" % (a, x.ndim), None)
    return tuple(a % x.ndim for a in axes)


@op(tensors=("tensor",), op_type="Norm")
def _norm(tensor, ord, axis, is_matrix, keepdims, name=None):
    x = tensor
    axes = _reduction_axes(x, axis)
    if ord in ("fro", "euclidean", 2, 2.0):
        sqrt = op_defs.allowed("Sqrt")
        if D.from_numpy(x.dtype) not in sqrt:
            raise _dtype_error("Sqrt", D.from_numpy(x.dtype), sqrt, "x:T -> y:T")
        if is_matrix and ord in (2, 2.0):
            # The largest singular value, the pair of axes moved last in TF's order.
            rest = [i for i in range(x.ndim) if i not in axes]
            permed = jnp.transpose(x, rest + list(axes))
            _no_half("Svd", permed, "compute_uv=false, full_matrices=false")
            s = jnp.linalg.svd(permed, compute_uv=False)
            result = jnp.max(jnp.abs(s), axis=-1)
            result = jnp.expand_dims(result, tuple(sorted(axes)))
        else:
            result = jnp.sqrt(jnp.sum(x * jnp.conj(x), axis=axes, keepdims=True))
    else:
        result = tf_grads.abs(x)  # TF's gradient: sign(x), 0 at 0
        if ord == 1:
            result = jnp.sum(result, axis=None if axis is None else axes[0], keepdims=True,
                             dtype=result.dtype)
            if is_matrix:
                result = jnp.max(result, axis=axes[-1], keepdims=True)
        elif ord == np.inf:
            if is_matrix:
                result = jnp.sum(result, axis=axes[1], keepdims=True, dtype=result.dtype)
            result = jnp.max(result, axis=None if axis is None else axes[0], keepdims=True)
        else:
            p = jnp.asarray(ord, result.dtype)
            result = jnp.power(jnp.sum(jnp.power(result, p), axis=axes, keepdims=True),
                               jnp.asarray(1.0 / ord, result.dtype))
    if not keepdims:
        result = jnp.squeeze(result, axis=None if axis is None else axes)
    return result


@_api.export("norm", "linalg.norm")
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """tf.norm: vector norms (ord > 0, inf) and matrix norms ('fro', 1, 2, inf) over 2 axes."""
    is_matrix, axes = _norm_args(ord, axis)
    t = convert_to_tensor(tensor)
    if isinstance(ord, np.floating):
        ord = float(ord)
    return _norm(t, ord, axes, is_matrix, bool(keepdims))


@_api.export("eye", "linalg.eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=D.float32, name=None):
    """tf.eye."""
    if C.is_tensor(num_rows):
        num_rows = int(convert_to_tensor(num_rows))
    if C.is_tensor(num_columns):
        num_columns = int(convert_to_tensor(num_columns))
    cols = num_rows if num_columns is None else num_columns
    if not isinstance(num_rows, numbers.Integral) or not isinstance(cols, numbers.Integral):
        raise TypeError("Arguments `num_rows` and `num_columns` must be positive integer values. "
                        "Received: num_rows=%s, num_columns=%s" % (num_rows, cols))
    batch = [] if batch_shape is None else [int(d) for d in int_vector(batch_shape, "Fill",
                                                                         "index_type")]
    # TF builds it from tf.ones (the diagonal) and tf.zeros: their errors are eye's.
    array_ops._shape_for_filled(batch + [min(num_rows, cols), num_rows, cols])
    if D.as_dtype(dtype) is D.string:
        raise TypeError("Cannot convert 1 to EagerTensor of dtype string")
    m = jnp.eye(num_rows, cols, dtype=D.as_dtype(dtype).as_numpy_dtype)
    return T.wrap(jnp.broadcast_to(m, tuple(batch) + m.shape))

