"""tensorflow/python/checkpoint/checkpoint_state.proto: the `checkpoint` file's CheckpointState."""

from . import define

_pb = define("tensorflow/python/checkpoint/checkpoint_state.proto", "tensorflow", """
message CheckpointState {
  string model_checkpoint_path = 1;
  repeated string all_model_checkpoint_paths = 2;
  repeated double all_model_checkpoint_timestamps = 3;
  double last_preserved_timestamp = 4;
}
""")
CheckpointState = _pb.CheckpointState
