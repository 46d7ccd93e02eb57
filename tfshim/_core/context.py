"""The execution context: what runs on this thread (the recorder stack, a tf.function trace, a
control-flow branch being traced), and devices: tf.device, tf.config.*, tf.executing_eagerly.

Every module asks here, through the accessors below, rather than keeping state of its own. The
hot paths (op dispatch, recording) read `thread_state()`'s three fields directly.
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import threading

import jax

from .. import _api
from . import jax_internals


class _ThreadState(threading.local):
    """This thread's context (TF keeps the same per thread in its eager context)."""

    def __init__(self):
        self.tapes: list = []  # active tapes and other recorders (tape.py), innermost last
        self.tracing = None  # tf.function's trace state while it traces on this thread
        self.collector = None  # while a control-flow branch is traced: its captured inputs
        # variable id -> the value its reads give instead of its own (custom_gradient.py: a
        # custom-gradient function traced with its variables as arguments), or None
        self.overrides: dict | None = None
        # (strategy, replica id) inside a tf.distribute strategy's replica context, else None:
        # tf.function keeps a trace per replica (TF's per-device function cache), since a
        # replica's trace reads its own components of mirrored variables.
        self.replica: tuple | None = None
        # tf.saved_model.save retracing functions to export (TF's save_context): distributed
        # variables read and write their primary component only, as TF saves them.
        self.saving = False
        # tf.variable_creator_scope's creators, innermost last (variable.py).
        self.variable_creators: list = []
        # While an op's Python wrapper runs raw ops on inputs it converted itself: for each
        # such raw op (its type), whether the inputs as TF's wrapper hands them to it take
        # TF's eager fast path (op.raw_inputs).
        self.fast_path: dict = {}


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


@_api.export("init_scope")
@contextlib.contextmanager
def init_scope():
    """tf.init_scope: what runs inside is made outside any tf.function or FuncGraph being
    traced, eagerly."""
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
            devs = jax.local_devices(backend=platform)  # this worker's, in a cluster
        except RuntimeError:  # no such backend here
            continue
        for d in devs:
            if device_type is None or _kind(d.platform) == device_type.upper():
                out.append(d)
    return out


# set_logical_device_configuration's record: physical device name -> its configurations.
_logical_configs: dict = {}
# Whether JAX's backends were started only to list physical devices (no array made since), so
# that they may still be restarted with another CPU device count, as TF's runtime is not yet
# initialized by a listing.
_started_by_listing = [False]


@_api.export("config.LogicalDeviceConfiguration", "config.experimental.VirtualDeviceConfiguration")
class LogicalDeviceConfiguration(collections.namedtuple(
        "LogicalDeviceConfiguration",
        ["memory_limit", "experimental_priority", "experimental_device_ordinal"])):
    """tf.config.LogicalDeviceConfiguration: one logical device to make of a physical one."""

    def __new__(cls, memory_limit=None, experimental_priority=None,
                experimental_device_ordinal=None):
        return super().__new__(cls, memory_limit, experimental_priority,
                               experimental_device_ordinal)


def _physical(device_type):
    """JAX's devices of a kind as TF's physical devices. TF has one physical CPU however many
    logical ones it is split into; listing only CPUs starts nothing."""
    if device_type is not None and device_type.upper() == "CPU":
        return [PhysicalDevice("/physical_device:CPU:0", "CPU")]
    was_started = jax_internals.backends_started()
    devs = _jax_devices(device_type)
    if not was_started:
        _started_by_listing[0] = True
    out, seen_cpu = [], False
    for d in devs:
        kind = _kind(d.platform)
        if kind == "CPU":
            if seen_cpu:
                continue
            seen_cpu = True
        out.append(PhysicalDevice("/physical_device:%s:%d" % (kind, d.id), kind))
    return out


@_api.export("config.list_physical_devices", "config.experimental.list_physical_devices")
def list_physical_devices(device_type=None):
    """tf.config.list_physical_devices: JAX's devices, named as TF names them."""
    return _physical(device_type)


