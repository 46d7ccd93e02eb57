# tf.nn convolutions (conv1d, conv2d, conv2d_transpose, depthwise_conv2d) and pooling (max/avg,
# 1-d, 2-d, 3-d and the rank-generic max_pool/avg_pool): TF's SAME/VALID/explicit padding,
# strides, dilations, NHWC/NCHW, dtypes, kernel errors, and gradients (max-pool ties go to the
# first maximum, as TF's MaxPoolGrad).
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


def grads(f, *xs):
    """The gradients of sum(f(*xs) * weights) for each x (watched constants)."""
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape(persistent=True) as t:
        for x in xs:
            t.watch(x)
        y = f(*xs)
        y = tf.reduce_sum(y * tf.reshape(tf.range(tf.size(y), dtype=y.dtype) % 3 + 1, y.shape))
    return [t.gradient(y, x) for x in xs]


x = tf.reshape(tf.range(2 * 5 * 5 * 3, dtype=tf.float32), (2, 5, 5, 3)) / 10.0
w = tf.reshape(tf.range(3 * 3 * 3 * 4, dtype=tf.float32) % 7, (3, 3, 3, 4)) / 10.0 - 0.3
xc = tf.transpose(x, [0, 3, 1, 2])
x64, w64 = tf.cast(x, tf.float64), tf.cast(w, tf.float64)

# %%
print(tf.nn.conv2d(x, w, 1, "SAME")[0, :2])
print(tf.nn.conv2d(x, w, [1, 2, 2, 1], "VALID"))
print(
    tf.nn.conv2d(x, w, 2, "SAME", dilations=1)[1], tf.nn.conv2d(x, w, 1, "SAME", dilations=2)[0, 0]
)
print(tf.nn.conv2d(x, w, (2, 1), [[0, 0], [1, 2], [0, 1], [0, 0]])[1, :, 0])
print(tf.nn.conv2d(xc, w, 2, "SAME", data_format="NCHW")[0, 1])
print(tf.nn.conv2d(x64, w64, 3, "SAME").dtype, tf.nn.conv2d(x64, w64, 3, "SAME").shape)

# %%
xi = tf.reshape(tf.range(2 * 4 * 4 * 2) % 5, (2, 4, 4, 2))
wi = tf.reshape(tf.range(2 * 2 * 2 * 3) % 3 - 1, (2, 2, 2, 3))
print(tf.nn.conv2d(xi, wi, 1, "VALID")[0, 0])
print(tf.nn.conv2d(tf.cast(x, tf.float16), tf.cast(w, tf.float16), 2, "VALID")[0, 0])
print(
    tf.nn.conv2d(x, w[:, :, :1, :3], 1, "SAME")[0, 0],
    tf.nn.conv2d(tf.zeros((2, 3, 4, 4, 3)), w, 1, "SAME").shape,
)
show(lambda: tf.nn.conv2d(x64, w64[:, :, :1], 1, "SAME"))
print(tf.nn.conv2d(x, tf.ones((5, 5, 3, 2)), 1, "VALID"), tf.nn.conv2d(x, w, 4, "VALID").shape)
print(tf.nn.conv2d(input=x, filters=w, strides=[2, 2], padding="SAME", data_format="NHWC").shape)

# %%
show(lambda: tf.nn.conv2d(x, w, 1, "FOO"))
show(lambda: tf.nn.conv2d(x, w, 1, "EXPLICIT"))
show(lambda: tf.nn.conv2d(x, w[:, :, :2], 1, "SAME"))
show(lambda: tf.nn.conv2d(x64, w64[:, :, :2], 1, "SAME"))
show(lambda: tf.nn.conv2d(x, w, [1, 2, 2], "SAME"))
show(lambda: tf.nn.conv2d(x, w, [2, 2, 2, 1], "SAME"))
show(lambda: tf.nn.conv2d(x64, w64, [1, 2, 2, 2], "SAME"))
show(lambda: tf.nn.conv2d(x64, w, 1, "SAME"))
show(lambda: tf.nn.conv2d(x, w64, 1, "SAME"))
show(lambda: tf.nn.conv2d(x, w, 1, "VALID", data_format="NHCW"))
show(lambda: tf.nn.conv2d(x, tf.zeros((7, 7, 3, 4)), 1, "VALID"))
show(lambda: tf.nn.conv2d(x64, tf.zeros((7, 7, 3, 4), tf.float64), 1, "VALID"))
show(lambda: tf.nn.conv2d(tf.cast(x, tf.bool), tf.cast(w, tf.bool), 1, "SAME"))
show(lambda: tf.nn.conv2d(x, w, 1, [[0, 0], [1, 1], [1, 1]]))
show(lambda: tf.nn.conv2d(x, w, 1, [[0, 0], [1, 1], [1], [0, 0]]))
show(lambda: tf.nn.conv2d([[1.0]], w, 1, "SAME"))

