"""tf.compat.v1: the TF 1 names TF 2 clients still call (Keras 3's TF backend), filled from the
export registry; the rest of TF 1's API is absent (AttributeError)."""

from .. import _api

globals().update(_api.namespace("compat.v1"))
