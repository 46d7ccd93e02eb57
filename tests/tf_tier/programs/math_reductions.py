# More reductions: std/variance/logsumexp/euclidean_norm/any/all, argmax/argmin, count_nonzero,
# segment and unsorted-segment reductions, bincount, polyval, cumulative_logsumexp; gradients.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


m = tf.constant([[1.0, 2.0, 4.0], [-3.0, 0.5, 2.0]])
b = tf.constant([[True, False, True], [True, True, True]])

# %%
for axis in [None, 0, 1, -1, [0, 1]]:
    print(tf.math.reduce_std(m, axis), tf.math.reduce_variance(m, axis, keepdims=True))
    print(tf.reduce_logsumexp(m, axis), tf.math.reduce_euclidean_norm(m, axis))
    print(tf.reduce_any(b, axis), tf.reduce_all(b, axis, keepdims=True))

# %%
print(tf.math.reduce_variance(tf.constant([1 + 1j, 2 + 0j])), tf.math.reduce_std(
    tf.constant([1.0, 3.0], tf.float16)), tf.math.reduce_std(tf.constant([1.0, 2.0], tf.float64)))
print(tf.math.reduce_euclidean_norm(tf.constant([3, 4])),
      tf.math.reduce_euclidean_norm(tf.constant([[3 + 4j]])))
print(tf.reduce_logsumexp(tf.constant([[-np.inf, -np.inf], [np.inf, 1.0]]), axis=1))
print(tf.reduce_any(tf.zeros([0], tf.bool)), tf.reduce_all(tf.zeros([0], tf.bool)))
print(tf.reduce_logsumexp(tf.constant([1.0, 2.0], tf.float64)), tf.reduce_any([True, False]))

# %%
show(lambda: tf.math.reduce_std(tf.constant([1, 2])))
show(lambda: tf.reduce_any(tf.constant([1, 2])))
show(lambda: tf.reduce_all(b, axis=2))
show(lambda: tf.reduce_logsumexp(tf.constant([1, 2])))
show(lambda: tf.math.reduce_euclidean_norm(tf.constant([True])))

# %%
x = tf.constant([[1, 5, 5], [7, 2, 7]])
print(tf.argmax(x), tf.argmax(x, 1), tf.argmin(x, axis=-1, output_type=tf.int32))
print(tf.math.argmax(tf.constant([1.0, np.nan, 3.0])), tf.math.argmin(tf.constant([True, False])))
print(tf.argmax(tf.constant([2, 9], tf.uint8)), tf.argmin(tf.constant([[0.5], [0.25]]), 0))
show(lambda: tf.argmax(x, axis=2))
show(lambda: tf.argmax(tf.constant([])))
show(lambda: tf.argmax(tf.constant(3.0)))
show(lambda: tf.argmax(tf.constant([1j])))

# %%
y = tf.constant([[0, 1, 0], [2, 0, 3]])
print(tf.math.count_nonzero(y), tf.math.count_nonzero(y, axis=1, keepdims=True, dtype=tf.int32))
print(tf.math.count_nonzero(tf.constant([0.0, -0.0, 0.5])), tf.math.count_nonzero(b, 0))
print(tf.math.count_nonzero(tf.constant(["", "a", "bc"])))

# %%
d = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
ids = tf.constant([0, 0, 2, 2])
for fn in [tf.math.segment_sum, tf.math.segment_mean, tf.math.segment_max, tf.math.segment_min,
           tf.math.segment_prod]:
    print(fn(d, ids), fn(tf.constant([1, 2, 3, 4]), ids))

# %%
uids = tf.constant([2, 0, 2, -1])
for fn in [tf.math.unsorted_segment_sum, tf.math.unsorted_segment_mean,
           tf.math.unsorted_segment_max, tf.math.unsorted_segment_min,
           tf.math.unsorted_segment_prod]:
    print(fn(d, uids, 4), fn(tf.constant([1, 2, 3, 4]), uids, num_segments=3))
