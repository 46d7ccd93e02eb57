# tf.RaggedTensor and tf.ragged: factories, printing, properties, conversion, indexing, ops and
# reductions dispatching on ragged input, TF's errors, gradients, tf.function, composites.
import tensorflow as tf

# %%
rt = tf.ragged.constant([[1, 2, 3], [], [4, 5]])
print(rt)
print(repr(rt))
print(rt.shape, rt.dtype, rt.ragged_rank, rt.row_splits.dtype)
print(rt.flat_values, rt.row_splits, rt.row_lengths(), rt.values, rt.nrows())
print(rt.value_rowids(), rt.row_starts(), rt.row_limits(), rt.bounding_shape())
print(rt.to_tensor())
print(rt.to_tensor(default_value=-1, shape=[3, 4]))
print(rt.to_tensor(shape=[2, 2]))
print(rt.to_list(), rt.numpy())
print(isinstance(rt, tf.RaggedTensor), tf.is_tensor(rt))

# %%
print(rt[0], rt[1], rt[2, 1], rt[-1])
print(rt[1:], rt[:, :2], rt[0:2], rt[1:, -1:])
for f in [lambda: rt[5], lambda: rt[:, 1]]:
    try:
        print(f())
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)

# %%
print(tf.RaggedTensor.from_row_splits([1.0, 2.0, 3.0, 4.0], [0, 1, 4]))
print(tf.RaggedTensor.from_row_lengths([1, 2, 3], [2, 0, 1]))
print(tf.RaggedTensor.from_value_rowids([1, 2, 3], [0, 0, 2], nrows=4))
print(tf.RaggedTensor.from_row_starts([1, 2, 3], [0, 2]))
print(tf.RaggedTensor.from_row_limits([1, 2, 3], [1, 3]))
print(tf.RaggedTensor.from_nested_row_lengths([1, 2, 3, 4], [[2, 1], [1, 1, 2]]))
print(tf.RaggedTensor.from_nested_row_splits([1, 2, 3], [[0, 1, 2], [0, 2, 3]]))
print(tf.RaggedTensor.from_tensor([[1, 0], [2, 3]], padding=0))
print(tf.RaggedTensor.from_tensor([[1, 0], [2, 3]], lengths=[1, 2]))
print(rt.with_flat_values(rt.flat_values * 10), rt.with_values(rt.values + 1))

# %%
r3 = tf.ragged.constant([[[1, 2], [3]], [[4]]])
print(r3, r3.shape, r3.ragged_rank, r3.nested_row_splits, r3.nested_row_lengths())
print(r3.flat_values, r3.to_list(), r3[0], r3[0, 1])
print(tf.ragged.constant([[1.0, 2.0], [3.0]]), tf.ragged.constant([[1], [2.5]]))
print(tf.ragged.constant([[1, 2], [3]], dtype=tf.float64))
print(tf.ragged.constant([[[1, 2]], [[3, 4], [5, 6]]], ragged_rank=1))
print(tf.ragged.constant([]), tf.ragged.constant([[], []]))
print(tf.ragged.constant([["a", "b"], ["c"]]), tf.ragged.constant([[1.5, 2.25], [3.0]]))
print(tf.ragged.range([3, 0, 2]), tf.ragged.range([1, 2], [4, 4], 2))

