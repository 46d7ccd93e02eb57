"""tf.image's geometry, color, adjustment and metric ops (TF's image_ops_impl.py; resizes are in
resize_ops.py). Each op is one JAX body; TF's dtype round trips (convert_image_dtype to float32
and back, saturating) are kept, so uint8 images give TF's uint8 values."""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.op import TypeList, op
from .._core.tensor import Tensor
from .._ops import random_ops, stateless_random_ops

# -- convert_image_dtype ------------------------------------------------------------------------


def _max(dt):
    dt = np.dtype(dt)
    return np.iinfo(dt).max if dt.kind in "iu" else np.finfo(dt).max


def _saturate(x, dt):
    dt = np.dtype(dt)
    if dt.kind in "iu":
        lo, hi = np.iinfo(dt).min, np.iinfo(dt).max
        if jnp.issubdtype(x.dtype, jnp.floating):
            x = jnp.clip(x, lo, hi)
        else:
            x = jnp.clip(x, max(lo, np.iinfo(x.dtype).min), min(hi, np.iinfo(x.dtype).max))
    return x.astype(dt)


def _cast(x, dt):
    """tf.cast: float -> narrow int truncates toward zero into int64 and keeps the low bits
    (x86's conversion, TF's kernel: 383.25 -> uint8 127); saturate=True avoids it."""
    if jnp.issubdtype(x.dtype, jnp.floating) and np.dtype(dt).itemsize < 4:
        return x.astype(jnp.int64).astype(dt)
    return x.astype(dt)


def convert(image, dt, saturate=False):
    """TF's convert_image_dtype on a jax array (dt a NumPy dtype)."""
    src = np.dtype(image.dtype)
    dt = np.dtype(dt)
    if src == dt:
        return image
    if jnp.issubdtype(src, jnp.floating) and jnp.issubdtype(dt, jnp.floating):
        return image.astype(dt)  # bfloat16 included (NumPy's kind for it is "V")
    if src.kind in "iu" and dt.kind in "iu":
        scale_in, scale_out = int(_max(src)), int(_max(dt))
        if scale_in > scale_out:
            scale = (scale_in + 1) // (scale_out + 1)
            scaled = jnp.floor_divide(image, jnp.asarray(scale, src))
            return _saturate(scaled, dt) if saturate else _cast(scaled, dt)
        cast = _saturate(image, dt) if saturate else _cast(image, dt)
        return cast * jnp.asarray((scale_out + 1) // (scale_in + 1), dt)
    if src.kind == "f" and dt.kind == "f":
        return image.astype(dt)
    if src.kind in "iu":
        return image.astype(dt) * jnp.asarray(1.0 / _max(src), dt)
    scaled = image * jnp.asarray(_max(dt) + 0.5, src)
    return _saturate(scaled, dt) if saturate else _cast(scaled, dt)


@op(tensors=("image",), op_type="ConvertImageDtype", jit=True)
def _convert(image, dt, saturate, name=None):
    return convert(image, dt, saturate)


def _image_dtype_check(image):
    """TF's convert_image_dtype refuses images of other than float and integer dtypes."""
    if not image.dtype.is_floating and not image.dtype.is_integer:
        raise AttributeError("image dtype must be either floating point or integer")


@_api.export("image.convert_image_dtype")
def convert_image_dtype(image, dtype, saturate=False, name=None):
    """tf.image.convert_image_dtype: integers scale to [0, MAX], floats to [0, 1)."""
    image = convert_to_tensor(image)
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    _image_dtype_check(image)
    if image.dtype == dtype:
        return image
    return _convert(image, np.dtype(dtype.as_numpy_dtype), bool(saturate))


# -- geometry -----------------------------------------------------------------------------------


def _image(image, min_rank=3, what="image"):
    image = convert_to_tensor(image)
    rank = image.shape.rank
    if rank < min_rank:
        raise ValueError("'%s' (shape %s) must be at least three-dimensional." % (
            what, image.shape))
    return image


@op(tensors=("image",), op_type="ReverseV2", jit=True)
def _reverse(image, axis, name=None):
    return jnp.flip(image, axis)


@_api.export("image.flip_left_right")
def flip_left_right(image):
    """tf.image.flip_left_right."""
    return _reverse(_image(image), -2)


@_api.export("image.flip_up_down")
def flip_up_down(image):
    """tf.image.flip_up_down."""
    return _reverse(_image(image), -3)


def _rank34(image):
    """TF's check of the crop and pad functions (and rot90's): a 3-D image or a 4-D batch."""
    image = convert_to_tensor(image)
    if image.shape.rank not in (3, 4):
        raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % image.shape)
    return image


