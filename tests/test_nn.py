"""tf.nn against small NumPy references (lax's conv where a NumPy one would be long): values,
dtypes and shapes from op records; gradients in float64 against central finite differences
of the tf function and jax.grad of a jax.numpy reference; TF's gradient conventions at kinks;
eager against tf.function; and TF's error types for bad dtypes and shapes.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import testing
from testing import BF16, F16, F32, F64, FLOATS, np_sigmoid

import tfshim as tf

# Activations, softmax, losses and convolutions against NumPy: the table's "special" row (see
# testing.TOLERANCES).
check = functools.partial(testing.check, kind="special")

RNG = np.random.default_rng(0)


def _summed(f):
    return lambda *xs: tf.reduce_sum(f(*xs))


def tape_grads(f, *xs):
    """d sum(f(xs)) / d xs through a tape."""
    return testing.tape_grads(_summed(f), *xs)


def finite_differences(f, xs, eps=1e-6):
    """Central differences of sum(f(xs)) at float64 NumPy arrays xs."""
    return testing.finite_differences(_summed(f), xs, eps)


# ---------------------------------------------------------------------------------------------
# Activations: values and dtypes


_SELU = (1.0507009873554804934193349852946, 1.6732632423543772848170429916717)


class Act(NamedTuple):
    name: str
    fn: Callable
    ref: Callable  # NumPy, float64
    jref: Callable  # jax.numpy, for jax.grad
    dtypes: list


def _erf(x):
    return np.vectorize(math.erf, otypes=[F64])(x)


ACTS = [
    Act("relu", tf.nn.relu, lambda x: np.maximum(x, 0), jax.nn.relu,
        FLOATS + [np.int32, np.int64, np.uint8, np.int8]),
    Act("relu6", tf.nn.relu6, lambda x: np.clip(x, 0, 6), jax.nn.relu6, FLOATS + [np.int16]),
    Act("leaky_relu", tf.nn.leaky_relu, lambda x: np.where(x > 0, x, np.float32(0.2) * x),
        lambda x: jnp.where(x > 0, x, float(np.float32(0.2)) * x), FLOATS),
    Act("elu", tf.nn.elu, lambda x: np.where(x < 0, np.expm1(x), x), jax.nn.elu, FLOATS),
    Act("selu", tf.nn.selu, lambda x: _SELU[0] * np.where(x < 0, _SELU[1] * np.expm1(x), x),
        jax.nn.selu, FLOATS),
    Act("softplus", tf.nn.softplus, lambda x: np.logaddexp(x, 0), jax.nn.softplus, FLOATS),
    Act("math.softplus", tf.math.softplus, lambda x: np.logaddexp(x, 0), jax.nn.softplus, [F32]),
    Act("softsign", tf.nn.softsign, lambda x: x / (1 + np.abs(x)), jax.nn.soft_sign, FLOATS),
    Act("math.softsign", tf.math.softsign, lambda x: x / (1 + np.abs(x)), jax.nn.soft_sign,
        [F64]),
    Act("gelu", tf.nn.gelu, lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2))),
        lambda x: jax.nn.gelu(x, approximate=False), FLOATS),
    Act("gelu_tanh", lambda x: tf.nn.gelu(x, approximate=True),
        lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3))),
        lambda x: jax.nn.gelu(x, approximate=True), FLOATS),
    Act("silu", tf.nn.silu, lambda x: x * np_sigmoid(x), jax.nn.silu, FLOATS),
    Act("swish_beta", lambda x: tf.nn.swish(x, 1.5), lambda x: x * np_sigmoid(1.5 * x),
        lambda x: x * jax.nn.sigmoid(1.5 * x), [F32, F64]),
]


@pytest.mark.parametrize("rec", ACTS, ids=[a.name for a in ACTS])
def test_activation_values(rec):
    for dt in rec.dtypes:
        for shape in [(2, 3), ()] + [(0,)] * (dt is rec.dtypes[0]):
            if np.dtype(dt).kind in "iu":
                x = RNG.integers(0 if np.dtype(dt).kind == "u" else -9, 10, size=shape)
            else:
                x = RNG.uniform(-4, 8, size=shape)
            x = np.asarray(x).astype(dt)
            want = rec.ref(x.astype(F64))
            if np.dtype(dt).kind in "iu":
                want = want.astype(dt)
            check(rec.fn(tf.constant(x)), np.asarray(want).astype(dt) if dt in (F16, BF16)
                   else np.asarray(want, dtype=np.dtype(dt)), dt)


@pytest.mark.parametrize("rec", ACTS, ids=[a.name for a in ACTS])
def test_activation_in_tf_function(rec):
    rng = np.random.default_rng(1)
    for dt in rec.dtypes:
        if np.dtype(dt).kind in "iu":
            x = rng.integers(0 if np.dtype(dt).kind == "u" else -9, 10, size=(2, 3))
        else:
            x = rng.uniform(-4, 8, size=(2, 3))
        testing.check_function_matches_eager(rec.fn, tf.constant(np.asarray(x).astype(dt)),
                                             kind="special")


@pytest.mark.parametrize("rec", [a for a in ACTS if F64 in a.dtypes],
                         ids=[a.name for a in ACTS if F64 in a.dtypes])
def test_activation_gradients(rec):
    x = np.array([[-3.1, -0.7, 0.4], [1.3, 5.2, 7.5]])  # away from the kinks
    (got,) = tape_grads(rec.fn, x)
    (fd,) = finite_differences(rec.fn, [x])
    want = jax.grad(lambda v: jnp.sum(rec.jref(v)))(x)
    np.testing.assert_allclose(got, fd, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


def test_activation_gradients_at_kinks_follow_tf():
    x = [-1.0, 0.0, 3.0, 6.0, 7.0]
    np.testing.assert_array_equal(tape_grads(tf.nn.relu, x)[0], [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(tape_grads(tf.nn.relu6, x)[0], [0, 0, 1, 0, 0])
    np.testing.assert_allclose(tape_grads(tf.nn.leaky_relu, x)[0], [0.2, 0.2, 1, 1, 1])
    np.testing.assert_allclose(tape_grads(tf.nn.elu, x)[0], [np.exp(-1), 1, 1, 1, 1], rtol=1e-6)
    # TF's SeluGrad gives scale at 0 (JAX's derivative of the natural body gives scale * alpha).
    np.testing.assert_allclose(tape_grads(tf.nn.selu, x)[0][1], _SELU[0], rtol=1e-6)
    # Second order: TF's ReluGrad has zero derivative; EluGradGrad is exp(x) below 0, 0 above.
    xs = tf.constant([-1.0, 0.0, 2.0], tf.float64)
    for fn, want in [(tf.nn.relu, [0, 0, 0]), (tf.nn.elu, [np.exp(-1), 0, 0])]:
        with tf.GradientTape() as outer:
            outer.watch(xs)
            with tf.GradientTape() as inner:
                inner.watch(xs)
                y = fn(xs)
            g = inner.gradient(y, xs)
        np.testing.assert_allclose(outer.gradient(g, xs).numpy(), want, rtol=1e-12)


def test_swish_beta_gradient():
    x, beta = np.array([-2.0, 0.5, 3.0]), np.array(1.3)
    got = tape_grads(tf.nn.swish, x, beta)
    fd = finite_differences(tf.nn.swish, [x, beta])
    np.testing.assert_allclose(got[0], fd[0], rtol=1e-6)
    np.testing.assert_allclose(got[1], fd[1], rtol=1e-6)


def test_leaky_relu_casts_integers_and_keeps_tf_alpha():
    assert tf.nn.leaky_relu(tf.constant([-5, 5])).dtype == tf.float32
    # The op's alpha is a float32 attr: 0.2 in float64 is float32's 0.2, as in TF.
    assert tf.nn.leaky_relu(tf.constant([-1.0], tf.float64)).numpy()[0] == -float(np.float32(0.2))


# ---------------------------------------------------------------------------------------------
# Softmax and the losses


def _np_log_softmax(x, axis=-1):
    m = x.max(axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


@pytest.mark.parametrize("dt", FLOATS)
def test_softmax_log_softmax(dt):
    x = RNG.normal(size=(2, 3, 4)) * 3
    for axis in [None, -1, 0, 1, -2]:
        a = -1 if axis is None else axis
        want = _np_log_softmax(x, a)
        xt = tf.constant(x.astype(dt))
        check(tf.nn.log_softmax(xt, axis=axis), want.astype(dt), dt)
        check(tf.nn.softmax(xt, axis), np.exp(want).astype(dt), dt)
    check(tf.math.softmax(tf.constant(x)), np.exp(_np_log_softmax(x)))
    check(tf.math.log_softmax(tf.constant(x), 0), _np_log_softmax(x, 0))


def _np_xent(labels, logits, axis=-1):
    return -(labels * _np_log_softmax(logits, axis)).sum(axis=axis)


def test_softmax_cross_entropy():
    logits = RNG.normal(size=(3, 4, 5))
    labels = RNG.uniform(size=(3, 4, 5))
    labels /= labels.sum(-1, keepdims=True)
    for axis in [-1, 0, 1, 2]:
        got = tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=axis)
        check(got, _np_xent(labels, logits, axis))
    got = tf.nn.softmax_cross_entropy_with_logits(labels.astype(F16), logits.astype(F16))
    check(got, _np_xent(labels, logits).astype(F16), F16)
    # Integer labels are cast to the logits' dtype, as TF's wrapper does.
    got = tf.nn.softmax_cross_entropy_with_logits([[0, 1, 0]], [[1.0, 2.0, 3.0]])
    check(got, _np_xent(np.array([[0, 1, 0.0]]), np.array([[1, 2, 3.0]])).astype(F32))


def test_softmax_cross_entropy_gradient_is_tfs_backprop():
    labels = np.array([[0.5, 0.9, 0.1], [0.2, 0.3, 0.5]])  # the first row does not sum to 1
    logits = np.array([[1.0, 2.0, 0.0], [-1.0, 0.5, 2.0]])
    g_labels, g_logits = tape_grads(tf.nn.softmax_cross_entropy_with_logits, labels, logits)
    np.testing.assert_allclose(g_logits, np.exp(_np_log_softmax(logits)) - labels, rtol=1e-12)
    np.testing.assert_allclose(g_labels, -_np_log_softmax(logits), rtol=1e-12)
    # Where labels sum to 1, TF's rule is the true derivative.
    fd = finite_differences(lambda v: tf.nn.softmax_cross_entropy_with_logits(labels[1:], v),
                            [logits[1:].copy()])
    np.testing.assert_allclose(g_logits[1:], fd[0], rtol=1e-6, atol=1e-8)


def test_sparse_softmax_cross_entropy():
    logits = RNG.normal(size=(2, 3, 5))
    labels = np.array([[0, 4, 2], [1, 1, 3]])
    want = -np.take_along_axis(_np_log_softmax(logits), labels[..., None], -1)[..., 0]
    check(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits), want)
    check(tf.nn.sparse_softmax_cross_entropy_with_logits(labels.astype(np.int64),
                                                          logits.astype(F16)), want.astype(F16),
           F16)
    (g,) = tape_grads(lambda v: tf.nn.sparse_softmax_cross_entropy_with_logits(labels, v), logits)
    want_g = jax.grad(lambda v: -jnp.sum(jnp.take_along_axis(
        jax.nn.log_softmax(v), labels[..., None], -1)))(logits)
    np.testing.assert_allclose(g, want_g, rtol=1e-12)


def test_sigmoid_and_weighted_cross_entropy():
    z = np.array([-3.0, -0.5, 0.3, 2.0, 40.0])
    y = np.array([1.0, 0.0, 0.5, 1.0, 0.0])

    def ref(labels, logits, w=1.0):
        return (1 - labels) * logits + (1 + (w - 1) * labels) * (
            np.log1p(np.exp(-np.abs(logits))) + np.maximum(-logits, 0))

    check(tf.nn.sigmoid_cross_entropy_with_logits(y, z), ref(y, z))
    check(tf.nn.weighted_cross_entropy_with_logits(y, z, 2.5), ref(y, z, 2.5))
    check(tf.nn.weighted_cross_entropy_with_logits(y.astype(F32), z.astype(F32), 0.5),
           ref(y, z, 0.5).astype(F32))
    for f in [tf.nn.sigmoid_cross_entropy_with_logits,
              lambda a, b: tf.nn.weighted_cross_entropy_with_logits(a, b, 3.0)]:
        got = tape_grads(f, y, z)
        fd = finite_differences(f, [y, z])
        np.testing.assert_allclose(got[0], fd[0], rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(got[1], fd[1], rtol=1e-6, atol=1e-8)
    # pos_weight as a tensor is differentiable too.
    got = tape_grads(lambda w: tf.nn.weighted_cross_entropy_with_logits(y, z, w), np.array(2.0))
    fd = finite_differences(lambda w: tf.nn.weighted_cross_entropy_with_logits(y, z, w),
                            [np.array(2.0)])
    np.testing.assert_allclose(got[0], fd[0], rtol=1e-6)


def test_l2_loss_and_log_poisson_loss():
    x = RNG.normal(size=(3, 4))
    check(tf.nn.l2_loss(x), np.sum(x * x) / 2)
    check(tf.nn.l2_loss(x.astype(F16)), (np.sum(x * x) / 2).astype(F16), F16)
    np.testing.assert_allclose(tape_grads(tf.nn.l2_loss, x)[0], x)
    t, li = np.array([0.0, 0.5, 2.0, 3.0]), np.array([0.1, -1.0, 0.5, 1.0])
    base = np.exp(li) - li * t
    check(tf.nn.log_poisson_loss(t, li), base)
    safe = np.where(t > 0, t, 1)
    stirling = t * np.log(safe) - t + 0.5 * np.log(2 * np.pi * safe)
    check(tf.nn.log_poisson_loss(t, li, compute_full_loss=True),
           base + np.where((t >= 0) & (t <= 1), 0, stirling))


# ---------------------------------------------------------------------------------------------
# Normalization, bias_add, dropout, embeddings, top_k


def test_moments_normalize_moments_batch_normalization():
    x = RNG.normal(size=(2, 3, 4))
    for axes, keep in [([0], False), ([0, 2], True), (1, False), ([-1], False)]:
        mean, var = tf.nn.moments(tf.constant(x), axes, keepdims=keep)
        ax = tuple(np.atleast_1d(axes))
        check(mean, x.mean(axis=ax, keepdims=keep))
        check(var, x.var(axis=ax, keepdims=keep))
    mean, var = tf.nn.moments(tf.constant(x.astype(F16)), [0])
    assert mean.dtype == var.dtype == tf.float16
    got = tape_grads(lambda v: tf.nn.moments(v, [0, 1])[1], x)
    fd = finite_differences(lambda v: tf.nn.moments(v, [0, 1])[1], [x])
    np.testing.assert_allclose(got[0], fd[0], rtol=1e-6, atol=1e-8)

    m, v = tf.nn.normalize_moments(4.0, tf.constant([2.0, 8.0]), tf.constant([4.0, 20.0]), None)
    check(m, np.array([0.5, 2.0], F32))
    check(v, np.array([0.75, 1.0], F32))

    mu, s2 = np.array([0.1, -0.2, 0.3, 0.0]), np.array([1.0, 2.0, 0.5, 4.0])
    off, sc = np.array([0.0, 1.0, -1.0, 0.5]), np.array([1.0, 0.5, 2.0, 3.0])
    check(tf.nn.batch_normalization(x, mu, s2, off, sc, 1e-3),
           (x - mu) / np.sqrt(s2 + 1e-3) * sc + off)
    check(tf.nn.batch_normalization(x, mu, s2, None, None, 1e-3), (x - mu) / np.sqrt(s2 + 1e-3))
    f = lambda *a: tf.nn.batch_normalization(*a, 1e-3)  # noqa: E731
    got = tape_grads(f, x[0], mu, s2, off, sc)
    fd = finite_differences(f, [x[0].copy(), mu, s2, off, sc])
    for a, b in zip(got, fd):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)


def test_l2_normalize():
    x = RNG.normal(size=(3, 4))
    for axis in [None, 0, 1, [0, 1]]:
        ax = None if axis is None else tuple(np.atleast_1d(axis))
        check(tf.nn.l2_normalize(x, axis), x / np.sqrt((x * x).sum(axis=ax, keepdims=True)))
    check(tf.math.l2_normalize(np.zeros(3)), np.zeros(3))
    check(tf.linalg.l2_normalize(np.array([3 + 4j, 0j])), np.array([0.6 + 0.8j, 0j]))
    got = tape_grads(lambda v: tf.nn.l2_normalize(v, 1) * [1.0, 2.0, 3.0, 4.0], x)
    fd = finite_differences(lambda v: tf.nn.l2_normalize(v, 1) * [1.0, 2.0, 3.0, 4.0], [x])
    np.testing.assert_allclose(got[0], fd[0], rtol=1e-6, atol=1e-8)


def test_bias_add():
    x = RNG.normal(size=(2, 3, 4))
    b3, b4 = np.arange(3.0), np.arange(4.0)
    check(tf.nn.bias_add(x, b4), x + b4)
    check(tf.nn.bias_add(x, b3, data_format="NCW"), x + b3[:, None])
    xi, bi = x.astype(np.int32), b4.astype(np.int32)
    check(tf.nn.bias_add(xi, bi), xi + bi)
    g = tape_grads(lambda a, b: tf.nn.bias_add(a, b) * x, x, b4)
    np.testing.assert_allclose(g[0], x)
    np.testing.assert_allclose(g[1], x.sum(axis=(0, 1)))


def test_dropout():
    x = tf.ones((200, 100))
    y = tf.nn.dropout(x, 0.3, seed=3)
    vals = np.unique(y.numpy())
    np.testing.assert_allclose(vals, [0.0, 1 / 0.7], rtol=1e-6)
    assert abs(float(np.mean(y.numpy() > 0)) - 0.7) < 0.02
    assert tf.nn.dropout(x, 0.0) is x
    y = tf.nn.dropout(tf.ones((5, 300), tf.float64), tf.constant(0.5, tf.float64),
                      noise_shape=[5, 1])
    assert y.dtype == tf.float64 and (y.numpy().min(1) == y.numpy().max(1)).all()
    a, b = tf.nn.dropout(x, 0.5), tf.nn.dropout(x, 0.5)  # each call draws a new mask
    assert not np.array_equal(a.numpy(), b.numpy())
    xs = tf.constant(RNG.normal(size=(50,)))
    with tf.GradientTape() as t:
        t.watch(xs)
        y = tf.nn.dropout(xs, 0.5)
    g = t.gradient(y, xs).numpy()
    np.testing.assert_allclose(g, np.where(y.numpy() != 0, 2.0, 0.0))


def test_embedding_lookup():
    table = RNG.normal(size=(5, 3))
    ids = np.array([[4, 0], [2, 2]])
    check(tf.nn.embedding_lookup(table, ids), table[ids])
    shards = [tf.constant(table[:3]), tf.constant(table[3:])]
    check(tf.nn.embedding_lookup(shards, ids), table[ids])
    check(tf.nn.embedding_lookup(tf.Variable(table), [1, 3]), table[[1, 3]])
    norms = np.linalg.norm(table[ids], axis=-1, keepdims=True)
    check(tf.nn.embedding_lookup(table, ids, max_norm=0.5),
           table[ids] * 0.5 / np.maximum(norms, 0.5))
    p = tf.constant(table)
    for max_norm in [None, 0.7]:
        with tf.GradientTape() as t:
            t.watch(p)
            y = tf.reduce_sum(tf.nn.embedding_lookup(p, ids, max_norm=max_norm) * 2.0)
        g = t.gradient(y, p)
        assert type(g).__name__ == "IndexedSlices"  # TF's gather gradient
        np.testing.assert_array_equal(g.indices.numpy(), ids.reshape(-1))
        fd = finite_differences(
            lambda q, m=max_norm: tf.nn.embedding_lookup(q, ids, max_norm=m) * 2.0, [table])
        np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), fd[0], rtol=1e-6, atol=1e-8)


def test_top_k_and_in_top_k():
    x = RNG.normal(size=(3, 6))
    values, indices = tf.math.top_k(x, 3)
    order = np.argsort(-x, axis=-1, kind="stable")[:, :3]
    check(values, np.take_along_axis(x, order, -1))
    check(indices, order.astype(np.int32))
    out = tf.nn.top_k(x.astype(np.int16), 2, index_type=tf.int64)
    assert type(out).__name__ == "TopKV2" and out.indices.dtype == tf.int64
    check(tf.math.top_k([1.0, 3.0, 3.0, 2.0], 2).indices, np.array([1, 2], np.int32))
    (g,) = tape_grads(lambda v: tf.math.top_k(v, 2).values * [1.0, 10.0], x)
    want = np.zeros_like(x)
    np.put_along_axis(want, order[:, :2], [1.0, 10.0], -1)
    np.testing.assert_allclose(g, want)
    pred = np.array([[0.1, 0.8, 0.1], [0.3, 0.3, 0.4]], F32)
    check(tf.math.in_top_k([1, 0], pred, 1), np.array([True, False]))
    check(tf.nn.in_top_k([2, 1], pred, 2), np.array([True, True]))
    # predictions are float: NumPy float64 converts to it (Keras's ops.in_top_k), a float64 or
    # int32 tensor is TF's input-dtype error.
    check(tf.math.in_top_k([1, 0], pred.astype(F64), 1), np.array([True, False]))
    for dt, name in ((tf.float64, "double"), (tf.int32, "int32")):
        with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
                "cannot compute InTopKV2 as input #0(zero-based) was expected to be a float "
                "tensor but is a %s tensor [Op:InTopKV2] name: " % name)):
            tf.math.in_top_k([1, 0], tf.cast(pred, dt), 1)


# ---------------------------------------------------------------------------------------------
# Convolutions and pooling


def _same_pads(n, k, s, d=1):
    eff = (k - 1) * d + 1
    out = -(-n // s)
    need = max(0, (out - 1) * s + eff - n)
    return need // 2, need - need // 2


def _np_conv2d(x, w, strides, padding, dilations=(1, 1)):
    """NHWC x HWIO, TF's SAME/VALID/explicit ((top, bottom), (left, right)) padding."""
    if padding == "SAME":
        pads = [_same_pads(x.shape[1 + i], w.shape[i], strides[i], dilations[i]) for i in (0, 1)]
    elif padding == "VALID":
        pads = [(0, 0), (0, 0)]
    else:
        pads = padding
    xp = np.pad(x, [(0, 0), pads[0], pads[1], (0, 0)])
    eh, ew = [(w.shape[i] - 1) * dilations[i] + 1 for i in (0, 1)]
    oh = (xp.shape[1] - eh) // strides[0] + 1
    ow = (xp.shape[2] - ew) // strides[1] + 1
    out = np.zeros((x.shape[0], oh, ow, w.shape[3]), np.result_type(x, w))
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, i * strides[0]:i * strides[0] + eh:dilations[0],
                       j * strides[1]:j * strides[1] + ew:dilations[1], :]
            out[:, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return out


CONV_CASES = [(1, "SAME", 1), (2, "SAME", 1), ((2, 1), "VALID", 1), (1, "SAME", 2),
              (1, [[0, 0], [1, 2], [0, 1], [0, 0]], 1), (3, "SAME", 1)]


@pytest.mark.parametrize("strides,padding,dilation", CONV_CASES)
def test_conv2d(strides, padding, dilation):
    x, w = RNG.normal(size=(2, 7, 6, 3)), RNG.normal(size=(3, 2, 3, 4))
    s = (strides, strides) if isinstance(strides, int) else strides
    pads = padding if isinstance(padding, str) else padding[1:3]
    want = _np_conv2d(x, w, s, pads, (dilation, dilation))
    check(tf.nn.conv2d(x, w, strides, padding, dilations=dilation), want)
    got = tf.nn.conv2d(np.transpose(x, (0, 3, 1, 2)), w, strides,
                       padding if isinstance(padding, str) else [padding[0], padding[3]] +
                       padding[1:3], data_format="NCHW", dilations=dilation)
    check(got, np.transpose(want, (0, 3, 1, 2)))
    check(tf.nn.conv2d(x.astype(F32), w.astype(F32), strides, padding, dilations=dilation),
           want.astype(F32))


@pytest.mark.parametrize("strides,padding,dilation", CONV_CASES)
def test_conv2d_in_tf_function(strides, padding, dilation):
    rng = np.random.default_rng(2)  # not the module's RNG: other tests' inputs stay the same
    x, w = tf.constant(rng.normal(size=(2, 7, 6, 3))), tf.constant(rng.normal(size=(3, 2, 3, 4)))
    testing.check_function_matches_eager(
        lambda a, b: tf.nn.conv2d(a, b, strides, padding, dilations=dilation), x, w,
        kind="special")


def test_conv2d_int_grouped_and_batched():
    xi = RNG.integers(-3, 4, size=(1, 4, 4, 2)).astype(np.int32)
    wi = RNG.integers(-2, 3, size=(2, 2, 2, 3)).astype(np.int32)
    check(tf.nn.conv2d(xi, wi, 1, "VALID"), _np_conv2d(xi, wi, (1, 1), "VALID").astype(np.int32))
    x, w = RNG.normal(size=(1, 5, 5, 4)), RNG.normal(size=(3, 3, 2, 6))  # 2 groups
    want = np.concatenate([_np_conv2d(x[..., :2], w[..., :3], (1, 1), "SAME"),
                           _np_conv2d(x[..., 2:], w[..., 3:], (1, 1), "SAME")], -1)
    check(tf.nn.conv2d(x, w, 1, "SAME"), want)
    xb = RNG.normal(size=(2, 3, 5, 5, 4))
    assert tf.nn.conv2d(xb, w[:, :, :4, :], 1, "SAME").shape == (2, 3, 5, 5, 6)


def test_conv1d_depthwise_transpose():
    x, w = RNG.normal(size=(2, 9, 3)), RNG.normal(size=(3, 3, 2))
    for stride, padding in [(1, "SAME"), (2, "VALID"), (2, "SAME")]:
        want = _np_conv2d(x[:, None], w[None], (1, stride), padding)[:, 0]
        check(tf.nn.conv1d(x, w, stride, padding), want)
        check(tf.nn.conv1d(np.transpose(x, (0, 2, 1)), w, stride, padding, data_format="NCW"),
               np.transpose(want, (0, 2, 1)))

    x, dw = RNG.normal(size=(2, 6, 5, 3)), RNG.normal(size=(3, 3, 3, 2))
    for strides, padding, rate in [([1, 1, 1, 1], "SAME", None), ([1, 2, 2, 1], "VALID", None),
                                   ([1, 1, 1, 1], "SAME", [2, 2])]:
        d = (1, 1) if rate is None else tuple(rate)
        want = np.concatenate([_np_conv2d(x[..., c:c + 1], dw[:, :, c:c + 1, :], strides[1:3],
                                          padding, d) for c in range(3)], -1)
        check(tf.nn.depthwise_conv2d(x, dw, strides, padding, dilations=rate), want)

    # conv2d_transpose is conv2d's adjoint: <conv(x), y> == <x, conv_transpose(y)>.
    w = RNG.normal(size=(3, 3, 2, 4))
    for shape, stride, padding in [((2, 7, 7, 2), 2, "SAME"), ((2, 8, 8, 2), 2, "SAME"),
                                   ((2, 7, 6, 2), (2, 1), "VALID")]:
        x = RNG.normal(size=shape)
        y = tf.nn.conv2d(x, w, stride, padding).numpy()
        dy = RNG.normal(size=y.shape)
        xt = tf.nn.conv2d_transpose(dy, w, shape, stride, padding)
        assert xt.shape == shape
        np.testing.assert_allclose(np.vdot(y, dy), np.vdot(x, xt.numpy()), rtol=1e-10)


def _np_pool(x, k, s, padding, kind):
    pads = [_same_pads(x.shape[1 + i], k[i], s[i]) if padding == "SAME" else (0, 0)
            for i in (0, 1)]
    fill = -np.inf if kind == "max" else np.nan
    xp = np.pad(x, [(0, 0), pads[0], pads[1], (0, 0)], constant_values=fill)
    oh, ow = [(xp.shape[1 + i] - k[i]) // s[i] + 1 for i in (0, 1)]
    out = np.zeros((x.shape[0], oh, ow, x.shape[3]))
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, i * s[0]:i * s[0] + k[0], j * s[1]:j * s[1] + k[1]]
            out[:, i, j] = patch.max((1, 2)) if kind == "max" else np.nanmean(patch, (1, 2))
    return out


POOL_CASES = [(2, 2, "VALID"), (3, 2, "SAME"), ((2, 3), (1, 2), "SAME"), (3, 1, "VALID")]


@pytest.mark.parametrize("k,s,padding", POOL_CASES)
def test_pools(k, s, padding):
    x = RNG.normal(size=(2, 7, 6, 3))
    kk = (k, k) if isinstance(k, int) else k
    ss = (s, s) if isinstance(s, int) else s
    for kind, fn, generic in [("max", tf.nn.max_pool2d, tf.nn.max_pool),
                              ("avg", tf.nn.avg_pool2d, tf.nn.avg_pool)]:
        want = _np_pool(x, kk, ss, padding, kind)
        check(fn(x, k, s, padding), want)
        check(generic(x, k, s, padding), want)
        check(fn(np.transpose(x, (0, 3, 1, 2)), k, s, padding, data_format="NCHW"),
               np.transpose(want, (0, 3, 1, 2)))
        one_d = _np_pool(x[:, :1], (1, kk[1]), (1, ss[1]), padding, kind)[:, 0]
        check((tf.nn.max_pool1d if kind == "max" else tf.nn.avg_pool1d)(
            x[:, 0], kk[1], ss[1], padding), one_d)

@pytest.mark.parametrize("k,s,padding", POOL_CASES)
def test_pools_in_tf_function(k, s, padding):
    x = tf.constant(np.random.default_rng(3).normal(size=(2, 7, 6, 3)))
    for fn in (tf.nn.max_pool2d, tf.nn.avg_pool2d):
        testing.check_function_matches_eager(lambda a, f=fn: f(a, k, s, padding), x,
                                             kind="special")


def test_pools_3d():
    v = RNG.normal(size=(1, 4, 5, 6, 2)).astype(F32)  # TF's MaxPool3D takes no float64
    check(tf.nn.max_pool(v, [4, 5, 6], 1, "VALID"), v.max((1, 2, 3), keepdims=True))
    assert tf.nn.max_pool3d(v, 2, 2, "SAME").shape == (1, 2, 3, 3, 2)
    check(tf.nn.avg_pool3d(v.astype(F64), [4, 5, 6], 1, "VALID"),
           v.astype(F64).mean((1, 2, 3), keepdims=True))


def test_conv_and_pool_gradients():
    x, w = RNG.normal(size=(1, 4, 3, 2)), RNG.normal(size=(3, 2, 2, 2))
    cases = [
        (lambda a, b: tf.nn.conv2d(a, b, 2, "SAME"), [x, w]),
        (lambda a, b: tf.nn.conv2d(a, b, 1, "VALID", dilations=2), [x, w]),
        (lambda a, b: tf.nn.conv1d(a, b, 2, "SAME"), [x[0], w[0]]),
        (lambda a, b: tf.nn.depthwise_conv2d(a, b, [1, 1, 1, 1], "SAME"), [x, w[:, :, :, :2]]),
        (lambda a, b: tf.nn.conv2d_transpose(a, b, [1, 4, 3, 2], 2, "SAME"),
         [RNG.normal(size=(1, 2, 2, 2)), w]),
        (lambda a: tf.nn.max_pool2d(a, 2, 1, "SAME"), [x]),
        (lambda a: tf.nn.avg_pool2d(a, 3, 2, "SAME"), [x]),
    ]
    for f, args in cases:
        weights = None

        def g(*a, f=f):
            nonlocal weights
            y = f(*a)
            if weights is None:
                weights = tf.constant(RNG.normal(size=y.shape))
            return y * weights

        g(*args)
        got = tape_grads(g, *args)
        fd = finite_differences(g, [a.copy() for a in args])
        for a, b in zip(got, fd):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


def test_max_pool_gradient_ties_go_to_the_first_maximum():
    x = np.array([[1.0, 1.0, 1.0], [2.0, 2.0, 1.0]])[None, :, :, None]
    (g,) = tape_grads(lambda a: tf.nn.max_pool2d(a, 2, 1, "VALID"), x)
    np.testing.assert_array_equal(g[0, ..., 0], [[0, 0, 0], [1, 1, 0]])


# ---------------------------------------------------------------------------------------------
# Eager against tf.function, and one tape entry per composite


def test_eager_matches_tf_function():
    x = tf.constant(RNG.normal(size=(2, 6, 6, 3)))
    w = tf.constant(RNG.normal(size=(3, 3, 3, 4)))
    lab = tf.constant([1, 3])

    def net(a):
        h = tf.nn.relu(tf.nn.conv2d(a, w, 1, "SAME"))
        h = tf.nn.max_pool2d(h, 2, 2, "SAME")
        h = tf.nn.l2_normalize(tf.reduce_mean(h, [1, 2]), -1)
        m, v = tf.nn.moments(h, [0])
        h = tf.nn.batch_normalization(h, m, v, None, None, 1e-3)
        return tf.nn.sparse_softmax_cross_entropy_with_logits(lab, h)

    np.testing.assert_allclose(tf.function(net)(x).numpy(), net(x).numpy(), rtol=1e-12)


def test_composites_are_one_tape_entry():
    x = tf.constant([[1.0, 2.0, 3.0]])
    x3 = tf.constant([[[1.0], [2.0], [3.0]]])
    for f, v in [(lambda v: tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0, 0.0]], v), x),
                 (lambda v: tf.nn.moments(v, [1]), x), (tf.nn.l2_normalize, x), (tf.nn.gelu, x),
                 (lambda v: tf.nn.weighted_cross_entropy_with_logits(v, v, 2.0), x),
                 (lambda v: tf.nn.conv1d(v, [[[2.0]]], 1, "SAME"), x3)]:
        with tf.GradientTape() as t:
            t.watch(v)
            f(v)
        assert len(t._tape.entries) == 1


