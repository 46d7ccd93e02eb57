# tf.nn activations: values across dtypes, tf.math aliases, dtype errors, and TF's gradient
# conventions at the kinks (relu at 0, relu6 at 0 and 6, leaky_relu at 0, elu/selu at 0),
# second order through nested tapes.
import tensorflow as tf
import numpy as np


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


def grad(f, x, order=1):
    """The first (or second) derivative of sum(f(x)) at x."""
    x = tf.constant(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    return g if order == 1 else outer.gradient(g, x)


x = tf.constant([-3.0, -1.0, -0.5, 0.0, 0.5, 2.0, 6.0, 7.0])
ACTS = [
    tf.nn.relu,
    tf.nn.relu6,
    tf.nn.leaky_relu,
    tf.nn.elu,
    tf.nn.selu,
    tf.nn.gelu,
    tf.nn.silu,
    tf.nn.swish,
    tf.nn.softsign,
    tf.nn.softplus,
    tf.nn.sigmoid,
    tf.nn.tanh,
]

# %%
for fn in ACTS:
    print(fn(x))
print(tf.nn.gelu(x, approximate=True), tf.nn.leaky_relu(x, alpha=0.1), tf.nn.swish(x, 2.0))

# %%
for fn in [
    tf.nn.relu,
    tf.nn.relu6,
    tf.nn.leaky_relu,
    tf.nn.elu,
    tf.nn.selu,
    tf.nn.gelu,
    tf.nn.silu,
    tf.nn.softsign,
    tf.nn.softplus,
]:
    print(fn(tf.constant([[-1.5, 0.25], [3.0, 9.0]], tf.float64)))
print(tf.nn.leaky_relu(tf.constant([-1.0], tf.float64)).numpy().item())

# %%
for dt in [tf.float16, tf.bfloat16]:
    h = tf.constant([-2.0, -0.5, 0.0, 1.5, 7.0], dt)
    print(tf.nn.relu(h), tf.nn.relu6(h), tf.nn.elu(h), tf.nn.softplus(h), tf.nn.leaky_relu(h))

# %%
i = tf.constant([-7, 0, 3, 9])
print(tf.nn.relu(i), tf.nn.relu6(i), tf.nn.leaky_relu(i))
print(tf.nn.relu(tf.constant([1, 200], tf.uint8)), tf.nn.relu6(tf.constant([-1, 4, 8], tf.int64)))
print(tf.nn.relu([-1.0, 2.0]), tf.nn.relu(np.array([-1, 2], np.int16)), tf.nn.relu(-3))

# %%
print(tf.math.softplus(x), tf.math.softsign(x))
print(
    tf.nn.softplus(tf.constant([-100.0, -20.0, 20.0, 100.0])),
    tf.nn.softplus(tf.constant([-800.0, 40.0, 800.0], tf.float64)),
)
print(tf.nn.elu(tf.constant([-1e-8, -100.0])), tf.nn.selu(tf.constant([-1e-8, -100.0])))

# %%
for fn in [
    tf.nn.relu,
    tf.nn.relu6,
    tf.nn.elu,
    tf.nn.selu,
    tf.nn.softsign,
    tf.nn.softplus,
    tf.nn.leaky_relu,
    tf.nn.l2_loss,
]:
    show(lambda: fn(tf.constant([True])))
for fn in [
    tf.nn.elu,
    tf.nn.selu,
    tf.nn.softsign,
    tf.nn.softplus,
    tf.nn.l2_loss,
    tf.nn.gelu,
    tf.nn.silu,
    tf.nn.swish,
]:
    show(lambda: fn(tf.constant([1, 2])))
show(lambda: tf.nn.gelu(tf.constant([1j])))
show(lambda: tf.nn.relu(tf.constant([1j])))
show(lambda: tf.nn.relu("a"))

# %%
for fn in [
    tf.nn.relu,
    tf.nn.relu6,
    tf.nn.leaky_relu,
    tf.nn.elu,
    tf.nn.selu,
    tf.nn.softplus,
    tf.nn.softsign,
    tf.nn.gelu,
    lambda v: tf.nn.gelu(v, True),
    tf.nn.silu,
]:
    print(grad(fn, [-1.0, 0.0, 3.0, 6.0, 7.0]))

# %%
for fn in [
    tf.nn.relu,
    tf.nn.relu6,
    tf.nn.leaky_relu,
    tf.nn.elu,
    tf.nn.selu,
    tf.nn.softplus,
    tf.nn.gelu,
    lambda v: tf.nn.gelu(v, True),
    tf.nn.silu,
]:
    print(grad(fn, [-1.0, 0.0, 3.0, 6.0, 7.0], order=2))

# %%
print(grad(tf.nn.relu, [0.0, 1.0]).dtype, grad(tf.nn.elu, tf.constant([-2.0, 0.0], tf.float64)))
print(grad(lambda v: tf.nn.leaky_relu(v, 0.3), [-1.0, 0.0, 1.0]))
print(grad(tf.nn.softplus, [-100.0, -20.0, 20.0, 100.0]))
beta = tf.constant(1.5)
with tf.GradientTape() as t:
    t.watch(beta)
    y = tf.nn.swish(x, beta)
print(t.gradient(y, beta))
v = tf.Variable([-1.0, 2.0])
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.nn.relu(v) * tf.nn.elu(v))
print(t.gradient(y, v))

# %%
print(tf.nn.relu)
print(tf.nn.relu.__name__, tf.nn.softplus.__name__, tf.nn.silu.__name__, tf.nn.swish.__name__)
print(tf.nn.relu(x, name="r").shape, tf.nn.softplus(features=x).dtype)


# %%
@tf.function
def f(v):
    return tf.nn.relu(v) + tf.nn.gelu(v) + tf.nn.softplus(v) + tf.nn.leaky_relu(v)


print(f(x))
