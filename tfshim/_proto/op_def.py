"""tensorflow/core/framework/op_def.proto:
OpDef, OpList (FullTypeDef and handle-data fields left out)."""

from . import attr_value, define, types  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/framework/op_def.proto", "tensorflow", """
message OpDef {
  message ArgDef {
    string name = 1;
    string description = 2;
    DataType type = 3;
    string type_attr = 4;
    string number_attr = 5;
    string type_list_attr = 6;
    bool is_ref = 16;
  }
  message AttrDef {
    string name = 1;
    string type = 2;
    AttrValue default_value = 3;
    string description = 4;
    bool has_minimum = 5;
    int64 minimum = 6;
    AttrValue allowed_values = 7;
  }
  string name = 1;
  repeated OpDef.ArgDef input_arg = 2;
  repeated OpDef.ArgDef output_arg = 3;
  repeated string control_output = 20;
  repeated OpDef.AttrDef attr = 4;
  OpDeprecation deprecation = 8;
  string summary = 5;
  string description = 6;
  bool is_commutative = 18;
  bool is_aggregate = 16;
  bool is_stateful = 17;
  bool allows_uninitialized_input = 19;
  bool is_distributed_communication = 21;
}
message OpDeprecation {
  int32 version = 1;
  string explanation = 2;
}
message OpList {
  repeated OpDef op = 1;
}
""")
OpDef = _pb.OpDef
OpDeprecation = _pb.OpDeprecation
OpList = _pb.OpList
