"""Gradients through tf.GradientTape in float64: against jax.grad of the same function written in
jax.numpy, and against central finite differences of the tf function itself; second order
through nested tapes; and TF's own conventions where its gradient is a choice (ties, kinks,
complex conjugates, non-differentiable ops).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from testing import check_function_matches_eager, finite_differences, tape_grads

import tfshim as tf


class Rec(NamedTuple):
    name: str
    fn: Callable  # tf
    ref: Callable  # the same function in jax.numpy
    shapes: tuple
    domain: str = "any"  # "pos": inputs > 0
    eps: float = 1e-6  # finite-difference step


def _sigmoid(x):
    return 1 / (1 + jnp.exp(-x))


def _floormod(x, y):
    return x - jnp.floor(x / y) * y


RECORDS = [
    Rec("negative", tf.negative, jnp.negative, ((2, 3),)),
    Rec("abs", tf.abs, jnp.abs, ((2, 3),)),
    Rec("square", tf.square, jnp.square, ((2, 3),)),
    Rec("sqrt", tf.sqrt, jnp.sqrt, ((2, 3),), "pos"),
    Rec("exp", tf.exp, jnp.exp, ((2, 3),)),
    Rec("log", tf.math.log, jnp.log, ((2, 3),), "pos"),
    Rec("sin", tf.sin, jnp.sin, ((2, 3),)),
    Rec("cos", tf.cos, jnp.cos, ((2, 3),)),
    Rec("tanh", tf.tanh, jnp.tanh, ((2, 3),)),
    Rec("sigmoid", tf.sigmoid, _sigmoid, ((2, 3),)),
    Rec("identity", tf.identity, lambda x: x, ((3,),)),
    Rec("add", tf.add, jnp.add, ((2, 3), (3,))),
    Rec("subtract", tf.subtract, jnp.subtract, ((2, 1), (1, 3))),
    Rec("multiply", tf.multiply, jnp.multiply, ((2, 3), ())),
    Rec("divide", tf.divide, jnp.divide, ((2, 3), (2, 3)), "pos"),
    Rec("truediv", tf.truediv, jnp.divide, ((3,), ()), "pos"),
    Rec("pow", tf.pow, jnp.power, ((2, 3), (3,)), "pos"),
    Rec("maximum", tf.maximum, jnp.maximum, ((2, 3), (3,))),
    Rec("minimum", tf.minimum, jnp.minimum, ((2, 3), ())),
    Rec("floormod", tf.math.floormod, _floormod, ((3,), (3,)), "pos"),
    Rec("operators", lambda x, y: (x * y - y / x) ** 2 + (-x),
        lambda x, y: (x * y - y / x) ** 2 - x, ((3,), (3,)), "pos"),
    Rec("matmul", tf.matmul, jnp.matmul, ((2, 3), (3, 2))),
    Rec("matmul_t", lambda a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True),
        lambda a, b: a.T @ b.T, ((3, 2), (2, 3))),
    Rec("matmul_batch", tf.matmul, jnp.matmul, ((2, 2, 3), (3, 1))),
    Rec("reduce_sum", lambda x: tf.reduce_sum(x, 0), lambda x: jnp.sum(x, 0), ((2, 3),)),
    Rec("reduce_mean", lambda x: tf.reduce_mean(x, -1, keepdims=True),
        lambda x: jnp.mean(x, -1, keepdims=True), ((2, 3),)),
    Rec("reduce_prod", tf.reduce_prod, jnp.prod, ((2, 3),)),
    Rec("reduce_max", lambda x: tf.reduce_max(x, 1), lambda x: jnp.max(x, 1), ((2, 3),)),
    Rec("reduce_min", tf.reduce_min, jnp.min, ((2, 3),)),
    Rec("reshape", lambda x: tf.reshape(x, [3, 2]), lambda x: x.reshape(3, 2), ((2, 3),)),
    Rec("transpose", tf.transpose, jnp.transpose, ((2, 3),)),
    Rec("expand_dims", lambda x: tf.expand_dims(x, 1), lambda x: x[:, None], ((2, 3),)),
    Rec("squeeze", tf.squeeze, jnp.squeeze, ((2, 1, 3),)),
    Rec("concat", lambda x, y: tf.concat([x, y], 0), lambda x, y: jnp.concatenate([x, y]),
        ((2, 3), (1, 3))),
    Rec("stack", lambda x, y: tf.stack([x, y], 1), lambda x, y: jnp.stack([x, y], 1),
        ((2, 3), (2, 3))),
    Rec("getitem", lambda x: x[1:, ::-1], lambda x: x[1:, ::-1], ((3, 2),)),
    Rec("getitem_int", lambda x: x[1], lambda x: x[1], ((3, 2),)),
    Rec("cast", lambda x: tf.cast(tf.cast(x, tf.float32), tf.float64) * 2, lambda x: x * 2,
        ((3,),), eps=1 / 64),  # a step float32 resolves
    Rec("linspace", lambda x, y: tf.linspace(x, y, 4), lambda x, y: jnp.linspace(x, y, 4),
        ((2,), (2,))),
    Rec("fill", lambda x: tf.fill([2, 2], x), lambda x: jnp.full((2, 2), x), ((),)),
]


def _inputs(rec, seed=0):
    rng = np.random.default_rng(seed)
    # Values away from 0 and from each other: no kinks or ties at the points tested.
    out = []
    for s in rec.shapes:
        mag = rng.uniform(0.5, 2.0, size=s) + 0.1 * np.arange(int(np.prod(s))).reshape(s)
        sign = 1 if rec.domain == "pos" else rng.choice([-1.0, 1.0], size=s)
        out.append(np.asarray(mag * sign, dtype=np.float64))
    return out


def _weights(rec, xs):
    """Fixed weights for the output, so the scalar objective mixes every element differently
    (float32 values, so a gradient through a float32 cast stays exact)."""
    shape = np.shape(rec.ref(*[jnp.asarray(x) for x in xs]))
    return np.random.default_rng(7).uniform(-1, 1, size=shape).astype(np.float32).astype(float)


@pytest.mark.parametrize("rec", RECORDS, ids=[r.name for r in RECORDS])
def test_gradient_matches_jax_and_finite_differences(rec):
    xs = _inputs(rec)
    w = _weights(rec, xs)

    def objective(*args):
        return tf.reduce_sum(rec.fn(*args) * w)

    got = tape_grads(objective, *xs)
    want = jax.grad(lambda *a: jnp.sum(rec.ref(*a) * w), argnums=tuple(range(len(xs))))(*xs)
    numeric = finite_differences(lambda *a: objective(*[tf.constant(v) for v in a]), xs, rec.eps)
    for g, j, n, x in zip(got, want, numeric, xs, strict=True):
        assert g.dtype == np.float64 and g.shape == x.shape
        np.testing.assert_allclose(g, j, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(g, n, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("rec", RECORDS, ids=[r.name for r in RECORDS])
def test_gradient_in_tf_function(rec):
    """The tape inside tf.function: compiled with the forward pass, eager's gradients."""
    xs = _inputs(rec)
    w = tf.constant(_weights(rec, xs))

    def gradients(*args):
        with tf.GradientTape() as t:
            for a in args:
                t.watch(a)
            y = tf.reduce_sum(rec.fn(*args) * w)
        return t.gradient(y, list(args))

    check_function_matches_eager(gradients, *[tf.constant(x) for x in xs])


