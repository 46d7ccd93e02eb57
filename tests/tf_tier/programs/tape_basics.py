# Section 1-2 of the semantics checklist: tape lifecycle, stack and watch.
import tensorflow as tf
import numpy as np

# %%
x = tf.ones((2, 2))
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_sum(x)
    z = tf.multiply(y, y)
print(tape.gradient(z, x))

# %%
tf.GradientTape is tf.autodiff.GradientTape

# %%
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = x * x
    z = y * y
print(tape.gradient(z, x), tape.gradient(y, x))
tape.gradient(z, x), tape.gradient(y, x)

# %%
t = tf.GradientTape()
with t:
    with t:
        pass

# %%
x = tf.constant(1.0)
t = tf.GradientTape()
with t:
    t.watch(x)
    y = 2 * x
with t:
    z = 2 * y
print(t.gradient(z, x))

# %%
x = tf.constant(1.0)
t = tf.GradientTape()
with t:
    pass
t.watch(x)
y = x * x
print(t.gradient(y, x))

# %%
with tf.GradientTape() as t:
    t.watch(1.0)

# %%
with tf.GradientTape() as t:
    t.watch(np.ones(2))

# %%
with tf.GradientTape() as t:
    t.watch(None)

# %%
x = tf.constant(3)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
print(t.gradient(y, x))

# %%
x1, x2, x3 = tf.constant(1.0), tf.constant(2.0), tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch([x1, {"a": x2, "b": (x3,)}])
    y = x1 * x2 * x3
g = t.gradient(y, [x1, {"x2": x2, "x3": x3}])
print(g)

# %%
x = tf.constant(2.0)
y0 = x * x
with tf.GradientTape() as t:
    t.watch(x)
    y = y0 * 3.0
print(t.gradient(y, x))

# %%
x = tf.constant(2.0)
y0 = x * x
with tf.GradientTape() as t:
    t.watch(y0)
    y = y0 * 3.0
print(t.gradient(y, y0))

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x)
t.gradient(y, x)

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
    g = t.gradient(y, x)
    w = y * 2
print(g, t._recording)

# %%
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * x * x
    dy = t.gradient(y, x)
    d2y = t.gradient(dy, x)
d3y = t.gradient(d2y, x)
print(dy, d2y, d3y)

# %%
t = tf.GradientTape(persistent=True)
t.gradient(tf.constant(1.0), tf.constant(1.0))

# %%
repr(tf.GradientTape())[:50]
