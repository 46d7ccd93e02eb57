"""tf.debugging: assertions return None when they hold and raise TF's errors and messages when
they don't; check_numerics; the tf.assert_* aliases TF has."""

from __future__ import annotations

import numpy as np
import pytest
from testing import EAGER_FALLBACK, tf_warnings

import tfshim as tf

X = tf.constant([1, 2, 3])
Y = tf.constant([1, 5, 0])


BINARY_ASSERTS = [
    (tf.debugging.assert_equal, "==", (X, X)),
    (tf.debugging.assert_none_equal, "!=", (X, X + 10)),
    (tf.debugging.assert_less, "<", (X, X + 1)),
    (tf.debugging.assert_less_equal, "<=", (X, X)),
    (tf.debugging.assert_greater, ">", (X + 1, X)),
    (tf.debugging.assert_greater_equal, ">=", (X, X)),
]


@pytest.mark.parametrize("fn,sym,holds", BINARY_ASSERTS)
def test_binary_asserts(fn, sym, holds):
    assert fn(*holds) is None
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn(X, Y)
    lines = str(e.value).split("\n")
    assert lines[0] == "Condition x %s y did not hold." % sym
    assert lines[-4:] == ["First 3 elements of x:", "[1 2 3]", "First 3 elements of y:",
                          "[1 5 0]"]
    with pytest.raises(tf.errors.InvalidArgumentError, match="^custom\nCondition"):
        fn(X, Y, message="custom", summarize=1)


@pytest.mark.parametrize("fn,sym,holds", BINARY_ASSERTS)
def test_binary_asserts_inside_tf_function_are_not_checked(fn, sym, holds):
    """README's known deviation: inside tf.function an assertion on traced values is not
    checked (TF checks it when the function runs); the function still compiles."""
    f = tf.function(lambda a, b: (fn(a, b), a + b)[1])  # (fails eagerly on X, Y)
    with tf_warnings() as messages:
        assert f(X, Y).numpy().tolist() == [2, 7, 3]
        assert f(*holds).dtype == tf.int32
    assert not [m for m in messages if EAGER_FALLBACK in m]


def test_assert_equal_message_lists_failing_indices_and_values():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 3]))
    assert str(e.value) == ("Condition x == y did not hold.\nIndices of first 1 different "
                            "values:\n[[1]]\nCorresponding x values:\n[2]\nCorresponding y "
                            "values:\n[3]\nFirst 2 elements of x:\n[1 2]\nFirst 2 elements of "
                            "y:\n[1 3]")


def test_binary_assert_shape_and_dtype_errors_come_from_the_comparison():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
        tf.assert_equal(X, tf.constant([1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="cannot compute Equal"):
        tf.assert_equal(X, tf.constant([1.0, 2.0, 3.0]))


@pytest.mark.parametrize("fn,sym,ok", [
    (tf.debugging.assert_positive, "> 0", [1.0, 2.0]),
    (tf.debugging.assert_negative, "< 0", [-1.0]),
    (tf.debugging.assert_non_negative, ">= 0", [0.0, 1.0]),
    (tf.debugging.assert_non_positive, "<= 0", [0.0, -1.0]),
])
def test_sign_asserts(fn, sym, ok):
    assert fn(tf.constant(ok)) is None
    bad = tf.constant([1.0, -2.0, 0.5, -0.5] if sym != "<= 0" else [1.0, 2.0, 3.0, 4.0])
    if sym in ("> 0", ">= 0"):
        bad = -tf.abs(bad) - 1.0
    else:
        bad = tf.abs(bad) + 1.0
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn(bad, message="m", summarize=2)
    lines = str(e.value).split("\n")
    assert lines[0] == "m.  "
    condition = "Condition x %s did not hold element-wise:" % sym
    shape = "x (shape=(4,) dtype=float32) = "
    if sym == "<= 0":  # TF's assert_non_positive prints these two as one line
        assert lines[1:3] == [condition + shape, "['2.0', '3.0', '...']"]
    else:
        assert lines[1:3] == [condition, shape]
        assert lines[3].endswith("'...']")


def test_assert_near():
    assert tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.05]), atol=0.1) is None
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.1, 2.0]))
    assert str(e.value).startswith(
        "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: b''")


