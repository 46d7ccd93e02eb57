# tf.function: inside a trace, tensors are symbolic (named graph tensors, no numpy()).
import tensorflow as tf

# %%
@tf.function
def f(x, y):
    print(x, y)
    print(repr(x))
    print(hasattr(x, "numpy"), x.name, x.shape, x.dtype, tf.executing_eagerly())
    z = x * 2.
    v = x.numpy() if hasattr(x, "numpy") else x
    return v + z + y
print(f(tf.constant(1.), tf.constant([1., 2.])))
# %%
@tf.function
def g(x):
    return x.numpy()
g(tf.constant(1.))
# %%
@tf.function
def h(xs, scale=2., *, bias):
    for t in xs:
        print(t)
    y = tf.matmul(xs[0], xs[1])
    print(y, tf.reduce_sum(y), tf.sin(y))
    print(bias)
    return y * scale + bias
print(h([tf.ones([2, 2]), tf.ones([2, 2])], bias=tf.constant(1.)))
# %%
w = tf.Variable([1., 2.])
@tf.function
def step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * (x.numpy() if hasattr(x, "numpy") else x))
    g = tape.gradient(loss, w)
    w.assign_sub(0.1 * g)
    return loss
print(step(tf.constant([3., 4.])), step(tf.constant([3., 4.])), w.numpy())
print(step.experimental_get_tracing_count())
