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
from .._core.convert import convert_to_tensor, is_tensor, is_tensor_like
from .._core.dtypes import tf_type_name
from .._core.op import TypeList, _dtype_error, op
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
    return op(*names, tensors=("x",), dtypes=allowed, op_type=op_type, grad=grad,
              jit=True)(body)


def binary(names, fn, allowed, op_type, grad=True):
    """A two-input broadcasting op: fn(x, y), x and y sharing TF's type attr."""

    def body(x, y, name=None):
        return fn(x, y)

    body.__name__ = _name(names, op_type)
    return op(*names, tensors=("x", "y"), dtypes=allowed, op_type=op_type, grad=grad,
              sig="x:T, y:T -> z:T", on_error=_broadcast_error, jit=True)(body)


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
    # jit: the bodies check axes against shapes only, so they run as one cached jax.jit.
    return op(*names, tensors=("input_tensor",), dtypes=allowed, op_type=op_type,
              sig="input:T, reduction_indices:Tidx -> output:T", jit=True)


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


@op(tensors=("a", "b"), dtypes=_MATMUL, op_type="MatMul", sig="a:T, b:T -> product:T",
    jit=True)
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


# -- more elementwise ops ----------------------------------------------------------------------
_REAL_FLOAT = TypeList.of("bfloat16, half, float, double")
_SIGN = TypeList.of("bfloat16, half, float, double, int8, int16, int32, int64, complex64, "
                    "complex128")  # also Round's and Reciprocal's
_SOFTPLUS = TypeList.of("half, bfloat16, float, double")
_COMPLEX = TypeList.of("complex64, complex128")
_SQUARED_DIFFERENCE = TypeList.of("bfloat16, half, float, double, int32, int64, complex64, "
                                  "complex128")
_DIV_NO_NAN = TypeList.of("half, float, bfloat16, double, complex64, complex128")
_XLOGY = TypeList.of("half, bfloat16, float, double, complex64, complex128")
_TRUNCATE_DIV = TypeList.of("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, "
                            "uint32, uint64, int64, complex64, complex128")
_TRUNCATE_MOD = TypeList.of("int32, int64, bfloat16, half, float, double")
_NEXT_AFTER = TypeList.of("double, float")


def _in_float32(fn):
    """TF's Eigen kernels evaluate special functions of half-precision floats in float32."""

    def f(x):
        if x.dtype in _HALF:
            return fn(x.astype(jnp.float32)).astype(x.dtype)
        return fn(x)

    return f


def _no_kernel(fn, op_type, *missing):
    """fn, refusing the dtypes TF's op-def allows but no CPU kernel implements (NotFoundError)."""

    def f(*xs):
        if xs[0].dtype in missing:
            d = D.from_numpy(xs[0].dtype)
            raise _not_found(op_type, "T=DT_%s" % ("HALF" if d is D.float16 else
                                                  d.name.upper()), "")
        return fn(*xs)

    return f


tan = unary(("math.tan", "tan"), jnp.tan, _FLOAT_COMPLEX, "Tan")
asin = unary(("math.asin", "asin"), jnp.arcsin, _FLOAT_COMPLEX, "Asin")
acos = unary(("math.acos", "acos"), jnp.arccos, _FLOAT_COMPLEX, "Acos")
atan = unary(("math.atan", "atan"), jnp.arctan, _FLOAT_COMPLEX, "Atan")
sinh = unary(("math.sinh", "sinh"), jnp.sinh, _FLOAT_COMPLEX, "Sinh")
cosh = unary(("math.cosh", "cosh"), jnp.cosh, _FLOAT_COMPLEX, "Cosh")
asinh = unary(("math.asinh", "asinh"), jnp.arcsinh, _FLOAT_COMPLEX, "Asinh")
acosh = unary(("math.acosh", "acosh"), jnp.arccosh, _FLOAT_COMPLEX, "Acosh")
atanh = unary(("math.atanh", "atanh"), jnp.arctanh, _FLOAT_COMPLEX, "Atanh")
expm1 = unary(("math.expm1",), jnp.expm1, _FLOAT_COMPLEX, "Expm1")
log1p = unary(("math.log1p",), jnp.log1p, _FLOAT_COMPLEX, "Log1p")
rsqrt = unary(("math.rsqrt",), lax.rsqrt, _FLOAT_COMPLEX, "Rsqrt")
erf = unary(("math.erf",), _in_float32(jax.scipy.special.erf), _REAL_FLOAT, "Erf")
erfc = unary(("math.erfc",), _in_float32(jax.scipy.special.erfc), _REAL_FLOAT, "Erfc")
erfinv = unary(("math.erfinv",), _no_kernel(_in_float32(jax.scipy.special.erfinv),
                                                  "Erfinv", *_HALF), _REAL_FLOAT, "Erfinv")