SECOND_ORDER = [
    ("tanh", tf.tanh, jnp.tanh),
    ("sigmoid", tf.sigmoid, _sigmoid),
    ("sin*exp", lambda x: tf.sin(x) * tf.exp(x), lambda x: jnp.sin(x) * jnp.exp(x)),
    ("pow", lambda x: tf.pow(x, 3.5), lambda x: x ** 3.5),
    ("log/sqrt", lambda x: tf.math.log(x) / tf.sqrt(x), lambda x: jnp.log(x) / jnp.sqrt(x)),
    ("abs", lambda x: tf.abs(x) * x, lambda x: jnp.abs(x) * x),
    ("maximum", lambda x: tf.maximum(x * x, 2.0), lambda x: jnp.maximum(x * x, 2.0)),
]


@pytest.mark.parametrize("name,fn,ref", SECOND_ORDER, ids=[s[0] for s in SECOND_ORDER])
def test_second_order_through_nested_tapes(name, fn, ref):
    x = tf.constant(np.array([0.7, 1.3, 2.1]))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(fn(x))
        dy = inner.gradient(y, x)
    d2y = outer.gradient(dy, x)
    first = jax.grad(lambda v: jnp.sum(ref(v)))
    second = jax.vmap(jax.grad(jax.grad(lambda v: ref(v))))
    np.testing.assert_allclose(dy.numpy(), first(x.numpy()), rtol=1e-12)
    np.testing.assert_allclose(d2y.numpy(), second(x.numpy()), rtol=1e-10)