# %%
s = tf.reshape(tf.range(2 * 7 * 3, dtype=tf.float32), (2, 7, 3)) / 10.0
k = tf.reshape(tf.range(3 * 3 * 2, dtype=tf.float32) % 4, (3, 3, 2)) / 4.0 - 0.25
print(tf.nn.conv1d(s, k, 1, "SAME"), tf.nn.conv1d(s, k, 2, "VALID"))
print(
    tf.nn.conv1d(s, k, 1, "SAME", dilations=2)[0],
    tf.nn.conv1d(tf.transpose(s, [0, 2, 1]), k, 1, "VALID", data_format="NCW")[1],
)
print(tf.nn.conv1d(tf.zeros((2, 2, 7, 3)), k, 1, "VALID").shape)
show(lambda: tf.nn.conv1d(s, k, 1, "SAME", data_format="NHCW"))
show(lambda: tf.nn.conv1d(s, k, [1, 2], "SAME"))
show(lambda: tf.nn.conv1d(s, k[:, :2], 1, "SAME"))
show(lambda: tf.nn.conv1d(s, tf.zeros((9, 3, 2)), 1, "VALID"))

# %%
dy = tf.reshape(tf.range(2 * 3 * 3 * 4, dtype=tf.float32), (2, 3, 3, 4)) / 10.0
print(tf.nn.conv2d_transpose(dy, w, [2, 5, 5, 3], 2, "SAME")[0, :, :, 0])
print(tf.nn.conv2d_transpose(dy, w, [2, 6, 6, 3], 2, "SAME")[1, :, :, 2])
print(tf.nn.conv2d_transpose(dy, w, [2, 7, 7, 3], 2, "VALID")[0, :, 1])
print(tf.nn.conv2d_transpose(dy, w, tf.constant([2, 5, 5, 3]), [1, 1], "VALID")[0, 0])
print(
    tf.nn.conv2d_transpose(
        tf.transpose(dy, [0, 3, 1, 2]), w, [2, 3, 5, 5], 2, "SAME", data_format="NCHW"
    )[0, 1]
)
print(tf.nn.conv2d_transpose(dy, w, [5, 5], 2, "SAME")[0, 0])
print(tf.nn.conv2d_transpose(tf.cast(dy, tf.float64), w64, [2, 3, 3, 3], 1, "SAME").dtype)

# %%
dy64 = tf.cast(dy, tf.float64)
show(lambda: tf.nn.conv2d_transpose(dy64, w64, [2, 9, 9, 3], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64, tf.constant([2, 9, 9, 3]), 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64, [2, 5, 5, 2], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64[..., :3], [2, 5, 5, 3], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64, [3, 5, 5, 3], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64, [2, 5, 5], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64, [2, 5, 5, 3], [1, 2, 2, 2], "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64[0], w64, [2, 5, 5, 3], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy, w64, [2, 5, 5, 3], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w, [2, 5, 5, 3], 2, "SAME"))
show(lambda: tf.nn.conv2d_transpose(dy64, w64, [2, 5, 5, 3], 2, "FOO"))

# %%
dw = tf.reshape(tf.range(3 * 3 * 3 * 2, dtype=tf.float32) % 5, (3, 3, 3, 2)) / 10.0
print(tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], "SAME")[0, 0])
print(tf.nn.depthwise_conv2d(x, dw, [1, 2, 2, 1], "VALID"))
print(tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], "SAME", dilations=[2, 2])[1, 2])
print(tf.nn.depthwise_conv2d(xc, dw, [1, 1, 2, 2], "SAME", data_format="NCHW")[0, :, 0])
print(
    tf.nn.depthwise_conv2d(
        x64, tf.cast(dw, tf.float64), [1, 1, 1, 1], [[0, 0], [1, 0], [0, 1], [0, 0]]
    ).shape
)
dw64 = tf.cast(dw, tf.float64)
show(lambda: tf.nn.depthwise_conv2d(x, dw[:, :, :2], [1, 1, 1, 1], "SAME"))
show(lambda: tf.nn.depthwise_conv2d(x64, dw64[:, :, :2], [1, 1, 1, 1], "SAME"))
print(tf.nn.depthwise_conv2d(x, dw, [1, 2, 1, 1], "SAME")[1, :, 0])
show(lambda: tf.nn.depthwise_conv2d(x64, dw64, [1, 2, 1, 1], "SAME"))
show(lambda: tf.nn.depthwise_conv2d(x64, dw64, [1, 1, 1, 2], "SAME"))
show(lambda: tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 2], "SAME"))
show(lambda: tf.nn.depthwise_conv2d(x64, dw64, [1, 1, 1], "SAME"))
print(tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], "SAME", dilations=[2, 1])[0, :, 1])
show(
    lambda: tf.nn.depthwise_conv2d(
        tf.cast(x, tf.int32), tf.cast(dw, tf.int32), [1, 1, 1, 1], "SAME"
    )
)
show(lambda: tf.nn.depthwise_conv2d(x, tf.cast(dw, tf.float64), [1, 1, 1, 1], "SAME"))

