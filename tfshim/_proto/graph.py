"""tensorflow/core/framework/graph.proto: GraphDef (its debug info left out)."""

from . import define, function, node_def, versions  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/framework/graph.proto", "tensorflow", """
message GraphDef {
  repeated NodeDef node = 1;
  VersionDef versions = 4;
  int32 version = 3;
  FunctionDefLibrary library = 2;
}
""")
GraphDef = _pb.GraphDef
