# tf.random's samplers, printed: shuffles (TF's Fisher-Yates over Philox words: tf.random.shuffle
# with set_seed and op seeds, stateless_shuffle, inside tf.function), index_shuffle's Simon
# cipher, TF's gamma (float32: every value TF's) and Poisson samplers; SHA-1 digests of large
# draws.
import hashlib

import numpy as np
import tensorflow as tf


def digest(t):
    """SHA-1 of a tensor's bytes."""
    return hashlib.sha1(np.ascontiguousarray(t.numpy()).tobytes()).hexdigest()


# %%
print(tf.random.experimental.stateless_shuffle(tf.range(10), seed=[1, 2]))
print(tf.random.experimental.stateless_shuffle(tf.reshape(tf.range(12.0), (6, 2)), seed=[7, -3]))
print(tf.random.experimental.stateless_shuffle(tf.constant([b"a", b"b", b"c"]), seed=[4, 4]))
print(digest(tf.random.experimental.stateless_shuffle(tf.range(100003), seed=[11, 12])))

# %%
tf.random.set_seed(1234)
print(tf.random.shuffle(tf.range(10)))
print(tf.random.shuffle(tf.range(10)))
print(tf.random.shuffle(tf.range(7), seed=5))
print(tf.random.shuffle(tf.range(7), seed=5))
print(tf.random.uniform([3], seed=5))
print(tf.random.shuffle(tf.constant([[1, 2], [3, 4], [5, 6]]), seed=5))
print(tf.random.shuffle(tf.constant([[7]])))


# %%
@tf.function
def shuffled(x):
    return tf.random.shuffle(x), tf.random.shuffle(x, seed=2), tf.random.uniform([2])


tf.random.set_seed(3)
print(shuffled(tf.range(6)))
print(shuffled(tf.range(6)))

# %%
print(tf.random.experimental.index_shuffle(tf.range(4), seed=[5, 9], max_index=3))
for dtype in (tf.int32, tf.int64, tf.uint32, tf.uint64):
    print(tf.random.experimental.index_shuffle(tf.constant([0, 1, 99, 65536], dtype),
                                               seed=[-1, 2**31 - 1],
                                               max_index=tf.constant(70000, dtype)))
print(tf.random.experimental.index_shuffle(tf.constant(12345, tf.int64),
                                           seed=tf.constant([3, 4], tf.int64),
                                           max_index=tf.constant(2**40, tf.int64)))
print(tf.random.experimental.index_shuffle(0, seed=[1, 2], max_index=0))
print(digest(tf.random.experimental.index_shuffle(tf.range(100000), seed=[8, 9],
                                                  max_index=10**9)))

# %%
print(tf.random.stateless_gamma([5, 2], seed=[1, 2], alpha=[0.5, 3.0], beta=[1.0, 2.0]))
print(tf.random.stateless_gamma([4], seed=[3, 4], alpha=1.0))
print(tf.random.stateless_gamma([2, 3, 1], seed=[3, 4], alpha=[[2.0], [0.1], [9.0]]))
print(tf.random.stateless_gamma([3], seed=[5, 6], alpha=tf.constant(2.5, tf.float16),
                                dtype=tf.float16))
print(digest(tf.random.stateless_gamma([5000, 4], seed=[11, 12], alpha=[0.2, 1.0, 1.7, 40.0])))

# %%
tf.random.set_seed(99)
print(tf.random.gamma([3], 2.0))
print(tf.random.gamma([3], 2.0))
print(tf.random.gamma([2], [0.5, 1.5], seed=4))
print(tf.random.gamma([2], [0.5, 1.5], seed=4))
print(tf.random.uniform([2], seed=4))
print(tf.random.gamma([2, 2], 3.0, beta=[[1.0], [4.0]]))

# %%
g = tf.random.Generator.from_seed(1)
print(g.state)
g.normal([3])
g.uniform([5], maxval=10, dtype=tf.int32)
g.uniform_full_int([2], tf.int64)
g.truncated_normal([2])
g.binomial([3], counts=5.0, probs=0.5)
print(g.state.numpy())
a, b = tf.random.Generator.from_seed(7).split(2)
print(a.state.numpy(), b.state.numpy(), a.normal([2]), b.uniform([2]))
g.reset_from_seed(3)
print(g.normal([2]), g.make_seeds(3), g.state.numpy())
tf.random.set_global_generator(tf.random.Generator.from_seed(11))
print(tf.random.get_global_generator().normal([2]))
print(tf.random.Generator.from_key_counter(key=5, counter=[6, 7], alg="philox").uniform([2]))
for key, counter in (([5], [6, 7]), (5, [6]), (5, [[6, 7]])):
    try:
        tf.random.Generator.from_key_counter(key=key, counter=counter, alg="philox")
    except ValueError as e:
        print("ValueError:", e)

# %%
tf.random.set_seed(3)
print(tf.nn.dropout(tf.ones([12]), 0.5, seed=1))
print(tf.nn.dropout(tf.ones([12]), 0.5))
print(tf.nn.dropout(tf.ones([2, 6]), 0.25, noise_shape=[1, 6], seed=2))

# %%
print(tf.random.stateless_poisson([4], seed=[3, 4], lam=4.5))
print(tf.random.stateless_poisson([2, 3], seed=[3, 4], lam=[20.0, 0.5, 300.0], dtype=tf.int64))
print(tf.random.stateless_poisson([3], seed=[1, 2], lam=tf.constant(7, tf.int32),
                                  dtype=tf.float32))
print(digest(tf.random.stateless_poisson([3000, 4], seed=[11, 12], lam=[0.1, 3.0, 9.9, 55.0])))
tf.random.set_seed(5)
print(tf.random.poisson([2], [1.5, 30.0], dtype=tf.int32))
print(tf.random.poisson([3], 2.0, seed=8))
print(tf.random.poisson([3], 2.0, seed=8))
print(tf.random.uniform([2], seed=8))
