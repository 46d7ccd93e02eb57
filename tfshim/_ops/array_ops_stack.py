"""tf.stack and tf.unstack (TF's array_ops_stack.py): the Pack and Unpack ops."""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import convert as C
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor_like
from .._core.op import op
from .op_util import dims


def _has_tensor(value) -> bool:
    if isinstance(value, (list, tuple)):
        return builtins.any(_has_tensor(v) for v in value)
    return is_tensor_like(value)


@op(lists=("values",), op_type="Pack")
def _pack(values, axis=0, name="stack"):
    for i, v in enumerate(values[1:], 1):
        if v.shape != values[0].shape:
            raise errors.kernel_error(
                "Pack", "Shapes of all inputs must match: values[0].shape = %s != values[%d]."
                "shape = %s" % (dims(values[0].shape), i, dims(v.shape)),
                name=name, node="Pack_N_%d" % len(values))
    if values[0].dtype == object:
        return np.stack(values, axis=axis)
    return jnp.stack(values, axis=axis)


@_api.export("stack")
def stack(values, axis=0, name="stack"):
    """tf.stack."""
    if axis == 0 and not _has_tensor(values):
        try:  # TF first tries the list as one constant (Python numbers only here)
            return convert_to_tensor(values)
        except (TypeError, ValueError, NotImplementedError):
            pass
    if C.is_tensor(values):
        values = list(convert_to_tensor(values))
    rank = convert_to_tensor(values[0]).ndim + 1
    if not -rank <= axis < rank:
        raise ValueError("Argument `axis` = %s not in range [%d, %d)" % (axis, -rank, rank))
    return _pack(list(values), axis=axis % rank, name=name)


@op(tensors=("value",), op_type="Unpack")
def _unpack(value, num, axis, name="unstack"):
    if value.shape[axis] != num:
        raise errors.kernel_error("Unpack", "Input shape axis %d must equal %d, got shape %s"
                                  % (axis, num, dims(value.shape)), name,
                                  node="Unpack_num_%d" % num)
    if isinstance(value, np.ndarray):  # tf.string: rows of bytes stay arrays
        return tuple(np.asarray(v, dtype=object) for v in np.moveaxis(value, axis, 0))
    return tuple(jnp.moveaxis(value, axis, 0))


@_api.export("unstack")
def unstack(value, num=None, axis=0, name="unstack"):
    """tf.unstack."""
    value = convert_to_tensor(value)
    rank = value.ndim
    if not -rank <= axis < rank:
        raise ValueError("Argument `axis` = %d not in range [%d, %d)" % (axis, -rank, rank))
    axis %= rank
    if num is None:
        num = value.shape[axis]
    if num == 0:
        return []
    return list(_unpack(value, int(num), axis, name=name))
