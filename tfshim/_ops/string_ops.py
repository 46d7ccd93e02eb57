"""tf.strings' dense ops (TF's string_ops.py): NumPy object arrays of bytes, run on the host.

XLA has no strings, so these ops run with NumPy on the host. Inside tf.function, the ops whose
results' shapes follow from their inputs' shapes (`traced_on_host`) run as callbacks of the
compiled program on traced strings (_core/host_strings.py); the others make the function run
eagerly. Every op here is non-differentiable, as TF's
string kernels are (NotDifferentiable or no registered gradient), so nothing is recorded.
A RaggedTensor argument of an elementwise op maps over its flat values, as TF's ragged dispatch.
The ops split into ragged results (split, bytes_split, unicode_decode, ngrams) live in
ragged/ragged_string_ops.py, as TF's do.
"""

from __future__ import annotations

import codecs
import functools
import re
import struct

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import context, errors, host_strings, nest
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.tensor import HostValue, Tensor, wrap
from .logging_ops import _summarize
from .op_util import dims, make_int, name_suffix

# -- conversion ----------------------------------------------------------------------------------


def _concrete(t: Tensor, what: str = "a tf.strings op on a traced tensor") -> np.ndarray:
    """A tensor's host value: a traced one (inside tf.function) makes the function run eagerly."""
    if isinstance(t._value, jax.core.Tracer):
        raise errors.StringsInGraph(what)
    return np.asarray(t._value)


def strings(x, op_type: str, index: int = 0, name=None) -> np.ndarray:
    """x as a NumPy object array of bytes: TF's conversion of a fixed tf.string input."""
    t = x if isinstance(x, Tensor) else convert_to_tensor(x, dtype=D.string)
    if t.dtype is not D.string:
        raise errors.input_dtype_error(op_type, index, "string", D.tf_type_name(t.dtype),
                                       "" if name is None else name)
    return _concrete(t)


def as_tensor(arr, dtype=D.string) -> Tensor:
    """A result array as a tensor: strings stay an object array, numbers go to the device."""
    if dtype is D.string:
        return wrap(np.asarray(arr, dtype=object).reshape(np.shape(arr)))
    return wrap(jnp.asarray(np.asarray(arr, dtype=dtype.as_numpy_dtype)))


def _map(fn, arr: np.ndarray, otype=object) -> np.ndarray:
    """fn applied to each element of an object array (np.frompyfunc keeps the shape)."""
    if arr.size == 0:
        return np.zeros(arr.shape, dtype=otype)
    out = np.frompyfunc(fn, 1, 1)(arr)
    return np.asarray(out, dtype=otype).reshape(arr.shape)


def elementwise(fn):
    """An elementwise string op: a RaggedTensor input maps over its flat values (TF's ragged
    dispatch of the elementwise string ops)."""

    def wrapper(input, *args, **kwargs):  # noqa: A002
        if hasattr(input, "with_flat_values"):
            return input.with_flat_values(fn(input.flat_values, *args, **kwargs))
        return fn(input, *args, **kwargs)

    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper


