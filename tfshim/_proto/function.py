"""tensorflow/core/framework/function.proto: FunctionDefLibrary, FunctionDef."""

from . import attr_value, define, node_def, op_def  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/framework/function.proto", "tensorflow", """
message FunctionDefLibrary {
  repeated FunctionDef function = 1;
  repeated GradientDef gradient = 2;
  repeated RegisteredGradient registered_gradients = 3;
}
message FunctionDef {
  message ArgAttrs {
    map<string, AttrValue> attr = 1;
  }
  OpDef signature = 1;
  map<string, AttrValue> attr = 5;
  map<uint32, FunctionDef.ArgAttrs> arg_attr = 7;
  map<uint32, uint32> resource_arg_unique_id = 8;
  repeated NodeDef node_def = 3;
  map<string, string> ret = 4;
  map<string, string> control_ret = 6;
}
message GradientDef {
  string function_name = 1;
  string gradient_func = 2;
}
message RegisteredGradient {
  string gradient_func = 1;
  string registered_op_type = 2;
}
""")
FunctionDefLibrary = _pb.FunctionDefLibrary
FunctionDef = _pb.FunctionDef
GradientDef = _pb.GradientDef
RegisteredGradient = _pb.RegisteredGradient
