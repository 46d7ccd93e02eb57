# tf.data: from_generator, flat_map, interleave, window, group_by_window,
# bucket_by_sequence_length, ignore_errors.
import numpy as np
import tensorflow as tf

# %%
def gen():
    for i in range(4):
        yield i, [1.0] * i


g = tf.data.Dataset.from_generator(gen, output_signature=(
    tf.TensorSpec(shape=(), dtype=tf.int32), tf.TensorSpec(shape=(None,), dtype=tf.float32)))
print(g, g.cardinality())
print(list(g.as_numpy_iterator()))
print(list(g.padded_batch(2).as_numpy_iterator()))

# %%
g2 = tf.data.Dataset.from_generator(lambda: iter([[1, 2], [3, 4]]), output_types=tf.int64,
                                    output_shapes=tf.TensorShape([2]))
print(g2, list(g2.as_numpy_iterator()))
g3 = tf.data.Dataset.from_generator(lambda n: range(int(n)), output_types=tf.int32, args=(3,))
print(list(g3.as_numpy_iterator()))

# %%
bad = tf.data.Dataset.from_generator(lambda: iter([[1, 2, 3]]),
                                     output_signature=tf.TensorSpec([2], tf.int32))
list(bad)

# %%
ds = tf.data.Dataset.range(1, 6)
il = ds.interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(6), cycle_length=2,
                   block_length=4)
print(il, list(il.as_numpy_iterator()))
pil = ds.interleave(lambda x: tf.data.Dataset.range(x), cycle_length=3,
                    num_parallel_calls=tf.data.AUTOTUNE)
print(pil, list(pil.as_numpy_iterator()))

# %%
fm = ds.flat_map(lambda x: tf.data.Dataset.range(x))
print(fm, list(fm.as_numpy_iterator()))
fm2 = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).flat_map(
    tf.data.Dataset.from_tensor_slices)
print(list(fm2.as_numpy_iterator()))

# %%
w = tf.data.Dataset.range(7).window(3, shift=2)
print(w)
for win in w:
    print(list(win.as_numpy_iterator()))
w2 = tf.data.Dataset.range(7).window(3, shift=1, stride=2, drop_remainder=True)
print(list(w2.flat_map(lambda t: t.batch(3)).as_numpy_iterator()))

# %%
pw = tf.data.Dataset.zip((tf.data.Dataset.range(4), tf.data.Dataset.range(4))).window(2)
print(pw.element_spec)
print(list(pw.flat_map(lambda a, b: tf.data.Dataset.zip((a, b)).batch(2))
           .as_numpy_iterator()))

# %%
gw = tf.data.Dataset.range(10).group_by_window(
    key_func=lambda x: x % 2, reduce_func=lambda k, d: d.batch(3), window_size=3)
print(gw, list(gw.as_numpy_iterator()))
gws = tf.data.Dataset.range(10).group_by_window(
    key_func=lambda x: x % 3, reduce_func=lambda k, d: d.batch(10),
    window_size_func=lambda k: k + 1)
print(list(gws.as_numpy_iterator()))

# %%
elements = [[0], [1, 2, 3, 4], [5, 6, 7], [7, 8, 9, 10, 11], [13, 14, 15, 16, 19, 20],
            [21, 22]]
seqs = tf.data.Dataset.from_generator(lambda: elements, tf.int64, output_shapes=[None])
bb = seqs.bucket_by_sequence_length(element_length_func=lambda elem: tf.shape(elem)[0],
                                    bucket_boundaries=[3, 5], bucket_batch_sizes=[2, 2, 2])
print(bb)
for batch in bb.as_numpy_iterator():
    print(batch)

# %%
ie = tf.data.Dataset.from_tensor_slices([1., 2., 0., 4.]).map(
    lambda x: tf.debugging.check_numerics(1. / x, "error"))
print(list(ie.ignore_errors().as_numpy_iterator()))
print(ie.ignore_errors())

