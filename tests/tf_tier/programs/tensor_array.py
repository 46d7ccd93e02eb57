# tf.TensorArray: eager (TF's in-place eager TensorArray), inside tf.function (unrolled and
# traced loops), TF's errors, and gradients through write/read/stack/unstack/gather.
import tensorflow as tf

# %%
ta = tf.TensorArray(tf.float32, size=3)
ta = ta.write(0, [1.0, 2.0])
ta = ta.write(1, [3.0, 4.0])
print(ta.size(), ta.dtype, ta.element_shape, ta.dynamic_size)
print(ta.stack())
print(ta.read(1))
print(ta.concat())
print(ta.gather([2, 0]))

# %%
ta = tf.TensorArray(tf.float32, size=3)
ta.write(0, [1.0, 2.0]).mark_used()
ta.write(0, [5.0, 6.0]).mark_used()  # eagerly TF writes in place; the second write replaces
print(ta.read(0), ta.read(2))

# %%
ta = tf.TensorArray(tf.float32, size=3).write(0, [1.0, 2.0])
for f in [lambda: ta.write(5, [1.0, 2.0]), lambda: ta.write(2, [1.0, 2.0, 3.0]),
          lambda: ta.read(7), lambda: ta.read(-1), lambda: ta.write(-1, [1.0, 2.0]),
          lambda: ta.write(1, tf.constant([1, 2]))]:
    try:
        print(f())
    except (tf.errors.OpError, ValueError) as e:
        print(type(e).__name__, e)

# %%
t2 = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
t2 = t2.write(3, 5)
print(t2.size(), t2.stack())
t3 = tf.TensorArray(tf.float32, size=2, clear_after_read=True)
t3 = t3.unstack([[1.0, 2.0], [3.0, 4.0]])
print(t3.read(0))
try:
    t3.read(0)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, e)
t4 = tf.TensorArray(tf.float32, size=2, clear_after_read=False).unstack([[1.0], [2.0]])
print(t4.read(0), t4.read(0))

# %%
t5 = tf.TensorArray(tf.float32, size=0, dynamic_size=True, infer_shape=False)
t5 = t5.split([1.0, 2.0, 3.0, 4.0, 5.0], [2, 3])
print(t5.read(1), t5.size())
t6 = tf.TensorArray(tf.float32, size=3).scatter([2, 0], [[1.0], [2.0]])
print(t6.stack())
print(tf.TensorArray(tf.float32, size=0).stack())
print(tf.TensorArray(tf.float32, size=0, element_shape=[2]).stack())
print(tf.TensorArray(tf.float32, size=2).write(0, 3).stack())
t7 = tf.TensorArray(tf.float32, size=2)
t7.close()
print(t7.size())

# %%
ta = tf.TensorArray(tf.float32, size=2, element_shape=tf.TensorShape([None, 2]))
print(ta.element_shape)
ta = ta.write(0, [[1.0, 2.0]])
print(ta.element_shape)
try:
    ta.write(1, [[1.0, 2.0, 3.0]])
except ValueError as e:
    print(type(e).__name__, e)

# %%
for f in [lambda: tf.TensorArray(tf.float32),
          lambda: tf.TensorArray(tf.float32, size=2).unstack([1.0, 2.0, 3.0]),
          lambda: tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0], [1, 1]),
          lambda: tf.TensorArray(tf.float32, size=3).split([1.0, 2.0, 3.0], [1, 2]),
          lambda: tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0).concat(),
          lambda: tf.TensorArray(tf.float32, size=2, infer_shape=False).write(
              0, [1.0]).write(1, [1.0, 2.0]).stack()]:
    try:
        print(f())
    except (tf.errors.OpError, ValueError) as e:
        print(type(e).__name__, e)

# %%
print(tf.TensorArraySpec([2], tf.float32))
print(isinstance(tf.TensorArraySpec([2], tf.float32), tf.TypeSpec))
print(tf.type_spec_from_value(tf.TensorArray(tf.int32, size=1, element_shape=[3])))

# %%
@tf.function
def squares(x):
    ta = tf.TensorArray(tf.float32, size=3)
    for i in tf.range(3):
        ta = ta.write(i, x * tf.cast(i, tf.float32))
    return ta.stack(), ta.read(1), ta.size()

