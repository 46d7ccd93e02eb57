"""tensorflow/core/framework/tensor_shape.proto: TensorShapeProto."""

from . import define

_pb = define("tensorflow/core/framework/tensor_shape.proto", "tensorflow", """
message TensorShapeProto {
  message Dim {
    int64 size = 1;
    string name = 2;
  }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}
""")
TensorShapeProto = _pb.TensorShapeProto
