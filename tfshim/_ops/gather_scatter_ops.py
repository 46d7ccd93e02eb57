"""tf.gather, tf.gather_nd, tf.scatter_nd and tf.tensor_scatter_nd_update/add/sub/min/max.

TF keeps these in array_ops.py (their kernels are gather_op, gather_nd_op and scatter_nd_op);
tfshim keeps them apart from array_ops.py for size. Index checks need values, so they run only
on concrete indices: inside tf.function an out-of-range index gives zeros (TF's GPU kernels'
behaviour) where TF's CPU kernel raises. tf.gather's gradient on axis 0 is TF's
tf.IndexedSlices (_gather_grad below).
"""

from __future__ import annotations

import builtins
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core import tensor as T
from .._core.convert import convert_to_tensor, is_tensor_like
from .._core.op import op, raw_inputs
from .._core.variable import Variable
from . import op_defs
from .array_ops import concat, reshape
from .op_util import concrete, def_error, int_vector, mismatch, name_suffix
from .op_util import dims as _dims_text


# -- gather ----------------------------------------------------------------------------------
def _index_text(shape, flat_pos) -> str:
    """"[i,j]" for an element of an index tensor; "" for a scalar (TF prints `indices = 5`)."""
    if not shape:
        return ""
    return "[%s]" % ",".join(str(int(i)) for i in np.unravel_index(flat_pos, shape))


def _gather_grad(bound, entry, cts):
    """TF's _GatherV2Grad (and _ResourceGatherGrad) on axis 0: tf.IndexedSlices.

    values = the cotangent as rows [-1] + params.shape[1:], indices = the indices flattened,
    dense_shape = params' shape (int32). Off axis 0, or with batch_dims, TF gives a dense
    gradient: jax.vjp's.
    """
    from .._core.indexed_slices import IndexedSlices

    axis, batch_dims = bound.static[2], bound.static[3]
    params, indices = entry.inputs
    if axis != 0 or batch_dims != 0:
        return NotImplemented
    if cts[0] is None or params.dtype not in D.TRAINABLE:
        return [None, None]
    values = reshape(cts[0], [-1] + params.shape.as_list()[1:])
    flat = reshape(indices, [-1])
    # A NumPy-backed shape stays concrete inside tf.function, so densifying still works there.
    dense_shape = T.wrap(np.array(params.shape.as_list(), np.int32))
    return [IndexedSlices(values, flat, dense_shape), None]


@op(others=("params", "indices"), op_type="GatherV2", backward=_gather_grad)
def _gather_v2(params, indices, axis=0, batch_dims=0, op_type="GatherV2", name=None):
    def fail(message):
        return errors.kernel_error(op_type, message, name)

    if params.ndim < 1:
        raise fail("params must be at least 1 dimensional")
    if not -params.ndim <= axis < params.ndim:
        raise fail("Shape must be at least rank %d but is rank %d"
                   % ((axis if axis >= 0 else -axis - 1) + 1, params.ndim))
    axis %= params.ndim
    if not -indices.ndim <= batch_dims <= indices.ndim:
        raise fail("Expected batch_dims in the range [%d, %d], but got %d"
                   % (-indices.ndim, indices.ndim, batch_dims))
    if batch_dims < 0:
        batch_dims += indices.ndim
    if batch_dims > axis:
        raise fail("batch_dims (%d) must be less than or equal to axis (%d)." % (batch_dims, axis))
    for i in builtins.range(batch_dims):
        if params.shape[i] != indices.shape[i]:
            raise fail("params.shape[%d]: %d should be equal to indices.shape[%d]: %d"
                       % (i, params.shape[i], i, indices.shape[i]))
    n = params.shape[axis]
    # Inside tf.function (traced params) TF checks indices only when the op runs, which an
    # unused gather never does: no check then (out-of-range indices give zeros, see below).
    if concrete(indices, params):
        flat = np.asarray(indices).reshape(-1)
        bad = np.nonzero((flat < 0) | (flat >= n))[0]
        if bad.size:
            raise fail("indices%s = %d is not in [0, %d)"
                       % (_index_text(indices.shape, bad[0]), flat[bad[0]], n))
    if params.dtype == object and not batch_dims:  # tf.string: NumPy holds the bytes objects
        return np.take(params, np.asarray(indices), axis=axis)

    # Inside tf.function indices can't be checked: an out-of-range index gives zeros, as TF's
    # GPU kernel does.
    def take(p, i):
        return jnp.take(p, i, axis=axis - batch_dims, mode="fill", fill_value=0)

    for _ in builtins.range(batch_dims):
        take = jax.vmap(take)
    return take(params, indices)




