"""tf.config, filled from the export registry."""

import types

from . import _api

globals().update(_api.namespace("config"))
experimental = types.SimpleNamespace(**_api.namespace("config.experimental"))
