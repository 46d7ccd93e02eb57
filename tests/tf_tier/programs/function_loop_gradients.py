# Gradients through tensor loops inside tf.function (while_loop, AutoGraph while/for).
import tensorflow as tf

# %%
# A Python `while` on tensors inside tf.function, the tape outside the call.
@tf.function
def square_thrice(x):
    i = tf.constant(0)
    while i < 3:
        x = x * x + 1.0
        i += 1
    return x

x = tf.constant(0.5)
with tf.GradientTape() as t:
    t.watch(x)
    y = square_thrice(x)
print(y, t.gradient(y, x))

# %%
# Second order through the loop: nested tapes outside the function.
x = tf.constant(0.3)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = square_thrice(x)
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))

# %%
# A data-dependent trip count (tf.while_loop), the tape inside the function.
@tf.function
def grow(x):
    with tf.GradientTape() as t:
        t.watch(x)
        n, y = tf.while_loop(lambda i, v: v < 10.0, lambda i, v: (i + 1, v * x), (0, x))
    return n, y, t.gradient(y, x)

print(grow(tf.constant(1.5)))
print(grow(tf.constant(3.0)))

# %%
# A variable read in the loop body, gradients for the input and the variable.
w = tf.Variable(2.0)

@tf.function
def scale(x, n):
    for i in tf.range(n):
        x = x * w + tf.sin(x)
    return x

x = tf.constant(0.25)
with tf.GradientTape() as t:
    t.watch(x)
    y = scale(x, tf.constant(4))
print(y, t.gradient(y, [x, w]))

# %%
# Nested loops with data-dependent trip counts, and a tf.cond in the body.
@tf.function
def nested(x, n):
    i = tf.constant(0)
    while i < n:
        j = tf.constant(0)
        while j < i + 1:
            if x > 1.0:
                x = x * 0.5
            else:
                x = x * x + 0.5
            j += 1
        i += 1
    return x

for v in [0.2, 3.0]:
    x = tf.constant(v)
    with tf.GradientTape() as t:
        t.watch(x)
        y = nested(x, tf.constant(3))
    print(y, t.gradient(y, x))

# %%
# maximum_iterations: a static bound.
@tf.function
def bounded(x):
    return tf.while_loop(lambda v: v < 100.0, lambda v: v * 2.0 + x, [x],
                         maximum_iterations=3)[0]

x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = bounded(x)
print(y, t.gradient(y, x))

# %%
# for ... in tf.range with the tape inside the function, and outside it.
@tf.function
def power_inside(x, n):
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.constant(1.0)
        for i in tf.range(n):
            y = y * x
    return y, t.gradient(y, x)

print(power_inside(tf.constant(1.5), tf.constant(5)))

@tf.function
def power(x, n):
    y = tf.ones_like(x)
    for i in tf.range(n):
        y = y * x
    return y

x = tf.constant([1.5, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(power(x, tf.constant(3)))
print(t.gradient(y, x))

# %%
# A jacobian through a loop.
x = tf.constant([0.5, 1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = power(x, tf.constant(4))
print(t.jacobian(y, x))

# %%
# Eager tf.while_loop under a tape.
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    _, y = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * x), (0, x))
print(y, t.gradient(y, x))

# %%
# A loop carrying a vector and an integer counter, gradient of a loss of the result.
@tf.function
def descend(w, target):
    step = tf.constant(0)
    while step < 5:
        w = w - 0.1 * (w - target)
        step += 1
    return tf.reduce_sum(w * w), step

w0 = tf.constant([1.0, -2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(w0)
    loss, steps = descend(w0, tf.constant([0.5, 0.5, 0.5]))
print(loss, steps, t.gradient(loss, w0))
