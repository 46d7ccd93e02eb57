"""tensorflow/core/protobuf/snapshot.proto: SnapshotMetadataRecord (tf.data save/snapshot)."""

from . import define, types  # noqa: F401 (dependencies)

_pb = define("tensorflow/core/protobuf/snapshot.proto", "tensorflow.data.experimental", """
message SnapshotMetadataRecord {
  string graph_hash = 1;
  string run_id = 2;
  int64 creation_timestamp = 3;
  int64 version = 4;
  repeated tensorflow.DataType dtype = 5;
  int64 num_elements = 6;
  bool finalized = 1000;
}
""")
SnapshotMetadataRecord = _pb.SnapshotMetadataRecord
