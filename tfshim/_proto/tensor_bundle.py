"""tensorflow/core/protobuf/tensor_bundle.proto: a checkpoint's header and per-tensor entries."""

from . import define, tensor_shape, tensor_slice, types, versions  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/protobuf/tensor_bundle.proto", "tensorflow", """
message BundleHeaderProto {
  int32 num_shards = 1;
  enum Endianness {
    LITTLE = 0;
    BIG = 1;
  }
  Endianness endianness = 2;
  VersionDef version = 3;
}
message BundleEntryProto {
  DataType dtype = 1;
  TensorShapeProto shape = 2;
  int32 shard_id = 3;
  int64 offset = 4;
  int64 size = 5;
  fixed32 crc32c = 6;
  repeated TensorSliceProto slices = 7;
}
""")
BundleHeaderProto = _pb.BundleHeaderProto
BundleEntryProto = _pb.BundleEntryProto
