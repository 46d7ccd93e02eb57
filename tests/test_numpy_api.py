"""tf.experimental.numpy: gradients through tnp functions and NumPy-style indexing, the
TensorShape conversion tnp relies on, TF's hint for NumPy methods before they are enabled, and
the deviation (dtype_conversion_mode 'safe'/'all'). Values and dtypes against TF, NumPy behavior
included (it is process-wide, so enabled only there), are the TF-tier program `numpy_api`."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import tfshim as tf
import tfshim.experimental.numpy as tnp


def test_gradients_through_tnp_match_jax():
    x = tf.constant([0.3, -1.2, 2.5], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tnp.sum(tnp.logaddexp(x, 0.5) * tnp.sinc(x))

    def f(v):
        return jnp.sum(jnp.logaddexp(v, 0.5) * jnp.sinc(v))

    np.testing.assert_allclose(tape.gradient(y, x).numpy(), jax.grad(f)(x.numpy()), rtol=1e-9)


def test_numpy_style_index_gradient_scatters_back():
    from tfshim.experimental.numpy.np_index_ops import _getitem

    x = tf.Variable(tf.reshape(tf.range(12.0), [3, 4]))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(_getitem(tf.convert_to_tensor(x), ([0, 2, 0], [1, 3, 1])))
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(),
                                  [[0, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]])


def test_tensor_shape_converts_as_tf():
    assert tf.convert_to_tensor(tf.TensorShape([2, 3])).dtype == tf.int32
    assert tf.convert_to_tensor(tf.TensorShape([2**31])).dtype == tf.int64
    with pytest.raises(ValueError, match="Cannot convert a partially known TensorShape"):
        tf.convert_to_tensor(tf.TensorShape([None, 2]))
    with pytest.raises(TypeError, match="Allowed dtypes are tf.int32 and tf.int64"):
        tf.convert_to_tensor(tf.TensorShape([2]), tf.float32)


def test_numpy_methods_need_enabling_first():
    if hasattr(tf.constant(1), "astype"):
        pytest.skip("NumPy behavior was enabled in this process")
    with pytest.raises(AttributeError, match="experimental_enable_numpy_behavior"):
        tf.constant([1, 2]).reshape(2, 1)
    with pytest.raises(AttributeError, match="'EagerTensor' object has no attribute 'nope'"):
        tf.constant(1).nope  # noqa: B018


def test_deviation_auto_dtype_conversion_modes_are_not_implemented():
    # TF's 'safe'/'all' modes need WeakTensor; tfshim refuses them before changing anything.
    for mode in ("safe", "all"):
        with pytest.raises(NotImplementedError, match="dtype_conversion_mode='legacy'"):
            tnp.experimental_enable_numpy_behavior(dtype_conversion_mode=mode)
    assert not hasattr(tf.constant(1), "astype")
