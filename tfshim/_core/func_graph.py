"""TF's framework/func_graph.py: FuncGraph, the graph of a function, and tf.compat.v1.placeholder.

A FuncGraph comes two ways, as TF's does:
- a traced tf.function's graph (ConcreteFunction.graph): tfshim compiles a trace to one JAX
  program, not to a TF graph; this graph is what the trace saw, recorded op by op: a Placeholder
  per tensor argument, each tfshim op under its TF op type and TF's node name, a Const per
  constant input of an op, ReadVariableOp/AssignVariableOp for variable reads and writes, an
  Identity per output. Where TF's graph differs (constants folded while tracing, control flow
  recorded flat, gradients under their ops' names) README lists it under Known deviations.
- a graph being built under `as_default()` (tf.__internal__.FuncGraph, as Keras's TF backend
  builds compute_output_spec): a JAX trace held open over the block, as a tf.function's trace is
  held over one call. Placeholders made inside are symbolic tensors over its input tracers
  (unknown dimensions symbolic), and ops on them trace, giving their output shapes and dtypes
  without running; the same recorder lists them for get_operations().
"""

from __future__ import annotations

import contextlib
import itertools
import threading

import jax
import numpy as np
from jax import export as jax_export

from .. import _api
from . import context, dtypes, jax_internals
from .tensor import SymbolicTensor, wrap
from .tensor_shape import TensorShape, as_shape

_thread = threading.local()
_symbols = itertools.count()

# A variable's handle in TF's graph (tfshim has no resource tensors; only graphs show one).
RESOURCE = dtypes.DType("resource", np.object_, 20)


def shape_of(shape) -> TensorShape:
    """A TensorShape for a traced shape: JAX's symbolic dimensions are TF's None."""
    if shape is None:
        return TensorShape(None)
    return TensorShape([d if isinstance(d, int) else None for d in shape])


def generalized(a: TensorShape, b: TensorShape) -> TensorShape:
    """The most specific shape both fit: unknown where the ranks differ, None where dims do."""
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


class GraphTensor(SymbolicTensor):
    """A tensor of a traced function's graph (an op's output): its name, shape, dtype, op."""

    def __init__(self, name: str, shape: TensorShape, dtype, op=None):
        self._name = name
        self._shape = shape
        self._dtype = dtype
        self._op = op
        self._value = jax.ShapeDtypeStruct((), dtype.as_numpy_dtype) if dtype._np.kind != "O" \
            else None
        self._id = 0

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    op = property(lambda self: self._op)
    graph = property(lambda self: self._op.graph if self._op is not None else None)
    value_index = property(lambda self: int(self._name.rsplit(":", 1)[1]))

    @property
    def ndim(self):
        return self._shape.rank

    def __str__(self):
        shape = "" if self._shape.rank is None else ", shape=%s" % (self._shape,)
        return 'Tensor("%s"%s, dtype=%s)' % (self._name, shape, self._dtype.name)


class Operation:
    """tf.Operation: one node of a traced function's graph."""

    def __init__(self, graph, name, op_type, inputs, outputs, attrs):
        self._graph = graph
        self.name = name
        self.type = op_type
        self.inputs = inputs
        self._attrs = attrs  # attr name -> (kind, value) for the NodeDef
        self.outputs = [GraphTensor(n, s, d, self) for n, s, d in outputs]

    graph = property(lambda self: self._graph)

    @property
    def node_def(self):
        return self._graph._node_def(self)

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self.name, self.type)

    def __str__(self):
        return str(self.node_def)


def _graph():
    """The FuncGraph being built under as_default() on this thread, or None."""
    return getattr(_thread, "graph", None)


def building() -> bool:
    """Whether ops on this thread build a FuncGraph (they trace, and nothing runs)."""
    return getattr(_thread, "graph", None) is not None


