"""tf.math ops (TF's math_ops.py): elementwise and binary ops, comparisons and logical ops,
matmul, cast, add_n.

TF's other math modules: reductions and segment reductions are reduction_ops.py's (TF keeps
them in math_ops.py too; its kernels are reduction_ops and segment_reduction_ops), the special
functions special_math_ops.py's, tf.math.bincount bincount_ops.py's and tf.bitwise
bitwise_ops.py's, cumulative sums and products scan_ops.py's (TF's scan_ops kernels) and
tf.range/tf.linspace sequence_ops.py's (TF's sequence_ops kernels).

Where TF has a Python wrapper around its generated op (tf.add, tf.math.truediv, tf.divide,
tf.abs, tf.cast, tf.matmul, tf.range), the wrapper is ported as a plain exported function
around unexported ops, so conversions and errors happen in TF's order.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import convert as C
from .._core import dtypes as D
from .._core import errors, func_graph, tf_logging
from .._core.convert import convert_to_tensor, is_tensor, is_tensor_like
from .._core.dtypes import tf_type_name
from .._core.indexed_slices import IndexedSlices
from .._core.op import TypeList, op
from .._core.sparse_tensor import SparseTensor
from . import op_defs, tf_grads
from .op_util import (
    HALF,
    binary_body,
    concrete,
    dims,
    index_attr_error,
    mismatch,
    mkl,
)


def _also(allowed: TypeList, *extra) -> TypeList:
    """`allowed` plus dtypes a Python wrapper routes elsewhere; errors still list `allowed`."""
    out = TypeList(allowed | set(extra))
    out.tf_names = allowed.tf_names
    return out


def _no_kernel_error(op_type, dtype, name="", registered=""):
    """TF's NotFoundError for a dtype op_type's op-def allows but no CPU kernel implements."""
    return errors.no_kernel_error(op_type, "T=DT_%s" % ("HALF" if dtype == jnp.float16 else
                                                        jnp.dtype(dtype).name.upper()), name,
                                  registered)


def _broadcast_error(spec, inputs, vals, e, name):
    shapes = [tuple(t._value.shape) for t in inputs]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        return errors.kernel_error(
            spec.op_type, "Incompatible shapes: %s vs. %s" % tuple(dims(s) for s in shapes[:2]),
            name)
    return errors.kernel_error(spec.op_type, str(e), name)


def _name(names, op_type):
    return names[0].rsplit(".", 1)[-1] if names else op_type


def unary(names, fn, op_type, allowed=None, grad=True):
    """A one-input elementwise op: fn(x), its dtypes op_type's op-def's (or `allowed`)."""
    allowed = op_defs.allowed(op_type) if allowed is None else allowed

    def body(x, name=None):
        return fn(x)

    body.__name__ = _name(names, op_type)
    return op(*names, tensors=("x",), dtypes=allowed, op_type=op_type, grad=grad,
              jit=True)(body)


def binary(names, fn, op_type, allowed=None, grad=True, params=("x", "y"), converts=False):
    """A two-input broadcasting op: fn(x, y), x and y sharing TF's type attr (op_type's
    op-def dtypes, or `allowed`); params: TF's input names; converts: see op.fast_path."""
    allowed = op_defs.allowed(op_type) if allowed is None else allowed
    body = binary_body(params, _unknown_dims_broadcast(fn))
    body.__name__ = _name(names, op_type)
    return op(*names, tensors=params, dtypes=allowed, op_type=op_type, grad=grad,
              sig="%s:T, %s:T -> z:T" % params, on_error=_broadcast_error, jit=True,
              converts=converts)(body)


def _unknown_dims_broadcast(fn):
    """fn(x, y), and in a FuncGraph being built (Keras's output-shape inference: nothing runs,
    only shapes matter) also where JAX can't broadcast two symbolic sizes (None and None, or
    None and 3) that TF's static shapes broadcast (to None, or 3): an operand whose size is not
    the result's stands in at size 1."""

    def f(x, y):
        try:
            return fn(x, y)
        except (TypeError, ValueError):
            if not func_graph.building():
                raise
            return fn(*_agreeing(x, y))

    return f