# %%
for f in [lambda: tf.RaggedTensor.from_row_splits([1, 2], [0, 3]),
          lambda: tf.RaggedTensor.from_row_splits([1, 2], [1, 2]),
          lambda: tf.RaggedTensor([1], [0, 1]),
          lambda: tf.ragged.constant([[1, [2]]]),
          lambda: tf.convert_to_tensor(rt),
          lambda: rt + tf.ragged.constant([[1], [2], [3]]),
          lambda: len(rt)]:
    try:
        print(f())
    except (tf.errors.OpError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

# %%
print(rt + 1, rt * 2, 10 - rt, -rt, abs(-rt), rt > 2, rt + rt)
print(tf.constant(1) + rt, rt + tf.constant([[10], [20], [30]]))
print(tf.math.sqrt(tf.cast(rt, tf.float32)), tf.maximum(rt, 2), tf.abs(-rt))
print(tf.ragged.map_flat_values(tf.math.square, rt))
print(tf.ragged.map_flat_values(tf.add, rt, rt))
print(tf.concat([rt, rt], axis=0), tf.concat([rt, rt], axis=1))

# %%
print(tf.reduce_sum(rt, axis=1), tf.reduce_sum(rt), tf.reduce_sum(rt, axis=0))
print(tf.reduce_max(rt, axis=0), tf.reduce_min(rt, axis=1), tf.reduce_prod(rt, axis=1))
print(tf.reduce_mean(rt, axis=1), tf.reduce_mean(tf.ragged.constant([[1.0, 2.0], [], [3.0]]),
                                                 axis=1))
print(tf.reduce_any(rt > 3, axis=1), tf.reduce_all(rt > 0, axis=1))
print(tf.reduce_sum(r3, axis=2), tf.reduce_sum(rt, axis=[0, 1]))

# %%
print(rt._type_spec, tf.RaggedTensorSpec([3, None], tf.int32, 1))
print(tf.type_spec_from_value(r3), isinstance(rt._type_spec, tf.TypeSpec))
print(tf.nest.flatten(rt, expand_composites=True))
print(tf.nest.flatten(r3, expand_composites=True))
print(tf.nest.pack_sequence_as(rt, [tf.constant([5, 6, 7]), tf.constant([0, 1, 1, 3], tf.int64)],
                               expand_composites=True))
print(tf.nest.map_structure(lambda x: x * 2, tf.ragged.constant([[1, 2], [3]]),
                            expand_composites=True))
print(tf.RaggedTensorSpec([3, None], tf.int32, 1) == rt._type_spec)
try:
    tf.nest.pack_sequence_as(rt, [tf.constant([5, 6, 7]), tf.constant([0, 1, 3], tf.int64)],
                             expand_composites=True)
except ValueError as e:
    print(type(e).__name__, e)

# %%
x = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    r = tf.RaggedTensor.from_row_lengths(x * x, [2, 1])
    y = (tf.reduce_sum(tf.reduce_max(r, axis=1) + tf.reduce_sum(r * 2.0, axis=1))
         + tf.reduce_sum(r.to_tensor()) + tf.reduce_sum(tf.reduce_mean(r, axis=1)))
print(t.gradient(y, x))

# %%
@tf.function
def f(r):
    return tf.reduce_sum(r, axis=1), r * 2.0, tf.ragged.map_flat_values(tf.square, r)

print(f(tf.ragged.constant([[1.0, 2.0], [3.0]])))

@tf.function
def g(x):
    return tf.RaggedTensor.from_row_lengths(x, [2, 1]) + 1.0

print(g(tf.constant([1.0, 2.0, 3.0])))

# %%
# Ops dispatched on ragged arguments (TF's guide): tile, reverse, map_fn, string ops,
# embedding lookup, strings.join of row slices.
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
words = tf.ragged.constant([["So", "long"], ["thanks", "for", "all", "the", "fish"]])
print(tf.tile(digits, [2, 2]))
print(tf.strings.substr(words, 0, 2))
print(tf.map_fn(tf.math.square, digits))
print(tf.map_fn(tf.math.reduce_sum, digits, fn_output_signature=tf.int32))
print(tf.reverse(digits, [1]), tf.reverse(digits, [0]))
print(tf.strings.to_hash_bucket_fast(words, 1024), tf.strings.length(words))
table = tf.reshape(tf.range(40.0), [10, 4])
print(tf.nn.embedding_lookup(table, tf.ragged.constant([[1, 2], [], [9]])))
marker = tf.fill([words.nrows(), 1], "#")
padded = tf.concat([marker, words, marker], axis=1)
print(tf.strings.join([padded[:, :-1], padded[:, 1:]], separator="+"))
d = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
print(tf.reverse(d, [2]), tf.tile(d, [1, 2, 2]), tf.reverse(d, [0, 1]))

# %%
# Slicing inside the rows of ragged_rank 2; to_sparse/from_sparse of strings.
rt = tf.ragged.constant([[[1, 2, 3], [4]], [[5], [], [6]], [[7]], [[8, 9], [10]]])
print(rt[:, 1:3])
print(rt[:, -1:])
print(rt[:, 1:3, 1:], rt[1:, :1, :1])
print(tf.reverse(rt, [1]), tf.tile(rt, [2, 1, 1]))
# Inner ragged and uniform dimensions of ragged_rank 2 and 3 (and a gradient through them).
print(tf.reverse(rt, [2]), tf.reverse(rt, [0, 1, 2]), tf.tile(rt, [1, 1, 2]), tf.tile(rt, [2, 2, 2]))
r3 = tf.ragged.constant([[[[1], [2, 3]], [[4]]], [[[5, 6, 7]]]])
print(tf.tile(r3, [1, 2, 1, 3]), tf.reverse(r3, [1, 3]))
u = tf.RaggedTensor.from_nested_row_lengths(tf.reshape(tf.range(12.0), [6, 2]),
                                            [[2, 0, 1], [1, 3, 2]])
with tf.GradientTape() as tape:
    tape.watch(u.flat_values)
    tiled = tf.tile(u, [1, 2, 2, 2]).flat_values * tf.reshape(tf.range(96.0), [24, 4])
    flipped = tf.reverse(u, [2, 3]).flat_values * tf.reshape(tf.range(12.0), [6, 2])
    total = tf.reduce_sum(tiled) + tf.reduce_sum(flipped)
print(tf.convert_to_tensor(tape.gradient(total, u.flat_values)))
x = tf.ragged.constant([["John"], ["a", "big", "dog"], ["my", "cat"]])
y = tf.ragged.constant([["fell", "asleep"], ["barked"], ["is", "fuzzy"]])
result = tf.sparse.concat(sp_inputs=[x.to_sparse(), y.to_sparse()], axis=1)
print(tf.sparse.to_dense(result, ""), tf.sparse.to_dense(result))
st = tf.SparseTensor(indices=[[0, 0], [2, 0], [2, 1]], values=["a", "b", "c"],
                     dense_shape=[3, 3])
print(tf.RaggedTensor.from_sparse(st))
print(tf.RaggedTensor.from_sparse(st, row_splits_dtype=tf.int32).row_splits)
for bad in (tf.SparseTensor([[0, 1], [2, 0]], [1, 2], [3, 3]),
            tf.SparseTensor([[0, 0, 0]], [1], [3, 3, 3])):
    try:
        tf.RaggedTensor.from_sparse(bad)
    except (ValueError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__, e)

# %%
# tf.function with a RaggedTensorSpec input signature.
@tf.function(input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)])
def max_and_min(rt):
    return (tf.math.reduce_max(rt, axis=-1), tf.math.reduce_min(rt, axis=-1))

