"""tensorflow/core/protobuf/saved_model.proto: SavedModel."""

from . import define, meta_graph  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/protobuf/saved_model.proto", "tensorflow", """
message SavedModel {
  int64 saved_model_schema_version = 1;
  repeated MetaGraphDef meta_graphs = 2;
}
""")
SavedModel = _pb.SavedModel
