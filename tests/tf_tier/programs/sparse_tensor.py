# tf.SparseTensor and tf.sparse: construction, printing, conversion, reductions, products,
# structure ops, TF's errors, gradients through values, tf.function, tf.nest composites.
import tensorflow as tf

# %%
st = tf.sparse.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
print(st)
print(st.shape, st.dtype, st.indices.dtype, st.dense_shape, st.get_shape())
print(tf.SparseTensor is tf.sparse.SparseTensor, isinstance(st, tf.SparseTensor))
print(tf.sparse.to_dense(st))
print(tf.sparse.to_dense(st, default_value=-1.0))

# %%
print(st._type_spec, tf.SparseTensorSpec([3, 4], tf.float32))
print(tf.type_spec_from_value(st) == tf.SparseTensorSpec([3, 4], tf.float32))
print(isinstance(tf.SparseTensorSpec([3, 4]), tf.TypeSpec))
print(tf.nest.flatten(st, expand_composites=True))
print(tf.nest.flatten({"a": st, "b": 1}, expand_composites=True))
print(tf.nest.flatten(st))
print(tf.nest.pack_sequence_as(st, [tf.constant([[0, 1]], tf.int64), tf.constant([5.0]),
                                    tf.constant([3, 4], tf.int64)], expand_composites=True))
try:
    tf.nest.pack_sequence_as(st, [tf.constant([[0, 1]], tf.int64), tf.constant([5.0]),
                                  tf.constant([2, 2], tf.int64)], expand_composites=True)
except ValueError as e:
    print(type(e).__name__, e)
print(tf.nest.map_structure(lambda x: x, {"s": st}, expand_composites=True)["s"].values)

# %%
print(tf.sparse.from_dense(tf.constant([[0, 1], [2, 0]])))
print(tf.sparse.from_dense(tf.constant([0.0, 3.0, 0.0])))

