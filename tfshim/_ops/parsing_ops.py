"""tf.io.parse_single_example / parse_example and tf.io.FixedLenFeature, VarLenFeature,
SparseFeature, RaggedFeature (TF's ops/parsing_ops.py and parsing_config.py): tf.train.Example
protos to dense tensors, SparseTensors and RaggedTensors.

Differences from TensorFlow: RaggedFeature's `partitions` (more ragged dimensions from other
features) are not supported (NotImplementedError).
"""

from __future__ import annotations

import collections
import re

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor, to_array
from .._core.tensor import wrap
from .._core.tensor_util import decode_tensor, encode_tensor
from . import op_defs

_KINDS = {dtypes.float32: ("float_list", "float"), dtypes.int64: ("int64_list", "int64"),
          dtypes.string: ("bytes_list", "string")}
_KIND_NAMES = {"float_list": "float", "int64_list": "int64", "bytes_list": "string"}


@_api.export("io.FixedLenFeature")
class FixedLenFeature(collections.namedtuple("FixedLenFeature",
                                             ["shape", "dtype", "default_value"])):
    """tf.io.FixedLenFeature."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtypes.as_dtype(dtype), default_value)


@_api.export("io.VarLenFeature")
class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """tf.io.VarLenFeature."""

    def __new__(cls, dtype):
        return super().__new__(cls, dtypes.as_dtype(dtype))


@_api.export("io.SparseFeature")
class SparseFeature(collections.namedtuple(
        "SparseFeature", ["index_key", "value_key", "dtype", "size", "already_sorted"])):
    """tf.io.SparseFeature."""

    def __new__(cls, index_key, value_key, dtype, size, already_sorted=False):
        return super().__new__(cls, index_key, value_key, dtypes.as_dtype(dtype), size,
                               already_sorted)


@_api.export("io.RaggedFeature")
class RaggedFeature(collections.namedtuple(
        "RaggedFeature", ["dtype", "value_key", "partitions", "row_splits_dtype", "validate"])):
    """tf.io.RaggedFeature (without `partitions`: see the module's differences)."""

    def __new__(cls, dtype, value_key=None, partitions=(), row_splits_dtype=dtypes.int32,
                validate=False):
        return super().__new__(cls, dtypes.as_dtype(dtype), value_key, tuple(partitions),
                               dtypes.as_dtype(row_splits_dtype), validate)


_ALL = (FixedLenFeature, VarLenFeature, SparseFeature, RaggedFeature)


def _counts(features):
    """(dense, sparse, ragged) inputs of TF's ParseExampleV2 op (a SparseFeature is two)."""
    kinds = [type(f) for f in features.values()]
    return (kinds.count(FixedLenFeature),
            kinds.count(VarLenFeature) + 2 * kinds.count(SparseFeature),
            kinds.count(RaggedFeature))


def _error(message, counts):
    dense, sparse, ragged = counts
    node = ("ParseExampleV2_Tdense_%d_num_sparse_%d_ragged_split_types_%d_ragged_value_types_%d_"
            "sparse_types_%d" % (dense, sparse, ragged, ragged, sparse))
    return errors.kernel_error("ParseExampleV2", message, name=None, node=node)


def _check(features):
    if not features:
        raise ValueError("Missing: features was %s." % features)
    for f in features.values():
        if not isinstance(f, _ALL):
            raise ValueError("Unsupported %s %s." % (type(f).__name__, f))
        if f.dtype not in _KINDS:
            raise ValueError("Unsupported %s %s." % (type(f).__name__, f))
        if isinstance(f, RaggedFeature) and f.partitions:
            raise NotImplementedError("tfshim: RaggedFeature partitions are not supported")
    return _counts(features)


def _values(example, key, dtype, counts):
    """A variable-length feature's values in one Example (none when it is absent)."""
    kind, _ = _KINDS[dtype]
    np_dtype = object if dtype is dtypes.string else dtype.as_numpy_dtype
    fmap = example.features.feature
    if key not in fmap or fmap[key].WhichOneof("kind") is None:
        return np.zeros(0, np_dtype)
    got = fmap[key].WhichOneof("kind")
    if got != kind:
        raise _error("Name: <unknown>, Key: %s, Index: 0.  Data types don't match. Expected "
                     "type: %s, Actual type: %s" % (key, _KINDS[dtype][1], _KIND_NAMES[got]),
                     counts)
    values = getattr(fmap[key], kind).value
    if np_dtype is object:
        out = np.empty(len(values), object)
        out[:] = list(values)
        return out
    return np.asarray(values, np_dtype)


def _sparse(rows, dense_shape, dtype, positions=None):
    """A SparseTensor of per-example value lists: row b's values at [b, position]."""
    from .._core.sparse_tensor import SparseTensor

    pos = positions or [np.arange(len(r)) for r in rows]
    indices = np.concatenate([np.stack([np.full(len(p), b), p], 1) for b, p in enumerate(pos)]
                             + [np.zeros((0, 2), np.int64)]).astype(np.int64)
    np_dtype = object if dtype is dtypes.string else dtype.as_numpy_dtype
    values = np.concatenate([np.asarray(r, np_dtype) for r in rows] + [np.zeros(0, np_dtype)])
    return SparseTensor(wrap(indices), wrap(to_array(values)), wrap(np.asarray(
        dense_shape, np.int64)))


def _composite(key, f, examples, counts, single):
    """A VarLen, Sparse or Ragged feature of a batch of Examples (or one: no batch index)."""
    if isinstance(f, RaggedFeature):
        rows = [_values(e, f.value_key or key, f.dtype, counts) for e in examples]
        if single:
            return wrap(to_array(rows[0]))
        from ..ragged.ragged_tensor import RaggedTensor

        splits = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(
            f.row_splits_dtype.as_numpy_dtype)
        flat = np.concatenate([np.asarray(r, rows[0].dtype) for r in rows]) if rows else (
            np.zeros(0, f.dtype.as_numpy_dtype))
        return RaggedTensor.from_row_splits(wrap(to_array(flat)), wrap(splits),
                                            validate=False)
    if isinstance(f, VarLenFeature):
        rows = [_values(e, key, f.dtype, counts) for e in examples]
        shape = [len(rows), max([len(r) for r in rows], default=0)]
        positions = None
    else:  # SparseFeature: values placed at their indices, sorted by index as TF's
        index_key = f.index_key if isinstance(f.index_key, str) else f.index_key[0]
        rows, positions = [], []
        for e in examples:
            idx = _values(e, index_key, dtypes.int64, counts)
            vals = _values(e, f.value_key, f.dtype, counts)
            order = np.arange(len(idx)) if f.already_sorted else np.argsort(idx, kind="stable")
            rows.append(vals[order])
            positions.append(idx[order])
        shape = [len(rows), int(f.size)]
    out = _sparse(rows, shape, f.dtype, positions)
    if single:
        from .._core.sparse_tensor import SparseTensor

        return SparseTensor(wrap(np.asarray(out.indices._value)[:, 1:]), out.values,
                            wrap(np.asarray(shape[1:], np.int64)))
    return out


def _one(example, key, feature, counts):
    """One feature of one parsed Example, as a NumPy array of the feature's shape."""
    shape = [int(d) for d in feature.shape]
    kind, _ = _KINDS[feature.dtype]
    np_dtype = object if feature.dtype is dtypes.string else feature.dtype.as_numpy_dtype
    fmap = example.features.feature
    if key not in fmap or fmap[key].WhichOneof("kind") is None:
        if feature.default_value is None:
            raise _error("Feature: %s (data type: %s) is required but could not be found."
                         % (key, _KINDS[feature.dtype][1]), counts)
        default = convert_to_tensor(feature.default_value, feature.dtype)
        return np.broadcast_to(np.asarray(default._value, np_dtype), shape).copy()
    got = fmap[key].WhichOneof("kind")
    if got != kind:
        raise _error("Key: %s.  Data types don't match. Data type: %s but expected type: %s"
                     % (key, _KIND_NAMES[got], _KINDS[feature.dtype][1]), counts)
    values = getattr(fmap[key], kind).value
    if len(values) != int(np.prod(shape)):
        raise _error("Key: %s.  Can't parse serialized Example: Some %s slice was not parsed."
                     % (key, kind), counts)
    if np_dtype is object:
        out = np.empty(len(values), object)
        out[:] = list(values)
        return out.reshape(shape)
    return np.asarray(values, np_dtype).reshape(shape)


def _examples(serialized, counts):
    from .._proto.example import Example

    value = getattr(serialized, "_value", serialized)
    arr = np.asarray(value, dtype=object)
    flat = []
    for s in arr.reshape(-1):
        s = s if isinstance(s, bytes) else str(s).encode()
        try:
            flat.append(Example.FromString(s))
        except Exception:  # noqa: BLE001 - protobuf's DecodeError: TF's parse error
            raise _error("Could not parse example input, value: '%s'"
                         % s.decode("latin-1"), counts) from None
    return arr.shape, flat


def _result(features, columns):
    """TF's order: VarLen keys, dense keys, ragged keys (each sorted), then SparseFeatures."""
    order = (VarLenFeature, FixedLenFeature, RaggedFeature, SparseFeature)
    keys = sorted(features, key=lambda k: (order.index(type(features[k])), k))
    return {k: columns[k] if isinstance(features[k], (VarLenFeature, RaggedFeature,
                                                      SparseFeature))
            else wrap(to_array(columns[k])) for k in keys}


@_api.export("io.parse_single_example")
def parse_single_example(serialized, features, example_names=None, name=None):
    """tf.io.parse_single_example."""
    counts = _check(features)
    _, (example,) = _examples(serialized, counts)
    return _result(features, {
        k: _one(example, k, f, counts) if isinstance(f, FixedLenFeature)
        else _composite(k, f, [example], counts, True) for k, f in features.items()})


@_api.export("io.parse_example")
def parse_example(serialized, features, example_names=None, name=None):
    """tf.io.parse_example: a batch of serialized Examples."""
    counts = _check(features)
    _, examples = _examples(serialized, counts)
    columns = {}
    for k, f in features.items():
        if not isinstance(f, FixedLenFeature):
            columns[k] = _composite(k, f, examples, counts, False)
            continue
        rows = [_one(e, k, f, counts) for e in examples]
        shape = [len(rows)] + [int(d) for d in f.shape]
        if f.dtype is dtypes.string:
            col = np.empty(shape, object)
            for i, r in enumerate(rows):
                col[i, ...] = r
        else:
            col = np.stack(rows) if rows else np.zeros(shape, f.dtype.as_numpy_dtype)
        columns[k] = col
    return _result(features, columns)


# -- DecodeRaw, DecodePaddedRaw ------------------------------------------------------------------
_RAW_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.uint16,
              dtypes.uint8, dtypes.int16, dtypes.int8, dtypes.int64, dtypes.complex64,
              dtypes.complex128, dtypes.bool, dtypes.bfloat16)


