"""tf.nn ops (TF's nn_ops.py, nn_impl.py, embedding_ops.py): activations, softmax and the
cross-entropies, normalization, dropout, embeddings, convolutions, pooling, top_k.

Where TF's public function is a generated op (tf.nn.relu, tf.nn.bias_add, tf.math.top_k), the
op is exported directly or behind a thin wrapper; where it is a Python composite (the
cross-entropies, moments, l2_normalize, gelu, conv1d), the wrapper ports TF's argument checks
and conversions, in TF's order, and the math is one JAX body: one tape entry.

Where TF's gradient differs from JAX's derivative of the natural body (relu at 0, relu6 at 0
and 6, leaky_relu at 0, elu/selu from the output, softplus, the softmax cross-entropy's
backprop), a jax.custom_jvp below says which TF rule it mirrors.
"""

from __future__ import annotations

import collections
import functools
import numbers

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor, is_tensor_like, static_value
from .._core.dtypes import tf_type_name
from .._core.op import TypeList, _dtype_error, op
from . import array_ops, math_ops, random_ops, tf_grads

# Each op's allowed dtypes as its op-def lists them: TF's dtype errors print them in this order.
_RELU = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                    "uint32, uint64, qint8")
_RELU6 = TypeList.of("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                     "uint32, uint64")
_FLOATS = TypeList.of("half, bfloat16, float, double")
_BIAS_ADD = TypeList.of("float, double, int32, uint8, int16, int8, complex64, int64, qint8, "
                        "quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, half, "
                        "uint32, uint64")
_CONV2D = TypeList.of("half, bfloat16, float, double, int32")
_MAX_POOL = TypeList.of("half, bfloat16, float, double, int32, int64, uint8, int16, int8, uint16, "
                        "qint8")
_MAX_POOL3D = TypeList.of("half, bfloat16, float")
_TOP_K = _RELU6
_IN_TOP_K = TypeList.of("float")
_UNARY_FLOAT_COMPLEX = TypeList.of("bfloat16, half, float, double, complex64, complex128")
_INDEX = TypeList.of("int16, int32, int64")  # Tk, index_type
_HALF = (jnp.float16, jnp.bfloat16)


def _dims(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def _suffix(name, *values):
    """The `name` TF's kernel errors end with: a Python list among an op's inputs sends TF's
    eager call down its slow path, whose errors carry no " name: " suffix."""
    if any(isinstance(v, (list, tuple)) for v in values):
        return None
    return name or ""


def _concrete(x) -> bool:
    """A value check can run now (not inside a tf.function trace or a jitted pullback)."""
    return not isinstance(x, jax.core.Tracer)


def _attr_error(attr, d, allowed: TypeList, op_type, name=""):
    """TF's error for a type attr other than T (Tlabels, Tindices, Tk, index_type)."""
    text = ("Value for attr '%s' of %s is not in the list of allowed values: %s\n\t; NodeDef: "
            "{{node %s}} [Op:%s]" % (attr, tf_type_name(d), ", ".join(allowed.tf_names),
                                      op_type, op_type))
    if name is not None:
        text += " name: " + name
    return errors.InvalidArgumentError(None, None, text)


def _mismatch(op_type, i, want, got, name=""):
    """TF's error for an input of another dtype than the one its type attr took."""
    return errors.op_error(
        op_type, "cannot compute %s as input #%d(zero-based) was expected to be a %s tensor but "
        "is a %s tensor" % (op_type, i, tf_type_name(want), tf_type_name(got)), name)


def _convert_to(value, dtype):
    """`tensor <op> value` in TF: a Python value takes the tensor's dtype, strictly."""
    return value if is_tensor_like(value) else convert_to_tensor(value, dtype)


# ---------------------------------------------------------------------------------------------
# Activations


@jax.custom_jvp
def _relu(x):
    return jnp.maximum(x, jnp.zeros((), x.dtype))


@_relu.defjvp
def _relu_jvp(primals, tangents):
    """TF's _ReluGrad: dy where x > 0, so 0 at 0 (jnp.maximum would give half)."""
    (x,), (t,) = primals, tangents
    return _relu(x), jnp.where(x > 0, t, jnp.zeros_like(t))


@jax.custom_jvp
def _relu6(x):
    return jnp.minimum(jnp.maximum(x, jnp.zeros((), x.dtype)), jnp.asarray(6, x.dtype))


@_relu6.defjvp
def _relu6_jvp(primals, tangents):
    """TF's _Relu6Grad: dy where 0 < x < 6, so 0 at both corners."""
    (x,), (t,) = primals, tangents
    return _relu6(x), jnp.where((x > 0) & (x < 6), t, jnp.zeros_like(t))


@functools.partial(jax.custom_jvp, nondiff_argnums=(1,))
def _leaky_relu(x, alpha):
    # TF's kernel: x > 0 ? x : x * alpha, alpha a float attr cast to T (so 0.2 in float64 is
    # float32's 0.2).
    a = jnp.asarray(np.float32(alpha)).astype(x.dtype)
    return jnp.where(x > 0, x, x * a)


@_leaky_relu.defjvp
def _leaky_relu_jvp(alpha, primals, tangents):
    """TF's _LeakyReluGrad: dy where x > 0, else alpha * dy (alpha at 0)."""
    (x,), (t,) = primals, tangents
    a = jnp.asarray(np.float32(alpha)).astype(x.dtype)
    return _leaky_relu(x, alpha), jnp.where(x > 0, t, t * a)


@jax.custom_jvp
def _elu(x):
    # TF's kernel: x < 0 ? exp(x) - 1 : x (exp of the clipped value keeps the unused branch finite).
    return jnp.where(x < 0, jnp.exp(jnp.minimum(x, 0)) - 1, x)


@_elu.defjvp
def _elu_jvp(primals, tangents):
    """TF's _EluGrad, from the output y: dy * (y + 1) where y < 0, else dy (1 at 0); its
    derivative is TF's _EluGradGrad."""
    (x,), (t,) = primals, tangents
    y = _elu(x)
    return y, jnp.where(y < 0, t * (y + 1), t)


_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_SCALE_ALPHA = 1.7580993408473768599402175208123


@jax.custom_jvp
def _selu(x):
    # TF's kernel: x < 0 ? scale_alpha * (exp(x) - 1) : scale * x.
    neg = _SELU_SCALE_ALPHA * (jnp.exp(jnp.minimum(x, 0)) - 1)
    return jnp.where(x < 0, neg.astype(x.dtype), (_SELU_SCALE * x).astype(x.dtype))


@_selu.defjvp
def _selu_jvp(primals, tangents):
    """TF's _SeluGrad, from the output y: dy * (y + scale_alpha) where y < 0, else dy * scale
    (scale at 0, where JAX's derivative of the natural body gives scale_alpha)."""
    (x,), (t,) = primals, tangents
    y = _selu(x)
    return y, jnp.where(y < 0, t * (y + _SELU_SCALE_ALPHA), t * _SELU_SCALE).astype(x.dtype)


@jax.custom_jvp
def _softplus(x):
    # TF's kernel (softplus_op.h): x itself above -log(eps) - 2, exp(x) below log(eps) + 2.
    threshold = float(np.log(jnp.finfo(x.dtype).eps)) + 2.0
    safe = jnp.clip(x, threshold, -threshold)
    middle = jnp.log1p(jnp.exp(safe))
    return jnp.where(x > -threshold, x, jnp.where(x < threshold, jnp.exp(x), middle))


@_softplus.defjvp
def _softplus_jvp(primals, tangents):
    """TF's _SoftplusGrad: dy / (exp(-x) + 1)."""
    (x,), (t,) = primals, tangents
    return _softplus(x), t / (jnp.exp(-x) + 1)


def _activation(names, op_type, fn, allowed):
    """A one-input activation op with TF's parameter name `features`."""

    def body(features, name=None):
        return fn(features)

    body.__name__ = names[0].rsplit(".", 1)[-1]
    return op(*names, tensors=("features",), dtypes=allowed, op_type=op_type,
              sig="features:T -> activations:T", jit=True)(body)


relu = _activation(("nn.relu",), "Relu", _relu, _RELU)
relu6 = _activation(("nn.relu6",), "Relu6", _relu6, _RELU6)
elu = _activation(("nn.elu",), "Elu", _elu, _FLOATS)
selu = _activation(("nn.selu",), "Selu", _selu, _FLOATS)
softsign = _activation(("nn.softsign", "math.softsign"), "Softsign",
                       lambda x: x / (jnp.abs(x) + 1), _FLOATS)
softplus = _activation(("math.softplus", "nn.softplus"), "Softplus", _softplus, _FLOATS)


@op(tensors=("features",), dtypes=_FLOATS, op_type="LeakyRelu", sig="features:T -> activations:T")
def _leaky_relu_op(features, alpha=0.2, name=None):
    return _leaky_relu(features, float(alpha))


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
    if features.dtype not in _UNARY_FLOAT_COMPLEX:  # where TF's composite first fails
        raise _dtype_error("Sigmoid", features.dtype, _UNARY_FLOAT_COMPLEX, "x:T -> y:T")
    return _swish(features, beta)


# ---------------------------------------------------------------------------------------------
# Softmax and the cross-entropies


def _softmax_op(op_type, log):
    def body(logits, axis=-1, name=None):
        x = logits
        if not log and math_ops._mkl(x.dtype) and not 1 <= x.ndim <= 5:
            # TF's CPU Softmax for float32 is oneDNN's, which takes ranks 1 to 5 only.
            raise errors.kernel_error(op_type, "Input dims must be <= 5 and >=1", name,
                                      cls=errors.AbortedError)
        if x.ndim == 0:
            raise errors.kernel_error(op_type, "logits must have >= 1 dimension, got %s"
                                      % _dims(x.shape), name)
        if axis != -1 and not -x.ndim <= axis < x.ndim:
            raise errors.InvalidArgumentError(
                None, None, "`dim` must be in the range [%d, %d) where %d is the number of "
                "dimensions in the input. Received: dim=%d" % (-x.ndim, x.ndim, x.ndim, axis))
        if log:
            return jax.nn.log_softmax(x, axis=axis)
        if x.dtype == jnp.bfloat16:  # oneDNN's kernel: float32 inside, rounded once
            return jax.nn.softmax(x.astype(jnp.float32), axis=axis).astype(x.dtype)
        if x.dtype == jnp.float16:
            # Eigen's kernel, in half throughout: exp(x - max), its sum, then times 1 / sum.
            e = jnp.exp(x - jnp.max(x, axis=axis, keepdims=True))
            total = lax.reduce(e, np.float16(0), lax.add, (axis % x.ndim,))
            return e * (1 / jnp.expand_dims(total, axis))
        return jax.nn.softmax(x, axis=axis)

    body.__name__ = "log_softmax" if log else "softmax"
    return op(tensors=("logits",), dtypes=_FLOATS, op_type=op_type,
              sig="logits:T -> %s:T" % ("logsoftmax" if log else "softmax"))(body)


_softmax = _softmax_op("Softmax", log=False)
_log_softmax = _softmax_op("LogSoftmax", log=True)


@_api.export("nn.softmax", "math.softmax")
def softmax(logits, axis=None, name=None):
    """tf.nn.softmax."""
    return _softmax(logits, -1 if axis is None else axis, name=_suffix(name, logits))


@_api.export("nn.log_softmax", "math.log_softmax")
def log_softmax(logits, axis=None, name=None):
    """tf.nn.log_softmax."""
    return _log_softmax(logits, -1 if axis is None else axis, name=_suffix(name, logits))


@jax.custom_jvp
def _xent_rows(labels, logits):
    return -jnp.sum(labels * jax.nn.log_softmax(logits, axis=-1), axis=-1)


@_xent_rows.defjvp
def _xent_rows_jvp(primals, tangents):
    """TF's _SoftmaxCrossEntropyWithLogitsGrad: d/dlogits is the kernel's backprop,
    softmax - labels (JAX's derivative would scale softmax by sum(labels)); d/dlabels is
    -log_softmax."""
    labels, logits = primals
    t_labels, t_logits = tangents
    logp = jax.nn.log_softmax(logits, axis=-1)
    backprop = jnp.exp(logp) - labels
    return (-jnp.sum(labels * logp, axis=-1),
            jnp.sum(backprop * t_logits, axis=-1) - jnp.sum(logp * t_labels, axis=-1))


@op(others=("labels", "logits"), op_type="SoftmaxCrossEntropyWithLogits")
def _softmax_xent(labels, logits, axis=-1, name=None):
    precise = jnp.float32 if logits.dtype in _HALF else logits.dtype
    x = logits.astype(precise)
    y = labels.astype(precise)
    if axis != -1:
        x, y = jnp.moveaxis(x, axis, -1), jnp.moveaxis(y, axis, -1)
    x2 = x.reshape(-1, x.shape[-1])
    y2 = y.reshape(-1, y.shape[-1])
    if not math_ops._broadcastable(x2.shape, y2.shape):
        raise errors.kernel_error(
            "SoftmaxCrossEntropyWithLogits", "logits and labels must be broadcastable: "
            "logits_size=%s labels_size=%s" % (_dims(x2.shape), _dims(y2.shape)), name)
    cost = _xent_rows(y2, x2).reshape(x.shape[:-1])
    return cost.astype(logits.dtype)


@_api.export("nn.softmax_cross_entropy_with_logits")
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """tf.nn.softmax_cross_entropy_with_logits: labels are cast to the logits' dtype."""
    if axis is None:
        axis = -1
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    if logits.dtype not in _FLOATS:
        raise _dtype_error("SoftmaxCrossEntropyWithLogits", logits.dtype, _FLOATS,
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
    if _concrete(labels) and labels.size:
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
    if logits.dtype not in _FLOATS:
        raise _dtype_error("SparseSoftmaxCrossEntropyWithLogits", logits.dtype, _FLOATS, sig)
    if labels.dtype not in (D.int32, D.int64):
        raise _attr_error("Tlabels", labels.dtype, TypeList.of("int32, int64"),
                          "SparseSoftmaxCrossEntropyWithLogits", name or "")
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
        raise _mismatch("Mul", 1, logits.dtype, labels.dtype)
    if logits.dtype not in math_ops._COMPARE:
        raise _dtype_error("GreaterEqual", logits.dtype, math_ops._COMPARE, "x:T, y:T -> z:bool")
    if logits.dtype not in _UNARY_FLOAT_COMPLEX:
        raise _dtype_error("Exp", logits.dtype, _UNARY_FLOAT_COMPLEX, "x:T -> y:T")
    return _sigmoid_xent(labels, logits)


@op(others=("labels", "logits", "pos_weight"), op_type="logistic_loss")
def _weighted_xent(labels, logits, pos_weight, one=1, name=None):
    log_weight = 1 + (pos_weight - one) * labels
    return (1 - labels) * logits + log_weight * (
        jnp.log1p(jnp.exp(-tf_grads.abs(logits))) + _relu(-logits))


@_api.export("nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """tf.nn.weighted_cross_entropy_with_logits."""
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    _same_shape(logits, labels)
    if is_tensor_like(pos_weight):
        pos_weight, one = convert_to_tensor(pos_weight), 1
        if pos_weight.dtype is not labels.dtype:  # TF's (pos_weight - 1) * labels
            raise _mismatch("Mul", 1, pos_weight.dtype, labels.dtype)
    else:  # a Python number: TF subtracts 1 in Python, then converts with the labels' dtype
        pos_weight, one = convert_to_tensor(pos_weight - 1, labels.dtype), 0
    if labels.dtype is not logits.dtype:  # TF's (1 - labels) * logits
        raise _mismatch("Mul", 1, labels.dtype, logits.dtype)
    if logits.dtype not in _UNARY_FLOAT_COMPLEX:
        raise _dtype_error("Exp", logits.dtype, _UNARY_FLOAT_COMPLEX, "x:T -> y:T")
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
        raise _mismatch("Mul", 1, log_input.dtype, targets.dtype)
    if log_input.dtype not in _UNARY_FLOAT_COMPLEX:
        raise _dtype_error("Exp", log_input.dtype, _UNARY_FLOAT_COMPLEX, "x:T -> y:T")
    return _log_poisson(targets, log_input, compute_full_loss=bool(compute_full_loss))


@op("nn.l2_loss", tensors=("t",), dtypes=_FLOATS, op_type="L2Loss", sig="t:T -> output:T")
def l2_loss(t, name=None):
    # TF's kernel: sum(t^2 * 0.5), half types accumulated in float32.
    acc = jnp.float32 if t.dtype in _HALF else t.dtype
    return jnp.sum(jnp.square(t.astype(acc)) * 0.5, dtype=acc).astype(t.dtype)


@op(tensors=("x",), op_type="l2_normalize")
def _l2_normalize(x, axis=None, epsilon=1e-12, name=None):
    axes = None if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    if jnp.iscomplexobj(x):
        re, im = jnp.real(x), jnp.imag(x)
        square_sum = jnp.sum(re * re + im * im, axis=axes, keepdims=True)
        inv = lax.rsqrt(tf_grads.maximum(square_sum, jnp.asarray(epsilon, re.dtype)))
        return lax.complex(re * inv, im * inv)
    acc = jnp.float32 if x.dtype in _HALF else x.dtype  # TF's Sum accumulates halves in float32
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
    if x.dtype not in math_ops._SQUARE:
        raise _dtype_error("Square", x.dtype, math_ops._SQUARE, "x:T -> y:T")
    if not (x.dtype.is_floating or x.dtype.is_complex):
        # TF's maximum(square_sum, epsilon) converts epsilon with the integer dtype.
        raise TypeError("Cannot convert %r to EagerTensor of dtype %s" % (epsilon, x.dtype.name))
    return _l2_normalize(x, axis=axis, epsilon=float(epsilon))


# ---------------------------------------------------------------------------------------------
# bias_add, moments, batch normalization


@op(tensors=("value", "bias"), dtypes=_BIAS_ADD, op_type="BiasAdd",
    sig="value:T, bias:T -> output:T")
def _bias_add(value, bias, data_format="NHWC", name=None):
    if value.ndim < 2:
        raise errors.kernel_error("BiasAdd", "Input tensor must be at least 2D: %s"
                                  % _dims(value.shape), name)
    if bias.ndim != 1:
        raise errors.kernel_error("BiasAdd", "Biases must be 1D: %s" % _dims(bias.shape), name)
    channel = 1 if data_format == "NCHW" else value.ndim - 1
    if bias.shape[0] != value.shape[channel]:
        raise errors.kernel_error(
            "BiasAdd", "Must provide as many biases as the last dimension of the input tensor: "
            "%s vs. %s" % (_dims(bias.shape), _dims(value.shape)), name)
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
                     name=_suffix(name, value, bias))


_reduce_mean = math_ops.reduce_mean.__wrapped__  # the Mean body: TF's axes checks and errors


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
    divisor = 1 / counts
    shifted_mean = mean_ss * divisor
    mean = shifted_mean if shift is None else shifted_mean + shift
    return mean, variance_ss * divisor - jnp.square(shifted_mean)


@_api.export("nn.normalize_moments")
def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    """tf.nn.normalize_moments."""
    if shift is not None and not is_tensor_like(shift):
        shift = convert_to_tensor(shift, convert_to_tensor(mean_ss).dtype)
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
        raise _mismatch("AddV2", 1, dt, convert_to_tensor(eps).dtype)
    # TF's inv *= scale, then offset - mean * inv: each an op whose inputs share one dtype.
    if scale is not None:
        scale = _convert_to(scale, dt)
        if convert_to_tensor(scale).dtype is not dt:
            raise _mismatch("Mul", 1, dt, convert_to_tensor(scale).dtype)
    mean = _convert_to(mean, dt)
    if convert_to_tensor(mean).dtype is not dt:
        raise _mismatch("Mul", 1, convert_to_tensor(mean).dtype, dt)
    if offset is not None:
        offset = _convert_to(offset, dt)
        if convert_to_tensor(offset).dtype is not dt:
            raise _mismatch("Sub", 1, convert_to_tensor(offset).dtype, dt)
    return _batch_norm(x, mean, variance, offset, scale, eps)


# ---------------------------------------------------------------------------------------------
# dropout


@op(others=("x", "rate", "scale", "key"), op_type="dropout")
def _dropout(x, rate, scale, key, noise_shape, name=None):
    ret = x * scale if scale is not None else x / (jnp.ones((), x.dtype) - rate)
    if not math_ops._broadcastable(tuple(noise_shape), x.shape):  # TF's where(keep, ret, 0)
        raise errors.kernel_error(
            "SelectV2", "condition %s, then %s, and else [] must be broadcastable"
            % (_dims(noise_shape), _dims(x.shape)), "")
    random = random_ops._draw("uniform", key, tuple(noise_shape), x.dtype)  # tf.random.uniform
    return jnp.where(random >= rate, ret, jnp.zeros((), x.dtype))


@_api.export("nn.dropout")
def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """tf.nn.dropout.

    The mask comes from tf.random's key streams (TF's seed contract: tf.random.set_seed, op
    seeds, a fresh mask on each call of a tf.function).

    Differences from TensorFlow: the kept positions are JAX's threefry draws, not TF's Philox
    ones (the fraction kept, the scaling and the seed behaviour are TF's).
    """
    is_number = isinstance(rate, numbers.Real) and not is_tensor(rate)
    if is_number and (rate < 0 or rate >= 1):
        raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                         "Received: rate=%s" % rate)
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        raise ValueError("`x.dtype` must be a floating point tensor as `x` will be scaled. "
                         "Received: x_dtype=%s" % x.dtype)
    if is_number and rate == 0:
        random_ops._get_seed(seed)  # TF's dummy_rng_step: the op-seed draw still happens
        return x
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
    return _dropout(x, rate, scale, random_ops._next_key(seed), noise_shape=noise_shape)


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
    result = array_ops.gather(params, ids, name=name or "")
    if max_norm is None:
        return result
    return _clip_by_norm(result, tuple(range(ids.ndim, result.ndim)), float(max_norm))


# ---------------------------------------------------------------------------------------------
# top_k, in_top_k

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


@op(tensors=("input",), dtypes=_TOP_K, op_type="TopKV2",
    sig="input:T, k:Tk -> values:T, indices:index_type")
def _top_k(input, k=1, sorted=True, index_type=D.int32, name=None):  # noqa: A002
    if input.ndim < 1:
        raise errors.kernel_error("TopKV2", "input must be >= 1-D, got shape %s"
                                  % _dims(input.shape), name)
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
    if k_dtype is not None and k_dtype not in _INDEX:
        raise _attr_error("Tk", k_dtype, _INDEX, "TopKV2", _suffix(name, input))
    index_type = D.as_dtype(index_type)
    if index_type not in _INDEX:
        raise _attr_error("index_type", index_type, _INDEX, "TopKV2", _suffix(name, input))
    out = _top_k(input, int(static_value(k)), bool(sorted), index_type,
                 name=_suffix(name, input))
    return TopKV2(*out)


@op(tensors=("predictions",), others=("targets",), dtypes=_IN_TOP_K, op_type="InTopKV2",
    grad=False, sig="predictions:float, targets:T, k:T -> precision:bool")
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
        raise _dtype_error("InTopKV2", targets.dtype, TypeList.of("int32, int64"),
                           "predictions:float, targets:T, k:T -> precision:bool")
    return _in_top_k(predictions, targets, int(static_value(k)), name=name or "")


# ---------------------------------------------------------------------------------------------
# Convolutions and pooling: TF's kernels' checks and window arithmetic, lax for the math


def _get_sequence(value, n, channel_index, name):
    """TF's _get_sequence: strides/dilations/ksize as a full per-dimension list."""
    if value is None:
        return [1] * (n + 2)
    if isinstance(value, (list, tuple)):
        value = list(value)
    elif isinstance(value, int):
        value = [value]
    elif not hasattr(value, "__len__"):
        value = [value]
    else:
        value = list(value)
    value = [static_value(v) for v in value]
    if len(value) == n + 2:
        return value
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError("%s should be of length 1, %d or %d. Received: %s=%s of length %d"
                         % (name, n, n + 2, name, value, len(value)))
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def _convert_padding(padding, expected_length=4):
    """TF's convert_padding: a list of pairs becomes EXPLICIT padding."""
    explicit = []
    if padding == "EXPLICIT":
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit "
                         "padding, `padding` must be a list.")
    if isinstance(padding, (list, tuple)):
        for i, pair in enumerate(padding):
            if not isinstance(pair, (list, tuple)):
                raise ValueError("When `padding` is a list, each element of `padding` must be a "
                                 "list/tuple of size 2. Received: padding=%s with element at "
                                 "index %d of type %s" % (padding, i, type(pair)))
            if len(pair) != 2:
                raise ValueError("When `padding` is a list, each element of `padding` must be a "
                                 "list/tuple of size 2. Received: padding=%s with element at "
                                 "index %d of size %d" % (padding, i, len(pair)))
            explicit.extend(int(p) for p in pair)
        if len(padding) != expected_length:
            raise ValueError("When padding is a list, it must be of size %d. Received: "
                             "padding=%s of size %d" % (expected_length, padding, len(padding)))
        padding = "EXPLICIT"
    return padding, tuple(explicit)


def _check_attr(op_type, attr, value, allowed, node=None):
    if value not in allowed:
        raise errors.InvalidArgumentError(
            None, None, "Value for attr '%s' of \"%s\" is not in the list of allowed values: %s"
            "\n\t; NodeDef: {{node %s}} [Op:%s] name: "
            % (attr, value, ", ".join('"%s"' % a for a in allowed), node or op_type, op_type))


def _trunc_div(a, b):
    return a // b if a >= 0 else -((-a) // b)


def _windows(op_type, node, in_sizes, sizes, strides, dilations, padding, explicit, name,
             cls=errors.InvalidArgumentError):
    """TF's GetWindowedOutputSizeVerbose per spatial dimension: (pad_before, pad_after) pairs."""
    pads = []
    for i, (n, k, s, d) in enumerate(zip(in_sizes, sizes, strides, dilations)):
        eff = (k - 1) * d + 1
        if padding == "SAME":
            out = (n + s - 1) // s
            need = max(0, (out - 1) * s + eff - n)
            pads.append((need // 2, need - need // 2))
            continue
        before, after = explicit[i] if padding == "EXPLICIT" else (0, 0)
        out = _trunc_div(n + before + after - eff + s, s)
        if out < 0:
            raise errors.kernel_error(
                op_type, "Computed output size would be negative: %d [input_size: %d, "
                "effective_filter_size: %d, stride: %d]" % (out, n, eff, s), name, node=node,
                cls=cls)
        pads.append((before, after))
    return pads


def _layout(data_format, n):
    """(channels-first?, the lax dimension-number strings) for an N-d data_format."""
    spatial = "DHW"[3 - n:] if n > 1 else "W"
    first = data_format.startswith("NC")
    lhs = ("NC" + spatial) if first else ("N" + spatial + "C")
    return first, (lhs, spatial + "IO", lhs)


def _conv_math(x, w, strides, pads, dilations, data_format, groups=1):
    n = x.ndim - 2
    first, dn = _layout(data_format, n)
    acc = jnp.float32 if x.dtype in _HALF else None
    out = lax.conv_general_dilated(
        x, w, window_strides=tuple(strides), padding=pads, rhs_dilation=tuple(dilations),
        dimension_numbers=dn, feature_group_count=groups,
        preferred_element_type=acc)
    return out.astype(x.dtype)


def _spatial(data_format, values, n):
    """The spatial entries of a per-dimension list (strides, dilations, explicit pads)."""
    return list(values[2:]) if data_format.startswith("NC") else list(values[1:n + 1])


def _conv2d_kernel(x, w, strides, padding, explicit, data_format, dilations, name):
    """TF's Conv2D kernel on 4-d input: its checks, in its order, then lax."""
    node = "__MklNativeConv2D" if math_ops._mkl(x.dtype) else "Conv2D"

    def fail(msg, cls=errors.InvalidArgumentError):
        return errors.kernel_error("Conv2D", msg, name, node=node, cls=cls)

    first = data_format == "NCHW"
    if len(strides) != 4:
        raise fail("Sliding window strides field must specify 4 dimensions")
    if (strides[0] != 1 or strides[1 if first else 3] != 1):
        raise fail("Current implementation does not yet support strides in the batch and depth "
                   "dimensions.", errors.UnimplementedError)
    if len(dilations) != 4:
        raise fail("Sliding window dilations field must specify 4 dimensions")
    if dilations[0] != 1 or dilations[1 if first else 3] != 1:
        raise fail("Current implementation does not yet support dilations in the batch and "
                   "depth dimensions.", errors.UnimplementedError)
    if min(strides) <= 0:
        raise fail("Stride must be > 0, but got %d" % min(strides))
    if min(dilations) <= 0:
        raise fail("Dilated rates should be larger than 0.")
    if x.ndim != 4:
        raise fail("input must be 4-dimensional%s" % _dims(x.shape))
    if w.ndim != 4:
        raise fail("filter must be 4-dimensional: %s" % _dims(w.shape))
    in_depth = x.shape[1 if first else 3]
    if in_depth % w.shape[2] != 0:
        raise fail("input depth must be evenly divisible by filter depth: %d vs %d"
                   % (in_depth, w.shape[2]))
    groups = in_depth // w.shape[2]
    if w.shape[3] % groups != 0:
        raise fail("output depth must be evenly divisible by number of groups: %d vs %d"
                   % (w.shape[3], groups))
    s, d = _spatial(data_format, strides, 2), _spatial(data_format, dilations, 2)
    ex = None
    if padding == "EXPLICIT":
        pairs = [explicit[i:i + 2] for i in range(0, len(explicit), 2)]
        ex = _spatial(data_format, pairs, 2)
    sizes = x.shape[2:] if first else x.shape[1:3]
    pads = _windows("Conv2D", node, sizes, w.shape[:2], s, d, padding, ex, name)
    return _conv_math(x, w, s, pads, d, data_format, groups)


def _conv2d_attrs(padding, data_format, node):
    _check_attr("Conv2D", "padding", padding, ("SAME", "VALID", "EXPLICIT"), node)
    _check_attr("Conv2D", "data_format", data_format, ("NHWC", "NCHW"), node)


@op(tensors=("input", "filters"), dtypes=_CONV2D, op_type="Conv2D",
    sig="input:T, filter:T -> output:T")
def _conv2d(input, filters, strides, padding, explicit, data_format, dilations,  # noqa: A002
            name=None):
    x = input
    node = "__MklNativeConv2D" if math_ops._mkl(x.dtype) else "Conv2D"
    _conv2d_attrs(padding, data_format, node)
    if x.ndim > 4:  # TF's squeeze_batch_dims: the leading dimensions are one batch
        batch = x.shape[:-3]
        out = _conv2d_kernel(x.reshape((-1,) + x.shape[-3:]), filters, strides, padding,
                             explicit, data_format, dilations, name)
        return out.reshape(batch + out.shape[1:])
    return _conv2d_kernel(x, filters, strides, padding, explicit, data_format, dilations, name)


def _conv_inputs(op_type, x, w):
    """The eager dtype check of an op with inputs (input, filter) sharing T, naming oneDNN's
    kernel where TF picks it."""
    x, w = convert_to_tensor(x), convert_to_tensor(w)
    if x.dtype is not w.dtype and x.dtype in _CONV2D:
        kernel = ("_MklNative" + op_type) if math_ops._mkl(x.dtype) else op_type
        raise errors.op_error(op_type, "cannot compute %s as input #1(zero-based) was expected "
                              "to be a %s tensor but is a %s tensor"
                              % (kernel, tf_type_name(x.dtype), tf_type_name(w.dtype)))
    return x, w


@_api.export("nn.conv2d")
def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None,  # noqa: A002
           name=None):
    """tf.nn.conv2d."""
    padding, explicit = _convert_padding(padding)
    if data_format is None:
        data_format = "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    strides = _get_sequence(strides, 2, channel_index, "strides")
    dilations = _get_sequence(dilations, 2, channel_index, "dilations")
    input.shape  # noqa: B018 - TF's conv2d reads input.shape: a Python list is an AttributeError
    if is_tensor_like(input) and is_tensor_like(filters):
        input, filters = _conv_inputs("Conv2D", input, filters)
    return _conv2d(input, filters, tuple(strides), padding, explicit, data_format,
                   tuple(dilations), name=name or "")


@op(tensors=("input", "filters"), dtypes=_CONV2D, op_type="Conv2D",
    sig="input:T, filter:T -> output:T")
def _conv1d(input, filters, strides, padding, data_format, dilations, name=None):  # noqa: A002
    node = "__MklNativeConv2D" if math_ops._mkl(input.dtype) else "Conv2D"
    _conv2d_attrs(padding, data_format, node)
    spatial_start = -2 if data_format == "NCHW" else -3
    x = jnp.expand_dims(input, spatial_start)
    w = jnp.expand_dims(filters, 0)
    if x.ndim > 4:
        batch = x.shape[:-3]
        out = _conv2d_kernel(x.reshape((-1,) + x.shape[-3:]), w, strides, padding, (),
                             data_format, dilations, name)
        out = out.reshape(batch + out.shape[1:])
    else:
        out = _conv2d_kernel(x, w, strides, padding, (), data_format, dilations, name)
    return jnp.squeeze(out, spatial_start)


@_api.export("nn.conv1d")
def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None,  # noqa: A002
           name=None):
    """tf.nn.conv1d: TF's Conv2D over an inserted height of 1."""
    if data_format is None or data_format in ("NHWC", "NWC"):
        data_format, channel_index = "NHWC", 2
    elif data_format in ("NCHW", "NCW"):
        data_format, channel_index = "NCHW", 1
    else:
        raise ValueError("`data_format` must be 'NWC' or 'NCW'. Received: data_format=%s"
                         % data_format)
    strides = [1] + _get_sequence(stride, 1, channel_index, "stride")
    dilations = [1] + _get_sequence(dilations, 1, channel_index, "dilations")
    if is_tensor_like(input) and is_tensor_like(filters):
        input, filters = _conv_inputs("Conv2D", input, filters)
    return _conv1d(input, filters, tuple(strides), padding, data_format, tuple(dilations),
                   name=name or "")


@op(tensors=("filters", "input"), dtypes=_CONV2D, op_type="Conv2DBackpropInput",
    sig="input_sizes:int32, filter:T, out_backprop:T -> output:T")
def _conv2d_transpose(input, filters, output_shape, strides, padding, explicit,  # noqa: A002
                      data_format, dilations, name=None):
    op_type = "Conv2DBackpropInput"
    _check_attr(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT"))
    _check_attr(op_type, "data_format", data_format, ("NHWC", "NCHW"))
    dy, w = input, filters
    first = data_format == "NCHW"
    c = 1 if first else 3
    label = "Conv2DCustomBackpropInput: "

    def fail(msg, cls=errors.InvalidArgumentError):
        return errors.kernel_error(op_type, msg, name, cls=cls)

    # TF's Conv2DBackpropInput kernel (conv_grad_input_ops.cc), its checks in its order.
    if dy.ndim != 4:
        raise fail("input_sizes must be 4-dimensional, got: %d" % dy.ndim)
    if len(output_shape) == 2:  # spatial sizes only: batch and depth from the other inputs
        output_shape = ((dy.shape[0], w.shape[2]) + tuple(output_shape) if first
                        else (dy.shape[0],) + tuple(output_shape) + (w.shape[2],))
    if len(output_shape) != 4:
        raise fail("Conv2DBackpropInput requires input_sizes to contain 4 values or 2 values, "
                   "but got: %d" % len(output_shape))
    if strides[0] != 1 or strides[c] != 1:
        raise fail("Current implementation does not yet support strides in the batch and depth "
                   "dimensions.", errors.UnimplementedError)
    if w.ndim != 4:
        raise fail(label + "filter must be 4-dimensional")
    if output_shape[c] % w.shape[2] != 0:
        raise fail(label + "input depth must be evenly divisible by filter depth")
    if dy.shape[c] != w.shape[3]:
        raise fail(label + "filter and out_backprop must have the same out_depth")
    if output_shape[0] != dy.shape[0]:
        raise fail(label + "input and out_backprop must have the same batch size. Input batch: "
                   "%d, outbackprop batch: %d, batch_dim: 0" % (output_shape[0], dy.shape[0]))
    s, d = _spatial(data_format, strides, 2), _spatial(data_format, dilations, 2)
    ex = None
    if padding == "EXPLICIT":
        ex = _spatial(data_format, [explicit[i:i + 2] for i in range(0, len(explicit), 2)], 2)
    out_shape = tuple(int(v) for v in output_shape)
    sizes = out_shape[2:] if first else out_shape[1:3]
    pads = _windows(op_type, None, sizes, w.shape[:2], s, d, padding, ex, name)
    got = dy.shape[2:] if first else dy.shape[1:3]
    for i, (n, k) in enumerate(zip(sizes, w.shape[:2])):
        eff = (k - 1) * d[i] + 1
        computed = (n + pads[i][0] + pads[i][1] - eff + s[i]) // s[i]
        if got[i] != computed:
            raise fail(label + "Size of out_backprop doesn't match computed: actual = %d, "
                       "computed = %d spatial_dim: %d input: %d filter: %d output: %d stride: "
                       "%d dilation: %d" % (got[i], computed, i + (2 if first else 1), n, k,
                                            got[i], s[i], d[i]))
    groups = out_shape[c] // w.shape[2]

    def forward(v):
        return _conv_math(v, w, s, pads, d, data_format, groups)

    # The transposed conv is the conv's pullback: JAX transposes the conv exactly, and the
    # result stays differentiable in both inputs.
    _, pullback = jax.vjp(forward, jnp.zeros(out_shape, dy.dtype))
    return pullback(dy)[0]


@_api.export("nn.conv2d_transpose")
def conv2d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NHWC", dilations=None, name=None):
    """tf.nn.conv2d_transpose: TF's Conv2DBackpropInput, as JAX's transpose of the conv.

    Differences from TensorFlow: dilations > 1 are computed (TF's CPU kernels refuse them;
    its GPU kernels compute them); float32 shape errors use the messages of TF's reference
    kernel, not oneDNN's.
    """
    if data_format is None:
        data_format = "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    strides = _get_sequence(strides, 2, channel_index, "strides")
    dilations = _get_sequence(dilations, 2, channel_index, "dilations")
    padding, explicit = _convert_padding(padding)
    suffix = _suffix(name, output_shape)
    if is_tensor_like(input) and is_tensor_like(filters):
        # The op's type attr comes from the filter (input #1); out_backprop is input #2.
        dy, w = convert_to_tensor(input), convert_to_tensor(filters)
        if dy.dtype is not w.dtype and w.dtype in _CONV2D:
            kernel = ("_MklNative" if math_ops._mkl(w.dtype) else "") + "Conv2DBackpropInput"
            text = ("cannot compute %s as input #2(zero-based) was expected to be a %s tensor "
                    "but is a %s tensor [Op:Conv2DBackpropInput]"
                    % (kernel, tf_type_name(w.dtype), tf_type_name(dy.dtype)))
            if suffix is not None:
                text += " name: " + suffix
            raise errors.InvalidArgumentError(None, None, text)
    return _conv2d_transpose(input, filters, tuple(static_value(output_shape)), tuple(strides),
                             padding, explicit, data_format, tuple(dilations), name=suffix)


_DEPTHWISE = TypeList.of("half, bfloat16, float, double")


@op(tensors=("input", "filter"), dtypes=_DEPTHWISE, op_type="DepthwiseConv2dNative",
    sig="input:T, filter:T -> output:T")
def _depthwise(input, filter, strides, padding, explicit, data_format, dilations,  # noqa: A002
               name=None):
    op_type = "DepthwiseConv2dNative"
    _check_attr(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT"))
    _check_attr(op_type, "data_format", data_format, ("NHWC", "NCHW"))
    x, w = input, filter
    first = data_format == "NCHW"
    mkl = math_ops._mkl(x.dtype)  # TF's CPU kernel for float32 is oneDNN's

    def fail(msg, cls=errors.InvalidArgumentError):
        return errors.kernel_error(op_type, msg, name, cls=cls,
                                   node="__MklNative" + op_type if mkl else None)

    if len(strides) != 4:
        raise fail("Sliding window strides field must specify 4 dimensions")
    s = _spatial(data_format, strides, 2)
    if strides[0] != 1 or strides[1 if first else 3] != 1:
        raise fail("Current implementation does not yet support strides in the batch and depth "
                   "dimensions.", errors.UnimplementedError if mkl else errors.InvalidArgumentError)
    if s[0] != s[1] and not mkl:
        raise fail("Current implementation only supports equal length strides in the row and "
                   "column dimensions.")
    if x.ndim != 4:
        raise fail("input must be 4-dimensional%s" % _dims(x.shape))
    if w.ndim != 4:
        raise fail("filter must be 4-dimensional: %s" % _dims(w.shape))
    in_depth = x.shape[1 if first else 3]
    if in_depth != w.shape[2]:
        raise fail(("input depth must be evenly divisible by filter depth: %d vs %d" if mkl else
                    "input and filter must have the same depth: %d vs %d")
                   % (in_depth, w.shape[2]))
    d = list(dilations)
    ex = None
    if padding == "EXPLICIT":
        ex = _spatial(data_format, [explicit[i:i + 2] for i in range(0, len(explicit), 2)], 2)
    sizes = x.shape[2:] if first else x.shape[1:3]
    pads = _windows(op_type, None, sizes, w.shape[:2], s, d, padding, ex, name)
    # [h, w, in, multiplier] -> [h, w, 1, in * multiplier]: output channel c * multiplier + m.
    kernel = w.reshape(w.shape[0], w.shape[1], 1, w.shape[2] * w.shape[3])
    return _conv_math(x, kernel, s, pads, d, data_format, groups=in_depth)


@_api.export("nn.depthwise_conv2d")
def depthwise_conv2d(input, filter, strides, padding, data_format=None,  # noqa: A002
                     dilations=None, name=None):
    """tf.nn.depthwise_conv2d.

    Differences from TensorFlow: dilations are the kernel's (lax's rhs_dilation); TF runs them
    through space_to_batch, which differs from a dilated conv for VALID padding that the
    dilated window overhangs, and for strides > 1 with dilations > 1 (TF warns there).
    """
    input, filter = convert_to_tensor(input), convert_to_tensor(filter)
    rate = [1, 1] if dilations is None else [int(v) for v in static_value(dilations)]
    if len(rate) != 2:
        raise ValueError("`dilation_rate.shape` must be (2,). Received: dilation_rate.shape=(%d,)"
                         % len(rate))
    if min(rate) < 1:
        raise ValueError("`dilation_rate` must be positive. Received: dilation_rate=%s" % rate)
    strides = [int(v) for v in static_value(strides)]
    padding, explicit = _convert_padding(padding)
    if input.dtype is not filter.dtype and input.dtype in _DEPTHWISE:
        kernel = ("_MklNative" if math_ops._mkl(input.dtype) else "") + "DepthwiseConv2dNative"
        raise errors.op_error("DepthwiseConv2dNative", "cannot compute %s as input #1(zero-based) "
                              "was expected to be a %s tensor but is a %s tensor"
                              % (kernel, tf_type_name(input.dtype), tf_type_name(filter.dtype)))
    return _depthwise(input, filter, tuple(strides), padding, explicit, data_format or "NHWC",
                      tuple(rate), name=name or "")


def _pool(kind, x, ksize, strides, padding, explicit, data_format, name):
    """TF's MaxPool/AvgPool (2-d and 3-d) kernels: checks, window arithmetic, lax."""
    n = x.ndim - 2
    op_type = ("MaxPool" if kind == "max" else "AvgPool") + ("3D" if n == 3 else "")
    allowed_formats = ("NDHWC", "NCDHW") if n == 3 else (
        ("NHWC", "NCHW", "NCHW_VECT_C") if kind == "max" else ("NHWC", "NCHW"))
    _check_attr(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT") if (
        kind == "max" and n == 2) else ("SAME", "VALID"))
    _check_attr(op_type, "data_format", data_format, allowed_formats)

    node = "__MklNativeAvgPool" if op_type == "AvgPool" and math_ops._mkl(x.dtype) else None

    def fail(msg, cls=errors.InvalidArgumentError):
        return errors.kernel_error(op_type, msg, name, cls=cls, node=node)

    if len(ksize) != n + 2:
        raise fail("Sliding window ksize field must specify %d dimensions" % (n + 2))
    if len(strides) != n + 2:
        raise fail("Sliding window stride field must specify %d dimensions" % (n + 2))
    if ksize[0] != 1 or strides[0] != 1:
        raise fail("Pooling is not yet supported on the batch dimension.",
                   errors.UnimplementedError)
    first = data_format.startswith("NC")
    c = 1 if first else n + 1
    k_sp = _spatial(data_format, ksize, n)
    s_sp = _spatial(data_format, strides, n)
    if ksize[c] != 1 and any(v != 1 for v in k_sp):
        raise fail("MaxPooling supports exactly one of pooling across depth or pooling across "
                   "width/height.", errors.UnimplementedError)
    sizes = x.shape[2:] if first else x.shape[1:n + 1]
    ex = None
    if padding == "EXPLICIT":
        ex = _spatial(data_format, [explicit[i:i + 2] for i in range(0, len(explicit), 2)], n)
    pads = _windows(op_type, node, sizes, k_sp, s_sp, [1] * n, padding, ex, name)
    full = [(0, 0)] * (n + 2)
    for i, p in enumerate(pads):
        full[i + 2 if first else i + 1] = p
    window, stride = tuple(ksize), tuple(strides)
    if ksize[c] != 1:  # depthwise max pooling: windows over the channels only
        full = [(0, 0)] * (n + 2)
    if kind == "max":
        # A NumPy scalar init: JAX recognizes max-pooling (and differentiates it) only then.
        init = -np.inf if jnp.issubdtype(x.dtype, jnp.inexact) else jnp.iinfo(x.dtype).min
        return lax.reduce_window(x, np.asarray(init, x.dtype), lax.max, window, stride, full)
    acc = jnp.float32 if x.dtype in _HALF else x.dtype
    total = lax.reduce_window(x.astype(acc), np.zeros((), acc), lax.add, window, stride, full)
    ones = np.ones([1 if i in (0, c) else x.shape[i] for i in range(n + 2)], acc)
    count = lax.reduce_window(ones, np.zeros((), acc), lax.add, window, stride, full)
    return (total / count).astype(x.dtype)


def _pool_input_rank(op_type, x, n, data_format, name):
    """TF's rank check of a pooling kernel; float32's 2-d kernels are oneDNN's on CPU."""
    if x.ndim != n + 2:
        if n == 2 and math_ops._mkl(x.dtype):
            raise errors.kernel_error(op_type, "Input must be 4 or 5-dimensional", name,
                                      node="__MklNativeAvgPool" if op_type == "AvgPool" else None)
        if n == 2:
            raise errors.kernel_error(op_type, "tensor_in_shape must have 2 spatial dimensions. "
                                      "%d %d" % (x.ndim, data_format.startswith("NC")), name)
        raise errors.kernel_error(op_type, "input must be %d-dimensional" % (n + 2), name)


@op(tensors=("input",), dtypes=_MAX_POOL, op_type="MaxPool", sig="input:T -> output:T")
def _max_pool(input, ksize, strides, padding, explicit, data_format, name=None):  # noqa: A002
    _pool_input_rank("MaxPool", input, 2, data_format, name)
    return _pool("max", input, ksize, strides, padding, explicit, data_format, name)


@op(tensors=("input",), dtypes=_FLOATS, op_type="AvgPool", sig="value:T -> output:T")
def _avg_pool(input, ksize, strides, padding, data_format, name=None):  # noqa: A002
    _pool_input_rank("AvgPool", input, 2, data_format, name)
    return _pool("avg", input, ksize, strides, padding, (), data_format, name)


@op(tensors=("input",), dtypes=_MAX_POOL3D, op_type="MaxPool3D", sig="input:T -> output:T")
def _max_pool3d(input, ksize, strides, padding, data_format, name=None):  # noqa: A002
    _pool_input_rank("MaxPool3D", input, 3, data_format, name)
    return _pool("max", input, ksize, strides, padding, (), data_format, name)


@op(tensors=("input",), dtypes=_FLOATS, op_type="AvgPool3D", sig="input:T -> output:T")
def _avg_pool3d(input, ksize, strides, padding, data_format, name=None):  # noqa: A002
    _pool_input_rank("AvgPool3D", input, 3, data_format, name)
    return _pool("avg", input, ksize, strides, padding, (), data_format, name)


def _pool1d(kind, input, ksize, strides, padding, data_format, name):  # noqa: A002
    """TF's max_pool1d/avg_pool1d: the 2-d kernel over an inserted height of 1."""
    if data_format is None:
        data_format = "NWC"
    channel_index = 1 if data_format.startswith("NC") else 2
    ksize = [1] + _get_sequence(ksize, 1, channel_index, "ksize")
    strides = [1] + _get_sequence(strides, 1, channel_index, "strides")
    explicit = ()
    if kind == "max":
        padding, explicit = _convert_padding(padding, 3)
        if padding == "EXPLICIT":
            explicit = (0, 0) + explicit
    elif not isinstance(padding, str):
        raise TypeError("Expected string for argument 'padding' not %r." % (padding,))
    expanding = 1 if data_format == "NWC" else 2
    fmt = "NHWC" if data_format == "NWC" else "NCHW"
    return (_max_pool1d if kind == "max" else _avg_pool1d)(
        input, tuple(ksize), tuple(strides), padding, explicit, fmt, expanding, name=name or "")


def _pool1d_op(kind):
    op_type = "MaxPool" if kind == "max" else "AvgPool"

    def body(input, ksize, strides, padding, explicit, data_format, expanding,  # noqa: A002
             name=None):
        x = jnp.expand_dims(input, expanding)
        _pool_input_rank(op_type, x, 2, data_format, name)
        return jnp.squeeze(_pool(kind, x, ksize, strides, padding, explicit, data_format, name),
                           expanding)

    body.__name__ = kind + "_pool1d"
    return op(tensors=("input",), dtypes=_MAX_POOL if kind == "max" else _FLOATS,
              op_type=op_type, sig="input:T -> output:T")(body)


_max_pool1d = _pool1d_op("max")
_avg_pool1d = _pool1d_op("avg")


@_api.export("nn.max_pool1d")
def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """tf.nn.max_pool1d."""
    return _pool1d("max", input, ksize, strides, padding, data_format, name)


@_api.export("nn.avg_pool1d")
def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """tf.nn.avg_pool1d."""
    return _pool1d("avg", input, ksize, strides, padding, data_format, name)


@_api.export("nn.max_pool2d")
def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """tf.nn.max_pool2d."""
    if data_format is None:
        data_format = "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = _get_sequence(ksize, 2, channel_index, "ksize")
    strides = _get_sequence(strides, 2, channel_index, "strides")
    if isinstance(padding, (list, tuple)) and data_format == "NCHW_VECT_C":
        raise ValueError("`data_format='NCHW_VECT_C'` is not supported with explicit padding. "
                         "Received: padding=%s" % (padding,))
    padding, explicit = _convert_padding(padding)
    return _max_pool(input, tuple(ksize), tuple(strides), padding, explicit, data_format,
                     name=_suffix(name, input))


@_api.export("nn.avg_pool2d")
def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """tf.nn.avg_pool2d."""
    if data_format is None:
        data_format = "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = _get_sequence(ksize, 2, channel_index, "ksize")
    strides = _get_sequence(strides, 2, channel_index, "strides")
    if not isinstance(padding, str):
        raise TypeError("Expected string for argument 'padding' not %r." % (padding,))
    return _avg_pool(input, tuple(ksize), tuple(strides), padding, data_format,
                     name=_suffix(name, input))


def _pool3d(pool, input, ksize, strides, padding, data_format, name):  # noqa: A002
    """TF's max_pool3d/avg_pool3d wrapper: ksize/strides expanded around the channel axis."""
    if data_format is None:
        data_format = "NDHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = _get_sequence(ksize, 3, channel_index, "ksize")
    strides = _get_sequence(strides, 3, channel_index, "strides")
    return pool(input, tuple(ksize), tuple(strides), padding, data_format,
                name=_suffix(name, input))


@_api.export("nn.max_pool3d")
def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """tf.nn.max_pool3d."""
    return _pool3d(_max_pool3d, input, ksize, strides, padding, data_format, name)


@_api.export("nn.avg_pool3d")
def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """tf.nn.avg_pool3d."""
    return _pool3d(_avg_pool3d, input, ksize, strides, padding, data_format, name)


def _pool_rank(input, data_format):
    """TF's max_pool/avg_pool (v2): the number of spatial dimensions, from the input's rank."""
    n = len(input.shape) - 2  # TF reads input.shape: a Python list is an AttributeError
    if not 1 <= n <= 3:
        raise ValueError("`input.shape.rank` must be 3, 4 or 5. Received: input.shape=%s of "
                         "rank %d." % (input.shape, n + 2))
    channel_index = n + 1 if data_format is None else (
        1 if data_format.startswith("NC") else n + 1)
    return n, channel_index


@_api.export("nn.max_pool")
def max_pool(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """tf.nn.max_pool: 1-, 2- or 3-d by the input's rank."""
    n, channel_index = _pool_rank(input, data_format)
    if isinstance(padding, (list, tuple)) and data_format == "NCHW_VECT_C":
        raise ValueError("`data_format='NCHW_VECT_C'` is not supported with explicit padding. "
                         "Received: padding=%s" % (padding,))
    ksize = _get_sequence(ksize, n, channel_index, "ksize")
    strides = _get_sequence(strides, n, channel_index, "strides")
    if isinstance(padding, (list, tuple)) and n == 3:
        raise ValueError("Explicit padding is not supported with an input tensor of rank 5. "
                         "Received: padding=%s" % (padding,))
    fn = {1: max_pool1d, 2: max_pool2d, 3: max_pool3d}[n]
    return fn(input, ksize=ksize, strides=strides, padding=padding, data_format=data_format,
              name=name)


@_api.export("nn.avg_pool")
def avg_pool(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """tf.nn.avg_pool: 1-, 2- or 3-d by the input's rank."""
    n, channel_index = _pool_rank(input, data_format)
    ksize = _get_sequence(ksize, n, channel_index, "ksize")
    strides = _get_sequence(strides, n, channel_index, "strides")
    fn = {1: avg_pool1d, 2: avg_pool2d, 3: avg_pool3d}[n]
    return fn(input, ksize=ksize, strides=strides, padding=padding, data_format=data_format,
              name=name)
