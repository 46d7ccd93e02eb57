"""tf.function details the TF tier can't show: the compiled computation, retracing, deviations."""

import contextlib
import io
import logging
import re

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


def test_intermediate_symbolic_tensor_names_follow_tf_name_scopes():
    # TF names an operator's node by its Python name scope ("add", "mul"), other ops by their
    # type, and counts names case-insensitively ("Mul" then "mul" gives "mul_1").
    seen = []

    @tf.function
    def f(x):
        seen.append((str(x), (x + 1.).name, (x * 2.).name, tf.sin(x).name,
                     tf.multiply(x, x).name, (2. * x).name))
        return x

    f(tf.constant(1.0))
    assert seen == [('Tensor("x:0", shape=(), dtype=float32)', "add:0", "mul:0", "Sin:0",
                     "Mul_1:0", "mul_2:0")]


def test_concrete_function_of_none_dims_traces_once_with_unknown_sizes(capsys):
    @tf.function
    def f(x, y):
        print("tracing", x, x.shape)
        return tf.reduce_sum(x * 2. + y, axis=1)

    cf = f.get_concrete_function(tf.TensorSpec([None, 3]), tf.TensorSpec([3]))
    assert capsys.readouterr().out == (
        'tracing Tensor("x:0", shape=(None, 3), dtype=float32) (None, 3)\n')
    assert f.get_concrete_function(tf.TensorSpec([None, 3]), tf.TensorSpec([3])) is cf
    for n in (1, 2, 5):
        np.testing.assert_allclose(cf(tf.ones([n, 3]), tf.ones([3])).numpy(), [9.] * n)
        np.testing.assert_allclose(f(tf.ones([n, 3]), tf.ones([3])).numpy(), [9.] * n)
    assert capsys.readouterr().out == ""  # no call ran the Python body again
    assert f.experimental_get_tracing_count() == 1
    assert cf.output_shapes == tf.TensorShape([None])
    assert [t.name for t in cf.inputs] == ["x:0", "y:0"]


def test_none_dims_that_must_agree_trace_with_one_size():
    # x + y needs equal sizes: the first try (independent sizes) fails, the second shares one.
    @tf.function
    def f(x, y):
        return x + y

    cf = f.get_concrete_function(tf.TensorSpec([None]), tf.TensorSpec([None]))
    assert str(cf.output_shapes) == "(None,)"
    np.testing.assert_allclose(cf(tf.ones([4]), tf.ones([4])).numpy(), [2.] * 4)
    assert f.experimental_get_tracing_count() == 1


def test_concrete_function_call_errors_are_tfs():
    @tf.function
    def f(x, k=2):
        return x * k

    cf = f.get_concrete_function(tf.TensorSpec([], tf.int32))
    with pytest.raises(tf.errors.InvalidArgumentError, match=(
            r"cannot compute __inference_f_\d+ as input #0\(zero-based\) was expected to be a "
            r"int32 tensor but is a float tensor \[Op:__inference_f_\d+\]")):
        cf(tf.constant(1.0))
    with pytest.raises(TypeError) as e:
        cf(tf.constant(1), 3)
    assert str(e.value).startswith(
        "Binding inputs to tf.function failed due to `Can not cast 3 to Literal[2]`.")
    assert str(e.value).endswith(
        "Fallback to flat signature also failed due to: f(x) takes 1 positional arguments, "
        "got 2.")
    # A parameter with a default is part of the trace's type and required; a call without it
    # binds to the flat signature (tensors only), as TF's.
    assert cf(tf.constant(5)).numpy() == 10
    with pytest.raises(TypeError) as e:
        cf(5)
    assert str(e.value) == (
        "Binding inputs to tf.function failed due to `missing a required argument: 'k'`. "
        "Received args: (5,) and kwargs: {} for signature: (x: TensorSpec(shape=(), "
        "dtype=tf.int32, name=None), k: Literal[2]) -> TensorSpec(shape=(), dtype=tf.int32, "
        "name=None).\nFallback to flat signature also failed due to: f(x): expected argument "
        "#0(zero-based) to be a Tensor; got int (5).")
    assert cf(5, 2).numpy() == 10 and cf(x=tf.constant(2), k=2).numpy() == 4


def test_method_concrete_functions_bind_self():
    class Model(tf.Module):
        def __init__(self):
            self.w = tf.Variable(3.0)

        @tf.function
        def __call__(self, x):
            return self.w * x

    m = Model()
    cf = m.__call__.get_concrete_function(tf.TensorSpec([None]))
    assert str(cf.function_type) == (
        "(x: TensorSpec(shape=(None,), dtype=tf.float32, name=None)) -> "
        "TensorSpec(shape=(None,), dtype=tf.float32, name=None)")
    assert cf.variables == (m.w,)
    np.testing.assert_allclose(cf(tf.ones([2])).numpy(), [3., 3.])


