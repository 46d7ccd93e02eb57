"""tf.nn ops (TF's nn_ops.py, nn_impl.py, embedding_ops.py): activations, softmax and the
cross-entropies, losses, normalization (moments, batch_normalization, l2_normalize), dropout,
zero_fraction, embedding_lookup, top_k and in_top_k. Convolutions are conv_ops.py's, pooling
pooling_ops.py's.

Where TF's public function is a generated op (tf.nn.relu, tf.nn.bias_add, tf.math.top_k), the
op is exported directly or behind a thin wrapper; where it is a Python composite (the
cross-entropies, moments, l2_normalize, gelu), the wrapper ports TF's argument checks and
conversions, in TF's order, and the math is one JAX body: one tape entry.

Where TF's gradient differs from JAX's derivative of the natural body (relu at 0, relu6 at 0
and 6, leaky_relu at 0, elu/selu from the output, softplus, the softmax cross-entropy's
backprop), the body's math is in tf_grads.py, which says which TF rule it mirrors.
"""

from __future__ import annotations

import collections
import numbers

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor, is_tensor_like, static_value
from .._core.op import _dtype_error, op
from . import (
    array_ops,
    gather_scatter_ops,
    math_ops,
    op_defs,
    random_ops,
    reduction_ops,
    stateless_random_ops,
    tf_grads,
)
from .op_util import HALF, concrete, dims, mismatch, mkl, name_suffix, type_attr_error


def _convert_to(value, dtype):
    """`tensor <op> value` in TF: a Python value takes the tensor's dtype, strictly."""
    return value if is_tensor_like(value) else convert_to_tensor(value, dtype)


def _check_exp(x):
    """The dtype check of the Exp in TF's loss composites."""
    if x.dtype not in op_defs.allowed("Exp"):
        raise _dtype_error("Exp", x.dtype, op_defs.allowed("Exp"), "x:T -> y:T")


# ---------------------------------------------------------------------------------------------
# Activations


def _activation(names, op_type, fn):
    """A one-input activation op with TF's parameter name `features`."""

    def body(features, name=None):
        return fn(features)

    body.__name__ = names[0].rsplit(".", 1)[-1]
    return op(*names, tensors=("features",), dtypes=op_defs.allowed(op_type), op_type=op_type,
              sig="features:T -> activations:T", jit=True)(body)


relu = _activation(("nn.relu",), "Relu", tf_grads.relu)
relu6 = _activation(("nn.relu6",), "Relu6", tf_grads.relu6)
elu = _activation(("nn.elu",), "Elu", tf_grads.elu)
selu = _activation(("nn.selu",), "Selu", tf_grads.selu)
softsign = _activation(("nn.softsign", "math.softsign"), "Softsign", tf_grads.softsign)
softplus = _activation(("math.softplus", "nn.softplus"), "Softplus", tf_grads.softplus)


@op(tensors=("features",), dtypes=op_defs.allowed("LeakyRelu"), op_type="LeakyRelu",
    sig="features:T -> activations:T")
def _leaky_relu_op(features, alpha=0.2, name=None):
    return tf_grads.leaky_relu(features, float(alpha))


@_api.export("nn.leaky_relu")
def leaky_relu(features, alpha=0.2, name=None):
    """tf.nn.leaky_relu: integer features are cast to float32 first, as TF's wrapper does."""
    features = convert_to_tensor(features)
    if features.dtype.is_integer:
        features = math_ops.cast(features, D.float32)
    if isinstance(alpha, np.ndarray):
        alpha = alpha.item()
    return _leaky_relu_op(features, alpha=alpha, name=name)


@op(tensors=("features",), op_type="Gelu")
def _gelu(features, approximate=False, name=None):
    x = features
    if approximate:
        coeff = jnp.asarray(0.044715, x.dtype)
        cube = jnp.power(x, jnp.asarray(3, x.dtype))
        return 0.5 * x * (1.0 + jnp.tanh(0.7978845608028654 * (x + coeff * cube)))
    return 0.5 * x * lax.erfc(-x * jnp.asarray(0.7071067811865476, x.dtype))


@_api.export("nn.gelu")
def gelu(features, approximate=False, name=None):
    """tf.nn.gelu."""
    features = convert_to_tensor(features)
    if not features.dtype.is_floating:
        raise ValueError("`features.dtype` must be a floating point tensor."
                         "Received:features.dtype=%s" % features.dtype)
    return _gelu(features, approximate=bool(approximate))


@op(others=("features", "beta"), op_type="Swish")
def _swish(features, beta):
    beta = beta.astype(features.dtype)
    return features * math_ops._sigmoid(beta * features)


@_api.export("nn.silu", "nn.swish")
def swish(features, beta=1.0):
    """tf.nn.silu (tf.nn.swish): x * sigmoid(beta * x), differentiable in beta too."""
    features = convert_to_tensor(features)
    beta = convert_to_tensor(beta)
    sigmoid = op_defs.allowed("Sigmoid")
    if features.dtype not in sigmoid:  # where TF's composite first fails
        raise _dtype_error("Sigmoid", features.dtype, sigmoid, "x:T -> y:T")
    return _swish(features, beta)


