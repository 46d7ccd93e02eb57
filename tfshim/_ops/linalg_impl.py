"""tf.linalg's Python composites (TF's linalg_impl.py): slogdet, logdet, adjoint, expm, pinv,
matrix_rank, lu_solve, lu_matrix_inverse, lu_reconstruct, normalize; and the tf.linalg ops TF
keeps in array_ops.py and math_ops.py: matrix_transpose, diag, diag_part, set_diag, band_part,
tensor_diag, tensor_diag_part, trace, cross, matvec, tensordot.

Each composite is one JAX body, so it is one tape entry; the kernels and checks it shares are
linalg_ops.py's.
"""

from __future__ import annotations

import builtins
import collections
import math
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
from .._core.op import TypeList, op, raw_inputs
from . import array_ops, math_ops, op_defs, tf_grads
from .linalg_ops import _F16, _adj, _matmul_check, _matrix_input, _no_half, _triangular_check, norm
from .op_util import HALF, dims, mismatch, name_suffix, string_attr_check, type_attr_error

LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant",
                                              ["sign", "log_abs_determinant"])


# ---------------------------------------------------------------------------------------------
# Determinants, LU composites


@op(tensors=("input",), dtypes=op_defs.allowed("LogMatrixDeterminant"),
    op_type="LogMatrixDeterminant",
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

@op("linalg.logdet", tensors=("matrix",), dtypes=op_defs.allowed("Cholesky"), op_type="Cholesky",
    sig="input:T -> output:T")
def logdet(matrix, name=None):
    """tf.linalg.logdet: TF's composite, 2 * sum(log(real(diag(cholesky(matrix)))))."""
    _matrix_input("Cholesky", matrix)
    _no_half("Cholesky", matrix)
    chol = tf_grads.cholesky(matrix)
    diag = jnp.real(jnp.diagonal(chol, axis1=-2, axis2=-1))
    return 2.0 * jnp.sum(jnp.log(diag), axis=-1)

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


# lu_solve's kernels are MatrixTriangularSolve's: its dtype list and checks hold for lower_upper
# and rhs; perm takes the path of TF's composite (a gather, or a stack with int32 batch indices).
@op(tensors=("lower_upper", "rhs"), others=("perm",),
    dtypes=op_defs.allowed("MatrixTriangularSolve"), op_type="MatrixTriangularSolve",
    sig="matrix:T, rhs:T -> output:T")
def _lu_solve(lower_upper, perm, rhs, name=None):
    _triangular_check(lower_upper, rhs, True, False)
    return _lu_solve_values(lower_upper, perm, rhs)


def _lu_solve_perm_check(perm, rhs):
    """TF's lu_solve permutes rhs with tf.gather (rank-2 rhs, rank-1 perm) or tf.gather_nd of
    perm stacked beside int32 batch indices: their dtype errors, before the solves'."""
    if rhs.ndim == 2 and perm.ndim == 1:
        if perm.dtype not in (D.int16, D.int32, D.int64):
            from .gather_scatter_ops import gather  # gather_scatter_ops imports linalg's modules

            gather(rhs, perm, axis=-2)  # raises GatherV2's Tindices error
    elif perm.dtype is not D.int32:
        raise mismatch("Pack", 1, D.int32, perm.dtype, "stack")


@_api.export("linalg.lu_solve")
def lu_solve(lower_upper, perm, rhs, validate_args=False, name=None):
    """tf.linalg.lu_solve."""
    lower_upper, perm = _lu_inputs(lower_upper, perm)
    # TF's lu_reconstruct_assertions (their static part), then lu_solve's own.
    if lower_upper.ndim < 2:
        raise ValueError("Input `lower_upper` must have at least 2 dimensions.")
    if lower_upper.ndim != perm.ndim + 1:
        raise ValueError("`rank(lower_upper)` must equal `rank(perm) + 1`")
    if lower_upper.shape[-2] != lower_upper.shape[-1]:
        raise ValueError("`lower_upper` must be square.")
    rhs = convert_to_tensor(rhs, dtype_hint=lower_upper.dtype)
    if rhs.ndim < 2:
        raise ValueError("Input `rhs` must have at least 2 dimensions.")
    if lower_upper.shape[-1] != rhs.shape[-2]:
        raise ValueError("`lower_upper.shape[-1]` must equal `rhs.shape[-1]`.")
    _lu_solve_perm_check(perm, rhs)
    return _lu_solve(lower_upper, perm, rhs)


@_api.export("linalg.lu_matrix_inverse")
def lu_matrix_inverse(lower_upper, perm, validate_args=False, name=None):
    """tf.linalg.lu_matrix_inverse: TF's lu_solve of an identity of lower_upper's dtype."""
    lower_upper, perm = _lu_inputs(lower_upper, perm)
    n = lower_upper.shape[-1]
    eye = convert_to_tensor(np.broadcast_to(np.eye(n, dtype=lower_upper.dtype.as_numpy_dtype),
                                            tuple(lower_upper.shape[:-2]) + (n, n)))
    _lu_solve_perm_check(perm, eye)
    return _lu_solve(lower_upper, perm, eye)


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
        raise errors.no_kernel_error("MatrixSolve", "T=DT_HALF, adjoint=false")
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
                                  % dims(x.shape), name)


