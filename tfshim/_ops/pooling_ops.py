"""tf.nn pooling (TF's nn_ops.py): max_pool and avg_pool in 1, 2 and 3 dimensions.

TF's wrappers and its MaxPool/AvgPool kernels' checks, in their order and wording (oneDNN's
for float32's 2-d kernels on CPU); lax.reduce_window computes. The window arithmetic is
conv_ops.py's.
"""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import errors
from .._core.op import op
from . import op_defs
from .conv_ops import _convert_padding, _get_sequence, _spatial, _windows
from .op_util import HALF, mkl, name_suffix, string_attr_check


def _pool(kind, x, ksize, strides, padding, explicit, data_format, name):
    """TF's MaxPool/AvgPool (2-d and 3-d) kernels: checks, window arithmetic, lax."""
    n = x.ndim - 2
    op_type = ("MaxPool" if kind == "max" else "AvgPool") + ("3D" if n == 3 else "")
    allowed_formats = ("NDHWC", "NCDHW") if n == 3 else (
        ("NHWC", "NCHW", "NCHW_VECT_C") if kind == "max" else ("NHWC", "NCHW"))
    string_attr_check(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT") if (
        kind == "max" and n == 2) else ("SAME", "VALID"))
    string_attr_check(op_type, "data_format", data_format, allowed_formats)

    node = "__MklNativeAvgPool" if op_type == "AvgPool" and mkl(x.dtype) else None

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
        # TF's kernels compare with `>` from the lowest value (float32/64: the most negative
        # finite one, so an all -inf window gives it; half types: -inf): NaNs never win. -inf
        # is the init JAX differentiates max-pooling with; the lowest value is applied after.
        floating = jnp.issubdtype(x.dtype, jnp.inexact)
        if floating:
            init = -np.inf
            x = jnp.where(jnp.isnan(x), np.asarray(init, x.dtype), x)
        else:
            init = jnp.iinfo(x.dtype).min
        if ksize[c] == 1 and int(np.prod(k_sp)) <= _SLICED_WINDOW:
            out = _max_pool_sliced(x, window, stride, full, init)
        else:
            # A NumPy scalar init: JAX recognizes max-pooling (and differentiates it) only then.
            out = lax.reduce_window(x, np.asarray(init, x.dtype), lax.max, window, stride, full)
        return out if not floating or x.dtype in HALF else jnp.maximum(out, jnp.finfo(x.dtype).min)
    acc = jnp.float32 if x.dtype in HALF else x.dtype
    total = lax.reduce_window(x.astype(acc), np.zeros((), acc), lax.add, window, stride, full)
    ones = np.ones([1 if i in (0, c) else x.shape[i] for i in range(n + 2)], acc)
    count = lax.reduce_window(ones, np.zeros((), acc), lax.add, window, stride, full)
    return (total / count).astype(x.dtype)


# Max-pooling windows of up to this many elements are computed as a max over strided slices;
# larger ones by lax.reduce_window. XLA:CPU differentiates reduce_window's max through
# select_and_scatter, 4-16x slower than the slices' gradient for 2x2 and 3x3 windows (overlapping
# or not, VALID or SAME; bench/keras_fit.py's CNN), which are also faster forward.
_SLICED_WINDOW = 16


@jax.custom_jvp
def _first_max(windows):
    """The max over the last axis, its gradient all to the first max (TF's MaxPoolGrad gives a
    window's gradient to one max, the first in row-major window order, not split among ties)."""
    return jnp.max(windows, axis=-1)


@_first_max.defjvp
def _first_max_jvp(primals, tangents):
    (windows,), (dwindows,) = primals, tangents
    first = jnp.argmax(windows, axis=-1)
    pick = jnp.arange(windows.shape[-1]) == first[..., None]
    return jnp.max(windows, axis=-1), jnp.sum(jnp.where(pick, dwindows, 0), axis=-1)


