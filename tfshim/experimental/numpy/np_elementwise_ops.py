"""tnp's elementwise functions: one-input, bitwise and the binary ones past arithmetic (TF's
numpy_ops/np_math_ops.py, split here by size)."""

import numpy as np

import tfshim as tf

from ..._api import export
from . import np_array_ops, np_math_ops, np_utils


def _bitwise_binary_op(tf_fn, x1, x2):

    def f(x1, x2):
        is_bool = x1.dtype == tf.bool
        if is_bool:
            assert x2.dtype == tf.bool
            x1 = tf.cast(x1, tf.int8)
            x2 = tf.cast(x2, tf.int8)
        r = tf_fn(x1, x2)
        if is_bool:
            r = tf.cast(r, tf.bool)
        return r

    return np_math_ops._bin_op(f, x1, x2)


@export("experimental.numpy.bitwise_and")
def bitwise_and(x1, x2):
    return _bitwise_binary_op(tf.bitwise.bitwise_and, x1, x2)


@export("experimental.numpy.bitwise_or")
def bitwise_or(x1, x2):
    return _bitwise_binary_op(tf.bitwise.bitwise_or, x1, x2)


@export("experimental.numpy.bitwise_xor")
def bitwise_xor(x1, x2):
    return _bitwise_binary_op(tf.bitwise.bitwise_xor, x1, x2)


@export("experimental.numpy.bitwise_not")
def bitwise_not(x):

    def f(x):
        if x.dtype == tf.bool:
            return tf.math.logical_not(x)
        return tf.bitwise.invert(x)

    return _scalar(f, x)


def _scalar(tf_fn, x, promote_to_float=False):
    x = np_array_ops.asarray(x)
    if promote_to_float and (not np.issubdtype(x.dtype.as_numpy_dtype, np.inexact)):
        x = x.astype(np_utils.result_type(float))
    return tf_fn(x)


@export("experimental.numpy.log")
def log(x):
    return _scalar(tf.math.log, x, True)


@export("experimental.numpy.exp")
def exp(x):
    return _scalar(tf.math.exp, x, True)


@export("experimental.numpy.sqrt")
def sqrt(x):
    return _scalar(tf.math.sqrt, x, True)


@export("experimental.numpy.abs")
def abs(x):
    return _scalar(tf.math.abs, x)


@export("experimental.numpy.absolute")
def absolute(x):
    return abs(x)


@export("experimental.numpy.fabs")
def fabs(x):
    return abs(x)


@export("experimental.numpy.ceil")
def ceil(x):
    return _scalar(tf.math.ceil, x, True)


@export("experimental.numpy.floor")
def floor(x):
    return _scalar(tf.math.floor, x, True)


@export("experimental.numpy.conj")
def conj(x):
    return _scalar(tf.math.conj, x)


@export("experimental.numpy.negative")
def negative(x):
    return _scalar(tf.math.negative, x)


@export("experimental.numpy.reciprocal")
def reciprocal(x):
    return _scalar(tf.math.reciprocal, x)


@export("experimental.numpy.signbit")
def signbit(x):

    def f(x):
        if x.dtype == tf.bool:
            return tf.fill(tf.shape(x), False)
        return x < 0

    return _scalar(f, x)


@export("experimental.numpy.sin")
def sin(x):
    return _scalar(tf.math.sin, x, True)


@export("experimental.numpy.cos")
def cos(x):
    return _scalar(tf.math.cos, x, True)


@export("experimental.numpy.tan")
def tan(x):
    return _scalar(tf.math.tan, x, True)


@export("experimental.numpy.sinh")
def sinh(x):
    return _scalar(tf.math.sinh, x, True)


@export("experimental.numpy.cosh")
def cosh(x):
    return _scalar(tf.math.cosh, x, True)


@export("experimental.numpy.tanh")
def tanh(x):
    return _scalar(tf.math.tanh, x, True)


@export("experimental.numpy.arcsin")
def arcsin(x):
    return _scalar(tf.math.asin, x, True)


@export("experimental.numpy.arccos")
def arccos(x):
    return _scalar(tf.math.acos, x, True)


