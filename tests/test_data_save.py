"""tf.data's files: Dataset.save/load in TF's snapshot format (directories TF 2.21 saved,
in tests/data/tf_saved, read here; tfshim's files byte for byte TF's), Dataset.snapshot, and
rejection_resample's statistics and seeded reproducibility."""

import glob
import os

import numpy as np
import pytest

import tfshim as tf
from tfshim._proto.snapshot import SnapshotMetadataRecord
from tfshim.data import snapshot_utils, tf_record

TF_SAVED = os.path.join(os.path.dirname(__file__), "data", "tf_saved")

# What TF saved in tests/data/tf_saved/plain and gzip (TF 2.21):
#   tf.data.Dataset.range(5).map(lambda x: (x, tf.strings.as_string(x),
#                                           tf.cast(tf.fill([2], x), tf.float16) / 2))
# and in sharded, with shard_func=lambda e: tf.cast(e["a"][0] % 3, tf.int64):
#   tf.data.Dataset.from_tensor_slices({"a": [[1, 2], [3, 4], [5, 6]], "b": [True, False, True]})


def _plain_dataset():
    return tf.data.Dataset.range(5).map(
        lambda x: (x, tf.strings.as_string(x), tf.cast(tf.fill([2], x), tf.float16) / 2))


def _rows(ds):
    return [tuple(np.asarray(c).tolist() for c in e) for e in ds.as_numpy_iterator()]


@pytest.mark.parametrize("kind", ["plain", "gzip"])
def test_loads_what_tf_saved(kind):
    ds = tf.data.Dataset.load(os.path.join(TF_SAVED, kind),
                              compression="GZIP" if kind == "gzip" else None)
    assert ds.element_spec == _plain_dataset().element_spec
    assert ds.cardinality().numpy() == 5
    assert _rows(ds) == _rows(_plain_dataset())


def test_loads_tf_shards_through_reader_func():
    path = os.path.join(TF_SAVED, "sharded")
    ds = tf.data.Dataset.load(path, reader_func=lambda shards: shards.flat_map(lambda d: d))
    # Shards in order (a[0] % 3: 0, 1, 2), each shard's elements in order.
    assert [e["a"].tolist() for e in ds.as_numpy_iterator()] == [[3, 4], [1, 2], [5, 6]]
    assert [bool(e["b"]) for e in ds.as_numpy_iterator()] == [False, True, True]


def test_saves_tf_files_byte_for_byte(tmp_path):
    _plain_dataset().save(str(tmp_path / "p"))
    ours, theirs = str(tmp_path / "p"), os.path.join(TF_SAVED, "plain")
    for name in ("dataset_spec.pb", "*/00000000.shard/00000000.snapshot"):
        with open(glob.glob(os.path.join(ours, name))[0], "rb") as a, open(
                glob.glob(os.path.join(theirs, name))[0], "rb") as b:
            assert a.read() == b.read(), name
    meta = [snapshot_utils.read_metadata(p) for p in (ours, theirs)]
    for m in meta:
        m.ClearField("run_id")
        m.ClearField("creation_timestamp")
    assert meta[0] == meta[1]
    assert meta[0].finalized and meta[0].num_elements == 5 and meta[0].version == 2


def test_round_trip_dtypes_shards_and_compression(tmp_path):
    x = {"f": np.arange(12, dtype=np.float64).reshape(6, 2) / 3,
         "c": (np.arange(6) + 1j).astype(np.complex64),
         "b": np.array([1, 0, 1, 1, 0, 0], bool),
         "s": np.array([b"", b"a", "é".encode(), b"x" * 200, b"\x00", b"z"], object),
         "h": np.arange(6, dtype=np.uint16)}
    ds = tf.data.Dataset.from_tensor_slices(x)
    for compression in (None, "ZLIB"):
        path = str(tmp_path / str(compression))
        ds.save(path, compression=compression,
                shard_func=lambda e: tf.cast(e["h"] % 4, tf.int64))
        assert len(glob.glob(os.path.join(path, "*", "*.shard"))) == 4
        back = tf.data.Dataset.load(path, compression=compression,
                                    reader_func=lambda s: s.flat_map(lambda d: d))
        assert back.element_spec == ds.element_spec
        got = sorted(back.as_numpy_iterator(), key=lambda e: int(e["h"]))
        for k, v in x.items():
            values = [e[k] if isinstance(e[k], bytes) else e[k].tolist() for e in got]
            assert values == v.tolist(), k