print(max_and_min(tf.ragged.constant([[1, 2], [3], [4, 5, 6]])))
try:
    max_and_min(tf.ragged.constant([[1.0]]))
except TypeError as e:
    print("TypeError", str(e).split("`")[1])


@tf.function
def increment(x):
    return x + 1

cf = increment.get_concrete_function(tf.ragged.constant([[1, 2], [3], [4, 5, 6]]))
print(cf(tf.ragged.constant([[1, 2], [3], [4, 5, 6]])), cf.structured_input_signature)
try:
    cf(tf.ragged.constant([[1.0]]))
except TypeError as e:
    print("TypeError", str(e).split("`")[1])

# %%
# DynamicRaggedShape and RowPartition.
rt = tf.ragged.constant([[1], [2, 3, 4], [], [5, 6]])
rt_shape = tf.shape(rt)
print(rt_shape)
x = tf.constant(["a", "b", "c", "d", "e", "f"])
print(tf.reshape(x, rt_shape), tf.zeros(rt_shape), tf.ones(rt_shape), tf.fill(rt_shape, "x"))
print(repr(rt_shape[0]), repr(rt_shape[:1]), repr(rt_shape[0:2]), repr(rt_shape[-2]))
for k in [1, 3, slice(1, None), -1]:
    try:
        print(repr(rt_shape[k]))
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
print(repr(tf.experimental.DynamicRaggedShape(
    row_partitions=[tf.experimental.RowPartition.from_row_lengths([5, 3, 2])],
    inner_shape=[10, 8])))
