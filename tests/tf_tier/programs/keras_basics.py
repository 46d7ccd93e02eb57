import numpy as np
import tensorflow as tf
from tensorflow import keras
import keras as keras_package
print(keras.layers.Dense is tf.keras.layers.Dense is keras_package.layers.Dense)
print(tf.keras.backend.backend(), tf.keras.backend.floatx())
# %%
layer = tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(0.5),
                              bias_initializer="zeros")
opt = tf.keras.optimizers.SGD(learning_rate=0.01)
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
y = tf.constant([[1.0, 0.0], [0.0, 1.0]])
for step in range(3):
    with tf.GradientTape() as tape:
        pred = layer(x)
        loss = tf.reduce_mean(tf.square(pred - y))
    grads = tape.gradient(loss, layer.trainable_variables)
    opt.apply_gradients(zip(grads, layer.trainable_variables))
    print(step, loss.numpy())
print(layer.kernel.numpy())
print(layer.bias.numpy(), opt.iterations.numpy())
# %%
print([v.name for v in layer.weights], [v.path for v in layer.weights])
print(type(layer.kernel).__name__, isinstance(layer.kernel, tf.Variable), tf.is_tensor(layer.kernel))
print(tf.convert_to_tensor(layer.bias))
print(layer.kernel + 1.0)
# %%
adam = tf.keras.optimizers.Adam(learning_rate=0.1)
w = tf.keras.Variable([1.0, -2.0])
for _ in range(2):
    with tf.GradientTape() as tape:
        l = tf.reduce_sum(w * w)
    (g,) = tape.gradient(l, [w])
    print(g)
    adam.apply_gradients([(g, w)])
print(w.numpy())
# %%
masked = tf.keras.layers.Masking(mask_value=0.0)(tf.constant([[[1.0], [0.0], [2.0]]]))
print(masked._keras_mask)
# %%
mse = tf.keras.losses.MeanSquaredError()
print(mse(tf.constant([[1.0, 2.0]]), tf.constant([[1.5, 1.0]])))
m = tf.keras.metrics.Mean()
m.update_state([1.0, 2.0, 6.0])
print(m.result())
print(tf.keras.activations.relu(tf.constant([-1.0, 2.0])))
# %%
model = tf.keras.Sequential([
    tf.keras.Input(shape=(3,)),
    tf.keras.layers.Dense(4, activation="relu", name="hidden",
                          kernel_initializer=tf.keras.initializers.Constant(0.1)),
    tf.keras.layers.Dense(1, name="out", kernel_initializer=tf.keras.initializers.Constant(-0.2)),
], name="mlp")
model.summary()
print(model(np.ones((2, 3), "float32")))
# %%
ds = tf.data.Dataset.range(3)
dist = tf.distribute.get_strategy().experimental_distribute_dataset(ds)
print(dist is ds, isinstance(dist, tf.distribute.DistributedDataset),
      isinstance(iter(dist), tf.distribute.DistributedIterator))
print(tf.data.Dataset)
# %%
# Nested layers in a subclassed model: variable names and the checkpoint's object graph (its
# full_name fields come from the variables' names), built eagerly, by fit and in a tf.function.
import hashlib
import os
import tempfile


class Block(tf.keras.layers.Layer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.d0 = tf.keras.layers.Dense(3, name="d0")
        self.bn = tf.keras.layers.BatchNormalization()

    def build(self, shape):
        self.w = self.add_weight(shape=(2,), name="w")

    def call(self, x):
        return self.bn(self.d0(x)) + tf.reduce_sum(self.w)


class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.sub = Block(name="sub")
        self.out = tf.keras.layers.Dense(1, name="out")

    def call(self, x):
        return self.out(self.sub(x))


@tf.function
def call_traced(m, x):
    return m(x)


def show(m):
    print([(v.name, v.path, v.value.name) for v in m.variables])
    path = tf.train.Checkpoint(model=m).write(os.path.join(tempfile.mkdtemp(), "c"))
    graph = tf.train.load_checkpoint(path).get_tensor("_CHECKPOINTABLE_OBJECT_GRAPH")
    print(hashlib.sha256(graph).hexdigest())


eager = Net()
eager(tf.ones([1, 4]))
show(eager)
fitted = Net()
fitted.compile("sgd", "mse")
fitted.fit(np.ones((4, 4)), np.ones((4, 1)), verbose=0)
show(fitted)
traced = Net()
call_traced(traced, tf.ones([2, 4]))
show(traced)
