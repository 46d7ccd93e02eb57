"""tf.sort and tf.argsort (TF's sort_ops.py): stable sorts along one axis, whose errors are
those of TF's composite (a strided_slice of the shape, then TopKV2)."""

from __future__ import annotations

import jax.numpy as jnp

from .. import _api
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op
from . import op_defs
from .op_util import tf_type_name


def _direction(direction):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                         "direction=%s" % direction)


def _check_dtype(values, descending):
    """TF's composite: ascending sorts negate the values (Neg's dtypes; unsigned ones are
    flipped otherwise), then TopKV2 takes them."""
    dt = values.dtype
    if not descending and not dt.is_unsigned and dt not in op_defs.allowed("Neg"):
        raise errors.attr_value_error("T", tf_type_name(dt), op_defs.names("Neg"), "Neg")
    if dt not in op_defs.allowed("TopKV2"):
        raise errors.attr_value_error("T", tf_type_name(dt), op_defs.names("TopKV2"), "TopKV2")


def _sort_axis(values, axis):
    if values.ndim == 0 or not -values.ndim <= axis < values.ndim:
        raise errors.kernel_error("StridedSlice", "slice index %d of dimension 0 out of bounds."
                                  % axis, name="strided_slice/")
    return axis % values.ndim


@op(tensors=("values",), op_type="TopKV2")
def _sort(values, axis, descending, name=None):
    out = jnp.sort(values, axis=axis, stable=True, descending=descending)
    return out


@op(tensors=("values",), op_type="TopKV2", grad=False)
def _argsort(values, axis, descending, name=None):
    return jnp.argsort(values, axis=axis, stable=True, descending=descending).astype(jnp.int32)


@_api.export("sort")
def sort(values, axis=-1, direction="ASCENDING", name=None):
    """tf.sort."""
    _direction(direction)
    values = convert_to_tensor(values)
    _check_dtype(values, direction == "DESCENDING")
    return _sort(values, _sort_axis(values, int(axis)), direction == "DESCENDING")


@_api.export("argsort")
def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """tf.argsort: ties keep their order (TF's top_k is stable either way)."""
    _direction(direction)
    values = convert_to_tensor(values)
    _check_dtype(values, direction == "DESCENDING")
    return _argsort(values, _sort_axis(values, int(axis)), direction == "DESCENDING")