@op(tensors=("image",), op_type="Rot90", jit=True)
def _rot90(image, k, name=None):
    return jnp.rot90(image, k, axes=(-3, -2))


@_api.export("image.rot90")
def rot90(image, k=1, name=None):
    """tf.image.rot90: k quarter turns counter-clockwise."""
    image = _rank34(_image(image))
    k = int(np.asarray(k._value if isinstance(k, Tensor) else k)) % 4
    return _rot90(image, k)


@op(tensors=("image",), op_type="Transpose")
def _transpose(image, name=None):
    return jnp.swapaxes(image, -3, -2)


@_api.export("image.transpose")
def transpose(image, name=None):
    """tf.image.transpose: height and width swapped."""
    return _transpose(_rank34(_image(image)))


@op(tensors=("image",), op_type="Slice", jit=True)
def _crop(image, top, left, height, width, name=None):
    return image[..., top:top + height, left:left + width, :]


def _ints(*vals):
    return [int(np.asarray(v._value)) if isinstance(v, Tensor) else int(v) for v in vals]


def _hw(image):
    return image.shape[-3], image.shape[-2]


@_api.export("image.crop_to_bounding_box")
def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """tf.image.crop_to_bounding_box."""
    image = _rank34(image)
    oh, ow, th, tw = _ints(offset_height, offset_width, target_height, target_width)
    h, w = _hw(image)
    for ok, text in ((ow >= 0, "offset_width must be >= 0."),
                     (oh >= 0, "offset_height must be >= 0."),
                     (tw > 0, "target_width must be > 0."),
                     (th > 0, "target_height must be > 0."),
                     (w >= tw + ow, "width must be >= target + offset."),
                     (h >= th + oh, "height must be >= target + offset.")):
        if not ok:
            raise ValueError(text)
    return _crop(image, oh, ow, th, tw)


@op(tensors=("image",), op_type="Pad", jit=True)
def _pad(image, top, bottom, left, right, name=None):
    widths = [(0, 0)] * (image.ndim - 3) + [(top, bottom), (left, right), (0, 0)]
    return jnp.pad(image, widths)


@_api.export("image.pad_to_bounding_box")
def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """tf.image.pad_to_bounding_box: zeros around the image."""
    image = _rank34(image)
    oh, ow, th, tw = _ints(offset_height, offset_width, target_height, target_width)
    h, w = _hw(image)
    after_h, after_w = th - oh - h, tw - ow - w
    for ok, text in ((oh >= 0, "offset_height must be >= 0"),
                     (ow >= 0, "offset_width must be >= 0"),
                     (after_w >= 0, "width must be <= target - offset"),
                     (after_h >= 0, "height must be <= target - offset")):
        if not ok:
            raise ValueError(text)
    return _pad(image, oh, after_h, ow, after_w)


def _targets(image, target_height, target_width):
    image = _rank34(image)
    th, tw = _ints(target_height, target_width)
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    return image, th, tw


