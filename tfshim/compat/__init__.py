"""tf.compat: ``v2`` is the tf namespace itself, so ``import tensorflow.compat.v2 as tf`` works.

tfshim follows TF 2's API only: ``tensorflow.compat.v1`` is missing (its import raises the
alias's ModuleNotFoundError, naming tfshim).
"""

import tfshim as v2  # noqa: F401 - the package itself; it is importing this module
