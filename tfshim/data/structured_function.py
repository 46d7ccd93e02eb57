"""A user function of dataset elements (TF's data/ops/structured_function.py): converted by
AutoGraph and traced once as a tf.function (Python side effects at trace time), then called
compiled per element, or, where it vmaps, once per chunk of rows (jax.vmap of the trace).

Functions of strings (NumPy object arrays, which JAX can't trace) and functions returning
datasets run eagerly, element by element.

Compiling is most of a new dataset's wait for its first element, so the compiled programs are
shared (see _Program): by the trace's jaxpr, not by the Python closure that made it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import logging
import os

import jax
import jax.numpy as jnp
import numpy as np

from .._core import dtypes, jax_internals, nest, tf_logging
from .._core import polymorphic_function as function_lib
from .._core.tensor import Tensor, wrap
from .._core.tensor_spec import TensorSpec
from . import structure

_NOT_VMAPPABLE = ("random", "threefry", "callback", "rng_")


def _should_unpack(args) -> bool:
    return type(args) is tuple  # TF: a tuple element is spread over the arguments


def _probe(spec, size, fill=0):
    if structure.is_composite_spec(spec) and getattr(spec, "ragged_rank", 1):
        raise TypeError("a SparseTensor or RaggedTensor: learnt from the first element")
    shape = [size if d is None else d for d in spec.shape.as_list()]
    return wrap(jnp.full(shape, fill, spec.dtype.as_numpy_dtype))


@contextlib.contextmanager
def _nothing():
    yield


class _NoFallbackWarning(logging.Filter):
    def filter(self, record):
        return "could not compile" not in record.getMessage()


@contextlib.contextmanager
def _quiet_fallback():
    """tf.function's warning that it runs a function eagerly is not TF's for dataset
    functions (TF traces those with unknown values): silenced while tracing one."""
    logger = tf_logging.get_logger()
    f = _NoFallbackWarning()
    logger.addFilter(f)
    try:
        yield
    finally:
        logger.removeFilter(f)


def _normalize_output(out):
    """TF's rules for a function's result: lists become tensors, nested tuples/dicts stay."""
    if isinstance(out, list):
        from .._ops import array_ops_stack

        try:
            return array_ops_stack.stack(out)
        except Exception:  # noqa: BLE001 - not stackable: as TF, a structure
            return tuple(_normalize_output(o) for o in out)
    return structure.normalize(out)


class StructuredFunction:
    """map_func / predicate / reduce_func of a transformation, with its output spec."""

    def __init__(self, func, transformation_name, input_structure, eager=False):
        self._func = func
        self._name = transformation_name
        self._in_spec = input_structure
        self._flat_in = nest.flatten(input_structure)
        self._unpack = _should_unpack(input_structure)
        convert = function_lib._autograph_convert
        self._converted = convert(func) if convert is not None else func
        # Strings, composites, and inputs of unknown rank (a py_function's results): eagerly.
        self._eager = eager or function_lib.context.functions_run_eagerly() or any(
            not isinstance(s, TensorSpec) or s.dtype is dtypes.string or s.shape.rank is None
            for s in self._flat_in)
        self._function = function_lib.Function(self._call_python, autograph=False)
        self._programs = {}  # (id(trace), batched) -> (trace, _Program, its constants)
        self._cf = None  # the trace, when the input's shapes are fully known
        self.vmappable = False
        if self._eager:
            self.output_spec = None  # known after a first call (see eager_output_spec)
            self._probe_eagerly()
            return
        probes = [_probe(s, 2) for s in self._flat_in]
        with _quiet_fallback():
            cf = self._function._concrete(tuple(probes), {})
        if not isinstance(cf, function_lib.ConcreteFunction) or cf._has_strings:
            self._eager = True  # tf.function would run it eagerly too (or has string results)
            self.output_spec = None
            self._probe_eagerly()
            return
        spec = nest.map_structure(_spec, cf._out_struct)
        if "pure_callback" in str(cf._jaxpr):
            # tf.py_function / tf.numpy_function: their results' shapes may change from one
            # element to the next, which a compiled callback can't give; run op by op.
            self._eager = True
            self.output_spec = spec
            return
        if any(not s.shape.is_fully_defined() for s in self._flat_in):
            # Which output dimensions follow the unknown input ones: trace once more, quietly.
            try:
                with contextlib.redirect_stdout(tf_logging.HeldStdout()):
                    cf3 = self._function._concrete(tuple(_probe(s, 3) for s in self._flat_in),
                                                   {})
                spec = nest.map_structure(_relax, spec,
                                          nest.map_structure(_spec, cf3._out_struct))
            except Exception:  # noqa: BLE001 - the first trace's shapes stand
                pass
        elif _plain(cf):
            self._cf = cf
            self.vmappable = (not cf._written and all(isinstance(s, TensorSpec) for s in
                                                      nest.flatten(spec)) and
                              not any(k in str(cf._jaxpr) for k in _NOT_VMAPPABLE))
        self.output_spec = spec

    def _probe_eagerly(self):
        """The output structure from a call on placeholder values (zeros, empty strings), as
        TF's trace would give it; a function that fails on those learns it from real input."""
        try:
            specs = []
            for fill, size in ((0, 2), (1, 3)):
                # Two values, two lengths: dimensions that follow them are unknown.
                probes = [_probe(s, size, fill) if s.dtype is not dtypes.string else wrap(
                    np.full([size if d is None else d for d in s.shape.as_list()], b"",
                            object)) for s in self._flat_in]
                with contextlib.redirect_stdout(tf_logging.HeldStdout()) if fill else _nothing():
                    specs.append(structure.type_spec_from_value(self._call_python(*probes)))
            self.output_spec = nest.map_structure(_relax, *specs)
        except Exception:  # noqa: BLE001 - see eager_output_spec
            self.output_spec = None

    def _call_python(self, *flat):
        args = nest.pack_sequence_as(self._in_spec, list(flat))
        out = self._converted(*args) if self._unpack else self._converted(args)
        return _normalize_output(out)

    def restart_random_streams(self) -> None:
        """Called as an iterator starts: TF's per-iterator kernels restart seeded random ops."""
        from .._ops import random_ops  # the data package loads before the op modules

        for cf in self._function._cache.values():
            random_ops.restart_streams([v for v, _ in getattr(cf, "_vars", ())])

    def call_flat(self, flat) -> list:
        """The function of one element's flat arrays, as flat arrays."""
        cf = self._cf
        if cf is not None and tuple((tuple(np.shape(a)), a.dtype) for a in flat) == (
                cf._arg_avals):
            # The trace's own computation, called with the arrays as they are (NumPy goes in
            # with the call): no tensors made, no Python frames of tf.function's.
            return self._run(cf, flat, False)
        tensors = [structure.to_tensor(v) for v in flat]
        if self._eager:
            out = self._call_python(*tensors)
            if self.output_spec is None:
                self.output_spec = structure.type_spec_from_value(out)
            return structure.flat_values(out)
        if function_lib.context.tracing() is None:
            # Input shapes not known before (a batch's): the trace for these, run as above.
            with _quiet_fallback():
                cf = self._function._concrete(tuple(tensors), {})
            if isinstance(cf, function_lib.ConcreteFunction) and _plain(cf):
                return self._run(cf, [t._value for t in tensors], False)
        return structure.flat_values(self._function(*tensors))

    def _run(self, cf, arrays, batched) -> list:
        """A trace run by its shared program: per element, or vmapped over a chunk's rows."""
        key = (id(cf), batched)
        entry = self._programs.get(key)
        if entry is None:
            entry = self._programs[key] = (cf, _Program.of(cf, batched), [
                None if k >= 0 else jax.device_put(c)
                for k, c in zip(cf._const_sources, cf._consts)])
        _, program, consts = entry
        var_values = [v._value for v, _ in cf._vars]
        consts = [var_values[k] if k >= 0 else c for k, c in zip(cf._const_sources, consts)]
        outs = program(consts, arrays)
        n = cf._n_out
        if cf._written:  # as ConcreteFunction._pure_all: the Ref constants' final values
            by_var = {cf._const_sources[k]: v for k, v in zip(cf._ref_out, outs[n:])}
            for i in cf._written:
                var, value = cf._vars[i][0], by_var[i]
                var._value = value if value.dtype == var._value.dtype else value.astype(
                    var._value.dtype)
        return list(outs[:n])

    def call_eagerly(self, flat) -> list:
        """As call_flat, the Python function run op by op (its runtime errors raise)."""
        return structure.flat_values(self._call_python(*[structure.to_tensor(v) for v in flat]))

    def call_structured(self, flat):
        """As call_flat, the result as a nested structure (datasets kept)."""
        tensors = [structure.to_tensor(v) for v in flat]
        return (self._call_python if self._eager else self._function)(*tensors)

    def call_batched(self, arrays) -> list:
        """The function of a chunk of rows (leading axis), vmapped and compiled."""
        return self._run(self._cf, list(arrays), True)

    def eager_output_spec(self, input_dataset):
        """An eager function's output spec: from its values on the input's first two elements
        (dimensions that differ between them are unknown, as TF's trace would find them)."""
        if self.output_spec is None:
            specs = []
            for flat in input_dataset._iter_flat():
                self.output_spec = None
                with contextlib.redirect_stdout(tf_logging.HeldStdout()) if specs else _nothing():
                    self.call_flat(flat)
                # Output dimensions as long as an unknown input dimension is here: unknown.
                sizes = {np.shape(v)[i] for v, spec in zip(flat, self._flat_in)
                         if isinstance(spec, TensorSpec) and spec.shape.rank is not None
                         for i, d in enumerate(spec.shape.dims) if d is None}
                # Outputs shaped as an input of unknown rank: of unknown rank too, as TF's
                # shape inference leaves an elementwise op's result of one.
                unranked = {tuple(np.shape(v)) for v, spec in zip(flat, self._flat_in)
                            if isinstance(spec, TensorSpec) and spec.shape.rank is None}
                specs.append(nest.map_structure(functools.partial(
                    _unknown_dims, sizes=sizes, unranked=unranked), self.output_spec))
                if len(specs) == 2:
                    break
            if not specs:
                raise ValueError("tfshim: %s's function runs eagerly (its input has strings) "
                                 "and its input is empty, so its output structure is unknown"
                                 % self._name)
            try:
                self.output_spec = nest.map_structure(_relax, *specs)
            except (ValueError, TypeError):  # structures differ: the first element's stands
                self.output_spec = specs[0]
        return self.output_spec


