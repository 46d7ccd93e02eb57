"""The operator table: Tensor and Variable dunders mapped to the same ops as tf.* functions.

Ported from TF's override_binary_operator.py and tensor_math_operator_overrides.py: `x op y`
calls the op with y as given (the op converts it), and when that raises TypeError/ValueError,
y's reflected operator gets a try; `y op x` (reflected) first converts x to y's dtype strictly.
"""

from __future__ import annotations

from .._core import context
from .._core import dtypes as D
from .._core.convert import convert_to_tensor, is_tensor
from .._core.tensor import EagerTensor
from .._core.variable import Variable
from . import bitwise_ops, math_ops, tensor_getitem_override

# TF's maybe_promote_tensors under tnp.experimental_enable_numpy_behavior(): (x, y) -> both
# cast to NumPy's result type; None while TF's own rule (no implicit promotion) holds.
_promote = None


def set_promotion(promote):
    """Install (or with None, remove) NumPy-style promotion of binary operators' operands."""
    global _promote
    _promote = promote


def _as_tensor(x):
    # A variable's operators act on its value, as TF's Variable._OverloadOperator does.
    return x if type(x) is EagerTensor else convert_to_tensor(x)


def _named(fn, name, x, y):
    """fn(x, y); inside tf.function its node is named as TF's binary_op_wrapper names it
    ("mul", "add")."""
    trace = context.tracing()
    if trace is None:
        return fn(x, y)
    trace.name_hint = name
    try:
        return fn(x, y)
    finally:
        trace.name_hint = None


def _operator(fn, name):
    """TF's binary_op_wrapper and r_binary_op_wrapper for one op."""

    def forward(self, other):
        self = _as_tensor(self)
        try:
            if _promote is not None:
                if name == "matmul":  # TF's matmul_wrapper: tnp.matmul's promotion
                    return self._matmul(other)
                self, other = _promote(self, other)
            return _named(fn, name, self, other)
        except (TypeError, ValueError) as e:
            reflected = getattr(type(other), "__r%s__" % name, None)
            if reflected is None:
                raise
            try:
                out = reflected(other, self)
            except (TypeError, ValueError):
                raise e from None
            if out is NotImplemented:
                raise
            return out

    def reverse(self, other):
        self = _as_tensor(self)
        if _promote is not None:
            self, other = _promote(self, other)
            return _named(fn, name, other, self)
        return _named(fn, name, convert_to_tensor(other, dtype=self.dtype), self)

    return forward, reverse


def _mul(x, y):
    # TF's _mul_dispatch_factory: a bool operand multiplies as int32 and casts back.
    if (is_tensor(x) and x.dtype is D.bool) or (is_tensor(y) and y.dtype is D.bool):
        product = math_ops.multiply(math_ops._cast(x, D.int32), math_ops._cast(y, D.int32))
        return math_ops._cast(product, D.bool)
    return math_ops.multiply(x, y)


def _and(x, y):
    return (math_ops.logical_and if x.dtype is D.bool else bitwise_ops.bitwise_and)(x, y)


def _or(x, y):
    return (math_ops.logical_or if x.dtype is D.bool else bitwise_ops.bitwise_or)(x, y)


def _xor(x, y):
    return (math_ops.logical_xor if x.dtype is D.bool else bitwise_ops.bitwise_xor)(x, y)


def _eq(self, other):
    # TF 2's Tensor.__eq__: elementwise, False for None, and a scalar False for shapes that
    # don't broadcast (incompatible_shape_error=False).
    if other is None:
        return False
    self = _as_tensor(self)
    if _promote is not None:
        self, other = _promote(self, other)
    return math_ops._equal(self, other, incompatible_shape_error=False)


def _ne(self, other):
    if other is None:
        return True
    self = _as_tensor(self)
    if _promote is not None:
        self, other = _promote(self, other)
    return math_ops._not_equal(self, other, incompatible_shape_error=False)


def _invert(self):
    self = _as_tensor(self)
    return (math_ops.logical_not if self.dtype is D.bool else bitwise_ops.invert)(self)


def _unary(fn):
    return lambda self: fn(_as_tensor(self))


def _comparison(fn):
    def compare(self, other):
        self = _as_tensor(self)
        if _promote is not None:
            self, other = _promote(self, other)
        return fn(self, other)

    return compare


OPERATORS = {"__eq__": _eq, "__ne__": _ne, "__invert__": _invert,
             "__neg__": _unary(math_ops.negative), "__abs__": _unary(math_ops.abs),
             "__lt__": _comparison(math_ops.less), "__le__": _comparison(math_ops.less_equal),
             "__gt__": _comparison(math_ops.greater),
             "__ge__": _comparison(math_ops.greater_equal),
             "__getitem__": tensor_getitem_override.getitem}
for _fn, _name in ((math_ops.add_dispatch, "add"), (math_ops.subtract, "sub"), (_mul, "mul"),
                   (math_ops.truediv, "truediv"), (math_ops.floordiv, "floordiv"),
                   (math_ops.floormod, "mod"), (math_ops.pow, "pow"),
                   (math_ops.matmul, "matmul"), (_and, "and"), (_or, "or"), (_xor, "xor")):
    OPERATORS["__%s__" % _name], OPERATORS["__r%s__" % _name] = _operator(_fn, _name)

for _cls in (EagerTensor, Variable):
    for _name, _method in OPERATORS.items():
        setattr(_cls, _name, _method)
    _cls.OVERLOADABLE_OPERATORS = frozenset(OPERATORS)
Variable.__getitem__ = tensor_getitem_override.getitem_variable
