"""tf.GradientTape: the reverse sweep over a tape's entries, and TF's rules around it."""

from __future__ import annotations

import enum

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import dtypes, errors, indexed_slices, nest, op, tape, tf_logging
from .convert import convert_to_tensor
from .indexed_slices import IndexedSlices
from .tensor import Tensor, filled_array, wrap
from .variable import Variable

_NON_PERSISTENT = ("A non-persistent GradientTape can only be used to compute one set of "
                   "gradients (or jacobians)")
_PERSISTENT_INSIDE = (
    "Calling GradientTape.gradient on a persistent tape inside its context is significantly "
    "less efficient than calling it outside the context (it causes the gradient ops to be "
    "recorded on the tape, leading to increased CPU and memory usage). Only call "
    "GradientTape.gradient inside the context if you actually want to trace the gradient in "
    "order to compute higher order derivatives."
)
_HERE = (__file__,)


@_api.export("UnconnectedGradients")
class UnconnectedGradients(enum.Enum):
    """tf.UnconnectedGradients."""

    NONE = "none"
    ZERO = "zero"


def _unconnected(value) -> UnconnectedGradients:
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError("Unknown value for unconnected_gradients: %r" % (value,)) from None


_ADD = op.Fn(jnp.add)


def _add(a, b):
    """Sum two gradient contributions: sparse + sparse concatenates (as TF), else dense."""
    a_sparse, b_sparse = isinstance(a, IndexedSlices), isinstance(b, IndexedSlices)
    if a_sparse and b_sparse:
        # The sweep meets contributions last-first; TF lists them in execution order.
        return indexed_slices.concat(b, a)
    if a_sparse:
        a = indexed_slices.to_dense(a)
    if b_sparse:
        b = indexed_slices.to_dense(b)
    return op.apply(_ADD, [a, b])[0]


def _dense(g):
    return indexed_slices.to_dense(g) if isinstance(g, IndexedSlices) else g


def _ones_like(t):
    return wrap(filled_array(t._value.shape, t._value.dtype, 1))


def sweep(entries, targets, seeds, sources, backward=op.backward, add=_add) -> dict:
    """Cotangents of `sources` (by id) from `seeds` at `targets`: the reverse pass.

    Only entries on a path from a source are run; cotangents flow from outputs to inputs in
    reverse execution order, summed where uses meet.
    """
    return _reverse(_useful(entries, sources), targets, seeds, backward, add)


def _useful(entries, sources) -> list:
    """The entries on a path from a source, in execution order."""
    reach = {s._id for s in sources}
    useful = []
    for e in entries:
        for t in e.inputs:
            if t._id in reach:
                useful.append(e)
                reach.update(e.out_ids)
                break
    return useful


def _reverse(useful, targets, seeds, backward, add) -> dict:
    cts: dict = {}
    for t, s in zip(targets, seeds):
        cts[t._id] = s if t._id not in cts else add(cts[t._id], s)
    for e in reversed(useful):
        outs = [cts.get(i) for i in e.out_ids]
        if all(c is None for c in outs):
            continue
        if e.fn is not op.IDENTITY:  # a variable read passes sparse gradients through
            outs = [_dense(c) for c in outs]  # other backward rules take dense cotangents
        for t, g in zip(e.inputs, backward(e, outs)):
            if g is not None:
                old = cts.get(t._id)
                cts[t._id] = g if old is None else add(old, g)
    return cts


def _as_source(s):
    if isinstance(s, (Tensor, Variable)):
        return s
    if s is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    raise AttributeError("'%s' object has no attribute '_id'" % type(s).__name__)


def _as_target(t):
    if isinstance(t, (Tensor, Variable)):
        return t
    if t is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    raise AttributeError("'%s' object has no attribute '_id'" % type(t).__name__)


def _trainable(t) -> bool:
    return dtypes.from_numpy(t._value.dtype) in dtypes.TRAINABLE


def _zeros_like(t):
    return wrap(filled_array(t._value.shape, t._value.dtype, 0))


