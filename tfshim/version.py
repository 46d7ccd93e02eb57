"""tf.version: the TensorFlow version whose API and behaviour tfshim follows, and tfshim's own.

``tf.__version__`` is ``VERSION`` as in TensorFlow: with the ``tensorflow`` alias the tfshim
module *is* ``tensorflow``, and code that checks ``tf.__version__`` asks which TensorFlow API it
gets. tfshim's own release is ``TFSHIM_VERSION`` (also ``importlib.metadata.version("tfshim")``).
"""

VERSION = "2.21.0"
TFSHIM_VERSION = "0.1.0"  # pyproject.toml's version; tests/test_run_anything.py checks they agree