lgamma = unary(("math.lgamma",), _no_kernel(_in_float32(jax.scipy.special.gammaln), "Lgamma",
                                           jnp.bfloat16), _REAL_FLOAT, "Lgamma")
digamma = unary(("math.digamma",), _no_kernel(_in_float32(jax.scipy.special.digamma), "Digamma",
                                              jnp.bfloat16), _REAL_FLOAT, "Digamma")
sign = unary(("math.sign", "sign"), jnp.sign, _SIGN, "Sign")
# TF registers no gradient for Floor, Ceil, Round and Rint (their gradient is None).
floor = unary(("math.floor", "floor"), jnp.floor, _REAL_FLOAT, "Floor", grad=False)
ceil = unary(("math.ceil",), jnp.ceil, _REAL_FLOAT, "Ceil", grad=False)
rint = unary(("math.rint",), _no_kernel(jnp.rint, "Rint", *_HALF), _REAL_FLOAT, "Rint",
             grad=False)
_round = unary((), jnp.round, _SIGN, "Round", grad=False)  # half to even, as TF
is_nan = unary(("math.is_nan",), jnp.isnan, _REAL_FLOAT, "IsNan", grad=False)
is_inf = unary(("math.is_inf",), jnp.isinf, _REAL_FLOAT, "IsInf", grad=False)
is_finite = unary(("math.is_finite",), jnp.isfinite, _REAL_FLOAT, "IsFinite", grad=False)
_reciprocal = unary((), jnp.reciprocal, _SIGN, "Reciprocal")


@op(tensors=("features",), dtypes=_SOFTPLUS, op_type="Softplus",
    sig="features:T -> activations:T")
def _softplus(features, name=None):
    # TF's kernel (softplus_op.h), in the input's dtype: x itself above -log(eps) - 2, exp(x)
    # below log(eps) + 2, log1p(exp(x)) between (as tf.nn.softplus).
    x = features
    threshold = float(np.log(jnp.finfo(x.dtype).eps)) + 2.0
    middle = jnp.log1p(jnp.exp(jnp.clip(x, threshold, -threshold)))
    return jnp.where(x > -threshold, x, jnp.where(x < threshold, jnp.exp(x), middle))


_imag = unary((), jnp.imag, _COMPLEX, "Imag")
_angle = unary((), jnp.angle, _COMPLEX, "Angle")


@_api.export("math.round", "round")
def round(x, name=None):  # noqa: A001
    """tf.math.round: banker's rounding; the identity on integers, as TF's wrapper."""
    x = convert_to_tensor(x)
    return x if x.dtype.is_integer else _round(x)


_RECIPROCAL_NOT_FOUND = (
    "Could not find device for node: {{node Reciprocal}} = Reciprocal[T=DT_%s]\nAll kernels "
    "registered for op Reciprocal:\n  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, "
    "DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_COMPLEX128, DT_HALF]\n"
    "  device='CPU'; T in [DT_COMPLEX128]\n  device='CPU'; T in [DT_COMPLEX64]\n"
    "  device='CPU'; T in [DT_DOUBLE]\n  device='CPU'; T in [DT_BFLOAT16]\n"
    "  device='CPU'; T in [DT_HALF]\n  device='CPU'; T in [DT_FLOAT]\n [Op:Reciprocal] name: ")


@_api.export("math.reciprocal")
def reciprocal(x, name=None):
    """tf.math.reciprocal."""
    x = convert_to_tensor(x)
    if x.dtype.is_integer and x.dtype in _SIGN:  # in the op-def, no CPU kernel
        raise errors.NotFoundError(None, None, _RECIPROCAL_NOT_FOUND % x.dtype.name.upper())
    return _reciprocal(x)


@_api.export("math.log_sigmoid")
def log_sigmoid(x, name=None):
    """tf.math.log_sigmoid: TF's -softplus(-x)."""
    x = convert_to_tensor(x)
    return negative(_softplus(negative(x)))


@_api.export("math.imag")
def imag(input, name=None):  # noqa: A002
    """tf.math.imag: zeros for real tensors, as TF's wrapper."""
    t = convert_to_tensor(input)
    return _imag(t) if t.dtype.is_complex else _zeros_like(t)


@op(tensors=("x",), op_type="ZerosLike", grad=False)
def _zeros_like(x, name=None):
    if x.dtype == object:  # tf.string
        return np.full(x.shape, b"", dtype=object)
    return jnp.zeros_like(x)


