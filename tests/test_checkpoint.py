"""tf.train.Checkpoint in TF's own file format: TF 2.21 writes and tfshim reads, and the reverse
(every dtype, nested modules, lists/dicts/tuples, a Generator, CheckpointManager, delayed
restoration), a checked-in TF checkpoint, and failures that leave everything unchanged."""

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import tfshim as tf
from tfshim.train import table, tensor_bundle

HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
import checkpoint_interop as interop  # noqa: E402
import keras_interop  # noqa: E402
from test_tf_tier import _tensorflow_version  # noqa: E402

TF_CHECKPOINT = os.path.join(HERE, "checkpoints", "tf_2_21")


def _exchange_with_tensorflow(read_dir, write_dir):
    """One TensorFlow process reads what tfshim wrote and writes its own checkpoints."""
    env = {k: v for k, v in os.environ.items() if k != "TFSHIM_AS_TENSORFLOW"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    res = subprocess.run([sys.executable, os.path.join(HERE, "checkpoint_interop.py"),
                          "exchange", "tensorflow", str(read_dir), str(write_dir)],
                         capture_output=True, text=True, timeout=300, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout)


def _check_read(written, read):
    assert read["net"] == written["net"]
    assert read["typed"] == written["typed"]  # every dtype, exact bytes
    assert read["gen"] == written["gen"]
    assert read["save_counter"] == 1
    assert read["late"] == written["net"]  # delayed restoration
    assert read["managed"] == written["managed"] == ["ckpt-4", "ckpt-5"]
    assert read["restored_from"] == "ckpt-5"
    assert read["step"] == written["step"]
    assert read["managed_net"] == written["net"]
    # The reader's manager continued the numbering and swept ckpt-4 (max_to_keep=2).
    assert read["after_save"] == ["checkpoint", "ckpt-5.data-00000-of-00001", "ckpt-5.index",
                                  "ckpt-6.data-00000-of-00001", "ckpt-6.index"]


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory):
    """tfshim's checkpoints (plain and Keras), and one TensorFlow process that read them and
    wrote its own: (directory, tfshim's summaries, TF's JSON)."""
    tmp_path = tmp_path_factory.mktemp("exchange")
    with pytest.MonkeyPatch.context() as patch:
        # Small table blocks, so TF's reader walks a multi-block index tfshim wrote.
        patch.setattr(table, "BLOCK_SIZE", 512)
        shim_written = interop.write(tf, str(tmp_path / "shim"))
    keras_written = keras_interop.write(tf, str(tmp_path / "shim" / "keras"))
    both = _exchange_with_tensorflow(tmp_path / "shim", tmp_path / "tf")
    return tmp_path, {"plain": shim_written, "keras": keras_written}, both


@pytest.mark.tf
@pytest.mark.skipif(_tensorflow_version() is None, reason="tensorflow-cpu==2.21.0 not installed")
def test_tensorflow_and_tfshim_read_each_others_checkpoints(exchanged):
    tmp_path, shim_written, both = exchanged
    with open(tmp_path / "shim" / "plain" / "ckpt-1.index", "rb") as f:
        assert len(table.read_index(f.read())) > 2
    _check_read(shim_written["plain"], both["read"])  # tfshim wrote, TF read
    _check_read(both["written"], interop.read(tf, str(tmp_path / "tf")))  # and the reverse
    # tfshim writes the same objects to the same bytes as TF (object graph included).
    interop.write(tf, str(tmp_path / "same"))
    for name in ("plain/ckpt-1.index", "plain/ckpt-1.data-00000-of-00001"):
        with open(tmp_path / "tf" / name, "rb") as a, open(tmp_path / "same" / name, "rb") as b:
            assert a.read() == b.read(), name


