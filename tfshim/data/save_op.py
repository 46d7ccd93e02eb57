"""Dataset.save (TF's data/ops/save_op.py): the dataset's element spec in PATH/dataset_spec.pb,
its elements in TF's snapshot files (see snapshot_utils), readable by TF's Dataset.load."""

from __future__ import annotations

import os

import numpy as np

from .._core import errors, nest
from .._core.tensor_spec import TensorSpec
from . import snapshot_utils
from .dataset_ops import CHUNK, rechunk
from .structured_function import StructuredFunction

DATASET_SPEC_FILENAME = "dataset_spec.pb"


def flat_dtypes(element_spec, what: str) -> list:
    """The dtypes of an element's tensors; TF's files hold plain tensors only here."""
    out = []
    for spec in nest.flatten(element_spec):
        if not isinstance(spec, TensorSpec):
            # TF writes a composite tensor's variant encoding; tfshim has none (README: known
            # deviations).
            raise TypeError("tfshim: %s writes only datasets of plain tensors; this one has a "
                            "%s" % (what, type(spec).__name__))
        out.append(spec.dtype)
    return out


def write_dataset_spec(path: str, element_spec) -> None:
    from ..saved_model.nested_structure_coder import encode  # saved_model loads after data

    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, DATASET_SPEC_FILENAME), "wb") as f:
        f.write(encode(element_spec).SerializeToString())


def shard_function(shard_func, element_spec, what: str):
    """shard_func traced as TF's StructuredFunctionWrapper does: flat arrays -> an index."""
    fn = StructuredFunction(shard_func, what, element_spec)

    def index(flat, node="SaveDataset_Tshard_func_args_0", op="SaveDataset"):
        out = fn.call_flat(flat)
        if len(out) != 1 or np.shape(out[0]) != () or np.asarray(out[0]).dtype != np.int64:
            raise errors.kernel_error(op, "`shard_func` must return a scalar int64.",
                                      node=node)
        return int(np.asarray(out[0]))

    return fn, index


def save(dataset, path, compression=None, shard_func=None, checkpoint_args=None):
    """Dataset.save / tf.data.experimental.save."""
    if checkpoint_args and "checkpoint" in checkpoint_args:
        raise ValueError("'Invalid `checkpoint_args`. `checkpoint_args` are not allowed to "
                         "include 'checkpoint'.")
    path = _path(path)
    out_dtypes = flat_dtypes(dataset.element_spec, "Dataset.save")
    c = snapshot_utils.compression(compression)
    index = None if shard_func is None else shard_function(shard_func, dataset.element_spec,
                                                           "save()")[1]
    write_dataset_spec(path, dataset.element_spec)
    run_id = snapshot_utils.new_run_id()
    run_dir = snapshot_utils.run_directory(path, run_id)
    os.makedirs(run_dir, exist_ok=True)
    snapshot_utils.write_metadata(path, run_id, out_dtypes, 0, False)
    writers = snapshot_utils.Writers(run_dir, c)
    n = 0
    try:
        for flat in host_elements(dataset):
            # Without shard_func TF's SaveDatasetOp puts every element in shard 0.
            writers.write(0 if index is None else index(flat), flat)
            n += 1
    finally:
        writers.close()
    snapshot_utils.write_metadata(path, run_id, out_dtypes, n, True)


def host_elements(dataset):
    """The elements of one pass as flat lists of host arrays: a planned dataset's gathered a
    chunk at a time (one transfer per chunk, not per element)."""
    if not dataset._has_plan():
        yield from dataset._iter_flat()
        return
    for chunk in rechunk(dataset._epoch(), CHUNK):
        columns = [a if isinstance(a, np.ndarray) else np.asarray(a)
                   for a in dataset._gather(chunk)]
        for i in range(len(chunk)):
            yield [c[i] for c in columns]


def _path(path) -> str:
    p = path.numpy() if hasattr(path, "numpy") else path
    p = os.fspath(p)
    return p.decode() if isinstance(p, bytes) else p

