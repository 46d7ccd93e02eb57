"""tf.version: the TensorFlow version whose API and behaviour tfshim follows, and tfshim's own.

``import tensorflow as tf; tf.__version__`` is ``VERSION``, as in TensorFlow: the alias gives a
module of its own holding tfshim's names (notebook/alias.py). ``tfshim.__version__`` is tfshim's
own release, ``TFSHIM_VERSION`` (also ``importlib.metadata.version("tfshim")``).
"""

VERSION = "2.21.0"
TFSHIM_VERSION = "0.1.0"  # pyproject.toml's version; tests/test_run_anything.py checks they agree
