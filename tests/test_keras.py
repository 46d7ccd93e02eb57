"""What tf.keras (Keras 3's TF backend, run on tfshim) stands on: lazy loading, the private TF
modules it imports (tfshim/_compat), tf.__internal__, and the tensor behaviours it relies on.
Keras itself runs in the TF tier (tests/tf_tier/programs/keras_basics.py)."""

import os
import subprocess
import sys

import numpy as np
import pytest

import tfshim as tf
from tfshim.notebook import alias


def _python(code, **env):
    # Keras's backend as the test chooses it, whatever this process's environment says.
    base = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, env={**base, **env})
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout.split()


def test_keras_loads_on_first_access_only_and_keeps_a_chosen_backend():
    out = _python("import sys, tfshim as tf; print('keras' in sys.modules);"
                  "k = tf.keras; import tensorflow;"
                  "print(k.__name__, k.backend.backend(), tensorflow.__name__)")
    assert out == ["False", "keras._tf_keras.keras", "tensorflow", "tfshim"]
    out = _python("import tfshim as tf; print(tf.keras.backend.backend())", KERAS_BACKEND="numpy")
    assert out == ["numpy"]


def test_keras_loads_under_an_alias_by_name_alone():
    """Tools that map ``tensorflow.X`` to ``tfshim.X`` by name (tfdiff does) get TF's private
    modules as ``tfshim.python.X``, so Keras's TF backend imports under them too."""
    code = """
import importlib, importlib.abc, importlib.util, sys
class Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" or name.startswith("tensorflow."):
            return importlib.util.spec_from_loader(name, self)
    def create_module(self, spec):
        real = importlib.import_module("tfshim" + spec.name[len("tensorflow"):])
        sys.modules[spec.name] = real
        return real
    def exec_module(self, mod):
        pass
sys.meta_path.insert(0, Alias())
import tensorflow as tf
import keras
from tensorflow.python.trackable.data_structures import ListWrapper
import tfshim._compat.data_structures as mine
layer = keras.layers.Dense(2, kernel_initializer="ones")
print(keras.backend.backend(), ListWrapper is mine.ListWrapper,
      float(tf.reduce_sum(layer(tf.ones([1, 3])))))
"""
    assert _python(code) == ["tensorflow", "True", "6.0"]


def test_private_modules_under_the_alias():
    alias.install_alias("tfshim")
    try:
        import tensorflow.python as package
        from tensorflow.compiler.tf2xla.python.xla import dynamic_update_slice
        from tensorflow.python.eager import context
        from tensorflow.python.framework.config import is_op_determinism_enabled
        from tensorflow.python.ops.math_ops import is_nan
        from tensorflow.python.trackable.data_structures import ListWrapper, _DictWrapper
    finally:
        alias.remove_alias()
    assert package.__path__ == [] and context.executing_eagerly()
    assert context.async_wait() is None and context.context().clear_kernel_cache() is None
    assert is_nan is tf.math.is_nan and is_op_determinism_enabled() is False
    assert isinstance(ListWrapper([1]), list) and isinstance(_DictWrapper(a=1), dict)
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    u = tf.constant([[7.0, 8.0]])
    np.testing.assert_array_equal(dynamic_update_slice(x, u, [1, 2]).numpy(),
                                  [[1, 2, 3], [4, 7, 8]])  # start clamped so the update fits
    with tf.GradientTape() as tape:
        tape.watch([x, u])
        y = tf.reduce_sum(dynamic_update_slice(x, u, tf.constant([0, 1])) * 2.0)
    gx, gu = tape.gradient(y, [x, u])
    np.testing.assert_array_equal(gx.numpy(), [[2, 0, 0], [2, 2, 2]])
    np.testing.assert_array_equal(gu.numpy(), [[2, 2]])
    with pytest.raises(AttributeError, match="tfshim has no DTensor"):
        getattr(tf.experimental.dtensor, "Mesh")  # noqa: B009


