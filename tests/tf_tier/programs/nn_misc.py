# tf.nn bias_add, moments/normalize_moments/batch_normalization, l2_normalize, dropout
# (deterministic checks only), embedding_lookup, top_k and in_top_k: values, dtypes, errors,
# gradients.
import tensorflow as tf
import numpy as np


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


def grads(f, *xs):
    """The gradients of sum(f(*xs)) for each x (watched constants)."""
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape(persistent=True) as t:
        for x in xs:
            t.watch(x)
        y = f(*xs)
    return [t.gradient(y, x) for x in xs]


m = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]])
x4 = tf.reshape(tf.range(24, dtype=tf.float32), (2, 3, 2, 2))

# %%
print(tf.nn.bias_add(m, [10.0, 20.0, 30.0]), tf.nn.bias_add(m, tf.constant([1.0, 2.0, 3.0])))
print(
    tf.nn.bias_add(x4, [1.0, 2.0, 3.0], data_format="NCHW"), tf.nn.bias_add(x4, [1.0, 2.0], "NHWC")
)
print(
    tf.nn.bias_add(tf.ones((2, 3)), [1.0, 2.0, 3.0], data_format="NC"),
    tf.nn.bias_add([[1, 2]], [3, 4]),
)
print(
    tf.nn.bias_add(tf.ones((2, 3), tf.int8), tf.ones((3,), tf.int8)),
    tf.nn.bias_add([[1.0, 2.0]], [1, 2]),
)

# %%
show(lambda: tf.nn.bias_add([1.0, 2.0], [1.0, 2.0]))
show(lambda: tf.nn.bias_add(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0])))
show(lambda: tf.nn.bias_add([[1.0, 2.0]], [[1.0, 2.0]]))
show(lambda: tf.nn.bias_add(m, tf.constant([1.0, 2.0])))
show(lambda: tf.nn.bias_add(x4, tf.ones((2,)), data_format="NCHW"))
show(lambda: tf.nn.bias_add([[1, 2]], [1.0, 2.0]))
show(lambda: tf.nn.bias_add(m, tf.ones((3,), tf.float64)))
show(lambda: tf.nn.bias_add(tf.ones((2, 3)), [1.0, 2.0, 3.0], data_format="XYZ"))
show(lambda: tf.nn.bias_add(tf.ones((2, 3), tf.bool), tf.ones((3,), tf.bool)))

# %%
print(tf.nn.moments(m, [0]), tf.nn.moments(m, axes=[0, 1], keepdims=True))
print(tf.nn.moments(m, 1), tf.nn.moments(x4, [0, 2, 3]), tf.nn.moments(m, [-1]))
print(tf.nn.moments(tf.constant([[1, 2], [4, 7]]), [0]))
print(
    tf.nn.moments(tf.constant([1.0, 2.0], tf.float16), [0]),
    tf.nn.moments(tf.cast(m, tf.float64), [1]),
)
show(lambda: tf.nn.moments(m, [2]))
show(lambda: tf.nn.moments([[1.0, 2.0]], [0]))
print(tf.nn.normalize_moments(2.0, tf.constant([3.0, 5.0]), tf.constant([5.0, 13.0]), None))
print(tf.nn.normalize_moments(2.0, tf.constant([3.0, 5.0]), tf.constant([5.0, 13.0]), 1.0))

# %%
mean, var = tf.constant([1.0, 2.0, 3.0]), tf.constant([1.0, 4.0, 9.0])
print(
    tf.nn.batch_normalization(
        m, mean, var, tf.constant([0.0, 1.0, 0.0]), tf.constant([1.0, 1.0, 2.0]), 1e-3
    )
)
print(tf.nn.batch_normalization(m, mean, var, None, None, 0.001))
print(tf.nn.batch_normalization(tf.cast(m, tf.float64), mean, var, None, None, 0.001))
print(tf.nn.batch_normalization(m, [1.0, 2.0, 3.0], var, [0.0, 0.5, 1.0], 2.0, 0.0))
show(lambda: tf.nn.batch_normalization(m, [1.0, 2.0, 3.0], [1.0, 4.0, 9.0], None, None, 0.001))
show(
    lambda: tf.nn.batch_normalization(
        m, mean, var, None, tf.constant([1.0, 1.0, 2.0], tf.float64), 0.001
    )
)
show(lambda: tf.nn.batch_normalization(m, tf.cast(mean, tf.float64), var, None, None, 0.001))

