"""tf.clip_by_value, tf.clip_by_norm, tf.clip_by_global_norm and tf.linalg.global_norm (TF's
clip_ops.py).

clip_by_value is TF's minimum then maximum, so its gradient at the bounds is TF's; the norms
are one op each, TF's formulas op for op.
"""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import convert as C
from .._core import dtypes as D
from .._core import errors, tf_logging
from .._core import tensor as T
from .._core.convert import convert_to_tensor, is_tensor_like
from .._core.dtypes import tf_type_name
from .._core.op import _dtype_error, op
from . import complex_math_ops, math_ops, op_defs, tf_grads
from .op_util import HALF, def_error, dims, int_vector


@_api.export("clip_by_value")
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """tf.clip_by_value: TF's minimum then maximum, so its gradient at the bounds is TF's."""
    values = convert_to_tensor(t)
    t_min = math_ops.minimum(values, clip_value_max)
    if t_min.shape != values.shape:
        raise ValueError("Shapes %s and %s are incompatible" % (values.shape, t_min.shape))
    t_max = math_ops.maximum(t_min, clip_value_min)
    if t_max.shape != values.shape:
        raise ValueError("Shapes %s and %s are incompatible" % (values.shape, t_max.shape))
    return t_max


@op(tensors=("t", "clip_norm"), op_type="ClipByNorm")
def _clip_by_norm(t, clip_norm, axes, name=None):
    l2sum = jnp.sum(t * t, axis=axes, keepdims=True)
    pred = l2sum > 0
    l2norm = jnp.where(pred, jnp.sqrt(jnp.where(pred, l2sum, jnp.ones_like(l2sum))), l2sum)
    return t * clip_norm / tf_grads.maximum(l2norm, clip_norm)


@_api.export("clip_by_norm")
def clip_by_norm(t, clip_norm, axes=None, name=None):
    """tf.clip_by_norm."""
    t = convert_to_tensor(t)
    if not (t.dtype.is_floating or t.dtype.is_complex):
        raise def_error("T", t.dtype, op_defs.TEXT["Sqrt"], name="")
    if t.dtype.is_complex or convert_to_tensor(clip_norm).dtype.is_complex:
        # TF's composite compares (Greater) the squared norm, then takes a Maximum with
        # clip_norm: neither has a complex kernel.
        op_type = "Maximum" if convert_to_tensor(clip_norm).dtype.is_complex else "Greater"
        bad = convert_to_tensor(clip_norm).dtype if op_type == "Maximum" else t.dtype
        raise errors.attr_value_error("T", tf_type_name(bad), op_defs.names(op_type), op_type)
    # TF clamps clip_norm at 0: a Python number in Python, a tensor with tf.maximum and a cast
    # to t's dtype (so an integer clip_norm tensor is accepted).
    if np.isscalar(clip_norm):
        clip_norm = 0 if clip_norm < 0 else clip_norm
    else:
        clip_norm = math_ops.cast(math_ops.maximum(clip_norm, 0), t.dtype)
        # TF's `values * clip_norm`, then its check that this kept values' shape.
        try:
            shape = np.broadcast_shapes(tuple(t.shape), tuple(clip_norm.shape))
        except ValueError:
            raise errors.kernel_error("Mul", "Incompatible shapes: %s vs. %s" % (
                dims(t.shape), dims(clip_norm.shape))) from None
        if shape != tuple(t.shape):
            raise ValueError("Shapes %s and %s are incompatible" % (t.shape,
                                                                    T.TensorShape(shape)))
    axes = None if axes is None else tuple(int(a) for a in
                                           int_vector(axes, "Sum", "Tidx").reshape(-1))
    return _clip_by_norm(t, clip_norm, axes)


@op(lists=("t_list",), others=("clip_norm", "use_norm"), op_type="ClipByGlobalNorm")
def _clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    norm = jnp.sqrt(2 * builtins.sum(jnp.sum(t * t) / 2 for t in t_list))
    if use_norm is not None:
        norm = use_norm.astype(norm.dtype)
    clip = clip_norm.astype(norm.dtype)
    scale = clip * jnp.minimum(1 / norm, 1 / clip) + (norm - norm)
    return tuple(t * scale.astype(t.dtype) for t in t_list) + (norm,)


