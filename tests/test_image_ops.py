"""tf.image gradients against finite differences (float64 images), and compiled against eager."""

import hashlib

import numpy as np
import pytest
from testing import check_function_matches_eager, finite_differences, tape_grads

import tfshim as tf

RNG = np.random.default_rng(3)
SHAPE = [1, 4, 5, 2]

CASES = [
    ("bilinear_up", lambda x: tf.image.resize(x, [6, 7])),
    ("bilinear_down_antialias", lambda x: tf.image.resize(x, [2, 3], antialias=True)),
    ("bicubic", lambda x: tf.image.resize(x, [5, 3], method="bicubic")),
    ("lanczos5", lambda x: tf.image.resize(x, [7, 2], method="lanczos5")),
    ("nearest", lambda x: tf.image.resize(x, [7, 9], method="nearest")),
    ("crop_pad_flip", lambda x: tf.image.flip_up_down(tf.image.resize_with_crop_or_pad(x, 3, 7))),
    ("sobel", lambda x: tf.image.sobel_edges(x)),
    ("patches", lambda x: tf.image.extract_patches(x, [1, 2, 3, 1], [1, 1, 2, 1], [1, 1, 1, 1],
                                                   "SAME")),
    ("total_variation", lambda x: tf.image.total_variation(x)),
]


@pytest.mark.parametrize("name,fn", CASES, ids=[c[0] for c in CASES])
def test_image_gradients_match_finite_differences(name, fn):
    x = RNG.uniform(0.1, 0.9, size=SHAPE)
    out = fn(tf.constant(x))
    w = tf.constant(RNG.normal(size=out.shape).astype(out.dtype.as_numpy_dtype))

    def loss(v):
        return tf.reduce_sum(fn(v) * w)

    (got,) = tape_grads(loss, x)
    # Resizes compute in float32 (as TF's kernels): the losses are linear, so a wide step is
    # exact up to float32 rounding.
    f32 = fn(tf.constant(x)).dtype == tf.float32
    (want,) = finite_differences(lambda a: loss(tf.constant(a)).numpy(), [x],
                                 eps=1e-2 if f32 else 1e-6)
    np.testing.assert_allclose(got, want, rtol=1e-4 if f32 else 1e-6, atol=1e-4 if f32 else 1e-6)


def test_image_pipeline_compiles_inside_tf_function():
    images = tf.constant(RNG.uniform(0, 1, size=[2, 8, 10, 3]).astype(np.float32))

    def pipeline(x):
        x = tf.image.resize(x, [6, 6], method="bicubic")
        x = tf.image.adjust_saturation(tf.image.adjust_brightness(x, 0.1), 1.3)
        return tf.image.ssim(x, tf.image.flip_left_right(x), 1.0), tf.image.rgb_to_grayscale(x)

    check_function_matches_eager(pipeline, images)


def test_random_augmentations_compile_and_differentiate():
    images = tf.constant(RNG.uniform(0, 1, size=[3, 4, 5, 3]).astype(np.float32))

    def augment(x, seed):
        x = tf.image.stateless_random_contrast(tf.image.stateless_random_flip_up_down(x, seed),
                                               0.5, 1.5, seed)
        return tf.image.stateless_random_crop(x, [3, 2, 4, 3], seed)

    check_function_matches_eager(augment, images, tf.constant([5, 6]))
    with tf.GradientTape() as tape:
        tape.watch(images)
        out = tf.reduce_sum(tf.image.stateless_random_flip_left_right(
            tf.image.stateless_random_brightness(images, 0.2, (1, 2)), (3, 4)) * images)
    # Flips and brightness pass the cotangent through (TF's ReverseV2 and Add gradients).
    flip = lambda x: tf.image.stateless_random_flip_left_right(x, (3, 4))  # noqa: E731
    want = flip(images) + flip(tf.image.stateless_random_brightness(images, 0.2, (1, 2)))
    np.testing.assert_allclose(tape.gradient(out, images).numpy(), want.numpy(), rtol=1e-6)


def test_codecs_run_eagerly_inside_tf_function():
    """JPEG/PNG codecs are host code: a tf.function around them runs eagerly, same values."""
    image = tf.constant(RNG.integers(0, 256, size=[6, 5, 3]).astype(np.uint8))

    @tf.function
    def round_trip(x):
        return (tf.io.decode_png(tf.io.encode_png(x)),
                tf.image.stateless_random_jpeg_quality(x, 20, 80, (1, 2)))

    png, jpeg = round_trip(image)
    np.testing.assert_array_equal(png.numpy(), image.numpy())
    np.testing.assert_array_equal(
        jpeg.numpy(), tf.image.stateless_random_jpeg_quality(image, 20, 80, (1, 2)).numpy())


def test_deviation_encode_png_bytes_of_noise_are_python_zlibs():
    """encode_png writes libpng's filters and zlib settings: TF's bytes (sha256 of TF 2.21's
    output below) for compressible images. For noise, deflate's block layout is Python's zlib's,
    not TF's bundled zlib's: other bytes, the same pixels."""
    smooth = ((np.add.outer(np.arange(120), np.arange(100))[..., None] * 5 + np.arange(3))
              % 256).astype(np.uint8)
    noise = np.random.RandomState(7).randint(0, 256, size=(120, 100, 3)).astype(np.uint8)
    digest = lambda image: hashlib.sha256(tf.io.encode_png(image).numpy()).hexdigest()  # noqa
    assert digest(smooth) == "3d8d9c84c3f3e510e8d66761a6601c39d41fb4f5ba9d8662903ded5bdd2d35bf"
    assert digest(noise) != "84fef593396d7c93ed193bffcd15262ad8aff7f6f61d8d0cdfef12a425733396"
    for image in (smooth, noise, noise.astype(np.uint16) * 257):
        back = tf.io.decode_png(tf.io.encode_png(image), dtype=tf.as_dtype(image.dtype))
        np.testing.assert_array_equal(back.numpy(), image)


def test_deviation_quantized_dtypes_hold_no_tensors():
    """tf.qint8 and its kin are names and attributes only: JAX has no quantized arrays, so a
    tensor of one raises TypeError (TF makes it)."""
    assert tf.as_dtype("qint8") is tf.qint8 and tf.qint8.is_quantized
    with pytest.raises(TypeError):
        tf.constant(1, dtype=tf.qint8)
