# Concrete functions and graphs: the cells of TF's guides "Introduction to graphs and
# tf.function" and "Better performance with tf.function" that use ConcreteFunction (most with
# integer arguments; the last cells with the guide's tf.string ones).
import re

import tensorflow as tf


def show_error(e):
    # Function names carry a process-wide number (__inference_double_6): not compared.
    print(type(e).__name__, re.sub(r"__inference_(\w+?)_\d+", r"__inference_\1_N", str(e)))

# %%
def a_regular_function(x, y, b):
    x = tf.matmul(x, y)
    x = x + b
    return x

a_function_that_uses_a_graph = tf.function(a_regular_function)
x1 = tf.constant([[1.0, 2.0]])
y1 = tf.constant([[2.0], [3.0]])
b1 = tf.constant(4.0)
orig_value = a_regular_function(x1, y1, b1).numpy()
tf_function_value = a_function_that_uses_a_graph(x1, y1, b1).numpy()
print(orig_value == tf_function_value)

# %%
def inner_function(x, y, b):
    x = tf.matmul(x, y)
    x = x + b
    return x

@tf.function
def outer_function(x):
    y = tf.constant([[2.0], [3.0]])
    b = tf.constant(4.0)
    return inner_function(x, y, b)

outer_function(tf.constant([[1.0, 2.0]])).numpy()

# %%
@tf.function
def my_relu(x):
    return tf.maximum(0., x)

print(my_relu(tf.constant(5.5)))
print(my_relu([1, -1]))
print(my_relu(tf.constant([3., -3.])))
print(my_relu(tf.constant(-2.5)))
print(my_relu(tf.constant([-1., 1.])))
print(my_relu.pretty_printed_concrete_signatures())
print(my_relu.experimental_get_tracing_count())

# %%
@tf.function
def double(a):
    print("Tracing with", a)
    return a + a

print(double(tf.constant(1)))
print()
print(double(tf.constant(1.1)))
print()
print(double(tf.constant(2)))
print(double.pretty_printed_concrete_signatures())

# %%
print("Obtaining concrete trace")
double_ints = double.get_concrete_function(tf.constant(7, tf.int64))
print("Executing traced function")
print(double_ints(tf.constant(3, tf.int64)))
print(double_ints(a=tf.constant(4, tf.int64)))
double_ints_from_inputspec = double.get_concrete_function(tf.TensorSpec(shape=[],
                                                                        dtype=tf.int64))
print(double_ints_from_inputspec(tf.constant(5, tf.int64)))
print(double_ints_from_inputspec is double_ints)
print(double_ints)
print(double_ints.structured_input_signature)
print(double_ints.structured_outputs)
try:
    double_ints(tf.constant(1))
except tf.errors.InvalidArgumentError as e:
    show_error(e)

# %%
@tf.function
def pow(a, b):
    return a ** b

square = pow.get_concrete_function(a=tf.TensorSpec([], tf.float32), b=2)
print(square)
assert square(tf.constant(10.0)) == 100
try:
    square(tf.constant(10.0), b=3)
except TypeError as e:
    show_error(e)

# %%
graph = double_ints.graph
for node in graph.as_graph_def().node:
    print(f'{node.input} -> {node.name}')
print([(op.name, op.type) for op in square.graph.get_operations()])
print(square.graph.inputs, square.graph.outputs)

# %%
# TensorSpecs with None dimensions: one trace, the body sees the unknown sizes.
@tf.function
def scaled_sum(x, y):
    print("Tracing with", x, y)
    s = x * 2. + y
    return {"sum": tf.reduce_sum(s), "scaled": s}, None

