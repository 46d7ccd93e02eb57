"""tf.TensorArray inside tf.function: compiled loops, gradients against jax.grad, deviations."""

import jax
import jax.numpy as jnp
import numpy as np
from testing import EAGER_FALLBACK, check_function_matches_eager, tf_warnings

import tfshim as tf


def _powers(x, n):
    ta = tf.TensorArray(tf.float64, size=4, clear_after_read=False)
    for i in tf.range(n):
        ta = ta.write(i, x ** tf.cast(i + 1, tf.float64))
    return ta.stack(), ta.read(n - 1), ta.gather([1, 0]), ta.concat()


def test_traced_loop_compiles_and_matches_eager():
    x = tf.constant([1.5, -2.0], tf.float64)
    check_function_matches_eager(_powers, x, tf.constant(3))


def test_unrolled_loop_with_scatter_and_unstack_compiles():
    def f(x):
        ta = tf.TensorArray(tf.float32, size=3, element_shape=[2]).unstack(x)
        ta = ta.scatter([0, 2], tf.stack([ta.read(2), ta.read(0)]))
        return ta.stack(), ta.size()

    check_function_matches_eager(f, tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))


def test_gradient_through_traced_loop_matches_jax():
    def loss(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            _, ta = tf.while_loop(
                lambda i, ta: i < 3,
                lambda i, ta: (i + 1, ta.write(i, tf.sin(x) * tf.cast(i + 1, tf.float64))),
                (tf.constant(0), tf.TensorArray(tf.float64, size=3)), maximum_iterations=3)
            y = tf.reduce_sum(ta.stack() ** 2)
        return tape.gradient(y, x)

    x = np.array([0.3, -1.2])
    want = jax.grad(lambda v: jnp.sum((jnp.sin(v)[None] * jnp.arange(1.0, 4.0)[:, None]) ** 2))(
        x)
    np.testing.assert_allclose(loss(tf.constant(x)).numpy(), want, rtol=1e-12)
    np.testing.assert_allclose(tf.function(loss)(tf.constant(x)).numpy(), want, rtol=1e-12)


def test_eager_gradient_skips_unwritten_elements():
    x = tf.Variable([1.0, 2.0], dtype=tf.float64)
    with tf.GradientTape() as tape:
        ta = tf.TensorArray(tf.float64, size=3).write(2, x * x)
        y = tf.reduce_sum(ta.stack())
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [2.0, 4.0])


def test_traced_size_runs_eagerly_with_tfshim_warning():
    # README known deviation: XLA needs the buffer's size; TF's TensorList doesn't.
    @tf.function
    def f(n):
        ta = tf.TensorArray(tf.int32, size=n)
        for i in tf.range(n):
            ta = ta.write(i, i * i)
        return ta.stack()

    with tf_warnings() as messages:
        out = f(tf.constant(4))
    assert out.numpy().tolist() == [0, 1, 4, 9]
    assert any(EAGER_FALLBACK in m and "TensorArray" in m for m in messages)
