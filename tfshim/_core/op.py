"""The op mechanism: one decorator turns a pure-JAX body with TF's signature into a tf op.

The decorator registers TF names, binds arguments, converts tensor arguments with TF's dtype
rules, runs the body on jax arrays, wraps outputs, and records on active tapes. Recording keeps
a hashable function of the input arrays (`BoundOp`); the backward pass applies `jax.vjp` to it
(`Pullback`, jitted and cached) and runs that as an op too, so outer tapes record it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from typing import Callable, Iterable

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import context, dtypes, errors, host_strings, tape
from .composite_tensor import HANDLERS, CompositeArgument
from .convert import convert_op_args
from .dtypes import DType, tf_type_name
from .tensor import CoreTensor, EagerTensor, SymbolicTensor, wrap

_REQUIRED = object()

# Op bodies -> their declared gradient rules (`@op(backward=...)`, `@op(no_gradient=True)`).
_rules: dict = {}

# The order TF lists allowed dtypes in for most ops' type attrs.
_TF_ORDER = ("bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64",
             "uint8", "uint16", "uint32", "uint64", "complex64", "complex128", "bool", "string")


# ---------------------------------------------------------------------------------------------
# Recorded functions


class BoundOp:
    """An op body with its non-tensor arguments bound: a hashable function of the input arrays."""

    __slots__ = ("body", "static", "layout", "_hash", "__weakref__")

    def __init__(self, body: Callable, static: tuple, layout: tuple):
        self.body = body
        self.static = static  # all arguments, tensor slots None
        self.layout = layout  # (param index, None for one tensor or n for a list of n)
        self._hash = None

    def __call__(self, *arrays):
        vals = list(self.static)
        k = 0
        for i, n in self.layout:
            if n is None:
                vals[i] = arrays[k]
                k += 1
            else:
                vals[i] = list(arrays[k:k + n])
                k += n
        out = self.body(*vals)
        return out if isinstance(out, tuple) else (out,)

    def _key(self):
        return (self.body, self.static, self.layout)

    @property
    def rule(self):
        """The op's declared gradient rule (`@op(backward=...)`), or None: jax.vjp of the body."""
        return _rules.get(self.body)

    def __hash__(self):
        if self._hash is None:
            try:
                self._hash = hash(self._key())
            except TypeError:  # an unhashable static argument: correct, just never cached
                self._hash = id(self)
        return self._hash

    @property
    def cacheable(self) -> bool:
        return hash(self) != id(self)

    def __eq__(self, other):
        return type(other) is BoundOp and (self is other or self._key() == other._key())

    def __repr__(self):
        return "BoundOp(%s)" % getattr(self.body, "__name__", self.body)


class Fn:
    """A plain JAX function as a recorded function (hashable by identity of the function)."""

    __slots__ = ("f", "__weakref__")

    def __init__(self, f):
        self.f = f

    def __call__(self, *arrays):
        out = self.f(*arrays)
        return out if isinstance(out, tuple) else (out,)

    def __hash__(self):
        return hash(self.f)

    def __eq__(self, other):
        return type(other) is Fn and other.f is self.f


def _identity(*arrays):
    return arrays


IDENTITY = Fn(_identity)  # variable reads; its backward is the identity, no op needed


class Pullback:
    """The VJP of `fn` as a function of (primals..., cotangents...), in TF's conventions.

    Differentiates only the inputs at `diff` (float/complex ones) and takes cotangents only for
    the outputs at `cts` (the others get zeros). Complex cotangents follow TF: TF's gradient is
    the conjugate of JAX's, so cotangents are conjugated on the way in and out.
    """

    __slots__ = ("fn", "n_in", "diff", "cts", "_hash", "__weakref__")

    def __init__(self, fn, n_in: int, diff: tuple, cts: tuple):
        self.fn, self.n_in, self.diff, self.cts = fn, n_in, diff, cts
        self._hash = hash((fn, n_in, diff, cts))

    def __call__(self, *args):
        primals, given = args[:self.n_in], args[self.n_in:]

        def f(*dp):
            full = list(primals)
            for i, v in zip(self.diff, dp):
                full[i] = v
            return self.fn(*full)

        outs, vjp = jax.vjp(f, *[primals[i] for i in self.diff])
        cts = [_zero_cotangent(o) for o in outs]
        for i, c in zip(self.cts, given):
            cts[i] = jnp.conj(c) if jnp.iscomplexobj(c) else c
        grads = vjp(tuple(cts))
        return tuple(jnp.conj(g) if jnp.iscomplexobj(g) else g for g in grads)

    def __hash__(self):
        return self._hash

    @property
    def cacheable(self) -> bool:
        return getattr(self.fn, "cacheable", True)

    def __eq__(self, other):
        return type(other) is Pullback and (
            self is other or (self.fn, self.n_in, self.diff, self.cts)
            == (other.fn, other.n_in, other.diff, other.cts)
        )