def _axis_value(axis, op_def):
    """An axis given as a number or a tensor: int32/int64 only (TF's Taxis)."""
    if isinstance(axis, numbers.Integral):
        return int(axis)
    t = convert_to_tensor(axis)
    if t.dtype not in (D.int32, D.int64):
        raise def_error("Taxis", t.dtype, op_def)
    if t.ndim:
        # TF's wrapper tests `axis != 0` in Python first (NumPy's error for other sizes).
        bool(t.numpy() != 0)
        raise errors.kernel_error(op_def.split(";", 1)[0], "axis must be scalar", None)
    return int(t.numpy())


@_api.export("gather")
def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """tf.gather.

    Differences from TensorFlow: inside tf.function an out-of-range index gives zeros (TF's
    CPU kernel raises).
    """
    from .._core.variable import Variable

    if axis is None:
        axis = batch_dims
    axis = _axis_value(axis, op_defs.TEXT["GatherV2"])
    op_type, op_def = "GatherV2", op_defs.TEXT["GatherV2"]
    if axis == 0 and isinstance(params, Variable):
        # TF's params.sparse_read: ResourceGather, which takes batch_dims as it is.
        op_type, op_def = "ResourceGather", op_defs.TEXT["ResourceGather"]
    elif axis == 0:
        batch_dims = 0  # TF's wrapper drops batch_dims on axis 0
    given = (params, indices)  # TF's raw op takes them as they are (op.raw_inputs)
    params = convert_to_tensor(params)
    indices = convert_to_tensor(indices)
    allowed = (D.int32, D.int64) if op_type == "ResourceGather" else (D.int16, D.int32, D.int64)
    if indices.dtype not in allowed:
        raise def_error("Tindices", indices.dtype, op_def)
    with raw_inputs(op_type, *given):
        return _gather_v2(params, indices, axis=axis, batch_dims=int(batch_dims),
                          op_type=op_type, name=name)


@op(others=("params", "indices"), op_type="GatherNd")
def _gather_nd(params, indices, ignore_bad=False, name=None):
    def fail(message):
        return errors.kernel_error("GatherNd", message, name)

    if params.ndim < 1:
        raise fail("params must be at least a vector")
    if indices.ndim < 1:
        raise fail("indices must be at least a vector")
    k = indices.shape[-1]
    if k > params.ndim:
        raise fail("index innermost dimension length must be <= params rank; saw: %d vs. %d"
                   % (k, params.ndim))
    if concrete(indices) and indices.size and not ignore_bad:
        rows = np.asarray(indices).reshape(-1, k)
        bad = np.nonzero(((rows < 0) | (rows >= np.array(params.shape[:k]))).any(axis=1))[0]
        if bad.size:
            raise fail("indices%s = [%s] does not index into param shape %s, node name: "
                       "GatherNd" % (_index_text(indices.shape[:-1], bad[0]),
                                     ", ".join(str(int(v)) for v in rows[bad[0]]),
                                     _dims_text(params.shape)))
    idx = tuple(jnp.moveaxis(indices, -1, 0))
    if params.dtype == object:
        return params[tuple(np.asarray(i) for i in idx)]
    return params.at[idx].get(mode="fill", fill_value=0)


def _batch_indices(indices, batch_shape):
    """TF's batch_gather_nd: prefix each index with its batch coordinates."""
    grids = np.meshgrid(*[np.arange(d) for d in batch_shape], indexing="ij")
    inner = indices.shape[len(batch_shape):-1]
    coords = [np.broadcast_to(g.reshape(g.shape + (1,) * len(inner)), batch_shape + inner)
              for g in grids]
    prefix = np.stack(coords, -1).astype(indices.dtype.as_numpy_dtype)
    return concat([prefix, indices], -1)


