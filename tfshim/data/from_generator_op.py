"""Dataset.from_generator (TF's data/ops/from_generator_op.py): a Python generator's values,
converted and checked against the declared signature."""

from __future__ import annotations

import numpy as np

from .._core import dtypes, errors, nest
from .._core.composite_tensor import CompositeTensor
from .._core.convert import to_host_array
from .._core.tensor_shape import TensorShape, as_shape
from .._core.tensor_spec import TensorSpec
from . import structure
from .dataset_ops import DatasetV2, Variant


def from_generator(generator, output_types=None, output_shapes=None, args=None,
                   output_signature=None, name=None):
    if not callable(generator):
        raise TypeError("`generator` must be a Python callable.")
    if output_signature is not None:
        if output_types is not None:
            raise TypeError("The `output_types` argument can not be used together with the "
                            "`output_signature` argument.")
        if output_shapes is not None:
            raise TypeError("The `output_shapes` argument can not be used together with the "
                            "`output_signature` argument.")
        for spec in nest.flatten(output_signature):
            if not isinstance(spec, TensorSpec) and not structure.is_composite_spec(spec):
                raise TypeError("`output_signature` must contain objects that are subclass of "
                                "`tf.TypeSpec` but found %s which is not." % type(spec))
        signature = output_signature
    else:
        if output_types is None:
            raise TypeError("To specify the output signature you need to provide either the "
                            "`output_signature` argument or the `output_types` argument.")
        if output_shapes is None:
            output_shapes = nest.map_structure(lambda _: TensorShape(None), output_types)
        flat_types = nest.flatten(output_types)
        flat_shapes = _flat_shapes(output_types, output_shapes)
        signature = nest.pack_sequence_as(output_types, [
            TensorSpec(s, dtypes.as_dtype(t)) for s, t in zip(flat_shapes, flat_types)])
    return _GeneratorDataset(generator, signature, args)


def _flat_shapes(types, shapes):
    if not nest.is_nested(types):
        return [as_shape(shapes)]
    if isinstance(types, dict):
        return [s for k in sorted(types) for s in _flat_shapes(types[k], shapes[k])]
    return [s for t, x in zip(types, shapes) for s in _flat_shapes(t, x)]


class _GeneratorDataset(DatasetV2):
    def __init__(self, generator, signature, args):
        self._generator = generator
        self._args = tuple(np.asarray(getattr(a, "_value", a)) for a in (args or ()))
        super().__init__(Variant(signature))

    def __repr__(self):
        return "<_FlatMapDataset element_spec=%r>" % (self._element_spec,)

    def _iter_flat(self):
        specs = self._flat_specs
        structure_spec = self._element_spec
        for value in self._generator(*self._args):
            if nest.is_nested(structure_spec):
                if isinstance(value, list):
                    value = tuple(value)
                try:
                    leaves = structure.flatten_up_to(structure_spec, value)
                except (TypeError, ValueError):
                    raise TypeError(
                        "`generator` yielded an element that did not match the expected "
                        "structure. The expected structure was %s, but the yielded element was "
                        "%s." % (nest.map_structure(lambda s: s.dtype, structure_spec),
                                 value)) from None
            else:
                leaves = [value]
            flat = []
            for v, spec in zip(leaves, specs):
                if structure.is_composite_spec(spec) and isinstance(v, CompositeTensor):
                    if v.dtype != spec.dtype:
                        raise TypeError(
                            "`generator` yielded an element that could not be converted to the "
                            "expected type. The expected type was %s, but the yielded element "
                            "was %s." % (spec.dtype.name, v))
                    flat.append(v)
                    continue
                try:
                    t = to_host_array(v, spec.dtype)
                except (TypeError, ValueError):
                    raise TypeError(
                        "`generator` yielded an element that could not be converted to the "
                        "expected type. The expected type was %s, but the yielded element was "
                        "%s." % (spec.dtype.name, v)) from None
                if not spec.shape.is_compatible_with(t.shape):
                    raise errors.InvalidArgumentError(
                        None, None, "TypeError: `generator` yielded an element of shape %s "
                        "where an element of shape %s was expected.\n\n\t [[{{node PyFunc}}]]"
                        % (TensorShape(t.shape), spec.shape))
                flat.append(t)
            yield flat
