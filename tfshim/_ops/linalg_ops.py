"""tf.linalg (TF's linalg_ops.py, linalg_impl.py, special_math_ops.py): decompositions, solvers,
norms, diagonals, einsum and tensordot.

Each kernel is one op with TF's op type and dtype list (its errors name them); TF's Python
composites (logdet, lstsq, pinv, expm, norm, ...) are one JAX body each, so they are one tape
entry. Where TF's wrapper validates arguments in Python, the exported function does the same
before calling the op. Kernel checks that need values (singular matrices) run only on concrete
arrays: inside tf.function TF raises at run time, tfshim gives the non-finite values instead.
"""

from __future__ import annotations

import builtins
import collections
import numbers

import jax
import jax.numpy as jnp
import jax.scipy.linalg as jsl
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor
from .._core.dtypes import tf_type_name
from .._core.op import TypeList, _dtype_error, op
from .._core.tensor import EagerTensor
from . import array_ops, math_ops, tf_grads

# Op-def type lists, in TF's order (its dtype errors print them so).
_MATRIX = TypeList.of("double, float, half, complex64, complex128")
_DET = TypeList.of("half, float, double, complex64, complex128")
_TRIANGULAR = TypeList.of("bfloat16, double, float, half, complex64, complex128")
_EIG = TypeList.of("float, double, complex64, complex128")
_CROSS = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                     "uint32, uint64")
# Sum's and MatMul's op-def dtype lists and the half types: math_ops' own.
_SUM, _MATMUL, _HALF = math_ops._SUM, math_ops._MATMUL, math_ops._HALF
_SQRT = TypeList.of("bfloat16, half, float, double, complex64, complex128")
_L2LOSS = TypeList.of("half, bfloat16, float, double")
_EINSUM = TypeList.of("bfloat16, half, float, double, int32, int64, complex64, complex128")

_F16 = np.dtype(np.float16)

# TF's named results.
Qr = collections.namedtuple("Qr", ["q", "r"])
LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant",
                                              ["sign", "log_abs_determinant"])
Lu = collections.namedtuple("Lu", ["lu", "p"])


# ---------------------------------------------------------------------------------------------
# Kernel checks, worded as TF's kernels word them


