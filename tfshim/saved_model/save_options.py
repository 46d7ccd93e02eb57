"""tf.saved_model.SaveOptions and experimental.VariablePolicy (TF's saved_model/save_options.py).

What tfshim's save does with them: `extra_tags` join the MetaGraph's tags (after "serve"), as
TF's; the rest are validated as TF validates them and kept on the object. tfshim's functions are
StableHLO (custom gradients included whatever `experimental_custom_gradients` says), it writes
no debug info, and its variables carry no devices, so those options change nothing in the files
(README, Known deviations).
"""

from __future__ import annotations

import enum

from .. import _api


@_api.export("saved_model.experimental.VariablePolicy")
class VariablePolicy(enum.Enum):
    """How variables are saved: TF's NONE, SAVE_VARIABLE_DEVICES, EXPAND_DISTRIBUTED_VARIABLES."""

    NONE = None
    SAVE_VARIABLE_DEVICES = "save_variable_devices"
    EXPAND_DISTRIBUTED_VARIABLES = "expand_distributed_variables"

    def _save_variable_devices(self):
        return self != VariablePolicy.NONE

    def _expand_distributed_variables(self):
        return self == VariablePolicy.EXPAND_DISTRIBUTED_VARIABLES

    @staticmethod
    def from_obj(obj):
        """`obj` as a VariablePolicy: None, a policy, or a policy's value in any case."""
        if obj is None:
            return VariablePolicy.NONE
        if isinstance(obj, VariablePolicy):
            return obj
        key = str(obj).lower()
        for policy in VariablePolicy:
            if key == policy.value:
                return policy
        raise ValueError(f"Received invalid VariablePolicy value: {obj}.")


def _validate_namespace_whitelist(namespace_whitelist):
    if namespace_whitelist is None:
        return None
    if not isinstance(namespace_whitelist, list):
        raise TypeError("`namespace_whitelist` must be a list of strings. Got: "
                        f"{namespace_whitelist} with type {type(namespace_whitelist)}.")
    for namespace in namespace_whitelist:
        if not isinstance(namespace, str):
            raise ValueError("Whitelisted namespace must be a string. Got: "
                             f"{namespace} of type {type(namespace)}.")
    return list(namespace_whitelist)


@_api.export("saved_model.SaveOptions")
class SaveOptions:
    """tf.saved_model.SaveOptions: options for tf.saved_model.save."""

    __slots__ = ("namespace_whitelist", "save_debug_info", "function_aliases",
                 "experimental_debug_stripper", "experimental_io_device",
                 "experimental_variable_policy", "experimental_custom_gradients",
                 "experimental_image_format", "experimental_skip_saver",
                 "experimental_sharding_callback", "extra_tags")

    def __init__(self, namespace_whitelist=None, save_debug_info=False, function_aliases=None,
                 experimental_debug_stripper=False, experimental_io_device=None,
                 experimental_variable_policy=None, experimental_custom_gradients=True,
                 experimental_image_format=False, experimental_skip_saver=False,
                 experimental_sharding_callback=None, extra_tags=None):
        self.namespace_whitelist = _validate_namespace_whitelist(namespace_whitelist)
        self.save_debug_info = save_debug_info
        self.function_aliases = function_aliases if function_aliases else dict()
        self.experimental_custom_gradients = experimental_custom_gradients
        self.experimental_debug_stripper = experimental_debug_stripper
        self.experimental_io_device = experimental_io_device
        self.experimental_variable_policy = VariablePolicy.from_obj(experimental_variable_policy)
        self.experimental_skip_saver = experimental_skip_saver
        if experimental_image_format:
            raise ValueError("The option `experimental_image_format` is disabled in OSS.")
        self.experimental_image_format = experimental_image_format
        if experimental_sharding_callback is not None:
            # TF accepts only its tf.train.experimental.ShardingCallback objects, which tfshim's
            # single-shard bundle writer does not have: every other value is TF's ValueError.
            raise ValueError(
                "The experimental_sharding_callback checkpoint option"
                "must be of type ShardingCallback. The option provided"
                f"was of type {type(experimental_sharding_callback)}.")
        self.experimental_sharding_callback = experimental_sharding_callback
        self.extra_tags = extra_tags
