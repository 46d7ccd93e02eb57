# tf.gather and tf.gather_nd: values, dtypes, batch_dims, errors, and gather's gradient as
# tf.IndexedSlices on axis 0 (dense elsewhere).
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))

# %%
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [2,0]))
show(lambda: tf.gather(tf.constant([[1.,2],[3,4]]), 1))
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [[1],[0]], axis=1))
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [1,5]))
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [1,-1]))
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [[1],[0]], axis=2))

# %%
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [1.0]))
show(lambda: tf.gather([[1,2],[3,4],[5,6]], tf.constant([1], tf.int16)))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,0]], batch_dims=1))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,0]], axis=1, batch_dims=1))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,0]], axis=0, batch_dims=1))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,0]], batch_dims=-1))

# %%
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,0]], batch_dims=3))
show(lambda: tf.gather([[1,2],[3,4]], [1,0,0], batch_dims=1))
show(lambda: tf.gather([[1,2],[3,4]], [1,0], axis=-1))
show(lambda: tf.gather([[1,2],[3,4]], [1,0], axis=1, batch_dims=2))
show(lambda: tf.gather(5, [0]))
show(lambda: tf.gather(tf.Variable([[1.,2],[3,4]]), [1,3]))

# %%
show(lambda: tf.gather(tf.Variable([[1.,2],[3,4]]), [[1,0],[0,0]], batch_dims=1))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,0]], axis=1, batch_dims=0))
show(lambda: tf.gather(["a","b"], [1]))
show(lambda: tf.gather([[1,2],[3,4]], [1], axis=1.0))
show(lambda: tf.gather([[1,2],[3,4]], [1], axis=tf.constant(1)))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1,0],[0,1]]))

# %%
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1],[0]]))
show(lambda: tf.gather_nd([[1,2],[3,4]], [1, 0]))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1, 2]]))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1, 0, 0]]))
show(lambda: tf.gather_nd([[[1,2],[3,4]],[[5,6],[7,8]]], [[1],[0]], batch_dims=1))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1.0]]))

# %%
show(lambda: tf.gather_nd([[1,2],[3,4]], [[-1]]))
show(lambda: tf.gather([[1,2],[3,4],[5,6]], [[1,0],[7,0]]))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,5]], batch_dims=1))
show(lambda: tf.gather([[1,2],[3,4]], [[1,0],[0,5]], axis=1))
show(lambda: tf.gather([[1,2],[3,4]], [1], axis=-3))
show(lambda: tf.gather([[[1,2],[3,4]]], [[1,0]], axis=1, batch_dims=2))

# %%
show(lambda: tf.gather([[[1,2],[3,4]]], [[1,0]], axis=0, batch_dims=1))
show(lambda: tf.gather([[[1,2],[3,4]]], [[1,0]], axis=1, batch_dims=-3))
show(lambda: tf.gather([[1,2],[3,4]], [1], name="foo", axis=1))
show(lambda: tf.gather(tf.Variable([[1.,2],[3,4]]), [1.0]))
show(lambda: tf.gather(tf.Variable([[1.,2],[3,4]]), [1], axis=1))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1],[0]], batch_dims=1))

# %%
show(lambda: tf.gather_nd([[1,2],[3,4]], [[[1]],[[5]]], batch_dims=1))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1],[0]], batch_dims=2))
show(lambda: tf.gather_nd(5, [[0]]))
show(lambda: tf.gather_nd([[1,2],[3,4]], 1))
show(lambda: tf.gather_nd([[1,2],[3,4]], [[1,0],[0,1]], name="x"))
show(lambda: tf.gather_nd([[1,2],[3,4]], tf.zeros([0,1],tf.int32)))

# %%
v = tf.Variable([[1., 2.], [3., 4.], [5., 6.]])
with tf.GradientTape(persistent=True) as t:
    y = tf.gather(v, [0, 2, 0])
    z = tf.reduce_sum(tf.gather(v, 1) * 3.0)
    w = tf.reduce_sum(v * 2.0)
g = t.gradient(y, v)
print(type(g).__name__)
print(g)
print(g.indices, g.values.shape, g.dense_shape, g.shape, g.dtype)
print(t.gradient([y, z], v))
g3 = t.gradient([y, w], v)
print(type(g3).__name__, g3)
print(tf.convert_to_tensor(g))
print(-g)
v.assign_sub(g)
print(v)

