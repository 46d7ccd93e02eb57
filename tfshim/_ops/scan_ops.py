"""tf.math.cumsum, cumprod and cumulative_logsumexp (TF keeps them in math_ops.py; its kernels
are scan_ops.cc's)."""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np
from jax import lax

from .._core import dtypes as D
from .._core import errors
from .._core.op import op
from . import op_defs, tf_grads
from .op_util import HALF, def_error, scalar_axis

# -- cumulative sums and products (TF's scan kernels) -----------------------------------------
_AXIS = "ScanOp: axis must be a scalar, not %s"


def _scan(x, axis, exclusive, reverse, fn, init):
    """Cumsum's and Cumprod's kernel: TF's checks, then tf_grads.scan."""
    op_type = "Cumsum" if fn is jnp.cumsum else "Cumprod"
    if x.dtype == np.bool_ or x.dtype == object:
        d = D.bool if x.dtype == np.bool_ else D.string
        raise def_error("T", d, op_defs.TEXT[op_type], "")
    _check_axis(x, axis, op_type)
    return tf_grads.scan(x, axis, exclusive, reverse, fn, init)


def _check_axis(x, axis, op_type):
    """TF's ScanOp check of the scan axis (scan_ops.cc; it names the axis after adding the
    rank to a negative one)."""
    if not -x.ndim <= axis < builtins.max(x.ndim, 1) or x.ndim == 0:
        raise errors.kernel_error(op_type, "ScanOp: Expected scan axis in the range [%d, %d), "
                                  "but got %d" % (-x.ndim, x.ndim,
                                                  axis + x.ndim if axis < 0 else axis))


@op("math.cumsum", "cumsum", tensors=("x",), converts=("x",), inputs=("axis",),
    op_type="Cumsum", graph_inputs=(("axis", "axis"),))
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    return _scan(x, scalar_axis(axis, "Cumsum", "Tidx", _AXIS, name or ""), exclusive, reverse,
                 jnp.cumsum, 0)


@op("math.cumprod", tensors=("x",), converts=("x",), inputs=("axis",),
    op_type="Cumprod", graph_inputs=(("axis", "axis"),))
def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    axis = scalar_axis(axis, "Cumprod", "Tidx", _AXIS, name or "")
    return tf_grads.cumprod(x, axis, bool(exclusive), bool(reverse), _scan)


@op("math.cumulative_logsumexp", tensors=("x",), converts=("x",), inputs=("axis",),
    dtypes=op_defs.allowed("CumulativeLogsumexp"), op_type="CumulativeLogsumexp",
    sig="x:T, axis:Tidx -> out:T")
def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    axis = scalar_axis(axis, "CumulativeLogsumexp", "Tidx", _AXIS, name or "")
    _check_axis(x, axis, "CumulativeLogsumexp")
    acc = jnp.float32 if x.dtype in HALF else x.dtype
    v = x.astype(acc)
    if reverse:
        v = jnp.flip(v, axis)
    out = lax.cumlogsumexp(v, axis=axis % max(v.ndim, 1))
    if exclusive:
        pad = [(0, 0)] * v.ndim
        pad[axis % v.ndim] = (1, 0)
        out = jnp.pad(out, pad, constant_values=-jnp.inf)
        out = lax.slice_in_dim(out, 0, v.shape[axis], axis=axis % v.ndim)
    if reverse:
        out = jnp.flip(out, axis)
    return out.astype(x.dtype)
