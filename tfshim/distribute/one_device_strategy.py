"""tf.distribute.OneDeviceStrategy (TF's one_device_strategy.py): one replica on one device."""

from __future__ import annotations

import jax

from .. import _api
from .._core import context
from . import distribute_lib
from .mirrored_strategy import StrategyScope, _canonical, resolve_device


class OneDeviceExtended(distribute_lib._DefaultDistributionExtended):
    """The default strategy's identity reductions, with the work placed on one device."""

    def __init__(self, container_strategy, device):
        super().__init__(container_strategy)
        self._device = device

    def _scope(self, strategy):
        return StrategyScope(strategy, self._device)

    def _call_for_each_replica(self, fn, args, kwargs):
        with distribute_lib.ReplicaContext(self._container_strategy(), 0):
            if context.tracing() is not None:
                return fn(*args, **kwargs)
            with jax.default_device(self._device):
                return fn(*args, **kwargs)

    @property
    def worker_devices(self):
        return (_canonical(self._device),)

    parameter_devices = worker_devices


@_api.export("distribute.OneDeviceStrategy")
class OneDeviceStrategy(distribute_lib.Strategy):
    """tf.distribute.OneDeviceStrategy: everything on `device`."""

    def __init__(self, device):
        super().__init__(OneDeviceExtended(self, resolve_device(device)))
