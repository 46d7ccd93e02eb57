"""A concrete function's type (TF's core/function/polymorphism/function_type.py and
polymorphic_function/function_type_utils.py): its parameters with their type constraints, its
output type and captures; the texts TF prints for them; binding a call to them, with TF's
errors."""

from __future__ import annotations

import collections
import inspect

import jax.numpy as jnp
import numpy as np

from . import nest
from .convert import convert_to_tensor
from .tensor import Tensor, wrap
from .tensor_spec import TensorSpec
from .type_spec import TypeSpec

_KIND_NAMES = {inspect.Parameter.POSITIONAL_ONLY: "POSITIONAL_ONLY",
               inspect.Parameter.POSITIONAL_OR_KEYWORD: "POSITIONAL_OR_KEYWORD",
               inspect.Parameter.KEYWORD_ONLY: "KEYWORD_ONLY"}


def type_text(value) -> str:
    """TF's text for a type constraint: TensorSpec(...) (no name), Literal[...], List[...],
    Tuple[...], Dict[[key, ...], ...]."""
    if isinstance(value, (TensorSpec, VariableSpec)):
        return repr(value)
    if hasattr(value, "_type_spec") or hasattr(type(value), "_tf_composite"):
        return repr(getattr(value, "_type_spec", value))
    if isinstance(value, list):
        return "List[%s]" % ", ".join(type_text(v) for v in value)
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return "Tuple[%s]" % ", ".join(type_text(v) for v in value)
    if isinstance(value, dict):
        return "Dict[%s]" % ", ".join("[%r, %s]" % (k, type_text(v))
                                      for k, v in value.items())
    if hasattr(value, "_fields"):  # a namedtuple
        return "%s[%s]" % (type(value).__name__, ", ".join(
            "[%r, %s]" % (f, type_text(getattr(value, f))) for f in value._fields))
    return "Literal[%r]" % (value,)


def spec_value(spec):
    """A tensor that stands for a TensorSpec's placeholder: zeros (empty strings for
    tf.string), None dimensions 1, an unknown rank a scalar."""
    shape = [1 if d is None else d for d in spec.shape.as_list()] if spec.shape.rank is not None \
        else []
    if spec.dtype._np.kind == "O":  # tf.string: a host array, as eager string tensors are
        return wrap(np.full(shape, b"", object))
    return wrap(jnp.zeros(shape, spec.dtype.as_numpy_dtype))


def is_composite_spec(x) -> bool:
    """A TypeSpec of a composite tensor made of tensors (RaggedTensorSpec, SparseTensorSpec)."""
    if not isinstance(x, TypeSpec):
        return False
    try:
        parts = nest.flatten(x._component_specs, expand_composites=True)
    except NotImplementedError:
        return False
    return all(isinstance(p, TensorSpec) for p in parts)


def spec_placeholder(x):
    """What stands for a get_concrete_function argument in its trace: a TensorSpec's tensor,
    a composite spec's value built from its components' tensors, anything else itself."""
    if isinstance(x, TensorSpec):
        return spec_value(x)
    if not is_composite_spec(x):
        return x
    if hasattr(x, "_placeholder_value"):
        return x._placeholder_value()
    parts = nest.flatten(x._component_specs, expand_composites=True)
    return x._from_components(nest.pack_sequence_as(
        x._component_specs, [spec_value(p) for p in parts], expand_composites=True))


def component_specs(leaves) -> list:
    """The TensorSpec of each tensor in `leaves` (specs, tensors, composites and Python values),
    in the order nest.flatten(expand_composites=True) gives the tensors: a composite spec's
    component specs, a composite value's components' and a tensor's own."""
    out = []
    for x in leaves:
        if isinstance(x, TensorSpec):
            out.append(x)
        elif is_composite_spec(x):
            out += nest.flatten(x._component_specs, expand_composites=True)
        elif isinstance(x, (Tensor, np.ndarray)) or getattr(type(x), "_tf_composite", False):
            out += [TensorSpec.from_tensor(convert_to_tensor(t))
                    for t in nest.flatten(x, expand_composites=True)
                    if isinstance(t, (Tensor, np.ndarray))]
    return out


