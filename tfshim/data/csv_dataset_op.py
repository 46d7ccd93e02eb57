"""tf.data.experimental.CsvDataset (TF's experimental/ops/readers.py and the CSVDatasetV2
kernel, csv_dataset_op.cc): the records of CSV files as tuples of scalars, parsed on the host.

Its reader differs from tf.io.decode_csv's: a quoted field may hold line breaks, a record ends
at "\\n", "\\r\\n" or "\\r", and its errors name no record number.
"""

from __future__ import annotations

import numpy as np

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor
from .._core.tensor_spec import TensorSpec
from .._ops.parsing_ops import _CSV_TYPES, _csv_value
from .dataset_ops import DatasetV2, Variant
from .readers import _filenames
from .tf_record import open_read

_OP_DEF = (
    "CSVDatasetV2; signature=filenames:string, compression_type:string, buffer_size:int64, "
    "header:bool, field_delim:string, use_quote_delim:bool, na_value:string, select_cols:int64, "
    "record_defaults:, exclude_cols:int64 -> handle:variant; attr=output_types:list(type),min=1,"
    "allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, DT_STRING]; attr=output_shapes:list(shape)"
    ",min=1; is_stateful=true")


def _kernel_error(message, n):
    return errors.kernel_error("CSVDatasetV2", message, node="CSVDatasetV2_output_types_%d" % n)


def _records(data: bytes, delim: int, quote: bool):
    """The file's records, each a list of its fields (CSVDatasetOp's reader)."""
    i, n = 0, len(data)
    while i < n:
        fields = []
        while True:
            field = bytearray()
            if quote and i < n and data[i] == 0x22:
                i += 1
                while True:
                    if i >= n:
                        raise errors.InvalidArgumentError(
                            None, None, "Reached end of file without closing quoted field in "
                            "record")
                    if data[i] == 0x22:
                        if i + 1 < n and data[i + 1] == 0x22:
                            field.append(0x22)
                            i += 2
                            continue
                        if i + 1 >= n or data[i + 1] in (delim, 0x0A, 0x0D):
                            i += 1
                            break
                    field.append(data[i])
                    i += 1
            else:
                while i < n and data[i] not in (delim, 0x0A, 0x0D):
                    if quote and data[i] == 0x22:
                        raise errors.InvalidArgumentError(
                            None, None, "Unquoted fields cannot have quotes inside")
                    field.append(data[i])
                    i += 1
            fields.append(bytes(field))
            if i < n and data[i] == delim:
                i += 1
                continue
            if data[i:i + 2] == b"\r\n":
                i += 2
            elif i < n:
                i += 1
            break
        yield fields


@_api.export("data.experimental.CsvDataset")
class CsvDatasetV2(DatasetV2):
    """tf.data.experimental.CsvDataset."""

    def __init__(self, filenames, record_defaults, compression_type=None, buffer_size=None,
                 header=False, field_delim=",", use_quote_delim=True, na_value="",
                 select_cols=None, exclude_cols=None):
        defaults = []
        for d in record_defaults:
            if isinstance(d, dtypes.DType):  # a dtype alone: the column is required
                d = convert_to_tensor(np.zeros(0, d.as_numpy_dtype if d is not dtypes.string
                                               else object), dtype=d)
            defaults.append(convert_to_tensor(d))
        for d in defaults:
            if d.dtype not in _CSV_TYPES:
                raise errors.attr_value_error(
                    "output_types", dtypes.tf_type_name(d.dtype),
                    "float, double, int32, int64, string", "CSVDatasetV2", "", op_def=_OP_DEF)
        if not defaults:
            raise errors.InvalidArgumentError(
                None, None, "Length for attr 'output_types' of 0 must be at least minimum 1\n\t; "
                "NodeDef: {{node CSVDatasetV2}}; Op<name=%s> [Op:CSVDatasetV2] name: " % _OP_DEF)
        n = len(defaults)
        select = [int(c) for c in select_cols or []]
        exclude = [int(c) for c in exclude_cols or []]
        if select and len(select) != n:
            raise _kernel_error("select_cols should match output size", n)
        if select and exclude:
            raise _kernel_error("Either select_cols or exclude_cols should be empty", n)
        for cols, what in ((select, "select_cols"), (exclude, "exclude_cols")):
            if any(c < 0 for c in cols):
                raise _kernel_error("%s should be non-negative indices" % what, n)
            if any(a >= b for a, b in zip(cols, cols[1:])):
                raise _kernel_error("%s should be strictly increasing indices" % what, n)
        self._values = []
        for f, d in enumerate(defaults):
            v = np.asarray(d._value).reshape(-1)
            if v.size > 1:
                raise _kernel_error("There should only be 1 default per field but field %d has "
                                    "%d" % (f, v.size), n)
            self._values.append(v)
        delim = field_delim.encode() if isinstance(field_delim, str) else bytes(field_delim)
        if len(delim) != 1:
            raise _kernel_error("field_delim should be only 1 char", n)
        self._delim, self._quote = delim[0], bool(use_quote_delim)
        self._na = na_value.encode() if isinstance(na_value, str) else bytes(na_value)
        self._select, self._exclude = select, set(exclude)
        self._dtypes = [d.dtype for d in defaults]
        self._filenames, self._compression, self._header = filenames, compression_type, header
        super().__init__(Variant(tuple(TensorSpec([], d.dtype) for d in defaults)))

    def _columns(self, fields):
        """The record's output fields (select_cols or exclude_cols applied), checked."""
        n = len(self._dtypes)
        if self._select:
            picked = [fields[c] for c in self._select if c < len(fields)]
        else:
            picked = [f for c, f in enumerate(fields) if c not in self._exclude]
        if len(picked) > n:
            raise errors.InvalidArgumentError(
                None, None, "Expect %d fields but have more in record" % n)
        if len(picked) < n:
            raise errors.InvalidArgumentError(
                None, None, "Expect %d fields but have %d in record" % (n, len(picked)))
        return picked

    def _iter_flat(self):
        for path in _filenames(self._filenames):
            records = _records(open_read(path, self._compression), self._delim, self._quote)
            for r, fields in enumerate(records):
                if r == 0 and self._header:
                    continue
                yield [self._value(f, field) for f, field in enumerate(self._columns(fields))]

    def _value(self, f, field):
        dtype, default = self._dtypes[f], self._values[f]
        if not field or field == self._na:
            if default.size != 1:
                raise errors.InvalidArgumentError(
                    None, None, "Field %d is required but missing in record!" % f)
            v = default[0]
        else:
            v = _csv_value(field, dtype)
            if v is None:
                raise errors.InvalidArgumentError(
                    None, None, "Field %d in record is not a valid %s: %s"
                    % (f, dtypes.tf_type_name(dtype), field.decode(errors="replace")))
        out = np.empty((), object) if dtype is dtypes.string else None
        if out is not None:
            out[()] = v
            return out
        return np.asarray(v, dtype.as_numpy_dtype)
