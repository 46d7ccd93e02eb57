"""tf.image.random_crop and stateless_random_crop (TF's random_crop_ops.py): one uniform int32
draw per dimension, modulo the room left, then a slice; TF's draws, so a seed gives TF's crop."""

from __future__ import annotations

import jax
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._ops import array_ops, check_ops, random_ops, reduction_ops, stateless_random_ops


@op(tensors=("value",), others=("offset",), op_type="Slice", jit=True)
def _crop(value, offset, size, name=None):
    return jax.lax.dynamic_slice(value, tuple(offset[i] for i in range(value.ndim)), size)


def _random_crop(value, size, draw):
    value = convert_to_tensor(value)
    size = convert_to_tensor(size, dtype=D.int32)
    shape = array_ops.shape(value)
    check_ops.Assert(reduction_ops.reduce_all(shape >= size),
                     ["Need value.shape >= size, got ", shape, size], summarize=1000)
    limit = shape - size + 1
    offset = draw([value.shape.rank], dtype=D.int32, maxval=D.int32.max) % limit
    return _crop(value, offset, tuple(int(n) for n in np.asarray(size._value).reshape(-1)))


@_api.export("image.random_crop")
def random_crop(value, size, seed=None, name=None):
    """tf.image.random_crop: a `size` slice of `value` at a random offset."""
    return _random_crop(value, size, lambda shape, **kw: random_ops.uniform(shape, seed=seed,
                                                                             **kw))


@_api.export("image.stateless_random_crop")
def stateless_random_crop(value, size, seed, name=None):
    """tf.image.stateless_random_crop."""
    return _random_crop(value, size, lambda shape, **kw: stateless_random_ops.stateless_uniform(
        shape, seed, **kw))