def test_static_asserts():
    assert tf.debugging.assert_rank(X, 1) is None
    with pytest.raises(ValueError, match=r"^Tensor  must have rank 2.  Received rank 1, shape "):
        tf.assert_rank(X, 2)
    assert tf.debugging.assert_type(X, tf.int32) is None
    with pytest.raises(TypeError, match="^tensor must be of type tf.float32; got tf.int32$"):
        tf.debugging.assert_type(X, tf.float32)
    assert tf.debugging.assert_shapes([(X, ("N",)), (tf.zeros([3, 4]), ("N", "D"))]) is None
    with pytest.raises(ValueError, match="^Specified by tensor shape=\\(3,\\) dtype=int32 "
                       "dimension 0.  Tensor shape=\\(2, 4\\) dtype=float32 dimension 0 must "
                       "have size 3.  Received size 2, shape \\(2, 4\\)$"):
        tf.debugging.assert_shapes([(X, ("N",)), (tf.zeros([2, 4]), ("N", 4))])
    with pytest.raises(ValueError, match="^Specified explicitly."):
        tf.debugging.assert_shapes([(tf.zeros([3, 4]), ("N", 5))])


def test_check_numerics_and_assert_all_finite():
    x = tf.constant([1.0, 2.0])
    assert tf.debugging.check_numerics(x, "ok").numpy().tolist() == [1.0, 2.0]
    # assert_all_finite is check_numerics: it returns the checked tensor's values.
    checked = tf.debugging.assert_all_finite(x, "ok")
    assert isinstance(checked, tf.Tensor) and checked.dtype == tf.float32
    assert checked.shape == (2,) and checked.numpy().tolist() == [1.0, 2.0]
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=" nan : Tensor had NaN values \\[Op:CheckNumerics\\]"):
        tf.debugging.assert_all_finite(tf.constant([np.nan], tf.float16), "nan")
    for v, what in (([np.nan], "NaN"), ([np.inf], "Inf"), ([np.nan, -np.inf], "Inf and NaN")):
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=" bad : Tensor had %s values \\[Op:CheckNumerics\\]" % what):
            tf.debugging.check_numerics(tf.constant(v), "bad")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int32"):
        tf.debugging.check_numerics(tf.constant([1]), "bad")


def test_check_numerics_passes_gradients_through():
    w = tf.constant([1.0, 2.0], tf.float64)
    with tf.GradientTape() as t:
        t.watch(w)
        z = tf.debugging.check_numerics(w * w, "g")
    np.testing.assert_allclose(t.gradient(z, w).numpy(), [2.0, 4.0])


def test_is_numeric_tensor_and_assert():
    assert tf.debugging.is_numeric_tensor(X)
    assert not tf.debugging.is_numeric_tensor(tf.constant("a"))
    assert not tf.debugging.is_numeric_tensor(tf.constant(True))
    assert not tf.debugging.is_numeric_tensor(3)
    assert tf.debugging.Assert(True, [X]) is None
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="^Expected 'tf.Tensor\\(False, shape=\\(\\), dtype=bool\\)' to be "
                       "true. Summarized data: 1, 2, 3\nb'text'$"):
        tf.debugging.Assert(tf.constant(False), [X, "text"])


def test_top_level_aliases_are_the_ones_tf_has():
    for n in ("assert_equal", "assert_less", "assert_greater", "assert_rank", "Assert"):
        assert getattr(tf, n) is getattr(tf.debugging, n)
    for n in ("assert_none_equal", "assert_positive", "assert_near", "check_numerics"):
        assert not hasattr(tf, n)


def test_error_classes_print_tf_module_and_pickle_without_the_alias():
    """TF's error classes name TF's module (`print(type(e))`, tracebacks, TF's function guide);
    tfshim serves it under the alias and pickles them by reference to its own module."""
    import pickle

    from tfshim.notebook import alias

    assert str(tf.errors.InvalidArgumentError) == (
        "<class 'tensorflow.python.framework.errors_impl.InvalidArgumentError'>")
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.reshape(tf.range(6), [4])
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is tf.errors.InvalidArgumentError and str(again) == str(info.value)
    assert pickle.loads(pickle.dumps(tf.errors.OpError)) is tf.errors.OpError
    alias.install_alias("tfshim")
    try:
        from tensorflow.python.framework import errors_impl
    finally:
        alias.remove_alias()
    assert errors_impl.NotFoundError is tf.errors.NotFoundError
