"""tf.experimental, filled from the export registry; tf.experimental.numpy is a subpackage."""

from .. import _api
from . import numpy  # noqa: F401

globals().update(_api.namespace("experimental"))


def __getattr__(name):
    # tf.experimental.dtensor: imported by Keras's TF backend as it loads (see tfshim._compat).
    if name == "dtensor":
        from .._compat import dtensor

        return dtensor
    raise AttributeError(f"module 'tfshim.experimental' has no attribute {name!r}")