def traced_on_host(fn):
    """A string op whose results' shapes follow from its inputs' shapes: inside tf.function, on
    traced tensors, it runs as a host callback of the compiled program (host_strings)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if context.tracing() is None:
            return fn(*args, **kwargs)
        leaves = nest.flatten((args, kwargs))
        pos = [i for i, x in enumerate(leaves) if isinstance(x, Tensor) and isinstance(
            x._value, (jax.core.Tracer, HostValue))]
        if not pos:
            return fn(*args, **kwargs)

        def on_host(*arrays):
            values = list(leaves)
            for i, a in zip(pos, arrays):
                values[i] = wrap(a if a.dtype == object else jnp.asarray(a))
            a, k = nest.pack_sequence_as((args, kwargs), values)
            out = fn(*a, **k)
            if not isinstance(out, Tensor):
                raise errors.StringsInGraph("a string op with a composite result")
            return np.asarray(out._value)

        return wrap(host_strings.host_call(on_host, [leaves[i]._value for i in pos]))

    return wrapper


def _kernel(op_type, message, name=None, node=None, cls=errors.InvalidArgumentError):
    """A string kernel's error (TF's wrappers pass no name: no " name: " suffix)."""
    return errors.kernel_error(op_type, message, name, cls=cls, node=node)


# -- case, whitespace, length -------------------------------------------------------------------


def _case(op_type, encoding, bytes_fn, str_fn, input, name):  # noqa: A002
    arr = strings(input, op_type, name=name)
    if encoding in ("", None):
        return as_tensor(_map(bytes_fn, arr))  # ASCII letters only, as TF without an encoding
    if encoding.lower().replace("-", "") != "utf8":
        raise _kernel(op_type, "Invalid encoding: %s" % encoding, name)
    return as_tensor(_map(lambda b: str_fn(b.decode("utf-8", "replace")).encode("utf-8"), arr))


@_api.export("strings.lower")
@traced_on_host
@elementwise
def lower(input, encoding="", name=None):  # noqa: A002
    """tf.strings.lower."""
    return _case("StringLower", encoding, bytes.lower, str.lower, input, name)


@_api.export("strings.upper")
@traced_on_host
@elementwise
def upper(input, encoding="", name=None):  # noqa: A002
    """tf.strings.upper."""
    return _case("StringUpper", encoding, bytes.upper, str.upper, input, name)


@_api.export("strings.strip")
@traced_on_host
@elementwise
def strip(input, name=None):  # noqa: A002
    """tf.strings.strip: ASCII whitespace off both ends (absl's StripAsciiWhitespace)."""
    return as_tensor(_map(bytes.strip, strings(input, "StringStrip", name=name)))


def _utf8_chars(b: bytes) -> int:
    # TF counts the bytes that are not UTF-8 continuation bytes (valid or not).
    return len(b) - sum(1 for c in b if c & 0xC0 == 0x80)


def _check_unit(unit, op_type, name):
    if unit not in ("BYTE", "UTF8_CHAR"):
        raise errors.attr_value_error(
            "unit", '"%s"' % unit, '"BYTE", "UTF8_CHAR"', op_type, name=name,
            op_def='%s; signature=input:string -> output:int32; attr=unit:string,default='
                   '"BYTE",allowed=["BYTE", "UTF8_CHAR"]' % op_type)


@_api.export("strings.length")
@traced_on_host
@elementwise
def length(input, unit="BYTE", name=None):  # noqa: A002
    """tf.strings.length: bytes, or UTF-8 characters with unit="UTF8_CHAR"; int32."""
    _check_unit(unit, "StringLength", name)
    arr = strings(input, "StringLength", name=name)
    fn = len if unit == "BYTE" else _utf8_chars
    return as_tensor(_map(fn, arr, np.int64), D.int32)


# -- joining ------------------------------------------------------------------------------------


@_api.export("strings.join")
@traced_on_host
def join(inputs, separator="", name=None):
    """tf.strings.join: elementwise, scalars broadcast (TF's StringJoin)."""
    arrs = [strings(x, "StringJoin", i, name) for i, x in enumerate(inputs)]
    shapes = {a.shape for a in arrs if a.ndim}
    if len(shapes) > 1:
        first, other = arrs[0].shape, next(a.shape for a in arrs if a.shape != arrs[0].shape)
        raise _kernel("StringJoin", "Input shapes do not match: [%s] vs. [%s]" % (
            ",".join(map(str, first)), ",".join(map(str, other))), name,
            node="StringJoin_N_%d" % len(arrs))
    shape = shapes.pop() if shapes else ()
    sep = separator.encode() if isinstance(separator, str) else separator
    cols = [np.broadcast_to(a, shape).ravel() for a in arrs]
    out = np.array([sep.join(parts) for parts in zip(*cols)] if cols else [], dtype=object)
    if not cols:
        out = np.array(b"", dtype=object)
    return as_tensor(out.reshape(shape))


def _axes(axis, ndim, op_type, name):
    if axis is None:
        return list(range(ndim))
    if isinstance(axis, Tensor):
        axis = _concrete(axis).tolist()
    axes = [axis] if np.ndim(axis) == 0 else list(np.asarray(axis).ravel())
    out = []
    for a in axes:
        a = int(a)
        if not -ndim <= a < ndim:
            raise _kernel(op_type, "Invalid reduction dimension %d for input with %d "
                          "dimension(s)" % (a, ndim), name or "", cls=errors.OutOfRangeError)
        out.append(a % ndim)
    return sorted(set(out))


@_api.export("strings.reduce_join")
@traced_on_host
def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """tf.strings.reduce_join: joins along the axes (all of them by default)."""
    # TF converts `inputs` with no dtype first: an empty list is float32, refused by the op.
    arr = strings(convert_to_tensor(inputs), "ReduceJoin", name=name)
    axes = _axes(axis, arr.ndim, "ReduceJoin", name)
    keep = [a for a in range(arr.ndim) if a not in axes]
    moved = np.transpose(arr, keep + axes)
    outer = moved.shape[:len(keep)]
    flat = moved.reshape(int(np.prod(outer, dtype=np.int64)), -1)
    sep = separator.encode() if isinstance(separator, str) else separator
    out = np.array([sep.join(row) for row in flat] if flat.size or len(flat) else [],
                   dtype=object)
    out = out.reshape(outer)
    if keepdims:
        out = out.reshape([1 if a in axes else arr.shape[a] for a in range(arr.ndim)])
    return as_tensor(out)


_SEGMENT_JOIN_DEF = (
    "UnsortedSegmentJoin; signature=inputs:string, segment_ids:Tindices, num_segments:Tnumsegments"
    " -> output:string; attr=separator:string,default=\"\"; attr=Tindices:type,allowed=[DT_INT32,"
    " DT_INT64]; attr=Tnumsegments:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]")


@_api.export("strings.unsorted_segment_join")
def unsorted_segment_join(inputs, segment_ids, num_segments, separator="", name=None):
    """tf.strings.unsorted_segment_join: the inputs of each segment joined in row-major order;
    an empty segment is b""."""
    op_type = "UnsortedSegmentJoin"
    arr = strings(inputs, op_type, name=name)
    ids_t = convert_to_tensor(segment_ids, dtype_hint=D.int32)
    n_t = convert_to_tensor(num_segments, dtype_hint=D.int32)
    for attr, t in (("Tindices", ids_t), ("Tnumsegments", n_t)):
        if t.dtype not in (D.int32, D.int64):
            raise errors.attr_value_error(attr, D.tf_type_name(t.dtype), "int32, int64", op_type,
                                          None, op_def=_SEGMENT_JOIN_DEF)
    ids, n = _concrete(ids_t), _concrete(n_t)
    if n.ndim:
        raise _kernel(op_type, "Number of segments must be a scalar")
    n = int(n)
    if n < 0:
        raise _kernel(op_type, "Number of segments must be non-negative but got %d" % n)
    if ids.ndim > arr.ndim:
        raise _kernel(op_type, "Input cannot have rank less than segment ids")
    for i in range(ids.ndim):
        if ids.shape[i] != arr.shape[i]:
            raise _kernel(op_type, "Segment dimension is %d while input dimension is %d in rank "
                          "%d" % (ids.shape[i], arr.ndim, i))
    flat_ids = ids.reshape(-1)
    if flat_ids.size and (flat_ids.min() < 0 or flat_ids.max() >= n):
        raise _kernel(op_type, "segment_ids are not allowed to exceed num_segments or to have "
                      "negative values.")
    rest = arr.shape[ids.ndim:]
    rows = arr.reshape((flat_ids.size, int(np.prod(rest, dtype=np.int64))))
    sep = separator.encode() if isinstance(separator, str) else separator
    out = np.empty((n, rows.shape[1]), dtype=object)
    for k in range(n):
        members = rows[flat_ids == k]
        out[k] = [sep.join(col) for col in members.T] if members.size else b""
    return as_tensor(out.reshape((n,) + rest))


# -- substrings ---------------------------------------------------------------------------------


def _utf8_offsets(b: bytes) -> list:
    """The byte offset each UTF-8 character starts at, and the end."""
    starts = [i for i, c in enumerate(b) if c & 0xC0 != 0x80]
    return starts + [len(b)]


@_api.export("strings.substr")
@traced_on_host
def substr(input, pos, len, unit="BYTE", name=None):  # noqa: A002
    """tf.strings.substr: pos may count from the end; pos past the end is TF's error."""
    _check_unit(unit, "Substr", name)
    arr = strings(input, "Substr", name=name)
    p = _concrete(convert_to_tensor(pos))
    n = _concrete(convert_to_tensor(len))
    if p.shape != n.shape:
        raise ValueError("Shapes must be equal rank, but are %d and %d" % (p.ndim, n.ndim))
    try:
        shape = np.broadcast_shapes(arr.shape, p.shape)
    except ValueError:
        raise _kernel("Substr", "Incompatible shapes: [%s] vs. [%s]" % (
            ",".join(map(str, arr.shape)), ",".join(map(str, p.shape))), name) from None
    a, pb, nb = (np.broadcast_to(x, shape).ravel() for x in (arr, p, n))
    out = []
    for i, (s, start, size) in enumerate(zip(a, pb.tolist(), nb.tolist())):
        offs = _utf8_offsets(s) if unit == "UTF8_CHAR" else None
        total = (offs.__len__() - 1) if offs is not None else s.__len__()
        if not -total <= start <= total:
            raise _kernel("Substr", "pos %d out of range for string b'%s' at index %d"
                          % (start, s.decode("utf-8", "replace"), i), name)
        start = start + total if start < 0 else start
        stop = min(total, start + max(size, 0))
        out.append(s[start:stop] if offs is None else s[offs[start]:offs[stop]])
    return as_tensor(np.array(out, dtype=object).reshape(shape))


# -- regular expressions -------------------------------------------------------------------------


def _scalar_arg(value, what, op_type, name):
    """A pattern or rewrite given as a tensor or list: TF runs the non-static op, whose kernel
    wants a scalar."""
    if isinstance(value, (Tensor, list, tuple, np.ndarray)):
        shape = np.shape(_concrete(value) if isinstance(value, Tensor)
                         else np.asarray(value, dtype=object))
        if shape:
            raise _kernel(op_type, "%s must be scalar, but received %s"
                          % (what, "[%s]" % ",".join(str(d) for d in shape)), name)


def _compile(pattern, op_type, name):
    """RE2's syntax through Python's re (the common subset agrees); RE2's \\C, \\pN and \\z
    aside. Errors carry Python's description of the fault, not RE2's."""
    if isinstance(pattern, Tensor):
        pattern = _concrete(pattern)[()]
    p = pattern.encode() if isinstance(pattern, str) else bytes(pattern)
    bad = _perl_only(p)
    if bad:
        raise _kernel(op_type, "Invalid pattern: %s, error: %s" % (
            p.decode("utf-8", "replace"), bad), name)
    try:
        return re.compile(p.replace(rb"\z", rb"\Z"))
    except re.error as e:
        text = p.decode("utf-8", "replace")
        raise _kernel(op_type, "Invalid pattern: %s, error: %s" % (text, _re2_error(e, text)),
                      name) from None


def _perl_only(p: bytes) -> str:
    """RE2's error for what Python's re accepts but RE2 refuses: lookarounds, backreferences."""
    i, in_class = 0, False
    while i < len(p):
        c = p[i:i + 1]
        if c == b"\\":
            if not in_class and p[i + 1:i + 2].isdigit() and p[i + 1:i + 2] != b"0":
                return "invalid escape sequence: %s" % p[i:i + 2].decode()
            i += 2
            continue
        if c == b"[":
            in_class = True
        elif c == b"]":
            in_class = False
        elif not in_class and c == b"(":
            for look in (b"(?=", b"(?!", b"(?<=", b"(?<!"):
                if p.startswith(look, i):
                    return "invalid perl operator: %s" % look.decode()
        i += 1
    return ""


_RE2_ERRORS = (  # Python's re message -> RE2's, which quotes the pattern from the fault on
    ("missing ), unterminated subpattern", "missing ): %s", "all"),
    ("unbalanced parenthesis", "unexpected ): %s", "all"),
    ("unterminated character set", "missing ]: %s", "pos"),
    ("nothing to repeat", "no argument for repetition operator: %s", "char"),
    ("multiple repeat", "bad repetition operator: %s", "pair"),
)


def _re2_error(e: re.error, text: str) -> str:
    for py, re2, part in _RE2_ERRORS:
        if e.msg.startswith(py) and e.pos is not None:
            frag = {"pos": text[e.pos:], "all": text, "char": text[e.pos:e.pos + 1],
                    "pair": text[e.pos - 1:e.pos + 1]}[part]
            return re2 % frag
    return e.msg


def _rewrite(rewrite: bytes, regex, op_type, name):
    """RE2's rewrite string (\\0-\\9 groups, \\\\ a backslash) as a replacement function."""
    parts, i = [], 0
    while i < rewrite.__len__():
        c = rewrite[i:i + 1]
        if c == b"\\" and i + 1 < rewrite.__len__():
            d = rewrite[i + 1:i + 2]
            if d.isdigit():
                if int(d) > regex.groups:
                    raise _kernel(op_type, "Invalid rewrite pattern: %s" % rewrite.decode(
                        "utf-8", "replace"), name)
                parts.append(int(d))
            elif d == b"\\":
                parts.append(b"\\")
            else:
                raise _kernel(op_type, "Invalid rewrite pattern: %s" % rewrite.decode(
                    "utf-8", "replace"), name)
            i += 2
        else:
            parts.append(c)
            i += 1
    return lambda m: b"".join(p if isinstance(p, bytes) else (m.group(p) or b"") for p in parts)


@_api.export("strings.regex_replace")
@traced_on_host
@elementwise
def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002
    """tf.strings.regex_replace.

    Differences from TensorFlow: patterns are compiled by Python's re (RE2's common syntax);
    an invalid pattern's error text is Python's."""
    op_type = "StaticRegexReplace"
    arr = strings(input, op_type, name=name)
    _scalar_arg(pattern, "Pattern", "RegexReplace", name)
    _scalar_arg(rewrite, "Rewrite", "RegexReplace", name)
    regex = _compile(pattern, op_type, name)
    if isinstance(rewrite, Tensor):
        rewrite = _concrete(rewrite)[()]
    rw = rewrite.encode() if isinstance(rewrite, str) else bytes(rewrite)
    repl = _rewrite(rw, regex, op_type, name)
    return as_tensor(_map(lambda s: _replace(regex, repl, s, replace_global), arr))


def _replace(regex, repl, s: bytes, replace_global: bool) -> bytes:
    """RE2's Replace/GlobalReplace: unlike Python's re.sub, an empty match right after the
    previous match is skipped ("aaa" with "a*" -> "-", not "--")."""
    out, pos, last = [], 0, None
    for m in regex.finditer(s):
        if m.start() == m.end() == last:
            continue
        out += [s[pos:m.start()], repl(m)]
        pos = last = m.end()
        if not replace_global:
            break
    return b"".join(out) + s[pos:]


@_api.export("strings.regex_full_match")
@traced_on_host
@elementwise
def regex_full_match(input, pattern, name=None):  # noqa: A002
    """tf.strings.regex_full_match (Python's re for RE2, as regex_replace)."""
    # TF compiles a Python string pattern once (StaticRegexFullMatch); a tensor pattern is
    # RegexFullMatch's second input.
    op_type = "StaticRegexFullMatch" if isinstance(pattern, (str, bytes)) else "RegexFullMatch"
    kernel_name = name_suffix(name, input, *([] if op_type[0] == "S" else [pattern]))
    arr = strings(input, op_type, name=name)
    if op_type == "RegexFullMatch":
        pattern = strings(pattern, op_type, 1, name=name)
        if pattern.ndim:
            raise _kernel(op_type, "Pattern must be scalar, but received %s"
                          % dims(pattern.shape), kernel_name)
        pattern = pattern[()]
    regex = _compile(pattern, op_type, kernel_name)
    return as_tensor(_map(lambda s: regex.fullmatch(s) is not None, arr, bool), D.bool)


# -- numbers ------------------------------------------------------------------------------------

_FLOAT = re.compile(rb"\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)"
                    rb"\s*", re.IGNORECASE)
_INT = re.compile(rb"\s*[+-]?\d+\s*")
_INT_RANGE = {D.int32: (-2**31, 2**31 - 1), D.int64: (-2**63, 2**63 - 1),
              D.uint32: (0, 2**32 - 1), D.uint64: (0, 2**64 - 1)}
_NUMBER_TYPES = (D.float32, D.float64, D.int32, D.int64, D.uint32, D.uint64)


def _to_number(s: bytes, dtype, name):
    if dtype.is_floating:
        if _FLOAT.fullmatch(s):
            v = float(s)
            if dtype is D.float32 and np.isfinite(v) and abs(v) > np.finfo(np.float32).max:
                pass  # TF's SimpleAtof fails on float32 overflow
            else:
                return v
    elif _INT.fullmatch(s):
        v = int(s)
        lo, hi = _INT_RANGE[dtype]
        if lo <= v <= hi:
            return v
    raise _kernel("StringToNumber", "StringToNumberOp could not correctly convert string: %s"
                  % s.decode("utf-8", "replace"), name)


@_api.export("strings.to_number")
@traced_on_host
@elementwise
def to_number(input, out_type=D.float32, name=None):  # noqa: A002
    """tf.strings.to_number: out_type float32, float64, int32 or int64."""
    dtype = D.as_dtype(out_type)
    if dtype not in _NUMBER_TYPES:
        raise errors.attr_value_error(
            "out_type", D.tf_type_name(dtype), "float, double, int32, int64, uint32, uint64",
            "StringToNumber", op_def="StringToNumber; signature=string_tensor:string -> output:"
            "out_type; attr=out_type:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE, "
            "DT_INT32, DT_INT64, DT_UINT32, DT_UINT64]", name=None)
    arr = strings(input, "StringToNumber", name=name)
    otype = np.float64 if dtype.is_floating else object
    return as_tensor(_map(lambda s: _to_number(s, dtype, name), arr, otype), dtype)


_FILL = (" ", "+", "-", "0", "#")


@_api.export("strings.as_string", "as_string")
@traced_on_host
@elementwise
def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="",  # noqa: A002
              name=None):
    """tf.strings.as_string: printf-style formatting, as TF's AsString kernel."""
    t = convert_to_tensor(input)
    dtype = t.dtype
    arr = _concrete(t)
    if fill and (len(fill) > 1 or fill[0] not in _FILL):
        raise _kernel("AsString", "Fill argument not supported: \"%s\"" % fill, name)
    if dtype is D.string:  # passed through, right-aligned to width (fill and precision unused)
        if scientific and shortest:
            raise _kernel("AsString", "Cannot select both scientific and shortest notation",
                          name)
        return as_tensor(_map(lambda b: b.rjust(width), arr).astype(object)
                         if width > -1 else arr)
    flt = dtype.is_floating or dtype.is_complex
    if (scientific or shortest) and not flt:
        raise _kernel("AsString", "scientific and shortest format not supported for datatype "
                      "%s" % D.tf_type_name(dtype), name)
    if scientific and shortest:
        raise _kernel("AsString", "Cannot select both scientific and shortest notation", name)
    if precision > -1 and not flt:
        raise _kernel("AsString", "precision not supported for datatype %s" % dtype.name, name)
    fmt = "%" + (fill if width > -1 else "") + (str(width) if width > -1 else "")
    if precision > -1:
        fmt += ".%d" % precision
    if dtype is D.bool:
        fn = lambda v: (fmt + "s") % ("true" if v else "false")  # noqa: E731
    elif dtype.is_complex:
        spec = fmt + ("g" if shortest else "e" if scientific else "f")
        fn = lambda v: "(" + spec % v.real + "," + spec % v.imag + ")"  # noqa: E731
    elif flt:
        spec = fmt + ("g" if shortest else "e" if scientific else "f")
        fn = lambda v: spec % float(v)  # noqa: E731
    else:
        fn = lambda v: (fmt + "d") % int(v)  # noqa: E731
    out = _map(lambda v: fn(v).encode(), arr.astype(object))
    return as_tensor(out)


