"""tf.roll (TF's manip_ops.py)."""

from __future__ import annotations

import jax.numpy as jnp

from .._core import errors
from .._core.op import op
from .op_util import dims, int_vector


@op("roll", tensors=("input",), inputs=("shift", "axis"), op_type="Roll")
def roll(input, shift, axis, name=None):  # noqa: A002
    s = int_vector(shift, "Roll", "Tshift")
    a = int_vector(axis, "Roll", "Taxis")
    # The kernel's checks, in its order (its shapes compared whole: 1 and [0] differ).
    if input.ndim < 1:
        raise errors.kernel_error("Roll", "input must be 1-D or higher")
    for what, v in (("shift", s), ("axis", a)):
        if v.ndim > 1:
            raise errors.kernel_error("Roll", "%s must be a scalar or a 1-D vector. Found: %s"
                                      % (what, dims(v.shape)))
    if s.shape != a.shape:
        raise errors.kernel_error("Roll", "shift and axis must have the same size")
    s, a = s.reshape(-1), a.reshape(-1)
    for d in a:
        if not -input.ndim <= d < input.ndim:
            raise errors.kernel_error("Roll", "axis %d is out of range" % d)
    return jnp.roll(input, tuple(int(x) for x in s), tuple(int(x) for x in a))
