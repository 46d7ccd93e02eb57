# tf.function with Python control flow on tensors (AutoGraph's common forms).
import tensorflow as tf

# %%
@tf.function
def relu_like(x):
    if x > 0:
        y = x
    else:
        y = -0.5 * x
    return y

print(relu_like(tf.constant(3.0)), relu_like(tf.constant(-2.0)))

# %%
@tf.function
def sum_to(n):
    s = tf.constant(0)
    i = tf.constant(0)
    while i < n:
        s += i
        i += 1
    return s

print(sum_to(tf.constant(5)), sum_to(tf.constant(10)))

# %%
@tf.function
def range_loop(n):
    acc = tf.constant(1.0)
    for i in tf.range(n):
        acc = acc * 2.0
    return acc

print(range_loop(tf.constant(4)))

# %%
@tf.function
def python_loop(x):
    for i in range(3):
        x = x + i
    return x

print(python_loop(tf.constant(1)))

# %%
@tf.function
def nested_if(x):
    if x > 0:
        if x > 10:
            r = x * 100.0
        else:
            r = x * 10.0
    else:
        r = x
    return r

print(nested_if(tf.constant(20.0)), nested_if(tf.constant(2.0)), nested_if(tf.constant(-1.0)))

# %%
@tf.function
def grad_through_if(x):
    with tf.GradientTape() as t:
        t.watch(x)
        if x > 1.0:
            y = x * x
        else:
            y = 3.0 * x
    return t.gradient(y, x)

print(grad_through_if(tf.constant(2.0)), grad_through_if(tf.constant(0.0)))

# %%
@tf.function
def python_cond(x, flag):
    if flag:
        return x + 1
    return x - 1

print(python_cond(tf.constant(1), True), python_cond(tf.constant(1), False))

# %%
v = tf.Variable(0.0)

@tf.function
def fizz(n):
    i = tf.constant(1)
    while i <= n:
        if i % 3 == 0:
            v.assign_add(1.0)
        i += 1
    return v.read_value()

print(fizz(tf.constant(10)), v.numpy())

# %%
@tf.function
def collatz(n):
    steps = tf.constant(0)
    while n > 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

print(collatz(tf.constant(27)))

# %%
@tf.function
def unrolled(x, c):
    y = x
    for i in range(4):
        if i % 2 == 0:
            y = tf.sin(y)
        else:
            y = tf.multiply(y, c)
    return y

print(unrolled(tf.constant([1.0, 2.0]), tf.constant(0.9)))

# %%
# `return` inside `if` (TF's intro-to-graphs guide): the returns become a tf.cond's output
def simple_relu(x):
    if tf.greater(x, 0):
        return x
    else:
        return 0


tf_simple_relu = tf.function(simple_relu)
print("First branch, with graph:", tf_simple_relu(tf.constant(1)).numpy())
print("Second branch, with graph:", tf_simple_relu(tf.constant(-1)).numpy())
print(tf_simple_relu.experimental_get_tracing_count())


@tf.function
def early_return(x):
    y = x * 2.0
    if tf.reduce_sum(y) > 10.0:
        return y, tf.constant(1)
    z = y - 1.0
    return z, tf.constant(0)


print(early_return(tf.constant([1.0, 2.0])))
print(early_return(tf.constant([10.0, 2.0])))


@tf.function
def sign(x):
    if x > 0:
        return 1.0
    elif x < 0:
        return -1.0
    else:
        return 0.0


print([float(sign(tf.constant(v))) for v in (3.0, -2.0, 0.0)], sign.experimental_get_tracing_count())


@tf.function
def python_condition(x, training):
    if training:
        return x * 2
    return None


print(python_condition(tf.constant(3), True), python_condition(tf.constant(3), False))

# %%
# tf.cond traces true_fn first, as TF (the guide's fizzbuzz prints its branches in order).
@tf.function
def fizzbuzz(n):
    for i in tf.range(1, n + 1):
        print("Tracing for loop")
        if i % 15 == 0:
            print("Tracing fizzbuzz branch")
            tf.print("fizzbuzz")
        elif i % 3 == 0:
            print("Tracing fizz branch")
            tf.print("fizz")
        elif i % 5 == 0:
            print("Tracing buzz branch")
            tf.print("buzz")
        else:
            print("Tracing default branch")
            tf.print(i)


fizzbuzz(tf.constant(5))

# %%
# tf.print in a function whose signature has a None dimension: traced once (its output goes to
# stderr, which the tier doesn't compare: tests/test_tf_print.py checks it).
@tf.function(input_signature=[tf.TensorSpec([None, 3])])
def scaled(x):
    print("Tracing", x)
    tf.print("rows:", tf.shape(x)[0], [1, "a"], tf.float32)
    return x * 2


print(scaled(tf.ones([2, 3])).shape)
print(scaled(tf.ones([4, 3])).shape)
print(scaled(tf.ones([4, 3])).shape)
print(scaled.experimental_get_tracing_count())