def test_dropout_follows_tf_random_seeds():
    x = tf.ones((40,))
    tf.random.set_seed(7)
    a, b = tf.nn.dropout(x, 0.5).numpy(), tf.nn.dropout(x, 0.5, seed=2).numpy()
    tf.random.set_seed(7)
    np.testing.assert_array_equal(tf.nn.dropout(x, 0.5).numpy(), a)
    np.testing.assert_array_equal(tf.nn.dropout(x, 0.5, seed=2).numpy(), b)


def test_dropout_in_tf_function_draws_a_new_mask_each_call():
    f = tf.function(lambda v: tf.nn.dropout(v, 0.5))
    x = tf.ones((64,))
    masks = {tuple(f(x).numpy()) for _ in range(3)}
    assert len(masks) == 3


# ---------------------------------------------------------------------------------------------
# Known deviations from TF 2.21 (each pinned here; see the ops' docstrings)


def test_deviation_values_tf_cpu_refuses():
    # TF's CPU kernels refuse dilated transposed convs (and the float64 gradient of a dilated
    # conv2d); its GPU kernels compute them, as tfshim does.
    w = RNG.normal(size=(3, 3, 2, 4))
    x = RNG.normal(size=(1, 7, 7, 2))
    y = tf.nn.conv2d(x, w, 1, "SAME", dilations=2).numpy()
    dy = RNG.normal(size=y.shape)
    xt = tf.nn.conv2d_transpose(dy, w, x.shape, 1, "SAME", dilations=2)
    np.testing.assert_allclose(np.vdot(y, dy), np.vdot(x, xt.numpy()), rtol=1e-10)
    # TF has no gradient for SoftsignGrad (second order raises LookupError); tfshim's is exact.
    xs = tf.constant([-2.0, 0.5], tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(xs)
        with tf.GradientTape() as inner:
            inner.watch(xs)
            y = tf.nn.softsign(xs)
        g = inner.gradient(y, xs)
    want = -2 * np.sign([-2.0, 0.5]) / (1 + np.abs([-2.0, 0.5])) ** 3
    np.testing.assert_allclose(outer.gradient(g, xs).numpy(), want, rtol=1e-12)
    # TF's gradient for broadcast softmax-cross-entropy labels fails in a Reshape; tfshim
    # reduces it over the broadcast rows.
    g_labels, _ = tape_grads(tf.nn.softmax_cross_entropy_with_logits, np.array([0.5, 0.5, 0.0]),
                             np.zeros((2, 3)))
    np.testing.assert_allclose(g_labels, 2 * np.log(3.0) * np.ones(3), rtol=1e-12)


def test_deviation_top_k_unsorted_and_embedding_inputs():
    # sorted=False: TF's order is unspecified; tfshim returns the sorted order.
    out = tf.math.top_k([3, 1, 2, 3, 0, 3], 4, sorted=False)
    np.testing.assert_array_equal(out.indices.numpy(), [0, 3, 5, 2])
    # A nested Python list is one table (TF would take each row as a shard).
    check(tf.nn.embedding_lookup([[1.0, 2.0], [3.0, 4.0]], [1]), np.array([[3.0, 4.0]], F32))


def test_deviation_unchecked_indices_inside_tf_function():
    # Traced, indices can't be checked: invalid labels give NaN and invalid ids give zeros, as
    # TF's GPU kernels do (TF's CPU kernels raise InvalidArgumentError).
    f = tf.function(tf.nn.sparse_softmax_cross_entropy_with_logits)
    out = f(tf.constant([0, 5]), tf.constant([[1.0, 2.0], [3.0, 4.0]])).numpy()
    assert np.isfinite(out[0]) and np.isnan(out[1])
    g = tf.function(tf.nn.embedding_lookup)
    check(g(tf.constant([[1.0, 2.0]]), tf.constant([0, 3])), np.array([[1, 2], [0, 0]], F32))


# ---------------------------------------------------------------------------------------------
# TF's errors

E = tf.errors
m = np.ones((2, 3), F32)

ERRORS = [
    ("relu bool", lambda: tf.nn.relu([True]), E.InvalidArgumentError),
    ("elu int", lambda: tf.nn.elu([1, 2]), E.InvalidArgumentError),
    ("gelu int", lambda: tf.nn.gelu([1, 2]), ValueError),
    ("silu int", lambda: tf.nn.silu([1, 2]), E.InvalidArgumentError),
    ("softmax int", lambda: tf.nn.softmax([1, 2]), E.InvalidArgumentError),
    ("softmax axis", lambda: tf.nn.softmax(m, axis=2), E.InvalidArgumentError),
    ("log_softmax scalar", lambda: tf.nn.log_softmax(1.0), E.InvalidArgumentError),
    ("xent shapes", lambda: tf.nn.softmax_cross_entropy_with_logits(np.ones((3, 3)), m),
     E.InvalidArgumentError),
    ("sparse xent label", lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([0, 3], m),
     E.InvalidArgumentError),
    ("sparse xent rank", lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([[0]], m),
     ValueError),
    ("sparse xent float labels", lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
        [0.0, 1.0], m), E.InvalidArgumentError),
    ("sigmoid xent shapes", lambda: tf.nn.sigmoid_cross_entropy_with_logits(m, m[0]), ValueError),
    ("sigmoid xent dtypes", lambda: tf.nn.sigmoid_cross_entropy_with_logits([1, 0], [1.0, 2.0]),
     E.InvalidArgumentError),
    ("bias_add 1-d", lambda: tf.nn.bias_add(m[0], m[0]), E.InvalidArgumentError),
    ("bias_add size", lambda: tf.nn.bias_add(m, m[0, :2]), E.InvalidArgumentError),
    ("bias_add format", lambda: tf.nn.bias_add(m, m[0], data_format="XYZ"), ValueError),
    ("moments axis", lambda: tf.nn.moments(tf.constant(m), [2]), E.InvalidArgumentError),
    ("l2_normalize int", lambda: tf.nn.l2_normalize([3, 4]), TypeError),
    ("dropout rate", lambda: tf.nn.dropout(m, 1.0), ValueError),
    ("dropout int", lambda: tf.nn.dropout([1, 2], 0.5), ValueError),
    ("embedding id", lambda: tf.nn.embedding_lookup(m, [2]), E.InvalidArgumentError),
    ("embedding float ids", lambda: tf.nn.embedding_lookup(m, [1.0]), E.InvalidArgumentError),
    ("top_k k", lambda: tf.math.top_k(m, 4), E.InvalidArgumentError),
    ("top_k scalar", lambda: tf.math.top_k(tf.constant(1.0)), E.InvalidArgumentError),
    ("conv2d depth", lambda: tf.nn.conv2d(np.ones((1, 3, 3, 3)), np.ones((1, 1, 2, 1)), 1,
                                          "SAME"), E.InvalidArgumentError),
    ("conv2d padding", lambda: tf.nn.conv2d(np.ones((1, 3, 3, 1)), np.ones((1, 1, 1, 1)), 1,
                                            "FOO"), E.InvalidArgumentError),
    ("conv2d dtypes", lambda: tf.nn.conv2d(tf.ones((1, 3, 3, 1)), tf.ones((1, 1, 1, 1),
                                                                            tf.float64), 1,
                                           "SAME"), E.InvalidArgumentError),
    ("conv2d negative size", lambda: tf.nn.conv2d(np.ones((1, 3, 3, 1)), np.ones((5, 5, 1, 1)),
                                                  1, "VALID"), E.InvalidArgumentError),
    ("conv2d strides", lambda: tf.nn.conv2d(np.ones((1, 3, 3, 1)), np.ones((1, 1, 1, 1)),
                                            [2, 1, 1, 1], "SAME"), E.UnimplementedError),
    ("conv1d format", lambda: tf.nn.conv1d(np.ones((1, 3, 1)), np.ones((1, 1, 1)), 1, "SAME",
                                           "NHCW"), ValueError),
    ("transpose size", lambda: tf.nn.conv2d_transpose(np.ones((1, 2, 2, 1)), np.ones((3, 3, 1, 1)),
                                                      [1, 9, 9, 1], 2, "SAME"),
     E.InvalidArgumentError),
    ("depthwise depth", lambda: tf.nn.depthwise_conv2d(np.ones((1, 3, 3, 3)),
                                                       np.ones((1, 1, 2, 1)), [1, 1, 1, 1],
                                                       "SAME"), E.InvalidArgumentError),
    ("pool rank", lambda: tf.nn.max_pool(tf.ones((1, 4)), 2, 2, "SAME"), ValueError),
    ("avg_pool int", lambda: tf.nn.avg_pool2d(tf.ones((1, 2, 2, 1), tf.int32), 2, 2, "VALID"),
     E.InvalidArgumentError),
    ("pool batch", lambda: tf.nn.max_pool2d(tf.ones((2, 2, 2, 1)), [2, 1, 1, 1], 1, "VALID"),
     E.UnimplementedError),
    ("avg_pool explicit", lambda: tf.nn.avg_pool2d(tf.ones((1, 2, 2, 1)), 2, 2, [[0, 0]] * 4),
     TypeError),
]


