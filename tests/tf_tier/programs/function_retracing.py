# tf.function retracing: reduce_retracing relaxes shapes, None dims in input_signature.
import tensorflow as tf

# %%
@tf.function(reduce_retracing=True)
def total(x):
    print("tracing", x)
    return tf.reduce_sum(x) * 2

for n in range(1, 5):
    print(total(tf.ones([n])))
print(total.experimental_get_tracing_count())
print(total(tf.ones([1])), total(tf.ones([7])), total.experimental_get_tracing_count())

# %%
# Without reduce_retracing: one trace per shape.
@tf.function
def plain(x):
    print("tracing plain", x)
    return x + 1.0

for n in range(1, 4):
    plain(tf.ones([n]))
print(plain.experimental_get_tracing_count())

# %%
# Python arguments stay part of the key; shapes relax within each.
@tf.function(reduce_retracing=True)
def scaled(x, k):
    print("tracing scaled", x, k)
    return x * k

print(scaled(tf.ones([2]), 2), scaled(tf.ones([3]), 2))
print(scaled(tf.ones([4]), 3), scaled(tf.ones([5]), 3))
print(scaled(tf.ones([6]), 2), scaled.experimental_get_tracing_count())

# %%
# Two arguments, a matrix, shapes used inside the function.
@tf.function(reduce_retracing=True)
def affine(x, w):
    print("tracing affine", x.shape, w.shape)
    return tf.matmul(x, w) + tf.cast(tf.shape(x)[0], tf.float32)

for rows in (1, 2, 5):
    print(affine(tf.ones([rows, 3]), tf.ones([3, 2])))
print(affine.experimental_get_tracing_count())

# %%
# A None dimension in input_signature: one trace for every length.
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def doubled(x):
    print("tracing doubled", x)
    return x * 2

for n in range(1, 4):
    print(doubled(tf.ones([n])))
print(doubled.experimental_get_tracing_count())

# %%
# Gradients through a relaxed trace, with a variable.
v = tf.Variable(3.0)

@tf.function(reduce_retracing=True)
def loss(x):
    return tf.reduce_sum(tf.square(x * v))

for n in (2, 3, 4):
    x = tf.range(n, dtype=tf.float32)
    with tf.GradientTape() as t:
        t.watch(x)
        y = loss(x)
    print(y, t.gradient(y, [x, v]))
print(loss.experimental_get_tracing_count())

# %%
# A relaxed trace that assigns a variable.
counter = tf.Variable(0.0)

@tf.function(reduce_retracing=True)
def accumulate(x):
    counter.assign_add(tf.reduce_sum(x))
    return counter.read_value()

for n in (1, 2, 3):
    print(accumulate(tf.ones([n])))
print(counter.numpy(), accumulate.experimental_get_tracing_count())

# %%
# Variables of one dtype and shape are one trace type (the program takes each call's variable);
# the same variable twice is another.
@tf.function
def bump(v, d):
    print("tracing bump", v.shape)
    v.assign_add(d)
    return v.read_value()


a, b, c = tf.Variable(1.0), tf.Variable(10.0), tf.Variable([1.0, 2.0])
print(bump(a, 1.0), bump(b, 1.0), bump(a, 1.0), a.numpy(), b.numpy())
print(bump(c, tf.ones([2])), bump.experimental_get_tracing_count())


@tf.function
def two(x, y):
    x.assign(y + 1)
    return x + y


print(two(a, b), two(b, a), two(a, a), two.experimental_get_tracing_count(), a.numpy(), b.numpy())
with tf.GradientTape() as t:
    y = bump(b, 0.0) * 2
print(t.gradient(y, b))
