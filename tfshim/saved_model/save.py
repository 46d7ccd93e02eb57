"""tf.saved_model.save (TF's saved_model/save.py): TF's directory layout, with each traced
tf.function exported as StableHLO by `jax.export`, so that loading needs no Python source.

    EXPORT_DIR/saved_model.pb        SavedModel: one MetaGraphDef with the function library,
                                     signatures and the SavedObjectGraph
    EXPORT_DIR/variables/variables.* the object's checkpoint (tfshim/train's tensor bundle)
    EXPORT_DIR/assets/

Each concrete function is a FunctionDef whose body is TF's: ReadVariableOp of the captured
variables, one XlaCallModule node holding the StableHLO module (as jax2tf writes it), then
AssignVariableOp of the variables it writes and an Identity per output. The node also carries
the `jax.export` serialization (attr `_tfshim_exported`: the module with its calling convention)
that tfshim's loader calls.
"""

from __future__ import annotations

import collections
import inspect
import os
import uuid

import jax
import numpy as np
from jax import export as jax_export

from .. import _api
from .._core import context, dtypes, function_type_utils, nest
from .._core.polymorphic_function import (
    _TENSOR,
    ConcreteFunction,
    Function,
    TensorSpec,
    _flat_args,
)
from .._core.sparse_tensor import SparseTensorSpec
from .._core.variable import Variable
from .._proto.attr_value import AttrValue
from .._proto.function import FunctionDef
from .._proto.meta_graph import MetaGraphDef, SignatureDef, TensorInfo
from .._proto.saved_model import SavedModel
from .._proto.saved_object_graph import SavedObjectGraph
from .._proto.tensor_shape import TensorShapeProto
from .._proto.types import DataType
from ..train import graph_view
from ..train.tensor_bundle import BundleWriter
from . import nested_structure_coder as coder
from .save_options import SaveOptions

SERVING_DEFAULT = "serving_default"
_PREDICT = "tensorflow/serving/predict"
_PLATFORMS = ("cpu", "cuda", "rocm", "tpu")
_uid = [0]


def _functions(obj) -> list:
    """(name, tf.function) pairs of an object: bound methods and Function attributes, as TF's
    AutoTrackable lists them for a SavedModel."""
    if isinstance(obj, (Variable, list, tuple, dict)) or not hasattr(obj, "__dict__"):
        return []
    out = {}
    for name in sorted(dir(type(obj))):
        if (not name.startswith("__") or name == "__call__") and isinstance(
                getattr(type(obj), name, None), Function):
            out[name] = getattr(obj, name)
    for name, value in vars(obj).items():
        if isinstance(value, (Function, ConcreteFunction)):
            out[name] = value
    return sorted(out.items())


def _walk(root):
    """Objects in node-id order (breadth first, functions included) with their children."""
    order, ids = [root], {id(root): 0}
    children = []
    queue = collections.deque([root])
    while queue:
        obj = queue.popleft()
        kids = graph_view.children(obj) + _functions(obj)
        children.append(kids)
        for _, child in kids:
            if id(child) not in ids:
                ids[id(child)] = len(order)
                order.append(child)
                queue.append(child)
    return order, ids, children


def _concrete_functions(fn) -> list:
    if isinstance(fn, ConcreteFunction):
        return [fn]
    candidates = list(fn._cache.values())
    if fn._input_signature is not None and not any(
            getattr(cf, "_replica", None) is not None for cf in candidates):
        # TF's: the input_signature's one trace (calls of other shapes trace nothing new),
        # where it has the signature's None dimensions (symbolic). A SparseTensorSpec's dense
        # shape is traced with size 1 for them, so there the calls' traces are saved instead,
        # as for a function without a signature (README: known deviations).
        cf = fn.get_concrete_function()
        if not isinstance(cf, ConcreteFunction) or cf._has_strings:
            return []
        sized = any(isinstance(s, SparseTensorSpec) and not s.shape.is_fully_defined()
                    for s in nest.flatten(fn._input_signature))
        candidates = [c for c in candidates if type(c) is ConcreteFunction and c is not cf]
        if not (sized and candidates):
            return [cf]
    # get_concrete_function keeps its trace under the call's key and its specs' key: once each.
    # A trace with tf.string tensors (host callbacks) has no StableHLO export: not saved.
    traces = dict.fromkeys(cf for cf in candidates
                           if isinstance(cf, ConcreteFunction) and not cf._has_strings)
    out, retraced = [], set()
    for cf in traces:
        if cf._replica is None:
            out.append(cf)
            continue
        # Traced in a strategy's replica context (one trace per replica): TF saves the function
        # traced once more outside it, its distributed variables' primary components standing
        # for them (save_context), and so does tfshim.
        key = fn._key(*cf._structure, _flat_args(*cf._structure))[:2]
        if key in retraced:
            continue
        retraced.add(key)
        st = context.thread_state()
        outer = st.replica, st.saving
        st.replica, st.saving = None, True
        try:
            saved = fn._trace(*cf._structure)
        finally:
            st.replica, st.saving = outer
        fn._trace_list.remove(saved)
        out.append(saved)
    return out


