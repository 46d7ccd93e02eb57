"""Make ``import tensorflow`` (and ``tensorflow.X``) resolve to tfshim or another module."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

__all__ = ["alias_target", "install_alias", "remove_alias"]

_ALIAS = "tensorflow"

_finder: _AliasFinder | None = None
# Real ``tensorflow*`` modules that were imported before the alias; put back by remove_alias().
_displaced: dict[str, ModuleType] = {}


def _is_aliased(name: str) -> bool:
    return name == _ALIAS or name.startswith(_ALIAS + ".")


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``tensorflow[.X]`` and loads it as the already imported ``target[.X]``."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._view: ModuleType | None = None

    def find_spec(self, fullname, path=None, target=None):
        if not _is_aliased(fullname):
            return None
        module = self._resolve(fullname)
        if module is None:
            # Returning None would let the path finders look further: for ``tensorflow`` itself
            # they would find a real TensorFlow. The error says which module stands in for it,
            # so a missing tfshim module can't be taken for a missing TensorFlow install.
            if fullname == _ALIAS:
                raise ModuleNotFoundError(
                    f"No module named {_ALIAS!r} (its alias {self.target!r} is missing)",
                    name=_ALIAS,
                )
            real = self.target + fullname[len(_ALIAS) :]
            raise ModuleNotFoundError(
                f"No module named {fullname!r} ({_ALIAS!r} is aliased to {self.target!r}, "
                f"which has no module {real!r})",
                name=fullname,
            )
        return importlib.machinery.ModuleSpec(
            fullname, self, is_package=hasattr(module, "__path__")
        )

    def _resolve(self, fullname: str) -> ModuleType | None:
        module = self._find(fullname)
        if module is not None and module is sys.modules.get(self.target):
            return self.view(module)  # tensorflow, tensorflow.compat.v2
        return module

    def view(self, module: ModuleType) -> ModuleType:
        """The target's top module as ``tensorflow``: a module of its own with the same names
        (the same objects), whose ``__version__`` is the TensorFlow version the target follows
        (``tf.version.VERSION``) where the target's own ``__version__`` is its release."""
        if self._view is None:
            view = ModuleType(module.__name__, module.__doc__)
            view.__dict__.update(module.__dict__)
            version = getattr(getattr(module, "version", None), "VERSION", None)
            if isinstance(version, str):
                view.__version__ = version
            self._view = view
        return self._view

    def _find(self, fullname: str) -> ModuleType | None:
        real = self.target + fullname[len(_ALIAS) :]
        try:
            return importlib.import_module(real)
        except ModuleNotFoundError as exc:
            if exc.name is None or not (real == exc.name or real.startswith(exc.name + ".")):
                raise  # something the target itself imports is missing
        # A submodule may also be a module object kept as an attribute of its parent.
        parent_name, _, child = real.rpartition(".")
        found = getattr(sys.modules.get(parent_name), child, None)
        if isinstance(found, ModuleType):
            return found
        # A submodule of a module the alias serves from elsewhere: tensorflow.keras is Keras's
        # keras._tf_keras.keras, so tensorflow.keras.layers is its layers (as under TF).
        outside = sys.modules.get(fullname.rpartition(".")[0])
        if isinstance(outside, ModuleType) and not _is_aliased(outside.__name__) and not (
                outside.__name__ == self.target or outside.__name__.startswith(self.target + ".")):
            try:
                return importlib.import_module(outside.__name__ + "." + child)
            except ModuleNotFoundError:
                pass
        if self.target == "tfshim":
            # TF's private modules that clients such as Keras import (tensorflow.python....).
            from tfshim import _compat

            return _compat.module(fullname)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module: ModuleType) -> None:
        # The import system returns whatever sits in sys.modules after exec_module, so the
        # placeholder module is swapped for the target's own module object.
        sys.modules[module.__name__] = self._resolve(module.__name__)


def alias_target() -> str | None:
    """The module ``tensorflow`` currently resolves to, or None when no alias is active."""
    if _finder is not None and _finder in sys.meta_path:
        return _finder.target
    return None


def install_alias(target: str = "tfshim") -> None:
    """Make ``import tensorflow[.X]`` give the module ``target[.X]``; idempotent."""
    global _finder
    if alias_target() == target:
        return
    if _finder is not None:
        remove_alias()
    for name in [n for n in sys.modules if _is_aliased(n)]:
        _displaced[name] = sys.modules.pop(name)
    _finder = _AliasFinder(target)
    sys.meta_path.insert(0, _finder)


def remove_alias() -> None:
    """Undo install_alias(): drop the ``tensorflow*`` aliases and restore any real ones."""
    global _finder
    if _finder is None:
        return
    while _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    _finder = None
    for name in [n for n in sys.modules if _is_aliased(n)]:
        del sys.modules[name]
    sys.modules.update(_displaced)
    _displaced.clear()
