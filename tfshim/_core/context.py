"""The execution context: what runs on this thread (the recorder stack, a tf.function trace, a
control-flow branch being traced), and devices: tf.device, tf.config.*, tf.executing_eagerly.

Every module asks here, through the accessors below, rather than keeping state of its own. The
hot paths (op dispatch, recording) read `thread_state()`'s three fields directly.
"""

from __future__ import annotations

import collections
import contextlib
import re
import threading

import jax

from .. import _api


class _ThreadState(threading.local):
    """This thread's context (TF keeps the same per thread in its eager context)."""

    def __init__(self):
        self.tapes: list = []  # active tapes and other recorders (tape.py), innermost last
        self.tracing = None  # tf.function's trace state while it traces on this thread
        self.collector = None  # while a control-flow branch is traced: its captured inputs


_thread = _ThreadState()


def thread_state() -> _ThreadState:
    """This thread's context object, for hot paths that read its fields directly."""
    return _thread


def tracing():
    """The tf.function trace in progress on this thread, or None (eager)."""
    return _thread.tracing


def collector():
    """The capture collector of the control-flow branch being traced, or None."""
    return _thread.collector


@contextlib.contextmanager
def _swapped(**values):
    """This thread's context with some fields set to `values` inside, restored after."""
    st = _thread
    saved = {k: getattr(st, k) for k in values}
    for k, v in values.items():
        setattr(st, k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(st, k, v)


def tracing_scope(state):
    """Trace a tf.function: `state` is the trace; tapes outside see the call, not its inside."""
    return _swapped(tapes=[], tracing=state)


def branch_scope(captures):
    """Trace a control-flow branch: no tape sees its ops, `captures` sees its inputs."""
    return _swapped(tapes=[], collector=captures)


@contextlib.contextmanager
def init_scope():
    """TF's init_scope: what runs inside is made outside any tf.function being traced."""
    with _swapped(tracing=None), jax.ensure_compile_time_eval():
        yield


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
    return _thread.tracing is None


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
