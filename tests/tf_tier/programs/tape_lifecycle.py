# Sections 1-6 edge cases: watched_variables lifecycle, output_gradients rules, threads.
import threading
import tensorflow as tf

# %%
x1 = tf.Variable(1.0)
x2 = tf.Variable(2.0)
with tf.GradientTape(watch_accessed_variables=False) as t:
    t.watch(x2)
    y = x1 * x1
    z = x2 * 3.0
print([v.numpy() for v in t.watched_variables()], t.gradient([y, z], [x1, x2]))

# %%
v = tf.Variable(1.0)
t = tf.GradientTape()
print(t.watched_variables())
with t:
    y = v * 2.0
t.gradient(y, v)
print(len(t.watched_variables()))

# %%
a = tf.Variable(1.0)
b = tf.Variable(2.0)
with tf.GradientTape() as t:
    y = a * 2.0
    t.reset()
    z = b * 2.0
print([v.numpy() for v in t.watched_variables()])

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x, output_gradients=tf.constant(1.0))

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x, output_gradients=[[10.0, 100.0]])

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.gradient(y, x, output_gradients=[None])

# %%
x = tf.constant([1.0, 2.0])
og = tf.Variable([3.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
print(t.gradient(y, x, output_gradients=og))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y1 = x * x
    y2 = x * 3.0
print(t.gradient([y1, y2], x, output_gradients=[tf.constant(10.0)]))

# %%
results = {}
x = tf.constant(2.0)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    def work():
        results["y"] = x * x
    th = threading.Thread(target=work)
    th.start()
    th.join()
    y_here = x * x
print(t.gradient(results["y"], x), t.gradient(y_here, x))

# %%
x = tf.constant([1.0, -2.0, 0.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(tf.abs(x)) + tf.reduce_max(x)
print(t.gradient(y, x))

# %%
x = tf.constant([3.0, 3.0, 1.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_max(x)
print(t.gradient(y, x))

# %%
x = tf.constant(0.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sqrt(x)
print(t.gradient(y, x))

# %%
x = tf.constant([1.0, 2.0])
y = tf.constant([1.0, 3.0])
with tf.GradientTape() as t:
    t.watch([x, y])
    z = tf.minimum(x, y) + tf.maximum(x, y)
print(t.gradient(z, [x, y]))

# %%
x = tf.constant(1 + 2j)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.abs(x)
print(t.gradient(y, x))

# %%
x = tf.constant(1 + 2j)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.real(x * tf.math.conj(x)) if hasattr(tf.math, "conj") else x * x
print(t.gradient(y, x))

# %%
x = tf.constant(-2.0)
y = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch([x, y])
    z = tf.pow(x, y)
print(t.gradient(z, [x, y]))

# %%
v = tf.Variable(1.0)
for i in range(7):
    with tf.GradientTape() as t:
        t.watch(tf.constant(1))