cf = scaled_sum.get_concrete_function(tf.TensorSpec([None, 3]), tf.TensorSpec([3], name="bias"))
print(cf.structured_input_signature)
print(cf.structured_outputs)
print(cf.outputs)
print(cf.inputs)
print(cf.output_shapes)
print(cf.output_dtypes)
print(cf.function_type)
print(cf.function_type.parameters)
print(cf.pretty_printed_signature(verbose=False))
print(cf(tf.ones([2, 3]), tf.ones([3]))[0]["sum"], cf(tf.ones([4, 3]), tf.ones([3]))[0]["sum"])
print(scaled_sum(tf.ones([5, 3]), tf.ones([3]))[0]["sum"])
print(scaled_sum.experimental_get_tracing_count())
print([(op.name, op.type) for op in cf.graph.get_operations()][:5])

# %%
# Calls that fit neither the structured nor the flat signature: TF's TypeError.
for args, kwargs in [((tf.ones([2, 3]),), {}), ((tf.ones([2, 3]), tf.ones([3]), 1), {}),
                     ((tf.ones([2, 3]),), {"x": tf.ones([2, 3])}),
                     ((tf.ones([2, 3]), tf.ones([3])), {"z": 1})]:
    try:
        cf(*args, **kwargs)
    except TypeError as e:
        show_error(e)

# %%
# Variables: captured by the trace, listed by the concrete function.
v = tf.Variable(2.0, name="scale")
@tf.function
def times_v(x):
    v.assign_add(1.0)
    return v * x

c = times_v.get_concrete_function(tf.TensorSpec([None]))
print(c.variables, c.trainable_variables, len(c.captured_inputs))
print(c(tf.constant([1.0, 2.0])), v.numpy())
print([(op.name, op.type, [t.name for t in op.inputs]) for op in c.graph.get_operations()])
print(isinstance(c, tf.types.experimental.ConcreteFunction),
      isinstance(times_v, tf.types.experimental.PolymorphicFunction),
      isinstance(times_v, tf.types.experimental.GenericFunction),
      isinstance(c.function_type, tf.types.experimental.FunctionType),
      isinstance(tf.TensorSpec([]), tf.types.experimental.TraceType),
      isinstance(tf.constant(1.), tf.types.experimental.TensorLike),
      isinstance(times_v, tf.types.experimental.Callable))
print(times_v.python_function.__name__, times_v.input_signature)