class FuncGraph:
    """tf.__internal__.FuncGraph (TF's FuncGraph): the graph of a function. A trace's graph
    (ConcreteFunction.graph, from its recorded nodes), or one that ops build into under
    `as_default()`. get_operations(), inputs, outputs, as_graph_def()."""

    def __init__(self, name, collections=None, capture_by_value=None,
                 structured_input_signature=None, structured_outputs=None):
        self.name = name
        self.inputs: list = []
        self.outputs: list = []
        self.structured_input_signature = structured_input_signature
        self.structured_outputs = structured_outputs
        self._trace = None  # the open JAX trace while as_default() is active
        self._state = None  # the trace state whose recorder lists the graph's nodes
        self._records: list = []
        self._output_names: list = []
        self._built = 0  # how many records _ops holds
        self._ops: list = []
        self._by_tensor: dict = {}

    @classmethod
    def _of_trace(cls, name: str, records: list, output_names: list) -> "FuncGraph":
        """A traced function's graph: its nodes, its Placeholders as inputs, its outputs."""
        graph = cls(name)
        graph._records = records
        graph._build()
        graph.inputs = [op.outputs[0] for op in graph._ops if op.type == "Placeholder"]
        graph.outputs = [graph._by_tensor[n] for n in output_names]
        return graph

    def _build(self) -> None:
        """Operations for the records made since the last call (a graph being built grows)."""
        records = self._state.graph.records if self._state is not None else self._records
        for rec in records[self._built:]:
            node, op_type, input_names, outputs, attrs = rec
            inputs = [self._by_tensor[n] for n in input_names if n in self._by_tensor]
            op = Operation(self, node, op_type, inputs, outputs, attrs)
            op._input_names = list(input_names)
            self._ops.append(op)
            for t in op.outputs:
                self._by_tensor[t.name] = t
        self._built = len(records)

    @contextlib.contextmanager
    def as_default(self):
        """Ops in the block build into this graph (a JAX trace held open, nothing runs)."""
        from .polymorphic_function import _TraceState  # it builds on this module

        outer = _graph()
        state = _TraceState(allow_creation=True)
        with jax_internals.OpenTrace(self.name) as trace, context.tracing_scope(state):
            self._trace, self._state, _thread.graph = trace, state, self
            try:
                yield self
            finally:
                self._build()
                self._trace, _thread.graph = None, outer
                self._records, self._state = state.graph.records, None

    def placeholder(self, dtype, shape=None, name=None):
        """An input of the graph being built (tf.compat.v1.placeholder inside as_default())."""
        shape = as_shape(shape)
        if shape.rank is None:
            raise NotImplementedError("tfshim's FuncGraph needs placeholders of known rank")
        dims = [d if d is not None else
                jax_export.symbolic_shape("d%d" % next(_symbols))[0] for d in shape.as_list()]
        dtype = dtypes.as_dtype(dtype)
        node = self._state.unique_name(name or "Placeholder")
        self._state.graph.placeholder(node, dims, dtype, name)
        t = wrap(self._trace.arg(dims, dtype.as_numpy_dtype), node + ":0")
        self.inputs.append(t)
        return t

    def get_operations(self) -> list:
        self._build()
        return list(self._ops)

    def get_operation_by_name(self, name: str) -> Operation:
        for op in self.get_operations():
            if op.name == name:
                return op
        raise KeyError("The name %r refers to an Operation not in the graph." % name)

    def get_tensor_by_name(self, name: str):
        self._build()
        t = self._by_tensor.get(name)
        if t is None:
            raise KeyError("The name %r refers to a Tensor which does not exist. The operation, "
                           "%r, does not exist in the graph." % (name, name.split(":")[0]))
        return t

    def _node_def(self, op):
        from .._proto import node_def  # the protos load on first use

        nd = node_def.NodeDef(name=op.name, op=op.type)
        for n in op._input_names:
            if n.startswith("^"):  # a control input
                nd.input.append(n)
                continue
            node, index = n.rsplit(":", 1)
            nd.input.append(node if index == "0" else n)
        for key, (kind, value) in op._attrs.items():
            attr = nd.attr[key]
            if kind == "type":
                attr.type = value.as_datatype_enum
            elif kind == "shape":
                attr.shape.SetInParent()
                if value.rank is None:
                    attr.shape.unknown_rank = True
                for d in value.dims or ():
                    attr.shape.dim.add(size=-1 if d is None else d)
            elif kind == "s":
                attr.s = value.encode()
            elif kind == "tensor":
                _fill_tensor_proto(attr.tensor, value)
        return nd

    def as_graph_def(self, from_version=None, add_shapes=False):
        """The graph as a GraphDef proto (see the module docstring for what it holds)."""
        from .._proto import graph

        gd = graph.GraphDef()
        for op in self.get_operations():
            gd.node.append(self._node_def(op))
        gd.versions.producer = 2474  # TF 2.21's GraphDef producer version
        return gd


# TF's make_tensor_proto: a scalar in its typed field, an array as raw bytes.
_VAL_FIELDS = {"float32": "float_val", "float64": "double_val", "int32": "int_val",
               "int16": "int_val", "int8": "int_val", "uint8": "int_val", "int64": "int64_val",
               "bool": "bool_val", "uint32": "uint32_val", "uint64": "uint64_val"}


def _fill_tensor_proto(proto, value) -> None:
    value = np.asarray(value)
    dt = dtypes.from_numpy(value.dtype)
    proto.dtype = dt.as_datatype_enum
    proto.tensor_shape.SetInParent()
    for d in value.shape:
        proto.tensor_shape.dim.add(size=d)
    field = _VAL_FIELDS.get(dt.name)
    if value.ndim == 0 and field is not None:
        getattr(proto, field).append(value.item())
    elif dt.name == "string":
        proto.string_val.extend(bytes(v) for v in value.ravel())
    else:
        proto.tensor_content = value.astype(value.dtype.newbyteorder("<")).tobytes()


