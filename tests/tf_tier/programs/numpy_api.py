# tf.experimental.numpy (tnp): TF's "NumPy API on TensorFlow" guide and every tnp name: tnp's
# dtype inference (float64 defaults), creation, shapes, math, reductions, indexing, random,
# gradients and tf.function; then experimental_enable_numpy_behavior (NumPy promotion and
# ndarray methods on tf.Tensor, NumPy-style indexing) and prefer_float32.
import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def show(f, *args, **kwargs):
    try:
        print(getattr(f, "__name__", ""), f(*args, **kwargs))
    except Exception as e:
        print(getattr(f, "__name__", ""), type(e).__name__, str(e).split("\n")[0][:200])

# %%
print(tnp.ndarray is tf.Tensor, tnp.newaxis, tnp.pi, tnp.e, tnp.inf)
print(tnp.asarray(1), tnp.asarray(1.0), tnp.asarray([1, 2]), tnp.asarray(True), tnp.asarray(1j))
print(tnp.array([1.5, 2], dtype=tnp.float32), tnp.array(3, ndmin=2), tnp.asanyarray([[1]]))
print(tnp.ascontiguousarray(5), tnp.copy([1, 2]), tnp.asarray(tf.constant([1, 2]), tnp.float64))
print(tnp.asarray(np.float32(2)), tnp.asarray(np.array([1, 2], np.int16)), tnp.asarray(2**63))
for d in (tnp.bool_, tnp.complex128, tnp.complex64, tnp.float16, tnp.float32, tnp.float64,
          tnp.inexact, tnp.int_, tnp.int16, tnp.int32, tnp.int64, tnp.int8, tnp.object_,
          tnp.string_, tnp.uint16, tnp.uint32, tnp.uint64, tnp.uint8, tnp.unicode_,
          tnp.complex_, tnp.float_):
    print(d.__name__, end=" ")
print()

# %%
print(tnp.zeros([2, 3]), tnp.zeros(2, tnp.int32), tnp.ones([2]), tnp.ones(2, dtype=bool))
print(tnp.empty([2]), tnp.empty_like([1, 2]), tnp.zeros_like([1.0, 2]), tnp.ones_like([[1, 2]]))
print(tnp.full([2, 2], 7), tnp.full(3, 1.5, tnp.float32), tnp.full_like([1, 2], 3.7))
print(tnp.eye(3), tnp.eye(2, 3, k=1, dtype=tnp.int32), tnp.eye(3, k=-1), tnp.identity(2))
print(tnp.arange(5), tnp.arange(1, 2, 0.25), tnp.arange(5, dtype=tnp.float32), tnp.arange(3.0))
print(tnp.linspace(0, 1, 5), tnp.linspace(0, 1, 4, endpoint=False, retstep=True))
print(tnp.logspace(0, 2, 3), tnp.geomspace(1, 8, 4), tnp.linspace(0, 10, 3, dtype=tnp.int32))
print(tnp.tri(3), tnp.tri(3, 4, k=1, dtype=tnp.int32), tnp.tril(tnp.ones([3, 3])), tnp.triu(tnp.ones([3, 3]), 1))
print(tnp.diag([1, 2]), tnp.diag([[1, 2], [3, 4]]), tnp.diagflat([1, 2], 1), tnp.diag_indices(3))
print(tnp.vander([1, 2, 3]), tnp.vander([1.0, 2], 3, increasing=True), tnp.meshgrid([1, 2], [3, 4, 5]))
print(tnp.ix_([0, 1], [2, 3]))

