# Composite input signatures (RaggedTensorSpec, SparseTensorSpec) in tf.function, and the
# ragged/sparse ops: gather_nd and cumsum on ragged, tf.ragged.cross/cross_hashed,
# tf.ragged.stack_dynamic_partitions, tf.sparse.cross/cross_hashed, tf.sparse.sampled_addmm;
# SavedModels of such functions; values, printing, errors.
import tensorflow as tf


def show(f):
    try:
        print(f())
    except Exception as e:  # noqa: BLE001 - the error TF raises is the output
        print(type(e).__name__, e)


# %%
@tf.function(input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32),
                              tf.TensorSpec([], tf.int32)])
def f(x, k):
    return tf.reduce_sum(x, axis=1) + k


print(f(tf.ragged.constant([[1, 2], [3], [7]]), 1))
print(f(tf.ragged.constant([[1, 2, 4, 4], [3], [4, 5, 6], []]), 2))
print(f.experimental_get_tracing_count())
print(f.pretty_printed_concrete_signatures())
cf = f.get_concrete_function()
print(cf)
print(cf.structured_input_signature)
print(cf(tf.ragged.constant([[1], [3, 4]]), tf.constant(0)))
show(lambda: f(tf.ragged.constant([[1.0, 2], [3]]), 1))

# %%
g = tf.function(lambda x: x * 2)
cf2 = g.get_concrete_function(tf.RaggedTensorSpec([None, None], tf.float32, ragged_rank=1))
print(cf2)
print(cf2(tf.ragged.constant([[1.0, 2], [3]])))
print(cf2(tf.ragged.constant([[1.0], [], [5.0, 6.0, 7.0]])))
g(tf.ragged.constant([[1.0, 2], [3]]))
g(tf.ragged.constant([[1.0, 2], [3], [4]]))
print(g.experimental_get_tracing_count())

# %%
h = tf.function(lambda s: tf.sparse.to_dense(s) * 2)
cf3 = h.get_concrete_function(tf.SparseTensorSpec([None, 3], tf.float32))
print(cf3.structured_input_signature)
print(cf3(tf.sparse.SparseTensor([[0, 1]], [2.0], [2, 3])))
print(cf3(tf.sparse.SparseTensor([[0, 1], [2, 2]], [2.0, 5.0], [3, 3])))
hs = tf.function(lambda s: tf.sparse.reduce_sum(s, axis=1),
                 input_signature=[tf.SparseTensorSpec([None, 3], tf.float32)])
print(hs(tf.sparse.SparseTensor([[0, 1], [1, 0], [1, 2]], [2.0, 1.0, 4.0], [2, 3])))
print(hs.get_concrete_function().structured_input_signature)