# ---------------------------------------------------------------------------------------------
# Softmax and the cross-entropies


def _vector_exp_nan(x, y, axis):
    """TF's float32/bfloat16 (oneDNN) and half (Eigen) softmax kernels: their vectorized exp
    clamps its argument with min/max instructions that turn NaN into the upper bound, so a NaN
    in x - max(x) (x NaN, or +inf) gives an infinite term, the sum is inf, that entry NaN and
    the row's finite entries 0 (float64's kernel gives a NaN row). The max skips NaNs."""
    d = x - jnp.max(jnp.where(jnp.isnan(x), -jnp.inf, x), axis=axis, keepdims=True)
    nan_d = jnp.isnan(d)
    row = jnp.any(nan_d, axis=axis, keepdims=True)
    return jnp.where(row, jnp.where(nan_d, jnp.array(np.nan, y.dtype), jnp.zeros((), y.dtype)),
                     y)


def _softmax_op(op_type, log):
    def body(logits, axis=-1, name=None):
        x = logits
        # TF's Python wrapper checks the axis before the kernel sees the rank.
        if axis != -1 and not -x.ndim <= axis < x.ndim:
            raise errors.InvalidArgumentError(
                None, None, "`dim` must be in the range [%d, %d) where %d is the number of "
                "dimensions in the input. Received: dim=%d" % (-x.ndim, x.ndim, x.ndim, axis))
        if not log and mkl(x.dtype) and not 1 <= x.ndim <= 5:
            # TF's CPU Softmax for float32 is oneDNN's, which takes ranks 1 to 5 only.
            raise errors.kernel_error(op_type, "Input dims must be <= 5 and >=1", name,
                                      cls=errors.AbortedError)
        if x.ndim == 0:
            raise errors.kernel_error(op_type, "logits must have >= 1 dimension, got %s"
                                      % dims(x.shape), name)
        if log:
            return jax.nn.log_softmax(x, axis=axis)
        if x.dtype == jnp.bfloat16:  # oneDNN's kernel: float32 inside, rounded once
            y = jax.nn.softmax(x.astype(jnp.float32), axis=axis).astype(x.dtype)
        elif x.dtype == jnp.float16:
            # Eigen's kernel, in half throughout: exp(x - max), its sum, then times 1 / sum.
            e = jnp.exp(x - jnp.max(x, axis=axis, keepdims=True))
            total = lax.reduce(e, np.float16(0), lax.add, (axis % x.ndim,))
            y = e * (1 / jnp.expand_dims(total, axis))
        else:
            y = jax.nn.softmax(x, axis=axis)
        return y if x.dtype == jnp.float64 or not x.size else _vector_exp_nan(x, y, axis)

    body.__name__ = "log_softmax" if log else "softmax"
    return op(tensors=("logits",), dtypes=op_defs.allowed(op_type), op_type=op_type,
              sig="logits:T -> %s:T" % ("logsoftmax" if log else "softmax"))(body)


_softmax = _softmax_op("Softmax", log=False)
_log_softmax = _softmax_op("LogSoftmax", log=True)


@_api.export("nn.softmax", "math.softmax")
def softmax(logits, axis=None, name=None):
    """tf.nn.softmax."""
    return _softmax(logits, _softmax_axis(axis, logits), name=name_suffix(name, logits))


@_api.export("nn.log_softmax", "math.log_softmax")
def log_softmax(logits, axis=None, name=None):
    """tf.nn.log_softmax."""
    return _log_softmax(logits, _softmax_axis(axis, logits), name=name_suffix(name, logits))


def _softmax_axis(axis, logits):
    """TF's _wrap_2d_function compares the axis with Python's ==: a tensor of one axis naming
    the last dimension works as its value, any other size fails in NumPy's truth test, and
    one naming another dimension fails in the ConcatV2 of its _swap_axis."""
    if axis is None:
        return -1
    if not (is_tensor(axis) or isinstance(axis, np.ndarray)):
        return axis
    arr = np.asarray(axis)
    bool(arr == -1)  # NumPy's ValueError for an empty or longer array, as in TF
    v, nd = int(arr.reshape(())), convert_to_tensor(logits).ndim
    if arr.ndim == 0 or v in (-1, nd - 1):
        return v
    if not -nd <= v < nd:
        raise errors.InvalidArgumentError(
            None, None, "`dim` must be in the range [%d, %d) where %d is the number of "
            "dimensions in the input. Received: dim=%s" % (-nd, nd, nd, arr))
    raise errors.kernel_error("ConcatV2", "ConcatOp : Ranks of all input tensors should match: "
                              "shape[0] = [%d] vs. shape[3] = [1,1]" % (v % nd), None,
                              node="ConcatV2_N_4")


