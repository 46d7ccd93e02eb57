"""tf.io.parse_single_example / parse_example and tf.io.FixedLenFeature (TF's ops/parsing_ops.py
and parsing_config.py): tf.train.Example protos to dense tensors.

Differences from TensorFlow: VarLenFeature, SparseFeature and RaggedFeature are absent (their
outputs are SparseTensor/RaggedTensor, which tfshim does not have yet).
"""

from __future__ import annotations

import collections

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor, to_array
from .._core.tensor import wrap

_KINDS = {dtypes.float32: ("float_list", "float"), dtypes.int64: ("int64_list", "int64"),
          dtypes.string: ("bytes_list", "string")}
_KIND_NAMES = {"float_list": "float", "int64_list": "int64", "bytes_list": "string"}


@_api.export("io.FixedLenFeature")
class FixedLenFeature(collections.namedtuple("FixedLenFeature",
                                             ["shape", "dtype", "default_value"])):
    """tf.io.FixedLenFeature."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtypes.as_dtype(dtype), default_value)


def _error(message, n_dense):
    node = ("ParseExampleV2_Tdense_%d_num_sparse_0_ragged_split_types_0_ragged_value_types_0_"
            "sparse_types_0" % n_dense)
    return errors.kernel_error("ParseExampleV2", message, name=None, node=node)


def _check(features):
    if not features:
        raise ValueError("Missing: features was %s." % features)
    for f in features.values():
        if not isinstance(f, FixedLenFeature):
            raise ValueError("Unsupported %s %s." % (type(f).__name__, f))
        if f.dtype not in _KINDS:
            raise ValueError("Unsupported FixedLenFeature %s." % (f,))


def _one(example, key, feature, n_dense):
    """One feature of one parsed Example, as a NumPy array of the feature's shape."""
    shape = [int(d) for d in feature.shape]
    kind, _ = _KINDS[feature.dtype]
    np_dtype = object if feature.dtype is dtypes.string else feature.dtype.as_numpy_dtype
    fmap = example.features.feature
    if key not in fmap or fmap[key].WhichOneof("kind") is None:
        if feature.default_value is None:
            raise _error("Feature: %s (data type: %s) is required but could not be found."
                         % (key, _KINDS[feature.dtype][1]), n_dense)
        default = convert_to_tensor(feature.default_value, feature.dtype)
        return np.broadcast_to(np.asarray(default._value, np_dtype), shape).copy()
    got = fmap[key].WhichOneof("kind")
    if got != kind:
        raise _error("Key: %s.  Data types don't match. Data type: %s but expected type: %s"
                     % (key, _KIND_NAMES[got], _KINDS[feature.dtype][1]), n_dense)
    values = getattr(fmap[key], kind).value
    if len(values) != int(np.prod(shape)):
        raise _error("Key: %s.  Can't parse serialized Example: Some %s slice was not parsed."
                     % (key, kind), n_dense)
    if np_dtype is object:
        out = np.empty(len(values), object)
        out[:] = list(values)
        return out.reshape(shape)
    return np.asarray(values, np_dtype).reshape(shape)


def _examples(serialized, n_dense):
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
                         % s.decode("latin-1"), n_dense) from None
    return arr.shape, flat


def _result(features, columns):
    return {k: wrap(to_array(columns[k])) for k in sorted(features)}


@_api.export("io.parse_single_example")
def parse_single_example(serialized, features, example_names=None, name=None):
    """tf.io.parse_single_example (FixedLenFeature only)."""
    _check(features)
    n = len(features)
    _, (example,) = _examples(serialized, n)
    return _result(features, {k: _one(example, k, f, n) for k, f in features.items()})


@_api.export("io.parse_example")
def parse_example(serialized, features, example_names=None, name=None):
    """tf.io.parse_example (FixedLenFeature only): a batch of serialized Examples."""
    _check(features)
    n = len(features)
    _, examples = _examples(serialized, n)
    columns = {}
    for k, f in features.items():
        rows = [_one(e, k, f, n) for e in examples]
        shape = [len(rows)] + [int(d) for d in f.shape]
        if f.dtype is dtypes.string:
            col = np.empty(shape, object)
            for i, r in enumerate(rows):
                col[i, ...] = r
        else:
            col = np.stack(rows) if rows else np.zeros(shape, f.dtype.as_numpy_dtype)
        columns[k] = col
    return _result(features, columns)
