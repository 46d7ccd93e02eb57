"""tf.data and tf.data.experimental (TF's tensorflow/python/data), filled from the registry."""

import types

from .. import _api
from . import dataset_ops, iterator_ops, optional_ops, options, readers, structure  # noqa: F401

globals().update(_api.namespace("data"))

experimental = types.ModuleType("tfshim.data.experimental", "tf.data.experimental.")
experimental.__dict__.update(_api.namespace("data.experimental"))