# TF 2.21's text for this function's graph (recorded from TF, id-free).
_TF_GRAPH_DEF = """node {
  name: "x"
  op: "Placeholder"
  attr {
    key: "shape"
    value {
      shape {
        dim {
          size: -1
        }
        dim {
          size: 3
        }
      }
    }
  }
  attr {
    key: "dtype"
    value {
      type: DT_FLOAT
    }
  }
  attr {
    key: "_user_specified_name"
    value {
      s: "x"
    }
  }
}
node {
  name: "ReadVariableOp/resource"
  op: "Placeholder"
  attr {
    key: "shape"
    value {
      shape {
      }
    }
  }
  attr {
    key: "dtype"
    value {
      type: DT_RESOURCE
    }
  }
  attr {
    key: "_user_specified_name"
    value {
      s: "resource"
    }
  }
}
node {
  name: "ReadVariableOp"
  op: "ReadVariableOp"
  input: "ReadVariableOp/resource"
  attr {
    key: "dtype"
    value {
      type: DT_FLOAT
    }
  }
}
node {
  name: "mul"
  op: "Mul"
  input: "ReadVariableOp"
  input: "x"
  attr {
    key: "T"
    value {
      type: DT_FLOAT
    }
  }
}
node {
  name: "Identity"
  op: "Identity"
  input: "mul"
  input: "^NoOp"
  attr {
    key: "T"
    value {
      type: DT_FLOAT
    }
  }
}
node {
  name: "NoOp"
  op: "NoOp"
  input: "^ReadVariableOp"
}
versions {
  producer: 2474
}
"""


def test_graph_def_of_a_simple_function_is_tfs():
    v = tf.Variable(2.)

    @tf.function
    def g(x):
        return v * x

    c = g.get_concrete_function(tf.TensorSpec([None, 3]))
    assert str(c.graph.as_graph_def()) == _TF_GRAPH_DEF
    mul = c.graph.get_operation_by_name("mul")
    assert repr(mul) == "<tf.Operation 'mul' type=Mul>"
    assert [t.name for t in mul.inputs] == ["ReadVariableOp:0", "x:0"]
    assert str(c.graph.get_tensor_by_name("mul:0")) == (
        'Tensor("mul:0", shape=(None, 3), dtype=float32)')
    assert c.outputs[0].op.type == "Identity"


def test_compiler_ir_is_xla_hlo_text():
    @tf.function(jit_compile=True)
    def f(x):
        return tf.sin(x) * 2.

    ir = f.experimental_get_compiler_ir(tf.ones([2]))
    assert "sine(" in ir() and "f32[2]" in ir(stage="hlo")
    assert isinstance(ir(stage="hlo_serialized"), bytes)
    assert "HloModule" in ir(stage="optimized_hlo")


def test_inference_fn_takes_the_flat_tensors():
    # TF's ConcreteFunction.inference_fn (an AtomicFunction), as TF's function guide calls it.
    @tf.function
    def f(a, b):
        return a + b

    c = f.get_concrete_function(tf.constant(1), tf.constant(2))
    atomic = c.inference_fn
    assert atomic(tf.constant(3), tf.constant(4)).numpy() == 7
    assert atomic.name == c.name


def test_graph_has_consts_for_static_arguments():
    # TF's graph feeds reduction axes, shapes, permutations as Const inputs (values from TF
    # 2.21); tfshim's ops take them as static values and its graph records the Consts TF has.
    def graph_of(fn):
        cf = tf.function(fn).get_concrete_function(tf.TensorSpec([2, 3]))
        return [(op.name, op.type, [i.name for i in op.inputs])
                for op in cf.graph.get_operations()][1:-1]

    assert graph_of(lambda x: tf.reduce_sum(x)) == [("Const", "Const", []),
                                                    ("Sum", "Sum", ["x:0", "Const:0"])]
    assert graph_of(lambda x: tf.reduce_mean(x, axis=1)) == [
        ("Mean/reduction_indices", "Const", []),
        ("Mean", "Mean", ["x:0", "Mean/reduction_indices:0"])]
    assert graph_of(lambda x: tf.concat([x, x], 0))[-1] == (
        "concat", "ConcatV2", ["x:0", "x:0", "concat/axis:0"])
    assert [n for n, _, _ in graph_of(lambda x: tf.transpose(tf.reshape(x, [3, 2])))] == [
        "Reshape/shape", "Reshape", "transpose/perm", "transpose"]
    cf = tf.function(lambda x: tf.reduce_sum(x)).get_concrete_function(tf.TensorSpec([2, 3]))
    const = cf.graph.get_operation_by_name("Const").node_def.attr["value"].tensor
    assert np.frombuffer(const.tensor_content, np.int32).tolist() == [0, 1]
    assert const.dtype == tf.int32.as_datatype_enum