@_api.export("GradientTape", "autodiff.GradientTape")
class GradientTape:
    """tf.GradientTape."""

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._tape = None
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._watched_variables = ()
        self._recording = False

    def __repr__(self):
        return "<tensorflow.python.eager.backprop.GradientTape object at %#x>" % id(self)

    def __enter__(self):
        self._push_tape()
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            self._pop_tape()

    def _push_tape(self):
        if self._recording:
            raise ValueError("Tape is still recording, This can happen if you try to re-enter "
                             "an already-active tape.")
        if self._tape is None:
            self._tape = tape.Tape(self._persistent, self._watch_accessed_variables)
        tape.push(self._tape)
        self._recording = True

    def _pop_tape(self):
        if not self._recording:
            raise ValueError("Tape is not recording.")
        tape.pop(self._tape)
        self._recording = False

    def watch(self, tensor):
        """Watch a tensor, variable or nested structure of them."""
        if self._tape is None:
            raise AttributeError("'NoneType' object has no attribute '_tape'")
        for t in nest.flatten(tensor):
            if isinstance(t, Variable):
                self._tape.watch_variable(t)
            elif isinstance(t, Tensor):
                self._tape.watch(t)
            else:
                raise ValueError(
                    "Passed in object %s of type %r, not tf.Tensor or tf.Variable or "
                    "ExtensionType." % (t, type(t).__name__))
            if not _trainable(t):
                tf_logging.warn_first_n(
                    5, ("watch", tf_logging.caller_site(_HERE)),
                    "The dtype of the watched tensor must be floating (e.g. tf.float32), got %r",
                    t.dtype)

    def stop_recording(self):
        """A context manager in which this tape records nothing."""
        return _StopRecording(self)

    def reset(self):
        """Drop everything recorded so far and go on recording on a fresh tape."""
        self._pop_tape()
        self._tape = None
        self._push_tape()

    def watched_variables(self):
        """The variables this tape watches, in creation order."""
        if self._tape is not None:
            self._watched_variables = self._tape.watched_variables()
        return self._watched_variables

    def _check_usable(self, persistent_msg=_NON_PERSISTENT):
        if self._tape is None:
            raise RuntimeError(persistent_msg)
        if self._recording:
            if not self._persistent:
                self._pop_tape()
            else:
                tf_logging.warn_first_n(1, ("gradient", tf_logging.caller_site(_HERE)),
                                        _PERSISTENT_INSIDE)

    def _release(self):
        if not self._persistent:
            self._watched_variables = self._tape.watched_variables()
            self._tape = None

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """The gradient of target (summed over a structure) w.r.t. each source."""
        self._check_usable()
        unconnected = _unconnected(unconnected_gradients)
        if target is None:
            raise TypeError(
                "Argument `target` should be a list or nested structure of Tensors, Variables "
                "or CompositeTensors to be differentiated, but received None.")
        targets = [_as_target(t) for t in nest.flatten(target)]
        flat_sources = [_as_source(s) for s in nest.flatten(sources)]
        seeds = []
        ogs = nest.flatten(output_gradients) if output_gradients is not None else []
        for i, t in enumerate(targets):
            if i < len(ogs):
                seeds.append(_output_gradient(ogs[i], t))
            else:
                seeds.append(_ones_like(t))
        keep = [i for i, t in enumerate(targets) if _trainable(t)]
        entries = self._tape.entries
        self._release()
        targets, seeds = [targets[i] for i in keep], [seeds[i] for i in keep]
        useful = _useful(entries, flat_sources)
        if tape.active():  # outer tapes record each backward op: gradients of any order
            cts = _reverse(useful, targets, seeds, op.backward, _add)
        else:
            cts = _compiled_reverse(useful, targets, seeds, flat_sources)
        grads = []
        for s in flat_sources:
            g = cts.get(s._id) if _trainable(s) else None
            if g is None and unconnected is UnconnectedGradients.ZERO:
                g = _zeros_like(s)
            grads.append(g)
        return nest.pack_sequence_as(sources, grads)

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        """d target / d source for each source, shaped target.shape + source.shape."""
        self._check_usable()
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError(
                "GradientTape must be created with persistent=True to compute the jacobian with "
                "eager execution enabled and with  experimental_use_pfor set to False.")
        unconnected = _unconnected(unconnected_gradients)
        target_shape = target.shape  # a list target raises AttributeError, as in TF
        target = _as_target(target)
        flat_sources = [_as_source(s) for s in nest.flatten(sources)]
        entries = self._tape.entries
        self._release()
        grads = _vectorized_sweep(entries, target, flat_sources, batch=False)
        out = []
        for s, g in zip(flat_sources, grads):
            if g is None and unconnected is UnconnectedGradients.ZERO:
                g = wrap(jnp.zeros(tuple(target_shape) + tuple(s._value.shape), s._value.dtype))
            out.append(g)
        return nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """Per-example jacobians: result[i] is d target[i] / d source[i]."""
        if self._tape is None:
            raise RuntimeError(_NON_PERSISTENT.replace("used to compute", "used tocompute"))
        self._check_usable()
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError(
                "GradientTape must be created with persistent=True to compute the batch_jacobian "
                "with eager execution enabled and  with experimental_use_pfor set to False.")
        _unconnected(unconnected_gradients)
        ts, ss = target.shape, source.shape
        for shape in (ts, ss):
            if shape.rank is not None and shape.rank < 2:
                raise ValueError("Shape %s must have rank at least 2" % shape)
        if ts[0] != ss[0]:
            raise ValueError("Need first dimension of target shape (%s) and source shape (%s) "
                             "to match." % (ts, ss))
        entries = self._tape.entries
        self._release()
        (g,) = _vectorized_sweep(entries, _as_target(target), [_as_source(source)], batch=True)
        if g is None:  # TF returns zeros in the target's dtype here, for compatibility
            g = wrap(jnp.zeros(tuple(ts) + tuple(ss[1:]), target._value.dtype))
        return g


