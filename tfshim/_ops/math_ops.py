"""tf.math ops (TF's math_ops.py): elementwise, binary, reductions, matmul, comparisons, cast."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors, tf_logging
from .._core.op import TypeList, op
from .._core.tensor import convert_to_tensor
from . import tf_grads

_NEG_TYPES = frozenset((D.bfloat16, D.float16, D.float32, D.float64, D.int8, D.int16, D.int32,
                        D.int64, D.complex64, D.complex128))
_REAL = D.FLOAT | D.INTEGER
_SUM_TYPES = TypeList.of(
    "float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, "
    "bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64")


def _broadcast_error(spec, inputs, vals, e, name):
    shapes = [tuple(t._value.shape) for t in inputs]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        return errors.kernel_error(
            spec.op_type, "Incompatible shapes: %s vs. %s" % tuple(
                "[%s]" % ",".join(str(d) for d in s) for s in shapes[:2]), name)
    return errors.kernel_error(spec.op_type, str(e), name)


def unary(names, fn, allowed, op_type):
    """A one-input elementwise op: fn(x) with TF's dtype set."""

    def body(x, name=None):
        return fn(x)

    body.__name__ = names[0].rsplit(".", 1)[-1]
    return op(*names, tensors=("x",), dtypes=allowed, op_type=op_type)(body)


def binary(names, fn, allowed, op_type, grad=True, first_alone=False):
    """A two-input broadcasting op: fn(x, y), x and y sharing TF's type attr."""

    def body(x, y, name=None):
        return fn(x, y)

    body.__name__ = names[0].rsplit(".", 1)[-1]
    return op(*names, tensors=("x", "y"), dtypes=allowed, op_type=op_type, grad=grad,
              sig="x:T, y:T -> z:T", first_alone=first_alone, on_error=_broadcast_error)(body)


# -- elementwise, one input ------------------------------------------------------------------
negative = unary(("math.negative", "negative"), jnp.negative, _NEG_TYPES, "Neg")
abs = unary(("math.abs", "abs"), jnp.abs, _NEG_TYPES, "Abs")  # noqa: A001
square = unary(("math.square", "square"), jnp.square, D.NUMBER, "Square")
sqrt = unary(("math.sqrt", "sqrt"), jnp.sqrt, D.FLOAT_COMPLEX, "Sqrt")
exp = unary(("math.exp", "exp"), jnp.exp, D.FLOAT_COMPLEX, "Exp")
log = unary(("math.log", "log"), jnp.log, D.FLOAT_COMPLEX, "Log")
sin = unary(("math.sin", "sin"), jnp.sin, D.FLOAT_COMPLEX, "Sin")
cos = unary(("math.cos", "cos"), jnp.cos, D.FLOAT_COMPLEX, "Cos")
tanh = unary(("math.tanh", "nn.tanh", "tanh"), jnp.tanh, D.FLOAT_COMPLEX, "Tanh")
sigmoid = unary(("math.sigmoid", "nn.sigmoid", "sigmoid"), jax.nn.sigmoid, D.FLOAT_COMPLEX,
                "Sigmoid")

# -- elementwise, two inputs -----------------------------------------------------------------
add = binary(("math.add", "add"), jnp.add, D.NUMBER | {D.string}, "AddV2", first_alone=True)
subtract = binary(("math.subtract", "subtract"), jnp.subtract, D.NUMBER, "Sub")
multiply = binary(("math.multiply", "multiply"), jnp.multiply, D.NUMBER, "Mul")
maximum = binary(("math.maximum", "maximum"), tf_grads.maximum, _REAL, "Maximum")
minimum = binary(("math.minimum", "minimum"), tf_grads.minimum, _REAL, "Minimum")


def _zero_division_check(op_type, y):
    if jnp.issubdtype(y.dtype, jnp.integer) and not isinstance(y, jax.core.Tracer):
        if bool(jnp.any(y == 0)):
            raise errors.kernel_error(op_type, "Integer division by zero")


