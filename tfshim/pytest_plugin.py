"""Run a TensorFlow project's tests on tfshim: ``pytest -p tfshim.pytest_plugin`` (or, where tfshim
is installed, ``pytest --tfshim``).

Loading this plugin makes ``import tensorflow[.X]`` give tfshim for the whole session, before
the conftest files and test modules are imported, and puts ``TFSHIM_AS_TENSORFLOW=1`` in the
environment (unless it is set already) so the Python processes the tests start get tfshim too.
The plugin acts only when asked for: installing tfshim registers just the ``--tfshim`` option
(``_tfshim_hooks.py``), which loads this module. ``-p no:tfshim`` removes even the option.
"""

from __future__ import annotations

import os

from tfshim.notebook.alias import install_alias
from tfshim.notebook.program import ENV_VAR
from tfshim.version import TFSHIM_VERSION, VERSION

# At import: ``-p`` plugins are imported before the conftest files, as are plugins named in a
# conftest's ``pytest_plugins`` before the modules below it.
install_alias("tfshim")
os.environ.setdefault(ENV_VAR, "1")


def pytest_report_header(config) -> str:
    return f"tensorflow: tfshim {TFSHIM_VERSION} (TensorFlow {VERSION}'s API, tfshim.pytest_plugin)"
