"""tf.name_scope: the thread's stack of name scopes (in eager mode it names variables)."""

from __future__ import annotations

import threading

from .. import _api


class _Scopes(threading.local):
    def __init__(self):
        self.prefix = ""  # "outer/inner/" while inside those scopes


_scopes = _Scopes()


def prefix() -> str:
    return _scopes.prefix


@_api.export("name_scope")
class name_scope:
    """tf.name_scope (TF 2's name_scope_v2)."""

    def __init__(self, name):
        if not isinstance(name, str):
            raise ValueError("name for name_scope must be a string.")
        self._name = name
        self._saved = []

    name = property(lambda self: self._name)

    def __enter__(self) -> str:
        old = _scopes.prefix
        if not self._name:
            scope = ""
        elif self._name.endswith("/"):  # an absolute scope, as returned by __enter__
            scope = self._name
        else:
            scope = old + self._name + "/"
        self._saved.append(old)
        _scopes.prefix = scope
        return scope

    def __exit__(self, *exc):
        _scopes.prefix = self._saved.pop()
        return False

    def __repr__(self):
        return "<tensorflow.python.framework.ops.name_scope_v2 object at %#x>" % id(self)