# %%
x = tf.constant([[1., 2.], [3., 4.]])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.gather(x, [1, 1], axis=1)
    b = tf.gather(x, [[1, 0]], batch_dims=0)
    c = tf.gather(x, tf.constant([1], tf.int64))
    d = tf.gather(x, [[1], [0]], axis=1, batch_dims=1)
    e = tf.gather_nd(x, [[1, 0], [1, 0]])
    f = tf.gather(tf.constant([1, 2]), [0])
for r in (a, b, c, d, e):
    gr = t.gradient(r, x)
    print(type(gr).__name__, gr)
print(t.gradient(f, x), t.gradient(tf.gather(x, [1]), x, unconnected_gradients="zero"))
print(t.gradient(b, x).indices, t.gradient(c, x).indices)

# %%
x64 = tf.constant([[1., 2., 3.], [4., 5., 6.]], tf.float64)
with tf.GradientTape() as t:
    t.watch(x64)
    with tf.GradientTape() as t2:
        t2.watch(x64)
        y = tf.reduce_sum(tf.gather(x64, [1, 1, 0]) ** 2)
    g = t2.gradient(y, x64)
    print(type(g).__name__, g.values)
    s = tf.reduce_sum(tf.convert_to_tensor(g) * x64)
print(t.gradient(s, x64))

# %%
@tf.function
def fg(p, i):
    return tf.gather(p, i, axis=1), tf.gather_nd(p, tf.expand_dims(i, -1))
print(fg(tf.constant([[1., 2.], [3., 4.]]), tf.constant([1, 0])))

# %%
# tensor_scatter_nd_min/max: duplicates reduce; bool has no CPU kernel (TF's NotFoundError)
print(tf.tensor_scatter_nd_min(tf.constant([1, 5, 3]), [[1], [1], [0]], [4, 7, -2]))
print(tf.tensor_scatter_nd_max(tf.constant([1., 5, 3]), [[1], [2]], [4., 7]))
print(tf.tensor_scatter_nd_max(tf.zeros([2, 2], tf.int64), [[0, 1], [1, 0]], tf.constant([-3, 8], tf.int64)))
try:
    tf.tensor_scatter_nd_max(tf.constant([True]), [[0]], [False])
except tf.errors.NotFoundError as e:
    print(type(e).__name__, str(e).split("\n")[0])

# %%
# dynamic_partition / dynamic_stitch: values, strings, errors, gradients
x = tf.constant([[1., 2.], [3., 4.], [5., 6.], [7., 8.]])
p = tf.constant([1, 0, 1, 2])
print(tf.dynamic_partition(x, p, 4))
print(tf.dynamic_partition(tf.constant(["a", "b", "c"]), [1, 0, 1], 2))
print(tf.dynamic_partition(5., 1, 2))
print(tf.dynamic_stitch([tf.constant([0, 2]), tf.constant([[1, 3], [2, 4]])],
                        [tf.constant([1., 2.]), tf.constant([[3., 4.], [5., 6.]])]))
print(tf.dynamic_stitch([[0, 1], [1]], [[[1, 1], [2, 2]], [[9, 9]]]))
print(tf.dynamic_stitch([[3]], [[b"x"]]))
bad = [lambda: tf.dynamic_partition(x, [0, 5, 1, 1], 3), lambda: tf.dynamic_partition(x, [0, 1], 3),
       lambda: tf.dynamic_partition(x, [0., 1, 1, 1], 3), lambda: tf.dynamic_partition(x, p, 0),
       lambda: tf.dynamic_stitch([[0, 1]], [[1.]]), lambda: tf.dynamic_stitch([[0, 1], [2, -3]], [[1, 2], [3, 4]]),
       lambda: tf.dynamic_stitch([[0, 1], [2]], [[[1, 2], [1, 2]], [[3]]]),
       lambda: tf.dynamic_stitch([[0], [1]], [tf.constant([1]), tf.constant([1.])])]
for f in bad:
    try:
        f()
    except (tf.errors.InvalidArgumentError, TypeError) as e:
        print(type(e).__name__, e)
d = [tf.constant([1., 2.]), tf.constant([[3., 4.], [5., 6.]])]
with tf.GradientTape(persistent=True) as t:
    t.watch(d)
    t.watch(x)
    y = tf.dynamic_stitch([tf.constant([0, 2]), tf.constant([[1, 0], [2, 4]])], d)
    loss = tf.reduce_sum(y * tf.range(5.))
    parts = tf.dynamic_partition(x, p, 3)
    z = tf.reduce_sum(parts[0] * 2.) + tf.reduce_sum(parts[2] * 3)
print(t.gradient(loss, d))
print(t.gradient(z, x))
