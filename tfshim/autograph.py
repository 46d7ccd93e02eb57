"""tf.autograph and tf.autograph.experimental, filled from the export registry."""

import types

from . import _api

globals().update(_api.namespace("autograph"))
experimental = types.ModuleType("tfshim.autograph.experimental", "tf.autograph.experimental.")
experimental.__dict__.update(_api.namespace("autograph.experimental"))
