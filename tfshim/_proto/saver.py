"""tensorflow/core/protobuf/saver.proto: SaverDef."""

from . import define

_pb = define("tensorflow/core/protobuf/saver.proto", "tensorflow", """
message SaverDef {
  enum CheckpointFormatVersion {
    LEGACY = 0;
    V1 = 1;
    V2 = 2;
  }
  string filename_tensor_name = 1;
  string save_tensor_name = 2;
  string restore_op_name = 3;
  int32 max_to_keep = 4;
  bool sharded = 5;
  float keep_checkpoint_every_n_hours = 6;
  SaverDef.CheckpointFormatVersion version = 7;
}
""")
SaverDef = _pb.SaverDef
