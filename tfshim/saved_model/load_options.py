"""tf.saved_model.LoadOptions (TF's saved_model/load_options.py).

tfshim's load honours `experimental_skip_checkpoint` (variables keep their initial values, as
TF's); the other options are validated and kept (tfshim reads files on the host; its variables
carry no devices).
"""

from __future__ import annotations

from .. import _api
from .save_options import VariablePolicy


@_api.export("saved_model.LoadOptions")
class LoadOptions:
    """tf.saved_model.LoadOptions: options for tf.saved_model.load."""

    __slots__ = ("experimental_io_device", "allow_partial_checkpoint",
                 "experimental_skip_checkpoint", "experimental_variable_policy",
                 "experimental_load_function_aliases")

    def __init__(self, allow_partial_checkpoint=False, experimental_io_device=None,
                 experimental_skip_checkpoint=False, experimental_variable_policy=None,
                 experimental_load_function_aliases=False):
        self.experimental_io_device = experimental_io_device
        self.allow_partial_checkpoint = allow_partial_checkpoint
        self.experimental_skip_checkpoint = experimental_skip_checkpoint
        self.experimental_variable_policy = VariablePolicy.from_obj(experimental_variable_policy)
        self.experimental_load_function_aliases = experimental_load_function_aliases