@_api.export("strings.format")
@traced_on_host
def format(template, inputs, placeholder="{}", summarize=3, name=None):  # noqa: A001
    """tf.strings.format: each placeholder takes the next tensor, printed as tf.print does."""
    if isinstance(inputs, (Tensor,)) or not isinstance(inputs, (list, tuple)):
        inputs = [inputs]
    count = template.count(placeholder)
    if count != len(inputs):
        raise ValueError("%s placeholders in template and %s inputs given" % (count, len(
            inputs)))
    tensors = [convert_to_tensor(x) for x in inputs]
    texts = [_summarize(_concrete(t), t.dtype, -1 if summarize == -1 else summarize)
             for t in tensors]
    pieces = template.split(placeholder)
    out = pieces[0] + "".join(t + p for t, p in zip(texts, pieces[1:]))
    return as_tensor(np.array(out.encode(), dtype=object))


# -- hashing ------------------------------------------------------------------------------------

_KEY_ATTR = {"StringToHashBucketStrong": "; attr=key:list(int)"}
_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def _hash64(b: bytes, seed: int = 0xDECAFCAFFE) -> int:
    """TF's Hash64 (core/lib/hash, a MurmurHash64A variant) behind StringToHashBucket."""
    n = b.__len__()
    h = (seed ^ (n * _M)) & _MASK
    full = n - n % 8
    for (k,) in struct.iter_unpack("<Q", b[:full]):
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    rest = b[full:]
    if rest:
        for i in range(rest.__len__() - 1, -1, -1):
            h ^= rest[i] << (8 * i)
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


