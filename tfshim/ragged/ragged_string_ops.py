"""The tf.strings ops with ragged results (TF's ragged/ragged_string_ops.py): split,
bytes_split, unicode_decode/encode/split (with offsets), ngrams.

Each splits the innermost strings of its input into rows: a scalar gives a dense vector, a
tensor of rank n a RaggedTensor of ragged_rank n (TF's results), a RaggedTensor one more
ragged dimension. NumPy on the host, as string_ops.py.
"""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core import errors as errors_mod
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor
from .._ops import string_ops as S
from .ragged_tensor import RaggedTensor, _concrete


def _rows(input, op_type, name, fn, dtype, width=1):  # noqa: A002
    """fn(element) -> list of items (or tuples of `width` lists) for each string of input,
    as TF's results: a dense vector for a scalar, ragged rows otherwise."""
    if isinstance(input, RaggedTensor):
        inner = _rows(input.flat_values, op_type, name, fn, dtype, width)
        if width == 1:
            return input.with_flat_values(inner)
        return tuple(input.with_flat_values(x) for x in inner)
    arr = S.strings(input, op_type, name=name)
    return _shape_rows(arr, fn, dtype, width)


def _shape_rows(arr, fn, dtype, width):
    items = [fn(s) for s in arr.ravel()]
    if width == 1:
        items = [(x,) for x in items]
    lengths = np.array([len(x[0]) for x in items], dtype=np.int64)
    outs = []
    for k in range(width):
        kind = dtype[k] if isinstance(dtype, tuple) else dtype
        flat = [v for x in items for v in x[k]]
        values = S.as_tensor(np.array(flat, dtype=object if kind is D.string else
                                      kind.as_numpy_dtype).reshape(-1), kind)
        if arr.ndim == 0:
            outs.append(values)
            continue
        rt = RaggedTensor.from_row_lengths(values, lengths, validate=False)
        for j in range(arr.ndim - 1, 0, -1):  # the outer dimensions, as uniform rows
            n = int(np.prod(arr.shape[:j]))
            rt = RaggedTensor.from_row_lengths(rt, np.full(n, arr.shape[j], np.int64),
                                               validate=False)
        outs.append(rt)
    return outs[0] if width == 1 else tuple(outs)


@_api.export("strings.split")
def split(input, sep=None, maxsplit=-1, name=None):  # noqa: A002
    """tf.strings.split: on runs of whitespace (sep None or ""), or on each sep."""
    if isinstance(sep, Tensor):
        sep = _concrete(sep)[()]
    if isinstance(sep, str):
        sep = sep.encode()
    if not sep:
        sep = None
    limit = -1 if maxsplit is None else int(maxsplit)
    return _rows(input, "StringSplitV2", name, lambda s: s.split(sep, limit), D.string)


@_api.export("strings.bytes_split")
def bytes_split(input, name=None):  # noqa: A002
    """tf.strings.bytes_split: each string as its bytes."""
    return _rows(input, "UnicodeDecode", name,
                 lambda s: [s[i:i + 1] for i in range(len(s))], D.string)


def _decode(input, input_encoding, errors_, replacement_char, replace_control, offsets,  # noqa: A002
            op_type, name):
    S._error_mode(errors_, op_type, name)
    enc = S.codec(input_encoding, op_type, name)

    def fn(s):
        text = S.decode_text(s, enc, errors_, replacement_char, replace_control, op_type, name)
        points = [ord(c) for c in text]
        if not offsets:
            return points
        starts, pos = [], 0
        for c in text:  # byte offsets of each character in the input (valid input)
            starts.append(pos)
            pos += len(c.encode(enc, "surrogatepass"))
        return points, starts

    if offsets:
        return _rows(input, op_type, name, fn, (D.int32, D.int64), width=2)
    return _rows(input, op_type, name, fn, D.int32)


@_api.export("strings.unicode_decode")
def unicode_decode(input, input_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                   replace_control_characters=False, name=None):
    """tf.strings.unicode_decode: int32 code points."""
    return _decode(input, input_encoding, errors, replacement_char,
                   replace_control_characters, False, "UnicodeDecode", name)


@_api.export("strings.unicode_decode_with_offsets")
def unicode_decode_with_offsets(input, input_encoding, errors="replace",  # noqa: A002
                                replacement_char=65533, replace_control_characters=False,
                                name=None):
    """tf.strings.unicode_decode_with_offsets: code points and their int64 byte offsets."""
    return _decode(input, input_encoding, errors, replacement_char,
                   replace_control_characters, True, "UnicodeDecodeWithOffsets", name)


def _split(input, input_encoding, errors_, replacement_char, offsets, name):  # noqa: A002
    enc = S.codec(input_encoding, "UnicodeDecode", name)
    decoded = _decode(input, input_encoding, errors_, replacement_char, False, offsets,
                      "UnicodeDecodeWithOffsets" if offsets else "UnicodeDecode", name)
    points = decoded[0] if offsets else decoded
    flat = points.flat_values if isinstance(points, RaggedTensor) else points
    chars = np.array([chr(c).encode(enc, "surrogatepass") for c in np.asarray(flat._value)],
                     dtype=object)
    strs = S.as_tensor(chars)
    out = points.with_flat_values(strs) if isinstance(points, RaggedTensor) else strs
    return (out, decoded[1]) if offsets else out


