"""tf.saved_model.save/load: TF's layout, functions as StableHLO; tfshim reloads them with no
Python source, real TF 2.21 loads and runs them (XlaCallModule), and tfshim loads a TF-written
SavedModel's variables (its TF-graph functions raise UnimplementedError)."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import tfshim as tf

HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
import saved_model_interop as interop  # noqa: E402
from test_tf_tier import _tensorflow_version  # noqa: E402


def _expected():
    """What the original module computes (fresh, so its counter starts at 0 as the loaded)."""
    return interop.run(tf, interop.build(tf))


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("sm") / "net")
    tf.saved_model.save(interop.build(tf), path)
    return path


def test_layout(saved):
    assert tf.saved_model.contains_saved_model(saved)
    assert not tf.saved_model.contains_saved_model(os.path.dirname(saved) + "/nothing")
    assert sorted(os.listdir(saved)) == ["assets", "saved_model.pb", "variables"]
    assert sorted(os.listdir(os.path.join(saved, "variables"))) == [
        "variables.data-00000-of-00001", "variables.index"]
    names = [n for n, _ in tf.train.list_variables(os.path.join(saved, "variables",
                                                                "variables"))]
    assert "dense/w/.ATTRIBUTES/VARIABLE_VALUE" in names and "extra/0/.ATTRIBUTES/" \
        "VARIABLE_VALUE" in names


def test_tfshim_reloads_without_the_python_source(saved):
    loaded = tf.saved_model.load(saved)
    assert type(loaded).__name__ == "_CallableUserObject" or hasattr(loaded, "predict")
    assert interop.run(tf, loaded) == _expected()
    assert not hasattr(type(loaded), "scale")  # nothing of the Python class came back
    # Variables are variables: trainable, assignable, watched by tapes through the functions.
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(loaded.dense(tf.constant([[1.0, 1.0]])))
    gw, gb = tape.gradient(y, [loaded.dense.w, loaded.dense.b])
    np.testing.assert_allclose(gb.numpy(), [1.0, 1.0, 1.0])
    np.testing.assert_allclose(gw.numpy(), [[1, 1, 1], [1, 1, 1]])
    assert loaded.dense.w.trainable and loaded.dense.b.trainable
    # A restored object is TF's _UserObject (AutoTrackable): no tf.Module properties.
    assert not hasattr(loaded.dense, "trainable_variables")
    loaded.dense.b.assign([0.0, 0.0, -100.0])
    assert loaded.dense(tf.constant([[0.0, 0.0]])).numpy().tolist() == [[0.0, 0.0, 0.0]]


def test_checkpoint_restores_from_a_saved_model_directory(saved):
    net = interop.build(tf)
    net.dense.w.assign(tf.zeros([2, 3]))
    tf.train.Checkpoint(net).restore(saved).expect_partial()
    assert net.dense.w.numpy()[0, 1] == -2.0


def test_errors(tmp_path):
    with pytest.raises(OSError, match="SavedModel file does not exist at: "):
        tf.saved_model.load(str(tmp_path))
    (tmp_path / "saved_model.pb").write_bytes(b"\xff\xff garbage")
    with pytest.raises(tf.errors.DataLossError, match="Can't parse"):
        tf.saved_model.load(str(tmp_path))
    outside = tf.Variable(1.0)
    m = tf.Module()
    m.f = tf.function(lambda x: x * outside, input_signature=[tf.TensorSpec([], tf.float32)])
    with pytest.raises(AssertionError, match="'untracked' resource"):
        tf.saved_model.save(m, str(tmp_path / "bad"))
    loaded = tf.saved_model.load(_saved_simple(tmp_path))
    with pytest.raises(ValueError, match="Could not find matching concrete function"):
        loaded.f(tf.constant([1, 2]))


def _saved_simple(tmp_path):
    m = tf.Module()
    m.v = tf.Variable(3.0)
    m.f = tf.function(lambda x: x * m.v, input_signature=[tf.TensorSpec([None], tf.float32)])
    path = str(tmp_path / "simple")
    tf.saved_model.save(m, path, signatures={"times": m.f})
    return path


def test_signatures_argument(tmp_path):
    loaded = tf.saved_model.load(_saved_simple(tmp_path))
    assert list(loaded.signatures) == ["times"]
    out = loaded.signatures["times"](x=tf.constant([1.0, 2.0]))
    assert list(out) == ["output_0"] and out["output_0"].numpy().tolist() == [3.0, 6.0]
    # TF's: a one-input signature also takes its input positionally, no more.
    assert loaded.signatures["times"](tf.constant([1.0]))["output_0"].numpy().tolist() == [3.0]
    with pytest.raises(TypeError, match="too many positional arguments"):
        loaded.signatures["times"](tf.constant([1.0]), tf.constant([1.0]))


@pytest.fixture(scope="module")
def keras_saved(tmp_path_factory):
    """A Keras Sequential model saved by tf.saved_model.save, and its predictions."""
    path = str(tmp_path_factory.mktemp("sm") / "keras")
    model = interop.keras_model(tf)
    tf.saved_model.save(model, path)
    return path, {"keras_%d" % b: np.asarray(model(interop.keras_inputs(b))).tolist()
                  for b in interop.BATCHES}


def test_keras_model_saved_model_reloads(keras_saved):
    """Its `serving_default` (Keras's `_default_save_signature`) runs with no Keras and no
    Python source; the Keras variables are the SavedModel's variables."""
    path, expected = keras_saved
    loaded = tf.saved_model.load(path)
    assert list(loaded.signatures) == ["serving_default"]
    got = interop.run_keras(tf, loaded)
    for key in expected:
        np.testing.assert_allclose(got[key], expected[key], rtol=1e-6)
    names = [n for n, _ in tf.train.list_variables(os.path.join(path, "variables", "variables"))]
    assert "_functional/_operations/1/_kernel/.ATTRIBUTES/VARIABLE_VALUE" in names


def test_module_holding_a_keras_layer(tmp_path):
    """A tf.Module with a Keras layer: its variables in the SavedModel and the checkpoint under
    TF's keys (checked against TF 2.21 by hand: the same four keys, the same outputs)."""

    class Wrap(tf.Module):
        def __init__(self):
            super().__init__()
            self.dense = tf.keras.layers.Dense(2, kernel_initializer="ones")
            self.dense.build((None, 3))
            self.scale = tf.Variable(2.0)

        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
        def __call__(self, x):
            return self.dense(x) * self.scale

    path = str(tmp_path / "wrap")
    tf.saved_model.save(Wrap(), path)
    loaded = tf.saved_model.load(path)
    assert loaded(tf.ones([4, 3])).numpy().tolist() == [[6.0, 6.0]] * 4
    assert [n for n, _ in tf.train.list_variables(os.path.join(path, "variables", "variables"))
            ] == ["_CHECKPOINTABLE_OBJECT_GRAPH", "dense/_kernel/.ATTRIBUTES/VARIABLE_VALUE",
                  "dense/bias/.ATTRIBUTES/VARIABLE_VALUE", "scale/.ATTRIBUTES/VARIABLE_VALUE"]
    other = Wrap()
    other.dense.kernel.assign(tf.zeros([3, 2]))
    tf.train.Checkpoint(other).restore(path).expect_partial()
    assert other.dense.kernel.numpy().sum() == 6.0


@pytest.mark.tf
@pytest.mark.skipif(_tensorflow_version() is None, reason="tensorflow-cpu==2.21.0 not installed")
def test_tensorflow_runs_tfshims_saved_model_and_tfshim_loads_tfs(saved, keras_saved, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TFSHIM_AS_TENSORFLOW"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    tf_dir = str(tmp_path / "tf")
    res = subprocess.run([sys.executable, os.path.join(HERE, "saved_model_interop.py"), saved,
                          tf_dir, keras_saved[0]], capture_output=True, text=True, timeout=300,
                         env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    got = json.loads(res.stdout)
    expected = _expected()
    expected.update(keras_saved[1])  # TF serves tfshim's Keras SavedModel too
    assert got.keys() == expected.keys()
    for key in expected:
        if key == "signature":
            assert got[key].keys() == expected[key].keys()
            for name in expected[key]:
                np.testing.assert_allclose(got[key][name], expected[key][name], rtol=1e-6)
        else:
            np.testing.assert_allclose(got[key], expected[key], rtol=1e-6, err_msg=key)
    # TF's own SavedModel: tfshim restores the variables; its graph functions can't run here.
    loaded = tf.saved_model.load(tf_dir)
    assert loaded.dense.w.numpy()[0].tolist() == [1.0, -2.0, 0.5]
    assert loaded.extra[0].dtype == tf.float64 and loaded.calls.dtype == tf.int64
    with pytest.raises(tf.errors.UnimplementedError, match="is a TensorFlow graph"):
        loaded.predict(tf.constant(interop.inputs(1)))


def test_save_and_load_options(tmp_path):
    """SaveOptions/LoadOptions validate as TF's; extra_tags join the MetaGraph's tags and
    experimental_skip_checkpoint leaves the variables at their initial values."""
    with pytest.raises(TypeError, match="`namespace_whitelist` must be a list of strings. Got: 3"):
        tf.saved_model.SaveOptions(namespace_whitelist=3)
    with pytest.raises(ValueError, match="Whitelisted namespace must be a string. Got: 1"):
        tf.saved_model.SaveOptions(namespace_whitelist=[1])
    with pytest.raises(ValueError, match="Received invalid VariablePolicy value: x."):
        tf.saved_model.LoadOptions(experimental_variable_policy="x")
    with pytest.raises(ValueError, match="`experimental_image_format` is disabled in OSS"):
        tf.saved_model.SaveOptions(experimental_image_format=True)
    policy = tf.saved_model.experimental.VariablePolicy
    opts = tf.saved_model.SaveOptions(experimental_variable_policy="SAVE_VARIABLE_DEVICES",
                                      extra_tags=["gpu"])
    assert opts.experimental_variable_policy is policy.SAVE_VARIABLE_DEVICES
    assert opts.function_aliases == {} and opts.experimental_custom_gradients is True
    module = tf.Module()
    module.v = tf.Variable(1.0)
    module.v.assign(5.0)
    path = str(tmp_path / "m")
    tf.saved_model.save(module, path, options=opts)
    assert float(tf.saved_model.load(path, tags=["serve", "gpu"]).v) == 5.0
    with pytest.raises(ValueError, match=r"Got an incompatible argument to `tags`: \['serve'\]. "
                       r"The SavedModel at .* has one MetaGraph with tags \['serve', 'gpu'\]. You "
                       "may omit the argument, pass 'None', or pass matching tags."):
        tf.saved_model.load(path, tags=["serve"])
    # TF's variables stay uninitialised (they print an empty array); tfshim's hold zeros.
    skipped = tf.saved_model.load(
        path, options=tf.saved_model.LoadOptions(experimental_skip_checkpoint=True))
    assert float(skipped.v) == 0.0
