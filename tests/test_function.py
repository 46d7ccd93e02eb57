"""tf.function details the TF tier can't show: the compiled computation, retracing, deviations."""

import numpy as np
import pytest
from testing import EAGER_FALLBACK, tf_warnings

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


def test_none_dimension_traces_once():
    # As TF: one trace (symbolic dimension) for every length; the Python body runs once.
    calls = []

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(x):
        calls.append(x.shape.as_list())
        return tf.reduce_sum(x)

    assert float(f(tf.constant([1.0, 2.0]))) == 3.0
    assert float(f(tf.constant([1.0, 2.0, 3.0]))) == 6.0
    assert f.experimental_get_tracing_count() == 1
    assert calls == [[None]]


def test_reduce_retracing_changing_rank_traces_again():
    # Documented deviation: TF relaxes a change of rank to an unknown shape (one more trace in
    # all); JAX's symbolic shapes have a fixed rank, so each new rank starts its own relaxation.
    @tf.function(reduce_retracing=True)
    def f(x):
        return tf.reduce_sum(x)

    for shape in ([1], [2], [2, 2], [3, 3]):
        f(tf.ones(shape))
    assert f.experimental_get_tracing_count() == 4  # TF: 3


def test_untraceable_python_falls_back_to_eager_with_a_warning():
    @tf.function
    def f(x):
        out = []
        for v in [x, x * 2]:
            if v > 1.5:  # inside a Python list loop: not converted
                break
            out.append(v)
        return tf.add_n(out)

    with tf_warnings() as messages:
        assert float(f(tf.constant(1.0))) == 1.0  # [1.0]: the loop broke at 2.0
    assert any(EAGER_FALLBACK in m for m in messages), messages
    # Run eagerly from then on: the Python loop sees each call's values.
    assert float(f(tf.constant(0.5))) == 1.5  # [0.5, 1.0]


def test_a_function_may_return_nothing():
    v = tf.Variable(1.0)

    @tf.function
    def step(x):
        v.assign_add(x)

    assert step(tf.constant(2.0)) is None
    assert float(v) == 3.0
    assert step(tf.constant(2.0)) is None and float(v) == 5.0  # the cached trace too

    @tf.function
    def pair(x):
        return None, x * 2.0

    assert pair(tf.constant(1.0))[0] is None and float(pair(tf.constant(1.0))[1]) == 2.0


# -- the fast call path: one jax.jit per family of traces, chosen by JAX's C++ dispatch --------


def _uses_fast_path(f):
    return f._fast is not None


def test_alternating_shapes_reuse_their_traces_without_rerunning_python():
    calls = []
    v = tf.Variable(2.0)

    @tf.function
    def f(x):
        calls.append(x.shape.as_list())
        return x * v

    a, b = tf.constant([1.0, 2.0]), tf.constant([[1.0], [2.0], [3.0]])
    for _ in range(3):
        np.testing.assert_allclose(f(a).numpy(), [2.0, 4.0])
        np.testing.assert_allclose(f(b).numpy(), [[2.0], [4.0], [6.0]])
    assert calls == [[2], [3, 1]]  # one trace per shape, never again
    assert f.experimental_get_tracing_count() == 2
    assert _uses_fast_path(f)
    v.assign(3.0)  # a variable's value is read at every call, not captured
    np.testing.assert_allclose(f(a).numpy(), [3.0, 6.0])


def test_fast_path_writes_variables_back_and_keeps_read_only_ones():
    w = tf.Variable([1.0, 2.0])
    scale = tf.Variable(0.5)

    @tf.function
    def step(x):
        w.assign_add(x * scale)
        return {"sum": tf.reduce_sum(w), "w": w.read_value()}

    x = tf.constant([2.0, 2.0])
    outs = [step(x) for _ in range(3)]
    np.testing.assert_allclose(w.numpy(), [4.0, 5.0])
    assert [float(o["sum"]) for o in outs] == [5.0, 7.0, 9.0]
    np.testing.assert_allclose(outs[-1]["w"].numpy(), [4.0, 5.0])
    cf = step.get_concrete_function(x)
    ids = [id(v) for v in cf.variables]
    assert sorted(ids) == sorted([id(w), id(scale)])
    assert cf._written == [ids.index(id(w))]  # scale is only read: never written back
    assert float(scale.numpy()) == 0.5
    assert _uses_fast_path(step)


