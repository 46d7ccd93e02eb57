# tf.data: sources, structure, reprs, transformations, iterators, cardinality, TF's errors.
import collections
import numpy as np
import tensorflow as tf

# %%
ds = tf.data.Dataset.from_tensor_slices(np.arange(10, dtype=np.int32))
print(ds)
print(ds.element_spec, ds.cardinality(), len(ds))
print(list(ds.as_numpy_iterator()))
for x in ds.take(2):
    print(x)

# %%
pairs = tf.data.Dataset.from_tensor_slices((np.arange(6.0).reshape(3, 2), ["a", "b", "c"]))
print(pairs)
for x, s in pairs:
    print(x.numpy(), s.numpy(), x.dtype, s.dtype)

# %%
d = tf.data.Dataset.from_tensor_slices({"a": [1, 2], "b": [[1.0], [2.0]]})
print(d)
print(list(d.as_numpy_iterator()))
Point = collections.namedtuple("Point", ["x", "y"])
nt = tf.data.Dataset.from_tensor_slices(Point([1, 2], [3.0, 4.0]))
print(nt.element_spec)
print(next(iter(nt.map(lambda p: p.x * 10))))

# %%
print(tf.data.Dataset.range(5), list(tf.data.Dataset.range(2, 11, 3).as_numpy_iterator()))
print(list(tf.data.Dataset.range(5, output_type=tf.int32).as_numpy_iterator()))
print(tf.data.Dataset.from_tensors([1, 2]), list(tf.data.Dataset.from_tensors([1, 2]).repeat(2)))