class GraphRecorder:
    """What a trace records for its graph: nodes in the order the trace made them."""

    def __init__(self, unique_name):
        self.records: list = []
        self._unique_name = unique_name
        self._var_handles: dict = {}  # variable id -> its resource placeholder's tensor name

    def placeholder(self, name: str, shape, dtype, user_name=None) -> None:
        self.records.append((name, "Placeholder", [], [(name + ":0", shape_of(shape), dtype)],
                             {"shape": ("shape", shape_of(shape)), "dtype": ("type", dtype),
                              "_user_specified_name": ("s", user_name or name)}))

    def op(self, node: str, op_type: str, inputs, params, outputs, statics=()) -> None:
        """An op's node; `inputs` are its input tensors, `params` their parameter names,
        `statics` (TF's input name, value) of static arguments TF takes as Const inputs."""
        names = []
        attr_t = None
        for t, param in zip(inputs, params):
            if type(t) is SymbolicTensor and t._name:
                names.append(t._name)
            else:  # a constant input: TF's Const node under the op's name scope
                names.append(self._const("%s/%s" % (node, param), t._value))
            attr_t = attr_t or dtypes.from_numpy(t._value.dtype)
        rank = len(inputs[0]._value.shape) if inputs else 0
        for tf_name, value in statics:
            if value is None:  # TF's defaults: all axes (an unscoped Const), reversed axes
                if tf_name == "reduction_indices":
                    names.append(self._const("Const", np.arange(rank, dtype=np.int32)))
                elif tf_name == "perm":
                    names.append(self._const("%s/perm" % node,
                                             np.arange(rank - 1, -1, -1, dtype=np.int32)))
                continue
            tensor = hasattr(value, "_value")
            value = np.asarray(value._value if tensor else value)
            if value.dtype.kind == "i" and not tensor and value.dtype != np.int32:
                value = value.astype(np.int32)  # Python ints convert to int32, as TF's
            names.append(self._const("%s/%s" % (node, tf_name), value))
        outs = [(t._name, shape_of(t._value.shape), dtypes.from_numpy(t._value.dtype))
                for t in outputs if type(t) is SymbolicTensor]
        self.records.append((node, op_type, names, outs,
                             {"T": ("type", attr_t)} if attr_t is not None else {}))

    def _handle(self, var, node: str) -> str:
        """The variable's resource placeholder, named after the first op that uses it."""
        handle = self._var_handles.get(var._id)
        if handle is None:
            hname = self._unique_name(node + "/resource")
            self.records.append((hname, "Placeholder", [], [
                (hname + ":0", TensorShape([]), RESOURCE)],
                {"shape": ("shape", TensorShape([])), "dtype": ("type", RESOURCE),
                 "_user_specified_name": ("s", "resource")}))
            handle = self._var_handles[var._id] = hname + ":0"
        return handle

    def _const(self, base: str, value) -> str:
        const = self._unique_name(base)
        dt = dtypes.from_numpy(value.dtype)
        try:
            value = np.asarray(value)
        except Exception:  # noqa: BLE001 - a value known only when the program runs
            value = None
        attrs = {"dtype": ("type", dt)}
        if value is not None:
            attrs = {"value": ("tensor", value), "dtype": ("type", dt)}
        self.records.append((const, "Const", [], [(const + ":0", shape_of(np.shape(value)),
                                                   dt)], attrs))
        return const + ":0"

    def read_variable(self, var, value) -> str:
        node = self._unique_name("ReadVariableOp")
        handle = self._handle(var, node)
        dt = dtypes.from_numpy(value.dtype)
        self.records.append((node, "ReadVariableOp", [handle], [
            (node + ":0", shape_of(value.shape), dt)], {"dtype": ("type", dt)}))
        return node + ":0"

    def write_variable(self, var, value, op_type, source) -> None:
        """An assign op (AssignVariableOp, AssignAddVariableOp, ...) of `source`'s tensor (a
        Python value is TF's Const)."""
        dt = dtypes.from_numpy(value.dtype)
        inputs = []
        if type(source) is SymbolicTensor and source._name:
            inputs.append(source._name)
        elif source is not None and not isinstance(source, SymbolicTensor):
            inputs.append(self._const("Const", np.asarray(source, dt.as_numpy_dtype)))
        node = self._unique_name(op_type)
        self.records.append((node, op_type, [self._handle(var, node)] + inputs, [],
                             {"dtype": ("type", dt)}))

    def outputs(self, tensors) -> list:
        """Identity nodes for the function's outputs (Identity, Identity_1, ...), as TF's."""
        names = []
        # TF's NoOp carries the variable ops' control dependencies; outputs wait for it.
        stateful = [r[0] for r in self.records
                    if r[1] in ("ReadVariableOp", "AssignVariableOp")]
        control = ["^" + self._unique_name("NoOp")] if stateful else []
        for t in tensors:
            node = self._unique_name("Identity")
            src = t._name if type(t) is SymbolicTensor and t._name else None
            dt = dtypes.from_numpy(t._value.dtype)
            self.records.append((node, "Identity", ([src] if src else []) + control, [
                (node + ":0", t.shape if type(t) is SymbolicTensor else shape_of(
                    t._value.shape), dt)], {"T": ("type", dt)}))
            names.append(node + ":0")
        if stateful:
            self.records.append((control[0][1:], "NoOp", ["^" + n for n in stateful], [], {}))
        return names


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