class _StopRecording:
    def __init__(self, t: GradientTape):
        self._t = t

    def __enter__(self):
        if self._t._tape is None:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        self._t._pop_tape()

    def __exit__(self, *exc):
        self._t._push_tape()


def _output_gradient(og, target):
    """An upstream gradient for a target. TF multiplies it in the target op's backward, so a
    broadcastable shape works and another fails there, as a Mul's shape error."""
    g = convert_to_tensor(og, target.dtype)
    gs, ts = tuple(g._value.shape), tuple(target._value.shape)
    if gs == ts:
        return g
    try:
        if np.broadcast_shapes(gs, ts) == ts:
            return wrap(jnp.broadcast_to(g._value, ts))
    except ValueError:
        pass
    raise errors.kernel_error("Mul", "Incompatible shapes: [%s] vs. [%s]"
                              % (",".join(map(str, gs)), ",".join(map(str, ts))))


class _Slot:
    """A stand-in tensor inside a compiled backward pass: a slot number and a traced value."""

    __slots__ = ("_id", "_value")

    def __init__(self, slot, value):
        self._id, self._value = slot, value


class _SlotEntry:
    __slots__ = ("fn", "inputs", "out_ids")

    def __init__(self, fn, inputs, out_ids):
        self.fn, self.inputs, self.out_ids = fn, inputs, out_ids


_seen: dict = {}  # tape structure -> times seen, then its compiled backward pass
_SEEN_LIMIT = 4096


def _compiled_reverse(useful, targets, seeds, sources) -> dict:
    """The reverse pass as one cached jax.jit computation when the same tape structure repeats.

    A training loop records the same op sequence every step. The structure (recorded functions,
    how outputs feed inputs, dtypes) is the cache key; the second time a structure is seen its
    whole backward pass is compiled once, and from then on each gradient() is one XLA call.
    Structures seen once run op by op, so one-off gradients pay no compile time.
    """
    slots: dict = {}
    values: list = []
    value_slots: list = []
    valued: set = set()

    def slot(i):
        k = slots.get(i)
        if k is None:
            k = slots[i] = len(slots)
        return k

    shape = []
    for e in useful:
        fn = e.fn
        if getattr(fn, "tf_backward", None) is not None or not getattr(fn, "cacheable", True):
            return _reverse(useful, targets, seeds, op.backward, _add)
        ins = []
        for t in e.inputs:
            k = slot(t._id)
            if k not in valued:  # the first use passes its value in
                valued.add(k)
                values.append(t._value)
                value_slots.append(k)
            ins.append(k)
        shape.append((fn, tuple(ins), tuple(slot(i) for i in e.out_ids)))
    target_slots = tuple(slot(t._id) for t in targets)
    source_slots = tuple(slot(s._id) for s in sources)
    key = (tuple(shape), tuple(value_slots), target_slots, source_slots,
           tuple(v.dtype for v in values), tuple(s._value.dtype for s in seeds))
    try:
        state = _seen.get(key)
    except TypeError:  # an unhashable recorded function: op by op
        return _reverse(useful, targets, seeds, op.backward, _add)
    if state is None or state == 1:
        if len(_seen) > _SEEN_LIMIT:
            _seen.clear()
        _seen[key] = 1 if state is None else _build_reverse(shape, value_slots, target_slots,
                                                            source_slots)
        if state is None:
            return _reverse(useful, targets, seeds, op.backward, _add)
        state = _seen[key]
    run, connected = state
    grads = run(values, [s._value for s in seeds])
    out = {}
    it = iter(grads)
    for s, c in zip(sources, connected):
        if c:
            out[s._id] = wrap(next(it))
    return out


