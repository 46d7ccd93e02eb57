"""tf.saved_model.load (TF's saved_model/load.py): the objects of a SavedModel rebuilt from its
SavedObjectGraph, variables restored from its checkpoint, functions called through the
`jax.export` modules that tfshim's save wrote (no Python source needed)."""

from __future__ import annotations

import inspect
import os

import numpy as np
from google.protobuf.message import DecodeError
from jax import export as jax_export

from .. import _api
from .._core import dtypes, nest, tape
from .._core.autotrackable import AutoTrackable
from .._core.convert import convert_to_tensor
from .._core.errors import DataLossError, UnimplementedError
from .._core.tensor import wrap
from .._core.tensor_spec import TensorSpec
from .._core.variable import Variable
from .._proto.saved_model import SavedModel
from .._proto.trackable_object_graph import TrackableObjectGraph
from ..train import graph_view, restore
from ..train.tensor_bundle import BundleReader
from . import nested_structure_coder as coder

_BY_ENUM = {d.as_datatype_enum: d for d in dtypes.ALL}


class _UserObject(AutoTrackable):
    """A restored object: its saved children as attributes (tracked, lists and dicts as TF's
    wrappers), as TF's _UserObject."""


class _CallableUserObject(_UserObject):
    """A restored object that was callable: its saved `__call__` function is called."""

    def __call__(self, *args, **kwargs):
        return self.__dict__["__call__"](*args, **kwargs)


class _ExportedFn:
    """A loaded function's outputs as a function of (variables, arguments), recorded on tapes."""

    __slots__ = ("exp", "n_out", "__weakref__")

    def __init__(self, exp, n_out):
        self.exp = exp
        self.n_out = n_out

    def __call__(self, *arrays):
        return tuple(self.exp.call(*arrays)[:self.n_out])

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return other is self


def _graph_error(fdef):
    ops = sorted({n.op for n in fdef.node_def})
    return UnimplementedError(
        None, None, "The SavedModel function %s is a TensorFlow graph (ops: %s); tfshim runs "
        "SavedModel functions written as StableHLO (XlaCallModule with a jax.export module, as "
        "tfshim's tf.saved_model.save writes them), not TensorFlow graphs. Its variables were "
        "restored." % (fdef.signature.name, ", ".join(ops)))


class _ConcreteFunction:
    """One restored concrete function."""

    def __init__(self, fdef, saved, variables):
        self.name = fdef.signature.name
        self._variables = variables
        self._args, self._kwargs = coder.decode(saved.canonicalized_input_signature)
        self.structured_input_signature = (self._args, self._kwargs)
        self.structured_outputs = coder.decode(saved.output_signature)
        self._n_out = len(fdef.signature.output_arg)
        call = next((n for n in fdef.node_def if n.op == "XlaCallModule"
                     and "_tfshim_exported" in n.attr), None)
        self._error = _graph_error(fdef) if call is None else None
        self._exp = None if call is None else jax_export.deserialize(
            bytearray(call.attr["_tfshim_exported"].s))
        self._written = [int(n.input[0].rsplit("_", 1)[1]) for n in fdef.node_def
                         if n.op == "AssignVariableOp"]
        # The module takes the arguments in traced order: the node names them ("args_K").
        self._order = [] if call is None else [
            int(i.rsplit("_", 1)[1]) for i in call.input if i.startswith("args_")]
        self._fn = None if call is None else _ExportedFn(self._exp, self._n_out)

    variables = property(lambda self: tuple(self._variables))
    trainable_variables = property(lambda self: tuple(v for v in self._variables
                                                      if v.trainable))

    def _bind(self, args, kwargs):
        """The call's tensors in the saved order, or None where they don't fit."""
        if len(args) > len(self._args):
            return None
        kwargs = dict(kwargs)
        for spec in self._args[len(args):]:
            name = getattr(spec, "name", None)
            if name not in kwargs:
                return None
            args = args + (kwargs.pop(name),)
        if set(kwargs) != set(self._kwargs):
            return None
        structure = (tuple(self._args), self._kwargs)
        try:  # a list of numbers for a TensorSpec is one value
            flat = nest.flatten_up_to(structure, (tuple(args),
                                                  {k: kwargs[k] for k in self._kwargs}))
        except (TypeError, ValueError):
            return None
        specs = nest.flatten(structure)
        tensors = []
        for value, spec in zip(flat, specs):
            if isinstance(spec, TensorSpec):
                try:
                    t = convert_to_tensor(value, spec.dtype)
                except (TypeError, ValueError):
                    return None
                if not spec.is_compatible_with(t):
                    return None
                tensors.append(t)
            elif getattr(type(spec), "_tf_type_spec", False):
                # A composite argument (RaggedTensor): its components, if its spec fits.
                if not (getattr(type(value), "_tf_composite", False)
                        and spec.is_compatible_with(value)):
                    return None
                tensors += nest.flatten(value, expand_composites=True)
            elif value != spec:
                return None
        return tensors

    def _call(self, tensors):
        if self._error is not None:
            raise self._error
        var_tensors = [v._read() if tape.active() else None for v in self._variables]
        var_values = [v._value for v in self._variables]
        tensors = [tensors[k] for k in self._order]
        res = self._exp.call(*var_values, *[t._value for t in tensors])
        outputs = tuple(wrap(o) for o in res[:self._n_out])
        if tape.active():
            tape.record(self._fn, tuple(var_tensors) + tuple(tensors), outputs)
        for index, value in zip(self._written, res[self._n_out:]):
            self._variables[index]._value = value
        it = iter(outputs)
        flat = [next(it) if isinstance(s, TensorSpec) else s
                for s in nest.flatten(self.structured_outputs)]
        if not nest.is_nested(self.structured_outputs):
            return flat[0]
        return nest.pack_sequence_as(self.structured_outputs, flat)

    def __call__(self, *args, **kwargs):
        tensors = self._bind(tuple(args), kwargs)
        if tensors is None:
            raise TypeError("%s: the arguments %r, %r do not match its input signature %r"
                            % (self.name, args, kwargs, self.structured_input_signature))
        return self._call(tensors)