@op(tensors=("x",), dtypes=_REAL_FLOAT, op_type="Angle")
def _real_angle(x, name=None):
    return jnp.where(x < 0, jnp.asarray(np.pi, x.dtype), jnp.zeros((), x.dtype))


@_api.export("math.angle")
def angle(input, name=None):  # noqa: A002
    """tf.math.angle: pi where a real input is negative, else 0 (TF's wrapper)."""
    t = convert_to_tensor(input)
    if t.dtype.is_complex:
        return _angle(t)
    if not t.dtype.is_floating:
        raise TypeError("Cannot convert %r to EagerTensor of dtype %s" % (np.pi, t.dtype.name))
    return _real_angle(t)


# -- more binary ops ---------------------------------------------------------------------------
def _squared_difference(x, y):
    d = x - y
    return (d * jnp.conj(d)) if jnp.iscomplexobj(d) else d * d


def _div_no_nan(x, y):
    zero = y == 0
    return jnp.where(zero, jnp.zeros((), x.dtype), x / jnp.where(zero, jnp.ones((), y.dtype), y))


def _xdivy(x, y):
    return jnp.where(x == 0, jnp.zeros((), x.dtype), x / y)


squared_difference = binary(("math.squared_difference",), _squared_difference,
                            _SQUARED_DIFFERENCE, "SquaredDifference")
_div_no_nan_op = binary((), _div_no_nan, _DIV_NO_NAN, "DivNoNan")
xdivy = binary(("math.xdivy",), _xdivy, _XLOGY, "Xdivy")
xlogy = binary(("math.xlogy",), tf_grads.xlogy, _XLOGY, "Xlogy")
xlog1py = binary(("math.xlog1py",), tf_grads.xlog1py, _XLOGY, "Xlog1py")
nextafter = binary(("math.nextafter",), jnp.nextafter, _NEXT_AFTER, "NextAfter", grad=False)
igamma = binary(("math.igamma",), _no_kernel(jax.scipy.special.gammainc, "Igamma", *_HALF),
                _REAL_FLOAT, "Igamma")


@op("math.atan2", "atan2", tensors=("y", "x"), dtypes=_REAL_FLOAT, op_type="Atan2",
    sig="y:T, x:T -> z:T", on_error=_broadcast_error)
def atan2(y, x, name=None):
    return jnp.arctan2(y, x)


@_api.export("math.divide_no_nan")
def divide_no_nan(x, y, name=None):
    """tf.math.divide_no_nan: integers are cast as tf.math.truediv casts them."""
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype_hint=x.dtype)
    to = _TRUEDIV.get(x.dtype)
    if to is not None and x.dtype is y.dtype:
        x, y = cast(x, to), cast(y, to)
    return _div_no_nan_op(x, y)


def _integer_division_check(op_type, y):
    if jnp.issubdtype(y.dtype, jnp.integer) and _concrete(y) and bool(jnp.any(y == 0)):
        raise errors.kernel_error(op_type, "Unexpected error in binary operator (only integer "
                                  "div and mod should have errors)", cls=errors.InternalError)


# TF registers TruncateDiv as not differentiable.
@op("truncatediv", tensors=("x", "y"), dtypes=_TRUNCATE_DIV, op_type="TruncateDiv",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error, grad=False)
def truncatediv(x, y, name=None):
    _integer_division_check("TruncateDiv", y)
    if jnp.issubdtype(x.dtype, jnp.integer):
        return lax.div(*jnp.broadcast_arrays(x, y))
    if jnp.iscomplexobj(x):
        raise _not_found("TruncateDiv", "T=DT_%s" % x.dtype.name.upper(), "")
    return jnp.trunc(x / y)


def _truncatemod(x, y, name=None):
    if x.dtype in _HALF:
        raise _not_found("TruncateMod", "T=DT_%s" % ("HALF" if x.dtype == jnp.float16 else
                                                     "BFLOAT16"), "")
    _integer_division_check("TruncateMod", y)
    return jnp.fmod(x, y)


# TF registers no gradient for TruncateMod (nor declares it non-differentiable).
truncatemod = op("truncatemod", tensors=("x", "y"), dtypes=_TRUNCATE_MOD, op_type="TruncateMod",
                 sig="x:T, y:T -> z:T", on_error=_broadcast_error,
                 no_gradient=True)(_truncatemod)


# -- more reductions ---------------------------------------------------------------------------
_ANY_ALL_SIG = "input:bool, reduction_indices:Tidx -> output:bool"