def component_positions(leaves) -> set:
    """The positions, among component_specs(leaves), of composite specs' components."""
    out, n = set(), 0
    for x in leaves or ():
        k = len(component_specs([x]))
        if is_composite_spec(x):
            out.update(range(n, n + k))
        n += k
    return out


def composite_keys(structure) -> tuple:
    """The trace keys of the composite tensors in structure (TypeSpec._trace_key): a trace
    made for others does not serve them (ConcreteFunction calls), or traces with an input
    signature share them (Function._key); a count where there are none."""
    keys = tuple(x._type_spec._trace_key() for x in nest.flatten(structure)
                 if getattr(type(x), "_tf_composite", False))
    return keys or len(nest.flatten(structure))


class VariableSpec:
    """A tf.Variable argument's type in a concrete function's signature (TF's
    resource_variable_ops.VariableSpec): shape, dtype, trainable and an alias id (the same
    variable passed twice has one id)."""

    __slots__ = ("shape", "dtype", "trainable", "alias_id")

    def __init__(self, shape, dtype, trainable=True, alias_id=None):
        self.shape, self.dtype, self.trainable, self.alias_id = shape, dtype, trainable, alias_id

    def is_compatible_with(self, value) -> bool:
        return (hasattr(value, "assign") and value.dtype is self.dtype
                and self.shape.is_compatible_with(value.shape))

    def __repr__(self):
        return "VariableSpec(shape=%s, dtype=%r, trainable=%s, alias_id=%s)" % (
            self.shape, self.dtype, self.trainable, self.alias_id)


def _sorted_keys(d):
    try:
        return sorted(d)
    except TypeError:
        return list(d)


class Parameter(inspect.Parameter):
    """A FunctionType's parameter: its kind and type constraint (TF's function_type.Parameter)."""

    __slots__ = ("_optional", "_type_constraint")

    def __init__(self, name, kind, optional, type_constraint):
        super().__init__(name, kind)
        self._optional = optional
        self._type_constraint = type_constraint

    optional = property(lambda self: self._optional)
    type_constraint = property(lambda self: self._type_constraint)

    def __repr__(self):
        return "Parameter(name=%s, kind=%s, optional=%s, type_constraint=%s)" % (
            self.name, _KIND_NAMES.get(self.kind, self.kind), self._optional,
            type_text(self._type_constraint))


class FunctionType(inspect.Signature):
    """tf.types.experimental.FunctionType: a concrete function's parameters, output and
    captures. str() is TF's one-line signature; repr() TF's "Input Parameters:" text."""

    __slots__ = ("_output", "_captures")

    def __init__(self, parameters, output=None, captures=None):
        super().__init__(parameters)
        self._output = output
        self._captures = collections.OrderedDict(captures or ())

    output = property(lambda self: self._output)
    captures = property(lambda self: self._captures)

    def __str__(self):
        parts = []
        star = False
        for p in self.parameters.values():
            if p.kind is inspect.Parameter.KEYWORD_ONLY and not star:
                parts.append("*")
                star = True
            parts.append("%s: %s" % (p.name, type_text(p.type_constraint)))
        return "(%s) -> %s" % (", ".join(parts), type_text(self._output))

    def pretty_text(self) -> str:
        lines = ["Input Parameters:"]
        for p in self.parameters.values():
            lines.append("  %s (%s): %s" % (p.name, _KIND_NAMES.get(p.kind, p.kind),
                                            type_text(p.type_constraint)))
        lines += ["Output Type:", "  " + type_text(self._output), "Captures:"]
        if self._captures:
            lines += ["  %d: %s" % (k, v) for k, v in self._captures.items()]
        else:
            lines.append("  None")
        return "\n".join(lines)

    __repr__ = pretty_text