@op(others=("labels", "logits"), op_type="SoftmaxCrossEntropyWithLogits")
def _softmax_xent(labels, logits, axis=-1, name=None):
    precise = jnp.float32 if logits.dtype in HALF else logits.dtype
    x = logits.astype(precise)
    y = labels.astype(precise)
    if axis != -1:
        x, y = jnp.moveaxis(x, axis, -1), jnp.moveaxis(y, axis, -1)
    x2 = x.reshape(-1, x.shape[-1])
    y2 = y.reshape(-1, y.shape[-1])
    if not math_ops._broadcastable(x2.shape, y2.shape):
        raise errors.kernel_error(
            "SoftmaxCrossEntropyWithLogits", "logits and labels must be broadcastable: "
            "logits_size=%s labels_size=%s" % (dims(x2.shape), dims(y2.shape)), name)
    cost = tf_grads.softmax_xent(y2, x2).reshape(x.shape[:-1])
    return cost.astype(logits.dtype)


@_api.export("nn.softmax_cross_entropy_with_logits")
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """tf.nn.softmax_cross_entropy_with_logits: labels are cast to the logits' dtype."""
    if axis is None:
        axis = -1
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    allowed = op_defs.allowed("SoftmaxCrossEntropyWithLogits")
    if logits.dtype not in allowed:
        raise _dtype_error("SoftmaxCrossEntropyWithLogits", logits.dtype, allowed,
                           "features:T, labels:T -> loss:T, backprop:T")
    rank = logits.ndim
    if axis != -1:
        # TF moves the axis last with range(axis) and range(axis + 1, rank): what they refuse.
        if axis < 0:
            raise errors.kernel_error("Range", "Requires start <= limit when delta > 0: 0/%d"
                                      % axis)
        if axis >= rank:
            raise errors.kernel_error("Range", "Requires start <= limit when delta > 0: %d/%d"
                                      % (axis + 1, rank))
    if rank == 0 or labels.ndim == 0:
        raise errors.kernel_error("Slice", "Expected begin[0] == 0 (got -1) and size[0] == 0 "
                                  "(got 1) when input.dim_size(0) == 0", None)
    return _softmax_xent(labels, logits, axis=axis, name=name or "")


