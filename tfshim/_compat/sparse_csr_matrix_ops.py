"""``tensorflow.python.ops.linalg.sparse.sparse_csr_matrix_ops``, which Keras's TF backend
imports as it loads (for sparse x sparse matmul). tfshim has no CSR sparse matrices: the module
holds no names."""

from tfshim._compat import absent

__getattr__ = absent("tensorflow.python.ops.linalg.sparse.sparse_csr_matrix_ops",
                     "CSR sparse matrices (sparse x sparse matmul)")
