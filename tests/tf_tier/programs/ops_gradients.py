# Gradients of the ops through tf.GradientTape: values and dtypes, broadcasting, TF's
# conventions at ties and edge points, complex conjugates, higher order, non-differentiable ops.
import tensorflow as tf


def grad(f, *xs):
    """The gradients of f at xs (watched constants), as a list."""
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        for x in xs:
            t.watch(x)
        y = f(*xs)
    return t.gradient(y, xs)


# %%
x0 = [-2.0, -0.5, 0.5, 3.0]
for fn in [tf.negative, tf.abs, tf.square, tf.exp, tf.sin, tf.cos, tf.tanh, tf.sigmoid,
           tf.identity]:
    print(grad(fn, x0))
print(grad(tf.sqrt, [0.25, 4.0]), grad(tf.math.log, [0.25, 4.0]))

# %%
a, b = [[1.0, 2.0], [3.0, 4.0]], [0.5, -2.0]
for fn in [tf.add, tf.subtract, tf.multiply, tf.divide, tf.truediv, tf.maximum, tf.minimum, tf.pow]:
    print(grad(fn, a, [0.5, 2.0]))
print(grad(tf.math.floordiv, [5.0, -3.0], [2.0, 2.0]),
      grad(tf.math.floormod, [5.0, -3.0], [2.0, 2.0]))

# %%
print(grad(lambda x, y: x + y * 2 - x / y, 3.0, 4.0), grad(lambda x: x ** 3, 2.0))
print(grad(lambda x: 2.0 ** x, 3.0), grad(lambda x: -x, 1.0), grad(lambda x: abs(x), -2.0))
print(grad(lambda x: 1.0 / x, 4.0), grad(lambda x: 3.0 - x, 1.0),
      grad(lambda x: x @ x, [[1.0, 2.0], [3.0, 4.0]]))

# %%
print(grad(tf.maximum, [1.0, 2.0, 3.0], [2.0, 2.0, 2.0]),
      grad(tf.minimum, [1.0, 2.0, 3.0], [2.0, 2.0, 2.0]))
print(grad(tf.maximum, 2.0, [1.0, 2.0, 3.0]), grad(tf.minimum, [[1.0], [2.0]], [2.0, 0.0]))

# %%
print(grad(tf.reduce_max, [1.0, 3.0, 3.0, 2.0]), grad(tf.reduce_min, [[1.0, 1.0], [0.0, 5.0]]))
print(grad(lambda x: tf.reduce_max(x, 1), [[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]]))
print(grad(lambda x: tf.reduce_min(x, 0, keepdims=True), [[1.0, 3.0], [1.0, 2.0]]))

# %%
print(grad(tf.reduce_sum, [[1.0, 2.0]]), grad(tf.reduce_mean, [[1.0, 2.0], [3.0, 4.0]]))
print(grad(lambda x: tf.reduce_sum(x, 0), [[1.0, 2.0], [3.0, 4.0]]),
      grad(tf.reduce_prod, [2.0, 3.0, 4.0]))
print(grad(lambda x: tf.reduce_mean(x, -1, keepdims=True), [[1.0, 2.0, 6.0]]),
      grad(tf.reduce_prod, [2.0, 0.0, 4.0]))

# %%
print(grad(tf.abs, 0.0), grad(tf.sqrt, 0.0), grad(tf.math.log, 0.0), grad(tf.abs, [-0.0, 0.0]))
print(grad(tf.pow, [0.0, -2.0, 2.0], [2.0, 2.0, 2.0]), grad(tf.pow, 0.0, 0.0),
      grad(tf.pow, -8.0, 1.0 / 3))
print(grad(tf.maximum, 1.0, 1.0), grad(tf.minimum, 1.0, 1.0), grad(tf.divide, 1.0, 0.0))

# %%
print(grad(lambda x: x * x, 1 + 2j), grad(lambda x: tf.abs(x), 3 + 4j), grad(tf.exp, 1j))
print(grad(lambda x: tf.math.real(x) if hasattr(tf.math, "real") else x, 1 + 1j) is not None)
print(grad(lambda x, y: x * y, 1 + 1j, 2 - 1j), grad(tf.square, [1j, 2 + 0j]), grad(tf.sqrt, 4j))

# %%
print(grad(lambda x: tf.matmul(x, [[1.0], [2.0]]), [[3.0, 4.0]]))
print(grad(lambda x, y: tf.matmul(x, y, transpose_a=True), [[1.0, 2.0]], [[3.0, 4.0]]))
print(grad(lambda x, y: tf.matmul(x, y, adjoint_b=True), [[1j, 2 + 0j]], [[3 + 0j, 1j]]))
print(grad(lambda x: tf.matmul(x, tf.ones([3, 2, 1])), [[1.0, 2.0]]))

# %%
print(grad(lambda x: tf.reshape(x, [4]) * [1.0, 2.0, 3.0, 4.0], [[1.0, 1.0], [1.0, 1.0]]))
print(grad(lambda x: tf.transpose(x) * [[1.0, 2.0]], [[1.0], [1.0]]))
print(grad(lambda x: tf.expand_dims(x, 0) * 3.0, [1.0, 1.0]),
      grad(lambda x: tf.squeeze(x) * 2.0, [[1.0]]))
print(grad(lambda x, y: tf.concat([x, y], 0) * [1.0, 2.0, 3.0], [1.0], [1.0, 1.0]))
print(grad(lambda x, y: tf.stack([x, y]) * [[1.0], [2.0]], [1.0], [1.0]))
print(grad(lambda x: x[1:] * 5.0, [1.0, 2.0, 3.0]),
      grad(lambda x: x[0, ::-1], [[1.0, 2.0], [3.0, 4.0]]))
print(grad(lambda x: tf.fill([2], x), 1.0), grad(lambda x: tf.cast(x, tf.float64) * 2, 1.0))

# %%
print(grad(lambda x: tf.cast(x, tf.int32), 1.5), grad(tf.stop_gradient, 1.0),
      grad(tf.zeros_like, 1.0))
print(grad(tf.ones_like, 1.0), grad(lambda x: tf.cast(tf.cast(x, tf.int32), tf.float32), 1.5))
print(grad(lambda x: tf.cast(x, tf.float64) * 2, 2.0),
      grad(lambda x: tf.cast(x, tf.float16) * 3, 2.0))
print(grad(lambda x: tf.math.floordiv(x, 2.0), 3.0),
      grad(lambda x: tf.cast(x > 1.0, tf.float32), 2.0))
print(grad(lambda x: tf.linspace(x, 2.0 * x, 3), 1.0),
      grad(lambda x: tf.reduce_sum(tf.shape(x)), [1.0]))

# %%
x = tf.constant(0.5, tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.sin(x) * tf.exp(x)
    dy = t1.gradient(y, x)
print(dy, t2.gradient(dy, x))

# %%
for f in [tf.tanh, tf.sigmoid, tf.sqrt, lambda v: tf.pow(v, 3.0), tf.math.log, tf.abs]:
    x = tf.constant(0.7)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = f(x)
        dy = t1.gradient(y, x)
    print(dy, t2.gradient(dy, x))

# %%
x = tf.constant(1.5)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y = tf.maximum(x, 1.5) * tf.minimum(x, 1.5)
    z = tf.reduce_max(tf.stack([x, x, 2.0 * x - 1.5]))
print(t.gradient(y, x), t.gradient(z, x))

# %%
for dt in [tf.float16, tf.bfloat16, tf.float64, tf.complex64]:
    x = tf.constant([1.0, 2.0], dt)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(x * x)
    print(t.gradient(y, x))
