# Tensor creation ops: constant, convert_to_tensor, ones/zeros(_like), fill, eye, range,
# linspace, identity, cast; their dtype inference, shapes, printed reprs and errors.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


# %%
for v in [1, 1.5, True, 1 + 2j, "ab", b"\xff", 2**31, -(2**31), 2**31 - 1, [1, 2], [1.0, 2],
          [[1, 2], [3, 4]], [], [[]], (1, 2.5), [True, False], ["a", "bc"], [1, 2**40]]:
    t = tf.constant(v)
    print(repr(v), "->", t.dtype.name, t.shape)

# %%
for v in [np.float64(1.5), np.int64(3), np.float16(1), np.array([1, 2]), np.array([1.0]),
          np.array([], np.int8), np.array(True), np.uint8(7), np.array([1 + 1j], np.complex64)]:
    t = tf.constant(v)
    print(repr(v), "->", t.dtype.name, t.shape)

# %%
tf.constant(1.5), tf.constant(7), tf.constant([1.5, 2.25]), tf.constant([[1, 2], [3, 4]])

# %%
print(tf.constant(3, dtype=tf.float64), tf.constant(1.0, tf.int32 if False else tf.float16))
print(tf.constant([1, 2], dtype=tf.uint8), tf.constant(True, dtype=tf.bool))
print(tf.constant([1.0, 2.0], dtype=tf.complex64), tf.constant(0.1, dtype=tf.float64))

# %%
show(lambda: tf.constant(1.5, dtype=tf.int32))
show(lambda: tf.constant(1 + 1j, dtype=tf.float32))
show(lambda: tf.constant("a", dtype=tf.float32))
show(lambda: tf.constant(1, dtype=tf.string))
show(lambda: tf.constant(2, dtype=tf.bool))
show(lambda: tf.constant([1.5, 2], dtype=tf.int64))

# %%
show(lambda: tf.constant(None))
show(lambda: tf.constant({"a": 1}))

# %%
print(tf.constant(np.array([1.7, -2.7]), dtype=tf.int32))
print(tf.constant(np.array([300, 2]), dtype=tf.uint8))
print(tf.constant(np.float64(0.1), dtype=tf.float32))

# %%
print(tf.constant(0, shape=[2, 3]))
print(tf.constant([1, 2, 3, 4, 5, 6], shape=(2, 3)))
print(tf.constant(1.5, shape=[]), tf.constant([7], shape=[1, 1, 1]))
show(lambda: tf.constant([1, 2, 3], shape=[2, 2]))

# %%
t = tf.constant([1.0, 2.0])
print(tf.constant(t) is t, tf.convert_to_tensor(t) is t)
show(lambda: tf.constant(t, dtype=tf.float64))
show(lambda: tf.convert_to_tensor(t, dtype=tf.float64))

# %%
print(tf.convert_to_tensor(1), tf.convert_to_tensor(1.0), tf.convert_to_tensor([1, 2.5]))
print(tf.convert_to_tensor(1, dtype=tf.float32), tf.convert_to_tensor(np.int64(4)))
print(tf.convert_to_tensor(2, dtype_hint=tf.float32),
      tf.convert_to_tensor(2.5, dtype_hint=tf.int32))
print(tf.convert_to_tensor(np.array([1, 2], np.int16), dtype=tf.int16))
show(lambda: tf.convert_to_tensor(1.5, dtype=tf.int32))
show(lambda: tf.convert_to_tensor(np.array([1.5]), dtype=tf.int32))

# %%
print(tf.zeros([2, 3]), tf.ones(3), tf.zeros((), tf.int32), tf.ones([2], dtype=tf.bool))
print(tf.zeros([0, 2]), tf.ones([2, 0], tf.int64), tf.zeros(tf.constant([1, 2])))
print(tf.ones((1, 2), tf.complex64), tf.zeros([2], "float16"), tf.ones([1], np.float64))

# %%
show(lambda: tf.zeros([-1, 2]))
show(lambda: tf.ones([2.5]))
show(lambda: tf.zeros([2], dtype="nonsense"))

