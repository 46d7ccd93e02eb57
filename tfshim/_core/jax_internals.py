"""The one place tfshim reaches into JAX's private modules (`jax._src`).

tf.function lifts variables into JAX Refs and turns the traced stateful program into a pure
function with JAX's state discharge; neither has a public API in JAX 0.10, nor has the test of
whether JAX's backends have started (tf.config's CPU device count). Everything that needs them
calls the small functions here, so a JAX upgrade that moves them is fixed in one file.
"""

from __future__ import annotations

import jax
from jax._src import core as _core
from jax._src import xla_bridge as _xla_bridge
from jax._src.array import ArrayImpl as ARRAY_TYPE  # noqa: F401 - the concrete jax.Array
from jax._src.interpreters import partial_eval as _pe
from jax._src.state.discharge import discharge_state as _discharge_state
from jax._src.state.types import AbstractRef as _AbstractRef
from jax._src.state.types import ReadEffect as _ReadEffect


def placeholder_ref(value):
    """A Ref holding `value` itself, made without compiling an eager copy (jax.new_ref would),
    or jax.new_ref's where the internals moved."""
    try:
        aval = _AbstractRef(_core.typeof(value))
        return _core.Ref(aval, _core.ArrayRefImpl(aval, value))
    except Exception:  # noqa: BLE001 - JAX internals moved: the public way
        with jax.ensure_compile_time_eval():
            return jax.new_ref(value)


def discharge(closed):
    """A closed jaxpr reading and writing Ref constants as a pure closed jaxpr: the constants
    become leading inputs, and the final value of each Ref constant is appended to the
    outputs, in constant order. lower=False keeps custom derivative rules (the reverse-mode
    rule of tfshim's while loops) in the result; lowering would inline them."""
    jaxpr = _core.ClosedJaxpr(_pe.convert_constvars_jaxpr(closed.jaxpr), [])
    return _discharge_state(jaxpr, lower=False)


def reads_only(closed) -> bool:
    """Whether a closed jaxpr's only effects are reads of Refs (variables read, none assigned,
    no host output)."""
    return all(isinstance(e, _ReadEffect) for e in closed.jaxpr.effects)


def is_ref(x) -> bool:
    return isinstance(_core.typeof(x), _AbstractRef)


def eval_jaxpr(closed, *args):
    """Evaluate a closed jaxpr on arrays (or tracers)."""
    return _core.eval_jaxpr(closed.jaxpr, closed.consts, *args)


def current_trace():
    """The JAX trace this thread's operations go to (tf.distribute hands it to the replica
    threads of `strategy.run` inside a tf.function, so that they trace into the same program)."""
    return _core.trace_ctx.trace


def trace_scope(trace):
    """Make `trace` this thread's current JAX trace inside the `with` block."""
    return _core.set_current_trace(trace)


def backends_started():
    """Whether JAX's backends (and so its CPU device count) are fixed already."""
    return bool(_xla_bridge._backends)


def distributed_initialized():
    """Whether `jax.distributed.initialize` ran in this process (asking `jax.process_count()`
    would start the backends)."""
    from jax._src import distributed

    return distributed.global_state.client is not None


def restart_backends():
    """Forget JAX's started backends (nothing may have been computed on them), so that the next
    use starts them again with the current configuration."""
    import jax.extend.backend

    jax.extend.backend.clear_backends()


def value_outside_trace(tracer, arg_tracers, arg_values):
    """The value a tracer of the jaxpr being traced has for the traced function's actual
    arguments: the equations it depends on, evaluated now on the constants and `arg_values`
    (the concrete values of `arg_tracers`). TF lifts a variable's initializer out of the
    tf.function that creates it this way. None where it can't be computed (it depends on a value
    of an enclosing trace)."""
    frame = getattr(getattr(tracer, "_trace", None), "frame", None)
    var = getattr(tracer, "val", None)
    if frame is None or var is None:
        return None
    if isinstance(var, _core.Literal):
        return var.val
    args = {t.val: v for t, v in zip(arg_tracers, arg_values)
            if getattr(getattr(t, "_trace", None), "frame", None) is frame}
    consts = frame.constvar_to_val.copy()
    needed, produced, kept = {var}, set(), []
    for eqn in reversed(frame.get_eqns()):
        # An equation is needed for what it produces, or for what it does to a needed Ref (a
        # variable assigned before the initializer reads it).
        if needed.intersection(eqn.outvars) or any(
                type(v) is _core.Var and v in needed and isinstance(v.aval, _AbstractRef)
                for v in eqn.invars):
            kept.append(eqn)
            produced.update(eqn.outvars)
            needed.update(v for v in eqn.invars if type(v) is _core.Var)
    kept.reverse()
    free = needed - produced
    if any(v not in consts and v not in args for v in free):
        return None
    constvars = [v for v in free if v in consts]
    argvars = [v for v in free if v in args and v not in consts]
    jaxpr = _core.Jaxpr(constvars, argvars, [var], kept,
                        _pe.make_jaxpr_effects(constvars, argvars, [var], kept),
                        _core.DebugInfo("tfshim", "a value lifted out of a trace", None, None))
    with jax.ensure_compile_time_eval():
        out = _core.eval_jaxpr(jaxpr, [consts[v] for v in constvars], *[args[v] for v in argvars])
    return None if isinstance(out[0], _core.Tracer) else out[0]


class OpenTrace:
    """A JAX trace held open across a `with` block rather than one function call (TF's
    FuncGraph.as_default()): `arg(aval)` makes an input tracer; ops in the block trace into it;
    nothing is compiled or run, and the trace is dropped on exit."""

    def __init__(self, name: str):
        from jax._src import api_util, source_info_util

        self._source = source_info_util.current
        self._trace = _pe.DynamicJaxprTrace(api_util.debug_info(name, lambda *a: None, (), {}),
                                            parent_trace=_core.trace_ctx.trace)
        self._scope = None

    def __enter__(self):
        self._scope = _core.set_current_trace(self._trace)
        self._scope.__enter__()
        return self

    def __exit__(self, *exc):
        self._scope.__exit__(*exc)
        self._trace.invalidate()
        return False

    def arg(self, shape, dtype):
        """An input of the trace: `shape` may hold jax.export symbolic dimensions."""
        return self._trace.new_arg(_core.ShapedArray(tuple(shape), dtype), self._source())
