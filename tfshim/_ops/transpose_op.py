"""tf.math.invert_permutation (TF's InvertPermutation kernel, which TF keeps in transpose_op.cc)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op, raw_inputs
from .op_util import concrete, name_suffix, type_attr_error

_OP_DEF = ("InvertPermutation; signature=x:T -> y:T; attr=T:type,default=DT_INT32,"
           "allowed=[DT_INT32, DT_INT64]")


@op(tensors=("x",), op_type="InvertPermutation", grad=False)
def _invert_permutation(x, name=None):
    if x.ndim != 1:
        raise errors.kernel_error("InvertPermutation", "invert_permutation expects a 1D vector.",
                                  name)
    n = x.shape[0]
    if concrete(x):
        v = np.asarray(x)
        bad = np.flatnonzero((v < 0) | (v >= n))
        if bad.size:
            raise errors.kernel_error("InvertPermutation", "%d is not between 0 and %d"
                                      % (v[bad[0]], n), name)
        seen = np.zeros(n, bool)
        for d in v:  # the kernel's order: the first value met twice
            if seen[d]:
                raise errors.kernel_error("InvertPermutation",
                                          "%d is duplicated in the input." % d, name)
            seen[d] = True
    return jnp.zeros(n, x.dtype).at[x].set(jnp.arange(n, dtype=x.dtype))


@_api.export("math.invert_permutation")
def invert_permutation(x, name=None):
    """tf.math.invert_permutation: y[x[i]] = i."""
    t = convert_to_tensor(x)
    if t.dtype not in (D.int32, D.int64):
        raise type_attr_error("T", t.dtype, "int32, int64", "InvertPermutation",
                              name=name_suffix(name, x), op_def=_OP_DEF)
    with raw_inputs("InvertPermutation", x):
        return _invert_permutation(t, name=name)
