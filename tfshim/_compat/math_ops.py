"""``tensorflow.python.ops.math_ops``: what Keras imports."""

from tfshim._ops.math_ops import is_nan

__all__ = ["is_nan"]
