"""tf.py_function and tf.numpy_function (the TF tier's program script_ops compares them with
TF 2.21); here what the TF tier can't show."""

import numpy as np
import pytest

import tfshim as tf


def test_inside_tf_function_func_runs_once_per_call_and_compiles():
    calls = []

    def func(x):
        calls.append(float(x.numpy().sum()))
        return x * 2.0

    @tf.function
    def f(x):
        return tf.py_function(func, [x + 1.0], tf.float32) + 1.0

    assert f(tf.constant([1.0, 2.0])).numpy().tolist() == [5.0, 7.0]
    assert f(tf.constant([3.0, 4.0])).numpy().tolist() == [9.0, 11.0]
    assert calls == [5.0, 9.0]  # once per call, the traced call included
    assert f.experimental_get_tracing_count() == 1


def test_numpy_function_has_no_gradient_and_py_function_has_funcs():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        a = tf.numpy_function(lambda v: v * v, [x], tf.float32)
        b = tf.py_function(lambda v: v * v, [x], tf.float32)
    assert tape.gradient(a, x) is None
    assert tape.gradient(b, x).numpy().tolist() == [2.0, 4.0]


def test_under_vectorized_map_and_jacobian():
    def square(v):
        return tf.py_function(lambda t: t * t, [v], tf.float32)

    xs = tf.constant([1.0, 2.0, 3.0])
    assert tf.vectorized_map(square, xs).numpy().tolist() == [1.0, 4.0, 9.0]

    @tf.function
    def jac(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = square(x)
        return tape.jacobian(y, x)

    np.testing.assert_allclose(jac(xs).numpy(), np.diag([2.0, 4.0, 6.0]))


def test_deviation_a_py_function_on_a_loop_variable_runs_the_function_eagerly(caplog):
    # TF compiles it (and asks for a shape invariant on its unknown-shape result); tfshim
    # must know the result's shape when it traces, and a loop variable has no value then.
    @tf.function
    def loop(n):
        total = tf.constant(0.0)
        for i in tf.range(n):
            total += tf.reshape(
                tf.py_function(lambda v: v * 10.0, [tf.cast(i, tf.float32)], tf.float32), [])
        return total

    assert float(loop(tf.constant(3))) == 30.0
    assert "could not compile loop" in caplog.text


def test_a_later_call_with_another_result_shape_is_an_error():
    @tf.function
    def f(x):
        return tf.py_function(lambda v: tf.range(tf.cast(v, tf.int32)), [x], tf.int32)

    assert f(tf.constant(2.0)).numpy().tolist() == [0, 1]
    with pytest.raises(Exception, match="first call in this tf.function gave"):
        f(tf.constant(3.0))


def test_deviation_func_first_runs_while_the_function_is_traced(capsys):
    # TF runs func when the call executes, after every trace-time side effect; tfshim runs it
    # (once) while tracing, to learn its result's shape.
    @tf.function
    def f(x):
        y = tf.py_function(lambda v: print("func") or v, [x], tf.float32)
        print("traced on")
        return y

    f(tf.constant(1.0))
    assert capsys.readouterr().out == "func\ntraced on\n"