def _max_pool_sliced(x, window, stride, pads, init):
    """Max pooling as the max of the window's strided slices (one per window offset, row-major)."""
    if any(p != (0, 0) for p in pads):
        x = jnp.pad(x, pads, constant_values=np.asarray(init, x.dtype))
    out = [(size - k) // s + 1 for size, k, s in zip(x.shape, window, stride)]
    slices = [lax.slice(x, offset, [o + s * (n - 1) + 1 for o, s, n in zip(offset, stride, out)],
                        stride)
              for offset in itertools.product(*[range(k) for k in window])]
    return _first_max(jnp.stack(slices, axis=-1))


def _pool_input_rank(op_type, x, n, data_format, name):
    """TF's rank check of a pooling kernel; float32's 2-d kernels are oneDNN's on CPU."""
    if x.ndim != n + 2:
        if n == 2 and mkl(x.dtype):
            raise errors.kernel_error(op_type, "Input must be 4 or 5-dimensional", name,
                                      node="__MklNativeAvgPool" if op_type == "AvgPool" else None)
        if n == 2:
            raise errors.kernel_error(op_type, "tensor_in_shape must have 2 spatial dimensions. "
                                      "%d %d" % (x.ndim, data_format.startswith("NC")), name)
        raise errors.kernel_error(op_type, "input must be %d-dimensional" % (n + 2), name)


def _no_half_3d_kernel(op_type, x, ksize, strides, padding, data_format):
    """TF's 3-d pooling has float and bfloat16 CPU kernels only: float16 is its NotFoundError."""
    if x.dtype != jnp.float16:
        return
    attrs = 'T=DT_HALF, data_format="%s", ksize=[%s], padding="%s", strides=[%s]' % (
        data_format, ", ".join(map(str, ksize)), padding, ", ".join(map(str, strides)))
    xla = "DT_FLOAT, DT_DOUBLE, DT_BFLOAT16" if op_type == "AvgPool3D" else "DT_FLOAT, DT_BFLOAT16"
    raise errors.no_kernel_error(op_type, attrs, "", (
        "\n  device='XLA_CPU_JIT'; T in [%s, DT_HALF]\n  device='CPU'; T in [DT_BFLOAT16]\n"
        "  device='CPU'; T in [DT_FLOAT]\n" % xla))


@op(tensors=("input",), dtypes=op_defs.allowed("MaxPool"), op_type="MaxPool",
    sig="input:T -> output:T")
def _max_pool(input, ksize, strides, padding, explicit, data_format, name=None):  # noqa: A002
    _pool_input_rank("MaxPool", input, 2, data_format, name)
    return _pool("max", input, ksize, strides, padding, explicit, data_format, name)


@op(tensors=("input",), dtypes=op_defs.allowed("AvgPool"), op_type="AvgPool",
    sig="value:T -> output:T")
def _avg_pool(input, ksize, strides, padding, data_format, name=None):  # noqa: A002
    _pool_input_rank("AvgPool", input, 2, data_format, name)
    return _pool("avg", input, ksize, strides, padding, (), data_format, name)


@op(tensors=("input",), dtypes=op_defs.allowed("MaxPool3D"), op_type="MaxPool3D",
    sig="input:T -> output:T")
def _max_pool3d(input, ksize, strides, padding, data_format, name=None):  # noqa: A002
    _no_half_3d_kernel("MaxPool3D", input, ksize, strides, padding, data_format)
    _pool_input_rank("MaxPool3D", input, 3, data_format, name)
    return _pool("max", input, ksize, strides, padding, (), data_format, name)


@op(tensors=("input",), dtypes=op_defs.allowed("AvgPool3D"), op_type="AvgPool3D",
    sig="input:T -> output:T")
def _avg_pool3d(input, ksize, strides, padding, data_format, name=None):  # noqa: A002
    _no_half_3d_kernel("AvgPool3D", input, ksize, strides, padding, data_format)
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
    return op(tensors=("input",), dtypes=op_defs.allowed(op_type),
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
                     name=name_suffix(name, input))


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
                     name=name_suffix(name, input))


def _pool3d(pool, input, ksize, strides, padding, data_format, name):  # noqa: A002
    """TF's max_pool3d/avg_pool3d wrapper: ksize/strides expanded around the channel axis."""
    if data_format is None:
        data_format = "NDHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = _get_sequence(ksize, 3, channel_index, "ksize")
    strides = _get_sequence(strides, 3, channel_index, "strides")
    return pool(input, tuple(ksize), tuple(strides), padding, data_format,
                name=name_suffix(name, input))


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
