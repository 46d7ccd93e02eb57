"""tf.bitcast (TF's gen_array_ops.bitcast; its kernel is bitcast_op.cc)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
from jax import lax

from .._core import dtypes as D
from .._core import errors
from .._core.op import TypeList, op
from .op_util import def_error

_TYPES = ("DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT64, DT_INT32, DT_UINT8, DT_UINT16, "
          "DT_UINT32, DT_UINT64, DT_INT8, DT_INT16, DT_COMPLEX64, DT_COMPLEX128, DT_QINT8, "
          "DT_QUINT8, DT_QINT16, DT_QUINT16, DT_QINT32")
_OP_DEF = ("Bitcast; signature=input:T -> output:type; attr=T:type,allowed=[%s]; "
           "attr=type:type,allowed=[%s]" % (_TYPES, _TYPES))
_ALLOWED = TypeList.of(", ".join(n[3:].lower() for n in _TYPES.split(", ")))


@op("bitcast", tensors=("input",), op_type="Bitcast", grad=False, sig="input:T -> output:type")
def bitcast(input, type, name=None):  # noqa: A002
    to = D.as_dtype(type)
    src = D.from_numpy(input.dtype)
    for attr, d in (("T", src), ("type", to)):
        if d not in _ALLOWED:
            raise def_error(attr, d, _OP_DEF, "")
    n_in, n_out = input.dtype.itemsize, np.dtype(to.as_numpy_dtype).itemsize
    if n_in < n_out and (input.ndim == 0 or input.shape[-1] != n_out // n_in):
        raise errors.kernel_error("Bitcast", "Cannot bitcast from %d to %d"
                                  % (src.as_datatype_enum, to.as_datatype_enum))
    data = input
    if jnp.iscomplexobj(data):  # bitcast_convert_type takes no complex: its (real, imag) parts
        data = jnp.stack([jnp.real(data), jnp.imag(data)], axis=-1)
    data = lax.bitcast_convert_type(data, jnp.uint8)
    data = data.reshape(*input.shape, n_in)  # each element's bytes, last
    if n_in < n_out:
        data = data.reshape(*input.shape[:-1], n_out)
    elif n_in > n_out:
        data = data.reshape(*input.shape, n_in // n_out, n_out)
    if to.is_complex:
        half = jnp.float32 if to is D.complex64 else jnp.float64
        parts = lax.bitcast_convert_type(data.reshape(*data.shape[:-1], 2, n_out // 2), half)
        return lax.complex(parts[..., 0], parts[..., 1])
    out = lax.bitcast_convert_type(data, np.dtype(to.as_numpy_dtype))
    return out[..., 0] if n_out == 1 else out
