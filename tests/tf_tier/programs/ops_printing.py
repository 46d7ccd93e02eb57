# Printed forms: str/repr of tensors of every dtype and rank, empty and summarised tensors,
# variables, TensorShape and DType.
import numpy as np
import tensorflow as tf

# %%
for dt in [tf.float32, tf.float64, tf.float16, tf.bfloat16, tf.int8, tf.int32, tf.int64,
           tf.uint8, tf.uint32, tf.complex64, tf.complex128]:
    t = tf.constant(3, dt) if not dt.is_complex else tf.constant(3 + 0.5j, dt)
    print(t)
    print(repr(t))

# %%
for v in [1.0, 0.1, -2.5, 1e-8, 1e10, 123456789.0, np.inf, -np.inf, np.nan, 0.0, -0.0, 1 / 3]:
    print(tf.constant(v), repr(tf.constant(v)), repr(tf.constant(v, tf.float64)))

# %%
print(tf.constant(True), tf.constant("hello"), tf.constant(b"\xff\x00"), tf.constant(""))
tf.constant(True), tf.constant("hello"), tf.constant(["a", "bc"]), tf.constant([b"\xfe"])

# %%
print(tf.constant([1.0, 2.5]), tf.constant([1, 2, 3]), tf.constant([True, False]))
print(tf.constant([1e-8, 1.0]), tf.constant([1e10, 1.0]), tf.constant([np.nan, 1.0, -np.inf]))
print(tf.constant([0.1, 0.2], tf.float64), tf.constant([1, 2], tf.float16),
      tf.constant([1.5, -2], tf.bfloat16))
print(tf.constant([1 + 2j, 3j]), tf.constant(["x", "yz"]), tf.constant([-1, 255], tf.int64))

# %%
(tf.constant([1.0, 2.5]), tf.constant([1, 2, 3]), tf.constant([1, 2], tf.int64),
 tf.constant([1.0], tf.float64))

# %%
(tf.constant([1, 2], tf.uint8), tf.constant([1, 2], tf.float16), tf.constant([1, 2], tf.bfloat16),
 tf.constant([1j], tf.complex64))

# %%
m = tf.constant([[1.0, 2.0], [3.0, 4.5]])
print(m)
print(tf.constant([[1, 2], [3, 4]]), tf.constant([[True], [False]]))
print(tf.reshape(tf.range(8), [2, 2, 2]))
m, tf.reshape(tf.range(8), [2, 2, 2]), tf.constant([[1.0, 2.0]], tf.float64)

# %%
print(tf.zeros([0]), tf.zeros([0, 3]), tf.zeros([2, 0], tf.int32), tf.zeros([0], tf.string))
tf.zeros([0]), tf.zeros([0, 3]), tf.zeros([2, 0], tf.int32), tf.zeros([0], tf.bool)

# %%
big = tf.range(2000)
print(big)
big

# %%
print(tf.cast(tf.reshape(tf.range(2000), [40, 50]), tf.float32))
tf.reshape(tf.range(2000), [40, 50])

# %%
print(tf.range(1000), tf.range(1001))

# %%
v = tf.Variable([1.0, 2.0])
print(v)
v

# %%
print(tf.Variable(3), tf.Variable([[1, 2]], name="w"))
tf.Variable(2.5, dtype=tf.float64), tf.Variable("s"), tf.Variable([True])

# %%
for s in [tf.TensorShape([]), tf.TensorShape([3]), tf.TensorShape([2, 3]), tf.TensorShape(None),
          tf.TensorShape([None, 3]), tf.TensorShape([0])]:
    print(str(s), repr(s))

# %%
for d in [tf.float32, tf.float64, tf.float16, tf.bfloat16, tf.int32, tf.uint8, tf.bool, tf.string,
          tf.complex64, tf.half, tf.double]:
    print(str(d), repr(d), d.name)

# %%
f"{tf.constant(2.5):.3f}", "%s" % tf.constant([1, 2]), format(tf.constant(7), "d")
