"""tf.dtypes and tf.dtypes.experimental."""

import types

from . import _api
from ._core.dtypes import *  # noqa: F403
from ._core.dtypes import DType, as_dtype  # noqa: F401

globals().update(_api.namespace("dtypes"))

experimental = types.ModuleType("tfshim.dtypes.experimental", "tf.dtypes.experimental.")
experimental.__dict__.update(_api.namespace("dtypes.experimental"))