# %%
print(tf.nn.l2_normalize([3.0, 4.0]), tf.nn.l2_normalize([[3.0, 4.0], [0.0, 0.0]], axis=1))
print(tf.math.l2_normalize([[3.0, 4.0], [0.0, 0.0]], 0), tf.linalg.l2_normalize(m, [0, 1]))
print(tf.nn.l2_normalize(tf.constant([3 + 4j, 0j])), tf.nn.l2_normalize([1e-8, 0.0], epsilon=1e-10))
print(
    tf.nn.l2_normalize(tf.constant([3.0, 4.0], tf.float16)),
    tf.nn.l2_normalize(tf.constant([[1.0, 2.0]], tf.float64), -1),
)
show(lambda: tf.nn.l2_normalize([3, 4]))
show(lambda: tf.nn.l2_normalize([True]))
show(lambda: tf.nn.l2_normalize([3.0, 4.0], axis=0, dim=0))

# %%
ones = tf.ones((100, 100))
d = tf.nn.dropout(ones, 0.5, seed=1)
kept = tf.cast(d > 0, tf.float32)
print(d.shape, d.dtype, round(float(tf.reduce_mean(kept)), 1), set(np.unique(d.numpy())))
d = tf.nn.dropout(ones, rate=0.8)
print(round(float(tf.reduce_mean(tf.cast(d > 0, tf.float32))), 1), float(tf.reduce_max(d)))
d = tf.nn.dropout(tf.ones((3, 400)), 0.5, noise_shape=[3, 1])
print(sorted(set(tf.reduce_min(d, 1).numpy() == tf.reduce_max(d, 1).numpy())))
d = tf.nn.dropout(
    tf.ones((3, 400), tf.float64), tf.constant(0.2, tf.float64), noise_shape=[None, 1]
)
print(d.dtype, set(np.unique(d.numpy())) <= {0.0, 1.25})
print(tf.nn.dropout([1.0, 2.0], 0.0), tf.nn.dropout(tf.ones((2,), tf.float16), 0.5).dtype)

# %%
show(lambda: tf.nn.dropout([1.0, 2.0], 1.0))
show(lambda: tf.nn.dropout([1.0, 2.0], -0.1))
show(lambda: tf.nn.dropout([1, 2], 0.5))
show(lambda: tf.nn.dropout([1.0, 2.0], tf.constant(0.5, tf.float64)))
show(lambda: tf.nn.dropout([1.0, 2.0], tf.constant([0.5])))
show(lambda: tf.nn.dropout([1.0, 2.0], "a"))
show(lambda: tf.nn.dropout(tf.ones((3, 4)), 0.5, noise_shape=[3, 2]))