class _Wrapped(tf.__internal__.types.Tensor):
    """A Keras-style variable: converts itself, and acts as its tf.Variable on tapes."""

    _should_act_as_resource_variable = True

    def __init__(self, value):
        self.value = tf.Variable(value)

    handle = property(lambda self: self.value.handle)

    def __tf_tensor__(self, dtype=None, name=None):
        return tf.convert_to_tensor(self.value, dtype=dtype, name=name)


def test_tensor_protocol_is_tensor_and_tapes_on_wrapped_variables():
    w = _Wrapped([1.0, 2.0])
    assert tf.is_tensor(w) and tf.is_tensor(tf.Variable(1.0)) and not tf.is_tensor(np.ones(2))
    assert isinstance(tf.constant(1.0), tf.__internal__.types.Tensor)
    np.testing.assert_array_equal(tf.convert_to_tensor(w).numpy(), [1, 2])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.convert_to_tensor(w) ** 2)
    np.testing.assert_array_equal(tape.gradient(y, w).numpy(), [2, 4])
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(w)
        y = tf.reduce_sum(tf.convert_to_tensor(w) * 3.0)
    assert tape.gradient(y, [w])[0].numpy().tolist() == [3, 3]
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    assert a._unique_id != b._unique_id


def test_tensors_take_attributes():
    t = tf.constant([1.0])
    t._keras_mask = tf.constant([True])
    assert t._keras_mask.numpy().tolist() == [True]


def test_internal_smart_cond_tracking_and_merge_call():
    sc = tf.__internal__.smart_cond.smart_cond
    assert sc(True, lambda: 1, lambda: 2) == 1
    assert sc(tf.constant(False), lambda: 1, lambda: 2) == 2
    f = tf.function(lambda p: sc(p, lambda: tf.constant(1), lambda: tf.constant(2)))
    assert f(tf.constant(False)).numpy() == 2
    with pytest.raises(TypeError, match="must be a Tensor, or a Python bool"):
        sc("yes", lambda: 1, lambda: 2)

    class Owner(tf.__internal__.tracking.AutoTrackable):
        @tf.__internal__.tracking.no_automatic_dependency_tracking
        def untracked(self, v):
            self.hidden = v

    o, v = Owner(), tf.Variable(1.0)
    o.kept, o.items = v, [1]
    o.untracked(tf.Variable(2.0))
    # TF's: the ListWrapper is a dependency too; `del` drops one.
    assert o._trackable_children() == {"kept": v, "items": o.items}
    assert type(o.items).__name__ == "ListWrapper"
    del o.kept
    assert o._trackable_children() == {"items": o.items}
    assert isinstance(v, tf.__internal__.tracking.Trackable)

    strategy = tf.distribute.get_strategy()
    assert tf.__internal__.distribute.strategy_supports_no_merge_call() is True
    out = tf.__internal__.distribute.interim.maybe_merge_call(
        lambda s, x: (s is strategy, x), strategy, 3)
    assert out == (True, 3)
    var = tf.Variable(1.0)
    assert strategy.extended.update(var, lambda v, d: v.assign_add(d), args=(2.0,),
                                    group=False)[0].numpy() == 3.0
    with strategy.extended.colocate_vars_with(var):
        assert tf.Variable(0.0).device == var.device


def test_func_graph_placeholders_trace_shapes_without_running():
    with pytest.raises(RuntimeError, match=r"tf.placeholder\(\) is not compatible with eager"):
        tf.compat.v1.placeholder(tf.float32, [None, 3])
    graph = tf.__internal__.FuncGraph("scratch")
    with graph.as_default():
        p = tf.compat.v1.placeholder(tf.float32, [None, 3])
        assert str(p) == 'Tensor("Placeholder:0", shape=(None, 3), dtype=float32)'
        assert not tf.executing_eagerly()
        q = tf.matmul(p, tf.ones([3, 2]))
        assert q.shape.as_list() == [None, 2] and q.dtype == tf.float32
        r = tf.concat([q, q[:, :1] * 2.0], axis=1)
        assert r.shape.as_list() == [None, 3]
        with pytest.raises(AssertionError, match="Do not use tf.reset_default_graph"):
            tf.compat.v1.reset_default_graph()
        with tf.init_scope():
            assert tf.executing_eagerly() and (tf.constant(1) + 1).numpy() == 2
    assert graph.inputs == [p] and tf.executing_eagerly()
    tf.compat.v1.reset_default_graph()  # eager: nothing to clear (Keras's clear_session)