@_api.export("strings.unicode_split")
def unicode_split(input, input_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                  name=None):
    """tf.strings.unicode_split: each string as its characters."""
    return _split(input, input_encoding, errors, replacement_char, False, name)


@_api.export("strings.unicode_split_with_offsets")
def unicode_split_with_offsets(input, input_encoding, errors="replace",  # noqa: A002
                               replacement_char=65533, name=None):
    """tf.strings.unicode_split_with_offsets."""
    return _split(input, input_encoding, errors, replacement_char, True, name)


@_api.export("strings.unicode_encode")
def unicode_encode(input, output_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                   name=None):
    """tf.strings.unicode_encode: the innermost dimension of code points as strings."""
    op_type = "UnicodeEncode"
    S._error_mode(errors, op_type, name)
    enc = S.codec(output_encoding, op_type, name, output=True)

    def encode(points):
        chars = []
        for c in points:
            if 0 <= c <= 0x10FFFF and not 0xD800 <= c <= 0xDFFF:
                chars.append(chr(c))
            elif errors == "strict":
                raise errors_mod.kernel_error(op_type, "Invalid code point %d" % c, name or "")
            elif errors == "replace":
                chars.append(chr(replacement_char))
        return "".join(chars).encode(enc)

    if isinstance(input, RaggedTensor):
        if input.ragged_rank == 1 and input.flat_values.shape.rank == 1:
            vals = np.asarray(_concrete(input.flat_values))
            splits = _concrete(input.row_splits)
            return S.as_tensor(np.array([encode(vals[a:b].tolist()) for a, b in
                                         zip(splits[:-1], splits[1:])], dtype=object))
        inner = unicode_encode(input.values, output_encoding, errors, replacement_char)
        return input.with_values(inner) if input.ragged_rank > 1 else inner
    t = convert_to_tensor(input, dtype_hint=D.int32)
    if t.dtype is not D.int32:
        raise errors_mod.input_dtype_error(op_type, 0, "int32", t.dtype.name, name or "")
    arr = S._concrete(t)
    if arr.ndim == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    rows = arr.reshape(-1, arr.shape[-1]) if arr.shape[-1] else arr.reshape(-1, 0)
    out = np.array([encode(r.tolist()) for r in rows], dtype=object)
    return S.as_tensor(out.reshape(arr.shape[:-1]))


# -- ngrams -------------------------------------------------------------------------------------


def _row_ngrams(row, widths, sep, pad, padding_width, preserve):
    out = []
    for n in widths:
        p = 0 if pad is None else (n - 1 if padding_width is None else min(padding_width, n - 1))
        seq = list(row) if not p else [pad[0]] * p + list(row) + [pad[1]] * p
        grams = [sep.join(seq[i:i + n]) for i in range(len(seq) - n + 1)]
        out.extend(grams)
    if not out and preserve and len(row):
        out = [sep.join(row)]
    return out


@_api.export("strings.ngrams")
def ngrams(data, ngram_width, separator=" ", pad_values=None, padding_width=None,
           preserve_short_sequences=False, name=None):
    """tf.strings.ngrams: n-grams along the innermost dimension (several widths in order)."""
    widths = [ngram_width] if np.ndim(ngram_width) == 0 else list(ngram_width)
    widths = [int(w) for w in widths]
    if any(w < 1 for w in widths):
        raise errors.InvalidArgumentError(None, None, "Requested ngram width must be > 0")
    if padding_width is not None and padding_width < 1:
        raise ValueError("padding_width must be greater than 0.")
    if padding_width is not None and pad_values is None:
        raise ValueError("pad_values must be provided if padding_width is set.")
    sep = separator.encode() if isinstance(separator, str) else separator
    pad = None
    if pad_values is not None:
        pv = (pad_values, pad_values) if isinstance(pad_values, (str, bytes)) else pad_values
        if len(pv) != 2:
            raise ValueError("pad_values must be a string, tuple or list.")
        pad = tuple(v.encode() if isinstance(v, str) else v for v in pv)

    def fn(row):
        return _row_ngrams(row, widths, sep, pad, padding_width, preserve_short_sequences)

    if isinstance(data, RaggedTensor):
        if data.ragged_rank > 1:
            return data.with_values(ngrams(data.values, ngram_width, separator, pad_values,
                                           padding_width, preserve_short_sequences))
        vals = S.strings(data.flat_values, "StringNGrams", name=name)
        splits = _concrete(data.row_splits)
        rows = [fn(vals[a:b].tolist()) for a, b in zip(splits[:-1], splits[1:])]
        lengths = np.array([len(r) for r in rows], np.int64)
        flat = S.as_tensor(np.array([g for r in rows for g in r], dtype=object).reshape(-1))
        return RaggedTensor.from_row_lengths(flat, lengths, validate=False)
    arr = S.strings(data, "StringNGrams", name=name)
    if arr.ndim == 0:
        raise ValueError("Data must have rank>0")
    rows = [fn(r.tolist()) for r in arr.reshape(-1, arr.shape[-1])]
    n = len(rows[0]) if rows else 0
    out = np.array([g for r in rows for g in r], dtype=object)
    return S.as_tensor(out.reshape(arr.shape[:-1] + (n,)))