@_api.export("config.list_logical_devices", "config.experimental.list_logical_devices")
def list_logical_devices(device_type=None):
    """tf.config.list_logical_devices: JAX's devices (a CPU split by
    set_logical_device_configuration is several JAX CPU devices)."""
    _started_by_listing[0] = False  # TF's runtime is initialized now
    return [LogicalDevice("/device:%s:%d" % (_kind(d.platform), d.id), _kind(d.platform))
            for d in _jax_devices(device_type)]


@_api.export("config.set_logical_device_configuration",
             "config.experimental.set_virtual_device_configuration")
def set_logical_device_configuration(device, logical_devices):
    """tf.config.set_logical_device_configuration: a CPU split into N logical devices is JAX's
    CPU backend started with N devices (`jax_num_cpu_devices`), so it must happen before the
    first op runs, as in TF."""
    if device not in _physical(device.device_type):
        raise ValueError("Unrecognized device: %s" % repr(device))
    configs = None if logical_devices is None else list(logical_devices)
    if _logical_configs.get(device.name) == configs:
        return
    if device.device_type != "CPU" and configs is not None and len(configs) > 1:
        raise NotImplementedError(
            "tfshim: a %s can't be split into logical devices (JAX has one device per "
            "accelerator)" % device.device_type)
    if device.device_type == "CPU":
        if jax_internals.backends_started():
            if not _started_by_listing[0] or jax.live_arrays():
                raise RuntimeError("Virtual devices cannot be modified after being initialized")
            jax_internals.restart_backends()
        jax.config.update("jax_num_cpu_devices", len(configs) if configs else -1)
        _size_cpu_thread_pool(len(configs) if configs else 1)
    _logical_configs[device.name] = configs


# NPROC as tfshim set it (None: tfshim has not set it).
_nproc_set: list = [None]


def _size_cpu_thread_pool(num_devices: int) -> None:
    """Give XLA's CPU client at least 2 threads per CPU device, so that collectives across the
    logical devices (a `shard_map` with `psum`) can't deadlock.

    The client sizes its Eigen intra-op pool when it starts, from the NPROC environment variable,
    else the schedulable CPUs. A device's program that reaches an all-reduce waits at the
    rendezvous on the pool thread that ran its last parallel dot; once the waiting devices hold
    every pool thread, the other devices' dots can't run and never arrive (rendezvous.cc's "Expected
    4 threads to join", then an abort after 40 s). On a 2-vCPU VM with 4 devices: NPROC 2, 4 and 5
    deadlock, 8 runs (bench/RESULTS.md). A value the user set is left alone."""
    current = os.environ.get("NPROC")
    if current is not None and current != _nproc_set[0]:
        return
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = max(cpus or 1, 2 * num_devices) if num_devices > 1 else None
    if wanted is None:
        os.environ.pop("NPROC", None)
    else:
        os.environ["NPROC"] = str(wanted)
    _nproc_set[0] = None if wanted is None else str(wanted)


@_api.export("config.get_logical_device_configuration",
             "config.experimental.get_virtual_device_configuration")
def get_logical_device_configuration(device):
    """tf.config.get_logical_device_configuration: what was set for `device`, or None."""
    if device not in _physical(device.device_type):
        raise ValueError("Unrecognized device: %s" % repr(device))
    configs = _logical_configs.get(device.name)
    return None if configs is None else list(configs)


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


_soft_device_placement = [True]
_log_device_placement = [False]


@_api.export("config.set_soft_device_placement")
def set_soft_device_placement(enabled):
    """tf.config.set_soft_device_placement: recorded (XLA places every op it compiles)."""
    _soft_device_placement[0] = bool(enabled)


@_api.export("config.get_soft_device_placement")
def get_soft_device_placement():
    """tf.config.get_soft_device_placement."""
    return _soft_device_placement[0]


@_api.export("debugging.set_log_device_placement")
def set_log_device_placement(enabled):
    """tf.debugging.set_log_device_placement: recorded; tfshim prints no placement log (JAX
    places whole compiled programs, not TF ops)."""
    _log_device_placement[0] = bool(enabled)


@_api.export("debugging.get_log_device_placement")
def get_log_device_placement():
    """tf.debugging.get_log_device_placement."""
    return _log_device_placement[0]


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
