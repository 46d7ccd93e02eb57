"""tf.bitwise (TF's bitwise_ops.py, which exports gen_bitwise_ops' kernels): bitwise_and,
bitwise_or, bitwise_xor, invert, left_shift, right_shift."""

from __future__ import annotations

import jax.numpy as jnp

from .math_ops import binary, unary

bitwise_and = binary(("bitwise.bitwise_and",), jnp.bitwise_and, "BitwiseAnd", grad=False)
bitwise_or = binary(("bitwise.bitwise_or",), jnp.bitwise_or, "BitwiseOr", grad=False)
bitwise_xor = binary(("bitwise.bitwise_xor",), jnp.bitwise_xor, "BitwiseXor", grad=False)
invert = unary(("bitwise.invert",), jnp.invert, "Invert", grad=False)


def _clamped(shift):
    """TF's shift kernels clamp the shift amount to [0, bits - 1] (no UB for large or negative
    shifts): int32 3 << 32 is 3 << 31; right shifts of signed values are arithmetic."""

    def f(x, y):
        return shift(x, jnp.clip(y, 0, jnp.iinfo(x.dtype).bits - 1))

    return f


left_shift = binary(("bitwise.left_shift",), _clamped(jnp.left_shift), "LeftShift", grad=False)
right_shift = binary(("bitwise.right_shift",), _clamped(jnp.right_shift), "RightShift",
                     grad=False)
