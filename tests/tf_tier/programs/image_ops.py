# tf.image: resize (every method, antialias, TF's half-pixel conventions), dtype conversion,
# flips/rotations/crops/pads, color spaces, adjustments, standardization, psnr/ssim, total
# variation, gradients/sobel/patches, non_max_suppression; TF's errors; gradients; tf.function.
import numpy as np
import tensorflow as tf

# %%
rng = np.random.default_rng(0)
u8 = tf.constant(rng.integers(0, 256, size=[2, 4, 5, 3]).astype(np.uint8))
f = tf.image.convert_image_dtype(u8, tf.float32)
print(f[0, 0], tf.image.convert_image_dtype(f, tf.uint8)[0, 0], tf.image.convert_image_dtype(u8, tf.int32)[0, 0], tf.image.convert_image_dtype(tf.constant([[[70000]]], tf.int32), tf.uint8), tf.image.convert_image_dtype(tf.constant([[[1.5]]]), tf.uint8, saturate=True), tf.image.convert_image_dtype(tf.constant([[[1.5]]]), tf.uint8), tf.image.convert_image_dtype(f, tf.float64).dtype, tf.image.convert_image_dtype(u8, tf.float16)[0,0,0])
print(tf.image.flip_left_right(u8)[0, 0], tf.image.flip_up_down(u8[0])[0], tf.image.rot90(u8[0])[:, :, 0], tf.image.rot90(u8, k=3)[1, :, :, 1], tf.image.rot90(u8, k=-2)[0, :, :, 2], tf.image.transpose(u8).shape)
print(tf.image.crop_to_bounding_box(u8, 1, 2, 2, 3)[..., 0], tf.image.pad_to_bounding_box(u8[0], 1, 0, 6, 7)[..., 0])
print(tf.image.resize_with_crop_or_pad(u8[0], 3, 8)[..., 1], tf.image.central_crop(u8[0], 0.5)[..., 0], tf.image.central_crop(f, 0.3).shape)
print(tf.image.resize_with_pad(f, 6, 6)[0, ..., 0], tf.image.resize_with_pad(u8[0], 2, 9, method='nearest')[..., 0])
print(tf.image.rgb_to_hsv(f)[0, 0], tf.image.hsv_to_rgb(tf.image.rgb_to_hsv(f))[0, 0], tf.image.rgb_to_hsv(tf.constant([[[0.5, 0.5, 0.5], [0., 0., 0.], [0.2, 0.9, 0.9]]])))
print(tf.image.rgb_to_grayscale(u8)[0, ..., 0], tf.image.rgb_to_grayscale(f)[1, 0], tf.image.grayscale_to_rgb(tf.image.rgb_to_grayscale(f))[0, 0])
print(tf.image.rgb_to_yuv(f)[0, 0], tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(f))[0, 0])
print(tf.image.adjust_brightness(u8, 0.1)[0, 0], tf.image.adjust_brightness(f, -0.2)[0, 0], tf.image.adjust_contrast(u8, 1.7)[0, 0], tf.image.adjust_contrast(f, 0.5)[0, 0])
print(tf.image.adjust_gamma(u8, 0.5)[0, 0], tf.image.adjust_gamma(f, 2.0, 0.7)[0, 0], tf.image.adjust_saturation(u8, 0.3)[0, 0], tf.image.adjust_saturation(f, 2.5)[0, 0])
print(tf.image.adjust_hue(u8, 0.2)[0, 0], tf.image.adjust_hue(f, -0.4)[0, 0], tf.image.per_image_standardization(u8)[0, 0], tf.image.per_image_standardization(f[0])[1])
for fn in [lambda: tf.image.crop_to_bounding_box(u8, 3, 0, 2, 2), lambda: tf.image.pad_to_bounding_box(u8, 0, 0, 2, 2), lambda: tf.image.central_crop(u8, 1.5), lambda: tf.image.adjust_hue(f, 2.0), lambda: tf.image.rot90(u8[0, 0]), lambda: tf.image.resize(u8[0,0], [2, 2]), lambda: tf.image.resize(u8, [2]), lambda: tf.image.adjust_gamma(f, -1.0), lambda: tf.image.grayscale_to_rgb(f), lambda: tf.image.resize_with_crop_or_pad(u8, 0, 3)]:
    try: print(fn())
    except Exception as e: print(type(e).__name__, e)
