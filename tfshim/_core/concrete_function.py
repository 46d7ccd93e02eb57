"""A tf.function's trace (TF's polymorphic_function/concrete_function.py): the ConcreteFunction,
a jitted pure function of variable values and arguments, and the families of traces that share
one jax.jit (the fast call path)."""

from __future__ import annotations

import contextlib
import inspect
import itertools

import jax
import numpy as np

from . import (
    context,
    dtypes,
    errors,
    func_graph,
    function_type_utils,
    jax_internals,
    nest,
    tf_logging,
)
from .convert import convert_to_tensor
from .tensor import EagerTensor, Tensor, _next_id, wrap
from .tensor_shape import TensorShape
from .tensor_spec import TensorSpec
from .variable import Variable

_UIDS = itertools.count(1)  # numbers for functions' names, as TF's uid()

_run_eagerly = context._run_functions_eagerly

_TENSOR = object()  # a traced function's flat output that is a tensor (None is a Python value)


def _is_tensor_arg(x) -> bool:
    return isinstance(x, (Tensor, np.ndarray))


def _is_composite(x) -> bool:
    return getattr(type(x), "_tf_composite", False)


def _flat_args(args, kwargs) -> list:
    """nest.flatten((args, kwargs)) with composite tensors expanded into their components, fast
    for the usual flat positional call."""
    if not kwargs and not any(nest.is_nested(a) or _is_composite(a) for a in args):
        return list(args)
    return nest.flatten((args, kwargs), expand_composites=True)