@_api.export("image.resize_with_crop_or_pad")
def resize_with_crop_or_pad(image, target_height, target_width):
    """tf.image.resize_with_crop_or_pad: centered crop and/or zero padding."""
    image, th, tw = _targets(image, target_height, target_width)
    h, w = _hw(image)
    off_crop_w, off_pad_w = max((w - tw) // 2, 0), max((tw - w) // 2, 0)
    off_crop_h, off_pad_h = max((h - th) // 2, 0), max((th - h) // 2, 0)
    cropped = crop_to_bounding_box(image, off_crop_h, off_crop_w, min(th, h), min(tw, w))
    return pad_to_bounding_box(cropped, off_pad_h, off_pad_w, th, tw)


@_api.export("image.central_crop")
def central_crop(image, central_fraction):
    """tf.image.central_crop."""
    image = convert_to_tensor(image)
    frac = float(np.asarray(central_fraction._value) if isinstance(central_fraction, Tensor)
                 else central_fraction)
    if frac <= 0.0 or frac > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if frac == 1.0:
        return image
    image = _image(image)
    if image.shape.rank not in (3, 4):
        raise ValueError("`image` should either be a Tensor with rank = 3 or rank = 4. Had "
                         "rank = {}.".format(image.shape.rank))
    h, w = _hw(image)
    top, left = int((float(h) - float(h) * frac) / 2), int((float(w) - float(w) * frac) / 2)
    return _crop(image, top, left, h - 2 * top, w - 2 * left)


@_api.export("image.resize_with_pad")
def resize_with_pad(image, target_height, target_width, method="bilinear", antialias=False):
    """tf.image.resize_with_pad: resized keeping the aspect ratio, then zero padded."""
    from .resize_ops import resize

    image, th, tw = _targets(image, target_height, target_width)
    f32 = np.float32
    h, w = f32(image.shape[-3]), f32(image.shape[-2])
    ratio = max(w / f32(tw), h / f32(th))
    rh, rw = h / ratio, w / ratio
    resized = resize(image, [int(np.floor(rh)), int(np.floor(rw))], method=method,
                     antialias=antialias)
    ph = max(0, int(np.floor((f32(th) - rh) / f32(2))))
    pw = max(0, int(np.floor((f32(tw) - rw) / f32(2))))
    return pad_to_bounding_box(resized, ph, pw, th, tw)


# -- color spaces -------------------------------------------------------------------------------


def rgb_to_hsv_values(rgb):
    """TF's RGBToHSV kernel: hue and saturation in [0, 1]."""
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    v = jnp.maximum(jnp.maximum(r, g), b)
    rng = v - jnp.minimum(jnp.minimum(r, g), b)
    safe_v = jnp.where(v > 0, v, 1)
    s = jnp.where(v > 0, rng / safe_v, 0)
    safe = jnp.where(rng > 0, rng, 1)
    norm = 1 / (6 * safe)
    h = jnp.where(r == v, norm * (g - b),
                  jnp.where(g == v, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0))
    h = jnp.where(rng > 0, h, 0)
    h = jnp.where(h < 0, h + 1, h)
    return jnp.stack([h, s, v], axis=-1).astype(rgb.dtype)


def hsv_to_rgb_values(hsv):
    """TF's HSVToRGB kernel."""
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    dh = h * 6
    dr = jnp.clip(jnp.abs(dh - 3) - 1, 0, 1)
    dg = jnp.clip(2 - jnp.abs(dh - 2), 0, 1)
    db = jnp.clip(2 - jnp.abs(dh - 4), 0, 1)
    one_minus_s = 1 - s
    return jnp.stack([(one_minus_s + s * c) * v for c in (dr, dg, db)], -1).astype(hsv.dtype)


_FLOAT = frozenset((D.float16, D.bfloat16, D.float32, D.float64))
_HSV_FLOAT = TypeList.of("half, bfloat16, float, double")  # RGBToHSV's op-def, in its order


@op(tensors=("images",), dtypes=_HSV_FLOAT, op_type="RGBToHSV", jit=True)
def _rgb_to_hsv(images, name=None):
    return rgb_to_hsv_values(images)


@op(tensors=("images",), dtypes=_HSV_FLOAT, op_type="HSVToRGB", jit=True, grad=False)
def _hsv_to_rgb(images, name=None):
    return hsv_to_rgb_values(images)


def _three_channels(images, what="images"):
    images = convert_to_tensor(images)
    if images.shape.rank is None or images.shape.rank < 1 or images.shape[-1] != 3:
        raise ValueError("Dimension must be 3 but is %s" % (
            images.shape[-1] if images.shape.rank else "?"))
    return images


@_api.export("image.rgb_to_hsv")
def rgb_to_hsv(images, name=None):
    """tf.image.rgb_to_hsv (float images in [0, 1])."""
    return _rgb_to_hsv(convert_to_tensor(images))


@_api.export("image.hsv_to_rgb")
def hsv_to_rgb(images, name=None):
    """tf.image.hsv_to_rgb."""
    return _hsv_to_rgb(convert_to_tensor(images))


@op(tensors=("images",), op_type="RGBToGrayscale")
def _gray(images, name=None):
    flt = convert(images, jnp.float32)
    gray = jnp.tensordot(flt, jnp.asarray([0.2989, 0.5870, 0.1140], jnp.float32), [[-1], [-1]],
                         precision="highest")[..., None]
    return convert(gray, images.dtype)


@_api.export("image.rgb_to_grayscale")
def rgb_to_grayscale(images, name=None):
    """tf.image.rgb_to_grayscale: TF's weights (0.2989, 0.5870, 0.1140)."""
    return _gray(_three_channels(images))


@op(tensors=("images",), op_type="Tile")
def _to_rgb(images, name=None):
    return jnp.concatenate([images] * 3, axis=-1)


@_api.export("image.grayscale_to_rgb")
def grayscale_to_rgb(images, name=None):
    """tf.image.grayscale_to_rgb."""
    images = convert_to_tensor(images)
    if images.shape.rank < 2:
        raise ValueError("A grayscale image (shape %s) must be at least two-dimensional."
                         % images.shape)
    if images.shape[-1] != 1:
        raise ValueError("Last dimension of a grayscale image should be size 1.")
    return _to_rgb(images)


_YUV = np.array([[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512],
                 [0.114, 0.43601035, -0.10001026]], np.float64)
_YUV_INV = np.array([[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]],
                    np.float64)


@op(tensors=("images",), dtypes=_FLOAT, op_type="MatMul", jit=True)
def _color_matrix(images, matrix, name=None):
    m = jnp.asarray(np.asarray(matrix), images.dtype)
    return jnp.tensordot(images, m, [[-1], [0]], precision="highest")


@_api.export("image.rgb_to_yuv")
def rgb_to_yuv(images):
    """tf.image.rgb_to_yuv."""
    return _color_matrix(_three_channels(images), tuple(map(tuple, _YUV)))


@_api.export("image.yuv_to_rgb")
def yuv_to_rgb(images):
    """tf.image.yuv_to_rgb."""
    return _color_matrix(_three_channels(images), tuple(map(tuple, _YUV_INV)))


# -- adjustments --------------------------------------------------------------------------------


def _round_trip_op(op_type, fn, saturate=True, no_gradient=False):
    """An adjustment in TF's dtype round trip, as one op: fn(float image, factor), the factor a
    scalar tensor (a random draw inside tf.function stays traced); no_gradient for TF's kernels
    with no registered gradient (AdjustContrastv2, AdjustHue, ...)."""

    def body(image, factor, name=None):
        src = image.dtype
        flt = image if src in (jnp.float16, jnp.float32) else convert(image, jnp.float32)
        return convert(fn(flt, factor), src, saturate)

    body.__name__ = op_type
    return op(tensors=("image",), others=("factor",), op_type=op_type, jit=True,
              no_gradient=no_gradient)(body)


_brightness = _round_trip_op("AdjustBrightness", lambda x, d: x + d.astype(x.dtype))


def _contrast(x, f):
    mean = jnp.mean(x.astype(jnp.float32), axis=(-3, -2), keepdims=True).astype(x.dtype)
    return (x - mean) * f.astype(x.dtype) + mean


_contrast_op = _round_trip_op("AdjustContrastv2", _contrast, no_gradient=True)


def _gamma(x, gamma_gain):
    return gamma_gain[1].astype(x.dtype) * x ** gamma_gain[0].astype(x.dtype)


_gamma_op = _round_trip_op("AdjustGamma", _gamma)


def _saturation(x, f):
    hsv = rgb_to_hsv_values(x.astype(jnp.float32))
    s = jnp.clip(hsv[..., 1] * f.astype(jnp.float32), 0.0, 1.0)
    return hsv_to_rgb_values(hsv.at[..., 1].set(s)).astype(x.dtype)


_saturation_op = _round_trip_op("AdjustSaturation", _saturation, saturate=False,
                                no_gradient=True)


def _hue(x, delta):
    hsv = rgb_to_hsv_values(x.astype(jnp.float32))
    h = jnp.mod(hsv[..., 0] + delta.astype(jnp.float32), 1.0)
    return hsv_to_rgb_values(hsv.at[..., 0].set(h)).astype(x.dtype)


_hue_op = _round_trip_op("AdjustHue", _hue, saturate=False, no_gradient=True)


def _scalar(v):
    return float(np.asarray(v._value)) if isinstance(v, Tensor) else float(v)


def _factor(v):
    """A scalar factor as a tensor (a traced one passes through, as in TF's graph); the op
    casts it to the image's float dtype, as TF's kernels take it."""
    return v if isinstance(v, Tensor) else convert_to_tensor(v)


def _known(v):
    """v's value when known now (TF's eager-only checks), else None."""
    if isinstance(v, Tensor) and isinstance(v._value, jax.core.Tracer):
        return None
    return _scalar(v)


@_api.export("image.adjust_brightness")
def adjust_brightness(image, delta):
    """tf.image.adjust_brightness: delta added in [0, 1] float scale."""
    return _brightness(convert_to_tensor(image), _factor(delta))


@_api.export("image.adjust_contrast")
def adjust_contrast(images, contrast_factor):
    """tf.image.adjust_contrast: each channel's distance from its mean, scaled."""
    images = convert_to_tensor(images)
    if images.shape.rank < 3:
        raise ValueError("input must be at least 3-D, got shape%s" % images.shape)
    return _contrast_op(images, _factor(contrast_factor))


@_api.export("image.adjust_gamma")
def adjust_gamma(image, gamma=1, gain=1):
    """tf.image.adjust_gamma: gain * image ** gamma."""
    image = convert_to_tensor(image)
    if image.dtype not in (D.float16, D.float32):  # TF converts the rest to float32 first
        _image_dtype_check(image)
    if _scalar(gamma) < 0:
        raise ValueError("Gamma should be a non-negative real number.")
    return _gamma_op(image, convert_to_tensor([_scalar(gamma), _scalar(gain)], D.float32))


@_api.export("image.adjust_saturation")
def adjust_saturation(image, saturation_factor, name=None):
    """tf.image.adjust_saturation."""
    return _saturation_op(_three_channels(image), _factor(saturation_factor))


@_api.export("image.adjust_hue")
def adjust_hue(image, delta, name=None):
    """tf.image.adjust_hue: delta in [-1, 1] turns of the hue circle."""
    known = _known(delta)
    if known is not None and (known < -1 or known > 1):
        raise ValueError("delta must be in the interval [-1, 1]")
    return _hue_op(_three_channels(image), _factor(delta))


@op(tensors=("image",), op_type="PerImageStandardization")
def _standardize(image, name=None):
    x = image.astype(jnp.float32)
    n = np.prod(x.shape[-3:])
    mean = jnp.mean(x, axis=(-1, -2, -3), keepdims=True)
    std = jnp.sqrt(jnp.mean(jnp.square(x - mean), axis=(-1, -2, -3), keepdims=True))
    return (x - mean) / jnp.maximum(std, jax.lax.rsqrt(jnp.float32(n)))


@_api.export("image.per_image_standardization")
def per_image_standardization(image):
    """tf.image.per_image_standardization: zero mean, unit variance per image (float32)."""
    return _standardize(_image(image))


# -- random augmentations (TF's image_ops_impl.py: one uniform draw, then the adjustment) --------
#
# The draws are tf.random.uniform (op seeds, as TF's stateful ops) and
# tf.random.stateless_uniform (TF's Philox, exact values), called with TF's arguments in TF's
# order, so a seed gives TF's numbers.


def _stateful(seed):
    return functools.partial(random_ops.uniform, seed=seed)


def _stateless(seed):
    return functools.partial(stateless_random_ops.stateless_uniform, seed=seed)


@op(tensors=("image",), others=("uniform",), op_type="ReverseV2", jit=True)
def _maybe_flip(image, uniform, axis, name=None):
    flipped = jnp.flip(image, axis)
    if image.ndim == 3:  # TF's cond(uniform < .5, reverse, identity)
        return jnp.where(uniform < 0.5, flipped, image)
    # TF's batch form: flips * flipped + (1 - flips) * image, flips = round(uniform) per image
    flips = jnp.round(uniform).reshape(-1, 1, 1, 1).astype(image.dtype)
    return flips * flipped + (1 - flips) * image


def _random_flip(image, flip_index, random_func):
    """TF's _random_flip: one draw for a 3-D image, one per image for a batch."""
    image = _image(image)
    rank = image.shape.rank
    if rank == 3:
        uniform = random_func(shape=[], minval=0, maxval=1.0)
    elif rank == 4:
        uniform = random_func(shape=[image.shape[0]], minval=0, maxval=1.0)
    else:
        raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % image.shape)
    return _maybe_flip(image, uniform, flip_index + rank - 3)


@_api.export("image.random_flip_up_down")
def random_flip_up_down(image, seed=None):
    """tf.image.random_flip_up_down."""
    return _random_flip(image, 0, _stateful(seed))


@_api.export("image.random_flip_left_right")
def random_flip_left_right(image, seed=None):
    """tf.image.random_flip_left_right."""
    return _random_flip(image, 1, _stateful(seed))


@_api.export("image.stateless_random_flip_left_right")
def stateless_random_flip_left_right(image, seed):
    """tf.image.stateless_random_flip_left_right."""
    return _random_flip(image, 1, _stateless(seed))


@_api.export("image.stateless_random_flip_up_down")
def stateless_random_flip_up_down(image, seed):
    """tf.image.stateless_random_flip_up_down."""
    return _random_flip(image, 0, _stateless(seed))


def _check_delta(max_delta):
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def _check_range(lower, upper):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")


def _check_hue(max_delta):
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    _check_delta(max_delta)


@_api.export("image.random_brightness")
def random_brightness(image, max_delta, seed=None):
    """tf.image.random_brightness."""
    _check_delta(max_delta)
    return adjust_brightness(image, random_ops.uniform([], -max_delta, max_delta, seed=seed))


@_api.export("image.stateless_random_brightness")
def stateless_random_brightness(image, max_delta, seed):
    """tf.image.stateless_random_brightness."""
    _check_delta(max_delta)
    return adjust_brightness(image, _stateless(seed)(shape=[], minval=-max_delta,
                                                     maxval=max_delta))


@_api.export("image.random_contrast")
def random_contrast(image, lower, upper, seed=None):
    """tf.image.random_contrast."""
    _check_range(lower, upper)
    return adjust_contrast(image, random_ops.uniform([], lower, upper, seed=seed))


@_api.export("image.stateless_random_contrast")
def stateless_random_contrast(image, lower, upper, seed):
    """tf.image.stateless_random_contrast."""
    _check_range(lower, upper)
    return adjust_contrast(image, _stateless(seed)(shape=[], minval=lower, maxval=upper))


@_api.export("image.random_hue")
def random_hue(image, max_delta, seed=None):
    """tf.image.random_hue."""
    _check_hue(max_delta)
    return adjust_hue(image, random_ops.uniform([], -max_delta, max_delta, seed=seed))


@_api.export("image.stateless_random_hue")
def stateless_random_hue(image, max_delta, seed):
    """tf.image.stateless_random_hue."""
    _check_hue(max_delta)
    return adjust_hue(image, _stateless(seed)(shape=[], minval=-max_delta, maxval=max_delta))


@_api.export("image.random_saturation")
def random_saturation(image, lower, upper, seed=None):
    """tf.image.random_saturation."""
    _check_range(lower, upper)
    return adjust_saturation(image, random_ops.uniform([], lower, upper, seed=seed))


@_api.export("image.stateless_random_saturation")
def stateless_random_saturation(image, lower, upper, seed=None):
    """tf.image.stateless_random_saturation."""
    _check_range(lower, upper)
    return adjust_saturation(image, _stateless(seed)(shape=[], minval=lower, maxval=upper))


@_api.export("image.adjust_jpeg_quality")
def adjust_jpeg_quality(image, jpeg_quality, dct_method="", name=None):
    """tf.image.adjust_jpeg_quality: a JPEG round trip at the quality, in the image's dtype."""
    from . import gen_image_ops

    image = convert_to_tensor(image)
    channels = image.shape.as_list()[-1]
    orig_dtype = image.dtype
    image = convert_image_dtype(image, D.uint8, saturate=True)
    data = gen_image_ops.encode_jpeg_variable_quality(image, jpeg_quality)
    image = gen_image_ops.decode_jpeg(data, channels=channels, dct_method=dct_method)
    return convert_image_dtype(image, orig_dtype, saturate=True)


def _check_jpeg_range(lo, hi):
    if lo < 0 or hi < 0 or lo > 100 or hi > 100:
        raise ValueError("jpeg encoding range must be between 0 and 100.")
    if lo >= hi:
        raise ValueError("`min_jpeg_quality` must be less than `max_jpeg_quality`.")


@_api.export("image.random_jpeg_quality")
def random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed=None):
    """tf.image.random_jpeg_quality."""
    _check_jpeg_range(min_jpeg_quality, max_jpeg_quality)
    quality = random_ops.uniform([], min_jpeg_quality, max_jpeg_quality, seed=seed,
                                 dtype=D.int32)
    return adjust_jpeg_quality(image, quality)


