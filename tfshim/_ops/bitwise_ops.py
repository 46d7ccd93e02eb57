"""tf.bitwise (TF's bitwise_ops.py, which exports gen_bitwise_ops' kernels): bitwise_and,
bitwise_or, bitwise_xor, invert."""

from __future__ import annotations

import jax.numpy as jnp

from .math_ops import binary, unary

bitwise_and = binary(("bitwise.bitwise_and",), jnp.bitwise_and, "BitwiseAnd", grad=False)
bitwise_or = binary(("bitwise.bitwise_or",), jnp.bitwise_or, "BitwiseOr", grad=False)
bitwise_xor = binary(("bitwise.bitwise_xor",), jnp.bitwise_xor, "BitwiseXor", grad=False)
invert = unary(("bitwise.invert",), jnp.invert, "Invert", grad=False)
