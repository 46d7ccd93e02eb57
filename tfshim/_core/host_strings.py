"""tf.string tensors inside a compiled tf.function: XLA has no strings, so a string tensor in the
traced program is an array of int64 ids of interned strings, and ops that look at the strings
run on the host, inside the program, as JAX callbacks.

A trace sees a string tensor as a SymbolicTensor whose value is `HostStrings`: the ids (a JAX
tracer) and a shadow, the strings the tensor holds for the arguments the trace was made with
(empty strings for a TensorSpec). An op on string tensors (an @op body, or a tf.strings op) runs
as `host_call`: the op runs once on the shadows, which gives its results' shapes and dtypes (and
the results' shadows), and the program calls it back on the host with the call's strings
(ids -> strings -> op -> ids). Only ops whose results' shapes follow from their inputs' shapes run
this way (elementwise and reducing string ops, @op bodies); the others (splits into ragged
results) still make the function run eagerly (errors.StringsInGraph).

Strings are interned once per process (equal strings share an id, so equality and the array ops
that move strings around could work on the ids): the table keeps every distinct string a
compiled function has seen, which README's known deviations list.
"""

from __future__ import annotations

import threading

import jax
import numpy as np

from . import context, errors, jax_internals
from .tensor import HostValue

_table: list = []  # id -> bytes
_ids: dict = {}  # bytes -> id
_lock = threading.Lock()
_failures: list = []  # an op's error in a callback (XLA's thread), re-raised by the call


def intern(strings) -> np.ndarray:
    """int64 ids for an object array of strings (new strings enter the table)."""
    arr = np.asarray(strings, dtype=object)
    flat = arr.ravel()
    out = np.empty(flat.shape, np.int64)
    with _lock:
        for k, s in enumerate(flat):
            i = _ids.get(s)
            if i is None:
                i = _ids[s] = len(_table)
                _table.append(s)
            out[k] = i
    return out.reshape(arr.shape)


def lookup(ids) -> np.ndarray:
    """The object array of strings that int64 ids stand for."""
    ids = np.asarray(ids)
    table = _table
    out = np.empty(ids.size, dtype=object)
    out[:] = [table[i] for i in ids.ravel().tolist()]
    return out.reshape(ids.shape)


class HostStrings(HostValue):
    """A tf.string tensor's value inside a trace: its ids (a JAX tracer) and its shadow."""

    __slots__ = ("ids", "shadow")
    dtype = np.dtype(object)

    def __init__(self, ids, shadow):
        self.ids = ids
        self.shadow = shadow

    shape = property(lambda self: tuple(self.ids.shape))
    ndim = property(lambda self: len(self.ids.shape))
    size = property(lambda self: int(np.prod(self.ids.shape)))

    def _refuse(self, *args, **kwargs):
        # A computation that needs the strings themselves outside host_call: the function
        # runs eagerly (as before strings compiled).
        raise errors.StringsInGraph("a tf.string tensor's value in a traced computation")

    __array__ = __jax_array__ = __iter__ = __bool__ = __index__ = _refuse
    __len__ = _refuse

    def __getitem__(self, item):
        self._refuse()


def _traced(value) -> bool:
    return type(value) is HostStrings or isinstance(value, jax.core.Tracer)


def any_traced_strings(values) -> bool:
    """Whether any of these values is a traced string tensor's."""
    return any(type(v) is HostStrings for v in values)


def _shadow(value):
    """The value a traced input has for the arguments of the trace (zeros where unknown)."""
    if type(value) is HostStrings:
        return value.shadow
    trace = context.tracing()
    found = None if trace is None else jax_internals.value_outside_trace(
        value, trace.arg_tracers, trace.arg_values)
    if found is None:
        return np.zeros(value.shape, value.dtype)
    return np.asarray(found)


def host_call(fn, values: list):
    """fn(*values) inside a trace, where some values are traced (string ids or JAX tracers): a
    callback the program makes on the host. fn takes and gives host arrays (object arrays for
    strings) or tuples of them; its results come back as HostStrings or JAX tracers."""
    dyn = [k for k, v in enumerate(values) if _traced(v)]
    shadows = list(values)
    for k in dyn:
        shadows[k] = _shadow(values[k])
    with context._swapped(tracing=None, tapes=[], collector=None), \
            jax.ensure_compile_time_eval():
        out = fn(*shadows)  # the op on the trace's own values: its results' shapes and dtypes
    single = not isinstance(out, tuple)
    outs = [np.asarray(o) for o in ((out,) if single else out)]
    result = tuple(jax.ShapeDtypeStruct(o.shape, np.int64 if o.dtype == object else o.dtype)
                   for o in outs)
    kinds = [type(values[k]) is HostStrings for k in dyn]

    def on_host(*arrays):
        vals = list(values)
        for k, is_str, a in zip(dyn, kinds, arrays):
            vals[k] = lookup(a) if is_str else np.asarray(a)
        try:
            with context._swapped(tracing=None, tapes=[], collector=None):
                res = fn(*vals)
            res = [np.asarray(r) for r in ((res,) if single else res)]
            for r, spec in zip(res, result):
                if r.shape != spec.shape:
                    raise errors.InvalidArgumentError(
                        None, None, "tfshim: a string op's result has shape %s here, %s when "
                        "the function was traced" % (r.shape, spec.shape))
        except Exception as e:  # noqa: BLE001 - the call raises it (see run)
            _failures.append(e)
            return tuple(np.zeros(r.shape, r.dtype) for r in result)
        return tuple(intern(r) if r.dtype == object else r.astype(s.dtype)
                     for r, s in zip(res, result))

    traced = jax.pure_callback(on_host, result, *[
        values[k].ids if type(values[k]) is HostStrings else values[k] for k in dyn])
    wrapped = tuple(HostStrings(t, o) if o.dtype == object else t for t, o in zip(traced, outs))
    return wrapped[0] if single else wrapped


def run(call):
    """Run a compiled call whose program makes string callbacks: an op's error in one is the
    call's error, as TF's kernel raises it (a callback that raises would be JAX's error, logged
    with its traceback, so the callback gives zeros and the call raises the op's error)."""
    res = jax.block_until_ready(call())
    if _failures:
        error = _failures.pop()
        _failures.clear()
        raise error
    return res
