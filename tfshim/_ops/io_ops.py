"""tf.io.read_file and tf.io.write_file (TF's io_ops.py; the ReadFile and WriteFile kernels):
a file's whole contents as a scalar tf.string, on the host."""

from __future__ import annotations

import errno
import os

from .. import _api
from .._core import errors
from .string_ops import as_tensor, strings


def _scalar(arr, op_type, what):
    """The kernels' scalar checks ("Input filename tensor ...", "Contents tensor ...")."""
    if arr.ndim:
        raise errors.kernel_error(op_type, "%s tensor must be scalar, but had shape: [%s]"
                                  % (what, ",".join(map(str, arr.shape))), None)
    return arr.item()


def _os_error(op_type, path, e: OSError):
    """An OSError as TF's status: NotFoundError for a missing file, FailedPreconditionError
    for a directory, PermissionDeniedError, else UnknownError; TF's "<path>; <strerror>"."""
    cls = {errno.ENOENT: errors.NotFoundError, errno.EISDIR: errors.FailedPreconditionError,
           errno.EACCES: errors.PermissionDeniedError}.get(e.errno, errors.UnknownError)
    return errors.kernel_error(op_type, "%s; %s" % (path, e.strerror), None, cls=cls)


@_api.export("io.read_file")
def read_file(filename, name=None):
    """tf.io.read_file."""
    path = _scalar(strings(filename, "ReadFile", name=name), "ReadFile", "Input filename")
    try:
        with open(path, "rb") as f:
            return as_tensor(f.read())
    except OSError as e:
        raise _os_error("ReadFile", path.decode("utf-8", "replace"), e) from None


@_api.export("io.write_file")
def write_file(filename, contents, name=None):
    """tf.io.write_file: writes contents, creating the missing parent directories (as TF)."""
    path = _scalar(strings(filename, "WriteFile", name=name), "WriteFile", "Input filename")
    data = _scalar(strings(contents, "WriteFile", 1, name=name), "WriteFile", "Contents")
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise _os_error("WriteFile", path.decode("utf-8", "replace"), e) from None
    return None