@pytest.mark.parametrize("case", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(case):
    _, f, cls = case
    with pytest.raises(cls):
        f()


def test_error_messages_name_tf_kernels():
    with pytest.raises(E.InvalidArgumentError, match=r"\[Op:SparseSoftmaxCrossEntropyWithLogits"
                       r"\] name: $"):
        tf.nn.sparse_softmax_cross_entropy_with_logits([0, 5], m)
    # A Python list input takes TF's slow path: its kernel errors carry no " name: ".
    with pytest.raises(E.InvalidArgumentError, match=r"\[Op:BiasAdd\]$"):
        tf.nn.bias_add([1.0, 2.0], [1.0, 2.0])
    with pytest.raises(E.InvalidArgumentError, match="__wrapped____MklNativeConv2D_"):
        tf.nn.conv2d(tf.ones((1, 3, 3, 3)), tf.ones((1, 1, 2, 1)), 1, "SAME")


def test_signatures_match_tf():
    import inspect

    sigs = {
        "relu": "(features, name=None)",
        "leaky_relu": "(features, alpha=0.2, name=None)",
        "gelu": "(features, approximate=False, name=None)",
        "silu": "(features, beta=1.0)",
        "softmax": "(logits, axis=None, name=None)",
        "softmax_cross_entropy_with_logits": "(labels, logits, axis=-1, name=None)",
        "sigmoid_cross_entropy_with_logits": "(labels=None, logits=None, name=None)",
        "moments": "(x, axes, shift=None, keepdims=False, name=None)",
        "dropout": "(x, rate, noise_shape=None, seed=None, name=None)",
        "conv2d": "(input, filters, strides, padding, data_format='NHWC', dilations=None, "
                  "name=None)",
        "conv2d_transpose": "(input, filters, output_shape, strides, padding='SAME', "
                            "data_format='NHWC', dilations=None, name=None)",
        "depthwise_conv2d": "(input, filter, strides, padding, data_format=None, dilations=None, "
                            "name=None)",
        "max_pool": "(input, ksize, strides, padding, data_format=None, name=None)",
        "avg_pool1d": "(input, ksize, strides, padding, data_format='NWC', name=None)",
        "l2_normalize": "(x, axis=None, epsilon=1e-12, name=None, dim=None)",
        "embedding_lookup": "(params, ids, max_norm=None, name=None)",
    }
    for name, sig in sigs.items():
        assert str(inspect.signature(getattr(tf.nn, name))) == sig, name
    assert "index_type=tf.int32" in str(inspect.signature(tf.math.top_k))
    assert tf.nn.silu is tf.nn.swish and tf.math.softplus is tf.nn.softplus
    assert tf.math.l2_normalize is tf.nn.l2_normalize is tf.linalg.l2_normalize


# -- tf.nn.convolution / conv_transpose / separable_conv2d / conv3d (TF's values from TF 2.21) --
def _ramp(shape, scale):
    return tf.reshape(tf.range(int(np.prod(shape)), dtype=tf.float32), shape) / scale


def test_convolution_dispatches_on_the_filters_rank():
    x, w = _ramp([2, 5, 5, 5, 2], 100), _ramp([3, 3, 3, 2, 3], 100)
    assert tf.nn.convolution(x, w, padding="SAME").shape == (2, 5, 5, 5, 3)
    assert tf.nn.convolution(x, w, strides=2).shape == (2, 2, 2, 2, 3)
    assert tf.nn.convolution(x[:, 0], w[0]).shape == (2, 3, 3, 3)
    assert tf.nn.convolution(x[:, 0, 0], w[0, 0], dilations=2).shape == (2, 1, 3)
    assert tf.nn.convolution(x, w[0]).shape == (2, 5, 3, 3, 3)  # extra batch dimensions
    np.testing.assert_array_equal(tf.nn.convolution(x, w).numpy(),
                                  tf.nn.conv3d(x, w, [1] * 5, "VALID").numpy())
    np.testing.assert_allclose(tf.nn.convolution(x, w).numpy().ravel()[:5],
                               [37.2465, 37.584, 37.9215, 38.1051, 38.4534], rtol=1e-5)
    # the 2-d case is tf.nn.conv2d itself
    np.testing.assert_array_equal(tf.nn.convolution(x[:, 0], w[0], padding="SAME").numpy(),
                                  tf.nn.conv2d(x[:, 0], w[0], 1, "SAME").numpy())
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="input and filter must have the same depth: 1 vs 2"):
        tf.nn.convolution(x[..., :1], w)
    with pytest.raises(ValueError, match="`filters.shape.rank` must be 3, 4 or 5"):
        tf.nn.convolution(x, tf.ones([3, 3]))


