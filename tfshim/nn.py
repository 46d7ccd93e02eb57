"""tf.nn and tf.nn.experimental, filled from the export registry."""

import types

from . import _api

globals().update(_api.namespace("nn"))

experimental = types.ModuleType("tfshim.nn.experimental", "tf.nn.experimental.")
experimental.__dict__.update(_api.namespace("nn.experimental"))
