import numpy as np
import tensorflow as tf
cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 4)
# %%
s = tf.distribute.MirroredStrategy()
with s.scope():
    layer = tf.keras.layers.Dense(1, kernel_initializer="ones")
    layer.build((None, 3))
    opt = tf.keras.optimizers.SGD(0.1)
print(type(layer.kernel).__name__, type(layer.kernel.value).__name__ if hasattr(layer.kernel, "value") else "")
# %%
x = np.ones((4, 3), "float32"); y = np.zeros((4, 1), "float32")
dd = s.experimental_distribute_dataset(tf.data.Dataset.from_tensor_slices((x, y)).batch(4))
@tf.function
def step(a, b):
    def fn(a, b):
        with tf.GradientTape() as tape:
            loss = tf.nn.compute_average_loss(tf.reduce_sum(tf.square(layer(a) - b), axis=1))
        g = tape.gradient(loss, layer.trainable_variables)
        opt.apply_gradients(zip(g, layer.trainable_variables))
        return loss
    return s.reduce("SUM", s.run(fn, args=(a, b)), axis=None)
for a, b in dd:
    print(step(a, b))
print(layer.kernel.numpy().ravel(), layer.bias.numpy())