def test_conv_transpose_is_the_convs_adjoint_and_dispatches_on_output_shape():
    w = _ramp([3, 3, 3, 2, 3], 100)
    dy = _ramp([2, 3, 3, 3, 3], 50)
    np.testing.assert_allclose(
        tf.nn.conv3d_transpose(dy, w, [2, 5, 5, 5, 2], [1, 1, 1, 1, 1], "VALID").numpy().ravel()
        [:6], [0.001, 0.0028, 0.0074, 0.0164, 0.03, 0.0516], atol=1e-4)
    assert round(float(tf.reduce_sum(tf.nn.conv3d_transpose(
        dy, w, [2, 6, 6, 6, 2], [1, 2, 2, 2, 1], "SAME"))), 1) == 6292.4
    np.testing.assert_allclose(tf.nn.conv1d_transpose(dy[:, 0, 0], w[0, 0], [2, 6, 2], 2).numpy(),
                               [[[0.001, 0.0028], [0.0046, 0.0064], [0.011, 0.02],
                                 [0.0172, 0.0244], [0.0362, 0.056], [0.0298, 0.0424]],
                                [[0.0496, 0.1972], [0.3448, 0.4924], [0.6914, 0.992],
                                 [0.3574, 0.5104], [0.7166, 1.028], [0.37, 0.5284]]],
                               atol=1e-4)
    x = _ramp([2, 5, 5, 2], 10)
    y = tf.nn.convolution(x, w[0])
    with tf.GradientTape() as g:  # the transpose is the conv's gradient with respect to x
        g.watch(x)
        out = tf.nn.convolution(x, w[0])
    np.testing.assert_allclose(g.gradient(out, x, output_gradients=y).numpy(),
                               tf.nn.conv_transpose(y, w[0], [2, 5, 5, 2], 1, "VALID").numpy(),
                               rtol=1e-5)
    with pytest.raises(ValueError, match="`output_shape` must be of length 3, 4 or 5"):
        tf.nn.conv_transpose(y, w[0], [2, 5], 1)


