"""tf.dtypes."""

from . import _api
from ._core.dtypes import *  # noqa: F403
from ._core.dtypes import DType, as_dtype  # noqa: F401

globals().update(_api.namespace("dtypes"))