def _zero_cotangent(x):
    if jnp.issubdtype(x.dtype, jnp.inexact):
        return jnp.zeros(x.shape, x.dtype)
    return np.zeros(x.shape, jax.dtypes.float0)


_jit_cache: dict = {}


def jitted(fn):
    """jax.jit(fn), cached per recorded function (JAX caches per shape beneath)."""
    j = _jit_cache.get(fn)
    if j is None:
        j = jax.jit(fn)
        if getattr(fn, "cacheable", True):  # an identity-hashed key would only grow the cache
            _jit_cache[fn] = j
    return j


def apply(fn, inputs: list, jit: bool = True) -> list:
    """Run a recorded-function on tensors as an op: wraps outputs and records on active tapes."""
    arrays = [t._value for t in inputs]
    outs = (jitted(fn) if jit else fn)(*arrays)
    outputs = tuple(wrap(o) for o in outs)
    if tape.active():
        tape.record(fn, tuple(inputs), outputs)
    collector = context.collector()
    if collector is not None:
        collector.see(inputs, outputs)
    return list(outputs)


def backward(entry, cts: list, raw: bool = False) -> list:
    """TF gradients of an entry's inputs given its outputs' cotangents (None: no cotangent).

    The one backward step every sweep takes (gradient, jacobian, batch_jacobian, the compiled
    backward pass, and ForwardAccumulator through its transpose): a variable read passes its
    cotangent through; a recorded function with a rule of its own (an op's `backward=`, a
    tf.custom_gradient) runs it; anything else is jax.vjp of the function (`Pullback`), run as
    an op so outer tapes record it. `raw`: inside a traced sweep (jax.vmap, jax.jit), whose
    additions are on plain arrays: the step records nothing and its gradients are dense.
    """
    fn = entry.fn
    if fn is IDENTITY:
        return cts
    rule = getattr(fn, "rule", None)
    if rule is not None:
        if raw:
            with tape.stop_recording():
                result = rule(fn, entry, cts)
        else:
            result = rule(fn, entry, cts)
        if result is not NotImplemented:  # the rule may decline (e.g. gather off axis 0)
            return [_dense(g) for g in result] if raw else result
    inputs = entry.inputs
    diff = tuple(i for i, t in enumerate(inputs)
                 if dtypes.from_numpy(t._value.dtype) in dtypes.TRAINABLE)
    result = [None] * len(inputs)
    if not diff:
        return result
    given = tuple(i for i, c in enumerate(cts) if c is not None)
    pb = Pullback(fn, len(inputs), diff, given)
    if raw:
        grads = [wrap(g) for g in jitted(pb)(*[t._value for t in inputs],
                                            *[cts[i]._value for i in given])]
    else:
        grads = apply(pb, list(inputs) + [cts[i] for i in given])
    for i, g in zip(diff, grads):
        result[i] = g
    return result


def _dense(g):
    """A sparse gradient (tf.IndexedSlices) as a dense tensor; anything else as it is."""
    from .indexed_slices import densify  # indexed_slices.py builds on this module

    return densify(g)


def no_registered_gradient(op_type: str):
    """The rule of an op TF registers no gradient for: differentiating it is TF's LookupError."""

    def rule(fn, entry, cts):
        raise LookupError("gradient registry has no entry for: %s" % op_type)

    return rule


