"""Devices and the eager context: tf.device, tf.config.*, tf.executing_eagerly."""

from __future__ import annotations

import collections
import re

import jax

from .. import _api
from . import tape

PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])
_api.export("config.PhysicalDevice")(PhysicalDevice)
_api.export("config.LogicalDevice")(LogicalDevice)

_run_functions_eagerly = [False]


def _kind(platform: str) -> str:
    return "GPU" if platform in ("gpu", "cuda", "rocm") else platform.upper()


def _jax_devices(device_type=None):
    out = []
    for platform in ("cpu", "gpu", "tpu"):
        try:
            devs = jax.devices(platform)
        except RuntimeError:  # no such backend here
            continue
        for d in devs:
            if device_type is None or _kind(d.platform) == device_type.upper():
                out.append(d)
    return out


@_api.export("config.list_physical_devices", "config.experimental.list_physical_devices")
def list_physical_devices(device_type=None):
    """tf.config.list_physical_devices: JAX's devices, named as TF names them."""
    return [PhysicalDevice("/physical_device:%s:%d" % (_kind(d.platform), d.id), _kind(d.platform))
            for d in _jax_devices(device_type)]


@_api.export("config.list_logical_devices", "config.experimental.list_logical_devices")
def list_logical_devices(device_type=None):
    """tf.config.list_logical_devices."""
    return [LogicalDevice("/device:%s:%d" % (_kind(d.platform), d.id), _kind(d.platform))
            for d in _jax_devices(device_type)]


@_api.export("config.get_visible_devices", "config.experimental.get_visible_devices")
def get_visible_devices(device_type=None):
    """tf.config.get_visible_devices."""
    return list_physical_devices(device_type)


@_api.export("config.set_visible_devices", "config.experimental.set_visible_devices")
def set_visible_devices(devices, device_type=None):
    """tf.config.set_visible_devices: accepted; JAX decides visibility at start-up."""


@_api.export("config.experimental.set_memory_growth")
def set_memory_growth(device, enable):
    """tf.config.experimental.set_memory_growth: accepted for GPUs (JAX manages its memory)."""
    if device.device_type != "GPU":
        raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")


@_api.export("config.experimental.get_memory_growth")
def get_memory_growth(device):
    """tf.config.experimental.get_memory_growth."""
    if device.device_type != "GPU":
        raise KeyError(device)  # TF's lookup of a non-GPU device fails this way
    return False


@_api.export("config.run_functions_eagerly")
def run_functions_eagerly(run_eagerly):
    """tf.config.run_functions_eagerly: tf.function calls run the Python function eagerly."""
    _run_functions_eagerly[0] = bool(run_eagerly)


@_api.export("config.functions_run_eagerly")
def functions_run_eagerly():
    """tf.config.functions_run_eagerly."""
    return _run_functions_eagerly[0]


@_api.export("executing_eagerly")
def executing_eagerly():
    """tf.executing_eagerly: False while tf.function traces."""
    return tape._state.tracing is None


_SPEC = re.compile(r"(?:.*?/)?(?:device:)?(CPU|GPU|TPU)(?::(\d+))?$", re.I)


@_api.export("device")
class device:
    """tf.device: work inside runs on that JAX device (the CPU when it doesn't exist, as TF's
    soft placement)."""

    def __init__(self, device_name):
        self._name = device_name
        self._ctx = None

    def __enter__(self):
        dev = None
        if self._name:
            m = _SPEC.match(str(self._name).strip())
            if m is None:
                raise ValueError("Device name '%s' is not a valid device specification."
                                 % self._name)
            kind, idx = m.group(1).upper(), int(m.group(2) or 0)
            found = [d for d in _jax_devices(kind) if d.id == idx] or _jax_devices(kind)
            dev = found[0] if found else None
        self._ctx = jax.default_device(dev) if dev is not None else None
        if self._ctx is not None:
            self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        if self._ctx is not None:
            self._ctx.__exit__(*exc)
        return False
