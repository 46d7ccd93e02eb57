"""tf.io/tf.image's codecs (TF's gen_image_ops wrappers of decode_image_op.cc, encode_png_op.cc,
encode_jpeg_op.cc, extract_jpeg_shape_op.cc), on the host: XLA has no strings.

One decoder serves DecodeJpeg, DecodePng, DecodeGif and DecodeImage, as TF's kernel does: it
sniffs the format and decodes any of them (DecodeBmp takes BMP only). The libraries:
- JPEG: simplejpeg (libjpeg-turbo's TurboJPEG: TF's default INTEGER_FAST DCT and its fancy
  upsampling, so TF's pixels bit for bit); encoding with Pillow (libjpeg-turbo with TF's
  settings gives TF's bytes).
- PNG: decoding with Pillow for 8-bit files, pypng for 16-bit ones (Pillow reads 16-bit RGB as
  8-bit); the channel conversions are libpng's as TF sets them (its rgb-to-gray weights,
  8 <-> 16 bits). Encoding is libpng's filter choice and zlib settings in NumPy and zlib.
- GIF: Pillow (frames composited on the canvas); BMP: TF's uncompressed layouts read with NumPy.
"""

from __future__ import annotations

import io
import struct
import zlib

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor, wrap
from .._ops import string_ops

_JPEG, _PNG, _GIF, _BMP = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"BM"
_NAMES = {_JPEG: "JPEG", _PNG: "PNG", _GIF: "GIF", _BMP: "BMP"}


def _error(op_type, text, name=None, cls=errors.InvalidArgumentError):
    return errors.kernel_error(op_type, text, name, cls=cls)


def _shape_text(shape) -> str:
    return "[%s]" % ",".join(str(d) for d in shape)


def _contents(contents, op_type) -> bytes:
    """The scalar string input, as TF's kernels check it."""
    arr = string_ops.strings(contents, op_type)
    if arr.ndim != 0:
        raise _error(op_type, "`contents` must be scalar but got shape%s" % _shape_text(arr.shape))
    value = arr[()]
    return value if isinstance(value, bytes) else str(value).encode()


def _format(data: bytes):
    for magic in (_JPEG, _PNG, _GIF, _BMP):
        if data.startswith(magic):
            return magic
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return b"WEBP"
    return None


def _check_channels(op_type, channels, name=None):
    """TF's attr check (DecodePng and DecodeImage's errors carry the " name: " suffix)."""
    if channels not in (0, 1, 3, 4):
        raise _error(op_type, "`channels` must be 0, 1, 3 or 4 but got %d" % channels, name)


# -- channel and depth conversions, as libpng (TF's png_io) makes them --------------------------


def _to_gray(rgb: np.ndarray) -> np.ndarray:
    """libpng's rgb-to-gray with TF's weights (0.299, 0.587) in 15-bit fixed point: 8-bit
    samples truncate, 16-bit ones round."""
    r, g, b = (rgb[..., i].astype(np.int64) for i in range(3))
    total = 9798 * r + 19235 * g + 3735 * b
    if rgb.dtype == np.uint16:
        total = total + 16384
    return (total >> 15).astype(rgb.dtype)[..., None]


def _convert_channels(img: np.ndarray, channels: int) -> np.ndarray:
    have = img.shape[-1]
    if channels == 0 or channels == have:
        return img
    top = np.iinfo(img.dtype).max
    color = img[..., :3] if have >= 3 else np.repeat(img[..., :1], 3, axis=-1)
    if channels == 1:
        return img[..., :1] if have <= 2 else _to_gray(color)
    if channels == 3:
        return color
    alpha = img[..., -1:] if have in (2, 4) else np.full(img.shape[:-1] + (1,), top, img.dtype)
    return np.concatenate([color, alpha], axis=-1)


def _to_depth(img: np.ndarray, dtype: np.dtype, scale8to16: int) -> np.ndarray:
    """8 <-> 16 bits: libpng strips the low byte; 8-bit samples widen by 257 (PNG) or 256."""
    if img.dtype == dtype:
        return img
    if dtype == np.uint8:
        return (img >> 8).astype(np.uint8)
    return img.astype(np.uint16) * np.uint16(scale8to16)


