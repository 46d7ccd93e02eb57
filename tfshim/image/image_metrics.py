"""tf.image's measures and filters (from TF's image_ops_impl.py and array_ops.py): psnr, ssim,
total_variation, image_gradients, sobel_edges, extract_patches; and non_max_suppression, whose
output length depends on the data (NumPy on the host; inside tf.function the function runs
eagerly, as for tfshim's other data-dependent shapes)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._core.tensor import Tensor, wrap
from .._ops import op_defs
from .image_ops_impl import convert


def _same_shapes(a, b):
    if a.shape.rank < 3 or b.shape.rank < 3:
        raise ValueError("Shape must be at least rank 3 but is rank %d"
                         % min(a.shape.rank, b.shape.rank))
    if not a.shape[-3:].is_compatible_with(b.shape[-3:]):
        raise ValueError("Shapes %s and %s are incompatible" % (a.shape, b.shape))


@op(tensors=("a", "b"), dtypes=D.NUMBER, op_type="PSNR", jit=True)
def _psnr(a, b, max_val, name=None):
    mv = convert(jnp.asarray(max_val, a.dtype), jnp.float32)
    a, b = convert(a, jnp.float32), convert(b, jnp.float32)
    mse = jnp.mean(jnp.square(a - b), axis=(-3, -2, -1))
    return 20 * jnp.log(mv) / jnp.log(jnp.float32(10.0)) - np.float32(10 / np.log(10)) * \
        jnp.log(mse)


def _scalar(v):
    return np.asarray(v._value).item() if isinstance(v, Tensor) else v


@_api.export("image.psnr")
def psnr(a, b, max_val, name=None):
    """tf.image.psnr: per image, float32."""
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    _same_shapes(a, b)
    return _psnr(a, b, _scalar(max_val))


def _gauss(size, sigma, dt):
    coords = jnp.arange(size, dtype=dt) - jnp.asarray(size - 1, dt) / 2.0
    g = jnp.square(coords) * (jnp.asarray(-0.5, dt) / jnp.square(jnp.asarray(sigma, dt)))
    g = (g[None, :] + g[:, None]).reshape(-1)
    return jax.nn.softmax(g).reshape(size, size)


def _depthwise(x, kernel):
    lead, (h, w, c) = x.shape[:-3], x.shape[-3:]
    x = x.reshape((-1, h, w, c))
    k = jnp.tile(kernel[:, :, None, None], (1, 1, 1, c))
    y = jax.lax.conv_general_dilated(x, k, (1, 1), "VALID", dimension_numbers=(
        "NHWC", "HWIO", "NHWC"), feature_group_count=c, precision="highest")
    return y.reshape(lead + y.shape[1:])


@op(tensors=("img1", "img2"), op_type="SSIM", jit=True)
def _ssim(img1, img2, max_val, filter_size, filter_sigma, k1, k2, index_map, name=None):
    mv = convert(jnp.asarray(max_val, img1.dtype), jnp.float32)
    x, y = convert(img1, jnp.float32), convert(img2, jnp.float32)
    size = min(filter_size, *x.shape[-3:-1])
    kernel = _gauss(size, filter_sigma, jnp.float32)

    def reducer(v):
        return _depthwise(v, kernel)

    c1, c2 = (k1 * mv) ** 2, (k2 * mv) ** 2
    mean0, mean1 = reducer(x), reducer(y)
    num0 = mean0 * mean1 * 2.0
    den0 = jnp.square(mean0) + jnp.square(mean1)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = reducer(x * y) * 2.0
    den1 = reducer(jnp.square(x) + jnp.square(y))
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    per_pixel = luminance * cs
    return jnp.mean(per_pixel if index_map else jnp.mean(per_pixel, axis=(-3, -2)), axis=-1)


@_api.export("image.ssim")
def ssim(img1, img2, max_val, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03,
         return_index_map=False):
    """tf.image.ssim: TF's Gaussian-window SSIM, averaged over channels."""
    a, b = convert_to_tensor(img1), convert_to_tensor(img2)
    _same_shapes(a, b)
    return _ssim(a, b, _scalar(max_val), int(filter_size), float(filter_sigma), float(k1),
                 float(k2), bool(return_index_map))


@op(tensors=("images",), dtypes=op_defs.allowed("Abs"), op_type="Abs", jit=True)
def _total_variation(images, name=None):
    d1 = jnp.abs(images[..., 1:, :, :] - images[..., :-1, :, :])
    d2 = jnp.abs(images[..., :, 1:, :] - images[..., :, :-1, :])
    axes = None if images.ndim == 3 else (1, 2, 3)
    return jnp.sum(d1, axis=axes, dtype=images.dtype) + jnp.sum(d2, axis=axes,
                                                                 dtype=images.dtype)


@_api.export("image.total_variation")
def total_variation(images, name=None):
    """tf.image.total_variation: sums of absolute neighbour differences."""
    images = convert_to_tensor(images)
    if images.shape.rank not in (3, 4):
        raise ValueError("'images' must be either 3 or 4-dimensional.")
    return _total_variation(images)


@op(tensors=("image",), dtypes=D.NUMBER, op_type="Sub")
def _image_gradients(image, name=None):
    dy = jnp.pad(image[:, 1:] - image[:, :-1], [(0, 0), (0, 1), (0, 0), (0, 0)])
    dx = jnp.pad(image[:, :, 1:] - image[:, :, :-1], [(0, 0), (0, 0), (0, 1), (0, 0)])
    return dy, dx


