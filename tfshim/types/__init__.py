"""tf.types: tf.types.experimental, filled from the export registry."""

import types as _types

from .. import _api
from . import core, trace  # noqa: F401 - they export tf.types.experimental's names

experimental = _types.ModuleType("tfshim.types.experimental", "tf.types.experimental.")
experimental.__dict__.update(_api.namespace("types.experimental"))