# %%
@tf.function(input_signature=(tf.TensorSpec(shape=[None], dtype=tf.int32),))
def next_collatz(x):
    print("Tracing with", x)
    return tf.where(x % 2 == 0, x // 2, 3 * x + 1)

print(next_collatz(tf.constant([1, 2])))
print(next_collatz.get_concrete_function())
try:
    next_collatz(tf.constant([[1, 2], [3, 4]]))
except TypeError as e:
    show_error(e)
try:
    next_collatz(tf.constant([1.0, 2.0]))
except TypeError as e:
    show_error(e)

# %%
@tf.function(jit_compile=True)
def sin2(x):
    return tf.sin(x) * 2.

ir = sin2.experimental_get_compiler_ir(tf.ones([2]))
print("HloModule" in ir(), "sine" in ir(stage="optimized_hlo"))
try:
    ir(stage="dot")
except ValueError as e:
    show_error(e)
try:
    my_relu.experimental_get_compiler_ir(tf.ones([2]))
except ValueError as e:
    show_error(e)

# %%
# Variables passed as arguments are inputs (VariableSpec), not captures.
cap = tf.Variable(1.0, name="cap")
arg = tf.Variable(2.0, name="arg")
vec = tf.Variable([2.0], name="vec", trainable=False)


@tf.function
def scaled(x, y, z):
    return x * cap + y + z


c = scaled.get_concrete_function(arg, vec, arg)
print(c.structured_input_signature)
print(c.function_type)
print([v.name for v in c.variables], [v.name for v in c.trainable_variables],
      len(c.captured_inputs))
print(c(arg, vec, arg))

# %%
# TensorSpec(None): one trace of unknown rank serves every rank.
@tf.function
def stats(x):
    print("Tracing stats with", x, x.shape)
    return x * 2., tf.reduce_sum(x), tf.shape(x)


c = stats.get_concrete_function(tf.TensorSpec(None))
print(c.output_shapes)
print(c)
print(c(tf.ones([3]))[0], c(tf.constant(2.0))[1])
print(stats(tf.ones([2, 2]))[2], stats.experimental_get_tracing_count())

# %%
# A tf.function calling itself on a tensor recurses while tracing: TF's StagingError.
@tf.function
def fact(n):
    if n <= 1:
        return tf.constant(1)
    return n * fact(n - 1)


try:
    fact(tf.constant(5))
except Exception as e:  # noqa: BLE001 - the type TF raises is the point
    print(type(e).__name__, str(e).strip().splitlines()[-1].split(":")[0])


@tf.function
def count_down(n):  # recursion on Python values ends: a trace per value
    if n == 0:
        return 0
    return count_down(n - 1) + 1


print(count_down(3))
for exc in (IndexError, ZeroDivisionError, KeyError, ValueError):
    @tf.function
    def fails(x, exc=exc):
        raise exc("boom")
    try:
        fails(tf.constant(1))
    except Exception as e:  # noqa: BLE001
        print(exc.__name__, "->", type(e).__name__, str(e).strip().splitlines()[-1])

# %%
# A graph being built under as_default(): placeholders, ops, get_operations().
graph = tf.__internal__.FuncGraph("scratch")
with graph.as_default():
    p = tf.compat.v1.placeholder(tf.float32, [None, 3])
    q = tf.nn.relu(p * 2.0, name="act")
    print(p, q)
print([(op.name, op.type) for op in graph.get_operations()])
g = tf.function(lambda x: x * 2.0).get_concrete_function(tf.TensorSpec([2])).graph
print(isinstance(g, tf.__internal__.FuncGraph), [op.type for op in g.get_operations()])

# %%
# tf.string arguments: traced once, as the guide's `double`.
@tf.function
def double(a):
    print("Tracing with", a)
    return a + a


print(double(tf.constant("a")))
print(double(tf.constant("b")))
double_strings = double.get_concrete_function(tf.constant("a"))
print(double_strings(a=tf.constant("c")))
print(double.get_concrete_function(tf.TensorSpec(shape=[], dtype=tf.string))(tf.constant("d")))
print(double_strings)
print(double_strings.function_type)
try:
    double_strings(tf.constant(1))
except tf.errors.InvalidArgumentError as e:
    show_error(e)
for node in double_strings.graph.as_graph_def().node:
    print(f"{node.input} -> {node.name}")
print(double.experimental_get_tracing_count())

# %%
# String ops and numbers in one function; a kernel's error on a later call's strings.
@tf.function
def describe(s, x):
    print("Tracing describe with", s, x)
    n = tf.strings.length(s) * 2 + x
    label = tf.strings.join([tf.strings.upper(s), "-", tf.strings.as_string(x)])
    first = tf.strings.to_number(tf.strings.substr(s, 0, 1), tf.int32)
    return n, label, tf.equal(s, "2cd"), first


print(describe(tf.constant(["1b", "2cd"]), tf.constant([1, 2])))
print(describe(tf.constant(["3x", "4"]), tf.constant([5, 6])))
try:
    describe(tf.constant(["zz", "4"]), tf.constant([5, 6]))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, "StringToNumberOp could not correctly convert string: z" in str(e))
print(describe.experimental_get_tracing_count())
# %%
# A concrete function's dtype error names TF's dtypes (float, double).
halve = tf.function(lambda x: x / 2).get_concrete_function(tf.TensorSpec([None], tf.float32))
for bad in (tf.constant([1, 2]), tf.constant([1.0], tf.float64)):
    try:
        halve(bad)
    except tf.errors.InvalidArgumentError as e:
        print(str(e).split(" [Op:")[0].replace(halve.name.decode(), "F"))
