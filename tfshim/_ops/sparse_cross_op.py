"""tf.sparse.cross and tf.sparse.cross_hashed, and the crossing tf.ragged.cross shares (TF's
kernels/sparse_cross_op.cc and ragged_cross_op.cc).

A cross of features is per batch row: every combination of one value from each input's row,
the last input varying fastest. The strings join with a separator ("_X_"); the hashed cross
chains TF's FingerprintCat64 over each value's hash (FarmHash Fingerprint64 of a string, an
int64 itself), from the hash key. Features are host values (strings), so crosses run on the
host with NumPy, eagerly; inside tf.function the function runs eagerly (README: known
deviations).
"""

from __future__ import annotations

import itertools

import jax
import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor
from .._core.sparse_tensor import SparseTensor

_DEFAULT_HASH_KEY = 0xDECAFCAFFE  # TF's sparse_ops._DEFAULT_HASH_KEY
_MASK = (1 << 64) - 1
_K_MUL = 0xC6A4A7935BD1E995


def _shift_mix(v: int) -> int:
    return v ^ (v >> 47)


def fingerprint_cat64(fp1: int, fp2: int) -> int:
    """TF's FingerprintCat64 (platform/fingerprint.h) on uint64s."""
    result = fp1 ^ _K_MUL
    result ^= (_shift_mix((fp2 * _K_MUL) & _MASK) * _K_MUL) & _MASK
    result = (result * _K_MUL) & _MASK
    result = (_shift_mix(result) * _K_MUL) & _MASK
    return _shift_mix(result)


def _host(t) -> np.ndarray:
    if isinstance(t._value, jax.core.Tracer):
        raise errors.CannotCompile("a feature cross of traced inputs")
    return np.asarray(t._value)


def feature_rows(inputs, ragged_type=None) -> list:
    """Each input as (its batch size, a function giving a row's values, its dtype). tf.ragged
    takes int64 and string inputs (else TF's ValueError); tf.sparse (ragged_type None) casts
    other dtypes to int64, as TF's sparse_ops."""
    feats = []
    for i, x in enumerate(inputs):
        if isinstance(x, SparseTensor):
            ind, vals = _host(x.indices), _host(x.values)
            n = int(_host(x.dense_shape)[0])
            rows = ind[:, 0] if len(ind) else np.zeros(0, np.int64)
            starts = np.searchsorted(rows, np.arange(n + 1))
            dtype = x.dtype
            get = (lambda r, v=vals, s=starts: v[s[r]:s[r + 1]])
        elif ragged_type is not None and isinstance(x, ragged_type):
            if x.ragged_rank != 1:
                raise ValueError("tf.ragged.cross only supports inputs with rank=2")
            vals, splits = _host(x.flat_values), _host(x.row_splits)
            n, dtype = len(splits) - 1, x.dtype
            get = (lambda r, v=vals, s=splits: v[s[r]:s[r + 1]])
        else:
            t = convert_to_tensor(x)
            vals = _host(t)
            if vals.ndim != 2:
                raise ValueError("tf.ragged.cross only supports inputs with rank=2")
            n, dtype = len(vals), t.dtype
            get = (lambda r, v=vals: v[r])
        if dtype not in (dtypes.int64, dtypes.string):
            if ragged_type is not None:
                raise ValueError("Unexpected dtype for inputs[%d]: %s" % (i, dtype))
            get, dtype = (lambda r, g=get: np.asarray(g(r)).astype(np.int64)), dtypes.int64
        feats.append((n, get, dtype))
    return feats


def cross_rows(feats, op_type, hashed=False, num_buckets=0, hash_key=None, separator="_X_",
               node=None):
    """The crosses of each batch row: a list per row (bytes, or int64 hashes)."""
    sizes = {n for n, _, _ in feats}
    if len(sizes) > 1:
        raise errors.kernel_error(op_type, "inputs must all have the same batch dimension size.",
                                  node=node)
    n = sizes.pop() if sizes else 0
    key = _DEFAULT_HASH_KEY if hash_key is None else int(hash_key)
    sep = separator.encode() if isinstance(separator, str) else separator
    if hashed:
        import farmhash  # pyfarmhash: TF's Fingerprint64 (as tf.strings.to_hash_bucket_fast)

        def hash_of(v, dtype):
            return farmhash.fingerprint64(v) if dtype is dtypes.string else int(v) & _MASK
    out = []
    for r in range(n):
        row_values = [list(get(r)) for _, get, _ in feats]
        crosses = []
        for combo in itertools.product(*row_values):
            if hashed:
                h = key
                for v, (_, _, dtype) in zip(combo, feats):
                    h = fingerprint_cat64(h, hash_of(v, dtype))
                crosses.append(h % num_buckets if num_buckets > 0 else h % ((1 << 63) - 1))
            else:
                crosses.append(sep.join(v if isinstance(v, bytes) else str(int(v)).encode()
                                        for v in combo))
        out.append(crosses)
    return out


def _as_sparse(rows, hashed) -> SparseTensor:
    indices = [[r, k] for r, row in enumerate(rows) for k in range(len(row))]
    values = [v for row in rows for v in row]
    width = max((len(row) for row in rows), default=0)
    vals = np.asarray(values, np.int64) if hashed else np.asarray(values, object).reshape(-1)
    if not values:
        vals = np.zeros(0, np.int64) if hashed else np.zeros(0, object)
    return SparseTensor(np.asarray(indices, np.int64).reshape(-1, 2), convert_to_tensor(
        vals, dtypes.int64 if hashed else dtypes.string), [len(rows), width])


@_api.export("sparse.cross")
def sparse_cross(inputs, name=None, separator=None):
    """tf.sparse.cross."""
    rows = cross_rows(feature_rows(inputs), "SparseCrossV2",
                      separator="_X_" if separator is None else separator)
    return _as_sparse(rows, False)


@_api.export("sparse.cross_hashed")
def sparse_cross_hashed(inputs, num_buckets=0, hash_key=None, name=None):
    """tf.sparse.cross_hashed."""
    rows = cross_rows(feature_rows(inputs), "SparseCrossHashed", hashed=True,
                      num_buckets=num_buckets, hash_key=hash_key)
    return _as_sparse(rows, True)