def canonical_arguments(python_function, args, kwargs):
    """(name, kind, value) per parameter of `python_function` for a call, defaults filled in,
    *args and **kwargs spread into their own entries, as TF's function type lists them."""
    try:
        sig = inspect.signature(python_function)
        bound = sig.bind(*args, **kwargs)
    except (TypeError, ValueError):
        return [("args_%d" % i, inspect.Parameter.POSITIONAL_ONLY, a)
                for i, a in enumerate(args)] + [
            (k, inspect.Parameter.KEYWORD_ONLY, v) for k, v in kwargs.items()]
    bound.apply_defaults()
    out = []
    # Before *args, parameters are positional-only (TF's FunctionType).
    star = any(p.kind is p.VAR_POSITIONAL for p in sig.parameters.values())
    for name, value in bound.arguments.items():
        kind = sig.parameters[name].kind
        if star and kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            kind = inspect.Parameter.POSITIONAL_ONLY
        if kind is inspect.Parameter.VAR_POSITIONAL:
            out += [("%s_%d" % (name, i), inspect.Parameter.POSITIONAL_ONLY, v)
                    for i, v in enumerate(value)]
        elif kind is inspect.Parameter.VAR_KEYWORD:
            out += [(k, inspect.Parameter.KEYWORD_ONLY, v) for k, v in value.items()]
        else:
            out.append((name, kind, value))
    return out


def function_type(arguments, output, captures) -> FunctionType:
    """The FunctionType of a trace: `arguments` as canonical_arguments gives them (tensors
    already TensorSpecs), `output` its output structure of TensorSpecs and Python values."""
    return FunctionType([Parameter(n, k, False, v) for n, k, v in arguments], output, captures)


def named_specs(name, value):
    """A parameter's value with each TensorSpec named as TF's structured_input_signature names
    them: the parameter's name, or name_<path> inside a structure (a spec's own name wins)."""
    if not nest.is_nested(value):
        return TensorSpec(value.shape, value.dtype, value.name or name) if isinstance(
            value, TensorSpec) else value
    named = [TensorSpec(v.shape, v.dtype, v.name or "%s_%s" % (name, p))
             if isinstance(v, TensorSpec) else v for p, v in _paths(value)]
    return nest.pack_sequence_as(value, named)


def _paths(value, prefix=""):
    """(path, leaf) pairs in nest.flatten's order; paths join keys and indices with "_"."""
    if isinstance(value, dict):
        items = [(k, value[k]) for k in _sorted_keys(value)]
    elif isinstance(value, (list, tuple)):
        items = list(enumerate(value))
    else:
        return [(prefix, value)]
    out = []
    for k, v in items:
        out += _paths(v, "%s_%s" % (prefix, k) if prefix else str(k))
    return out


def _fits(value, constraint) -> bool:
    """Whether a call's value casts to a parameter's type constraint (TF's TraceType.cast):
    tensors and what converts to one fit a TensorSpec (TF checks dtypes when it runs),
    structures fit alike structures, Python values equal ones."""
    if isinstance(constraint, TensorSpec):
        if isinstance(value, Tensor):
            return True
        try:
            from .convert import convert_to_tensor

            convert_to_tensor(value, dtype=constraint.dtype)
            return True
        except Exception:  # noqa: BLE001 - a value that can't be a tensor doesn't fit
            return False
    if isinstance(constraint, VariableSpec):
        return constraint.is_compatible_with(value)
    if getattr(type(value), "_tf_composite", False):  # a RaggedTensor ... against its TypeSpec
        fits = getattr(constraint, "is_compatible_with", None)
        return fits is not None and fits(value)
    if nest.is_nested(constraint):
        try:
            nest.assert_same_structure(value, constraint, check_types=True)
        except (TypeError, ValueError):
            return False
        return all(_fits(v, c) for v, c in zip(nest.flatten(value), nest.flatten(constraint)))
    if isinstance(value, Tensor):
        return False
    try:
        return bool(value == constraint)
    except Exception:  # noqa: BLE001 - values that don't compare don't fit
        return False


def mismatch(value, spec):
    """The specs TF names when value does not cast to spec: a composite's (RaggedTensor ...)
    first component that does not fit its component spec, else the value's own spec."""
    composite = getattr(type(value), "_tf_composite", False)
    if not composite or type(value._type_spec) is not type(spec):
        return (value._type_spec if composite else TensorSpec.from_tensor(value)), spec
    for t, s in zip(spec._to_components(value), spec._component_specs):
        if not s.is_compatible_with(t):
            return TensorSpec.from_tensor(t), s
    return value._type_spec, spec


def _value_text(value) -> str:
    if nest.is_nested(value):
        return repr(value)
    return repr(value) if isinstance(value, Tensor) else str(value)


