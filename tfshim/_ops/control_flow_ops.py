"""Control flow (TF's cond.py, control_flow_ops.py, while_loop.py, map_fn.py, functional_ops.py).

Eagerly these run as Python, as TF's do, so tapes record what actually ran. Inside tf.function,
with a traced predicate or loop, they become lax.cond / lax.switch / lax.while_loop /
lax.scan. A tape active inside the traced function records such a construct as one op whose
inputs are the tensors its branches or body captured, so gradients flow through it.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
from jax import lax

from .. import _api
from .._core import context, errors, nest, tape
from .._core.convert import convert_to_tensor, static_value
from .._core.tensor import Tensor, _next_id, wrap
from .._core.variable import Variable
from . import tensor_array_ops, while_v2


def _traced(t) -> bool:
    return isinstance(t, Tensor) and isinstance(t._value, jax.core.Tracer)


def _tensor(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


class _Captures:
    """While a branch or loop body is traced: the tensors from before the construct that its
    ops take as inputs (tensor ids only grow, so those are the ones with smaller ids)."""

    def __init__(self):
        self.start = _next_id()
        self.tensors: dict = {}
        self.reads: dict = {}  # variable id -> variable the branch reads

    def see(self, inputs, outputs):
        for t in inputs:
            if t._id < self.start and not isinstance(t, Variable):
                self.tensors.setdefault(t._id, t)

    def variable_read(self, variable, t):
        """A variable read inside the branch: the construct takes a read of it from just before
        as an input (_run_traced), so tapes differentiate through the construct to it."""
        self.reads.setdefault(variable._id, variable)
        return t


class _Scope:
    """Trace a branch: no tape sees its ops (the construct is recorded whole), captures are
    collected, and captured tensors can be given substitute values."""

    def __init__(self, captures, substitutes=None):
        self.captures = captures
        self.substitutes = substitutes or ()  # (tensor, value) pairs

    def __enter__(self):
        self._scope = context.branch_scope(self.captures)
        self._scope.__enter__()
        self.old_values = []
        ts = context.thread_state()
        self.old_overrides = ts.overrides
        overrides = None
        for t, v in self.substitutes:
            variable = getattr(t, "_tf_read_of", None)
            if variable is not None:  # the variable's reads in the branch give the substitute
                overrides = dict(ts.overrides or {}) if overrides is None else overrides
                overrides[variable._id] = v
                continue
            self.old_values.append((t, t._value))
            t._value = v
        if overrides is not None:
            ts.overrides = overrides

    def __exit__(self, *exc):
        self._scope.__exit__(*exc)
        context.thread_state().overrides = self.old_overrides
        for t, v in self.old_values:
            t._value = v


def _flat_arrays(structure):
    """The arrays of a branch's or body's output structure; None leaves (a branch that only
    prints, say) are no outputs, as in TF's cond_v2."""
    return [_tensor(x)._value for x in nest.flatten(structure) if x is not None]


def _pack(structure, outputs):
    """`structure` with its tensor leaves replaced by `outputs` and its None leaves kept."""
    it = iter(outputs)
    return nest.pack_sequence_as(
        structure, [None if x is None else next(it) for x in nest.flatten(structure)])


class _Construct:
    """A traced control-flow construct as a recorded function of (operands..., captures...)."""

    def __init__(self, run, captured):
        self.run = run  # (operand arrays, capture arrays) -> output arrays
        self.captured = captured  # the captured tensors, in input order
        self.cacheable = False

    def __call__(self, *arrays):
        n = len(arrays) - len(self.captured)
        return tuple(self.run(list(arrays[:n]), list(arrays[n:])))

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


def _run_traced(build, operands):
    """Trace a construct once: `build(operand_arrays, substitutes)` -> (out arrays, structure),
    then record it on active tapes with its captures as inputs."""
    captures = _Captures()
    outs, structure = build([t._value for t in operands], captures, ())
    captured = list(captures.tensors.values())
    for variable in captures.reads.values():
        # A read from outside the branch (recorded on tapes, or captured by an enclosing
        # branch); replaying the construct, the variable's reads give its substitute.
        t = variable._read()
        t._tf_read_of = variable
        captured.append(t)
    outputs = tuple(wrap(o) for o in outs)
    if tape.active() and outputs:
        def run(op_arrays, cap_arrays):
            subs = list(zip(captured, cap_arrays))
            return build(op_arrays, _Captures(), subs)[0]

        tape.record(_Construct(run, captured), tuple(operands) + tuple(captured), outputs)
    return _pack(structure, outputs)


