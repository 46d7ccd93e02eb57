"""Matching a checkpoint's object graph to Python objects and assigning the values (TF's
restore.py and checkpoint.py's _CheckpointRestoreCoordinator), now or when an object is added.

Matching walks the checkpoint's graph from the root by local names. A child the checkpoint has
and the Python object lacks is queued on that object (`_tf_deferred`); tf.Module and
tf.train.Checkpoint run the queue when the attribute is set (delayed restoration). All values of
one pass are read and checked before any variable is assigned, so a bad checkpoint (dtype,
shape, checksum) changes nothing.
"""

from __future__ import annotations

import weakref

import jax

from .._core import errors, tf_logging
from .._core.trackable import run_deferred
from . import graph_view


class Coordinator:
    """One restore: the reader, the checkpoint's graph, and which nodes found Python objects."""

    def __init__(self, reader, graph, path):
        self.reader = reader
        self.graph = graph
        self.path = path
        # Matched objects, weakly held where they can be (TF's WeakValueDictionary), so that
        # dropping the objects and the status frees the coordinator and logs its warning.
        self._objects: dict = {}
        self.matched_ids: set = set()
        self.leftovers = _Leftovers(self)
        weakref.finalize(self, _warn_unrestored, self.leftovers)

    def match(self, pairs) -> None:
        """Matches (proto node id, object) pairs and what lies below them; assigns the values
        of newly matched variables, all or none."""
        queue = list(pairs)
        variables = []
        while queue:
            node_id, obj = queue.pop(0)
            if node_id in self.matched_ids:
                continue
            try:
                self._objects[node_id] = weakref.ref(obj)
            except TypeError:  # lists, dicts, tuples
                self._objects[node_id] = _Strong(obj)
            self.matched_ids.add(node_id)
            node = self.graph.nodes[node_id]
            var = graph_view.saved_variable(obj)
            if var is not None:
                for attr in node.attributes:
                    if attr.name == graph_view.VARIABLE_VALUE:
                        variables.append((var, attr.checkpoint_key))
            python_children = dict(graph_view.children(obj))
            for ref in node.children:
                child = python_children.get(ref.local_name)
                if child is not None:
                    queue.append((ref.node_id, child))
                elif var is None:
                    _defer(obj, ref.local_name, self, ref.node_id)
        self._assign(variables)

    def matched_objects(self) -> list:
        return [o for o in (ref() for ref in self._objects.values()) if o is not None]

    def _assign(self, variables) -> None:
        values = []
        for var, key in variables:
            dtype = self.reader.dtype(key)
            if dtype is not var.dtype:
                raise errors.kernel_error(
                    "RestoreV2", "tensor_name = %s; expected dtype %s does not equal original "
                    "dtype %s" % (key, _kernel_name(var.dtype), _kernel_name(dtype)),
                    name=None, node="RestoreV2_dtypes_%d" % len(variables))
            shape = tuple(self.reader.shape(key))
            if var.shape.rank is not None and tuple(var.shape.as_list()) != shape:
                if var.shape.is_fully_defined() or not var.shape.is_compatible_with(shape):
                    raise ValueError(
                        "Received incompatible tensor with shape %s when attempting to restore "
                        "variable with shape %s and name %s."
                        % (_shape_text(shape), var.shape, var.name))
            values.append(self.reader.tensor(key))
        # Concrete arrays even when a variable is created (and so restored) inside a
        # tf.function's trace: the restored value is its initial value, as TF's.
        with jax.ensure_compile_time_eval():
            arrays = [var._checked(value) for (var, _), value in zip(variables, values)]
        for (var, _), array in zip(variables, arrays):
            var._value = array


class _Strong:
    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __call__(self):
        return self.obj


def _kernel_name(dtype) -> str:
    return {"float32": "float", "float64": "double", "float16": "half"}.get(dtype.name,
                                                                           dtype.name)


def _shape_text(shape) -> str:
    return "(%s)" % ", ".join(map(str, shape)) if len(shape) != 1 else "(%d,)" % shape[0]


def _defer(obj, name, coordinator, node_id) -> None:
    """Queues the node's restoration on `obj` until a child `name` is set (plain lists, dicts
    and tuples can't queue: tf.Module wraps its lists and dicts, which can)."""
    if hasattr(obj, "_defer_target"):
        obj = obj._defer_target()
    try:
        queue = obj.__dict__.setdefault("_tf_deferred", {})
    except AttributeError:
        return

    def restore_later(value):
        if not graph_view.is_trackable(value):
            return False
        coordinator.match([(node_id, value)])

    queue.setdefault(name, []).append(restore_later)


def track(obj, name, value) -> None:
    """Runs the restorations queued on `obj` for a child `name` that was just added."""
    run_deferred(obj, name, value)


class _Leftovers:
    """What the deletion warning needs, without keeping the coordinator alive."""

    def __init__(self, coordinator):
        self.graph = coordinator.graph
        self.matched = coordinator.matched_ids
        self.expect_partial = False


def _warn_unrestored(leftovers) -> None:
    # TF's _CheckpointRestoreCoordinatorDeleter.__del__.
    if leftovers.expect_partial:
        return
    names = None
    unused = []
    for node_id, node in enumerate(leftovers.graph.nodes):
        if node.attributes and node_id not in leftovers.matched:
            names = names or graph_view.node_names(leftovers.graph)
            unused.append(names[node_id])
    if unused:
        tf_logging.warning(
            "Detecting that an object or model or tf.train.Checkpoint is being deleted with "
            "unrestored values. See the following logs for the specific values in question. To "
            "silence these warnings, use `status.expect_partial()`. See "
            "https://www.tensorflow.org/api_docs/python/tf/train/Checkpoint#restorefor details "
            "about the status object returned by the restore function.")
        for name in unused:
            tf_logging.warning("Value in checkpoint could not be found in the restored object: "
                               "%s", name)
