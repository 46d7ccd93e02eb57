"""TF's Trackable and AutoTrackable (tensorflow/python/trackable/base.py, autotrackable.py):
the bases by which objects name their checkpoint dependencies. tf.Variable and tf.Module are
Trackables; clients such as Keras subclass them (tf.__internal__.tracking)."""

from __future__ import annotations

import functools

from . import data_structures


class Trackable:
    """TF's Trackable: keeps the dependencies added by `_track_trackable`, by name."""

    __slots__ = ()

    @property
    def _setattr_tracking(self):
        return getattr(self, "_self_setattr_tracking", True)

    def _maybe_initialize_trackable(self):
        if hasattr(self, "_self_unconditional_dependency_names"):
            return
        self._self_setattr_tracking = True
        self._self_unconditional_dependency_names = {}

    def _track_trackable(self, trackable, name, overwrite=False):
        """Adds `trackable` as this object's dependency `name` (TF's message for a clash)."""
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
        return trackable

    def _trackable_children(self, save_type="checkpoint", **kwargs):
        """This object's named dependencies."""
        self._maybe_initialize_trackable()
        return dict(self._self_unconditional_dependency_names)


class AutoTrackable(Trackable):
    """TF's AutoTrackable: assigning a Trackable to an attribute tracks it under that name;
    lists and dicts become TF's ListWrapper/_DictWrapper."""

    def __setattr__(self, name, value):
        try:
            if getattr(self, name) is value:
                return  # `self.x = self.x`
        except AttributeError:
            pass
        if getattr(self, "_self_setattr_tracking", True):
            value = data_structures.wrap(value)
            if isinstance(value, Trackable):
                self._track_trackable(value, name=name, overwrite=True)
        object.__setattr__(self, name, value)


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