# %%
ds = tf.data.Dataset.range(10)
cases = {
    "ignore": ds.ignore_errors(), "padded": ds.map(lambda x: tf.fill([x], x)).padded_batch(3),
    "rebatch": ds.batch(4).rebatch(3), "unbatch": ds.batch(4).unbatch(), "cache": ds.cache(),
    "zip": tf.data.Dataset.zip((ds.repeat(), ds)), "enum": ds.enumerate(),
    "interleave": ds.interleave(lambda x: tf.data.Dataset.range(x), cycle_length=2),
    "window": ds.window(3), "window_drop": ds.window(3, 2, drop_remainder=True),
    "scan": ds.scan(tf.constant(0, tf.int64), lambda s, x: (s, x)), "shard": ds.shard(3, 2),
    "concat": ds.concatenate(ds.repeat()), "take_while": ds.take_while(lambda x: x < 3),
    "repeat0": ds.repeat(0), "empty_repeat": ds.take(0).repeat(), "skip": ds.skip(-1),
    "filter_repeat": ds.filter(lambda x: True).repeat(), "counter": tf.data.Dataset.counter(),
}
for k, v in cases.items():
    print(k, int(v.cardinality()))

# %%
ds.shuffle(0)

# %%
tf.data.Dataset.zip([ds, ds])

# %%
ds.filter(lambda x: x)

# %%
ds.scan(0, lambda s, x: s)

# %%
tf.data.Dataset.from_tensor_slices([1.0]).unique()

# %%
ds.get_single_element()

# %%
tf.data.Dataset.range(2.5)

# %%
list(tf.data.Dataset.from_generator(lambda: iter([[1, 2], [3]]), output_types=tf.int32,
                                    output_shapes=[None]).batch(2))

# %%
print(ds.batch(3).map(lambda b: tf.reduce_sum(b)).element_spec)
print(ds.batch(3, drop_remainder=True).map(lambda b: b[0]).element_spec)
print(ds.map(lambda x: (x, [x, x])).element_spec)
print(ds.window(3).flat_map(lambda w: w.batch(3)).element_spec)
print(list(tf.data.Dataset.from_tensor_slices(["a", "bb", "c"]).batch(2).as_numpy_iterator()))

# %%
counter = tf.data.experimental.Counter()
print(counter, list(counter.take(3).as_numpy_iterator()), counter.cardinality())
print(list(tf.data.Dataset.counter(5, 2, dtype=tf.int32).take(3).as_numpy_iterator()))
a, b = tf.data.Dataset.range(3), tf.data.Dataset.range(10, 13)
choice = tf.data.Dataset.from_tensor_slices(tf.constant([0, 1, 1, 0], tf.int64))
chosen = tf.data.Dataset.choose_from_datasets([a, b], choice)
print(chosen, list(chosen.as_numpy_iterator()))
short = tf.data.Dataset.choose_from_datasets(
    [tf.data.Dataset.range(1), b], tf.data.Dataset.from_tensor_slices(
        tf.constant([0, 0, 1], tf.int64)), stop_on_empty_dataset=False)
print(list(short.as_numpy_iterator()))
sampled = tf.data.Dataset.sample_from_datasets([a, b], weights=[0.5, 0.5], seed=1)
print(sampled, sorted(sampled.as_numpy_iterator()), sampled.cardinality())
print(tf.data.Dataset.random(seed=4), tf.data.Dataset.random(seed=4).cardinality())

# %%
int_choice = tf.data.Dataset.range(2).map(lambda x: tf.cast(x, tf.int32))
tf.data.Dataset.choose_from_datasets([a], int_choice)

# %%
rt = tf.ragged.constant([[1, 2], [3], [4, 5, 6], []])
rds = tf.data.Dataset.from_tensor_slices(rt)
print(rds, rds.cardinality())
for e in rds:
    print(e)
print(list(rds.as_numpy_iterator()))
print(rds.batch(3))
for e in rds.batch(3):
    print(e)
print(list(rds.batch(2).as_numpy_iterator()))
print(rds.batch(2).unbatch(), list(rds.batch(2).unbatch().as_numpy_iterator()))
print(tf.data.Dataset.from_tensors(rt))
for e in rds.map(lambda x: tf.reduce_sum(x) * 2):
    print(e)
print(rds.map(lambda x: x * 2), tf.data.Dataset.from_tensor_slices({"a": rt, "b": tf.range(4)}))
nested = tf.data.Dataset.from_tensor_slices(tf.ragged.constant([[[1], [2, 3]], [[4]]]))
print(nested)
for e in nested:
    print(e)

