# Shape ops: reshape, transpose, expand_dims, squeeze, concat, stack, shape/rank/size;
# their results, dtypes and errors.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


x = tf.reshape(tf.range(6), [2, 3])

# %%
print(tf.reshape(x, [3, 2]), tf.reshape(x, [-1]), tf.reshape(x, (1, -1, 2)))
print(tf.reshape(5, [1, 1]), tf.reshape([[1.5]], []), tf.reshape(x, tf.constant([6, 1])))
print(tf.reshape(tf.zeros([0, 3]), [3, 0]), tf.reshape(tf.zeros([0, 3]), [-1, 3]))
print(tf.reshape(x, np.array([3, 2])), tf.reshape(x, tf.TensorShape([6])))

# %%
show(lambda: tf.reshape(x, [4, 2]))
show(lambda: tf.reshape(x, [-1, 4]))
show(lambda: tf.reshape(x, [-1, -1]))
show(lambda: tf.reshape(x, [-2, 3]))
show(lambda: tf.reshape(tf.zeros([0, 3]), [-1, 0]))
show(lambda: tf.reshape(x, [2.0, 3]))

# %%
print(tf.transpose(x), tf.transpose(x, [1, 0]), tf.transpose(tf.reshape(tf.range(8), [2, 2, 2])))
print(tf.transpose(tf.reshape(tf.range(6), [1, 2, 3]), perm=[2, 0, 1]).shape)
print(tf.transpose(tf.constant([[1 + 1j, 2 - 1j]]), conjugate=True), tf.transpose(3.0))
print(tf.transpose([1, 2, 3]), tf.transpose(x, perm=tf.constant([1, 0])))

# %%
show(lambda: tf.transpose(x, [0]))
show(lambda: tf.transpose(x, [0, 0]))
show(lambda: tf.transpose(x, [0, 2]))
show(lambda: tf.transpose(x, [1, -1]))

# %%
print(tf.expand_dims(x, 0).shape, tf.expand_dims(x, 2).shape, tf.expand_dims(x, -1).shape,
      tf.expand_dims(x, -3).shape, tf.expand_dims(3, 0), tf.expand_dims([1, 2], axis=1))
print(tf.expand_dims(x, tf.constant(1)).shape, tf.expand_dims(x, np.int64(0)).shape)
show(lambda: tf.expand_dims(x, 3))
show(lambda: tf.expand_dims(x, -4))
show(lambda: tf.expand_dims(x, [0, 1]))
show(lambda: tf.expand_dims(x, 1.0))

# %%
y = tf.zeros([1, 2, 1, 3, 1])
print(tf.squeeze(y).shape, tf.squeeze(y, 0).shape, tf.squeeze(y, [0, 2]).shape,
      tf.squeeze(y, axis=-1).shape, tf.squeeze(y, (2, -1)).shape, tf.squeeze([[5]]))
print(tf.squeeze(tf.zeros([2, 3])).shape, tf.squeeze(tf.zeros([1, 0, 1])).shape, tf.squeeze(7))
show(lambda: tf.squeeze(y, 1))
show(lambda: tf.squeeze(y, 5))
show(lambda: tf.squeeze(y, -6))

# %%
a, b = tf.constant([[1, 2]]), tf.constant([[3, 4], [5, 6]])
print(tf.concat([a, b], 0), tf.concat([b, b], 1), tf.concat([b, b], -1), tf.concat([a], 0))
print(tf.concat([[1, 2], [3]], 0), tf.concat((a, [[7, 8]]), axis=0),
      tf.concat([a, b], tf.constant(0)))
print(tf.concat([tf.zeros([0, 2]), tf.ones([1, 2])], 0), tf.concat([[1.5], tf.constant([2.5])], 0))

# %%
show(lambda: tf.concat([a, b], 1))
show(lambda: tf.concat([a, b], 2))
show(lambda: tf.concat([a, b], -3))
show(lambda: tf.concat([a, tf.constant([1, 2])], 0))
show(lambda: tf.concat([a, tf.constant([[1.0, 2.0]])], 0))
show(lambda: tf.concat([tf.ones([2])], [0]))
show(lambda: tf.concat([tf.ones([2]), tf.ones([2])], 1.0))
print(tf.concat([tf.ones([2])], 5), tf.concat(tf.ones([2]), 0), tf.concat([[1.0], [2]], [0]))
show(lambda: tf.concat([tf.constant(1), tf.constant(2)], 0))

# %%
print(tf.stack([1, 2]), tf.stack([a, a]), tf.stack([a, a], axis=1), tf.stack([a, a], -1).shape)
print(tf.stack([tf.constant(1.5), 2.5]), tf.stack([[1, 2], [3, 4]], axis=1), tf.stack([a]).shape)
print(tf.stack([tf.zeros([0]), tf.zeros([0])]).shape, tf.stack((1.0, 2.0), axis=-1))

# %%
show(lambda: tf.stack([a, b]))
show(lambda: tf.stack([a, a], axis=3))
show(lambda: tf.stack([a, a], axis=-4))
show(lambda: tf.stack([tf.constant(1), tf.constant(2.0)]))
show(lambda: tf.stack([]))

# %%
print(tf.shape(x), tf.shape(x, out_type=tf.int64), tf.shape(3.0), tf.shape([[1], [2]]))
print(tf.rank(x), tf.rank(2), tf.rank(tf.zeros([1, 2, 3])), tf.size(x), tf.size([]))
print(tf.size(x, out_type=tf.int64), tf.shape(tf.zeros([0, 4])), tf.size(tf.zeros([0, 4])))
print(x.shape, x.shape.as_list(), x.shape.rank, x.get_shape(), x.ndim, len(x))
print(tf.shape(tf.Variable([1.0, 2.0])), tf.size(np.zeros([2, 2])), tf.rank("s"))

# %%
show(lambda: tf.shape(x, out_type=tf.float32))
show(lambda: tf.size(x, out_type=tf.string))
