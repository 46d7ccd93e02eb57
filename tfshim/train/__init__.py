"""tf.train: checkpoints in TF's own file format and the Example messages, filled from the
export registry."""

from .. import _api
from . import (  # noqa: F401
    checkpoint,
    checkpoint_management,
    checkpoint_options,
    checkpoint_utils,
    server_lib,
    trackable_view,
)

globals().update(_api.namespace("train"))
