"""Helpers the op modules share: shapes as TF's kernels print them, when value checks can run,
index-like arguments converted with TF's dtype errors, and TF's attr errors built from them.

The error texts themselves are built in tfshim/_core/errors.py; the op-def lists they print
are in op_defs.py.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor_like
from .._core.dtypes import tf_type_name
from .._core.op import fast_path
from .._core.tensor_shape import TensorShape
from . import op_defs

# The half-precision floats, which TF's CPU kernels mostly compute (or accumulate) in float32.
HALF = (jnp.float16, jnp.bfloat16)


def dims(shape) -> str:
    """A shape as TF's kernel messages print it: [2,3]."""
    return "[%s]" % ",".join(str(d) for d in shape)


def concrete(*arrays) -> bool:
    """Value checks can run now: no array is a tracer (of a tf.function trace or a jitted
    pullback), so its values are known."""
    return not any(isinstance(x, jax.core.Tracer) for x in arrays)


def type_attr_error(attr, dtype, allowed, op_type, name: str | None = "", op_def=None):
    """TF's error for a type attr (T, Tidx, Tindices, ...) of a dtype its op-def refuses.

    allowed: the op-def's list as text, or a TypeList (its TF listing is printed).
    """
    allowed = getattr(allowed, "tf_names", allowed)
    return errors.attr_value_error(attr, tf_type_name(dtype), allowed, op_type, name,
                                   op_def=op_def)


def string_attr_check(op_type, attr, value, allowed, name: str | None = "", node=None):
    """A string attr (padding, data_format, align) checked against its op-def's values."""
    if value not in allowed:
        raise errors.attr_value_error(attr, '"%s"' % value, ['"%s"' % a for a in allowed],
                                      op_type, name, node=node)


def def_error(attr, dtype, op_def, name=None):
    """TF's error for an input whose dtype its op-def refuses, with the whole op-def printed
    (op_def: its text, as in op_defs.TEXT). A name other than None adds an empty " name: "."""
    op_type = op_def.split(";", 1)[0]
    allowed = op_def.split("attr=%s:type," % attr, 1)[1].split("allowed=[", 1)[1].split("]")[0]
    names = ", ".join(d[3:].lower() for d in allowed.split(", "))  # DT_FLOAT -> float
    return errors.attr_value_error(attr, tf_type_name(dtype), names, op_type,
                                   None if name is None else "", op_def=op_def)


def index_attr_error(attr, value, op_type, allowed=op_defs.INDEX, name=None):
    """TF's error for an index-like input (a shape, perm, axis) of a dtype its op-def refuses."""
    d = convert_to_tensor(value).dtype if not isinstance(value, D.DType) else value
    return errors.attr_value_error(attr, tf_type_name(d), allowed, op_type, name)


def int_vector(value, op_type, attr, name=None) -> np.ndarray:
    """An index-like input (a shape, perm, dims) as a NumPy int64 array, with TF's dtype errors."""
    if isinstance(value, TensorShape):
        value = value.as_list()
    if value is None:
        raise ValueError("Attempt to convert a value (None) with an unsupported type "
                         "(<class 'NoneType'>) to a Tensor.")
    arr = np.asarray(convert_to_tensor(value).numpy() if is_tensor_like(value) else value)
    if arr.dtype.kind not in "iu" and arr.size:
        if arr.dtype.kind == "O" and not isinstance(arr.flat[0], (str, bytes)):
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        raise index_attr_error(attr, value, op_type, name=name)
    return arr.astype(np.int64)


def scalar_int(value, op_type, attr):
    """An axis argument: a Python float is refused by conversion, other dtypes by the op."""
    if isinstance(value, float):
        raise TypeError("Cannot convert %r to EagerTensor of dtype int32" % value)
    return int_vector(value, op_type, attr)


def scalar_axis(value, op_type, attr, message, name: str | None = "") -> int:
    """An axis input its kernel wants as a scalar: message, formatted with the shape as TF's
    kernels print it, is its error for any other shape."""
    arr = scalar_int(value, op_type, attr)
    if arr.ndim:
        raise errors.kernel_error(op_type, message % dims(arr.shape), name)
    return int(arr)


def make_int(v, arg_name: str) -> int:
    """TF's _execute.make_int: an op wrapper's int attr (a str, a non-scalar, a float's type
    refused with its TypeError; floats truncate, as int() does)."""
    if isinstance(v, str):
        raise TypeError("Expected int for argument '%s' not %r." % (arg_name, v))
    try:
        return int(v)
    except (ValueError, TypeError):
        raise TypeError("Expected int for argument '%s' not %r." % (arg_name, v)) from None


def mismatch(op_type, index, want, got, name: str | None = "", kernel=None):
    """TF's error for input #index of dtype `got` where the op's type attr took `want`."""
    return errors.input_dtype_error(op_type, index, tf_type_name(want), tf_type_name(got), name,
                                    kernel)


def name_suffix(name, *values):
    """The `name` TF's kernel errors end with when the op's inputs are `values` as TF's
    wrapper passes them: None (no " name: " suffix) where they send TF's eager call down its
    Python path (op.fast_path)."""
    return (name or "") if fast_path(*values) else None


def mkl(dtype) -> bool:
    """On CPU, TF runs float32 and bfloat16 matmuls, convolutions, pooling and softmax on
    oneDNN kernels: their node names (and some messages) differ."""
    return dtype in (jnp.float32, jnp.bfloat16)


def xp(array):
    """The array module for an op's body: NumPy for tf.string's object arrays, else jax.numpy."""
    return np if isinstance(array, np.ndarray) and array.dtype == object else jnp


def binary_body(params, fn):
    """A two-input op's body fn(a, b), its parameters named as TF names them: (x, y) mostly,
    (a, x) for igamma and igammac, (x1, x2) for nextafter."""
    if params == ("a", "x"):
        def body(a, x, name=None):
            return fn(a, x)
    elif params == ("x1", "x2"):
        def body(x1, x2, name=None):
            return fn(x1, x2)
    else:
        def body(x, y, name=None):
            return fn(x, y)
    return body