@op(tensors=("input_tensor",), dtypes={D.bool}, op_type="Any", sig=_ANY_ALL_SIG, grad=False)
def _any(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.any(input_tensor, axis=_axes("Any", input_tensor, axis), keepdims=bool(keepdims))


@op(tensors=("input_tensor",), dtypes={D.bool}, op_type="All", sig=_ANY_ALL_SIG, grad=False)
def _all(input_tensor, axis=None, keepdims=False, name=None):
    return jnp.all(input_tensor, axis=_axes("All", input_tensor, axis), keepdims=bool(keepdims))


@_api.export("math.reduce_any", "reduce_any")
def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_any."""
    (t,) = _bool_inputs("Any", (input_tensor,), name)
    return _any(t, axis, bool(keepdims))


@_api.export("math.reduce_all", "reduce_all")
def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_all."""
    (t,) = _bool_inputs("All", (input_tensor,), name)
    return _all(t, axis, bool(keepdims))


@_api.export("math.reduce_logsumexp", "reduce_logsumexp")
def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_logsumexp: TF's composite (Max, then IsFinite: its dtype errors)."""
    t = convert_to_tensor(input_tensor)
    if t.dtype not in _MAX:
        raise _dtype_error("Max", t.dtype, _MAX, "input:T, reduction_indices:Tidx -> output:T")
    if t.dtype not in _REAL_FLOAT:
        raise _dtype_error("IsFinite", t.dtype, _REAL_FLOAT, "x:T -> y:bool")
    return _reduce_logsumexp(t, axis, bool(keepdims))


@_reduction((), "Max", _REAL_FLOAT)
def _reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    # TF's formula: the max is shifted out (0 where it is not finite) and held constant.
    x = input_tensor
    axes = _axes("Max", x, axis)
    raw_max = jnp.max(x, axis=axes, keepdims=True)
    my_max = lax.stop_gradient(jnp.where(jnp.isfinite(raw_max), raw_max, jnp.zeros((), x.dtype)))
    out = jnp.log(jnp.sum(jnp.exp(x - my_max), axis=axes, keepdims=True, dtype=x.dtype)) + my_max
    return out if keepdims else jnp.squeeze(out, axes if axes is not None else None)


def _variance(x, axes, keepdims):
    acc = jnp.float32 if x.dtype in _HALF else x.dtype
    xa = x.astype(acc)
    mean = jnp.mean(xa, axis=axes, keepdims=True)
    d = xa - mean
    sq = jnp.real(d * jnp.conj(d)) if jnp.iscomplexobj(d) else d * d
    return jnp.mean(sq, axis=axes, keepdims=bool(keepdims))


def _std_var_check(x):
    t = convert_to_tensor(x)
    if not (t.dtype.is_floating or t.dtype.is_complex):
        raise TypeError("Input must be either real or complex. Received integer type "
                        "<dtype: '%s'>." % t.dtype.name)
    return t


@op(tensors=("input_tensor",), op_type="Mean", sig="input:T, reduction_indices:Tidx -> output:T")
def _reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    out = _variance(x, _axes("Mean", x, axis), keepdims)
    return out.astype(jnp.real(jnp.zeros((), x.dtype)).dtype)


@op(tensors=("input_tensor",), op_type="Mean", sig="input:T, reduction_indices:Tidx -> output:T")
def _reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    out = jnp.sqrt(_variance(x, _axes("Mean", x, axis), keepdims))
    return out.astype(jnp.real(jnp.zeros((), x.dtype)).dtype)


@_api.export("math.reduce_variance")
def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_variance: real output for complex input, as TF."""
    return _reduce_variance(_std_var_check(input_tensor), axis, bool(keepdims))


@_api.export("math.reduce_std")
def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_std."""
    return _reduce_std(_std_var_check(input_tensor), axis, bool(keepdims))


@_reduction(("math.reduce_euclidean_norm",), "EuclideanNorm", _SUM)
def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    x = input_tensor
    axes = _axes("EuclideanNorm", x, axis)
    if jnp.issubdtype(x.dtype, jnp.integer):  # TF takes the root in the integer type: truncated
        s = jnp.sum(x.astype(jnp.float64) ** 2, axis=axes, keepdims=bool(keepdims))
        return jnp.floor(jnp.sqrt(s)).astype(x.dtype)
    acc = jnp.float32 if x.dtype in _HALF else x.dtype
    xa = x.astype(acc)
    sq = xa * jnp.conj(xa) if jnp.iscomplexobj(xa) else xa * xa
    return jnp.sqrt(jnp.sum(sq, axis=axes, keepdims=bool(keepdims))).astype(x.dtype)


_ARG_MAX = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                       "uint32, uint64, qint8, quint8, qint32, qint16, quint16, bool")


