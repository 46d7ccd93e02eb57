"""tf.function details the TF tier can't show: the compiled computation, retracing, deviations."""

import numpy as np

import tfshim as tf


def test_training_step_is_one_compiled_computation():
    w = tf.Variable(np.ones((3, 2), np.float32))

    @tf.function
    def step(x):
        with tf.GradientTape() as t:
            loss = tf.reduce_sum(tf.square(tf.matmul(x, w)))
        w.assign_sub(0.1 * t.gradient(loss, w))
        return loss

    x = tf.constant(np.ones((4, 3), np.float32))
    step(x)
    cf = step.get_concrete_function(x)
    # One jitted callable: variables in, (outputs, new variable values) out.
    assert cf.variables == (w,)
    before = w.numpy().copy()
    step(x)
    assert not np.allclose(before, w.numpy())
    assert step.experimental_get_tracing_count() == 1


def test_python_side_effects_run_once_per_trace():
    calls = []

    @tf.function
    def f(x):
        calls.append(1)
        return x + 1

    for _ in range(3):
        f(tf.constant(1.0))
    f(tf.constant([1.0, 2.0]))
    assert len(calls) == 2


def test_none_dimension_retraces_per_shape():
    # Documented deviation: TF traces once for a None dimension; tfshim once per shape.
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(x):
        return tf.reduce_sum(x)

    f(tf.constant([1.0, 2.0]))
    f(tf.constant([1.0, 2.0, 3.0]))
    assert f.experimental_get_tracing_count() == 2


def test_untraceable_python_falls_back_to_eager_with_a_warning(capsys):
    import logging

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("tensorflow").addHandler(handler)
    try:
        @tf.function
        def f(x):
            out = []
            for v in [x, x * 2]:
                if v > 1.5:  # inside a Python list loop: not converted
                    break
                out.append(v)
            return tf.add_n(out) if hasattr(tf, "add_n") else out[0]

        assert float(f(tf.constant(1.0))) == 1.0
    finally:
        logging.getLogger("tensorflow").removeHandler(handler)
    assert any("could not compile" in r.getMessage() for r in records)