@op("linalg.trace", tensors=("x",), dtypes=op_defs.allowed("Sum"), op_type="Sum",
    sig="input:T, reduction_indices:Tidx -> output:T")
def trace(x, name=None):
    _diag_part_rank(x)
    acc = jnp.float32 if x.dtype in HALF else x.dtype
    return jnp.trace(x, axis1=-2, axis2=-1, dtype=acc).astype(x.dtype)


_ALIGNS = ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT")


def _align_check(align, op_type):
    string_attr_check(op_type, "align", align, _ALIGNS, None)


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
                                  "shape: %s" % dims(diagonal.shape), name)
    if not single and diagonal.ndim < 2:
        raise errors.kernel_error("MatrixDiagV3", "diagonal must be at least 2-dim for range "
                                  "of diagonals, received shape: %s" % dims(diagonal.shape),
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
    if num_rows < min_rows:
        raise errors.kernel_error("MatrixDiagV3", "The number of rows is too small.", name)
    if num_cols < min_cols:
        raise errors.kernel_error("MatrixDiagV3", "The number of columns is too small.", name)
    if num_rows != min_rows and num_cols != min_cols:
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


def _diag_size(value, what, name):
    """MatrixDiagV3's num_rows or num_cols: an int32 scalar, converted as TF converts it."""
    t = convert_to_tensor(value, dtype=D.int32) if not is_tensor(value) else value
    if t.shape.rank:
        raise errors.kernel_error("MatrixDiagV3", "%s must be a scalar" % what,
                                  name_suffix(name, value))
    return int(t)


@_api.export("linalg.diag")
def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0,
         align="RIGHT_LEFT"):
    """tf.linalg.diag (TF's MatrixDiagV3: k may be a diagonal or a band (lo, hi))."""
    if _is_bool(diagonal):  # TF's special case, for inputs that have a dtype already
        padding_value = bool(padding_value)
    given = (diagonal, k, num_rows, num_cols, padding_value)  # as TF hands them to the raw op
    diagonal = convert_to_tensor(diagonal)
    for i, v in ((1, k), (2, num_rows), (3, num_cols)):  # MatrixDiagV3's int32 inputs
        if is_tensor(v) and convert_to_tensor(v).dtype is not D.int32:
            raise mismatch("MatrixDiagV3", i, D.int32, convert_to_tensor(v).dtype, name)
    with raw_inputs("MatrixDiagV3", *given):
        return _matrix_diag(diagonal, k, _diag_size(num_rows, "num_rows", name),
                            _diag_size(num_cols, "num_cols", name),
                            convert_to_tensor(padding_value, dtype=diagonal.dtype), align,
                            name=name)


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
                                  "shape: %s" % dims(input.shape), name)
    lo, hi, single = _k_pair(k, "MatrixSetDiagV3")
    m, n = input.shape[-2:]
    row, col, inside, max_len = _band_indices(m, n, lo, hi, align)
    want = input.shape[:-2] + ((max_len,) if single else (hi - lo + 1, max_len))
    if diagonal.shape != want:
        raise errors.kernel_error(
            "MatrixSetDiagV3", "Either first dimensions of diagonal don't match input.shape[:-2],"
            " or diagonal.shape[:-1] is not equal to the longests diagonal in range [lower_diag_"
            "index:upper_diag_index].\nInput shape: %s\nDiagonal shape: %s\nExpected diagonal "
            "shape: %s" % (dims(input.shape), dims(diagonal.shape), dims(want)), name)
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
                                  "shape: %s" % dims(input.shape))
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
            raise type_attr_error("Tindex", t.dtype, op_defs.allowed("MatrixBandPart", "Tindex"),
                                  "MatrixBandPart", "", op_def="MatrixBandPart")
        return np.asarray(t)
    return np.asarray(convert_to_tensor(v, dtype=D.int64))


@_api.export("linalg.band_part")
def band_part(input, num_lower, num_upper, name=None):
    """tf.linalg.band_part: keep num_lower subdiagonals and num_upper superdiagonals (-1: all)."""
    lower, upper = _band_index(num_lower), _band_index(num_upper)
    x = convert_to_tensor(input)
    suffix = name_suffix(name, input, num_lower, num_upper)
    # MatrixBandPart's checks in its order: the input's rank, then scalar bounds.
    if x.ndim < 2:
        raise errors.kernel_error("MatrixBandPart", "input must be at least 2-dim, received "
                                  "shape: %s" % dims(x.shape), suffix)
    for v, what in ((lower, "num_lower"), (upper, "num_upper")):
        if v.ndim:
            raise errors.kernel_error("MatrixBandPart", "%s must be scalar, got shape %s"
                                      % (what, dims(v.shape)), suffix)
    return _band_part(x, int(lower), int(upper))


