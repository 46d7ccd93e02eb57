"""tf.train.Checkpoint and its load-status objects (TF's checkpoint/checkpoint.py), writing and
reading TF's own checkpoint files (tensor_bundle.py) with TF's object graph (graph_view.py)."""

from __future__ import annotations

import os

import numpy as np

from .. import _api
from .._core import data_structures, dtypes
from .._core.errors import NotFoundError
from .._core.variable import Variable
from .._proto.trackable_object_graph import TrackableObjectGraph
from . import checkpoint_management, graph_view, restore
from .checkpoint_options import CheckpointOptions  # noqa: F401 (TF's module holds it)
from .tensor_bundle import BundleReader, BundleWriter


def _assert_trackable(obj, name) -> None:
    if not graph_view.is_trackable(obj):
        raise ValueError(
            f"`Checkpoint` was expecting {name} to be a trackable object (an object derived "
            f"from `Trackable`), got {obj}. If you believe this object should be trackable (i.e. "
            "it is part of the TensorFlow Python API and manages state), please open an issue.")


class _AttachedRoot:
    """The graph's root when Checkpoint(root, ...) is given one: the root's own children, then
    the Checkpoint's attached ones (kwargs, save_counter), as TF's ObjectGraphView."""

    _tf_trackable = True

    def __init__(self, root, attached):
        self.root = root
        self.attached = attached

    def _checkpoint_children(self):
        return graph_view.children(self.root) + list(self.attached)

    def _defer_target(self):
        return self.root


@_api.export("train.Checkpoint")
class Checkpoint:
    """tf.train.Checkpoint."""

    _tf_trackable = True

    def __init__(self, root=None, **kwargs):
        object.__setattr__(self, "_deps", {})
        self._save_counter = None
        self._attached = None  # an _AttachedRoot when given a root (not self: no cycle)
        if root is not None:
            _assert_trackable(root, "root")
            kwargs["root"] = root
            self._attached = _AttachedRoot(root, [])
        for name, value in sorted(kwargs.items(), key=lambda item: item[0]):
            value = data_structures.wrap(value)
            _assert_trackable(value, name)
            if root is not None:
                existing = dict(graph_view.children(root)).get(name)
                if existing is None:
                    self._attached.attached.append((name, value))
                elif existing is not value:
                    raise ValueError(f"Cannot create a Checkpoint with keyword argument {name} "
                                     f"if root.{name} already exists.")
                object.__setattr__(self, name, value)
            else:
                setattr(self, name, value)

    def __setattr__(self, name, value):
        value = data_structures.wrap(value)
        object.__setattr__(self, name, value)
        if not name.startswith("_") and graph_view.is_trackable(value):
            self._deps[name] = value
            restore.track(self, name, value)

    def _root_object(self):
        return self if self._attached is None else self._attached

    def _checkpoint_children(self):
        out = list(self._deps.items())
        if self._save_counter is not None:
            out.append(("save_counter", self._save_counter))
        return out

    def _defer_target(self):
        return self

    @property
    def save_counter(self):
        """The int64 variable numbering `save()`'s checkpoints, created on first use."""
        self._maybe_create_save_counter()
        return self._save_counter

    def _maybe_create_save_counter(self):
        if self._save_counter is None:
            self._save_counter = Variable(0, dtype=dtypes.int64, trainable=False,
                                          name="save_counter")
            if self._attached is not None:
                self._attached.attached.append(("save_counter", self._save_counter))
            restore.track(self._root_object()._defer_target(), "save_counter", self._save_counter)

    # -- saving -------------------------------------------------------------------------------
    def write(self, file_prefix, options=None):
        """Writes a checkpoint without numbering it or updating the `checkpoint` file."""
        return self._write(file_prefix, options)

    def _write(self, file_prefix, options=None):
        file_prefix = os.fspath(file_prefix)
        graph, values = graph_view.serialize(self._root_object())
        writer = BundleWriter(file_prefix)
        for key, var in values:
            writer.add(key, var.__array__(), var.dtype)
        writer.add(graph_view.OBJECT_GRAPH_KEY, np.array(graph.SerializeToString(), object),
                   dtypes.string)
        writer.finish()
        for callback in (options.experimental_write_callbacks or []) if options else []:
            callback(file_prefix)
        return file_prefix

    def save(self, file_prefix, options=None):
        """Writes `file_prefix-N` (N the incremented save_counter) and records it as the latest
        checkpoint of its directory."""
        file_prefix = os.fspath(file_prefix)
        number = int(self.save_counter.assign_add(1, read_value=True).numpy())
        path = self._write("%s-%d" % (file_prefix, number), options)
        checkpoint_management.update_checkpoint_state_internal(
            os.path.dirname(path), path, all_model_checkpoint_paths=[path],
            save_relative_paths=True)
        return path

    # -- restoring ----------------------------------------------------------------------------
    def read(self, save_path, options=None):
        """Restores a checkpoint written by `write()`: values of existing objects now, of objects
        added later when they are added."""
        save_path = os.fspath(save_path)
        reader = BundleReader(save_path)
        if not reader.has(graph_view.OBJECT_GRAPH_KEY):
            raise NotFoundError(None, None, "The checkpoint at %s has no object graph (a "
                                "name-based TF1 checkpoint), which tfshim does not read."
                                % save_path)
        graph = TrackableObjectGraph.FromString(
            bytes(reader.tensor(graph_view.OBJECT_GRAPH_KEY)[()]))
        coordinator = restore.Coordinator(reader, graph, save_path)
        coordinator.match([(0, self._root_object())])
        return CheckpointLoadStatus(coordinator, self._root_object())

    def restore(self, save_path, options=None):
        """Restores a checkpoint written by `save()` (or, with its save_counter unmatched, by
        `write()`); None gives an InitializationOnlyStatus."""
        if save_path is None:
            return InitializationOnlyStatus()
        orig = save_path = os.fspath(save_path)
        if os.path.isdir(save_path) and os.path.exists(os.path.join(save_path,
                                                                    "saved_model.pb")):
            save_path = os.path.join(save_path, "variables", "variables")
        try:
            status = self.read(save_path, options)
        except NotFoundError as e:
            raise NotFoundError(
                None, None, f"Error when restoring from checkpoint or SavedModel at {orig}: "
                f"{e.message}\nPlease double-check that the path is correct. You may be missing "
                "the checkpoint suffix (e.g. the '-1' in 'path/to/ckpt-1').") from None
        self._maybe_create_save_counter()
        return status

    def sync(self):
        """Waits for pending saves: tfshim's saves are synchronous."""