def _dims(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def _concrete(*xs) -> bool:
    return not any(isinstance(x, jax.core.Tracer) for x in xs)


def _no_kernel(op_type, attrs, name=""):
    """TF's NotFoundError for a dtype the op-def allows but no CPU kernel implements."""
    text = ("Could not find device for node: {{node %s}} = %s[%s]\nAll kernels registered for "
            "op %s: [Op:%s]" % (op_type, op_type, attrs, op_type, op_type))
    if name is not None:
        text += " name: " + name
    return errors.NotFoundError(None, None, text)


def _no_half(op_type, x, attrs=""):
    """TF has no CPU kernel for half precision in most LAPACK-backed ops."""
    if x.dtype == _F16:
        raise _no_kernel(op_type, "T=DT_HALF" + (", " + attrs if attrs else ""))


def _matrix_input(op_type, x, square=True, index=0, rank_text="Input tensor %d"):
    """LinearAlgebraOp's input checks: rank >= 2, and square matrices for square ops."""
    if x.ndim < 2:
        raise errors.kernel_error(op_type, (rank_text + " must have rank >= 2, got %d")
                                  % ((index, x.ndim) if "%d" in rank_text else (x.ndim,)))
    if square and x.shape[-1] != x.shape[-2]:
        raise errors.kernel_error(op_type, "Input matrix must be square.")


def _in_float32(fn, x, *args):
    """Half-precision kernels compute in float32 (as Eigen does) and round once."""
    if x.dtype in _HALF:
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


@op("linalg.inv", tensors=("input",), dtypes=_MATRIX, op_type="MatrixInverse",
    sig="input:T -> output:T")
def inv(input, adjoint=False, name=None):
    _matrix_input("MatrixInverse", input)
    if _concrete(input) and _singular(input.astype(jnp.float32) if input.dtype in _HALF
                                      else input):
        raise errors.kernel_error("MatrixInverse", "Input is not invertible.")
    out = _in_float32(jnp.linalg.inv, input)
    return _adj(out) if adjoint else out


@jax.custom_jvp
def _det_values(x):
    return jnp.linalg.det(x)


@_det_values.defjvp
def _det_jvp(primals, tangents):
    # TF's _MatrixDeterminantGrad: grad * det * inv(a)^H. For complex input that is the true
    # gradient with det conjugated (TF's formula omits the conjugate); mirrored here.
    (x,), (t,) = primals, tangents
    d = _det_values(x)
    coef = jnp.conj(d) if jnp.iscomplexobj(x) else d
    return d, coef * jnp.trace(jnp.linalg.solve(x, t), axis1=-2, axis2=-1)


@op("linalg.det", tensors=("input",), dtypes=_DET, op_type="MatrixDeterminant",
    sig="input:T -> output:T")
def det(input, name=None):
    _matrix_input("MatrixDeterminant", input)
    _no_half("MatrixDeterminant", input)
    return _det_values(input)


@op(tensors=("input",), dtypes=_DET, op_type="LogMatrixDeterminant",
    sig="input:T -> sign:T, log_abs_determinant:T")
def _slogdet(input, name=None):
    _matrix_input("LogMatrixDeterminant", input)
    _no_half("LogMatrixDeterminant", input)
    sign, logabs = jnp.linalg.slogdet(input)
    return sign, logabs.astype(input.dtype)


@_api.export("linalg.slogdet")
def slogdet(input, name=None):
    """tf.linalg.slogdet: LogMatrixDeterminant(sign, log_abs_determinant)."""
    return LogMatrixDeterminant(*_slogdet(input))


def _cholesky_values(x):
    return jnp.tril(lax.linalg.cholesky(x, symmetrize_input=False))


@jax.custom_jvp
def _cholesky_lower(x):
    """TF's Cholesky: reads only the lower triangle (JAX's default symmetrizes first), NaN
    where the factorization breaks down."""
    return _cholesky_values(x)


@_cholesky_lower.defjvp
def _cholesky_jvp(primals, tangents):
    # TF's _CholeskyGrad is symmetric: it is the derivative along the Hermitian part of the
    # perturbation, although the forward pass reads one triangle.
    (x,), (t,) = primals, tangents
    return jax.jvp(_cholesky_values, (x,), ((t + _adj(t)) / 2,))


@op("linalg.cholesky", tensors=("input",), dtypes=_MATRIX, op_type="Cholesky",
    sig="input:T -> output:T")
def cholesky(input, name=None):
    _matrix_input("Cholesky", input)
    _no_half("Cholesky", input)
    return _cholesky_lower(input)


@op("linalg.logdet", tensors=("matrix",), dtypes=_MATRIX, op_type="Cholesky",
    sig="input:T -> output:T")
def logdet(matrix, name=None):
    """tf.linalg.logdet: TF's composite, 2 * sum(log(real(diag(cholesky(matrix)))))."""
    _matrix_input("Cholesky", matrix)
    _no_half("Cholesky", matrix)
    chol = _cholesky_lower(matrix)
    diag = jnp.real(jnp.diagonal(chol, axis1=-2, axis2=-1))
    return 2.0 * jnp.sum(jnp.log(diag), axis=-1)


@op(tensors=("input",), dtypes=_MATRIX, op_type="Qr", sig="input:T -> q:T, r:T")
def _qr(input, full_matrices=False, name=None):
    _matrix_input("Qr", input, square=False)
    return _in_float32(lambda x: tuple(jnp.linalg.qr(x, mode="complete" if full_matrices
                                                     else "reduced")), input)


@_api.export("linalg.qr")
def qr(input, full_matrices=False, name=None):
    """tf.linalg.qr: Qr(q, r)."""
    return Qr(*_qr(input, full_matrices=full_matrices))


@op(tensors=("tensor",), dtypes=_MATRIX, op_type="Svd", sig="input:T -> s:T, u:T, v:T")
def _svd(tensor, full_matrices=False, compute_uv=True, name=None):
    _matrix_input("Svd", tensor, square=False)
    _no_half("Svd", tensor, "compute_uv=%s, full_matrices=%s"
             % (str(compute_uv).lower(), str(full_matrices).lower()))
    if not compute_uv:
        return jnp.linalg.svd(tensor, compute_uv=False)
    u, s, vh = jnp.linalg.svd(tensor, full_matrices=full_matrices)
    return s, u, _adj(vh)


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


@op(tensors=("tensor",), dtypes=_MATRIX, op_type="SelfAdjointEigV2",
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


@op(tensors=("tensor",), dtypes=_EIG, op_type="Eig", sig="input:T -> e:Tout, v:Tout")
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


@op(tensors=("input",), dtypes=_MATRIX, op_type="Lu",
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


def _unit_lower(lu_):
    n = lu_.shape[-1]
    return jnp.tril(lu_, -1) + jnp.eye(n, dtype=lu_.dtype)


def _lu_solve_values(lu_, perm, rhs):
    batch = np.broadcast_shapes(rhs.shape[:-2], perm.shape[:-1])
    rhs = jnp.broadcast_to(rhs, batch + rhs.shape[-2:])
    perm = jnp.broadcast_to(perm, batch + perm.shape[-1:])
    permuted = jnp.take_along_axis(rhs, perm[..., None].astype(jnp.int32), axis=-2)
    lu_ = jnp.broadcast_to(lu_, batch + lu_.shape[-2:])
    y = lax.linalg.triangular_solve(_unit_lower(lu_), permuted, left_side=True, lower=True)
    return lax.linalg.triangular_solve(lu_, y, left_side=True, lower=False)


def _lu_inputs(lower_upper, perm):
    lower_upper = convert_to_tensor(lower_upper, dtype_hint=D.float32)
    perm = convert_to_tensor(perm, dtype_hint=D.int32)
    return lower_upper, perm


@op(tensors=("lower_upper",), others=("perm", "rhs"), op_type="LuSolve")
def _lu_solve(lower_upper, perm, rhs, name=None):
    return _lu_solve_values(lower_upper, perm, rhs)


@_api.export("linalg.lu_solve")
def lu_solve(lower_upper, perm, rhs, validate_args=False, name=None):
    """tf.linalg.lu_solve."""
    lower_upper, perm = _lu_inputs(lower_upper, perm)
    rhs = convert_to_tensor(rhs, dtype_hint=lower_upper.dtype)
    if rhs.ndim < 2:
        raise ValueError("Input `rhs` must have at least 2 dimensions.")
    if lower_upper.shape[-1] != rhs.shape[-2]:
        raise ValueError("`lower_upper.shape[-1]` must equal `rhs.shape[-1]`.")
    return _lu_solve(lower_upper, perm, rhs)


@op(tensors=("lower_upper",), others=("perm",), op_type="LuMatrixInverse")
def _lu_matrix_inverse(lower_upper, perm, name=None):
    eye = jnp.broadcast_to(jnp.eye(lower_upper.shape[-1], dtype=lower_upper.dtype),
                           lower_upper.shape)
    return _lu_solve_values(lower_upper, perm, eye)


@_api.export("linalg.lu_matrix_inverse")
def lu_matrix_inverse(lower_upper, perm, validate_args=False, name=None):
    """tf.linalg.lu_matrix_inverse."""
    return _lu_matrix_inverse(*_lu_inputs(lower_upper, perm))


@op(tensors=("lower_upper",), others=("perm",), op_type="LuReconstruct")
def _lu_reconstruct(lower_upper, perm, name=None):
    x = _unit_lower(lower_upper) @ jnp.triu(lower_upper)
    inverse = jnp.argsort(perm, axis=-1)
    return jnp.take_along_axis(x, inverse[..., None].astype(jnp.int32), axis=-2)


@_api.export("linalg.lu_reconstruct")
def lu_reconstruct(lower_upper, perm, validate_args=False, name=None):
    """tf.linalg.lu_reconstruct."""
    return _lu_reconstruct(*_lu_inputs(lower_upper, perm))


# ---------------------------------------------------------------------------------------------
# Solvers


@op(tensors=("matrix", "rhs"), dtypes=_MATRIX, op_type="MatrixSolve",
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
    if _concrete(matrix) and _singular(matrix):
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
                                  % (matrix.shape[-1], rhs.shape[-2], _dims(matrix.shape),
                                     _dims(rhs.shape), lower, adjoint))
    try:
        np.broadcast_shapes(matrix.shape[:-2], rhs.shape[:-2])
    except ValueError:
        raise errors.kernel_error(op_type, "Incompatible shapes: %s vs. %s"
                                  % (_dims(matrix.shape[:-2]), _dims(rhs.shape[:-2]))) from None
    if matrix.dtype in _HALF:
        raise _no_kernel(op_type, "T=DT_%s, adjoint=%s, lower=%s"
                         % ("HALF" if matrix.dtype == _F16 else "BFLOAT16",
                            str(adjoint).lower(), str(lower).lower()))


def _triangular_solve_values(matrix, rhs, lower, adjoint):
    batch = np.broadcast_shapes(matrix.shape[:-2], rhs.shape[:-2])
    matrix = jnp.broadcast_to(matrix, batch + matrix.shape[-2:])
    rhs = jnp.broadcast_to(rhs, batch + rhs.shape[-2:])
    # Only the `lower` triangle is read, and JAX's gradient is masked to it, as TF's.
    return lax.linalg.triangular_solve(matrix, rhs, left_side=True, lower=lower,
                                       transpose_a=adjoint, conjugate_a=adjoint)


@op(tensors=("matrix", "rhs"), dtypes=_TRIANGULAR, op_type="MatrixTriangularSolve",
    sig="matrix:T, rhs:T -> output:T")
def _matrix_triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    _triangular_check(matrix, rhs, lower, adjoint)
    return _triangular_solve_values(matrix, rhs, lower, adjoint)


@_api.export("linalg.triangular_solve")
def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """tf.linalg.triangular_solve (batch dimensions broadcast)."""
    return _matrix_triangular_solve(matrix, rhs, lower=bool(lower), adjoint=bool(adjoint))


@op(tensors=("chol", "rhs"), dtypes=_TRIANGULAR, op_type="MatrixTriangularSolve",
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
            % (_dims(a.shape), _dims(b.shape), " %d %d" % (adjoint_a, adjoint_b) if mkl else ""),
            node="__MklBatchMatMulV2" if mkl else None)
    raise errors.kernel_error("MatMul", "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                              % (_dims(a.shape), _dims(b.shape)),
                              node="__MklMatMul" if mkl else None)


@op(tensors=("matrix", "rhs"), dtypes=_MATRIX, op_type="Cholesky", sig="input:T -> output:T")
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
        chol = _cholesky_lower(gram)
        return _triangular_solve_values(
            chol, _triangular_solve_values(chol, _adj(matrix) @ rhs, True, False), True, True)
    gram = matrix @ _adj(matrix) + reg  # underdetermined: A^H cholesky_solve(chol(A A^H), b)
    _no_half("Cholesky", gram)
    chol = _cholesky_lower(gram)
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
# Matrix functions


@op(tensors=("input",), op_type="MatrixExponential")
def _expm(input, name=None):
    if input.ndim >= 2 and input.shape[-2:] == (0, 0):
        return input
    batch = input.shape[:-2]
    flat = input.reshape((-1,) + input.shape[-2:])  # TF's reshape to [-1, m, n] comes first
    if flat.shape[-1] != flat.shape[-2]:
        _matmul_check(flat, flat)
    if input.dtype == _F16:
        raise _no_kernel("MatrixSolve", "T=DT_HALF, adjoint=false")
    out = jax.vmap(jsl.expm)(flat)
    return out.reshape(batch + input.shape[-2:])


@_api.export("linalg.expm")
def expm(input, name=None):
    """tf.linalg.expm.

    Differences from TensorFlow: JAX's Pade-and-squaring (Higham 2005, at most 16 squarings)
    instead of TF's graph of the same method: equal to rounding.
    """
    t = convert_to_tensor(input)
    if t.dtype not in (D.float16, D.float32, D.float64, D.complex64, D.complex128):
        raise ValueError("tf.linalg.expm does not support matrices of type %s" % t.dtype)
    return _expm(t)


@jax.custom_jvp
def _sqrtm_values(x):
    out = jsl.sqrtm(x)
    return out if jnp.iscomplexobj(x) else jnp.real(out).astype(x.dtype)


@_sqrtm_values.defjvp
def _sqrtm_jvp(primals, tangents):
    # TF's _MatrixSquareRootGrad: dS solves the Sylvester equation S dS + dS S = dA, solved
    # here in S's eigenbasis (S = V diag(l) V^-1), where it is elementwise: linear in dA.
    (x,), (dx,) = primals, tangents
    s = _sqrtm_values(x)
    lam, v = jnp.linalg.eig(s)
    vinv = jnp.linalg.inv(v)
    ds = v @ ((vinv @ dx.astype(v.dtype) @ v) / (lam[:, None] + lam[None, :])) @ vinv
    return s, (ds if jnp.iscomplexobj(x) else jnp.real(ds)).astype(s.dtype)


@op("linalg.sqrtm", "matrix_square_root", tensors=("input",), dtypes=_MATRIX,
    op_type="MatrixSquareRoot", sig="input:T -> output:T")
def sqrtm(input, name=None):
    _matrix_input("MatrixSquareRoot", input)
    _no_half("MatrixSquareRoot", input)
    if input.shape[-1] == 0:
        return input
    flat = input.reshape((-1,) + input.shape[-2:])
    return jax.vmap(_sqrtm_values)(flat).reshape(input.shape)


def _float_matrix(a, hint=None):
    a = convert_to_tensor(a, dtype_hint=hint)
    if not a.dtype.is_floating:
        raise TypeError("Input `a` must have `float`-like `dtype` (saw %s)." % a.dtype.name)
    if a.ndim < 2:
        raise ValueError("Input `a` must have at least 2 dimensions (saw: %d)." % a.ndim)
    return a


@op(tensors=("a",), op_type="Svd")
def _pinv(a, rcond, name=None):
    _no_half("Svd", a, "compute_uv=true, full_matrices=false")
    if rcond is None:
        rcond = 10.0 * builtins.max(a.shape[-2:]) * np.finfo(a.dtype).eps
    u, s, vh = jnp.linalg.svd(a, full_matrices=False)
    cutoff = jnp.asarray(rcond, a.dtype) * jnp.max(s, axis=-1)
    s = jnp.where(s > cutoff[..., None], s, jnp.asarray(np.inf, a.dtype))
    return (_adj(vh) / s[..., None, :]) @ _adj(u)


@_api.export("linalg.pinv")
def pinv(a, rcond=None, validate_args=False, name=None):
    """tf.linalg.pinv: TF's SVD composite, small singular values cut at rcond * max."""
    a = _float_matrix(a)
    if rcond is not None:
        rcond = float(convert_to_tensor(rcond, dtype=a.dtype))
    return _pinv(a, rcond)


@op(tensors=("a",), op_type="Svd", grad=False)
def _matrix_rank(a, tol, name=None):
    _no_half("Svd", a, "compute_uv=false, full_matrices=false")
    s = jnp.linalg.svd(a, compute_uv=False)
    if tol is None:
        tol = (np.finfo(a.dtype).eps * builtins.max(a.shape[-2:])
               * jnp.max(s, axis=-1, keepdims=True))
    return jnp.sum((s > tol).astype(jnp.int32), axis=-1, dtype=jnp.int32)


@_api.export("linalg.matrix_rank")
def matrix_rank(a, tol=None, validate_args=False, name=None):
    """tf.linalg.matrix_rank."""
    a = _float_matrix(a, D.float32)
    if tol is not None:
        tol = float(convert_to_tensor(tol, dtype=a.dtype))
    return _matrix_rank(a, tol)


# ---------------------------------------------------------------------------------------------
# Transposes, traces, diagonals, bands


@op(tensors=("a",), op_type="Transpose")
def _matrix_transpose(a, conjugate=False, name=None):
    out = jnp.swapaxes(a, -1, -2)
    return jnp.conj(out) if conjugate and jnp.iscomplexobj(a) else out


@_api.export("linalg.matrix_transpose")
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """tf.linalg.matrix_transpose."""
    a = convert_to_tensor(a)
    if a.ndim < 2:
        raise ValueError("Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` "
                         "= %s with shape: %s" % (a.numpy(), a.shape))
    return _matrix_transpose(a, conjugate=bool(conjugate))


@_api.export("linalg.adjoint")
def adjoint(matrix, name=None):
    """tf.linalg.adjoint: the conjugate transpose."""
    return matrix_transpose(matrix, conjugate=True)


def _diag_part_rank(x, op_type="MatrixDiagPartV3", name="diag_part"):
    if x.ndim < 2:
        raise errors.kernel_error(op_type, "input must be at least 2-dim, received shape: %s"
                                  % _dims(x.shape), name)


@op("linalg.trace", tensors=("x",), dtypes=_SUM, op_type="Sum",
    sig="input:T, reduction_indices:Tidx -> output:T")
def trace(x, name=None):
    _diag_part_rank(x)
    acc = jnp.float32 if x.dtype in _HALF else x.dtype
    return jnp.trace(x, axis1=-2, axis2=-1, dtype=acc).astype(x.dtype)


_ALIGNS = ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT")


def _align_check(align, op_type):
    if align not in _ALIGNS:
        raise errors.InvalidArgumentError(
            None, None, "Value for attr 'align' of \"%s\" is not in the list of allowed values: "
            "%s\n\t; NodeDef: {{node %s}} [Op:%s]"
            % (align, ", ".join('"%s"' % a for a in _ALIGNS), op_type, op_type))


def _k_pair(k, op_type):
    ks = np.asarray(k).reshape(-1)
    if ks.size not in (1, 2):
        raise errors.kernel_error(op_type, "diag_index must have only one or two elements, "
                                  "received %d elements." % ks.size, None)
    lo, hi = int(ks[0]), int(ks[-1])
    if lo > hi:
        raise errors.kernel_error(op_type, "lower_diag_index must not be larger than "
                                  "upper_diag_index: %d > %d" % (lo, hi), None)
    return lo, hi, ks.size == 1 or lo == hi


def _diag_len(m, n, d):
    return builtins.min(m + builtins.min(d, 0), n - builtins.max(d, 0))


def _offset(d, max_len, m, n, align):
    """Where diagonal d starts in its row of the packed diagonals (TF's alignment rule)."""
    left_super = align in ("LEFT_LEFT", "LEFT_RIGHT")
    left_sub = align in ("LEFT_LEFT", "RIGHT_LEFT")
    left = (d >= 0 and left_super) or (d <= 0 and left_sub)
    return 0 if left else max_len - _diag_len(m, n, d)


def _band_indices(m, n, lo, hi, align):
    """For every (row, col) of an m x n matrix: its row and column in the packed diagonals, and
    whether it lies in the band [lo, hi]."""
    max_len = builtins.max(_diag_len(m, n, d) for d in range(lo, hi + 1))
    r = np.arange(m)[:, None]
    c = np.arange(n)[None, :]
    d = c - r
    inside = (d >= lo) & (d <= hi)
    offsets = np.array([_offset(k, max_len, m, n, align) for k in range(lo, hi + 1)])
    row = np.where(inside, hi - d, 0)
    col = np.where(inside, offsets[np.clip(d - lo, 0, hi - lo)] + np.minimum(r, c), 0)
    return row, col, inside, max_len


@op(tensors=("diagonal", "padding_value"), op_type="MatrixDiagV3",
    sig="diagonal:T, k:int32, num_rows:int32, num_cols:int32, padding_value:T -> output:T")
def _matrix_diag(diagonal, k, num_rows, num_cols, padding_value, align, name=None):
    _align_check(align, "MatrixDiagV3")
    lo, hi, single = _k_pair(k, "MatrixDiagV3")
    if diagonal.ndim < 1:
        raise errors.kernel_error("MatrixDiagV3", "diagonal must be at least 1-dim, received "
                                  "shape: %s" % _dims(diagonal.shape), name)
    if not single and diagonal.ndim < 2:
        raise errors.kernel_error("MatrixDiagV3", "diagonal must be at least 2-dim for range "
                                  "of diagonals, received shape: %s" % _dims(diagonal.shape),
                                  name)
    max_len = diagonal.shape[-1]
    min_rows = max_len - builtins.min(hi, 0)
    min_cols = max_len + builtins.max(lo, 0)
    if num_rows == -1 and num_cols == -1:
        num_rows = num_cols = builtins.max(min_rows, min_cols)
    elif num_rows == -1:
        num_rows = min_rows
    elif num_cols == -1:
        num_cols = min_cols
    if (num_rows != min_rows and num_cols != min_cols) or num_rows < min_rows \
            or num_cols < min_cols:
        raise errors.kernel_error("MatrixDiagV3", "The number of rows or columns is not "
                                  "consistent with the specified d_lower, d_upper, and "
                                  "diagonal.", None)
    packed = diagonal if not single else diagonal[..., None, :]
    row, col, inside, _ = _band_indices(num_rows, num_cols, lo, hi, align)
    values = packed[..., row, col]
    return jnp.where(inside, values, padding_value.astype(diagonal.dtype))


def _is_bool(x) -> bool:
    dtype = getattr(x, "dtype", None)
    try:
        return dtype is not None and D.as_dtype(dtype) is D.bool
    except TypeError:
        return False


@_api.export("linalg.diag")
def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0,
         align="RIGHT_LEFT"):
    """tf.linalg.diag (TF's MatrixDiagV3: k may be a diagonal or a band (lo, hi))."""
    if _is_bool(diagonal):  # TF's special case, for inputs that have a dtype already
        padding_value = bool(padding_value)
    diagonal = convert_to_tensor(diagonal)
    return _matrix_diag(diagonal, k, int(num_rows), int(num_cols),
                        convert_to_tensor(padding_value, dtype=diagonal.dtype), align, name=name)


@op(tensors=("input", "padding_value"), op_type="MatrixDiagPartV3",
    sig="input:T, k:int32, padding_value:T -> diagonal:T")
def _matrix_diag_part(input, k, padding_value, align, name=None):
    _align_check(align, "MatrixDiagPartV3")
    _diag_part_rank(input, name=name)
    lo, hi, single = _k_pair(k, "MatrixDiagPartV3")
    m, n = input.shape[-2:]
    for label, v in (("lower_diag_index", lo), ("upper_diag_index", hi)):
        if not -m < v < n and not (m == 0 or n == 0):
            raise errors.kernel_error("MatrixDiagPartV3", "%s is out of bound: %d. It must be "
                                      "between %d and %d" % (label, v, -m, n), name)
    max_len = builtins.max(_diag_len(m, n, d) for d in range(lo, hi + 1))
    rows = []
    for d in range(hi, lo - 1, -1):
        length = _diag_len(m, n, d)
        i = np.arange(max_len) - _offset(d, max_len, m, n, align)
        ok = (i >= 0) & (i < length)
        ii = np.where(ok, i, 0)
        vals = input[..., ii + builtins.max(-d, 0), ii + builtins.max(d, 0)] if m and n else \
            jnp.zeros(input.shape[:-2] + (max_len,), input.dtype)
        rows.append(jnp.where(ok, vals, padding_value.astype(input.dtype)))
    out = jnp.stack(rows, axis=-2)
    return out[..., 0, :] if single else out


@_api.export("linalg.diag_part")
def diag_part(input, name="diag_part", k=0, padding_value=0,
              align="RIGHT_LEFT"):
    """tf.linalg.diag_part (TF's MatrixDiagPartV3)."""
    if _is_bool(input):
        padding_value = bool(padding_value)
    input = convert_to_tensor(input)
    return _matrix_diag_part(input, k, convert_to_tensor(padding_value, dtype=input.dtype),
                             align, name=name)


@op(tensors=("input", "diagonal"), op_type="MatrixSetDiagV3",
    sig="input:T, diagonal:T, k:int32 -> output:T")
def _matrix_set_diag(input, diagonal, k, align, name=None):
    _align_check(align, "MatrixSetDiagV3")
    if input.ndim < 2:
        raise errors.kernel_error("MatrixSetDiagV3", "input must be at least 2-dim, received "
                                  "shape: %s" % _dims(input.shape), name)
    lo, hi, single = _k_pair(k, "MatrixSetDiagV3")
    m, n = input.shape[-2:]
    row, col, inside, max_len = _band_indices(m, n, lo, hi, align)
    want = input.shape[:-2] + ((max_len,) if single else (hi - lo + 1, max_len))
    if diagonal.shape != want:
        raise errors.kernel_error(
            "MatrixSetDiagV3", "Either first dimensions of diagonal don't match input.shape[:-2],"
            " or diagonal.shape[:-1] is not equal to the longests diagonal in range [lower_diag_"
            "index:upper_diag_index].\nInput shape: %s\nDiagonal shape: %s\nExpected diagonal "
            "shape: %s" % (_dims(input.shape), _dims(diagonal.shape), _dims(want)), name)
    packed = diagonal if not single else diagonal[..., None, :]
    return jnp.where(inside, packed[..., row, col], input)


@_api.export("linalg.set_diag")
def set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):
    """tf.linalg.set_diag (TF's MatrixSetDiagV3)."""
    return _matrix_set_diag(input, diagonal, k, align, name=name)


@op(tensors=("input",), op_type="MatrixBandPart",
    sig="input:T, num_lower:Tindex, num_upper:Tindex -> band:T")
def _band_part(input, num_lower, num_upper, name=None):
    if input.ndim < 2:
        raise errors.kernel_error("MatrixBandPart", "input must be at least 2-dim, received "
                                  "shape: %s" % _dims(input.shape))
    m, n = input.shape[-2:]
    if num_lower > m:
        raise errors.kernel_error("MatrixBandPart", "num_lower must be negative or less or "
                                  "equal to number of rows (%d) got: %d" % (m, num_lower))
    if num_upper > n:
        raise errors.kernel_error("MatrixBandPart", "num_upper must be negative or less or "
                                  "equal to number of columns (%d) got: %d" % (n, num_upper))
    r = np.arange(m)[:, None]
    c = np.arange(n)[None, :]
    keep = ((num_lower < 0) | (r - c <= num_lower)) & ((num_upper < 0) | (c - r <= num_upper))
    return jnp.where(keep, input, jnp.zeros((), input.dtype))


def _band_index(v):
    if is_tensor(v):
        t = convert_to_tensor(v)
        if t.dtype not in (D.int32, D.int64):
            raise _dtype_error("MatrixBandPart", t.dtype, (D.int32, D.int64),
                               "input:T, num_lower:Tindex, num_upper:Tindex -> band:T")
        return int(t)
    return int(convert_to_tensor(v, dtype=D.int64))


@_api.export("linalg.band_part")
def band_part(input, num_lower, num_upper, name=None):
    """tf.linalg.band_part: keep num_lower subdiagonals and num_upper superdiagonals (-1: all)."""
    return _band_part(input, _band_index(num_lower), _band_index(num_upper))


@op("linalg.tensor_diag", tensors=("diagonal",), op_type="Diag",
    sig="diagonal:T -> output:T")
def tensor_diag(diagonal, name=None):
    n = diagonal.size
    flat = jnp.zeros((n, n), diagonal.dtype).at[np.arange(n), np.arange(n)].set(
        diagonal.reshape(-1))
    return flat.reshape(diagonal.shape + diagonal.shape)


@op("linalg.tensor_diag_part", tensors=("input",), op_type="DiagPart",
    sig="input:T -> diagonal:T")
def tensor_diag_part(input, name=None):
    r = input.ndim
    if r == 0 or r % 2:
        raise errors.kernel_error("DiagPart", "The rank of the tensor should be                 "
                                  "                         even and positive, got shape %s"
                                  % _dims(input.shape))
    half = input.shape[:r // 2]
    for i in range(r // 2):
        if input.shape[i] != input.shape[i + r // 2]:
            raise errors.kernel_error("DiagPart", "Invalid shape %s: dimensions %d and %d do "
                                      "not match." % (_dims(input.shape), i, i + r // 2))
    n = int(np.prod(half, dtype=np.int64))
    return input.reshape(n, n)[np.arange(n), np.arange(n)].reshape(half)


@op("linalg.cross", tensors=("a", "b"), dtypes=_CROSS, op_type="Cross",
    sig="a:T, b:T -> product:T")
def cross(a, b, name=None):
    if a.shape != b.shape:
        raise errors.kernel_error("Cross", "Both inputs must be of same shape: %s vs. %s"
                                  % (_dims(a.shape), _dims(b.shape)))
    if a.ndim == 0 or a.shape[-1] != 3:
        raise errors.kernel_error("Cross", "Cross-products are only defined for 3-element "
                                  "vectors.", cls=errors.FailedPreconditionError)
    return jnp.cross(a, b)


# ---------------------------------------------------------------------------------------------
# Products


@_api.export("linalg.matvec")
def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False,
           name=None):
    """tf.linalg.matvec: TF's composite, matmul(a, b[..., None])[..., 0]."""
    a = convert_to_tensor(a)
    b = convert_to_tensor(b)
    out = math_ops.matmul(a, array_ops.expand_dims(b, -1), transpose_a=transpose_a,
                          adjoint_a=adjoint_a)
    return array_ops.squeeze(out, axis=-1)


def _tensordot_axes(a, b, axes):
    """TF's _tensordot_axes: two lists of contraction axes, with its Python errors."""
    if isinstance(axes, numbers.Integral) or (is_tensor(axes) and convert_to_tensor(axes).ndim
                                              == 0):
        axes = int(convert_to_tensor(axes, dtype=D.int32)) if is_tensor(axes) else int(axes)
        if axes < 0:
            raise ValueError("`axes` must be at least 0. Received: %d." % axes)
        if axes > a.ndim:
            raise ValueError("`axes` must not be larger than the number of dimensions of tensor "
                             "%s.  Received %d, vs tensor dimensions %d."
                             % (a.numpy(), axes, a.ndim))
        return list(range(a.ndim - axes, a.ndim)), list(range(axes))
    if isinstance(axes, float):
        raise TypeError("Cannot convert %r to EagerTensor of dtype int32" % axes)
    if is_tensor(axes):
        axes = convert_to_tensor(axes).numpy().tolist()
    axes = list(axes)
    if len(axes) != 2:
        raise ValueError("`axes` must be an integer or have length 2. Received %s." % (axes,))
    a_axes, b_axes = axes
    a_axes = [int(a_axes)] if isinstance(a_axes, numbers.Integral) else [int(x) for x in a_axes]
    b_axes = [int(b_axes)] if isinstance(b_axes, numbers.Integral) else [int(x) for x in b_axes]
    if len(a_axes) != len(b_axes):
        raise ValueError("Different number of contraction axes `a` and `b`, %d != %d."
                         % (len(a_axes), len(b_axes)))
    return a_axes, b_axes


@op(tensors=("a", "b"), dtypes=_MATMUL, op_type="MatMul", sig="a:T, b:T -> product:T")
def _tensordot(a, b, a_axes, b_axes, name=None):
    a_axes = [x % a.ndim if a.ndim else x for x in a_axes]
    b_axes = [x % b.ndim if b.ndim else x for x in b_axes]
    free_a = [d for i, d in enumerate(a.shape) if i not in a_axes]
    free_b = [d for i, d in enumerate(b.shape) if i not in b_axes]
    in0 = [int(np.prod(free_a, dtype=np.int64)), int(np.prod([a.shape[i] for i in a_axes],
                                                              dtype=np.int64))]
    in1 = [int(np.prod([b.shape[i] for i in b_axes], dtype=np.int64)),
           int(np.prod(free_b, dtype=np.int64))]
    if in0[1] != in1[0]:  # TF reshapes both to matrices for one MatMul
        raise errors.kernel_error("MatMul", "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                                  % (_dims(in0), _dims(in1)),
                                  node="__MklMatMul" if a.dtype == jnp.float32 else None)
    return jnp.tensordot(a, b, axes=(a_axes, b_axes), preferred_element_type=a.dtype)


def _mkl_mismatch(op_type, a, b, mkl_name):
    if a.dtype is not b.dtype:
        kernel = ("_Mkl" if a.dtype in (D.float32, D.bfloat16) else "") + mkl_name
        raise errors.op_error(op_type, "cannot compute %s as input #1(zero-based) was expected "
                              "to be a %s tensor but is a %s tensor"
                              % (kernel, tf_type_name(a.dtype),
                                 tf_type_name(b.dtype)))


@_api.export("linalg.tensordot", "tensordot")
def tensordot(a, b, axes, name=None):
    """tf.tensordot."""
    a = convert_to_tensor(a)
    b = convert_to_tensor(b)
    a_axes, b_axes = _tensordot_axes(a, b, axes)
    _mkl_mismatch("MatMul", a, b, "MatMul")
    return _tensordot(a, b, tuple(a_axes), tuple(b_axes))


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
                    "dimension %d" % (sizes[label], ax, _dims(x.shape), d), node=node)
            sizes.setdefault(label, d)


@op(lists=("inputs",), op_type="Einsum")
def _einsum(equation, inputs, name=None):
    dt = inputs[0].dtype
    node = ("__MklEinsum" if dt in (jnp.float32, jnp.bfloat16) else "Einsum") + \
        "_N_%d" % len(inputs)
    if D.from_numpy(dt) not in _EINSUM:
        raise _no_kernel("Einsum", 'N=%d, T=DT_%s, equation="%s"'
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
            raise errors.op_error("Einsum", "cannot compute %s as input #%d(zero-based) was "
                                  "expected to be a %s tensor but is a %s tensor"
                                  % (kernel, i, tf_type_name(ts[0].dtype),
                                     tf_type_name(t.dtype)))
    return _einsum(equation, ts)


# ---------------------------------------------------------------------------------------------
# Norms


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
        if D.from_numpy(x.dtype) not in _SQRT:
            raise _dtype_error("Sqrt", D.from_numpy(x.dtype), _SQRT, "x:T -> y:T")
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


@_api.export("linalg.normalize")
def normalize(tensor, ord="euclidean", axis=None, name=None):
    """tf.linalg.normalize: (tensor / norm, norm), the norm with kept dimensions."""
    t = convert_to_tensor(tensor)
    n = norm(t, ord=ord, axis=axis, keepdims=True)
    return math_ops.divide(t, math_ops.cast(n, t.dtype)), n


@op(lists=("t_list",), dtypes=_L2LOSS, op_type="L2Loss", sig="t:T -> output:T")
def _global_norm(t_list, name=None):
    dt = t_list[0].dtype
    if D.from_numpy(dt) not in _L2LOSS:
        raise _dtype_error("L2Loss", D.from_numpy(dt), _L2LOSS, "t:T -> output:T")
    half = [jnp.sum(jnp.square(t.astype(jnp.float32) if dt in _HALF else t)) / 2 for t in t_list]
    return jnp.sqrt(jnp.sum(jnp.stack(half)) * 2).astype(dt)


@_api.export("linalg.global_norm")
def global_norm(t_list, name=None):
    """tf.linalg.global_norm: sqrt(sum of squares) over a list of tensors (None skipped)."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, EagerTensor):
        raise TypeError("`t_list` should be a sequence of tensors. Received %s." % type(t_list))
    ts = [convert_to_tensor(t) for t in t_list if t is not None]
    return _global_norm(ts)