# ---------------------------------------------------------------------------------------------
# Argument conversion


def _dtype_error(op_type: str, d: DType, allowed: Iterable[DType], sig: str):
    names = list(getattr(allowed, "tf_names", None) or
                 (tf_type_name(x) for x in _ordered(allowed)))
    dt = ["DT_" + ("HALF" if n == "half" else n.upper()) for n in names]
    return errors.attr_value_error(
        "T", tf_type_name(d), names, op_type,
        op_def="%s; signature=%s; attr=T:type,allowed=[%s]" % (op_type, sig, ", ".join(dt)))


class TypeList(frozenset):
    """An op's allowed dtypes, keeping TF's own listing (its order, quantized types) for errors."""

    tf_names: tuple = ()

    @classmethod
    def of(cls, text: str) -> "TypeList":
        names = tuple(n.strip() for n in text.split(","))
        by_tf = {tf_type_name(d): d for d in dtypes.ALL}
        out = cls(by_tf[n] for n in names if n in by_tf)
        out.tf_names = names
        return out


def _ordered(allowed):
    return sorted(allowed, key=lambda d: _TF_ORDER.index(d.name))


# ---------------------------------------------------------------------------------------------
# TF's eager paths


def fast_path(*values) -> bool:
    """Whether TF's eager fast path (TFE_Py_FastPathExecute) takes these raw-op inputs.

    TF's CheckInputsOk: an input is taken as it is when it is a tensor, a variable, a NumPy
    array or a Python int, float or bool; anything else (a Python list or tuple, a string,
    None, a NumPy scalar other than float64) sends the call down TF's Python path, whose
    kernel errors carry no " name: " suffix (errors.eager_path_suffix).
    """
    return all(isinstance(v, _FAST_INPUTS) for v in values)


_FAST_INPUTS = (CoreTensor, np.ndarray, jax.Array, int, float)


def _fast_list(v) -> bool:
    """A list input (TF's number_attr or type_list_attr): a sequence of fast-path inputs."""
    if isinstance(v, (list, tuple)):
        return fast_path(*v)
    return isinstance(v, (CoreTensor, np.ndarray, jax.Array))


@contextlib.contextmanager
def raw_inputs(op_types, *values):
    """While a Python wrapper converts its arguments and runs ops on them: the kernel errors of
    the raw op(s) `op_types` (a name or a tuple of names) end as TF's eager path ends them for
    `values`, the inputs as TF's wrapper hands them to that raw op. Other ops the wrapper runs
    take tensors it made (TF's fast path) and decide by their own inputs. An outer wrapper's
    decision for an op stands over an inner one's."""
    st = context.thread_state()
    fast = fast_path(*values)
    added = [t for t in ((op_types,) if isinstance(op_types, str) else op_types)
             if t not in st.fast_path]
    for t in added:
        st.fast_path[t] = fast
    try:
        yield
    finally:
        for t in added:
            del st.fast_path[t]


def _kernel_error(spec: "OpSpec", call: tuple, e: errors.OpError, name) -> errors.OpError:
    """The body's kernel error with the tail TF's eager path gives the call (see fast_path):
    for the raw op a wrapper named in raw_inputs, by the inputs it gave; else for the op's own
    kernel (its op_type), by the op's (args, kwargs) as given (`call`). An error the body
    raises for another raw op TF's composite runs (tf.norm's Sum) keeps the tail the body
    gave it: the body knows what TF hands that op."""
    tag = errors.kernel_op_type(e)
    fast = context.thread_state().fast_path.get(tag)
    if fast is None:
        if tag != spec.op_type:
            return e
        vals = spec.bind(*call)
        fast = (fast_path(*[vals[i] for i in spec.tf_inputs])
                and all(_fast_list(vals[i]) for i in spec.lists if i not in spec.converted))
    return errors.eager_path_suffix(e, fast, name)


# ---------------------------------------------------------------------------------------------
# The decorator