@export("experimental.numpy.arctan")
def arctan(x):
    return _scalar(tf.math.atan, x, True)


@export("experimental.numpy.arcsinh")
def arcsinh(x):
    return _scalar(tf.math.asinh, x, True)


@export("experimental.numpy.arccosh")
def arccosh(x):
    return _scalar(tf.math.acosh, x, True)


@export("experimental.numpy.arctanh")
def arctanh(x):
    return _scalar(tf.math.atanh, x, True)


@export("experimental.numpy.deg2rad")
def deg2rad(x):

    def f(x):
        return x * (np.pi / 180.0)

    return _scalar(f, x, True)


@export("experimental.numpy.rad2deg")
def rad2deg(x):
    return x * (180.0 / np.pi)


_tf_float_types = [tf.bfloat16, tf.float16, tf.float32, tf.float64]


@export("experimental.numpy.angle")
def angle(z, deg=False):

    def f(x):
        if x.dtype in _tf_float_types:
            return tf.where(x < 0, np.pi, 0)
        else:
            return tf.math.angle(x)

    y = _scalar(f, z, True)
    if deg:
        y = rad2deg(y)
    return y


@export("experimental.numpy.cbrt")
def cbrt(x):

    def f(x):
        rt = tf.math.abs(x) ** (1.0 / 3)
        return tf.where(x < 0, -rt, rt)

    return _scalar(f, x, True)


@export("experimental.numpy.conjugate")
def conjugate(x):
    return _scalar(tf.math.conj, x)


@export("experimental.numpy.exp2")
def exp2(x):

    def f(x):
        return 2**x

    return _scalar(f, x, True)


@export("experimental.numpy.expm1")
def expm1(x):
    return _scalar(tf.math.expm1, x, True)


@export("experimental.numpy.fix")
def fix(x):

    def f(x):
        return tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x))

    return _scalar(f, x, True)


@export("experimental.numpy.iscomplex")
def iscomplex(x):
    return np_array_ops.imag(x) != 0


@export("experimental.numpy.isreal")
def isreal(x):
    return np_array_ops.imag(x) == 0


@export("experimental.numpy.iscomplexobj")
def iscomplexobj(x):
    x = np_array_ops.array(x)
    return np.issubdtype(x.dtype.as_numpy_dtype, np.complexfloating)


@export("experimental.numpy.isrealobj")
def isrealobj(x):
    return not iscomplexobj(x)


@export("experimental.numpy.isnan")
def isnan(x):
    return _scalar(tf.math.is_nan, x, True)


@export("experimental.numpy.isfinite")
def isfinite(x):
    return _scalar(tf.math.is_finite, x, True)


@export("experimental.numpy.isinf")
def isinf(x):
    if x.dtype.is_floating:
        return _scalar(tf.math.is_inf, x, True)
    return False


@export("experimental.numpy.isneginf")
def isneginf(x):
    if x.dtype.is_floating:
        return x == np_array_ops.full_like(x, -np.inf)
    return False


@export("experimental.numpy.isposinf")
def isposinf(x):
    if x.dtype.is_floating:
        return x == np_array_ops.full_like(x, np.inf)
    return False


@export("experimental.numpy.log2")
def log2(x):
    return log(x) / np.log(2)


@export("experimental.numpy.log10")
def log10(x):
    return log(x) / np.log(10)


@export("experimental.numpy.log1p")
def log1p(x):
    return _scalar(tf.math.log1p, x, True)


@export("experimental.numpy.positive")
def positive(x):
    return _scalar(lambda x: x, x)


@export("experimental.numpy.sinc")
def sinc(x):

    def f(x):
        pi_x = x * np.pi
        return tf.where(x == 0, tf.ones_like(x), tf.math.sin(pi_x) / pi_x)

    return _scalar(f, x, True)


@export("experimental.numpy.square")
def square(x):
    return _scalar(tf.math.square, x)


@export("experimental.numpy.power")
def power(x1, x2):
    return np_math_ops._bin_op(tf.math.pow, x1, x2)


@export("experimental.numpy.float_power")
def float_power(x1, x2):
    return power(x1, x2)


