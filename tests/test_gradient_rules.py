"""Gradient rules declared with their op: every sweep (gradient, jacobian, batch_jacobian, the
compiled backward pass, ForwardAccumulator) takes the same rule."""

from __future__ import annotations

import numpy as np
import pytest

import tfshim as tf
from tfshim._core import errors, op


def _no_gradient_sweeps(fn, x):
    """What each sweep raises for fn at x."""
    raised = {}

    def grad():
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        return t.gradient(y, x)

    def jac():
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        return t.jacobian(y, x)

    def fwd():
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            y = fn(x)
        return acc.jvp(y)

    for name, thunk in [("gradient", grad), ("gradient again", grad), ("gradient third", grad),
                        ("jacobian", jac), ("forward", fwd)]:
        with pytest.raises(Exception) as info:
            thunk()
        raised[name] = info.value
    return raised


@pytest.mark.parametrize("fn, op_type", [
    (lambda x: tf.truncatemod(x, 3.0), "TruncateMod"),
    (lambda x: tf.random.poisson([2], x, seed=1), "RandomPoissonV2"),
])
def test_no_registered_gradient_raises_in_every_sweep(fn, op_type):
    raised = _no_gradient_sweeps(fn, tf.constant([5.0, 7.0]))
    message = "gradient registry has no entry for: " + op_type
    for name in ("gradient", "gradient again", "gradient third", "forward"):
        assert type(raised[name]) is LookupError and str(raised[name]) == message, name
    # TF computes jacobians in a pfor loop it stages itself: the LookupError comes framed.
    assert type(raised["jacobian"]) is errors.StagingError
    assert str(raised["jacobian"]) == "in user code:\n\n\n    LookupError: %s\n" % message


def test_declared_rule_serves_gradient_jacobian_and_forward_mode():
    p = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(p)
        y = tf.gather(p, [0, 2, 0])
    g = t.gradient(y, p)
    assert isinstance(g, tf.IndexedSlices)  # TF's _GatherV2Grad: sparse
    np.testing.assert_array_equal(g.indices.numpy(), [0, 2, 0])
    np.testing.assert_array_equal(t.jacobian(y, p).numpy(),
                                  [[1, 0, 0], [0, 0, 1], [1, 0, 0]])
    with tf.autodiff.ForwardAccumulator(p, tf.constant([1.0, 10.0, 100.0])) as acc:
        y = tf.gather(p, [0, 2, 0])
    np.testing.assert_array_equal(acc.jvp(y).numpy(), [1.0, 100.0, 1.0])


def test_custom_gradient_rule_in_jacobian_and_tf_forward_mode():
    @tf.custom_gradient
    def tenfold(x):
        return x * x, lambda dy: dy * 10.0

    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tenfold(x)
    np.testing.assert_array_equal(t.gradient(y, x).numpy(), [10.0, 10.0])
    np.testing.assert_array_equal(t.jacobian(y, x).numpy(), [[10.0, 0.0], [0.0, 10.0]])
    # TF's ForwardAccumulator sees the function's own ops, not grad_fn.
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 1.0])) as acc:
        y = tenfold(x)
    np.testing.assert_array_equal(acc.jvp(y).numpy(), [2.0, 4.0])


def test_an_op_cannot_both_lack_a_gradient_and_declare_one():
    with pytest.raises(ValueError):
        op.op("never_exported", no_gradient=True, backward=lambda fn, entry, cts: cts)


def test_deviation_sqrt_jacobian_at_zero_with_a_zero_cotangent_is_nan():
    # TF's SqrtGrad kernel returns 0 where the cotangent is 0, so TF's jacobian of sqrt at
    # [0, 4] is [[inf, 0], [0, 0.25]]; tfshim's is JAX's derivative, 0 * inf = nan off the
    # diagonal. gradient() and forward mode (nonzero seeds) agree with TF.
    x = tf.constant([0.0, 4.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.sqrt(x)
    j = t.jacobian(y, x).numpy()
    assert j[0, 0] == np.inf and np.isnan(j[1, 0]) and j[1, 1] == 0.25
    np.testing.assert_array_equal(t.gradient(y, x).numpy(), [np.inf, 0.25])
