"""A user function of dataset elements (TF's data/ops/structured_function.py): converted by
AutoGraph and traced once as a tf.function (Python side effects at trace time), then called
compiled per element, or, where it vmaps, once per chunk of rows (jax.vmap of the trace).

Functions of strings (NumPy object arrays, which JAX can't trace) and functions returning
datasets run eagerly, element by element.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import io
import logging
import os

import jax
import jax.numpy as jnp
import numpy as np

from .._core import dtypes, nest, tf_logging
from .._core import polymorphic_function as function_lib
from .._core.tensor import Tensor, wrap
from .._core.tensor_spec import TensorSpec
from . import structure

_NOT_VMAPPABLE = ("random", "threefry", "callback", "rng_")


def _should_unpack(args) -> bool:
    return type(args) is tuple  # TF: a tuple element is spread over the arguments


def _probe(spec, size, fill=0):
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
        self._eager = eager or function_lib.context.functions_run_eagerly() or any(
            not isinstance(s, TensorSpec) or s.dtype is dtypes.string for s in self._flat_in)
        self._function = function_lib.Function(self._call_python, autograph=False)
        self._batched = None
        self._cf = None  # the trace, when the input's shapes are fully known
        self.vmappable = False
        if self._eager:
            self.output_spec = None  # known after a first call (see eager_output_spec)
            self._probe_eagerly()
            return
        probes = [_probe(s, 2) for s in self._flat_in]
        with _quiet_fallback():
            cf = self._function._concrete(tuple(probes), {})
        if not isinstance(cf, function_lib.ConcreteFunction):
            self._eager = True  # tf.function would run it eagerly too
            self.output_spec = None
            self._probe_eagerly()
            return
        spec = nest.map_structure(_spec, cf._out_struct)
        if any(not s.shape.is_fully_defined() for s in self._flat_in):
            # Which output dimensions follow the unknown input ones: trace once more, quietly.
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    cf3 = self._function._concrete(tuple(_probe(s, 3) for s in self._flat_in),
                                                   {})
                spec = nest.map_structure(_relax, spec,
                                          nest.map_structure(_spec, cf3._out_struct))
            except Exception:  # noqa: BLE001 - the first trace's shapes stand
                pass
        elif all(k is function_lib._TENSOR for k in cf._out_static):
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
            for fill in (0, 1):  # two values: dimensions that follow the values are unknown
                probes = [_probe(s, 2, fill) if s.dtype is not dtypes.string else wrap(
                    np.full([2 if d is None else d for d in s.shape.as_list()], b"", object))
                    for s in self._flat_in]
                with contextlib.redirect_stdout(io.StringIO()) if fill else _nothing():
                    specs.append(structure.type_spec_from_value(self._call_python(*probes)))
            self.output_spec = nest.map_structure(_relax, *specs)
        except Exception:  # noqa: BLE001 - see eager_output_spec
            self.output_spec = None

    def _call_python(self, *flat):
        args = nest.pack_sequence_as(self._in_spec, list(flat))
        out = self._converted(*args) if self._unpack else self._converted(args)
        return _normalize_output(out)

    def call_flat(self, flat) -> list:
        """The function of one element's flat arrays, as flat arrays."""
        cf = self._cf
        if cf is not None and tuple((tuple(np.shape(a)), a.dtype) for a in flat) == (
                cf._arg_avals):
            # The trace's own computation, called with the arrays as they are (NumPy goes in
            # with the call): no tensors made, no Python frames of tf.function's.
            variables = cf._vars
            outs, new = cf._run([v._value for v, _ in variables], flat)
            for k, value in zip(cf._written, new):
                variables[k][0]._value = value
            return list(outs)
        tensors = [structure.to_tensor(v) for v in flat]
        if self._eager:
            out = self._call_python(*tensors)
            if self.output_spec is None:
                self.output_spec = structure.type_spec_from_value(out)
        else:
            out = self._function(*tensors)
        return structure.flat_values(out)

    def call_eagerly(self, flat) -> list:
        """As call_flat, the Python function run op by op (its runtime errors raise)."""
        return structure.flat_values(self._call_python(*[structure.to_tensor(v) for v in flat]))

    def call_structured(self, flat):
        """As call_flat, the result as a nested structure (datasets kept)."""
        tensors = [structure.to_tensor(v) for v in flat]
        return (self._call_python if self._eager else self._function)(*tensors)

    def call_batched(self, arrays) -> list:
        """The function of a chunk of rows (leading axis), vmapped and compiled."""
        if self._batched is None:
            cf = self._cf

            def rows(var_values, arrays):
                outs, _ = cf._pure_all(list(var_values), list(arrays))
                return outs

            self._batched = jax.jit(jax.vmap(rows, in_axes=(None, 0)))
        cf = self._cf
        return list(self._batched([v._value for v, _ in cf._vars], list(arrays)))

    def eager_output_spec(self, input_dataset):
        """An eager function's output spec: from its value on the input's first element."""
        if self.output_spec is None:
            for flat in input_dataset._iter_flat():
                self.call_flat(flat)
                # Output dimensions as long as an unknown input dimension is here: unknown.
                sizes = {np.shape(v)[i] for v, spec in zip(flat, self._flat_in)
                         if isinstance(spec, TensorSpec) and spec.shape.rank is not None
                         for i, d in enumerate(spec.shape.dims) if d is None}
                if sizes:
                    self.output_spec = nest.map_structure(
                        functools.partial(_unknown_dims, sizes=sizes), self.output_spec)
                break
            else:
                raise ValueError("tfshim: %s's function runs eagerly (its input has strings) "
                                 "and its input is empty, so its output structure is unknown"
                                 % self._name)
        return self.output_spec


def _spec(t):
    if isinstance(t, Tensor):
        return TensorSpec(t.shape, t.dtype)
    return structure.spec_of(t)


def _unknown_dims(spec, sizes):
    if not isinstance(spec, TensorSpec) or spec.shape.rank is None:
        return spec
    return TensorSpec([None if d in sizes else d for d in spec.shape.as_list()], spec.dtype)


def _relax(a, b):
    if isinstance(a, TensorSpec):
        return TensorSpec(structure.most_specific_common(a.shape, b.shape), a.dtype)
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