# %%
st = tf.sparse.SparseTensor([[0, 1], [2, 0]], [10, 20], [3, 2])
sds = tf.data.Dataset.from_tensor_slices(st)
print(sds, len(sds))
print(*sds, sep="\n")
print(list(sds.as_numpy_iterator()))
print(sds.batch(2))
print(*sds.batch(2), sep="\n")
print(sds.batch(2).unbatch())
mapped = tf.data.Dataset.range(3).map(lambda x: tf.sparse.SparseTensor([[0]], [x], [4]))
print(mapped, [tf.sparse.to_dense(e).numpy().tolist() for e in mapped])

# %%
d = tf.data.Dataset.range(5).map(lambda x: tf.ragged.range(x))
print(d)
print(list(d.as_numpy_iterator()))
print(d.ragged_batch(2))
for e in d.ragged_batch(2):
    print(e)
for e in d.ragged_batch(2, drop_remainder=True, row_splits_dtype=tf.int32):
    print(e)
dense = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4], [5, 6]])
print(dense.ragged_batch(2), list(dense.ragged_batch(2).as_numpy_iterator()))
vec = tf.data.Dataset.range(4).map(lambda x: tf.range(x))
print(vec.ragged_batch(3))
for e in vec.ragged_batch(3):
    print(e)
grid = tf.data.Dataset.range(3).map(lambda x: tf.fill([x, 2], x))
print(grid.ragged_batch(2))
for e in grid.ragged_batch(2):
    print(e)

# %%
r2 = tf.data.Dataset.from_tensors(rt).repeat(3)
print(r2, r2.cardinality(), [e.numpy().tolist() for e in r2.skip(1).take(1)])
print(sorted(len(e) for e in rds.shuffle(4, seed=1).as_numpy_iterator()))
print(list(rds.filter(lambda x: tf.size(x) > 1).as_numpy_iterator()))
print(list(rds.cache().prefetch(1).as_numpy_iterator()))
print(list(tf.data.Dataset.zip(rds, tf.data.Dataset.range(4)).as_numpy_iterator()))


def ragged_gen():
    yield tf.ragged.constant([[1], [2, 3]])
    yield tf.ragged.constant([[4, 5, 6]])


rg = tf.data.Dataset.from_generator(
    ragged_gen, output_signature=tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32))
print(rg, [e for e in rg])
print(rds.enumerate().element_spec)
print(rds.reduce(tf.constant(0), lambda s, x: s + tf.reduce_sum(x)))
it = iter(rds)
print(next(it), it.get_next())

# %%
# rejection_resample: (class, element) pairs, the classes near the target.
tf.random.set_seed(3)
labels = np.random.default_rng(0).choice(2, size=2000, p=[0.8, 0.2]).astype(np.int32)
lab = tf.data.Dataset.from_tensor_slices(labels)
res = lab.rejection_resample(lambda x: x, [0.5, 0.5], initial_dist=[0.8, 0.2], seed=7)
print(res)
out = list(res.as_numpy_iterator())
print(len(out) > 500, all(c == e for c, e in out), abs(np.mean([c for c, _ in out]) - 0.5) < 0.05)
est = lab.rejection_resample(lambda x: x, [0.5, 0.5], seed=7)
out = [c for c, _ in est.as_numpy_iterator()]
print(est, len(out) > 500, abs(np.mean(out) - 0.5) < 0.06)
pairs = tf.data.Dataset.from_tensor_slices((labels, labels * 10))
print(pairs.rejection_resample(lambda x, y: x, [0.5, 0.5], initial_dist=[0.8, 0.2]).element_spec)
print(lab.rejection_resample(lambda x: x, [0.8, 0.2], initial_dist=[0.8, 0.2]))
print(lab.apply(tf.data.experimental.rejection_resample(lambda x: x, [1.0, 0.0],
                                                        initial_dist=[0.8, 0.2])))

# %%
# map with tf.py_function / tf.numpy_function: TF knows no shape for their results.
def pyf(x):
    y = tf.py_function(lambda v: v * 2, [x], tf.int64)
    z = tf.numpy_function(lambda v: np.arange(v), [x], tf.int64)
    w = tf.py_function(lambda v: tf.fill([v], v), [x], tf.int64)
    w.set_shape([None])
    return y, z, w


pm = tf.data.Dataset.range(3).map(pyf)
print(pm.element_spec)
print(list(pm.as_numpy_iterator()))
sp = tf.data.Dataset.from_tensors(tf.sparse.SparseTensor([[0, 0]], [1.0], [2, 2]))
print(sp.element_spec, sp.element_spec.value_type)
