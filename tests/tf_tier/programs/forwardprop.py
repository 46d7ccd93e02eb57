# Section 14: tf.autodiff.ForwardAccumulator.
import tensorflow as tf

# %%
x = tf.constant(0.1)
with tf.autodiff.ForwardAccumulator(x, tf.constant(0.2)) as acc:
    y = tf.sin(x)
print(y, acc.jvp(y))

# %%
v = tf.Variable([1.0, 2.0])
with tf.autodiff.ForwardAccumulator(v, tf.constant([1.0, 0.0])) as acc:
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v ** 3.0)
    backward = tape.gradient(y, v)
print(backward, acc.jvp(backward))

# %%
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    with tf.autodiff.ForwardAccumulator(v, tf.constant([1.0, 0.0])) as acc:
        y = tf.reduce_sum(v ** 3.0)
    jvp = acc.jvp(y)
print(jvp, tape.gradient(jvp, v))

# %%
x = tf.constant(1.1)
with tf.autodiff.ForwardAccumulator(x, 1.0) as outer:
    with tf.autodiff.ForwardAccumulator(x, 1.0) as inner:
        y = x ** 3.5
print(inner.jvp(y), outer.jvp(inner.jvp(y)), inner.jvp(outer.jvp(y)))

# %%
x = tf.constant(1.0)
acc = tf.autodiff.ForwardAccumulator([x, x], [1.0, 2.0])

# %%
x = tf.constant(1.0)
acc = tf.autodiff.ForwardAccumulator(x, 2.0)
with acc:
    with acc:
        pass

# %%
x = tf.constant(1.0)
z = tf.constant(5.0)
acc = tf.autodiff.ForwardAccumulator(x, 2.0)
with acc:
    y = x * 3.0
    w = z * 2.0
after = x * 4.0
print(acc.jvp(x), acc.jvp(y), acc.jvp(w), acc.jvp(after))
print(acc.jvp(w, unconnected_gradients="zero"))
print(acc.jvp({"a": y, "b": [x]}))

# %%
x = tf.constant(2.0, tf.float64)
with tf.autodiff.ForwardAccumulator(x, 2) as acc:
    y = x * x
print(acc.jvp(y))

# %%
v = tf.Variable(3.0)
with tf.autodiff.ForwardAccumulator(v, 11.0) as acc:
    a = v * 1.0
    b = 2.0 * v
print(acc.jvp(a), acc.jvp(b))

# %%
@tf.custom_gradient
def h(x):
    return x * x, lambda dy: 2.0 * x * dy

x = tf.constant(1.0)
with tf.autodiff.ForwardAccumulator(x, 1.0) as acc:
    y = h(x)
print(acc.jvp(y))

# %%
x = tf.constant([1.0, 2.0])
with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 1.0])) as acc:
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(tf.exp(x) * x)
    g = t.gradient(y, x)
print(acc.jvp(g))

# %%
x = tf.constant(1)
with tf.autodiff.ForwardAccumulator(x, 1) as acc:
    y = x * 2
print(acc.jvp(y))
