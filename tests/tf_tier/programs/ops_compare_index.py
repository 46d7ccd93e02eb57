# Comparisons, logical and bitwise ops (functions and operators), stop_gradient, and indexing
# through Tensor.__getitem__: results, dtypes and errors.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


x = tf.constant([1.0, 2.0, np.nan])
y = tf.constant([2.0, 2.0, np.nan])

# %%
for fn in [tf.equal, tf.not_equal, tf.less, tf.less_equal, tf.greater, tf.greater_equal,
           tf.math.equal, tf.math.not_equal, tf.math.less, tf.math.less_equal, tf.math.greater,
           tf.math.greater_equal]:
    print(fn(x, y), fn(tf.constant([1, 5]), 3))

# %%
print(x == y, x != y, x < y, x <= y, x > y, x >= y, x == 2.0, 2.0 < x, x == None, x != None)  # noqa: E711
print(tf.constant([1, 2]) == tf.constant([1, 2, 3]), tf.constant([1, 2]) != tf.constant([1, 2, 3]))
print(tf.equal("a", "a"), tf.equal(tf.constant(["a", "b"]), "b"), tf.equal(True, [True, False]))
print(tf.equal(1j, tf.constant([1j, 1])), tf.not_equal(tf.constant([1], tf.uint8), 1))

# %%
show(lambda: tf.equal(tf.constant([1, 2]), tf.constant([1, 2, 3])))
show(lambda: tf.less(tf.ones([2]), tf.ones([3])))
show(lambda: tf.equal(tf.constant(1), tf.constant(1.0)))
show(lambda: tf.less(tf.constant(1), tf.constant(1.0)))
show(lambda: tf.less("a", "b"))
show(lambda: tf.greater(True, False))
show(lambda: tf.less_equal(1j, 1j))
show(lambda: tf.constant(1) < tf.constant(1.0))
show(lambda: tf.constant(1) == tf.constant(1.0))

# %%
t, f = tf.constant([True, True, False]), tf.constant([True, False, False])
print(tf.logical_and(t, f), tf.logical_or(t, f), tf.logical_not(t), tf.math.logical_and(t, True))
print(tf.math.logical_or(False, f), tf.math.logical_not(False), t & f, t | f, t ^ f, ~t)
print(t & True, True | f, False ^ t, tf.math.logical_xor(t, f))
i = tf.constant([12, 10, -1])
print(i & 6, i | 1, i ^ 3, ~i, 6 & i, 5 | i, 1 ^ i, ~tf.constant([0], tf.uint8))

# %%
show(lambda: tf.logical_and(1, 2))
show(lambda: tf.logical_or(tf.constant([1.0]), True))
show(lambda: tf.logical_not(tf.constant([1])))
show(lambda: tf.logical_and(tf.ones([2], tf.bool), tf.ones([3], tf.bool)))
show(lambda: tf.constant([1.0]) & tf.constant([1.0]))
show(lambda: ~tf.constant(1.0))
show(lambda: tf.constant([1]) | True)
show(lambda: t & 1)

# %%
s = tf.stop_gradient(tf.constant([1.0, 2.0]))
print(s, tf.stop_gradient(3), tf.stop_gradient([[True]]), tf.stop_gradient("a"))

# %%
m = tf.reshape(tf.range(12), [3, 4])
print(m[0], m[-1], m[1, 2], m[:, 1], m[1:], m[:2, ::2], m[::-1], m[..., 0], m[None].shape)
print(m[:, None, 1].shape, m[1, ...], m[tf.constant(1)], m[np.int64(2), 1], m[5:], m[-100:1])
print(m[0][1], m[1:3, -2:], m[::2, ::-3], m[..., None].shape, m[:, tf.newaxis].shape)
v = tf.constant([1.5, 2.5, 3.5])
print(v[1], v[-3], v[0:0], v[::-2], v[..., tf.newaxis], v[tf.constant(2, tf.int64)],
      tf.constant(5)[...])

# %%
show(lambda: m[3])
show(lambda: m[-4])
show(lambda: m[0, 4])
show(lambda: m[0, 0, 0])
show(lambda: m[1.5])
show(lambda: m[True])
show(lambda: m[[0, 1]])
show(lambda: m["a"])
show(lambda: m[::0])
show(lambda: m[..., ...])
show(lambda: tf.constant(5)[0])
show(lambda: m[tf.constant(1.0)])
show(lambda: m[tf.constant([0, 1])])