class BindError(TypeError):
    """A call that fits neither the structured nor the flat signature."""


def bind(ftype: FunctionType, fname: str, flat_names: list, args, kwargs):
    """Bind a concrete function's call: ("structured", {name: value}) or ("flat", [tensors]),
    or TF's TypeError when neither signature takes it."""
    sig = inspect.Signature([inspect.Parameter(p.name, p.kind)
                             for p in ftype.parameters.values()])
    reason = None
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError as e:
        reason = str(e)
    else:
        for p in ftype.parameters.values():
            value = bound.arguments[p.name]
            if not _fits(value, p.type_constraint):
                reason = "Can not cast %s to %s" % (_value_text(value),
                                                   type_text(p.type_constraint))
                if getattr(type(value), "_tf_composite", False):
                    reason = "Can not cast %r to %r" % mismatch(value, p.type_constraint)
                break
        else:
            return "structured", dict(bound.arguments)
    flat_error = _bind_flat(fname, flat_names, args, kwargs)
    if not isinstance(flat_error, str):
        return "flat", flat_error
    raise TypeError(
        "Binding inputs to tf.function failed due to `%s`. Received args: %r and kwargs: %r "
        "for signature: %s.\nFallback to flat signature also failed due to: %s"
        % (reason, tuple(args), dict(kwargs), ftype, flat_error))


def _bind_flat(fname, names, args, kwargs):
    """TF's _call_with_flat_signature binding: the tensors in order, or its error text."""
    summary = "%s(%s)" % (fname, ", ".join(names))
    if len(args) > len(names):
        return "%s takes %d positional arguments, got %d." % (summary, len(names), len(args))
    args = list(args)
    kwargs = dict(kwargs)
    for keyword in names[len(args):]:
        if keyword not in kwargs:
            specified = list(names[:len(args)]) + list(kwargs)
            missing = sorted(set(names) - set(specified))
            return "%s missing required arguments: %s." % (summary, ", ".join(missing))
        args.append(kwargs.pop(keyword))
    if kwargs:
        positional = set(names[:len(args)])
        for key in kwargs:
            if key in positional:
                return "%s got two values for '%s'." % (summary, key)
        return "%s got unexpected keyword arguments: %s." % (summary, ", ".join(sorted(kwargs)))
    for i, a in enumerate(args):
        if not isinstance(a, Tensor):
            return "%s: expected argument #%d(zero-based) to be a Tensor; got %s (%s)." % (
                summary, i, type(a).__name__, a)
    return args


def bind_input_signature(fname, signature, names, args, kwargs):
    """A call's arguments bound to a tf.function's input_signature (each a TensorSpec, a
    TypeSpec or a structure of them): (args converted to the specs' dtypes, {}), with TF's
    errors."""
    if kwargs or len(args) != len(signature):
        raise TypeError("%s() takes %d positional arguments but %d were given"
                        % (fname, len(signature), len(args) + len(kwargs)))

    def fail(reason):
        return TypeError(
            "Binding inputs to tf.function failed due to `%s`. Received args: %r and kwargs: "
            "{} for signature: (%s)." % (reason, tuple(args), ", ".join(
                "%s: %r" % (n, s) for n, s in zip(names, signature))))

    def one(a, spec):
        if hasattr(type(a), "_tf_composite") or not isinstance(spec, TensorSpec):
            t = a  # a composite (RaggedTensor ...) against its TypeSpec
        else:
            t = convert_to_tensor(a, dtype=spec.dtype) if not isinstance(a, Tensor) else a
        if not spec.is_compatible_with(t):
            raise fail("Can not cast %r to %r" % mismatch(t, spec))
        return t

    out = []
    for a, spec in zip(args, signature):
        if nest.is_nested(spec):  # a structure of specs: its tensors, in its structure
            try:
                leaves = nest.flatten_up_to(spec, a)
            except (TypeError, ValueError) as e:
                raise fail(e) from None
            out.append(nest.pack_sequence_as(spec, [
                one(x, leaf) for x, leaf in zip(leaves, nest.flatten(spec))]))
        else:
            out.append(one(a, spec))
    return tuple(out), {}