def test_func_graph_broadcasts_unknown_dimensions_as_tf():
    # TF's static shapes (checked against TF 2.21): None against None, or against 3, broadcasts;
    # JAX can't broadcast two different symbolic sizes, so the graph's op stands one in.
    graph = tf.__internal__.FuncGraph("scratch")
    with graph.as_default():
        a = tf.compat.v1.placeholder(tf.float32, [None])
        b = tf.compat.v1.placeholder(tf.float32, [None])
        c = tf.compat.v1.placeholder(tf.float32, [None, 3])
        assert (a + b).shape.as_list() == [None]
        assert (a[::2] + a[1::2]).shape.as_list() == [None]  # Keras's associative_scan
        d = c * tf.compat.v1.placeholder(tf.float32, [2, None])
        assert d.shape.as_list() == [2, 3]
        assert tf.maximum(c, tf.compat.v1.placeholder(tf.float32, [None, 1])).shape.as_list() \
            == [None, 3]
    add = tf.function(lambda x, y: x + y)
    with pytest.raises(tf.errors.InvalidArgumentError):  # running sizes still must agree
        add(tf.ones([3]), tf.ones([2]))


def test_keras_submodules_import_under_the_alias():
    # As under TF: tensorflow.keras is keras._tf_keras.keras, its submodules importable by path.
    out = _python("from tfshim.notebook import install_alias; install_alias()\n"
                  "import tensorflow as tf\n"
                  "from tensorflow.keras.layers import Dense\n"
                  "from tensorflow.keras.models import Sequential\n"
                  "print(Dense is tf.keras.layers.Dense, Sequential is tf.keras.Sequential)\n"
                  "try:\n    import tensorflow.keras.nothere\n"
                  "except ModuleNotFoundError as e:\n    print(e.name)")
    assert out == ["True", "True", "tensorflow.keras.nothere"]


def test_deviation_composite_iterator_elements_run_eagerly():
    # Keras's fit on a generator of SparseTensors: TF traces once; tfshim runs the function
    # eagerly (README: known deviations), with TF's values.
    sp = tf.sparse.from_dense([[1.0, 0.0], [0.0, 2.0]])
    ds = tf.data.Dataset.from_generator(lambda: iter([sp, sp * 2.0]),
                                        output_signature=tf.SparseTensorSpec([2, 2], tf.float32))
    runs = []

    @tf.function
    def step(it):
        runs.append(1)
        return tf.sparse.reduce_sum(it.get_next())

    it = iter(ds)
    assert [step(it).numpy(), step(it).numpy()] == [3.0, 6.0]
    assert len(runs) == 3  # the trace, then each call (TF: 1)


def test_export_archive_walks_trackables_and_reloads_in_tfshim(tmp_path):
    # Keras's ExportArchive: TrackableView over the model, a tf.function of Layer.__call__
    # (*args) with a nested input_signature; the SavedModel serves any batch size.
    keras = tf.keras
    x1, x2 = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    model = keras.Model({"a": x1, "b": x2},
                        keras.layers.Dense(2)(keras.layers.Concatenate()([x1, x2])))
    inputs = {"a": np.ones((4, 3), np.float32), "b": np.ones((4, 2), np.float32)}
    model.export(str(tmp_path / "m"), verbose=False)
    loaded = tf.saved_model.load(str(tmp_path / "m"))
    np.testing.assert_allclose(loaded.serve(inputs), model(inputs), atol=1e-6)
    assert loaded.serve({"a": tf.zeros([7, 3]), "b": tf.zeros([7, 2])}).shape == (7, 2)
    assert sorted(loaded.signatures["serve"].structured_input_signature[1]) == ["a", "b"]
    assert len(loaded.trainable_variables) == 2
    descendants = tf.train.TrackableView(model).descendants()
    kernel = model.layers[-1].kernel
    assert descendants[0] is model and any(d is kernel for d in descendants)
