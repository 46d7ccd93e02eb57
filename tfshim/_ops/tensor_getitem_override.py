"""Tensor.__getitem__ (TF's tensor_getitem_override.py, its _slice_helper): a Python index
checked as TF checks it, then array_ops' StridedSlice op."""

from __future__ import annotations

import builtins
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, register_tensor_conversion_function
from .._core.tensor import EagerTensor, Tensor, wrap
from . import op_defs
from .array_ops import boolean_mask, strided_slice_index
from .op_util import def_error, dims

_SLICE_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                     "scalar tf.int32/tf.int64 tensors are valid indices")


def _check_index(idx) -> int:
    """TF's _check_index: an int, or a scalar int16/32/64 (tensor or NumPy) value."""
    if isinstance(idx, numbers.Integral):
        return int(idx)
    dtype = getattr(idx, "dtype", None)
    try:
        ok = dtype is not None and D.as_dtype(dtype) in (D.int16, D.int32, D.int64)
    except TypeError:
        ok = False
    if not ok or len(getattr(idx, "shape", ())) == 1:
        raise TypeError(_SLICE_TYPE_ERROR + ", got {!r}".format(idx))
    return int(np.asarray(idx))


def _index_key(key) -> tuple:
    """A hashable static index: ints, ('s', start, stop, step), Ellipsis, None."""
    if not isinstance(key, (list, tuple)):
        key = (key,)
    # TF stacks the begin values (a slice's start or 0, an index itself) into one tensor: the
    # first one's type decides, so Python bools there are StridedSlice's bool Index.
    begins = [k for k in key if k is not None and k is not Ellipsis]
    begins = [0 if isinstance(k, builtins.slice) else k for k in begins]
    if begins and isinstance(begins[0], bool):
        for k in begins:
            if not isinstance(k, bool):
                raise TypeError("Cannot convert %r to EagerTensor of dtype bool" % (k,))
        raise def_error("Index", D.bool, op_defs.TEXT["StridedSlice"], name="strided_slice/")
    out = []
    for k in key:
        if isinstance(k, builtins.slice):
            out.append(("s",) + tuple(None if v is None else _check_index(v)
                                      for v in (k.start, k.stop, k.step)))
        elif k is None or k is Ellipsis:
            out.append(k)
        else:
            out.append(_check_index(k))
    return tuple(out)


def _traced_scalar(k) -> bool:
    return (isinstance(k, Tensor) and isinstance(k._value, jax.core.Tracer)
            and k.shape.rank == 0 and k.dtype in (D.int16, D.int32, D.int64))


def _traced_index(tensor, keys):
    """`x[i]`, `x[i, j]` with traced scalar indices (a loop counter inside tf.function): one
    gather_nd, negative indices counted from the end as TF's strided slice does."""
    from .array_ops_stack import stack
    from .gather_scatter_ops import gather_nd
    from .math_ops import cast

    idx = stack([cast(k, D.int64) for k in keys])
    dims = convert_to_tensor(np.asarray(tensor.shape.as_list()[:len(keys)], np.int64))
    return gather_nd(tensor, idx + dims * cast(idx < 0, D.int64))


# tnp's NumPy-style indexing (TF's ops._numpy_style_slicing), once
# tnp.experimental_enable_numpy_behavior() installs it; variables keep TF's slicing.
_numpy_style = None


def set_numpy_style(getitem_fn):
    global _numpy_style
    _numpy_style = getitem_fn


def getitem(tensor, key, var=None):
    """Tensor.__getitem__."""
    if var is None and _numpy_style is not None:
        return _numpy_style(convert_to_tensor(tensor), key)
    if isinstance(key, (bool, np.bool_)):  # TF routes a scalar bool to boolean_mask
        raise ValueError("mask cannot be scalar.")
    if isinstance(key, (EagerTensor, np.ndarray)) and key.dtype in (D.bool, np.bool_):
        return boolean_mask(tensor, key)  # TF's _slice_helper: a bool tensor is a mask
    keys = key if isinstance(key, tuple) else (key,)
    if any(map(_traced_scalar, keys)) and all(
            isinstance(k, numbers.Integral) or _traced_scalar(k) for k in keys):
        return _traced_index(convert_to_tensor(tensor), keys)
    return strided_slice_index(convert_to_tensor(tensor), _index_key(key))


class _SlicedVariable(EagerTensor):
    """What `variable[key]` returns: the slice's values, with TF's `.assign` (its
    _SliceHelperVar) writing them back into the variable."""

    __slots__ = ("_variable", "_key")

    def assign(self, value, name=None):
        return strided_slice_assign(self._variable, self._key, value)


_SlicedVariable.__name__ = _SlicedVariable.__qualname__ = "EagerTensor"


def _plain(t, dtype=None):
    out = wrap(t._value)
    out._id = t._id  # the same tensor to tapes
    return convert_to_tensor(out, dtype)


register_tensor_conversion_function(_SlicedVariable, _plain)


def getitem_variable(variable, key):
    """Variable.__getitem__: the slice, assignable."""
    t = getitem(variable, key, var=variable)
    if isinstance(key, (EagerTensor, np.ndarray)) and key.dtype in (D.bool, np.bool_):
        return t  # a masked read: TF's has no assign either
    out = object.__new__(_SlicedVariable)
    out._value, out._id = t._value, t._id
    out._variable, out._key = variable, key
    return out


def strided_slice_assign(variable, key, value):
    """TF's ResourceStridedSliceAssign: the value broadcast into the slice `key` selects."""
    new = convert_to_tensor(value, variable.dtype)._value
    shape = tuple(variable.shape)
    with jax.ensure_compile_time_eval():  # static positions, inside tf.function too
        positions = np.asarray(strided_slice_index(
            wrap(jnp.arange(int(np.prod(shape)), dtype=jnp.int64).reshape(shape)),
            _index_key(key))._value)
    if positions.size == 0:  # TF's kernel assigns nothing to an empty slice, whatever value
        return variable.assign(variable._current())
    try:
        new = jnp.broadcast_to(new, positions.shape)
    except ValueError:
        raise errors.kernel_error(
            "ResourceStridedSliceAssign", "Cannot broadcast input shape %s into final shape %s"
            % (dims(new.shape), dims(positions.shape)), name="strided_slice/_assign") from None
    flat = variable._current().reshape(-1).at[positions.reshape(-1)].set(new.reshape(-1))
    return variable.assign(flat.reshape(shape))
