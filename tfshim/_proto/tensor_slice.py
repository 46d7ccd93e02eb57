"""tensorflow/core/framework/tensor_slice.proto: TensorSliceProto."""

from . import define

_pb = define("tensorflow/core/framework/tensor_slice.proto", "tensorflow", """
message TensorSliceProto {
  message Extent {
    int64 start = 1;
    oneof has_length {
      int64 length = 2;
    }
  }
  repeated Extent extent = 1;
}
""")
TensorSliceProto = _pb.TensorSliceProto