def _symbolic_retrace(fn, cf):
    """The function traced again with a symbolic dimension for each None in its
    input_signature (one program for every size, as TF's), or None where that fails."""
    sig = fn._flat_signature if isinstance(fn, Function) else None  # composites' components
    if not sig or all(s.shape.is_fully_defined() for s in sig):
        return None
    names = ["d%d_%d" % (i, j) for i, s in enumerate(sig) for j, d in
             enumerate(s.shape.as_list()) if d is None]
    symbols = iter(jax_export.symbolic_shape(", ".join(names)))
    avals = [jax.ShapeDtypeStruct(tuple(next(symbols) if d is None else d
                                        for d in s.shape.as_list()), s.dtype.as_numpy_dtype)
             for s in sig]
    try:
        args, kwargs = cf._structure
        traced = fn._trace(args, kwargs, avals, specs=list(sig))
        return traced if isinstance(traced, ConcreteFunction) else None
    except Exception:  # noqa: BLE001 - an op that needs static shapes: keep the traced shapes
        return None


def _export(cf):
    var_avals = [jax.ShapeDtypeStruct(v._value.shape, v._value.dtype) for v, _ in cf._vars]
    arg_avals = [jax.ShapeDtypeStruct(shape, dtype) for shape, dtype in cf._arg_avals]
    fn = jax.jit(cf._pure_flat)
    try:
        return jax_export.export(fn, platforms=_PLATFORMS)(*var_avals, *arg_avals)
    except Exception:  # noqa: BLE001 - a lowering only this backend has: export for it alone
        return jax_export.export(fn)(*var_avals, *arg_avals)


def _dims(shape) -> list:
    return [d if isinstance(d, (int, np.integer)) else None for d in shape]


def _spec(shape, dtype, name=None) -> TensorSpec:
    return TensorSpec(_dims(shape), dtypes.from_numpy(np.dtype(dtype)), name)


def _parameters(fn) -> list:
    """The function's parameters (a bound method's without self), as inspect gives them."""
    if not isinstance(fn, Function):
        return []
    try:
        return list(inspect.signature(fn.python_function).parameters.values())
    except (TypeError, ValueError):
        return []


def _param_names(fn) -> list:
    return [p.name for p in _parameters(fn) if p.kind not in (inspect.Parameter.VAR_POSITIONAL,
                                                              inspect.Parameter.VAR_KEYWORD)]


def _var_param(fn, kind):
    return next((p.name for p in _parameters(fn) if p.kind is kind), None)


def _defaults(fn):
    values = [p.default for p in _parameters(fn) if p.default is not inspect.Parameter.empty]
    return tuple(values) or None


