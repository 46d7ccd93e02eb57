# tf.linalg decompositions and solvers: values, dtypes, shapes, named results, batching, and
# the kernels' errors. Eigenvector and singular-vector signs are not printed (LAPACK and
# Eigen may differ there): reconstructions and absolute values are.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


def kinds(r):
    """The dtypes and shapes of a result (half-precision values are not compared)."""
    return [(t.dtype.name, t.shape.as_list()) for t in tf.nest.flatten(r)]


a = tf.constant([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
a64 = tf.cast(a, tf.float64)
b = tf.constant([[1.0, 2.0], [0.0, 1.0], [-1.0, 3.0]])
s = tf.constant([[1.0, 2.0], [2.0, 4.0]])
batch = tf.stack([a, 2.0 * a + tf.eye(3)])

# %%
print(tf.linalg.inv(a), tf.linalg.inv(a64), tf.linalg.inv(a, adjoint=True))
print(tf.linalg.det(a), tf.linalg.det(a64), tf.linalg.det(batch), tf.linalg.det(s))
print(tf.linalg.slogdet(a), tf.linalg.slogdet(-a64))
print(tf.linalg.logdet(a), tf.linalg.logdet(batch), tf.linalg.inv(batch).shape)
c = tf.constant([[2 + 0j, 1j], [-1j, 3 + 0j]])
print(tf.linalg.inv(c), tf.linalg.det(c), tf.linalg.logdet(c))

# %%
print(tf.linalg.cholesky(a), tf.linalg.cholesky(batch).shape)
print(tf.linalg.cholesky(tf.constant([[4.0, 100.0], [1.0, 3.0]])))
# A failed factorisation: TF leaves its upper triangle uninitialised (a different value on each
# run), so only the lower triangle is printed.
print(tf.linalg.band_part(tf.linalg.cholesky(-s), -1, 0), tf.linalg.logdet(-a))
L = tf.linalg.cholesky(a64)
print(tf.linalg.cholesky_solve(L, tf.constant([[1.0], [2.0], [3.0]], tf.float64)))
print(tf.linalg.solve(a, b), tf.linalg.solve(a, b, adjoint=True), tf.linalg.solve(batch, tf.stack([b, b])).shape)
print(tf.linalg.triangular_solve(a, b), tf.linalg.triangular_solve(a, b, lower=False, adjoint=True))
print(tf.linalg.triangular_solve(batch, b).shape, tf.linalg.triangular_solve(a, tf.stack([b, b, b, b])).shape)

# %%
q, r = tf.linalg.qr(b)
print(type(tf.linalg.qr(b)).__name__, q.shape, r.shape, tf.linalg.qr(b, full_matrices=True).q.shape)
print(tf.matmul(q, r), tf.matmul(q, q, transpose_a=True), tf.linalg.band_part(r, 0, -1) - r)
sv, u, v = tf.linalg.svd(b)
print(sv, u.shape, v.shape, tf.matmul(u * sv, v, adjoint_b=True))
print([t.shape for t in tf.linalg.svd(b, full_matrices=True)], tf.linalg.svd(batch, compute_uv=False))
print(tf.linalg.svd(tf.constant([[1 + 1j, 2], [0, 1j]]), compute_uv=False))
e, ev = tf.linalg.eigh(a)
print(e, tf.abs(ev), tf.matmul(ev * e, ev, adjoint_b=True))
print(tf.linalg.eigvalsh(tf.constant([[2.0, 100.0], [1.0, 3.0]])), tf.linalg.eigvalsh(c))
print(tf.linalg.eigh(tf.constant([[2 + 0j, 1j], [-1j, 3 + 0j]]))[0])

# %%
print(tf.linalg.lu(a), tf.linalg.lu(a64, output_idx_type=tf.int64).p)
lu, p = tf.linalg.lu(tf.constant([[1.0, 2.0, 0.0], [3.0, 4.0, 1.0], [0.5, 0.0, 2.0]]))
print(lu, p, tf.linalg.lu_reconstruct(lu, p), tf.linalg.lu_matrix_inverse(lu, p))
print(tf.linalg.lu_solve(lu, p, tf.constant([[1.0], [2.0], [3.0]])))
print(np.sort(tf.linalg.eigvals(a).numpy().real), tf.linalg.eig(a64)[1].dtype, tf.linalg.eigvals(c).dtype)

# %%
print(tf.linalg.expm(a), tf.linalg.expm(a64), tf.linalg.expm(tf.zeros([2, 2])), tf.linalg.expm(batch).shape)
print(tf.linalg.sqrtm(a), tf.linalg.sqrtm(a64), tf.matrix_square_root(a).shape)
print(tf.linalg.pinv(b), tf.linalg.pinv(s), tf.linalg.pinv(b, rcond=0.5))
print(tf.linalg.matrix_rank(s), tf.linalg.matrix_rank(b), tf.linalg.matrix_rank(batch), tf.linalg.matrix_rank(s, tol=10.0))
print(tf.linalg.lstsq(b, tf.constant([[1.0], [2.0], [3.0]])), tf.linalg.lstsq(b, tf.constant([[1.0], [2.0], [3.0]]), l2_regularizer=0.5))
print(tf.linalg.lstsq(tf.transpose(b), tf.constant([[1.0], [2.0]])), tf.linalg.lstsq(b, tf.constant([[1.0], [2.0], [3.0]]), fast=False))

# %%
i = tf.constant([[1, 2], [3, 4]])
r23 = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]])
for f in [tf.linalg.inv, tf.linalg.det, tf.linalg.logdet, tf.linalg.slogdet, tf.linalg.cholesky,
          tf.linalg.eigh, tf.linalg.eigvalsh, tf.linalg.qr, tf.linalg.svd, tf.linalg.lu,
          tf.linalg.sqrtm, tf.linalg.expm, tf.linalg.pinv, tf.linalg.matrix_rank, tf.linalg.eig]:
    show(lambda: f(i))
    show(lambda: f(r23))
    show(lambda: f(tf.ones([3])))
    show(lambda: kinds(f(tf.constant([[2.0, 0.0], [1.0, 3.0]], tf.float16))))