# %%
for f in [lambda: tf.SparseTensor(indices=[[0, 0]], values=[1.0, 2.0], dense_shape=[3, 4]),
          lambda: tf.sparse.to_dense(tf.SparseTensor([[5, 0]], [1.0], [3, 4])),
          lambda: tf.sparse.to_dense(tf.SparseTensor([[1, 0], [0, 0]], [1.0, 2.0], [3, 4])),
          lambda: tf.sparse.to_dense(tf.SparseTensor([[1, 0], [1, 0]], [1.0, 2.0], [3, 4])),
          lambda: tf.constant(1.0) + st,
          lambda: tf.sparse.reshape(st, [5, -1]),
          lambda: tf.sparse.reshape(st, [5, 2])]:
    try:
        print(f())
    except (tf.errors.OpError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

# %%
print(tf.sparse.reduce_sum(st), tf.sparse.reduce_sum(st, axis=1))
print(tf.sparse.reduce_sum(st, axis=0, keepdims=True))
print(tf.sparse.reduce_sum(st, axis=1, output_is_sparse=True))
print(tf.sparse.reduce_max(st, axis=1), tf.sparse.reduce_max(st))
neg = tf.SparseTensor([[0, 0], [0, 1]], [-1.0, -3.0], [2, 2])
print(tf.sparse.reduce_max(neg, axis=1), tf.sparse.reduce_max(neg))
print(tf.sparse.reduce_max(neg, axis=1, output_is_sparse=True))

# %%
print(st * 2, st / 2.0)
print(st * tf.constant([1.0, 10.0, 100.0, 1000.0]))
print(tf.sparse.sparse_dense_matmul(st, tf.ones([4, 2])))
print(tf.sparse.sparse_dense_matmul(st, tf.ones([3, 2]), adjoint_a=True))
print(tf.sparse.sparse_dense_matmul(st, tf.ones([2, 4]), adjoint_b=True))
print(tf.sparse.add(st, st))
print(tf.sparse.add(st, tf.ones([3, 4])))
print(tf.sparse.add(st, tf.SparseTensor([[0, 0], [2, 3]], [-1.0, 5.0], [3, 4])))
print(tf.sparse.add(st, tf.SparseTensor([[0, 0], [2, 3]], [-0.5, 5.0], [3, 4]), threshold=1.0))

# %%
print(tf.sparse.reorder(tf.SparseTensor([[1, 0], [0, 0]], [1.0, 2.0], [3, 4])))
print(tf.sparse.transpose(st))
print(tf.sparse.reshape(st, [4, 3]))
print(tf.sparse.reshape(st, [-1]))
print(tf.sparse.concat(1, [st, st]))
print(tf.sparse.concat(0, [st, tf.SparseTensor([[0, 3]], [9.0], [1, 4])]))
print(tf.sparse.retain(st, [True, False]))
print(tf.sparse.fill_empty_rows(st, 0.0))
print(tf.sparse.expand_dims(st, 0))
print(tf.sparse.expand_dims(st))

# %%
other = tf.SparseTensor([[0, 0], [2, 1]], [5.0, -2.0], [3, 4])
print(tf.sparse.maximum(st, other))
print(tf.sparse.minimum(st, other))
print(tf.sparse.map_values(tf.math.square, st))
print(tf.sparse.map_values(tf.add, st, st))
print(tf.sparse.slice(st, [0, 0], [2, 2]))
print(tf.sparse.eye(2))

# %%
print(tf.sparse.bincount(tf.constant([[1, 2, 2], [0, 3, 3]])))
print(tf.sparse.bincount(tf.constant([[1, 2, 2], [0, 3, 3]]), axis=-1))
print(tf.sparse.bincount(tf.constant([1, 2, 2, 5]), weights=tf.constant([0.5, 1.0, 2.0, 3.0]),
                         maxlength=4))
print(tf.sparse.bincount(tf.constant([[1, 2, 2], [0, 3, 3]]), axis=-1, binary_output=True))

# %%
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    s = tf.SparseTensor([[0, 1], [2, 0]], v * v, [3, 2])
    d = tf.sparse.to_dense(s)
    y = (tf.reduce_sum(d * [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
         + tf.reduce_sum(tf.sparse.sparse_dense_matmul(s, tf.ones([2, 3])))
         + tf.sparse.reduce_sum(tf.sparse.concat(0, [s, s])))
print(tape.gradient(y, v))
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.sparse.reduce_max(tf.SparseTensor([[0, 1], [2, 0]], v * v, [3, 2]),
                                           axis=0))
try:
    tape.gradient(y, v)
except LookupError as e:
    print(type(e).__name__, e)

# %%
b = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(st, b) ** 2)
print(tape.gradient(y, b))

# %%
@tf.function
def dense_of(s):
    return tf.sparse.to_dense(s) * 2.0, tf.sparse.reduce_sum(s, axis=0)

print(dense_of(st))

@tf.function
def make(x):
    return tf.SparseTensor([[0, 0], [1, 1]], x, [2, 2])

print(make(tf.constant([3.0, 4.0])))

@tf.function
def matmul(x):
    return tf.sparse.sparse_dense_matmul(st, x)

print(matmul(tf.ones([4, 1])))

# %%
# tf.sparse.segment_sum/mean/sqrt_n: values, num_segments, TF's kernel and attr errors, gradients
c = tf.constant([[1., 2, 3, 4], [-1, -2, -3, -4], [5, 6, 7, 8]])
print(tf.sparse.segment_sum(c, tf.constant([0, 1]), tf.constant([0, 0])))
print(tf.sparse.segment_sum(c, [0, 2], [0, 2], num_segments=4))
print(tf.sparse.segment_mean(c, [0, 2], [0, 2]))
print(tf.sparse.segment_sqrt_n(c, [0, 2, 1], [0, 0, 1], num_segments=3))
print(tf.sparse.segment_sum([1, 2, 3], tf.constant([0, 2], tf.int64), tf.constant([0, 2], tf.int64)))
print(tf.sparse.segment_sum(tf.constant([1., 2]), [], []))
bad = [lambda: tf.sparse.segment_sum(c, [0, 5], [0, 1]), lambda: tf.sparse.segment_sum(c, [0, 1], [1, 0]),
       lambda: tf.sparse.segment_sum(c, [0, 1], [0]), lambda: tf.sparse.segment_sum(c, [0, 1], [0, 5], num_segments=2),
       lambda: tf.sparse.segment_mean(tf.constant([1, 2]), [0], [0]), lambda: tf.sparse.segment_sum(c, [0, 1], [-1, 0]),
       lambda: tf.sparse.segment_sum(c, [0., 1], [0, 0]), lambda: tf.sparse.segment_sum(c, [[0]], [0]),
       lambda: tf.sparse.segment_sqrt_n(tf.constant([1, 2]), [0], [0], num_segments=2),
       lambda: tf.sparse.segment_sum(tf.constant([1., 2]), [0], [0], num_segments=-1)]
for f in bad:
    try:
        f()
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e)
x = tf.Variable(c)
with tf.GradientTape(persistent=True) as t:
    y = tf.sparse.segment_mean(x, [0, 2, 2], [0, 0, 1])
    y2 = tf.sparse.segment_sqrt_n(x, [2, 0, 2], [0, 0, 1], sparse_gradient=True)
    y3 = tf.sparse.segment_sum(x, [0, 2, 2], [0, 0, 1], num_segments=3)
