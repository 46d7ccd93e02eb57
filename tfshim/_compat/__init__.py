"""TF's private modules that real clients import (``tensorflow.python....``), each holding only
the names those clients use. The only place tfshim provides TF-internal module paths.

Under the ``tensorflow`` alias (tfshim/notebook/alias.py), ``import tensorflow.python.X`` gives the
module named for it in MODULES; the packages above it (``tensorflow.python``, ...) are empty
package modules. The same modules are importable under tfshim's own name (``tfshim.python.X``),
for tools that alias ``tensorflow.X`` to ``tfshim.X`` by name alone (the team's tfdiff does):
a finder at the end of ``sys.meta_path`` serves them. Clients served, and what they use:

- Keras 3's TF backend (tf.keras): ``trackable.data_structures`` (ListWrapper, _DictWrapper, for
  its tree registry), ``eager.context`` (executing_eagerly, async_wait), ``ops.math_ops``
  (is_nan), ``framework.config`` (is_op_determinism_enabled, for jit_compile),
  ``framework.errors_impl`` (the error classes: the module their printed names give),
  ``tensorflow.compiler.tf2xla.python.xla`` (dynamic_update_slice). Imported as it loads but
  used only by features tfshim lacks, so holding no names: ``tensorflow.experimental.dtensor``
  (keras.distribution), ``ops.linalg.sparse.sparse_csr_matrix_ops`` (sparse x sparse matmul).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from types import ModuleType

# TF's private module -> the tfshim module standing in for it.
MODULES = {
    "tensorflow.python.trackable.data_structures": "tfshim._compat.data_structures",
    "tensorflow.python.eager.context": "tfshim._compat.context",
    "tensorflow.python.ops.math_ops": "tfshim._compat.math_ops",
    "tensorflow.python.framework.config": "tfshim._compat.config",
    "tensorflow.python.framework.errors_impl": "tfshim._compat.errors_impl",
    "tensorflow.compiler.tf2xla.python.xla": "tfshim._compat.xla",
    "tensorflow.python.ops.linalg.sparse.sparse_csr_matrix_ops":
        "tfshim._compat.sparse_csr_matrix_ops",
}

_packages: dict[str, ModuleType] = {}


def absent(module_name: str, what: str):
    """A module ``__getattr__`` for a TF module that tfshim has only so that it imports: every
    name is missing, with a message naming the feature tfshim lacks."""

    def __getattr__(name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError("module %r has no attribute %r: tfshim has no %s"
                             % (module_name, name, what))

    return __getattr__


def module(fullname: str) -> ModuleType | None:
    """The module standing in for TF's private module `fullname`, or None if there is none."""
    if fullname in MODULES:
        return importlib.import_module(MODULES[fullname])
    if any(name.startswith(fullname + ".") for name in MODULES):
        if fullname not in _packages:
            package = ModuleType(fullname, "TF's package %s: only its modules tfshim provides "
                                 "(see tfshim._compat)." % fullname)
            package.__path__ = []
            _packages[fullname] = package
        return _packages[fullname]
    return None


class _TfshimNameFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves ``tfshim.python.X`` (and the other modules above) as ``tensorflow.python.X``'s
    stand-in, after every other finder has missed."""

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("tfshim."):
            return None
        tf_name = "tensorflow" + fullname[len("tfshim"):]
        if tf_name not in MODULES and not any(n.startswith(tf_name + ".") for n in MODULES):
            return None
        return importlib.util.spec_from_loader(fullname, self, is_package=tf_name not in MODULES)

    def create_module(self, spec):
        return module("tensorflow" + spec.name[len("tfshim"):])

    def exec_module(self, module):
        pass


def install_name_finder() -> None:
    if not any(isinstance(f, _TfshimNameFinder) for f in sys.meta_path):
        sys.meta_path.append(_TfshimNameFinder())
