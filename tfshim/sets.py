"""tf.sets, filled from the export registry."""

from . import _api

globals().update(_api.namespace("sets"))