# %%
p = tf.reshape(tf.range(2 * 5 * 5 * 2, dtype=tf.float32) % 11, (2, 5, 5, 2))
print(tf.nn.max_pool2d(p, 2, 2, "VALID")[0, ..., 0], tf.nn.avg_pool2d(p, 2, 2, "VALID")[0, ..., 1])
print(tf.nn.max_pool2d(p, 3, 2, "SAME")[1, ..., 0], tf.nn.avg_pool2d(p, 3, 2, "SAME")[1, ..., 0])
print(
    tf.nn.max_pool2d(p, [2, 3], [1, 2], "SAME")[0, ..., 1],
    tf.nn.avg_pool2d(p, (3, 2), 1, "SAME")[0, ..., 1],
)
print(tf.nn.max_pool2d(p, 2, 2, [[0, 0], [1, 1], [1, 0], [0, 0]])[0, ..., 0])
pc = tf.transpose(p, [0, 3, 1, 2])
print(
    tf.nn.max_pool2d(pc, 2, 2, "VALID", data_format="NCHW")[0, 0],
    tf.nn.avg_pool2d(pc, 2, 1, "SAME", data_format="NCHW")[1, 1],
)
print(
    tf.nn.max_pool2d(tf.cast(p, tf.int32), 2, 2, "SAME")[0, ..., 0],
    tf.nn.max_pool2d(tf.cast(p, tf.float64) - 20, 3, 3, "SAME")[0, ..., 0],
)
print(
    tf.nn.avg_pool2d(tf.cast(p, tf.float16), 2, 2, "SAME")[0, ..., 0],
    tf.nn.max_pool2d(tf.cast(p, tf.uint8), 5, 5, "VALID"),
)

