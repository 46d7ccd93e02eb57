"""tf.broadcast_dynamic_shape, tf.broadcast_static_shape (TF's bcast_ops.cc kernel, and
common_shapes.py for the static shapes)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor_like
from .._core.op import op
from .._core.tensor_shape import TensorShape
from . import op_defs
from .op_util import concrete, dims


@op(tensors=("shape_x", "shape_y"), op_type="BroadcastArgs",
    dtypes=op_defs.allowed("BroadcastArgs"), grad=False, sig="s0:T, s1:T -> r0:T")
def _broadcast_args(shape_x, shape_y, name=None):
    for k, s in enumerate((shape_x, shape_y)):
        if s.ndim != 1:
            raise errors.kernel_error("BroadcastArgs", "In[%d] must be a vector.%s"
                                      % (k, dims(s.shape)), None)
    n = max(shape_x.shape[0], shape_y.shape[0])
    one = jnp.ones((), shape_x.dtype)
    px = jnp.concatenate([jnp.broadcast_to(one, (n - shape_x.shape[0],)), shape_x])
    py = jnp.concatenate([jnp.broadcast_to(one, (n - shape_y.shape[0],)), shape_y])
    if concrete(px, py) and not np.all((px == py) | (px == 1) | (py == 1)):
        # Checked where the values are known (in a tf.function trace, TF checks at run time).
        raise errors.kernel_error("BroadcastArgs", "Incompatible shapes: %s vs. %s"
                                  % (dims(np.asarray(shape_x)), dims(np.asarray(shape_y))), None)
    return jnp.where(px == 1, py, px)


@_api.export("broadcast_dynamic_shape")
def broadcast_dynamic_shape(shape_x, shape_y):
    """tf.broadcast_dynamic_shape: TF's BroadcastArgs, whose type attr defaults to int32 (the
    dtype Python values take when neither shape is a tensor: [] included)."""
    if not is_tensor_like(shape_x) and not is_tensor_like(shape_y):
        shape_x = convert_to_tensor(shape_x, dtype_hint=D.int32)
        shape_y = convert_to_tensor(shape_y, dtype_hint=D.int32)
    return _broadcast_args(shape_x, shape_y)


@_api.export("broadcast_static_shape")
def broadcast_static_shape(shape_x, shape_y):
    """tf.broadcast_static_shape: common_shapes.broadcast_shape's rule (unknown dims kept
    unknown unless the other is known and above 1)."""
    if shape_x.ndims is None or shape_y.ndims is None:
        return TensorShape(None)
    x, y = shape_x.as_list(), shape_y.as_list()
    n = max(len(x), len(y))
    px, py = [1] * (n - len(x)) + x, [1] * (n - len(y)) + y
    out = []
    for a, b in zip(px, py):
        if a is None or b is None:
            out.append(a if a is not None and a > 1 else b if b is not None and b > 1 else None)
        elif a == 1 or b == 1 or a == b:
            out.append(b if a == 1 else a)
        else:
            raise ValueError("Incompatible shapes for broadcasting. Two shapes are compatible if "
                             "for each dimension pair they are either equal or one of them is 1. "
                             "Received: %s and %s." % (shape_x, shape_y))
    return TensorShape(out)
