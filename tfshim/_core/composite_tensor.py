"""TF's CompositeTensor: a value made of tensors, described by a TypeSpec.

Every subclass is a JAX pytree whose children are its components (as its TypeSpec's
`_to_components` gives them) and whose static part is the TypeSpec, so jax.jit, lax.while_loop
and tf.data's batching can carry tf.SparseTensor and tf.RaggedTensor as they carry tensors.
"""

from __future__ import annotations

import jax

from . import nest


class CompositeTensor:
    """The base of tf.SparseTensor and tf.RaggedTensor (TF's composite_tensor.CompositeTensor)."""

    __slots__ = ()
    _tf_composite = True  # tf.nest's expand_composites expands it into its components

    @property
    def _type_spec(self):
        raise NotImplementedError

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        jax.tree_util.register_pytree_node(cls, _flatten, _unflatten)


def _flatten(value):
    spec = value._type_spec
    return nest.flatten(spec._to_components(value), expand_composites=True), spec


def _unflatten(spec, children):
    children = list(children)
    if any(not hasattr(c, "dtype") and c is not None for c in children):
        # jax builds trees of placeholder objects (tree_util internals): rebuild with no checks
        return _Opaque(spec, children)
    return spec._from_components(nest.pack_sequence_as(spec._component_specs, children,
                                                       expand_composites=True))


class _Opaque:
    """A composite rebuilt by JAX around non-tensor leaves (e.g. while it maps a tree): its
    spec and leaves, enough to flatten again."""

    def __init__(self, spec, children):
        self.spec, self.children = spec, children


jax.tree_util.register_pytree_node(_Opaque, lambda o: (o.children, o.spec),
                                   lambda spec, ch: _Opaque(spec, list(ch)))


class CompositeArgument(ValueError):
    """Raised by converting a composite tensor to a tensor: TF's ValueError for it, which op
    dispatch (op.py) catches to run the op's handler for composites (TF's dispatch), if any."""

    def __init__(self, value, message):
        super().__init__(message)
        self.value = value


# Uncaught, it reads as the ValueError TF raises: "ValueError: ...".
CompositeArgument.__name__ = CompositeArgument.__qualname__ = "ValueError"
CompositeArgument.__module__ = "builtins"

# An op's body (or a public function) -> its handler for composite arguments:
# handler(fn, args, kwargs), as TF's dispatch_for_api.
HANDLERS: dict = {}
