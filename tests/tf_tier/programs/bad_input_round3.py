# Bad input found by the differential fuzzer and a hand-written probe (issue 18, third round):
# silent values where TF raises, TF's error classes, and values at NaN/inf.
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises (up to the op
    type: the " name: " suffix TF adds on some paths is another round's)."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0].split(" [Op:")[0]
                          if str(e) else ""))


# %% one_hot: OneHot's scalar and depth checks
show(lambda: tf.one_hot([1], 2, on_value=[1., 2.]))
show(lambda: tf.one_hot([1], 2, off_value=tf.constant([1., 2.])))
show(lambda: tf.one_hot([1], [2]))
show(lambda: tf.one_hot([1], -1))
show(lambda: tf.one_hot([1], 2.5))

# %% a tensor as axis: scalar-only kernels refuse a vector, a 1-vector works where TF's does
x = tf.ones([2, 3])
for ax in [tf.constant([1]), tf.constant([[1]]), tf.constant([1, 0]), tf.constant(1, tf.int64)]:
    show(lambda: tf.math.cumsum(x, axis=ax))
    show(lambda: tf.math.cumprod(x, axis=ax))
    show(lambda: tf.math.cumulative_logsumexp(x, axis=ax))
    show(lambda: tf.split(x, 1, axis=ax))
    show(lambda: tf.split(x, [1, 1], axis=ax))
    show(lambda: tf.gather(x, [0], axis=ax))
    show(lambda: tf.nn.softmax(x, axis=ax))
    show(lambda: tf.concat([x, x], axis=ax))
    show(lambda: tf.roll(x, 1, axis=ax))
show(lambda: tf.math.l2_normalize(x, axis=tf.constant([1])))

# %% broadcast_dynamic_shape, broadcast_static_shape
show(lambda: tf.broadcast_dynamic_shape([2, 1], [3]))
show(lambda: tf.broadcast_dynamic_shape([2, 1], [3, 4]))
show(lambda: tf.broadcast_dynamic_shape(tf.constant([2, 1], tf.int64), [3]))
show(lambda: tf.broadcast_dynamic_shape(tf.constant([2, 1], tf.int64), tf.constant([3])))
show(lambda: tf.broadcast_dynamic_shape([2., 1.], [3.]))
show(lambda: tf.broadcast_dynamic_shape([[2]], [3]))
show(lambda: tf.broadcast_dynamic_shape([], []))
show(lambda: tf.broadcast_dynamic_shape([0], [1]))
show(lambda: tf.function(tf.broadcast_dynamic_shape)(tf.constant([2, 1]), tf.constant([3])))
show(lambda: tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([3])))
show(lambda: tf.broadcast_static_shape(tf.TensorShape([2, None, None, None, 1]),
                                       tf.TensorShape([3, 1, None, 5, None])))
show(lambda: tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([3, 4])))
show(lambda: tf.broadcast_static_shape(tf.TensorShape(None), tf.TensorShape([3])))

# %% silent values: unique's out_idx, tensor_diag of a scalar, complex logits, svd of inf
show(lambda: tf.unique([1], out_idx=tf.float32))
show(lambda: tf.linalg.tensor_diag(1))
show(lambda: tf.nn.weighted_cross_entropy_with_logits(tf.constant([1j]), tf.constant([1j]), 2.))
show(lambda: tf.linalg.svd(tf.constant([[[float("inf"), 1.], [2., 3.]], [[1., 0], [0, 1]]])))
show(lambda: tf.linalg.svd(tf.constant([[float("nan"), 1., 1.], [2., 3., 1.]]),
                           full_matrices=True))
show(lambda: tf.linalg.global_norm([]))

