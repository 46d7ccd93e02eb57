"""google/protobuf/wrappers.proto: BoolValue (the one wrapper TF's checkpoint messages use)."""

from . import define

_pb = define("google/protobuf/wrappers.proto", "google.protobuf", """
message BoolValue {
  bool value = 1;
}
""")
BoolValue = _pb.BoolValue
