# one_hot, unstack, split, tile, pad, broadcast_to, reverse, slice, strided_slice: values,
# dtypes, shapes and errors.
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))

# %%
show(lambda: tf.one_hot([0,2,-1], 3))
show(lambda: tf.one_hot([[0,2],[1,1]], 3, axis=0))
show(lambda: tf.one_hot([0,2], 3, on_value=5, off_value=-1))
show(lambda: tf.one_hot([0,2], 4, dtype=tf.float64, axis=1))
show(lambda: tf.unstack(tf.reshape(tf.range(6),[2,3]), axis=1))
show(lambda: tf.split(tf.reshape(tf.range(12),[2,6]), 3, axis=1))

# %%
show(lambda: tf.split(tf.reshape(tf.range(12),[2,6]), [1,-1,2], axis=-1))
show(lambda: tf.split(tf.range(4), tf.constant([1,3])))
show(lambda: tf.tile([[1,2]], [2,3]))
show(lambda: tf.tile(tf.constant(["a"]), [2]))
show(lambda: tf.pad([[1,2],[3,4]], [[1,0],[0,2]], constant_values=9))
show(lambda: tf.pad([[1.,2,3],[4,5,6]], [[1,1],[2,2]], "REFLECT"))

# %%
show(lambda: tf.pad([[1.,2,3],[4,5,6]], [[1,1],[2,2]], "symmetric"))
show(lambda: tf.broadcast_to([1,2], [3,2]))
show(lambda: tf.reverse([[1,2],[3,4]], [0, -1]))
show(lambda: tf.reverse([[1,2],[3,4]], []))
show(lambda: tf.slice(tf.reshape(tf.range(12),[3,4]), [1,1], [-1,2]))
show(lambda: tf.strided_slice(tf.reshape(tf.range(12),[3,4]), [0,1], [3,4], [2,2]))

# %%
show(lambda: tf.strided_slice(tf.reshape(tf.range(12),[3,4]), [1,0], [2,4], shrink_axis_mask=1))
show(lambda: tf.strided_slice(tf.reshape(tf.range(12),[3,4]), [0,3], [0,0], [1,-1], begin_mask=1, end_mask=3))
show(lambda: tf.strided_slice(tf.reshape(tf.range(12),[3,4]), [0,0], [1,1], new_axis_mask=1))
show(lambda: tf.strided_slice(tf.reshape(tf.range(24),[2,3,4]), [0,1], [0,2], ellipsis_mask=1))
show(lambda: tf.unstack(tf.zeros([2,3]), axis=2))
show(lambda: tf.unstack(tf.zeros([2,3]), num=3))

# %%
show(lambda: tf.split(tf.zeros([5,2]), 2))
show(lambda: tf.split(tf.zeros([5,2]), [2,2]))
show(lambda: tf.split(tf.zeros([5,2]), [2,-1]))
show(lambda: tf.split(tf.zeros([5,2]), [-1,-1]))
show(lambda: tf.split(tf.zeros([5,2]), 2, axis=3))
show(lambda: tf.tile([[1,2]], [2]))

# %%
show(lambda: tf.tile([[1,2]], [2,-1]))
show(lambda: tf.pad([[1,2]], [[1,1]]))
show(lambda: tf.pad([[1,2]], [[0,0],[2,0]], "REFLECT"))
show(lambda: tf.pad([[1,2]], [[0,0],[3,0]], "SYMMETRIC"))
show(lambda: tf.pad([[1,2]], [[0,0],[1,0]], "foo"))
show(lambda: tf.pad([[1,2]], [[0,0],[-1,0]]))

# %%
show(lambda: tf.broadcast_to([1,2], [3,3]))
show(lambda: tf.reverse([[1,2]], [2]))
show(lambda: tf.reverse([[1,2]], [1,1]))
show(lambda: tf.slice([[1,2,3]], [0,1], [1,5]))
show(lambda: tf.slice([[1,2,3]], [0,1], [1]))
show(lambda: tf.one_hot([1,5], 3, dtype=tf.int32, on_value=2.0))

# %%
show(lambda: tf.one_hot([1.0], 3))
show(lambda: tf.strided_slice([1,2,3], [0], [2], [0]))

