"""tf.distribute, filled from the export registry."""

import types

from .. import _api
from . import distribute_lib, reduce_util  # noqa: F401 - registers the names

globals().update(_api.namespace("distribute"))
experimental = types.ModuleType("tfshim.distribute.experimental", "tf.distribute.experimental.")
experimental.__dict__.update(_api.namespace("distribute.experimental"))
