# Gradients of the array ops through tf.GradientTape, against TF's.
import tensorflow as tf

x = tf.constant([[1., -2., 3.], [4., 5., -6.]])
w = tf.constant([0.5, 1.0, 2.0])


def grad(f):
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    g = t.gradient(y, x)
    return None if g is None else tf.convert_to_tensor(g)


# %%
print("gather_ax1", grad(lambda x: tf.gather(x, [2, 0, 2], axis=1) * w))
print("gather_nd", grad(lambda x: tf.gather_nd(x, [[0, 1], [1, 2], [0, 1]])))
print("unstack", grad(lambda x: tf.unstack(x, axis=1)[1] * 3.))
print("split", grad(lambda x: tf.split(x, [1, 2], axis=1)[1] * x[:, 1:]))
print("tile", grad(lambda x: tf.tile(x, [2, 2]) ** 2))
print("pad_c", grad(lambda x: tf.pad(x, [[1, 0], [0, 2]]) ** 2))

# %%
print("pad_r", grad(lambda x: tf.pad(x, [[1, 1], [2, 2]], "REFLECT") ** 2))
print("pad_s", grad(lambda x: tf.pad(x, [[1, 1], [2, 2]], "SYMMETRIC") ** 2))
print("bcast", grad(lambda x: tf.broadcast_to(x[0], [4, 3]) ** 2))
print("reverse", grad(lambda x: tf.reverse(x, [1]) * w))
print("slice", grad(lambda x: tf.slice(x, [0, 1], [2, 2]) ** 2))
print("sslice", grad(lambda x: tf.strided_slice(x, [0, 2], [2, 0], [1, -1]) ** 2))

# %%
print("where", grad(lambda x: tf.where(x > 0, x * 2., x ** 2)))
print("bmask", grad(lambda x: tf.boolean_mask(x, [True, False]) ** 2))
print("bmask2", grad(lambda x: tf.boolean_mask(x, x > 0) ** 2))
print("meshgrid", grad(lambda x: tf.meshgrid(x[0], x[1])[0] * tf.meshgrid(x[0], x[1])[1]))
print("tsu", grad(lambda x: tf.tensor_scatter_nd_update(x, [[0, 1]], [10.]) ** 2))
print("tsa", grad(lambda x: tf.tensor_scatter_nd_add(x, [[0, 1]], x[1, :1]) ** 2))

# %%
print("scatter", grad(lambda x: tf.scatter_nd([[1], [1]], x, [3, 3]) ** 2))
print("sort", grad(lambda x: tf.sort(x) * w))
print("sortd", grad(lambda x: tf.sort(x, direction="DESCENDING") * w))
print("clipv", grad(lambda x: tf.clip_by_value(x, -2., 4.)))
print("clipn", grad(lambda x: tf.clip_by_norm(x, 3.) * w))
print("clipn_ax", grad(lambda x: tf.clip_by_norm(x, 3., axes=[1]) * w))

# %%
print("clipg", grad(lambda x: tf.clip_by_global_norm([x, x * 2.], 5.)[0][0] * w))
print("cumsum", grad(lambda x: tf.cumsum(x, axis=1, exclusive=True, reverse=True) * w))
print("cumprod", grad(lambda x: tf.math.cumprod(x, axis=1) * w))
print("roll", grad(lambda x: tf.roll(x, [1, 1], [0, 1]) * w))
print("repeat", grad(lambda x: tf.repeat(x, [1, 3], axis=0) ** 2))

# %%
print("identity_n", grad(lambda x: tf.identity_n([x, x])[1] * w))
print("add_n", grad(lambda x: tf.add_n([x, x * x, x])))
print("one_hot_ish", grad(lambda x: tf.one_hot([0, 2], 3) * x))

# %%
print(grad(lambda x: tf.math.cumprod(x, axis=1, exclusive=True)))
print(grad(lambda x: tf.where(x > 0, x, 0.) * tf.reduce_sum(tf.unstack(x)[0])))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.argsort(x)
    u = tf.unique(tf.reshape(x, [-1]))
    m = tf.where(x > 0)
print(y, t.gradient(y, x), t.gradient(u.y, x), t.gradient(m, x))

# %%
z = tf.constant([[1., 0., 3.], [0., 2., 0.]])
for kw in [{}, {"exclusive": True}, {"reverse": True}, {"exclusive": True, "reverse": True}]:
    with tf.GradientTape() as t:
        t.watch(z)
        y = tf.math.cumprod(z, axis=1, **kw)
    print(kw, t.gradient(y, z))
show = lambda f: print(f())
print(tf.clip_by_global_norm([[3., 4.]], 1., use_norm=tf.constant(2.)))
try:
    tf.clip_by_global_norm([[3., 4.]], 1., use_norm=10.)
except AttributeError as e:
    print(e)