def _arg_reduce(op_type, fn, x, axis, output_type):
    if isinstance(axis, tuple):
        axis = axis[0] if len(axis) == 1 else axis
    if not -x.ndim <= axis < max(x.ndim, 0) or x.ndim == 0:
        raise errors.kernel_error(op_type, "Expected dimension in the range [%d, %d), but got %d"
                                  % (-x.ndim, x.ndim, axis))
    if x.shape[axis] == 0:
        raise errors.kernel_error(op_type, "Reduction axis %d is empty in shape %s"
                                  % (axis % x.ndim, _dims(x.shape)))
    if jnp.issubdtype(x.dtype, jnp.floating):
        # TF's Eigen reducer skips NaNs (a NaN never compares greater); JAX would pick it.
        fill = -jnp.inf if fn is jnp.argmax else jnp.inf
        x = jnp.where(jnp.isnan(x), jnp.asarray(fill, x.dtype), x)
    return fn(x, axis=axis).astype(D.as_dtype(output_type).as_numpy_dtype)


@op(tensors=("input",), dtypes=_ARG_MAX, op_type="ArgMax", grad=False,
    sig="input:T, dimension:Tidx -> output:output_type")
def _arg_max(input, axis, output_type, name=None):  # noqa: A002
    return _arg_reduce("ArgMax", jnp.argmax, input, axis, output_type)


@op(tensors=("input",), dtypes=_ARG_MAX, op_type="ArgMin", grad=False,
    sig="input:T, dimension:Tidx -> output:output_type")
def _arg_min(input, axis, output_type, name=None):  # noqa: A002
    return _arg_reduce("ArgMin", jnp.argmin, input, axis, output_type)


@_api.export("math.argmax", "argmax")
def argmax(input, axis=None, output_type=D.int64, name=None):  # noqa: A002
    """tf.math.argmax: axis None is 0, as TF."""
    return _arg_max(input, 0 if axis is None else axis, D.as_dtype(output_type))


@_api.export("math.argmin", "argmin")
def argmin(input, axis=None, output_type=D.int64, name=None):  # noqa: A002
    """tf.math.argmin: axis None is 0, as TF."""
    return _arg_min(input, 0 if axis is None else axis, D.as_dtype(output_type))


@op(tensors=("input",), op_type="NotEqual", grad=False)
def _count_nonzero(input, axis, keepdims, dtype, name=None):  # noqa: A002
    x = input
    nz = (x != b"") if x.dtype == object else (x != 0)
    if x.dtype == object:
        nz = jnp.asarray(np.asarray(nz, dtype=bool))
    out = jnp.sum(nz, axis=_axes("Sum", x, axis), keepdims=bool(keepdims), dtype=jnp.int64)
    return out.astype(dtype.as_numpy_dtype)


@_api.export("math.count_nonzero")
def count_nonzero(input, axis=None, keepdims=None, dtype=D.int64, name=None):  # noqa: A002
    """tf.math.count_nonzero."""
    return _count_nonzero(input, axis, bool(keepdims), D.as_dtype(dtype))


# -- segment reductions --------------------------------------------------------------------------
_SEGMENT_MAX = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, "
                           "half, uint32, uint64")
_SEGMENT_SIG = "data:T, segment_ids:Tindices -> output:T"


def _segment_ids(op_type, data, ids, num_segments=None):
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        raise errors.InvalidArgumentError(
            None, None, "Value for attr 'Tindices' of %s is not in the list of allowed values: "
            "int32, int64\n\t; NodeDef: {{node %s}} [Op:%s] name: "
            % ("float" if ids.dtype.kind == "f" else ids.dtype.name, op_type, op_type))
    if num_segments is None:
        if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
            raise errors.kernel_error(op_type, "segment_ids should be the same size as dimension "
                                      "0 of input.")
        if ids.size and np.any(np.diff(ids) < 0):
            raise errors.kernel_error(op_type, "segment ids are not increasing")
        return ids, (int(ids[-1]) + 1 if ids.size else 0)
    bad = np.flatnonzero(ids >= num_segments)  # negative ids are dropped, as TF
    if bad.size:
        k = np.unravel_index(bad[0], ids.shape)
        raise errors.kernel_error(op_type, "segment_ids[%s] = %d is out of range [0, %d)"
                                  % (",".join(str(i) for i in k), ids[k], num_segments))
    return ids, int(num_segments)