def test_save_load_errors(tmp_path):
    with pytest.raises(tf.errors.NotFoundError, match="element_spec file not found"):
        tf.data.Dataset.load(str(tmp_path / "none"))
    with pytest.raises(tf.errors.NotFoundError, match="Could not find metadata file"):
        tf.data.Dataset.load(str(tmp_path / "none"), element_spec=tf.TensorSpec([], tf.int64))
    with pytest.raises(tf.errors.InvalidArgumentError, match="must return a scalar int64"):
        tf.data.Dataset.range(3).save(str(tmp_path / "s"),
                                      shard_func=lambda x: tf.cast(x, tf.int32))
    with pytest.raises(ValueError, match="not allowed to include 'checkpoint'"):
        tf.data.Dataset.range(3).save(str(tmp_path / "c"), checkpoint_args={"checkpoint": 1})


def test_tensor_proto_typed_fields_decode():
    # TF's make_tensor_proto writes small tensors in typed fields, the last value repeated.
    from tfshim._proto.tensor import TensorProto

    p = TensorProto(dtype=tf.int32.as_datatype_enum, int_val=[4, 5])
    for d in (3,):
        p.tensor_shape.dim.add(size=d)
    np.testing.assert_array_equal(snapshot_utils.decode_tensor(p.SerializeToString()),
                                  [4, 5, 5])


def test_snapshot_writes_once_then_reads(tmp_path):
    seen = []

    def f(x):
        tf.py_function(lambda v: seen.append(int(v)), [x], [])
        return x * 2

    ds = tf.data.Dataset.range(1, 6).map(f).snapshot(str(tmp_path))
    assert list(ds.take(2).as_numpy_iterator()) == [2, 4]  # a partial pass: not finalized
    n = len(seen)
    assert list(ds.as_numpy_iterator()) == [2, 4, 6, 8, 10]
    assert seen[n:] == [1, 2, 3, 4, 5]
    assert list(ds.as_numpy_iterator()) == [2, 4, 6, 8, 10]
    assert len(seen) == n + 5  # read from the snapshot: the map did not run
    record = SnapshotMetadataRecord()
    (meta,) = glob.glob(str(tmp_path / "*" / "snapshot.metadata"))
    with open(meta, "rb") as fh:
        record.ParseFromString(fh.read())
    assert record.finalized and record.num_elements == 5
    # Another pipeline at the same path: its own directory.
    other = tf.data.Dataset.range(1, 6).map(lambda x: x * 3).snapshot(str(tmp_path))
    assert list(other.as_numpy_iterator()) == [3, 6, 9, 12, 15]
    assert len(glob.glob(str(tmp_path / "*" / "snapshot.metadata"))) == 2
    captured = tf.data.Dataset.from_tensor_slices(np.array([7, 8])).snapshot(str(tmp_path))
    assert list(captured.as_numpy_iterator()) == [7, 8]
    assert list(tf.data.Dataset.from_tensor_slices(np.array([7, 9])).snapshot(
        str(tmp_path)).as_numpy_iterator()) == [7, 9]


def test_rejection_resample_statistics_and_seed():
    rng = np.random.default_rng(0)
    classes = rng.choice(3, size=1000, p=[0.6, 0.3, 0.1]).astype(np.int32)
    ds = tf.data.Dataset.from_tensor_slices((classes, np.arange(1000)))
    target = [1 / 3, 1 / 3, 1 / 3]
    for initial in ([0.6, 0.3, 0.1], None):
        out = ds.rejection_resample(lambda c, i: c, target, initial_dist=initial, seed=5)
        got = list(out.as_numpy_iterator())
        cls = np.array([c for c, _ in got])
        # (class, element) pairs: the class is the element's own.
        assert all(c == e[0] and classes[e[1]] == c for c, e in got)
        assert np.abs(np.bincount(cls, minlength=3) / len(cls) - target).max() < 0.07
        again = [c for c, _ in ds.rejection_resample(
            lambda c, i: c, target, initial_dist=initial, seed=5).take(60).as_numpy_iterator()]
        assert again == cls[:60].tolist()


