"""Run a Python program on tfshim as ``python`` runs it: ``tfshim run SCRIPT.py [ARGS...]`` and
``tfshim run -m MODULE [ARGS...]``.

The program runs in this process as ``__main__``, with ``sys.argv`` and ``sys.path[0]`` set as
``python SCRIPT.py ARGS`` / ``python -m MODULE ARGS`` set them and ``import tensorflow[.X]``
giving tfshim. Its exit code is its own: ``sys.exit(n)`` exits with n, an uncaught exception
prints the program's traceback (without tfshim's frames) and exits with 1.

``TFSHIM_AS_TENSORFLOW=1`` is put in the environment (unless it is set already), so the Python
processes the program starts (subprocesses, ``multiprocessing`` workers) resolve ``tensorflow``
to tfshim too, through the hook installed with the package (``_tfshim_hooks.py``).
"""

from __future__ import annotations

import builtins
import importlib.machinery
import importlib.util
import io
import os
import runpy
import sys
from types import ModuleType, TracebackType

from tfshim.notebook.alias import install_alias

__all__ = ["ENV_VAR", "run_program"]

# Read by the startup hook in _tfshim_hooks.py (installed as a .pth file with the package).
ENV_VAR = "TFSHIM_AS_TENSORFLOW"

# Frames of these modules sit between the command and the program; tracebacks leave them out.
_LAUNCHER_MODULES = {"runpy", __name__}


def run_program(target: str, args: list[str], *, as_module: bool = False,
                module: str = "tfshim") -> int:
    """Run the file ``target`` (or, with ``as_module``, the module) as ``__main__`` with
    ``sys.argv[1:] == args`` and ``tensorflow`` aliased to ``module``; return its exit code
    (a ``SystemExit`` it raises propagates, as it would out of ``python``)."""
    if as_module:
        path0 = os.getcwd()
    else:
        if not os.path.exists(target):
            print(f"tfshim: can't open file {os.path.abspath(target)!r}: [Errno 2] No such "
                  "file or directory", file=sys.stderr)
            return 2
        path0 = os.path.dirname(os.path.realpath(target))
    if not sys.flags.safe_path:  # python -P puts no program folder on sys.path
        if sys.path:
            sys.path[0] = path0  # where `python -m tfshim` or the `tfshim` script put theirs
        else:
            sys.path.insert(0, path0)

    install_alias(module)
    if module == "tfshim":
        os.environ.setdefault(ENV_VAR, "1")
    sys.argv = [target, *args]  # run_module puts the module's file in sys.argv[0], as python -m
    try:
        if as_module:
            try:
                found = importlib.util.find_spec(target) is not None
            except ImportError:
                found = False
            if not found:
                print(f"tfshim: No module named {target}", file=sys.stderr)
                return 1
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        elif os.path.isfile(target) and not target.endswith((".pyc", ".zip", ".pyz")):
            _run_source_file(target)
        else:  # a folder or zip file with a __main__.py, or a .pyc file
            runpy.run_path(target, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - reported as python reports it
        # The default hook prints exc.__traceback__ whatever its third argument says.
        exc.__traceback__ = _program_frames(exc.__traceback__)
        sys.excepthook(type(exc), exc, exc.__traceback__)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    return 0


def _run_source_file(path: str) -> None:
    """Run a .py file as ``python path`` does: in a ``__main__`` module whose ``__file__`` is
    absolute, ``sys.argv[0]`` left as typed (``runpy.run_path`` would set it to its argument)."""
    path = os.path.abspath(path)
    with io.open_code(path) as f:
        code = compile(f.read(), path, "exec", dont_inherit=True)
    main = ModuleType("__main__")
    main.__dict__.update(
        __file__=path,
        __cached__=None,
        __loader__=importlib.machinery.SourceFileLoader("__main__", path),
        __builtins__=builtins,
    )
    previous = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    try:
        exec(code, main.__dict__)
    finally:
        if previous is not None:
            sys.modules["__main__"] = previous


def _program_frames(tb: TracebackType | None) -> TracebackType | None:
    """The traceback from the program's first frame on (runpy's and tfshim's dropped)."""
    while tb is not None and tb.tb_frame.f_globals.get("__name__") in _LAUNCHER_MODULES:
        tb = tb.tb_next
    return tb
