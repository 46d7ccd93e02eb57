"""tf.saved_model: save and load in TF's SavedModel layout, functions as StableHLO."""

import os as _os
import types as _types

from .. import _api
from .._core import resource as _resource  # noqa: F401
from . import load as _load  # noqa: F401
from . import load_options as _load_options  # noqa: F401
from . import save as _save  # noqa: F401
from . import save_options as _save_options  # noqa: F401

SERVING = "serve"
DEFAULT_SERVING_SIGNATURE_DEF_KEY = _save.SERVING_DEFAULT


@_api.export("saved_model.contains_saved_model")
def contains_saved_model(export_dir):
    """tf.saved_model.contains_saved_model."""
    export_dir = _os.fspath(export_dir)
    return _os.path.isdir(export_dir) and any(
        _os.path.isfile(_os.path.join(export_dir, n))
        for n in ("saved_model.pb", "saved_model.pbtxt"))


globals().update(_api.namespace("saved_model"))
experimental = _types.ModuleType("tfshim.saved_model.experimental",
                                 "tf.saved_model.experimental.")
experimental.__dict__.update(_api.namespace("saved_model.experimental"))
