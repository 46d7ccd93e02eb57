"""tf.RaggedTensor beyond the TF tier: tf.function, pytrees, gradients against JAX."""

import jax
import jax.numpy as jnp
import numpy as np
from testing import EAGER_FALLBACK, tf_warnings

import tfshim as tf


def test_ragged_argument_compiles_for_row_reductions_and_elementwise_ops():
    @tf.function
    def f(r):
        return tf.reduce_sum(r, axis=1), tf.sqrt(r) * 2.0, r

    with tf_warnings() as messages:
        s, e, same = f(tf.ragged.constant([[1.0, 4.0], [], [9.0]]))
    assert not [m for m in messages if EAGER_FALLBACK in m]
    assert s.numpy().tolist() == [5.0, 0.0, 9.0]
    assert e.to_list() == [[2.0, 4.0], [], [6.0]]
    assert isinstance(same, tf.RaggedTensor) and same.shape.as_list() == [3, None]


def test_column_reduction_on_traced_splits_runs_eagerly():
    # README known deviation: the result's length is the longest row, data inside tf.function.
    @tf.function
    def f(r):
        return tf.reduce_max(r, axis=0)

    with tf_warnings() as messages:
        out = f(tf.ragged.constant([[1, 5], [], [3]]))
    assert out.numpy().tolist() == [3, 5]
    assert any(EAGER_FALLBACK in m for m in messages)


def test_ragged_tensor_is_a_jax_pytree():
    rt = tf.ragged.constant([[1.0, 2.0], [3.0]])
    leaves = jax.tree_util.tree_leaves(rt)
    assert [np.asarray(x).tolist() for x in leaves] == [[1.0, 2.0, 3.0], [0, 2, 3]]
    doubled = jax.jit(lambda r: r.with_flat_values(r.flat_values * 2.0))(rt)
    assert doubled.to_list() == [[2.0, 4.0], [6.0]]


def test_gradients_through_reductions_match_jax():
    rows = np.array([0, 0, 0, 2, 2])

    def ref(v):
        sums = jax.ops.segment_sum(jnp.sin(v), rows, 3)
        return jnp.sum(sums ** 2) + jnp.sum(jnp.sin(v) * jnp.arange(5.0))

    v0 = np.array([0.1, 0.7, -0.4, 1.3, 2.0])
    v = tf.Variable(v0)
    with tf.GradientTape() as tape:
        rt = tf.RaggedTensor.from_row_splits(tf.sin(v), [0, 3, 3, 5])
        y = (tf.reduce_sum(tf.reduce_sum(rt, axis=1) ** 2)
             + tf.reduce_sum(rt.to_tensor() * [[0.0, 1.0, 2.0], [0.0, 0.0, 0.0],
                                               [3.0, 4.0, 0.0]]))
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), jax.grad(ref)(v0), rtol=1e-12)


def test_tile_reverse_and_embedding_lookup_pass_gradients_to_flat_values():
    x = tf.Variable([1.0, 2.0, 3.0])
    table = tf.Variable(tf.reshape(tf.range(8.0), [4, 2]))
    ids = tf.ragged.constant([[3, 1], [], [3]])
    with tf.GradientTape(persistent=True) as t:
        r = tf.RaggedTensor.from_row_lengths(x * x, [2, 1])
        y = tf.reduce_sum(tf.tile(r, [2, 3]) * tf.reverse(tf.tile(r, [2, 3]), [1]))
        e = tf.reduce_sum(tf.nn.embedding_lookup(table, ids))
    # y = 2 * 3 * sum over rows of (row . reversed row) with values v = x**2.
    v = np.array([1.0, 4.0, 9.0])
    expected = 6 * np.array([2 * v[1], 2 * v[0], 2 * v[2]]) * 2 * np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(t.gradient(y, x).numpy(), expected)
    g = tf.convert_to_tensor(t.gradient(e, table))
    assert g.numpy().tolist() == [[0, 0], [1, 1], [0, 0], [2, 2]]


def test_dynamic_ragged_shape_round_trips_a_ragged_tensor():
    rt = tf.ragged.constant([[[1, 2]], [[3, 4], [5]], []])
    shape = tf.shape(rt, out_type=tf.int64)
    assert shape.static_lengths() == [3, (1, 2, 0), (2, 2, 1)]
    rebuilt = tf.reshape(rt.flat_values, shape)
    assert rebuilt.to_list() == rt.to_list()
    assert tf.ones(shape, tf.int32).to_list() == [[[1, 1]], [[1, 1], [1]], []]
    assert tf.shape(tf.zeros([2, 3])).numpy().tolist() == [2, 3]  # dense: still a tensor