# %%
x = tnp.reshape(tnp.arange(6), (2, 3))
print(x, tnp.shape(x), tnp.ndim(x), tnp.size(x), tnp.isscalar(3), tnp.isscalar(x))
print(tnp.transpose(x), tnp.transpose(tnp.ones([1, 2, 3]), (2, 0, 1)).shape, tnp.swapaxes(x, 0, 1))
print(tnp.moveaxis(tnp.ones([1, 2, 3]), 0, -1).shape, tnp.ravel(x), tnp.reshape(x, [3, 2], order="F"))
print(tnp.expand_dims(x, 1).shape, tnp.squeeze(tnp.ones([1, 2, 1])), tnp.atleast_1d(1), tnp.atleast_2d([1, 2]))
print(tnp.atleast_3d([1, 2]).shape, tnp.flip(x), tnp.fliplr(x), tnp.flipud(x), tnp.flip(x, 1))
print(tnp.rot90(x), tnp.roll(x, 1), tnp.roll(x, -1, axis=1), tnp.tile([1, 2], 2), tnp.repeat(x, 2, axis=0))
print(tnp.concatenate([x, x]), tnp.concatenate([[1], [2.5]]), tnp.stack([x, x], axis=1).shape)
print(tnp.hstack([[1], [2, 3]]), tnp.vstack([[1, 2], [3, 4]]), tnp.dstack([[1, 2], [3, 4]]).shape)
print(tnp.split(tnp.arange(6), 3), tnp.split(tnp.arange(6), [1, 4]), tnp.hsplit(x, 3)[0])
print(tnp.vsplit(x, 2)[1], tnp.dsplit(tnp.ones([1, 2, 4]), 2)[0].shape, tnp.append([1, 2], [3]))
print(tnp.broadcast_to([1, 2], [2, 2]), tnp.broadcast_arrays([1, 2], [[3], [4]]), tnp.pad([1, 2], [[1, 1]], "constant"))
print(tnp.pad([[1, 2, 3]], [[0, 0], [2, 1]], "reflect"), tnp.diagonal(tnp.ones([2, 3, 3]), 0, 1, 2))
print(tnp.nonzero([[0, 1], [2, 0]]), tnp.where([True, False], [1, 2], [3.5, 4]), tnp.where([0, 3]))
print(tnp.take([4, 5, 6], [0, 2, 5]), tnp.take(x, [1], axis=1), tnp.take_along_axis(x, tnp.asarray([[0], [2]]), 1))
print(tnp.compress([True, False], x, axis=0), tnp.select([x < 2, x > 3], [x, -x], 9))
print(tnp.flatten(x, order="F") if hasattr(tnp, "flatten") else None)

# %%
a = tnp.asarray([1.0, -2.5, 3.25])
i = tnp.asarray([3, -4, 5])
for f in (tnp.abs, tnp.absolute, tnp.fabs, tnp.ceil, tnp.floor, tnp.conj, tnp.conjugate, tnp.negative,
          tnp.positive, tnp.reciprocal, tnp.signbit, tnp.sign, tnp.square, tnp.fix, tnp.cbrt, tnp.exp, tnp.exp2, tnp.expm1, tnp.sin, tnp.cos, tnp.tan, tnp.sinh,
          tnp.cosh, tnp.tanh, tnp.arctan, tnp.arcsinh, tnp.deg2rad, tnp.rad2deg, tnp.sinc,
          tnp.isfinite, tnp.isinf, tnp.isnan, tnp.isneginf, tnp.isposinf, tnp.real, tnp.imag,
          tnp.angle, tnp.iscomplex, tnp.isreal):
    show(f, a)
for f in (tnp.abs, tnp.ceil, tnp.reciprocal, tnp.sign, tnp.rad2deg, tnp.exp, tnp.isinf):
    show(f, i)
print(tnp.sqrt(4), tnp.log([1, 2]), tnp.log2(8.0), tnp.log10(100), tnp.log1p(0.5), tnp.arcsin(0.5))
print(tnp.arccos(0.5), tnp.arccosh(2), tnp.arctanh(0.5), tnp.iscomplexobj(1j), tnp.isrealobj(a))
print(tnp.angle(1 + 1j), tnp.bitwise_not(i))
show(tnp.angle, 1 + 1j, deg=True)

# %%
for f in (tnp.add, tnp.subtract, tnp.multiply, tnp.divide, tnp.true_divide, tnp.floor_divide, tnp.mod,
          tnp.remainder, tnp.power, tnp.float_power, tnp.maximum, tnp.minimum, tnp.arctan2,
          tnp.hypot, tnp.heaviside, tnp.logaddexp, tnp.logaddexp2, tnp.nextafter, tnp.equal,
          tnp.not_equal, tnp.greater, tnp.greater_equal, tnp.less, tnp.less_equal, tnp.logical_and,
          tnp.logical_or, tnp.logical_xor):
    show(f, a, 2)
