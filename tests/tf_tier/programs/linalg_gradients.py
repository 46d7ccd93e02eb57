# Gradients of tf.linalg through tf.GradientTape, against TF's registered gradients: solvers,
# determinants, factorizations (on quantities that don't depend on eigenvector signs), norms,
# products and diagonals. Inputs are deliberately not symmetric where TF's gradient reads only
# one triangle (cholesky, eigh).
import numpy as np
import tensorflow as tf


def grad(f, *xs):
    """The gradients of f at xs (watched constants), as a list."""
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        for x in xs:
            t.watch(x)
        y = f(*xs)
    return t.gradient(y, xs)


a = [[4.0, 1.0, 0.5], [1.2, 3.0, 0.2], [0.4, 0.3, 2.0]]
spd = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]
b = [[1.0, 2.0], [0.0, 1.0], [-1.0, 3.0]]
w = tf.constant([[1.0, -2.0, 0.5], [0.3, 1.0, 2.0], [-1.0, 0.7, 1.5]])

# %%
print(grad(tf.linalg.inv, a), grad(lambda x: tf.linalg.inv(x) * w, a))
print(grad(tf.linalg.det, a), grad(lambda x: tf.linalg.slogdet(x).log_abs_determinant, a))
print(grad(tf.linalg.logdet, spd), grad(tf.linalg.logdet, a))
print(grad(lambda x: tf.linalg.cholesky(x) * w, a), grad(lambda x: tf.linalg.cholesky(x) * w, spd))
print(grad(lambda x, y: tf.linalg.solve(x, y), a, b), grad(lambda x, y: tf.linalg.solve(x, y, adjoint=True) * [1.0, 2.0], a, b))
print(grad(lambda x, y: tf.linalg.triangular_solve(x, y) * [1.0, 2.0], a, b))
print(grad(lambda x, y: tf.linalg.triangular_solve(x, y, lower=False, adjoint=True) * [1.0, 2.0], a, b))
print(grad(lambda x, y: tf.linalg.cholesky_solve(x, y) * [1.0, 2.0], a, b))

# %%
print(grad(tf.linalg.eigvalsh, a), grad(lambda x: tf.linalg.eigh(x)[0] * [1.0, 2.0, 3.0], a))
print(grad(lambda x: tf.linalg.eigh(x)[1] ** 2 * w, a))
print(grad(lambda x: tf.linalg.svd(x, compute_uv=False) * [1.0, 2.0], b), grad(lambda x: tf.linalg.svd(x)[0] * [1.0, 2.0, 3.0], a))
print(grad(lambda x: tf.linalg.svd(x)[1] ** 2 * [1.0, 2.0], b), grad(lambda x: tf.linalg.svd(x)[2] ** 2 * [1.0, 2.0], b))
print(grad(lambda x: tf.linalg.qr(x).r * [[1.0, 2.0], [3.0, 4.0]], b), grad(lambda x: tf.linalg.qr(x).q * w[:, :2], b))
print(grad(tf.linalg.expm, a), grad(lambda x: tf.linalg.expm(x) * w, tf.cast(a, tf.float64)))
print(grad(lambda x: tf.linalg.pinv(x) * [[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], b))
print(grad(lambda x, y: tf.linalg.lstsq(x, y), b, [[1.0], [2.0], [3.0]]))
print(grad(lambda x: tf.linalg.sqrtm(x) * w, spd), grad(lambda x: tf.linalg.lu_solve(*tf.linalg.lu(x), tf.ones([3, 1])), a))

# %%
v = [1.0, -2.0, 0.5]
print(grad(lambda x, y: tf.linalg.matvec(x, y), a, v), grad(lambda x, y: tf.linalg.matvec(x, y, transpose_a=True) * v, a, v))
print(grad(tf.linalg.trace, a), grad(lambda x: tf.linalg.trace(x * x), a), grad(tf.linalg.det, tf.ones([2, 3, 3]) + tf.eye(3)))
for o in ["euclidean", 1, 2, np.inf, 3, 0.5]:
    print(grad(lambda x: tf.norm(x, ord=o), v), grad(lambda x: tf.norm(x, ord=o, axis=1) * [1.0, 2.0, 3.0], a))
for o in ["fro", 1, 2, np.inf]:
    print(grad(lambda x: tf.norm(x, ord=o, axis=[0, 1]), a), grad(lambda x: tf.norm(x, ord=o, axis=[-1, -2]), b))
print(grad(tf.norm, [0.0, 0.0]), grad(lambda x: tf.norm(x, ord=1), [0.0, 1.0]), grad(lambda x: tf.norm(x, ord=np.inf), [2.0, -2.0, 1.0]))
print(grad(lambda x: tf.linalg.normalize(x)[0] * v, v), grad(lambda x, y: tf.linalg.global_norm([x, y]), v, b))

# %%
print(grad(lambda x, y: tf.einsum("ij,jk->ik", x, y) * [1.0, 2.0], a, b), grad(lambda x: tf.einsum("ii", x), a))
print(grad(lambda x, y: tf.einsum("ij,ij->i", x, y) * [1.0, 2.0, 3.0], a, a), grad(lambda x: tf.einsum("ij->ji", x) * w, a))
print(grad(lambda x, y: tf.tensordot(x, y, 1) * [1.0, 2.0], a, b), grad(lambda x, y: tf.tensordot(x, y, [[0], [0]]), a, b))
print(grad(lambda x, y: tf.tensordot(x, y, 0)[0, 1], v, v), grad(lambda x: tf.linalg.cross(x, [1.0, 2.0, 3.0]) * v, v))
print(grad(lambda x: tf.linalg.diag_part(x) * v, a), grad(lambda x: tf.linalg.diag(x) * w, v), grad(lambda x: tf.linalg.diag_part(x, k=(-1, 1)) * [1.0, 2.0, 3.0], a))
print(grad(lambda x, y: tf.linalg.set_diag(x, y) * w, a, v), grad(lambda x: tf.linalg.band_part(x, 0, 1) * w, a))
print(grad(lambda x: tf.linalg.adjoint(x) * w, a), grad(lambda x: tf.linalg.matrix_transpose(x)[0], b))

# %%
c = [[2 + 1j, 1j], [-1j, 3 - 1j]]
print(grad(lambda x: tf.math.real(tf.linalg.det(x)), c), grad(lambda x: tf.math.real(-1j * tf.linalg.det(x)), c))
print(grad(lambda x: tf.math.real(tf.reduce_sum(tf.linalg.inv(x) * [[1 + 0j, 2j], [0.5 + 0j, 1 + 0j]])), c))
print(grad(lambda x: tf.norm(x), [3 + 4j, 1j]), grad(lambda x: tf.norm(x, ord=1), [3 + 4j, 1j]))
print(grad(lambda x: tf.math.real(tf.einsum("ij,jk->ik", x, x)), c))