# -- the per-format decoders --------------------------------------------------------------------


def _decode_jpeg_array(data, op_type, channels, ratio=1, fancy_upscaling=True,
                       try_recover_truncated=False, dct_method=""):
    import simplejpeg

    if channels == 4:
        raise _error(op_type, "JPEG does not support 4 channels")
    try:
        height, width, space, _ = simplejpeg.decode_jpeg_header(data)
        gray = channels == 1 or (channels == 0 and space == "Gray")
        kwargs = {}
        if ratio != 1:  # libjpeg's DCT scaling: each side ceil(side / ratio)
            kwargs = dict(min_height=-(-height // ratio), min_width=-(-width // ratio))
        img = simplejpeg.decode_jpeg(
            data, colorspace="GRAY" if gray else "RGB",
            fastdct=dct_method != "INTEGER_ACCURATE", fastupsample=not fancy_upscaling,
            strict=not try_recover_truncated, **kwargs)
    except (ValueError, OSError) as e:
        raise _error(op_type, "jpeg::Uncompress failed. Invalid JPEG data or crop window.") from e
    return img if img.ndim == 3 else img[..., None]


def _png_array(data, op_type) -> np.ndarray:
    """The PNG's samples as they are stored (uint8 or uint16, 1-4 channels)."""
    try:
        depth = data[24]
        if depth == 16:
            import png

            width, height, rows, info = png.Reader(bytes=data).asDirect()
            return np.vstack([np.asarray(r, np.uint16) for r in rows]).reshape(
                height, width, info["planes"])
        from PIL import Image

        im = Image.open(io.BytesIO(data))
        if im.mode == "P":
            im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        elif im.mode == "1":
            im = im.convert("L")
        arr = np.asarray(im)
    except Exception as e:  # noqa: BLE001 - any failure of the libraries is TF's invalid PNG
        raise _error(op_type, "Invalid PNG. Failed to initialize decoder.") from e
    return arr if arr.ndim == 3 else arr[..., None]


def _decode_png_array(data, op_type, channels, dtype):
    img = _convert_channels(_png_array(data, op_type), channels)
    return _to_depth(img, np.dtype(dtype), 257)


def _decode_gif_array(data, op_type, channels=0):
    from PIL import Image, ImageSequence

    if channels not in (0, 3):
        raise _error(op_type, "channels must be 0 or 3 for GIF, got %d" % channels)
    try:
        im = Image.open(io.BytesIO(data))
        frames = [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(im)]
    except Exception as e:  # noqa: BLE001
        raise _error(op_type, "Invalid GIF data (size %d), %s" % (len(data), e)) from e
    return np.stack(frames)


def _decode_bmp_array(data, op_type, channels):
    """TF's BMP reader: uncompressed 8/24/32-bit rows, bottom-up unless the height is negative,
    BGR(A) to RGB(A)."""
    if channels not in (0, 3, 4):
        raise _error(op_type, "`channels` must be 0, 3 or 4 for BMP, but got %d" % channels)
    if len(data) < 54:
        raise _error(op_type, "Incomplete bmp content, requires at least 54 bytes to find the "
                     "header size, width, height, and bpp, got %d bytes" % len(data))
    offset = int.from_bytes(data[10:14], "little")
    width = int.from_bytes(data[18:22], "little", signed=True)
    height = int.from_bytes(data[22:26], "little", signed=True)
    bpp = int.from_bytes(data[28:30], "little")
    have = bpp // 8
    if have not in (1, 3, 4):
        raise _error(op_type, "Number of channels inherent in the image must be 1, 3 or 4, was %d"
                     % have)
    rows, stride = abs(height), (width * have + 3) // 4 * 4
    if offset + rows * stride > len(data):
        raise _error(op_type, "Total possible pixel bytes must be less than 2^30 bytes.")
    buf = np.frombuffer(data, np.uint8, rows * stride, offset).reshape(rows, stride)
    img = buf[:, :width * have].reshape(rows, width, have)
    if height > 0:
        img = img[::-1]
    if have >= 3:
        img = np.concatenate([img[..., 2::-1], img[..., 3:]], axis=-1)
    return _convert_channels(img, channels or have)


def _decode(data, op_type, channels, dtype=np.uint8, *, expand_animations=True, jpeg=None,
            only=None):
    """TF's DecodeImageV2 kernel: the format sniffed, `only` limits it (DecodeBmp)."""
    if not data:
        raise _error(op_type, "Input is empty.")
    fmt = _format(data)
    if only is not None and fmt != only:
        raise _error(op_type, "Trying to decode %s format using %s op. Use `decode_%s` or "
                     "`decode_image` instead." % (_NAMES.get(fmt, "unknown"), op_type,
                                                  _NAMES.get(fmt, "image").lower()), "")
    if fmt == _JPEG:
        img = _to_depth(_decode_jpeg_array(data, op_type, channels, **(jpeg or {})),
                        np.dtype(dtype), 256)
    elif fmt == _PNG:
        img = _decode_png_array(data, op_type, channels, dtype)
    elif fmt == _GIF:
        img = _to_depth(_decode_gif_array(data, op_type, channels), np.dtype(dtype), 256)
        if op_type in ("DecodeJpeg", "DecodePng") and len(img) > 1:
            raise _error(op_type, "Got %d frames, but animated gifs can only be decoded by "
                         "tf.io.decode_gif or tf.io.decode_image" % len(img))
        if not expand_animations or op_type in ("DecodeJpeg", "DecodePng"):
            img = img[0]
    elif fmt == _BMP:
        img = _to_depth(_decode_bmp_array(data, op_type, channels), np.dtype(dtype), 256)
    else:
        raise _error(op_type, "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, "
                     "WebP required.")
    if op_type == "DecodeGif" and img.ndim == 3:
        img = img[None]
    return wrap(jnp.asarray(np.ascontiguousarray(img)))


def _dtype_attr(dtype, op_type, allowed, op_def):
    dtype = D.as_dtype(dtype)
    if dtype.name not in allowed:
        raise errors.attr_value_error("dtype", D.tf_type_name(dtype), allowed, op_type,
                                      op_def=op_def)
    return np.dtype(dtype.as_numpy_dtype)


_DECODE_PNG_DEF = ("DecodePng; signature=contents:string -> image:dtype; attr=channels:int,"
                   "default=0; attr=dtype:type,default=DT_UINT8,allowed=[DT_UINT8, DT_UINT16]")


@_api.export("io.decode_png", "image.decode_png")
def decode_png(contents, channels=0, dtype=D.uint8, name=None):
    """tf.io.decode_png (any format TF's decoder sniffs, as TF's kernel)."""
    _check_channels("DecodePng", channels, "")
    np_dtype = _dtype_attr(dtype, "DecodePng", ("uint8", "uint16"), _DECODE_PNG_DEF)
    return _decode(_contents(contents, "DecodePng"), "DecodePng", channels, np_dtype)


_DCT = ("", "INTEGER_FAST", "INTEGER_ACCURATE")


@_api.export("io.decode_jpeg", "image.decode_jpeg")
def decode_jpeg(contents, channels=0, ratio=1, fancy_upscaling=True,
                try_recover_truncated=False, acceptable_fraction=1, dct_method="", name=None):
    """tf.io.decode_jpeg: TF's libjpeg-turbo settings (INTEGER_FAST DCT unless
    INTEGER_ACCURATE, fancy upsampling, 1/2, 1/4, 1/8 scaling).

    Differences from TensorFlow: `try_recover_truncated` keeps what libjpeg-turbo recovers
    (missing rows gray) and ignores `acceptable_fraction`.
    """
    _check_channels("DecodeJpeg", channels)
    if ratio not in (1, 2, 4, 8):
        raise _error("DecodeJpeg", "ratio must be 1, 2, 4, or 8, got %s" % ratio)
    if dct_method not in _DCT:
        raise _error("DecodeJpeg", "dct_method must be one of {'', 'INTEGER_FAST', "
                     "'INTEGER_ACCURATE'}")
    jpeg = dict(ratio=ratio, fancy_upscaling=fancy_upscaling,
                try_recover_truncated=try_recover_truncated, dct_method=dct_method)
    return _decode(_contents(contents, "DecodeJpeg"), "DecodeJpeg", channels, jpeg=jpeg)


@_api.export("io.decode_gif", "image.decode_gif")
def decode_gif(contents, name=None):
    """tf.io.decode_gif: [frames, height, width, 3] uint8."""
    return _decode(_contents(contents, "DecodeGif"), "DecodeGif", 0)


@_api.export("io.decode_bmp", "image.decode_bmp")
def decode_bmp(contents, channels=0, name=None):
    """tf.io.decode_bmp."""
    _check_channels("DecodeBmp", channels)
    return _decode(_contents(contents, "DecodeBmp"), "DecodeBmp", channels, only=_BMP)


@_api.export("io.decode_image", "image.decode_image")
def decode_image(contents, channels=None, dtype=D.uint8, name=None, expand_animations=True):
    """tf.io.decode_image: JPEG, PNG, GIF (4-D unless expand_animations=False) or BMP; other
    dtypes than uint8/uint16 through convert_image_dtype, as TF's wrapper."""
    from .image_ops_impl import convert_image_dtype

    channels = 0 if channels is None else channels
    _check_channels("DecodeImage", channels, "")
    dtype = D.as_dtype(dtype)
    decode_as = dtype if dtype in (D.uint8, D.uint16) else D.uint16
    image = _decode(_contents(contents, "DecodeImage"), "DecodeImage", channels,
                    np.dtype(decode_as.as_numpy_dtype), expand_animations=expand_animations)
    return image if decode_as == dtype else convert_image_dtype(image, dtype)


@_api.export("io.extract_jpeg_shape", "image.extract_jpeg_shape")
def extract_jpeg_shape(contents, output_type=D.int32, name=None):
    """tf.io.extract_jpeg_shape: [height, width, components] from the JPEG's header."""
    import simplejpeg

    data = _contents(contents, "ExtractJpegShape")
    try:
        height, width, space, _ = simplejpeg.decode_jpeg_header(data)
    except (ValueError, OSError) as e:
        # TF's text has the " name: " suffix for a tensor argument, not for Python bytes.
        raise _error("ExtractJpegShape", "Invalid JPEG data, size %d" % len(data),
                     "" if isinstance(contents, Tensor) else None) from e
    depth = {"Gray": 1, "CMYK": 4, "YCCK": 4}.get(space, 3)
    dtype = D.as_dtype(output_type)
    return wrap(jnp.asarray(np.array([height, width, depth], dtype.as_numpy_dtype)))


@_api.export("io.is_jpeg", "image.is_jpeg")
def is_jpeg(contents, name=None):
    """tf.io.is_jpeg: the strings that start with JPEG's magic bytes."""
    arr = string_ops.strings(contents, "Substr")
    out = np.frompyfunc(lambda s: bytes(s)[:3] == _JPEG, 1, 1)(arr) if arr.size else arr
    return wrap(jnp.asarray(np.asarray(out, bool).reshape(arr.shape)))


# -- encoders ----------------------------------------------------------------------------------


def _image_array(image, op_type, want, op_def=None, attr="T"):
    if not isinstance(image, Tensor) and op_def is None:  # TF converts non-tensors to the type
        image = convert_to_tensor(image, dtype=D.as_dtype(want[0]))
    image = convert_to_tensor(image)
    if image.dtype.name not in want:
        if op_def is None:
            raise errors.input_dtype_error(op_type, 0, want[0], D.tf_type_name(image.dtype))
        raise errors.attr_value_error(attr, D.tf_type_name(image.dtype), want, op_type,
                                      op_def=op_def)
    if isinstance(image._value, jax.core.Tracer):  # a host codec: the function runs eagerly
        raise errors.StringsInGraph(op_type)
    return np.asarray(image._value)


def _scalar_string(data: bytes) -> Tensor:
    return wrap(np.asarray(data, dtype=object).reshape(()))


_ENCODE_PNG_DEF = ("EncodePng; signature=image:T -> contents:string; attr=compression:int,"
                   "default=-1; attr=T:type,default=DT_UINT8,allowed=[DT_UINT8, DT_UINT16]")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _filter_rows(raw: np.ndarray, bpp: int) -> np.ndarray:
    """libpng's adaptive filtering: per row, of None/Sub/Up/Average/Paeth the first with the
    least sum of the bytes taken as signed; each row prefixed with its filter type."""
    r = raw.astype(np.int32)
    zeros = np.zeros((r.shape[0], bpp), np.int32)
    up = np.vstack([np.zeros((1, r.shape[1]), np.int32), r[:-1]])
    left = np.hstack([zeros, r[:, :-bpp]])
    up_left = np.hstack([zeros, up[:, :-bpp]])
    p = left + up - up_left
    pa, pb, pc = np.abs(p - left), np.abs(p - up), np.abs(p - up_left)
    paeth = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, up_left))
    filtered = np.stack([r, r - left, r - up, r - ((left + up) >> 1), r - paeth]) & 0xFF
    best = np.argmin(np.where(filtered < 128, filtered, 256 - filtered).sum(axis=2), axis=0)
    rows = filtered[best, np.arange(r.shape[0])].astype(np.uint8)
    return np.hstack([best[:, None].astype(np.uint8), rows])