def _buckets(input, num_buckets, fn, op_type, name, sig="input:string -> output:int64",  # noqa: A002
             kernel_check=None):
    # TF's op wrapper takes the int attr first (_execute.make_int), converts the input, then
    # the runtime checks the attr's minimum; the kernel's own checks come last.
    nb = make_int(num_buckets, "num_buckets")
    arr = strings(input, op_type, name=name)
    if nb < 1:
        raise errors.InvalidArgumentError(None, None, (
            "Value for attr 'num_buckets' of %d must be at least minimum 1\n\t; NodeDef: "
            "{{node %s}}; Op<name=%s; signature=%s; attr=num_buckets:int,min=1%s> [Op:%s]")
            % (nb, op_type, op_type, sig, _KEY_ATTR.get(op_type, ""), op_type))
    if kernel_check is not None:
        kernel_check()
    return as_tensor(_map(lambda s: fn(s) % nb, arr, np.int64), D.int64)


@_api.export("strings.to_hash_bucket_fast")
@traced_on_host
@elementwise
def to_hash_bucket_fast(input, num_buckets, name=None):  # noqa: A002
    """tf.strings.to_hash_bucket_fast: FarmHash Fingerprint64 modulo num_buckets."""
    import farmhash

    return _buckets(input, num_buckets, farmhash.fingerprint64, "StringToHashBucketFast", name)


