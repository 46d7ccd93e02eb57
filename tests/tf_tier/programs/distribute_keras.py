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
# %%
# model.fit under MirroredStrategy (the 4 devices: TF joins no 2-device group after a 4-device one): one device's results.
rng = np.random.RandomState(0)
fx = rng.randn(32, 3).astype("float32")
fy = (fx @ np.array([[1.], [-2.], [0.5]], "float32") + 0.1).astype("float32")
def fit(strategy):
    with strategy.scope():
        m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, activation="tanh", kernel_initializer="ones"),
                                 tf.keras.layers.Dense(1, kernel_initializer="ones")])
        m.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
    h = m.fit(fx, fy, batch_size=8, epochs=2, verbose=0, shuffle=False)
    return h.history, [w.numpy() for w in m.weights]
h2, w2 = fit(s)
h1, w1 = fit(tf.distribute.OneDeviceStrategy("/cpu:0"))
print({k: np.round(v, 4).tolist() for k, v in h2.items()})
print(np.allclose(h1["loss"], h2["loss"], rtol=1e-5), all(np.allclose(a, b, rtol=1e-5, atol=1e-6) for a, b in zip(w1, w2)))
print(np.round(w2[-2].ravel(), 4))