def _zlib_window(size: int) -> int:
    """libpng's png_deflate_claim: the smallest window holding a small image's data."""
    bits, half = 15, 1 << 14
    if size <= 16384:
        while size + 262 <= half:
            half >>= 1
            bits -= 1
    return max(bits, 9)  # zlib refuses a window of 8 bits


def _optimize_cmf(comp: bytearray, size: int) -> None:
    """libpng's optimize_cmf: the zlib header names the smallest window the data needs."""
    if size > 16384 or (comp[0] & 0x0F) != 8 or (comp[0] & 0xF0) > 0x70:
        return
    cinfo = comp[0] >> 4
    half = 1 << (cinfo + 7)
    if size > half:
        return
    while True:
        half >>= 1
        cinfo -= 1
        if not (cinfo > 0 and size <= half):
            break
    comp[0] = (comp[0] & 0x0F) | (cinfo << 4)
    low = comp[1] & 0xE0
    comp[1] = low + 0x1F - ((comp[0] << 8) + low) % 0x1F


def _png_bytes(img: np.ndarray, compression: int) -> bytes:
    """TF's PNG writer (libpng 1.6 defaults): adaptive filters, zlib with Z_FILTERED and a
    window fitted to the data, fed row by row, IDAT chunks of 8192 bytes."""
    height, width, channels = img.shape
    depth = 16 if img.dtype == np.uint16 else 8
    raw = (img.astype(">u2").view(np.uint8) if depth == 16 else img).reshape(height, -1)
    rows = _filter_rows(raw, channels * depth // 8)
    size = rows.size
    z = zlib.compressobj(compression, zlib.DEFLATED, _zlib_window(size), 8, zlib.Z_FILTERED)
    comp = bytearray(b"".join(z.compress(row.tobytes()) for row in rows) + z.flush())
    _optimize_cmf(comp, size)
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    out = [_PNG,
           _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0))]
    out += [_chunk(b"IDAT", bytes(comp[i:i + 8192])) for i in range(0, len(comp), 8192)]
    out.append(_chunk(b"IEND", b""))
    return b"".join(out)


