# Sections 7-8: jacobian and batch_jacobian.
import tensorflow as tf

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
j = t.jacobian(y, x)
print(j)

# %%
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.matmul(x, x)
print(t.jacobian(y, x).shape)

# %%
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(x * x)
print(t.jacobian(y, x))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sigmoid(tf.linspace(-10.0, 10.0, 201) * x)
print(t.jacobian(y, x).shape)

# %%
x = tf.constant([1.0, 2.0])
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.linalg.matvec(w, x) if hasattr(tf.linalg, "matvec") else tf.reshape(tf.matmul(w, tf.reshape(x, (2, 1))), (2,))
print(t.jacobian(y, {"x": x, "w": w}))

# %%
x = tf.constant([1.0, 2.0])
z = tf.constant([5.0, 6.0, 7.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * 3.0
print(t.jacobian(y, z))
print(t.jacobian(y, z, unconnected_gradients="zero"))

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.jacobian(y, x)
t.jacobian(y, x)

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.jacobian(y, x, experimental_use_pfor=False)

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = x * x
print(t.jacobian(y, x, experimental_use_pfor=False, parallel_iterations=2))

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.jacobian([y], x)

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    z = x * x * x * x
    j = t.jacobian(z, x)
print(j)

# %%
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.matmul(x, w)
bj = t.batch_jacobian(y, x)
print(bj.shape)
print(bj)

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.batch_jacobian(y, x)

# %%
x = tf.ones((2, 2))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.ones((4, 2)) * 2.0
t.batch_jacobian(y, x)

# %%
x = tf.ones((2, 2))
z = tf.ones((2, 3))
with tf.GradientTape() as t:
    t.watch(x)
    y = z * 2.0
print(t.batch_jacobian(y, x))

# %%
x = tf.ones((2, 2))
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.batch_jacobian(y, x)
t.batch_jacobian(y, x)

# %%
x = tf.ones((2, 2))
with tf.GradientTape() as t:
    t.watch(x)
    y = x * x
t.batch_jacobian(y, x, experimental_use_pfor=False)

# %%
x = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        loss = tf.reduce_sum(x * x * x)
    g = t1.gradient(loss, x)
h = t2.jacobian(g, x)
print(h.shape)
print(tf.reshape(h, (4, 4)))

# %%
x = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = x * 1.0
print(t.jacobian(x, x))
