"""tf.__internal__.FuncGraph and tf.compat.v1.placeholder: a graph being built under
`as_default()` (TF's framework/func_graph.py FuncGraph, as Keras uses it; func_graph.py holds the
recorded graph of a traced tf.function).

A FuncGraph is TF's graph of a function being built. tfshim's is a JAX trace held open over
`with graph.as_default():` (as a tf.function's trace is held over one call): placeholders made
inside are symbolic tensors over its input tracers, unknown (None) dimensions symbolic, and ops
on them trace, giving their output shapes and dtypes without running. Keras's TF backend builds
its compute_output_spec this way.
"""

from __future__ import annotations

import contextlib
import itertools
import threading

from jax import export as jax_export

from .. import _api
from . import context, dtypes, jax_internals
from .tensor import wrap
from .tensor_shape import as_shape

_thread = threading.local()
_symbols = itertools.count()


def _graph():
    return getattr(_thread, "graph", None)


class FuncGraph:
    """tf.__internal__.FuncGraph: a graph ops build into under `as_default()`."""

    def __init__(self, name, collections=None, capture_by_value=None,
                 structured_input_signature=None, structured_outputs=None):
        self.name = name
        self.inputs: list = []
        self.outputs: list = []
        self.structured_input_signature = structured_input_signature
        self.structured_outputs = structured_outputs
        self._trace = None

    @contextlib.contextmanager
    def as_default(self):
        from .polymorphic_function import _TraceState  # it builds on this module's siblings

        outer = _graph()
        with jax_internals.OpenTrace(self.name) as trace, \
                context.tracing_scope(_TraceState(allow_creation=True)):
            self._trace, _thread.graph = trace, self
            try:
                yield self
            finally:
                self._trace, _thread.graph = None, outer

    def placeholder(self, dtype, shape=None, name=None):
        shape = as_shape(shape)
        if shape.rank is None:
            raise NotImplementedError("tfshim's FuncGraph needs placeholders of known rank")
        dims = [d if d is not None else
                jax_export.symbolic_shape("d%d" % next(_symbols))[0] for d in shape.as_list()]
        dtype = dtypes.as_dtype(dtype)
        t = wrap(self._trace.arg(dims, dtype.as_numpy_dtype), (name or "Placeholder") + ":0")
        self.inputs.append(t)
        return t


@_api.export("compat.v1.placeholder")
def placeholder(dtype, shape=None, name=None):
    """tf.compat.v1.placeholder: an input of the FuncGraph being built (TF's RuntimeError in
    eager mode, as TF 2 gives it outside a graph)."""
    graph = _graph()
    if graph is None:
        raise RuntimeError("tf.placeholder() is not compatible with eager execution.")
    return graph.placeholder(dtype, shape, name)


@_api.export("compat.v1.reset_default_graph")
def reset_default_graph():
    """tf.compat.v1.reset_default_graph: TF 2's eager mode has no graph to clear (Keras's
    clear_session calls it); inside a graph being built, TF's AssertionError."""
    if _graph() is not None or context.tracing() is not None:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
