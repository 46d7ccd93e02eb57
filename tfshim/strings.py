"""tf.strings, filled from the export registry."""

from . import _api
from .ragged import ragged_string_ops  # noqa: F401

globals().update(_api.namespace("strings"))
