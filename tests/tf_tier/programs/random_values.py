# tf.random's values, printed: TF's Philox streams (stateless ops, tf.random.Generator and
# seeded stateful ops) and SHA-1 digests of large uniform and integer draws.
import hashlib

import numpy as np
import tensorflow as tf


def digest(t):
    """SHA-1 of a draw's bytes."""
    return hashlib.sha1(np.ascontiguousarray(t.numpy()).tobytes()).hexdigest()


# %%
print(tf.random.stateless_uniform([5], seed=[1, 2]))
print(tf.random.stateless_uniform([3], seed=[3, 4], minval=-2.0, maxval=5.0, dtype=tf.float64))
print(tf.random.stateless_uniform([6], seed=[3, 4], minval=-7, maxval=9, dtype=tf.int32))
print(tf.random.stateless_uniform([4], seed=[3, 4], minval=-2**40, maxval=3**30,
                                  dtype=tf.int64))
print(tf.random.stateless_uniform([3], seed=[5, 6], minval=None, maxval=None, dtype=tf.uint64))
print(tf.random.stateless_uniform([4], seed=[5, 6], dtype=tf.float16))
print(tf.random.stateless_uniform([4], seed=[5, 6], dtype=tf.bfloat16))
print(tf.random.stateless_uniform([3], seed=[1, 2], alg="philox"))

# %%
print(tf.random.stateless_normal([2, 3], seed=[1, 2], mean=1.0, stddev=3.0, dtype=tf.float64))
print(tf.random.stateless_truncated_normal([7], seed=[9, 9], dtype=tf.float64))
print(tf.random.stateless_normal([4], seed=[7, 8], dtype=tf.float16))
print(tf.random.stateless_categorical(tf.math.log([[0.5, 0.5, 0.1], [0.1, 0.8, 0.1]]), 7,
                                      seed=[4, 5]))
print(tf.random.experimental.stateless_split([1, 2], num=3))
print(tf.random.experimental.stateless_fold_in(tf.constant([1, 2], tf.int64), 7))

# %%
print(digest(tf.random.stateless_uniform([1000003], seed=[11, 12])))
print(digest(tf.random.stateless_uniform([1000003], seed=[11, 12], dtype=tf.float64)))
print(digest(tf.random.stateless_uniform([1000003], seed=[-3, 2**40], minval=-1000,
                                         maxval=123456, dtype=tf.int64)))
print(digest(tf.random.stateless_uniform([1000003], seed=[11, 12], minval=None, maxval=None,
                                         dtype=tf.uint32)))
print(digest(tf.random.stateless_normal([1000003], seed=[11, 12], dtype=tf.float64)))
print(digest(tf.random.stateless_truncated_normal([100003], seed=[11, 12], dtype=tf.float64)))

# %%
g = tf.random.Generator.from_seed(1)
print(g.state)
print(g.normal([2, 2], dtype=tf.float64))
print(g.state)
print(g.uniform([3], minval=-5, maxval=5, dtype=tf.int64))
print(g.truncated_normal([3], dtype=tf.float64))
print(g.uniform_full_int([2]))
print(g.make_seeds(2))
g1, g2 = g.split(2)
print(g1.state, g2.uniform([2], dtype=tf.float64))
g.reset_from_seed(42)
print(g.uniform([3], dtype=tf.float64), g.state)
print(tf.random.Generator.from_seed(7, alg="auto_select").uniform([2], dtype=tf.float64))
print(digest(tf.random.Generator.from_seed(3).uniform([100000])))

# %%
tf.random.set_seed(1234)
print(tf.random.uniform([3]))
print(tf.random.uniform([3]))
print(tf.random.uniform([3], seed=1))
print(tf.random.uniform([3], seed=1))
print(tf.random.normal([2], seed=1, dtype=tf.float64))
print(tf.random.truncated_normal([3], seed=2, dtype=tf.float64))
print(tf.random.uniform([4], maxval=100, dtype=tf.int32, seed=3))
print(tf.random.categorical([[1.0, 2.0, 3.0]], 5, seed=4))
print(tf.random.categorical([[1.0, 2.0, 3.0]], 5, seed=4))
tf.random.set_seed(None)
print(tf.random.uniform([2], seed=9, dtype=tf.float64))


# %%
@tf.function
def f():
    return tf.random.uniform([2], dtype=tf.float64), tf.random.uniform([2], seed=3)


tf.random.set_seed(5)
print(f())
print(f())
