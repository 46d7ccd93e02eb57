"""TF's AutoTrackable (tensorflow/python/trackable/autotrackable.py): assigning a Trackable to
an attribute tracks it under that name; lists and dicts become TF's ListWrapper/_DictWrapper."""

from __future__ import annotations

from . import data_structures
from .trackable import Trackable


class AutoTrackable(Trackable):
    """TF's AutoTrackable."""

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

    def __delattr__(self, name):
        self._maybe_initialize_trackable()
        self._self_unconditional_dependency_names.pop(name, None)
        object.__delattr__(self, name)
