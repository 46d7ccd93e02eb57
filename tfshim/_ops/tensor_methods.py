"""The operator table: Tensor and Variable dunders mapped to the same ops as tf.* functions."""

from __future__ import annotations

from .._core import dtypes as D
from .._core.op import is_tensor_like
from .._core.tensor import EagerTensor, convert_to_tensor
from .._core.variable import Variable
from . import array_ops, math_ops


def _other(other, like):
    """TF's binary-operator rule: a non-tensor operand is converted to the tensor's dtype."""
    if is_tensor_like(other):
        return other
    return convert_to_tensor(other, dtype=convert_to_tensor(like).dtype)


def _forward(fn):
    def method(self, other):
        return fn(self, _other(other, self))

    return method


def _reverse(fn):
    def method(self, other):
        return fn(_other(other, self), self)

    return method


def _logical_or_bitwise(logical, bitwise):
    def pick(x, y):
        t = convert_to_tensor(x)
        return (logical if t.dtype is D.bool else bitwise)(x, y)

    return pick


def _eq(self, other):
    # TF 2's Tensor.__eq__: elementwise, False for None, and shapes that don't broadcast give
    # a scalar False instead of an error (incompatible_shape_error=False).
    if other is None:
        return False
    other = _other(other, self)
    try:
        return math_ops.equal(self, other)
    except Exception as e:  # noqa: BLE001
        if "Incompatible shapes" in str(e):
            return convert_to_tensor(False)
        raise


def _ne(self, other):
    if other is None:
        return True
    other = _other(other, self)
    try:
        return math_ops.not_equal(self, other)
    except Exception as e:  # noqa: BLE001
        if "Incompatible shapes" in str(e):
            return convert_to_tensor(True)
        raise


_and = _logical_or_bitwise(math_ops.logical_and, math_ops.bitwise_and)
_or = _logical_or_bitwise(math_ops.logical_or, math_ops.bitwise_or)
_xor = _logical_or_bitwise(
    lambda x, y: math_ops.logical_and(math_ops.logical_or(x, y),
                                      math_ops.logical_not(math_ops.logical_and(x, y))),
    math_ops.bitwise_xor)


def _invert(self):
    return (math_ops.logical_not if convert_to_tensor(self).dtype is D.bool
            else math_ops.invert)(self)


OPERATORS = {
    "__add__": _forward(math_ops.add),
    "__radd__": _reverse(math_ops.add),
    "__sub__": _forward(math_ops.subtract),
    "__rsub__": _reverse(math_ops.subtract),
    "__mul__": _forward(math_ops.multiply),
    "__rmul__": _reverse(math_ops.multiply),
    "__truediv__": _forward(math_ops.truediv),
    "__rtruediv__": _reverse(math_ops.truediv),
    "__floordiv__": _forward(math_ops.floordiv),
    "__rfloordiv__": _reverse(math_ops.floordiv),
    "__mod__": _forward(math_ops.floormod),
    "__rmod__": _reverse(math_ops.floormod),
    "__pow__": _forward(math_ops.pow),
    "__rpow__": _reverse(math_ops.pow),
    "__matmul__": _forward(math_ops.matmul),
    "__rmatmul__": _reverse(math_ops.matmul),
    "__lt__": _forward(math_ops.less),
    "__le__": _forward(math_ops.less_equal),
    "__gt__": _forward(math_ops.greater),
    "__ge__": _forward(math_ops.greater_equal),
    "__eq__": _eq,
    "__ne__": _ne,
    "__and__": _forward(_and),
    "__rand__": _reverse(_and),
    "__or__": _forward(_or),
    "__ror__": _reverse(_or),
    "__xor__": _forward(_xor),
    "__rxor__": _reverse(_xor),
    "__invert__": _invert,
    "__neg__": math_ops.negative,
    "__abs__": math_ops.abs,
    "__getitem__": array_ops.getitem,
}

for _cls in (EagerTensor, Variable):
    for _name, _fn in OPERATORS.items():
        setattr(_cls, _name, _fn)
    _cls.OVERLOADABLE_OPERATORS = frozenset(OPERATORS)
