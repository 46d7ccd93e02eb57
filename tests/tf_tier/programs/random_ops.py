# tf.random ops: dtypes, shapes, ranges, loose statistics and errors. The values themselves
# are never printed (tfshim's streams are JAX's, not TF's Philox).
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


def every(t):
    """All true (NumPy: the program checks tf.random, not reductions)."""
    return bool(np.all(t.numpy()))


def mean(t):
    return float(np.mean(t.numpy().astype(np.float64)))


def kind(t):
    """dtype and shape of a result."""
    return t.dtype.name, t.shape.as_list()


tf.random.set_seed(1234)

# %%
for dt in [tf.float16, tf.bfloat16, tf.float32, tf.float64]:
    print(kind(tf.random.normal([2, 3], dtype=dt)), kind(tf.random.uniform([4], dtype=dt)),
          kind(tf.random.truncated_normal([3, 1], dtype=dt)))
print(kind(tf.random.normal([])), kind(tf.random.normal([2, 0])), kind(tf.random.normal(tf.constant([2, 3], tf.int64))))
print(kind(tf.random.normal(tf.TensorShape([4, 1]))), kind(tf.random.normal((2,), mean=[1.0, 2.0])), kind(tf.random.uniform([3], minval=[0.0, 1.0, 2.0], maxval=3.0)))
print(kind(tf.random.uniform([2], maxval=5, dtype=tf.int64)), kind(tf.random.uniform([], maxval=3, dtype=tf.int32)), kind(tf.random.uniform([2], minval=1, maxval=3)))

# %%
x = tf.random.normal([20000], mean=3.0, stddev=2.0)
print(abs(mean(x) - 3.0) < 0.1, abs(float(np.std(x.numpy())) - 2.0) < 0.1)
u = tf.random.uniform([20000], minval=-1.0, maxval=3.0)
print(every(u >= -1.0), every(u < 3.0), abs(mean(u) - 1.0) < 0.05)
t = tf.random.truncated_normal([20000], mean=1.0, stddev=0.5)
print(every(tf.abs(t - 1.0) <= 1.0), abs(mean(t) - 1.0) < 0.05)
k = tf.random.uniform([20000], minval=-3, maxval=4, dtype=tf.int32)
print(int(np.min(k.numpy())), int(np.max(k.numpy())), k.dtype)
h = tf.random.uniform([1000], dtype=tf.float16)
print(every(h >= 0.0), every(h < 1.0))

# %%
c = tf.random.categorical(tf.math.log([[0.1, 0.9], [1.0, 0.0]]), 4000)
print(kind(c), int(np.sum(c[1].numpy())), abs(mean(tf.cast(c[0], tf.float32)) - 0.9) < 0.05)
print(kind(tf.random.categorical([[0.0, 1.0]], 5, dtype=tf.int32)), kind(tf.random.categorical([[0.0, 1.0]], 0)), kind(tf.random.categorical(tf.zeros([0, 3]), 3)))
print(kind(tf.random.categorical([[0.0, 1.0]], tf.constant(2))), kind(tf.random.categorical(tf.constant([[0.0, 1.0]], tf.float16), 2)))
s = tf.random.shuffle(tf.range(10))
print(kind(s), sorted(s.numpy().tolist()), kind(tf.random.shuffle(tf.ones([3, 2]))), kind(tf.random.shuffle(5)), kind(tf.random.shuffle(["a", "b"])))
p = tf.random.poisson([4000], 3.0)
print(kind(p), abs(mean(p) - 3.0) < 0.15, every(p >= 0), bool(np.all(np.floor(p.numpy()) == p.numpy())))
print(kind(tf.random.poisson([2], [1.0, 2.0, 3.0])), kind(tf.random.poisson([2], 3, dtype=tf.int64)), kind(tf.random.poisson([2, 3], [[1.0, 2.0], [3.0, 4.0]])))
print(kind(tf.random.poisson([2], tf.constant(3.0, tf.float64), dtype=tf.float16)), kind(tf.random.poisson([2], tf.constant(3, tf.int64))))
g = tf.random.gamma([4000], 2.0, 4.0)
print(kind(g), abs(mean(g) - 0.5) < 0.05, every(g > 0))
print(kind(tf.random.gamma([2], [1.0, 2.0], [[1.0], [2.0]])), kind(tf.random.gamma([2], 3.0, dtype=tf.float64)), kind(tf.random.gamma([2], [[1.0], [2.0]], [1.0, 2.0, 3.0])))

# %%
show(lambda: tf.random.normal([-1]))
show(lambda: tf.random.normal([2.5]))
show(lambda: tf.random.normal(3))
show(lambda: tf.random.normal([[2]]))
show(lambda: tf.random.normal([2], dtype=tf.int32))
show(lambda: tf.random.normal([2], dtype=tf.complex64))
show(lambda: tf.random.normal([2], dtype=tf.int32, mean=tf.constant(0), stddev=tf.constant(1)))
show(lambda: tf.random.normal([2], mean=tf.constant(1.0, tf.float64)))
show(lambda: tf.random.normal([2], mean=[1.0, 2.0, 3.0]))
show(lambda: tf.random.truncated_normal([2], dtype=tf.complex64))
show(lambda: tf.random.uniform([2], dtype=tf.int32))
show(lambda: tf.random.uniform([2], minval=5, maxval=5, dtype=tf.int32))
show(lambda: tf.random.uniform([2], minval=[1, 2], maxval=5, dtype=tf.int32))
show(lambda: tf.random.uniform([2], dtype=tf.uint8))
show(lambda: tf.random.uniform([2], maxval=2.5, dtype=tf.int32))
show(lambda: tf.random.uniform([2], minval=tf.constant(1), maxval=tf.constant(3.0)))
show(lambda: tf.random.categorical([0.0, 1.0], 5))
show(lambda: tf.random.categorical([[0.0, 1.0]], 5, dtype=tf.float32))
show(lambda: tf.random.categorical([[0.0, 1.0]], -1))
show(lambda: tf.random.categorical([[0.0, 1.0]], 2.5))
show(lambda: tf.random.categorical(tf.zeros([2, 0]), 3))
show(lambda: tf.random.poisson([2], 3.0, dtype=tf.bool))
show(lambda: tf.random.gamma([2], 3.0, dtype=tf.int32))