@op("math.floordiv", "floordiv", tensors=("x", "y"), dtypes=_REAL, op_type="FloorDiv",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def floordiv(x, y, name=None):
    _zero_division_check("FloorDiv", y)
    return jnp.floor_divide(x, y)


@op("math.floormod", "math.mod", "floormod", "mod", tensors=("x", "y"), dtypes=_REAL,
    op_type="FloorMod", sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def floormod(x, y, name=None):
    _zero_division_check("FloorMod", y)
    return jnp.remainder(x, y)


def _int_true_div_type(dt):
    # TF's truediv: int8/16, uint8/16 -> float32; int32/64, uint32/64 -> float64.
    return jnp.float32 if jnp.dtype(dt).itemsize <= 2 else jnp.float64


def _truediv(x, y):
    if jnp.issubdtype(x.dtype, jnp.integer):
        ft = _int_true_div_type(x.dtype)
        return jnp.divide(x.astype(ft), y.astype(ft))
    return jnp.divide(x, y)


truediv = binary(("math.truediv", "truediv"), _truediv, D.NUMBER, "RealDiv")
divide = binary(("math.divide", "divide"), _truediv, D.NUMBER, "RealDiv")


@op("math.pow", "pow", tensors=("x", "y"), dtypes=D.NUMBER, op_type="Pow",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def pow(x, y, name=None):  # noqa: A001
    if jnp.issubdtype(y.dtype, jnp.integer) and not isinstance(y, jax.core.Tracer):
        if bool(jnp.any(y < 0)):
            raise errors.kernel_error("Pow", "Integers to negative integer powers are not "
                                      "allowed")
    return tf_grads.pow(x, y)


# -- comparisons (no gradient) ---------------------------------------------------------------
equal = binary(("math.equal", "equal"), jnp.equal, None, "Equal", grad=False)
not_equal = binary(("math.not_equal", "not_equal"), jnp.not_equal, None, "NotEqual",
                   grad=False)
less = binary(("math.less", "less"), jnp.less, _REAL, "Less", grad=False)
less_equal = binary(("math.less_equal", "less_equal"), jnp.less_equal, _REAL, "LessEqual",
                    grad=False)
greater = binary(("math.greater", "greater"), jnp.greater, _REAL, "Greater", grad=False)
greater_equal = binary(("math.greater_equal", "greater_equal"), jnp.greater_equal, _REAL,
                       "GreaterEqual", grad=False)
logical_and = binary(("math.logical_and", "logical_and"), jnp.logical_and, {D.bool},
                     "LogicalAnd", grad=False)
logical_or = binary(("math.logical_or", "logical_or"), jnp.logical_or, {D.bool}, "LogicalOr",
                    grad=False)
logical_not = op("math.logical_not", "logical_not", tensors=("x",), dtypes={D.bool},
                 op_type="LogicalNot", grad=False)(lambda x, name=None: jnp.logical_not(x))
bitwise_and = binary(("bitwise.bitwise_and",), jnp.bitwise_and, D.INTEGER, "BitwiseAnd",
                     grad=False)
bitwise_or = binary(("bitwise.bitwise_or",), jnp.bitwise_or, D.INTEGER, "BitwiseOr", grad=False)
bitwise_xor = binary(("bitwise.bitwise_xor",), jnp.bitwise_xor, D.INTEGER, "BitwiseXor",
                     grad=False)
invert = op("bitwise.invert", tensors=("x",), dtypes=D.INTEGER, op_type="Invert",
            grad=False)(lambda x, name=None: jnp.invert(x))


# -- reductions ------------------------------------------------------------------------------
def _axes(op_type, x, axis):
    """TF's reduction axes: None for all, an int or a list; negative counted from the end."""
    if axis is None:
        return None
    axes = axis if isinstance(axis, tuple) else (axis,)
    out = []
    for a in axes:
        if not -x.ndim <= a < max(x.ndim, 1) or (x.ndim == 0 and a not in (0, -1)):
            raise errors.kernel_error(op_type, "Invalid reduction dimension (%d for input with "
                                      "%d dimension(s)" % (a, x.ndim))
        out.append(a % x.ndim if x.ndim else 0)
    return tuple(out) if x.ndim else ()


def _reduction(names, op_type, allowed):
    return op(*names, tensors=("input_tensor",), dtypes=allowed, op_type=op_type,
              sig="input:T, reduction_indices:Tidx -> output:T")


@_reduction(("math.reduce_sum", "reduce_sum"), "Sum", _SUM_TYPES)
def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    # TF keeps the input dtype; with x64 on, jnp.sum would widen int32.
    return jnp.sum(input_tensor, axis=_axes("Sum", input_tensor, axis), keepdims=keepdims,
                   dtype=input_tensor.dtype)


@_reduction(("math.reduce_prod", "reduce_prod"), "Prod", _SUM_TYPES)
def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.prod(input_tensor, axis=_axes("Prod", input_tensor, axis), keepdims=keepdims,
                    dtype=input_tensor.dtype)


@_reduction(("math.reduce_mean", "reduce_mean"), "Mean", _SUM_TYPES)
def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Mean", x, axis)
    if jnp.issubdtype(x.dtype, jnp.integer):  # TF divides in the integer type (truncating)
        total = jnp.sum(x, axis=axes, keepdims=keepdims, dtype=x.dtype)
        count = x.size // max(total.size, 1) if x.size else 0
        return lax.div(total, jnp.asarray(max(count, 1), x.dtype))
    return jnp.mean(x, axis=axes, keepdims=keepdims, dtype=x.dtype)


def _lowest(dt):
    return -jnp.inf if jnp.issubdtype(dt, jnp.inexact) else jnp.iinfo(dt).min


def _highest(dt):
    return jnp.inf if jnp.issubdtype(dt, jnp.inexact) else jnp.iinfo(dt).max


@_reduction(("math.reduce_max", "reduce_max"), "Max", _REAL)
def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Max", x, axis)
    if x.size == 0:  # TF gives the lowest value for an empty reduction
        return jnp.max(x, axis=axes, keepdims=keepdims, initial=_lowest(x.dtype))
    return jnp.max(x, axis=axes, keepdims=keepdims)


@_reduction(("math.reduce_min", "reduce_min"), "Min", _REAL)
def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Min", x, axis)
    if x.size == 0:
        return jnp.min(x, axis=axes, keepdims=keepdims, initial=_highest(x.dtype))
    return jnp.min(x, axis=axes, keepdims=keepdims)


# -- matmul ----------------------------------------------------------------------------------
def _dims(shape):
    return "[%s]" % ",".join(str(d) for d in shape)


@op("linalg.matmul", "matmul", tensors=("a", "b"), dtypes=D.NUMBER - {D.int8, D.uint8},
    op_type="MatMul", sig="a:T, b:T -> product:T")
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False,
           name=None):
    batched = a.ndim > 2 or b.ndim > 2
    op_type = "BatchMatMulV2" if batched else "MatMul"
    node = op_type if batched else "__MklMatMul"
    for i, x in enumerate((a, b)):
        if x.ndim < 2:
            raise errors.kernel_error(op_type, "In[%d] ndims must be >= 2" % i, node=node)
    if transpose_a or adjoint_a:
        a = jnp.swapaxes(a, -1, -2)
        a = jnp.conj(a) if adjoint_a else a
    if transpose_b or adjoint_b:
        b = jnp.swapaxes(b, -1, -2)
        b = jnp.conj(b) if adjoint_b else b
    if a.shape[-1] != b.shape[-2]:
        raise errors.kernel_error(op_type, "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                                  % (_dims(a.shape), _dims(b.shape)), node=node)
    return jnp.matmul(a, b)


# -- cast ------------------------------------------------------------------------------------
@op(tensors=("x",), op_type="Cast")
def _cast(x, dtype, name=None):
    return x.astype(dtype.as_numpy_dtype)


@_api.export("cast", "dtypes.cast")
def cast(x, dtype, name=None):
    """tf.cast."""
    dtype = D.as_dtype(dtype)
    t = convert_to_tensor(x)
    if t.dtype is dtype:
        return t  # TF returns its input unchanged here
    if t.dtype.is_complex and not dtype.is_complex:
        tf_logging.warning("You are casting an input of type %s to an incompatible dtype %s.  "
                           "This will discard the imaginary part and may not be what you "
                           "intended.", t.dtype.name, dtype.name)
    return _cast(t, dtype)