# %%
b = ds.batch(4)
print(b, b.cardinality())
print(list(b.as_numpy_iterator()))
bd = ds.batch(4, drop_remainder=True)
print(bd, bd.cardinality(), list(bd.as_numpy_iterator()))
pb = ds.batch(3, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
print(pb, list(pb.as_numpy_iterator()))

# %%
m = ds.map(lambda x: x * 2)
print(m)
pm = ds.map(lambda v: tf.cast(v, tf.float32) / 2.0, num_parallel_calls=tf.data.AUTOTUNE)
print(pm, list(pm.batch(5).as_numpy_iterator()))
print(sorted(ds.map(lambda z: z + 1, num_parallel_calls=2, deterministic=False)
             .as_numpy_iterator()))  # any order: deterministic=False

# %%
calls = []


def traced(x):
    calls.append(1)
    print("tracing map function")
    return x * x


sq = ds.map(traced)
print(list(sq.as_numpy_iterator()), len(calls))
print(list(sq.batch(3).as_numpy_iterator()), len(calls))

# %%
def collatz(x):
    if x % 2 == 0:
        y = x // 2
    else:
        y = 3 * x + 1
    return y


print(list(ds.map(collatz).as_numpy_iterator()))

# %%
f = ds.filter(lambda x: x % 3 == 0)
print(f, f.cardinality())
print(list(f.as_numpy_iterator()))

# %%
print(list(ds.repeat(2).take(13).skip(3).as_numpy_iterator()))
print(ds.repeat().cardinality(), ds.repeat(3).cardinality(), ds.take(4).cardinality())
print(ds.skip(20).cardinality(), ds.repeat().take(3).cardinality())
print(tf.data.INFINITE_CARDINALITY, tf.data.UNKNOWN_CARDINALITY, tf.data.AUTOTUNE)

# %%
print(list(tf.data.Dataset.range(10).shard(3, 1).as_numpy_iterator()))
print(list(ds.enumerate(start=5).take(3).as_numpy_iterator()))
print(ds.enumerate())

# %%
z = tf.data.Dataset.zip((ds, tf.data.Dataset.range(3)))
print(z, z.cardinality())
print(list(z.as_numpy_iterator()))
z2 = tf.data.Dataset.zip({"a": ds, "b": ds.map(lambda t: t * 10)})
print(list(z2.take(2).as_numpy_iterator()))
c = ds.take(2).concatenate(tf.data.Dataset.from_tensor_slices(np.array([7, 8], np.int32)))
print(c, list(c.as_numpy_iterator()))

# %%
rag = tf.data.Dataset.range(1, 5).map(lambda n: tf.fill([n], n))
print(rag)
print(list(rag.padded_batch(2).as_numpy_iterator()))
print(list(rag.padded_batch(2, padded_shapes=[5], padding_values=tf.constant(-1, tf.int64))
           .as_numpy_iterator()))
print(rag.padded_batch(3, drop_remainder=True))

# %%
print(list(ds.batch(4).unbatch().as_numpy_iterator()))
print(ds.batch(4).unbatch())
rb = ds.batch(4).rebatch(3)
print(rb, list(rb.as_numpy_iterator()))

# %%
cached = ds.map(lambda q: q + 100).cache()
print(cached, list(cached.take(3).as_numpy_iterator()), list(cached.take(3)
                                                              .as_numpy_iterator()))
print(ds.prefetch(tf.data.AUTOTUNE), list(ds.prefetch(2).as_numpy_iterator()))

# %%
print(ds.reduce(0, lambda s, e: s + e))
print(ds.reduce(np.int64(0), lambda s, e: s + tf.cast(e, tf.int64)))
sc = ds.scan(0, lambda s, e: (s + e, s * 2))
print(sc, list(sc.as_numpy_iterator()))
print(list(ds.take_while(lambda e: e < 4).as_numpy_iterator()))
u = tf.data.Dataset.from_tensor_slices([1, 2, 1, 3, 2, 3, 4]).unique()
print(u, list(u.as_numpy_iterator()))
print(ds.apply(lambda d: d.batch(5)))

# %%
it = iter(ds.take(3))
print(it.element_spec)
print(it.get_next(), next(it))
opt = it.get_next_as_optional()
print(opt.has_value(), opt.get_value(), opt.element_spec)
print(it.get_next_as_optional().has_value())

# %%
it = iter(ds.take(0))
it.get_next()

# %%
next(iter(ds.take(0)))

# %%
o = tf.experimental.Optional.from_value((1, 2.0))
print(o.has_value(), o.get_value(), o.element_spec)
e = tf.experimental.Optional.empty(tf.TensorSpec([], tf.int32))
print(e.has_value(), e.element_spec)

# %%
ds.batch(0)

# %%
tf.data.Dataset.from_tensor_slices(([1, 2], [1, 2, 3]))

# %%
len(ds.repeat())

# %%
len(ds.filter(lambda x: x > 2))

# %%
ds.map(lambda x: x + undefined_name)  # noqa: F821

# %%
s1 = list(tf.data.Dataset.range(100).shuffle(10, seed=7).as_numpy_iterator())
s2 = list(tf.data.Dataset.range(100).shuffle(10, seed=7).as_numpy_iterator())
print(sorted(s1) == list(range(100)), s1 == s2)
sh = tf.data.Dataset.range(20).shuffle(20, seed=3, reshuffle_each_iteration=False)
print(sh, list(sh.as_numpy_iterator()) == list(sh.as_numpy_iterator()))
r = tf.data.Dataset.range(8).shuffle(4).repeat(2)
print(sorted(r.as_numpy_iterator()))
sb = tf.data.Dataset.range(10).shuffle(100).batch(3)
print(sorted(np.concatenate(list(sb.as_numpy_iterator())).tolist()), sb.cardinality())

# %%
opts = tf.data.Options()
opts.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
opts.deterministic = False
wo = ds.with_options(opts)
print(wo, wo.options().deterministic, wo.options().experimental_distribute.auto_shard_policy)
print(ds.options().deterministic, tf.data.experimental.ExternalStatePolicy.IGNORE)
print(tf.data.experimental.cardinality(ds))

# %%
@tf.function
def total(d):
    s = tf.constant(0, tf.int64)
    for x in d:
        s += x
    return s


print(total(tf.data.Dataset.range(5)))
print(tf.data.Dataset.range(4).take(1).get_single_element())

# %%
# The tf.data guide: an iterator saved in a checkpoint and restored.
import tempfile

range_ds = tf.data.Dataset.range(20)
iterator = iter(range_ds)
ckpt = tf.train.Checkpoint(step=tf.Variable(0), iterator=iterator)
manager = tf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=3)
print([next(iterator).numpy() for _ in range(5)])
save_path = manager.save()
print([next(iterator).numpy() for _ in range(5)])
ckpt.restore(manager.latest_checkpoint)
print([next(iterator).numpy() for _ in range(5)])
mapped = iter(tf.data.Dataset.range(6).map(lambda x: x * 10).batch(2))
ckpt2 = tf.train.Checkpoint(it=mapped)
first = ckpt2.write(tempfile.mkdtemp() + "/it")
print(next(mapped), next(mapped))
ckpt2.read(first)
print(list(mapped))

