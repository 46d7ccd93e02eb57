"""tf.random and tf.random.experimental, filled from the export registry."""

import types

from . import _api

globals().update(_api.namespace("random"))

experimental = types.ModuleType("tfshim.random.experimental", "tf.random.experimental.")
experimental.__dict__.update(_api.namespace("random.experimental"))