@_api.export("io.decode_raw")
def decode_raw(input_bytes, out_type, little_endian=True, fixed_length=None, name=None):
    """tf.io.decode_raw: each string's bytes as a vector of out_type (TF's DecodeRaw, or
    DecodePaddedRaw with fixed_length: zero-padded or cut to fixed_length bytes)."""
    from .string_ops import as_tensor, strings

    op_type = "DecodeRaw" if fixed_length is None else "DecodePaddedRaw"
    out_type = dtypes.as_dtype(out_type)
    if out_type not in _RAW_TYPES:
        raise errors.attr_value_error(
            "out_type", dtypes.tf_type_name(out_type),
            ", ".join(dtypes.tf_type_name(d) for d in _RAW_TYPES), op_type, None)
    arr = strings(input_bytes, op_type, name=name)
    flat = [bytes(b) for b in arr.reshape(-1)]
    np_dtype = np.dtype(out_type.as_numpy_dtype)
    size = np_dtype.itemsize
    if fixed_length is not None:
        fixed_length = int(fixed_length)
        if fixed_length % size:
            raise errors.kernel_error(op_type, "fixed_length (%d) must be a multiple of the size "
                                      "of out_type (%d)" % (fixed_length, size), "")
        flat = [b[:fixed_length].ljust(fixed_length, b"\0") for b in flat]
    elif flat:
        for i, b in enumerate(flat):
            if len(b) != len(flat[0]):
                raise errors.kernel_error(
                    op_type, "DecodeRaw requires input strings to all be the same size, but "
                    "element %d has size %d != %d" % (i, len(flat[0]), len(b)), "")
        if len(flat[0]) % size:
            raise errors.kernel_error(
                op_type, "Input to DecodeRaw has length %d that is not a multiple of %d, the size "
                "of %s" % (len(flat[0]), size, dtypes.tf_type_name(out_type)), "")
    width = (len(flat[0]) if flat else 0) // size
    order = np_dtype.newbyteorder("<" if little_endian else ">") if size > 1 else np_dtype
    data = np.frombuffer(b"".join(flat), order) if flat else np.zeros(0, np_dtype)
    return as_tensor(data.astype(np_dtype).reshape(arr.shape + (width,)), out_type)


