"""tf.errors: TF's exception classes, and the helpers that format TF's kernel messages."""

from __future__ import annotations

from .. import _api


class OpError(Exception):
    """tf.errors.OpError."""

    def __init__(self, node_def=None, op=None, message="", *args):
        super().__init__(message)
        self._node_def = node_def
        self._op = op
        self._message = message
        self._error_code = type(self).error_code

    error_code = 2
    message = property(lambda self: self._message)
    node_def = property(lambda self: self._node_def)
    op = property(lambda self: self._op)

    def __str__(self) -> str:
        return self._message

    def __reduce__(self):
        return type(self), (self._node_def, self._op, self._message)


def _error(name: str, code: int) -> type:
    return type(name, (OpError,), {"error_code": code, "__doc__": f"tf.errors.{name}."})


CancelledError = _error("CancelledError", 1)
UnknownError = _error("UnknownError", 2)
InvalidArgumentError = _error("InvalidArgumentError", 3)
DeadlineExceededError = _error("DeadlineExceededError", 4)
NotFoundError = _error("NotFoundError", 5)
AlreadyExistsError = _error("AlreadyExistsError", 6)
PermissionDeniedError = _error("PermissionDeniedError", 7)
ResourceExhaustedError = _error("ResourceExhaustedError", 8)
FailedPreconditionError = _error("FailedPreconditionError", 9)
AbortedError = _error("AbortedError", 10)
OutOfRangeError = _error("OutOfRangeError", 11)
UnimplementedError = _error("UnimplementedError", 12)
InternalError = _error("InternalError", 13)
UnavailableError = _error("UnavailableError", 14)
DataLossError = _error("DataLossError", 15)
UnauthenticatedError = _error("UnauthenticatedError", 16)

for _cls in (OpError, CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError,
             NotFoundError, AlreadyExistsError, PermissionDeniedError, ResourceExhaustedError,
             FailedPreconditionError, AbortedError, OutOfRangeError, UnimplementedError,
             InternalError, UnavailableError, DataLossError, UnauthenticatedError):
    _api.export("errors." + _cls.__name__)(_cls)

ALL = (OpError, CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError,
       NotFoundError, AlreadyExistsError, PermissionDeniedError, ResourceExhaustedError,
       FailedPreconditionError, AbortedError, OutOfRangeError, UnimplementedError, InternalError,
       UnavailableError, DataLossError, UnauthenticatedError)



class StagingError(Exception):
    """TF's autograph StagingError: an error raised while TF stages a function it wrote itself
    (tape.jacobian's pfor loop), the inner error framed as "in user code"."""

    @classmethod
    def framing(cls, e: Exception) -> "StagingError":
        return cls("in user code:\n\n\n    %s: %s\n" % (type(e).__name__, e))


StagingError.__module__ = "tensorflow.python.autograph.impl.api"

_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def kernel_error(op_type: str, message: str, name: str | None = "", cls=InvalidArgumentError,
                 node: str | None = None):
    """An error raised by an op's kernel, worded as TF's eager runtime words it."""
    text = "{{function_node __wrapped__%s_device_%s}} %s [Op:%s]" % (node or op_type, _DEVICE,
                                                                      message, op_type)
    if name is not None:
        text += " name: " + name
    return cls(None, None, text)


def op_error(op_type: str, message: str, name: str = "", cls=InvalidArgumentError):
    """An error raised while building an op (attribute and dtype checks), without the kernel tag."""
    return cls(None, None, "%s [Op:%s] name: %s" % (message, op_type, name))
