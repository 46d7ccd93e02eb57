"""tf.io, filled from the export registry."""

from . import _api

globals().update(_api.namespace("io"))
