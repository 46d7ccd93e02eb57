"""tensorflow/core/framework/tensor.proto: TensorProto (resource and variant values left out)."""

from . import define, tensor_shape, types  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/framework/tensor.proto", "tensorflow", """
message TensorProto {
  DataType dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated int32 half_val = 13;
  repeated float float_val = 5;
  repeated double double_val = 6;
  repeated int32 int_val = 7;
  repeated bytes string_val = 8;
  repeated float scomplex_val = 9;
  repeated int64 int64_val = 10;
  repeated bool bool_val = 11;
  repeated double dcomplex_val = 12;
  repeated uint32 uint32_val = 16;
  repeated uint64 uint64_val = 17;
  bytes float8_val = 18;
}
""")
TensorProto = _pb.TensorProto
