"""tensorflow/core/framework/node_def.proto: NodeDef (its FullTypeDef field left out)."""

from . import attr_value, define  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/framework/node_def.proto", "tensorflow", """
message NodeDef {
  message ExperimentalDebugInfo {
    repeated string original_node_names = 1;
    repeated string original_func_names = 2;
  }
  string name = 1;
  string op = 2;
  repeated string input = 3;
  string device = 4;
  map<string, AttrValue> attr = 5;
  NodeDef.ExperimentalDebugInfo experimental_debug_info = 6;
}
""")
NodeDef = _pb.NodeDef