@_api.export("io.encode_png", "image.encode_png")
def encode_png(image, compression=-1, name=None):
    """tf.io.encode_png: uint8 or uint16 images of 1-4 channels; a batch gives a string per
    image. libpng's filters and zlib settings, so TF's bytes.

    Differences from TensorFlow: deflate's block layout is Python's zlib's (1.2.13), which can
    differ from TF's bundled zlib for incompressible data (noise): other bytes, same pixels.
    """
    img = _image_array(image, "EncodePng", ("uint8", "uint16"), _ENCODE_PNG_DEF)
    if img.ndim < 3:
        raise _error("EncodePng", "images must be at least rank 3%s" % _shape_text(img.shape),
                     "")
    if not 1 <= img.shape[-1] <= 4:
        raise _error("EncodePng", "image must have 1, 2, 3, or 4 channels, got %d"
                     % img.shape[-1], "")
    if not -1 <= compression <= 9:
        raise _error("EncodePng", "compression should be in [-1,9], got %d" % compression, "")
    batch = img.reshape((int(np.prod(img.shape[:-3])),) + img.shape[-3:])
    bad = [i for i, one in enumerate(batch) if one.size == 0]
    if bad:
        raise _error("EncodePng", "PNG encoding failed at the following flattened batch "
                     "indices: %s" % ", ".join(map(str, bad)), "", cls=errors.InternalError)
    out = np.empty(len(batch), object)
    out[:] = [_png_bytes(one, compression) for one in batch]
    return wrap(out.reshape(img.shape[:-3]))


