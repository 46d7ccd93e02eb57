# Elementwise math: unary and binary ops, their tf.math names, TF's dtype rules (no implicit
# promotion, Python scalars take the tensor's dtype, int truediv), broadcasting and errors.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


f = tf.constant([-2.0, -0.5, 0.0, 0.5, 3.0])
i = tf.constant([-7, -1, 0, 2, 9])

# %%
for fn in [tf.negative, tf.abs, tf.square, tf.sqrt, tf.exp, tf.math.log, tf.sin, tf.cos,
           tf.tanh, tf.sigmoid]:
    print(fn(f))

# %%
for fn in [tf.math.negative, tf.math.abs, tf.math.square, tf.math.sqrt, tf.math.exp,
           tf.math.log, tf.math.sin, tf.math.cos, tf.math.tanh, tf.math.sigmoid, tf.nn.tanh,
           tf.nn.sigmoid]:
    print(fn(tf.constant([0.25, 4.0], tf.float64)))

# %%
print(tf.negative(i), tf.abs(i), tf.square(i), -i, abs(i))
print(tf.abs(tf.constant(-2**31)), tf.negative(tf.constant(-128, tf.int8)),
      tf.square(tf.constant(20, tf.int8)))
print(tf.abs(tf.constant([-3 + 4j])), tf.negative(tf.constant([1 - 1j], tf.complex64)))
print(tf.square(tf.constant([1 + 2j])), tf.sqrt(tf.constant([-4 + 0j])), tf.exp(tf.constant([1j])))

# %%
print(tf.sqrt(-1.0), tf.math.log(0.0), tf.math.log(-1.0))
print(tf.exp(100.0), tf.exp(tf.constant(100.0, tf.float64)), tf.sigmoid(-100.0), tf.tanh(50.0))
print(tf.sqrt(tf.constant([np.inf, np.nan, -0.0])), tf.abs(-0.0), tf.negative(0.0))

# %%
for dt in [tf.float16, tf.bfloat16, tf.float64]:
    x = tf.constant([0.5, 2.0], dt)
    print(tf.sqrt(x), tf.exp(x), tf.sigmoid(x), tf.tanh(x), tf.sin(x), tf.math.log(x))

# %%
show(lambda: tf.sqrt(4))
show(lambda: tf.exp(tf.constant([1, 2])))
show(lambda: tf.math.log(tf.constant(1, tf.int64)))
show(lambda: tf.sin(True))
show(lambda: tf.abs(tf.constant(1, tf.uint8)))
show(lambda: tf.negative(tf.constant([1], tf.uint32)))
show(lambda: tf.square("a"))
show(lambda: tf.sigmoid(tf.constant([1], tf.int8)))
show(lambda: tf.tanh(tf.constant(True)))

# %%
a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
b = tf.constant([10.0, 20.0])
for fn in [tf.add, tf.subtract, tf.multiply, tf.divide, tf.truediv, tf.math.floordiv,
           tf.math.floormod, tf.pow, tf.maximum, tf.minimum]:
    print(fn(a, b), fn(b, 3.0).numpy())

