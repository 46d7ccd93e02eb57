"""Composite input signatures in tf.function, and ragged/sparse ops (gather_nd, cumsum, cross,
stack_dynamic_partitions) against NumPy references and TF's recorded numbers."""

import numpy as np
import pytest

import tfshim as tf
from tfshim._ops import sparse_cross_op
from tfshim.ragged import ragged_tensor


def test_rowids_match_searchsorted():
    rng = np.random.default_rng(0)
    for _ in range(2):
        lengths = rng.integers(0, 4, size=rng.integers(1, 8))
        splits = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        want = np.searchsorted(splits, np.arange(splits[-1]), side="right") - 1
        got = np.asarray(ragged_tensor._rowids(splits, int(splits[-1])))
        np.testing.assert_array_equal(got, want)


def test_ragged_signature_traces_once_with_symbolic_rows():
    @tf.function(input_signature=[tf.RaggedTensorSpec([None, None], tf.int32)])
    def f(x):
        return tf.reduce_sum(x, axis=1)

    for rows in ([[1, 2], [3]], [[1], [2, 3, 4], [], [5]], [[7, 7, 7]]):
        got = f(tf.ragged.constant(rows)).numpy()
        np.testing.assert_array_equal(got, [sum(r) for r in rows])
    assert f.experimental_get_tracing_count() == 1
    text = str(f.get_concrete_function())
    assert "RaggedTensorSpec(TensorShape([None, None]), tf.int32, 1, tf.int64)" in text
    assert "TensorSpec(shape=(None,), dtype=tf.int32, name=None)" in text


def test_sparse_spec_concrete_function_retraces_for_other_dense_shapes():
    h = tf.function(lambda s: tf.sparse.to_dense(s))
    cf = h.get_concrete_function(tf.SparseTensorSpec([None, 3], tf.float32))
    out = cf(tf.sparse.SparseTensor([[2, 1]], [5.0], [4, 3]))
    want = np.zeros((4, 3), np.float32)
    want[2, 1] = 5.0
    np.testing.assert_array_equal(out.numpy(), want)
    assert cf.structured_input_signature == ((tf.SparseTensorSpec([None, 3], tf.float32),), {})


def test_gather_nd_matches_nested_lists():
    rows = [[[1, 2], [3]], [], [[4, 5, 6], [7]]]
    rt = tf.ragged.constant(rows)
    assert tf.gather_nd(rt, [[0, 1], [2, 0]]).to_list() == [rows[0][1], rows[2][0]]
    assert tf.gather_nd(rt, [[2, 0, 1], [0, 0, 0]]).numpy().tolist() == [5, 1]
    assert tf.gather_nd(rt, [[[2, 1]], [[0, 0]]]).to_list() == [[[7]], [[1, 2]]]


@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
def test_ragged_cumsum_rows_match_numpy(exclusive, reverse):
    rows = [[1.0, 2.0, 3.0], [], [4.0, 5.0]]
    got = tf.math.cumsum(tf.ragged.constant(rows), axis=1, exclusive=exclusive,
                         reverse=reverse).to_list()
    for r, g in zip(rows, got):
        a = np.asarray(r[::-1] if reverse else r)
        c = np.cumsum(a) - (a if exclusive else 0)
        np.testing.assert_allclose(g, c[::-1] if reverse else c)


def test_cross_hashes_are_tfs():
    # TF 2.21: tf.ragged.cross_hashed([[["a"]], [["d"]]]) and its 100-bucket value.
    assert sparse_cross_op.fingerprint_cat64(
        sparse_cross_op.fingerprint_cat64(0xDECAFCAFFE, _fp(b"a")), _fp(b"d")) % (2**63 - 1) \
        == 1584069791037555375
    a, d = tf.ragged.constant([["a"]]), tf.ragged.constant([["d"]])
    assert tf.ragged.cross_hashed([a, d], num_buckets=100).to_list() == [[82]]


