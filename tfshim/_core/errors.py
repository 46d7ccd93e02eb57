"""tf.errors: TF's exception classes, and the helpers that format TF's kernel messages."""

from __future__ import annotations

import copyreg
import linecache
import os
import re
import sys
import traceback

import jax

from .. import _api

# TF's module for its error classes: their printed names are TF's
# (`<class 'tensorflow.python.framework.errors_impl.InvalidArgumentError'>`, tracebacks), and
# tfshim._compat serves that module under the `tensorflow` alias.
TF_MODULE = "tensorflow.python.framework.errors_impl"


class _ErrorType(type):
    """The type of TF's error classes: pickled by reference to tfshim's module (their
    `__module__` is TF's, which only the `tensorflow` alias makes importable)."""


def _error_class(name: str) -> type:
    return getattr(sys.modules[__name__], name)


def _pickle_error_class(cls):
    if getattr(sys.modules[__name__], cls.__name__, None) is cls:
        return _error_class, (cls.__name__,)
    return cls.__qualname__  # a subclass of the user's: by its own module


copyreg.pickle(_ErrorType, _pickle_error_class)


class OpError(Exception, metaclass=_ErrorType):
    """tf.errors.OpError."""

    __module__ = TF_MODULE

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
    return _ErrorType(name, (OpError,), {"error_code": code, "__doc__": f"tf.errors.{name}.",
                                         "__module__": TF_MODULE})


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

# TF's error codes (tf.errors.OK, tf.errors.INVALID_ARGUMENT, ...: error_codes.proto).
for _code, _name in enumerate((
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
        "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
        "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED")):
    _api.export("errors." + _name)(_code)
    globals()[_name] = _code  # tf.errors is this module

ALL = (OpError, CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError,
       NotFoundError, AlreadyExistsError, PermissionDeniedError, ResourceExhaustedError,
       FailedPreconditionError, AbortedError, OutOfRangeError, UnimplementedError, InternalError,
       UnavailableError, DataLossError, UnauthenticatedError)



class CannotCompile(Exception):
    """Not TF's: raised while tf.function traces something XLA's static shapes can't hold; the
    function then runs eagerly (op by op, TF's results), as for Python control flow on a
    traced tensor."""


class StringsInGraph(CannotCompile):
    """tf.string tensors (host NumPy arrays, which XLA can't hold) in a function being compiled:
    the function runs eagerly, quietly: README's known deviations say so."""


class CompositeElements(CannotCompile):
    """SparseTensor or RaggedTensor elements that a tf.data iterator argument gives a function
    being compiled (their components' shapes change from element to element): the function
    runs eagerly, quietly: README's known deviations say so."""


class StagingError(Exception):
    """TF's autograph StagingError: an error raised while TF stages a function it wrote itself
    (tape.jacobian's pfor loop), the inner error framed as "in user code"."""

    @classmethod
    def framing(cls, e: Exception) -> "StagingError":
        return cls("in user code:\n\n\n    %s: %s\n" % (type(e).__name__, e))


StagingError.__module__ = "tensorflow.python.autograph.impl.api"


class MultilineMessageKeyError(KeyError):
    """TF's AutoGraph KeyError whose str() is its "in user code" message, not the key's repr."""

    def __init__(self, message: str, original_key):
        super().__init__(original_key)
        self._message = message

    def __str__(self):
        return self._message


MultilineMessageKeyError.__name__ = MultilineMessageKeyError.__qualname__ = "KeyError"


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_JAX_DIR = os.path.dirname(os.path.abspath(jax.__file__))

# The exception types TF's AutoGraph rebuilds with its "in user code" message (its
# KNOWN_STRING_CONSTRUCTOR_ERRORS); others whose constructor isn't Exception's become StagingError.
_STRING_CONSTRUCTOR_ERRORS = (AssertionError, AttributeError, NameError, NotImplementedError,
                              RuntimeError, StopIteration, TypeError, UnboundLocalError,
                              ValueError)


