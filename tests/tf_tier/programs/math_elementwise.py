# More elementwise math: trigonometric and special functions, rounding, predicates, binary ops
# (atan2, squared_difference, divide_no_nan, xlogy, truncatediv/mod), dtype errors, gradients.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


u = tf.constant([-0.9, -0.25, 0.0, 0.5, 0.75])
p = tf.constant([0.5, 1.0, 2.5, 4.0])

# %%
for fn in [tf.math.tan, tf.math.asin, tf.math.acos, tf.math.atan, tf.math.sinh, tf.math.cosh,
           tf.math.asinh, tf.math.atanh, tf.math.expm1, tf.math.log1p, tf.math.erf,
           tf.math.erfc, tf.math.erfinv, tf.math.sign, tf.math.floor, tf.math.ceil,
           tf.math.round, tf.math.rint, tf.math.log_sigmoid, tf.math.softplus]:
    print(fn.__name__, fn(u))

# %%
for fn in [tf.math.acosh, tf.math.rsqrt, tf.math.lgamma, tf.math.digamma, tf.math.reciprocal]:
    print(fn(p), fn(tf.cast(p, tf.float64)))
print(tf.math.tan(tf.constant([0.5], tf.bfloat16)), tf.math.erf(tf.constant([0.5], tf.bfloat16)))
print(tf.tan(1.0), tf.asin(0.5), tf.acos(0.5), tf.atan(1.0), tf.sinh(1.0), tf.cosh(1.0),
      tf.asinh(1.0), tf.acosh(2.0), tf.atanh(0.5), tf.sign(-3), tf.floor(2.5), tf.round(2.5))

# %%
print(tf.math.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, -2.5], tf.float64)))
print(tf.math.rint(tf.constant([0.5, 1.5, 2.5, -0.5])), tf.math.round(tf.constant([3, -4])))
print(tf.math.sign(tf.constant([-2, 0, 5])), tf.math.sign(tf.constant([3 + 4j, 0j])))
print(tf.math.sign(tf.constant([-0.0, np.nan, -np.inf])))

# %%
x = tf.constant([1.0, np.nan, np.inf, -np.inf, 0.0])
print(tf.math.is_nan(x), tf.math.is_inf(x), tf.math.is_finite(x))
print(tf.math.rsqrt(tf.constant([0.0, -1.0])), tf.math.lgamma(tf.constant([0.0, -1.0, -0.5])))
print(tf.math.erfinv(tf.constant([-1.0, 1.0, 2.0])), tf.math.digamma(tf.constant([0.0, -2.0])))

# %%
c = tf.constant([1 + 1j, -2 + 0j, 0j])
print(tf.math.imag(c), tf.math.angle(c), tf.math.imag(u), tf.math.angle(u))
print(tf.math.imag(tf.constant([1, 2])), tf.math.angle(tf.constant([1.0, -1.0], tf.float64)))
print(tf.math.tan(c), tf.math.expm1(c), tf.math.rsqrt(tf.constant([4 + 0j])))

# %%
for dt in [tf.float16, tf.bfloat16, tf.float64]:
    v = tf.constant([0.25, 0.5], dt)
    print(tf.math.erf(v), tf.math.tan(v), tf.math.log1p(v), tf.math.atan(v),
          tf.math.softplus(v), tf.math.log_sigmoid(v))

# %%
show(lambda: tf.math.tan(tf.constant([1, 2])))
show(lambda: tf.math.erf(tf.constant([1 + 0j])))
show(lambda: tf.math.floor(tf.constant([1])))
show(lambda: tf.math.is_nan(tf.constant([1])))
show(lambda: tf.math.sign(tf.constant([1], tf.uint8)))
show(lambda: tf.math.log_sigmoid(tf.constant([1, 2])))
show(lambda: tf.math.reciprocal(tf.constant([1, 2])))
show(lambda: tf.math.imag(tf.constant(["a"])))
show(lambda: tf.math.angle(tf.constant([1, -2])))
show(lambda: tf.math.acosh(True))

# %%
a = tf.constant([[1.0, -2.0], [0.0, 3.0]])
b = tf.constant([2.0, 0.0])
print(tf.math.squared_difference(a, b), tf.math.atan2(a, b), tf.math.divide_no_nan(a, b))
print(tf.math.xdivy(a, b), tf.math.xlogy(a, tf.abs(b)), tf.math.xlog1py(a, b))
print(tf.math.nextafter(a, b), tf.math.igamma(tf.constant([0.5, 2.0]), tf.constant([1.0, 3.0])))
print(tf.truncatediv(tf.constant([-7, 7, -7]), tf.constant([2, -2, -2])),
      tf.truncatemod(tf.constant([-7, 7, -7]), tf.constant([2, -2, -2])))
