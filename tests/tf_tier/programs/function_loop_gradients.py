# Tensor loops inside tf.function: gradients through them (while_loop, AutoGraph while/for),
# AutoGraph break/continue, and return inside a tensor loop (TF's error).
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

# %%
@tf.function
def double_until(x):
    while x < 100:
        x = x * 2
        if x > 30:
            break
    return x

print(double_until(tf.constant(3)), double_until(tf.constant(50)))

# %%
@tf.function
def odd_sum(n):
    s = tf.constant(0)
    for i in tf.range(n):
        if i % 2 == 0:
            continue
        if i > 7:
            break
        s += i
    return s

print(odd_sum(tf.constant(20)), odd_sum(tf.constant(4)))

# %%
# Constant bounds, a break that depends on a tensor argument.
@tf.function
def first_above(xs, threshold):
    found = tf.constant(-1)
    for i in tf.range(5):
        if xs[i] > threshold:
            found = i
            break
    return found

xs = tf.constant([0.5, 2.0, 1.0, 4.0, 3.0])
print(first_above(xs, tf.constant(1.5)), first_above(xs, tf.constant(3.5)),
      first_above(xs, tf.constant(9.0)))

# %%
# Nested loops: break leaves the inner loop only; continue in the outer one.
@tf.function
def pairs(n):
    count = tf.constant(0)
    i = tf.constant(0)
    while i < n:
        i += 1
        if i == 2:
            continue
        j = tf.constant(0)
        while j < n:
            j += 1
            if j > i:
                break
            count += 1
    return count

print(pairs(tf.constant(4)), pairs(tf.constant(6)))

# %%
# Python loops and Python conditions keep Python's break and continue.
@tf.function
def python_loops(x):
    for k in range(10):
        if k == 3:
            break
        x = x + 1.0
    for scale in [1.0, 2.0, 3.0]:
        if scale == 2.0:
            continue
        x = x * scale
    return x

print(python_loops(tf.constant(1.0)))

# %%
# A gradient through a loop that breaks.
@tf.function
def grow(x):
    y = x
    for i in tf.range(10):
        y = y * x
        if y > 20.0:
            break
    return y

x = tf.constant(1.5)
with tf.GradientTape() as t:
    t.watch(x)
    y = grow(x)
print(y, t.gradient(y, x))

# %%
# return inside a tensor loop: TF's NotImplementedError.
@tf.function
def early_return(n):
    i = tf.constant(0)
    while i < n:
        if i > 3:
            return i
        i += 1
    return i

try:
    early_return(tf.constant(10))
except NotImplementedError as e:
    print(str(e).splitlines()[-1])

# %%
@tf.function
def range_return(n):
    for i in tf.range(n):
        if i > 3:
            return i
    return n

try:
    range_return(tf.constant(10))
except NotImplementedError as e:
    print(str(e).splitlines()[-1])

# %%
# return inside a Python loop is fine.
@tf.function
def python_return(x):
    for k in range(5):
        x = x + 1.0
        if k == 2:
            return x
    return -x

print(python_return(tf.constant(1.0)))
# %%
# Variables read inside traced tf.cond / tf.while_loop branches (nested too), differentiated by
# a tape in the tf.function, and again after the variables change; Keras's RNN loop.
import numpy as np

wv = tf.Variable([0.5, -0.3])
sv = tf.Variable(2.0)


@tf.function
def branch_grads(x):
    with tf.GradientTape() as tape:
        def body(i, h):
            h2 = tf.cond(h[0] > 0, lambda: h * wv * sv, lambda: h + wv)
            return i + 1, h2
        _, h = tf.while_loop(lambda i, h: i < 3, body, (tf.constant(0), tf.ones([2]) * x))
        y = tf.reduce_sum(h * sv) + tf.cond(x > 0, lambda: tf.reduce_sum(wv * x), lambda: 0.0)
    return tape.gradient(y, [wv, sv])


def rounded(grads):
    return [np.round(g.numpy(), 4) for g in grads]


print(rounded(branch_grads(tf.constant(2.0))))
wv.assign([-0.5, 0.7])
sv.assign(-1.5)
print(rounded(branch_grads(tf.constant(2.0))), rounded(branch_grads(tf.constant(-1.0))))
rnn = tf.keras.Sequential([
    tf.keras.Input((4, 3)),
    tf.keras.layers.SimpleRNN(2, kernel_initializer="ones", recurrent_initializer="zeros"),
    tf.keras.layers.Dense(1, kernel_initializer="ones")])
rnn.compile("sgd", "mse")
history = rnn.fit(np.ones((8, 4, 3), "float32") * 0.1, np.ones((8, 1), "float32"), epochs=2,
                  verbose=0)
print([round(v, 4) for v in history.history["loss"]])
