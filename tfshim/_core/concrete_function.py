"""A tf.function's trace (TF's polymorphic_function/concrete_function.py): the ConcreteFunction,
a jitted pure function of variable values and arguments, and the families of traces that share
one jax.jit (the fast call path)."""

from __future__ import annotations

import jax
import numpy as np

from . import context, jax_internals, nest
from .convert import convert_to_tensor
from .tensor import EagerTensor, Tensor, _next_id, wrap
from .variable import Variable

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
        function = self._function
        flat = _flat_args(args, kwargs)
        arrays = [convert_to_tensor(flat[i])._value for i in self._tensor_pos]
        if tuple((tuple(a.shape), a.dtype) for a in arrays) != self._arg_avals:
            # Traced for other shapes (a None dimension in its signature): XLA compiles static
            # shapes, so these take the function's trace for theirs (README: known deviations).
            if function._input_signature is not None:
                args, kwargs = function._signature_args(args, kwargs)
                flat = _flat_args(args, kwargs)
            return function._call_concrete(function._concrete(args, kwargs, flat), args,
                                           kwargs, flat)
        return function._call_concrete(self, args, kwargs, flat)

    @property
    def variables(self):
        return tuple(v for v, _ in self._vars if isinstance(v, Variable))

    @property
    def trainable_variables(self):
        return tuple(v for v in self.variables if v.trainable)

    @property
    def structured_outputs(self):
        return self._out_struct

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


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
    lines = ["def fast(*args, **kwargs):",
             "    if kwargs or len(args) != %d or st.tapes or st.tracing is not None or eager[0]:"
             % n_args,
             "        return full(args, kwargs)"]
    if names:
        lines.append("    %s, = args" % ", ".join(names))
        lines.append("    if %s:" % " or ".join("type(%s) is not ET" % a for a in names))
        lines.append("        return full(args, kwargs)")
    lines.append("    try:")
    lines.append("        res = J(%s)" % ", ".join(["v%d._value" % i for i in range(len(variables))]
                                                   + ["%s._value" % a for a in names]))
    lines.append("    except Miss:  # arrays of a shape or dtype this family has no trace for")
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