class _Function:
    """A restored tf.function: calls the concrete function whose signature fits."""

    def __init__(self, concrete, input_signature, fullargspec):
        self.concrete_functions = concrete
        self.input_signature = input_signature
        spec = fullargspec if isinstance(fullargspec, dict) else {}
        defaults = spec.get("defaults") or ()
        names = spec.get("args") or []
        params = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    default=(defaults[i - len(names) + len(defaults)]
                                             if i >= len(names) - len(defaults)
                                             else inspect.Parameter.empty))
                  for i, n in enumerate(names)]
        if spec.get("varargs"):
            params.append(inspect.Parameter(spec["varargs"], inspect.Parameter.VAR_POSITIONAL))
        if spec.get("varkw"):
            params.append(inspect.Parameter(spec["varkw"], inspect.Parameter.VAR_KEYWORD))
        self._signature = inspect.Signature(params) if params else None

    def _canonical(self, args, kwargs):
        if self._signature is None:
            return tuple(args), kwargs
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError:
            return tuple(args), kwargs
        bound.apply_defaults()
        # *args spread into positional arguments, **kwargs into keyword ones (as saved).
        args, kwargs = [], {}
        for p in self._signature.parameters.values():
            value = bound.arguments[p.name]
            if p.kind is inspect.Parameter.VAR_POSITIONAL:
                args += value
            elif p.kind is inspect.Parameter.VAR_KEYWORD:
                kwargs.update(value)
            else:
                args.append(value)
        return tuple(args), kwargs

    def _find(self, args, kwargs):
        args, kwargs = self._canonical(args, kwargs)
        for cf in self.concrete_functions:
            tensors = cf._bind(args, kwargs)
            if tensors is not None:
                return cf, tensors
        return None, None

    def get_concrete_function(self, *args, **kwargs):
        cf, _ = self._find(args, kwargs)
        if cf is None and not args and not kwargs and self.concrete_functions:
            cf = self.concrete_functions[0]
        if cf is None:
            raise ValueError("Could not find matching concrete function to call loaded from "
                             "the SavedModel.")
        return cf

    def __call__(self, *args, **kwargs):
        cf, tensors = self._find(args, kwargs)
        if cf is not None:
            return cf._call(tensors)
        expected = "\n".join("  Option %d:\n    Positional arguments (%d total):\n      * %s\n"
                             "    Keyword arguments: %s" % (
                                 i + 1, len(cf._args), "\n      * ".join(map(repr, cf._args)),
                                 cf._kwargs)
                             for i, cf in enumerate(self.concrete_functions))
        raise ValueError(
            "Could not find matching concrete function to call loaded from the SavedModel. "
            "Got:\n  Positional arguments (%d total):\n    * %s\n  Keyword arguments: %s\n\n "
            "Expected these arguments to match one of the following %d option(s):\n\n%s"
            % (len(args), "\n    * ".join(map(repr, args)), kwargs,
               len(self.concrete_functions), expected))


class _SignatureFunction:
    """A signature: keyword arguments in, a dict of named outputs out."""

    def __init__(self, cf, keywords, positional=0):
        self._cf = cf
        self._keywords = list(keywords)
        self._positional = positional
        self.structured_outputs = cf.structured_outputs
        self.structured_input_signature = cf.structured_input_signature

    variables = property(lambda self: self._cf.variables)

    def __call__(self, *args, **kwargs):
        if args:
            # The first `allowed_positional_arguments` keywords may come positionally (TF saves
            # 1 for a one-input signature: a Keras model's serving_default(x)).
            if len(args) <= self._positional and not set(kwargs) & set(self._keywords[:len(args)]):
                return self._cf(**dict(zip(self._keywords, args)), **kwargs)
            specs = self.structured_input_signature[1]
            raise TypeError(
                "Binding inputs to tf.function failed due to `too many positional arguments`. "
                "Received args: %r and kwargs: %r for signature: (*, %s) -> Dict[%s].\nFallback "
                "to flat signature also failed due to: signature_wrapper(%s) takes 0 positional "
                "arguments, got %d." % (args, kwargs, ", ".join(
                    "%s: %r" % (k, specs[k]) for k in self._keywords), ", ".join(
                    "[%r, %r]" % item for item in self.structured_outputs.items()),
                    ", ".join(self._keywords), len(args)))
        return self._cf(**kwargs)