print(repr(tf.experimental.DynamicRaggedShape.from_lengths([4, (2, 1, 0, 8), 12])))
print(repr(tf.experimental.DynamicRaggedShape.from_lengths([2, 3])))
rp = tf.experimental.RowPartition.from_row_lengths([5, 3, 2])
print(rp, rp.row_splits(), rp.nrows(), rp.dtype)
s3 = tf.shape(tf.ragged.constant([[[1, 2]], [[3, 4], [5, 6]]], ragged_rank=1))
print(repr(s3), s3.rank, s3.num_row_partitions, s3.inner_shape, s3.static_lengths(),
      repr(s3[2]))
s4 = tf.shape(tf.ragged.constant([[[1, 2]], [[3, 4], [5]]]))
print(repr(s4), s4.dtype, tf.shape(rt, out_type=tf.int64).dtype)
print(tf.reshape(tf.range(6), tf.experimental.DynamicRaggedShape.from_lengths([2, 3])))
print(tf.zeros(tf.experimental.DynamicRaggedShape.from_lengths([2, (1, 2), 2]), tf.int32))

# %%
# Broadcasting dense operands against ragged rows (TF's row-splits checks).
x = tf.ragged.constant([[1, 2], [3, 4, 5, 6], [7]])
for y in [tf.constant([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]),
          tf.constant([[10], [20], [30]]), tf.constant([[10]])]:
    try:
        print(x + y, y * x)
    except tf.errors.InvalidArgumentError as e:
        print(e)
for a, b in [([[1, 2], [3, 4]], [[1, 2]]), ([[1, 2, 3]], [[1, 2, 3]])]:
    try:
        print(tf.ragged.constant(a) + tf.constant(b))
    except tf.errors.InvalidArgumentError as e:
        print(e)
x = tf.ragged.constant([[[1, 2], [3, 4], [5, 6]], [[7, 8]]], ragged_rank=1)
for y in [tf.constant([[10]]), tf.constant([[10], [20]]), tf.constant([[[1, 2]], [[3, 4]]]),
          tf.constant([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 9], [9, 9]]])]:
    try:
        print(x + y)
    except tf.errors.InvalidArgumentError as e:
        print(e)

# %%
# Uniform row lengths.
rt = tf.RaggedTensor.from_uniform_row_length(
    values=tf.RaggedTensor.from_row_splits(values=[10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
                                           row_splits=[0, 3, 5, 9, 10]),
    uniform_row_length=2)
print(rt, rt.shape, rt.ragged_rank, rt.uniform_row_length, rt.values.uniform_row_length)
u = tf.RaggedTensor.from_uniform_row_length(tf.range(6), 3)
print(u, u.shape, u.to_tensor(), (u * 2).shape)
print(tf.RaggedTensor.from_uniform_row_length(tf.zeros([0, 2]), 0, nrows=3).shape)
try:
    tf.RaggedTensor.from_uniform_row_length(tf.range(5), 2)
except ValueError as e:
    print(e)

# %%
# Structure ops on ragged arguments at any ragged_rank: stack/concat, gather, where,
# expand_dims/squeeze, size/rank, one_hot, add_n, outer-axis reductions, merge_dims,
# broadcasting per outer row, boolean_mask, map_fn with ragged rows, ==, segment ids.
a = tf.ragged.constant([[1, 2], [3]])
b = tf.ragged.constant([[4], [5, 6, 7]])
r2 = tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]], [], [[7], [], [8]]])
print(tf.ragged.stack([a, b]), tf.ragged.stack([a, b], axis=1), tf.ragged.stack([a, a], axis=2))
print(tf.ragged.stack([tf.constant([1, 2]), tf.constant([3, 4])]),
      tf.ragged.stack([tf.constant([[1, 2]]), a]))