@_api.export("image.stateless_random_jpeg_quality")
def stateless_random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed):
    """tf.image.stateless_random_jpeg_quality."""
    _check_jpeg_range(min_jpeg_quality, max_jpeg_quality)
    quality = _stateless(seed)(shape=[], minval=min_jpeg_quality, maxval=max_jpeg_quality,
                               dtype=D.int32)
    return adjust_jpeg_quality(image, quality)


# -- draw_bounding_boxes (TF's draw_bounding_box_op.cc) -----------------------------------------

# TF's DefaultColorTable: yellow, blue, red, lime, purple, olive, maroon, navy, aqua, fuchsia.
_BOX_COLORS = np.array([[1, 1, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 0, 1], [0.5, 0, 0.5, 1],
                        [0.5, 0.5, 0, 1], [0.5, 0, 0, 1], [0, 0, 0.5, 1], [0, 1, 1, 1],
                        [1, 0, 1, 1]], np.float32)


def _default_colors(depth):
    """TF's default table; a gray image's boxes are drawn at 1."""
    table = _BOX_COLORS.copy()
    if depth == 1:
        table[:, 0] = 1
    return table


@op(tensors=("images",), others=("boxes", "colors"), op_type="DrawBoundingBoxesV2", jit=True,
    no_gradient=True)