@_api.export("gather_nd")
def gather_nd(params, indices, batch_dims=0, name=None, bad_indices_policy=""):
    """tf.gather_nd: bad_indices_policy "IGNORE" gives zeros for out-of-range indices."""
    batch_dims = int(batch_dims)
    if batch_dims < 0:
        raise ValueError("tf.gather_nd does not allow negative batch_dims.")
    given = (params, indices)  # TF's raw op takes them as they are (op.raw_inputs)
    params = convert_to_tensor(params)
    indices = convert_to_tensor(indices)
    if indices.dtype not in (D.int16, D.int32, D.int64):
        raise def_error("Tindices", indices.dtype, op_defs.TEXT["GatherNd"])
    if bad_indices_policy not in ("", "DEFAULT", "ERROR", "IGNORE"):
        raise errors.no_kernel_error("GatherNd", 'Tindices=DT_%s, Tparams=DT_%s, '
                                     'bad_indices_policy="%s"' % (
                                         indices.dtype.name.upper(),
                                         "HALF" if params.dtype is D.float16 else
                                         params.dtype.name.upper(), bad_indices_policy))
    if batch_dims:
        if batch_dims >= indices.ndim:
            raise ValueError("Argument `batch_dims` = %d must be less than rank(`indices`) = %d"
                             % (batch_dims, indices.ndim))
        indices = _batch_indices(indices, tuple(indices.shape.as_list()[:batch_dims]))
        return _gather_nd(params, indices, bad_indices_policy == "IGNORE", name=name)
    with raw_inputs("GatherNd", *given):
        return _gather_nd(params, indices, bad_indices_policy == "IGNORE", name=name)


# -- scatter ---------------------------------------------------------------------------------
def _scatter_check(op_type, indices, shape, name=None, outer=None):
    """TF's index check; outer: the index tensor's outer shape as TF prints positions in it."""
    if not concrete(indices) or indices.ndim < 1:
        return
    k = indices.shape[-1]
    outer = indices.shape[:-1] if outer is None else outer
    rows = np.asarray(indices).reshape(-1, k)
    bad = np.nonzero(((rows < 0) | (rows >= np.array(shape[:k]))).any(axis=1))[0]
    if bad.size:
        raise errors.kernel_error(op_type, "indices%s = [%s] does not index into shape %s" % (
            _index_text(outer, bad[0]),
            ", ".join(str(int(v)) for v in rows[bad[0]]), _dims_text(shape)), name)


def _update_shape_check(op_type, shape, ishape, ushape, per_dim, name=None):
    """TF's check that updates.shape == indices.shape[:-1] + shape[indices.shape[-1]:]
    (scatter_nd_util.cc). per_dim: the resource and tensor-scatter kernels' wording, which
    names the first outer dimension that differs."""
    shape, ishape, ushape = tuple(shape), tuple(ishape), tuple(ushape)
    slice_dim = ishape[-1] if len(ishape) > 1 else 1
    batch_dim = len(ishape) - 1 if len(ishape) > 1 else 1

    def fail(message):
        return errors.kernel_error(op_type, message, name)

    def prefix(d=None):
        if d is None:
            return fail("Dimensions [0,%d) of indices[shape=%s] must match dimensions [0,%d) of "
                        "updates[shape=%s]" % (batch_dim, _dims_text(ishape), batch_dim,
                                               _dims_text(ushape)))
        return fail("Dimensions [0,%d) of indices[shape=%s] = %d must match dimensions [0,%d) of "
                    "updates[shape=%s] = %d" % (d + 1, _dims_text(ishape), ishape[d], d + 1,
                                                _dims_text(ushape),
                                                ushape[d] if d < len(ushape) else 1))

    suffix = fail("Dimensions [%d,%d) of input[shape=%s] must match dimensions [%d,%d) of "
                  "updates[shape=%s]" % (slice_dim, len(shape), _dims_text(shape), slice_dim,
                                         len(ushape), _dims_text(ushape)))
    for d in range(batch_dim):
        if d >= len(ushape) or ushape[d] != ishape[d]:
            raise prefix(d if per_dim else None)
    if (len(shape) < slice_dim + len(ushape) - batch_dim
            or len(ushape) != batch_dim + len(shape) - slice_dim):
        raise suffix
    if any(ushape[d + batch_dim] != shape[d + slice_dim] for d in range(len(ushape) - batch_dim)):
        raise suffix