class OpSpec:
    """What the decorator knows about one op."""

    def __init__(self, body, names, tensors, lists, others, op_type, allowed, grad, sig,
                 first_alone, on_error, jit=False, graph_inputs=(), inputs=(), converts=()):
        self.body = body
        self.names = names
        self.op_type = op_type
        self.allowed = allowed
        self.grad = grad
        self.sig = sig
        self.first_alone = first_alone
        self.on_error = on_error
        params = list(inspect.signature(body).parameters.values())
        self.fname = names[0].rsplit(".", 1)[-1] if names else body.__name__
        self.params = [p.name for p in params]
        self.index = {p: i for i, p in enumerate(self.params)}
        self.defaults = [_REQUIRED if p.default is p.empty else p.default for p in params]
        self.matched = tuple(self.index[n] for n in tensors)
        self.lists = tuple(self.index[n] for n in lists)
        self.others = tuple(self.index[n] for n in others)
        # (TF's input name, parameter index) of static arguments TF's graph feeds as Consts
        self.graph_inputs = tuple((tf_name, self.index[p]) for tf_name, p in graph_inputs)
        # The raw op's tensor inputs as TF's wrapper passes them (their Python types choose
        # TF's eager path), less those TF's wrapper converts first (`converts`: True for all
        # of tensors/lists/others, or their names).
        if converts is True:
            converts = tensors + lists + others
        elif converts is False:
            converts = ()
        self.converted = tuple(self.index[n] for n in converts)
        self.tf_inputs = tuple(i for i in self.matched + self.others
                               if i not in self.converted) + tuple(self.index[n] for n in inputs)
        inputs = set(self.matched) | set(self.lists) | set(self.others)
        self.name_idx = self.index.get("name")
        self.statics = tuple(i for i in range(len(params)) if i not in inputs
                             and i != self.name_idx)
        self.n_required = sum(1 for d in self.defaults if d is _REQUIRED)
        self.allowed_np = None if allowed is None else frozenset(d._np for d in allowed)
        self.matched_layout = tuple((i, None) for i in self.matched)
        # Elementwise ops with no static arguments run their body through one cached jax.jit:
        # JAX's C++ dispatch of a jitted function is cheaper than a jnp ufunc's Python path.
        self.jitted = None
        # Ops with static arguments (axes, flags) run eagerly through a jax.jit cached per
        # BoundOp, i.e. per body and static values. Only for bodies whose checks look at
        # shapes, dtypes and static values alone (under jit they see no data).
        self.jit_static = bool(jit) and bool(self.statics or self.lists or self.others)
        if jit and not self.jit_static:
            if self.name_idx not in (None, len(params) - 1):
                raise ValueError("jit=True is for ops whose arguments are all tensors")
            self.jitted = jax.jit(body)  # called without `name`
            # What every call records: one shared BoundOp (no static arguments to bind).
            self.bound = BoundOp(body, (None,) * len(params), self.matched_layout)

    def dtype_error(self, dtype: DType) -> errors.InvalidArgumentError:
        """TF's error for a type attr given a dtype the op-def doesn't allow."""
        return _dtype_error(self.op_type, dtype, self.allowed, self.sig)

    def bind(self, args, kwargs) -> list:
        n = len(args)
        if n > len(self.params):
            raise TypeError("Too many arguments were given. Expected %d but got %d."
                            % (len(self.params), n))
        vals = list(args) + self.defaults[n:]
        if not kwargs and n >= self.n_required:  # the common call: nothing left to check
            return vals
        for k, v in kwargs.items():
            i = self.index.get(k)
            if i is None:
                raise TypeError("Got an unexpected keyword argument '%s'" % k)
            if i < n:
                raise TypeError("%s() got multiple values for argument '%s'" % (self.fname, k))
            vals[i] = v
        if any(v is _REQUIRED for v in vals):
            raise TypeError("Missing required positional argument")
        return vals


