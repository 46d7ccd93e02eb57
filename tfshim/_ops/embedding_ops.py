"""tf.nn.embedding_lookup_sparse and tf.nn.safe_embedding_lookup_sparse (TF's embedding_ops.py),
composed as TF composes them: look up the distinct ids, weight the rows, combine each sparse row's
entries with a segment sum (mean and sqrtn divide by the weights' sum or root sum of squares).
Gradients come from the composition (params get tf.gather's tf.IndexedSlices).
tf.nn.embedding_lookup itself is nn_ops.py's."""

from __future__ import annotations

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.sparse_tensor import SparseTensor
from . import array_ops, math_ops, nn_ops, reduction_ops, sparse_ops
from .array_ops_stack import stack
from .gather_scatter_ops import gather

_COMBINERS = ("mean", "sqrtn", "sum")


@_api.export("nn.embedding_lookup_sparse")
def embedding_lookup_sparse(params, sp_ids, sp_weights, combiner=None, max_norm=None, name=None,
                            allow_fast_lookup=False):
    """tf.nn.embedding_lookup_sparse: one combined embedding per row of sp_ids (rows up to the
    last one holding an id; empty rows give zeros)."""
    if combiner is None:
        combiner = "mean"
    if combiner not in _COMBINERS:
        raise ValueError(f"combiner must be one of 'mean', 'sqrtn' or 'sum', got {combiner}")
    if not isinstance(sp_ids, SparseTensor):
        raise TypeError(f"sp_ids must be SparseTensor, got {type(sp_ids)}")
    ignore_weights = sp_weights is None
    if not ignore_weights and not isinstance(sp_weights, SparseTensor):
        raise TypeError(f"sp_weights must be either None or SparseTensor, got {type(sp_weights)}")
    segment_ids = math_ops.cast(sp_ids.indices[:, 0], D.int32)
    ids, idx = array_ops.unique(sp_ids.values)
    embeddings = nn_ops.embedding_lookup(params, ids, max_norm=max_norm)
    if ignore_weights:  # TF's sparse_segment_{sum,mean,sqrt_n} over the looked-up rows
        rows = gather(embeddings, idx)
        total = reduction_ops.segment_sum(rows, segment_ids)
        if combiner == "sum":
            return total
        count = reduction_ops.segment_sum(array_ops.ones_like(segment_ids, rows.dtype),
                                          segment_ids)
        if combiner == "sqrtn":
            count = math_ops.sqrt(count)
        count = array_ops.reshape(count, [-1] + [1] * (rows.shape.rank - 1))
        return math_ops.divide_no_nan(total, count)
    weights = sp_weights.values
    embeddings = gather(embeddings, idx)
    original_dtype = embeddings.dtype
    if embeddings.dtype in (D.float16, D.bfloat16):
        embeddings = math_ops.cast(embeddings, D.float32)
    if weights.dtype != embeddings.dtype:
        weights = math_ops.cast(weights, embeddings.dtype)
    weights = array_ops.reshape(weights, [-1] + [1] * (embeddings.shape.rank - 1))
    embeddings = reduction_ops.segment_sum(embeddings * weights, segment_ids)
    if combiner == "mean":
        embeddings = math_ops.divide_no_nan(
            embeddings, reduction_ops.segment_sum(weights, segment_ids))
    elif combiner == "sqrtn":
        embeddings = math_ops.divide_no_nan(
            embeddings, math_ops.sqrt(reduction_ops.segment_sum(weights * weights, segment_ids)))
    if embeddings.dtype != original_dtype:
        embeddings = math_ops.cast(embeddings, original_dtype)
    return embeddings


@_api.export("nn.safe_embedding_lookup_sparse")
def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner="mean", default_id=None, max_norm=None, name=None,
                                 allow_fast_lookup=False):
    """tf.nn.safe_embedding_lookup_sparse: ids of any rank (the last dimension is combined),
    invalid ids (< 0) and, unless combiner is "sum", non-positive weights pruned; an empty row
    gives zeros, or default_id's embedding."""
    if embedding_weights is None:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    original_shape = sparse_ids.dense_shape
    rank = original_shape.shape[0]
    sparse_ids = sparse_ops.reshape(sparse_ids, [
        math_ops.cast(reduction_ops.reduce_prod(original_shape[:rank - 1]), D.int64),
        original_shape[rank - 1]])
    if sparse_weights is not None:
        sparse_weights = SparseTensor(sparse_ids.indices, sparse_weights.values,
                                      sparse_ids.dense_shape)
    valid = math_ops.greater_equal(sparse_ids.values, 0)
    sparse_ids, sparse_weights = _retain(sparse_ids, sparse_weights, valid)
    if combiner != "sum" and sparse_weights is not None:
        sparse_ids, sparse_weights = _retain(sparse_ids, sparse_weights,
                                             math_ops.greater(sparse_weights.values, 0))
    sparse_ids, is_row_empty = sparse_ops.fill_empty_rows(sparse_ids, default_id or 0)
    if sparse_weights is not None:
        sparse_weights, _ = sparse_ops.fill_empty_rows(sparse_weights, 1.0)
    result = embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights,
                                     combiner=combiner, max_norm=max_norm)
    if default_id is None:
        empty = array_ops.tile(array_ops.reshape(is_row_empty, [-1, 1]),
                               stack([1, array_ops.shape(result)[1]]))
        result = array_ops.where(empty, array_ops.zeros_like(result), result)
    leading = math_ops.cast(original_shape[:rank - 1], D.int32)
    return array_ops.reshape(result, array_ops.concat([leading, array_ops.shape(result)[1:]], 0))


def _retain(sparse_ids, sparse_weights, keep):
    keep = convert_to_tensor(keep)
    sparse_ids = sparse_ops.retain(sparse_ids, keep)
    if sparse_weights is not None:
        sparse_weights = sparse_ops.retain(sparse_weights, keep)
    return sparse_ids, sparse_weights