def _variable(saved):
    dtype = _BY_ENUM[saved.dtype]
    shape = [max(d.size, 0) for d in saved.shape.dim]
    value = (np.full(shape, b"", dtype=object) if dtype is dtypes.string
             else np.zeros(shape, dtype.as_numpy_dtype))
    return Variable(value, trainable=saved.trainable, name=saved.name or None, dtype=dtype)


def _read_model(export_dir):
    path = os.path.join(export_dir, "saved_model.pb")
    if not os.path.isfile(path):
        raise OSError("SavedModel file does not exist at: %s%s{saved_model.pbtxt|saved_model.pb}"
                      % (export_dir, os.sep))
    with open(path, "rb") as f:
        data = f.read()
    try:
        return SavedModel.FromString(data)
    except DecodeError:
        raise DataLossError(None, None, "Can't parse %s as binary proto" % path) from None


@_api.export("saved_model.load")
def load(export_dir, tags=None, options=None):
    """tf.saved_model.load: the saved object, with its variables and functions."""
    export_dir = os.fspath(export_dir)
    model = _read_model(export_dir)
    meta = model.meta_graphs[0]
    if tags is not None and not isinstance(tags, set):
        tags = [tags] if isinstance(tags, str) else list(tags)
    if tags is not None and len(model.meta_graphs) == 1 and meta.HasField("object_graph_def"):
        if set(tags) != set(meta.meta_info_def.tags):
            raise ValueError(
                f"Got an incompatible argument to `tags`: {tags}. The SavedModel at "
                f"{export_dir} has one MetaGraph with tags {meta.meta_info_def.tags}. You may "
                "omit the argument, pass 'None', or pass matching tags.")
    elif tags is not None:
        want = set(tags)
        meta = next((m for m in model.meta_graphs if set(m.meta_info_def.tags) == want), None)
        if meta is None:
            raise RuntimeError("MetaGraphDef associated with tags %r could not be found in "
                               "SavedModel, with available tags '%s'."
                               % (sorted(want), [list(m.meta_info_def.tags)
                                                 for m in model.meta_graphs]))
    graph = meta.object_graph_def
    library = {f.signature.name: f for f in meta.graph_def.library.function}
    objects: dict = {}

    def build(node_id):
        if node_id in objects:
            return objects[node_id]
        node = graph.nodes[node_id]
        kind = node.WhichOneof("kind")
        if kind == "variable":
            obj = objects[node_id] = _variable(node.variable)
        elif kind in ("function", "bare_concrete_function"):
            obj = objects[node_id] = _restore_function(node, kind, graph, library, build)
        elif kind == "user_object" and node.user_object.identifier in (
                "trackable_list_wrapper", "trackable_tuple_wrapper"):
            items = [build(c.node_id) for c in sorted(node.children,
                                                      key=lambda c: int(c.local_name))]
            tuple_ = node.user_object.identifier == "trackable_tuple_wrapper"
            obj = objects[node_id] = tuple(items) if tuple_ else items
        elif kind == "user_object" and node.user_object.identifier == "trackable_dict_wrapper":
            obj = objects[node_id] = {}
            obj.update((c.local_name, build(c.node_id)) for c in node.children)
        elif kind == "user_object" and node.user_object.identifier == "signature_map":
            obj = objects[node_id] = {}
            obj.update((c.local_name, build(c.node_id)) for c in node.children)
        else:
            callable_ = any(c.local_name == "__call__" for c in node.children)
            obj = objects[node_id] = (_CallableUserObject if callable_ else _UserObject)()
            for child in node.children:
                setattr(obj, child.local_name, build(child.node_id))
        return obj

    root = build(0)
    if options is not None and options.experimental_skip_checkpoint:
        return root
    reader = BundleReader(os.path.join(export_dir, "variables", "variables"))
    checkpoint_graph = TrackableObjectGraph.FromString(
        bytes(reader.tensor(graph_view.OBJECT_GRAPH_KEY)[()]))
    restore.Coordinator(reader, checkpoint_graph, export_dir).match([(0, root)])
    return root


def _restore_function(node, kind, graph, library, build):
    def concrete(name):
        saved = graph.concrete_functions[name]
        variables = [build(i) for i in saved.bound_inputs]
        return _ConcreteFunction(library[name], saved, variables)

    if kind == "bare_concrete_function":
        bare = node.bare_concrete_function
        return _SignatureFunction(concrete(bare.concrete_function_name),
                                  bare.argument_keywords, bare.allowed_positional_arguments)
    spec = node.function.function_spec
    signature = coder.decode(spec.input_signature) if spec.HasField("input_signature") else None
    return _Function([concrete(n) for n in node.function.concrete_functions], signature,
                     coder.decode(spec.fullargspec))
