"""tf.math ops (TF's math_ops.py): elementwise, binary, reductions, matmul, comparisons, cast.

Where TF has a Python wrapper around its generated op (tf.add, tf.math.truediv, tf.divide,
tf.abs, tf.cast, tf.matmul), the wrapper is ported as a plain exported function around
unexported ops, so conversions and errors happen in TF's order.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors, tf_logging
from .._core.op import TypeList, is_tensor_like, op, tf_type_name
from .._core.tensor import convert_to_tensor, is_tensor
from . import tf_grads

# Each op's allowed dtypes as its op-def lists them: TF's dtype errors print them in this order.
_ADD_V2 = TypeList.of("bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, "
                      "int32, int64, complex64, complex128")
_ADD = TypeList.of("bfloat16, half, float, double, uint8, int8, int16, int32, int64, complex64, "
                   "complex128, string")
_SUB = TypeList.of("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, int64, "
                   "complex64, complex128, uint32, uint64")
_MUL = TypeList.of("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, "
                   "uint64, int64, complex64, complex128")  # also RealDiv's and FloorDiv's
_FLOOR_MOD = TypeList.of("int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, "
                         "half, float, double")
_POW = TypeList.of("bfloat16, float, half, double, int8, int16, int32, int64, complex64, "
                   "complex128")
_MAXIMUM = TypeList.of("bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, "
                       "int64, uint64")
_NEG = TypeList.of("bfloat16, half, float, double, int8, int16, int32, int64, complex64, "
                   "complex128")
_ABS = TypeList.of("bfloat16, half, float, double, int8, int16, int32, int64")
_SQUARE = TypeList.of("bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, "
                      "uint32, uint64, complex64, complex128")
_FLOAT_COMPLEX = TypeList.of("bfloat16, half, float, double, complex64, complex128")
_COMPARE = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                       "uint32, uint64")
_BITWISE = TypeList.of("int8, int16, int32, int64, uint8, uint16, uint32, uint64")
_SUM = TypeList.of("float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, "
                   "qint32, bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64")
_MAX = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                   "uint32, uint64, qint8, quint8, qint32, qint16, quint16")
_MATMUL = TypeList.of("bfloat16, half, float, double, int32, int64, uint8, uint16, uint32, uint64, "
                      "complex64, complex128")
_BATCH_MATMUL = TypeList.of("bfloat16, half, float, double, int16, int32, int64, uint8, uint16, "
                            "uint32, uint64, complex64, complex128")
_HALF = (jnp.float16, jnp.bfloat16)


def _also(allowed: TypeList, *extra) -> TypeList:
    """`allowed` plus dtypes a Python wrapper routes elsewhere; errors still list `allowed`."""
    out = TypeList(allowed | set(extra))
    out.tf_names = allowed.tf_names
    return out


def _not_found(op_type, attrs, name=None):
    """TF's NotFoundError for a dtype its op-def allows but no CPU kernel implements."""
    text = ("Could not find device for node: {{node %s}} = %s[%s]\nAll kernels registered for "
            "op %s: [Op:%s]" % (op_type, op_type, attrs, op_type, op_type))
    if name is not None:
        text += " name: " + name
    return errors.NotFoundError(None, None, text)


def _broadcast_error(spec, inputs, vals, e, name):
    shapes = [tuple(t._value.shape) for t in inputs]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        return errors.kernel_error(
            spec.op_type, "Incompatible shapes: %s vs. %s" % tuple(
                "[%s]" % ",".join(str(d) for d in s) for s in shapes[:2]), name)
    return errors.kernel_error(spec.op_type, str(e), name)


def _name(names, op_type):
    return names[0].rsplit(".", 1)[-1] if names else op_type


def unary(names, fn, allowed, op_type, grad=True):
    """A one-input elementwise op: fn(x) with TF's dtype set."""

    def body(x, name=None):
        return fn(x)

    body.__name__ = _name(names, op_type)
    return op(*names, tensors=("x",), dtypes=allowed, op_type=op_type, grad=grad)(body)


