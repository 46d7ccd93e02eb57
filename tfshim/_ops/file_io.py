"""tf.io.gfile (TF's lib/io/file_io.py) on the local file system: a thin layer over os,
shutil and glob with TF's results and error classes and texts."""

from __future__ import annotations

import errno
import glob as _glob
import os
import shutil

from .. import _api
from .._core import errors

_CLASSES = {errno.ENOENT: errors.NotFoundError, errno.EEXIST: errors.AlreadyExistsError,
            errno.EACCES: errors.PermissionDeniedError,
            errno.EISDIR: errors.FailedPreconditionError,
            errno.ENOTDIR: errors.FailedPreconditionError}


def _path(p) -> str:
    return os.fsdecode(p.numpy() if hasattr(p, "numpy") else p)


def _on(path, fn, *args, **kwargs):
    """fn(*args, **kwargs), an OSError raised as TF's status: "<path>; <strerror>" of TF's
    class for its errno."""
    try:
        return fn(*args, **kwargs)
    except OSError as e:
        cls = _CLASSES.get(e.errno, errors.UnknownError)
        raise cls(None, None, "%s; %s" % (path, e.strerror)) from None


class GFile:
    """tf.io.gfile.GFile: a file opened in binary, text modes decoding UTF-8 (read() keeps
    carriage returns, line reads drop them, as TF)."""

    def __init__(self, name, mode="r"):
        self.name = _path(name)
        self.mode = mode
        self.__binary = "b" in mode
        self.__f = _on(self.name, open, self.name, mode.replace("b", "") + "b")

    def _out(self, data: bytes):
        return data if self.__binary else data.decode("utf-8")

    def _line(self, line: bytes):
        """TF's ReadLine drops every carriage return of the line."""
        return self._out(line.replace(b"\r", b""))

    def read(self, n=-1):
        return self._out(self.__f.read(n))

    def readline(self):
        return self._line(self.__f.readline())

    def readlines(self):
        return [self._line(line) for line in self.__f.readlines()]

    def __iter__(self):
        return self

    def __next__(self):
        line = self.__f.readline()
        if not line:
            raise StopIteration
        return self._line(line)

    next = __next__

    def write(self, file_content):
        self.__f.write(file_content.encode("utf-8") if isinstance(file_content, str)
                       else bytes(file_content))

    def seek(self, offset=None, whence=0, position=None):
        self.__f.seek(position if offset is None else offset, whence)

    def tell(self):
        return self.__f.tell()

    def size(self):
        return os.stat(self.name).st_size

    def flush(self):
        self.__f.flush()

    def close(self):
        self.__f.close()

    def seekable(self):
        return True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_api.export("io.gfile.GFile")(GFile)


@_api.export("io.gfile.exists")
def exists(path):
    """tf.io.gfile.exists."""
    return os.path.exists(_path(path))


@_api.export("io.gfile.isdir")
def isdir(path):
    """tf.io.gfile.isdir."""
    return os.path.isdir(_path(path))


@_api.export("io.gfile.join")
def join(path, *paths):
    """tf.io.gfile.join."""
    return os.path.join(path, *paths)


@_api.export("io.gfile.glob")
def glob(pattern):
    """tf.io.gfile.glob: the matching paths (a list of patterns: every list's matches)."""
    patterns = [pattern] if isinstance(pattern, (str, bytes)) else list(pattern)
    return [m for p in patterns for m in _glob.glob(_path(p))]


@_api.export("io.gfile.listdir")
def listdir(path):
    """tf.io.gfile.listdir."""
    p = _path(path)
    if not os.path.isdir(p):
        raise errors.NotFoundError(None, None, "Could not find directory %s" % p)
    return os.listdir(p)


@_api.export("io.gfile.makedirs")
def makedirs(path):
    """tf.io.gfile.makedirs."""
    p = _path(path)
    _on(p, os.makedirs, p, exist_ok=True)


@_api.export("io.gfile.mkdir")
def mkdir(path):
    """tf.io.gfile.mkdir: an existing directory is no error (as TF's local file system)."""
    p = _path(path)
    if not os.path.isdir(p):
        _on(p, os.mkdir, p)


@_api.export("io.gfile.remove")
def remove(path):
    """tf.io.gfile.remove."""
    p = _path(path)
    _on(p, os.remove, p)


@_api.export("io.gfile.rmtree")
def rmtree(path):
    """tf.io.gfile.rmtree."""
    p = _path(path)
    if not os.path.exists(p):
        raise errors.NotFoundError(None, None, "%s not found" % p)
    shutil.rmtree(p)


def _no_overwrite(dst, overwrite):
    if not overwrite and os.path.exists(dst):
        raise errors.AlreadyExistsError(None, None, "file already exists")


@_api.export("io.gfile.copy")
def copy(src, dst, overwrite=False):
    """tf.io.gfile.copy."""
    s, d = _path(src), _path(dst)
    _no_overwrite(d, overwrite)
    _on(s, shutil.copyfile, s, d)


@_api.export("io.gfile.rename")
def rename(src, dst, overwrite=False):
    """tf.io.gfile.rename."""
    s, d = _path(src), _path(dst)
    _no_overwrite(d, overwrite)
    _on(s, os.replace, s, d)


class FileStatistics:
    """What tf.io.gfile.stat returns: length, mtime_nsec, is_directory."""

    def __init__(self, length, mtime_nsec, is_directory):
        self.length, self.mtime_nsec, self.is_directory = length, mtime_nsec, is_directory


@_api.export("io.gfile.stat")
def stat(path):
    """tf.io.gfile.stat."""
    p = _path(path)
    st = _on(p, os.stat, p)
    return FileStatistics(st.st_size, st.st_mtime_ns, os.path.isdir(p))


@_api.export("io.gfile.walk")
def walk(top, topdown=True, onerror=None):
    """tf.io.gfile.walk."""
    return os.walk(_path(top), topdown=topdown, onerror=onerror)
