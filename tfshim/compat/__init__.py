"""tf.compat: ``v2`` is the tf namespace itself, so ``import tensorflow.compat.v2 as tf`` works.

tfshim follows TF 2's API: ``tf.compat.v1`` holds only the few TF 1 names that TF 2 clients
still call (Keras 3's TF backend: placeholder in a FuncGraph, reset_default_graph).
"""

import tfshim as v2  # noqa: F401 - the package itself; it is importing this module

from . import v1  # noqa: E402,F401