def _draw_boxes(images, boxes, colors, name=None):
    h, w = images.shape[1], images.shape[2]
    f = boxes.astype(jnp.float32)  # float box * (size - 1), truncated to int64, as TF's kernel
    top, left = (f[..., 0] * (h - 1)).astype(jnp.int64), (f[..., 1] * (w - 1)).astype(jnp.int64)
    bottom, right = (f[..., 2] * (h - 1)).astype(jnp.int64), (f[..., 3] * (w - 1)).astype(jnp.int64)
    drawn = ~((top > bottom) | (left > right) | (top >= h) | (bottom < 0) | (left >= w)
              | (right < 0))
    e = (lambda v: v[..., None, None])  # [batch, box] -> [batch, box, 1, 1]
    rows, cols = jnp.arange(h)[:, None], jnp.arange(w)[None, :]
    in_cols = (cols >= e(jnp.maximum(left, 0))) & (cols <= e(jnp.minimum(right, w - 1)))
    in_rows = (rows >= e(jnp.maximum(top, 0))) & (rows <= e(jnp.minimum(bottom, h - 1)))
    line = (((rows == e(top)) | (rows == e(bottom))) & in_cols) | (
        ((cols == e(left)) | (cols == e(right))) & in_rows)
    mask = line & e(drawn)  # [batch, box, h, w]; a later box draws over an earlier one
    k = mask.shape[1]
    last = k - 1 - jnp.argmax(mask[:, ::-1], axis=1)
    table = colors[:, :images.shape[3]].astype(images.dtype)
    color = table[last % colors.shape[0]]
    return jnp.where(mask.any(axis=1)[..., None], color, images)