# -- SerializeTensor / ParseTensor -------------------------------------------------------------
@_api.export("io.serialize_tensor")
def serialize_tensor(tensor, name=None):
    """tf.io.serialize_tensor: TF's TensorProto bytes (numbers as tensor_content, strings as
    string_val, as TF's SerializeTensor writes them)."""
    from .._proto.tensor import TensorProto

    a = np.asarray(convert_to_tensor(tensor)._value)
    if a.dtype != object:
        return wrap(np.asarray(encode_tensor(a), dtype=object))
    proto = TensorProto(dtype=dtypes.string.as_datatype_enum)
    proto.tensor_shape.SetInParent()
    for d in a.shape:
        proto.tensor_shape.dim.add(size=d)
    proto.string_val.extend(a.ravel().tolist())
    return wrap(np.asarray(proto.SerializeToString(), dtype=object))


@_api.export("io.parse_tensor")
def parse_tensor(serialized, out_type, name=None):
    """tf.io.parse_tensor: a TensorProto's value, which must be of out_type."""
    import base64

    from google.protobuf.message import DecodeError


    out_type = dtypes.as_dtype(out_type)
    s = np.asarray(convert_to_tensor(serialized, dtype=dtypes.string)._value)
    if s.ndim:
        raise errors.kernel_error("ParseTensor", "Expected `serialized` to be a scalar, got "
                                  "shape: [%s]" % ",".join(map(str, s.shape)), None)
    data = s.item()
    try:
        value = decode_tensor(data)
    except (DecodeError, KeyError, ValueError):
        raise errors.kernel_error(
            "ParseTensor", "Could not parse `serialized` as TensorProto, base64: %s"
            % base64.b64encode(data).decode(), None) from None
    got = dtypes.from_numpy(value.dtype) if value.dtype != object else dtypes.string
    if got is not out_type:
        raise errors.kernel_error(
            "ParseTensor", "Type mismatch between parsed tensor (%s) and dtype (%s)"
            % (dtypes.tf_type_name(got), dtypes.tf_type_name(out_type)),
            "" if name is None else name)
    return wrap(value if value.dtype == object else np.asarray(value))


