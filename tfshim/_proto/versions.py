"""tensorflow/core/framework/versions.proto: VersionDef."""

from . import define

_pb = define("tensorflow/core/framework/versions.proto", "tensorflow", """
message VersionDef {
  int32 producer = 1;
  int32 min_consumer = 2;
  repeated int32 bad_consumers = 3;
}
""")
VersionDef = _pb.VersionDef