def _segment(kind, data, ids, n, unsorted):
    """One segment reduction over data's leading ids.ndim axes; negative ids are dropped."""
    flat = data.reshape((-1,) + data.shape[ids.ndim:])
    ids = jnp.asarray(ids.reshape(-1))
    keep = ids >= 0
    ids = jnp.where(keep, ids, n)  # dropped rows go to an extra segment, sliced off below
    m = n + 1
    if kind == "sum":
        out = jax.ops.segment_sum(flat, ids, m)
    elif kind == "prod":
        # A masked product per segment: jax.ops.segment_prod has no gradient for repeated ids.
        mask = (ids[None, :] == jnp.arange(m)[:, None]).reshape((m, -1) + (1,) * (flat.ndim - 1))
        out = jnp.prod(jnp.where(mask, flat[None], jnp.ones((), flat.dtype)), axis=1,
                       dtype=flat.dtype)
    elif kind in ("max", "min"):
        out = (jax.ops.segment_max if kind == "max" else jax.ops.segment_min)(flat, ids, m)
        if unsorted and jnp.issubdtype(data.dtype, jnp.floating):
            # TF's empty unsorted segments hold the lowest (highest) finite value, not -inf.
            info = jnp.finfo(data.dtype)
            out = jnp.clip(out, info.min, info.max)
        if not unsorted:  # SegmentMax/Min give 0 for an empty segment, the unsorted ones the
            count = jax.ops.segment_sum(jnp.ones(flat.shape[:1], jnp.int32), ids, m)
            empty = (count == 0).reshape((-1,) + (1,) * (flat.ndim - 1))
            out = jnp.where(empty, jnp.zeros((), data.dtype), out)  # dtype's lowest/highest
    else:  # mean, sqrt_n
        acc = jnp.float32 if data.dtype in _HALF else data.dtype
        total = jax.ops.segment_sum(flat.astype(acc), ids, m)
        count = jax.ops.segment_sum(jnp.ones(flat.shape[:1], acc), ids, m)
        count = count.reshape((-1,) + (1,) * (flat.ndim - 1))
        if kind == "sqrt_n":
            count = jnp.sqrt(count)
        if jnp.issubdtype(acc, jnp.integer):
            out = lax.div(total, jnp.maximum(count, 1).astype(acc))
        else:
            out = jnp.where(count == 0, jnp.zeros((), acc), total / jnp.where(count == 0, 1,
                                                                                count))
        out = out.astype(data.dtype)
    return out[:n]


def _segment_op(kind, op_type, allowed, names):
    # Segment ids are static arguments: the output's shape depends on them.
    @op(*names, tensors=("data",), dtypes=allowed, op_type=op_type, sig=_SEGMENT_SIG)
    def body(data, segment_ids, name=None):
        ids, n = _segment_ids(op_type, data, segment_ids)
        return _segment(kind, data, ids, n, False)

    body.__name__ = names[0].rsplit(".", 1)[-1]
    return body


segment_sum = _segment_op("sum", "SegmentSum", _SUM, ("math.segment_sum",))
segment_prod = _segment_op("prod", "SegmentProd", _SUM, ("math.segment_prod",))
segment_mean = _segment_op("mean", "SegmentMean", _SUM, ("math.segment_mean",))
segment_max = _segment_op("max", "SegmentMax", _SEGMENT_MAX, ("math.segment_max",))
segment_min = _segment_op("min", "SegmentMin", _SEGMENT_MAX, ("math.segment_min",))


def _unsorted_op(kind, op_type, allowed, names):
    @op(*names, tensors=("data",), dtypes=allowed, op_type=op_type,
        sig="data:T, segment_ids:Tindices, num_segments:Tnumsegments -> output:T")
    def body(data, segment_ids, num_segments, name=None):
        ids, n = _segment_ids(op_type, data, segment_ids, int(np.asarray(num_segments)))
        return _segment(kind, data, ids, n, True)

    body.__name__ = names[0].rsplit(".", 1)[-1] if names else op_type
    return body


unsorted_segment_sum = _unsorted_op("sum", "UnsortedSegmentSum", _SUM,
                                    ("math.unsorted_segment_sum",))
unsorted_segment_prod = _unsorted_op("prod", "UnsortedSegmentProd", _SUM,
                                     ("math.unsorted_segment_prod",))
unsorted_segment_max = _unsorted_op("max", "UnsortedSegmentMax", _SEGMENT_MAX,
                                    ("math.unsorted_segment_max",))
unsorted_segment_min = _unsorted_op("min", "UnsortedSegmentMin", _SEGMENT_MAX,
                                    ("math.unsorted_segment_min",))
# TF's Python composites: sum / count (sqrt(count)); integer data is divided in float64 as
# TF's wrapper casts through truediv.
_unsorted_mean = _unsorted_op("mean", "UnsortedSegmentSum", _SUM, ())
_unsorted_sqrt_n = _unsorted_op("sqrt_n", "UnsortedSegmentSum", _SUM, ())


@_api.export("math.unsorted_segment_mean")
def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_mean: integer data gives float64 means, as TF's composite."""
    data = convert_to_tensor(data)
    if data.dtype.is_integer:
        data = cast(data, _TRUEDIV[data.dtype])
    return _unsorted_mean(data, segment_ids, num_segments)


