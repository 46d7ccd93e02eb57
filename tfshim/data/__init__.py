"""tf.data and tf.data.experimental (TF's tensorflow/python/data), filled from the registry."""

import types

from .. import _api
from . import (  # noqa: F401
    counter_op,
    csv_dataset_op,
    dataset_ops,
    experimental_ops,
    iterator_ops,
    optional_ops,
    options,
    random_op,
    readers,
    structure,
    tf_record,
    writers,
)

globals().update(_api.namespace("data"))

experimental = types.ModuleType("tfshim.data.experimental", "tf.data.experimental.")
experimental.__dict__.update(_api.namespace("data.experimental"))