def _fp(s):
    import farmhash

    return farmhash.fingerprint64(s)


def test_cross_product_order_and_empty_rows():
    a = tf.ragged.constant([["a", "b"], [], ["c"]])
    b = tf.ragged.constant([["x", "y"], ["z"], ["w"]])
    assert tf.ragged.cross([a, b]).to_list() == [
        [b"a_X_x", b"a_X_y", b"b_X_x", b"b_X_y"], [], [b"c_X_w"]]
    sp = tf.sparse.cross([tf.sparse.from_dense(tf.constant([["a", ""], ["b", "c"]])),
                          tf.constant([["x"], ["y"]])])
    assert sp.values.numpy().tolist() == [b"a_X_x", b"b_X_y", b"c_X_y"]
    assert sp.dense_shape.numpy().tolist() == [2, 2]


def test_stack_dynamic_partitions_is_a_stable_grouping():
    data = np.arange(10) * 10
    parts = np.array([3, 0, 3, 1, 0, 2, 2, 0, 1, 3])
    got = tf.ragged.stack_dynamic_partitions(data, parts, 5).to_list()
    assert got == [data[parts == p].tolist() for p in range(5)]
    with pytest.raises(tf.errors.InvalidArgumentError, match="less than num_partitions"):
        tf.ragged.stack_dynamic_partitions(data, parts, 3)


def test_composite_specs_round_trip_through_the_structure_coder():
    from tfshim.saved_model import nested_structure_coder as coder

    for spec in (tf.RaggedTensorSpec([None, None, 2], tf.float64, 1, tf.int32),
                 tf.SparseTensorSpec([None, 3], tf.int64)):
        proto = coder.encode((spec, 1))
        assert coder.decode(proto) == (spec, 1)
        assert proto.tuple_value.values[0].type_spec_value.type_spec_class_name == \
            type(spec).__name__


def test_saved_sparse_function_takes_only_its_traced_dense_shape(tmp_path):
    class Sparse(tf.Module):
        @tf.function(input_signature=[tf.SparseTensorSpec([None, 3], tf.float32)])
        def g(self, s):
            return tf.sparse.reduce_sum(s, axis=1)

    module = Sparse()
    module.g(tf.sparse.SparseTensor([[1, 2]], [3.0], [2, 3]))
    tf.saved_model.save(module, str(tmp_path / "m"))
    loaded = tf.saved_model.load(str(tmp_path / "m"))
    sig = loaded.g.concrete_functions[0].structured_input_signature
    assert sig == ((tf.SparseTensorSpec([2, 3], tf.float32),), {})
    with pytest.raises(ValueError, match="Could not find matching concrete function"):
        loaded.g(tf.sparse.SparseTensor([[2, 2]], [3.0], [3, 3]))


def test_sampled_addmm_matches_numpy():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 5))
    idx = np.array([[0, 4], [2, 1], [1, 1]], np.int64)
    vals = rng.normal(size=3)
    _, out, shape = tf.sparse.sampled_addmm(idx, vals, [3, 5], a, b, beta=0.25, alpha=3.0,
                                             output_type=tf.float64)
    want = 3.0 * (a @ b)[idx[:, 0], idx[:, 1]] + 0.25 * vals
    np.testing.assert_allclose(out.numpy(), want, rtol=1e-12)
    assert shape.numpy().tolist() == [3, 5]


def test_cross_of_traced_inputs_runs_eagerly_with_eager_values():
    a = tf.sparse.from_dense(tf.constant([[1, 0], [2, 3]], tf.int64))
    b = tf.constant([[7], [8]], tf.int64)
    f = tf.function(lambda x, y: tf.sparse.cross_hashed([x, y], num_buckets=50).values)
    np.testing.assert_array_equal(f(a, b).numpy(),
                                  tf.sparse.cross_hashed([a, b], num_buckets=50).values.numpy())