def test_deviation_unknown_rank_spec_runs_the_body_again_for_other_ranks():
    # TF traces TensorSpec(None) once with an unknown rank and runs that graph for every rank.
    # JAX's shapes have a fixed rank: tfshim's trace is a scalar one (the placeholder prints
    # <unknown>), a silent rank-2 trace tells which output shapes the rank decides, and calls of
    # other shapes trace again silently: prints once, as TF, other side effects per shape.
    seen = []

    @tf.function
    def f(x):
        print("traced", x)
        seen.append(1)
        return x * 2., tf.reduce_sum(x), tf.shape(x)

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cf = f.get_concrete_function(tf.TensorSpec(None))
        assert cf.output_shapes == (tf.TensorShape(None), tf.TensorShape([]),
                                    tf.TensorShape([None]))
        assert cf.structured_input_signature[0][0].shape.rank is None
        np.testing.assert_allclose(cf(tf.ones([3]))[0].numpy(), [2.] * 3)
        assert f(tf.ones([2, 2]))[2].numpy().tolist() == [2, 2]  # the same trace serves calls
    assert out.getvalue() == 'traced Tensor("x:0", dtype=float32)\n'
    assert f.experimental_get_tracing_count() == 1
    assert len(seen) == 4  # TF: 1 (the scalar trace, the rank-2 probe, shapes (3,), (2, 2))


def test_deviation_concrete_function_of_other_shapes_traces_again_silently():
    # TF runs a concrete function's graph for any shape its kernels take, with no Python;
    # XLA compiles static shapes, so tfshim traces again for them: the body's prints are
    # dropped, other side effects happen (README: Known deviations).
    calls = []

    @tf.function
    def f(x):
        calls.append(1)
        print("tracing")
        return x + 1.

    cf = f.get_concrete_function(tf.TensorSpec([2]))
    np.testing.assert_allclose(cf(tf.ones([3])).numpy(), [2.] * 3)
    assert len(calls) == 2 and f.experimental_get_tracing_count() == 1


def test_deviation_captured_inputs_are_the_variables():
    # TF lists the variables' resource handles (dtype resource); tfshim has no resource
    # tensors and lists the variables.
    v = tf.Variable(1.)

    @tf.function
    def f(x):
        return v + x

    cf = f.get_concrete_function(tf.TensorSpec([]))
    assert cf.captured_inputs == [v]


def test_string_functions_are_concrete_functions():
    # A tf.function on tf.string arguments traces once, as TF's; its strings are ids in the
    # compiled program and the string ops host callbacks (host_strings.py).
    @tf.function
    def double(a):
        return a + a

    c = double.get_concrete_function(tf.constant("a"))
    assert isinstance(c, tf.types.experimental.ConcreteFunction)
    assert c(tf.constant("b")).numpy() == b"bb"
    assert [(n.name, n.op) for n in c.graph.as_graph_def().node] == [
        ("a", "Placeholder"), ("add", "Add"), ("Identity", "Identity")]  # TF: Add for strings
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a string tensor"):
        c(tf.constant(1))


# -- tf.get_static_value, tf.ensure_shape, tf.init_scope (values from TF 2.21) ---------------
def test_get_static_value():
    assert tf.get_static_value(3) == 3 and tf.get_static_value([1, 2]) == [1, 2]
    got = tf.get_static_value(tf.constant([1, 2]))
    assert isinstance(got, np.ndarray) and got.tolist() == [1, 2]
    assert tf.get_static_value(tf.Variable([1, 2])) is None
    assert tf.get_static_value(None) is None
    seen = []

    @tf.function
    def f(x):
        seen.append((tf.get_static_value(x), tf.get_static_value(tf.shape(x)).tolist(),
                     int(tf.get_static_value(tf.rank(x)))))
        return x

    f(tf.ones([2, 3]))
    assert seen == [(None, [2, 3], 2)]


def test_ensure_shape():
    x = tf.ones([2, 3])
    assert tf.ensure_shape(x, [2, None]) is not None
    assert tf.ensure_shape([1, 2], (2,)).numpy().tolist() == [1, 2]
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Shape of tensor input \[2,3\] is not compatible with expected "
                             r"shape \[3,\?\]. \[Op:EnsureShape\]"):
        tf.ensure_shape(x, [3, None])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"expected shape \[2\]\."):
        tf.ensure_shape(x, [2])
    f = tf.function(lambda t: tf.ensure_shape(t, [None, 3]))
    assert f(x).shape == (2, 3)
    with pytest.raises(tf.errors.InvalidArgumentError, match="not compatible"):
        tf.function(lambda t: tf.ensure_shape(t, [None, 4]))(x)


