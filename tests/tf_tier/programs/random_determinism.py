# TF's seed contract: tf.random.set_seed, op seeds, streams inside tf.function, and
# tf.random.Generator's state (its values are TF's exactly; the drawn numbers are not printed,
# except under a MirroredStrategy, where each replica's stream is the point).
import os
import tempfile

import numpy as np
import tensorflow as tf

cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 2)
tmp = tempfile.mkdtemp()


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


def eq(a, b):
    return bool(np.array_equal(np.asarray(a), np.asarray(b)))


# %%
tf.random.set_seed(5)
a1, a2 = tf.random.uniform([3]), tf.random.uniform([3])
tf.random.set_seed(5)
b1, b2 = tf.random.uniform([3]), tf.random.uniform([3])
print(eq(a1, b1), eq(a2, b2), eq(a1, a2))
tf.random.set_seed(5)
c1, c2 = tf.random.normal([3], seed=1), tf.random.normal([3], seed=1)
tf.random.set_seed(5)
tf.random.uniform([3])
d1, d2 = tf.random.normal([3], seed=1), tf.random.normal([3], seed=1)
print(eq(c1, c2), eq(c1, d1), eq(c2, d2))
tf.random.set_seed(6)
print(eq(tf.random.normal([3], seed=1), c1), eq(tf.random.uniform([3]), a1))
tf.random.set_seed(None)
e1 = tf.random.normal([3], seed=1)
tf.random.set_seed(None)
print(eq(tf.random.normal([3], seed=1), e1), eq(tf.random.normal([3]), tf.random.normal([3])))


# %%
@tf.function
def f():
    return tf.random.uniform([2]), tf.random.normal([2])


@tf.function
def g():
    return tf.random.uniform([2]), tf.random.normal([2])


tf.random.set_seed(7)
f1, f2 = f(), f()
tf.random.set_seed(7)
f3, f4 = f(), f()
print(eq(f1[0], f2[0]), eq(f1[0], f3[0]), eq(f2[1], f4[1]), eq(f1[0], f1[1]))
tf.random.set_seed(7)
g1 = g()
print(eq(g1[0], f1[0]), eq(g1[1], f1[1]))


@tf.function
def foo():
    return tf.random.uniform([1], seed=1), tf.random.uniform([1], seed=1)


tf.random.set_seed(7)
p1, p2 = foo(), foo()
print(eq(p1[0], p1[1]), eq(p1[0], p2[0]), eq(p2[0], p2[1]))
tf.random.set_seed(None)
h = tf.function(lambda: tf.random.normal([4]))
print(eq(h(), h()), h().shape, h().dtype)


@tf.function
def branch(x):
    return tf.cond(x > 0, lambda: tf.random.uniform([2]), lambda: tf.zeros([2]))


print(eq(branch(tf.constant(1)), branch(tf.constant(1))), eq(branch(tf.constant(-1)), tf.zeros([2])))
s = tf.function(lambda seed: tf.random.stateless_normal([3], seed))
print(eq(s(tf.constant([1, 2])), s(tf.constant([1, 2]))), eq(s(tf.constant([1, 2])), s(tf.constant([2, 2]))))

# %%
gen = tf.random.Generator.from_seed(1)
print(gen.state, gen.algorithm)
gen.normal([3])
print(gen.state.numpy())
gen.uniform([2, 2], maxval=5, dtype=tf.int32)
gen.truncated_normal([1])
gen.uniform_full_int([2])
print(gen.state.numpy(), gen.uniform_full_int([2]).dtype, gen.uniform_full_int([2], tf.int32).dtype, gen.make_seeds(3).shape, gen.make_seeds().dtype)
print(gen.state.numpy(), [x.state.shape for x in gen.split(3)], gen.state.numpy())
print(gen.skip(10).numpy(), gen.state.numpy(), gen.key.dtype, gen.state.name, gen.normal([0]).shape, gen.state.numpy())
gen.reset_from_seed(3)
print(gen.state.numpy())
gen.reset([1, 2, 3])
print(gen.state.numpy(), gen.key)
gen.reset_from_key_counter(7, [1, 2])
print(gen.state.numpy())
print(tf.random.Generator.from_key_counter(7, [1, 2], "philox").state.numpy(), tf.random.Generator.from_key_counter(7, [1], "threefry").state.numpy())
print(tf.random.Generator.from_seed(12345678901234).state.numpy(), tf.random.Generator.from_seed(-1).state.numpy(), tf.random.Generator.from_seed([1, 2]).state.numpy())
print(tf.random.Generator.from_seed(1, alg="auto_select").algorithm, tf.random.Generator.from_seed(1, alg=tf.random.Algorithm.THREEFRY).state.numpy())
print(tf.random.create_rng_state(5, "philox"), tf.random.create_rng_state([1, 2, 3, 4], 1), tf.random.create_rng_state(2**70 + 5, "philox"), tf.random.experimental.create_rng_state(-2, "threefry"))
print(tf.random.Generator(copy_from=gen).state.numpy(), tf.random.Generator.from_state([4, 5, 6], "philox").state.numpy())
nd = tf.random.Generator.from_non_deterministic_state()
print(nd.state.dtype, nd.state.shape, nd.algorithm, type(tf.random.get_global_generator()).__name__)
print(tf.random.get_global_generator() is tf.random.experimental.get_global_generator(), repr(tf.random.Algorithm.PHILOX), tf.random.Algorithm.AUTO_SELECT.value)
tf.random.set_global_generator(gen)
print(tf.random.get_global_generator() is gen)