class ConcreteFunction:
    """One trace of a tf.function: a jitted pure function of variable values and arguments."""

    def __init__(self, function, structure, tensor_pos, closed, var_list, out_struct,
                 out_static, written):
        self._function = function
        self._structure = structure  # (args, kwargs) with tensor leaves replaced by None
        self._tensor_pos = tensor_pos  # positions of tensor leaves in the flat (args, kwargs)
        self._vars = var_list
        self._out_struct = out_struct
        self._out_static = out_static  # flat outputs: _TENSOR where a tensor goes, else the value
        self._written = written  # indices into var_list of variables the function assigns
        ref_index = {id(ref): k for k, (_, ref) in enumerate(var_list)}
        self._const_sources = [ref_index.get(id(c), -1) for c in closed.consts]
        self._consts = [None if k >= 0 else c for k, c in zip(self._const_sources,
                                                              closed.consts)]
        self._jaxpr = jax_internals.discharge(closed)
        self._arg_avals = tuple((tuple(a.shape), a.dtype) for a in closed.in_avals)
        self._n_out = len(closed.jaxpr.outvars)
        self._ref_out = [k for k, c in enumerate(closed.consts) if self._const_sources[k] >= 0]
        self._n_vars = len(var_list)
        self._var_dtypes = [v._value.dtype for v, _ in var_list]
        self._family = None  # set by Function._join_family; else this trace's own jax.jit
        self._compiled = None
        # Host output (tf.print) in the program: a call waits for it, so that it appears, in
        # order, before the call returns, as TF's.
        self._host_output = bool(self._jaxpr.effects)
        # What the API shows (see function_type_utils, func_graph); set by the trace.
        self._input_specs = None  # the TensorSpecs get_concrete_function was given
        self._composite_specs = None  # the TypeSpecs its composite arguments were given
        self._composite_key = (function_type_utils.composite_keys(structure) if any(
            _is_composite(x) for x in nest.flatten(structure)) else None)
        self._relaxed = None  # a trace with None dimensions: its type_dispatch.Relaxed
        self._replica = None  # the replica context it was traced in (context.replica)
        self._var_args: list = []  # (index in var_list, flat argument position) of arguments
        self._flat_names = []  # the tensor arguments' placeholder names
        self._graph_records: list = []
        self._output_names: list = []
        self._name = self._ftype = self._graph = None
        self._reshaped: dict = {}  # arguments' shapes -> the trace made for them (see __call__)
        self._string_args: list = []  # tf.string tensor arguments (the program takes ids)
        self._string_outs: list = []  # tf.string outputs (the program gives ids)

    @property
    def _has_strings(self) -> bool:
        """Whether tf.string tensors go in or out (as ids: only _call_concrete converts them)."""
        return bool(self._string_args or self._string_outs)

    def _pure_all(self, var_values, arrays):
        consts = [var_values[k] if k >= 0 else c for k, c in zip(self._const_sources,
                                                                self._consts)]
        outs = jax_internals.eval_jaxpr(self._jaxpr, *consts, *arrays)
        # Discharge appends the final value of every Ref const, in const order.
        finals = dict(zip(self._ref_out, outs[self._n_out:]))
        by_var = {self._const_sources[k]: v for k, v in finals.items()}
        new = [by_var[i] if by_var[i].dtype == self._var_dtypes[i]
               else by_var[i].astype(self._var_dtypes[i]) for i in self._written]
        return outs[:self._n_out], new

    def _pure_flat(self, *arrays):
        outs, new = self._pure_all(list(arrays[:self._n_vars]), list(arrays[self._n_vars:]))
        return tuple(outs) + tuple(new)

    def _run(self, var_values, arrays):
        family = self._family
        if family is not None:
            res = family.jit(*var_values, *arrays)
            if family.bare:
                res = (res,)
        else:
            if self._compiled is None:
                self._compiled = jax.jit(self._pure_flat)
            res = self._compiled(*var_values, *arrays)
            if self._host_output:
                jax.effects_barrier()
        return res[:self._n_out], res[self._n_out:]

    def __call__(self, *args, **kwargs):
        """Call the trace: bound to its function type (or its flat signature), with TF's
        errors for arguments that fit neither or tensors of other dtypes."""
        function = self._function
        args, kwargs = self._bind(args, kwargs)
        flat = _flat_args(args, kwargs)
        if self._composite_key is not None and function_type_utils.composite_keys(
                (args, kwargs)) != self._composite_key:
            # Composites this trace is not for (a SparseTensor of another dense shape): the
            # function's trace for them.
            return function._call_concrete(function._concrete(args, kwargs, flat), args,
                                           kwargs, flat)
        arrays = [convert_to_tensor(flat[i])._value for i in self._tensor_pos]
        for k, (a, (_, dtype)) in enumerate(zip(arrays, self._arg_avals)):
            if k in self._string_args:
                dtype = np.dtype(object)
            if a.dtype != dtype:
                name = self.name.decode()
                raise errors.InvalidArgumentError(
                    None, None, "cannot compute %s as input #%d(zero-based) was expected to be "
                    "a %s tensor but is a %s tensor [Op:%s]" % (
                        name, k, dtypes.tf_type_name(dtypes.from_numpy(dtype)),
                        dtypes.tf_type_name(dtypes.from_numpy(a.dtype)), name))
        cf = self._for_shapes(args, kwargs, [
            (tuple(a.shape), np.dtype(np.int64) if a.dtype == object else a.dtype)
            for a in arrays])
        return function._call_concrete(cf, args, kwargs, flat)

    def _for_shapes(self, args, kwargs, avals):
        """The trace that runs this one for arguments of these shapes: itself, its relaxed
        program, or a trace made for them."""
        if tuple(avals) == self._arg_avals:
            return self
        relaxed = self._relaxed
        if relaxed is not None and relaxed.exported is not None and relaxed.matches(avals):
            return _RelaxedCall(relaxed, avals)
        # Other shapes than the trace's: TF runs its graph with them; XLA compiles static
        # shapes, so tfshim traces the function again for them, printing nothing
        # (README: known deviations), and keeps that trace with this one.
        key = tuple(avals)
        cf = self._reshaped.get(key)
        if cf is None:
            function = self._function
            with contextlib.redirect_stdout(tf_logging.HeldStdout()):
                cf = function._trace(args, kwargs)
            if cf in function._trace_list:
                function._trace_list.remove(cf)
            self._reshaped[key] = cf
        return cf

    def _bind(self, args, kwargs):
        """A call's arguments in the layout the trace was made with."""
        ftype = self.function_type
        kind, bound = function_type_utils.bind(ftype, self._fname(), self._flat_names, args,
                                               kwargs)
        targs, tkwargs = self._structure
        if kind == "flat":
            leaves = nest.flatten(self._structure, expand_composites=True)
            for i, t in zip(self._tensor_pos, bound):
                leaves[i] = t
            return nest.pack_sequence_as(self._structure, leaves, expand_composites=True)
        for p in ftype.parameters.values():  # values for TensorSpecs become tensors
            c = p.type_constraint
            if nest.is_nested(c) or isinstance(c, TensorSpec):
                bound[p.name] = nest.map_structure(
                    lambda v, s: convert_to_tensor(v, dtype=s.dtype)
                    if isinstance(s, TensorSpec) and not isinstance(v, Tensor) else v,
                    bound[p.name], c)
        positional = [p.name for p in ftype.parameters.values()
                      if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        return (tuple(bound[n] for n in positional[:len(targs)]),
                {k: bound[k] for k in tkwargs})

    # -- what TF's ConcreteFunction tells about itself -----------------------------------------
    def _fname(self) -> str:
        fn = self._function._python_function
        fn = getattr(fn, "func", fn)  # a method's partial
        return getattr(fn, "__name__", "f")

    @property
    def name(self) -> bytes:
        """TF's function name, b"__inference_<fn>_<n>" (n is a process-wide count)."""
        if self._name is None:
            self._name = "__inference_%s_%d" % (self._fname(), next(_UIDS))
        return self._name.encode()

    def _input_structure(self):
        """The traced (args, kwargs) with a TensorSpec for each tensor."""
        leaves = nest.flatten(self._structure, expand_composites=True)
        specs = self._input_specs or [
            TensorSpec(func_graph.shape_of(shape), dtypes.string if k in self._string_args
                       else dtypes.from_numpy(dtype))
            for k, (shape, dtype) in enumerate(self._arg_avals)]
        for i, spec in zip(self._tensor_pos, specs):
            leaves[i] = spec
        aliases: dict = {}
        for i, x in enumerate(leaves):
            if isinstance(x, Variable):  # TF's VariableSpec: one alias id per variable
                leaves[i] = function_type_utils.VariableSpec(
                    x.shape, x.dtype, x.trainable, aliases.setdefault(id(x), len(aliases)))
        if not any(_is_composite(x) for x in nest.flatten(self._structure)):
            return nest.pack_sequence_as(self._structure, leaves, expand_composites=True)
        # A composite argument (RaggedTensor ...) is its TypeSpec, as TF's signature shows it:
        # the spec it was traced for (get_concrete_function's, the input signature's), if any.
        given = iter(self._composite_specs or ())
        parts = iter(leaves)
        outer = []
        for x in nest.flatten(self._structure):
            if _is_composite(x):
                for _ in nest.flatten(x, expand_composites=True):
                    next(parts)
                outer.append(next(given, None) or x._type_spec)
            else:
                outer.append(next(parts))
        return nest.pack_sequence_as(self._structure, outer)

    @property
    def function_type(self):
        """tf.types.experimental.FunctionType of this trace."""
        if self._ftype is None:
            args, kwargs = self._input_structure()
            self._arguments = function_type_utils.canonical_arguments(
                self._function._python_function, args, kwargs)
            out = nest.map_structure(
                lambda t: TensorSpec(t.shape, t.dtype) if isinstance(t, Tensor) else t,
                self.structured_outputs)
            captures = [(id(v), "TensorSpec(shape=(), dtype=tf.resource, name=None)")
                        for v in self.variables]
            self._ftype = function_type_utils.function_type(self._arguments, out, captures)
        return self._ftype

    @property
    def structured_input_signature(self):
        """(args, kwargs) of TensorSpecs (named after their parameters) and Python values."""
        self.function_type  # noqa: B018 - computes self._arguments
        args = tuple(function_type_utils.named_specs(n, v) for n, k, v in self._arguments
                     if k is not inspect.Parameter.KEYWORD_ONLY)
        kwargs = {n: function_type_utils.named_specs(n, v) for n, k, v in self._arguments
                  if k is inspect.Parameter.KEYWORD_ONLY}
        return args, kwargs

    @property
    def graph(self):
        """The trace's graph (func_graph.FuncGraph): the ops it ran, as TF's graph lists them."""
        if self._graph is None:
            self._graph = func_graph.FuncGraph._of_trace(self._fname(), self._graph_records,
                                                         self._output_names)
        return self._graph

    @property
    def inference_fn(self):
        """The trace's AtomicFunction: it takes the flat tensor arguments."""
        return _AtomicFunction(self)

    @property
    def inputs(self):
        return self.graph.inputs

    @property
    def outputs(self):
        return self.graph.outputs

    @property
    def structured_outputs(self):
        """The function's return value with each tensor its graph tensor (Identity:0, ...)."""
        it = iter(self.graph.outputs)
        flat = [next(it) if s is _TENSOR else s for s in self._out_static]
        try:
            return nest.pack_sequence_as(self._out_struct, flat, expand_composites=True)
        except (TypeError, ValueError):  # composite outputs: their flat graph tensors
            return flat

    @property
    def output_shapes(self):
        return nest.map_structure(
            lambda t: t.shape if isinstance(t, Tensor) else TensorShape(None),
            self.structured_outputs)

    @property
    def output_dtypes(self):
        return nest.map_structure(lambda t: t.dtype if isinstance(t, Tensor) else None,
                                  self.structured_outputs)

    @property
    def variables(self):
        """The variables the trace captures (variables passed as arguments are inputs)."""
        args = {k for k, _ in self._var_args}
        return tuple(v for k, (v, _) in enumerate(self._vars)
                     if isinstance(v, Variable) and k not in args)

    @property
    def trainable_variables(self):
        return tuple(v for v in self.variables if v.trainable)

    @property
    def captured_inputs(self):
        """The variables the trace captures (TF: their resource handles; tfshim has none)."""
        return list(self.variables)

    def pretty_printed_signature(self, verbose=True) -> str:
        return self.function_type.pretty_text() if verbose else str(self.function_type)

    def __str__(self):
        return "ConcreteFunction " + self.pretty_printed_signature()

    def __repr__(self):
        return "<ConcreteFunction %s at 0x%X>" % (self.pretty_printed_signature(False), id(self))

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


class _AtomicFunction:
    """TF's AtomicFunction of a ConcreteFunction: its program, called with flat tensors."""

    def __init__(self, cf):
        self._cf = cf

    name = property(lambda self: self._cf.name)
    function_type = property(lambda self: self._cf.function_type)

    def __call__(self, *args):
        return self._cf(*args)


class _RelaxedCall(ConcreteFunction):
    """A relaxed trace (type_dispatch.Relaxed: symbolic dimensions) run for one concrete shape:
    its exported program, no Python."""

    def __init__(self, relaxed, avals):
        self.__dict__.update(relaxed.cf.__dict__)
        self._exported = relaxed.exported
        self._arg_avals = tuple(avals)
        self._family = None
        self._compiled = None

    def _pure_all(self, var_values, arrays):
        res = self._exported.call(*var_values, *arrays)
        return list(res[:self._n_out]), list(res[self._n_out:])


def relaxed_run(relaxed, args, kwargs, avals):
    """The relaxed trace run for a call's shapes: its exported program, else a silent trace
    for those shapes kept with it (type_dispatch.Relaxed)."""
    if relaxed.exported is not None:
        return _RelaxedCall(relaxed, avals)
    return relaxed.cf._for_shapes(args, kwargs, avals)


class _Miss(Exception):
    """A fast call's arrays match no trace of its family: the call takes the full path."""


class _Family:
    """The traces of one tf.function that differ only in their tensor arguments' shapes and
    dtypes (same variables, same outputs): one jax.jit serves them all, so JAX's C++ dispatch
    picks the trace from the arrays' shapes and dtypes, and a call needs no Python key.

    The jitted body runs only when JAX meets new shapes or dtypes: it evaluates the member
    traced for them, or raises _Miss when there is none yet (the call then traces it, as TF
    would, and the next call finds it).
    """

    def __init__(self, cf):
        # (shape, dtype) of each tensor argument -> ConcreteFunction. Variables are not part of
        # the key: a variable of unknown shape may change shape without a retrace, as in TF.
        self.members: dict = {}
        self.n_vars = cf._n_vars  # the jit's inputs: variable values, then tensor arguments
        self.bare = cf._n_out == 1 and not cf._written  # the jit returns the one array
        self.jit = jax.jit(self._body)
        self.fast = None  # the generated caller, for calls with tensor arguments only

    @staticmethod
    def _key(arrays) -> tuple:
        return tuple((tuple(a.shape), a.dtype) for a in arrays)

    def add(self, cf, arrays) -> None:
        self.members[self._key(arrays)] = cf
        cf._family = self

    def _body(self, *arrays):
        cf = self.members.get(self._key(arrays[self.n_vars:]))
        if cf is None:
            raise _Miss()
        res = cf._pure_flat(*arrays)
        return res[0] if self.bare else res


def _make_fast(family, n_args, cf, single, full):
    """A caller specialised to one family of positional-tensor calls, in one Python frame:
    check that nothing else applies (no keywords, no tape, no trace, not run eagerly; n_args
    EagerTensors), unwrap, call the jit, write back the variables the trace assigns, wrap.
    Anything else goes to `full(args, kwargs)`, the general path."""
    variables = [v for v, _ in cf._vars]
    names = ["a%d" % i for i in range(n_args)]
    # The thread's state read through its dict: one thread-local lookup, not one per field.
    lines = ["def fast(*args, **kwargs):",
             "    d = st.__dict__",
             "    if kwargs or len(args) != %d or d['tapes'] or d['tracing'] is not None or "
             "eager[0] or d['replica'] is not None:" % n_args,
             "        return full(args, kwargs)"]
    if names:
        lines.append("    %s, = args" % ", ".join(names))
        lines.append("    if %s:" % " or ".join("type(%s) is not ET" % a for a in names))
        lines.append("        return full(args, kwargs)")
    lines.append("    try:")
    lines.append("        res = J(%s)" % ", ".join(["v%d._value" % i for i in range(len(variables))]
                                                   + ["%s._value" % a for a in names]))
    # Miss: arrays of a shape or dtype this family has no trace for; TypeError: values JAX
    # can't take (a tf.string tensor's object array), which the general path runs eagerly.
    lines.append("    except (Miss, TypeError):")
    lines.append("        return full(args, kwargs)")
    if not family.bare:
        for j, k in enumerate(cf._written):
            lines.append("    v%d._value = res[%d]" % (k, cf._n_out + j))
    if family.bare or single:
        # wrap(), inlined: a new EagerTensor around the array
        lines.append("    t = new(ET)")
        lines.append("    t._value = res" if family.bare else "    t._value = res[0]")
        lines.append("    t._id = next_id()")
        lines.append("    return t")
    else:
        lines.append("    return pack(struct, [wrap(r) for r in res[:%d]])" % cf._n_out)
    namespace = {"ET": EagerTensor, "wrap": wrap, "new": object.__new__, "next_id": _next_id,
                 "J": family.jit, "Miss": _Miss, "full": full, "st": context.thread_state(),
                 "eager": _run_eagerly, "pack": nest.pack_sequence_as, "struct": cf._out_struct}
    namespace.update(("v%d" % i, v) for i, v in enumerate(variables))
    exec(compile("\n".join(lines), "<tf.function %s>" % getattr(
        cf._function, "__name__", "fast call"), "exec"), namespace)
    return namespace["fast"]


class _Eager:
    """A signature tfshim could not compile: the function runs eagerly for it."""

    def __init__(self, function):
        self._function = function

    def __call__(self, *args, **kwargs):
        return self._function._python_function(*args, **kwargs)


class _CallFn:
    """The recorded function of a tf.function call: outputs as a function of (vars, args)."""

    __slots__ = ("cf", "n_vars", "__weakref__")

    def __init__(self, cf, n_vars):
        self.cf = cf
        self.n_vars = n_vars

    def __call__(self, *arrays):
        outs, _ = self.cf._pure_all(list(arrays[:self.n_vars]), list(arrays[self.n_vars:]))
        return tuple(outs)

    def __hash__(self):
        return hash((id(self.cf), self.n_vars))

    def __eq__(self, other):
        return type(other) is _CallFn and other.cf is self.cf and other.n_vars == self.n_vars
