"""tf.one_hot (TF's array_ops.py wrapper, with OneHot's checks from its one_hot_op.cc kernel;
apart from array_ops.py for size)."""

from __future__ import annotations

import numbers

import jax.numpy as jnp

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op
from . import op_defs
from .op_util import def_error, name_suffix
from .op_util import dims as _dims_text


@op(tensors=("on_value", "off_value"), others=("indices",), op_type="OneHot", grad=False)
def _one_hot(indices, depth, on_value, off_value, axis=-1, name=None):
    hot = jnp.expand_dims(indices, -1) == jnp.arange(depth, dtype=indices.dtype)
    out = jnp.where(hot, on_value, off_value)
    return jnp.moveaxis(out, -1, axis) if axis not in (-1, indices.ndim) else out


@_api.export("one_hot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """tf.one_hot."""
    indices_arg, indices = indices, convert_to_tensor(indices)
    on = None if on_value is None else convert_to_tensor(on_value)
    off = None if off_value is None else convert_to_tensor(off_value)
    if dtype is None:  # TF's order: the parameter first, then on_value against off_value
        dtype = on.dtype if on is not None else off.dtype if off is not None else D.float32
    else:
        dtype = D.as_dtype(dtype)
        for v, what in ((on, "on_value"), (off, "off_value")):
            if v is not None and v.dtype is not dtype:
                raise TypeError("dtype %s of %s does not match dtype parameter %s"
                                % (v.dtype, what, dtype))
    if on is not None and off is not None and on.dtype is not off.dtype:
        raise TypeError("dtype %s of on_value does not match dtype %s of off_value"
                        % (on.dtype, off.dtype))
    on = convert_to_tensor(1, dtype) if on is None else on
    off = convert_to_tensor(0, dtype) if off is None else off
    if indices.dtype not in (D.uint8, D.int8, D.int32, D.int64):
        raise def_error("TI", indices.dtype, op_defs.TEXT["OneHot"])
    if not isinstance(depth, numbers.Integral):
        depth = convert_to_tensor(depth, D.int32)
    axis = -1 if axis is None else int(axis)
    if axis != -1 and not 0 <= axis <= indices.ndim:
        raise errors.kernel_error("OneHot", "Expected axis to be -1 or between [0, %d).  But "
                                  "received: %d" % (indices.ndim + 1, axis), None)
    # OneHotOp's checks, in its order.
    suffix = name_suffix(name, indices_arg, depth, on_value, off_value)
    for v, what in ((depth, "depth"), (on, "on_value"), (off, "off_value")):
        if not isinstance(v, numbers.Integral) and v.ndim:
            raise errors.kernel_error("OneHot", "%s must be a scalar, but got: %s"
                                      % (what, _dims_text(v.shape)), suffix)
    if int(depth) < 0:
        raise errors.kernel_error("OneHot", "depth must be non-negative, got: %d" % int(depth),
                                  suffix)
    return _one_hot(indices, int(depth), on, off, axis=axis)
