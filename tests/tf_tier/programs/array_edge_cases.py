# Edge cases of the array ops: dtype rules, scalars, empty inputs, negative axes, and TF's
# errors for bad arguments.
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


# %%
show(lambda: tf.where([1, 0], [1, 2], [3, 4]))
show(lambda: tf.where([True], x=[1]))
show(lambda: tf.where(tf.constant([[1.5, 0], [0, -1]])))
show(lambda: tf.one_hot([1], 3, axis=2))
show(lambda: tf.one_hot([1], 3, axis=-2))
show(lambda: tf.one_hot(tf.constant([1], tf.int64), tf.constant(2)))

# %%
show(lambda: tf.one_hot([1], 3, on_value=tf.constant(2, tf.int64)))
show(lambda: tf.slice([1,2,3], [4], [0]))
show(lambda: tf.slice([1,2,3], [1], [-1]))
show(lambda: tf.strided_slice([[1,2],[3,4]], [0,0,0], [1,1,1]))
show(lambda: tf.strided_slice([1,2,3], [5], [6], shrink_axis_mask=1))
show(lambda: tf.strided_slice([1,2,3], [-1], [0], [-1]))

# %%
show(lambda: tf.strided_slice([1,2,3], [1.0], [2]))
show(lambda: tf.sort([3, 1, 2], direction="DESCENDING"))
show(lambda: tf.sort(tf.constant([3, 1, 2], tf.int64)))
show(lambda: tf.sort([[1., 2.]], axis=2))
show(lambda: tf.argsort([2., 1.], axis=tf.constant(0)))
show(lambda: tf.unique(tf.constant([1., 1., 2.], tf.float16)))

# %%
show(lambda: tf.searchsorted([[1,2],[3,4]], [[1]]))
show(lambda: tf.searchsorted([1,2], [1.5]))
show(lambda: tf.searchsorted([1,2], [1], side="mid"))
show(lambda: tf.sequence_mask(3))
show(lambda: tf.sequence_mask([[2]], maxlen=tf.constant(3)))
show(lambda: tf.sequence_mask([1.5, 2]))

# %%
show(lambda: tf.clip_by_norm([3, 4], 1))
show(lambda: tf.clip_by_norm(tf.constant([3., 4.], tf.float64), 1.))
show(lambda: tf.clip_by_value(tf.constant([1, 5]), 2, 3.5))
show(lambda: tf.clip_by_value(5, 2, 3))
show(lambda: tf.clip_by_global_norm([tf.constant([3., 4.], tf.float64)], 1.))
show(lambda: tf.cumsum(tf.constant([True, False])))

# %%
show(lambda: tf.cumsum([1, 2], axis=tf.constant(0, tf.int64)))
show(lambda: tf.cumsum(5))
show(lambda: tf.math.cumprod([[1, 2], [3, 4]], axis=-1, exclusive=True))
show(lambda: tf.roll([[1, 2], [3, 4]], 1, 2))
show(lambda: tf.roll([1, 2, 3], 4, 0))
show(lambda: tf.repeat(5, 3))

# %%
show(lambda: tf.repeat([[1, 2]], [2], axis=0))
show(lambda: tf.repeat([[1, 2]], tf.constant([1, 2]), axis=1))
show(lambda: tf.add_n([tf.constant([1, 2], tf.int64)] * 3))
show(lambda: tf.add_n(tf.constant([1, 2])))
show(lambda: tf.meshgrid())
show(lambda: tf.meshgrid([1, 2], [[3], [4]], indexing="ij"))

# %%
show(lambda: tf.scatter_nd([[0], [0]], [[1, 2], [3, 4]], [2, 2]))
show(lambda: tf.tensor_scatter_nd_update([1, 2], [[0]], [1.0]))
show(lambda: tf.tensor_scatter_nd_update([[1, 2], [3, 4]], [[0], [0]], [[5, 6], [7, 8]]))
show(lambda: tf.broadcast_to(3, []))
show(lambda: tf.broadcast_to([[1], [2]], [2, 3]))
show(lambda: tf.broadcast_to([1, 2], [-1, 2]))

# %%
show(lambda: tf.tile([1, 2], tf.constant([2], tf.int64)))
show(lambda: tf.tile(3, []))
show(lambda: tf.pad([1, 2], [[1, 1]], constant_values=1.5))
show(lambda: tf.pad([1., 2.], [[1, 1]], mode="constant", constant_values=1.5))
show(lambda: tf.pad(tf.zeros([0, 2]), [[1, 1], [0, 0]]))
show(lambda: tf.reverse([1, 2], 0))

# %%
show(lambda: tf.reverse([[1, 2]], tf.constant([1], tf.int64)))
show(lambda: tf.unstack([1, 2], num=2))
show(lambda: tf.unstack(tf.zeros([0, 2])))
show(lambda: tf.unstack(5))
show(lambda: tf.split([1, 2, 3, 4], 4, num=4))
show(lambda: tf.split([1, 2, 3, 4], [1, 3], axis=-1))

# %%
show(lambda: tf.split([[1, 2], [3, 4]], [1, 1], axis=tf.constant(1)))
show(lambda: tf.boolean_mask([[1, 2], [3, 4]], [True, False], axis=-1))
show(lambda: tf.boolean_mask([[1, 2], [3, 4]], [[True, False]]))
show(lambda: tf.boolean_mask([1, 2], tf.constant([1, 0])))
show(lambda: tf.gather([1, 2, 3], tf.constant([[0, 1], [2, 2]], tf.int64)))
show(lambda: tf.gather([1, 2, 3], [], axis=0))

# %%
show(lambda: tf.gather_nd([[1, 2], [3, 4]], [[]]))
show(lambda: tf.gather_nd([1, 2], tf.constant([[1]], tf.int64)))

# %%
show(lambda: tf.sort([3., float("nan"), 1., -float("inf")]))
show(lambda: tf.argsort([3., float("nan"), 1.]))
show(lambda: tf.sort(tf.constant([3, -128, 5], tf.int8)))
show(lambda: tf.argsort(tf.constant([3, -2147483648, 5])))
show(lambda: tf.unique([float("nan"), float("nan"), 1.]))
show(lambda: tf.unique([True, False, True]))
