"""tf.__internal__: the names of TF's internal API that clients such as Keras use, and only
those (TF's tensorflow/_api/v2/__internal__). Not part of the golden API listing, as TF's public
names leave it out."""

from types import ModuleType

from ._core.autotrackable import AutoTrackable
from ._core.composite_tensor import CompositeTensor
from ._core.context import executing_eagerly
from ._core.func_graph import FuncGraph
from ._core.tensor import CoreTensor, EagerTensor
from ._core.trackable import Trackable, no_automatic_dependency_tracking
from ._ops.control_flow_ops import cond as _cond
from .distribute import distribute_lib as _distribute_lib

__all__ = ["CompositeTensor", "EagerTensor", "FuncGraph", "distribute", "smart_cond", "tracking",
           "types"]


def _namespace(name, **names):
    module = ModuleType("tfshim.__internal__." + name)
    module.__dict__.update(names)
    return module


def _smart_constant_value(pred):
    """TF's smart_constant_value: a predicate's value when known without running a graph."""
    if isinstance(pred, CoreTensor):
        return bool(pred.numpy()) if executing_eagerly() and hasattr(pred, "numpy") else None
    if isinstance(pred, bool):
        return pred
    if isinstance(pred, int) and pred in (0, 1):
        return bool(pred)
    raise TypeError("Argument `pred` must be a Tensor, or a Python bool, or 1 or 0. "
                    f"Received: pred={pred} of type {type(pred).__name__}")


def _smart_cond(pred, true_fn=None, false_fn=None, name=None):
    """smart_cond.smart_cond: the branch itself when `pred` is known, else tf.cond."""
    if not callable(true_fn):
        raise TypeError(f"Argument `true_fn` must be callable. Received {true_fn}")
    if not callable(false_fn):
        raise TypeError(f"Argument `false_fn` must be callable. Received {false_fn}")
    value = _smart_constant_value(pred)
    if value is not None:
        return true_fn() if value else false_fn()
    return _cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


def _strategy_supports_no_merge_call():
    """distribute.strategy_supports_no_merge_call: no strategy set, or one that needs none."""
    if not _distribute_lib.has_strategy():
        return True
    return not _distribute_lib.get_strategy().extended._use_merge_call()


def _maybe_merge_call(fn, strategy, *args, **kwargs):
    """distribute.interim.maybe_merge_call: `fn(strategy, ...)`, through merge_call where the
    strategy needs one."""
    if _strategy_supports_no_merge_call():
        return fn(strategy, *args, **kwargs)
    return _distribute_lib.get_replica_context().merge_call(fn, args=args, kwargs=kwargs)


types = _namespace("types", Tensor=CoreTensor)
tracking = _namespace("tracking", Trackable=Trackable, AutoTrackable=AutoTrackable,
                      no_automatic_dependency_tracking=no_automatic_dependency_tracking)
smart_cond = _namespace("smart_cond", smart_cond=_smart_cond)
distribute = _namespace("distribute",
                        strategy_supports_no_merge_call=_strategy_supports_no_merge_call,
                        interim=_namespace("distribute.interim",
                                           maybe_merge_call=_maybe_merge_call))