def test_separable_conv2d():
    x = _ramp([2, 5, 5, 2], 100)
    dw, pw = tf.ones([3, 3, 2, 2]), _ramp([1, 1, 4, 5], 10)
    np.testing.assert_allclose(tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], "VALID")
                               .numpy().ravel()[:5], [3.465, 3.915, 4.365, 4.815, 5.265],
                               rtol=1e-5)
    assert tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], "SAME").shape == (2, 5, 5, 5)
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="input depth must be evenly divisible by filter depth: 4 vs 3"):
        tf.nn.separable_conv2d(x, dw, tf.ones([1, 1, 3, 5]), [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="Dimensions 2 and 1 are not compatible"):
        tf.nn.separable_conv2d(x, dw, tf.ones([2, 1, 4, 5]), [1, 1, 1, 1], "SAME")


def test_stateless_dropout_is_tfs_mask_for_a_seed():
    got = tf.nn.experimental.stateless_dropout(tf.ones([3, 4]), 0.5, seed=[1, 2])
    np.testing.assert_array_equal(got.numpy(), [[2, 0, 2, 0], [0, 2, 0, 0], [0, 0, 0, 0]])
    got = tf.nn.experimental.stateless_dropout(tf.ones([3, 4]), 0.5, seed=[1, 2],
                                               noise_shape=[3, 1], rng_alg="philox")
    np.testing.assert_array_equal(got.numpy(), [[2] * 4, [0] * 4, [2] * 4])
    f = tf.function(lambda x, s: tf.nn.experimental.stateless_dropout(x, 0.5, seed=s,
                                                                      noise_shape=tf.shape(x)))
    np.testing.assert_array_equal(f(tf.ones([3, 4]), tf.constant([1, 2])).numpy(),
                                  [[2, 0, 2, 0], [0, 2, 0, 0], [0, 0, 0, 0]])
    with pytest.raises(ValueError, match=r"float in the range \[0, 1\). Received: rate=1.5"):
        tf.nn.experimental.stateless_dropout(tf.ones([3, 4]), 1.5, seed=[1, 2])


@pytest.mark.parametrize("ksize,strides,padding", [(2, 2, "VALID"), (3, 1, "SAME"),
                                                     (3, 2, "VALID"), (5, 5, "SAME")])
def test_max_pool_gradient_goes_to_the_first_max_of_a_window(ksize, strides, padding):
    # TF's MaxPoolGrad gives each window's gradient to its first max (row-major), not split
    # among ties; the strided-slice path (small windows) and reduce_window (larger) agree.
    x = tf.constant(np.array([[1, 1, 2, 0, 4], [1, 1, 2, 2, 4], [3, 0, 5, 5, 1],
                              [3, 3, 5, 5, 1], [0, 0, 1, 1, 1]], np.float32).reshape(1, 5, 5, 1))
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.nn.max_pool2d(x, ksize, strides, padding)
    grad = g.gradient(y, x).numpy()[0, :, :, 0]
    expected = {  # TF 2.21's gradients
        (2, 2, "VALID"): [[1, 0, 1, 0, 0], [0] * 5, [1, 0, 1, 0, 0], [0] * 5, [0] * 5],
        (3, 1, "SAME"): [[1, 0, 2, 0, 2], [0] * 5, [3, 0, 9, 3, 0], [1, 0, 3, 1, 0], [0] * 5],
        (3, 2, "VALID"): [[0] * 5, [0] * 5, [0, 0, 4, 0, 0], [0] * 5, [0] * 5],
        (5, 5, "SAME"): [[0] * 5, [0] * 5, [0, 0, 1, 0, 0], [0] * 5, [0] * 5],
    }[ksize, strides, padding]
    np.testing.assert_array_equal(grad, expected)


def test_embedding_lookup_sparse_and_safe_lookup_as_tf():
    # Values recorded from TF 2.21 (Keras's Embedding and sparse Dense use these).
    p = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0], [2, 1], [2, 2]],
                          tf.constant([1, 3, 0, 0, 2], tf.int64), [4, 3])
    w = tf.SparseTensor(ids.indices, tf.constant([1.0, 2.0, 0.5, 1.5, -1.0]), ids.dense_shape)

    def lookup(*args, **kw):
        return tf.nn.embedding_lookup_sparse(*args, **kw).numpy().round(4).tolist()

    def safe(*args, **kw):
        return tf.nn.safe_embedding_lookup_sparse(*args, **kw).numpy().round(4).tolist()

    assert lookup(p, ids, None, combiner="sum") == [[12, 14, 16], [0, 0, 0], [6, 9, 12]]
    assert lookup(p, ids, None) == [[6, 7, 8], [0, 0, 0], [2, 3, 4]]  # mean
    near = pytest.approx
    assert lookup(p, ids, None, combiner="sqrtn")[2] == near([3.4641, 5.1962, 6.9282], abs=1e-3)
    assert lookup(p, ids, w, combiner="sum") == [[21, 24, 27], [0, 0, 0], [-6, -5, -4]]
    assert lookup(p, ids, w, combiner="mean") == [[7, 8, 9], [0, 0, 0], [-6, -5, -4]]
    assert lookup(p, ids, w, combiner="sqrtn")[0] == near([9.3915, 10.7331, 12.0748], abs=1e-3)
    assert safe(p, ids, w, combiner="sum") == [[21, 24, 27], [0, 0, 0], [-6, -5, -4], [0, 0, 0]]
    assert safe(p, ids, w) == [[7, 8, 9], [0, 0, 0], [0, 1, 2], [0, 0, 0]]  # weights <= 0 go
    assert safe(p, ids, None, default_id=3) == [[6, 7, 8], [9, 10, 11], [2, 3, 4], [9, 10, 11]]
    ids3 = tf.SparseTensor([[0, 0, 0], [1, 1, 1], [1, 1, 0]], tf.constant([1, -1, 2], tf.int64),
                           [2, 2, 2])
    assert safe(p, ids3) == [[[3, 4, 5], [0, 0, 0]], [[0, 0, 0], [6, 7, 8]]]
    v = tf.Variable(p)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.nn.embedding_lookup_sparse(v, ids, w, combiner="mean") ** 2)
    g = t.gradient(y, v)
    assert isinstance(g, tf.IndexedSlices)
    np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), [
        [-24, -20, -16], [4.6667, 5.3333, 6], [12, 10, 8], [9.3333, 10.6667, 12]], rtol=1e-4)
    with pytest.raises(ValueError, match="combiner must be one of 'mean', 'sqrtn' or 'sum', "
                                         "got max"):
        tf.nn.embedding_lookup_sparse(p, ids, None, combiner="max")


