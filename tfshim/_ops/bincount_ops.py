"""tf.math.bincount (TF's bincount_ops.py): the DenseBincount op."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op


@op(tensors=("arr",), others=("weights",), op_type="DenseBincount", grad=False,
    sig="input:Tidx, size:Tidx, weights:T -> output:T")
def _bincount(arr, weights, size, dtype, binary_output, name=None):
    a = np.asarray(arr).reshape(-1)
    if a.size and a.min() < 0:
        raise errors.kernel_error("DenseBincount", "Input arr must be non-negative!")
    keep = a < size
    w = np.ones(a.shape, dtype.as_numpy_dtype) if weights is None else np.asarray(
        weights).reshape(-1)
    if binary_output:
        out = np.zeros(size, w.dtype)
        out[a[keep]] = 1
        return jnp.asarray(out)
    return jax.ops.segment_sum(jnp.asarray(w[keep]), jnp.asarray(a[keep]), size)


@_api.export("math.bincount")
def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=D.int32, name=None,
             axis=None, binary_output=False):
    """tf.math.bincount.

    Differences from TensorFlow: axis=-1 (per-row counts) is not supported.
    """
    if axis not in (None, 0):
        raise NotImplementedError("tfshim: tf.math.bincount supports axis=None only")
    arr = convert_to_tensor(arr)
    if arr.dtype not in (D.int32, D.int64):  # TF's Bincount (DenseBincount) index type
        raise errors.attr_value_error("Tidx", D.tf_type_name(arr.dtype), "int32, int64",
                                      "DenseBincount")
    a = arr.numpy()
    size = int(a.max()) + 1 if a.size else 0
    if minlength is not None:
        size = max(size, int(minlength))
    if maxlength is not None:
        size = min(size, int(maxlength))
    if weights is not None:
        weights = convert_to_tensor(weights)
    return _bincount(arr, weights, size, D.as_dtype(dtype), bool(binary_output))
