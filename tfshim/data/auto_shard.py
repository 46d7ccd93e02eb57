"""The auto-shard rewrite of a dataset for one worker of several (TF's
grappler/optimizers/data/auto_shard.cc, which TF's AutoShardDataset applies), by the dataset's
`options().experimental_distribute.auto_shard_policy`:

- FILE: walk from the dataset to its sources through the pass-through transformations; at each
  file reader (TextLineDataset, TFRecordDataset, or a flat_map/interleave whose function reads
  its argument) shard the file names (every worker needs at least one file), moving a shuffle of
  the names after the shard; an in-memory source is TF's NotFoundError.
- AUTO: FILE, and where no reader is found, a warning and DATA (what FILE already rewrote of a
  zip or concatenation stays rewritten, as in TF's graph).
- DATA: the whole pipeline on every worker, each keeping its replicas' parts of every batch
  (done by the distributed iterator, input_lib.py).
- HINT: the `shard(SHARD_HINT, SHARD_HINT)` placeholders become this worker's shard.
- OFF: the dataset as it is.

A rewritten node is a shallow copy of the original with its input replaced; the user's
dataset is never changed.
"""

from __future__ import annotations

import copy

import numpy as np

from .._core import errors, nest, tf_logging
from .dataset_ops import DatasetV2, Variant
from .options import AutoShardPolicy

# TF's op names for tfshim's classes (by class name, so this module imports none of them).
_OP_NAMES = {
    "_RangeDataset": "RangeDataset", "_CounterDataset": "RangeDataset",
    "_TensorSliceDataset": "TensorSliceDataset", "_TensorDataset": "TensorDataset",
    "_GeneratorDataset": "GeneratorDataset", "_SparseSliceDataset": "SparseTensorSliceDataset",
}
_PASS_THROUGH = {
    "_BatchDataset", "_ParallelBatchDataset", "CacheDataset", "_FilterDataset", "_MapDataset",
    "_ParallelMapDataset", "_MapAndBatchDataset", "_PaddedBatchDataset", "_PrefetchDataset",
    "_RebatchDataset", "_RepeatDataset", "_ShardDataset", "_ShuffleAndRepeatDataset",
    "_ShuffleDataset", "_SkipDataset", "_TakeDataset", "_WindowDataset", "_OptionsDataset",
}
_MULTIPLE_INPUTS = {"_ZipDataset", "_ConcatenateDataset"}
_FUNCTION = {"_FlatMapDataset", "_InterleaveDataset", "_ParallelInterleaveDataset",
             "ParallelInterleaveDataset"}


class _NotFound(Exception):
    """TF's NotFound status from the rewrite; `partial` is what was rewritten before it."""

    def __init__(self, message, partial):
        super().__init__(message)
        self.partial = partial


def _kind(node):
    from .readers import _FileDataset

    if isinstance(node, _FileDataset):
        return "reader"
    name = type(node).__name__
    if name in _OP_NAMES:
        return "source"
    if name == "_AssertCardinalityDataset":
        return "assert_cardinality"
    for kind, names in (("pass", _PASS_THROUGH), ("multi", _MULTIPLE_INPUTS),
                        ("function", _FUNCTION)):
        if name in names:
            return kind
    return None


def _replace(node, old, new):
    """A copy of `node` reading `new` where it read `old`."""
    if old is new:
        return node
    out = copy.copy(node)
    for key, value in vars(node).items():
        if value is old:
            setattr(out, key, new)
        elif isinstance(value, Variant):
            setattr(out, key, value._replace(inputs=tuple(
                new if v is old else v for v in value.inputs)))
        elif isinstance(value, (tuple, list, dict)) and any(
                v is old for v in nest.flatten(value)):
            setattr(out, key, nest.map_structure(lambda v: new if v is old else v, value))
    return out


def _op_name(node):
    return _OP_NAMES.get(type(node).__name__) or type(node).__name__.strip("_")


def _reads_its_argument(node):
    """TF's ReaderOpInFunction: the function of a flat_map/interleave makes a file reader of
    the element it is given (tried on the first element)."""
    from .readers import _FileDataset, _filenames

    for flat in node._input._iter_flat():
        made = node._fn.call_structured(flat)
        name = np.asarray(getattr(flat[0], "_value", flat[0])).item()
        name = name.decode() if isinstance(name, bytes) else str(name)
        seen, todo = set(), [made]
        while todo:
            d = todo.pop()
            if id(d) in seen or not isinstance(d, DatasetV2):
                continue
            seen.add(id(d))
            if isinstance(d, _FileDataset) and not isinstance(d._filenames, DatasetV2) and \
                    _filenames(d._filenames) == [name]:
                return True
            todo.extend(d._inputs)
        return False
    return False


def _without_shuffles(node, found):
    """`node`'s pipeline with its shuffles taken out (the last one met kept in `found`)."""
    if type(node).__name__ == "_ShuffleDataset":
        found[:] = [node]
        return _without_shuffles(node._input, found)
    for child in node._inputs:
        node = _replace(node, child, _without_shuffles(child, found))
    return node


def _sharded_names(names, num_workers, index, device):
    """The file-name dataset `names` sharded for this worker, a shuffle of it moved after
    the shard (TF's ProcessDatasetSourceNode)."""
    found = []
    names = _without_shuffles(names, found)
    sharded = _FileShardDataset(names, num_workers, index, device)
    return _replace(found[0], found[0]._input, sharded) if found else sharded


