"""TF's trackable list and dict wrappers (tensorflow/python/trackable/data_structures.py): what a
list or dict becomes as a tf.Module attribute. They behave as the list/dict they wrap, print as
TF's, and run a checkpoint's delayed restorations when an element arrives at an index or key the
checkpoint has a value for."""

from __future__ import annotations

from .trackable import Trackable, run_deferred


def wrap(value):
    """A list or dict as TF stores it on a tf.Module (recursively); anything else unchanged."""
    if type(value) is list:
        return ListWrapper(value)
    if type(value) is dict:
        return DictWrapper(value)
    return value


class ListWrapper(list, Trackable):
    """TF's ListWrapper."""

    def __init__(self, items=()):
        super().__init__(wrap(v) for v in items)

    def __repr__(self):
        return "ListWrapper(%s)" % list.__repr__(self)

    def _arrived(self, start: int) -> None:
        if self.__dict__.get("_tf_deferred"):
            for i in range(start, len(self)):
                run_deferred(self, str(i), self[i], drop_on_value_error=True)

    def append(self, value):
        list.append(self, wrap(value))
        self._arrived(len(self) - 1)

    def extend(self, values):
        start = len(self)
        list.extend(self, [wrap(v) for v in values])
        self._arrived(start)

    def __iadd__(self, values):
        self.extend(values)
        return self

    def insert(self, index, value):
        list.insert(self, index, wrap(value))
        self._arrived(0)

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            list.__setitem__(self, index, [wrap(v) for v in value])
            self._arrived(0)
        else:
            list.__setitem__(self, index, wrap(value))
            self._arrived(index % len(self))


class DictWrapper(dict, Trackable):
    """TF's _DictWrapper (printed by `repr` as DictWrapper, by `str` as the dict)."""

    def __init__(self, items=(), **kwargs):
        super().__init__()
        for key, value in dict(items, **kwargs).items():
            dict.__setitem__(self, key, wrap(value))

    def __repr__(self):
        return "DictWrapper(%s)" % dict.__repr__(self)

    def __str__(self):
        return dict.__repr__(self)

    def __setitem__(self, key, value):
        dict.__setitem__(self, key, wrap(value))
        if isinstance(key, str):
            run_deferred(self, key, self[key], drop_on_value_error=True)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]


DictWrapper.__name__ = DictWrapper.__qualname__ = "_DictWrapper"
