"""tf.custom_gradient, tf.recompute_grad and tf.grad_pass_through."""

from __future__ import annotations

import functools
import inspect

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import context, nest, op, tape
from .backprop import GradientTape
from .convert import convert_to_tensor
from .tensor import Tensor, wrap
from .variable import Variable


class VariableWatcher(tape.Recorder):
    """Collects the trainable variables read while it is on the stack (even under
    stop_recording, as TF's VariableWatcher)."""

    hidden_by_stop_recording = False

    def __init__(self):
        self.variables: dict[int, Variable] = {}

    def variable_accessed(self, variable):
        self.variables.setdefault(variable._id, variable)

    def __enter__(self):
        tape.push(self)
        return self

    def __exit__(self, *exc):
        tape.pop(self)

    def watched_variables(self):
        return tuple(self.variables.values())


class _CustomGrad:
    """The recorded function of a custom-gradient call: its gradient rule is the user's
    grad_fn."""

    def __init__(self, name, grad_fn, n_args, variables, out_avals):
        self.name = name
        self.grad_fn = grad_fn
        self.n_args = n_args
        self.variables = variables
        self.out_avals = out_avals

    def _upstreams(self, cts):
        # TF passes zeros for outputs that got no gradient.
        return [c if c is not None else wrap(jnp.zeros(shape, dt))
                for c, (shape, dt) in zip(cts, self.out_avals)]

    def backward(self, cts):
        """The inputs' (and variables') gradients from the outputs' cotangents: grad_fn's."""
        ups = self._upstreams(cts)
        if self.variables:
            grads, var_grads = self.grad_fn(*ups, variables=list(self.variables))
            grads = list(nest.flatten(grads)) if grads is not None else [None]
            var_grads = list(var_grads)
            if len(var_grads) != len(self.variables):
                raise ValueError("Must return gradient for each variable from "
                                 "@custom_gradient grad_fn.")
        else:
            grads = list(nest.flatten(self.grad_fn(*ups)))  # TF flattens what grad_fn returns
            var_grads = []
        if len(grads) != self.n_args:
            raise ValueError("custom_gradient function expected to return %d gradients, but "
                             "returned %d instead." % (self.n_args, len(grads)))
        return [None if g is None else convert_to_tensor(g) for g in grads + var_grads]

    # The recorded function's gradient rule (see op.backward): grad_fn, never jax.vjp.
    rule = staticmethod(lambda fn, entry, cts: fn.backward(cts))

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


@_api.export("custom_gradient")
def custom_gradient(f=None):
    """tf.custom_gradient: `f(*args)` returns `(y, grad_fn)`; gradients of y come from grad_fn."""
    if f is None:
        return lambda f: custom_gradient(f)
    return _decorate(f, traced_rule=True)


def tape_custom_gradient(f):
    """custom_gradient for tfshim's own functions whose rule only tapes need: traced, it runs f
    once and leaves the traced program's own gradient (a `jax.custom_vjp` runs f several times,
    which a function synchronising replica threads through merge_call can't do)."""
    return _decorate(f, traced_rule=False)


def _decorate(f, traced_rule):
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        if traced_rule and _traced(args):
            return _traced_call(f, args, kwargs)
        result, grad_fn, variables, flat = _call_watched(f, args, kwargs)
        outputs = tuple(wrap(t._value) for t in flat)  # new identity copies, as TF's
        _record(f, grad_fn, args, variables, flat, outputs)
        return nest.pack_sequence_as(result, list(outputs))

    return decorated


def _call_watched(f, args, kwargs):
    """f's result and grad_fn, the variables f reads other than its arguments (a variable given
    as an argument is an input: its gradient is grad_fn's for that argument, as in TF), and the
    result's flat tensors; TF's TypeError when grad_fn can't take those variables."""
    with VariableWatcher() as watcher:
        result, grad_fn = f(*args, **kwargs)
    variables = tuple(v for v in watcher.watched_variables() if not any(v is a for a in args))
    if variables and not _accepts_variables(grad_fn):
        raise TypeError("@tf.custom_gradient grad_fn must accept keyword argument "
                        "'variables', since function uses variables: %s" % list(variables))
    return result, grad_fn, variables, [convert_to_tensor(r) for r in nest.flatten(result)]


def _record(f, grad_fn, args, variables, flat, outputs):
    """As TF: tapes take the outputs' gradients from grad_fn; forward accumulators saw f's own
    ops run, and the outputs are identity copies of f's results (`flat`)."""
    if not tape.active():
        return
    inputs = tuple(x if isinstance(x, (Tensor, Variable)) else convert_to_tensor(x)
                   for x in args) + tuple(variables)
    fn = _CustomGrad(getattr(f, "__name__", "custom_gradient"), grad_fn, len(args), variables,
                     tuple((t._value.shape, t._value.dtype) for t in flat))
    tape.record_backprop_only(fn, inputs, outputs)
    tape.record_forwardprop_only(op.IDENTITY, tuple(flat), outputs)