def test_deviation_no_snappy_compression(tmp_path):
    with pytest.raises(tf.errors.InvalidArgumentError, match="'SNAPPY' is not supported"):
        tf.data.Dataset.range(3).save(str(tmp_path), compression="SNAPPY")
    # snapshot's AUTO (TF: SNAPPY) writes uncompressed files.
    ds = tf.data.Dataset.range(3).snapshot(str(tmp_path / "auto"))
    assert list(ds.as_numpy_iterator()) == [0, 1, 2]
    files = glob.glob(str(tmp_path / "auto" / "*" / "*" / "*.shard" / "*.snapshot"))
    assert files
    for f in files:  # plain TFRecord framing: readable with no compression
        assert list(tf_record.read_records(f))


def test_deviation_save_writes_plain_tensors_only(tmp_path):
    sp = tf.sparse.SparseTensor([[0, 0]], [1.0], [2, 2])
    with pytest.raises(TypeError, match="SparseTensorSpec"):
        tf.data.Dataset.from_tensors(sp).save(str(tmp_path))
    # checkpoint_args: checked, then the dataset is written in one go.
    tf.data.Dataset.range(4).save(str(tmp_path / "c"), checkpoint_args={"max_to_keep": 1})
    assert list(tf.data.Dataset.load(str(tmp_path / "c")).as_numpy_iterator()) == [0, 1, 2, 3]


def test_py_function_map_has_unknown_shape_and_varying_results():
    def f(x):
        y = tf.py_function(lambda v: tf.fill([v], v), [x], tf.int64)
        return y, tf.numpy_function(lambda v: v + 1, [x], tf.int64)

    ds = tf.data.Dataset.range(3).map(f)
    assert str(ds.element_spec[0].shape) == "<unknown>"
    assert str(ds.element_spec[1].shape) == "<unknown>"
    assert [a.tolist() for a, _ in ds.as_numpy_iterator()] == [[], [1], [2, 2]]

    def g(x):
        y = tf.py_function(lambda v: tf.fill([v], v), [x], tf.int64)
        y.set_shape([None])
        return y

    assert tf.data.Dataset.range(3).map(g).element_spec.shape.as_list() == [None]
    cf = tf.function(lambda x: tf.py_function(lambda v: v * 2, [x], tf.int64)
                     ).get_concrete_function(tf.TensorSpec([], tf.int64))
    assert str(cf.structured_outputs) == 'Tensor("Identity:0", dtype=int64)'


def test_composite_specs_value_types_as_tf():
    st = tf.sparse.SparseTensor([[0, 0]], [1.0], [2, 2])
    spec = tf.data.Dataset.from_tensors(st).element_spec
    assert str(spec.value_type) == (
        "<class 'tensorflow.python.framework.sparse_tensor.SparseTensor'>")
    rspec = tf.data.Dataset.from_tensor_slices(tf.ragged.constant([[1, 2], [3]])).element_spec
    assert rspec.value_type is tf.Tensor  # ragged_rank 0: a plain tensor, as TF's
    assert tf.RaggedTensorSpec([None, None], tf.int32).value_type is tf.RaggedTensor


def test_deviation_fingerprint_hashes_the_pipeline_not_tfs_graph():
    def make(k, n=3):
        return tf.data.Dataset.from_tensor_slices(np.arange(n)).map(lambda x: x * k)

    fp = make(2).fingerprint()
    assert fp.dtype == tf.uint64 and fp.shape == ()
    assert int(fp) == int(make(2).fingerprint())
    assert int(fp) != int(make(3).fingerprint())
    assert int(fp) != int(make(2, 4).fingerprint())
