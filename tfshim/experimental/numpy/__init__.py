"""tf.experimental.numpy (TF's numpy_ops: "tnp"), its namespace filled from the registry.

TF's tnp is Python over TF's ops; this package is the same Python over tfshim's ops (the
functions keep TF's dtype inference: np_utils.result_type), so values, dtypes, gradients and
tf.function behave as the ops they call.
"""

from ... import _api
from . import (  # noqa: F401  # noqa: F401
    np_array_ops,
    np_config,
    np_dtypes,
    np_elementwise_ops,
    np_index_ops,
    np_math_ops,
    np_random,
    np_utils,
    random,  # noqa: F401
)

globals().update(_api.namespace("experimental.numpy"))
