"""``tensorflow.experimental.dtensor``, which Keras's TF backend imports as it loads (for
keras.distribution). tfshim has no DTensor: the module holds no names."""

from tfshim._compat import absent

__getattr__ = absent("tensorflow.experimental.dtensor",
                     "DTensor, so keras.distribution does not run on it")
