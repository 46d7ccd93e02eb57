"""tf.SparseTensor beyond the TF tier: tf.function arguments, pytrees, gradients against JAX."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from testing import EAGER_FALLBACK, tf_warnings

import tfshim as tf


def _st(values):
    return tf.SparseTensor([[0, 1], [1, 0], [2, 2]], values, [3, 3])


def test_sparse_argument_to_tf_function_compiles_and_keeps_its_spec():
    @tf.function
    def f(s, x):
        return tf.sparse.sparse_dense_matmul(s, x), tf.sparse.to_dense(s * 2.0), s

    x = tf.ones([3, 2], tf.float64)
    with tf_warnings() as messages:
        m, d, s = f(_st(tf.constant([1.0, 2.0, 3.0], tf.float64)), x)
        f(_st(tf.constant([4.0, 5.0, 6.0], tf.float64)), x)
    assert not [m for m in messages if EAGER_FALLBACK in m]
    assert f.experimental_get_tracing_count() == 1
    np.testing.assert_allclose(m.numpy(), [[1, 1], [2, 2], [3, 3]])
    np.testing.assert_allclose(d.numpy(), [[0, 2, 0], [4, 0, 0], [0, 0, 6]])
    assert isinstance(s, tf.SparseTensor) and s.shape == [3, 3]
    assert s.values.numpy().tolist() == [1.0, 2.0, 3.0]


def test_pattern_changing_op_on_traced_indices_runs_eagerly():
    @tf.function
    def f(s):
        return tf.sparse.reorder(s).values

    with tf_warnings() as messages:
        out = f(tf.SparseTensor([[1, 0], [0, 0]], [1.0, 2.0], [2, 2]))
    assert out.numpy().tolist() == [2.0, 1.0]
    assert any(EAGER_FALLBACK in m for m in messages)


def test_sparse_tensor_is_a_jax_pytree():
    s = _st([1.0, 2.0, 3.0])
    leaves, tree = jax.tree_util.tree_flatten(s)
    assert [np.asarray(x).shape for x in leaves] == [(3, 2), (3,), (2,)]
    back = jax.tree_util.tree_unflatten(tree, leaves)
    assert isinstance(back, tf.SparseTensor) and back.shape == [3, 3]
    doubled = jax.jit(lambda t: t.with_values(t.values * 2.0))(s)
    assert doubled.values.numpy().tolist() == [2.0, 4.0, 6.0]


def test_gradients_through_values_match_jax():
    rows, cols = np.array([0, 1, 2]), np.array([1, 0, 2])
    b = np.arange(6.0).reshape(3, 2)
    w = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])

    def ref(v, b):
        dense = jnp.zeros((3, 3)).at[rows, cols].set(jnp.sin(v))
        mm = jnp.zeros((3, 2)).at[rows].add(jnp.sin(v)[:, None] * b[cols])
        return jnp.sum(dense * w) + jnp.sum(mm ** 2)

    v0 = np.array([0.5, -1.0, 2.0])
    want_v, want_b = jax.grad(ref, argnums=(0, 1))(v0, b)
    v, bt = tf.Variable(v0), tf.Variable(b)
    with tf.GradientTape() as tape:
        s = _st(tf.sin(v))
        y = (tf.reduce_sum(tf.sparse.to_dense(s) * w)
             + tf.reduce_sum(tf.sparse.sparse_dense_matmul(s, bt) ** 2))
    gv, gb = tape.gradient(y, [v, bt])
    np.testing.assert_allclose(gv.numpy(), want_v, rtol=1e-12)
    np.testing.assert_allclose(gb.numpy(), want_b, rtol=1e-12)


def test_shape_size_rank_of_a_sparse_tensor_as_tf():
    # TF's array_ops: a SparseTensor's dense_shape, cast to out_type (Keras's ops.shape uses it).
    s = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], (2, 3))
    shape = tf.shape(s)
    assert shape.dtype == tf.int32 and shape.numpy().tolist() == [2, 3]
    assert tf.shape(s, out_type=tf.int64).dtype == tf.int64
    assert tf.size(s).dtype == tf.int32 and int(tf.size(s)) == 6
    assert tf.size(s, out_type=tf.int64).dtype == tf.int64
    assert tf.rank(s).dtype == tf.int32 and int(tf.rank(s)) == 2
    assert tf.function(lambda s: tf.shape(s))(s).numpy().tolist() == [2, 3]


def test_cast_of_sparse_tensor_and_indexed_slices_casts_the_values_as_tf():
    # TF's math_ops.cast rebuilds a SparseTensor/IndexedSlices around its cast values (Keras's
    # layers cast their sparse inputs to the compute dtype this way).
    s = tf.cast(_st(tf.constant([1.5, -2.5, 3.0])), tf.int32)
    assert isinstance(s, tf.SparseTensor) and s.dtype == tf.int32
    assert s.values.numpy().tolist() == [1, -2, 3] and s.dense_shape.numpy().tolist() == [3, 3]
    assert s.indices.numpy().tolist() == [[0, 1], [1, 0], [2, 2]]
    rows = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
    g = tf.cast(rows, tf.float64)
    assert isinstance(g, tf.IndexedSlices) and g.values.dtype == tf.float64
    assert g.indices.numpy().tolist() == [1] and g.dense_shape.numpy().tolist() == [3, 2]


def test_deviation_a_tf_function_traces_per_number_of_sparse_entries():
    """TF traces once per SparseTensorSpec (1 here); tfshim once per number of entries too
    (README: known deviations)."""

    @tf.function
    def total(s):
        return tf.sparse.reduce_sum(s)

    assert float(total(tf.sparse.SparseTensor([[1, 2]], [3.0], [2, 3]))) == 3.0
    assert float(total(tf.sparse.SparseTensor([[1, 2], [0, 0]], [3.0, 1.0], [2, 3]))) == 4.0
    assert total.experimental_get_tracing_count() == 2


def test_sparse_bincount_refuses_weights_with_binary_output_as_tf():
    with pytest.raises(ValueError, match="Arguments `binary_output` and `weights` are mutually "
                       "exclusive. Please specify only one."):
        tf.sparse.bincount(tf.constant([1, 2]), tf.constant([1.0, 2.0]), binary_output=True)
