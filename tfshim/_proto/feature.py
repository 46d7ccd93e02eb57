"""TF's tensorflow/core/example/feature.proto: tf.train.Feature and its lists."""

from .. import _api
from . import define

_pb = define("tensorflow/core/example/feature.proto", "tensorflow", """
syntax = "proto3";

package tensorflow;


// Containers to hold repeated fundamental values.
message BytesList {
  repeated bytes value = 1;
}
message FloatList {
  repeated float value = 1 [packed = true];
}
message Int64List {
  repeated int64 value = 1 [packed = true];
}

// Containers for non-sequential data.
message Feature {
  // Each feature can be exactly one kind.
  oneof kind {
    BytesList bytes_list = 1;
    FloatList float_list = 2;
    Int64List int64_list = 3;
  }
}

message Features {
  // Map from feature name to feature.
  map<string, Feature> feature = 1;
}

// Containers for sequential data.
message FeatureList {
  repeated Feature feature = 1;
}

message FeatureLists {
  // Map from feature name to feature list.
  map<string, FeatureList> feature_list = 1;
}
""")

BytesList = _api.export("train.BytesList")(_pb.BytesList)
FloatList = _api.export("train.FloatList")(_pb.FloatList)
Int64List = _api.export("train.Int64List")(_pb.Int64List)
Feature = _api.export("train.Feature")(_pb.Feature)
Features = _api.export("train.Features")(_pb.Features)
FeatureList = _api.export("train.FeatureList")(_pb.FeatureList)
FeatureLists = _api.export("train.FeatureLists")(_pb.FeatureLists)
