"""``tensorflow.python.framework.errors_impl``: the module TF's error classes name as theirs
(their printed names, tracebacks, and code that imports them from there)."""

from tfshim._core.errors import ALL

globals().update({cls.__name__: cls for cls in ALL})

__all__ = [cls.__name__ for cls in ALL]