def test_init_scope_leaves_the_trace():
    seen = []

    @tf.function
    def f(x):
        with tf.init_scope():
            seen.append((tf.executing_eagerly(), (tf.constant(1) + 1).numpy()))
        return x * 2

    f(tf.constant(1.0))
    assert seen == [(True, 2)]


def test_string_call_after_numeric_traces_takes_the_general_path():
    """A tf.string argument after numeric calls (TF's tf.function guide): the fast caller
    can't hand an object array to XLA, so the call goes the general way (runs eagerly)."""
    @tf.function
    def double(a):
        return a + a

    assert int(double(tf.constant(1))) == 2 and float(double(tf.constant(1.5))) == 3.0
    assert double(tf.constant("a")).numpy() == b"aa"
    assert double(tf.constant("b")).numpy() == b"bb"
    assert int(double(tf.constant(4))) == 8


def test_set_loop_options_bound_compiles_and_differentiates():
    # maximum_iterations makes the tensor loop a bounded scan: compiled (no fallback), the
    # bound applied, gradients through a tape and of second order as TF's.
    @tf.function
    def power(x, n):
        y = x
        for _ in tf.range(n):
            tf.autograph.experimental.set_loop_options(maximum_iterations=3)
            y = y * x
        return y

    code = tf.autograph.to_code(power.python_function)
    assert "set_loop_options" not in code and "{'maximum_iterations': 3}" in code
    x = tf.constant(2.0)
    with tf_warnings() as messages, tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = power(x, tf.constant(10))
        dy = inner.gradient(y, x)
    assert not messages
    assert (y.numpy(), dy.numpy(), outer.gradient(dy, x).numpy()) == (16.0, 32.0, 48.0)
    assert power.experimental_get_tracing_count() == 1


def test_set_loop_options_shape_invariants_run_eagerly():
    # A loop whose shapes change can't compile (XLA's static shapes): with shape_invariants,
    # as with tf.while_loop's, the function runs eagerly with tfshim's warning and TF's values.
    @tf.function
    def grow(n):
        v = tf.constant([1])
        i = tf.constant(0)
        while i < n:
            tf.autograph.experimental.set_loop_options(
                shape_invariants=[(v, tf.TensorShape([None]))])
            v = tf.concat([v, v[-1:] * 2], 0)
            i += 1
        return v

    with tf_warnings() as messages:
        assert grow(tf.constant(3)).numpy().tolist() == [1, 2, 4, 8]
    assert len(messages) == 1 and EAGER_FALLBACK in messages[0]


def test_autograph_verbosity_env_and_set_verbosity(monkeypatch):
    from tfshim._core import ag_logging

    def countdown(x):
        while x > 0:
            x = x - 1
        return x

    records = []
    handler = logging.Handler()
    handler.emit = lambda r: records.append((r.levelname, r.getMessage().split("\n")[0]))
    logger = tf.get_logger()
    monkeypatch.setattr(ag_logging, "verbosity_level", None)
    monkeypatch.setattr(ag_logging, "echo_log_to_stdout", False)
    monkeypatch.setenv("AUTOGRAPH_VERBOSITY", "2")
    logger.addHandler(handler)
    logger.setLevel("INFO")  # AutoGraph's log is INFO, which the logger's default level hides
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            tf.function(countdown)(tf.constant(2))
            tf.autograph.set_verbosity(0)  # takes precedence over the environment
            tf.function(countdown)(tf.constant(3))
            tf.autograph.set_verbosity(1, alsologtostdout=True)
            tf.function(tf.autograph.experimental.do_not_convert(tf.abs))(tf.constant(1))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    kinds = [re.sub(r"<function \S+ at 0x\w+>", "F", m).split(":")[0] for _, m in records]
    assert kinds == ["Converted call", "F is not cached for subkey ConversionOptions[{}]",
                     "Transformed F", "Defaults of F ", "KW defaults of F ", "Calling F with",
                     "Converted call"], records
    assert {lv for lv, _ in records} == {"INFO"}
    assert out.getvalue().startswith("Converted call: <function abs at")
    assert "AutoGraph artifact" not in out.getvalue()  # a level 2 event


def test_autograph_feature_options_accepted():
    Feature = tf.autograph.experimental.Feature
    assert Feature.all_but(Feature.ALL) and Feature.ALL not in Feature.all_but([Feature.LISTS])
    f = tf.function(lambda x: x + 1, experimental_autograph_options=(Feature.LISTS,))
    assert f(tf.constant(1)).numpy() == 2