@op("linalg.tensor_diag", tensors=("diagonal",), op_type="Diag", dtypes=op_defs.allowed("Diag"),
    sig="diagonal:T -> output:T")
def tensor_diag(diagonal, name=None):
    if diagonal.dtype == jnp.bfloat16:  # in Diag's op-def, but no CPU kernel has it
        raise errors.no_kernel_error("Diag", "T=DT_BFLOAT16")
    if diagonal.ndim == 0:
        raise errors.kernel_error("Diag", "Input must be at least rank 1, got 0", name or "")
    n = diagonal.size
    flat = jnp.zeros((n, n), diagonal.dtype).at[np.arange(n), np.arange(n)].set(
        diagonal.reshape(-1))
    return flat.reshape(diagonal.shape + diagonal.shape)


@op("linalg.tensor_diag_part", tensors=("input",), op_type="DiagPart",
    dtypes=TypeList.of("bfloat16, half, float, double, int32, int64, complex64, complex128"),
    sig="input:T -> diagonal:T")
def tensor_diag_part(input, name=None):
    r = input.ndim
    if r == 0 or r % 2:
        raise errors.kernel_error("DiagPart", "The rank of the tensor should be                 "
                                  "                         even and positive, got shape %s"
                                  % dims(input.shape))
    half = input.shape[:r // 2]
    for i in range(r // 2):
        if input.shape[i] != input.shape[i + r // 2]:
            raise errors.kernel_error("DiagPart", "Invalid shape %s: dimensions %d and %d do "
                                      "not match." % (dims(input.shape), i, i + r // 2))
    n = int(np.prod(half, dtype=np.int64))
    return input.reshape(n, n)[np.arange(n), np.arange(n)].reshape(half)


@op("linalg.cross", tensors=("a", "b"), dtypes=op_defs.allowed("Cross"), op_type="Cross",
    sig="a:T, b:T -> product:T")
def cross(a, b, name=None):
    if a.shape != b.shape:
        raise errors.kernel_error("Cross", "Both inputs must be of same shape: %s vs. %s"
                                  % (dims(a.shape), dims(b.shape)))
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


@op(tensors=("a", "b"), dtypes=op_defs.allowed("MatMul"), op_type="MatMul",
    sig="a:T, b:T -> product:T")
def _tensordot(a, b, a_axes, b_axes, name=None):
    a_axes = [x % a.ndim if a.ndim else x for x in a_axes]
    b_axes = [x % b.ndim if b.ndim else x for x in b_axes]
    free_a = [d for i, d in enumerate(a.shape) if i not in a_axes]
    free_b = [d for i, d in enumerate(b.shape) if i not in b_axes]
    # Symbolic dimensions (a trace for a TensorSpec's None) are not checked: JAX checks them.
    in0 = [math.prod(free_a), math.prod(a.shape[i] for i in a_axes)]
    in1 = [math.prod(b.shape[i] for i in b_axes), math.prod(free_b)]
    if all(isinstance(d, int) for d in in0 + in1) and in0[1] != in1[0]:
        # TF reshapes both to matrices for one MatMul
        raise errors.kernel_error("MatMul", "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                                  % (dims(in0), dims(in1)),
                                  node="__MklMatMul" if a.dtype == jnp.float32 else None)
    return jnp.tensordot(a, b, axes=(a_axes, b_axes), preferred_element_type=a.dtype)


def _mkl_mismatch(op_type, a, b, mkl_name):
    if a.dtype is not b.dtype:
        kernel = ("_Mkl" if a.dtype in (D.float32, D.bfloat16) else "") + mkl_name
        raise mismatch(op_type, 1, a.dtype, b.dtype, kernel=kernel)


@_api.export("linalg.tensordot", "tensordot")
def tensordot(a, b, axes, name=None):
    """tf.tensordot."""
    a = convert_to_tensor(a)
    b = convert_to_tensor(b)
    a_axes, b_axes = _tensordot_axes(a, b, axes)
    _mkl_mismatch("MatMul", a, b, "MatMul")
    return _tensordot(a, b, tuple(a_axes), tuple(b_axes))


@_api.export("linalg.normalize")
def normalize(tensor, ord="euclidean", axis=None, name=None):
    """tf.linalg.normalize: (tensor / norm, norm), the norm with kept dimensions."""
    t = convert_to_tensor(tensor)
    n = norm(t, ord=ord, axis=axis, keepdims=True)
    return math_ops.divide(t, math_ops.cast(n, t.dtype)), n