# %%
seed = [1, 2]
for f in [tf.random.stateless_uniform, tf.random.stateless_normal, tf.random.stateless_truncated_normal]:
    a, b = f([3], seed), f([3], seed)
    print(kind(a), every(a == b), every(a == f([3], [1, 3])), kind(f([2, 2], tf.constant(seed, tf.int64), dtype=tf.float64)))
print(kind(tf.random.stateless_uniform([2], seed, dtype=tf.int32, minval=None)), kind(tf.random.stateless_uniform([2], seed, minval=None, dtype=tf.uint32)))
print(kind(tf.random.stateless_uniform([2], seed, minval=0, maxval=4, dtype=tf.int64)), kind(tf.random.stateless_normal([2], seed, dtype=tf.float16)))
su = tf.random.stateless_uniform([5000], seed, minval=2, maxval=6, dtype=tf.int32)
print(int(np.min(su.numpy())), int(np.max(su.numpy())), every(su == tf.random.stateless_uniform([5000], seed, minval=2, maxval=6, dtype=tf.int32)))
sc = tf.random.stateless_categorical([[0.0, 1.0]], 4, seed)
print(kind(sc), every(sc == tf.random.stateless_categorical([[0.0, 1.0]], 4, seed)), kind(tf.random.stateless_categorical([[0.0, 1.0]], 4, seed, dtype=tf.int32)))
print(kind(tf.random.stateless_gamma([2, 3], seed, [1.0, 2.0, 3.0])), kind(tf.random.stateless_poisson([2, 3], seed, [1.0, 2.0, 3.0])), kind(tf.random.stateless_poisson([2], seed, 2.0, dtype=tf.float32)))
print(kind(tf.random.stateless_binomial([2], seed, [10, 20], 0.5)), kind(tf.random.stateless_binomial([2], seed, 10.0, [0.5, 0.1], output_dtype=tf.float32)))
pt = tf.random.stateless_parameterized_truncated_normal([1000], seed, means=1.0, minvals=0.5, maxvals=3.0)
print(kind(pt), every(pt >= 0.5), every(pt <= 3.0))
print(kind(tf.random.split(seed)), kind(tf.random.split(tf.constant(seed, tf.int64), 3)), kind(tf.random.fold_in(seed, 7)), kind(tf.random.experimental.stateless_split(seed)))
print(every(tf.random.split(seed) == tf.random.split(seed)), int(tf.random.fold_in(seed, 7)[1]), kind(tf.random.experimental.stateless_fold_in(seed, tf.constant(3, tf.int64))))
ss = tf.random.experimental.stateless_shuffle(tf.range(6), seed)
print(sorted(ss.numpy().tolist()), every(ss == tf.random.experimental.stateless_shuffle(tf.range(6), seed)))
ix = tf.random.experimental.index_shuffle(tf.range(10), seed, 9)
print(kind(ix), sorted(ix.numpy().tolist()), kind(tf.random.experimental.index_shuffle(3, tf.constant(seed, tf.int64), tf.constant(10, tf.int64))))
print(kind(tf.random.stateless_uniform([2], seed, alg="philox")), kind(tf.random.stateless_uniform([2], seed, alg=tf.random.Algorithm.AUTO_SELECT)))
show(lambda: tf.random.stateless_uniform([2], seed, alg="threefry"))
show(lambda: tf.random.stateless_normal([2], seed, alg=2))
show(lambda: tf.random.experimental.stateless_shuffle([1, 2], seed, alg="threefry"))

# %%
show(lambda: tf.random.stateless_uniform([2], [1, 2, 3]))
show(lambda: tf.random.stateless_uniform([2], 1))
show(lambda: tf.random.stateless_uniform([2], [1.0, 2.0]))
show(lambda: tf.random.stateless_uniform([2], tf.constant(seed, tf.uint32)))
show(lambda: tf.random.stateless_uniform([2], seed, dtype=tf.int32))
show(lambda: tf.random.stateless_uniform([2], seed, minval=0, maxval=4, dtype=tf.uint32))
show(lambda: tf.random.stateless_uniform([2], seed, dtype=tf.uint8))
show(lambda: tf.random.stateless_uniform([2], seed, minval=2, maxval=2, dtype=tf.int32))
show(lambda: tf.random.stateless_uniform([2], seed, alg="foo"))
show(lambda: tf.random.stateless_uniform([2], seed, alg=5))
show(lambda: tf.random.stateless_normal([2], seed, dtype=tf.int32))
show(lambda: tf.random.stateless_normal([2], seed, mean=[1.0, 2.0, 3.0]))
show(lambda: tf.random.stateless_categorical([0.0, 1.0], 4, seed))
show(lambda: tf.random.stateless_gamma([2], seed, [1.0, 2.0, 3.0]))
show(lambda: tf.random.experimental.index_shuffle([1, 3], [1, 2, 3], 10))
