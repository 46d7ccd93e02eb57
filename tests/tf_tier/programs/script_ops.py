# tf.py_function and tf.numpy_function, eager and inside tf.function, with gradients.
import tensorflow as tf
import numpy as np
# %%
calls = []
def my(x, y):
    calls.append(1)
    print("in func", type(x).__name__, x.numpy() if hasattr(x, "numpy") else x)
    return x * y, tf.cast(x > 1, tf.int32)
a, b = tf.py_function(my, [tf.constant([1., 2.]), tf.constant(3.)], [tf.float32, tf.int32])
print(a, b)
# %%
@tf.function
def f(x):
    print("tracing f")
    r = tf.py_function(my, [x, tf.constant(2.)], [tf.float32, tf.int32])
    return r[0] + 1
print(f(tf.constant([1., 2.])))
print(f(tf.constant([3., 4.])))
print(len(calls))
# %%
x = tf.constant(3.)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.py_function(lambda v: v * v, [x], tf.float32)
print(y, t.gradient(y, x))
# %%
@tf.function
def g(x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.py_function(lambda v: tf.sin(v) * 2., [x], Tout=tf.float32)
    return y, t.gradient(y, x)
print(g(tf.constant(0.5)))
# %%
def npf(x):
    print("np func", type(x).__name__, x)
    return (x * 2).astype(np.float32)
print(tf.numpy_function(npf, [tf.constant([1., 2.])], tf.float32))
@tf.function
def h(x):
    print("tracing h")
    r = tf.numpy_function(npf, [x], tf.float32, stateful=False)
    return r
print(h(tf.constant([5., 6.])))
# %%
x = tf.constant(2.)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.numpy_function(lambda v: v * v, [x], tf.float32)
print(t.gradient(y, x))
# %%
tf.py_function(lambda v: v, [tf.constant(1.)], tf.int32)
# %%
print(tf.py_function(lambda: None, [], []))
print(tf.py_function(lambda v: [v, v], [tf.constant(1)], [tf.int32, tf.int32]))
print(tf.py_function(lambda v: v, inp=[tf.constant(1)], Tout=tf.TensorSpec(None, tf.int32)))
# %%
@tf.py_function(Tout=tf.float32)
def decorated(a, b):
    return a + b
print(decorated(tf.constant(1.), tf.constant(2.)))
