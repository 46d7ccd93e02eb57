"""tf.image gradients against finite differences (float64 images), and compiled against eager."""

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