# %% TF returns: reverse of a scalar, as_string of strings, an empty slice assigned
show(lambda: tf.reverse(tf.constant(3.), 2))
show(lambda: tf.reverse(tf.constant(3.), [0]))
show(lambda: tf.strings.as_string(tf.constant(["a"]), shortest=True))
show(lambda: tf.strings.as_string(tf.constant(["a"]), width=3, precision=1))
show(lambda: tf.strings.as_string(tf.constant(["a"]), scientific=True, shortest=True))
v = tf.Variable(tf.zeros([2], tf.int64))
show(lambda: v[1:1].assign([0, 0, -1]))
show(lambda: tf.image.convert_image_dtype(tf.constant([-0.75], tf.bfloat16), tf.float16))
show(lambda: tf.image.convert_image_dtype(tf.constant([-0.75], tf.float64), tf.bfloat16))

# %% gradients and values at NaN/inf as TF's kernels and gradient functions give them
nan, inf = float("nan"), float("inf")


def grad(f, x, dtype=tf.float64):
    x = tf.constant(x, dtype)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    print(y.numpy().tolist(), t.gradient(y, x).numpy().tolist())


grad(tf.reduce_min, [[nan, nan], [-2.5, 7.25]])
grad(lambda x: tf.reduce_max(x, axis=0), [[nan, 1.0], [2., -1.0]])
grad(lambda x: tf.reduce_max(x, axis=1, keepdims=True), [[3., 3.0], [2., -1.0]])
grad(tf.nn.softsign, [-inf, inf, 1e30, nan, 0.5])
grad(tf.math.acosh, [-inf, -1e300, 0.5, 1.0, inf])
grad(tf.math.bessel_i1e, [0.0, 1e-30, 1e30, inf, -inf, nan, 1.0])
grad(tf.math.bessel_i0e, [0.0, -1.5, inf, nan, 1.0])
for dt in [tf.float32, tf.bfloat16, tf.float16, tf.float64]:
    for row in [[inf, 1.0, -inf], [nan, 1.0], [-inf, -inf], [inf, inf, 1.0], [1.0, 2.0]]:
        grad(tf.nn.softmax, row, dt)

# %% band_part and top_k: their kernels' scalar checks (a 1-vector was read as its element)
show(lambda: tf.linalg.band_part(tf.ones([2, 2]), [1], 0))
show(lambda: tf.linalg.band_part(tf.ones([2, 2]), 0, tf.constant([1])))
show(lambda: tf.linalg.band_part(tf.ones([2]), [1], 0))
show(lambda: tf.linalg.band_part(tf.ones([2, 2]), 1.5, 0))
show(lambda: tf.linalg.band_part(tf.ones([2, 3]), 1, -1))
show(lambda: tf.math.top_k(tf.ones([2, 1]), tf.constant([0], tf.int64)))
show(lambda: tf.math.top_k(tf.ones([2, 1]), [1]))
show(lambda: tf.math.top_k(tf.ones([2, 1]), tf.constant([[1]])))

# %% softmax: an axis tensor naming another dimension fails in TF's _swap_axis; empty rows
for shape in [[2, 0], [2, 3], [2, 3, 4]]:
    for ax in [[-2], [0], [1], [-1], [2], [5]]:
        show(lambda: tf.nn.softmax(tf.ones(shape), axis=tf.constant(ax)).shape)
show(lambda: tf.nn.softmax(tf.zeros([2, 0], tf.bfloat16)))
show(lambda: tf.nn.softmax(tf.zeros([0, 3], tf.float16)))

# %% regex patterns given as tensors go to the non-static kernels; normalize_moments' Reciprocal
show(lambda: tf.strings.regex_full_match(["a"], tf.constant(["a", "b"])))
show(lambda: tf.strings.regex_full_match(["a"], ["a", "b"]))
show(lambda: tf.strings.regex_full_match(["a"], tf.constant("a")))
show(lambda: tf.strings.regex_replace(["a"], tf.constant(["a", "b"]), "x"))
show(lambda: tf.strings.regex_replace(["a"], "a", tf.constant(["x"])))
for dt in [tf.uint32, tf.int32, tf.float32]:
    show(lambda: tf.nn.normalize_moments(tf.constant(2, dt), tf.constant([1], dt),
                                         tf.constant([1], dt), None))