@_api.export("math.unsorted_segment_sqrt_n")
def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_sqrt_n."""
    data = convert_to_tensor(data)
    if data.dtype in _SUM and data.dtype not in _FLOAT_COMPLEX:  # TF's composite takes a Sqrt
        raise _dtype_error("Sqrt", data.dtype, _FLOAT_COMPLEX, "x:T -> y:T")
    return _unsorted_sqrt_n(data, segment_ids, num_segments)


# -- bincount, polyval, cumulative_logsumexp -----------------------------------------------------
@op(tensors=("arr",), others=("weights",), op_type="DenseBincount", grad=False,
    sig="input:Tidx, size:Tidx, weights:T -> output:T")
def _bincount(arr, weights, size, dtype, binary_output, name=None):
    a = np.asarray(arr).reshape(-1)
    if a.size and a.min() < 0:
        raise errors.kernel_error("DenseBincount", "Input arr must be non-negative!")
    keep = a < size
    w = np.ones(a.shape, dtype.as_numpy_dtype) if weights is None else np.asarray(
        weights).reshape(-1)
    if binary_output:
        out = np.zeros(size, w.dtype)
        out[a[keep]] = 1
        return jnp.asarray(out)
    return jax.ops.segment_sum(jnp.asarray(w[keep]), jnp.asarray(a[keep]), size)


@_api.export("math.bincount")
def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=D.int32, name=None,
             axis=None, binary_output=False):
    """tf.math.bincount.

    Differences from TensorFlow: axis=-1 (per-row counts) is not supported.
    """
    if axis not in (None, 0):
        raise NotImplementedError("tfshim: tf.math.bincount supports axis=None only")
    arr = convert_to_tensor(arr)
    a = arr.numpy()
    size = int(a.max()) + 1 if a.size else 0
    if minlength is not None:
        size = max(size, int(minlength))
    if maxlength is not None:
        size = min(size, int(maxlength))
    if weights is not None:
        weights = convert_to_tensor(weights)
    return _bincount(arr, weights, size, D.as_dtype(dtype), bool(binary_output))


@_api.export("math.polyval")
def polyval(coeffs, x, name=None):
    """tf.math.polyval: Horner's rule, as TF's composite."""
    if not isinstance(coeffs, list):
        raise ValueError("Argument coeffs must be list type. Received type %s." % type(coeffs))
    x = convert_to_tensor(x)
    if not coeffs:
        return _zeros_like(x)
    cs = [convert_to_tensor(c) for c in coeffs]
    p = cs[0]
    for c in cs[1:]:
        p = add(c, multiply(p, x))
    return p


@op("math.cumulative_logsumexp", tensors=("x",), dtypes=_REAL_FLOAT,
    op_type="CumulativeLogsumexp", sig="x:T, axis:Tidx -> out:T")
def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    acc = jnp.float32 if x.dtype in _HALF else x.dtype
    v = x.astype(acc)
    if reverse:
        v = jnp.flip(v, axis)
    out = lax.cumlogsumexp(v, axis=axis % max(v.ndim, 1))
    if exclusive:
        pad = [(0, 0)] * v.ndim
        pad[axis % v.ndim] = (1, 0)
        out = jnp.pad(out, pad, constant_values=-jnp.inf)
        out = lax.slice_in_dim(out, 0, v.shape[axis], axis=axis % v.ndim)
    if reverse:
        out = jnp.flip(out, axis)
    return out.astype(x.dtype)


# -- special functions and small composites ------------------------------------------------------
_MUL_NO_NAN = TypeList.of("bfloat16, half, float, double, complex64, complex128")

igammac = binary(("math.igammac",), _no_kernel(jax.scipy.special.gammaincc, "Igammac", *_HALF),
                 _REAL_FLOAT, "Igammac")
ndtri = unary(("math.ndtri",), _no_kernel(_in_float32(jax.scipy.special.ndtri), "Ndtri",
                                          jnp.bfloat16), _REAL_FLOAT, "Ndtri")
bessel_i0 = unary(("math.bessel_i0",),
                  _no_kernel(_in_float32(jax.scipy.special.i0), "BesselI0", jnp.bfloat16),
                  _REAL_FLOAT, "BesselI0")
bessel_i0e = unary(("math.bessel_i0e",),
                   _in_float32(jax.scipy.special.i0e), _REAL_FLOAT, "BesselI0e")
bessel_i1 = unary(("math.bessel_i1",),
                  _no_kernel(_in_float32(jax.scipy.special.i1), "BesselI1", jnp.bfloat16),
                  _REAL_FLOAT, "BesselI1")
bessel_i1e = unary(("math.bessel_i1e",),
                   _in_float32(jax.scipy.special.i1e), _REAL_FLOAT, "BesselI1e")


multiply_no_nan = binary(("math.multiply_no_nan",), tf_grads.mul_no_nan, _MUL_NO_NAN, "MulNoNan")


@_api.export("math.erfcinv")
def erfcinv(x, name=None):
    """tf.math.erfcinv: TF's composite -ndtri(x / 2) / sqrt(2)."""
    x = convert_to_tensor(x)
    half = convert_to_tensor(0.5, dtype=x.dtype)
    return multiply(negative(ndtri(multiply(half, x))),
                    convert_to_tensor(float(np.sqrt(0.5)), dtype=x.dtype))


