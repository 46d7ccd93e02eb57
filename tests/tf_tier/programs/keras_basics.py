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