def _plain(cf) -> bool:
    """Whether a trace's outputs are all plain tensors (no composite tensors, which its flat
    outputs don't rebuild) and it prints nothing (a _Program runs it)."""
    return (all(k is function_lib._TENSOR for k in cf._out_static) and not cf._host_output
            and not cf._has_strings
            and not any(function_lib._is_composite(x) for x in nest.flatten(cf._out_struct)))


class _Program:
    """The compiled evaluation of one traced program (a discharged jaxpr), per element or
    vmapped over rows, shared by every dataset function that traces to the same jaxpr: a new
    dataset of a function seen before (a new lambda, a new closure, the same map in a new
    pipeline) compiles nothing. Constants (variables, captured arrays) are arguments.

    A chunk of rows of a size not compiled yet runs padded to a compiled size up to twice
    its own, so the last, short batch of an epoch compiles no second program."""

    _cache: dict = {}  # (jaxpr text, batched) -> _Program

    @classmethod
    def of(cls, cf, batched) -> "_Program":
        text = str(cf._jaxpr)
        if cf._jaxpr.consts or "callback" in text or " at 0x" in text:
            # A Python callback (tf.py_function) or a constant the text does not show: the
            # text does not name the program.
            return cls(cf._jaxpr, batched)
        key = (text, batched)
        program = cls._cache.get(key)
        if program is None:
            if len(cls._cache) > 1024:
                cls._cache.clear()
            program = cls._cache[key] = cls(cf._jaxpr, batched)
        return program

    def __init__(self, jaxpr, batched):
        def run(consts, arrays):
            return jax_internals.eval_jaxpr(jaxpr, *consts, *arrays)

        self._batched = batched
        self._jit = jax.jit(jax.vmap(run, in_axes=(None, 0)) if batched else run)
        self._rows = set()  # chunk sizes compiled

    def __call__(self, consts, arrays):
        if not self._batched or not arrays:
            return self._jit(consts, arrays)
        n = len(arrays[0])
        rows = self._rows
        if n not in rows:
            pad = min((r for r in rows if n < r <= 2 * n), default=None)
            if pad is not None:
                # Rows repeat the last one: the function is element-wise (it vmaps).
                # Padded and cut on the host (NumPy views of CPU arrays): no JAX op to compile.
                take = np.minimum(np.arange(pad), n - 1)
                outs = self._jit(consts, [np.asarray(a)[take] for a in arrays])
                return [np.asarray(o)[:n] for o in outs]
            rows.add(n)
        return self._jit(consts, arrays)