@_api.export("strings.to_hash_bucket_strong")
@traced_on_host
@elementwise
def to_hash_bucket_strong(input, num_buckets, key, name=None):  # noqa: A002
    """tf.strings.to_hash_bucket_strong: keyed SipHash-2-4 modulo num_buckets."""
    import siphashc

    num_buckets = make_int(num_buckets, "num_buckets")
    if not isinstance(key, (list, tuple)):
        raise TypeError("Expected list for 'key' argument to 'string_to_hash_bucket_strong' Op, "
                        "not %r." % (key,))
    key = [make_int(v, "key") for v in key]

    def key_check():
        if len(key) != 2:
            raise _kernel("StringToHashBucketStrong", "Key must have 2 elements", name)

    k = struct.pack("<QQ", *(v & _MASK for v in key)) if len(key) == 2 else b""
    return _buckets(input, num_buckets, lambda s: siphashc.siphash(k, s),
                    "StringToHashBucketStrong", name, kernel_check=key_check)


@_api.export("strings.to_hash_bucket")
@traced_on_host
@elementwise
def to_hash_bucket(input, num_buckets, name=None):  # noqa: A002
    """tf.strings.to_hash_bucket: TF's Hash64 modulo num_buckets."""
    return _buckets(input, num_buckets, _hash64, "StringToHashBucket", name)