_ENCODE_JPEG_DEF = (
    'EncodeJpeg; signature=image:uint8 -> contents:string; attr=format:string,default="",'
    'allowed=["", "grayscale", "rgb"]; attr=quality:int,default=95; attr=progressive:bool,'
    'default=false; attr=optimize_size:bool,default=false; attr=chroma_downsampling:bool,'
    'default=true; attr=density_unit:string,default="in",allowed=["in", "cm"]; attr=x_density:'
    'int,default=300; attr=y_density:int,default=300; attr=xmp_metadata:string,default=""')


def _jpeg_bytes(img, op_type, format="", quality=95, progressive=False, optimize_size=False,
                chroma_downsampling=True, density_unit="in", x_density=300, y_density=300,
                xmp_metadata=""):
    from PIL import Image

    for attr, value, allowed in (("format", format, ("", "grayscale", "rgb")),
                                 ("density_unit", density_unit, ("in", "cm"))):
        if value not in allowed:
            raise errors.attr_value_error(
                attr, '"%s"' % value, ", ".join('"%s"' % a for a in allowed), op_type,
                op_def=_ENCODE_JPEG_DEF)
    if not 0 <= quality <= 100:
        raise _error(op_type, "quality must be in [0,100], got %d" % quality, "")
    if img.ndim != 3:
        raise _error(op_type, "image must be 3-dimensional%s" % _shape_text(img.shape), "")
    channels = img.shape[-1]
    want = {"grayscale": 1, "rgb": 3}.get(format)
    if want is not None and channels != want:
        raise _error(op_type, "format %s expects %d channels, got %s"
                     % (format, want, _shape_text(img.shape)), "")
    if channels not in (1, 3):
        raise _error(op_type, "image must have 1 or 3 channels, got %s" % _shape_text(img.shape),
                     "")
    if img.size == 0:
        raise _error(op_type, "JPEG encoding failed", "", cls=errors.InternalError)
    out = io.BytesIO()
    options = dict(quality=int(quality), progressive=bool(progressive),
                   optimize=bool(optimize_size), subsampling=2 if chroma_downsampling else 0,
                   dpi=(int(x_density), int(y_density)))
    if xmp_metadata:
        options["xmp"] = xmp_metadata.encode() if isinstance(xmp_metadata, str) else xmp_metadata
    Image.fromarray(np.ascontiguousarray(img if channels == 3 else img[..., 0])).save(
        out, "JPEG", **options)
    data = bytearray(out.getvalue())
    if density_unit == "cm":  # the JFIF header's units byte (Pillow writes dots per inch)
        data[13] = 2
    return bytes(data)


def _int(v):
    return int(np.asarray(v._value)) if isinstance(v, Tensor) else int(v)


@_api.export("io.encode_jpeg", "image.encode_jpeg")
def encode_jpeg(image, format="", quality=95, progressive=False, optimize_size=False,  # noqa: A002
                chroma_downsampling=True, density_unit="in", x_density=300, y_density=300,
                xmp_metadata="", name=None):
    """tf.io.encode_jpeg: libjpeg-turbo (Pillow's) with TF's settings, TF's bytes."""
    img = _image_array(image, "EncodeJpeg", ("uint8",))
    return _scalar_string(_jpeg_bytes(
        img, "EncodeJpeg", format, _int(quality), progressive, optimize_size,
        chroma_downsampling, density_unit, _int(x_density), _int(y_density), xmp_metadata))


def encode_jpeg_variable_quality(images, quality):
    """TF's EncodeJpegVariableQuality (adjust_jpeg_quality's encoder): TF's default settings."""
    img = _image_array(images, "EncodeJpegVariableQuality", ("uint8",))
    return _jpeg_bytes(img, "EncodeJpegVariableQuality", quality=_int(quality))
