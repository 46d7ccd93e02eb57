"""tf.print (TF's logging_ops.py): TF's own value formatting; inside tf.function it prints when
the compiled computation runs, through jax.debug.callback."""

from __future__ import annotations

import builtins
import sys

import jax
import numpy as np

from .. import _api
from .._core import context, tf_logging
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor
from .._core.variable import Variable


def _float_text(x, float_digits: int, round_trip_digits: int, np_type) -> str:
    """TF's FloatToBuffer/DoubleToBuffer: the short form when it reads back the same."""
    short = "%.*g" % (float_digits, x)
    if np_type(short) == np_type(x):
        return short
    return "%.*g" % (round_trip_digits, x)


def _element(v, dtype) -> str:
    if dtype is D.bool:
        return "1" if v else "0"
    if dtype is D.string:
        return '"%s"' % (v.decode("utf-8", "replace") if isinstance(v, bytes) else v)
    if dtype.is_complex:
        return "?"
    if dtype is D.float64:
        return _float_text(float(v), 15, 17, np.float64)
    if dtype.is_floating:
        return _float_text(float(v), 6, 9, np.float32)
    return str(int(v))


def _summarize(arr, dtype, summarize: int, depth: int = 0) -> str:
    """TF's Tensor::SummarizeValue layout: nested brackets, `...` past `summarize` per axis."""
    if arr.ndim == 0:
        return _element(arr.item() if dtype is not D.string else arr[()], dtype)
    n = arr.shape[0]
    if summarize >= 0 and n > 2 * summarize:
        head, tail = list(range(summarize)), list(range(n - summarize, n))
    else:
        head, tail = list(range(n)), []
    if arr.ndim == 1:
        items = [_element(arr[i], dtype) for i in head]
        if tail:
            items += ["..."] + [_element(arr[i], dtype) for i in tail]
        return "[" + " ".join(items) + "]"
    rows = [_summarize(arr[i], dtype, summarize, depth + 1) for i in head]
    if tail:
        rows += ["..."] + [_summarize(arr[i], dtype, summarize, depth + 1) for i in tail]
    return "[" + ("\n" + " " * (depth + 1)).join(rows) + "]"


def _format(x, values, summarize, top=True) -> str:
    if isinstance(x, (Tensor, Variable)):
        t = convert_to_tensor(x)
        return _summarize(np.asarray(values[id(x)]), t.dtype, summarize)
    if isinstance(x, dict):
        return "{" + ", ".join("%r: %s" % (k, _format(v, values, summarize, False))
                               for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_format(v, values, summarize, False) for v in x) + "]"
    if isinstance(x, tuple):
        inner = ", ".join(_format(v, values, summarize, False) for v in x)
        return "(" + inner + ("," if len(x) == 1 else "") + ")"
    return x if top and isinstance(x, str) else repr(x)  # TF: the repr, top-level text as is


def _tensors(x, out):
    if isinstance(x, (Tensor, Variable)):
        out.append(x)
    elif isinstance(x, dict):
        for v in x.values():
            _tensors(v, out)
    elif isinstance(x, (list, tuple)):
        for v in x:
            _tensors(v, out)
    return out


def _in_ipython() -> bool:
    """Whether an IPython shell (Jupyter, Colab, tfshim's notebook runner) is running a cell:
    TF then prints to the cell's output, Python's sys.stdout, whichever of stdout/stderr it was
    given (TF's logging_ops enables its interactive logging when imported in such a shell)."""
    return "get_ipython" in vars(builtins)


@_api.export("print")
def print_v2(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):
    """tf.print: prints to stderr by default, as TF does."""
    tensors = _tensors(list(inputs), [])
    arrays = [convert_to_tensor(t)._value for t in tensors]
    output_stream = tf_logging.HeldStdout.resolve(output_stream)  # given while a trace held it

    def emit(*values):
        by_id = {id(t): v for t, v in zip(tensors, values)}
        text = sep.join(_format(x, by_id, summarize) for x in inputs) + end
        stream = output_stream if output_stream is not None else sys.stderr
        if stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__) and _in_ipython():
            stream = sys.stdout
        if hasattr(stream, "write"):
            stream.write(text)
        else:  # TF's string output streams such as "file://..."; print to stderr
            sys.stderr.write(text)

    if context.tracing() is not None or any(isinstance(a, jax.core.Tracer) for a in arrays):
        # Ordered: prints appear in program order (tf.function's call waits for them).
        jax.debug.callback(emit, *arrays, ordered=True)
    else:
        emit(*arrays)