def _scatter(tensor, indices, updates, how):
    idx = tuple(jnp.moveaxis(indices, -1, 0))
    at = tensor.at[idx]
    if how == "sub":
        return at.add(-updates, mode="drop")
    return getattr(at, how)(updates, mode="drop")  # set, add, min, max


@op(tensors=("updates",), others=("indices",), op_type="ScatterNd")
def _scatter_nd(indices, updates, shape, name=None):
    if indices.ndim == 0:
        raise errors.kernel_error("ScatterNd", "Indices shape must have rank at least one. "
                                  "Found:[]", name)
    _update_shape_check("ScatterNd", shape, indices.shape, updates.shape, False, name)
    _scatter_check("ScatterNd", indices, shape)
    return _scatter(jnp.zeros(shape, updates.dtype), indices, updates, "add")


@_api.export("scatter_nd")
def scatter_nd(indices, updates, shape, bad_indices_policy="", name=None):
    """tf.scatter_nd: duplicate indices add up."""
    dims = tuple(int(d) for d in int_vector(shape, "ScatterNd", "Tindices"))
    with raw_inputs("ScatterNd", indices, updates, shape):
        return _scatter_nd(convert_to_tensor(indices), updates, dims)


@op(tensors=("tensor", "updates"), others=("indices",), op_type="TensorScatterUpdate")
def _tensor_scatter(tensor, indices, updates, how, op_type, name=None):
    if indices.ndim == 0 or updates.ndim == 0:
        raise errors.kernel_error(op_type, "%s shape must have rank at least one. Found:[]" % (
            "Indices" if indices.ndim == 0 else "Updates"), name)
    if tuple(updates.shape[:indices.ndim - 1]) != tuple(indices.shape[:-1]):
        raise errors.kernel_error(op_type, "Outer dimensions of indices and update must match. "
                                  "Indices shape: %s, updates shape:%s" % (
                                      _dims_text(indices.shape), _dims_text(updates.shape)), name)
    ix, outer = indices.shape[-1], indices.ndim - 1
    if updates.ndim - outer != tensor.ndim - ix:
        raise errors.kernel_error(op_type, "Inner dimensions of output shape must match inner "
                                  "dimensions of updates shape. Output: %s updates: %s" % (
                                      _dims_text(tensor.shape), _dims_text(updates.shape)), name)
    if tuple(updates.shape[outer:]) != tuple(tensor.shape[ix:]):
        raise errors.kernel_error(op_type, "The inner %d dimensions of output.shape=%s must match "
                                  "the inner %d dimensions of updates.shape=%s" % (
                                      tensor.ndim - ix, _dims_text(tensor.shape),
                                      updates.ndim - outer, _dims_text(updates.shape)), name)
    _update_shape_check(op_type, tensor.shape, indices.shape, updates.shape, True, name)
    _scatter_check(op_type, indices, tensor.shape, name)
    return _scatter(tensor, indices, updates, how)


# TensorScatterMin/Max: CPU kernels for the real number types only (bool and complex are in the
# op-def, with XLA kernels alone).
_MINMAX_KERNELS = (D.float16, D.bfloat16, D.float32, D.float64, D.int8, D.int16, D.int32, D.int64,
                   D.uint8, D.uint16, D.uint32, D.uint64)