def _build_reverse(shape, value_slots, target_slots, source_slots):
    connected: list = []

    def run(values, seeds):
        by_slot = dict(zip(value_slots, values))
        entries = [_SlotEntry(fn, [_Slot(k, by_slot[k]) for k in ins], outs)
                   for fn, ins, outs in shape]
        targets = [_Slot(k, None) for k in target_slots]
        cts = _reverse(entries, targets, [wrap(s) for s in seeds], _raw_backward,
                       lambda a, b: wrap(a._value + b._value))
        connected[:] = [k in cts for k in source_slots]
        return [cts[k]._value for k in source_slots if k in cts]

    jitted = jax.jit(run)
    return jitted, connected


def _raw_backward(entry, cts):
    """op.backward on raw arrays (inside jax.vmap): no tensors, no recording."""
    if entry.fn is op.IDENTITY:
        return cts
    inputs = entry.inputs
    diff = tuple(i for i, t in enumerate(inputs) if _trainable(t))
    result = [None] * len(inputs)
    if not diff:
        return result
    given = tuple(i for i, c in enumerate(cts) if c is not None)
    pb = op.Pullback(entry.fn, len(inputs), diff, given)
    grads = op.jitted(pb)(*[t._value for t in inputs], *[cts[i]._value for i in given])
    for i, g in zip(diff, grads):
        result[i] = wrap(g)
    return result


def _vectorized_sweep(entries, target, sources, batch: bool):
    """The reverse sweep vmapped over one-hot seeds: jacobian (or batch_jacobian) rows."""
    tshape = tuple(target._value.shape)
    n = int(np.prod(tshape[1:] if batch else tshape, dtype=np.int64))
    connected = []

    def one(seed):
        seed = seed.reshape(tshape)
        cts = sweep(entries, [target], [wrap(seed)] if _trainable(target) else [], sources,
                    backward=_raw_backward, add=lambda a, b: wrap(a._value + b._value))
        connected[:] = [s._id in cts and _trainable(s) for s in sources]
        return tuple(cts[s._id]._value if c else jnp.zeros(()) for s, c in
                     zip(sources, connected))

    dt = target._value.dtype
    if batch:
        eye = jnp.eye(n, dtype=dt).reshape((n, 1) + tshape[1:])
        seeds = jnp.broadcast_to(eye, (n,) + tshape)
    else:
        seeds = jnp.eye(n, dtype=dt).reshape((n,) + tshape)
    rows = jax.vmap(one)(seeds) if n else None
    out = []
    for k, s in enumerate(sources):
        if n == 0:
            out.append(wrap(jnp.zeros(tshape + tuple(s._value.shape), s._value.dtype)))
            continue
        if not connected[k]:
            out.append(None)
            continue
        r = rows[k]  # (n, *source.shape)
        if batch:
            b = tshape[0]
            r = jnp.moveaxis(r.reshape((n, b) + tuple(s._value.shape[1:])), 0, 1)
            out.append(wrap(r.reshape(tshape + tuple(s._value.shape[1:]))))
        else:
            out.append(wrap(r.reshape(tshape + tuple(s._value.shape))))
    return out

