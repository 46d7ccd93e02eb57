# tf.einsum, tf.tensordot, tf.linalg.matvec, tf.norm and the diagonal/band/transpose helpers:
# values, dtypes, shapes and errors.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


x = tf.constant([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
y = tf.reshape(tf.range(12.0), [3, 4])
n = tf.constant([[1, 2, 3], [4, 5, 6]])

# %%
print(tf.einsum("ij,jk->ik", x, y), tf.einsum("ij,jk", x, y), tf.einsum("ij->", x), tf.einsum("ij->ji", n))
print(tf.einsum("ii", tf.eye(3)), tf.einsum("ii->i", y[:3, :3]), tf.einsum("i,j->ij", [1.0, 2.0] * tf.ones([2]), tf.ones([3])))
print(tf.einsum("...ij,...jk->...ik", tf.ones([5, 2, 3]), y).shape, tf.einsum("bij,bjk->bik", tf.ones([4, 2, 3]), tf.ones([4, 3, 5])).shape)
print(tf.linalg.einsum("ij,ij->i", x, x), tf.einsum("ij,jk->ik", n, tf.ones([3, 2], tf.int32)), tf.einsum("i,i", np.array([1.0, 2.0]), np.array([3.0, 4.0])))
print(tf.einsum("ij,ij->ij", tf.ones([2, 3], tf.complex64), tf.ones([2, 3], tf.complex64) * 1j))

# %%
show(lambda: tf.einsum("ij,jk->ik", x))
show(lambda: tf.einsum("ij,jk->ik", x, x))
show(lambda: tf.einsum("ij,jk->ik", x, tf.ones([3, 4], tf.int32)))
show(lambda: tf.einsum("ij,jk->ik", tf.ones([2, 3], tf.bool), tf.ones([3, 4], tf.bool)))
show(lambda: tf.einsum("ijk->ik", x))
show(lambda: tf.einsum("ij,jk->ix", x, y))
show(lambda: tf.einsum("i,i->", [1.0, 2.0], [3.0, 4.0]))

# %%
print(tf.tensordot(x, y, 1), tf.tensordot(x, y, [[1], [0]]), tf.tensordot(x, y, axes=0).shape)
print(tf.tensordot(x, x, axes=2), tf.tensordot(x, y, axes=[1, 0]), tf.tensordot([1, 2], [3, 4], 1))
print(tf.linalg.tensordot(tf.ones([2, 3, 4]), tf.ones([4, 3, 5]), [[1, 2], [1, 0]]).shape, tf.tensordot(x, x, [[0, 1], [0, 1]]))
show(lambda: tf.tensordot(x, y, axes=3))
show(lambda: tf.tensordot(x, y, axes=-1))
show(lambda: tf.tensordot(x, y, axes=[[0], [0]]))
show(lambda: tf.tensordot(x, y, axes=[[1], [0], [1]]))
show(lambda: tf.tensordot(x, y, axes=[[1, 0], [0]]))
show(lambda: tf.tensordot(x, tf.ones([3, 4], tf.float64), 1))
show(lambda: tf.tensordot(x, y, 1.5))

# %%
print(tf.linalg.matvec(x, [1.0, 1.0, 1.0]), tf.linalg.matvec(x, [1.0, 2.0], transpose_a=True))
print(tf.linalg.matvec(x, [1.0, 2.0], adjoint_a=True), tf.linalg.matvec(tf.ones([4, 2, 3]), tf.ones([4, 3])).shape)
print(tf.linalg.matvec(tf.ones([4, 2, 3]), tf.ones([3])).shape, tf.linalg.matvec(n, [1, 0, 1]))
show(lambda: tf.linalg.matvec(x, [1.0, 1.0]))
show(lambda: tf.linalg.matvec(x, [1, 1, 1]))

# %%
for o in ["euclidean", "fro", 1, 2, np.inf, 3, 0.5, -1, "nuc"]:
    for ax in [None, 0, 1, [0, 1], (-1, -2)]:
        show(lambda: tf.norm(x, ord=o, axis=ax))
print(tf.norm(x, keepdims=True), tf.norm(x, axis=1, keepdims=True), tf.norm(x, axis=[0, 1], keepdims=True))
print(tf.norm(tf.constant([3 + 4j, 1j])), tf.norm(tf.constant([3 + 4j, 1j]), ord=1), tf.norm(tf.ones([2, 3, 4]), axis=-1))
print(tf.norm(tf.ones([2, 3, 4]), ord=2, axis=[1, 2]), tf.linalg.norm(tf.ones([2, 3, 4]), ord=1, axis=[2, 1]), tf.norm(n, ord=1))
show(lambda: tf.norm(n))
show(lambda: tf.norm(x, axis=[0, 1, 2]))
show(lambda: tf.norm(x, axis=[0, 0]))
show(lambda: tf.norm(x, axis=2))
show(lambda: tf.norm(x, axis=0.5))
show(lambda: tf.norm(x, ord=-np.inf))
print(tf.linalg.normalize(x), tf.linalg.normalize(x, ord=1, axis=1))
print(tf.linalg.global_norm([x, y]), tf.linalg.global_norm([x, None, y]), tf.linalg.global_norm((tf.ones([2], tf.float64),)))
try:
    tf.linalg.global_norm(x)
except TypeError as e:
    print("TypeError:", str(e).split("Received")[0])
show(lambda: tf.linalg.global_norm([n]))

# %%
m = tf.reshape(tf.range(1.0, 13.0), [3, 4])
print(tf.linalg.diag([1.0, 2.0]), tf.linalg.diag([1, 2], k=1), tf.linalg.diag([1.0, 2.0], k=-1, num_rows=4))
print(tf.linalg.diag([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], k=(0, 1)), tf.linalg.diag([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], k=(-1, 0), align="LEFT_RIGHT"))
show(lambda: tf.linalg.diag([True, False]))
print(tf.linalg.diag(tf.constant([True, False])), tf.linalg.diag_part(tf.constant([[True], [False]])))
print(tf.linalg.diag(tf.ones([2, 3])).shape, tf.linalg.diag([1.0, 2.0], num_rows=2, num_cols=3, padding_value=9))
print(tf.linalg.diag_part(m), tf.linalg.diag_part(m, k=1), tf.linalg.diag_part(m, k=-1), tf.linalg.diag_part(m, k=(-1, 2)))
print(tf.linalg.diag_part(m, k=(-1, 2), align="LEFT_LEFT", padding_value=-1), tf.linalg.diag_part(m, k=(-1, 2), align="RIGHT_RIGHT"))
print(tf.linalg.diag_part(tf.ones([2, 3, 3])), tf.linalg.set_diag(m, [0.0, 0.0, 0.0]), tf.linalg.set_diag(m, [0.0, 0.0, 0.0], k=1))
print(tf.linalg.set_diag(m, [[7.0, 7.0, 7.0], [0.0, 0.0, 0.0]], k=(0, 1)), tf.linalg.tensor_diag([1, 2]), tf.linalg.tensor_diag([[1, 2]]).shape)
print(tf.linalg.tensor_diag_part(tf.reshape(tf.range(36), [2, 3, 2, 3])), tf.linalg.trace(m[:, :3]), tf.linalg.trace(tf.ones([2, 3, 3], tf.int64)))
show(lambda: tf.linalg.diag(tf.constant(1.0)))
show(lambda: tf.linalg.diag(tf.ones([2, 3]), k=(0, 1, 2)))
show(lambda: tf.linalg.diag([1.0, 2.0], align="MIDDLE"))
show(lambda: tf.linalg.diag_part(tf.ones([3])))
show(lambda: tf.linalg.diag_part(m, k=5))
show(lambda: tf.linalg.set_diag(tf.ones([3]), tf.ones([2])))
show(lambda: tf.linalg.set_diag(tf.ones([3, 3]), tf.ones([3], tf.int32)))
show(lambda: tf.linalg.tensor_diag_part(tf.ones([2, 3])))
show(lambda: tf.linalg.tensor_diag_part(tf.ones([3])))
show(lambda: tf.linalg.trace(tf.ones([3])))
show(lambda: tf.linalg.trace(tf.constant([[True]])))

# %%
print(tf.linalg.band_part(m, 0, -1), tf.linalg.band_part(m, 1, 0), tf.linalg.band_part(m, -1, 1), tf.linalg.band_part(m, tf.constant(0), 0))
print(tf.linalg.band_part(tf.ones([2, 3, 3], tf.int32), 0, 0), tf.linalg.band_part(tf.constant([[True, False]]), 0, 0))
show(lambda: tf.linalg.band_part(tf.ones([3]), 0, 0))
show(lambda: tf.linalg.band_part(tf.ones([3, 3]), 5, 0))
show(lambda: tf.linalg.band_part(tf.ones([3, 3]), 0, 5))
show(lambda: tf.linalg.band_part(tf.ones([3, 3]), 0.5, 0))
c = tf.constant([[1 + 1j, 2], [3j, 4]])
print(tf.linalg.adjoint(c), tf.linalg.matrix_transpose(c), tf.linalg.matrix_transpose(c, conjugate=True), tf.linalg.adjoint(n))
print(tf.linalg.matrix_transpose(tf.ones([2, 3, 4])).shape)
show(lambda: tf.linalg.matrix_transpose(tf.ones([3])))
print(tf.linalg.cross([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), tf.linalg.cross([[1, 0, 0]], [[0, 1, 0]]))
show(lambda: tf.linalg.cross(tf.ones([2]), tf.ones([2])))
show(lambda: tf.linalg.cross(tf.ones([3]), tf.ones([2, 3])))
show(lambda: tf.linalg.cross(tf.ones([3], tf.bool), tf.ones([3], tf.bool)))
