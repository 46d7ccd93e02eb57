"""tf.roll (TF's manip_ops.py)."""

from __future__ import annotations

import jax.numpy as jnp

from .._core import errors
from .._core.op import op
from .op_util import int_vector


@op("roll", tensors=("input",), op_type="Roll")
def roll(input, shift, axis, name=None):  # noqa: A002
    s = int_vector(shift, "Roll", "Tshift").reshape(-1)
    a = int_vector(axis, "Roll", "Taxis").reshape(-1)
    if len(s) != len(a):
        raise errors.kernel_error("Roll", "shift and axis must have the same size", None)
    for d in a:
        if not -input.ndim <= d < input.ndim:
            raise errors.kernel_error("Roll", "axis %d is out of range" % d, None)
    return jnp.roll(input, tuple(int(x) for x in s), tuple(int(x) for x in a))