# %%
p, q = tf.constant([7, -7, 7, -7, 0]), tf.constant([2, 2, -2, -2, 3])
print(tf.math.floordiv(p, q), tf.math.floormod(p, q), tf.math.mod(p, q), p // q, p % q)
pf, qf = tf.cast(p, tf.float32), tf.cast(q, tf.float32)
print(tf.math.floordiv(pf, qf), tf.math.floormod(pf, qf), pf // qf, pf % qf)
print(tf.math.floordiv(1.0, 0.0), tf.math.floormod(1.0, 0.0), tf.math.floordiv(-1.0, 0.0),
      tf.math.floormod(5.5, -2.0))
print(tf.math.floordiv(tf.constant(7, tf.uint8), 2),
      tf.math.floormod(tf.constant([5], tf.int64), 3))

# %%
show(lambda: tf.math.floordiv(p, 0))
show(lambda: tf.math.floormod(p, tf.zeros_like(p)))
show(lambda: tf.math.floordiv(tf.constant([1 + 1j]), 1 + 1j))
show(lambda: tf.math.floordiv(True, True))
show(lambda: tf.math.floormod(tf.constant([1j]), 1j))

# %%
print(tf.divide(7, 2), tf.truediv(7, 2), tf.constant(7) / 2, 7 / tf.constant(2))
print(tf.constant(7, tf.int8) / tf.constant(2, tf.int8), tf.constant(7, tf.int16) / 2)
print(tf.constant(7, tf.int64) / 2, tf.constant(7, tf.uint8) / 2, tf.constant(7, tf.uint16) / 2)
print(tf.constant(1) / 0, tf.constant(-1) / 0, tf.constant(0) / 0, 1.0 / tf.constant(0.0))
print(tf.constant([1 + 1j]) / (1 - 1j), tf.constant(3.0, tf.float16) / 7, tf.divide(1, 3.0))

# %%
show(lambda: tf.constant(True) / True)
show(lambda: tf.truediv(tf.constant(1), tf.constant(1.0)))
show(lambda: tf.divide(tf.constant(1), tf.constant(1, tf.int64)))
show(lambda: tf.constant(7, tf.uint32) / 2)

# %%
print(tf.pow(2, 10), tf.pow(2.0, -1.0), tf.pow(-8.0, 1.0 / 3), tf.pow(0.0, 0.0), tf.pow(0.0, -1.0))
print(tf.constant(2) ** 3, 2 ** tf.constant([1, 2]), tf.constant([2.0]) ** 0.5, tf.pow(-2, 3))
print(tf.pow(tf.constant([1 + 1j]), 2), tf.pow(tf.constant(3, tf.int64), 2), tf.pow(10, 9))
print(tf.pow(tf.constant(2, tf.int8), 7), tf.pow(tf.constant(0), 0), tf.pow(1, -1), tf.pow(-1, -1))
show(lambda: tf.pow(2, -1))
show(lambda: tf.pow(tf.constant([2, 3]), tf.constant([1, -2])))
show(lambda: tf.pow(True, True))
show(lambda: tf.pow(tf.constant(2), 0.5))

# %%
print(tf.maximum(i, 0), tf.minimum(i, 0), tf.maximum(f, tf.constant(np.nan)), tf.minimum(np.nan, f))
print(tf.maximum(tf.constant([1], tf.uint8), 3), tf.minimum(tf.constant([-1], tf.int64), 3))
print(tf.math.maximum(tf.constant(1.5, tf.float16), 2.0), tf.math.minimum([1.0, 5.0], 2.0))
show(lambda: tf.maximum(tf.constant([1j]), 1j))
show(lambda: tf.maximum(True, False))
show(lambda: tf.minimum("a", "b"))

# %%
print(tf.add("ab", "cd"), tf.add(tf.constant(["a", "b"]), "c"), tf.constant("x") + "y")
print(tf.add(1, 2), tf.add(1.5, 2), tf.add(1, 2.5), tf.add([1, 2], 3),
      tf.add(True if False else 1, 1))
print(tf.subtract(tf.constant(1, tf.uint8), 2), tf.multiply(tf.constant(100, tf.int8), 2))
print(tf.add(tf.constant(2**31 - 1), 1), tf.multiply(1 + 2j, tf.constant(2j)))

# %%
show(lambda: tf.add(True, False))
show(lambda: tf.subtract("a", "b"))
show(lambda: tf.multiply(tf.constant([True]), True))
show(lambda: tf.add(tf.constant(1), tf.constant(1.0)))
show(lambda: tf.add(tf.constant(1.0), tf.constant(1)))
show(lambda: tf.multiply(tf.constant(1.0), tf.constant(1.0, tf.float64)))
show(lambda: tf.subtract(tf.constant(1, tf.int64), tf.constant(1)))
show(lambda: tf.add(tf.constant(1.0), 1.5j))
show(lambda: tf.add(1, 2.5j))
show(lambda: tf.add(1.5, tf.constant(1)))

# %%
show(lambda: tf.add(tf.ones([2]), tf.ones([3])))
show(lambda: tf.multiply(tf.ones([2, 3]), tf.ones([3, 2])))
show(lambda: tf.subtract(tf.ones([4]), tf.ones([2, 3])))
show(lambda: tf.maximum(tf.ones([2]), tf.ones([3])))
show(lambda: tf.pow(tf.ones([2]), tf.ones([3])))
show(lambda: tf.math.floordiv(tf.ones([2]), tf.ones([3])))
show(lambda: tf.divide(tf.ones([2]), tf.ones([3])))
show(lambda: tf.ones([2]) + tf.ones([3]))
print(tf.add(tf.ones([2, 1]), tf.ones([3])).shape,
      tf.multiply(tf.ones([1, 0]), tf.ones([5, 1])).shape)

# %%
x = tf.constant([1.0, 2.0])
print(x + 1, 1 + x, x - 1, 1 - x, x * 2, 2 * x, x / 2, 2 / x, x // 2, 2 // x, x % 2, 3 % x)
print(x ** 2, 2 ** x, -x, abs(-x), x + np.float32(1), np.float64(2) * x,
      x * np.array([2.0], np.float32))
print(x + [1, 2], [1, 2] * x, x + (1, 2), x - True, x + 2**31)
n = tf.constant([1, 2])
print(n + 1, 1.0 * n if False else n * 2, 2 - n, n // 2, n ** 2, n / n, n + np.int32(1))

# %%
show(lambda: n + 1.5)
show(lambda: 1.5 * n)
show(lambda: x + np.float64(1))
show(lambda: x * np.array([1.0]))
show(lambda: n + np.int64(1))
show(lambda: n * "a")
show(lambda: x + 1j)
show(lambda: x / "a")
show(lambda: x * [1.5])
show(lambda: n * [1.5])
show(lambda: n * "ab")

# %%
v, w = tf.Variable([1.0, 2.0]), tf.Variable([3, 4])
print(v + 1, 1 + v, v * v, -v, abs(-v), v == [1.0, 3.0], v < 2, 2 ** v, w / 2, w // 3, w % 3)
print(tf.Variable([[1.0]]) @ [[2.0]], [[2.0]] @ tf.Variable([[1.0]]), ~tf.Variable([True]))
print(tf.add(v, 1), tf.reduce_sum(v), tf.cast(v, tf.int32), tf.stack([v, v]), v[tf.constant(1)])