print(squares(tf.constant([1.0, 2.0])))

# %%
@tf.function
def upto(x, n):
    ta = tf.TensorArray(tf.float32, size=4)
    for i in tf.range(n):
        ta = ta.write(i, x * tf.cast(i, tf.float32))
    return ta.stack(), ta.read(n - 1), ta.gather([0, 2])

print(upto(tf.constant([1.0, 2.0]), tf.constant(3)))
print(upto(tf.constant([1.0, 2.0]), tf.constant(2)))

# %%
@tf.function
def fib(n):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    ta = ta.unstack([0, 1])
    for i in range(2, 10):
        ta = ta.write(i, ta.read(i - 1) + ta.read(i - 2))
    return ta.stack()

print(fib(tf.constant(10)))

# %%
def step(i, ta):
    return i + 1, ta.write(i, tf.cast(i * i, tf.float32))

i, ta = tf.while_loop(lambda i, ta: i < 4, step,
                      (tf.constant(0), tf.TensorArray(tf.float32, size=4)))
print(i, ta.stack())

@tf.function
def loop(n):
    _, ta = tf.while_loop(lambda i, ta: i < n, step,
                          (tf.constant(0), tf.TensorArray(tf.float32, size=5, element_shape=[])))
    return ta.stack()

print(loop(tf.constant(3)))

# %%
x = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    ta = tf.TensorArray(tf.float32, size=3)
    for i in range(3):
        ta = ta.write(i, x[i] ** 2)
    y = tf.reduce_sum(ta.stack() * [1.0, 2.0, 3.0]) + ta.read(1)
print(tape.gradient(y, x))
with tf.GradientTape() as tape:
    ta = tf.TensorArray(tf.float32, size=3).unstack(x * x)
    y = ta.read(2) + ta.gather([0, 0])
print(tape.gradient(y, x))

# %%
@tf.function
def grad_cubes(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=3)
        for i in tf.range(3):
            ta = ta.write(i, x[i] ** 3)
        y = tf.reduce_sum(ta.stack())
    return tape.gradient(y, x)

print(grad_cubes(tf.constant([1.0, 2.0, 3.0])))

# %%
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    _, ta = tf.while_loop(
        lambda i, ta: i < 3, lambda i, ta: (i + 1, ta.write(i, x * tf.cast(i + 1, tf.float32))),
        (tf.constant(0), tf.TensorArray(tf.float32, size=3)), maximum_iterations=3)
    y = tf.reduce_sum(ta.stack())
print(tape.gradient(y, x))

# %%
@tf.function
def rnn(x):
    inputs = tf.TensorArray(tf.float32, size=3).unstack(x)
    outputs = tf.TensorArray(tf.float32, size=3)

    def body(i, h, outputs):
        h = tf.tanh(h + inputs.read(i))
        return i + 1, h, outputs.write(i, h)

    _, h, outputs = tf.while_loop(lambda i, h, ta: i < 3, body,
                                  (tf.constant(0), tf.zeros([2]), outputs),
                                  maximum_iterations=3)
    return outputs.stack(), h

print(rnn(tf.ones([3, 2])))

@tf.function
def branch(p):
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[])
    ta = tf.cond(p > 0, lambda: ta.write(0, 1.0), lambda: ta.write(1, 2.0))
    return ta.stack()

print(branch(tf.constant(1)), branch(tf.constant(-1)))

# %%
# element_shape as TF infers it: eager unstack and split leave it unknown, write and scatter
# merge it; inside tf.function unstack merges it too.
print(tf.TensorArray(tf.int32, size=3).unstack([[1, 2], [3, 4], [5, 6]]).element_shape)
print(tf.TensorArray(tf.int32, size=3).write(0, [1, 2]).element_shape)
print(tf.TensorArray(tf.int32, size=0, dynamic_size=True).scatter([0, 1], [[1], [2]]).element_shape)
print(tf.TensorArray(tf.int32, size=0, dynamic_size=True).split([1, 2, 3], [1, 2]).element_shape)


@tf.function
def unstacked():
    ta = tf.TensorArray(tf.int32, size=3).unstack([[1, 2], [3, 4], [5, 6]])
    print(ta.element_shape)
    return ta.stack()


print(unstacked().shape)