@_api.export("math.reciprocal_no_nan")
def reciprocal_no_nan(x, name=None):
    """tf.math.reciprocal_no_nan: divide_no_nan(1, x), refusing integers as DivNoNan does."""
    x = convert_to_tensor(x)
    return _div_no_nan_op(convert_to_tensor(1, dtype=x.dtype), x)


@op(tensors=("value",), op_type="zero_fraction", grad=False, sig="value:T -> y:float")
def _zero_fraction(value, name=None):
    zero = (value == 0) if value.dtype != bool else jnp.logical_not(value)
    return jnp.mean(zero.astype(jnp.float32)) if value.size else jnp.asarray(np.nan, jnp.float32)


@_api.export("math.zero_fraction", "nn.zero_fraction")
def zero_fraction(value, name=None):
    """tf.math.zero_fraction: the fraction of zeros, as float32."""
    return _zero_fraction(convert_to_tensor(value))


def _lbeta_body(x, name=None):
    if x.shape[-1] == 0:
        return jnp.full(x.shape[:-1], -jnp.inf, x.dtype)
    lg = _in_float32(jax.scipy.special.gammaln)
    return (jnp.sum(lg(x), axis=-1).astype(x.dtype) - lg(jnp.sum(x, axis=-1))).astype(x.dtype)


_lbeta = op(tensors=("x",), dtypes=_REAL_FLOAT, op_type="Lgamma")(_lbeta_body)


@_api.export("math.lbeta")
def lbeta(x, name=None):
    """tf.math.lbeta: sum(lgamma(x)) - lgamma(sum(x)) over the last axis (-inf when empty)."""
    return _lbeta(x)


def _monotonic(x, strict):
    x = convert_to_tensor(x)
    if not (x.dtype.is_integer or x.dtype.is_floating or x.dtype.is_complex):
        raise TypeError("Expected x to be numeric, instead found: %s" % x)
    return _is_monotonic(x, strict)


@op(tensors=("x",), op_type="Less", grad=False)
def _is_monotonic(x, strict, name=None):
    v = jnp.reshape(x, (-1,))
    d = (v[:-1] < v[1:]) if strict else (v[:-1] <= v[1:])
    return jnp.all(d)


@_api.export("math.is_non_decreasing")
def is_non_decreasing(x, name=None):
    """tf.math.is_non_decreasing (of the flattened tensor)."""
    return _monotonic(x, False)


@_api.export("math.is_strictly_increasing")
def is_strictly_increasing(x, name=None):
    """tf.math.is_strictly_increasing (of the flattened tensor)."""
    return _monotonic(x, True)


@op(lists=("inputs",), op_type="AddN", sig="inputs:N*T -> sum:T")
def _add_n(inputs, name=None):
    out = inputs[0]
    for v in inputs[1:]:
        out = out + v
    return out


@_api.export("math.accumulate_n")
def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """tf.math.accumulate_n: the sum of same-shaped, same-dtype tensors."""
    error = ValueError("inputs must be a list of at least one Tensor with the same dtype and "
                       "shape")
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise error
    ts = [convert_to_tensor(v) for v in inputs]
    if any(t.dtype is not ts[0].dtype or t.shape != ts[0].shape for t in ts):
        raise error
    if shape is not None and tuple(ts[0].shape) != tuple(shape):
        raise ValueError("Input tensor %s must have shape %s" % (ts[0], shape))
    return _add_n(ts)


@_api.export("math.scalar_mul", "scalar_mul")
def scalar_mul(scalar, x, name=None):
    """tf.math.scalar_mul: scalar converted to x's dtype, then Mul.

    Differences from TensorFlow: IndexedSlices x is not supported.
    """
    x = convert_to_tensor(x)
    s = convert_to_tensor(scalar, dtype=x.dtype)
    if s.ndim != 0:
        raise ValueError("The input scalar must be a 0-D value. Received shape %s." % s.shape)
    return multiply(s, x)