def _shard_source(node, num_workers, index, device):
    from .from_tensor_slices_op import _TensorSliceDataset

    if _kind(node) == "function":
        return _replace(node, node._input, _sharded_names(node._input, num_workers, index, device))
    # A reader of a list of names reads them from a dataset of them in TF.
    names = node._filenames
    if not isinstance(names, DatasetV2):
        from .readers import _filenames

        flat = np.empty(len(_filenames(names)), object)
        flat[:] = [n.encode() for n in _filenames(names)]
        names = _TensorSliceDataset(flat)
    out = copy.copy(node)
    out._filenames = _sharded_names(names, num_workers, index, device)
    return out


def _handle(node, num_workers, index, device):
    """TF's RecursivelyHandleOp: `node` with its file sources sharded, or _NotFound."""
    kind = _kind(node)
    if kind == "assert_cardinality":
        tf_logging.warning("The `assert_cardinality` transformation is currently not handled by "
                           "the auto-shard rewrite and will be removed.")
        return _handle(node._input, num_workers, index, device)
    if kind == "source":
        raise _NotFound("Found an unshardable source dataset: goo.gle/debugproto    \n"
                        'name: "%s"\nop: "%s"\n' % (_op_name(node), _op_name(node)), node)
    if kind == "multi":
        out = node
        for child in node._inputs:
            try:
                out = _replace(out, child, _handle(child, num_workers, index, device))
            except _NotFound as e:
                e.partial = _replace(out, child, e.partial)
                raise
        return out
    if kind == "reader" or (kind == "function" and _reads_its_argument(node)):
        return _shard_source(node, num_workers, index, device)
    if kind != "pass":
        raise _NotFound(
            "Did not find a shardable source, walked to a node which is not a dataset: "
            'name: "%s"\nop: "%s"\n. Consider either turning off auto-sharding or switching '
            "the auto_shard_policy to DATA to shard this dataset. You can do this by creating "
            "a new `tf.data.Options()` object then setting `options.experimental_distribute."
            "auto_shard_policy = AutoShardPolicy.DATA` before applying the options object to "
            "the dataset via `dataset.with_options(options)`." % (_op_name(node),
                                                                   _op_name(node)), node)
    try:
        return _replace(node, node._input, _handle(node._input, num_workers, index, device))
    except _NotFound as e:
        e.partial = _replace(node, node._input, e.partial)
        raise


def _fill_hints(node, num_workers, index):
    """TF's HINT policy: every shard(SHARD_HINT, SHARD_HINT) becomes shard(workers, index)."""
    from .shard_op import SHARD_HINT, _ShardDataset

    for child in node._inputs:
        node = _replace(node, child, _fill_hints(child, num_workers, index))
    if isinstance(node, _ShardDataset) and node._num == SHARD_HINT:
        node = copy.copy(node)
        node._num, node._index = num_workers, index
    return node


def auto_shard(dataset, num_workers, index, device):
    """(`dataset` rewritten for worker `index` of `num_workers`, whether the distributed
    iterator still shards it by DATA)."""
    policy = dataset.options().experimental_distribute.auto_shard_policy
    if policy == AutoShardPolicy.OFF or num_workers == 1:
        return dataset, False
    if policy == AutoShardPolicy.DATA:
        return dataset, True
    if policy == AutoShardPolicy.HINT:
        return _fill_hints(dataset, num_workers, index), False
    try:
        return _handle(dataset, num_workers, index, device), False
    except _NotFound as e:
        if policy == AutoShardPolicy.FILE:
            raise errors.NotFoundError(None, None, (
                "{{function_node __wrapped__AutoShardDataset_device_%s}} %s "
                "[Op:AutoShardDataset] name: " % (device, e))) from None
        tf_logging.warning("AUTO sharding policy will apply DATA sharding policy as it failed "
                           "to apply FILE sharding policy because of the following reason: %s"
                           % e)
        return e.partial, True


class _FileShardDataset(DatasetV2):
    """TF's ShardDataset with `require_non_empty`, as the rewrite inserts it: this worker's
    file names; with fewer names than workers, a worker given one fails (TF's check on its
    first element), the others get none."""

    def __init__(self, names, num_workers, index, device):
        self._input = names
        self._num, self._index, self._device = num_workers, index, device
        super().__init__(Variant(names.element_spec, (names,)))

    def _iter_flat(self):
        for i, flat in enumerate(self._input._iter_flat()):
            if i == self._index:
                count = sum(1 for _ in self._input._iter_flat())
                if count < self._num:
                    raise errors.InvalidArgumentError(None, None, (
                        "{{function_node __wrapped__IteratorGetNextAsOptional_device_%s}} "
                        "Could not apply FILE based sharding: the dataset only has %d file(s), "
                        "which is not enough for the required %d shards/workers. If you are "
                        "using datasets with distribution strategy, consider setting the auto "
                        "sharding policy to either DATA or OFF using the `experimental_"
                        "distribute.auto_shard_policy` option of `tf.data.Options()`. Or, split "
                        "your input files into a larger number of small files such that number "
                        "of files is greater than number of shards/workers.\n\t [[{{node "
                        "MultiDeviceIteratorGetNextFromShard}}]]\n\t [[RemoteCall]] "
                        "[Op:IteratorGetNextAsOptional] name: " % (self._device, count,
                                                                  self._num)))
            if i % self._num == self._index:
                yield flat