def in_user_code(e: Exception) -> Exception:
    """The exception as TF raises errors from traced code (AutoGraph's ErrorMetadata): the same
    type, the message framed by the user's frames ("in user code: File ..., line N, in fn *");
    StagingError for a type AutoGraph can't rebuild with a message."""
    if getattr(e, "_tfshim_framed", False):
        return e
    frames = []
    for frame, lineno in traceback.walk_tb(e.__traceback__):
        filename = frame.f_code.co_filename
        if filename.startswith((_PACKAGE_DIR, _JAX_DIR)) or "/contextlib.py" in filename:
            continue
        line = linecache.getline(filename, lineno).strip()
        frames.append('    File "%s", line %d, in %s  *\n        %s\n'
                      % (filename, lineno, frame.f_code.co_name, line))
    message = "in user code:\n\n%s\n    %s: %s\n" % ("".join(frames), type(e).__name__, e)
    cls = type(e)
    try:
        if isinstance(e, OpError):
            framed = cls(None, None, message)
        elif cls is KeyError:
            framed = MultilineMessageKeyError(message, e.args[0] if e.args else None)
        elif cls.__init__ is Exception.__init__ or cls in _STRING_CONSTRUCTOR_ERRORS:
            framed = cls(message)
        else:
            framed = StagingError(message)
    except Exception:  # noqa: BLE001 - an exception type that can't be rebuilt stays as it is
        return e
    framed._tfshim_framed = True
    return framed

_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"

# A tf.function that creates a variable on a call after its first (or on every trace).
SINGLETON_VARIABLES = (
    "tf.function only supports singleton tf.Variables created on the first call. Make sure "
    "the tf.Variable is only created once or created outside tf.function. See "
    "https://www.tensorflow.org/guide/function#creating_tfvariables for more information.")


def kernel_error(op_type: str, message: str, name: str | None = "", cls=InvalidArgumentError,
                 node: str | None = None):
    """An error raised by an op's kernel, worded as TF's eager runtime words it."""
    text = "{{function_node __wrapped__%s_device_%s}} %s [Op:%s]" % (node or op_type, _DEVICE,
                                                                      message, op_type)
    if name is not None:
        text += " name: " + name
    return cls(None, None, text)


# A kernel error's tail: TF's eager runtime tags it " [Op:OpType]", then the Python op wrapper
# may add " name: NAME".
_KERNEL_TAIL = re.compile(r"( \[Op:[A-Za-z0-9_]+\])(?: name: ([^\n]*))?\Z")


def kernel_op_type(e: OpError) -> str | None:
    """The op type a kernel error's " [Op:OpType]" tag names (None: no tag)."""
    m = _KERNEL_TAIL.search(e._message)
    return None if m is None else m.group(1)[5:-1]


def eager_path_suffix(e: OpError, fast: bool, name: str | None) -> OpError:
    """A kernel error ended as TF's eager path ends it.

    TF's generated op wrappers try the C++ fast path (TFE_Py_FastPathExecute) first; its errors
    go through ops.raise_from_not_ok_status, which appends " name: " and the op's name (empty
    for None). Where the fast path cannot take the inputs it falls back to the Python path
    (execute.quick_execute), whose errors in TF 2.21 end at the " [Op:OpType]" tag. `fast` says
    which path the call took (op.fast_path). A tail naming another node (an op's own wrapper
    passes "strided_slice/_assign") is left as it is.
    """
    text = e._message
    m = _KERNEL_TAIL.search(text)
    if m is None or m.group(2) not in (None, "", name):
        return e
    tail = m.group(1) + (" name: " + (name or "") if fast else "")
    if m.group(0) == tail:
        return e
    out = type(e)(e._node_def, e._op, text[:m.start()] + tail)
    out.__traceback__ = e.__traceback__
    return out


def op_error(op_type: str, message: str, name: str = "", cls=InvalidArgumentError):
    """An error raised while building an op (attribute and dtype checks), without the kernel tag."""
    return cls(None, None, "%s [Op:%s] name: %s" % (message, op_type, name))