# %%
show(lambda: tf.random.Generator.from_seed(1, alg="foo"))
show(lambda: gen.reset([1, 2]))
show(lambda: tf.random.Generator.from_state([1, 2], "philox"))
show(lambda: gen.normal([2], dtype=tf.int32))
show(lambda: gen.normal([2], dtype=tf.complex64))
show(lambda: gen.uniform([2], dtype=tf.int32))
show(lambda: gen.uniform([2], dtype=tf.uint8))
show(lambda: gen.uniform_full_int([2], tf.float32))
show(lambda: gen.normal(3))
show(lambda: gen.normal([-1]))
show(lambda: tf.random.Generator.from_seed(1, alg="threefry").normal([2]))
show(lambda: tf.random.split([1, 2], alg="threefry"))

# %%
gen2 = tf.random.Generator.from_seed(3)
step = tf.function(lambda: gen2.normal([2]))
r1, r2 = step(), step()
print(eq(r1, r2), gen2.state.numpy())
gen2.reset_from_seed(3)
print(eq(step(), r1), eq(gen2.normal([2]), r2), gen2.state.numpy())
gen3 = tf.random.Generator.from_seed(3)
print(eq(gen3.normal([2]), r1), eq(gen3.normal([2]), r2))

# %%
mean, std = tf.constant(2.0), tf.constant(3.0)
with tf.GradientTape(persistent=True) as t:
    t.watch([mean, std])
    x = tf.random.normal([5], mean=mean, stddev=std)
    y = tf.random.truncated_normal([5], mean=mean, stddev=std)
    z = tf.random.stateless_normal([5], [1, 2], mean=mean, stddev=std)
print(t.gradient(x, mean), t.gradient(y, mean), t.gradient(z, mean), t.gradient(x, std).shape)
print(np.allclose(t.gradient(x, std).numpy(), ((x - mean) / std).numpy().sum(), rtol=1e-4))
lo, hi = tf.constant(1.0), tf.constant(4.0)
with tf.GradientTape(persistent=True) as t:
    t.watch([lo, hi])
    u = tf.random.uniform([100], minval=lo, maxval=hi)
print(np.allclose(t.gradient(u, lo).numpy() + t.gradient(u, hi).numpy(), 100.0), t.gradient(u, hi).dtype)
alpha = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(alpha)
    s = tf.random.gamma([50], alpha)
ga = t.gradient(s, alpha)
print(ga.shape, ga.dtype, bool(np.all(ga.numpy() > 0)))
with tf.GradientTape() as t:
    t.watch(alpha)
    k = tf.random.poisson([3], alpha)
print(t.gradient(k, alpha))

# %%
# A seeded Generator made in a MirroredStrategy's scope: each replica draws its own stream (the
# key hashed with the replica id, as TF's), each replica's state component advances.
strat = tf.distribute.MirroredStrategy(["cpu:0", "cpu:1"])
with strat.scope():
    g = tf.random.Generator.from_seed(1)
    print(strat.run(lambda: g.normal([])))
    print(strat.run(lambda: g.uniform_full_int([2], tf.int64)))
    print(g.state.numpy(), g.normal([]), g.state.numpy())  # cross-replica: the plain stream


def per_replica():
    h = tf.random.Generator.from_seed(7)
    return tf.stack([h.normal([]), h.uniform([])])


with strat.scope():
    print(strat.run(per_replica))
g0 = tf.random.Generator.from_seed(1)  # made outside the strategy: one stream, shared
print(strat.run(lambda: g0.normal([])), g0.state.numpy())
with strat.scope():
    g3 = tf.random.Generator.from_seed(3)


@tf.function
def step():  # every replica in one program
    return strat.run(g3.uniform, args=([2],))


print(step(), step(), [c.numpy() for c in g3.state.values])

# %%
# Checkpointing a distributed Generator: restoring rewinds every replica's stream; restored
# into a plain Generator, the state is the first replica's.
with strat.scope():
    g = tf.random.Generator.from_seed(5)
    ckpt = tf.train.Checkpoint(gen=g)
    print(strat.run(lambda: g.normal([2])))
    path = ckpt.write(os.path.join(tmp, "rng"))
    a = strat.run(lambda: g.normal([2]))
    ckpt.restore(path)
    b = strat.run(lambda: g.normal([2]))
    print(a, all(eq(x, y) for x, y in zip(a.values, b.values)))
plain = tf.random.Generator.from_seed(0)
tf.train.Checkpoint(gen=plain).restore(path)
print(plain.state.numpy(), plain.normal([2]))

# %%
# A tf.Module holding a Generator, its tf.functions run per replica, saved under the strategy
# (the saved functions draw the plain stream) and loaded.


class Holder(tf.Module):
    def __init__(self):
        super().__init__()
        self.g = tf.random.Generator.from_seed(0)

    @tf.function
    def __call__(self):
        return self.g.uniform([])

    @tf.function
    def state(self):
        return self.g.state


with strat.scope():
    m = Holder()
    print(strat.run(m), m.state())
    tf.saved_model.save(m, os.path.join(tmp, "holder"))
    print(strat.run(m), m.state())
loaded = tf.saved_model.load(os.path.join(tmp, "holder"))
print(loaded.state(), loaded(), loaded.state(), loaded(), loaded.state())
