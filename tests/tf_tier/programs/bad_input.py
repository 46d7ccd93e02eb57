# Bad input found by the differential fuzzer (issue 18): TF's error class and message where a
# value came back silently or a raw Python/JAX exception leaked, and the missing behaviour.
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


# %% segment ids
show(lambda: tf.math.segment_sum(tf.constant([1., 2, 3]), tf.constant([-1, 0, 0])))
show(lambda: tf.math.segment_sum(tf.constant([1., 2, 3]), tf.constant([0, -1, 1])))
show(lambda: tf.math.segment_max(tf.constant([1., 2, 3]), tf.constant([0, 0, -1])))
show(lambda: tf.math.segment_sum(tf.constant(1.), tf.constant(2)))
show(lambda: tf.math.segment_min(tf.constant([1., 2]), tf.constant([[0, 0]])))
show(lambda: tf.math.unsorted_segment_max(tf.constant([[1., 2], [3, 4]]), tf.constant([0]), 2))
show(lambda: tf.math.unsorted_segment_sum(tf.constant([1., 2]), tf.constant([0, 1]), -1))

# %% strided_slice
show(lambda: tf.strided_slice(tf.constant([1, 2, 3]), [0], [3], [0], shrink_axis_mask=1))
show(lambda: tf.strided_slice(tf.zeros([3, 3, 3]), [0, 0], [3], [1]))
show(lambda: tf.strided_slice(tf.constant([1, 2, 3]), tf.constant([0]),
                              tf.constant([2], tf.int64), tf.constant([1])))
show(lambda: tf.strided_slice(tf.constant([1, 2, 3]), [0], tf.constant([2], tf.int64),
                              tf.constant([1])))

# %% where, and kernels TF lacks on CPU
show(lambda: tf.where(tf.constant(False)))
show(lambda: tf.where(tf.constant([1., 0], tf.float16)))
show(lambda: tf.where(tf.constant(["a", ""])))
show(lambda: tf.math.bessel_i0e(tf.constant([1.], tf.bfloat16)))
show(lambda: tf.math.erfcinv(tf.constant([0.5], tf.float16)))
show(lambda: tf.math.ndtri(tf.constant([0.5], tf.float16)))
show(lambda: tf.round(tf.constant([1.5 + 1j], tf.complex64)))
show(lambda: tf.unique(tf.constant([1j])))
show(lambda: tf.linalg.tensor_diag(tf.constant([1, 2], tf.bfloat16)))

# %% dtypes the op-defs refuse
show(lambda: tf.sort(tf.constant([True, False])))
show(lambda: tf.sort(tf.constant([1j, 2]), direction="DESCENDING"))
show(lambda: tf.argsort(tf.constant(["a", "b"])))
show(lambda: tf.add_n([tf.constant(True), tf.constant(False)]))
show(lambda: tf.math.conj(tf.constant(True)))
show(lambda: tf.math.real(tf.constant(True)))
show(lambda: tf.linalg.tensor_diag(tf.constant([1, 2], tf.int8)))
show(lambda: tf.math.bincount(tf.constant([1, 2], tf.int8)))
show(lambda: tf.math.is_non_decreasing(tf.constant([1j, 2])))
show(lambda: tf.sequence_mask(tf.constant([1, 2], tf.int8)))
show(lambda: tf.zeros(tf.constant([1, 2], tf.int8)))

# %% Variables
show(lambda: tf.Variable(tf.constant([1, 2]), dtype=tf.float32))
show(lambda: tf.Variable(tf.Variable([1, 2]), dtype=tf.float32))
show(lambda: tf.convert_to_tensor(tf.Variable([1, 2]), tf.float32))
v = tf.Variable([1., 2])
show(lambda: v.assign_add([1., 2, 3]))
show(lambda: v.assign_sub(1.))
print(v)

# %% sliced assignment
v = tf.Variable([[1., 2, 3], [4, 5, 6]])
show(lambda: v[0].assign([7., 8, 9]))
show(lambda: v[:, 1].assign([1., 2, 3]))
show(lambda: v[0].assign(tf.constant([1, 2, 3])))
show(lambda: v[::2, 1:].assign([[0., 0]]))
show(lambda: v[5].assign(1.))
print(v, v[1])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(v[0] * 2.)
print(tape.gradient(y, v))

# %% igamma's edges and TF's keyword names
print(tf.math.igamma(tf.constant([-1., 0., 0., 1., float("inf"), float("inf")]),
                     tf.constant([0., 0., 1., 0., 1., float("inf")])))
print(tf.math.igammac(tf.constant([0., 0., float("inf"), float("inf"), -1.]),
                      tf.constant([0., 1., 1., -1., 0.5])))
print(tf.math.igamma(a=1., x=0.5), tf.math.igammac(a=1., x=0.5), tf.math.nextafter(x1=1., x2=2.))
print(tf.gather_nd(tf.constant([1, 2]), [[0], [5]], bad_indices_policy="IGNORE"))
show(lambda: tf.gather_nd(tf.constant([1, 2]), [[0], [5]], bad_indices_policy=""))
