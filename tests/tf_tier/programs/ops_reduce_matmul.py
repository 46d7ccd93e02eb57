# Reductions (reduce_sum/mean/max/min/prod) and matmul: axes, keepdims, dtypes, empty
# inputs, integer means, and errors.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
n = tf.constant([[1, 2, 3], [4, 5, 7]])

# %%
for fn in [tf.reduce_sum, tf.reduce_mean, tf.reduce_max, tf.reduce_min, tf.reduce_prod]:
    print(fn(x), fn(x, 0), fn(x, 1), fn(x, -1), fn(x, [0, 1]), fn(x, 1, keepdims=True))

# %%
for fn in [tf.math.reduce_sum, tf.math.reduce_mean, tf.math.reduce_max, tf.math.reduce_min,
           tf.math.reduce_prod]:
    print(fn(n), fn(n, axis=0), fn(n, axis=(0, 1), keepdims=True), fn(n, tf.constant(1)))

# %%
print(tf.reduce_mean(n), tf.reduce_mean(n, 1), tf.reduce_mean(tf.constant([-1, -2])),
      tf.reduce_mean(tf.constant([1, 2], tf.uint8)), tf.reduce_mean(tf.constant([7], tf.int8)))
print(tf.reduce_sum(tf.constant([100, 100], tf.int8)), tf.reduce_prod(tf.constant([2**20, 2**20])))
print(tf.reduce_sum(tf.constant([0.1] * 10)), tf.reduce_mean(tf.constant([1.0, 2.0], tf.float16)))
print(tf.reduce_sum(tf.constant([1 + 1j, 2j])),
      tf.reduce_mean(tf.constant([1 + 1j, 2j], tf.complex64)))

# %%
e = tf.zeros([0, 3])
print(tf.reduce_sum(e), tf.reduce_sum(e, 0), tf.reduce_prod(e), tf.reduce_mean(e),
      tf.reduce_mean(e, 0))
print(tf.reduce_max(e), tf.reduce_min(e), tf.reduce_max(e, 1),
      tf.reduce_max(tf.zeros([0], tf.int32)))
print(tf.reduce_min(tf.zeros([0], tf.uint8)), tf.reduce_mean(tf.zeros([0], tf.int32)))

# %%
print(tf.reduce_sum(5), tf.reduce_sum(5.0, 0), tf.reduce_max([3, 1, 2]),
      tf.reduce_sum([[1], [2]], 0))
print(tf.reduce_sum(x, []), tf.reduce_sum(x, axis=[-1, 0]), tf.reduce_sum(x, np.int64(0)))
print(tf.reduce_max(tf.constant([1.0, np.nan, 3.0])), tf.reduce_min(tf.constant([np.nan, 1.0])))
print(tf.reduce_max(tf.constant([-np.inf, -np.inf])), tf.reduce_sum(tf.constant([np.inf, -np.inf])))

# %%
show(lambda: tf.reduce_sum(x, 2))
show(lambda: tf.reduce_sum(x, -3))
show(lambda: tf.reduce_mean(x, [0, 2]))
show(lambda: tf.reduce_max(x, 5))
show(lambda: tf.reduce_sum(3.0, 1))
show(lambda: tf.reduce_sum(x, 0.5))
show(lambda: tf.reduce_sum(x, [0, 0]))

# %%
show(lambda: tf.reduce_sum(tf.constant([True, False])))
show(lambda: tf.reduce_mean(tf.constant([True])))
show(lambda: tf.reduce_max(tf.constant([1j])))
show(lambda: tf.reduce_min(tf.constant(["a"])))
show(lambda: tf.reduce_prod(tf.constant(["a"])))
show(lambda: tf.reduce_max(tf.constant([True])))

# %%
a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
b = tf.constant([[5.0, 6.0, 7.0], [8.0, 9.0, 10.0]])
print(tf.matmul(a, b), a @ a, tf.linalg.matmul(a, a, transpose_a=True),
      tf.matmul(b, b, transpose_b=True))
print(tf.matmul(a, a, adjoint_b=True), tf.matmul([[1, 2]], [[3], [4]]),
      tf.matmul(tf.ones([2, 0]), tf.ones([0, 3])))
print(tf.matmul(tf.ones([3, 2, 2]), a).shape,
      tf.matmul(tf.ones([3, 1, 2, 4]), tf.ones([5, 4, 1])).shape)
c = tf.constant([[1 + 1j, 2], [0, 1j]])
print(tf.matmul(c, c, adjoint_a=True), tf.matmul(c, c, transpose_a=True))
print(tf.matmul(tf.constant([[1, 2]], tf.int64), tf.constant([[3], [4]], tf.int64)),
      [[1.0, 2.0]] @ a)

# %%
show(lambda: tf.matmul(a, b, transpose_a=True, adjoint_a=True))
show(lambda: tf.matmul(b, a))
show(lambda: tf.matmul(tf.ones([2]), a))
show(lambda: tf.matmul(a, tf.ones([2])))
show(lambda: tf.matmul(tf.ones([2, 2, 3]), tf.ones([2, 2, 3])))
show(lambda: tf.matmul(tf.ones([2, 2, 3]), tf.ones([3, 3, 2])))
show(lambda: tf.matmul(a, tf.constant([[1, 2], [3, 4]])))
show(lambda: tf.matmul(tf.constant([[1]], tf.int8), tf.constant([[1]], tf.int8)))
show(lambda: tf.matmul(tf.constant([[True]]), tf.constant([[True]])))
show(lambda: tf.matmul(tf.ones([2, 2, 2], tf.int8), tf.ones([2, 2, 2], tf.int8)))
show(lambda: tf.matmul(1.0, a))