print(tf.concat([r2, r2], axis=2), tf.concat([a, tf.constant([[5, 6]])], axis=0))
try:
    tf.concat([a, tf.ragged.constant([[1]])], axis=1)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError:", e)
print(tf.gather(r2, [3, 0]), tf.gather(r2, [[0, 1], [3, 3]]), tf.gather(a, [1, 0, 1]))
print(tf.gather(tf.constant([10, 20, 30]), tf.ragged.constant([[0, 2], [1]])),
      tf.gather(a, tf.ragged.constant([[0, 1], [1]])))
print(tf.where(r2 > 2), tf.where(tf.ragged.constant([[True, False], [True]]), a,
                                 tf.ragged.constant([[9, 9], [9]])))
for x in (tf.expand_dims(a, 0), tf.expand_dims(a, 1), tf.expand_dims(a, 2)):
    print(x, x.shape, x.ragged_rank)
print(tf.squeeze(tf.expand_dims(a, 1), 1), tf.squeeze(tf.ragged.constant([[[1], [2]], [[3]]]), -1))
for axis in ([0], [1]):
    try:
        tf.squeeze(a, axis)
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError:", e)
print(tf.size(r2), tf.size(r2, out_type=tf.int64), tf.rank(r2), tf.one_hot(a, 3, on_value=5, off_value=0))
print(tf.add_n([a, a, a]), a == tf.ragged.constant([[1, 2], [4]]), a != a, a == 1,
      a == tf.ragged.constant([[1], [4]]))
print(tf.reduce_sum(r2, axis=0), tf.reduce_sum(r2, axis=1), tf.reduce_max(r2, axis=1),
      tf.reduce_mean(tf.cast(r2, tf.float32), axis=0))
print(r2.merge_dims(1, 2), r2.merge_dims(0, 1), r2 + tf.constant([1, 2, 3, 4])[:, None, None])
print(tf.ragged.constant([[[1], [2, 3]], [[4]]]) + tf.constant([[[10]], [[20]]]))
print(tf.ragged.boolean_mask(tf.constant([[1, 2, 3], [4, 5, 6]]),
                             tf.constant([[True, False, True], [False, False, True]])),
      tf.ragged.boolean_mask(r2, tf.ragged.constant([[True, False], [True], [], [False, True, True]])),
      tf.ragged.boolean_mask(r2, r2 > 2), tf.ragged.boolean_mask(tf.constant([1, 2, 3]), [True, False, True]))
print(tf.map_fn(lambda r: tf.RaggedTensor.from_row_lengths(r, [1, tf.size(r) - 1]), a,
                fn_output_signature=tf.RaggedTensorSpec(shape=[2, None], dtype=tf.int32, ragged_rank=1)),
      tf.map_fn(lambda x: tf.range(x), tf.constant([1, 3, 2]),
                fn_output_signature=tf.RaggedTensorSpec(shape=[None], dtype=tf.int32, ragged_rank=0)),
      tf.map_fn(lambda r: r[::-1], r2), r2[::2], r2[::-1])
try:
    tf.map_fn(lambda x: tf.ragged.range(x), tf.constant([1, 3, 2]),
              fn_output_signature=tf.RaggedTensorSpec(shape=[None], dtype=tf.int32, ragged_rank=0))
except ValueError as e:
    print("ValueError:", e)
print(tf.ragged.segment_ids_to_row_splits([0, 0, 2, 2, 2]),
      tf.ragged.segment_ids_to_row_splits(tf.constant([0, 0, 2], tf.int32), num_segments=5),
      tf.ragged.row_splits_to_segment_ids([0, 2, 2, 5], out_type=tf.int32))
with tf.GradientTape() as tape:
    tape.watch(r2.flat_values)
    f = tf.cast(r2.flat_values, tf.float32)
    tape.watch(f)
    rf = r2.with_flat_values(f)
    total = (tf.reduce_sum(tf.reduce_max(rf, axis=0).flat_values * 3.0)
             + tf.reduce_sum(tf.concat([rf, rf * 2.0], axis=1).flat_values)
             + tf.reduce_sum(tf.gather(rf, [3, 3]).flat_values))
print(tape.gradient(total, f))
