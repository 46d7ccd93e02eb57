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
from .array_ops import reshape
from .math_ops import cast


@op(tensors=("arr",), others=("weights",), op_type="DenseBincount", grad=False,
    converts=True,
    sig="input:Tidx, size:Tidx, weights:T -> output:T")
def _bincount(arr, weights, size, dtype, binary_output, name=None):
    a = np.asarray(arr)
    if a.ndim > 2:
        raise errors.kernel_error("DenseBincount", "Shape must be at most rank 2 but is rank %d"
                                  % a.ndim)
    if a.size and a.min() < 0:
        raise errors.kernel_error("DenseBincount", "Input arr must be non-negative!" if a.ndim < 2
                                  else "Input 'in' must be non-negative! Negative input value "
                                  "found: %d" % a[a < 0].flat[0])
    # A rank-2 input counts per row (TF's axis=-1): bins of row r are r * size + value.
    rows = a.shape[0] if a.ndim == 2 else 1
    keep = (a < size).reshape(-1)
    flat = (a + size * np.arange(rows).reshape((-1,) + (1,) * (a.ndim - 1))).reshape(-1)[keep]
    w = np.ones(keep.shape, dtype.as_numpy_dtype) if weights is None else np.asarray(
        weights).reshape(-1)
    if binary_output:
        out = np.zeros(rows * size, w.dtype)
        out[flat] = 1
        out = jnp.asarray(out)
    else:
        out = jax.ops.segment_sum(jnp.asarray(w[keep]), jnp.asarray(flat), rows * size)
    return out.reshape((rows, size)) if a.ndim == 2 else out


@_api.export("math.bincount")
def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=D.int32, name=None,
             axis=None, binary_output=False):
    """tf.math.bincount."""
    arr = convert_to_tensor(arr)
    if weights is not None:
        weights = convert_to_tensor(weights)
    if weights is not None and binary_output:
        raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. "
                         "Please specify only one.")
    if not arr.dtype.is_integer:
        arr = cast(arr, D.int32)  # TF truncates a float input to int32
    if axis is None:
        axis = 0
    if axis not in (0, -1):
        raise ValueError(f"Unsupported value for argument axis={axis}. Only 0 and -1 are "
                         "currently supported.")
    if arr.dtype not in (D.int32, D.int64):  # TF's Bincount (DenseBincount) index type
        raise errors.attr_value_error("Tidx", D.tf_type_name(arr.dtype), "int32, int64",
                                      "DenseBincount")
    a = arr.numpy()
    size = int(a.max()) + 1 if a.size else 0
    if minlength is not None:
        size = max(size, int(minlength))
    if maxlength is not None:
        size = min(size, int(maxlength))
    if axis == 0:
        arr = reshape(arr, [-1])
        if weights is not None:
            weights = reshape(weights, [-1])
    return _bincount(arr, weights, size, D.as_dtype(dtype), bool(binary_output))