# -- DecodeCSV ---------------------------------------------------------------------------------
_CSV_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.string)
_INT = re.compile(rb"\s*[+-]?[0-9]+\s*\Z")
# C's strtod: decimal, hexadecimal, inf/infinity, nan (any case), surrounding spaces.
_FLOAT = re.compile(rb"\s*[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|"
                    rb"0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|"
                    rb"(?i:inf(?:inity)?|nan))\s*\Z")


def _csv_fields(record, delim, quote, select, fail):
    """TF's DecodeCSVOp::ExtractFields: the record's fields (the selected ones only)."""
    out, i, parsed, sel, n = [], 0, 0, 0, len(record)
    while i < n:
        if record[i] in b"\n\r":
            i += 1
            continue
        include = select is None or select[sel] == parsed
        field = bytearray()
        if quote and record[i] == ord('"'):
            i += 1
            while i < n - 1 and (record[i] != ord('"') or record[i + 1] != delim):
                if record[i] != ord('"'):
                    field.append(record[i])
                    i += 1
                else:
                    if record[i + 1] != ord('"'):
                        fail("Quote inside a string has to be escaped by another quote")
                    field.append(ord('"'))
                    i += 2
            if not (i < n and record[i] == ord('"') and (i == n - 1 or record[i + 1] == delim)):
                fail("Quoted field has to end with quote followed by delim or end")
            i += 2
        else:
            while i < n and record[i] != delim:
                if (quote and record[i] == ord('"')) or record[i] in b"\n\r":
                    fail("Unquoted fields cannot have quotes/CRLFs inside")
                field.append(record[i])
                i += 1
            i += 1
        parsed += 1
        if include:
            out.append(bytes(field))
            sel += 1
            if select is not None and sel == len(select):
                return out
    if n and record[-1] == delim and (select is None or select[sel] == parsed):
        out.append(b"")
    return out


