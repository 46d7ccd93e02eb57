"""tf.nn convolutions (TF's nn_ops.py): conv1d, conv2d, conv2d_transpose, depthwise_conv2d.

Each ports TF's Python wrapper (argument expansion, padding lists) and its kernel's checks, in
the kernel's order and wording (oneDNN's, where TF's CPU build picks oneDNN for float32); lax
computes. The window arithmetic (TF's _get_sequence, convert_padding and the kernels'
GetWindowedOutputSizeVerbose) is shared with pooling_ops.py.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax import lax

from .. import _api
from .._core import errors
from .._core.convert import convert_to_tensor, is_tensor_like, static_value
from .._core.op import op, raw_inputs
from . import op_defs
from .op_util import HALF, dims, mismatch, mkl, name_suffix, string_attr_check

# ---------------------------------------------------------------------------------------------
# Window arithmetic (shared with pooling_ops)


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


def _spatial(data_format, values, n):
    """The spatial entries of a per-dimension list (strides, dilations, explicit pads)."""
    return list(values[2:]) if data_format.startswith("NC") else list(values[1:n + 1])


# ---------------------------------------------------------------------------------------------
# Convolutions


def _conv_math(x, w, strides, pads, dilations, data_format, groups=1):
    n = x.ndim - 2
    first, dn = _layout(data_format, n)
    acc = jnp.float32 if x.dtype in HALF else None
    out = lax.conv_general_dilated(
        x, w, window_strides=tuple(strides), padding=pads, rhs_dilation=tuple(dilations),
        dimension_numbers=dn, feature_group_count=groups,
        preferred_element_type=acc)
    return out.astype(x.dtype)


def _check_ranks(fail, x, w, rank):
    """The conv kernels' rank checks, in their wording."""
    if x.ndim != rank:
        raise fail("input must be %d-dimensional%s" % (rank, dims(x.shape)))
    if w.ndim != rank:
        raise fail("filter must be %d-dimensional: %s" % (rank, dims(w.shape)))


def _conv2d_kernel(x, w, strides, padding, explicit, data_format, dilations, name):
    """TF's Conv2D kernel on 4-d input: its checks, in its order, then lax."""
    node = "__MklNativeConv2D" if mkl(x.dtype) else "Conv2D"

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
    _check_ranks(fail, x, w, 4)
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
    string_attr_check("Conv2D", "padding", padding, ("SAME", "VALID", "EXPLICIT"), node=node)
    string_attr_check("Conv2D", "data_format", data_format, ("NHWC", "NCHW"), node=node)


@op(tensors=("input", "filters"), dtypes=op_defs.allowed("Conv2D"), op_type="Conv2D",
    sig="input:T, filter:T -> output:T")
def _conv2d(input, filters, strides, padding, explicit, data_format, dilations,  # noqa: A002
            name=None):
    x = input
    node = "__MklNativeConv2D" if mkl(x.dtype) else "Conv2D"
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
    if x.dtype is not w.dtype and x.dtype in op_defs.allowed(op_type):
        kernel = ("_MklNative" + op_type) if mkl(x.dtype) else op_type
        raise mismatch(op_type, 1, x.dtype, w.dtype, kernel=kernel)
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


@op(tensors=("input", "filters"), dtypes=op_defs.allowed("Conv2D"), op_type="Conv2D",
    sig="input:T, filter:T -> output:T")
def _conv1d(input, filters, strides, padding, data_format, dilations, name=None):  # noqa: A002
    node = "__MklNativeConv2D" if mkl(input.dtype) else "Conv2D"
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


@op(tensors=("filters", "input"), dtypes=op_defs.allowed("Conv2DBackpropInput"),
    op_type="Conv2DBackpropInput",
    sig="input_sizes:int32, filter:T, out_backprop:T -> output:T")