def _spec(t):
    if isinstance(t, Tensor):
        return TensorSpec(t.shape, t.dtype)
    return structure.spec_of(t)


def _with_shape(spec, shape):
    """The spec (TensorSpec, SparseTensorSpec or RaggedTensorSpec) with another shape."""
    if isinstance(spec, TensorSpec):
        return TensorSpec(shape, spec.dtype)
    if structure.is_composite_spec(spec):
        if hasattr(spec, "ragged_rank"):
            return type(spec)(shape, spec.dtype, spec.ragged_rank, spec.row_splits_dtype)
        return type(spec)(shape, spec.dtype)
    return spec


def _unknown_dims(spec, sizes, unranked=()):
    shape = getattr(spec, "shape", None)
    if shape is None or not isinstance(spec, (TensorSpec,)) and not (
            structure.is_composite_spec(spec)) or shape.rank is None:
        return spec
    if isinstance(spec, TensorSpec) and tuple(shape.as_list()) in unranked:
        return TensorSpec(None, spec.dtype)
    return _with_shape(spec, [None if d in sizes else d for d in shape.as_list()])


def _relax(a, b):
    if isinstance(a, TensorSpec) or structure.is_composite_spec(a):
        return _with_shape(a, structure.most_specific_common(a.shape, b.shape))
    return a


def workers(num_parallel_calls) -> int:
    if num_parallel_calls is None:
        return 1
    n = int(num_parallel_calls)
    return max(1, os.cpu_count() or 1) if n == -1 else max(1, n)


def parallel_map(fn, items, n_workers: int):
    """fn over an iterator in n_workers threads, results in order (compiled JAX releases the
    GIL while it runs)."""
    if n_workers <= 1:
        yield from map(fn, items)
        return
    pool = concurrent.futures.ThreadPoolExecutor(n_workers)
    pending = []
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) > 2 * n_workers:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=False)