def test_calls_the_fast_path_cannot_take_still_work():
    @tf.function
    def f(x, y=1.0):
        return x * y

    t = tf.constant(3.0)
    assert float(f(t)) == 3.0
    assert float(f(t)) == 3.0  # fast path from here on
    assert _uses_fast_path(f)
    assert float(f(t, y=2.0)) == 6.0  # keyword: full path, new trace
    assert float(f(t, 4.0)) == 12.0  # Python number: traced per value, as TF
    assert float(f(np.float32(2.0))) == 2.0  # NumPy scalar: a Python value to TF
    np.testing.assert_allclose(f(np.array([1.0, 2.0], np.float32)).numpy(), [1.0, 2.0])
    with tf.GradientTape() as tape:  # a tape outside records the call
        tape.watch(t)
        y = f(t, t)
    assert float(tape.gradient(y, t)) == 6.0

    @tf.function
    def outer(x):
        return f(x) + 1.0  # inside another trace: inlined

    assert float(outer(t)) == 4.0
    tf.config.run_functions_eagerly(True)
    try:
        assert float(f(t)) == 3.0
    finally:
        tf.config.run_functions_eagerly(False)


def test_traces_with_different_variables_alternate_correctly():
    v1, v2 = tf.Variable(10.0), tf.Variable(100.0)

    @tf.function
    def f(x):
        if x.shape[0] == 1:
            return x * v1
        return x * v2

    a, b = tf.constant([1.0]), tf.constant([1.0, 2.0])
    for _ in range(12):  # switching families each call: it gives up the fast path, not results
        np.testing.assert_allclose(f(a).numpy(), [10.0])
        np.testing.assert_allclose(f(b).numpy(), [100.0, 200.0])
    assert f.experimental_get_tracing_count() == 2
    assert not _uses_fast_path(f)


def test_input_signature_is_still_enforced_after_fast_calls():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(x):
        return x + 1.0

    f(tf.constant([1.0]))
    f(tf.constant([1.0]))
    assert _uses_fast_path(f)
    np.testing.assert_allclose(f(tf.constant([1.0, 2.0])).numpy(), [2.0, 3.0])
    try:
        f(tf.constant([1, 2]))
    except TypeError as e:
        assert "Binding inputs to tf.function failed" in str(e)
    else:
        raise AssertionError("an int32 tensor must not bind to a float32 signature")


def test_a_variable_of_unknown_shape_changes_shape_without_a_retrace():
    v = tf.Variable([1.0, 2.0], shape=[None])

    @tf.function
    def f(x):
        return tf.reduce_sum(v) + x

    assert float(f(tf.constant(1.0))) == 4.0
    v.assign([1.0, 2.0, 3.0])
    assert float(f(tf.constant(1.0))) == 7.0
    assert float(f(tf.constant(1.0))) == 7.0
    assert f.experimental_get_tracing_count() == 1


def test_variables_are_lifted_without_an_eager_copy():
    # jax.new_ref copies its value eagerly, compiling a copy per shape on a function's first
    # call; the placeholder Ref holds the variable's array itself (nothing mutates it).
    import jax.numpy as jnp
    from jax._src import core as jax_core

    from tfshim._core.polymorphic_function import _placeholder_ref

    x = jnp.ones((3, 2), jnp.float32)
    r = _placeholder_ref(x)
    assert isinstance(r, jax_core.Ref) and r.shape == (3, 2) and r.dtype == jnp.float32
    assert r._refs._buf is x


