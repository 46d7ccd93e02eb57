"""tensorflow/core/protobuf/meta_graph.proto:
MetaGraphDef, SignatureDef, TensorInfo (Any fields left out)."""

from . import (  # noqa: F401 (dependencies)
    define,
    graph,
    op_def,
    saved_object_graph,
    saver,
    struct,
    tensor,
    tensor_shape,
    types,
)

_pb = define("tensorflow/core/protobuf/meta_graph.proto", "tensorflow", """
message MetaGraphDef {
  message MetaInfoDef {
    string meta_graph_version = 1;
    OpList stripped_op_list = 2;
    repeated string tags = 4;
    string tensorflow_version = 5;
    string tensorflow_git_version = 6;
    bool stripped_default_attrs = 7;
    map<string, string> function_aliases = 8;
  }
  MetaGraphDef.MetaInfoDef meta_info_def = 1;
  GraphDef graph_def = 2;
  SaverDef saver_def = 3;
  map<string, CollectionDef> collection_def = 4;
  map<string, SignatureDef> signature_def = 5;
  repeated AssetFileDef asset_file_def = 6;
  SavedObjectGraph object_graph_def = 7;
}
message CollectionDef {
  message NodeList {
    repeated string value = 1;
  }
  message BytesList {
    repeated bytes value = 1;
  }
  message Int64List {
    repeated int64 value = 1;
  }
  message FloatList {
    repeated float value = 1;
  }
  message AnyList {
  }
  oneof kind {
    CollectionDef.NodeList node_list = 1;
    CollectionDef.BytesList bytes_list = 2;
    CollectionDef.Int64List int64_list = 3;
    CollectionDef.FloatList float_list = 4;
    CollectionDef.AnyList any_list = 5;
  }
}
message TensorInfo {
  message CooSparse {
    string values_tensor_name = 1;
    string indices_tensor_name = 2;
    string dense_shape_tensor_name = 3;
  }
  message CompositeTensor {
    TypeSpecProto type_spec = 1;
    repeated TensorInfo components = 2;
  }
  oneof encoding {
    string name = 1;
    TensorInfo.CooSparse coo_sparse = 4;
    TensorInfo.CompositeTensor composite_tensor = 5;
  }
  DataType dtype = 2;
  TensorShapeProto tensor_shape = 3;
}
message SignatureDef {
  map<string, TensorInfo> inputs = 1;
  map<string, TensorInfo> outputs = 2;
  string method_name = 3;
  map<string, TensorProto> defaults = 4;
}
message AssetFileDef {
  TensorInfo tensor_info = 1;
  string filename = 2;
}
""")
MetaGraphDef = _pb.MetaGraphDef
CollectionDef = _pb.CollectionDef
TensorInfo = _pb.TensorInfo
SignatureDef = _pb.SignatureDef
AssetFileDef = _pb.AssetFileDef