def _branch(fn, captures, substitutes, structure_box):
    with _Scope(captures, substitutes):
        out = fn()
    out, templates = tensor_array_ops.to_flow(out, loop=False)
    structure_box.append((out, templates))
    return _flat_arrays(out)


@_api.export("cond")
def cond(pred, true_fn=None, false_fn=None, name=None):
    """tf.cond."""
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    p = _tensor(pred)
    if not _traced(p):
        return true_fn() if bool(p) else false_fn()
    # Branch 0 is true_fn: lax.switch traces its branches in order, and TF traces true_fn first
    # (their Python side effects print in TF's order).
    return _switch(wrap(jnp.logical_not(p._value).astype(jnp.int32)), [true_fn, false_fn])


@_api.export("switch_case")
def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """tf.switch_case."""
    if isinstance(branch_fns, dict):
        items = sorted(branch_fns.items())
        fns = [fn for _, fn in items]
        keys = [k for k, _ in items]
        if keys != list(range(len(keys))):
            raise ValueError("branch indices (keys) must form contiguous range of [0 to N) if "
                             "branch_fns is a dictionary.")
    else:
        fns = [fn for fn in branch_fns]
        fns = [fn[1] if isinstance(fn, tuple) else fn for fn in fns]
    if default is not None:
        fns = fns + [default]
    idx = _tensor(branch_index)
    if not _traced(idx):
        i = int(idx)
        return (fns[i] if 0 <= i < len(fns) - (default is not None) else fns[-1])()
    n = len(fns)
    # Out-of-range indices take the last branch (the default), as TF's switch_case.
    safe = jnp.where((idx._value < 0) | (idx._value >= n), n - 1, idx._value)
    return _switch(wrap(safe.astype(jnp.int32)), fns)


def _switch(index, fns):
    def build(op_arrays, captures, substitutes):
        boxes = [[] for _ in fns]
        branches = [functools.partial(_branch, fn, captures, substitutes, box)
                    for fn, box in zip(fns, boxes)]
        res = lax.switch(op_arrays[0], branches)
        templates[:] = [boxes[0][0][1]]
        return res, boxes[0][0][0]

    templates: list = []
    out = _run_traced(build, [index])
    return tensor_array_ops.from_flow(out, templates[0])


@_api.export("case")
def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """tf.case: the first pair whose predicate holds, else default."""
    pairs = list(pred_fn_pairs.items()) if isinstance(pred_fn_pairs, dict) else list(
        pred_fn_pairs)
    preds = [_tensor(p) for p, _ in pairs]
    if not any(_traced(p) for p in preds):
        hits = [i for i, p in enumerate(preds) if bool(p)]
        if exclusive and len(hits) > 1:
            raise ValueError("More than one condition evaluated as True but exclusive=True.")
        if hits:
            return pairs[hits[0]][1]()
        if default is None:
            raise ValueError("None of the conditions evaluated as True and default is None.")
        return default()
    stacked = jnp.stack([p._value for p in preds])
    first = jnp.argmax(stacked)
    fns = [fn for _, fn in pairs] + ([default] if default is not None else [pairs[-1][1]])
    idx = jnp.where(jnp.any(stacked), first, len(pairs))
    return _switch(wrap(idx.astype(jnp.int32)), fns)