img = tf.constant(rng.uniform(0, 1, size=[1, 6, 7, 2]).astype(np.float32))
print(tf.image.resize(u8, [3, 3]).dtype, tf.image.resize(u8, [3, 3], method='nearest').dtype, tf.image.resize(tf.cast(img, tf.float64), [3, 3]).dtype, tf.image.resize(img, [9, 4], method=tf.image.ResizeMethod.BICUBIC)[0, :2, :, 0], tf.image.resize(img[0], [3, 10], preserve_aspect_ratio=True).shape, tf.image.resize(u8[0], [7, 3], method='area', antialias=True)[..., 0])
print(tf.image.ResizeMethod.BILINEAR, tf.image.ResizeMethod.LANCZOS3 == "lanczos3", [k for k in vars(tf.image.ResizeMethod) if not k.startswith("_")])

# %%
img = tf.constant(rng.uniform(0, 255, size=[2, 7, 9, 3]).astype(np.float32))
for m in ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"]:
    for size in [(3, 4), (12, 5)]:
        for aa in [False, True]:
            r = tf.image.resize(img, size, method=m, antialias=aa)
            print(m, size, aa, r.dtype, r.numpy()[1, :, :, 1].ravel()[:12])

# %%
a = tf.constant(rng.uniform(0, 1, size=[2, 16, 16, 3]).astype(np.float32))
b = tf.clip_by_value(a + tf.constant(rng.normal(0, 0.05, size=[2, 16, 16, 3]).astype(np.float32)), 0, 1)
print(tf.image.psnr(a, b, 1.0), tf.image.ssim(a, b, 1.0), tf.image.ssim(a, b, 1.0, filter_size=5, filter_sigma=0.8))
u = tf.image.convert_image_dtype(a, tf.uint8)
print(tf.image.psnr(u, tf.image.convert_image_dtype(b, tf.uint8), 255), tf.image.ssim(u, tf.image.convert_image_dtype(b, tf.uint8), 255))
print(tf.image.ssim(a[0], b[0], 1.0, filter_size=7, return_index_map=True)[3])
print(tf.image.total_variation(a), tf.image.total_variation(tf.cast(u[0], tf.int32)))
dy, dx = tf.image.image_gradients(tf.reshape(tf.range(12.0), [1, 3, 4, 1]))
print(dy[0, ..., 0], dx[0, ..., 0])
print(tf.image.sobel_edges(tf.reshape(tf.range(16.0), [1, 4, 4, 1]) ** 2)[0, ..., 0, :].shape, tf.image.sobel_edges(tf.reshape(tf.range(16.0), [1, 4, 4, 1]) ** 2)[0, :, :, 0, 1].numpy().round(3))
p = tf.reshape(tf.range(2 * 5 * 5 * 2), [2, 5, 5, 2])
print(tf.image.extract_patches(p, [1, 2, 2, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")[0, 0])
print(tf.image.extract_patches(p, [1, 3, 2, 1], [1, 1, 3, 1], [1, 2, 1, 1], "SAME").shape)
print(tf.image.extract_patches(tf.cast(p, tf.float32), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "SAME")[1, 4])
boxes = tf.constant([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1], [0, 100, 1, 101]])
scores = tf.constant([0.9, 0.75, 0.6, 0.95, 0.5, 0.3])
print(tf.image.non_max_suppression(boxes, scores, 3), tf.image.non_max_suppression(boxes, scores, 10, 0.5, 0.4))
print(tf.image.non_max_suppression(boxes, scores, 10, iou_threshold=0.95))

# %%
x = tf.Variable(rng.uniform(0, 1, size=[1, 5, 6, 3]).astype(np.float32))
with tf.GradientTape(persistent=True) as tape:
    l1 = tf.reduce_sum(tf.image.resize(x, [8, 4]) ** 2)
    l2 = tf.reduce_sum(tf.image.resize(x, [3, 9], method="bicubic") * 1.5)
    l3 = tf.reduce_sum(tf.image.resize(x, [2, 3], method="lanczos3", antialias=True) ** 2)
    l4 = tf.reduce_sum(tf.image.rgb_to_grayscale(x) ** 2) + tf.reduce_sum(tf.image.adjust_gamma(x, 1.5) ** 2)
    l5 = tf.reduce_sum(tf.image.total_variation(x)) + tf.reduce_sum(tf.image.per_image_standardization(x) ** 3)
    l6 = tf.reduce_sum(tf.image.resize(x, [10, 12], method="nearest") ** 2)
    l7 = tf.reduce_sum(tf.image.rgb_to_hsv(x) ** 2) + tf.reduce_sum(tf.image.adjust_brightness(x, 0.2) ** 2)
    hsv = tf.reduce_sum(tf.image.hsv_to_rgb(x))
print(np.round(tape.gradient(l1, x).numpy()[0, :2, :, 0], 5), np.round(tape.gradient(l2, x).numpy()[0, :2, :, 1], 5))
print(np.round(tape.gradient(l3, x).numpy()[0, :2, :, 2], 5), np.round(tape.gradient(l4, x).numpy()[0, 0], 5))
print(np.round(tape.gradient(l5, x).numpy()[0, 1], 5), np.round(tape.gradient(l6, x).numpy()[0, 0], 5))
print(np.round(tape.gradient(l7, x).numpy()[0, 0], 4), tape.gradient(hsv, x))
for loss in [lambda: tf.image.adjust_contrast(x, 1.5), lambda: tf.image.resize(x, [2, 2], method="area"),
             lambda: tf.image.adjust_saturation(x, 0.5), lambda: tf.image.adjust_hue(x, 0.1)]:
    with tf.GradientTape() as tape:
        out = tf.reduce_sum(loss())
    try:
        print(tape.gradient(out, x))
    except LookupError as e:
        print(type(e).__name__, e)


# %%
@tf.function
def augment(im):
    im = tf.image.flip_left_right(tf.image.resize(im, [6, 6]))
    return tf.image.adjust_brightness(tf.image.central_crop(im, 0.5), 0.1), tf.image.rgb_to_hsv(im / 255.0)[0, 0]


print(augment(img))


# %% random augmentations: stateless ones give TF's values for a seed; stateful ones under
# tf.random.set_seed follow TF's op seeds
batch = tf.constant(rng.uniform(0, 1, size=[5, 3, 4, 3]).astype(np.float32))
for s in [(1, 2), (7, -9)]:
    print(tf.image.stateless_random_flip_left_right(batch, s)[:, 0, :, 0], tf.image.stateless_random_flip_up_down(u8[0], s)[:, 0, 0])
    print(tf.image.stateless_random_brightness(u8[0], 0.3, s)[0], tf.image.stateless_random_contrast(f[1], 0.2, 1.5, s)[1])
    print(tf.image.stateless_random_hue(u8[1], 0.4, s)[2], tf.image.stateless_random_saturation(f[0], 0.1, 2.0, s)[3])
    print(tf.image.stateless_random_crop(batch, [3, 1, 2, 2], s)[..., 0], tf.image.stateless_random_crop(u8[0], [2, 2, 3], tf.constant(s, tf.int64))[..., 1])
tf.random.set_seed(42)
print(tf.image.random_flip_left_right(batch)[:, 0, :, 0], tf.image.random_flip_up_down(u8[0], seed=3)[:, 0, 0])
print(tf.image.random_brightness(f[0], 0.3)[0], tf.image.random_contrast(u8[1], 0.2, 1.5, seed=5)[1])
print(tf.image.random_hue(f[1], 0.4, seed=6)[2], tf.image.random_saturation(u8[0], 0.1, 2.0)[3])
print(tf.image.random_crop(batch, [3, 1, 2, 2])[..., 0], tf.image.random_crop(u8, [1, 2, 2, 3], seed=1)[..., 2])
for bad in [lambda: tf.image.random_brightness(f, -0.1), lambda: tf.image.stateless_random_contrast(f, 0.5, 0.5, (1, 2)),
            lambda: tf.image.random_saturation(f, -0.5, 0.5), lambda: tf.image.stateless_random_hue(f, 0.6, (1, 2)),
            lambda: tf.image.random_flip_left_right(tf.zeros([2, 2])), lambda: tf.image.stateless_random_flip_up_down(tf.zeros([1, 2, 2, 2, 1]), (1, 2)),
            lambda: tf.image.random_crop(tf.zeros([2, 3]), [3, 3]), lambda: tf.image.stateless_random_crop(tf.zeros([2, 3]), [3], (1, 2))]:
    try:
        print(bad())
    except (ValueError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__, e)


@tf.function
def random_augment(im, s):
    im = tf.image.stateless_random_flip_left_right(im, s)
    im = tf.image.stateless_random_contrast(tf.image.stateless_random_brightness(im, 0.2, s), 0.5, 1.5, s)
    im = tf.image.stateless_random_hue(tf.image.stateless_random_saturation(im, 0.5, 1.5, s), 0.2, s)
    return tf.image.stateless_random_crop(im, [5, 2, 3, 3], s)


print(random_augment(batch, tf.constant([3, 4]))[:, :, :, 0])
ds = tf.data.Dataset.from_tensor_slices(batch).map(lambda im: tf.image.random_flip_up_down(tf.image.random_crop(im, [2, 2, 3]), seed=7))
print([d.numpy()[..., 0].tolist() for d in ds.take(2)])


# %% codecs: JPEG bytes and pixels as TF's libjpeg-turbo gives them, PNG round trips, GIF/BMP,
# decode_image's dtypes, TF's errors for bad data
import hashlib
import io

rgb = rng.integers(0, 256, size=[13, 11, 3]).astype(np.uint8)
rgb[4:9] = 200
jpg = tf.io.encode_jpeg(rgb)
for kw in [{}, dict(quality=40, chroma_downsampling=False), dict(progressive=True, optimize_size=True, quality=70),
           dict(density_unit="cm", x_density=100, y_density=50), dict(xmp_metadata="<x>hi</x>")]:
    enc = tf.io.encode_jpeg(rgb, **kw).numpy()
    print(len(enc), hashlib.sha256(enc).hexdigest()[:16])
print(tf.io.encode_jpeg(rgb[..., :1], format="grayscale").numpy() == tf.io.encode_jpeg(rgb[..., :1]).numpy())
for kw in [{}, dict(dct_method="INTEGER_ACCURATE"), dict(channels=1), dict(fancy_upscaling=False), dict(ratio=2), dict(ratio=4, channels=3)]:
    out = tf.io.decode_jpeg(jpg, **kw)
    print(out.shape, out.dtype, out.numpy()[..., 0].sum(), out[1, :3, 0])
print(tf.io.extract_jpeg_shape(jpg), tf.io.extract_jpeg_shape(tf.io.encode_jpeg(rgb[..., :1]), tf.int64), tf.io.is_jpeg(jpg), tf.image.is_jpeg([jpg, b"\x89PNG"]))
for depth in [np.uint8, np.uint16]:
    for c in [1, 2, 3, 4]:
        x = (rng.integers(0, 65536, size=[5, 4, c]) % (np.iinfo(depth).max + 1)).astype(depth)
        back = tf.io.decode_png(tf.io.encode_png(x, compression=c + 2), dtype=tf.as_dtype(depth))
        print(depth.__name__, c, back.dtype, back.shape, bool(np.all(back.numpy() == x)), tf.image.decode_png(tf.image.encode_png(x), channels=[0, 1, 3, 4][c - 1])[2])
print([hashlib.sha256(tf.io.encode_png(x, compression=c).numpy()).hexdigest()[:16] for x, c in [(rgb, -1), (rgb[..., :2], 0), (rgb.astype(np.uint16) * 250, 9)]])
print(tf.io.decode_png(tf.io.encode_png(rgb), channels=1)[0, :, 0], tf.io.decode_png(tf.io.encode_png(rgb[..., :1]), dtype=tf.uint16)[0, :4, 0])
print(tf.io.encode_png(np.stack([rgb, rgb[::-1]])).shape, tf.io.decode_image(tf.io.encode_png(rgb), dtype=tf.float32)[0, 0], tf.io.decode_image(jpg, dtype=tf.uint16)[0, 0], tf.io.decode_image(jpg, dtype=tf.int32)[0, 0])
from PIL import Image

frames = [Image.fromarray(rng.integers(0, 256, size=[6, 5, 3]).astype(np.uint8)).convert("P") for _ in range(3)]
buf = io.BytesIO()
frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=10)
gif = buf.getvalue()
buf = io.BytesIO()
frames[1].save(buf, "GIF")
frames_one = buf.getvalue()
buf = io.BytesIO()
Image.fromarray(rgb).save(buf, "BMP")
bmp = buf.getvalue()
print(tf.io.decode_gif(gif)[:, 2, :, 0], tf.io.decode_image(gif).shape, tf.io.decode_image(gif, expand_animations=False)[2, :, 0], tf.io.decode_png(frames_one).shape)
print(tf.io.decode_bmp(bmp)[3, :4], tf.io.decode_bmp(bmp, channels=4)[0, 0], tf.io.decode_image(bmp).shape, tf.io.decode_png(jpg)[0, 0])
print(tf.image.adjust_jpeg_quality(rgb, 30)[2, :3], tf.image.adjust_jpeg_quality(tf.image.convert_image_dtype(rgb, tf.float32), 60).dtype)
print(tf.image.stateless_random_jpeg_quality(rgb, 10, 90, (1, 2))[2, :3])
tf.random.set_seed(3)
print(tf.image.random_jpeg_quality(rgb, 10, 90)[2, :3], tf.image.random_jpeg_quality(rgb, 50, 51, seed=4)[0, 0])
for bad in [lambda: tf.io.decode_png(b"\x89PNG\r\n\x1a\nxxxx"), lambda: tf.io.decode_jpeg(b"hello world"), lambda: tf.io.decode_jpeg(jpg.numpy()[:200]),
            lambda: tf.io.decode_image(b""), lambda: tf.io.decode_png([jpg, jpg]), lambda: tf.io.decode_png(jpg, channels=2),
            lambda: tf.io.decode_jpeg(jpg, channels=4), lambda: tf.io.decode_jpeg(jpg, ratio=3), lambda: tf.io.decode_bmp(jpg),
            lambda: tf.io.decode_image(gif, channels=1), lambda: tf.io.decode_jpeg(gif), lambda: tf.io.decode_bmp(bmp, channels=1), lambda: tf.io.decode_png(jpg, dtype=tf.float32),
            lambda: tf.io.extract_jpeg_shape(b"\x89PNG" + bytes(30)), lambda: tf.io.encode_png(rgb[0]), lambda: tf.io.encode_png(rgb.astype(np.float32)),
            lambda: tf.io.encode_png(np.zeros([2, 2, 5], np.uint8)), lambda: tf.io.encode_png(rgb, compression=10), lambda: tf.io.encode_png(np.zeros([0, 2, 3], np.uint8)),
            lambda: tf.io.encode_jpeg(rgb, quality=101), lambda: tf.io.encode_jpeg(np.zeros([2, 2, 2], np.uint8)), lambda: tf.io.encode_jpeg(rgb, format="rgba"),
            lambda: tf.io.encode_jpeg(rgb, format="grayscale"), lambda: tf.image.random_jpeg_quality(rgb, 50, 50), lambda: tf.image.stateless_random_jpeg_quality(rgb, -1, 50, (1, 2))]:
    try:
        print(bad())
    except (ValueError, tf.errors.InvalidArgumentError, tf.errors.InternalError) as e:
        print(type(e).__name__, e)


# %% draw_bounding_boxes (TF's default colors, a color table, boxes partly outside or inverted)
# and the quantized dtypes' names
canvas = tf.zeros([2, 5, 6, 3])
boxes = tf.constant([[[0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]], [[-0.5, 0.3, 0.5, 1.5], [0.6, 0.6, 0.2, 0.9]]])
print(tf.image.draw_bounding_boxes(canvas, boxes, None)[..., 0], tf.image.draw_bounding_boxes(canvas + 0.1, boxes, [[0.5, 0.25, 1], [0.1, 0.2, 0.3]])[0, :, :, 1])
print(tf.image.draw_bounding_boxes(tf.zeros([1, 4, 4, 1], tf.float16), [[[0.0, 0.0, 0.67, 0.67], [2, 2, 3, 3]]], None)[0, ..., 0])
print(tf.image.draw_bounding_boxes(tf.zeros([1, 4, 4, 4]), [[[0.0, 0.0, 0.67, 0.67]]], [[1.0, 0.5, 0.25, 0.125]])[0, 0])
for bad in [lambda: tf.image.draw_bounding_boxes(tf.zeros([4, 4, 3]), [[[0.0, 0.0, 0.5, 0.5]]], None),
            lambda: tf.image.draw_bounding_boxes(tf.zeros([1, 4, 4, 2]), [[[0.0, 0.0, 0.5, 0.5]]], None),
            lambda: tf.image.draw_bounding_boxes(tf.zeros([1, 4, 4, 3]), [[[0.0, 0.0, 0.5, 0.5]]], [[1.0, 0.5]]),
            lambda: tf.image.draw_bounding_boxes(tf.zeros([1, 4, 4, 3], tf.uint8), [[[0.0, 0.0, 0.5, 0.5]]], None),
            lambda: tf.image.draw_bounding_boxes(tf.zeros([2, 4, 4, 3]), [[[0.0, 0.0, 0.5, 0.5]]], None),
            lambda: tf.image.draw_bounding_boxes(tf.zeros([1, 4, 4, 3]), [[[0.0, 0.0, 0.5]]], None)]:
    try:
        print(bad())
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e)
for d in [tf.qint8, tf.quint8, tf.qint16, tf.quint16, tf.qint32, tf.dtypes.qint8]:
    print(repr(d), d, d.name, d.as_datatype_enum, d.as_numpy_dtype, d.size, d.is_quantized, d.is_integer, d.is_numeric, d.is_unsigned, d.base_dtype, d.real_dtype)
    try:
        print(d.max)
    except TypeError as e:
        print(e)
print(tf.as_dtype("quint16"), tf.as_dtype(np.dtype([("qint32", np.int32)])), tf.as_dtype(11), tf.as_dtype(1), tf.qint8 == "qint8", tf.qint8 == tf.int8, tf.qint8.is_compatible_with(tf.int8))
