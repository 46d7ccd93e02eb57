"""Run a Jupyter notebook headless and in-process on tfshim, checking it against its stored outputs.

The notebook's code cells run in order in a fresh ``InteractiveShell`` with ``import tensorflow``
aliased to ``module``. Each cell's stdout, result and error are compared with what the notebook
stored; numbers match within a tolerance.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import copy
import difflib
import io
import json
import logging
import math
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.text import SList
from traitlets import TraitError
from traitlets.config import Config, SingletonConfigurable

from tfshim.notebook.alias import alias_target, install_alias, remove_alias

__all__ = ["run_notebook", "same_text"]

_TF_WARNING = "WARNING:tensorflow:"
_DIFF_LINES = 16

# Magics that would touch the machine or need a front end; they do nothing here. Those marked
# True print things nobody can reproduce (pip logs, "TensorFlow 2.x selected."), so the stdout
# of a cell using them is not compared.
_NOOP_MAGICS = {
    "pip": True,
    "conda": True,
    "mamba": True,
    "bash": True,
    "sh": True,
    "script": True,
    "system": True,
    "tensorflow_version": True,
    "tensorboard": True,
    "matplotlib": False,
}


# --------------------------------------------------------------------------- text comparison

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_TIMING = re.compile(r"^(?:CPU times: .*|Wall time: .*|.* per loop \(mean .*)$")
_TENSOR_ID = re.compile(r"\bid=\d+, ")
_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")
_REAL = r"(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|(?i:nan|inf))"
# A real number, or a complex one as Python and numpy print it ("(1+2j)", "2.-0.j", "0.5j"): one
# token, so both parts are compared as numbers (and a zero's sign, "+0.j" or "-0.j", is not text).
_NUMBER = re.compile(rf"(?<![\w.])([-+]?{_REAL}(?:[-+]{_REAL}j)?|[-+]?{_REAL}j)(?!\w)")
_INT = re.compile(r"[-+]?\d+")


def _readable(text: str) -> str:
    """Text as a terminal would end up showing it, minus timing lines."""
    text = _ANSI.sub("", text).replace("\r\n", "\n")
    lines = []
    for line in text.split("\n"):
        line = line.rstrip("\r").rsplit("\r", 1)[-1]
        if "\b" in line:
            kept: list[str] = []
            for ch in line:
                if ch != "\b":
                    kept.append(ch)
                elif kept:
                    kept.pop()
            line = "".join(kept)
        if not _TIMING.match(line):
            lines.append(line)
    return "\n".join(lines)


def _canonical(text: str) -> str:
    text = _ADDRESS.sub("at 0x?", _TENSOR_ID.sub("", _readable(text)))
    text = re.sub(r"\s+", " ", text).strip()
    # numpy pads inside brackets and before commas depending on signs and widths: "[ 1.  -2.]"
    # vs "[1. -2.]", "[0.3071118 , 0.5]" vs "[0.30711177, 0.5]"
    return re.sub(r" ([\])},])", r"\1", re.sub(r"([\[({]) ", r"\1", text))


def _close(got: str, expected: str, rtol: float, atol: float) -> bool:
    """Two printed numbers agree: integers exactly (counts, shapes, int tensors); floats, and
    each part of complex numbers, within atol + rtol * |expected|; nan only with nan."""
    if _INT.fullmatch(got) and _INT.fullmatch(expected):
        return int(got) == int(expected)
    if got.endswith("j") or expected.endswith("j"):
        a, b = complex(got), complex(expected)
        return _close_floats(a.real, b.real, rtol, atol) and _close_floats(
            a.imag, b.imag, rtol, atol
        )
    return _close_floats(float(got), float(expected), rtol, atol)


def _close_floats(a: float, b: float, rtol: float, atol: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= atol + rtol * abs(b)


# Half-precision tensors: TF's CPU kernels compute them differently from one CPU to another
# (native half instructions, or float32 and a rounding), so the same program prints values a
# few units in the last place apart. Numbers inside a printed half tensor agree within 4 of its
# ulps (machine epsilon 2**-10 for float16, 2**-7 for bfloat16), whatever the caller's rtol.
_HALF_RTOL = {"float16": 4 * 2.0**-10, "bfloat16": 4 * 2.0**-7}
# A half tensor as str() prints it, "tf.Tensor(..., dtype=float16)" (not running into the next
# tensor), or as repr() does, "<tf.Tensor: shape=..., dtype=float16, numpy=...>".
_HALF_TENSOR = re.compile(
    r"tf\.Tensor\((?:(?!tf\.Tensor\(|dtype=\w+\)).)*?dtype=(float16|bfloat16)\)"
    r"|<tf\.Tensor: [^>]*?dtype=(float16|bfloat16), numpy=[^>]*>"
)


def _rtols(text: str, rtol: float) -> list[float]:
    """The relative tolerance for each number of a canonical text, in order."""
    spans = [(m.start(), m.end(), _HALF_RTOL[m.group(1) or m.group(2)])
             for m in _HALF_TENSOR.finditer(text)]
    if not spans:
        return [rtol] * len(_NUMBER.findall(text))
    return [max([rtol] + [h for a, b, h in spans if a <= m.start() < b])
            for m in _NUMBER.finditer(text)]


def same_text(got: str, expected: str, rtol: float = 1e-3, atol: float = 1e-5) -> bool:
    """Whether two printed outputs agree: the same text around the numbers (runs of whitespace
    count as one space; numpy's padding inside brackets and before commas is ignored), integers
    equal, other numbers within atol + rtol * |expected| (numbers printed in a half-precision
    tensor within its own rounding, see _HALF_RTOL).

    The notebook runner uses it with its defaults; the TF tier (tests/tf_tier/harness.py) with
    a tighter tolerance."""
    expected = _canonical(expected)
    g, e = _NUMBER.split(_canonical(got)), _NUMBER.split(expected)
    return (
        len(g) == len(e)
        and g[::2] == e[::2]
        and all(_close(x, y, r, atol) for x, y, r in zip(g[1::2], e[1::2], _rtols(expected, rtol)))
    )


def _diff(label: str, expected: str, got: str) -> list[str]:
    lines = list(
        difflib.unified_diff(
            _readable(expected).splitlines(),
            _readable(got).splitlines(),
            f"expected {label}",
            f"got {label}",
            n=1,
            lineterm="",
        )
    )
    if len(lines) > _DIFF_LINES:
        lines = lines[:_DIFF_LINES] + [f"... ({len(lines) - _DIFF_LINES} more diff lines)"]
    return lines


# --------------------------------------------------------------------------- capturing outputs


def _text(value: Any) -> str:
    """nbformat's multiline string: a str or a list of str."""
    if value is None:
        return ""
    return value if isinstance(value, str) else "".join(value)


class _Outputs:
    """One cell's outputs, in nbformat v4 shape and in the order they were produced."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.unreproducible = False  # the cell ran a shell escape or similar, see _NOOP_MAGICS
        self.traceback: list[str] | None = None
        self._clear_on_next = False

    def add(self, output: dict[str, Any]) -> None:
        if self._clear_on_next:
            self.items.clear()
            self._clear_on_next = False
        self.items.append(output)

    def stream(self, name: str, text: str) -> None:
        last = self.items[-1] if self.items and not self._clear_on_next else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.add({"output_type": "stream", "name": name, "text": text})

    def clear(self, wait: bool = False) -> None:
        if wait:
            self._clear_on_next = True
        else:
            self.items.clear()

    def joined(self, name: str) -> str:
        return "".join(
            o["text"] for o in self.items if o["output_type"] == "stream" and o["name"] == name
        )

    def result(self) -> str | None:
        for o in self.items:
            if o["output_type"] == "execute_result":
                return _text(o["data"].get("text/plain"))
        return None


class _Stream(io.TextIOBase):
    """Stands in for sys.stdout / sys.stderr while cells run."""

    encoding = "utf-8"

    def __init__(self, outputs: _Outputs, name: str) -> None:
        self._outputs = outputs
        self.name = name

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._outputs.stream(self.name, text)
        return len(text)


class _DisplayHook(DisplayHook):
    """Keeps the cell's value as an execute_result instead of printing ``Out[n]:``."""

    def write_output_prompt(self) -> None:
        pass

    def finish_displayhook(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:
        # IPython 9 counts the cell before running it, IPython 8 after: ask the result.
        count = getattr(self.exec_result, "execution_count", None)
        self.shell.cell_outputs.add(
            {
                "output_type": "execute_result",
                "execution_count": count,
                "data": dict(format_dict),
                "metadata": dict(md_dict or {}),
            }
        )


class _DisplayPublisher(DisplayPublisher):
    """Keeps ``display(...)`` output as display_data instead of printing it."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        if not update:  # updates of earlier displays (progress widgets) are not recorded
            self.shell.cell_outputs.add(
                {"output_type": "display_data", "data": dict(data), "metadata": metadata or {}}
            )

    def clear_output(self, wait=False):
        self.shell.cell_outputs.clear(wait)


class _Shell(InteractiveShell):
    """An InteractiveShell that records tracebacks and never runs shell commands."""

    def __init__(self, cell_outputs: _Outputs, **kwargs: Any) -> None:
        self.cell_outputs = cell_outputs
        super().__init__(**kwargs)

    def _showtraceback(self, etype, evalue, stb) -> None:
        self.cell_outputs.traceback = list(stb)
        self.cell_outputs.add(
            {
                "output_type": "error",
                "ename": etype.__name__,
                "evalue": str(evalue),
                "traceback": list(stb),
            }
        )

    def system(self, cmd: str) -> None:  # ``!cmd`` lines
        self.cell_outputs.unreproducible = True

    def getoutput(self, cmd: str, split: bool = True, depth: int = 0) -> SList:  # ``x = !cmd``
        self.cell_outputs.unreproducible = True
        return SList()


def _new_shell(outputs: _Outputs, ipython_dir: str) -> _Shell:
    config = Config()
    # Never touch ~/.ipython: no history database, profile in a temporary folder.
    config.HistoryManager.enabled = False
    config.HistoryManager.hist_file = ":memory:"
    kwargs: dict[str, Any] = {
        "config": config,
        "ipython_dir": ipython_dir,
        "displayhook_class": _DisplayHook,
        "display_pub_class": _DisplayPublisher,
    }
    try:
        shell = _Shell(outputs, colors="nocolor", **kwargs)
    except TraitError:  # an IPython that does not know the scheme name
        shell = _Shell(outputs, **kwargs)

    def noop(name: str, unreproducible: bool):
        def magic(line: str = "", cell: str | None = None) -> None:
            if unreproducible:
                outputs.unreproducible = True

        magic.__name__ = name
        return magic

    for name, unreproducible in _NOOP_MAGICS.items():
        shell.register_magic_function(noop(name, unreproducible), "line_cell", name)
    for name in ("load_ext", "reload_ext"):
        shell.register_magic_function(_lenient_ext_magic(shell, name), "line", name)
    return shell


def _lenient_ext_magic(shell: InteractiveShell, name: str):
    """``%load_ext X`` that only warns when X is not installed (e.g. tensorboard)."""
    original = shell.find_line_magic(name)

    def magic(line: str) -> Any:
        try:
            return original(line)
        except ModuleNotFoundError as exc:
            ext = line.strip()
            if not exc.name or not (ext == exc.name or ext.startswith(exc.name + ".")):
                raise
            print(f"tfshim run: extension {ext!r} is not installed, skipped", file=sys.stderr)
            return None

    magic.__name__ = name
    return magic


# --------------------------------------------------------------------------- the session


@dataclass
class _CellRun:
    outputs: list[dict[str, Any]]
    stdout: str
    stderr: str
    result: str | None
    unreproducible: bool
    execution_count: int | None
    error: str | None = None  # "ExcType: first line of the message"
    error_names: tuple[str, ...] = ()  # the exception's class and its bases
    traceback: str = ""


@contextlib.contextmanager
def _sys_state(argv0: str, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> Iterator[None]:
    names = ("stdin", "stdout", "stderr", "displayhook", "excepthook", "argv")
    saved = {n: getattr(sys, n) for n in names}
    last = {
        n: getattr(sys, n)
        for n in ("last_type", "last_value", "last_traceback", "last_exc")
        if hasattr(sys, n)
    }
    path = list(sys.path)
    main = sys.modules.get("__main__")
    sys.stdin, sys.stdout, sys.stderr, sys.argv = stdin, stdout, stderr, [argv0]
    try:
        yield
    finally:
        for n, v in saved.items():
            setattr(sys, n, v)
        for n in ("last_type", "last_value", "last_traceback", "last_exc"):
            if n in last:
                setattr(sys, n, last[n])
            elif hasattr(sys, n):
                delattr(sys, n)
        sys.path[:] = path
        if main is not None:
            sys.modules["__main__"] = main


def _stream_handlers() -> Iterator[logging.StreamHandler]:
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if type(handler) is logging.StreamHandler:
                yield handler


@contextlib.contextmanager
def _log_streams(stdout: TextIO, stderr: TextIO) -> Iterator[None]:
    """Send logging to the cell's streams, as Jupyter's would be."""
    # Handlers made before the run hold the real streams; those made during it hold ours.
    real_out, real_err = sys.stdout, sys.stderr
    moved = []
    for handler in _stream_handlers():
        if handler.stream in (real_out, sys.__stdout__, real_err, sys.__stderr__):
            moved.append((handler, handler.stream))
            is_out = handler.stream in (real_out, sys.__stdout__)
            handler.setStream(stdout if is_out else stderr)
    try:
        yield
    finally:
        for handler in _stream_handlers():
            if handler.stream in (stdout, stderr):
                handler.setStream(real_out if handler.stream is stdout else real_err)
        for handler, stream in moved:
            handler.setStream(stream)


@contextlib.contextmanager
def _alias(module: str) -> Iterator[None]:
    previous = alias_target()
    if previous == module:
        yield
        return
    install_alias(module)
    try:
        yield
    finally:
        remove_alias()
        if previous is not None:
            install_alias(previous)


@contextlib.contextmanager
def _current_shell(shell: InteractiveShell) -> Iterator[None]:
    """Make ``get_ipython()`` and ``display()`` see this shell, without keeping it global."""
    classes = [
        c
        for c in type(shell).__mro__
        if issubclass(c, SingletonConfigurable) and c is not SingletonConfigurable
    ]
    saved = {c: c.__dict__.get("_instance", _MISSING) for c in classes}
    for c in classes:
        c._instance = shell
    try:
        yield
    finally:
        for c, value in saved.items():
            if value is not _MISSING:
                c._instance = value
            elif "_instance" in c.__dict__:
                delattr(c, "_instance")


_MISSING = object()


@contextlib.contextmanager
def _chdir(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Session:
    """A fresh shell plus everything patched around it; undone on exit."""

    def __init__(self, module: str, notebook: Path) -> None:
        self.module = module
        self.notebook = notebook
        self.outputs = _Outputs()

    def __enter__(self):
        with contextlib.ExitStack() as stack:
            stdout = _Stream(self.outputs, "stdout")
            stderr = _Stream(self.outputs, "stderr")
            stack.enter_context(_chdir(self.notebook.parent))
            stack.enter_context(_environ(MPLBACKEND=os.environ.get("MPLBACKEND", "Agg")))
            stack.enter_context(warnings.catch_warnings())
            # IPython's hint after sys.exit() in a cell is meant for people at a prompt.
            warnings.filterwarnings("ignore", message="To exit: use 'exit'")
            stack.enter_context(_log_streams(stdout, stderr))
            stack.enter_context(_sys_state(str(self.notebook), io.StringIO(), stdout, stderr))
            stack.enter_context(_alias(self.module))
            ipython_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="tfshim-ipy-"))
            self.shell = _new_shell(self.outputs, ipython_dir)
            stack.callback(self._close_shell)
            stack.enter_context(_current_shell(self.shell))
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.__exit__(*exc_info)

    def _close_shell(self) -> None:
        shell = self.shell
        atexit.unregister(shell.atexit_operations)
        try:
            shell.atexit_operations()
        finally:
            shell.restore_sys_module_state()

    def run(self, source: str) -> _CellRun:
        outputs = self.outputs
        outputs.reset()
        error: BaseException | None = None
        count = None
        try:
            result = self.shell.run_cell(source, store_history=True)
            error = result.error_before_exec or result.error_in_exec
            count = result.execution_count
        except Exception as exc:  # noqa: BLE001 -- the shell machinery failed, e.g. a bad hook
            error = exc
        self.shell.exit_now = False  # ``exit()`` in a cell asks the shell to stop; ignore it
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close("all")  # as the inline backend does after each cell
        if isinstance(error, KeyboardInterrupt):
            raise KeyboardInterrupt
        run = _CellRun(
            outputs=outputs.items,
            stdout=outputs.joined("stdout"),
            stderr=outputs.joined("stderr"),
            result=outputs.result(),
            unreproducible=outputs.unreproducible,
            execution_count=count,
        )
        if error is not None:  # keep text only: the exception holds every frame's locals
            message = str(error).strip().splitlines()
            run.error = f"{type(error).__name__}: {message[0] if message else ''}".rstrip()
            run.error_names = tuple(c.__name__ for c in type(error).__mro__)
            run.traceback = _ANSI.sub("", "\n".join(outputs.traceback or [run.error]))
        return run


# --------------------------------------------------------------------------- checking


class _Checker:
    def __init__(self, cells: list[dict[str, Any]], rtol: float, atol: float) -> None:
        self.rtol, self.atol = rtol, atol
        self.executed = any(c.get("outputs") for c in cells)
        self.compare_warnings = any(
            _TF_WARNING in _text(o.get("text"))
            for c in cells
            for o in c.get("outputs") or []
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
        )

    def _same(self, got: str, expected: str) -> bool:
        return same_text(got, expected, self.rtol, self.atol)

    def check(self, cell: dict[str, Any], run: _CellRun) -> tuple[str, list[str]]:
        """("ok" | "mismatch" | "error", report lines)."""
        stored = cell.get("outputs") or []
        streams = {
            name: "".join(
                _text(o.get("text"))
                for o in stored
                if o.get("output_type") == "stream" and o.get("name") == name
            )
            for name in ("stdout", "stderr")
        }
        results = [o for o in stored if o.get("output_type") == "execute_result"]
        errors = [o for o in stored if o.get("output_type") == "error"]
        expected_error = errors[0].get("ename", "") if errors else None
        problems: list[str] = []

        if run.error is not None and expected_error not in run.error_names:
            line = f"error: {run.error}"
            if expected_error:
                line += f" (expected {expected_error})"
            return "error", [line]
        if run.error is None and expected_error is not None:
            evalue = _text(errors[0].get("evalue")).strip().splitlines()
            problems.append(f"expected {expected_error}: {evalue[0] if evalue else ''}".rstrip())
        if not self.executed:
            return "ok", ["ok"]

        if not run.unreproducible and not self._same(run.stdout, streams["stdout"]):
            problems += _diff("stdout", streams["stdout"], run.stdout)
        if results and "text/plain" in results[0].get("data", {}):
            expected = _text(results[0]["data"]["text/plain"])
            if run.result is None:
                problems += _diff("result", expected, "")
            elif not self._same(run.result, expected):
                problems += _diff("result", expected, run.result)
        elif not results and run.result is not None:
            problems += _diff("result", "", run.result)
        if self.compare_warnings:
            expected, got = (_tf_warnings(s) for s in (streams["stderr"], run.stderr))
            if not self._same(got, expected):
                problems += _diff("warnings", expected, got)
        return ("mismatch", ["mismatch"] + problems) if problems else ("ok", ["ok"])


def _tf_warnings(stderr: str) -> str:
    return "\n".join(ln for ln in stderr.splitlines() if ln.startswith(_TF_WARNING))


# --------------------------------------------------------------------------- notebook files


def _load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    if nb.get("nbformat", 4) < 4:
        import nbformat  # only old (v3) notebooks need it

        nb = json.loads(nbformat.writes(nbformat.reads(json.dumps(nb), as_version=4)))
    return nb


def _multiline(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _mime_value(mime: str, value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if mime == "application/json" or mime.endswith("+json"):
        return value
    if not isinstance(value, str):
        value = str(value)
    return _multiline(value) if mime.startswith("text/") or mime == "image/svg+xml" else value


def _nbformat_output(output: dict[str, Any]) -> dict[str, Any]:
    output = dict(output)
    if output["output_type"] == "stream":
        output["text"] = _multiline(output["text"])
    if "data" in output:
        output["data"] = {k: _mime_value(k, v) for k, v in output["data"].items()}
    if output["output_type"] == "error":
        output["traceback"] = [_ANSI.sub("", line) for line in output["traceback"]]
    return output


def _save(nb: dict[str, Any], runs: list[_CellRun], path: Path) -> None:
    nb = copy.deepcopy(nb)
    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for cell, run in zip(code_cells, runs):
        cell["outputs"] = [_nbformat_output(o) for o in run.outputs]
        cell["execution_count"] = run.execution_count
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False, default=str)
        f.write("\n")


# --------------------------------------------------------------------------- entry point


def run_notebook(
    path: str | os.PathLike[str],
    write: str | os.PathLike[str] | None = None,
    module: str = "tfshim",
    rtol: float = 1e-3,
    atol: float = 1e-5,
    out: TextIO | None = None,
    verbose: bool = False,
) -> int:
    """Run the notebook at ``path`` and report cell by cell on ``out``; 0 if all cells pass.

    ``write`` saves a copy with the fresh outputs; ``verbose`` adds tracebacks to the report.
    """
    out = sys.stdout if out is None else out
    path = Path(path).resolve()
    target = Path(write).resolve() if write is not None else None
    nb = _load(path)
    cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    checker = _Checker(cells, rtol, atol)
    tally = {"ok": 0, "mismatch": 0, "error": 0}
    runs: list[_CellRun] = []

    with _Session(module, path) as session:
        for number, cell in enumerate(cells, 1):
            run = session.run(_text(cell.get("source")))
            runs.append(run)
            status, lines = checker.check(cell, run)
            tally[status] += 1
            if verbose and status == "error":
                lines += run.traceback.splitlines()
            print(f"cell {number}: {lines[0]}", file=out)
            for line in lines[1:]:
                print(f"    {line}", file=out)
            out.flush()

    print(
        f"{len(cells)} cells: {tally['ok']} ok, {tally['mismatch']} mismatched, "
        f"{tally['error']} errors",
        file=out,
    )
    if target is not None:
        _save(nb, runs, target)
    return 0 if tally["ok"] == len(cells) else 1