# %%
x = tf.constant([[1, 2], [3, 4]])
print(tf.zeros_like(x), tf.ones_like(x), tf.ones_like(x, dtype=tf.float32))
print(tf.zeros_like([1.0, 2.0]), tf.ones_like(3), tf.zeros_like(np.array([True, False])))
print(tf.ones_like(tf.constant([], tf.float64)), tf.zeros_like(tf.constant(["a"])))

# %%
print(tf.fill([2, 3], 9), tf.fill([2], 1.5), tf.fill([], True), tf.fill((0, 2), 1))
print(tf.fill([2], tf.constant(3, tf.int64)), tf.fill(tf.constant([1, 2]), "x"))
show(lambda: tf.fill([2, -1], 1))
show(lambda: tf.fill([2], [1, 2]))

# %%
print(tf.eye(2), tf.eye(2, 3), tf.eye(3, 2, dtype=tf.int32))
print(tf.eye(2, batch_shape=[2]), tf.eye(0), tf.eye(1, dtype=tf.bool))
print(tf.linalg.eye(2, dtype=tf.float64))

# %%
print(tf.range(5), tf.range(1, 4), tf.range(0, 10, 3), tf.range(5, 0, -2), tf.range(0))
print(tf.range(1.0, 2.0, 0.25), tf.range(3, dtype=tf.float32), tf.range(0.5, 3))
print(tf.range(tf.constant(3, tf.int64)), tf.range(2, 5, dtype=tf.int64), tf.range(3, 3))
print(tf.range(0, 1, 0.3), tf.range(np.float64(2)), tf.range(-3), tf.range(10, 2))

# %%
show(lambda: tf.range(0, 5, 0))
show(lambda: tf.range(5, 0, 1))
show(lambda: tf.range(0, 5, -1))
show(lambda: tf.range(3, dtype=tf.bool))

# %%
print(tf.linspace(0.0, 1.0, 5), tf.linspace(1, 2, 3), tf.linspace(0.0, 1.0, 1))
print(tf.linspace(tf.constant(0.0, tf.float64), 2.0, 3), tf.linspace(-1.0, 1.0, 4))
print(tf.linspace([0.0, 10.0], [1.0, 20.0], 3), tf.linspace([0.0, 1.0], 2.0, 3, axis=1))
print(tf.linspace(0.0, 1.0, 0), tf.linspace(tf.constant(0, tf.int8), 1, 3))
print(tf.linspace(0.1, 0.7, 7), tf.linspace([0.0, 1.0], 2.0, 3, axis=-2))
show(lambda: tf.linspace(0.0, 1.0, -1))
show(lambda: tf.linspace(0.0, 1.0, 2.5))
show(lambda: tf.linspace(tf.constant(0.0, tf.float64), tf.constant(1.0), 3))
show(lambda: tf.linspace([0.0, 1.0], 2.0, 3, axis=2))

# %%
x = tf.constant([1, 2])
y = tf.identity(x)
print(y, y is x, tf.identity(2.5), tf.identity([[True]]), tf.identity("s"))

# %%
x = tf.constant([1.7, -1.7, 2.5, -0.5, 300.0])
print(tf.cast(x, tf.int32), tf.cast(x, tf.uint8), tf.cast(x, tf.bool), tf.cast(x, tf.float16))
print(tf.cast([1, 0, 5], tf.bool), tf.cast(True, tf.float32), tf.cast(3, tf.complex64))
print(tf.cast(tf.constant([1.5, 2.5], tf.float64), "float32"), tf.cast(x, tf.float32) is x)
print(tf.cast(tf.constant([256, -1]), tf.uint8), tf.cast(1e10, tf.int32),
      tf.cast(2**31 - 1, tf.float32))
print(tf.cast(tf.constant([np.nan, np.inf, -np.inf]), tf.int32))
print(tf.cast(tf.constant([1.5, 2.5]), tf.bfloat16), tf.cast(7, np.int8),
      tf.dtypes.cast(1, tf.float64))

# %%
print(tf.cast(tf.constant([1 + 2j, -3 - 4j]), tf.float32))

# %%
show(lambda: tf.cast("1", tf.int32))
show(lambda: tf.cast(tf.constant(["1"]), tf.float32))
show(lambda: tf.cast(1, "nonsense"))