# %%
x = tf.constant([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.dropout(x, 0.5)
g = t.gradient(y, x)
print(g.shape, set(g.numpy()) <= {0.0, 2.0}, list((y.numpy() == 0) == (g.numpy() == 0)))

# %%
table = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
print(tf.nn.embedding_lookup(table, [2, 0, 2]), tf.nn.embedding_lookup(table, [[2], [1]]))
print(
    tf.nn.embedding_lookup(table, 1), tf.nn.embedding_lookup(table, tf.constant([0, 1], tf.int64))
)
print(
    tf.nn.embedding_lookup(
        [tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([[5.0, 6.0]])], [0, 2, 1]
    )
)
print(tf.nn.embedding_lookup([table], [1]), tf.nn.embedding_lookup(tf.Variable(table), [2, 1]))
print(
    tf.nn.embedding_lookup(
        tf.constant([[3.0, 4.0], [0.3, 0.4], [5.0, 12.0]]), [0, 1, 2], max_norm=1.0
    )
)
print(tf.nn.embedding_lookup(tf.constant([[3.0, 4.0], [0.0, 0.0]]), [[0, 1]], max_norm=2.0))
print(tf.nn.embedding_lookup(tf.constant([1, 2, 3]), [2, 2]))

# %%
show(lambda: tf.nn.embedding_lookup(table, [3]))
show(lambda: tf.nn.embedding_lookup(table, [[0, 1], [5, -1]]))
show(lambda: tf.nn.embedding_lookup(tf.Variable(table), [3]))
show(lambda: tf.nn.embedding_lookup(table, [1.0]))
show(lambda: tf.nn.embedding_lookup([], [0]))


# %%
def lookup_grad(params, ids, **kw):
    with tf.GradientTape() as t:
        t.watch(params)
        y = tf.nn.embedding_lookup(params, ids, **kw) * 2.0
    g = t.gradient(y, params)
    print(type(g).__name__, g.indices, g.dense_shape)
    return tf.convert_to_tensor(g)


print(lookup_grad(table, [2, 0, 2]), lookup_grad(table, [[1, 1]]))
print(lookup_grad(tf.constant([[3.0, 4.0], [0.3, 0.4]]), [0, 1], max_norm=1.0))
v = tf.Variable(table)
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.nn.embedding_lookup(v, [0, 0, 1]))
print(tf.convert_to_tensor(t.gradient(y, v)))

# %%
print(tf.math.top_k([1, 3, 2, 3], 2))
print(tf.nn.top_k(m, 2), tf.math.top_k(m, k=1).values)
print(tf.math.top_k([[1.0, 3.0, 2.0], [0.0, 5.0, 5.0]], 2, index_type=tf.int64))
print(
    tf.math.top_k(m, 0), tf.math.top_k([1.0, np.nan, 2.0, 3.0], 2), tf.math.top_k(m, tf.constant(3))
)
vals, idx = tf.math.top_k(tf.constant([4.0, 1.0, 9.0], tf.float64), 2)
print(vals, idx, tf.math.top_k([1.0, 2.0]).indices.dtype)

# %%
show(lambda: tf.math.top_k([1.0, 3.0, 2.0, 3.0], 5))
show(lambda: tf.math.top_k(tf.constant([1.0, 3.0, 2.0, 3.0]), 5))
show(lambda: tf.math.top_k([1.0, 3.0, 2.0, 3.0], -1))
show(lambda: tf.math.top_k(tf.constant(1.0), 1))
show(lambda: tf.math.top_k([True, False], 1))
show(lambda: tf.math.top_k([1.0, 3.0, 2.0, 3.0], 2.5))
show(lambda: tf.math.top_k([1.0, 3.0, 2.0, 3.0], 2, index_type=tf.float32))

# %%
print(grads(lambda v: tf.math.top_k(v, 2).values * [1.0, 10.0], [1.0, 3.0, 3.0, 2.0]))
print(grads(lambda v: tf.math.top_k(v, 2).values, [[1.0, 3.0, 2.0], [6.0, 5.0, 4.0]]))

# %%
pred = tf.constant([[0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [np.nan, 1.0, 0.0]])
print(tf.math.in_top_k([1, 0, 1], pred, 1), tf.nn.in_top_k([1, 1, 2], pred, 2))
print(tf.math.in_top_k(tf.constant([2, 5, 0], tf.int64), pred, 3))

# %%
print(
    grads(lambda a: tf.nn.moments(a, [0])[0] + tf.nn.moments(a, [0])[1], [[1.0, 2.0], [3.0, 6.0]])
)
print(grads(lambda a: tf.nn.moments(a, [0, 1])[1], [[1.0, 2.0], [3.0, 6.0]]))
print(
    grads(
        lambda a, b, c, d, e: tf.nn.batch_normalization(a, b, c, d, e, 0.01),
        [[1.0, 2.0], [3.0, 5.0]],
        [1.0, 2.0],
        [1.0, 4.0],
        [0.5, 0.0],
        [2.0, 3.0],
    )
)
print(grads(lambda a: tf.nn.l2_normalize(a, 1), [[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]]))
print(
    grads(
        lambda a, b: tf.nn.bias_add(a, b) * [[1.0, 2.0, 3.0]],
        [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
        [0.0, 0.0, 0.0],
    )
)
print(grads(lambda a: tf.nn.normalize_moments(2.0, a, a * 3.0, None)[1], [1.0, 2.0]))