class CheckpointLoadStatus:
    """What Checkpoint.restore/read return: assertions about what was matched."""

    def __init__(self, coordinator, root):
        self._checkpoint = coordinator
        self._root = root

    def assert_consumed(self):
        """Every value in the checkpoint found its object, and every object its value."""
        self.assert_existing_objects_matched()
        graph = self._checkpoint.graph
        names = None
        for node_id, node in enumerate(graph.nodes):
            if node.attributes and node_id not in self._checkpoint.matched_ids:
                names = names or graph_view.node_names(graph)
                raise AssertionError(
                    f"Unresolved object in checkpoint {names[node_id]}: {node}")
        return self

    def _unmatched(self):
        matched = {id(o) for o in self._checkpoint.matched_objects()}
        order, _, _ = graph_view.walk(self._root)
        return [o for o in order
                if graph_view.saved_variable(o) is not None and id(o) not in matched]

    def assert_existing_objects_matched(self):
        """Every existing object with a value found one in the checkpoint."""
        unused = self._unmatched()
        if unused:
            shown = min(10, len(unused))
            raise AssertionError(
                f"Found {len(unused)} Python objects that were not bound to checkpointed "
                "values, likely due to changes in the Python program. Showing "
                f"{shown} of {len(unused)} unmatched objects: {unused[:shown]}")
        return self

    def assert_nontrivial_match(self):
        """Something besides the root matched."""
        if len(self._checkpoint.matched_ids) <= 1:
            unused = self._unmatched()
            if unused:
                raise AssertionError(
                    "Nothing except the root object matched a checkpointed value. Typically "
                    "this means that the checkpoint does not match the Python program. The "
                    f"following objects have no matching checkpointed value: {unused}")
            raise AssertionError("Nothing to load. No dependencies have been added to "
                                 f"{self._root} yet.")
        return self

    def run_restore_ops(self, session=None):
        """Eager: values are already assigned."""

    def initialize_or_restore(self, session=None):
        """Eager: values are already assigned."""

    def expect_partial(self):
        """Silences the warning about values left unrestored."""
        self._checkpoint.leftovers.expect_partial = True
        return self


class InitializationOnlyStatus:
    """Checkpoint.restore(None)'s status: nothing is restored; every assertion fails."""

    _MESSAGE = "No checkpoint specified (save_path=None); nothing is being restored."

    def assert_consumed(self):
        raise AssertionError(self._MESSAGE)

    def assert_existing_objects_matched(self):
        raise AssertionError(self._MESSAGE)

    def assert_nontrivial_match(self):
        raise AssertionError(self._MESSAGE)

    def run_restore_ops(self, session=None):
        """Eager: nothing to run."""

    def initialize_or_restore(self, session=None):
        """Eager: variables are initialized when created."""

    def expect_partial(self):
        return self



# Printed as TF's (`<tensorflow.python.checkpoint.checkpoint.CheckpointLoadStatus object at ...>`
# is what a notebook cell ending in `ckpt.restore(...)` shows).
CheckpointLoadStatus.__module__ = InitializationOnlyStatus.__module__ = (
    "tensorflow.python.checkpoint.checkpoint")
