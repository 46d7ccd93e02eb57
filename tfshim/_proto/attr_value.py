"""tensorflow/core/framework/attr_value.proto: AttrValue, NameAttrList."""

from . import define, tensor, tensor_shape, types  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/framework/attr_value.proto", "tensorflow", """
message AttrValue {
  message ListValue {
    repeated bytes s = 2;
    repeated int64 i = 3;
    repeated float f = 4;
    repeated bool b = 5;
    repeated DataType type = 6;
    repeated TensorShapeProto shape = 7;
    repeated TensorProto tensor = 8;
    repeated NameAttrList func = 9;
  }
  oneof value {
    bytes s = 2;
    int64 i = 3;
    float f = 4;
    bool b = 5;
    DataType type = 6;
    TensorShapeProto shape = 7;
    TensorProto tensor = 8;
    AttrValue.ListValue list = 1;
    NameAttrList func = 10;
    string placeholder = 9;
  }
}
message NameAttrList {
  string name = 1;
  map<string, AttrValue> attr = 2;
}
""")
AttrValue = _pb.AttrValue
NameAttrList = _pb.NameAttrList
