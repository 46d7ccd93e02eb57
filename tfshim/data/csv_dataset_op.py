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


# -- make_csv_dataset (TF's experimental/ops/readers.py, ported) -------------------------------
def _is_valid_int32(s):
    try:
        return np.int32(s) == np.int64(s)
    except (ValueError, OverflowError):
        return False


def _is_valid_int64(s):
    try:
        np.int64(s)
        return True
    except (ValueError, OverflowError):
        return False


def _is_valid_float(s, np_dtype):
    try:
        return np_dtype(s) < np.inf
    except ValueError:
        return False


def _infer_type(str_val, na_value, prev_type):
    """TF's _infer_type: the narrowest of int32, int64, float32, float64, string that holds
    this value and every earlier one."""
    if str_val in ("", na_value):
        return prev_type
    checks = [(dtypes.int32, _is_valid_int32), (dtypes.int64, _is_valid_int64),
              (dtypes.float32, lambda v: _is_valid_float(v, np.float32)),
              (dtypes.float64, lambda v: _is_valid_float(v, np.float64)),
              (dtypes.string, lambda v: True)]
    order = [t for t, _ in checks]
    for i, (t, valid) in enumerate(checks):
        if valid(str_val) and (prev_type is None or prev_type in order[:i + 1]):
            return t


def _open_text(filename, compression_type, encoding):
    import gzip
    import io

    if compression_type in (None, ""):
        return open(filename, encoding=encoding, newline="")
    if compression_type == "GZIP":
        return io.TextIOWrapper(gzip.open(filename, "rb"), encoding=encoding, newline="")
    if compression_type == "ZLIB":
        raise ValueError(f"`compression_type` {compression_type} is not supported for probing "
                         "columns.")
    raise ValueError(f"Received unknown `compression_type` {compression_type}. Expected: GZIP, "
                     "ZLIB or  (empty string).")


def _reader(f, field_delim, use_quote_delim):
    import csv

    return csv.reader(f, delimiter=field_delim,
                      quoting=csv.QUOTE_MINIMAL if use_quote_delim else csv.QUOTE_NONE)


def _infer_column_names(filenames, field_delim, use_quote_delim, open_fn):
    names = None
    for name in filenames:
        with open_fn(name) as f:
            try:
                row = next(_reader(f, field_delim, use_quote_delim))
            except StopIteration:
                raise ValueError(f"Failed when reading the header line of {name}. Is it an empty "
                                 "file?") from None
        if names is None:
            names = row
        elif row != names:
            raise ValueError("All input CSV files should have the same column names in the "
                             f"header row. File {name} has different column names.")
    return names


def _infer_column_defaults(filenames, num_cols, field_delim, use_quote_delim, na_value, header,
                           num_rows, select_columns, open_fn):
    select_columns = range(num_cols) if select_columns is None else select_columns
    inferred = [None] * len(select_columns)
    i = 0
    for fn in filenames:
        with open_fn(fn) as f:
            rdr = _reader(f, field_delim, use_quote_delim)
            row_num = 1
            if header:
                next(rdr)
                row_num += 1
            for row in rdr:
                if num_rows is not None and i >= num_rows:
                    break
                if len(row) != num_cols:
                    raise ValueError(f"Problem inferring types: CSV row {row_num} has {len(row)} "
                                     f"number of fields. Expected: {num_cols}.")
                row_num += 1
                for j, col in enumerate(select_columns):
                    inferred[j] = _infer_type(row[col], na_value, inferred[j])
                i += 1
        if num_rows is not None and i >= num_rows:
            break
    return [convert_to_tensor([0 if t is not dtypes.string else ""], dtype=t)
            for t in (t or dtypes.string for t in inferred)]


def _get_sorted_col_indices(select_columns, column_names):
    names_to_indices = {n: i for i, n in enumerate(column_names)}
    num_cols = len(column_names)
    results = []
    for v in select_columns:
        if isinstance(v, int):
            if v < 0 or v >= num_cols:
                raise ValueError(f"Column index {v} specified in `select_columns` should be > 0  "
                                 f"and <= {num_cols}, which is the number of columns.")
            results.append(v)
        elif v not in names_to_indices:
            raise ValueError(f"Column {v} specified in `select_columns` must be of one of the "
                             f"columns: {names_to_indices.keys()}.")
        else:
            results.append(names_to_indices[v])
    results = sorted(set(results))
    if len(results) != len(select_columns):
        raise ValueError("The `select_columns` argument contains duplicate columns: "
                         f"{set()}.")  # TF's own set: sorted unique indices have no duplicates
    return results