def _traced(args) -> bool:
    """Whether the call is being traced: inside tf.function, or under a JAX transformation."""
    if context.tracing() is not None:
        return True
    return any(isinstance(getattr(a, "_value", None), jax.core.Tracer) for a in args)


def _traced_call(f, args, kwargs):
    """A custom-gradient call inside a trace: a `jax.custom_vjp` whose backward rule is
    grad_fn, so that differentiating the traced program (a tape outside the tf.function, a
    SavedModel's exported VJP, jax.grad) uses it as TF does. The arguments and the variables f
    reads are the rule's primal inputs; the backward pass runs f again on them to get grad_fn.
    """
    args = tuple(a if isinstance(a, Variable) else convert_to_tensor(a) for a in args)
    # Which variables f reads (a tape inside the trace sees this run).
    result, grad_fn, variables, flat = _call_watched(f, args, kwargs)
    out_avals = tuple((t._value.shape, t._value.dtype) for t in flat)
    name = getattr(f, "__name__", "custom_gradient")

    def run(arg_vals, var_vals):
        """f on the given values: tensors for the arguments, overrides for the variables."""
        ts = context.thread_state()
        saved = ts.overrides
        overrides = dict(saved or {})
        new_args = []
        for a, v in zip(args, arg_vals):
            if isinstance(a, Variable):
                overrides[a._id] = v
            new_args.append(a if isinstance(a, Variable) else wrap(v))
        overrides.update((v._id, val) for v, val in zip(variables, var_vals))
        ts.overrides = overrides
        try:
            with tape.stop_recording():
                return f(*new_args, **kwargs)
        finally:
            ts.overrides = saved

    @jax.custom_vjp
    def call(arg_vals, var_vals):
        res, _ = run(arg_vals, var_vals)
        return [convert_to_tensor(r)._value for r in nest.flatten(res)]

    def call_fwd(arg_vals, var_vals):
        return call(arg_vals, var_vals), (arg_vals, var_vals)

    def call_bwd(residuals, cts):
        arg_vals, var_vals = residuals
        _, fn = run(arg_vals, var_vals)
        rule = _CustomGrad(name, fn, len(args), variables, out_avals)
        grads = rule.backward([wrap(c) for c in cts])
        primals = list(arg_vals) + list(var_vals)
        out = [_cotangent(g, p) for g, p in zip(grads, primals)]
        return out[:len(args)], out[len(args):]

    call.defvjp(call_fwd, call_bwd)
    arg_vals = [a._current() if isinstance(a, Variable) else a._value for a in args]
    outputs = tuple(wrap(o) for o in call(arg_vals, [v._current() for v in variables]))
    _record(f, grad_fn, args, variables, flat, outputs)  # a tape inside the trace: grad_fn
    return nest.pack_sequence_as(result, list(outputs))


def _cotangent(grad, primal):
    """grad_fn's gradient as JAX's cotangent for `primal`: zeros for None, float0 for integers."""
    if not jnp.issubdtype(primal.dtype, jnp.inexact):
        return np.zeros(np.shape(primal), jax.dtypes.float0)
    if grad is None:
        return jnp.zeros(np.shape(primal), primal.dtype)
    return jnp.broadcast_to(grad._value.astype(primal.dtype), np.shape(primal))


def _accepts_variables(fn) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == "variables" or p.kind is p.VAR_KEYWORD for p in params)


@_api.export("recompute_grad")
def recompute_grad(f):
    """tf.recompute_grad: the forward pass keeps nothing; backprop runs f again."""

    @custom_gradient
    def inner(*args, **kwargs):
        with tape.stop_recording():
            result = f(*args, **kwargs)

        def grad_fn(*dresult, variables=None):
            variables = list(variables or [])
            with GradientTape() as t:
                t.watch(list(args))
                recomputed = f(*args, **kwargs)
            grads = t.gradient(recomputed, list(args) + variables,
                               output_gradients=list(dresult))
            return grads[:len(args)], grads[len(args):]

        return result, grad_fn

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return inner(*args, **kwargs)

    wrapper.__wrapped__ = f
    return wrapper


@_api.export("grad_pass_through")
def grad_pass_through(f):
    """tf.grad_pass_through: f's value, the identity's gradient."""

    @custom_gradient
    def pass_through(*args, **kwargs):
        def grad(*dy, variables=None):
            if variables is not None:
                return list(dy), [None] * len(variables)
            return list(dy)

        return f(*args, **kwargs), grad

    return functools.wraps(f)(lambda *a, **k: pass_through(*a, **k))
