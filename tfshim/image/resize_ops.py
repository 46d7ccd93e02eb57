"""tf.image.resize and its kin (TF's image_ops_impl.py resize functions, with the kernels of
TF's resize_bilinear/bicubic/area/nearest_neighbor and scale_and_translate ops).

Bilinear, bicubic (Keys, a = -0.5), lanczos3/5, gaussian and mitchellcubic resizes, with or
without antialias, are TF's ScaleAndTranslate: per axis, a weight matrix from TF's span
computation (half-pixel centers, out-of-image taps dropped and the rest renormalized, which is
also what ResizeBilinear/ResizeBicubic with half_pixel_centers compute); the resize is two
matrix products, so gradients are jax.vjp's. Area is TF's box averaging as a matrix too;
nearest is a gather that keeps the dtype.
"""

from __future__ import annotations

import functools

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._core.tensor import Tensor


@_api.export("image.ResizeMethod")
class ResizeMethod:
    """tf.image.ResizeMethod: the method names (strings), as TF's class holds them."""

    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


def _lanczos(radius):
    def k(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            v = radius * np.sin(np.pi * x) * np.sin(np.pi * x / radius) / (np.pi ** 2 * x * x)
        return np.where(x > radius, 0.0, np.where(x <= 1e-3, 1.0, v))
    return k, radius


def _keys(x):
    return np.where(x >= 2, 0.0, np.where(x >= 1, ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0,
                                         (1.5 * x - 2.5) * x * x + 1.0))


def _mitchell(x):
    return np.where(x >= 2, 0.0, np.where(
        x >= 1, (((-7.0 / 18.0) * x + 2.0) * x - 10.0 / 3.0) * x + 16.0 / 9.0,
        ((7.0 / 6.0) * x - 2.0) * x * x + 8.0 / 9.0))


# TF's sampling_kernels.h: kernel(|x|) and its radius.
_KERNELS = {
    "triangle": (lambda x: np.maximum(0.0, 1.0 - x), 1.0),
    "keyscubic": (_keys, 2.0),
    "lanczos3": _lanczos(3.0),
    "lanczos5": _lanczos(5.0),
    "gaussian": (lambda x: np.where(x >= 1.5, 0.0, np.exp(-x * x / (2 * 0.5 * 0.5))), 1.5),
    "mitchellcubic": (_mitchell, 2.0),
}


@functools.lru_cache(maxsize=256)
def scale_weights(kernel_type: str, in_size: int, out_size: int, antialias: bool):
    """TF's ComputeSpans for one axis (scale out/in, no translation) as an out x in matrix."""
    kernel, radius = _KERNELS[kernel_type]
    f32 = np.float32
    scale = f32(out_size) / f32(in_size)
    inv_scale = f32(1.0) / scale
    kscale = max(inv_scale, f32(1.0)) if antialias else f32(1.0)
    w = np.zeros((out_size, in_size), np.float32)
    for x in range(out_size):
        sample = (f32(x) + f32(0.5)) * inv_scale
        if sample < 0 or sample > in_size:
            continue
        start = int(np.ceil(sample - f32(radius) * kscale - f32(0.5)))
        end = int(np.floor(sample + f32(radius) * kscale - f32(0.5)))
        start, end = min(max(start, 0), in_size - 1), min(max(end, 0), in_size - 1) + 1
        src = np.arange(start, end)
        pos = (src.astype(f32) + f32(0.5) - sample).astype(f32)
        weights = kernel(np.abs(pos / kscale).astype(np.float64)).astype(f32)
        total = weights.sum(dtype=f32)
        if abs(total) >= 1000.0 * np.finfo(np.float32).tiny:
            weights = weights * (f32(1.0) / total)
        w[x, start:end] = weights
    return w


def _cubic_table(a=-0.5, size=1024):
    x = np.arange(size + 1, dtype=np.float32) / np.float32(size)
    near = ((a + 2) * x - (a + 3)) * x * x + 1
    far = (((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a)
    return near.astype(np.float32), far.astype(np.float32)


@functools.lru_cache(maxsize=256)
def bicubic_weights(in_size: int, out_size: int):
    """TF's ResizeBicubic(half_pixel_centers=True) for one axis: Keys cubic weights looked up in
    TF's 1024-entry table, out-of-image taps dropped and the rest renormalized."""
    near, far = _cubic_table()
    scale = np.float32(in_size) / np.float32(out_size)
    w = np.zeros((out_size, in_size), np.float32)
    for x in range(out_size):
        loc = (np.float32(x) + np.float32(0.5)) * scale - np.float32(0.5)
        base = int(np.floor(loc))
        offset = int(np.rint((loc - np.float32(base)) * np.float32(1024)))
        taps = [(base - 1, far[offset]), (base, near[offset]), (base + 1, near[1024 - offset]),
                (base + 2, far[1024 - offset])]
        taps = [(i, wt) for i, wt in taps if 0 <= i < in_size]
        total = np.float32(sum(wt for _, wt in taps))
        for i, wt in taps:
            w[x, i] += wt / total if abs(total) >= 1000.0 * np.finfo(np.float32).tiny else wt
    return w


@functools.lru_cache(maxsize=256)
def area_weights(in_size: int, out_size: int):
    """TF's ResizeArea for one axis: each output averages its input box, edges fractional."""
    scale = np.float32(in_size) / np.float32(out_size)
    w = np.zeros((out_size, in_size), np.float32)
    for y in range(out_size):
        lo, hi = np.float32(y) * scale, np.float32(y + 1) * scale
        for i in range(int(np.floor(lo)), int(np.ceil(hi))):
            frac = min(np.float32(i + 1), hi) - max(np.float32(i), lo)
            w[y, min(max(i, 0), in_size - 1)] += frac / scale
    return w


def nearest_index(in_size: int, out_size: int):
    """TF's ResizeNearestNeighbor(half_pixel_centers=True) source rows."""
    scale = np.float32(in_size) / np.float32(out_size)
    pos = np.floor((np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale)
    return np.minimum(pos.astype(np.int64), in_size - 1)


def _separable_body(images, kind, size, antialias):
    h, w = images.shape[1:3]
    x = images.astype(jnp.float32)
    if kind == "area":
        wh, ww = area_weights(h, size[0]), area_weights(w, size[1])
    elif kind == "bicubic":
        wh, ww = bicubic_weights(h, size[0]), bicubic_weights(w, size[1])
    else:
        wh = scale_weights(kind, h, size[0], antialias)
        ww = scale_weights(kind, w, size[1], antialias)
    x = jnp.einsum("oh,bhwc->bowc", wh, x, precision="highest")
    return jnp.einsum("pw,bowc->bopc", ww, x, precision="highest")


_separable = op(tensors=("images",), op_type="ScaleAndTranslate", jit=True)(
    lambda images, kind, size, antialias, name=None: _separable_body(images, kind, size,
                                                                     antialias))


# TF registers no gradient for ResizeArea.
_area = op(tensors=("images",), op_type="ResizeArea", jit=True, no_gradient=True)(
    lambda images, kind, size, antialias, name=None: _separable_body(images, kind, size,
                                                                     antialias))


@op(tensors=("images",), op_type="ResizeNearestNeighbor", jit=True)
def _nearest(images, size, name=None):
    h, w = images.shape[1:3]
    return jnp.take(jnp.take(images, nearest_index(h, size[0]), axis=1),
                    nearest_index(w, size[1]), axis=2)


def _size(size):
    if isinstance(size, Tensor):
        size = np.asarray(size._value)
    try:
        arr = np.asarray(size)
        if arr.dtype.kind not in "iu" and arr.size:
            raise ValueError
    except (TypeError, ValueError):
        raise ValueError("'size' must be a 1-D int32 Tensor") from None
    if arr.shape != (2,):
        raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    return int(arr[0]), int(arr[1])


def _batched(images, fn):
    images = convert_to_tensor(images)
    rank = images.shape.rank
    if rank not in (3, 4):
        raise ValueError("'images' must have either 3 or 4 dimensions.")
    if rank == 3:
        from .._ops.array_ops import expand_dims, squeeze

        return squeeze(fn(expand_dims(images, 0)), [0])
    return fn(images)


_METHODS = {"bilinear": "triangle", "bicubic": "keyscubic", "lanczos3": "lanczos3",
            "lanczos5": "lanczos5", "gaussian": "gaussian", "mitchellcubic": "mitchellcubic"}


@_api.export("image.resize")
def resize(images, size, method=ResizeMethod.BILINEAR, preserve_aspect_ratio=False,
           antialias=False, name=None):
    """tf.image.resize: float32 results (nearest keeps the dtype)."""
    method = str(method)
    size = _size(size)

    def fn(x):
        new = size
        if preserve_aspect_ratio:
            h, w = np.float32(x.shape[1]), np.float32(x.shape[2])
            f = min(np.float32(size[0]) / h, np.float32(size[1]) / w)
            new = (int(np.round(f * h)), int(np.round(f * w)))
        if method == "nearest":
            return _nearest(x, new)
        if method == "area":
            return _area(x, method, new, False)
        if method == "bicubic" and not antialias:
            return _separable(x, method, new, False)
        if method not in _METHODS:
            raise ValueError("Resize method is not implemented: {}".format(method))
        return _separable(x, _METHODS[method], new, bool(antialias))

    return _batched(images, fn)
