"""tf.train.CheckpointOptions (TF's checkpoint/checkpoint_options.py)."""

from __future__ import annotations

from .. import _api


@_api.export("train.CheckpointOptions")
class CheckpointOptions:
    """tf.train.CheckpointOptions.

    Differences from TensorFlow: tfshim's saves are synchronous, single-device and unsharded,
    so the options are kept but only `experimental_write_callbacks` changes anything.
    """

    __slots__ = ("experimental_io_device", "experimental_enable_async_checkpoint",
                 "experimental_write_callbacks", "enable_async", "experimental_sharding_callback",
                 "experimental_skip_slot_variables")

    def __init__(self, experimental_io_device=None, experimental_enable_async_checkpoint=False,
                 experimental_write_callbacks=None, enable_async=False,
                 experimental_skip_slot_variables=False, experimental_sharding_callback=None):
        self.experimental_io_device = experimental_io_device
        self.experimental_enable_async_checkpoint = (experimental_enable_async_checkpoint
                                                     or enable_async)
        self.experimental_write_callbacks = experimental_write_callbacks
        self.enable_async = enable_async or experimental_enable_async_checkpoint
        self.experimental_skip_slot_variables = experimental_skip_slot_variables
        self.experimental_sharding_callback = experimental_sharding_callback

    def __copy__(self):
        out = CheckpointOptions.__new__(CheckpointOptions)
        for name in self.__slots__:
            value = getattr(self, name)
            setattr(out, name, list(value) if isinstance(value, list) else value)
        return out