def _csv_value(field, dtype):
    """The field as dtype (TF's safe_strto32/64, safe_strtof/d), or None if it is not one."""
    if dtype is dtypes.string:
        return field
    if dtype in (dtypes.int32, dtypes.int64):
        if not _INT.match(field):
            return None
        v = int(field)
        info = np.iinfo(dtype.as_numpy_dtype)
        return v if info.min <= v <= info.max else None
    if not _FLOAT.match(field):
        return None
    text = field.strip().decode()
    v = float.fromhex(text) if "x" in text.lower() else float(text)
    with np.errstate(over="ignore"):
        return dtype.as_numpy_dtype(v)


@_api.export("io.decode_csv")
def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, na_value="",
               select_cols=None, name=None):
    """tf.io.decode_csv: each CSV record's fields as tensors shaped like records, one per
    record default (NumPy on the host: XLA has no strings)."""
    if select_cols is not None:
        if any(select_cols[i] >= select_cols[i + 1] for i in range(len(select_cols) - 1)):
            raise ValueError("select_cols is not strictly increasing.")
        if select_cols and select_cols[0] < 0:
            raise ValueError("select_cols contains negative values.")
        if len(select_cols) != len(record_defaults):
            raise ValueError("Length of select_cols and record_defaults do not match.")
        select_cols = [int(c) for c in select_cols] or None
    recs = np.asarray(convert_to_tensor(records, dtype=dtypes.string)._value)
    defaults = [convert_to_tensor(d) for d in record_defaults]
    for d in defaults:
        if d.dtype not in _CSV_TYPES:
            raise errors.attr_value_error(
                "OUT_TYPE", dtypes.tf_type_name(d.dtype), "float, double, int32, int64, string",
                "DecodeCSV", None, op_def=op_defs.TEXT["DecodeCSV"])
    if not defaults:
        raise errors.InvalidArgumentError(
            None, None, "Length for attr 'OUT_TYPE' of 0 must be at least minimum 1\n\t; NodeDef: "
            "{{node DecodeCSV}}; Op<name=%s> [Op:DecodeCSV]" % op_defs.TEXT["DecodeCSV"])
    node = "DecodeCSV_OUT_TYPE_%d" % len(defaults)

    def fail(message):
        raise errors.kernel_error("DecodeCSV", message, None, node=node)

    delim = field_delim.encode() if isinstance(field_delim, str) else bytes(field_delim)
    if len(delim) != 1:
        fail("field_delim should be only 1 char")
    na = na_value.encode() if isinstance(na_value, str) else bytes(na_value)
    values = []
    for f, d in enumerate(defaults):
        v = np.asarray(d._value)
        if v.ndim > 1:
            fail("Each record default should be at most rank 1")
        if v.size > 1:
            fail("There should only be 1 default per field but field %d has %d" % (f, v.size))
        values.append(v.reshape(-1))
    flat = recs.reshape(-1)
    columns = [[] for _ in defaults]
    for r, record in enumerate(flat):
        fields = _csv_fields(bytes(record), delim[0], use_quote_delim, select_cols, fail)
        if len(fields) != len(defaults):
            fail("Expect %d fields but have %d in record %d" % (len(defaults), len(fields), r))
        for f, (field, d) in enumerate(zip(fields, defaults)):
            if not field or field == na:
                if values[f].size != 1:
                    fail("Field %d is required but missing in record %d!" % (f, r))
                columns[f].append(values[f][0])
                continue
            v = _csv_value(field, d.dtype)
            if v is None:
                fail("Field %d in record %d is not a valid %s: %s"
                     % (f, r, dtypes.tf_type_name(d.dtype), field.decode(errors="replace")))
            columns[f].append(v)
    return [wrap(np.asarray(c, object if d.dtype is dtypes.string else
                            d.dtype.as_numpy_dtype).reshape(recs.shape))
            for c, d in zip(columns, defaults)]
