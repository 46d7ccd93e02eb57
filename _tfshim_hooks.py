"""tfshim's hooks into every Python process and pytest run of an environment it is installed in.

Nothing here imports tfshim (or JAX) unless asked to, so having tfshim installed changes nothing
for programs that don't want it:

- ``tfshim-as-tensorflow.pth`` (put in site-packages by setup.py) runs at every interpreter
  start-up: one ``os.environ.get``, and only when ``TFSHIM_AS_TENSORFLOW`` is set (to anything but
  ``0``) it imports this module and calls ``startup()``. That puts a finder on ``sys.meta_path``
  which, at the first ``import tensorflow[.X]``, installs tfshim's ``tensorflow`` alias (ahead of
  any real TensorFlow); processes that never import tensorflow never import tfshim.
- The ``pytest11`` entry point: ``pytest --tfshim`` loads ``tfshim.pytest_plugin`` before the
  conftest files (the same as ``pytest -p tfshim.pytest_plugin``); without the option it only
  adds the option.
"""

from __future__ import annotations

import sys


class _AliasOnFirstImport:
    """Installs tfshim's alias when ``tensorflow`` is first imported, and hands it the import."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "tensorflow" and not fullname.startswith("tensorflow."):
            return None
        while self in sys.meta_path:
            sys.meta_path.remove(self)
        from tfshim.notebook import alias

        alias.install_alias("tfshim")
        return alias._finder.find_spec(fullname, path, target)


def startup() -> None:
    """Make ``import tensorflow`` give tfshim in this process (tfshim is imported only then)."""
    if not any(isinstance(f, _AliasOnFirstImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AliasOnFirstImport())


# --------------------------------------------------------------------------- pytest entry point


def pytest_addoption(parser) -> None:
    parser.getgroup("tfshim").addoption(
        "--tfshim",
        action="store_true",
        help="run the tests on tfshim: `import tensorflow` gives tfshim (the same as "
        "-p tfshim.pytest_plugin)",
    )


def pytest_load_initial_conftests(early_config, parser, args) -> None:
    # Runs before the conftest files are imported (pytest's own implementation is trylast).
    if early_config.known_args_namespace.tfshim:
        early_config.pluginmanager.import_plugin("tfshim.pytest_plugin")
