"""tf.distribute, filled from the export registry."""

import types

from .. import _api

# Importing the modules registers their names.
from . import (  # noqa: F401
    cluster_resolver,
    collective_all_reduce_strategy,
    collective_util,
    distribute_lib,
    input_lib,
    mirrored_strategy,
    nn_impl_distribute,
    one_device_strategy,
    reduce_util,
    tpu_strategy,
    values,
)

globals().update(_api.namespace("distribute"))
experimental = types.ModuleType("tfshim.distribute.experimental", "tf.distribute.experimental.")
experimental.__dict__.update(_api.namespace("distribute.experimental"))