for f in (tnp.divide, tnp.floor_divide, tnp.mod, tnp.power, tnp.float_power, tnp.heaviside,
          tnp.logaddexp, tnp.nextafter, tnp.less):
    show(f, i, 2)
for f in (tnp.add, tnp.true_divide, tnp.maximum, tnp.arctan2, tnp.logical_xor):
    show(f, i, tnp.asarray([1, 2, 3], tnp.int8))
print(tnp.divmod(i, 2), tnp.gcd(12, [8, 9]), tnp.lcm(4, [6, 5]), tnp.bitwise_and(i, 6))
print(tnp.bitwise_or(i, 6), tnp.bitwise_xor(i, 6), tnp.logical_not([True, False]), tnp.add(True, False))
print(tnp.clip(a, -1, 2), tnp.clip(i, 0, None), tnp.isclose(a, [1, -2.5000001, 3]), tnp.allclose(a, a))
print(tnp.array_equal([1, 2], [1, 2]), tnp.array_equal([1, 2], [1, 3]), tnp.polyval([1, 2, 3], [0, 1, 2]))

# %%
m = tnp.asarray([[1.0, 2], [3, 4]])
print(tnp.dot(m, m), tnp.dot([1, 2], [3, 4]), tnp.dot(2, m), tnp.matmul(m, [1, 1]), tnp.vdot(m, m))
print(tnp.inner([1, 2], [3, 4]), tnp.outer([1, 2], [3, 4, 5]), tnp.kron([1, 2], [[1], [10]]))
print(tnp.tensordot(m, m, 1), tnp.cross([1, 0, 0], [0, 1, 0]), tnp.einsum("ij,jk->ik", m, m))
print(tnp.trace(m), tnp.trace(tnp.ones([2, 2, 3]), axis1=0, axis2=1), tnp.diff([1, 4, 9, 16]), tnp.diff(m, axis=0))
print(tnp.einsum("ii", m), tnp.einsum("i,i->", [1, 2], [3, 4]), tnp.matmul(tnp.ones([2, 2, 3]), tnp.ones([3, 1])).shape)

# %%
r = tnp.asarray([[3, 1, 2], [6, 5, 4]])
for f in (tnp.sum, tnp.prod, tnp.mean, tnp.max, tnp.min, tnp.amax, tnp.amin, tnp.std, tnp.var,
          tnp.argmax, tnp.argmin, tnp.cumsum, tnp.cumprod, tnp.count_nonzero, tnp.ptp, tnp.all,
          tnp.any, tnp.average, tnp.sort, tnp.argsort, tnp.nansum, tnp.nanprod, tnp.nanmean):
    show(f, r, axis=0)
for f in (tnp.sum, tnp.mean, tnp.amax, tnp.std, tnp.argmax, tnp.cumsum, tnp.average, tnp.sort,
          tnp.nansum):
    show(f, r)
    show(f, tnp.asarray([1.5, 0.5]))
print(tnp.sum(r, axis=1, keepdims=True), tnp.sum(r, dtype=tnp.float32), tnp.mean(r, axis=(0, 1)))
print(tnp.std(m, axis=1), tnp.average(r, axis=1, weights=[1, 0, 1], returned=True))
show(tnp.var, r, ddof=1)
show(tnp.var, m, ddof=1, axis=0)
print(tnp.sum([True, True]), tnp.cumsum(tnp.asarray([1, 2], tnp.int8)), tnp.nansum([1.0, np.nan]))
print(tnp.sort(r, axis=None), tnp.argsort(tnp.asarray([3.0, 1, 2])), tnp.max([True, False]))

# %%
print(tnp.result_type(1, 1.0), tnp.result_type(tnp.int8, tnp.uint8), tnp.result_type(tnp.asarray(1, tnp.float32), 2.0))
print(tnp.promote_types(tnp.int32, tnp.float32), tnp.promote_types("int8", "uint16"))
print(tnp.finfo(tnp.float32), tnp.finfo(tf.float64).eps, tnp.iinfo(tnp.int32), tnp.issubdtype(tnp.float32, tnp.inexact))
print(tnp.finfo(tf.float32).max, tnp.iinfo(np.uint8).max)