# -- unicode ------------------------------------------------------------------------------------

_ENCODINGS = {"UTF-8": "utf-8", "UTF-16-BE": "utf-16-be", "UTF-32-BE": "utf-32-be",
              "US-ASCII": "ascii", "ISO-8859-1": "latin-1"}


def codec(encoding, op_type, name, output=False):
    """TF's encoding names as Python codecs."""
    key = encoding.decode() if isinstance(encoding, bytes) else encoding
    got = _ENCODINGS.get(key.upper() if key else key)
    if got is None or (output and got in ("ascii", "latin-1")):
        raise _kernel(op_type, "Could not create converter for input encoding: %s" % key
                      if not output else "Unknown output encoding: %s" % key, name)
    return got


def _error_mode(errors_, op_type, name):
    if errors_ not in ("strict", "replace", "ignore"):
        raise ValueError("Attr 'errors' of '%s' Op passed string '%s' not in: \"strict\", "
                         "\"replace\", \"ignore\"." % (op_type, errors_))


def decode_text(b: bytes, enc: str, errors_: str, replacement_char: int,
                replace_control: bool, op_type: str, name) -> str:
    """One string's code points, with TF's error modes (strict: InvalidArgumentError)."""
    try:
        text = b.decode(enc, "strict")
    except UnicodeDecodeError:
        if errors_ == "strict":
            raise _kernel(op_type, "Invalid formatting on input string", name or "") from None
        handler = "ignore" if errors_ == "ignore" else "replace"
        text = b.decode(enc, handler)
        if handler == "replace" and replacement_char != 0xFFFD:
            text = text.replace("\ufffd", chr(replacement_char))
    if replace_control:
        text = "".join(chr(replacement_char) if (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)
                       else c for c in text)
    return text


@_api.export("strings.unicode_transcode")
@traced_on_host
@elementwise
def unicode_transcode(input, input_encoding, output_encoding, errors="replace",  # noqa: A002
                      replacement_char=65533, replace_control_characters=False, name=None):
    """tf.strings.unicode_transcode."""
    op_type = "UnicodeTranscode"
    _error_mode(errors, op_type, name)
    arr = strings(input, op_type, name=name)
    src = codec(input_encoding, op_type, name)
    dst = codec(output_encoding, op_type, name, output=True)
    return as_tensor(_map(lambda b: decode_text(
        b, src, errors, replacement_char, replace_control_characters, op_type, name).encode(
        dst, "surrogatepass"), arr))


codecs.lookup("utf-8")  # the codecs above resolve without a registry search at first call