def binary(names, fn, allowed, op_type, grad=True):
    """A two-input broadcasting op: fn(x, y), x and y sharing TF's type attr."""

    def body(x, y, name=None):
        return fn(x, y)

    body.__name__ = _name(names, op_type)
    return op(*names, tensors=("x", "y"), dtypes=allowed, op_type=op_type, grad=grad,
              sig="x:T, y:T -> z:T", on_error=_broadcast_error)(body)


def _concrete(x) -> bool:
    """A value check can run now (not inside a tf.function trace)."""
    return not isinstance(x, jax.core.Tracer)


# -- elementwise, one input ------------------------------------------------------------------
def _sigmoid(x):
    # TF's half-precision Sigmoid rounds once from float32; JAX's would round exp(-x) first.
    if x.dtype in _HALF:
        return jax.nn.sigmoid(x.astype(jnp.float32)).astype(x.dtype)
    return jax.nn.sigmoid(x)


negative = unary(("math.negative", "negative"), jnp.negative, _NEG, "Neg")
# Complex input gives its real dtype (TF's wrapper routes it to ComplexAbs); errors list Abs's.
abs = unary(("math.abs", "abs"), tf_grads.abs, _also(_ABS, D.complex64, D.complex128),  # noqa: A001
            "Abs")
square = unary(("math.square", "square"), jnp.square, _SQUARE, "Square")
sqrt = unary(("math.sqrt", "sqrt"), jnp.sqrt, _FLOAT_COMPLEX, "Sqrt")
exp = unary(("math.exp", "exp"), jnp.exp, _FLOAT_COMPLEX, "Exp")
log = unary(("math.log",), jnp.log, _FLOAT_COMPLEX, "Log")
sin = unary(("math.sin", "sin"), jnp.sin, _FLOAT_COMPLEX, "Sin")
cos = unary(("math.cos", "cos"), jnp.cos, _FLOAT_COMPLEX, "Cos")
tanh = unary(("math.tanh", "nn.tanh", "tanh"), jnp.tanh, _FLOAT_COMPLEX, "Tanh")
sigmoid = unary(("math.sigmoid", "nn.sigmoid", "sigmoid"), _sigmoid, _FLOAT_COMPLEX, "Sigmoid")


# -- elementwise, two inputs -----------------------------------------------------------------
def _add_values(x, y):
    if x.dtype == object:  # tf.string: NumPy concatenates bytes objects elementwise
        return np.asarray(np.add(x, y), dtype=object)
    return jnp.add(x, y)


_add_v2 = binary((), jnp.add, _ADD_V2, "AddV2")
_add_strings = binary((), _add_values, _ADD, "Add")


@_api.export("math.add", "add")
def add(x, y, name=None):
    """tf.math.add."""
    # TF converts y with x's dtype as a hint only: a mismatch is the kernel's error.
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype_hint=x.dtype)
    return (_add_strings if x.dtype is D.string else _add_v2)(x, y)


def add_dispatch(x, y):
    """Tensor.__add__ (TF's _add_dispatch): only a non-tensor y is converted, with a hint."""
    if not is_tensor(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype)
    return (_add_strings if x.dtype is D.string else _add_v2)(x, y)


subtract = binary(("math.subtract", "subtract"), jnp.subtract, _SUB, "Sub")
multiply = binary(("math.multiply", "multiply"), jnp.multiply, _MUL, "Mul")
maximum = binary(("math.maximum", "maximum"), tf_grads.maximum, _MAXIMUM, "Maximum")
minimum = binary(("math.minimum", "minimum"), tf_grads.minimum, _MAXIMUM, "Minimum")


def _zero_division_check(op_type, y):
    if jnp.issubdtype(y.dtype, jnp.integer) and _concrete(y) and bool(jnp.any(y == 0)):
        raise errors.kernel_error(op_type, "Integer division by zero")


