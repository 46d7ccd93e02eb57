"""tf.complex (TF's math_ops.complex), kept out of math_ops.py, which is at the 900-line limit."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.op import op
from .math_ops import _broadcast_error

_complex = op(tensors=("x", "y"), dtypes=frozenset((D.float32, D.float64)), op_type="Complex",
              sig="real:T, imag:T -> out:Tout", on_error=_broadcast_error, jit=True)(
    lambda x, y, name=None: jax.lax.complex(*jnp.broadcast_arrays(x, y)))


@_api.export("dtypes.complex", "complex")
def complex(real, imag, name=None):  # noqa: A001
    """tf.complex: complex64 from float32 parts, complex128 from float64 ones."""
    x, y = convert_to_tensor(real), convert_to_tensor(imag)
    if x.dtype != y.dtype or x.dtype not in (D.float32, D.float64):
        raise TypeError("The `real` and `imag` components have incorrect types: %s %s. They must"
                        " be consistent, and one of [tf.float32, tf.float64]"
                        % (x.dtype.name, y.dtype.name))
    return _complex(x, y)
