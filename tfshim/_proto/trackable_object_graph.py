"""tensorflow/core/protobuf/trackable_object_graph.proto: a checkpoint's object graph."""

from . import define, wrappers  # noqa: F401 (dependency)

_pb = define("tensorflow/core/protobuf/trackable_object_graph.proto", "tensorflow", """
message TrackableObjectGraph {
  message TrackableObject {
    message ObjectReference {
      int32 node_id = 1;
      string local_name = 2;
    }
    message SerializedTensor {
      string name = 1;
      string full_name = 2;
      string checkpoint_key = 3;
    }
    message SlotVariableReference {
      int32 original_variable_node_id = 1;
      string slot_name = 2;
      int32 slot_variable_node_id = 3;
    }
    repeated ObjectReference children = 1;
    repeated SerializedTensor attributes = 2;
    repeated SlotVariableReference slot_variables = 3;
    RegisteredSaver registered_saver = 4;
    google.protobuf.BoolValue has_checkpoint_values = 5;
  }
  repeated TrackableObject nodes = 1;
}
message RegisteredSaver {
  string name = 1;
  string object_name = 2;
}
""")
TrackableObjectGraph = _pb.TrackableObjectGraph