def dispatch(spec: OpSpec, args, kwargs):
    st = context.thread_state()
    if (spec.jitted is not None and not kwargs and len(args) == len(spec.matched)
            and st.tracing is None and st.collector is None):
        # Fast path: an elementwise op on EagerTensors of one allowed dtype (most calls).
        dt = None
        for a in args:
            if type(a) is not EagerTensor or (dt is not None and a._value.dtype != dt):
                break
            dt = a._value.dtype
        else:
            if dt in spec.allowed_np and dt.kind != "O":  # tf.string: NumPy, not jitted
                try:
                    out = wrap(spec.jitted(*[a._value for a in args]))
                except (TypeError, ValueError) as e:
                    if spec.on_error is None:
                        raise
                    raise spec.on_error(spec, list(args), list(args), e, "") from None
                if spec.grad and st.tapes:
                    tape.record(spec.bound, args, (out,))
                return out
    # The general path: bind -> convert -> execute -> wrap -> record.
    vals = spec.bind(args, kwargs)
    name = vals[spec.name_idx] if spec.name_idx is not None else None
    try:
        inputs, layout = convert_op_args(spec, vals, name)
    except CompositeArgument:
        # A RaggedTensor argument: the op's handler for it (TF's dispatch), if it has one.
        handler = HANDLERS.get(spec.body)
        if handler is None:
            raise
        return handler(spec.wrapper, args, kwargs)
    bound = None
    if spec.grad and st.tapes or spec.jit_static:
        static = list(vals)
        for i, _ in layout:
            static[i] = None
        if spec.name_idx is not None:
            static[spec.name_idx] = None
        bound = BoundOp(spec.body, tuple(static), tuple(layout))
    if st.tracing is not None and host_strings.any_traced_strings(t._value for t in inputs):
        out = _execute_on_host(spec, vals, inputs, layout)
    else:
        out = _execute(spec, vals, inputs, bound, st.tracing, name, (args, kwargs))
    if isinstance(out, tuple):
        outputs = tuple(wrap(o) for o in out)
    else:
        outputs = (wrap(out),)
    if st.tracing is not None:
        _name_outputs(st.tracing, name, spec, outputs, inputs, layout, vals)
    if st.collector is not None:
        st.collector.see(inputs, outputs)
    if spec.grad and st.tapes:
        tape.record(bound, tuple(inputs), outputs)
    return outputs if isinstance(out, tuple) else outputs[0]


def _name_outputs(trace, name, spec, outputs, inputs, layout, vals):
    """Inside tf.function, an op's symbolic outputs are named as graph nodes (op:0, op:1; a
    Python operator's node is named as TF's: "mul"), and the trace's graph records the op, with
    a Const for each static argument TF's graph takes as an input (a reduction's axes)."""
    node = None
    base = name or trace.name_hint or spec.op_type
    trace.name_hint = None
    for k, t in enumerate(outputs):
        if type(t) is SymbolicTensor:
            node = node or trace.unique_name(base)
            t._name = "%s:%d" % (node, k)
    if node is not None:
        params = []
        for i, n in layout:
            params += [spec.params[i]] * (1 if n is None else n)
        trace.graph.op(node, spec.op_type, inputs, params, outputs,
                       [(tf_name, vals[i]) for tf_name, i in spec.graph_inputs])


def _execute(spec: OpSpec, vals: list, inputs: list, bound, tracing, name, call):
    """Run the body on the converted arguments: folded on constants inside tf.function, else
    through its cached jax.jit where it has one, else as it is. Errors are TF's, kernel errors
    ended as TF's eager path for the call (args, kwargs) ends them."""
    try:
        if tracing is not None and not any(
                isinstance(t._value, jax.core.Tracer) for t in inputs):
            # Inside tf.function, an op on constants is folded now: variable initializers
            # stay concrete, as TF lifts them out of the function.
            with jax.ensure_compile_time_eval():
                return spec.body(*vals)
        if spec.jitted is not None and not any(t._value.dtype.kind == "O" for t in inputs):
            return spec.jitted(*vals[:len(spec.matched)])
        if (spec.jit_static and tracing is None and bound.cacheable and not any(
                t._value.dtype.kind == "O" or isinstance(t._value, jax.core.Tracer)
                for t in inputs)):
            try:
                res = jitted(bound)(*[t._value for t in inputs])
            except Exception as e:
                _drop_jax_note(e)
                raise
            return res if len(res) > 1 else res[0]
        return spec.body(*vals)
    except errors.OpError as e:
        if tracing is not None:
            raise
        raise _kernel_error(spec, call, e, name) from None
    except (TypeError, ValueError) as e:
        if spec.on_error is None:
            raise
        err = spec.on_error(spec, inputs, vals, e, "" if name is None else name)
        if isinstance(err, errors.OpError) and tracing is None:
            err = _kernel_error(spec, call, err, name)
        raise err from None


