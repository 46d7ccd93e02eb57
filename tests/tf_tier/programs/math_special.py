# Special functions and small composites: igammac, ndtri, erfcinv, Bessel functions,
# multiply_no_nan, reciprocal_no_nan, zero_fraction, lbeta, monotonicity,
# scalar_mul; extra tf.debugging static checks. (accumulate_n and the gradient of bessel_i1
# print TF deprecation warnings tfshim doesn't: tests/test_math_ops.py covers them.)
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


p = tf.constant([0.1, 0.5, 0.9])

# %%
print(tf.math.igammac(tf.constant([0.5, 2.0]), tf.constant([1.0, 3.0])), tf.math.ndtri(p),
      tf.math.erfcinv(tf.constant([0.5, 1.5])))
print(tf.math.bessel_i0(p), tf.math.bessel_i0e(p), tf.math.bessel_i1(p), tf.math.bessel_i1e(p))
print(tf.math.bessel_i0e(tf.constant([1.0], tf.float16)),
      tf.math.ndtri(tf.constant([0.25], tf.float64)))

# %%
print(tf.math.multiply_no_nan(tf.constant([np.inf, 2.0, np.nan]), tf.constant([0.0, 3.0, 0.0])))
print(tf.math.reciprocal_no_nan(tf.constant([0.0, 2.0])), tf.math.zero_fraction([0, 1, 0, 3]))
print(tf.math.zero_fraction(tf.constant([True, False])), tf.math.zero_fraction(tf.zeros([0])))
print(tf.math.lbeta(tf.constant([[1.0, 2.0], [3.0, 4.0]])), tf.math.lbeta(tf.zeros([2, 0])))
print(tf.math.is_non_decreasing([1, 1, 2]), tf.math.is_strictly_increasing([1, 1, 2]),
      tf.math.is_strictly_increasing(tf.constant([])), tf.math.is_non_decreasing([[1, 2], [0, 3]]))
print(tf.math.scalar_mul(2, tf.constant([1.5, 2.0])), tf.scalar_mul(3, tf.constant([1, 2])))

# %%
show(lambda: tf.math.multiply_no_nan(tf.constant([1, 2]), tf.constant([0, 3])))
show(lambda: tf.math.reciprocal_no_nan(tf.constant([0, 2])))
show(lambda: tf.math.lbeta(tf.constant([1, 2])))
show(lambda: tf.math.is_non_decreasing(tf.constant(["a"])))
show(lambda: tf.math.ndtri(tf.constant([1], tf.int32)))
show(lambda: tf.math.ndtri(tf.constant([0.5], tf.bfloat16)))
show(lambda: tf.math.igammac(tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)))
show(lambda: tf.math.bessel_i1(tf.constant([1.0], tf.bfloat16)))
show(lambda: tf.math.erfcinv(tf.constant([1], tf.int32)))
show(lambda: tf.math.scalar_mul(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0])))

# %%
x = tf.constant([0.2, 0.7], tf.float64)
for fn in [tf.math.ndtri, tf.math.erfcinv, tf.math.bessel_i0, tf.math.bessel_i0e,
           tf.math.bessel_i1e, lambda v: tf.math.multiply_no_nan(v, v - 0.2),
           tf.math.reciprocal_no_nan, lambda v: tf.math.igammac(v + 1.0, v),
           lambda v: tf.math.lbeta(tf.stack([v, v + 1.0], 1))]:
    with tf.GradientTape() as t:
        t.watch(x)
        y = fn(x)
    print(t.gradient(y, x))

# %%
print(tf.debugging.assert_integer(tf.constant([1])), tf.debugging.assert_scalar(3.0),
      tf.debugging.assert_rank_at_least(tf.zeros([2, 3]), 1),
      tf.debugging.assert_rank_in(tf.zeros([2]), [0, 1]))
show(lambda: tf.debugging.assert_integer(tf.constant([1.0]), message="m"))
show(lambda: tf.debugging.assert_scalar(tf.constant([1.0]), message="m"))
show(lambda: tf.debugging.assert_rank_at_least(tf.constant([1.0]), 2))
show(lambda: tf.debugging.assert_rank_in(tf.constant([1.0]), [0, 2], message="m"))

# %%
a, b, x = tf.constant([0.5, 1.0, 2.0, 3.0]), tf.constant([1.0, 2.0, 3.0, 0.5]), tf.constant(
    [0.2, 0.5, 0.7, 0.9])


def values(t):
    """dtype, shape and values to 5 significant digits (the float32 kernels differ in the
    last ulp, which changes how numpy lays out a printed array)."""
    return None if t is None else (t.dtype.name, t.shape.as_list(),
                                   [float("%.5g" % v) for v in t.numpy().reshape(-1)])


print(values(tf.math.betainc(a, b, x)), values(tf.math.betainc(1.0, 2.0, tf.constant([0.5, 0.3]))))
print(values(tf.math.polygamma(tf.constant([0.0, 1.0, 2.0, 3.0, -1.0, 0.5]),
                               tf.constant([1.5, 2.0, 3.0, 0.5, 1.5, 2.0]))))
print(values(tf.math.zeta(tf.constant([2.0, 3.0, 1.0, 0.5]), tf.constant([1.0, 2.0, 1.0, 1.0]))),
      tf.math.zeta(tf.constant([2.0], tf.float64), tf.constant([3.0], tf.float64)))
for fn, args in [(tf.math.betainc, (a, b, x)), (tf.math.polygamma, (a, b)),
                 (tf.math.zeta, (a, b))]:
    with tf.GradientTape() as t:
        t.watch(args)
        y = fn(*args)
    print([values(g) for g in t.gradient(y, args)])
show(lambda: tf.math.betainc(tf.constant([1]), tf.constant([1]), tf.constant([1])))
show(lambda: tf.math.polygamma(tf.constant([1]), tf.constant([1])))
show(lambda: tf.math.zeta(tf.constant(1.0), tf.constant(1.0, tf.float64)))
show(lambda: tf.math.betainc(tf.constant([1.0, 2]), tf.constant([1.0, 2, 3]), tf.constant(1.0)))
