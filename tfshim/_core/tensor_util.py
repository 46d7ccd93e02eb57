"""tf.get_static_value (TF's framework/tensor_util.py constant_value)."""

from __future__ import annotations

import numpy as np

from .. import _api
from . import jax_internals
from .tensor import SymbolicTensor, Tensor
from .variable import Variable


@_api.export("get_static_value")
def get_static_value(tensor, partial=False):
    """tf.get_static_value: a tensor's value as a NumPy array where it is known without running
    a graph; None where not.

    Differences from TensorFlow: in a trace (tf.function, FuncGraph), a tensor computed from
    constants alone has its value, whatever the ops; TF's constant folding here knows only
    Const, Shape, Size, Rank, Range, Cast, Concat, Pack, Fill and a few more (it gives None
    for `tf.constant(2) * 3` in a graph).
    """
    if isinstance(tensor, Variable):
        return None
    if isinstance(tensor, SymbolicTensor):
        value = jax_internals.value_outside_trace(tensor._value, [], [])
        return None if value is None else np.asarray(value)
    if isinstance(tensor, Tensor):
        return tensor.numpy()
    return tensor