# %%
rt = tf.ragged.constant([[[1, 2], [3]], [], [[4, 5, 6]]])
print(tf.gather_nd(rt, [[0, 1], [2, 0]]))
print(tf.gather_nd(rt, [[0], [2]]))
print(tf.gather_nd(rt, [[0, 0, 1], [2, 0, 2]]))
print(tf.gather_nd(rt, [[[0, 0]], [[2, 0]]]))
print(tf.gather_nd(rt, tf.ragged.constant([[[0]], [[2], [1]]], ragged_rank=1)))
try:
    tf.gather_nd(rt, [[5, 0]])
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, str(e).split(' [Op')[0])
show(lambda: tf.gather_nd(rt, tf.ragged.constant([[0], [2, 1]])))
values = tf.Variable([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape() as tape:
    r = tf.RaggedTensor.from_row_splits(values, [0, 1, 4])
    loss = tf.reduce_sum(tf.gather_nd(r, [[1, 2], [1, 0], [0, 0]]) * [1.0, 10.0, 100.0])
print(tape.gradient(loss, values))

# %%
r2 = tf.ragged.constant([[1.0, 2, 3], [4], []])
print(tf.math.cumsum(r2, axis=1))
print(tf.math.cumsum(r2, axis=1, exclusive=True, reverse=True))
print(tf.math.cumsum(r2, axis=0))
print(tf.cumsum(tf.ragged.constant([[[1], [2, 3]], [[4, 5, 6]]]), axis=2))
show(lambda: tf.math.cumsum(r2, axis=2))
x = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.math.cumsum(tf.RaggedTensor.from_row_splits(x, [0, 2, 3]), axis=1)
    loss = tf.reduce_sum(y.flat_values * [1.0, 10.0, 100.0])
print(tape.gradient(loss, x))

# %%
a = tf.ragged.constant([["a", "b"], ["c"]])
b = tf.ragged.constant([["d"], ["e", "f"]])
print(tf.ragged.cross([a, b]))
print(tf.ragged.cross([a, b, tf.constant([["x"], ["y"]])]))
print(tf.ragged.cross([tf.ragged.constant([[1, 2], [3]], dtype=tf.int64), b]))
print(tf.ragged.cross([tf.sparse.from_dense(tf.constant([["a", ""], ["b", "c"]])), b]))
print(tf.ragged.cross([tf.ragged.constant([["a"], []]), b]))
print(tf.ragged.cross_hashed([a, b]))
print(tf.ragged.cross_hashed([a, b], num_buckets=100))
print(tf.ragged.cross_hashed([a, b], num_buckets=100, hash_key=7))
print(tf.ragged.cross_hashed([tf.ragged.constant([[1, 2], [3]], dtype=tf.int64), b]))
print(tf.ragged.cross([a, b]).dtype, tf.ragged.cross_hashed([a, b]).dtype,
      tf.ragged.cross([a, b]).row_splits.dtype)
show(lambda: tf.ragged.cross([a, tf.ragged.constant([["d"]])]))
show(lambda: tf.ragged.cross([tf.ragged.constant([[1.0]]), a]))

# %%
data = tf.constant([10, 20, 30, 40, 50])
parts = tf.constant([2, 0, 2, 1, 0])
sp = tf.ragged.stack_dynamic_partitions(data, parts, 4)
print(sp, sp.row_splits.dtype)
print(tf.ragged.stack_dynamic_partitions(tf.ragged.constant([[1], [2, 3], [4]]), [1, 0, 1], 2))
print(tf.ragged.stack_dynamic_partitions(tf.constant([[1, 2], [3, 4]]), [[0, 1], [1, 1]], 2))
print(tf.ragged.stack_dynamic_partitions(tf.constant([5, 6]), 1, 3))
show(lambda: tf.ragged.stack_dynamic_partitions(data, [0, 5, 0, 0, 0], 3))
show(lambda: tf.ragged.stack_dynamic_partitions(data, [0, -1, 0, 0, 0], 3))

# %%
sa = tf.sparse.from_dense(tf.constant([["a", ""], ["b", "c"]]))
sb = tf.sparse.from_dense(tf.constant([["d", "e"], ["", "f"]]))
print(tf.sparse.cross([sa, sb]))
print(tf.sparse.cross([sa, sb], separator="+"))
print(tf.sparse.cross([sa, tf.constant([["x"], ["y"]])]))
print(tf.sparse.cross_hashed([sa, sb], num_buckets=10))
print(tf.sparse.cross_hashed([sa, sb]))
print(tf.sparse.cross_hashed([tf.sparse.from_dense(tf.constant([[1, 0], [2, 3]], tf.int64)),
                              sb], num_buckets=1000, hash_key=3))
print(tf.sparse.cross([tf.sparse.from_dense(tf.constant([[1, 0], [2, 3]], tf.int64)), sb]))
show(lambda: tf.sparse.cross([sa, tf.constant([[1.0], [2.0]])]))

# %%
indices = tf.constant([[0, 0], [1, 2]], tf.int64)
mat1 = tf.constant([[1.0, 2.0], [3.0, 4.0]])
mat2 = tf.constant([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])
print(tf.sparse.sampled_addmm(indices, [1.0, 2.0], [2, 3], mat1, mat2, beta=0.5, alpha=2.0))
show(lambda: tf.sparse.sampled_addmm(indices, [1.0, 2.0], [2, 3], mat1, tf.ones([2, 4])))

# %%
import os  # noqa: E402
import tempfile  # noqa: E402


class Ragged(tf.Module):
    def __init__(self):
        self.v = tf.Variable(10)

    @tf.function(input_signature=[tf.RaggedTensorSpec([None, None], tf.int32)])
    def f(self, x):
        return tf.reduce_sum(x, axis=1) + self.v


path = os.path.join(tempfile.mkdtemp(), "ragged_model")
tf.saved_model.save(Ragged(), path)
loaded = tf.saved_model.load(path)
print(loaded.f(tf.ragged.constant([[1, 2], [3]])))
print(loaded.f(tf.ragged.constant([[1, 2], [3], [4, 5, 6]])))
print(loaded.f.concrete_functions[0].structured_input_signature)
print(list(loaded.signatures.keys()))
serving = loaded.signatures["serving_default"]
print(sorted(serving.structured_input_signature[1].items()))
print(serving.structured_outputs)
print(serving(x=tf.constant([1, 2, 3]), x_1=tf.constant([0, 2, 3], tf.int64)))


class Sparse(tf.Module):
    @tf.function(input_signature=[tf.SparseTensorSpec([None, 3], tf.float32)])
    def g(self, s):
        return tf.sparse.reduce_sum(s, axis=1)


module = Sparse()
sp = tf.sparse.SparseTensor([[0, 1], [1, 2]], [2.0, 3.0], [2, 3])
print(module.g(sp))
sparse_path = os.path.join(tempfile.mkdtemp(), "sparse_model")
tf.saved_model.save(module, sparse_path)
print(tf.saved_model.load(sparse_path).g(sp))
