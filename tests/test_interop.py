"""tfshim tensors in JAX and NumPy code: jnp functions, jax.jit/grad/vmap over tfshim code,
NumPy functions and np.testing on tensors and variables."""

import jax
import jax.numpy as jnp
import numpy as np

import tfshim as tf


def test_jnp_functions_take_tensors():
    t = tf.constant([0.0, 1.0])
    np.testing.assert_allclose(jnp.sin(t), np.sin([0.0, 1.0]), rtol=1e-6)
    assert jnp.add(t, 1.0).dtype == jnp.float32


def test_jax_transforms_over_tfshim_code():
    def f(x):
        return tf.reduce_sum(tf.sin(x) * x)

    x = tf.constant([0.5, 1.5], tf.float64)
    out = jax.jit(f)(x)
    assert isinstance(out, tf.Tensor) and out.dtype == tf.float64
    np.testing.assert_allclose(float(out), np.sum(np.sin([0.5, 1.5]) * [0.5, 1.5]), rtol=1e-12)
    g = jax.grad(lambda a: f(a)._value)(x)
    np.testing.assert_allclose(np.asarray(g), np.sin([0.5, 1.5]) + np.cos([0.5, 1.5]) *
                               np.array([0.5, 1.5]), rtol=1e-12)
    v = jax.vmap(lambda a: tf.square(a))(tf.constant([1.0, 2.0, 3.0]))
    np.testing.assert_array_equal(np.asarray(v), [1.0, 4.0, 9.0])


def test_numpy_functions_and_testing_take_tensors_and_variables():
    t = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    v = tf.Variable([1.0, 2.0])
    assert np.sum(t) == 10.0
    assert np.asarray(v).tolist() == [1.0, 2.0]
    np.testing.assert_allclose(t, [[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(v, [1.0, 2.0])
    assert np.mean(t) == 2.5 and isinstance(np.mean(t), np.floating)
    assert (np.array([1.0, 2.0]) * tf.constant(2.0)).dtype == tf.float32


def test_np_array_of_a_tensor_is_a_writable_copy():
    # np.array(t) asks __array__ for a copy (NumPy 2's copy=True): writable, as TF's is.
    t = tf.convert_to_tensor(np.array([1.0, 2.0, 3.0], np.float32))
    a = np.array(t)
    a[0] = 5.0
    assert a.tolist() == [5, 2, 3] and t.numpy().tolist() == [1, 2, 3]
    assert not tf.is_tensor(tf.TensorShape([1]))  # converts to a tensor, but isn't one
