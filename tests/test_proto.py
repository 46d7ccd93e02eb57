"""tfshim._proto: TF's messages defined from .proto text give the bytes protoc's classes give."""

import pytest

from tfshim._proto import define

FEATURE = define("tfshim_test/feature.proto", "tfshim_test", """
syntax = "proto3";
package tfshim_test;  // skipped, as options and comments
option cc_enable_arenas = true;
/* Containers to hold repeated fundamental values. */
message BytesList { repeated bytes value = 1; }
message Int64List { repeated int64 value = 1 [packed = true]; }
message Feature {
  oneof kind {
    BytesList bytes_list = 1;
    Int64List int64_list = 3;
  }
}
message Features { map<string, Feature> feature = 1; }
enum Kind { KIND_NONE = 0; KIND_BYTES = 1; reserved 7; }
message Shape {
  message Dim { int64 size = 1; string name = 2; }
  repeated Dim dim = 2;
  Kind kind = 4;
}
""")
# A second file using the first one's types by package-relative name.
EXAMPLE = define("tfshim_test/example.proto", "tfshim_test", """
message Example { Features features = 1; Shape.Dim first = 2; }
""")


def test_wire_bytes_are_protocs():
    # Hand-encoded: field 1, length-delimited, packed varints 3, 300.
    assert FEATURE.Int64List(value=[3, 300]).SerializeToString() == b"\x0a\x03\x03\xac\x02"
    f = FEATURE.Feature(bytes_list=FEATURE.BytesList(value=[b"ab"]))
    assert f.SerializeToString() == b"\x0a\x04\x0a\x02ab"
    assert f.WhichOneof("kind") == "bytes_list"


def test_maps_nested_messages_enums_and_dependencies():
    ex = EXAMPLE.Example(
        features=FEATURE.Features(feature={"x": FEATURE.Feature(int64_list=FEATURE.Int64List(
            value=[1]))}),
        first=FEATURE.Shape.Dim(size=4, name="n"))
    back = EXAMPLE.Example.FromString(ex.SerializeToString())
    assert list(back.features.feature["x"].int64_list.value) == [1]
    assert back.first.size == 4 and back.first.name == "n"
    assert FEATURE.Kind.KIND_BYTES == 1
    assert FEATURE.Shape(kind=FEATURE.Kind.KIND_BYTES).SerializeToString() == b"\x20\x01"


def test_unknown_type_is_an_error():
    with pytest.raises(SyntaxError, match="unknown type 'Missing'"):
        define("tfshim_test/bad.proto", "tfshim_test", "message Bad { Missing m = 1; }")
