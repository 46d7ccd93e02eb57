"""tf.train: checkpoints in TF's own file format and the Example messages, filled from the
export registry."""

from .. import _api
from . import checkpoint, checkpoint_management, checkpoint_options, checkpoint_utils  # noqa: F401

globals().update(_api.namespace("train"))