def test_third_order_on_a_persistent_tape():
    x = tf.constant(1.5, tf.float64)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * x
        dy = t.gradient(y, x)
        d2y = t.gradient(dy, x)
    assert [float(dy), float(d2y), float(t.gradient(d2y, x))] == [6.75, 9.0, 6.0]


# -- TF's conventions ------------------------------------------------------------------------
def test_maximum_minimum_give_a_tie_wholly_to_x():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 2.0])
    gx, gy = tape_grads(lambda a, b: tf.reduce_sum(tf.maximum(a, b)), x, y)
    assert gx.tolist() == [0, 1, 1] and gy.tolist() == [1, 0, 0]
    gx, gy = tape_grads(lambda a, b: tf.reduce_sum(tf.minimum(a, b)), x, y)
    assert gx.tolist() == [1, 1, 0] and gy.tolist() == [0, 0, 1]


def test_maximum_tie_with_broadcasting_sums_back():
    gx, gy = tape_grads(lambda a, b: tf.reduce_sum(tf.maximum(a, b)), np.float64(2),
                        np.array([1.0, 2.0, 3.0]))
    assert float(gx) == 2.0 and gy.tolist() == [0, 0, 1]


def test_reduce_max_splits_a_tie_equally():
    (g,) = tape_grads(tf.reduce_max, np.array([1.0, 3.0, 3.0, 2.0]))
    assert g.tolist() == [0, 0.5, 0.5, 0]
    (g,) = tape_grads(lambda x: tf.reduce_min(x, 0), np.array([[1.0, 3.0], [1.0, 2.0]]))
    assert g.tolist() == [[0.5, 0], [0.5, 1]]


def test_abs_and_sqrt_at_zero():
    (g,) = tape_grads(tf.abs, np.array([-0.0, 0.0, -2.0]))
    assert g.tolist() == [0, 0, -1]  # TF: sign(x), 0 at 0
    (g,) = tape_grads(tf.sqrt, 0.0)
    assert g == np.inf
    (g,) = tape_grads(tf.abs, 0j)
    assert g == 0


def test_pow_gradient_in_the_exponent_is_zero_where_the_base_is_not_positive():
    gx, gy = tape_grads(tf.pow, np.array([0.0, -2.0, 2.0]), np.array([2.0, 2.0, 2.0]))
    assert gx.tolist() == [0, -4, 4]
    np.testing.assert_allclose(gy, [0, 0, 4 * np.log(2)])


def test_complex_gradients_are_tf_conjugates():
    # TF returns the conjugate of the holomorphic derivative: d(x*x) at 1+2j is 2-4j.
    (g,) = tape_grads(lambda x: x * x, 1 + 2j)
    assert g == 2 - 4j
    (g,) = tape_grads(tf.abs, 3 + 4j)
    assert g == pytest.approx(0.6 + 0.8j)
    (g,) = tape_grads(lambda x: tf.math.real(x * tf.math.conj(x)), 1 + 2j)
    assert g == 2 + 4j
    # sum(a @ b^H) = sum(a * conj(b)): TF gives b for a, and a for b.
    ga, gb = tape_grads(lambda a, b: tf.reduce_sum(tf.matmul(a, b, adjoint_b=True)),
                        np.array([[1j, 2.0]]), np.array([[3.0, 1j]]))
    np.testing.assert_allclose(ga, [[3, 1j]])
    np.testing.assert_allclose(gb, [[1j, 2]])


@pytest.mark.parametrize("fn", [
    lambda x: tf.math.floordiv(x, 2.0), lambda x: tf.cast(x, tf.int32), tf.stop_gradient,
    tf.zeros_like, tf.ones_like, lambda x: tf.cast(x > 1.0, tf.float64),
    lambda x: tf.cast(tf.equal(x, 1.0), tf.float64), lambda x: tf.cast(tf.shape(x), tf.float64),
], ids=["floordiv", "cast_int", "stop_gradient", "zeros_like", "ones_like", "greater",
        "equal", "shape"])
def test_non_differentiable_ops_give_none(fn):
    assert tape_grads(fn, np.array([1.5, 2.5])) == [None]


@pytest.mark.parametrize("dtype", [tf.float16, tf.bfloat16, tf.float32, tf.complex64])
def test_gradient_keeps_the_source_dtype(dtype):
    x = tf.constant([1.0, 2.0], dtype)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(x * x)
    g = t.gradient(y, x)
    assert g.dtype == dtype and np.asarray(g.numpy(), np.complex128).tolist() == [2, 4]


def test_integer_sources_get_no_gradient():
    x = tf.constant([1, 2])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(x * x)
    assert t.gradient(y, x) is None