# FloorDiv has no gradient in TF (ops.NotDifferentiable("FloorDiv")).
@op("math.floordiv", tensors=("x", "y"), dtypes=_MUL, op_type="FloorDiv",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error, grad=False)
def floordiv(x, y, name=None):
    if jnp.iscomplexobj(x):  # in FloorDiv's op-def, but no kernel has it
        raise _not_found("FloorDiv", "T=DT_%s" % x.dtype.name.upper())
    _zero_division_check("FloorDiv", y)
    if jnp.issubdtype(x.dtype, jnp.inexact):
        return jnp.floor(x / y)  # TF's floor(x / y): floor(-5 / inf) is -0, JAX's gives -1
    return jnp.floor_divide(x, y)


@op("math.floormod", "math.mod", tensors=("x", "y"), dtypes=_FLOOR_MOD, op_type="FloorMod",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def floormod(x, y, name=None):
    _zero_division_check("FloorMod", y)
    return jnp.remainder(x, y)


_real_div = binary((), jnp.divide, _MUL, "RealDiv")

# TF's _TRUEDIV_TABLE: what integer inputs of tf.math.truediv are cast to first.
_TRUEDIV = {D.uint8: D.float32, D.int8: D.float32, D.uint16: D.float32, D.int16: D.float32,
            D.uint32: D.float64, D.int32: D.float64, D.uint64: D.float64, D.int64: D.float64,
            D.bfloat16: None, D.float16: None, D.float32: None, D.float64: None,
            D.complex64: None, D.complex128: None}


@_api.export("math.truediv", "truediv")
def truediv(x, y, name=None):
    """tf.math.truediv."""
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype is not y.dtype:
        raise TypeError("`x` and `y` must have the same dtype, got %r != %r." % (x.dtype, y.dtype))
    if x.dtype not in _TRUEDIV:
        raise TypeError("Invalid dtype %r in __truediv__. Expected one of {%s}."
                        % (x.dtype, ", ".join(repr(d) for d in _TRUEDIV)))
    to = _TRUEDIV[x.dtype]
    if to is not None:
        x, y = cast(x, to), cast(y, to)
    return _real_div(x, y)


@_api.export("math.divide", "divide")
def divide(x, y, name=None):
    """tf.math.divide: `x / y`, x converted with y's dtype when x alone is not a tensor."""
    if not is_tensor(x):
        x = convert_to_tensor(x, dtype=convert_to_tensor(y).dtype if is_tensor(y) else None)
    return x / y


@op("math.pow", "pow", tensors=("x", "y"), dtypes=_POW, op_type="Pow",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def pow(x, y, name=None):  # noqa: A001
    if jnp.issubdtype(y.dtype, jnp.integer) and _concrete(y) and bool(jnp.any(y < 0)):
        raise errors.kernel_error("Pow", "Integers to negative integer powers are not allowed")
    return tf_grads.pow(x, y)


# -- comparisons (no gradient) ---------------------------------------------------------------
def _compare(jnp_fn, np_fn):
    def fn(x, y):
        if x.dtype == object:  # tf.string
            return jnp.asarray(np.asarray(np_fn(x, y), dtype=bool))
        return jnp_fn(x, y)

    return fn


def _broadcastable(a, b) -> bool:
    try:
        np.broadcast_shapes(a, b)
    except ValueError:
        return False
    return True


@op(tensors=("x", "y"), op_type="Equal", grad=False, sig="x:T, y:T -> z:bool",
    on_error=_broadcast_error)
def _equal(x, y, incompatible_shape_error=True, name=None):
    if not incompatible_shape_error and not _broadcastable(x.shape, y.shape):
        return jnp.asarray(False)  # Tensor.__eq__ of unbroadcastable shapes
    return _compare(jnp.equal, np.equal)(x, y)


@op(tensors=("x", "y"), op_type="NotEqual", grad=False, sig="x:T, y:T -> z:bool",
    on_error=_broadcast_error)
def _not_equal(x, y, incompatible_shape_error=True, name=None):
    if not incompatible_shape_error and not _broadcastable(x.shape, y.shape):
        return jnp.asarray(True)
    return _compare(jnp.not_equal, np.not_equal)(x, y)


@_api.export("math.equal", "equal")
def equal(x, y, name=None):
    """tf.math.equal."""
    return _equal(x, y)


@_api.export("math.not_equal", "not_equal")
def not_equal(x, y, name=None):
    """tf.math.not_equal."""
    return _not_equal(x, y)


less = binary(("math.less", "less"), jnp.less, _COMPARE, "Less", grad=False)
less_equal = binary(("math.less_equal", "less_equal"), jnp.less_equal, _COMPARE, "LessEqual",
                    grad=False)
greater = binary(("math.greater", "greater"), jnp.greater, _COMPARE, "Greater", grad=False)
greater_equal = binary(("math.greater_equal", "greater_equal"), jnp.greater_equal, _COMPARE,
                       "GreaterEqual", grad=False)


# -- logical (inputs of the fixed dtype bool) and bitwise ------------------------------------
def _bool_inputs(op_type, values, name):
    """TF's conversion for inputs typed bool in the op-def: values converted to bool strictly,
    tensors of another dtype refused by the kernel."""
    ts = [v if is_tensor_like(v) else convert_to_tensor(v, D.bool) for v in values]
    for i, v in enumerate(ts):
        t = convert_to_tensor(v)
        if t.dtype is not D.bool:
            raise errors.op_error(
                op_type, "cannot compute %s as input #%d(zero-based) was expected to be a bool "
                "tensor but is a %s tensor" % (op_type, i, tf_type_name(t.dtype)), name or "")
    return ts


_logical_and = binary((), jnp.logical_and, {D.bool}, "LogicalAnd", grad=False)
_logical_or = binary((), jnp.logical_or, {D.bool}, "LogicalOr", grad=False)
_logical_not = unary((), jnp.logical_not, {D.bool}, "LogicalNot", grad=False)


@_api.export("math.logical_and", "logical_and")
def logical_and(x, y, name=None):
    """tf.math.logical_and."""
    return _logical_and(*_bool_inputs("LogicalAnd", (x, y), name))


@_api.export("math.logical_or", "logical_or")
def logical_or(x, y, name=None):
    """tf.math.logical_or."""
    return _logical_or(*_bool_inputs("LogicalOr", (x, y), name))


@_api.export("math.logical_not", "logical_not")
def logical_not(x, name=None):
    """tf.math.logical_not."""
    return _logical_not(*_bool_inputs("LogicalNot", (x,), name))


@_api.export("math.logical_xor")
def logical_xor(x, y, name="LogicalXor"):
    """tf.math.logical_xor: TF's composite (x | y) & ~(x & y)."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


bitwise_and = binary(("bitwise.bitwise_and",), jnp.bitwise_and, _BITWISE, "BitwiseAnd",
                     grad=False)
bitwise_or = binary(("bitwise.bitwise_or",), jnp.bitwise_or, _BITWISE, "BitwiseOr", grad=False)
bitwise_xor = binary(("bitwise.bitwise_xor",), jnp.bitwise_xor, _BITWISE, "BitwiseXor",
                     grad=False)
invert = unary(("bitwise.invert",), jnp.invert, _BITWISE, "Invert", grad=False)


# -- reductions ------------------------------------------------------------------------------
def _axes(op_type, x, axis):
    """TF's reduction axes: None for all, an int or a list; negative counted from the end."""
    if axis is None:
        return None
    # A Python list of axes takes TF's slow path, whose errors carry no " name: " suffix.
    name = None if isinstance(axis, tuple) else ""
    axes = axis if isinstance(axis, tuple) else (axis,)
    flat = []
    for a in axes:
        flat.extend(a if isinstance(a, tuple) else (a,))  # [[0]] reduces like [0] in TF
    for a in flat:
        if isinstance(a, float) and not isinstance(axis, tuple):
            raise TypeError("Cannot convert %r to EagerTensor of dtype int32" % a)
        if isinstance(a, (float, str)):
            raise errors.InvalidArgumentError(
                None, None, "Value for attr 'Tidx' of %s is not in the list of allowed values: "
                "int32, int64\n\t; NodeDef: {{node %s}} [Op:%s]"
                % ("float" if isinstance(a, float) else "string", op_type, op_type))
    out = []
    for a in flat:
        if not -x.ndim <= a < x.ndim:
            raise errors.kernel_error(op_type, "Invalid reduction dimension (%d for input with "
                                      "%d dimension(s)" % (a, x.ndim), name)
        if a % x.ndim in out:
            raise errors.kernel_error(op_type, "Invalid reduction arguments: Axes contains "
                                      "duplicate dimension: %d" % (a % x.ndim), name)
        out.append(a % x.ndim)
    return tuple(out)


def _reduction(names, op_type, allowed):
    return op(*names, tensors=("input_tensor",), dtypes=allowed, op_type=op_type,
              sig="input:T, reduction_indices:Tidx -> output:T")


def _accumulator(dt):
    """TF sums half-precision floats in float32 and integers in 64 bits (for means)."""
    if dt in _HALF:
        return jnp.float32
    if jnp.issubdtype(dt, jnp.signedinteger):
        return jnp.int64
    if jnp.issubdtype(dt, jnp.unsignedinteger):
        return jnp.uint64
    return dt


@_reduction(("math.reduce_sum", "reduce_sum"), "Sum", _SUM)
def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    acc = _accumulator(x.dtype) if x.dtype in _HALF else x.dtype
    return jnp.sum(x, axis=_axes("Sum", x, axis), keepdims=bool(keepdims), dtype=acc).astype(
        x.dtype)


@_reduction(("math.reduce_prod", "reduce_prod"), "Prod", _SUM)
def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.prod(input_tensor, axis=_axes("Prod", input_tensor, axis),
                    keepdims=bool(keepdims), dtype=input_tensor.dtype)


@_reduction(("math.reduce_mean", "reduce_mean"), "Mean", _SUM)
def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Mean", x, axis)
    acc = _accumulator(x.dtype)
    total = jnp.sum(x, axis=axes, keepdims=bool(keepdims), dtype=acc)
    count = x.size // max(total.size, 1) if x.size else 0
    if jnp.issubdtype(acc, jnp.integer):  # TF divides integers truncating, 0 for no elements
        return lax.div(total, jnp.asarray(max(count, 1), acc)).astype(x.dtype)
    return (total / jnp.asarray(count, acc)).astype(x.dtype)


def _lowest(dt):
    return -jnp.inf if jnp.issubdtype(dt, jnp.inexact) else jnp.iinfo(dt).min


def _highest(dt):
    return jnp.inf if jnp.issubdtype(dt, jnp.inexact) else jnp.iinfo(dt).max


@_reduction(("math.reduce_max", "reduce_max"), "Max", _MAX)
def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Max", x, axis)
    if x.size == 0:  # TF gives the lowest value for an empty reduction
        return jnp.max(x, axis=axes, keepdims=bool(keepdims), initial=_lowest(x.dtype))
    return jnp.max(x, axis=axes, keepdims=bool(keepdims))


@_reduction(("math.reduce_min", "reduce_min"), "Min", _MAX)
def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("Min", x, axis)
    if x.size == 0:
        return jnp.min(x, axis=axes, keepdims=bool(keepdims), initial=_highest(x.dtype))
    return jnp.min(x, axis=axes, keepdims=bool(keepdims))


# -- matmul ----------------------------------------------------------------------------------
def _dims(shape):
    return "[%s]" % ",".join(str(d) for d in shape)


def _mkl(dtype) -> bool:
    # On CPU, TF rewrites float32 and bfloat16 matmuls to oneDNN kernels: their node names
    # (and some messages) differ.
    return dtype in (jnp.float32, jnp.bfloat16)


@op(tensors=("a", "b"), dtypes=_MATMUL, op_type="MatMul", sig="a:T, b:T -> product:T")
def _mat_mul(a, b, transpose_a=False, transpose_b=False, name=None):
    node = "__MklMatMul" if _mkl(a.dtype) else "MatMul"
    for i, x in enumerate((a, b)):
        if x.ndim != 2:
            raise errors.kernel_error("MatMul", "In[%d] ndims must be >= 2" % i, "", node=node)
    if jnp.issubdtype(a.dtype, jnp.unsignedinteger):
        raise _not_found("MatMul", "T=DT_%s, grad_a=false, grad_b=false, transpose_a=%s, "
                         "transpose_b=%s" % (a.dtype.name.upper(), str(transpose_a).lower(),
                                             str(transpose_b).lower()), "")
    k_a = a.shape[0] if transpose_a else a.shape[1]
    k_b = b.shape[1] if transpose_b else b.shape[0]
    if k_a != k_b:
        raise errors.kernel_error("MatMul", "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                                  % (_dims(a.shape), _dims(b.shape)), "", node=node)
    return jnp.matmul(a.T if transpose_a else a, b.T if transpose_b else b)


@op(tensors=("x", "y"), dtypes=_BATCH_MATMUL, op_type="BatchMatMulV2",
    sig="x:T, y:T -> output:T")
def _batch_mat_mul(x, y, adj_x=False, adj_y=False, name=None):
    mkl = _mkl(x.dtype)
    node = "__MklBatchMatMulV2" if mkl else "BatchMatMulV2"
    for i, v in enumerate((x, y)):
        if v.ndim < 2:
            raise errors.kernel_error("BatchMatMulV2", "In[%d] ndims must be >= 2%s"
                                      % (i, ": %d" % v.ndim if mkl else ""), "", node=node)
    try:
        np.broadcast_shapes(x.shape[:-2], y.shape[:-2])
    except ValueError:
        raise errors.kernel_error(
            "BatchMatMulV2", "In[0] and In[1] must have compatible batch dimensions: %s vs. %s"
            % (_dims(x.shape), _dims(y.shape)), "", node=node) from None
    if jnp.issubdtype(x.dtype, jnp.unsignedinteger):
        raise _not_found("BatchMatMulV2", "T=DT_%s, adj_x=%s, adj_y=%s, grad_x=false, "
                         "grad_y=false" % (x.dtype.name.upper(), str(adj_x).lower(),
                                           str(adj_y).lower()), "")
    if (x.shape[-2] if adj_x else x.shape[-1]) != (y.shape[-1] if adj_y else y.shape[-2]):
        raise errors.kernel_error(
            "BatchMatMulV2", "Matrix size-incompatible: In[0]: %s, In[1]: %s%s"
            % (_dims(x.shape), _dims(y.shape), " %d %d" % (adj_x, adj_y) if mkl else ""), "",
            node=node)
    if adj_x:
        x = jnp.conj(jnp.swapaxes(x, -1, -2))
    if adj_y:
        y = jnp.conj(jnp.swapaxes(y, -1, -2))
    return jnp.matmul(x, y)


@_api.export("linalg.matmul", "matmul")
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False,
           name=None):
    """tf.linalg.matmul.

    Differences from TensorFlow: a bfloat16 and a float32 operand (TF's sparse_matmul) and
    output_type are not supported.
    """
    for t, adj, x in (("a", adjoint_a, transpose_a), ("b", adjoint_b, transpose_b)):
        if x and adj:
            raise ValueError("Only one of `transpose_%s` and `adjoint_%s` can be True. Received "
                             "`transpose_%s`=%s, `adjoint_%s`=%s." % (t, t, t, x, t, adj))
    a = convert_to_tensor(a)
    b = convert_to_tensor(b, dtype_hint=a.dtype)
    batched = a.ndim > 2 or b.ndim > 2
    if a.dtype is not b.dtype and a.dtype in (_BATCH_MATMUL if batched else _MATMUL):
        # The kernel's own check, which names oneDNN's kernel where TF picks it.
        kernel = ("_Mkl" if _mkl(a.dtype.as_numpy_dtype) else "") + (
            "BatchMatMulV2" if batched else "MatMul")
        raise errors.op_error(
            "BatchMatMulV2" if batched else "MatMul",
            "cannot compute %s as input #1(zero-based) was expected to be a %s tensor but is a "
            "%s tensor" % (kernel, tf_type_name(a.dtype), tf_type_name(b.dtype)))
    if batched:
        # TF's batch path: a transpose becomes an adjoint of the conjugate.
        if transpose_a:
            a, adjoint_a = conj(a), True
        if transpose_b:
            b, adjoint_b = conj(b), True
        return _batch_mat_mul(a, b, adj_x=adjoint_a, adj_y=adjoint_b)
    if adjoint_a:
        a, transpose_a = conj(a), True
    if adjoint_b:
        b, transpose_b = conj(b), True
    return _mat_mul(a, b, transpose_a=transpose_a, transpose_b=transpose_b)


@op(tensors=("x",), op_type="Conj")
def _conj(x, name=None):
    return jnp.conj(x)


@op(tensors=("input",), op_type="Real")
def _real(input, name=None):  # noqa: A002
    return jnp.real(input)


@_api.export("math.conj")
def conj(x, name=None):
    """tf.math.conj: the identity on real tensors, as TF's wrapper."""
    t = convert_to_tensor(x)
    if t.dtype is D.string:
        raise TypeError("Expected numeric or variant tensor, got dtype %r." % t.dtype)
    return _conj(t) if t.dtype.is_complex else t


@_api.export("math.real")
def real(input, name=None):  # noqa: A002
    """tf.math.real: the identity on real tensors, as TF's wrapper."""
    t = convert_to_tensor(input)
    if t.dtype is D.string:
        raise TypeError("input must be a numeric tensor, but got tensor with dtype %s" % t.dtype)
    return _real(t) if t.dtype.is_complex else t


# -- cast ------------------------------------------------------------------------------------
def _truncate(x, bits):
    """x86's truncating float->int conversion, as TF's CPU kernels do it: NaN and values out of
    range give the lowest integer of that width."""
    it = jnp.int32 if bits == 32 else jnp.int64
    ok = (x >= -(2.0 ** (bits - 1))) & (x < 2.0 ** (bits - 1))
    return jnp.where(ok, jnp.where(ok, x, 0).astype(it), jnp.iinfo(it).min)


def _float_to_int(x, to):
    """TF's (Eigen's, compiled by LLVM) static_cast of floats to an integer type.

    Out of range, that cast is undefined in C++; TF gives what x86 gives, which this follows
    for every type but uint32/uint64, where TF's vectorized and scalar loops disagree (this
    follows the vectorized one).
    """
    if x.dtype in _HALF:
        x = x.astype(jnp.float32)
    bits = 64 if to.itemsize == 8 else 32
    r = _truncate(x, bits)
    if jnp.issubdtype(to, jnp.unsignedinteger) and to.itemsize >= 4:
        # LLVM's fptoui: values from 2**(bits-1) up come from a second, shifted conversion.
        r = r | (_truncate(x - 2.0 ** (bits - 1), bits) & (r >> (bits - 1)))
    return r.astype(to)  # narrower types keep the low bits of the 32-bit result


@op(tensors=("x",), op_type="Cast", sig="x:SrcT -> y:DstT")
def _cast(x, dtype, name=None):
    to = np.dtype(dtype.as_numpy_dtype)
    if (x.dtype == object) != (dtype is D.string):  # string <-> numbers: no kernel in TF
        src = D.from_numpy(x.dtype)
        raise errors.kernel_error("Cast", "Cast %s to %s is not supported"
                                  % (tf_type_name(src), tf_type_name(dtype)), name,
                                  cls=errors.UnimplementedError)
    if jnp.iscomplexobj(x) and not jnp.issubdtype(to, jnp.complexfloating):
        x = jnp.real(x)  # TF drops the imaginary part, for bool too
    if jnp.issubdtype(x.dtype, jnp.floating) and jnp.issubdtype(to, jnp.integer):
        return _float_to_int(x, to)
    return x.astype(to)


@_api.export("cast", "dtypes.cast")
def cast(x, dtype, name=None):
    """tf.cast."""
    dtype = D.as_dtype(dtype)
    if is_tensor(x) and x.dtype is dtype:
        return x  # TF returns its input itself here, a tf.Variable included
    t = convert_to_tensor(x)
    if t.dtype.is_complex and dtype.is_floating:
        tf_logging.warning("You are casting an input of type %s to an incompatible dtype %s.  "
                           "This will discard the imaginary part and may not be what you "
                           "intended.", t.dtype.name, dtype.name)
    # Errors from tf.cast carry TF's " name: " suffix; the operators' internal casts don't.
    return t if t.dtype is dtype else _cast(t, dtype, name="")