print(t.gradient(y, x))
g = t.gradient(y2, x)
print(type(g).__name__, g)
print(t.gradient(y3, x))

# %%
# tf.sparse.mask (IndexedSlices without the masked slices), tf.sparse.to_indicator
a = tf.IndexedSlices(tf.constant([[1., 2], [3, 4], [5, 6]]), tf.constant([12, 26, 37]), tf.constant([40, 2]))
b = tf.sparse.mask(a, [12, 45])
print(type(b).__name__, b.values, b.indices, b.dense_shape)
b = tf.sparse.mask(tf.IndexedSlices(tf.constant([1, 2]), tf.constant([3, 4], tf.int64)), tf.constant([4], tf.int64))
print(b.values, b.indices, b.dense_shape)
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 3]], tf.constant([0, 10, 13, 14], tf.int64), [2, 4])
print(tf.sparse.to_indicator(st, 20))
try:
    tf.sparse.to_indicator(st, 12)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, e)

# %%
# tf.sparse.softmax (per innermost row; gradient) and tf.sparse.reset_shape
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 3], [2, 0]], [1., 2., 3., 1., 5.], [3, 4])
print(tf.sparse.softmax(st))
st3 = tf.SparseTensor([[0, 0, 1], [0, 0, 2], [0, 1, 0], [1, 1, 1]], tf.constant([1., 2., 3., 4.], tf.float64), [2, 2, 3])
print(tf.sparse.softmax(st3))
v = tf.Variable([1., 2., 3., 1., 5.])
with tf.GradientTape() as t:
    s = tf.sparse.softmax(tf.SparseTensor(st.indices, v, st.dense_shape))
    y = tf.reduce_sum(s.values * tf.constant([1., 2, 3, 4, 5]))
print(t.gradient(y, v))
print(tf.sparse.reset_shape(st), tf.sparse.reset_shape(st, [4, 5]), tf.sparse.reset_shape(st, [3., 5]))
for f in [lambda: tf.sparse.softmax(tf.SparseTensor([[0]], [1.], [3])), lambda: tf.sparse.softmax(tf.SparseTensor([[0, 0]], [1], [3, 3])),
          lambda: tf.sparse.reset_shape(st, [2, 5]), lambda: tf.sparse.reset_shape(st, [3])]:
    try:
        f()
    except (tf.errors.InvalidArgumentError, ValueError) as e:
        print(type(e).__name__, e)

# %%
# tf.sparse.split: uneven pieces, negative axis, TF's errors
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 3], [2, 0], [2, 4]], [1., 2., 3., 4., 5., 6.], [3, 5])
for p in tf.sparse.split(st, 2, 1):
    print(p)
for p in tf.sparse.split(sp_input=st, num_split=3, axis=0):
    print(p.indices.numpy().tolist(), p.dense_shape.numpy())
print([p.dense_shape.numpy().tolist() for p in tf.sparse.split(st, 4, axis=-1)])
for f in [lambda: tf.sparse.split(st, 2, 2), lambda: tf.sparse.split(st, 0, 1), lambda: tf.sparse.split(st, 6, 1),
          lambda: tf.sparse.split(st, 2)]:
    try:
        f()
    except (tf.errors.InvalidArgumentError, ValueError) as e:
        print(type(e).__name__, e)
