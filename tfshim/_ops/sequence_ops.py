"""tf.range and tf.linspace (TF keeps them in math_ops.py; its kernels are sequence_ops.cc's)."""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import convert as C
from .._core import dtypes as D
from .._core import errors
from .._core import tensor as T
from .._core.convert import convert_to_tensor
from .._core.op import op
from . import op_defs
from .math_ops import cast
from .op_util import index_attr_error

# -- range, linspace ------------------------------------------------------------------------
_RANGE_ORDER = (D.int32, D.int64, D.float16, D.bfloat16, D.float32, D.float64)


def _number_text(v) -> str:
    """A number as TF's StrCat prints it (no trailing .0)."""
    s = str(v)
    return s[:-2] if s.endswith(".0") else s


@_api.export("range")
def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    """tf.range."""
    if limit is None:
        start, limit = 0, start
    args = [a if C.is_tensor(a) else convert_to_tensor(a, dtype) for a in (start, limit, delta)]
    args = [convert_to_tensor(a) for a in args]
    if dtype is None:
        if any(a.dtype not in _RANGE_ORDER for a in args):
            raise AssertionError()
        # TF infers the widest of the arguments' dtypes (int32 < int64 < ... < float64).
        dtype = builtins.max((a.dtype for a in args), key=_RANGE_ORDER.index)
    dtype = D.as_dtype(dtype)
    lo, hi, step = (cast(a, dtype).numpy()[()] for a in args)
    if dtype not in op_defs.allowed("Range", "Tidx"):
        raise index_attr_error("Tidx", dtype, "Range", op_defs.names("Range", "Tidx"), "")
    if dtype in (D.int8, D.int16, D.uint16, D.uint32, D.uint64):  # in the op-def, no kernel
        raise errors.no_kernel_error("Range", "Tidx=DT_%s" % dtype.name.upper())
    if step == 0:
        raise errors.kernel_error("Range", "Requires delta != 0: %s" % _number_text(step))
    if (step > 0 and not lo <= hi) or (step < 0 and not lo >= hi):
        raise errors.kernel_error(
            "Range", "Requires start %s limit when delta %s 0: %s/%s"
            % ("<=" if step > 0 else ">=", ">" if step > 0 else "<", _number_text(lo),
               _number_text(hi)))
    np_dt = dtype.as_numpy_dtype
    if dtype.is_integer:
        span, step_size = builtins.abs(int(hi) - int(lo)), builtins.abs(int(step))
        size = (span + step_size - 1) // step_size
    else:
        n = np.abs((hi - lo) / step)  # in the range's own dtype, as TF's kernel
        if not np.isfinite(n) or n > 2**63 - 1:
            raise errors.kernel_error("Range", "Requires ((limit - start) / delta) <= %d"
                                      % (2**63 - 1))
        size = int(np.ceil(n))
    # TF's kernel computes start + i * delta in the output dtype.
    values = (lo + np.arange(size).astype(np_dt) * step).astype(np_dt)
    return T.wrap(C.to_array(values))  # concrete inside tf.function too


@_api.export("linspace")
def linspace(start, stop, num, name=None, axis=0):
    """tf.linspace (TF's linspace_nd)."""
    start = convert_to_tensor(start)
    try:
        stop = convert_to_tensor(stop, start.dtype)
    except ValueError as e:
        raise ValueError("stop: %s" % e) from None
    n = convert_to_tensor(num)
    if not n.dtype.is_integer:
        raise TypeError("Argument `tensor` (name: num) must be of type integer. Received "
                        "`tensor` = %s of dtype: %s" % (num, n.dtype))
    n = int(n)
    if n < 0:  # TF's range(1, -1) inside linspace_nd
        raise errors.kernel_error("Range", "Requires start <= limit when delta > 0: 1/%d" % n)
    return _linspace(start, stop, n, axis)


@op(tensors=("start", "stop"), op_type="LinSpace")
def _linspace(start, stop, num, axis, name=None):
    shape = np.broadcast_shapes(start.shape, stop.shape)
    rank = len(shape) + 1
    if not -rank <= axis < rank:
        raise errors.kernel_error("ExpandDims", "Tried to expand dim index %d for tensor with %d "
                                  "dimensions." % (axis, rank - 1))
    start = jnp.expand_dims(jnp.broadcast_to(start, shape), axis)
    stop = jnp.expand_dims(jnp.broadcast_to(stop, shape), axis)
    if jnp.issubdtype(start.dtype, jnp.integer):  # TF's truediv: int8/16 -> float32, else 64
        ft = jnp.float32 if start.dtype.itemsize <= 2 else jnp.float64
        delta = (stop - start).astype(ft) / jnp.asarray(builtins.max(num - 1, 1), ft)
        start, stop = start.astype(ft), stop.astype(ft)
    else:
        delta = (stop - start) / jnp.asarray(builtins.max(num - 1, 1), start.dtype)
    steps = jnp.arange(1, builtins.max(num - 1, 1), dtype=delta.dtype)
    steps = steps.reshape([-1 if i == axis % rank else 1 for i in builtins.range(rank)])
    out = jnp.concatenate([start, start + delta * steps, stop], axis=axis)
    return jnp.take(out, jnp.arange(num), axis=axis)
