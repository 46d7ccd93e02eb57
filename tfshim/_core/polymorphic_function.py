"""tf.function (TF's polymorphic_function.py) on jax.jit: a trace per input signature, one XLA
computation each.

Tracing runs the Python function once with tensors wrapping JAX tracers. A variable touched
during the trace is lifted: its first read creates a JAX Ref holding its value, reads and
assigns inside the trace go through that Ref, and afterwards JAX's state discharge turns the
traced program into a pure function (variable values, arguments) -> (outputs, new variable
values). Calls pass the variables' current values in and write the new values back, so state is
right after every call, and the whole step is one jitted computation. A tape around a call
records the call as one op (the pure function), so gradients and higher order flow through it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import operator
import sys
import weakref

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import (
    compiler_ir,
    context,
    errors,
    func_graph,
    function_type_utils,
    host_strings,
    jax_internals,
    nest,
    tape,
    tf_logging,
    type_dispatch,
)
from .concrete_function import (  # noqa: F401 - _TENSOR: saved_model reads it from here
    _TENSOR,
    ConcreteFunction,
    _CallFn,
    _Eager,
    _Family,
    _flat_args,
    _is_composite,
    _is_tensor_arg,
    _make_fast,
    _Miss,
    relaxed_run,
)
from .convert import convert_to_tensor
from .tensor import EagerTensor, HostValue, Tensor, _next_id, wrap
from .tensor_spec import TensorSpec
from .variable import Variable

_run_eagerly = context._run_functions_eagerly

# AutoGraph lives above the op modules (it calls tf.cond and tf.while_loop); tfshim/__init__
# installs its converter here, so imports keep going one way.
_autograph_convert = None


def set_autograph(convert) -> None:
    global _autograph_convert
    _autograph_convert = convert


def _placeholder_ref(value):
    """A real Ref (made outside the trace) standing for a variable in the traced program.

    The trace only needs its identity and type: state discharge turns it into an input, and
    calls pass the variable's current value. jax.new_ref would copy `value` eagerly, which
    compiles a copy for every new shape (about 10 ms each, on the first call); this Ref holds
    the array itself, which nothing mutates (a write replaces the Ref's buffer).
    """
    return jax_internals.placeholder_ref(value)



class _FeedSlot:
    """One component of an element that a tf.data iterator argument gives inside the trace. It
    is lifted as a variable is (a Ref the program reads), and each call sets its value from the
    iterator before the compiled program runs: the element is fetched outside XLA and fed in."""

    __slots__ = ("_id", "_value", "trainable")

    def __init__(self, value):
        self._id = _next_id()
        self._value = value
        self.trainable = False

    def _read(self):
        return wrap(self._value)


def _is_iterator_arg(x) -> bool:
    return hasattr(type(x), "_feed_proxy")


class _Feed:
    """Where a trace's iterator elements come from: fetched from the iterators as the trace
    asks (on a function's first call), or `given` (fetched for a call before its trace). The
    slots a trace makes hold these values, so the call that traced runs with them."""

    def __init__(self, given=None):
        self.given = given
        self.log: list = []  # every element taken, in order

    def take(self, state, iterator, pos, kind):
        if self.given is not None:
            values = self.given.pop(0)
        else:
            values = _fetch(iterator, kind)
        self.log.append((pos, values))
        if any(getattr(v, "dtype", None) is np.dtype(object) for v in values):
            raise _NotCompilable("strings can't be fed to a compiled program")
        if any(map(_is_composite, values)):
            raise errors.CompositeElements("SparseTensor or RaggedTensor elements")
        slots = [_FeedSlot(v) for v in values]
        state.feeds.append((pos, kind, slots))
        return state.feed(slots)


def _fetch(iterator, kind):
    """The next element's arrays for a call, fetched outside any trace; the end of the data is
    the call's OutOfRangeError, worded as TF's graph execution error."""
    try:
        with context._swapped(tracing=None, tapes=[], collector=None), \
                jax.ensure_compile_time_eval():
            return iterator._feed_fetch(kind)
    except errors.OutOfRangeError as e:
        err = errors.OutOfRangeError(None, None, "Graph execution error:\n\n" + e.message)
        err._tfshim_framed = True  # raised by the call, not framed as the trace's errors
        raise err from None


def _shapes_of(values) -> tuple:
    return tuple(tuple((np.shape(a), np.asarray(a).dtype if isinstance(a, np.ndarray)
                        else a.dtype) for a in vals) for vals in values)


def _replaying(args, kwargs, flat, log):
    """(args, kwargs) for an eager run of a call whose trace already took elements (`log`):
    its iterators give those again first, then go on."""
    leaves = list(flat)
    for i, x in enumerate(flat):
        if _is_iterator_arg(x):
            taken = [v for pos, v in log if pos == i]

            def take(kind, x=x, taken=taken):
                values = taken.pop(0) if taken else _fetch(x, kind)
                return [v if _is_composite(v) else wrap(v) for v in values]

            leaves[i] = x._feed_proxy(take)
    return nest.pack_sequence_as((args, kwargs), leaves, expand_composites=True)


class _NotCompilable(jax.errors.JAXTypeError):
    """What tfshim can't compile: the function runs eagerly (as a traced bool does)."""


class _TraceState:
    """What one trace learns: the variables it touched (each with its Ref) and those created."""

    def __init__(self, allow_creation: bool, arg_values=()):
        self.refs: dict[int, tuple] = {}  # variable id -> (variable, Ref)
        self.written: set = set()  # ids of the variables the trace assigns
        self.allow_creation = allow_creation
        self.created: list = []
        self.arg_values = list(arg_values)  # the call's tensor arguments (concrete arrays)
        self.arg_tracers: list = []  # the same, as the trace sees them
        self.feeds: list = []  # (argument position, kind, slots) per element an iterator gave

        self._names: dict = {}
        self.name_hint = None  # a Python operator's node name ("mul"), for the op it runs
        self.graph = func_graph.GraphRecorder(self.unique_name)

    def unique_name(self, base: str) -> str:
        """A name for a new node of the traced graph: base, base_1, base_2, ... as TF's (which
        counts names case-insensitively: "Mul" then "mul" gives "mul_1")."""
        key = base.lower()
        n = self._names.get(key, 0)
        self._names[key] = n + 1
        return base if n == 0 else "%s_%d" % (base, n)

    def feed(self, slots):
        """The tensors the program reads a fed element's components from."""
        return [wrap(self.read(slot)) for slot in slots]

    def initial_value(self, value):
        """A variable created in the trace from a traced value starts with the value it has for
        this call's arguments (TF lifts the initializer out of the function); None where it
        depends on an enclosing trace."""
        return jax_internals.value_outside_trace(value, self.arg_tracers, self.arg_values)

    def ref(self, var):
        entry = self.refs.get(var._id)
        if entry is None:
            var = getattr(var, "_parent", var)  # an assign()'s result: its variable
            entry = (var, _placeholder_ref(var._value))
            self.refs[var._id] = entry
        return entry[1]

    def read(self, var):
        var = getattr(var, "_parent", var)
        row = _traced_row(var)
        if row is not None:  # a variable traced as a row of another (tf.distribute's)
            whole, i = row
            return self.ref(whole)[i]
        return self.ref(var)[...]

    def write(self, var, value, op_type="AssignVariableOp", source=None):
        var = getattr(var, "_parent", var)
        self.graph.write_variable(var, value, op_type, source)
        row = _traced_row(var)
        if row is not None:
            whole, i = row
            self.written.add(whole._id)
            self.ref(whole)[i] = value
            return
        self.written.add(var._id)
        self.ref(var)[...] = value


def _traced_row(var):
    """(whole, i) where `var` is traced as row i of the variable `whole` (a MirroredVariable's
    component, its mirrored variable's mesh array), else None."""
    row = getattr(var, "_traced_row", None)
    return None if row is None else row()


def _spec_key(x):
    if type(x) is EagerTensor:  # the common case first
        return (x._value.shape, x._value.dtype)
    if isinstance(x, Variable):
        # TF's variable trace type: dtype and shape (the variable itself is an input of the
        # program; see ConcreteFunction._var_args); aliasing is added by Function._key.
        return ("var", tuple(x.shape.as_list()) if x.shape.rank is not None else None, x.dtype)
    if _is_iterator_arg(x):
        return ("iterator", repr(x.element_spec))
    if _is_tensor_arg(x):
        t = convert_to_tensor(x)
        return ("tensor", tuple(t._value.shape), t.dtype)
    try:
        hash(x)
        return ("py", type(x), x)
    except TypeError:
        return ("id", id(x))


class Function:
    """tf.function's callable: traces per signature, then calls the compiled computation."""

    def __init__(self, python_function, input_signature=None, autograph=True,
                 jit_compile=None, reduce_retracing=False, name=None):
        self._python_function = python_function
        # TF's input_signature (its structure); _input_signature: its TensorSpecs, flat.
        self._signature = None if input_signature is None else tuple(input_signature)
        self._input_signature = (None if input_signature is None
                                 else tuple(nest.flatten(input_signature)))
        # The signature's TensorSpecs, composite specs (RaggedTensorSpec ...) as their components
        self._flat_signature = (None if input_signature is None else tuple(
            function_type_utils.component_specs(self._input_signature)))
        self._sig_components = function_type_utils.component_positions(self._input_signature)
        self._autograph = autograph
        self._jit_compile = jit_compile
        self._reduce_retracing = reduce_retracing
        self._cache: dict = {}
        self._converted = None
        self._traced_once = False
        self._bound: dict = {}
        self._families: dict = {}
        self._fast = None  # the last family's generated caller (see _Family), or None
        self._feed_plans: dict = {}  # iterator-taking calls: which elements they take
        self._fast_switches = 0
        self._relaxed: dict = {}  # kinds of calls -> their relaxed traces (type_dispatch)
        self._relaxed_hits = 0  # cache entries a relaxed trace serves (no trace of their own)
        self._call = self._call_star  # what a call runs: see __call__
        self._trace_list: list = []  # the ConcreteFunctions traced, in order
        self._any_rank: list = []  # (kind, specs, trace) of TensorSpec(None) traces
        functools.update_wrapper(self, python_function)

    python_function = property(lambda self: self._python_function)
    input_signature = property(lambda self: self._signature)

    # -- methods: a decorated method gets one Function per instance, as TF's ---------------------
    def __get__(self, instance, owner):
        if instance is None:
            return self
        key = id(instance)
        bound = self._bound.get(key)
        if bound is None or bound[0]() is not instance:
            fn = Function(functools.partial(self._python_function, instance),
                          input_signature=self._signature, autograph=self._autograph,
                          jit_compile=self._jit_compile, reduce_retracing=self._reduce_retracing)
            functools.update_wrapper(fn, self._python_function)
            try:
                ref = weakref.ref(instance, lambda _, k=key, b=self._bound: b.pop(k, None))
            except TypeError:
                ref = lambda inst=instance: inst  # noqa: E731 - objects without weakrefs
            bound = self._bound[key] = (ref, fn)
        return bound[1]

    # -- tracing -----------------------------------------------------------------------------
    def _signature_args(self, args, kwargs):
        if self._signature is None:
            return args, kwargs
        return function_type_utils.bind_input_signature(
            self.__name__, self._signature, self._param_names(), args, kwargs)

    def _param_names(self):
        try:
            return list(inspect.signature(self._python_function).parameters)
        except (TypeError, ValueError):
            return ["arg%d" % i for i in range(len(self._signature or ()))]

    def _arg_names(self, args, kwargs, tensor_pos):
        """The graph names of the tensor arguments: their parameter's name (a nested argument's
        tensors: name, name_1, ...), as TF names a function graph's placeholders."""
        try:
            params = list(inspect.signature(self._python_function).parameters.values())
        except (TypeError, ValueError):
            params = []
        var = next((p.name for p in params if p.kind is p.VAR_POSITIONAL), "args")
        params = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        owners = []
        for k, a in enumerate(args):  # *args's items: args_0, args_1, ... (TF's)
            owners += [params[k] if k < len(params) else "%s_%d" % (var, k - len(params))] * len(
                nest.flatten(a, expand_composites=True))
        for k, a in sorted(kwargs.items()):  # in nest.flatten's order
            owners += [k] * len(nest.flatten(a, expand_composites=True))
        return [owners[i] if i < len(owners) else "Placeholder" for i in tensor_pos]

    def _key(self, args, kwargs, flat):
        if self._input_signature is not None:  # the signature fixes the structure
            structure = function_type_utils.composite_keys(args)
        elif kwargs or any(nest.is_nested(a) or _is_composite(a) for a in args):
            outer = nest.flatten((args, kwargs))
            structure = repr(nest.pack_sequence_as((args, kwargs), [
                x._type_spec._trace_key() if _is_composite(x) else 0 for x in outer]))
        else:
            structure = len(args)  # flat positional arguments: their count is the structure
        specs = tuple(_spec_key(x) for x in flat)
        if any(isinstance(x, Variable) for x in flat):
            # The same variable passed twice is another trace type than two variables, as TF's.
            first: dict = {}
            specs = tuple(s + (first.setdefault(id(x), i),) if isinstance(x, Variable) else s
                          for i, (x, s) in enumerate(zip(flat, specs)))
        replica = context.thread_state().replica
        if replica is not None:  # a trace per replica, as TF's per device
            return (structure, specs, replica)
        return (structure, specs)

    def _traced_function(self):
        if not self._autograph or _autograph_convert is None:
            return self._python_function
        if self._converted is None:
            self._converted = _autograph_convert(self._python_function)
        return self._converted

    def _trace(self, args, kwargs, avals=None, feed=None, specs=None) -> ConcreteFunction:
        """A new trace; `avals` (jax.ShapeDtypeStructs, symbolic dimensions allowed) replace
        the tensor arguments' own shapes, as tf.saved_model's export of None dimensions needs;
        `specs`, the TensorSpecs get_concrete_function was given (their names name the
        placeholders)."""
        flat = nest.flatten((args, kwargs), expand_composites=True)
        tensor_pos = [i for i, x in enumerate(flat) if _is_tensor_arg(x)]
        tensors = [convert_to_tensor(flat[i]) for i in tensor_pos]
        # tf.string arguments: the program takes their strings' ids (host_strings).
        string_args = [k for k, t in enumerate(tensors) if t._value.dtype == object]
        in_values = [host_strings.intern(t._value) if k in string_args else t._value
                     for k, t in enumerate(tensors)]
        in_avals = list(avals or in_values)
        for k in string_args:
            in_avals[k] = jax.ShapeDtypeStruct(tuple(in_avals[k].shape), np.int64)
        state = _TraceState(not self._traced_once, in_values)
        result = {}

        names = self._arg_names(args, kwargs, tensor_pos)
        named = specs if specs is not None else self._input_signature  # their names win
        if named is not None and len(named) == len(names):
            names = [getattr(s, "name", None) or n for s, n in zip(named, names)]
        placeholders = []

        def traced(*arrays):
            state.arg_tracers = list(arrays)
            leaves = list(flat)
            for k, (i, a, n) in enumerate(zip(tensor_pos, arrays, names)):
                node = state.unique_name(n)
                placeholders.append(node)
                if k in string_args:  # the trace's own strings shadow the ids
                    a = host_strings.HostStrings(a, tensors[k]._value)
                t = leaves[i] = wrap(a, node + ":0")
                shape = a.shape
                if specs is not None and specs[k].shape.rank is None:
                    shape = t._unknown_shape = None  # TensorSpec(None): printed <unknown>
                state.graph.placeholder(node, shape, t.dtype, n)
            if feed is not None:  # tf.data iterators: their elements are fed to each call
                for i, x in enumerate(flat):
                    if _is_iterator_arg(x):
                        leaves[i] = x._feed_proxy(functools.partial(feed.take, state, x, i))
            a, k = nest.pack_sequence_as((args, kwargs), leaves, expand_composites=True)
            out = self._traced_function()(*a, **k)
            out_flat = nest.flatten(out, expand_composites=True)
            static = []
            values = []
            out_tensors = []
            string_outs = []
            for o in out_flat:
                if isinstance(o, Variable):
                    o = o.read_value()
                elif isinstance(o, (int, float, complex, str, bytes, np.ndarray, np.generic)):
                    o = convert_to_tensor(o)  # TF returns Python values as tensors
                if isinstance(o, Tensor):
                    static.append(_TENSOR)
                    if o._value.dtype == object:  # a tf.string result: its ids
                        string_outs.append(len(values))
                        values.append(o._value.ids if isinstance(o._value, HostValue)
                                      else jnp.asarray(host_strings.intern(o._value)))
                    else:
                        values.append(o._value)
                    out_tensors.append(o)
                else:
                    static.append(o)
            result["struct"], result["static"] = out, static
            result["string_outs"] = string_outs
            result["out_names"] = state.graph.outputs(out_tensors)
            return values

        # A trace of strings may meet a string op that can't compile (StringsInGraph): what it
        # printed is dropped then, as the function runs eagerly and prints.
        printed = tf_logging.HeldStdout() if string_args else None
        try:
            with context.tracing_scope(state), (  # outer tapes see the call, not its inside
                    contextlib.redirect_stdout(printed) if printed else contextlib.nullcontext()):
                closed = jax.make_jaxpr(traced)(*in_avals)
        except (jax.errors.JAXTypeError, errors.CannotCompile) as e:
            # Python control flow on a traced tensor that AutoGraph did not convert: run this
            # function eagerly from now on, which gives TF's results, only slower.
            if isinstance(e, (errors.StringsInGraph, errors.CompositeElements)):
                return _Eager(self)
            tf_logging.warning(
                "tfshim could not compile %s (%s: %s); it will run eagerly, op by op. Python "
                "side effects in it run on every call.", getattr(
                    self._python_function, "__name__", self._python_function),
                type(e).__name__, str(e).splitlines()[0])
            return _Eager(self)
        except Exception as e:  # noqa: BLE001 - re-raised with TF's "in user code" framing
            if printed:
                sys.stdout.write(printed.getvalue())
            raise errors.in_user_code(e) from None
        if printed:
            sys.stdout.write(printed.getvalue())
        self._traced_once = True
        if state.created:
            # TF traces a function that created variables once more, in which creating one is
            # an error; the variables are kept from the first trace.
            return self._trace(args, kwargs, avals,
                               None if feed is None else _Feed([v for _, v in feed.log]), specs)
        var_list = list(state.refs.values())
        # The final values of the variables the program assigns come back.
        written = [k for k, (v, _) in enumerate(var_list) if v._id in state.written]
        cf = ConcreteFunction(self, (args, kwargs), tensor_pos, closed, var_list,
                              result["struct"], result["static"], written)
        cf._feeds = state.feeds
        cf._string_args, cf._string_outs = string_args, result["string_outs"]
        cf._flat_names = placeholders
        cf._graph_records = state.graph.records
        cf._output_names = result["out_names"]
        if specs is not None:
            cf._input_specs = list(specs)
        if self._input_signature is not None:  # composites print as the signature's specs
            cf._composite_specs = [x for x in self._input_signature if _is_composite(x)]
        cf._replica = context.thread_state().replica
        # Variables passed as arguments: each call's own are the program's (not the traced ones).
        arg_pos = {id(x): i for i, x in enumerate(flat) if isinstance(x, Variable)}
        cf._var_args = [(k, arg_pos[id(v)]) for k, (v, _) in enumerate(var_list)
                        if id(v) in arg_pos]
        self._trace_list.append(cf)
        return cf

    def get_concrete_function(self, *args, **kwargs):
        """The ConcreteFunction for these arguments (or the input signature), traced if new.

        TensorSpecs trace as TF's placeholders: a spec with None dimensions traces once with
        JAX symbolic dimensions (the Python body sees shape (None, ...)), and later calls of
        any size use that trace; a spec of unknown rank traces with rank 0 (README: known
        deviations)."""
        if not args and not kwargs and self._signature is not None:
            args = self._signature
        leaves = nest.flatten((args, kwargs))
        if not any(isinstance(x, TensorSpec) or function_type_utils.is_composite_spec(x)
                   for x in leaves):
            return self._concrete(*self._signature_args(args, kwargs))
        a, k = nest.pack_sequence_as((args, kwargs), [
            function_type_utils.spec_placeholder(x) for x in leaves])
        a, k = self._signature_args(a, k)
        flat = _flat_args(a, k)
        pos = [i for i, x in enumerate(flat) if _is_tensor_arg(x)]
        # Each tensor argument's spec: the given TensorSpec (a composite's: its components'),
        # or the tensor's own.
        all_specs = function_type_utils.component_specs(leaves)
        if len(all_specs) != len(pos):  # something else holds tensors: no spec per tensor
            return self._concrete(a, k)
        key = self._key(a, k, flat)
        spec_key = ("spec", key[0], tuple(map(repr, all_specs)), tuple(
            v for i, v in enumerate(key[1]) if i not in pos))
        cf = self._cache.get(spec_key)
        if cf is None:
            if any(s.shape.rank is None for s in all_specs):
                cf = self._trace(a, k, specs=all_specs)  # its placeholders print <unknown>
                if isinstance(cf, ConcreteFunction):
                    self._unknown_rank_outputs(cf, a, k, flat, pos, all_specs)
                    self._any_rank.append(((key[0], self._other_keys(key, pos)),
                                           all_specs, cf))
                if key not in self._cache:  # calls with these shapes take it
                    self._cache[key] = cf
                    self._relaxed_hits += 1
            else:
                if all(s.shape.is_fully_defined() for s in all_specs):
                    cf = self._concrete(a, k, flat)
                else:
                    cf = self._relaxed_for(key, flat, pos, all_specs) or self._symbolic_trace(
                        a, k, flat, key, pos, all_specs)
                self._relaxed_hits += 1  # the trace is counted where it is kept, not here
            self._cache[spec_key] = cf
        if isinstance(cf, ConcreteFunction) and cf._input_specs is None:
            cf._input_specs = all_specs
        if isinstance(cf, ConcreteFunction) and cf._composite_specs is None:
            cf._composite_specs = [getattr(x, "_type_spec", x) for x in leaves if _is_composite(x)]
        return cf

    @staticmethod
    def _other_keys(key, pos):
        return tuple(v for i, v in enumerate(key[1]) if i not in pos)

    def _unknown_rank_outputs(self, cf, args, kwargs, flat, pos, specs):
        """TF's output shapes for a trace with unknown-rank (TensorSpec(None)) inputs. JAX
        traces a fixed rank (the trace has rank 0 there), so a second, silent trace with rank 2
        tells what the rank decides: an output whose rank changes has an unknown shape, a
        dimension that changes is None."""
        leaves = list(flat)
        for i, s in zip(pos, specs):
            if s.shape.rank is None:
                leaves[i] = function_type_utils.spec_value(TensorSpec([2, 3], s.dtype))
        a, k = nest.pack_sequence_as((args, kwargs), leaves, expand_composites=True)
        n_traces = len(self._trace_list)
        try:
            with contextlib.redirect_stdout(tf_logging.HeldStdout()), tf_logging.silenced():
                other = self._trace(a, k)
        except Exception:  # noqa: BLE001 - the body takes no other rank: the trace's shapes
            return
        finally:
            del self._trace_list[n_traces:]
        if not isinstance(other, ConcreteFunction):
            return
        other_shapes = {r[0]: r[3][0][1] for r in other._graph_records if r[1] == "Identity"}
        records = []
        for r in cf._graph_records:
            if r[1] == "Identity" and r[0] in other_shapes:
                (name, shape, dt), = r[3]
                shape = func_graph.generalized(shape, other_shapes[r[0]])
                r = (r[0], r[1], r[2], [(name, shape, dt)], r[4])
            records.append(r)
        cf._graph_records = records

    def _any_rank_call(self, key, flat):
        """The TensorSpec(None) trace that serves a call (TF's trace of a supertype), run for
        the call's shapes; None if none does."""
        if not self._any_rank:
            return None
        pos = [i for i, x in enumerate(flat) if _is_tensor_arg(x)]
        kind = (key[0], self._other_keys(key, pos))
        for k, specs, cf in self._any_rank:
            if k != kind or len(specs) != len(pos):
                continue
            tensors = [convert_to_tensor(flat[i]) for i in pos]
            if all(s.is_compatible_with(t) for s, t in zip(specs, tensors)):
                return cf, [(tuple(t._value.shape), t._value.dtype) for t in tensors]
        return None

    def _relaxed_for(self, key, flat, pos, specs):
        """A relaxed trace made already (by calls) that is the specs' trace: symbolic exactly
        where they have None."""
        avals = [(tuple(convert_to_tensor(flat[i])._value.shape),
                  convert_to_tensor(flat[i])._value.dtype) for i in pos]
        group = self._relaxed.get(self._relaxed_kind(key, flat, pos, avals))
        for r in group["traces"] if group else ():
            if all(len(p) == len(s.shape) and all(
                    isinstance(d, tuple) if sd is None else d == sd
                    for d, sd in zip(p, s.shape.as_list())) for p, s in zip(r.pattern, specs)):
                return r.cf
        return None

    def _symbolic_trace(self, args, kwargs, flat, key, pos, specs):
        """A trace with symbolic dimensions for the specs' None dimensions: first each its
        own (TF's: independent sizes), then one shared symbol (a body that adds two such
        tensors needs them equal), else a trace with size 1 (the output a failed try
        printed is dropped)."""
        avals = [(tuple(convert_to_tensor(flat[i])._value.shape),
                  convert_to_tensor(flat[i])._value.dtype) for i in pos]
        for shared in (False, True):
            count = iter(range(10**6))
            pattern = tuple(tuple(("s", 0 if shared else next(count)) if d is None else d
                                  for d in s.shape.as_list()) for s in specs)
            out = tf_logging.HeldStdout()
            n_traces = len(self._trace_list)
            try:
                with contextlib.redirect_stdout(out):
                    cf = self._trace(args, kwargs, type_dispatch.symbolic_avals(
                        avals, pattern), specs=specs)
                    if not isinstance(cf, ConcreteFunction):
                        continue
                    relaxed = type_dispatch.Relaxed(cf, pattern)
            except Exception:  # noqa: BLE001 - needs other shapes: the next try
                del self._trace_list[n_traces:]
                continue
            sys.stdout.write(out.getvalue())
            cf._relaxed = relaxed
            group = self._relaxed.setdefault(self._relaxed_kind(key, flat, pos, avals),
                                             {"seen": None, "traces": [], "failed": False})
            group["traces"].append(relaxed)
            return cf
        return self._concrete(args, kwargs, flat)

    @staticmethod
    def _relaxed_kind(key, flat, pos, avals):
        """Calls a relaxed trace may serve: same structure, Python values, tensor ranks and
        dtypes."""
        ranks = dict(zip(pos, ((len(shape), dtype) for shape, dtype in avals)))
        return (key[0], tuple(ranks.get(i, k) for i, k in enumerate(key[1])))

    def _concrete(self, args, kwargs, flat=None):
        if flat is None:
            flat = _flat_args(args, kwargs)
        key = self._key(args, kwargs, flat)
        cf = self._cache.get(key)
        if cf is None:
            found = self._any_rank_call(key, flat)
            if found is not None:
                cf = found[0]._for_shapes(args, kwargs, found[1])
                self._cache[key] = cf
                self._relaxed_hits += 1
                return cf
            if self._reduce_retracing or self._input_signature is not None or self._relaxed:
                cf = self._relaxed_call(args, kwargs, flat, key)
            if cf is None:
                cf = self._trace(args, kwargs)
            self._cache[key] = cf
            if isinstance(cf, ConcreteFunction):
                self._join_family(cf, key, flat)
        return cf

    def _relaxed_call(self, args, kwargs, flat, key):
        """The call's trace when TF's would be one with relaxed shapes (type_dispatch): a
        relaxed trace made or found, run for these shapes; None for an exact trace."""
        pos = [i for i, x in enumerate(flat) if _is_tensor_arg(x)]
        sig = self._flat_signature
        if any(convert_to_tensor(flat[i])._value.dtype == object for i in pos):
            return None  # strings: host callbacks have no exported (relaxed) program
        if not pos or (sig is not None and (len(sig) != len(pos) or all(
                s.shape.is_fully_defined() for s in sig))):
            return None
        avals = tuple((tuple(v.shape), v.dtype) for v in
                      (convert_to_tensor(flat[i])._value for i in pos))
        kind = self._relaxed_kind(key, flat, pos, avals)
        group = self._relaxed.setdefault(kind, {"seen": None, "traces": [], "failed": False})
        for r in group["traces"]:
            if r.matches(avals):
                self._relaxed_hits += 1
                return relaxed_run(r, args, kwargs, avals)
        if group["failed"] or not (self._reduce_retracing or sig is not None):
            return None
        if sig is not None:
            pattern = type_dispatch.relaxed_pattern(
                avals, None, [s.shape.as_list() for s in sig], self._sig_components)
        elif group["seen"] is None:
            group["seen"] = avals  # the first call of its kind: an exact trace, as TF's
            return None
        else:
            pattern = type_dispatch.relaxed_pattern(avals, group["seen"])
        if pattern is None:
            return None
        try:
            cf = self._trace(args, kwargs, type_dispatch.symbolic_avals(avals, pattern))
            if not isinstance(cf, ConcreteFunction):
                return cf  # it runs eagerly
            relaxed = type_dispatch.Relaxed(cf, pattern)
        except Exception:  # noqa: BLE001 - needs static shapes (or prints): exact traces
            group["failed"] = True
            if self._trace_list and self._trace_list[-1]._relaxed is None:
                self._trace_list.pop()  # a trace that is not kept
            return None
        group["traces"].append(relaxed)
        self._relaxed_hits += 1
        return relaxed_run(relaxed, args, kwargs, avals)

    def _join_family(self, cf, key, flat) -> None:
        """Put a new trace in the family of traces it can share one jax.jit with."""
        if (any(s is not _TENSOR for s in cf._out_static) or cf._host_output or cf._feeds
                or cf._string_args or cf._string_outs):
            return  # Python values, host output or strings: the trace's own jit
        if any(_is_composite(x) for x in nest.flatten(cf._out_struct)):
            return  # composite outputs: rebuilt on the full path
        single = not nest.is_nested(cf._out_struct)
        try:
            out_sig = None if single else repr(nest.map_structure(lambda _: 0, cf._out_struct))
        except Exception:  # noqa: BLE001 - an output structure nest can't map
            return
        kinds = tuple("T" if type(x) is EagerTensor else "N" if _is_tensor_arg(x) else spec
                      for x, spec in zip(flat, key[1]))
        fkey = (key[0], kinds, tuple(v._id for v, _ in cf._vars), tuple(cf._written),
                cf._n_out, out_sig)
        try:
            family = self._families.get(fkey)
        except TypeError:  # an unhashable part: no family
            return
        if family is None:
            family = self._families[fkey] = _Family(cf)
            if isinstance(key[0], int) and all(k == "T" for k in kinds):
                family.fast = _make_fast(family, key[0], cf, single, self._call_full)
        family.add(cf, [convert_to_tensor(flat[i])._value for i in cf._tensor_pos])

    def _use_fast(self, cf) -> None:
        """Calls like this one take the family's fast caller from now on; a function whose
        calls keep switching between families stays on the full path."""
        family = cf._family
        if family is None or family.fast is None or self._fast is family.fast:
            return
        if context.thread_state().replica is not None:
            return  # calls in replica contexts take the full path: their traces are per replica
        if self._fast is not None:
            self._fast_switches += 1
        self._fast = family.fast if self._fast_switches < 8 else None
        self._call = self._fast or self._call_star

    def pretty_printed_concrete_signatures(self, verbose=True) -> str:
        """The signatures of this function's traces, in the order they were made."""
        return "\n\n".join(cf.pretty_printed_signature(verbose) for cf in self._trace_list)

    def _list_all_concrete_functions(self) -> list:
        """The function's traces (its input_signature's traced first, as TF's)."""
        if self._input_signature is not None and not self._trace_list:
            self.get_concrete_function()
        return list(self._trace_list)

    def experimental_get_compiler_ir(self, *args, **kwargs):
        """TF's compiler IR getter for these arguments' trace: a function of (stage,
        platform_name) giving XLA's HLO text ("hlo"), or after XLA's passes
        ("optimized_hlo"), or the serialized HLO module ("hlo_serialized")."""
        if not self._jit_compile:
            raise ValueError("Compiler IR can only be returned for functions marked with "
                             "'jit_compile=True'")
        cf = self.get_concrete_function(*args, **kwargs)
        if not isinstance(cf, ConcreteFunction):
            raise errors.UnimplementedError(None, None, "this function runs eagerly in tfshim "
                                            "(its arguments or outputs have strings)")
        return compiler_ir.from_concrete_function(cf)

    def experimental_get_tracing_count(self):
        return len(self._cache) - self._relaxed_hits + sum(
            len(g["traces"]) for g in self._relaxed.values())

    # -- calling -----------------------------------------------------------------------------
    # A call runs self._call: the family's generated caller once there is one (see _Family),
    # else _call_star. A property made of C parts (property, attrgetter) hands it over with no
    # Python frame in between; a call is one frame on the fast path.
    __call__ = property(operator.attrgetter("_call"))

    def _call_star(self, *args, **kwargs):
        return self._call_full(args, kwargs)

    def _call_full(self, args, kwargs):
        if context.tracing() is not None or context.functions_run_eagerly():
            # Inside another tf.function: inline it; tf.config.run_functions_eagerly(True):
            # plain Python, as TF.
            return self._python_function(*args, **kwargs)
        if self._input_signature is not None:
            args, kwargs = self._signature_args(args, kwargs)
        flat = _flat_args(args, kwargs)
        if any(map(_is_iterator_arg, flat)):
            return self._call_feeding(args, kwargs, flat)
        cf = self._concrete(args, kwargs, flat)
        out = self._call_concrete(cf, args, kwargs, flat)
        if isinstance(cf, ConcreteFunction) and cf._family is not None:
            self._use_fast(cf)
        return out

    def _call_feeding(self, args, kwargs, flat):
        """A call with tf.data iterators among the arguments: the elements the function takes
        are fetched here, outside the compiled program, and fed in. The first call learns
        which ones the function takes (it fetches them as it traces); a trace is kept per
        element shapes (a last, smaller batch traces once more)."""
        key = self._key(args, kwargs, flat)
        plan = self._feed_plans.get(key)
        if plan is None:
            feed = _Feed()
            cf = self._trace(args, kwargs, feed=feed)
            if isinstance(cf, _Eager):  # it runs eagerly: replay what the trace took
                self._cache[key] = self._feed_plans[key] = cf
                a, k = _replaying(args, kwargs, flat, feed.log)
                return self._python_function(*a, **k)
            self._feed_plans[key] = [(pos, kind) for pos, kind, _ in cf._feeds]
            self._cache[(key, _shapes_of([v for _, v in feed.log]))] = cf
        elif isinstance(plan, _Eager):
            return self._python_function(*args, **kwargs)
        else:
            values = [_fetch(flat[pos], kind) for pos, kind in plan]
            cf = self._cache.get((key, _shapes_of(values)))
            if cf is None:
                cf = self._trace(args, kwargs, feed=_Feed(list(values)))
                self._cache[(key, _shapes_of(values))] = cf
            else:
                for (_, _, slots), vals in zip(cf._feeds, values):
                    for slot, v in zip(slots, vals):
                        slot._value = v
        return self._call_concrete(cf, args, kwargs, flat)

    def _call_concrete(self, cf, args, kwargs, flat=None):
        if isinstance(cf, _Eager):
            return self._python_function(*args, **kwargs)
        if flat is None:
            flat = _flat_args(args, kwargs)
        tensors = [convert_to_tensor(flat[i]) for i in cf._tensor_pos]
        variables = [v for v, _ in cf._vars]
        for k, pos in cf._var_args:
            variables[k] = flat[pos]
        if cf._string_args or cf._string_outs:
            # tf.strings in the program: ids in, strings out (host_strings). A tape records the
            # call on the ids (integers: no gradient flows through them).
            tensors = [wrap(jnp.asarray(host_strings.intern(t._value)))
                       if k in cf._string_args else t for k, t in enumerate(tensors)]
            var_tensors = [v._read() for v in variables] if tape.active() else variables
            outs, new_values = host_strings.run(lambda: cf._run(
                [v._value for v in var_tensors], [t._value for t in tensors]))
            outputs = tuple(wrap(host_strings.lookup(o)) if k in cf._string_outs else wrap(o)
                            for k, o in enumerate(outs))
            if tape.active():
                recorded = tuple(wrap(o) if k in cf._string_outs else t
                                 for k, (o, t) in enumerate(zip(outs, outputs)))
                tape.record(_CallFn(cf, len(variables)), tuple(var_tensors) + tuple(tensors),
                            recorded)
        elif tape.active():
            var_tensors = [v._read() for v in variables]
            fn = _CallFn(cf, len(variables))
            outs, new_values = cf._run([t._value for t in var_tensors],
                                       [t._value for t in tensors])
            outputs = tuple(wrap(o) for o in outs)
            tape.record(fn, tuple(var_tensors) + tuple(tensors), outputs)
        else:
            outs, new_values = cf._run([v._value for v in variables],
                                       [t._value for t in tensors])
            outputs = tuple(wrap(o) for o in outs)
        for k, value in zip(cf._written, new_values):
            variables[k]._value = value
        it = iter(outputs)
        flat_out = [next(it) if s is _TENSOR else s for s in cf._out_static]
        if not nest.is_nested(cf._out_struct) and not _is_composite(cf._out_struct):
            return flat_out[0]
        return nest.pack_sequence_as(cf._out_struct, flat_out, expand_composites=True)


@_api.export("function")
def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_implements=None,
             experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None,
             experimental_follow_type_hints=None):
    """tf.function: compile a Python function through jax.jit."""
    if func is None:
        return functools.partial(function, input_signature=input_signature,
                                 autograph=autograph, jit_compile=jit_compile,
                                 reduce_retracing=reduce_retracing)
    return Function(func, input_signature=input_signature, autograph=autograph,
                    jit_compile=jit_compile, reduce_retracing=reduce_retracing)