def test_ctc_loss_and_greedy_decoder_as_tf():
    # Values recorded from TF 2.21 (Keras's ops.ctc_loss / ctc_decode call these).
    rng = np.random.default_rng(0)
    logits = tf.constant(rng.normal(size=(2, 6, 5)).astype(np.float32))
    labels = tf.constant([[1, 2, 2, 0], [3, 1, 0, 0]], tf.int32)
    ll, gl = tf.constant([3, 2]), tf.constant([6, 4])

    def loss(**kw):
        return tf.nn.ctc_loss(labels, logits, ll, gl, logits_time_major=False, **kw).numpy()

    np.testing.assert_allclose(loss(blank_index=0), [8.3709, 3.9713], rtol=1e-4)
    np.testing.assert_allclose(loss(blank_index=4), [7.5474, 2.8281], rtol=1e-4)
    np.testing.assert_allclose(loss(blank_index=-1), [7.5474, 2.8281], rtol=1e-4)
    x = tf.Variable(logits)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.nn.ctc_loss(labels, x, ll, gl, logits_time_major=False))
    np.testing.assert_allclose(t.gradient(y, x).numpy()[1], [
        [-0.0602, 0.1627, 0.1711, -0.5223, 0.2486], [-0.1188, -0.0320, 0.0928, -0.4123, 0.4703],
        [-0.0135, -0.3881, 0.3160, -0.0215, 0.1072], [-0.0782, -0.6924, 0.3240, 0.2765, 0.1700],
        [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]], atol=1e-4)  # zero past logit_length
    half = tf.nn.ctc_loss(labels, tf.cast(logits, tf.float16), ll, gl, logits_time_major=False)
    assert half.dtype == tf.float16
    repeated = tf.nn.ctc_loss(tf.constant([[1, 1]]), tf.transpose(logits[:1], [1, 0, 2]),
                              tf.constant([2]), tf.constant([6]))  # time major, blank between
    np.testing.assert_allclose(repeated.numpy(), [5.9791], rtol=1e-4)
    sparse = tf.SparseTensor([[0, 0]], tf.constant([1]), [1, 1])
    with pytest.raises(NotImplementedError, match="dense labels only"):  # README deviation
        tf.nn.ctc_loss(sparse, logits[:1], None, tf.constant([6]), blank_index=0)

    steps = tf.transpose(logits, [1, 0, 2])
    (d,), s = tf.nn.ctc_greedy_decoder(steps, tf.constant([6, 3]))
    assert d.indices.numpy().tolist() == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1]]
    assert d.values.dtype == tf.int64 and d.values.numpy().tolist() == [2, 1, 1, 3, 1]
    assert d.dense_shape.numpy().tolist() == [2, 3]
    assert s.shape == (2, 1)
    np.testing.assert_allclose(s.numpy(), [[-4.6149], [-3.5482]], rtol=1e-4)
    (d,), _ = tf.nn.ctc_greedy_decoder(steps, tf.constant([6, 3]), blank_index=2)
    assert d.values.numpy().tolist() == [1, 4, 1, 4, 3, 4, 1]
    (d,), _ = tf.nn.ctc_greedy_decoder(steps, tf.constant([6, 3]), merge_repeated=False,
                                       blank_index=0)
    assert d.values.numpy().tolist() == [2, 1, 1, 4, 1, 4, 3, 4, 1]
    assert d.dense_shape.numpy().tolist() == [2, 6]


def test_normalize_moments_shift_of_another_dtype_is_tfs_error():
    """TF adds shift to the shifted mean (AddV2): a shift tensor of another dtype is its error
    (the fuzz tier found tfshim adding a bool shift silently)."""
    args = (tf.constant([2.0]), tf.constant([4.0]), tf.constant([10.0]))
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"cannot compute AddV2 as input #1\(zero-based\) was expected to be "
                             "a float tensor but is a int32 tensor"):
        tf.nn.normalize_moments(*args, tf.constant([1]))
    mean, var = tf.nn.normalize_moments(*args, tf.constant([1.0]))
    assert mean.numpy().tolist() == [3.0] and var.numpy().tolist() == [1.0]