# %%
show(lambda: tf.linalg.inv(s))
show(lambda: tf.linalg.solve(s, tf.ones([2, 1])))
show(lambda: tf.linalg.solve(a, tf.ones([2, 1])))
show(lambda: tf.linalg.solve(a, tf.ones([3])))
show(lambda: tf.linalg.solve(a, tf.ones([3, 1], tf.float64)))
show(lambda: tf.linalg.solve(i, i))
show(lambda: tf.linalg.solve(tf.ones([2, 2, 2]), tf.ones([3, 2, 1])))
show(lambda: tf.linalg.solve(r23, tf.ones([2, 1])))
show(lambda: tf.linalg.triangular_solve(a, tf.ones([2, 1])))
show(lambda: tf.linalg.triangular_solve(a, tf.ones([3])))
show(lambda: tf.linalg.triangular_solve(i, i))
show(lambda: tf.linalg.triangular_solve(r23, r23))
show(lambda: tf.linalg.triangular_solve(tf.eye(2, dtype=tf.float16), tf.ones([2, 1], tf.float16)))
show(lambda: tf.linalg.cholesky_solve(a, tf.ones([2, 1])))
show(lambda: tf.linalg.lstsq(b, tf.ones([2, 1])))
show(lambda: tf.linalg.lstsq(i, i))
show(lambda: tf.linalg.lstsq(tf.transpose(b), tf.ones([2])))
show(lambda: tf.linalg.lstsq(tf.ones([2, 2], tf.complex128), tf.ones([2, 1], tf.complex128), l2_regularizer=1.0))
show(lambda: tf.linalg.inv(tf.constant([[2.0, 0.0], [1.0, 3.0]], tf.bfloat16)))
show(lambda: tf.linalg.expm(tf.ones([2, 2, 3])))
show(lambda: tf.linalg.lu_solve(lu, p, tf.ones([3])))