_DRAW_DEF = ("DrawBoundingBoxes; signature=images:T, boxes:float -> output:T; attr=T:type,"
             "default=DT_FLOAT,allowed=[DT_FLOAT, DT_HALF]")


@_api.export("image.draw_bounding_boxes")
def draw_bounding_boxes(images, boxes, colors, name=None):
    """tf.image.draw_bounding_boxes: box outlines ([y_min, x_min, y_max, x_max] in [0, 1]),
    colors cycling through `colors` (TF's table when None)."""
    from .._core import errors

    op_type = "DrawBoundingBoxes" if colors is None else "DrawBoundingBoxesV2"
    images = convert_to_tensor(images)
    boxes = convert_to_tensor(boxes, dtype=D.float32)
    if images.dtype not in (D.float32, D.float16):
        raise errors.attr_value_error("T", D.tf_type_name(images.dtype), "float, half",
                                      op_type, op_def=_DRAW_DEF.replace(
                                          "DrawBoundingBoxes;", op_type + ";"), name=None)
    checks = ((images.shape.rank == 4, "The rank of the images should be 4"),
              (lambda: images.shape[3] in (1, 3, 4),
               "Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA)"),
              (lambda: boxes.shape.rank == 3 and boxes.shape[0] == images.shape[0],
               "The batch sizes should be the same"),
              (lambda: boxes.shape[2] == 4, "The size of the third dimension of the box must be "
               "4. Received: %s" % (boxes.shape[2] if boxes.shape.rank == 3 else "?")))
    for ok, text in checks:
        if not (ok() if callable(ok) else ok):
            raise errors.kernel_error(op_type, text, None)
    depth = images.shape[3]
    if colors is None:
        table = convert_to_tensor(_default_colors(depth))
    else:
        table = convert_to_tensor(colors, dtype=D.float32)
        if table.shape.rank != 2 or table.shape[1] < depth:
            raise errors.kernel_error(op_type, "colors must have equal or more channels than "
                                      "the image provided: [%s]"
                                      % ",".join(map(str, table.shape)), None)
    return _draw_boxes(images, boxes, table)