@_api.export("while_loop")
def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    """tf.while_loop."""
    single = not isinstance(loop_vars, (list, tuple)) or (
        isinstance(loop_vars, tuple) and hasattr(loop_vars, "_fields"))
    state = loop_vars
    first = cond(*([state] if single else state))
    if not _traced(_tensor(first)) and not any(_traced_leaf(x)
                                             for x in nest.flatten(loop_vars)):
        i = 0
        while True:
            go = _tensor(cond(*([state] if single else state)))
            if _traced(go) or any(_traced_leaf(x) for x in nest.flatten(state)):
                # The body made the state traced (a tensor `break` flag, say): the remaining
                # iterations are a traced loop.
                rest = None if maximum_iterations is None else int(maximum_iterations) - i
                return while_loop(cond, body, state, maximum_iterations=rest)
            if not bool(go):
                break
            if maximum_iterations is not None and i >= int(maximum_iterations):
                break
            out = body(*([state] if single else state))
            state = out if single else (list(out) if isinstance(state, list) else tuple(out))
            i += 1
        return state
    for _ in range(8):  # each retrace learns one TensorArray's element shape
        try:
            return _traced_while(cond, body, loop_vars, single, maximum_iterations,
                                 shape_invariants)
        except tensor_array_ops.RetraceLoop:
            pass
    raise errors.CannotCompile("TensorArrays whose element shapes a loop can't learn")


def _traced_leaf(x) -> bool:
    if isinstance(x, tensor_array_ops.TensorArray):
        return x._buffer is not None and _traced(x._buffer) or any(
            _traced(t) for t in x._tensor_array or ())
    return _traced(_tensor(x))


def _traced_while(cond, body, loop_vars, single, maximum_iterations, shape_invariants=None):
    """A while_loop on traced values: while_v2's loop, which reverse mode differentiates
    (lax.scan when bounded). TensorArrays in the state travel as their buffers, as TF's travel
    as their flows. A loop whose shapes change (as `shape_invariants` allow) can't compile:
    the function runs eagerly then."""
    loop_vars, templates = tensor_array_ops.to_flow(loop_vars)
    operands = [_tensor(x) for x in nest.flatten(loop_vars)]
    max_iter = None if maximum_iterations is None else static_value(maximum_iterations)

    def build(op_arrays, captures, substitutes):
        def call(fn, arrays):
            vars_ = nest.pack_sequence_as(loop_vars, [wrap(a) for a in arrays])
            vars_ = tensor_array_ops.from_flow(vars_, templates)
            with _Scope(captures, substitutes):
                return fn(*([vars_] if single else vars_))

        def c(arrays):
            return _tensor(call(cond, arrays))._value.astype(bool)

        def b(arrays):
            out = tensor_array_ops.to_flow(call(body, arrays))[0]
            return [a.astype(x.dtype) for a, x in zip(_flat_arrays(out), arrays)]

        if max_iter is None:
            res = while_v2.while_loop(c, b, list(op_arrays))
        else:
            # Bounded loops run as a scan with a done flag, so reverse mode works too.
            def step(carry, _):
                arrays, done = carry
                go = jnp.logical_and(jnp.logical_not(done), c(arrays))
                new = b(arrays)
                return ([jnp.where(go, n, a) for n, a in zip(new, arrays)],
                        jnp.logical_not(go)), None

            (res, _), _ = lax.scan(step, (list(op_arrays), jnp.asarray(False)), None,
                                   length=max_iter)
        return res, loop_vars

    try:
        out = _run_traced(build, operands)
    except TypeError as e:
        if shape_invariants is None or "carry output must have equal types" not in str(e):
            raise
        raise errors.CannotCompile("a while_loop whose shapes change across iterations") from e
    return tensor_array_ops.from_flow(out, templates)


def _elems_first_dim(elems):
    flat = [_tensor(e) for e in nest.flatten(elems)]
    return flat, flat[0]._value.shape[0]


def _spec_dtype(spec):
    from .._core.dtypes import as_dtype

    return as_dtype(getattr(spec, "dtype", spec))


@_api.export("map_fn")
def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
           infer_shape=True, name=None, fn_output_signature=None):
    """tf.map_fn: fn applied to each slice along the first dimension, results stacked."""
    from .array_ops_stack import stack

    flat, n = _elems_first_dim(elems)
    if not any(_traced(t) for t in flat):
        results = [fn(nest.pack_sequence_as(elems, [t[i] for t in flat])) for i in range(n)]
        if not results:
            sig = fn_output_signature or dtype
            return wrap(jnp.zeros((0,), _spec_dtype(sig).as_numpy_dtype if sig else
                                  flat[0]._value.dtype))
        sig = fn_output_signature or dtype
        if type(sig).__name__ == "RaggedTensorSpec":  # rows stacked into a RaggedTensor
            from ..ragged.ragged_array_ops import stack_rows

            return stack_rows(results, sig)
        return nest.map_structure(lambda *xs: stack(list(xs)), *results)
    return _scan(lambda _, x: fn(x), elems, None, False, _map=True)


