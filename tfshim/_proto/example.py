"""TF's tensorflow/core/example/example.proto: tf.train.Example and SequenceExample."""

from .. import _api
from . import define, feature  # noqa: F401 - feature.proto first: example.proto uses its types

_pb = define("tensorflow/core/example/example.proto", "tensorflow", """
syntax = "proto3";

package tensorflow;

import "tensorflow/core/example/feature.proto";


message Example {
  Features features = 1;
}

message SequenceExample {
  Features context = 1;
  FeatureLists feature_lists = 2;
}
""")

Example = _api.export("train.Example")(_pb.Example)
SequenceExample = _api.export("train.SequenceExample")(_pb.SequenceExample)