def test_integer_division_by_a_python_number_compiles_after_running_eagerly():
    # The eager call caches the scalar 3 as a concrete array; the trace then checks that
    # concrete divisor for zero (issue 11: it raised JAX's TracerBoolConversionError).
    x = tf.constant([5, -7])
    ops = [tf.math.floormod, tf.math.floordiv, tf.truncatediv, tf.truncatemod, tf.pow]
    eager = [op(x, 3).numpy().tolist() for op in ops]

    @tf.function
    def f(x):
        return [op(x, 3) for op in ops]

    assert [t.numpy().tolist() for t in f(x)] == eager == [[2, 2], [1, -3], [1, -2], [2, -1],
                                                          [125, -343]]


def test_concrete_function_with_a_none_dimension_takes_any_length():
    # It leaked tfshim's internal _Miss for a length it was not traced with (issue 11).
    @tf.function
    def g(x):
        return x * 2.0

    cf = g.get_concrete_function(tf.TensorSpec([None], tf.float32))
    assert cf(tf.constant([1.0, 2.0])).numpy().tolist() == [2.0, 4.0]
    assert cf(tf.constant([1.0, 2.0, 3.0])).numpy().tolist() == [2.0, 4.0, 6.0]
    assert cf(tf.constant([5.0])).numpy().tolist() == [10.0]

    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def h(x):
        return tf.reduce_sum(x, axis=1)

    cf = h.get_concrete_function()
    assert h(tf.ones([3, 2])).numpy().tolist() == [2.0, 2.0, 2.0]
    assert cf(tf.ones([4, 2])).numpy().tolist() == [2.0] * 4


def test_deviation_intermediate_symbolic_tensor_names_are_op_types():
    # TF names an operator's node by its Python name scope ("add:0", "mul:0") or the name=
    # given; tfshim names it by the op type. Arguments and outputs are named as TF's.
    seen = []

    @tf.function
    def f(x):
        seen.append((str(x), (x + 1.).name, (x * 2.).name, tf.sin(x).name))
        return x

    f(tf.constant(1.0))
    assert seen == [('Tensor("x:0", shape=(), dtype=float32)', "AddV2:0", "Mul:0", "Sin:0")]


def test_autograph_to_code_and_do_not_convert():
    def absolute(x):
        if x < 0:
            x = -x
        return x

    code = tf.autograph.to_code(absolute)
    assert code.startswith("def absolute(x):") and "ag__.if_stmt(" in code
    assert tf.autograph.to_code(lambda_free) == "def lambda_free(y):\n    return y + 1\n"
    kept = tf.autograph.experimental.do_not_convert(absolute)
    assert tf.autograph.to_graph(kept) is kept  # not converted
    assert tf.autograph.to_graph(absolute) is not absolute


def lambda_free(y):
    return y + 1


def test_deviation_an_iterator_running_out_partway_through_a_call_changes_nothing():
    # TF runs the step's ops in order: updates made before the failing get_next stay. tfshim
    # fetches a call's elements before running it, so the call changes nothing.
    w = tf.Variable(0.0)
    it = iter(tf.data.Dataset.range(3))

    @tf.function
    def step(iterator):
        for _ in range(2):
            w.assign_add(tf.cast(next(iterator), tf.float32))
        return w

    assert float(step(it)) == 1.0
    with pytest.raises(tf.errors.OutOfRangeError, match="Graph execution error"):
        step(it)
    assert float(w) == 1.0  # TF: 3.0


def test_iterator_elements_with_a_smaller_last_batch_retrace_once_per_shape():
    ds = tf.data.Dataset.range(5).batch(2)
    it = iter(ds)

    @tf.function
    def step(iterator):
        return tf.reduce_sum(next(iterator))

    assert [int(step(it)) for _ in range(3)] == [1, 5, 4]
    assert step.experimental_get_tracing_count() == 2  # TF: 1 (a None batch dimension)
    with pytest.raises(tf.errors.OutOfRangeError):
        step(it)
    it2 = iter(ds)  # another iterator of the same dataset: the same traces
    assert int(step(it2)) == 1 and step.experimental_get_tracing_count() == 2
