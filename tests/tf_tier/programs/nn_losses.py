# tf.nn softmax/log_softmax (axis), the cross-entropies, l2_loss and log_poisson_loss:
# values, dtypes (half computed in float32), TF's shape and dtype errors, and TF's gradients
# (softmax - labels for the softmax cross-entropy, whatever the labels sum to).
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
m3 = tf.reshape(tf.range(24, dtype=tf.float32) / 7.0, (2, 3, 4))

# %%
print(tf.nn.softmax(m), tf.nn.log_softmax(m))
print(tf.nn.softmax(m, axis=0), tf.nn.log_softmax(m, 0), tf.math.softmax(m, -2))
print(tf.nn.softmax(m3, axis=1), tf.math.log_softmax(m3, axis=-3))
print(tf.nn.softmax([1.0, 2.0]), tf.nn.softmax(tf.constant([1000.0, 0.0], tf.float64)))

# %%
for dt in [tf.float16, tf.bfloat16, tf.float64]:
    print(tf.nn.softmax(tf.cast(m, dt)), tf.nn.log_softmax(tf.cast(m, dt), axis=0))
print(tf.nn.softmax(tf.zeros((0, 3))), tf.nn.softmax(tf.zeros((2, 0))))
print(tf.nn.softmax(tf.constant([-np.inf, 0.0, 1.0])), tf.nn.log_softmax([0.0, -np.inf]))

# %%
show(lambda: tf.nn.softmax(m, axis=2))
show(lambda: tf.nn.softmax(m, axis=-3))
show(lambda: tf.nn.log_softmax(m, axis=5))
show(lambda: tf.nn.softmax(tf.constant(1.0)))
show(lambda: tf.nn.softmax(tf.constant(1.0, tf.float64)))
show(lambda: tf.nn.log_softmax(tf.constant(1.0)))
show(lambda: tf.nn.softmax(tf.zeros((1, 1, 1, 1, 1, 1))))
print(tf.nn.softmax(tf.zeros((1, 1, 1, 1, 1, 2), tf.float64)).shape)
show(lambda: tf.nn.softmax([1, 2]))
show(lambda: tf.nn.log_softmax(tf.constant([True])))

# %%
lab = tf.constant([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
print(tf.nn.softmax_cross_entropy_with_logits(lab, m))
print(tf.nn.softmax_cross_entropy_with_logits(labels=[[0, 1, 0]], logits=m))
print(tf.nn.softmax_cross_entropy_with_logits([0.0, 1.0, 0.0], m))
print(tf.nn.softmax_cross_entropy_with_logits(tf.transpose(lab), tf.transpose(m), axis=0))
print(tf.nn.softmax_cross_entropy_with_logits(m3, m3 * 2.0, axis=1))
print(
    tf.nn.softmax_cross_entropy_with_logits(
        tf.constant([0.0, 1.0, 0.0]), tf.constant([1.0, 2.0, 3.0])
    )
)
print(tf.nn.softmax_cross_entropy_with_logits(tf.cast(lab, tf.float16), tf.cast(m, tf.float16)))
print(tf.nn.softmax_cross_entropy_with_logits(lab, tf.cast(m, tf.float64)))

# %%
show(lambda: tf.nn.softmax_cross_entropy_with_logits([[0, 1]], m))
show(lambda: tf.nn.softmax_cross_entropy_with_logits(tf.ones((3, 3)), m))
show(lambda: tf.nn.softmax_cross_entropy_with_logits(lab, [[1, 2, 3], [1, 2, 3]]))
show(lambda: tf.nn.softmax_cross_entropy_with_logits(tf.constant(0.0), tf.constant(1.0)))
show(lambda: tf.nn.softmax_cross_entropy_with_logits(m, m, axis=2))
show(lambda: tf.nn.softmax_cross_entropy_with_logits(m, m, axis=-2))

# %%
print(tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0], m))
print(
    tf.nn.sparse_softmax_cross_entropy_with_logits(
        tf.constant([[1, 3], [0, 2]], tf.int64), m3[:, :2]
    )
)
print(tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([2, 0]), tf.cast(m, tf.float16)))
print(
    tf.nn.sparse_softmax_cross_entropy_with_logits(
        tf.constant([1]), tf.constant([[0.0, 1e4]], tf.float64)
    )
)

# %%
show(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 5], m))
show(
    lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
        tf.constant([[1, 4], [0, -1]]), m3[:, :2, :3]
    )
)
show(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0, 1], m))
show(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(2, m))
show(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([2.0, 0.0], m))
show(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0], [[1, 2, 3], [1, 2, 3]]))
show(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(1, tf.constant(1.0)))

# %%
z = tf.constant([-2.0, 0.0, 0.5, 30.0])
lz = tf.constant([1.0, 0.0, 0.5, 0.0])
print(
    tf.nn.sigmoid_cross_entropy_with_logits(lz, z),
    tf.nn.sigmoid_cross_entropy_with_logits(logits=z, labels=lz),
)
print(
    tf.nn.weighted_cross_entropy_with_logits(lz, z, 2.0),
    tf.nn.weighted_cross_entropy_with_logits(lz, z, 0.5),
)
print(tf.nn.weighted_cross_entropy_with_logits(lz, z, tf.constant([1.0, 2.0, 3.0, 4.0])))
print(tf.nn.sigmoid_cross_entropy_with_logits(tf.cast(lz, tf.float64), tf.cast(z, tf.float64)))
print(tf.nn.weighted_cross_entropy_with_logits(lz, z, 2))

