"""AutoGraph's logging (TF's autograph/utils/ag_logging.py): a verbosity level, set by
tf.autograph.set_verbosity or the AUTOGRAPH_VERBOSITY environment variable, above which the
converter's events are logged at INFO on the "tensorflow" logger (and echoed to stdout when
asked, or when Python runs interactively)."""

from __future__ import annotations

import os
import sys
import traceback

from .. import _api
from . import tf_logging

VERBOSITY_VAR_NAME = "AUTOGRAPH_VERBOSITY"
DEFAULT_VERBOSITY = 0

verbosity_level = None  # set_verbosity's level; takes precedence over the environment variable
echo_log_to_stdout = hasattr(sys, "ps1") or hasattr(sys, "ps2")


@_api.export("autograph.set_verbosity")
def set_verbosity(level, alsologtostdout=False):
    """tf.autograph.set_verbosity: AutoGraph logs its events up to `level` (0: none), and
    also prints them to stdout when `alsologtostdout`."""
    global verbosity_level, echo_log_to_stdout
    verbosity_level = level
    echo_log_to_stdout = alsologtostdout


@_api.export("autograph.trace")
def trace(*args):
    """tf.autograph.trace: prints its arguments when the function is traced."""
    print(*args)


def get_verbosity() -> int:
    if verbosity_level is not None:
        return verbosity_level
    return int(os.getenv(VERBOSITY_VAR_NAME, DEFAULT_VERBOSITY))


def has_verbosity(level) -> bool:
    return get_verbosity() >= level


def _output_to_stdout(msg, *args, exc_info=False):
    print(msg % args)
    if exc_info:
        traceback.print_exc()


def log(level, msg, *args, exc_info=False) -> None:
    if has_verbosity(level):
        tf_logging.get_logger().info(msg, *args, exc_info=exc_info)
        if echo_log_to_stdout:
            _output_to_stdout(msg, *args, exc_info=exc_info)


def error(level, msg, *args, exc_info=False) -> None:
    if has_verbosity(level):
        tf_logging.get_logger().error(msg, *args, exc_info=exc_info)
        if echo_log_to_stdout:
            _output_to_stdout("ERROR: " + msg, *args, exc_info=exc_info)


def warning(msg, *args) -> None:
    tf_logging.warning(msg, *args)
    if echo_log_to_stdout:
        _output_to_stdout("WARNING: " + msg, *args)
        sys.stdout.flush()
