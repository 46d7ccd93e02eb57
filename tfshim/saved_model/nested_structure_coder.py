"""Python structures <-> TF's StructuredValue protos (TF's saved_model/nested_structure_coder.py):
None, bool, int, float, str, lists, tuples, dicts, TensorShapes, DTypes, TensorSpecs and the
composite specs (RaggedTensorSpec, SparseTensorSpec) as TF's TypeSpecProtos."""

from __future__ import annotations

from .._core import dtypes
from .._core.sparse_tensor import SparseTensorSpec
from .._core.tensor_shape import TensorShape
from .._core.tensor_spec import TensorSpec
from .._proto.struct import StructuredValue, TensorSpecProto, TypeSpecProto
from .._proto.tensor_shape import TensorShapeProto

_BY_ENUM = {d.as_datatype_enum: d for d in dtypes.ALL}


def _type_specs() -> dict:
    """TF's TypeSpecProto class enum -> the spec class tfshim has for it."""
    from ..ragged.ragged_tensor import RaggedTensorSpec  # ragged builds on the core

    return {TypeSpecProto.SPARSE_TENSOR_SPEC: SparseTensorSpec,
            TypeSpecProto.RAGGED_TENSOR_SPEC: RaggedTensorSpec}


def shape_proto(shape) -> TensorShapeProto:
    shape = TensorShape(shape) if not isinstance(shape, TensorShape) else shape
    if shape.rank is None:
        return TensorShapeProto(unknown_rank=True)
    return TensorShapeProto(dim=[TensorShapeProto.Dim(size=-1 if d is None else d)
                                 for d in shape.as_list()])


def shape_from_proto(proto) -> TensorShape:
    if proto.unknown_rank:
        return TensorShape(None)
    return TensorShape([None if d.size < 0 else d.size for d in proto.dim])


class NamedTuple:
    """A named tuple to encode (TF writes FullArgSpec as one): its name and (key, value)s."""

    def __init__(self, name, pairs):
        self.name = name
        self.pairs = list(pairs)


def full_arg_spec(args, defaults=None, varargs=None, varkw=None) -> NamedTuple:
    """inspect.FullArgSpec of a function taking `args` positionally (then `*varargs`,
    `**varkw`), as TF encodes it."""
    return NamedTuple("FullArgSpec", [("args", list(args)), ("varargs", varargs),
                                      ("varkw", varkw), ("defaults", defaults),
                                      ("kwonlyargs", []), ("kwonlydefaults", None),
                                      ("annotations", {})])


def encode(value) -> StructuredValue:
    out = StructuredValue()
    if isinstance(value, NamedTuple):
        out.named_tuple_value.name = value.name
        for key, item in value.pairs:
            out.named_tuple_value.values.add(key=key).value.CopyFrom(encode(item))
    elif value is None:
        out.none_value.SetInParent()
    elif isinstance(value, bool):
        out.bool_value = value
    elif isinstance(value, int):
        out.int64_value = value
    elif isinstance(value, float):
        out.float64_value = value
    elif isinstance(value, str):
        out.string_value = value
    elif isinstance(value, TensorSpec):
        out.tensor_spec_value.CopyFrom(TensorSpecProto(
            name=value.name or "", shape=shape_proto(value.shape),
            dtype=value.dtype.as_datatype_enum))
    elif type(value).__name__ in ("RaggedTensorSpec", "SparseTensorSpec"):
        kind = next(k for k, cls in _type_specs().items() if isinstance(value, cls))
        out.type_spec_value.type_spec_class = kind
        out.type_spec_value.type_spec_class_name = type(value).__name__
        out.type_spec_value.type_state.CopyFrom(encode(value._serialize()))
        out.type_spec_value.num_flat_components = len(value._component_specs)
    elif isinstance(value, TensorShape):
        out.tensor_shape_value.CopyFrom(shape_proto(value))
    elif isinstance(value, dtypes.DType):
        out.tensor_dtype_value = value.as_datatype_enum
    elif isinstance(value, list):
        out.list_value.SetInParent()
        out.list_value.values.extend(encode(v) for v in value)
    elif isinstance(value, tuple):
        out.tuple_value.SetInParent()
        out.tuple_value.values.extend(encode(v) for v in value)
    elif isinstance(value, dict):
        out.dict_value.SetInParent()
        for k, v in value.items():
            out.dict_value.fields[str(k)].CopyFrom(encode(v))
    else:
        raise ValueError("tf.saved_model can't encode %r in a function's signature" % (value,))
    return out


def decode(proto):
    kind = proto.WhichOneof("kind")
    if kind in (None, "none_value"):
        return None
    if kind in ("bool_value", "int64_value", "float64_value", "string_value"):
        return getattr(proto, kind)
    if kind == "tensor_spec_value":
        spec = proto.tensor_spec_value
        return TensorSpec(shape_from_proto(spec.shape), _BY_ENUM[spec.dtype],
                          spec.name or None)
    if kind == "type_spec_value":
        spec = proto.type_spec_value
        cls = _type_specs().get(spec.type_spec_class)
        if cls is None:
            raise ValueError("tfshim can't decode a %s in a SavedModel's function signature"
                             % (spec.type_spec_class_name or "TypeSpec"))
        return cls(*decode(spec.type_state))
    if kind == "tensor_shape_value":
        return shape_from_proto(proto.tensor_shape_value)
    if kind == "tensor_dtype_value":
        return _BY_ENUM[proto.tensor_dtype_value]
    if kind == "list_value":
        return [decode(v) for v in proto.list_value.values]
    if kind == "tuple_value":
        return tuple(decode(v) for v in proto.tuple_value.values)
    if kind == "dict_value":
        return {k: decode(v) for k, v in sorted(proto.dict_value.fields.items())}
    if kind == "named_tuple_value":
        return {p.key: decode(p.value) for p in proto.named_tuple_value.values}
    raise ValueError("tfshim can't decode a %s in a SavedModel's function signature" % kind)
