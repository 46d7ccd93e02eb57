"""Tensor.__getitem__ (TF's tensor_getitem_override.py, its _slice_helper): a Python index
checked as TF checks it, then array_ops' StridedSlice op."""

from __future__ import annotations

import builtins
import numbers

import numpy as np

from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .array_ops import strided_slice_index

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


def getitem(tensor, key):
    """Tensor.__getitem__."""
    if isinstance(key, (bool, np.bool_)):  # TF routes a scalar bool to boolean_mask
        raise ValueError("mask cannot be scalar.")
    return strided_slice_index(convert_to_tensor(tensor), _index_key(key))
