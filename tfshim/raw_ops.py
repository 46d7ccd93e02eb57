"""tf.raw_ops, filled from the export registry (the ops of _ops/raw_ops.py's TABLE)."""

from . import _api

globals().update(_api.namespace("raw_ops"))
