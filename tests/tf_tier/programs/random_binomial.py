# TF's binomial (inversion and BTRS) and parameterized truncated normal samplers (normal,
# uniform and exponential rejection, TF's thread shards) printed, with the Generator's state
# advance and SHA-1 digests of large draws. TF's shards follow its intra-op thread count: fixed
# at 2 here so the digests do not depend on the machine.
import os

os.environ["TF_NUM_INTRAOP_THREADS"] = "2"

import hashlib  # noqa: E402

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def digest(t):
    """SHA-1 of a tensor's bytes."""
    return hashlib.sha1(np.ascontiguousarray(t.numpy()).tobytes()).hexdigest()


# %%
print(tf.random.stateless_binomial([3], seed=[1, 2], counts=10., probs=0.3))
print(tf.random.stateless_binomial([4, 3], seed=[3, 4], counts=[5., 50., 500.],
                                   probs=[0.1, 0.5, 0.93]))
print(tf.random.stateless_binomial([2, 2, 3], seed=[-7, 2**31 - 1], counts=[[20.], [400.]],
                                   probs=[0.0, 0.7, 1.0], output_dtype=tf.float32))
print(tf.random.stateless_binomial([5], seed=[5, 6], counts=tf.constant(1e4, tf.float64),
                                   probs=tf.constant(0.35, tf.float64), output_dtype=tf.int64))
print(tf.random.stateless_binomial([3, 2], seed=[5, 6], counts=tf.constant([8., 900.],
                                                                           tf.float16),
                                   probs=tf.constant([0.6, 0.01], tf.float16),
                                   output_dtype=tf.float16))
print(tf.random.stateless_binomial([0, 2], seed=[1, 1], counts=[1., 2.], probs=0.5))

# %%
g = tf.random.Generator.from_seed(5)
print(g.binomial([3, 2], counts=[10., 100.], probs=[0.3, 0.6]))
print(g.state)
print(g.binomial([5], counts=10., probs=0.3, dtype=tf.int64))
print(g.state.numpy())
g2 = tf.random.Generator.from_seed(9)


@tf.function
def draw():
    return g2.binomial([2, 3], counts=[30., 3., 3000.], probs=[0.5, 0.5, 0.999])


print(draw())
print(draw())
print(g2.state.numpy())

# %%
print(digest(tf.random.stateless_binomial([12000, 5], seed=[8, 9],
                                          counts=[4., 40., 400., 4e4, 4e6],
                                          probs=[0.6, 0.2, 0.45, 0.05, 0.999])))
print(digest(tf.random.stateless_binomial([50000], seed=[8, 10],
                                          counts=tf.constant(37., tf.float64),
                                          probs=tf.constant(0.81, tf.float64),
                                          output_dtype=tf.float64)))

# %%
f64 = tf.float64
for p in ((0., 1., -2., 2.), (0., 1., -0.5, 0.5), (0., 1., 1., 1.5), (1., 2., -np.inf, 0.),
          (-3., 0.5, 2., np.inf)):
    print(tf.random.stateless_parameterized_truncated_normal(
        [4], seed=[1, 2], means=tf.constant(p[0], f64), stddevs=tf.constant(p[1], f64),
        minvals=tf.constant(p[2], f64), maxvals=tf.constant(p[3], f64)).numpy().tolist())
print(tf.random.stateless_parameterized_truncated_normal([5], seed=[3, 4], means=0.,
                                                         stddevs=1., minvals=-0.4,
                                                         maxvals=0.6))
h = tf.float16
print(tf.random.stateless_parameterized_truncated_normal(
    [3, 2], seed=[5, 6], means=tf.constant([0., 5.], h), stddevs=tf.constant(1., h),
    minvals=tf.constant([-1., 4.], h), maxvals=tf.constant(6., h)))
print(tf.random.stateless_parameterized_truncated_normal(
    [2, 2, 3], seed=[7, 8], means=tf.constant([[0.], [1.]], f64), stddevs=tf.constant(1., f64),
    minvals=tf.constant([-1., 0.5, 2.], f64), maxvals=tf.constant(3., f64)).numpy().tolist())

# %%
for n, dtype in ((800, tf.float64), (900, tf.float16), (30000, tf.float64)):
    print(n, dtype.name, digest(tf.random.stateless_parameterized_truncated_normal(
        [n], seed=[11, 12], means=tf.constant(1., dtype), stddevs=tf.constant(2., dtype),
        minvals=tf.constant(0., dtype), maxvals=tf.constant(1.5, dtype))))
print(digest(tf.random.stateless_parameterized_truncated_normal(
    [6000, 3], seed=[13, 14], means=tf.constant(0., f64), stddevs=tf.constant(1., f64),
    minvals=tf.constant([-2., -0.5, 1.], f64), maxvals=tf.constant([2., 0.5, 1.5], f64))))

# %%
try:
    tf.random.stateless_parameterized_truncated_normal([3], [1, 2], 0., 1., 1., -1.)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, e)
try:
    tf.random.stateless_binomial([3], [1, 2], [10., 5.], 0.3)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, e)
# %%
# Categorical: TF splits the rows over its threads and skips the stream per shard.
big = tf.constant(np.cos(np.arange(3000 * 12)).reshape(3000, 12).astype(np.float32))
cat = tf.random.stateless_categorical(big, 5, seed=[7, 9])
print(cat.shape, hashlib.sha1(cat.numpy().tobytes()).hexdigest())
tf.random.set_seed(11)
cat = tf.random.categorical(big[:700], 3, dtype=tf.int32)
print(cat[:2].numpy(), hashlib.sha1(cat.numpy().tobytes()).hexdigest())
