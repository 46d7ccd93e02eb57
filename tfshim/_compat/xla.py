"""``tensorflow.compiler.tf2xla.python.xla``: what Keras imports (its TF backend's
``slice_update``)."""

import jax

from tfshim._core.op import op

__all__ = ["dynamic_update_slice"]


@op(tensors=("input", "update"), others=("indices",), op_type="XlaDynamicUpdateSlice")
def dynamic_update_slice(input, update, indices, name=None):  # noqa: A002
    """xla.dynamic_update_slice: `update` written into `input` at `indices` (XLA clamps them
    so the update fits)."""
    return jax.lax.dynamic_update_slice(input, update,
                                        tuple(indices[i] for i in range(indices.shape[0])))
