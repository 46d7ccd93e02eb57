# tf.function taking tf.data iterators: elements fetched per call and fed to the compiled step.
import tensorflow as tf
# %%
ds = tf.data.Dataset.range(5).map(lambda x: x * 2)
it = iter(ds)
@tf.function
def step(iterator):
    print("tracing")
    x = next(iterator)
    return x + 1
print(step(it))
print(step(it))
print(step.experimental_get_tracing_count())
# %%
@tf.function
def two(iterator):
    a = next(iterator)
    b = iterator.get_next()
    return a + b
print(two(it))
# %%
step(it)
# %%
it2 = iter(tf.data.Dataset.from_tensor_slices(([1., 2.], [3, 4])).batch(1))
@tf.function
def opt(iterator):
    o = iterator.get_next_as_optional()
    return o.has_value()
print(opt(it2), opt(it2), opt(it2))
# %%
step(it)
# %%
x = tf.reshape(tf.range(10, dtype=tf.float32), [5, 2])
y = tf.reduce_sum(x, axis=1, keepdims=True)
w = tf.Variable([[0.1], [0.2]])
train_it = iter(tf.data.Dataset.from_tensor_slices((x, y)).batch(2))
@tf.function
def train_step(iterator):
    for _ in range(2):
        xb, yb = next(iterator)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(xb @ w - yb))
        w.assign_sub(0.01 * tape.gradient(loss, w))
    return loss
print(train_step(train_it))
print(w.numpy())
