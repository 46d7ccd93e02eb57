"""tf.math and tf.math.special, filled from the export registry."""

import types

from . import _api

globals().update(_api.namespace("math"))

special = types.ModuleType("tfshim.math.special", "tf.math.special.")
special.__dict__.update(_api.namespace("math.special"))
