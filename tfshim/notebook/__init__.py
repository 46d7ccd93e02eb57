"""Run TensorFlow notebooks and programs on tfshim.

``install_alias()`` makes ``import tensorflow`` give tfshim in plain Python, ``%load_ext tfshim``
does the same inside IPython/Jupyter, ``run_notebook()`` (or ``tfshim run X.ipynb``) runs a
notebook headless and checks it against its stored outputs, and ``program.run_program()`` (or
``tfshim run SCRIPT.py ARGS`` / ``tfshim run -m MODULE ARGS``) runs a program as python would.
"""

from __future__ import annotations

from typing import Any

from tfshim.notebook.alias import install_alias, remove_alias

__all__ = [
    "install_alias",
    "load_ipython_extension",
    "remove_alias",
    "run_notebook",
    "unload_ipython_extension",
]


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext tfshim``: from now on ``import tensorflow`` gives tfshim."""
    install_alias("tfshim")


def unload_ipython_extension(ipython: Any) -> None:
    """``%unload_ext tfshim``: ``import tensorflow`` is TensorFlow again."""
    remove_alias()


def __getattr__(name: str) -> Any:
    # The runner pulls in IPython; keep ``import tfshim`` from paying for it.
    if name == "run_notebook":
        from tfshim.notebook.runner import run_notebook

        return run_notebook
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
