"""TF's Python logging: `WARNING:tensorflow:<message>` on stderr, rate-limited per call site."""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import threading

from .. import _api

_logger = logging.getLogger("tensorflow")


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time, so notebooks and redirects capture it."""

    def emit(self, record):
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must never raise
            self.handleError(record)


if not _logger.handlers:
    _handler = _StderrHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
    _logger.addHandler(_handler)
    _logger.propagate = False

_counts: dict = {}
_lock = threading.Lock()


def warning(msg: str, *args) -> None:
    _logger.warning(msg, *args)


@contextlib.contextmanager
def silenced():
    """tfshim's own warnings dropped inside (a trace made only to learn shapes)."""
    disabled, _logger.disabled = _logger.disabled, True
    try:
        yield
    finally:
        _logger.disabled = disabled


class HeldStdout(io.StringIO):
    """Python's stdout held back while tfshim traces a function (output shown later, or
    dropped). `real` is the stdout it stands in for: a stream the trace hands to `tf.print`
    (`output_stream=sys.stdout`) means that one when the function runs."""

    def __init__(self):
        super().__init__()
        self.real = sys.stdout

    @staticmethod
    def resolve(stream):
        while isinstance(stream, HeldStdout):
            stream = stream.real
        return stream


def caller_site(skip_files: tuple) -> tuple:
    """(file, line) of the first stack frame outside the given files: TF's call-site key."""
    f = sys._getframe(1)
    while f is not None and f.f_code.co_filename.endswith(skip_files):
        f = f.f_back
    return (f.f_code.co_filename, f.f_lineno) if f is not None else ("", 0)


def warn_first_n(n: int, key, msg: str, *args) -> None:
    """Log a warning at most n times for one key (TF's log_first_n)."""
    with _lock:
        c = _counts.get(key, 0)
        _counts[key] = c + 1
    if c < n:
        _logger.warning(msg, *args)


@_api.export("get_logger")
def get_logger() -> logging.Logger:
    """tf.get_logger: the "tensorflow" logger tfshim's warnings go through (so
    `tf.get_logger().setLevel("ERROR")` silences them, as under TF)."""
    return _logger

