# where, boolean_mask, meshgrid, scatter_nd and tensor_scatter_nd_*, sort/argsort, unique,
# sequence_mask, clipping, searchsorted, cumsum/cumprod, roll, repeat, identity_n, add_n,
# shape_n: values, dtypes, shapes and errors.
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))

# %%
show(lambda: tf.where([[True, False],[False,True]]))
show(lambda: tf.where([1.0, 0.0, 2.0]))
show(lambda: tf.where([True, False], [1,2], [3,4]))
show(lambda: tf.where([[True], [False]], [1.,2], 0.))
show(lambda: tf.where(tf.zeros([0])))
show(lambda: tf.boolean_mask([[1,2],[3,4],[5,6]], [True,False,True]))

# %%
show(lambda: tf.boolean_mask([[1,2],[3,4]], [[True,False],[False,True]]))
show(lambda: tf.boolean_mask([[1,2],[3,4]], [False,True], axis=1))
show(lambda: tf.meshgrid([1,2],[3,4,5]))
show(lambda: tf.meshgrid([1,2],[3,4,5], indexing="ij"))
show(lambda: tf.scatter_nd([[1],[3],[1]], [1.,2,3], [5]))
show(lambda: tf.scatter_nd([[0,1]], [[5,6]], tf.constant([2,2,2])))

# %%
show(lambda: tf.tensor_scatter_nd_update([1,2,3], [[0],[2]], [7,8]))
show(lambda: tf.tensor_scatter_nd_add([[1,2],[3,4]], [[1]], [[10,10]]))
show(lambda: tf.tensor_scatter_nd_sub([[1,2],[3,4]], [[1,0]], [10]))
show(lambda: tf.sort([[3.,1,2],[0,5,-1]]))
show(lambda: tf.sort([[3,1,2],[0,5,-1]], axis=0, direction="DESCENDING"))
show(lambda: tf.argsort([3,1,3,2,1]))

# %%
show(lambda: tf.argsort([3,1,3,2,1], direction="DESCENDING"))
show(lambda: tf.argsort([[3.,1],[0,2]], axis=0, stable=True))
show(lambda: tf.unique([3,1,3,2,1]))
show(lambda: tf.unique(tf.constant([3.,1,3], tf.float64), out_idx=tf.int64))
show(lambda: tf.unique(["b","a","b"]))
show(lambda: tf.sequence_mask([1,3,0]))

# %%
show(lambda: tf.sequence_mask([[1,2],[0,1]], 3, dtype=tf.float32))
show(lambda: tf.sequence_mask(tf.constant([2], tf.int64), 4))
show(lambda: tf.clip_by_value([1,5,9], 2, 6))
show(lambda: tf.clip_by_value([1.,5,9], [0,6,7], 8.))
show(lambda: tf.clip_by_norm([3.,4], 1.))
show(lambda: tf.clip_by_norm([[3.,4],[1,0]], 2., axes=[1]))

# %%
show(lambda: tf.clip_by_norm([0.,0], 1.))
show(lambda: tf.clip_by_global_norm([tf.constant([3.,4]), None, tf.constant([12.])], 6.5))
show(lambda: tf.clip_by_global_norm([[3.,4]], 10.))
show(lambda: tf.searchsorted([1,3,5,7], [0,3,6,9]))
show(lambda: tf.searchsorted([1,3,5,7], [0,3,6,9], side="right"))
show(lambda: tf.searchsorted([[1.,3,5],[2,4,6]], [[3.],[7.]], out_type=tf.int64))

# %%
show(lambda: tf.cumsum([1,2,3]))
show(lambda: tf.cumsum([[1.,2],[3,4]], axis=1, exclusive=True))
show(lambda: tf.cumsum([1,2,3], reverse=True, exclusive=True))
show(lambda: tf.math.cumsum([1,2,3], reverse=True))
show(lambda: tf.math.cumprod([1,2,3,4]))
show(lambda: tf.math.cumprod([1.,2,3,4], exclusive=True, reverse=True))

# %%
show(lambda: tf.roll([1,2,3,4], 1, 0))
show(lambda: tf.roll([[1,2],[3,4]], [1,-1], [0,1]))
show(lambda: tf.roll([[1,2],[3,4]], [1,1], [1,1]))
show(lambda: tf.repeat([1,2,3], 2))
show(lambda: tf.repeat([[1,2],[3,4]], [1,3], axis=0))
show(lambda: tf.repeat([[1,2],[3,4]], 2, axis=1))

# %%
show(lambda: tf.identity_n([1, [2., 3]]))
show(lambda: tf.add_n([1, 2, 3]))
show(lambda: tf.add_n([[1.,2], tf.constant([3.,4])]))
show(lambda: tf.math.add_n([tf.constant(5)]))
show(lambda: tf.shape_n([tf.zeros([2,3]), [1,2]]))
show(lambda: tf.shape_n([tf.zeros([2,3])], out_type=tf.int64))

# %%
show(lambda: tf.gather(tf.reshape(tf.range(24),[2,3,4]), [[0,2],[1,1]], axis=2, batch_dims=1))
show(lambda: tf.gather_nd(tf.reshape(tf.range(24),[2,3,4]), [[[0,1],[2,3]],[[1,1],[0,0]]], batch_dims=1))
show(lambda: tf.sort([[3,1]], direction="UP"))
show(lambda: tf.sort(3))
show(lambda: tf.unique([[1,2]]))
show(lambda: tf.searchsorted([1,2,3], [[2]]))

# %%
show(lambda: tf.cumsum([1,2], axis=1))
show(lambda: tf.roll([1,2], 1, [0, 0, 1]))
show(lambda: tf.repeat([1,2], [1,2,3]))
show(lambda: tf.add_n([]))
show(lambda: tf.add_n([1, [1,2]]))
show(lambda: tf.add_n([tf.constant(1), tf.constant(1.0)]))

# %%
show(lambda: tf.where([True, False], [1,2], [1.0, 2.0]))
show(lambda: tf.where([True, False], [1,2], [1,2,3]))
show(lambda: tf.where([1,0]))
show(lambda: tf.boolean_mask([1,2,3], [True,False]))
show(lambda: tf.scatter_nd([[5]], [1], [3]))
show(lambda: tf.tensor_scatter_nd_update([1,2,3], [[5]], [7]))

# %%
show(lambda: tf.sequence_mask([1,3], 2))
show(lambda: tf.meshgrid([1,2],[1,2,3], indexing="foo"))
