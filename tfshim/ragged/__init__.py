"""tf.ragged: RaggedTensor's package (TF's ops/ragged), its namespace filled from the registry."""

from .. import _api
from . import (  # noqa: F401
    dynamic_ragged_shape,
    ragged_array_ops,
    ragged_boolean_mask,
    ragged_concat_ops,
    ragged_dispatch,
    ragged_factory_ops,
    ragged_gather_ops,
    ragged_getitem,
    ragged_math_ops,
    ragged_string_ops,
    segment_id_ops,
)

globals().update(_api.namespace("ragged"))
