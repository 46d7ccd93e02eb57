"""tf.io and tf.io.gfile, filled from the export registry."""

import types

from . import _api

globals().update(_api.namespace("io"))

gfile = types.ModuleType("tfshim.io.gfile", "tf.io.gfile.")
gfile.__dict__.update(_api.namespace("io.gfile"))