def _canonical_inputs(fn, cf, exp):
    """TF's canonical input signature, (the parameters positionally with defaults applied, then
    *args's items; **kwargs's items by key), a TensorSpec for each tensor named as in the
    input_signature, else after its parameter; and, for each tensor in that order, its position
    among the traced function's tensor arguments."""
    args, kwargs = cf._structure
    raw_flat = nest.flatten((args, kwargs), expand_composites=True)
    n_vars = len(cf._vars)
    spec_at = {}
    for k, i in enumerate(cf._tensor_pos):
        aval = exp.in_avals[n_vars + k]
        spec_at[i] = (k, aval)
    params = _parameters(fn)
    try:
        bound = inspect.Signature(params).bind(*args, **kwargs)
        bound.apply_defaults()
        # *args spread into positional arguments and **kwargs into keyword ones, as TF's
        # FunctionType binds them.
        named, keywords = [], {}
        for p in params:
            value = bound.arguments[p.name]
            if p.kind is inspect.Parameter.VAR_POSITIONAL:
                named += [("%s_%d" % (p.name, j), v) for j, v in enumerate(value)]
            elif p.kind is inspect.Parameter.VAR_KEYWORD:
                keywords.update(value)
            else:
                named.append((p.name, value))
    except TypeError:
        named, keywords = [("arg_%d" % i, v) for i, v in enumerate(args)], {}
    # A name given in the input_signature names its tensor's spec (TF keeps it).
    given = [getattr(s, "name", None) for s in nest.flatten(getattr(fn, "_input_signature",
                                                                    None) or ())]
    # Tensor leaves are matched to the traced ones by identity, in order.
    positions: dict = {}
    for i in cf._tensor_pos:
        positions.setdefault(id(raw_flat[i]), []).append(i)
    order = []
    composite_specs = iter(cf._composite_specs or ())
    count = [0]  # arguments named so far: the input_signature's specs, in order

    def specs_of(name, value):
        leaves = nest.flatten(value)
        out = []
        for leaf in leaves:
            if getattr(type(leaf), "_tf_composite", False):
                # A RaggedTensor argument: its spec (the signature's), its components in order.
                for part in nest.flatten(leaf, expand_composites=True):
                    order.append(spec_at[positions[id(part)].pop(0)][0])
                # A SparseTensor's program is static in its dense shape: its own spec.
                sig_spec, own = next(composite_specs, None), leaf._type_spec
                out.append(sig_spec if sig_spec is not None
                           and sig_spec._trace_key() == own._trace_key() else own)
                count[0] += 1
                continue
            hits = positions.get(id(leaf))
            if hits:
                k, aval = spec_at[hits.pop(0)]
                given_name = given[count[0]] if count[0] < len(given) else None
                count[0] += 1
                order.append(k)
                out.append(_spec(aval.shape, aval.dtype, given_name))
            else:
                out.append(leaf)
        # Unnamed: the parameter's name, name_<key or index> inside a structure (TF's).
        return function_type_utils.named_specs(
            name, nest.pack_sequence_as(value, out) if nest.is_nested(value) else out[0])

    specs = tuple(specs_of(name, value) for name, value in named)
    kw_specs = {key: specs_of(key, keywords[key]) for key in sorted(keywords)}
    if sorted(order) != list(range(len(cf._tensor_pos))):
        raise ValueError("tf.saved_model.save: could not match the arguments of a traced "
                         "function to its parameters")
    return (specs, kw_specs), order


def _output_signature(cf, exp):
    """The outputs' structure with a TensorSpec for each tensor (Python values kept)."""
    avals = iter(exp.out_avals[:cf._n_out])
    flat = []
    for s in cf._out_static:
        if s is _TENSOR:
            a = next(avals)
            s = _spec(a.shape, a.dtype)
        flat.append(s)
    if not nest.is_nested(cf._out_struct):
        return flat[0]
    return nest.pack_sequence_as(cf._out_struct, flat)


def _attr_list(**kw) -> AttrValue:
    return AttrValue(list=AttrValue.ListValue(**kw))


def _shape(dims) -> TensorShapeProto:
    return TensorShapeProto(dim=[TensorShapeProto.Dim(size=-1 if d is None else d)
                                 for d in dims])