@_api.export("image.image_gradients")
def image_gradients(image):
    """tf.image.image_gradients: forward differences (dy, dx), zero in the last row/column."""
    image = convert_to_tensor(image)
    if image.shape.rank != 4:
        raise ValueError("image_gradients expects a 4D tensor [batch_size, h, w, d], not {}."
                         .format(image.shape))
    return _image_gradients(image)


_SOBEL = np.array([[[-1, -2, -1], [0, 0, 0], [1, 2, 1]], [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]])


@op(tensors=("image",), dtypes=D.NUMBER, op_type="DepthwiseConv2dNative", jit=True)
def _sobel(image, name=None):
    padded = jnp.pad(image, [(0, 0), (1, 1), (1, 1), (0, 0)], mode="reflect")
    h, w = image.shape[1:3]
    outs = []
    for k in _SOBEL:
        acc = jnp.zeros(image.shape, image.dtype)
        for i in range(3):
            for j in range(3):
                if k[i, j]:
                    acc = acc + jnp.asarray(k[i, j], image.dtype) * padded[:, i:i + h, j:j + w]
        outs.append(acc)
    return jnp.stack(outs, axis=-1)


@_api.export("image.sobel_edges")
def sobel_edges(image):
    """tf.image.sobel_edges: [batch, h, w, channels, 2] (dy, dx), reflect-padded."""
    return _sobel(convert_to_tensor(image))


def _four(v, what):
    v = list(v)
    if len(v) != 4:
        raise ValueError("%s must be a list of 4 ints" % what)
    return int(v[1]), int(v[2])


@op(tensors=("images",), op_type="ExtractImagePatches", jit=True)
def _patches(images, sizes, strides, rates, padding, name=None):
    kh, kw = sizes
    c = images.shape[-1]
    x = images if jnp.issubdtype(images.dtype, jnp.floating) else images.astype(jnp.float64)
    p = jax.lax.conv_general_dilated_patches(
        x, (kh, kw), strides, padding, rhs_dilation=rates,
        dimension_numbers=("NHWC", "HWIO", "NHWC"), precision=jax.lax.Precision.HIGHEST)
    b, oh, ow = p.shape[:3]
    p = p.reshape(b, oh, ow, c, kh * kw).swapaxes(-1, -2).reshape(b, oh, ow, kh * kw * c)
    return p.astype(images.dtype)


@_api.export("image.extract_patches")
def extract_patches(images, sizes, strides, rates, padding, name=None):
    """tf.image.extract_patches: [b, out_h, out_w, kh * kw * channels], patches in row-major
    (row, column, channel) order."""
    images = convert_to_tensor(images)
    if images.shape.rank != 4:
        raise ValueError("Shape must be rank 4 but is rank %d" % images.shape.rank)
    if padding not in ("SAME", "VALID"):
        raise ValueError("padding must be one of SAME, VALID")
    return _patches(images, _four(sizes, "sizes"), _four(strides, "strides"),
                    _four(rates, "rates"), padding)


def _iou(box, others):
    ymin, xmin = np.minimum(box[0], box[2]), np.minimum(box[1], box[3])
    ymax, xmax = np.maximum(box[0], box[2]), np.maximum(box[1], box[3])
    oymin, oxmin = np.minimum(others[:, 0], others[:, 2]), np.minimum(others[:, 1], others[:, 3])
    oymax, oxmax = np.maximum(others[:, 0], others[:, 2]), np.maximum(others[:, 1], others[:, 3])
    area, oarea = (ymax - ymin) * (xmax - xmin), (oymax - oymin) * (oxmax - oxmin)
    ih = np.maximum(np.minimum(ymax, oymax) - np.maximum(ymin, oymin), 0)
    iw = np.maximum(np.minimum(xmax, oxmax) - np.maximum(xmin, oxmin), 0)
    inter = ih * iw
    union = area + oarea - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((area <= 0) | (oarea <= 0), 0.0, inter / union)


@_api.export("image.non_max_suppression")
def non_max_suppression(boxes, scores, max_output_size, iou_threshold=0.5,
                        score_threshold=float("-inf"), name=None):
    """tf.image.non_max_suppression: greedy by descending score (ties: lower index first)."""
    b, s = convert_to_tensor(boxes), convert_to_tensor(scores)
    for t in (b, s):
        if isinstance(t._value, jax.core.Tracer):
            raise errors.CannotCompile("non_max_suppression's output length depends on data")
    bx, sc = np.asarray(b._value, np.float64), np.asarray(s._value, np.float64)
    if bx.ndim != 2 or bx.shape[-1] != 4:
        raise ValueError("Shape must be rank 2 but is rank %d" % bx.ndim if bx.ndim != 2 else
                         "Dimension must be 4 but is %d" % bx.shape[-1])
    limit = int(_scalar(max_output_size))
    thr = float(_scalar(iou_threshold))
    order = [i for i in np.argsort(-sc, kind="stable") if sc[i] > float(_scalar(
        score_threshold))]
    keep = []
    for i in order:
        if len(keep) >= limit:
            break
        if keep and np.any(_iou(bx[i], bx[keep]) > thr):
            continue
        keep.append(int(i))
    return wrap(jnp.asarray(np.asarray(keep, np.int32)))