def _duplicates(names):
    s = sorted(names)
    return {a for a, b in zip(s[:-1], s[1:]) if a == b}


def _file_names(file_pattern):
    import glob

    if isinstance(file_pattern, list):
        if not file_pattern:
            raise ValueError("Argument `file_pattern` should not be empty.")
        names = [n for entry in file_pattern for n in sorted(glob.glob(entry))]
    else:
        names = sorted(glob.glob(file_pattern))
    if not names:
        raise ValueError(f"No files match `file_pattern` {file_pattern}.")
    return sorted(names)


@_api.export("data.experimental.make_csv_dataset")
def make_csv_dataset_v2(file_pattern, batch_size, column_names=None, column_defaults=None,
                        label_name=None, select_columns=None, field_delim=",",
                        use_quote_delim=True, na_value="", header=True, num_epochs=None,
                        shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                        prefetch_buffer_size=None, num_parallel_reads=None, sloppy=False,
                        num_rows_for_inference=100, compression_type=None, ignore_errors=False,
                        encoding="utf-8"):
    """tf.data.experimental.make_csv_dataset: batches of OrderedDicts of columns (and labels)
    from CSV files, column names and types read from the files as TF reads them."""
    import collections

    from .from_tensor_slices_op import _TensorSliceDataset

    num_parallel_reads = num_parallel_reads or 1
    filenames = _file_names(file_pattern)
    names_array = np.empty(len(filenames), object)
    names_array[:] = [n.encode() for n in filenames]
    dataset = _TensorSliceDataset(names_array)
    if shuffle:
        dataset = dataset.shuffle(len(filenames), shuffle_seed)

    def open_fn(name):
        return _open_text(name, compression_type, encoding)

    if column_names is None:
        if not header:
            raise ValueError("Expected `column_names` or `header` arguments. Neither is provided.")
        column_names = _infer_column_names(filenames, field_delim, use_quote_delim, open_fn)
    if len(column_names) != len(set(column_names)):
        raise ValueError("Either `column_names` argument or CSV header row contains duplicate "
                         f"column names: {_duplicates(column_names)}.")
    if select_columns is not None:
        select_columns = _get_sorted_col_indices(select_columns, column_names)
    if column_defaults is not None:
        column_defaults = [convert_to_tensor(np.zeros(0, x.as_numpy_dtype if x is not
                                                      dtypes.string else object), dtype=x)
                           if isinstance(x, dtypes.DType) and x in _CSV_TYPES else x
                           for x in column_defaults]
    else:
        column_defaults = _infer_column_defaults(
            filenames, len(column_names), field_delim, use_quote_delim, na_value, header,
            num_rows_for_inference, select_columns, open_fn)
    if select_columns is not None and len(column_defaults) != len(select_columns):
        raise ValueError("If specified, `column_defaults` and `select_columns` must have the same "
                         f"length: `column_defaults` has length {len(column_defaults)}, "
                         f"`select_columns` has length {len(select_columns)}.")
    if select_columns is not None and len(column_names) > len(select_columns):
        column_names = [column_names[i] for i in select_columns]
    if label_name is not None and label_name not in column_names:
        raise ValueError(f"`label_name` provided must be one of the columns: {column_names}. "
                         f"Received: {label_name}.")

    def filename_to_dataset(filename):
        ds = CsvDatasetV2(filename, record_defaults=column_defaults, field_delim=field_delim,
                          use_quote_delim=use_quote_delim, na_value=na_value,
                          select_cols=select_columns, header=header,
                          compression_type=compression_type)
        return ds.ignore_errors() if ignore_errors else ds

    def map_fn(*columns):
        features = collections.OrderedDict(zip(column_names, columns))
        if label_name is not None:
            return features, features.pop(label_name)
        return features

    dataset = dataset.interleave(filename_to_dataset, cycle_length=num_parallel_reads,
                                 block_length=1)
    if shuffle:
        dataset = dataset.shuffle(shuffle_buffer_size, shuffle_seed)
    if num_epochs != 1:
        dataset = dataset.repeat(num_epochs)
    dataset = dataset.batch(batch_size=batch_size, drop_remainder=num_epochs is None)
    dataset = dataset.map(map_fn)
    return dataset.prefetch(-1 if prefetch_buffer_size is None else prefetch_buffer_size)