def _function_def(name, cf, exp, order) -> FunctionDef:
    """TF's FunctionDef for one concrete function: reads, XlaCallModule, writes, outputs.
    Its arguments come in canonical order (`order`: each one's traced position)."""
    fdef = FunctionDef()
    fdef.signature.name = name
    n_vars = len(cf._vars)
    arg_types = [dtypes.from_numpy(a.dtype).as_datatype_enum for a in exp.in_avals]
    inputs = [None] * len(order)
    for k, traced in enumerate(order):
        fdef.signature.input_arg.add(name="args_%d" % k, type=arg_types[n_vars + traced])
        inputs[traced] = "args_%d" % k
    reads = []
    for k, t in enumerate(arg_types[:n_vars]):
        resource = "readvariableop_resource_%d" % k
        fdef.signature.input_arg.add(name=resource, type=DataType.DT_RESOURCE)
        node = fdef.node_def.add(name="ReadVariableOp_%d" % k, op="ReadVariableOp",
                                 input=[resource])
        node.attr["dtype"].type = t
        reads.append("ReadVariableOp_%d:value:0" % k)
    out_types = [dtypes.from_numpy(a.dtype).as_datatype_enum for a in exp.out_avals]
    call = fdef.node_def.add(name="XlaCallModule", op="XlaCallModule", input=reads + inputs)
    call.attr["version"].i = exp.calling_convention_version
    call.attr["module"].s = exp.mlir_module_serialized
    call.attr["Tin"].CopyFrom(_attr_list(type=arg_types))
    call.attr["Tout"].CopyFrom(_attr_list(type=out_types))
    call.attr["Sout"].CopyFrom(_attr_list(shape=[_shape(_dims(a.shape))
                                                 for a in exp.out_avals]))
    call.attr["platforms"].CopyFrom(_attr_list(s=[p.upper().encode() for p in exp.platforms]))
    call.attr["dim_args_spec"].CopyFrom(_attr_list())
    call.attr["function_list"].CopyFrom(_attr_list())
    call.attr["disabled_checks"].CopyFrom(_attr_list())
    call.attr["has_token_input_output"].b = False
    call.attr["_tfshim_exported"].s = bytes(exp.serialize(vjp_order=1))  # gradients: 1st order
    for k, index in enumerate(cf._written):
        node = fdef.node_def.add(name="AssignVariableOp_%d" % k, op="AssignVariableOp",
                                 input=["readvariableop_resource_%d" % index,
                                        "XlaCallModule:output:%d" % (cf._n_out + k)])
        node.attr["dtype"].type = arg_types[index]
        fdef.control_ret["AssignVariableOp_%d" % k] = "AssignVariableOp_%d" % k
        fdef.signature.control_output.append("AssignVariableOp_%d" % k)
    for k in range(cf._n_out):
        fdef.signature.output_arg.add(name="identity_%d" % k, type=out_types[k])
        node = fdef.node_def.add(name="Identity_%d" % k, op="Identity",
                                 input=["XlaCallModule:output:%d" % k])
        node.attr["T"].type = out_types[k]
        fdef.ret["identity_%d" % k] = "Identity_%d:output:0" % k
    return fdef


def _signature_inputs(fn, args) -> list:
    """A signature's input TensorSpecs: the canonical ones, a composite's components named
    after its parameter (x, x_1, ...), as TF's signature wrapper takes them."""
    names = _param_names(fn)
    specs = []
    for k, arg in enumerate(args):
        for leaf in nest.flatten(arg):
            if isinstance(leaf, TensorSpec):
                specs.append(leaf)
            elif getattr(type(leaf), "_tf_composite", False):
                name = names[k] if k < len(names) else "arg_%d" % k
                specs += [TensorSpec(c.shape, c.dtype, name if j == 0 else "%s_%d" % (name, j))
                          for j, c in enumerate(nest.flatten(leaf, expand_composites=True))]
    return specs


def _untracked(var):
    return AssertionError(
        "Tried to export a function which references an 'untracked' resource. TensorFlow "
        "objects (e.g. tf.Variable) captured by functions must be 'tracked' by assigning them "
        "to an attribute of a tracked object or assigned to an attribute of the main object "
        "directly. Untracked variable: %r" % (var,))


def _signature_functions(obj, signatures) -> dict:
    if signatures is None:
        # TF's find_function_to_export: the root's `_default_save_signature` (a Keras model's
        # serving function), else its one function with an input_signature.
        default = getattr(obj, "_default_save_signature", None)
        candidates = [default] if isinstance(default, (Function, ConcreteFunction)) else [
            fn for _, fn in _functions(obj)
            if isinstance(fn, Function) and fn._input_signature is not None]
        if len(candidates) != 1:
            return {}
        signatures = candidates[0]
    if not isinstance(signatures, dict):
        signatures = {SERVING_DEFAULT: signatures}
    out = {}
    for key, fn in signatures.items():
        if isinstance(fn, Function):
            if fn._input_signature is None:
                raise ValueError(
                    "Function {} must have an input_signature to be used as a signature "
                    "(or pass a concrete function).".format(fn.__name__))
            fn = fn.get_concrete_function()
        if not isinstance(fn, ConcreteFunction) or fn._has_strings:  # strings: no export
            raise ValueError("Expected a TensorFlow function for which to generate a "
                             "signature, but got {}.".format(fn))
        out[key] = fn
    return out