@_api.export("scan")
def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
         infer_shape=True, reverse=False, name=None):
    """tf.scan: cumulative fn over the first dimension of elems."""
    return _scan(fn, elems, initializer, reverse)


def _scan(fn, elems, initializer=None, reverse=False, _map=False):
    """scan, and map_fn's loop when _map (fn's accumulator is None, nothing is carried)."""
    from .array_ops_stack import stack

    flat, n = _elems_first_dim(elems)
    traced = any(_traced(t) for t in flat) or (initializer is not None and any(
        _traced(_tensor(x)) for x in nest.flatten(initializer)))
    order = range(n - 1, -1, -1) if reverse else range(n)
    if not traced:
        if initializer is None and not _map:
            acc, order = nest.pack_sequence_as(elems, [t[order[0]] for t in flat]), order[1:]
            outs = [acc]
        else:
            acc, outs = initializer, []
        for i in order:
            acc = fn(acc, nest.pack_sequence_as(elems, [t[i] for t in flat]))
            outs.append(acc)
        if reverse:
            outs = outs[::-1]
        return nest.map_structure(lambda *xs: stack(list(xs)), *outs)
    init = initializer if initializer is not None or _map else nest.pack_sequence_as(
        elems, [t[-1 if reverse else 0] for t in flat])
    operands = flat + ([_tensor(x) for x in nest.flatten(init)] if not _map else [])
    n_elems = len(flat)

    def build(op_arrays, captures, substitutes):
        box = []
        xs = op_arrays[:n_elems]
        carry0 = op_arrays[n_elems:]

        def step(carry, x):
            a = nest.pack_sequence_as(init, [wrap(c) for c in carry]) if not _map else None
            e = nest.pack_sequence_as(elems, [wrap(v) for v in x])
            with _Scope(captures, substitutes):
                out = fn(a, e)
            box.append(out)
            arrays = _flat_arrays(out)
            if _map:
                return carry, arrays
            arrays = [v.astype(c.dtype) for v, c in zip(arrays, carry)]
            return arrays, arrays

        if initializer is None and not _map:  # the first element is the initial accumulator
            xs = [x[1:] if not reverse else x[:-1] for x in xs]
        _, ys = lax.scan(step, list(carry0), xs, reverse=reverse)
        if initializer is None and not _map:
            first = carry0
            ys = [jnp.concatenate([f[None], y]) if not reverse else
                  jnp.concatenate([y, f[None]]) for f, y in zip(first, ys)]
        return ys, box[0]

    return _run_traced(build, operands)


@_api.export("foldl")
def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """tf.foldl."""
    out = scan(fn, elems, initializer=initializer)
    return nest.map_structure(lambda t: t[-1], out)


@_api.export("foldr")
def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """tf.foldr."""
    out = scan(fn, elems, initializer=initializer, reverse=True)
    return nest.map_structure(lambda t: t[0], out)


@_api.export("vectorized_map")
def vectorized_map(fn, elems, fallback_to_while_loop=True, warn=True):
    """tf.vectorized_map: as map_fn (TF's pfor vectorizes it; results are the same)."""
    return map_fn(fn, elems)


@_api.export("no_op")
def no_op(name=None):
    """tf.no_op: nothing (None eagerly and in a trace: JAX keeps program order)."""
    return None


@_api.export("group")
def group(*inputs, **kwargs):
    """tf.group: None; its inputs have run (eagerly, and in a trace in program order)."""
    unknown = set(kwargs) - {"name"}
    if unknown:
        raise TypeError("Unknown keyword arguments: " + ", ".join(sorted(unknown)))
    return None


class _NullContextmanager:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


@_api.export("control_dependencies")
def control_dependencies(control_inputs):
    """tf.control_dependencies: as TF eagerly (callables in control_inputs are called, the
    context does nothing); a tf.function's trace keeps program order, so the same there."""
    if control_inputs:
        for c in control_inputs:
            if callable(c):
                c()
    return _NullContextmanager()