def attr_value_error(attr: str, value: str, allowed, op_type: str, name: str | None = "",
                     op_def: str | None = None, node: str | None = None):
    """TF's error for an attr value its op-def does not allow (a dtype or a string attr).

    value is the value as TF prints it ("float", or '"SAME"' for a string attr); allowed is
    the op-def's list, as text or as the printed items. op_def, when given, is printed as
    TF's eager runtime prints the op-def (`Op<name=...>`): the op type alone, or its whole
    text. A name of None leaves out the " name: " suffix (TF's slow path).
    """
    if not isinstance(allowed, str):
        allowed = ", ".join(allowed)
    text = ("Value for attr '%s' of %s is not in the list of allowed values: %s\n\t; NodeDef: "
            "{{node %s}}" % (attr, value, allowed, node or op_type))
    if op_def is not None:
        text += "; Op<name=%s>" % op_def
    text += " [Op:%s]" % op_type
    if name is not None:
        text += " name: " + name
    return InvalidArgumentError(None, None, text)


def no_kernel_error(op_type: str, attrs: str, name: str | None = "", registered: str = ""):
    """TF's NotFoundError for a dtype its op-def allows but no (CPU) kernel implements.

    attrs are the node's attributes as TF prints them ("T=DT_HALF"); registered lists the
    kernels TF does have, where its message lists them (one "\\n  device=...; T in [...]"
    line each, and a final newline).
    """
    text = ("Could not find device for node: {{node %s}} = %s[%s]\nAll kernels registered for "
            "op %s:%s [Op:%s]" % (op_type, op_type, attrs, op_type, registered, op_type))
    if name is not None:
        text += " name: " + name
    return NotFoundError(None, None, text)


def no_op_kernel_error(op_type: str, attrs: str, name: str | None = ""):
    """TF's InvalidArgumentError for an op no kernel is registered for with these attrs
    ("dtype=DT_BOOL"); the registered kernels TF lists after it are left out."""
    text = ("No OpKernel was registered to support Op '%s' used by {{node %s}} with these attrs: "
            "[%s]\nRegistered devices: [CPU]\n\n\t [[%s]] [Op:%s]"
            % (op_type, op_type, attrs, op_type, op_type))
    if name is not None:
        text += " name: " + name
    return InvalidArgumentError(None, None, text)


def input_dtype_error(op_type: str, index: int, want: str, got: str, name: str | None = "",
                      kernel: str | None = None):
    """TF's error for an input of another dtype than the one its type attr took.

    want and got are TF's names of the dtypes ("float", "int32"); kernel is the kernel TF
    names where it differs from the op type (oneDNN's "_MklMatMul").
    """
    text = ("cannot compute %s as input #%d(zero-based) was expected to be a %s tensor but is a "
            "%s tensor [Op:%s]" % (kernel or op_type, index, want, got, op_type))
    if name is not None:
        text += " name: " + name
    return InvalidArgumentError(None, None, text)


def _name_list(names) -> str:
    """Python's own listing of argument names: 'x', 'x' and 'y', 'x', 'y', and 'z'."""
    quoted = ["'%s'" % n for n in names]
    if len(quoted) < 3:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def keyword_only_error(fn: str, keys) -> TypeError:
    """TF's TypeError for a tf.raw_ops op called with positional arguments."""
    return TypeError("%s only takes keyword args (possible keys: %s). Please pass these args as "
                     "kwargs instead." % (fn, list(keys)))


def missing_arguments_error(fn: str, names) -> TypeError:
    """Python's TypeError for a call missing required arguments (as TF's raw ops raise it)."""
    return TypeError("%s() missing %d required positional argument%s: %s" % (
        fn, len(names), "s" if len(names) > 1 else "", _name_list(names)))


def unexpected_keyword_error(fn: str, key: str) -> TypeError:
    """Python's TypeError for an unknown keyword argument."""
    return TypeError("%s() got an unexpected keyword argument '%s'" % (fn, key))


def expected_list_error(arg: str, fn: str, value) -> TypeError:
    """TF's TypeError for a non-list passed as a raw op's list input."""
    return TypeError("Expected list for '%s' argument to '%s' Op, not %r." % (arg, fn, value))
