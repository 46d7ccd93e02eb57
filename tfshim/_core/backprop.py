"""tf.GradientTape: TF's API and rules around the reverse sweep (imperative_grad.py)."""

from __future__ import annotations

import enum

import jax.numpy as jnp
import numpy as np

from .. import _api
from . import dtypes, errors, imperative_grad, nest, tape, tf_logging
from .convert import convert_to_tensor
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


def _ones_like(t):
    return wrap(filled_array(t._value.shape, t._value.dtype, 1))


def _handle_or_self(x):
    """A variable-like object (Keras's variables: `_should_act_as_resource_variable`, wrapping
    a tf.Variable) stands for its variable's handle, as TF's backprop treats it."""
    if hasattr(x, "_should_act_as_resource_variable") and not isinstance(x, Variable):
        return x.handle
    return x


def _as_source(s):
    s = _handle_or_self(s)
    if isinstance(s, (Tensor, Variable)):
        return s
    if s is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    raise AttributeError("'%s' object has no attribute '_id'" % type(s).__name__)


def _as_target(t):
    t = _handle_or_self(t)
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
            t = _handle_or_self(t)
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
        cts = imperative_grad.imperative_grad(entries, targets, seeds, flat_sources)
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
        grads = imperative_grad.vectorized(entries, target, flat_sources, batch=False)
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
        (g,) = imperative_grad.vectorized(entries, _as_target(target), [_as_source(source)],
                                         batch=True)
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


