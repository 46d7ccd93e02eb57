"""Array ops (gather, one_hot, split, pad, where, scatter, sort, clipping, scans...) vs NumPy.

Records: a tf call, a NumPy reference, expanded over dtypes (values, dtype, shape). Gradients
in float64 against central finite differences and jax.grad. TF's error types for bad inputs.
The TF tier (tests/tf_tier/programs/array_*.py) compares the same ops with real TensorFlow.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from testing import check, check_function_matches_eager, finite_differences

import tfshim as tf

RNG = np.random.default_rng(0)
X = RNG.uniform(-3, 3, size=(3, 4))
IDX = np.array([[2, 0], [1, 1]])


def _cumsum(x, axis, exclusive, reverse):
    if reverse:
        x = np.flip(x, axis)
    out = np.cumsum(x, axis)
    if exclusive:
        out = np.concatenate([np.zeros_like(np.take(out, [0], axis)), out], axis)
        out = np.take(out, np.arange(x.shape[axis]), axis)
    return np.flip(out, axis) if reverse else out


def _one_hot(i, depth):
    return (np.asarray(i)[..., None] == np.arange(depth)).astype(np.float32)


# (id, tf call on x, NumPy reference on x)
RECORDS = [
    ("gather", lambda x: tf.gather(x, IDX), lambda x: x[IDX]),
    ("gather_axis1", lambda x: tf.gather(x, [3, 0], axis=1), lambda x: x[:, [3, 0]]),
    ("gather_batch", lambda x: tf.gather(x, IDX[:, :1].repeat(3, 0)[:3], batch_dims=1),
     lambda x: np.take_along_axis(x, IDX[:, :1].repeat(3, 0)[:3], 1)),
    ("gather_nd", lambda x: tf.gather_nd(x, [[0, 1], [2, 3]]), lambda x: x[[0, 2], [1, 3]]),
    ("unstack", lambda x: tf.stack(tf.unstack(x, axis=1)), lambda x: x.T),
    ("split", lambda x: tf.split(x, [1, -1], axis=1)[1], lambda x: x[:, 1:]),
    ("split_n", lambda x: tf.split(x, 2, axis=1)[0], lambda x: x[:, :2]),
    ("tile", lambda x: tf.tile(x, [2, 1]), lambda x: np.tile(x, [2, 1])),
    ("pad", lambda x: tf.pad(x, [[1, 0], [0, 2]], constant_values=7),
     lambda x: np.pad(x, [[1, 0], [0, 2]], constant_values=7)),
    ("pad_reflect", lambda x: tf.pad(x, [[1, 1], [2, 1]], "REFLECT"),
     lambda x: np.pad(x, [[1, 1], [2, 1]], "reflect")),
    ("pad_symmetric", lambda x: tf.pad(x, [[2, 1], [1, 3]], "SYMMETRIC"),
     lambda x: np.pad(x, [[2, 1], [1, 3]], "symmetric")),
    ("broadcast_to", lambda x: tf.broadcast_to(x[:1], [2, 3, 4]),
     lambda x: np.broadcast_to(x[:1], (2, 3, 4))),
    ("reverse", lambda x: tf.reverse(x, [0, -1]), lambda x: x[::-1, ::-1]),
    ("slice", lambda x: tf.slice(x, [1, 1], [-1, 2]), lambda x: x[1:, 1:3]),
    ("strided_slice", lambda x: tf.strided_slice(x, [0, 3], [0, 0], [2, -1], begin_mask=1,
                                                 end_mask=1), lambda x: x[::2, 3:0:-1]),
    ("strided_slice_masks", lambda x: tf.strided_slice(x, [0, 1], [0, 2], ellipsis_mask=1),
     lambda x: x[..., 1:2]),
    ("strided_slice_shrink", lambda x: tf.strided_slice(x, [1, 0], [2, 4], shrink_axis_mask=1,
                                                        new_axis_mask=2),
     lambda x: x[1, None, 0:4]),
    ("where3", lambda x: tf.where(x > 0, x, -x), np.abs),
    ("boolean_mask", lambda x: tf.boolean_mask(x, [True, False, True]),
     lambda x: x[np.array([0, 2])]),
    ("boolean_mask_2d", lambda x: tf.boolean_mask(x, x > 0), lambda x: x[x > 0]),
    ("meshgrid", lambda x: tf.meshgrid(x[0], x[1, :2])[0],
     lambda x: np.meshgrid(x[0], x[1, :2])[0]),
    ("scatter_nd", lambda x: tf.scatter_nd([[1], [1]], x[:2], [3, 4]),
     lambda x: np.stack([0 * x[0], x[0] + x[1], 0 * x[0]])),
    ("tensor_scatter_update", lambda x: tf.tensor_scatter_nd_update(x, [[0, 1]], [9.0]),
     lambda x: np.where(np.arange(12).reshape(3, 4) == 1, 9.0, x)),
    ("tensor_scatter_sub", lambda x: tf.tensor_scatter_nd_sub(x, [[2]], x[:1]),
     lambda x: np.concatenate([x[:2], x[2:] - x[:1]])),
    ("sort", lambda x: tf.sort(x, direction="DESCENDING"), lambda x: -np.sort(-x)),
    ("sort_axis0", lambda x: tf.sort(x, axis=0), lambda x: np.sort(x, 0)),
    ("clip_by_value", lambda x: tf.clip_by_value(x, -1.0, 2.0), lambda x: np.clip(x, -1, 2)),
    ("clip_by_norm", lambda x: tf.clip_by_norm(x, 2.0, axes=[1]),
     lambda x: x * 2 / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 2)),
    ("clip_by_global_norm", lambda x: tf.clip_by_global_norm([x, x], 3.0)[0][1],
     lambda x: x * 3 / max(np.sqrt(2 * (x * x).sum()), 3)),
    ("cumsum", lambda x: tf.cumsum(x, axis=1, exclusive=True, reverse=True),
     lambda x: _cumsum(x, 1, True, True)),
    ("cumsum_math", lambda x: tf.math.cumsum(x), lambda x: np.cumsum(x, 0)),
    ("cumprod", lambda x: tf.math.cumprod(x, axis=1), lambda x: np.cumprod(x, 1)),
    ("roll", lambda x: tf.roll(x, [1, -1], [0, 1]), lambda x: np.roll(x, (1, -1), (0, 1))),
    ("repeat", lambda x: tf.repeat(x, [1, 0, 2], axis=0), lambda x: np.repeat(x, [1, 0, 2], 0)),
    ("repeat_flat", lambda x: tf.repeat(x, 2), lambda x: np.repeat(x, 2)),
    ("identity_n", lambda x: tf.identity_n([x, 1])[0], lambda x: x),
    ("add_n", lambda x: tf.add_n([x, x, 2 * x]), lambda x: 4 * x),
    ("add_n_math", lambda x: tf.math.add_n([x]), lambda x: x),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("rec", RECORDS, ids=[r[0] for r in RECORDS])
def test_values_against_numpy(rec, dtype):
    _, f, ref = rec
    x = X.astype(dtype)
    check(f(tf.constant(x)), np.asarray(ref(x)).astype(dtype))


# Data-dependent output shapes: README's known deviation, run eagerly inside tf.function with
# tfshim's warning. (boolean_mask with a constant mask has a static shape: it compiles.)
DATA_DEPENDENT = {"boolean_mask_2d"}


@pytest.mark.parametrize("rec", RECORDS, ids=[r[0] for r in RECORDS])
def test_values_in_tf_function(rec):
    name, f, _ = rec
    for dtype in (np.float32, np.float64):
        check_function_matches_eager(f, tf.constant(X.astype(dtype)),
                                     compiled=name not in DATA_DEPENDENT)


# Differentiable records, checked in float64 against finite differences and jax.grad.
GRAD_IDS = ["gather", "gather_axis1", "gather_batch", "gather_nd", "unstack", "split", "tile",
            "pad", "pad_reflect", "pad_symmetric", "broadcast_to", "reverse", "slice",
            "strided_slice", "where3", "boolean_mask", "meshgrid", "scatter_nd",
            "tensor_scatter_update", "sort", "clip_by_norm", "clip_by_global_norm", "cumsum",
            "cumprod", "roll", "repeat", "add_n"]
WEIGHTS = {}


def _loss(f, x):
    y = tf.convert_to_tensor(f(x))
    w = WEIGHTS.setdefault(tuple(y.shape), RNG.uniform(0.5, 1.5, size=tuple(y.shape)))
    return tf.reduce_sum(y * tf.constant(w))


@pytest.mark.parametrize("rec", [r for r in RECORDS if r[0] in GRAD_IDS],
                         ids=GRAD_IDS)
def test_gradient_against_finite_differences_and_jax(rec):
    _, f, ref = rec
    x = tf.constant(X)
    with tf.GradientTape() as t:
        t.watch(x)
        y = _loss(f, x)
    g = tf.convert_to_tensor(t.gradient(y, x)).numpy()
    assert g.dtype == np.float64 and g.shape == X.shape
    (fd,) = finite_differences(lambda a: _loss(f, tf.constant(a)), [X])
    np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-6)
    out_shape = tuple(tf.convert_to_tensor(f(x)).shape)
    w = WEIGHTS[out_shape]
    try:
        want = jax.grad(lambda a: jnp.sum(jnp.asarray(ref(a)) * w))(jnp.asarray(X))
    except (jax.errors.TracerArrayConversionError, jax.errors.TracerIntegerConversionError,
            jax.errors.NonConcreteBooleanIndexError):
        return  # a NumPy-only reference (np.tile, np.pad, ...): finite differences suffice
    np.testing.assert_allclose(g, want, rtol=1e-10, atol=1e-12)


def test_gather_gradient_is_indexed_slices_on_axis_0():
    v = tf.Variable(X)
    with tf.GradientTape(persistent=True) as t:
        y = tf.gather(v, IDX.tolist())
        z = tf.gather(v, [1, 0], axis=1)
        b = tf.gather(v, IDX[:, :1].repeat(3, 0)[:3], batch_dims=1)
    g = t.gradient(y, v)
    assert isinstance(g, tf.IndexedSlices)
    assert g.indices.dtype == tf.int32 and g.indices.numpy().tolist() == [2, 0, 1, 1]
    assert g.values.shape == (4, 4) and g.dense_shape.numpy().tolist() == [3, 4]
    assert g.dense_shape.dtype == tf.int32
    dense = np.zeros_like(X)
    np.add.at(dense, IDX.reshape(-1), 1.0)
    np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), dense)
    for other in (z, b):  # off axis 0 and with batch_dims: dense, as TF
        assert not isinstance(t.gradient(other, v), tf.IndexedSlices)
    with tf.GradientTape() as t:
        t.watch(v)
        y = tf.gather(v, tf.constant([2], tf.int64))
    assert t.gradient(y, v).indices.dtype == tf.int64


def test_gather_indexed_slices_second_order():
    x = tf.constant(X)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.gather(x, [0, 0, 2]) ** 2)
        g = inner.gradient(y, x)
        s = tf.reduce_sum(tf.convert_to_tensor(g) * x)
    want = np.zeros_like(X)
    want[0], want[2] = 8 * X[0], 4 * X[2]
    np.testing.assert_allclose(outer.gradient(s, x).numpy(), want)


def test_int_and_structured_results():
    np.testing.assert_array_equal(tf.one_hot([0, 2], 3).numpy(), _one_hot([0, 2], 3))
    assert tf.one_hot([1], 2, dtype=tf.int64).dtype == tf.int64
    w = tf.where([[True, False], [False, True]])
    assert w.dtype == tf.int64 and w.numpy().tolist() == [[0, 0], [1, 1]]
    a = tf.argsort([3, 1, 3, 2, 1], direction="DESCENDING")
    assert a.dtype == tf.int32 and a.numpy().tolist() == [0, 2, 3, 1, 4]
    y, idx = tf.unique([3, 1, 3, 2, 1])
    assert y.numpy().tolist() == [3, 1, 2] and idx.numpy().tolist() == [0, 1, 0, 2, 1]
    assert tf.unique([1, 1], out_idx=tf.int64).idx.dtype == tf.int64
    m = tf.sequence_mask([1, 3], 4, dtype=tf.float32)
    np.testing.assert_array_equal(m.numpy(), np.arange(4) < np.array([[1], [3]]))
    s = tf.searchsorted([1, 3, 5], [0, 3, 6], side="right")
    assert s.dtype == tf.int32 and s.numpy().tolist() == [0, 2, 3]
    assert [t.numpy().tolist() for t in tf.shape_n([X, [1]])] == [[3, 4], [1]]
    assert tf.split(tf.zeros([4]), 2)[1].shape == (2,)


@pytest.mark.parametrize("call, exc", [
    (lambda: tf.gather([[1, 2]], [3]), tf.errors.InvalidArgumentError),
    (lambda: tf.gather([[1, 2]], [0.0]), tf.errors.InvalidArgumentError),
    (lambda: tf.gather([[1, 2]], [0], axis=2), tf.errors.InvalidArgumentError),
    (lambda: tf.gather_nd([[1, 2]], [[0, 5]]), tf.errors.InvalidArgumentError),
    (lambda: tf.gather_nd([[1, 2]], [[0]], batch_dims=2), ValueError),
    (lambda: tf.one_hot([1], 2, on_value=1.0, dtype=tf.int32), TypeError),
    (lambda: tf.unstack(tf.zeros([2]), axis=1), ValueError),
    (lambda: tf.split(tf.zeros([5]), 2), tf.errors.InvalidArgumentError),
    (lambda: tf.tile([1], [1, 2]), tf.errors.InvalidArgumentError),
    (lambda: tf.pad([1], [[0, 0]], "WRAP"), ValueError),
    (lambda: tf.pad([1, 2], [[2, 0]], "REFLECT"), tf.errors.InvalidArgumentError),
    (lambda: tf.broadcast_to([1, 2], [3]), tf.errors.InvalidArgumentError),
    (lambda: tf.reverse([1], [1]), tf.errors.InvalidArgumentError),
    (lambda: tf.slice([1, 2], [1], [2]), tf.errors.InvalidArgumentError),
    (lambda: tf.where([True], [1], [1.0]), TypeError),
    (lambda: tf.boolean_mask([1, 2], [True]), ValueError),
    (lambda: tf.meshgrid([1], indexing="x"), ValueError),
    (lambda: tf.scatter_nd([[3]], [1], [2]), tf.errors.InvalidArgumentError),
    (lambda: tf.sort([1], direction="UP"), ValueError),
    (lambda: tf.unique([[1]]), tf.errors.InvalidArgumentError),
    (lambda: tf.cumsum([1], axis=1), tf.errors.InvalidArgumentError),
    (lambda: tf.roll([1], [1, 1], [0]), tf.errors.InvalidArgumentError),
    (lambda: tf.repeat([1, 2], [1, 2, 3]), ValueError),
    (lambda: tf.add_n([]), ValueError),
    (lambda: tf.add_n([[1], [1, 2]]), tf.errors.InvalidArgumentError),
    (lambda: tf.clip_by_value([1, 2], [1, 2, 3], 4), tf.errors.InvalidArgumentError),
])
def test_errors(call, exc):
    with pytest.raises(exc):
        call()


def test_cumprod_gradient_is_tfs_at_zeros():
    """TF's _CumprodGrad divides by x (div_no_nan): zero where x is 0."""
    x = tf.constant([[1.0, 0.0, 3.0]], tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.cumprod(x, axis=1)
    # The true derivative by x[1] is 4; TF gives 0 there.
    np.testing.assert_allclose(t.gradient(y, x).numpy(), [[1.0, 0.0, 0.0]])


def test_ops_inside_tf_function():
    @tf.function
    def f(x, i):
        return (tf.gather(x, i), tf.gather_nd(x, tf.expand_dims(i, -1)),
                tf.sort(x), tf.cumsum(x, axis=1), tf.pad(x, [[1, 0], [0, 1]]))

    x = tf.constant(X)
    i = tf.constant([2, 0])
    for got, want in zip(f(x, i), (X[[2, 0]], X[[2, 0]], np.sort(X), np.cumsum(X, 1),
                                   np.pad(X, [[1, 0], [0, 1]]))):
        np.testing.assert_allclose(got.numpy(), want)


# Known deviations from TF, each pinned here (see the final report / CHANGELOG).


def test_deviation_data_dependent_shapes_run_eagerly_inside_tf_function():
    """tf.where(cond), tf.unique, tf.boolean_mask, tf.dynamic_partition have data-dependent
    shapes: tfshim can't compile them, so the tf.function runs eagerly (same values, plus
    tfshim's warning)."""
    f = tf.function(lambda x: tf.where(x > 0))
    assert f(tf.constant([1.0, -1.0, 2.0])).numpy().tolist() == [[0], [2]]
    g = tf.function(lambda v, q: tf.dynamic_partition(v, q, 2))
    assert [t.numpy().tolist() for t in g(tf.constant([1, 2, 3]), tf.constant([1, 0, 1]))] == [
        [2], [1, 3]]


def test_deviation_out_of_range_indices_inside_tf_function_give_zeros():
    f = tf.function(lambda x, i: tf.gather(x, i))
    assert f(tf.constant([1.0, 2.0]), tf.constant([5])).numpy().tolist() == [0.0]


def test_deviation_empty_identity_n_and_shape_n():
    assert tf.identity_n([]) == [] and tf.shape_n([]) == []  # TF: InvalidArgumentError


def test_deviation_sort_descending_with_nan():
    # TF's top_k leaves NaN where the comparisons put it ([3, nan, 1]); tfshim puts it first.
    assert np.isnan(tf.sort([3.0, float("nan"), 1.0], direction="DESCENDING").numpy()[0])


def test_small_filled_arrays_are_shared_and_survive_deletion():
    a, b = tf.ones((2, 2)), tf.ones((2, 2))
    assert a is not b and a._value is b._value  # one cached buffer, two tensors
    assert tf.zeros((2, 2))._value is not a._value
    assert tf.ones((2, 2), tf.int32).dtype == tf.int32
    big = tf.zeros((256, 257))  # over the cache's size limit: its own buffer every time
    assert big._value is not tf.zeros((256, 257))._value
    a._value.delete()  # as a donation through jax.jit would
    np.testing.assert_array_equal(tf.ones((2, 2)).numpy(), np.ones((2, 2), np.float32))
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:  # the ones seed of a gradient comes from the same cache
        t.watch(x)
        y = tf.reduce_sum(x * x)
    np.testing.assert_array_equal(t.gradient(y, x).numpy(), [[2.0, 4.0], [6.0, 8.0]])

    @tf.function
    def f():
        return tf.ones((2, 2)) + tf.zeros((2, 2))

    np.testing.assert_array_equal(f().numpy(), np.ones((2, 2)))


# -- tf.bitcast (values from TF 2.21) ---------------------------------------------------------
def test_bitcast_reinterprets_bytes_with_tfs_shape_rule():
    assert tf.bitcast(tf.constant([1.0, -0.0]), tf.int32).numpy().tolist() == [
        1065353216, -2147483648]
    wide = tf.bitcast(tf.constant([1.0, -0.0], tf.float64), tf.int32)  # a new last dimension
    assert wide.shape == (2, 2) and wide.numpy().tolist() == [[0, 1072693248], [0, -2147483648]]
    narrow = tf.bitcast(tf.constant([[1, 2], [3, 4]], tf.int32), tf.int64)  # the last one goes
    assert narrow.numpy().tolist() == [8589934593, 17179869187]
    parts = tf.bitcast(tf.constant([1.0 + 2j]), tf.float32)  # complex128: four float32 words
    assert parts.shape == (1, 4) and parts.numpy().tolist() == [[0.0, 1.875, 0.0, 2.0]]
    assert tf.bitcast(tf.constant([1.0, 2.0]), tf.complex64).numpy() == 1 + 2j
    assert tf.bitcast(tf.constant([[1, 2]], tf.uint8), tf.int16).numpy().tolist() == [513]
    f = tf.function(lambda x: tf.bitcast(x, tf.int32))
    assert f(tf.constant([1.0, 2.0])).numpy().tolist() == [1065353216, 1073741824]
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:  # TF: NotDifferentiable
        g.watch(x)
        y = tf.cast(tf.bitcast(x, tf.int32), tf.float32)
    assert g.gradient(y, x) is None


def test_bitcast_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Cannot bitcast from 6 to 5 \["):
        tf.bitcast(tf.constant([1, 2, 3], tf.int8), tf.int16)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Cannot bitcast from 6 to 5 \["):
        tf.bitcast(tf.constant(1, tf.int8), tf.int16)
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Value for attr 'T' of bool is not in the list of allowed values: "
                             r"bfloat16, half, float, double, int64, int32, uint8"):
        tf.bitcast(tf.constant([True]), tf.int8)