def _conv2d_transpose(input, filters, output_shape, strides, padding, explicit,  # noqa: A002
                      data_format, dilations, name=None):
    op_type = "Conv2DBackpropInput"
    string_attr_check(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT"))
    string_attr_check(op_type, "data_format", data_format, ("NHWC", "NCHW"))
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
    suffix = name_suffix(name, output_shape)
    if is_tensor_like(input) and is_tensor_like(filters):
        # The op's type attr comes from the filter (input #1); out_backprop is input #2.
        dy, w = convert_to_tensor(input), convert_to_tensor(filters)
        if dy.dtype is not w.dtype and w.dtype in op_defs.allowed("Conv2DBackpropInput"):
            kernel = ("_MklNative" if mkl(w.dtype) else "") + "Conv2DBackpropInput"
            raise mismatch("Conv2DBackpropInput", 2, w.dtype, dy.dtype, suffix, kernel=kernel)
    # TF's wrapper hands the raw op output_shape (input_sizes) as given
    with raw_inputs("Conv2DBackpropInput", output_shape, filters, input):
        return _conv2d_transpose(input, filters, tuple(static_value(output_shape)),
                                 tuple(strides), padding, explicit, data_format,
                                 tuple(dilations), name=name)


@op(tensors=("input", "filter"), dtypes=op_defs.allowed("DepthwiseConv2dNative"),
    op_type="DepthwiseConv2dNative",
    sig="input:T, filter:T -> output:T")
def _depthwise(input, filter, strides, padding, explicit, data_format, dilations,  # noqa: A002
               name=None):
    op_type = "DepthwiseConv2dNative"
    string_attr_check(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT"))
    string_attr_check(op_type, "data_format", data_format, ("NHWC", "NCHW"))
    x, w = input, filter
    first = data_format == "NCHW"
    onednn = mkl(x.dtype)  # TF's CPU kernel for float32 is oneDNN's

    def fail(msg, cls=errors.InvalidArgumentError):
        return errors.kernel_error(op_type, msg, name, cls=cls,
                                   node="__MklNative" + op_type if onednn else None)

    if len(strides) != 4:
        raise fail("Sliding window strides field must specify 4 dimensions")
    s = _spatial(data_format, strides, 2)
    if strides[0] != 1 or strides[1 if first else 3] != 1:
        raise fail("Current implementation does not yet support strides in the batch and depth "
                   "dimensions.",
                   errors.UnimplementedError if onednn else errors.InvalidArgumentError)
    if s[0] != s[1] and not onednn:
        raise fail("Current implementation only supports equal length strides in the row and "
                   "column dimensions.")
    _check_ranks(fail, x, w, 4)
    in_depth = x.shape[1 if first else 3]
    if in_depth != w.shape[2]:
        raise fail(("input depth must be evenly divisible by filter depth: %d vs %d" if onednn else
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
    op_type = "DepthwiseConv2dNative"
    if input.dtype is not filter.dtype and input.dtype in op_defs.allowed(op_type):
        kernel = ("_MklNative" if mkl(input.dtype) else "") + op_type
        raise mismatch(op_type, 1, input.dtype, filter.dtype, kernel=kernel)
    return _depthwise(input, filter, tuple(strides), padding, explicit, data_format or "NHWC",
                      tuple(rate), name=name or "")


# ---------------------------------------------------------------------------------------------
# 3-d convolutions and the rank-generic wrappers (TF's nn_ops.convolution_v2, conv_transpose)


@op(tensors=("input", "filter"), dtypes=op_defs.allowed("Conv3D"), op_type="Conv3D",
    sig="input:T, filter:T -> output:T")
def _conv3d(input, filter, strides, padding, data_format, dilations, name=None):  # noqa: A002
    op_type = "Conv3D"
    string_attr_check(op_type, "padding", padding, ("SAME", "VALID"))
    string_attr_check(op_type, "data_format", data_format, ("NDHWC", "NCDHW"))
    x, w = input, filter
    first = data_format == "NCDHW"
    onednn = mkl(x.dtype)

    def fail(msg, cls=errors.InvalidArgumentError):
        return errors.kernel_error(op_type, msg, name, cls=cls,
                                   node="__MklNative" + op_type if onednn else None)

    # TF's Conv3D kernel (conv_ops_3d.cc; oneDNN's for float32), its checks in its order.
    if len(strides) != 5:
        raise fail("Sliding window strides field must specify 5 dimensions")
    if strides[0] != 1 or strides[1 if first else 4] != 1:
        raise fail("Current implementation does not yet support strides in the batch and depth "
                   "dimensions.", errors.UnimplementedError)
    _check_ranks(fail, x, w, 5)
    in_depth = x.shape[1 if first else 4]
    if in_depth != w.shape[3]:
        raise fail("input and filter must have the same depth: %d vs %d" % (in_depth, w.shape[3]))
    s, d = _spatial(data_format, strides, 3), _spatial(data_format, dilations, 3)
    sizes = x.shape[2:] if first else x.shape[1:4]
    pads = _windows(op_type, "__MklNative" + op_type if onednn else None, sizes, w.shape[:3], s,
                    d, padding, None, name)
    return _conv_math(x, w, s, pads, d, data_format)


@_api.export("nn.conv3d")
def conv3d(input, filters, strides, padding, data_format="NDHWC", dilations=None,  # noqa: A002
           name=None):
    """tf.nn.conv3d."""
    if data_format is None:
        data_format = "NDHWC"
    channel_index = 1 if data_format.startswith("NC") else 4
    dilations = _get_sequence(dilations, 3, channel_index, "dilations")
    if is_tensor_like(input) and is_tensor_like(filters):
        input, filters = _conv_inputs("Conv3D", input, filters)
    return _conv3d(input, filters, tuple(static_value(strides)), padding, data_format,
                   tuple(dilations), name=name or "")


_FORMATS = {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}


def _rank(value):
    shape = getattr(value, "shape", None)
    if shape is None:
        shape = convert_to_tensor(value).shape
    return len(shape) if shape is not None else None


@_api.export("nn.convolution")
def convolution(input, filters, strides=None, padding="VALID", data_format=None,  # noqa: A002
                dilations=None, name=None):
    """tf.nn.convolution: conv1d, conv2d or conv3d by the filters' rank (TF's
    convolution_internal); leading input dimensions past the batch are batch too."""
    filters = convert_to_tensor(filters)
    n = _rank(filters) - 2
    if n not in _FORMATS:
        raise ValueError("`filters.shape.rank` must be 3, 4 or 5. Received: filters.shape=%s of "
                         "rank %d" % (filters.shape, n + 2))
    channels_first = data_format is not None and data_format.startswith("NC")
    if data_format is None:
        data_format = _FORMATS[n][0]
    elif data_format not in _FORMATS[n]:
        raise ValueError("`data_format` must be %s or %s. Received: data_format=%s"
                         % (_FORMATS[n] + (data_format,)))
    channel_index = 1 if channels_first else n + 1
    strides = _get_sequence(strides, n, channel_index, "strides")
    dilations = _get_sequence(dilations, n, channel_index, "dilations")
    if n == 1:
        return conv1d(input, filters, strides, padding, data_format, dilations, name)
    if n == 2:
        return conv2d(input, filters, strides, padding, data_format, dilations, name)
    return conv3d(input, filters, strides, padding, data_format, dilations, name)


@op(tensors=("filter", "out_backprop"), dtypes=op_defs.allowed("Conv3DBackpropInputV2"),
    op_type="Conv3DBackpropInputV2", sig="input_sizes:Tshape, filter:T, out_backprop:T -> output:T")
def _conv3d_transpose(out_backprop, filter, output_shape, strides, padding, data_format,
                      dilations, name=None):
    op_type = "Conv3DBackpropInputV2"
    string_attr_check(op_type, "padding", padding, ("SAME", "VALID"))
    string_attr_check(op_type, "data_format", data_format, ("NDHWC", "NCDHW"))
    dy, w = out_backprop, filter
    first = data_format == "NCDHW"
    out_shape = tuple(int(v) for v in output_shape)
    if len(out_shape) != 5 or dy.ndim != 5 or w.ndim != 5:
        raise errors.kernel_error(op_type, "input_sizes must be 5-dimensional, got: %d"
                                  % len(out_shape), name)
    if dy.shape[1 if first else 4] != w.shape[4]:
        raise errors.kernel_error(op_type, "filter and out_backprop must have the same out_depth",
                                  name)
    s, d = _spatial(data_format, strides, 3), _spatial(data_format, dilations, 3)
    sizes = out_shape[2:] if first else out_shape[1:4]
    pads = _windows(op_type, None, sizes, w.shape[:3], s, d, padding, None, name)

    def forward(v):
        return _conv_math(v, w, s, pads, d, data_format)

    # As conv2d_transpose: JAX's exact transpose of the forward conv.
    _, pullback = jax.vjp(forward, jnp.zeros(out_shape, dy.dtype))
    return pullback(dy)[0]


@_api.export("nn.conv3d_transpose")
def conv3d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NDHWC", dilations=None, name=None):
    """tf.nn.conv3d_transpose: TF's Conv3DBackpropInputV2, as JAX's transpose of the conv."""
    if data_format is None:
        data_format = "NDHWC"
    channel_index = 1 if data_format.startswith("NC") else 4
    strides = _get_sequence(strides, 3, channel_index, "strides")
    dilations = _get_sequence(dilations, 3, channel_index, "dilations")
    return _conv3d_transpose(input, filters, tuple(static_value(output_shape)), tuple(strides),
                             padding, data_format, tuple(dilations), name=name or "")


@_api.export("nn.conv1d_transpose")
def conv1d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NWC", dilations=None, name=None):
    """tf.nn.conv1d_transpose: conv2d_transpose over an inserted height of 1, as TF."""
    from .array_ops import expand_dims, squeeze  # array_ops imports this module's users

    if data_format is None or data_format == "NWC":
        data_format, spatial, channel_index = "NHWC", 1, 2
    elif data_format == "NCW":
        data_format, spatial, channel_index = "NCHW", 2, 1
    else:
        raise ValueError("`data_format` must be 'NWC' or 'NCW'. Received: data_format=%s"
                         % data_format)
    strides = [1] + _get_sequence(strides, 1, channel_index, "stride")
    dilations = [1] + _get_sequence(dilations, 1, channel_index, "dilations")
    shape = [int(v) for v in static_value(output_shape)]
    shape.insert(spatial, 1)
    out = conv2d_transpose(expand_dims(input, spatial), expand_dims(filters, 0), shape,
                           strides, padding, data_format, dilations, name)
    return squeeze(out, [spatial])


@_api.export("nn.conv_transpose")
def conv_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                   data_format=None, dilations=None, name=None):
    """tf.nn.conv_transpose: conv1d/2d/3d_transpose by the length of output_shape."""
    shape = static_value(output_shape)
    n = len(shape) - 2 if shape is not None else _rank(input) - 2
    if n not in _FORMATS:
        raise ValueError("`output_shape` must be of length 3, 4 or 5. Received: output_shape=%s "
                         "of length %d" % (output_shape, n + 2))
    fn = {1: conv1d_transpose, 2: conv2d_transpose, 3: conv3d_transpose}[n]
    return fn(input, filters, output_shape, strides, padding=padding,
              data_format=data_format or _FORMATS[n][0], dilations=dilations, name=name)


@_api.export("nn.separable_conv2d")
def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,  # noqa: A002
                     data_format=None, dilations=None, name=None):
    """tf.nn.separable_conv2d (TF's nn_impl.py): depthwise_conv2d, then a 1x1 conv2d."""
    depthwise_filter = convert_to_tensor(depthwise_filter)
    pointwise_filter = convert_to_tensor(pointwise_filter)
    for i in (0, 1):
        if pointwise_filter.shape[i] != 1:
            raise ValueError("Dimensions %d and 1 are not compatible" % pointwise_filter.shape[i])
    depthwise = depthwise_conv2d(input, depthwise_filter, strides, padding,
                                 data_format=data_format, dilations=dilations)
    return conv2d(depthwise, pointwise_filter, [1, 1, 1, 1], "VALID", data_format=data_format,
                  name=name)
