# Sections 3-4: variables, automatic watching, gradient structure and rules.
import tensorflow as tf
import numpy as np

# %%
v = tf.Variable(3.0)
with tf.GradientTape() as t:
    y = v * v + v
print(t.gradient(y, v))
print(t.watched_variables())

# %%
v = tf.Variable(3.0, trainable=False)
with tf.GradientTape() as t:
    y = v * v
print(t.gradient(y, v))

# %%
v = tf.Variable(4)
with tf.GradientTape() as t:
    y = v * v
print(t.gradient(y, v), len(t.watched_variables()))

# %%
a = tf.Variable(1.0, name="a")
b = tf.Variable(2.0, name="b")
with tf.GradientTape() as t:
    y = b * a * b
print([v.name for v in t.watched_variables()])
print(t.gradient(y, [a, b]))

# %%
v = tf.Variable(2.0)
with tf.GradientTape() as t:
    print(t.watched_variables())
    s = v.shape
    print(t.watched_variables())
    v.assign(3.0)
    y = v * v
print(t.gradient(y, v))

# %%
v = tf.Variable(2.0)
with tf.GradientTape() as t:
    y = v * v
    v.assign_add(1.0)
print(t.gradient(y, v), v)

# %%
v = tf.Variable(2.0)
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    v.assign(x * 2)
    y = v * 1
print(t.gradient(y, x))

# %%
v = tf.Variable(1.0)
with tf.GradientTape() as t:
    y = tf.identity(v)
print(t.gradient(v, v), t.watched_variables()[0] is v)

# %%
x = tf.Variable(1.0)
print(type(x).__name__)
x = x + 1
print(type(x).__name__)

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = 2 * x
print(t.gradient(y, [x, x]))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y1 = x * x
    y2 = tf.ones([3]) * x
print(t.gradient([y1, {"k": y2}], x))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * tf.constant([3.0, 4.0])
print(t.gradient(y, x))

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
t.gradient(None, x)

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
print(t.gradient([], x))

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
t.gradient(1.0, x)

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * 2
t.gradient(y, 1.0)

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * 2
t.gradient(y, [x, None])

# %%
x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * 2
print(t.gradient(y, []))

# %%
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    pass
print(t.gradient(x, x))

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
    z = y * y
print(t.gradient(z, [x, y]))

# %%
x = tf.constant(3.0)
z = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
print(t.gradient(y, z))

# %%
x = tf.constant(3.0)
z = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
print(t.gradient(y, [x, z], unconnected_gradients="zero"))
print(tf.UnconnectedGradients.ZERO, repr(tf.UnconnectedGradients("none")))

# %%
v = tf.Variable([[1.0, 2.0]])
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
print(t.gradient(y, v, unconnected_gradients=tf.UnconnectedGradients.ZERO))

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x, unconnected_gradients="nonsense")

# %%
x = tf.constant(-1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.maximum(x, 0.0)
print(t.gradient(y, x))

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
print(t.gradient(y, x, output_gradients=tf.constant([10.0, 100.0])))

# %%
x = tf.constant(2.0)
y = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch([x, y])
    a = x * y
print(t.gradient([a, x], x, output_gradients=[1.0, 2.0]))

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cast(x, tf.float64) * 2.0
g = t.gradient(y, x)
print(g)

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cast(tf.cast(x, tf.int32), tf.float32)
print(t.gradient(y, x))

# %%
for dt in [tf.float16, tf.bfloat16, tf.float64, tf.complex64]:
    x = tf.constant(2.0, dt) if not dt.is_complex else tf.constant(1 + 2j, dt)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.stop_gradient(x * x) + x
print(t.gradient(y, x))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.stop_gradient(x * x)
print(t.gradient(y, x))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    x2 = x * 2
    with t.stop_recording():
        y = x2 * x2
    z = x2 * x2
print(t.gradient([y], x2), end=" ")