# %%
q = tf.reshape(tf.range(2 * 7 * 2, dtype=tf.float32) % 5, (2, 7, 2))
print(tf.nn.max_pool1d(q, 2, 2, "VALID"), tf.nn.avg_pool1d(q, 3, 1, "SAME")[0])
print(
    tf.nn.max_pool1d(q, 3, 2, [[0, 0], [1, 1], [0, 0]])[1],
    tf.nn.avg_pool1d(tf.transpose(q, [0, 2, 1]), 2, 2, "VALID", data_format="NCW"),
)
print(tf.nn.max_pool(q, 2, 1, "SAME")[0], tf.nn.avg_pool(q, [2], [2], "VALID")[1])
print(
    tf.nn.max_pool(p, 2, 2, "SAME")[0, ..., 0],
    tf.nn.avg_pool(p, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")[0, ..., 0],
)
v = tf.reshape(tf.range(1 * 4 * 4 * 4 * 1, dtype=tf.float32) % 13, (1, 4, 4, 4, 1))
print(tf.nn.max_pool(v, 2, 2, "SAME")[0, ..., 0], tf.nn.avg_pool3d(v, 3, 2, "SAME")[0, ..., 0])
print(tf.nn.max_pool3d(v, [2, 2, 1], 2, "VALID").shape, tf.nn.avg_pool(v, 2, 1, "VALID").shape)
print(tf.nn.max_pool(pc, 2, 2, "VALID", data_format="NCHW")[0, 0])

# %%
show(lambda: tf.nn.max_pool(tf.zeros((1, 4)), 2, 2, "SAME"))
show(lambda: tf.nn.max_pool([[[1.0]]], 1, 1, "SAME"))
show(lambda: tf.nn.max_pool(v, 2, 2, [[0, 0], [1, 1], [1, 1], [1, 1], [0, 0]]))
show(lambda: tf.nn.max_pool2d(p, [2, 2, 2, 2], 1, "VALID"))
show(lambda: tf.nn.max_pool2d(p, [1, 2, 2, 2], 1, "VALID"))
show(lambda: tf.nn.avg_pool2d(tf.cast(p, tf.int32), 2, 2, "VALID"))
show(lambda: tf.nn.avg_pool2d(p, 2, 2, [[0, 0], [1, 1], [1, 1], [0, 0]]))
show(lambda: tf.nn.max_pool2d(p, 2, 2, "FOO"))
show(lambda: tf.nn.avg_pool2d(p, 2, 2, "EXPLICIT"))
show(lambda: tf.nn.max_pool2d(p, [2, 2, 2], 1, "VALID"))
show(lambda: tf.nn.max_pool2d(tf.cast(p, tf.bool), 2, 2, "VALID"))
show(lambda: tf.nn.max_pool2d(p[0], 2, 2, "VALID"))
show(lambda: tf.nn.max_pool2d(tf.cast(p[0], tf.float64), 2, 2, "VALID"))
show(lambda: tf.nn.avg_pool2d(p[0], 2, 2, "VALID"))
show(lambda: tf.nn.avg_pool2d(tf.cast(p[0], tf.float64), 2, 2, "VALID"))
show(lambda: tf.nn.avg_pool2d(p, [1, 2, 2, 1], [2, 2, 2, 1], "VALID"))
print(tf.nn.max_pool2d(p, [1, 1, 1, 2], [1, 1, 1, 2], "VALID")[0, ..., 0])
show(lambda: tf.nn.max_pool3d(tf.cast(v, tf.float64), 2, 2, "VALID"))

# %%
xx = tf.constant([[1.0, 1.0, 1.0], [2.0, 2.0, 1.0]])[None, :, :, None]
print(grads(lambda a: tf.nn.max_pool2d(a, 2, 1, "VALID"), xx)[0][0, ..., 0])
print(grads(lambda a: tf.nn.max_pool2d(a, 2, 1, "SAME"), xx)[0][0, ..., 0])
print(grads(lambda a: tf.nn.avg_pool2d(a, 2, 1, "SAME"), xx)[0][0, ..., 0])
print(grads(lambda a: tf.nn.max_pool1d(a, 3, 2, "SAME"), q[:1])[0][0])
print(grads(lambda a: tf.nn.avg_pool(a, 2, 1, "SAME"), q[:1])[0][0])

# %%
g = grads(lambda a, b: tf.nn.conv2d(a, b, 2, "SAME"), x64[:1], w64)
print(g[0][0, :, :, 0], g[1][:, :, 0, 1])
g = grads(lambda a, b: tf.nn.conv2d(a, b, [1, 2], [[0, 0], [1, 0], [2, 1], [0, 0]]), x64[:1], w64)
print(g[0][0, :, :, 1], g[1][:, :, 2, 3])
g = grads(
    lambda a, b: tf.nn.conv1d(a, b, 2, "SAME"), tf.cast(s, tf.float64), tf.cast(k, tf.float64)
)
print(g[0][1], g[1][:, 0])
g = grads(
    lambda a, b: tf.nn.conv2d_transpose(a, b, [2, 5, 5, 3], 2, "SAME"), tf.cast(dy, tf.float64), w64
)
print(g[0][0, :, :, 0], g[1][:, :, 1, 2])
g = grads(
    lambda a, b: tf.nn.depthwise_conv2d(a, b, [1, 1, 1, 1], "SAME"),
    x64[:1],
    tf.cast(dw, tf.float64),
)
print(g[0][0, :, :, 2], g[1][:, :, 1, 0])


# %%
@tf.function
def net(a):
    h = tf.nn.relu(tf.nn.conv2d(a, w, 1, "SAME"))
    h = tf.nn.max_pool2d(h, 2, 2, "SAME")
    return tf.nn.softmax(tf.reduce_mean(h, [1, 2]))


print(net(x))