@export("experimental.numpy.arctan2")
def arctan2(x1, x2):
    return np_math_ops._bin_op(tf.math.atan2, x1, x2)


@export("experimental.numpy.nextafter")
def nextafter(x1, x2):
    return np_math_ops._bin_op(tf.math.nextafter, x1, x2)


@export("experimental.numpy.heaviside")
def heaviside(x1, x2):

    def f(x1, x2):
        return tf.where(
            x1 < 0,
            tf.constant(0, dtype=x2.dtype),
            tf.where(x1 > 0, tf.constant(1, dtype=x2.dtype), x2),
        )

    y = np_math_ops._bin_op(f, x1, x2)
    if not np.issubdtype(y.dtype.as_numpy_dtype, np.inexact):
        y = y.astype(np_utils.result_type(float))
    return y


@export("experimental.numpy.hypot")
def hypot(x1, x2):
    return sqrt(square(x1) + square(x2))


@export("experimental.numpy.logaddexp")
def logaddexp(x1, x2):
    amax = np_math_ops.maximum(x1, x2)
    delta = x1 - x2
    return np_array_ops.where(isnan(delta), x1 + x2, amax + log1p(exp(-abs(delta))))


@export("experimental.numpy.logaddexp2")
def logaddexp2(x1, x2):
    amax = np_math_ops.maximum(x1, x2)
    delta = x1 - x2
    return np_array_ops.where(isnan(delta), x1 + x2, amax + log1p(exp2(-abs(delta))) / np.log(2))


@export("experimental.numpy.isclose")
def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):

    def f(a, b):
        dtype = a.dtype
        if np.issubdtype(dtype.as_numpy_dtype, np.inexact):
            rtol_ = tf.convert_to_tensor(rtol, dtype.real_dtype)
            atol_ = tf.convert_to_tensor(atol, dtype.real_dtype)
            result = tf.math.abs(a - b) <= atol_ + rtol_ * tf.math.abs(b)
            if equal_nan:
                result = result | tf.math.is_nan(a) & tf.math.is_nan(b)
            return result
        else:
            return a == b

    return np_math_ops._bin_op(f, a, b)


@export("experimental.numpy.allclose")
def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return np_array_ops.all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def _tf_gcd(x1, x2):

    def _gcd_cond_fn(_, x2):
        return tf.math.reduce_any(x2 != 0)

    def _gcd_body_fn(x1, x2):
        x2_safe = tf.where(x2 != 0, x2, tf.constant(1, x2.dtype))
        x1, x2 = (
            tf.where(x2 != 0, x2, x1),
            tf.where(x2 != 0, tf.math.mod(x1, x2_safe), tf.constant(0, x2.dtype)),
        )
        return (tf.where(x1 < x2, x2, x1), tf.where(x1 < x2, x1, x2))

    if not np.issubdtype(x1.dtype.as_numpy_dtype, np.integer) or not np.issubdtype(
        x2.dtype.as_numpy_dtype, np.integer
    ):
        raise ValueError("Arguments to gcd must be integers.")
    shape = np_utils._broadcast_shape(tf.shape(x1), tf.shape(x2))
    x1 = tf.broadcast_to(x1, shape)
    x2 = tf.broadcast_to(x2, shape)
    value, _ = tf.while_loop(_gcd_cond_fn, _gcd_body_fn, (tf.math.abs(x1), tf.math.abs(x2)))
    return value


@export("experimental.numpy.gcd")
def gcd(x1, x2):
    return np_math_ops._bin_op(_tf_gcd, x1, x2)


@export("experimental.numpy.lcm")
def lcm(x1, x2):

    def f(x1, x2):
        d = _tf_gcd(x1, x2)
        d_safe = tf.where(tf.math.equal(d, 0), tf.constant(1, d.dtype), d)
        x1 = tf.math.abs(x1)
        x2 = tf.math.abs(x2)
        return tf.where(tf.math.equal(d, 0), tf.constant(0, d.dtype), x1 * (x2 // d_safe))

    return np_math_ops._bin_op(f, x1, x2)
