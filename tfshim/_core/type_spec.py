"""tf.TypeSpec and tf.type_spec_from_value (TF's framework/type_spec.py).

A composite tensor (tf.SparseTensor, tf.RaggedTensor) is described by its TypeSpec: what the
value is without its tensors. The spec splits a value into component tensors (`_to_components`)
and rebuilds it from them (`_from_components`); tf.nest (`expand_composites=True`), tf.function
and jax's pytrees all go through these two methods.
"""

from __future__ import annotations

from .. import _api
from .tensor import Tensor


@_api.export("TypeSpec")
class TypeSpec:
    """tf.TypeSpec: the base of TensorSpec-like descriptions of composite values."""

    __slots__ = ()
    _tf_composite = True  # tf.nest's expand_composites expands it into its component specs
    _tf_type_spec = True

    # -- what a subclass defines --------------------------------------------------------------
    @property
    def value_type(self):
        raise NotImplementedError

    @property
    def _component_specs(self):
        raise NotImplementedError

    def _to_components(self, value):
        raise NotImplementedError

    def _from_components(self, components):
        raise NotImplementedError

    def _serialize(self) -> tuple:
        raise NotImplementedError

    def _trace_key(self):
        """What of a value's spec a trace is specific to beyond its components' shapes and
        dtypes (a SparseTensor's dense shape: its traces are static in it): all of it."""
        return self

    # -- shared behaviour ---------------------------------------------------------------------
    def is_compatible_with(self, spec_or_value) -> bool:
        """Same type; each serialized field compatible (shapes by TensorShape's rule)."""
        other = spec_or_value
        if not isinstance(other, TypeSpec):
            other = type_spec_from_value(other)
        if type(other) is not type(self):
            return False
        return all(_compatible(a, b) for a, b in zip(self._serialize(), other._serialize()))

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self._serialize() == other._serialize()

    def __ne__(self, other) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((type(self), self._serialize()))

    def __repr__(self) -> str:
        return "%s%r" % (type(self).__name__, self._serialize())


def _compatible(a, b) -> bool:
    if hasattr(a, "is_compatible_with") and not isinstance(a, type):
        try:
            return a.is_compatible_with(b)
        except (TypeError, ValueError):
            return False
    return a == b


@_api.export("type_spec_from_value")
def type_spec_from_value(value):
    """tf.type_spec_from_value: a value's TypeSpec (TensorSpec for tensors)."""
    spec = getattr(value, "_type_spec", None)
    if spec is not None:
        return spec
    from .convert import convert_to_tensor  # convert.py builds on this module's siblings
    from .tensor_spec import TensorSpec

    try:
        t = value if isinstance(value, Tensor) else convert_to_tensor(value)
    except (TypeError, ValueError):
        raise TypeError("Could not build a TypeSpec for %r with type %s"
                        % (value, type(value).__name__)) from None
    return TensorSpec(t.shape, t.dtype)
