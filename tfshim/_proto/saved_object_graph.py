"""tensorflow/core/protobuf/saved_object_graph.proto: SavedObjectGraph (its Any field left out)."""

from . import (  # noqa: F401 (dependencies)
    define,
    struct,
    tensor_shape,
    trackable_object_graph,
    types,
    variable,
    versions,
)

_pb = define("tensorflow/core/protobuf/saved_object_graph.proto", "tensorflow", """
message SavedObjectGraph {
  repeated SavedObject nodes = 1;
  map<string, SavedConcreteFunction> concrete_functions = 2;
}
message SavedObject {
  repeated TrackableObjectGraph.TrackableObject.ObjectReference children = 1;
  repeated TrackableObjectGraph.TrackableObject.ObjectReference dependencies = 15;
  repeated TrackableObjectGraph.TrackableObject.SlotVariableReference slot_variables = 3;
  oneof kind {
    SavedUserObject user_object = 4;
    SavedAsset asset = 5;
    SavedFunction function = 6;
    SavedVariable variable = 7;
    SavedBareConcreteFunction bare_concrete_function = 8;
    SavedConstant constant = 9;
    SavedResource resource = 10;
    CapturedTensor captured_tensor = 12;
  }
  map<string, SaveableObject> saveable_objects = 11;
  string registered_name = 13;
  string registered_saver = 16;
}
message SavedUserObject {
  string identifier = 1;
  VersionDef version = 2;
  string metadata = 3;
}
message SavedAsset {
  int32 asset_file_def_index = 1;
}
message SavedFunction {
  repeated string concrete_functions = 1;
  FunctionSpec function_spec = 2;
}
message CapturedTensor {
  string name = 1;
  string concrete_function = 2;
}
message SavedConcreteFunction {
  repeated int32 bound_inputs = 2;
  StructuredValue canonicalized_input_signature = 3;
  StructuredValue output_signature = 4;
}
message SavedBareConcreteFunction {
  string concrete_function_name = 1;
  repeated string argument_keywords = 2;
  int64 allowed_positional_arguments = 3;
  FunctionSpec function_spec = 4;
}
message SavedConstant {
  string operation = 1;
}
message SavedVariable {
  DataType dtype = 1;
  TensorShapeProto shape = 2;
  bool trainable = 3;
  VariableSynchronization synchronization = 4;
  VariableAggregation aggregation = 5;
  string name = 6;
  string device = 7;
  repeated SavedVariable experimental_distributed_variable_components = 8;
}
message FunctionSpec {
  enum JitCompile {
    DEFAULT = 0;
    ON = 1;
    OFF = 2;
  }
  StructuredValue fullargspec = 1;
  bool is_method = 2;
  StructuredValue input_signature = 5;
  FunctionSpec.JitCompile jit_compile = 6;
}
message SavedResource {
  string device = 1;
}
message SaveableObject {
  int32 save_function = 2;
  int32 restore_function = 3;
}
""")
SavedObjectGraph = _pb.SavedObjectGraph
SavedObject = _pb.SavedObject
SavedUserObject = _pb.SavedUserObject
SavedAsset = _pb.SavedAsset
SavedFunction = _pb.SavedFunction
CapturedTensor = _pb.CapturedTensor
SavedConcreteFunction = _pb.SavedConcreteFunction
SavedBareConcreteFunction = _pb.SavedBareConcreteFunction
SavedConstant = _pb.SavedConstant
SavedVariable = _pb.SavedVariable
FunctionSpec = _pb.FunctionSpec
SavedResource = _pb.SavedResource
SaveableObject = _pb.SaveableObject
