"""tf.sparse, filled from the export registry."""

from . import _api

globals().update(_api.namespace("sparse"))
