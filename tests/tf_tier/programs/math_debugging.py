# tf.debugging assertions: None when they hold, InvalidArgumentError with TF's message when they
# don't (printed in full), static rank/type/shape checks, check_numerics, is_numeric_tensor.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and its whole message."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e)))


x = tf.constant([1, 2, 3])
y = tf.constant([1, 5, 0])

# %%
for fn in [tf.debugging.assert_equal, tf.debugging.assert_none_equal, tf.debugging.assert_less,
           tf.debugging.assert_less_equal, tf.debugging.assert_greater,
           tf.debugging.assert_greater_equal]:
    show(lambda: fn(x, y))
    show(lambda: fn(x, y, message="custom", summarize=1))

# %%
print(tf.debugging.assert_equal(x, x), tf.assert_equal(1, 1), tf.assert_less(1, 2),
      tf.assert_greater(2.0, 1.0), tf.debugging.assert_less_equal(x, x + 1))
show(lambda: tf.assert_equal(tf.constant([[1.0, 2.0], [3.0, 4.0]]), 1.0))
show(lambda: tf.assert_equal(tf.constant(1.5), 2.5))
show(lambda: tf.assert_equal(x, tf.constant([1, 2])))
show(lambda: tf.assert_equal(x, tf.constant([1.0, 2.0, 3.0])))
show(lambda: tf.assert_less(x, 3, summarize=-1))
show(lambda: tf.debugging.assert_none_equal(tf.constant(["a", "b"]), tf.constant(["a", "c"])))

# %%
v = tf.constant([1.0, -2.0, 0.0, 4.0])
for fn in [tf.debugging.assert_positive, tf.debugging.assert_negative,
           tf.debugging.assert_non_negative, tf.debugging.assert_non_positive]:
    show(lambda: fn(v))
    show(lambda: fn(tf.constant([1, 2]), message="msg", summarize=1))
print(tf.debugging.assert_positive(tf.constant([1, 2])), tf.debugging.assert_negative(-1.0))

# %%
show(lambda: tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.1, 2.0])))
show(lambda: tf.debugging.assert_near(tf.constant([1.0, 2.0], tf.float64), [1.0, 2.5],
                                      message="near", summarize=1))
print(tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0000001])))
print(tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.05]), atol=0.1))

# %%
show(lambda: tf.debugging.assert_rank(x, 2))
show(lambda: tf.debugging.assert_rank(x, 2, message="rank"))
print(tf.debugging.assert_rank(x, 1), tf.assert_rank(tf.constant(3.0), 0))
show(lambda: tf.debugging.assert_type(x, tf.float32))
show(lambda: tf.debugging.assert_type(x, tf.float32, message="typ"))
print(tf.debugging.assert_type(x, tf.int32))

# %%
show(lambda: tf.debugging.assert_shapes([(x, ("N",)), (tf.zeros([2, 4]), ("N", 4))]))
show(lambda: tf.debugging.assert_shapes([(x, (3,)), (tf.zeros([3, 4]), ("N", 5))]))
print(tf.debugging.assert_shapes([(x, ("N",)), (tf.zeros([3, 4]), ("N", "D"))]))
show(lambda: tf.debugging.assert_shapes([(x, ("N", 2))], message="shp"))
print(tf.debugging.assert_shapes([(tf.constant(1.0), ("N",)), (tf.constant([2.0]), ("N",))]))

# %%
print(tf.debugging.check_numerics(tf.constant([1.0, 2.0]), "ok"))
show(lambda: tf.debugging.check_numerics(tf.constant([1.0, np.nan, np.inf]), "bad"))
show(lambda: tf.debugging.check_numerics(tf.constant([1.0, np.inf]), "bad"))
show(lambda: tf.debugging.check_numerics(tf.constant([1, 2]), "bad"))
print(tf.debugging.assert_all_finite(tf.constant([1.0, 2.0]), "ok"))
show(lambda: tf.debugging.assert_all_finite(tf.constant([np.nan], tf.float16), "nan"))

# %%
print(tf.debugging.is_numeric_tensor(x), tf.debugging.is_numeric_tensor(tf.constant("a")),
      tf.debugging.is_numeric_tensor(tf.constant(True)), tf.debugging.is_numeric_tensor(3))
show(lambda: tf.debugging.Assert(tf.constant(False), [x, "text", tf.constant(2.5)]))
print(tf.debugging.Assert(True, [x]))

# %%
w = tf.constant([1.0, 2.0], tf.float64)
with tf.GradientTape() as t:
    t.watch(w)
    z = tf.debugging.check_numerics(w * w, "g")
print(t.gradient(z, w))