class _Saver:
    def __init__(self, obj, signatures):
        self.obj = obj
        self.graph = SavedObjectGraph()
        self.meta = MetaGraphDef()
        self.exported = {}  # id(cf) -> (name, Exported, cf)
        self.order, self.ids, self.children = _walk(obj)
        # A Keras variable's node stands for the tf.Variable it holds (TF's
        # _export_to_saved_model_graph maps one to the other): functions capture the latter.
        for node in self.order:
            var = graph_view.saved_variable(node)
            if var is not None:
                self.ids.setdefault(id(var), self.ids[id(node)])
                # A distributed variable's node stands for its components too (functions
                # saved from a strategy capture its primary one).
                for component in getattr(var, "_values", None) or ():
                    self.ids.setdefault(id(component), self.ids[id(node)])
        self.signatures = _signature_functions(obj, signatures)

    def concrete(self, fn, cf):
        if id(cf) in self.exported:
            return self.exported[id(cf)][0]
        full = _symbolic_retrace(fn, cf) or cf
        exp = _export(full)
        _uid[0] += 1
        base = getattr(fn, "__name__", "function") if isinstance(fn, Function) else "function"
        name = "__inference_%s_%d" % (base, _uid[0])
        inputs, order = _canonical_inputs(fn, full, exp)
        self.meta.graph_def.library.function.append(_function_def(name, full, exp, order))
        saved = self.graph.concrete_functions[name]
        for var, _ in full._vars:
            if id(var) not in self.ids:
                raise _untracked(var)
            saved.bound_inputs.append(self.ids[id(var)])
        saved.canonicalized_input_signature.CopyFrom(coder.encode(inputs))
        saved.output_signature.CopyFrom(coder.encode(_output_signature(full, exp)))
        self.exported[id(cf)] = (name, exp, full, order)
        return name

    def build(self):
        for obj, kids in zip(self.order, self.children):
            node = self.graph.nodes.add()
            for name, child in kids:
                node.children.add(node_id=self.ids[id(child)], local_name=name)
            var = graph_view.saved_variable(obj)
            if var is not None:
                node.variable.dtype = var.dtype.as_datatype_enum
                node.variable.shape.CopyFrom(coder.shape_proto(var.shape))
                node.variable.trainable = var.trainable
                node.variable.name = var._shared_name
            elif isinstance(obj, (Function, ConcreteFunction)):
                fn = obj if isinstance(obj, Function) else obj._function
                names = [self.concrete(fn, cf) for cf in _concrete_functions(obj)]
                node.function.concrete_functions.extend(names)
                spec = node.function.function_spec
                params = _param_names(fn)
                spec.fullargspec.CopyFrom(coder.encode(coder.full_arg_spec(
                    params, _defaults(fn), _var_param(fn, inspect.Parameter.VAR_POSITIONAL),
                    _var_param(fn, inspect.Parameter.VAR_KEYWORD))))
                spec.is_method = False
                spec.input_signature.CopyFrom(coder.encode(
                    fn.input_signature))
            else:
                node.user_object.identifier = ("trackable_list_wrapper" if isinstance(obj, list)
                                               else "trackable_tuple_wrapper"
                                               if isinstance(obj, tuple)
                                               else "trackable_dict_wrapper"
                                               if isinstance(obj, dict)
                                               else "_generic_user_object")
                node.user_object.version.producer = 1
                node.user_object.version.min_consumer = 1
        self._signatures()
        self.meta.meta_info_def.tags.append("serve")
        self.meta.meta_info_def.tensorflow_version = "2.21.0"
        self.meta.meta_info_def.stripped_default_attrs = True
        self.meta.graph_def.versions.producer = 2129
        self.meta.object_graph_def.CopyFrom(self.graph)

    def _signatures(self):
        if not self.signatures:
            return
        root = self.graph.nodes[0]
        map_id = len(self.graph.nodes)
        root.children.add(node_id=map_id, local_name="signatures")
        sig_map = self.graph.nodes.add()
        sig_map.user_object.identifier = "signature_map"
        sig_map.user_object.version.producer = 1
        for key, cf in sorted(self.signatures.items()):
            name = self.concrete(cf._function, cf)
            _, exp, full, order = self.exported[id(cf)]
            wrapper = "__inference_signature_wrapper_%s_%d" % (key, _uid[0])
            args, _ = coder.decode(self.graph.concrete_functions[name]
                                   .canonicalized_input_signature)
            specs = _signature_inputs(cf._function, args)
            # TF's keywords: the graph's placeholder names (an input_signature's names, else
            # the parameter's: args_0, args_0_1, ... for a structure's tensors).
            names = getattr(full, "_flat_names", None)
            keywords = ([names[k] for k in order]
                        if names and len(names) == len(order) == len(specs)
                        else [s.name for s in specs])
            specs = [TensorSpec(s.shape, s.dtype, kw) for s, kw in zip(specs, keywords)]
            # The wrapper takes its inputs in the keywords' sorted order (how a call's
            # keyword arguments flatten).
            by_keyword = sorted(range(len(specs)), key=keywords.__getitem__)
            self.meta.graph_def.library.function.append(
                _function_def(wrapper, full, exp, [order[i] for i in by_keyword]))
            saved = self.graph.concrete_functions[wrapper]
            saved.CopyFrom(self.graph.concrete_functions[name])
            out = _output_signature(full, exp)
            flat_out = nest.flatten(out)
            keys = (sorted(out) if isinstance(out, dict)
                    else ["output_%d" % k for k in range(len(flat_out))])
            # TF names each output's spec by its key.
            saved.output_signature.CopyFrom(coder.encode(
                {k: TensorSpec(o.shape, o.dtype, k) for k, o in zip(keys, flat_out)}))
            saved.canonicalized_input_signature.CopyFrom(coder.encode(
                ((), {s.name: s for s in specs})))
            node = self.graph.nodes.add()
            node.bare_concrete_function.concrete_function_name = wrapper
            node.bare_concrete_function.argument_keywords.extend(s.name for s in specs)
            if len(specs) == 1:  # TF's: a one-input signature takes its input positionally
                node.bare_concrete_function.allowed_positional_arguments = 1
            sig_map.children.add(node_id=len(self.graph.nodes) - 1, local_name=key)
            sig = SignatureDef(method_name=_PREDICT)
            for s in specs:
                sig.inputs[s.name].CopyFrom(TensorInfo(
                    name="%s_%s:0" % (key, s.name), dtype=s.dtype.as_datatype_enum,
                    tensor_shape=coder.shape_proto(s.shape)))
            for k, (out_key, s) in enumerate(zip(keys, flat_out)):
                sig.outputs[out_key].CopyFrom(TensorInfo(
                    name="StatefulPartitionedCall:%d" % k, dtype=s.dtype.as_datatype_enum,
                    tensor_shape=coder.shape_proto(s.shape)))
            self.meta.signature_def[key].CopyFrom(sig)


