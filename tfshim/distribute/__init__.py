"""tf.distribute, filled from the export registry."""

import types

from .. import _api
from . import distribute_lib, mirrored_strategy, one_device_strategy, reduce_util, values  # noqa: F401 - registers the names  # noqa: F401

globals().update(_api.namespace("distribute"))
experimental = types.ModuleType("tfshim.distribute.experimental", "tf.distribute.experimental.")
experimental.__dict__.update(_api.namespace("distribute.experimental"))