# %%
# tf.data.experimental's functions: TF's deprecated spellings of Dataset methods, fused
# transformations, assert_cardinality, at.
a = tf.data.Dataset.range(3)
b = tf.data.Dataset.range(10, 13)
s = tf.data.experimental.sample_from_datasets([a, b], weights=[1.0, 0.0], seed=1)
print(s, list(s.as_numpy_iterator()))
picks = tf.data.Dataset.from_tensor_slices(tf.constant([1, 0, 1], tf.int64))
c = tf.data.experimental.choose_from_datasets([a, b], picks)
print(c, list(c.as_numpy_iterator()))
print(tf.data.experimental.get_single_element(tf.data.Dataset.from_tensors([1, 2])))
e = a.apply(tf.data.experimental.enumerate_dataset(start=5))
print(e, list(e.as_numpy_iterator()))

# %%
sr = a.apply(tf.data.experimental.shuffle_and_repeat(3, count=2, seed=4))
print(sr, sorted(sr.as_numpy_iterator()))
mb = tf.data.Dataset.range(5).apply(tf.data.experimental.map_and_batch(lambda x: x * 2, 2))
print(mb, list(mb.as_numpy_iterator()))
mb2 = tf.data.Dataset.range(5).apply(
    tf.data.experimental.map_and_batch(lambda x: x * 2, 2, drop_remainder=True))
print(mb2, list(mb2.as_numpy_iterator()))
pi = tf.data.Dataset.range(1, 4).apply(tf.data.experimental.parallel_interleave(
    lambda x: tf.data.Dataset.from_tensors(x).repeat(x), cycle_length=2))
print(pi, list(pi.as_numpy_iterator()))

# %%
rb = tf.data.Dataset.range(4).map(lambda x: tf.range(x)).apply(
    tf.data.experimental.dense_to_ragged_batch(2))
print(rb, list(rb))
print(tf.data.experimental.get_structure(a), tf.data.experimental.get_structure(iter(rb)))
it = iter(a)
print(tf.data.experimental.get_next_as_optional(it).get_value())

# %%
ac = tf.data.Dataset.range(5).filter(lambda x: x < 3).apply(
    tf.data.experimental.assert_cardinality(3))
print(ac, ac.cardinality().numpy(), list(ac.as_numpy_iterator()))

# %%
list(tf.data.Dataset.range(5).apply(tf.data.experimental.assert_cardinality(3)))

# %%
list(tf.data.Dataset.range(2).apply(tf.data.experimental.assert_cardinality(3)))

# %%
print(tf.data.experimental.at(tf.data.Dataset.range(10).map(lambda x: x * 3), 4))

# %%
tf.data.experimental.at(tf.data.Dataset.range(10), 12)

# %%
fp = tf.data.Dataset.range(3).map(lambda x: x * 2).fingerprint()
same = tf.data.Dataset.range(3).map(lambda x: x * 2).fingerprint()
longer = tf.data.Dataset.range(4).map(lambda x: x * 2).fingerprint()
other = tf.data.Dataset.range(3).map(lambda x: x * 3).fingerprint()
print(fp.dtype, fp.shape, bool(fp == same), bool(fp == longer), bool(fp == other))