@_api.export("saved_model.save")
def save(obj, export_dir, signatures=None, options=None):
    """tf.saved_model.save: the object's variables, tf.functions (as StableHLO) and
    signatures, in TF's SavedModel layout."""
    export_dir = os.fspath(export_dir)
    if not graph_view.is_trackable(obj) and not hasattr(obj, "__dict__"):
        raise ValueError("Expected an object of type `Trackable`, such as `tf.Module` or a "
                         "subclass of the `Trackable` class, for export. Got %s with type %s."
                         % (obj, type(obj)))
    if options is None:
        options = SaveOptions()
    saver = _Saver(obj, signatures)
    saver.build()
    saver.meta.meta_info_def.tags.extend(options.extra_tags or [])
    os.makedirs(os.path.join(export_dir, "assets"), exist_ok=True)
    graph, values = graph_view.serialize(obj)
    writer = BundleWriter(os.path.join(export_dir, "variables", "variables"))
    for key, var in values:
        writer.add(key, var.__array__(), var.dtype)
    writer.add(graph_view.OBJECT_GRAPH_KEY, np.array(graph.SerializeToString(), object),
               dtypes.string)
    writer.finish()
    model = SavedModel(saved_model_schema_version=1)
    model.meta_graphs.append(saver.meta)
    path = os.path.join(export_dir, "saved_model.pb")
    tmp = "%s.tmp%s" % (path, uuid.uuid4().hex)
    try:
        with open(tmp, "wb") as f:
            f.write(model.SerializeToString())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
