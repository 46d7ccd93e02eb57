"""tensorflow/core/framework/variable.proto:
the VariableSynchronization and VariableAggregation enums."""

from . import define

_pb = define("tensorflow/core/framework/variable.proto", "tensorflow", """
enum VariableSynchronization {
  VARIABLE_SYNCHRONIZATION_AUTO = 0;
  VARIABLE_SYNCHRONIZATION_NONE = 1;
  VARIABLE_SYNCHRONIZATION_ON_WRITE = 2;
  VARIABLE_SYNCHRONIZATION_ON_READ = 3;
}
enum VariableAggregation {
  VARIABLE_AGGREGATION_NONE = 0;
  VARIABLE_AGGREGATION_SUM = 1;
  VARIABLE_AGGREGATION_MEAN = 2;
  VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA = 3;
}
""")
VariableSynchronization = _pb.VariableSynchronization
VariableAggregation = _pb.VariableAggregation