# %%
# tf.nn.depth_to_space / space_to_depth (NHWC; NCHW has no CPU kernel) and tf.bitwise shifts
x = tf.reshape(tf.range(16), [1, 2, 2, 4])
print(tf.nn.depth_to_space(x, 2), tf.nn.space_to_depth(tf.nn.depth_to_space(x, 2), 2))
print(tf.nn.space_to_depth(tf.reshape(tf.range(32.0), [1, 4, 4, 2]), 2))
for bad in (lambda: tf.nn.depth_to_space(tf.ones([1, 2, 2, 3]), 2), lambda: tf.nn.space_to_depth(tf.ones([1, 3, 3, 1]), 2),
            lambda: tf.nn.depth_to_space(tf.ones([2, 2, 4]), 2), lambda: tf.nn.depth_to_space(tf.ones([1, 2, 2, 4]), 2, "NCHW")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
v = tf.Variable(tf.ones([1, 2, 2, 4]))
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.nn.depth_to_space(v, 2) * tf.reshape(tf.range(16.), [1, 4, 4, 1]))
print(t.gradient(y, v))
print(tf.bitwise.left_shift(tf.constant([1, -8, 5], tf.int8), tf.constant([1, 2, 9], tf.int8)))
print(tf.bitwise.right_shift(tf.constant([1, -8, 5], tf.int8), tf.constant([1, 2, 9], tf.int8)))
print(tf.bitwise.right_shift(tf.constant([200], tf.uint8), tf.constant([255], tf.uint8)))
print(tf.bitwise.left_shift(tf.constant([3, 3], tf.int32), tf.constant([-1, 32], tf.int32)))
print(tf.bitwise.right_shift(tf.constant([-3], tf.int64), tf.constant([70], tf.int64)))
try:
    tf.bitwise.left_shift(1.0, 2.0)
except Exception as e:
    print(type(e).__name__, str(e).split("\n")[0])

# %%
m = tf.reshape(tf.range(12), [3, 4])
x3 = tf.reshape(tf.range(24.0), [2, 3, 4])
print(tf.reverse_sequence(m, [1, 3, 4], seq_axis=1, batch_axis=0))
print(tf.reverse_sequence(tf.transpose(m), tf.constant([1, 2, 0], tf.int64), seq_axis=0,
                          batch_axis=1))
print(tf.reverse_sequence(x3, [2, 3, 1, 0], seq_axis=1, batch_axis=2))
print(tf.reverse_sequence(tf.constant([["a", "b"]]), tf.constant([2]), 1))
with tf.GradientTape() as t:
    t.watch(x3)
    y = tf.reverse_sequence(x3, [2, 3, 1], seq_axis=2, batch_axis=1) * tf.range(4.0)
print(t.gradient(y, x3))
show(lambda: tf.reverse_sequence(m, [1, 5], seq_axis=1))
show(lambda: tf.reverse_sequence(m, [1, 2, 3], seq_axis=1, batch_axis=1))
show(lambda: tf.reverse_sequence(tf.constant([[1]]), tf.constant([1], tf.int8), 1))
show(lambda: tf.reverse_sequence(tf.constant([[1, 2]]), tf.constant([3]), 1))
show(lambda: tf.reverse_sequence(tf.constant([[1, 2]]), tf.constant([-1]), 1))
show(lambda: tf.reverse_sequence(tf.constant([[1, 2]]), tf.constant([1]), 3))
show(lambda: tf.reverse_sequence(tf.constant([[1, 2]]), tf.constant([1])))
show(lambda: tf.reverse_sequence(tf.constant([[1.0, 2]]), tf.constant([2]), -1))

# %%
v = tf.constant([-1.0, 0.0, 1.5, 2.0, 5.0, 15.0])
print(tf.histogram_fixed_width(v, [0.0, 5.0], nbins=5),
      tf.histogram_fixed_width(v, [0.0, 5.0], nbins=5, dtype=tf.int64))
print(tf.histogram_fixed_width_bins(v, [0.0, 5.0], nbins=5),
      tf.histogram_fixed_width(tf.constant([1, 2, 3]), [0, 4], nbins=2))
print(tf.histogram_fixed_width_bins(tf.constant([[0.5, 9.0], [-3, 2.5]]), [0.0, 10.0], nbins=4))
show(lambda: tf.histogram_fixed_width(v, [0.0, 5.0], nbins=0))
show(lambda: tf.histogram_fixed_width(v, [5.0, 0.0]))
show(lambda: tf.histogram_fixed_width(v, [0.0, 5.0, 6.0]))
show(lambda: tf.histogram_fixed_width(v, [0.0, 5.0], dtype=tf.float32))
show(lambda: tf.histogram_fixed_width(tf.constant([1], tf.int8), tf.constant([0, 4], tf.int8)))

# %%
print(tf.math.confusion_matrix([1, 2, 4], [2, 2, 4]))
print(tf.math.confusion_matrix([1, 2, 4], [2, 2, 4], num_classes=6, weights=[1.0, 2.0, 3.0]))
print(tf.math.confusion_matrix([1, 2, 4], [2, 2, 4], dtype=tf.float64),
      tf.math.confusion_matrix([[1], [2]], [2, 0]))
show(lambda: tf.math.confusion_matrix([1, -2], [0, 1]))
show(lambda: tf.math.confusion_matrix([1, 2], [0, 1], num_classes=2))
show(lambda: tf.math.confusion_matrix([1, 2, 3], [1, 2]))