def _agreeing(x, y):
    nd = max(x.ndim, y.ndim)
    shapes = [(1,) * (nd - v.ndim) + tuple(v.shape) for v in (x, y)]
    out = [x, y]
    for axis, (a, b) in enumerate(zip(*shapes)):
        # The result's size: a known one other than 1 (TF's None against 3 is 3), else x's.
        target = next((d for d in (a, b) if isinstance(d, int) and d != 1), a)
        for k, d in enumerate((a, b)):
            v = out[k]
            if (axis >= nd - v.ndim and d is not target and not _same_size(d, target)
                    and not _same_size(d, 1)):
                # Its values never run: an operand of the shape with size 1 there does.
                shape = list(v.shape)
                shape[axis - (nd - v.ndim)] = 1
                out[k] = jnp.zeros(shape, v.dtype)
    return out


def _same_size(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - symbolic sizes JAX can't compare
        return False




def _in_float32(fn):
    """TF's Eigen kernels evaluate special functions of half-precision floats in float32."""

    def f(x):
        if x.dtype in HALF:
            return fn(x.astype(jnp.float32)).astype(x.dtype)
        return fn(x)

    return f


def _no_kernel(fn, op_type, *missing, registered=""):
    """fn, refusing the dtypes TF's op-def allows but no CPU kernel implements (NotFoundError;
    registered: the kernel list TF's message prints, where it prints one)."""

    def f(*xs):
        if xs[0].dtype in missing:
            raise _no_kernel_error(op_type, xs[0].dtype, registered=registered)
        return fn(*xs)

    return f


# -- elementwise, one input ------------------------------------------------------------------
def _sigmoid(x):
    # TF's half-precision Sigmoid rounds once from float32; JAX's would round exp(-x) first.
    if x.dtype in HALF:
        return jax.nn.sigmoid(x.astype(jnp.float32)).astype(x.dtype)
    return jax.nn.sigmoid(x)


negative = unary(("math.negative", "negative"), jnp.negative, "Neg")
# Complex input gives its real dtype (TF's wrapper routes it to ComplexAbs); errors list Abs's.
abs = unary(("math.abs", "abs"), tf_grads.abs, "Abs",  # noqa: A001
            _also(op_defs.allowed("Abs"), D.complex64, D.complex128))
square = unary(("math.square", "square"), jnp.square, "Square")
sqrt = unary(("math.sqrt", "sqrt"), jnp.sqrt, "Sqrt")
exp = unary(("math.exp", "exp"), jnp.exp, "Exp")
log = unary(("math.log",), jnp.log, "Log")
sin = unary(("math.sin", "sin"), jnp.sin, "Sin")
cos = unary(("math.cos", "cos"), jnp.cos, "Cos")
tanh = unary(("math.tanh", "nn.tanh", "tanh"), jnp.tanh, "Tanh")
sigmoid = unary(("math.sigmoid", "nn.sigmoid", "sigmoid"), _sigmoid, "Sigmoid")
tan = unary(("math.tan", "tan"), jnp.tan, "Tan")
asin = unary(("math.asin", "asin"), jnp.arcsin, "Asin")
acos = unary(("math.acos", "acos"), jnp.arccos, "Acos")
atan = unary(("math.atan", "atan"), jnp.arctan, "Atan")
sinh = unary(("math.sinh", "sinh"), jnp.sinh, "Sinh")
cosh = unary(("math.cosh", "cosh"), jnp.cosh, "Cosh")
asinh = unary(("math.asinh", "asinh"), jnp.arcsinh, "Asinh")
acosh = unary(("math.acosh", "acosh"), tf_grads.acosh, "Acosh")
atanh = unary(("math.atanh", "atanh"), jnp.arctanh, "Atanh")
expm1 = unary(("math.expm1",), jnp.expm1, "Expm1")
log1p = unary(("math.log1p",), jnp.log1p, "Log1p")
rsqrt = unary(("math.rsqrt",), lax.rsqrt, "Rsqrt")
sign = unary(("math.sign", "sign"), jnp.sign, "Sign")
# TF registers no gradient for Floor, Ceil, Round and Rint (their gradient is None).
floor = unary(("math.floor", "floor"), jnp.floor, "Floor", grad=False)
ceil = unary(("math.ceil",), jnp.ceil, "Ceil", grad=False)
rint = unary(("math.rint",), _no_kernel(jnp.rint, "Rint", *HALF), "Rint",
             grad=False)
_round = unary((), _no_kernel(jnp.round, "Round", jnp.complex64, jnp.complex128), "Round",
               grad=False)  # half to even, as TF
is_nan = unary(("math.is_nan",), jnp.isnan, "IsNan", grad=False)
is_inf = unary(("math.is_inf",), jnp.isinf, "IsInf", grad=False)
is_finite = unary(("math.is_finite",), jnp.isfinite, "IsFinite", grad=False)
_reciprocal = unary((), jnp.reciprocal, "Reciprocal")


@op(tensors=("features",), dtypes=op_defs.allowed("Softplus"), op_type="Softplus",
    sig="features:T -> activations:T")
def _softplus(features, name=None):
    # TF's kernel and its _SoftplusGrad (as tf.nn.softplus): jax.vjp of the kernel's branches
    # would give NaN at +-inf and past the thresholds (0 * inf in the untaken branch).
    return tf_grads.softplus(features)


_imag = unary((), jnp.imag, "Imag", op_defs.allowed("Imag", "Tin"))
_angle = unary((), jnp.angle, "Angle", op_defs.allowed("Angle", "Tin"))


@_api.export("math.round", "round")
def round(x, name=None):  # noqa: A001
    """tf.math.round: banker's rounding; the identity on integers, as TF's wrapper."""
    x = convert_to_tensor(x)
    return x if x.dtype.is_integer else _round(x)


_RECIPROCAL_KERNELS = (  # the kernels TF lists in its NotFoundError
    "\n  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT16, DT_INT8, "
    "DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_COMPLEX128, DT_HALF]\n  device='CPU'; T in "
    "[DT_COMPLEX128]\n  device='CPU'; T in [DT_COMPLEX64]\n  device='CPU'; T in [DT_DOUBLE]\n"
    "  device='CPU'; T in [DT_BFLOAT16]\n  device='CPU'; T in [DT_HALF]\n  device='CPU'; T in "
    "[DT_FLOAT]\n")


@_api.export("math.reciprocal")
def reciprocal(x, name=None):
    """tf.math.reciprocal."""
    x = convert_to_tensor(x)
    if x.dtype.is_integer and x.dtype in op_defs.allowed("Reciprocal"):  # no CPU kernel
        raise errors.no_kernel_error("Reciprocal", "T=DT_%s" % x.dtype.name.upper(), "",
                                     _RECIPROCAL_KERNELS)
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


@op(tensors=("x",), dtypes=op_defs.allowed("Floor"), op_type="Angle")  # real floats
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


# -- elementwise, two inputs -------------------------------------------------------------------
def _add_values(x, y):
    if x.dtype == object:  # tf.string: NumPy concatenates bytes objects elementwise
        return np.asarray(np.add(x, y), dtype=object)
    return jnp.add(x, y)


_add_v2 = binary((), jnp.add, "AddV2")
_add_strings = binary((), _add_values, "Add")


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


subtract = binary(("math.subtract", "subtract"), jnp.subtract, "Sub")
multiply = binary(("math.multiply", "multiply"), jnp.multiply, "Mul")
maximum = binary(("math.maximum", "maximum"), tf_grads.maximum, "Maximum")
minimum = binary(("math.minimum", "minimum"), tf_grads.minimum, "Minimum")


# The value checks below read a concrete divisor with NumPy: inside a tf.function trace a jnp
# operation on it would be staged into the trace, and its truth value unknown.
def _zero_division_check(op_type, y):
    if jnp.issubdtype(y.dtype, jnp.integer) and concrete(y) and bool(np.any(np.asarray(y) == 0)):
        raise errors.kernel_error(op_type, "Integer division by zero")


# FloorDiv has no gradient in TF (ops.NotDifferentiable("FloorDiv")).
@op("math.floordiv", tensors=("x", "y"), dtypes=op_defs.allowed("FloorDiv"), op_type="FloorDiv",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error, grad=False)
def floordiv(x, y, name=None):
    if jnp.iscomplexobj(x):  # in FloorDiv's op-def, but no kernel has it
        raise errors.no_kernel_error("FloorDiv", "T=DT_%s" % x.dtype.name.upper(), None)
    _zero_division_check("FloorDiv", y)
    if jnp.issubdtype(x.dtype, jnp.inexact):
        return jnp.floor(x / y)  # TF's floor(x / y): floor(-5 / inf) is -0, JAX's gives -1
    return jnp.floor_divide(x, y)


@op("math.floormod", "math.mod", tensors=("x", "y"), dtypes=op_defs.allowed("FloorMod"),
    op_type="FloorMod", sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def floormod(x, y, name=None):
    _zero_division_check("FloorMod", y)
    return jnp.remainder(x, y)


_real_div = binary((), _no_kernel(jnp.divide, "RealDiv", *op_defs.INTEGER_NP,
                                  registered=op_defs.REAL_DIV_KERNELS), "RealDiv")
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


@op("math.pow", "pow", tensors=("x", "y"), dtypes=op_defs.allowed("Pow"), op_type="Pow",
    sig="x:T, y:T -> z:T", on_error=_broadcast_error)
def pow(x, y, name=None):  # noqa: A001
    if jnp.issubdtype(y.dtype, jnp.integer) and concrete(y) and bool(np.any(np.asarray(y) < 0)):
        raise errors.kernel_error("Pow", "Integers to negative integer powers are not allowed")
    return tf_grads.pow(x, y)


def _squared_difference(x, y):
    d = x - y
    return (d * jnp.conj(d)) if jnp.iscomplexobj(d) else d * d


def _div_no_nan(x, y):
    zero = y == 0
    return jnp.where(zero, jnp.zeros((), x.dtype), x / jnp.where(zero, jnp.ones((), y.dtype), y))


def _xdivy(x, y):
    return jnp.where(x == 0, jnp.zeros((), x.dtype), x / y)


squared_difference = binary(("math.squared_difference",), _squared_difference,
                            "SquaredDifference")
_div_no_nan_op = binary((), _div_no_nan, "DivNoNan")
xdivy = binary(("math.xdivy",), _xdivy, "Xdivy")
xlogy = binary(("math.xlogy",), tf_grads.xlogy, "Xlogy")
xlog1py = binary(("math.xlog1py",), tf_grads.xlog1py, "Xlog1py")
nextafter = binary(("math.nextafter",), jnp.nextafter, "NextAfter", grad=False,
                   params=("x1", "x2"))


@op("math.atan2", "atan2", tensors=("y", "x"), dtypes=op_defs.allowed("Atan2"), op_type="Atan2",
    sig="y:T, x:T -> z:T", on_error=_broadcast_error)
def atan2(y, x, name=None):
    return jnp.arctan2(y, x)


@_api.export("math.divide_no_nan")
def divide_no_nan(x, y, name=None):
    """tf.math.divide_no_nan: integers are cast as tf.math.truediv casts them."""
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype is not y.dtype:
        raise TypeError("`x` and `y` must have the same dtype, got %r != %r." % (x.dtype, y.dtype))
    to = _TRUEDIV.get(x.dtype)
    if to is not None:
        x, y = cast(x, to), cast(y, to)
    return _div_no_nan_op(x, y)


def _integer_division_check(op_type, y):
    if jnp.issubdtype(y.dtype, jnp.integer) and concrete(y) and bool(np.any(np.asarray(y) == 0)):
        raise errors.kernel_error(op_type, "Unexpected error in binary operator (only integer "
                                  "div and mod should have errors)", cls=errors.InternalError)


# TF registers TruncateDiv as not differentiable.
@op("truncatediv", tensors=("x", "y"), dtypes=op_defs.allowed("TruncateDiv"),
    op_type="TruncateDiv", sig="x:T, y:T -> z:T", on_error=_broadcast_error, grad=False)
def truncatediv(x, y, name=None):
    _integer_division_check("TruncateDiv", y)
    if jnp.issubdtype(x.dtype, jnp.integer):
        return lax.div(*jnp.broadcast_arrays(x, y))
    if jnp.iscomplexobj(x):
        raise _no_kernel_error("TruncateDiv", x.dtype)
    return jnp.trunc(x / y)


def _truncatemod(x, y, name=None):
    if x.dtype in HALF:
        raise _no_kernel_error("TruncateMod", x.dtype)
    _integer_division_check("TruncateMod", y)
    return jnp.fmod(x, y)


# TF registers no gradient for TruncateMod (nor declares it non-differentiable).
truncatemod = op("truncatemod", tensors=("x", "y"), dtypes=op_defs.allowed("TruncateMod"),
                 op_type="TruncateMod", sig="x:T, y:T -> z:T", no_gradient=True,
                 on_error=_broadcast_error)(_truncatemod)

multiply_no_nan = binary(("math.multiply_no_nan",), tf_grads.mul_no_nan, "MulNoNan",
                         converts=True)


# -- comparisons (no gradient) ---------------------------------------------------------------
def _compare(jnp_fn, np_fn):
    def fn(x, y):
        if x.dtype == object:  # tf.string
            return jnp.asarray(np.asarray(np_fn(x, y), dtype=bool))
        return jnp_fn(x, y)

    return fn


def _broadcastable(a, b) -> bool:
    try:
        try:
            np.broadcast_shapes(a, b)
        except TypeError:  # symbolic dimensions (a relaxed trace): JAX's rule
            jnp.broadcast_shapes(a, b)
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


less = binary(("math.less", "less"), jnp.less, "Less", grad=False)
less_equal = binary(("math.less_equal", "less_equal"), jnp.less_equal, "LessEqual", grad=False)
greater = binary(("math.greater", "greater"), jnp.greater, "Greater", grad=False)
greater_equal = binary(("math.greater_equal", "greater_equal"), jnp.greater_equal,
                       "GreaterEqual", grad=False)


# -- logical (inputs of the fixed dtype bool; tf.bitwise is bitwise_ops') -----------------------
def _bool_inputs(op_type, values, name):
    """TF's conversion for inputs typed bool in the op-def: values converted to bool strictly,
    tensors of another dtype refused by the kernel."""
    ts = [v if is_tensor_like(v) else convert_to_tensor(v, D.bool) for v in values]
    for i, v in enumerate(ts):
        t = convert_to_tensor(v)
        if t.dtype is not D.bool:
            raise mismatch(op_type, i, D.bool, t.dtype, name or "")
    return ts


_logical_and = binary((), jnp.logical_and, "LogicalAnd", grad=False)
_logical_or = binary((), jnp.logical_or, "LogicalOr", grad=False)
_logical_not = unary((), jnp.logical_not, "LogicalNot", grad=False)


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


# -- matmul ----------------------------------------------------------------------------------
@op(tensors=("a", "b"), dtypes=op_defs.allowed("MatMul"), op_type="MatMul",
    sig="a:T, b:T -> product:T", jit=True)
def _mat_mul(a, b, transpose_a=False, transpose_b=False, name=None):
    node = "__MklMatMul" if mkl(a.dtype) else "MatMul"
    if node == "MatMul" and a.ndim != b.ndim:  # Eigen's kernel compares the ranks first
        raise errors.kernel_error("MatMul", "In[0] and In[1] has different ndims: %s vs. %s"
                                  % (dims(a.shape), dims(b.shape)), "")
    for i, x in enumerate((a, b)):
        if x.ndim != 2 and node == "MatMul":
            raise errors.kernel_error("MatMul", "In[0] and In[1] ndims must be == 2: %d"
                                      % x.ndim, "")
        if x.ndim != 2:
            raise errors.kernel_error("MatMul", "In[%d] ndims must be >= 2" % i, "", node=node)
    if jnp.issubdtype(a.dtype, jnp.unsignedinteger):
        raise errors.no_kernel_error(
            "MatMul", "T=DT_%s, grad_a=false, grad_b=false, transpose_a=%s, transpose_b=%s"
            % (a.dtype.name.upper(), str(transpose_a).lower(), str(transpose_b).lower()))
    k_a = a.shape[0] if transpose_a else a.shape[1]
    k_b = b.shape[1] if transpose_b else b.shape[0]
    if k_a != k_b:
        raise errors.kernel_error("MatMul", "Matrix size-incompatible: In[0]: %s, In[1]: %s"
                                  % (dims(a.shape), dims(b.shape)), "", node=node)
    return jnp.matmul(a.T if transpose_a else a, b.T if transpose_b else b)


@op(tensors=("x", "y"), dtypes=op_defs.allowed("BatchMatMulV2"), op_type="BatchMatMulV2",
    sig="x:T, y:T -> output:T")
def _batch_mat_mul(x, y, adj_x=False, adj_y=False, name=None):
    onednn = mkl(x.dtype)
    node = "__MklBatchMatMulV2" if onednn else "BatchMatMulV2"
    for i, v in enumerate((x, y)):
        if v.ndim < 2:
            raise errors.kernel_error("BatchMatMulV2", "In[%d] ndims must be >= 2%s"
                                      % (i, ": %d" % v.ndim if onednn else ""), "", node=node)
    try:
        np.broadcast_shapes(x.shape[:-2], y.shape[:-2])
    except ValueError:
        raise errors.kernel_error(
            "BatchMatMulV2", "In[0] and In[1] must have compatible batch dimensions: %s vs. %s"
            % (dims(x.shape), dims(y.shape)), "", node=node) from None
    if jnp.issubdtype(x.dtype, jnp.unsignedinteger):
        raise errors.no_kernel_error(
            "BatchMatMulV2", "T=DT_%s, adj_x=%s, adj_y=%s, grad_x=false, grad_y=false"
            % (x.dtype.name.upper(), str(adj_x).lower(), str(adj_y).lower()))
    if (x.shape[-2] if adj_x else x.shape[-1]) != (y.shape[-1] if adj_y else y.shape[-2]):
        raise errors.kernel_error(
            "BatchMatMulV2", "Matrix size-incompatible: In[0]: %s, In[1]: %s%s"
            % (dims(x.shape), dims(y.shape), " %d %d" % (adj_x, adj_y) if onednn else ""), "",
            node=node)
    if adj_x:
        x = jnp.conj(jnp.swapaxes(x, -1, -2))
    if adj_y:
        y = jnp.conj(jnp.swapaxes(y, -1, -2))
    return jnp.matmul(x, y)


_V3_ALLOWED = ("bfloat16, half, float, double, uint8, int8, int16, int32, int64, complex64, "
               "complex128")
_V3_OUT = "bfloat16, half, float, double, int16, int32, int64, complex64, complex128"
_V3_OP_DEF = (
    "BatchMatMulV3; signature=x:Ta, y:Tb -> output:Tout; attr=Ta:type,allowed=[%s]; "
    "attr=Tb:type,allowed=[%s]; attr=Tout:type,allowed=[%s]; attr=adj_x:bool,default=false; "
    "attr=adj_y:bool,default=false; attr=grad_x:bool,default=false; attr=grad_y:bool,"
    "default=false" % ((", ".join("DT_" + t.upper() for t in _V3_ALLOWED.split(", ")),) * 2
                       + (", ".join("DT_" + t.upper() for t in _V3_OUT.split(", ")),)))
# BatchMatMulV3's CPU kernels, (Ta, Tb) -> Tout, in the order TF lists them.
_V3_KERNELS = [("uint8", "bfloat16", "bfloat16"), ("int8", "bfloat16", "bfloat16"),
               ("bfloat16", "uint8", "bfloat16"), ("bfloat16", "int8", "bfloat16"),
               ("uint8", "uint8", "int32"), ("int8", "uint8", "int32"), ("uint8", "int8", "int32"),
               ("int8", "int8", "int32")] + [(t, t, t) for t in (
                   "int64", "int32", "int16", "float64", "float32", "bfloat16", "complex128",
                   "complex64")]
_V3_XLA = ("DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, "
           "DT_BFLOAT16, DT_COMPLEX128, DT_HALF")


def _dt(d) -> str:
    return "DT_" + tf_type_name(d).upper()


def _v3_registered() -> str:
    xla_out = _V3_XLA.replace("DT_UINT8, ", "").replace("DT_INT8, ", "")
    lines = ["\n  device='XLA_CPU_JIT'; Tout in [%s]; Tb in [%s]; Ta in [%s]"
             % (xla_out, _V3_XLA, _V3_XLA)]
    lines += ["\n  device='CPU'; Ta in [%s]; Tb in [%s]; Tout in [%s]"
              % tuple(_dt(D.as_dtype(t)) for t in k) for k in _V3_KERNELS]
    return "".join(lines) + "\n"


@op(others=("x", "y"), op_type="BatchMatMulV3", sig="x:Ta, y:Tb -> output:Tout")
def _batch_mat_mul_v3(x, y, Tout, adj_x=False, adj_y=False, name=None):  # noqa: N803
    """TF's BatchMatMulV3: operands of two dtypes and the product in a third (int8 x int8 ->
    int32, bfloat16 x int8 -> bfloat16), as tf.matmul's output_type uses it."""
    ta, tb = D.as_dtype(x.dtype), D.as_dtype(y.dtype)
    for attr, t, allowed in (("Ta", ta, _V3_ALLOWED), ("Tb", tb, _V3_ALLOWED),
                             ("Tout", Tout, _V3_OUT)):
        if tf_type_name(t) not in allowed.split(", "):
            raise errors.attr_value_error(attr, tf_type_name(t), allowed, "BatchMatMulV3",
                                          name=None, op_def=_V3_OP_DEF)
    if (ta.name, tb.name, Tout.name) not in _V3_KERNELS:
        raise errors.no_kernel_error(
            "BatchMatMulV3", "Ta=%s, Tb=%s, Tout=%s, adj_x=%s, adj_y=%s, grad_x=false, "
            "grad_y=false" % (_dt(ta), _dt(tb), _dt(Tout),
                              str(adj_x).lower(), str(adj_y).lower()),
            name=None, registered=_v3_registered())
    for i, v in enumerate((x, y)):
        if v.ndim < 2:
            raise errors.kernel_error("BatchMatMulV3", "In[%d] ndims must be >= 2: %d"
                                      % (i, v.ndim), None)
    if (x.shape[-2] if adj_x else x.shape[-1]) != (y.shape[-1] if adj_y else y.shape[-2]):
        raise errors.kernel_error("BatchMatMulV3", "Matrix size-incompatible: In[0]: %s, In[1]: "
                                  "%s" % (dims(x.shape), dims(y.shape)), None)
    if adj_x:
        x = jnp.conj(jnp.swapaxes(x, -1, -2))
    if adj_y:
        y = jnp.conj(jnp.swapaxes(y, -1, -2))
    out = Tout.as_numpy_dtype
    if out == jnp.int32:  # (u)int8 operands, accumulated in int32 as TF's kernel does
        return jnp.matmul(x, y, preferred_element_type=jnp.int32)
    return jnp.matmul(x.astype(out), y.astype(out))


@_api.export("linalg.matmul", "matmul")
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False,
           name=None):
    """tf.linalg.matmul.

    Differences from TensorFlow: a bfloat16 and a float32 operand (TF's sparse_matmul) is not
    supported.
    """
    for t, adj, x in (("a", adjoint_a, transpose_a), ("b", adjoint_b, transpose_b)):
        if x and adj:
            raise ValueError("Only one of `transpose_%s` and `adjoint_%s` can be True. Received "
                             "`transpose_%s`=%s, `adjoint_%s`=%s." % (t, t, t, x, t, adj))
    a = convert_to_tensor(a)
    b = convert_to_tensor(b, dtype_hint=a.dtype)
    batched = a.ndim > 2 or b.ndim > 2
    if output_type is not None:
        output_type = D.as_dtype(output_type)
        if output_type is not a.dtype or output_type is not b.dtype:
            # TF's path for an output_type of its own: BatchMatMulV3, whose kernels take the
            # adjoint (a transpose of real operands).
            if batched:
                if transpose_a:
                    a, adjoint_a = conj(a), True
                if transpose_b:
                    b, adjoint_b = conj(b), True
            return _batch_mat_mul_v3(a, b, Tout=output_type, adj_x=adjoint_a or transpose_a,
                                     adj_y=adjoint_b or transpose_b)
    if a.dtype is not b.dtype and a.dtype in op_defs.allowed("BatchMatMulV2" if batched
                                                            else "MatMul"):
        # The kernel's own check, which names oneDNN's kernel where TF picks it.
        op_type = "BatchMatMulV2" if batched else "MatMul"
        kernel = ("_Mkl" if mkl(a.dtype.as_numpy_dtype) else "") + op_type
        raise mismatch(op_type, 1, a.dtype, b.dtype, kernel=kernel)
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
    if t.dtype in (D.string, D.bool):
        raise TypeError("Expected numeric or variant tensor, got dtype %r." % t.dtype)
    return _conj(t) if t.dtype.is_complex else t


@_api.export("math.real")
def real(input, name=None):  # noqa: A002
    """tf.math.real: the identity on real tensors, as TF's wrapper."""
    t = convert_to_tensor(input)
    if t.dtype in (D.string, D.bool):
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
    if x.dtype in HALF:
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
    src = D.from_numpy(x.dtype)
    # string <-> numbers: no kernel in TF; float8 targets have kernels from floats only.
    if (x.dtype == object) != (dtype is D.string) or (
            dtype in D.FLOAT8 and not (src.is_floating and src in D.FLOAT | D.FLOAT8)):
        raise errors.kernel_error("Cast", "Cast %s to %s is not supported"
                                  % (tf_type_name(src), tf_type_name(dtype)), name,
                                  cls=errors.UnimplementedError)
    if jnp.iscomplexobj(x) and not jnp.issubdtype(to, jnp.complexfloating):
        x = jnp.real(x)  # TF drops the imaginary part, for bool too
    if src in D.FLOAT8 and dtype not in D.FLOAT | D.FLOAT8:
        x = x.astype(jnp.float32)  # TF's float8 kernels convert through float
    if jnp.issubdtype(x.dtype, jnp.floating) and jnp.issubdtype(to, jnp.integer):
        return _float_to_int(x, to)
    return x.astype(to)


@_api.export("cast", "dtypes.cast")
def cast(x, dtype, name=None):
    """tf.cast."""
    dtype = D.as_dtype(dtype)
    if is_tensor(x) and x.dtype is dtype:
        return x  # TF returns its input itself here, a tf.Variable included
    if isinstance(x, SparseTensor):  # TF casts the values, keeping indices and shape
        return SparseTensor(x.indices, cast(x.values, dtype), x.dense_shape)
    if isinstance(x, IndexedSlices):
        return IndexedSlices(cast(x.values, dtype), x.indices, x.dense_shape)
    t = convert_to_tensor(x)
    if t.dtype.is_complex and dtype.is_floating:
        tf_logging.warning("You are casting an input of type %s to an incompatible dtype %s.  "
                           "This will discard the imaginary part and may not be what you "
                           "intended.", t.dtype.name, dtype.name)
    # Errors from tf.cast carry TF's " name: " suffix; the operators' internal casts don't.
    return t if t.dtype is dtype else _cast(t, dtype, name="")


# -- add_n, accumulate_n, polyval, scalar_mul, reciprocal_no_nan -----------------------------
@op(lists=("inputs",), op_type="AddN", converts=True)  # TF converts them first
def _add_n(inputs, name=None):
    for i, t in enumerate(inputs[1:], 1):
        if t.shape != inputs[0].shape:
            raise errors.kernel_error(
                "AddN", "Inputs to operation AddN of type AddN must have the same size and shape."
                "  Input 0: %s != input %d: %s" % (dims(inputs[0].shape), i,
                                                   dims(t.shape)),
                node="AddN_N_%d" % len(inputs))
    out = inputs[0]
    for t in inputs[1:]:
        out = out + t
    return out


@_api.export("math.add_n", "add_n")
def add_n(inputs, name=None):
    """tf.math.add_n."""
    if C.is_tensor(inputs):  # TF iterates over a tensor's rows
        inputs = list(convert_to_tensor(inputs))
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with "
                         "the same dtype and shape.")
    if len(inputs) == 1:
        from . import array_ops  # array_ops imports this module

        return array_ops.identity(inputs[0])
    first = convert_to_tensor(inputs[0])
    if first.dtype not in op_defs.allowed("AddN"):
        raise index_attr_error("T", first.dtype, "AddN", op_defs.names("AddN"), "")
    return _add_n(list(inputs), name="")


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


@_api.export("math.reciprocal_no_nan")
def reciprocal_no_nan(x, name=None):
    """tf.math.reciprocal_no_nan: divide_no_nan(1, x), refusing integers as DivNoNan does."""
    x = convert_to_tensor(x)
    return _div_no_nan_op(convert_to_tensor(1, dtype=x.dtype), x)