# %%
show(lambda: tf.nn.sigmoid_cross_entropy_with_logits([1, 0], [1.0, 2.0]))
show(lambda: tf.nn.sigmoid_cross_entropy_with_logits([1.0, 0.0, 1.0], [1.0, 2.0]))
show(lambda: tf.nn.sigmoid_cross_entropy_with_logits(logits=[1.0, 2.0]))
show(lambda: tf.nn.sigmoid_cross_entropy_with_logits([1.0, 0.0], [1, 2]))
show(lambda: tf.nn.sigmoid_cross_entropy_with_logits([1, 0], [1, 2]))
show(
    lambda: tf.nn.weighted_cross_entropy_with_logits(
        [1.0, 0.0], [1.0, -2.0], tf.constant(2.0, tf.float64)
    )
)
show(lambda: tf.nn.weighted_cross_entropy_with_logits([1, 0], [1.0, -2.0], 2.0))
show(lambda: tf.nn.weighted_cross_entropy_with_logits([1.0, 0.0, 1.0], [1.0, -2.0], 2.0))
show(lambda: tf.nn.weighted_cross_entropy_with_logits([1.0, 0.0], [1, -2], 2))

# %%
print(tf.nn.l2_loss(m), tf.nn.l2_loss(tf.constant(3.0, tf.float64)), tf.nn.l2_loss([1.0, 2.0]))
print(tf.nn.l2_loss(tf.constant([300.0, 4.0], tf.float16)), tf.nn.l2_loss(tf.zeros((0,))))
t_ = tf.constant([0.0, 2.0, 3.0, 0.5])
li = tf.constant([0.1, 0.5, 1.0, -1.0])
print(tf.nn.log_poisson_loss(t_, li), tf.nn.log_poisson_loss(t_, li, compute_full_loss=True))
show(lambda: tf.nn.log_poisson_loss(tf.constant([0.0, 0.5]), li))
show(lambda: tf.nn.log_poisson_loss([0, 1, 2, 3], li))

# %%
print(
    grads(
        lambda a, b: tf.nn.softmax_cross_entropy_with_logits(a, b),
        [[0.5, 0.9, 0.1]],
        [[1.0, 2.0, 0.0]],
    )
)
print(
    grads(
        lambda a, b: tf.nn.softmax_cross_entropy_with_logits(a, b, axis=0),
        [[0.5], [0.5]],
        [[1.0], [2.0]],
    )
)
print(
    grads(
        lambda b: tf.nn.softmax_cross_entropy_with_logits([0.5, 0.5, 0.0], b),
        [[1.0, 2.0, 0.0], [0.0, 0.0, 0.0]],
    )
)
print(
    grads(
        lambda b: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0], b),
        [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]],
    )
)
print(grads(tf.nn.sigmoid_cross_entropy_with_logits, [1.0, 0.0, 0.5], [0.0, 1.0, -2.0]))
print(grads(tf.nn.weighted_cross_entropy_with_logits, [1.0, 0.0, 0.5], [0.0, 1.0, -2.0], 3.0))
print(grads(lambda a: tf.nn.weighted_cross_entropy_with_logits([1.0, 0.0], a, 3.0), [0.0, -1.0]))

# %%
print(grads(tf.nn.softmax, [[1.0, 2.0, 3.0]]), grads(tf.nn.log_softmax, [[1.0, 2.0, 3.0]]))
print(grads(lambda v: tf.nn.softmax(v) * [[1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0]]))
print(grads(lambda v: tf.nn.log_softmax(v, axis=0) * [[1.0], [3.0]], [[1.0], [2.0]]))
print(grads(tf.nn.l2_loss, [[1.0, -2.0]]), grads(tf.nn.log_poisson_loss, [0.0, 2.0], [0.1, 0.5]))
print(grads(lambda a, b: tf.nn.log_poisson_loss(a, b, True), [0.5, 2.0], [0.1, 0.5]))

# %%
# Second order through the softmax cross-entropy (TF's CrossEntropyGrad keeps it).
lg = tf.constant([[1.0, 2.0, 0.0]])
with tf.GradientTape() as t2:
    t2.watch(lg)
    with tf.GradientTape() as t1:
        t1.watch(lg)
        y = tf.nn.softmax_cross_entropy_with_logits([[0.5, 0.5, 0.0]], lg)
    g = t1.gradient(y, lg)
    gg = tf.reduce_sum(g * [[1.0, 2.0, 3.0]])
print(g, t2.gradient(gg, lg))
with tf.GradientTape() as t2:
    t2.watch(lg)
    with tf.GradientTape() as t1:
        t1.watch(lg)
        y = tf.nn.sparse_softmax_cross_entropy_with_logits([1], lg)
    g = t1.gradient(y, lg)
    gg = tf.reduce_sum(g * [[1.0, 2.0, 3.0]])
print(g, t2.gradient(gg, lg))
