"""TF's Trackable (tensorflow/python/trackable/base.py): the base by which objects name their
checkpoint dependencies. tf.Variable, TF's list/dict wrappers and AutoTrackable are Trackables;
clients such as Keras subclass them (tf.__internal__.tracking)."""

from __future__ import annotations

import functools


def run_deferred(obj, name: str, value, drop_on_value_error: bool = False) -> None:
    """Runs the restorations a checkpoint queued on `obj` for child `name` (tfshim/train's
    restore.py), as TF's Trackable._handle_deferred_dependencies; each returns False for a value
    it can't take, which keeps the queue.

    `drop_on_value_error` is TF's list/dict/tuple wrappers' behaviour: their `_track_value`
    catches ValueError (meant for untrackable elements), so a restoration that fails with one,
    e.g. a saved value of another shape, is dropped and the element keeps its own value."""
    deferred = getattr(obj, "__dict__", {}).get("_tf_deferred")
    if deferred and name in deferred:
        try:
            done = all(restore(value) is not False for restore in deferred[name])
        except ValueError:
            if not drop_on_value_error:
                raise
            done = True
        if done:
            deferred.pop(name, None)


class Trackable:
    """TF's Trackable: keeps the dependencies added by `_track_trackable`, by name."""

    __slots__ = ()

    @property
    def _setattr_tracking(self):
        return getattr(self, "_self_setattr_tracking", True)

    def _maybe_initialize_trackable(self):
        if hasattr(self, "_self_unconditional_dependency_names"):
            return
        # Past subclasses' __setattr__ (TF's runs without dependency tracking): the table is
        # no dependency, and Keras's hooks would wrap it.
        object.__setattr__(self, "_self_setattr_tracking", True)
        object.__setattr__(self, "_self_unconditional_dependency_names", {})

    def _track_trackable(self, trackable, name, overwrite=False):
        """Adds `trackable` as this object's dependency `name` (TF's message for a clash); a
        checkpoint restored earlier gives it its values now (delayed restoration)."""
        self._maybe_initialize_trackable()
        if not isinstance(trackable, Trackable):
            raise TypeError(
                "Trackable._track_trackable() can only be used to track objects of type "
                "Trackable. Got type %s." % type(trackable))
        current = self._self_unconditional_dependency_names.get(name)
        if current is not None and current is not trackable and not overwrite:
            raise ValueError(
                "Called Trackable._track_trackable() with name='%s', but a Trackable with this "
                "name is already declared as a dependency. Names must be unique (or "
                "overwrite=True)." % name)
        self._self_unconditional_dependency_names[name] = trackable
        run_deferred(self, name, trackable)
        return trackable

    def _trackable_children(self, save_type="checkpoint", **kwargs):
        """This object's named dependencies."""
        self._maybe_initialize_trackable()
        return dict(self._self_unconditional_dependency_names)

    def _serialize_to_tensors(self):
        """The values a checkpoint saves for this object, by attribute name (TF's: none)."""
        raise NotImplementedError

    def _restore_from_tensors(self, restored_tensors):
        raise NotImplementedError


def no_automatic_dependency_tracking(method):
    """Runs `method` with attribute tracking off (TF's base.no_automatic_dependency_tracking)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        previous = getattr(self, "_self_setattr_tracking", True)
        self._self_setattr_tracking = False
        try:
            return method(self, *args, **kwargs)
        finally:
            self._self_setattr_tracking = previous

    return wrapper