@_api.export("clip_by_global_norm")
def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """tf.clip_by_global_norm: (clipped list, global norm); None entries stay None."""
    if C.is_tensor(t_list) or not isinstance(t_list, (list, tuple)):
        raise TypeError("`t_list` should be a sequence of tensors. Received %s." % type(t_list))
    if use_norm is not None and not is_tensor_like(use_norm):
        raise AttributeError("'%s' object has no attribute 'dtype'" % type(use_norm).__name__)
    present = [convert_to_tensor(t) for t in t_list if t is not None]
    out = _clip_by_global_norm(present, convert_to_tensor(clip_norm, dtype_hint=D.float32),
                               use_norm=use_norm)
    clipped = iter(out[:-1])
    return [None if t is None else next(clipped) for t in t_list], out[-1]


@op(lists=("t_list",), dtypes=op_defs.allowed("L2Loss"), op_type="L2Loss", sig="t:T -> output:T")
def _global_norm(t_list, name=None):
    dt = t_list[0].dtype
    if D.from_numpy(dt) not in op_defs.allowed("L2Loss"):
        raise _dtype_error("L2Loss", D.from_numpy(dt), op_defs.allowed("L2Loss"),
                           "t:T -> output:T")
    acc = jnp.float32 if dt in HALF else None
    half = [jnp.sum(jnp.square(t if acc is None else t.astype(acc))) / 2 for t in t_list]
    return jnp.sqrt(jnp.sum(jnp.stack(half)) * 2).astype(dt)


@_api.export("linalg.global_norm")
def global_norm(t_list, name=None):
    """tf.linalg.global_norm: sqrt(sum of squares) over a list of tensors (None skipped)."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, T.EagerTensor):
        raise TypeError("`t_list` should be a sequence of tensors. Received %s." % type(t_list))
    ts = [convert_to_tensor(t) for t in t_list if t is not None]
    if not ts:  # TF stacks no half-norms: an empty float32 vector, whose sum is 0
        return convert_to_tensor(0.0, D.float32)
    return _global_norm(ts)



@_api.export("dtypes.saturate_cast", "saturate_cast")
def saturate_cast(value, dtype, name=None):
    """tf.dtypes.saturate_cast: clamped to dtype's range (TF's limits nudged into the input
    dtype, math_ops.py) then cast. Beside clip_by_value: math_ops.py is at its size limit."""
    value = convert_to_tensor(value)
    dtype = D.as_dtype(dtype).base_dtype
    in_dtype = value.dtype
    if in_dtype.is_complex:
        if dtype.is_complex:
            lo_r, hi_r = in_dtype.real_dtype, dtype.real_dtype
            if lo_r.min < hi_r.min or lo_r.max > hi_r.max:
                lo = convert_to_tensor(hi_r.min, lo_r)
                hi = convert_to_tensor(hi_r.max, lo_r)
                value = complex_math_ops.complex(
                    math_ops.maximum(math_ops.minimum(math_ops.real(value), hi), lo),
                    math_ops.maximum(math_ops.minimum(math_ops.imag(value), hi), lo))
            return math_ops.cast(value, dtype)
        value = math_ops.real(value)
        tf_logging.warning("Casting complex to real discards imaginary part.")
        in_dtype = in_dtype.real_dtype
    out = dtype.real_dtype
    np_dtype = in_dtype.as_numpy_dtype
    try:
        promoted = np.promote_types(np_dtype, out.as_numpy_dtype)
    except TypeError:
        promoted = float
    lo = np_dtype(np.maximum(in_dtype.min, out.min))
    if np.array([lo, out.min], dtype=promoted)[0] < np.array([lo, out.min], dtype=promoted)[1]:
        lo = np.nextafter(lo, np_dtype(0), dtype=np_dtype)
    hi = np_dtype(np.minimum(float(in_dtype.max), float(out.max)))
    if np.array([hi, out.max], dtype=promoted)[0] > np.array([hi, out.max], dtype=promoted)[1]:
        hi = np.nextafter(hi, np_dtype(0), dtype=np_dtype)
    value = math_ops.maximum(math_ops.minimum(value, convert_to_tensor(hi, in_dtype)),
                             convert_to_tensor(lo, in_dtype))
    return math_ops.cast(value, dtype)