@pytest.mark.tf
@pytest.mark.skipif(_tensorflow_version() is None, reason="tensorflow-cpu==2.21.0 not installed")
def test_tensorflow_and_tfshim_read_each_others_keras_saves(exchanged):
    """A Keras model + Adam in tf.train.Checkpoint (restored before either is built, and
    through CheckpointManager), model.save(.keras) and save_weights(.weights.h5), both ways."""
    tmp_path, shim_written, both = exchanged
    keras_interop.check(shim_written["keras"], both["keras_read"])  # tfshim wrote, TF read
    keras_interop.check(both["keras_written"],  # TF wrote, tfshim read
                        keras_interop.read(tf, str(tmp_path / "tf" / "keras")))
    # The same object graph as TF's, byte for byte (node order, names, keys, full names).
    graphs = [tf.train.load_checkpoint(str(tmp_path / lib / "keras" / "ckpt" / "ckpt-1"))
              .get_tensor("_CHECKPOINTABLE_OBJECT_GRAPH") for lib in ("shim", "tf")]
    assert graphs[0] == graphs[1]


def test_keras_checkpoint_object_graph_is_tfs(tmp_path):
    """The object graph and keys TF 2.21 writes for a Keras model + Adam (checked in TF's
    interop above): shortest paths, the optimizer's lists, Keras variables as leaves."""
    written = keras_interop.write(tf, str(tmp_path))
    keras_interop.check(written, keras_interop.read(tf, str(tmp_path)))
    reader = tf.train.load_checkpoint(str(tmp_path / "ckpt" / "ckpt-1"))
    keys = sorted(reader.get_variable_to_shape_map())
    assert keys[:5] == ["_CHECKPOINTABLE_OBJECT_GRAPH",
                        "optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE",
                        "optimizer/_learning_rate/.ATTRIBUTES/VARIABLE_VALUE",
                        "optimizer/_trainable_variables/0/.ATTRIBUTES/VARIABLE_VALUE",
                        "optimizer/_trainable_variables/1/.ATTRIBUTES/VARIABLE_VALUE"]
    assert len(keys) == 16 and keys[-1] == "save_counter/.ATTRIBUTES/VARIABLE_VALUE"


def test_tfshim_roundtrip(tmp_path):
    _check_read(interop.write(tf, str(tmp_path)), interop.read(tf, str(tmp_path)))


def test_reads_tensorflows_checked_in_checkpoint_and_writes_the_same_bytes(tmp_path):
    ckpt = interop.small(tf)
    for v in (ckpt.model.inner.kernel, ckpt.model.items["flag"], ckpt.step):
        v.assign(tf.zeros_like(v))
    ckpt.model.words.assign([b"", b"", b""])
    assert tf.train.latest_checkpoint(TF_CHECKPOINT) == os.path.join(TF_CHECKPOINT, "ckpt-1")
    ckpt.restore(tf.train.latest_checkpoint(TF_CHECKPOINT)).assert_consumed()
    np.testing.assert_array_equal(ckpt.model.inner.kernel.numpy(), [[1.5, -2.0], [3.25, 0.0]])
    assert ckpt.model.inner.half.dtype == tf.bfloat16
    assert ckpt.model.items["flag"].numpy().tolist() == [True, False]
    assert ckpt.model.items["z"].numpy() == 1 + 2j
    assert ckpt.model.words.numpy().tolist() == [b"tf", b"", "ünï".encode()]
    assert ckpt.step.numpy() == 9 and ckpt.save_counter.numpy() == 1
    interop.small(tf, str(tmp_path))
    for name in ("checkpoint", "ckpt-1.index", "ckpt-1.data-00000-of-00001"):
        with open(os.path.join(TF_CHECKPOINT, name), "rb") as a, open(tmp_path / name, "rb") as b:
            assert a.read() == b.read(), name


