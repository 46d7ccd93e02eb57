# tf.function: tracing and retracing, variables, tapes inside and outside, modules.
import tensorflow as tf
import numpy as np

# %%
@tf.function
def f(x, y):
    print("Tracing", x.shape, x.dtype)
    return x * y + 1.0

print(f(tf.constant(2.0), tf.constant(3.0)))
print(f(tf.constant(4.0), tf.constant(3.0)))
print(f(tf.constant([1.0, 2.0]), tf.constant(3.0)))
print(f(tf.constant(2.0), 3.0))
print(f(tf.constant(2.0), 3.0))
print(f(tf.constant(2.0), 4.0))

# %%
@tf.function
def g(n):
    print("trace", n)
    return tf.constant(n) * 2

print(g(1), g(1), g(2))

# %%
@tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
def h(x):
    return tf.reduce_sum(x * x)

print(h(tf.constant([1.0, 2.0])))
print(h(tf.constant([1.0, 2.0, 3.0])))

# %%
h(tf.constant([1, 2]))

# %%
v = tf.Variable(1.0)

@tf.function
def inc(d):
    v.assign_add(d)
    return v.read_value() * 2

print(inc(tf.constant(1.0)), v.numpy())
print(inc(tf.constant(1.0)), v.numpy())

# %%
w = tf.Variable([[1.0], [2.0]])
b = tf.Variable([0.5])

@tf.function
def train_step(x):
    with tf.GradientTape() as t:
        y = tf.matmul(x, w) + b
        loss = tf.reduce_mean(tf.square(y))
    gw, gb = t.gradient(loss, [w, b])
    w.assign_sub(0.01 * gw)
    b.assign_sub(0.01 * gb)
    return loss

x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
for i in range(3):
    print(train_step(x).numpy(), w.numpy().ravel(), b.numpy())

# %%
@tf.function
def sq(x):
    return tf.sin(x) * x * x

x = tf.constant(0.5)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = sq(x)
    dy = t1.gradient(y, x)
print(y, dy, t2.gradient(dy, x))

# %%
scale = tf.Variable(3.0)

@tf.function
def scaled(x):
    return x * scale

xx = tf.constant(2.0)
with tf.GradientTape() as t:
    y = scaled(xx)
print(t.gradient(y, scale))

# %%
class Dense(tf.Module):
    def __init__(self, i, o, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.ones([i, o]), name="w")
        self.b = tf.Variable(tf.zeros([o]), name="b")

    @tf.function
    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b

layer = Dense(2, 3)
print(layer(tf.constant([[1.0, 2.0]])))
print([v.name for v in layer.trainable_variables])

# %%
class Count(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = None

    @tf.function
    def __call__(self):
        if self.count is None:
            self.count = tf.Variable(0)
        return self.count.assign_add(1)

c = Count()
print(c(), c(), c())

# %%
@tf.function
def make_var():
    return tf.Variable(1.0) + 1.0

make_var()
make_var()

# %%
@tf.function
def nested(x):
    return {"a": x * 2, "b": [x, x + 1]}, 7

print(nested(tf.constant(1.0)))

# %%
@tf.function
def gradient_inside(x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x * x
    return t.gradient(y, x)

print(gradient_inside(tf.constant(3.0)))

# %%
@tf.function
def two_grads(x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    a = t.gradient(y, x)
    b = t.gradient(y, x)
    return a + b

two_grads(tf.constant(1.0))

# %%
cf = f.get_concrete_function(tf.constant(1.0), tf.constant(2.0))
print(cf(tf.constant(5.0), tf.constant(2.0)))