def _execute_on_host(spec: OpSpec, vals: list, inputs: list, layout):
    """An op on traced tf.string tensors inside tf.function: its body runs on the host, as a
    callback of the compiled program (host_strings.host_call)."""
    static = list(vals)
    for i, _ in layout:
        static[i] = None
    if spec.name_idx is not None:
        static[spec.name_idx] = None
    out = host_strings.host_call(BoundOp(spec.body, tuple(static), tuple(layout)),
                                 [t._value for t in inputs])
    return out[0] if len(out) == 1 else out


def _drop_jax_note(e: BaseException) -> None:
    """An error raised while JAX traced an op body: TF's exception as the body raised it,
    without the note JAX appends about its filtered traceback frames."""
    notes = getattr(e, "__notes__", None)
    if notes:
        e.__notes__ = [n for n in notes if "JAX has removed its internal frames" not in n]
        if not e.__notes__:
            del e.__notes__


def op(*names: str, tensors: Iterable[str] = (), lists: Iterable[str] = (),
       others: Iterable[str] = (), op_type: str | None = None, dtypes=None, grad: bool = True,
       backward=None, no_gradient: bool = False, sig: str = "x:T -> y:T",
       first_alone: bool = False, on_error=None, jit: bool = False, graph_inputs=(),
       inputs: Iterable[str] = (), converts=()):
    """Make `body` (TF's signature, pure-JAX body) the op exported as tf.<names>.

    tensors: parameters converted together under one dtype (TF's type attr T); lists: parameters
    holding lists of such tensors; others: tensor parameters converted on their own (indices).
    dtypes: the allowed set for T. graph_inputs: (TF's input name, parameter) pairs of static
    arguments that TF's graph takes as Const inputs (Sum's reduction_indices), for tf.function's
    graph. inputs: the other parameters TF's raw op takes as tensor
    inputs (a shape, an axis) which the body takes as they are; converts: the tensor
    parameters TF's Python wrapper converts before calling the raw op (True: all of them).
    Both choose TF's eager path (fast_path),
    which decides how the op's kernel errors end.

    Gradients, as TF registers them for op_type (by default, jax.vjp of the body, with any
    jax.custom_jvp the body uses; see tf_grads.py):
    - grad=False: TF's NotDifferentiable (comparisons): never recorded, the gradient is None.
    - no_gradient=True: TF's registry has no entry: differentiating it raises TF's LookupError.
    - backward=rule: TF's gradient function where it differs from jax.vjp in form (sparse
      tf.IndexedSlices), as TF's RegisterGradient: rule(bound, entry, cts) returns the inputs'
      gradients (tensors) from the outputs' cotangents, or NotImplemented for jax.vjp's.
    Every sweep (gradient, jacobian, the compiled backward pass, ForwardAccumulator) takes it.
    """
    if no_gradient and backward is not None:
        raise ValueError("an op with no_gradient=True has no backward rule")

    def decorate(body):
        spec = OpSpec(body, names, tuple(tensors), tuple(lists), tuple(others),
                      op_type or body.__name__, dtypes, grad, sig, first_alone, on_error, jit,
                      graph_inputs, tuple(inputs), converts)
        if no_gradient:
            _rules[body] = no_registered_gradient(spec.op_type)
        elif backward is not None:
            _rules[body] = backward

        @functools.wraps(body)
        def wrapper(*args, **kwargs):
            return dispatch(spec, args, kwargs)

        wrapper._spec = spec
        spec.wrapper = wrapper
        wrapper.__name__ = spec.fname
        wrapper.__qualname__ = spec.fname
        _api.export(*names)(wrapper)
        return wrapper

    return decorate