def test_reader_and_listing():
    reader = tf.train.load_checkpoint(TF_CHECKPOINT)
    key = "model/inner/kernel/.ATTRIBUTES/VARIABLE_VALUE"
    assert reader.get_variable_to_shape_map()[key] == [2, 2]
    assert reader.get_variable_to_dtype_map()[key] is tf.float32
    assert reader.get_tensor("step/.ATTRIBUTES/VARIABLE_VALUE") == 9
    names = [n for n, _ in tf.train.list_variables(TF_CHECKPOINT)]
    assert names == sorted(names) and "_CHECKPOINTABLE_OBJECT_GRAPH" in names
    assert tf.train.load_variable(TF_CHECKPOINT, key + ":0").tolist() == [[1.5, -2.0],
                                                                          [3.25, 0.0]]
    with pytest.raises(tf.errors.NotFoundError, match="Key nope not found in checkpoint"):
        reader.get_tensor("nope")
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
        tf.train.load_checkpoint(HERE)


def _copy(tmp_path):
    dst = tmp_path / "ck"
    shutil.copytree(TF_CHECKPOINT, dst)
    return str(dst / "ckpt-1")


def _corrupt(path, offset, truncate=False):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if truncate:
        data = data[:offset]
    else:
        data[offset] ^= 0x40
    with open(path, "wb") as f:
        f.write(bytes(data))


@pytest.mark.parametrize("suffix, offset, truncate, message", [
    (".index", -5, True, r"not an sstable \(bad magic number\)"),
    (".index", 10, True, "file is too short to be an sstable"),
    (".index", 20, False, "block checksum mismatch"),
    (".index", -60, False, "block checksum mismatch"),  # in the index block
    (".data-00000-of-00001", 2, False, "Checksum does not match"),
    (".data-00000-of-00001", -3, False, "Checksum does not match"),  # the object graph string
    (".data-00000-of-00001", 100, True, "Read less bytes than requested"),
])
def test_corrupted_files_raise_data_loss_and_change_nothing(tmp_path, suffix, offset, truncate,
                                                            message):
    path = _copy(tmp_path)
    _corrupt(path + suffix, offset, truncate)
    ckpt = interop.small(tf)
    kernel = ckpt.model.inner.kernel.numpy().copy()
    ckpt.model.inner.kernel.assign(tf.zeros([2, 2]))
    with pytest.raises(tf.errors.DataLossError, match=message):
        ckpt.restore(path)
    with pytest.raises(tf.errors.DataLossError, match=message):
        reader = tf.train.load_checkpoint(path)
        for name in reader.get_variable_to_shape_map():
            reader.get_tensor(name)
    assert not ckpt.model.inner.kernel.numpy().any() and kernel.any()


def test_shape_mismatch_raises_tfs_error_and_changes_nothing():
    ckpt = interop.small(tf)
    ckpt.model.inner.kernel = tf.Variable(tf.ones([3]))
    ckpt.step.assign(0)
    with pytest.raises(ValueError, match=r"Received incompatible tensor with shape \(2, 2\) when "
                       r"attempting to restore variable with shape \(3,\) and name "
                       r"Variable:0\."):
        ckpt.read(os.path.join(TF_CHECKPOINT, "ckpt-1"))
    assert ckpt.step.numpy() == 0  # restorable values of the same pass were not assigned
    assert ckpt.model.inner.kernel.numpy().tolist() == [1, 1, 1]


def test_dtype_mismatch_raises_tfs_error():
    ckpt = interop.small(tf)
    ckpt.step = tf.Variable(0.0)
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected dtype float does not "
                       "equal original dtype int64"):
        ckpt.read(os.path.join(TF_CHECKPOINT, "ckpt-1"))


def test_failed_write_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    ckpt = interop.small(tf)
    path = ckpt.write(str(tmp_path / "w"))
    before = {n: open(tmp_path / n, "rb").read() for n in os.listdir(tmp_path)}
    ckpt.step.assign(123)

    def fail(items):
        raise OSError("disk full")

    monkeypatch.setattr(table, "build", fail)
    with pytest.raises(OSError, match="disk full"):
        ckpt.write(path)
    assert {n: open(tmp_path / n, "rb").read() for n in os.listdir(tmp_path)} == before
    ckpt.read(path)
    assert ckpt.step.numpy() == 9