def _tensor_scatter_op(tensor, indices, updates, how, op_type, name):
    """TF's raw TensorScatter* op on the inputs as given: its attr checks, then the kernel."""
    given = (tensor, indices, updates)
    tensor, indices = convert_to_tensor(tensor), convert_to_tensor(indices)
    if how in ("min", "max") and tensor.dtype not in _MINMAX_KERNELS:
        raise errors.no_kernel_error(
            op_type, 'T=DT_%s, Tindices=DT_%s, bad_indices_policy=""'
            % (D.tf_type_name(tensor.dtype).upper(), D.tf_type_name(indices.dtype).upper()), None)
    allowed = ((D.int16, D.int32, D.int64, D.uint16) if op_type == "TensorScatterUpdate"
               else (D.int32, D.int64))
    if indices.dtype not in allowed:
        raise errors.attr_value_error("Tindices", D.tf_type_name(indices.dtype),
                                      [D.tf_type_name(d) for d in allowed], op_type, None,
                                      op_def=op_type)
    if is_tensor_like(updates) and convert_to_tensor(updates).dtype is not tensor.dtype:
        raise mismatch(op_type, 2, tensor.dtype, convert_to_tensor(updates).dtype,
                       name_suffix(name, *given))
    with raw_inputs(op_type, *given):
        return _tensor_scatter(tensor, indices, updates, how, op_type, name=name)


@_api.export("tensor_scatter_nd_update")
def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """tf.tensor_scatter_nd_update."""
    return _tensor_scatter_op(tensor, indices, updates, "set", "TensorScatterUpdate", name)


@_api.export("tensor_scatter_nd_add")
def tensor_scatter_nd_add(tensor, indices, updates, bad_indices_policy="", name=None):
    """tf.tensor_scatter_nd_add."""
    return _tensor_scatter_op(tensor, indices, updates, "add", "TensorScatterAdd", name)


@_api.export("tensor_scatter_nd_sub")
def tensor_scatter_nd_sub(tensor, indices, updates, bad_indices_policy="", name=None):
    """tf.tensor_scatter_nd_sub."""
    return _tensor_scatter_op(tensor, indices, updates, "sub", "TensorScatterSub", name)


@_api.export("tensor_scatter_nd_min")
def tensor_scatter_nd_min(tensor, indices, updates, bad_indices_policy="", name=None):
    """tf.tensor_scatter_nd_min."""
    return _tensor_scatter_op(tensor, indices, updates, "min", "TensorScatterMin", name)


@_api.export("tensor_scatter_nd_max")
def tensor_scatter_nd_max(tensor, indices, updates, bad_indices_policy="", name=None):
    """tf.tensor_scatter_nd_max."""
    return _tensor_scatter_op(tensor, indices, updates, "max", "TensorScatterMax", name)


# -- Variable.scatter_nd_* (TF's ResourceScatterNd* ops) ------------------------------------
def _variable_scatter(how, op_type, kernel):
    def method(self, indices, updates, name=None):
        # Python lists take TF's slow path, whose errors carry no " name: " suffix.
        name = name_suffix("", indices, updates)
        updates = convert_to_tensor(updates, self.dtype)
        if self.shape.rank == 0:
            raise errors.kernel_error(kernel, "Output must be at least 1-D, got shape: []", name)
        idx = convert_to_tensor(indices)
        if 0 in self.shape.as_list() and (idx.shape.num_elements() or
                                          updates.shape.num_elements()):
            raise errors.kernel_error(kernel, "Indices and updates specified for empty output.  "
                                      "indices shape: %s" % _dims_text(idx.shape.as_list()), name)
        _update_shape_check(kernel, self.shape.as_list(), idx.shape.as_list(),
                            updates.shape.as_list(), True, name)
        outer = tuple(idx.shape.as_list()[:-1])
        if idx.ndim == 1:  # TF's kernel reads a vector of indices as one index per row
            idx = reshape(idx, [-1, 1])
        _scatter_check(kernel, idx._value, tuple(self.shape.as_list()), name, outer)
        new = _tensor_scatter(T.wrap(self._current()), idx, updates, how, op_type)
        return self.assign(new)

    method.__name__ = "scatter_nd_" + {"set": "update"}.get(how, how)
    method.__doc__ = "tf.Variable.%s." % method.__name__
    return method


Variable.scatter_nd_update = _variable_scatter("set", "TensorScatterUpdate",
                                               "ResourceScatterNdUpdate")
Variable.scatter_nd_add = _variable_scatter("add", "TensorScatterAdd", "ResourceScatterNdAdd")
Variable.scatter_nd_sub = _variable_scatter("sub", "TensorScatterSub", "ResourceScatterNdSub")