@op(others=("labels", "logits"), op_type="SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent(labels, logits, name=None):
    classes = logits.shape[-1]
    if concrete(labels) and labels.size:
        flat = np.asarray(labels).reshape(-1)
        low, high = flat.min(), flat.max()
        if low < 0 or high >= classes:  # TF's kernel names the minimum if negative, else the max
            raise errors.kernel_error(
                "SparseSoftmaxCrossEntropyWithLogits", "Received a label value of %d which is "
                "outside the valid range of [0, %d).  Label values: %s"
                % (low if low < 0 else high, classes, " ".join(str(v) for v in flat)), name)
    precise = jnp.float32 if logits.dtype == jnp.float16 else logits.dtype
    logp = jax.nn.log_softmax(logits.astype(precise).reshape(-1, classes), axis=-1)
    picked = jnp.take_along_axis(logp, labels.reshape(-1, 1).astype(jnp.int32), axis=1)
    return (-picked).reshape(labels.shape).astype(logits.dtype)


@_api.export("nn.sparse_softmax_cross_entropy_with_logits")
def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """tf.nn.sparse_softmax_cross_entropy_with_logits."""
    labels = convert_to_tensor(labels)
    logits = convert_to_tensor(logits)
    if logits.ndim == 0:
        raise ValueError("`logits` cannot be a scalar. Received logits=%s`" % logits.numpy())
    if labels.ndim != logits.ndim - 1:
        raise ValueError(
            "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape=%s "
            "of rank %d and logits.shape=%s of rank %d"
            % (labels.shape, labels.ndim, logits.shape, logits.ndim))
    if tuple(labels.shape) != tuple(logits.shape)[:-1]:
        raise ValueError(
            "`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
            "labels.shape=%s and logits.shape=%s" % (labels.shape, logits.shape))
    sig = "features:T, labels:Tlabels -> loss:T, backprop:T"
    op_type = "SparseSoftmaxCrossEntropyWithLogits"
    if logits.dtype not in op_defs.allowed(op_type):
        raise _dtype_error(op_type, logits.dtype, op_defs.allowed(op_type), sig)
    if labels.dtype not in (D.int32, D.int64):
        raise type_attr_error("Tlabels", labels.dtype, op_defs.allowed(op_type, "Tlabels"),
                              op_type, name or "")
    return _sparse_xent(labels, logits, name=name or "")


def _same_shape(logits, labels):
    if tuple(logits.shape) != tuple(labels.shape):
        raise ValueError("`logits` and `labels` must have the same shape, received (%s vs %s)."
                         % (logits.shape, labels.shape))


@op(others=("labels", "logits"), op_type="logistic_loss")
def _sigmoid_xent(labels, logits, name=None):
    # TF's composite, op for op: where() picks each branch's gradient, as in TF.
    zeros = jnp.zeros_like(logits)
    cond = logits >= zeros
    relu_logits = jnp.where(cond, logits, zeros)
    neg_abs_logits = jnp.where(cond, -logits, logits)
    return (relu_logits - logits * labels) + jnp.log1p(jnp.exp(neg_abs_logits))


@_api.export("nn.sigmoid_cross_entropy_with_logits")
def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """tf.nn.sigmoid_cross_entropy_with_logits."""
    if labels is None or logits is None:
        raise ValueError("Both `labels` and `logits` must be provided for "
                         "sigmoid_cross_entropy_with_logitsReceived: labels=%s and logits=%s"
                         % (labels, logits))
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    _same_shape(logits, labels)
    if labels.dtype is not logits.dtype:
        raise mismatch("Mul", 1, logits.dtype, labels.dtype)
    if logits.dtype not in op_defs.allowed("GreaterEqual"):
        raise _dtype_error("GreaterEqual", logits.dtype, op_defs.allowed("GreaterEqual"),
                           "x:T, y:T -> z:bool")
    _check_exp(logits)
    return _sigmoid_xent(labels, logits)


@op(others=("labels", "logits", "pos_weight"), op_type="logistic_loss")
def _weighted_xent(labels, logits, pos_weight, one=1, name=None):
    log_weight = 1 + (pos_weight - one) * labels
    return (1 - labels) * logits + log_weight * (
        jnp.log1p(jnp.exp(-tf_grads.abs(logits))) + tf_grads.relu(-logits))


@_api.export("nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """tf.nn.weighted_cross_entropy_with_logits."""
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    _same_shape(logits, labels)
    if is_tensor_like(pos_weight):
        pos_weight, one = convert_to_tensor(pos_weight), 1
        if pos_weight.dtype is not labels.dtype:  # TF's (pos_weight - 1) * labels
            raise mismatch("Mul", 1, pos_weight.dtype, labels.dtype)
    else:  # a Python number: TF subtracts 1 in Python, then converts with the labels' dtype
        pos_weight, one = convert_to_tensor(pos_weight - 1, labels.dtype), 0
    if labels.dtype is not logits.dtype:  # TF's (1 - labels) * logits
        raise mismatch("Mul", 1, labels.dtype, logits.dtype)
    relu = op_defs.allowed("Relu")
    if logits.dtype.is_complex:  # TF's nn_ops.relu(-logits) refuses complex before the Exp
        raise _dtype_error("Relu", logits.dtype, relu, "features:T -> activations:T")
    _check_exp(logits)
    return _weighted_xent(labels, logits, pos_weight, one=one)


@op(others=("targets", "log_input"), op_type="log_poisson_loss")
def _log_poisson(targets, log_input, compute_full_loss=False, name=None):
    result = jnp.exp(log_input) - log_input * targets
    if compute_full_loss:
        t = targets
        stirling = (t * jnp.log(t)) - t + (0.5 * jnp.log((2 * np.pi) * t))
        cond = (t >= 0) & (t <= 1)
        result = result + jnp.where(cond, jnp.zeros_like(t), stirling)
    return result


@_api.export("nn.log_poisson_loss")
def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    """tf.nn.log_poisson_loss."""
    log_input = convert_to_tensor(log_input)
    targets = convert_to_tensor(targets)
    if tuple(targets.shape) != tuple(log_input.shape):
        raise ValueError("`log_input` and `targets` must have the same shape, received (%s vs %s)."
                         % (log_input.shape, targets.shape))
    if targets.dtype is not log_input.dtype:  # TF's log_input * targets
        raise mismatch("Mul", 1, log_input.dtype, targets.dtype)
    _check_exp(log_input)
    return _log_poisson(targets, log_input, compute_full_loss=bool(compute_full_loss))


@op("nn.l2_loss", tensors=("t",), dtypes=op_defs.allowed("L2Loss"), op_type="L2Loss",
    sig="t:T -> output:T")
def l2_loss(t, name=None):
    # TF's kernel: sum(t^2 * 0.5), the squares in t's dtype (a half square over 65504 is inf),
    # half types summed in float32.
    acc = jnp.float32 if t.dtype in HALF else t.dtype
    return jnp.sum(jnp.square(t) * jnp.asarray(0.5, t.dtype), dtype=acc).astype(t.dtype)


@op(tensors=("x",), op_type="l2_normalize")
def _l2_normalize(x, axis=None, epsilon=1e-12, name=None):
    # reduce_sum's axes: an int, or a list or tensor of them (a 1-vector [1] included).
    axes = None if axis is None else tuple(int(a) for a in np.ravel(axis))
    if jnp.iscomplexobj(x):
        re, im = jnp.real(x), jnp.imag(x)
        square_sum = jnp.sum(re * re + im * im, axis=axes, keepdims=True)
        inv = lax.rsqrt(tf_grads.maximum(square_sum, jnp.asarray(epsilon, re.dtype)))
        return lax.complex(re * inv, im * inv)
    acc = jnp.float32 if x.dtype in HALF else x.dtype  # TF's Sum accumulates halves in float32
    square_sum = jnp.sum(jnp.square(x).astype(acc), axis=axes, keepdims=True).astype(x.dtype)
    return x * lax.rsqrt(tf_grads.maximum(square_sum, jnp.asarray(epsilon, x.dtype)))


@_api.export("math.l2_normalize", "linalg.l2_normalize", "nn.l2_normalize")
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """tf.math.l2_normalize."""
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'dim' and 'axis'.")
        axis = dim
    x = convert_to_tensor(x)
    if x.dtype not in op_defs.allowed("Square"):
        raise _dtype_error("Square", x.dtype, op_defs.allowed("Square"), "x:T -> y:T")
    if not (x.dtype.is_floating or x.dtype.is_complex):
        # TF's maximum(square_sum, epsilon) converts epsilon with the integer dtype.
        raise TypeError("Cannot convert %r to EagerTensor of dtype %s" % (epsilon, x.dtype.name))
    return _l2_normalize(x, axis=axis, epsilon=float(epsilon))


# ---------------------------------------------------------------------------------------------
# bias_add, moments, batch normalization


@op(tensors=("value", "bias"), dtypes=op_defs.allowed("BiasAdd"), op_type="BiasAdd",
    sig="value:T, bias:T -> output:T")
def _bias_add(value, bias, data_format="NHWC", name=None):
    if value.ndim < 2:
        raise errors.kernel_error("BiasAdd", "Input tensor must be at least 2D: %s"
                                  % dims(value.shape), name)
    if bias.ndim != 1:
        raise errors.kernel_error("BiasAdd", "Biases must be 1D: %s" % dims(bias.shape), name)
    channel = 1 if data_format == "NCHW" else value.ndim - 1
    if bias.shape[0] != value.shape[channel]:
        raise errors.kernel_error(
            "BiasAdd", "Must provide as many biases as the last dimension of the input tensor: "
            "%s vs. %s" % (dims(bias.shape), dims(value.shape)), name)
    shape = [1] * value.ndim
    shape[channel] = bias.shape[0]
    return value + bias.reshape(shape)


@_api.export("nn.bias_add")
def bias_add(value, bias, data_format=None, name=None):
    """tf.nn.bias_add."""
    if data_format is not None:
        if data_format.startswith("NC"):
            data_format = "NCHW"
        elif data_format.startswith("N") and data_format.endswith("C"):
            data_format = "NHWC"
        else:
            raise ValueError("`data_format` must be of the form `N...C` or `NC...`. Received: "
                             "data_format=%s" % data_format)
    return _bias_add(value, bias, data_format=data_format or "NHWC",
                     name=name_suffix(name, value, bias))


_reduce_mean = reduction_ops.reduce_mean.__wrapped__  # the Mean body: TF's axes checks and errors


@op(tensors=("x",), op_type="moments")
def _moments(x, axes, keepdims=False, name=None):
    y = x.astype(jnp.float32) if x.dtype == jnp.float16 else x
    mean = _reduce_mean(y, axes, True)
    # TF's moments: the variance sees the mean through stop_gradient.
    variance = _reduce_mean(jnp.square(y - lax.stop_gradient(mean)), axes, True)
    if not keepdims:
        squeeze = tuple(a % x.ndim for a in (axes if isinstance(axes, tuple) else (axes,)))
        mean, variance = jnp.squeeze(mean, squeeze), jnp.squeeze(variance, squeeze)
    return mean.astype(x.dtype), variance.astype(x.dtype)


@_api.export("nn.moments")
def moments(x, axes, shift=None, keepdims=False, name=None):
    """tf.nn.moments: one op returning (mean, variance); `shift` is unused, as in TF."""
    x.dtype  # noqa: B018 - TF's moments reads x.dtype first: a Python list is an AttributeError
    return _moments(x, axes, keepdims=bool(keepdims))


@op(tensors=("counts", "mean_ss", "variance_ss"), others=("shift",), op_type="normalize")
def _normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    d = D.from_numpy(counts.dtype)
    if d not in op_defs.allowed("Reciprocal"):  # TF's divisor: math_ops.reciprocal(counts)
        raise _dtype_error("Reciprocal", d, op_defs.allowed("Reciprocal"), "x:T -> y:T")
    if d.is_integer:  # in Reciprocal's op-def, but no CPU kernel has it
        raise errors.no_kernel_error("Reciprocal", "T=DT_%s" % d.name.upper())
    divisor = 1 / counts
    shifted_mean = mean_ss * divisor
    mean = shifted_mean if shift is None else shifted_mean + shift
    return mean, variance_ss * divisor - jnp.square(shifted_mean)


@_api.export("nn.normalize_moments")
def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    """tf.nn.normalize_moments."""
    if shift is not None and not is_tensor_like(shift):
        shift = convert_to_tensor(shift, convert_to_tensor(mean_ss).dtype)
    elif shift is not None:
        # TF adds shift to the shifted mean (AddV2): a tensor of another dtype is its error.
        want, got = convert_to_tensor(mean_ss).dtype, convert_to_tensor(shift).dtype
        if want != got:
            raise errors.input_dtype_error("AddV2", 1, D.tf_type_name(want), D.tf_type_name(got))
    return _normalize_moments(counts, mean_ss, variance_ss, shift)


@op(others=("x", "mean", "variance", "offset", "scale", "variance_epsilon"),
    op_type="batchnorm")
def _batch_norm(x, mean, variance, offset, scale, variance_epsilon, name=None):
    inv = lax.rsqrt(variance + variance_epsilon)
    if scale is not None:
        inv = inv * scale
    shift = offset - mean * inv if offset is not None else -mean * inv
    return x * inv.astype(x.dtype) + shift.astype(x.dtype)


@_api.export("nn.batch_normalization")
def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """tf.nn.batch_normalization: TF's formula, the statistics' dtype cast to x's at the end."""
    if isinstance(variance, (list, tuple)):
        variance + variance_epsilon  # noqa: B018 - TF adds before converting: TF's TypeError
    x = convert_to_tensor(x)
    variance = convert_to_tensor(variance)
    eps = _convert_to(variance_epsilon, variance.dtype)
    dt = variance.dtype
    if convert_to_tensor(eps).dtype is not dt:
        raise mismatch("AddV2", 1, dt, convert_to_tensor(eps).dtype)
    # TF's inv *= scale, then offset - mean * inv: each an op whose inputs share one dtype.
    if scale is not None:
        scale = _convert_to(scale, dt)
        if convert_to_tensor(scale).dtype is not dt:
            raise mismatch("Mul", 1, dt, convert_to_tensor(scale).dtype)
    mean = _convert_to(mean, dt)
    if convert_to_tensor(mean).dtype is not dt:
        raise mismatch("Mul", 1, convert_to_tensor(mean).dtype, dt)
    if offset is not None:
        offset = _convert_to(offset, dt)
        if convert_to_tensor(offset).dtype is not dt:
            raise mismatch("Sub", 1, convert_to_tensor(offset).dtype, dt)
    return _batch_norm(x, mean, variance, offset, scale, eps)


# ---------------------------------------------------------------------------------------------
# dropout


@op(others=("x", "rate", "scale", "key"), op_type="dropout")
def _dropout(x, rate, scale, key, noise_shape, name=None):
    random = random_ops._draw("uniform", key, tuple(noise_shape), x.dtype)  # tf.random.uniform
    return _keep(x, rate, scale, random)


def _keep(x, rate, scale, random):
    """TF's _dropout after its draw: where(random >= rate, x * scale, 0)."""
    ret = x * scale if scale is not None else x / (jnp.ones((), x.dtype) - rate)
    if not math_ops._broadcastable(random.shape, x.shape):  # TF's where(keep, ret, 0)
        raise errors.kernel_error(
            "SelectV2", "condition %s, then %s, and else [] must be broadcastable"
            % (dims(random.shape), dims(x.shape)), "")
    return jnp.where(random >= rate, ret, jnp.zeros((), x.dtype))


@op(others=("x", "rate", "scale", "random"), op_type="dropout")
def _stateless_dropout(x, rate, scale, random, name=None):
    return _keep(x, rate, scale, random)


@_api.export("nn.dropout")
def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """tf.nn.dropout.

    The mask is tf.random.uniform's draw (TF's Philox values and seed contract: tf.random.set_seed,
    op seeds, a fresh mask on each call of a tf.function).
    """
    x, rate, scale, noise_shape = _dropout_args(x, rate, noise_shape, seed)
    if scale is _NO_DROP:
        return x
    return _dropout(x, rate, scale, random_ops._next_key(seed), noise_shape=noise_shape)


_NO_DROP = object()
_STATELESS = object()  # stateless_dropout's seed: no op-seed draw (its dummy_rng_step)


def _dropout_args(x, rate, noise_shape, seed=None):
    """TF's _dropout checks: (x, rate, scale, noise_shape); scale _NO_DROP for rate 0."""
    is_number = isinstance(rate, numbers.Real) and not is_tensor(rate)
    if is_number and (rate < 0 or rate >= 1):
        raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                         "Received: rate=%s" % rate)
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        raise ValueError("`x.dtype` must be a floating point tensor as `x` will be scaled. "
                         "Received: x_dtype=%s" % x.dtype)
    if is_number and rate == 0:
        if seed is not _STATELESS:
            random_ops._get_seed(seed)  # TF's dummy_rng_step: the op-seed draw still happens
        return x, rate, _NO_DROP, noise_shape
    scale = None
    if is_number:
        scale = convert_to_tensor(1 / (1 - rate), x.dtype)
        rate = convert_to_tensor(rate, x.dtype)
    elif is_tensor(rate):
        if rate.ndim != 0:
            raise ValueError("Shape %s must have rank 0" % rate.shape)
        if rate.dtype is not x.dtype:
            raise ValueError("`x.dtype` must be compatible with `rate.dtype`. Received: "
                             "x.dtype=%s and rate.dtype=%s" % (x.dtype, rate.dtype))
    else:
        raise ValueError("`rate` must be a scalar or scalar tensor. Received: rate=%s" % rate)
    if noise_shape is None:
        noise_shape = tuple(x.shape)
    else:
        noise_shape = static_value(noise_shape)
        noise_shape = tuple(x.shape[i] if d is None else int(d)
                            for i, d in enumerate(noise_shape))
    return x, rate, scale, noise_shape


@_api.export("nn.experimental.stateless_dropout")
def stateless_dropout(x, rate, seed, rng_alg=None, noise_shape=None, name=None):
    """tf.nn.experimental.stateless_dropout: the mask is tf.random.stateless_uniform's draw."""
    x, rate, scale, noise_shape = _dropout_args(x, rate, noise_shape, _STATELESS)
    if scale is _NO_DROP:
        return x
    random = stateless_random_ops.stateless_uniform(noise_shape, seed, dtype=x.dtype,
                                                    alg=rng_alg or "auto_select")
    return _stateless_dropout(x, rate, scale, random)


# ---------------------------------------------------------------------------------------------
# zero_fraction (TF's nn_impl.py)


@op(tensors=("value",), op_type="zero_fraction", grad=False, sig="value:T -> y:float")
def _zero_fraction(value, name=None):
    zero = (value == 0) if value.dtype != bool else jnp.logical_not(value)
    return jnp.mean(zero.astype(jnp.float32)) if value.size else jnp.asarray(np.nan, jnp.float32)


@_api.export("math.zero_fraction", "nn.zero_fraction")
def zero_fraction(value, name=None):
    """tf.math.zero_fraction: the fraction of zeros, as float32."""
    return _zero_fraction(convert_to_tensor(value))


# ---------------------------------------------------------------------------------------------
# embedding_lookup


@op(tensors=("x",), op_type="clip_by_norm")
def _clip_by_norm(x, axes, clip_norm, name=None):
    # TF's clip_by_norm, op for op (the where()s keep a zero row's gradient finite).
    l2sum = jnp.sum(x * x, axis=axes, keepdims=True)
    pred = l2sum > 0
    l2norm = jnp.where(pred, jnp.sqrt(jnp.where(pred, l2sum, jnp.ones_like(l2sum))), l2sum)
    clip = jnp.asarray(clip_norm, x.dtype)
    return (x * clip) / tf_grads.maximum(l2norm, clip)


@_api.export("nn.embedding_lookup")
def embedding_lookup(params, ids, max_norm=None, name=None):
    """tf.nn.embedding_lookup: TF's gather (ResourceGather for a variable), then its _clip.

    The gradient for params is TF's tf.IndexedSlices (tf.gather's).

    Differences from TensorFlow: a list of several shards is looked up as their concatenation
    (TF's "div" partitioning of correctly sized shards), and a nested Python list is one table.
    """
    if isinstance(params, (list, tuple)) and (not params or is_tensor_like(params[0])):
        if not params:
            raise ValueError("Length of params is currently 0. Need at least one param.")
        if len(params) > 1:
            params = array_ops.concat([convert_to_tensor(p) for p in params], 0)
        else:
            params = params[0]
    ids = convert_to_tensor(ids)
    # Converted, the inputs take TF's eager fast path: its kernel errors end in " name: ".
    result = gather_scatter_ops.gather(params, ids, name=name or "")
    if max_norm is None:
        return result
    return _clip_by_norm(result, tuple(range(ids.ndim, result.ndim)), float(max_norm))


# ---------------------------------------------------------------------------------------------
# top_k, in_top_k

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


@op(tensors=("input",), dtypes=op_defs.allowed("TopKV2"), op_type="TopKV2",
    sig="input:T, k:Tk -> values:T, indices:index_type")
def _top_k(input, k=1, sorted=True, index_type=D.int32, name=None):  # noqa: A002
    if input.ndim < 1:
        raise errors.kernel_error("TopKV2", "input must be >= 1-D, got shape %s"
                                  % dims(input.shape), name)
    if k < 0:
        raise errors.kernel_error("TopKV2", "Need k >= 0, got %d" % k, name)
    if input.shape[-1] < k:
        raise errors.kernel_error("TopKV2", "input must have at least k columns. Had %d, "
                                  "needed %d" % (input.shape[-1], k), name)
    values, indices = lax.top_k(input, k)
    return values, indices.astype(index_type.as_numpy_dtype)


@_api.export("math.top_k", "nn.top_k")
def top_k(input, k=1, sorted=True, index_type=D.int32, name=None):  # noqa: A002
    """tf.math.top_k.

    Differences from TensorFlow: sorted=False returns the sorted order too (TF's order is
    unspecified).
    """
    k_dtype = convert_to_tensor(k).dtype if is_tensor_like(k) or isinstance(k, float) else None
    if k_dtype is not None and k_dtype not in op_defs.allowed("TopKV2", "Tk"):
        raise type_attr_error("Tk", k_dtype, op_defs.allowed("TopKV2", "Tk"), "TopKV2",
                              name_suffix(name, input))
    index_type = D.as_dtype(index_type)
    if index_type not in op_defs.allowed("TopKV2", "index_type"):
        raise type_attr_error("index_type", index_type, op_defs.allowed("TopKV2", "index_type"),
                              "TopKV2", name_suffix(name, input))
    kv = np.asarray(static_value(k))
    if kv.ndim:  # TopKV2's first check
        raise errors.kernel_error("TopKV2", "k must be scalar, got shape %s" % dims(kv.shape),
                                  name_suffix(name, input, k))
    out = _top_k(input, int(kv), bool(sorted), index_type, name=name_suffix(name, input))
    return TopKV2(*out)


@op(tensors=("predictions",), others=("targets",),
    dtypes=op_defs.allowed("InTopKV2", "predictions"),
    op_type="InTopKV2", grad=False, sig="predictions:float, targets:T, k:T -> precision:bool")
def _in_top_k(predictions, targets, k, name=None):
    if predictions.ndim != 2:
        raise errors.kernel_error("InTopKV2", "predictions must be 2-dimensional", name)
    if targets.ndim != 1:
        raise errors.kernel_error("InTopKV2", "targets must be 1-dimensional", name)
    if predictions.shape[0] != targets.shape[0]:
        raise errors.kernel_error(
            "InTopKV2", "First dimension of predictions %d must match length of targets %d"
            % (predictions.shape[0], targets.shape[0]), name)
    classes = predictions.shape[1]
    inside = (targets >= 0) & (targets < classes)
    target = jnp.take_along_axis(predictions, jnp.where(inside, targets, 0)[:, None], axis=1)
    finite = jnp.all(jnp.isfinite(predictions), axis=1)
    more = jnp.sum(predictions > target, axis=1)
    # TF's kernel: "can't say" (False) for an out-of-range target or any non-finite prediction.
    return inside & finite & (more < k)


@_api.export("math.in_top_k", "nn.in_top_k")
def in_top_k(targets, predictions, k, name=None):
    """tf.math.in_top_k."""
    targets = convert_to_tensor(targets)
    if targets.dtype not in (D.int32, D.int64):
        raise _dtype_error("InTopKV2", targets.dtype, op_defs.allowed("InTopKV2"),
                           "predictions:float, targets:T, k:T -> precision:bool")
    # predictions' dtype is fixed (float): NumPy and Python values convert to it, a tensor of
    # another dtype is TF's input-dtype error.
    predictions = convert_to_tensor(predictions, None if is_tensor(predictions) else D.float32)
    if predictions.dtype is not D.float32:
        raise mismatch("InTopKV2", 0, D.float32, predictions.dtype, name or "")
    return _in_top_k(predictions, targets, int(static_value(k)), name=name or "")



@op(tensors=("x",), others=("scale", "offset", "mean", "variance"), op_type="FusedBatchNormV3",
    dtypes=op_defs.allowed("FusedBatchNormV3"))
def fused_batch_norm_v3(x, scale, offset, mean, variance, epsilon=0.0001,
                        exponential_avg_factor=1.0, data_format="NHWC", is_training=True,
                        name=None):
    """TF's FusedBatchNormV3 (tf.raw_ops): y, batch_mean, batch_variance, reserve spaces 1-3.

    In training the statistics are the batch's (the variance output unbiased, moved by
    exponential_avg_factor; reserve spaces the batch mean and biased variance), else the given
    mean and variance. Only y carries gradients, as TF's _FusedBatchNormV3Grad: the other
    outputs and the mean and variance inputs are stopped (TF: None, here zeros).
    """
    c = 1 if data_format.startswith("NC") else x.ndim - 1
    axes = tuple(a for a in range(x.ndim) if a != c)
    shape = [1] * x.ndim
    shape[c] = -1
    xf = x.astype(jnp.float32)
    mean, variance = lax.stop_gradient(mean), lax.stop_gradient(variance)
    if is_training:
        use_m = jnp.mean(xf, axis=axes)
        use_v = jnp.mean(jnp.square(xf - use_m.reshape(shape)), axis=axes)
        n = xf.size // max(xf.shape[c], 1)
        unbiased = use_v * (n / max(n - 1, 1))
        f = exponential_avg_factor
        out_m = use_m if f == 1 else (1 - f) * mean + f * use_m
        out_v = unbiased if f == 1 else (1 - f) * variance + f * unbiased
    else:
        use_m, use_v, out_m, out_v = mean, variance, mean, variance
    y = ((xf - use_m.reshape(shape)) * lax.rsqrt(use_v.reshape(shape) + epsilon)
         * scale.reshape(shape) + offset.reshape(shape))
    stop = lax.stop_gradient
    return (y.astype(x.dtype), stop(out_m), stop(out_v), stop(use_m), stop(use_v),
            jnp.zeros((0,), jnp.float32))