def test_hostile_entries_are_errors_not_reads_elsewhere(tmp_path):
    # An entry pointing past its shard, into another shard, or at an absurd shape.
    from tfshim._proto.tensor_bundle import BundleEntryProto, BundleHeaderProto

    header = BundleHeaderProto(num_shards=1)
    header.version.producer = 1
    bad = BundleEntryProto(dtype=1, shard_id=7, offset=0, size=4)
    bad.shape.dim.add(size=1)
    huge = BundleEntryProto(dtype=1, offset=0, size=4)
    huge.shape.dim.add(size=2 ** 40)
    with open(tmp_path / "x.index", "wb") as f:
        f.write(table.build([(b"", header.SerializeToString()), (b"bad", bad.SerializeToString()),
                             (b"huge", huge.SerializeToString())]))
    with open(tmp_path / "x.data-00000-of-00001", "wb") as f:
        f.write(b"\0" * 4)
    reader = tensor_bundle.BundleReader(str(tmp_path / "x"))
    with pytest.raises(tf.errors.DataLossError, match="bad shard id 7"):
        reader.tensor("bad")
    with pytest.raises(tf.errors.DataLossError, match="its shape needs"):
        reader.tensor("huge")


def test_manager_sweeps_only_inside_its_directory(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.index").write_bytes(b"keep")
    managed = tmp_path / "managed"
    managed.mkdir()
    (managed / "checkpoint").write_text(
        'model_checkpoint_path: "../outside/victim"\n'
        'all_model_checkpoint_paths: "../outside/victim"\n'
        "all_model_checkpoint_timestamps: 4102444800\nlast_preserved_timestamp: 1\n")
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(v=tf.Variable(1.0)), str(managed),
                                         max_to_keep=1)
    manager.save()
    manager.save()
    assert (outside / "victim.index").read_bytes() == b"keep"
    assert manager.checkpoints == [str(managed / "ckpt-2")]


def test_checkpoint_options_and_callbacks(tmp_path):
    seen = []
    options = tf.train.CheckpointOptions(experimental_write_callbacks=[seen.append])
    ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
    ckpt.write(str(tmp_path / "a"), options=options)
    assert seen == [str(tmp_path / "a")]
    status = ckpt.read(str(tmp_path / "a"), options=tf.train.CheckpointOptions())
    status.assert_consumed().run_restore_ops()
    status.initialize_or_restore()
    status.assert_nontrivial_match()
    init = ckpt.restore(None)
    init.run_restore_ops()
    init.initialize_or_restore()
    with pytest.raises(AssertionError, match="No checkpoint specified"):
        init.assert_existing_objects_matched()
    with pytest.raises(AssertionError, match="No checkpoint specified"):
        init.assert_nontrivial_match()
    ckpt.sync()


def test_manager_keeps_one_checkpoint_every_n_hours(tmp_path, monkeypatch):
    from tfshim.train import checkpoint_management

    clock = [1000.0]
    monkeypatch.setattr(checkpoint_management.time, "time", lambda: clock[0])
    ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
    manager = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=1,
                                         keep_checkpoint_every_n_hours=1)
    for _ in range(6):  # one save every 20 minutes
        manager.save()
        clock[0] += 1200
    kept = sorted(n[:-len(".index")] for n in os.listdir(tmp_path) if n.endswith(".index"))
    # ckpt-1 is 0 s after the start (not kept), ckpt-4 the first an hour past it; ckpt-6 latest.
    assert kept == ["ckpt-4", "ckpt-6"]
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert state.last_preserved_timestamp == 1000.0 + 3 * 1200
    # A new manager recovers the state: only checkpoints newer than the last preserved one.
    again = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=1,
                                       keep_checkpoint_every_n_hours=1)
    assert again.checkpoints == [str(tmp_path / "ckpt-6")]