# %%
tnp.random.seed(1)
print(tnp.random.randn(2, 2), tnp.random.standard_normal(3), tnp.random.uniform(1, 2, size=(2,)))
print(tnp.random.rand(2), tnp.random.random([2]), tnp.random.randint(0, 10, size=4))
show(tnp.random.randint, 5)
show(tnp.random.uniform)
show(tnp.random.randint, 0, 3, 2, dtype=tnp.int32)
print(tnp.random.poisson(3.0, size=3).dtype, tnp.random.randint(0, 3, 2).dtype)
tnp.random.seed(1)
print(tnp.random.randn(2, 2))
show(tnp.random.random, 2)

# %%
# Gradients and tf.function flow through tnp as through the ops it calls.
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tnp.sum(tnp.multiply(tnp.square(tnp.asarray(v)), tnp.arange(3.0)))
print(y, tape.gradient(y, v))
with tf.GradientTape() as tape:
    tape.watch(a)
    z = tnp.mean(tnp.sinc(a) + tnp.logaddexp(a, 1.0) + tnp.cbrt(a))
print(tape.gradient(z, a))


@tf.function
def f(x):
    return tnp.matmul(tnp.transpose(x), x) + tnp.eye(3)


print(f(tnp.ones([2, 3])), f(tnp.ones([4, 3])))

# %%
# Errors as TF raises them.
for bad in (lambda: tnp.arange(1, 2, 0), lambda: tnp.pad([1], 1, "edge"), lambda: tnp.take([1], [0], mode="x"),
            lambda: tnp.select([True], [1, 2]), lambda: tnp.reshape([1, 2], [2], order="K")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# %%
# The NumPy guide's interoperability: NumPy functions on tnp arrays and back.
t = tnp.ones([2, 3])
print(np.sum(t), np.asarray(t).dtype, tnp.sum(np.ones([2], np.float32)), tf.reduce_sum(t))
print(np.ones([2, 3]) + tnp.ones([3]))

# %%
tnp.experimental_enable_numpy_behavior()
x = tf.constant([1, 2, 3])
print(x.T, x.ndim, x.size, x.reshape(3, 1), x.reshape([1, 3]), x.astype(tf.float32), x.ravel())
print(x.tolist(), x.transpose(), x.flatten(), x.clip(1, 2), x.max(), x.min(), x.mean(), +x, x.data)
print(round(tf.constant(2.6)), tf.ones([2, 3]).T.shape, tnp.around(tnp.asarray([1.234, 5.678]), 1))
print(tnp.round(tnp.asarray([1, 2])), tnp.around(tnp.asarray([1.25, 2.5])))
print(tf.ones([], tf.int32) + tf.ones([], tf.float32), x + 1.5, x * 2, 2.5 * x, x / 2, x < 1.5)
print(tf.constant([1], tf.int8) + tf.constant([1], tf.int16), x == 2.0, tf.constant(1.0) + 1.0)
print(tf.constant([[1.0, 2]]) @ tf.constant([[1], [2]]), tnp.asarray(1.5), tf.constant(1.5))

# %%
y = tnp.reshape(tnp.arange(12), [3, 4])
print(y[[0, 2]], y[:, [1, 3]], y[[0, 1], [1, 2]], y[tnp.asarray([True, False, True])], y[1, ::2])
print(y[..., None, 1], y[tf.constant(1)], y[[[0], [2]], [1, 3]], y[y > 8], y[-1, [-1, 0]])
print(y[1:3, tf.constant([0, 3])], y[np.array([2, 0])])

# %%
tnp.experimental_enable_numpy_behavior(prefer_float32=True)
print(tnp.asarray(1.5), tnp.zeros([2]), tnp.arange(2.0), tf.constant([1, 2]) + 0.5, tnp.linspace(0, 1, 3))
print(tnp.random.uniform(size=[1]).dtype, tnp.mean([1, 2]))