print(tf.truncatediv(tf.constant([-7.5, 7.5]), 2.0), tf.truncatemod(tf.constant([-7.5, 7.5]), 2.0))
print(tf.math.squared_difference(tf.constant([3, -4]), 1), tf.atan2(1.0, -1.0))
print(tf.math.squared_difference(tf.constant([1 + 2j]), tf.constant([0j])))

# %%
print(tf.math.divide_no_nan(tf.constant([1, 2]), tf.constant([0, 2])), tf.math.divide_no_nan(1, 2))
print(tf.math.divide_no_nan(tf.constant([1.0, -1.0, 0.0]), 0.0), tf.math.xdivy(0.0, 0.0))
print(tf.math.xlogy(0.0, 0.0), tf.math.xlog1py(0.0, -1.0), tf.math.xlogy(1.0, 0.0))

# %%
show(lambda: tf.math.atan2(tf.constant([1, 2]), tf.constant([1, 2])))
show(lambda: tf.math.squared_difference(tf.constant([1.0]), tf.constant([1.0], tf.float64)))
show(lambda: tf.math.squared_difference(tf.constant([1], tf.int8), tf.constant([1], tf.int8)))
show(lambda: tf.math.xlogy(tf.constant([1]), tf.constant([1])))
show(lambda: tf.truncatediv(tf.constant([-7, 7]), tf.constant([0, 2])))
show(lambda: tf.truncatemod(tf.constant([7], tf.int8), tf.constant([2], tf.int8)))
show(lambda: tf.math.nextafter(tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)))
show(lambda: tf.math.atan2(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0, 3.0])))

# %%
xs = tf.constant([0.3, -0.4, 0.6], tf.float64)
for fn in [tf.math.tan, tf.math.asin, tf.math.acos, tf.math.atan, tf.math.sinh, tf.math.cosh,
           tf.math.asinh, tf.math.atanh, tf.math.expm1, tf.math.log1p, tf.math.erf,
           tf.math.erfc, tf.math.erfinv, tf.math.sign, tf.math.log_sigmoid, tf.math.softplus,
           tf.math.floor, tf.math.round]:
    with tf.GradientTape() as t:
        t.watch(xs)
        y = fn(xs)
    print(fn.__name__, t.gradient(y, xs))

# %%
ps = tf.constant([0.5, 1.5, 3.0], tf.float64)
for fn in [tf.math.acosh, tf.math.rsqrt, tf.math.lgamma, tf.math.digamma, tf.math.reciprocal]:
    with tf.GradientTape() as t:
        t.watch(ps)
        y = fn(ps)
    print(t.gradient(y, ps))

# %%
xa = tf.constant([0.0, 1.0, -2.0, 3.0], tf.float64)
ya = tf.constant([2.0, 0.0, 0.5, 1.5], tf.float64)
for fn in [tf.math.squared_difference, tf.math.atan2, tf.math.divide_no_nan, tf.math.xdivy,
           tf.math.xlogy, tf.math.xlog1py]:
    with tf.GradientTape() as t:
        t.watch([xa, ya])
        y = fn(xa, ya)
    print(t.gradient(y, [xa, ya]))

# %%
print(tf.math.xlogy(tf.constant([0.0, 2.0]), tf.constant([0.5, 0.5])))
with tf.GradientTape() as t:
    z = tf.constant([1.0, 2.0])
    t.watch(z)
    y = tf.truncatediv(z, 3.0)
print(t.gradient(y, z))

# %%
with tf.GradientTape() as t:
    t.watch(xa)
    y = tf.truncatemod(xa, 2.0)
show(lambda: t.gradient(y, xa))
show(lambda: tf.math.lgamma(tf.constant([1.5], tf.bfloat16)))
show(lambda: tf.math.rint(tf.constant([1.5], tf.float16)))
show(lambda: tf.truncatemod(tf.constant([1.5], tf.float16), tf.constant([1.5], tf.float16)))
show(lambda: tf.truncatediv(tf.constant([1j]), tf.constant([1j])))