print(tf.math.unsorted_segment_sum(tf.constant([[1, 2], [3, 4]]), tf.constant([[0, 1], [1, 1]]), 2))
print(tf.math.unsorted_segment_sqrt_n(d, uids, 4))
show(lambda: tf.math.unsorted_segment_sqrt_n(tf.constant([1, 2]), [0, 1], 2))
show(lambda: tf.math.unsorted_segment_mean(tf.constant([True]), [0], 2))

# %%
show(lambda: tf.math.segment_sum(tf.constant([1, 2, 3]), tf.constant([0, 1, 0])))
show(lambda: tf.math.segment_sum(tf.constant([1, 2, 3]), tf.constant([0, 1])))
show(lambda: tf.math.unsorted_segment_sum(tf.constant([1, 2]), tf.constant([0, 5]), 3))
show(lambda: tf.math.segment_max(tf.constant([1j]), tf.constant([0])))

# %%
print(tf.math.bincount(tf.constant([1, 1, 3])), tf.math.bincount(tf.constant([[1, 0], [1, 4]])))
print(tf.math.bincount(tf.constant([1, 1, 3]), weights=tf.constant([0.5, 1.0, 2.0]), minlength=6))
print(tf.math.bincount(tf.constant([1, 1, 3]), maxlength=2), tf.math.bincount(tf.constant([], tf.int32)))
print(tf.math.bincount(tf.constant([1, 1, 3]), dtype=tf.float32),
      tf.math.bincount(tf.constant([1, 1, 3]), binary_output=True))
show(lambda: tf.math.bincount(tf.constant([1, -1, 3])))

# %%
print(tf.math.polyval([1.0, 2.0, 3.0], tf.constant([2.0, 0.0])), tf.math.polyval([1, 2, 3], 2))
print(tf.math.polyval([], tf.constant([2.0])), tf.math.polyval([tf.constant(2.0)], 3.0))
show(lambda: tf.math.polyval([1.0, 2.0], tf.constant([1.0], tf.float64)))
show(lambda: tf.math.segment_sum(tf.constant([1, 2]), tf.constant([0.0, 1.0])))
print(tf.math.unsorted_segment_mean(tf.constant([1, 2], tf.uint8), [0, 1], 2))
print(tf.math.cumulative_logsumexp(tf.constant([0.0, 1.0, 2.0])))
print(tf.math.cumulative_logsumexp(m, axis=1, exclusive=True),
      tf.math.cumulative_logsumexp(m, axis=0, reverse=True))

# %%
w = tf.constant([[1.0, 2.0, 4.0], [-3.0, 0.5, 2.0]], tf.float64)
for fn in [tf.math.reduce_std, tf.math.reduce_variance, tf.reduce_logsumexp,
           tf.math.reduce_euclidean_norm]:
    with tf.GradientTape() as t:
        t.watch(w)
        y = fn(w, axis=1)
    print(t.gradient(y, w))

# %%
dd = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]], tf.float64)
for fn in [tf.math.segment_sum, tf.math.segment_mean, tf.math.segment_max, tf.math.segment_prod]:
    with tf.GradientTape() as t:
        t.watch(dd)
        y = fn(dd, ids)
    print(t.gradient(y, dd))
for fn in [tf.math.unsorted_segment_sum, tf.math.unsorted_segment_mean,
           tf.math.unsorted_segment_min, tf.math.unsorted_segment_sqrt_n]:
    with tf.GradientTape() as t:
        t.watch(dd)
        y = fn(dd, uids, 3)
    print(t.gradient(y, dd))

# %%
v = tf.constant([0.0, 1.0, 2.0], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch(v)
    y1 = tf.math.cumulative_logsumexp(v)
    y2 = tf.math.polyval([tf.constant(c, tf.float64) for c in [1.0, 2.0, 3.0]], v)
    y3 = tf.cast(tf.argmax(v), tf.float64)
print(t.gradient(y1, v), t.gradient(y2, v), t.gradient(y3, v))
