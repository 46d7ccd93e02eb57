# Devices and the eager context: tf.config, tf.device, tf.executing_eagerly.
import tensorflow as tf

# %%
print(tf.config.list_physical_devices())
print(tf.config.list_physical_devices("GPU"))
print(tf.config.list_logical_devices())
print(tf.config.experimental.list_physical_devices("CPU"))
print(tf.config.experimental.list_logical_devices("CPU"))
print(tf.config.get_visible_devices())
print(tf.config.experimental.get_visible_devices("CPU"))

# %%
d = tf.config.list_physical_devices("CPU")[0]
print(repr(d), d.name, d.device_type)
print(isinstance(d, tf.config.PhysicalDevice), isinstance(tf.config.list_logical_devices()[0], tf.config.LogicalDevice))

# %%
with tf.device("/GPU:0"):
    x = tf.constant(1.0) + 1
print(x.device)
with tf.device("/CPU:0"):
    y = tf.ones(2)
print(y.device, y)

# %%
tf.config.experimental.set_memory_growth(d, True)

# %%
tf.config.experimental.get_memory_growth(d)

# %%
tf.config.set_visible_devices(tf.config.list_physical_devices("CPU"), "CPU")
tf.config.experimental.set_visible_devices(tf.config.list_physical_devices("CPU"), "CPU")
print(tf.executing_eagerly())

@tf.function
def f():
    print("eager inside?", tf.executing_eagerly())
    return 1

f()
tf.config.run_functions_eagerly(True)
f()
print(tf.config.functions_run_eagerly())
tf.config.run_functions_eagerly(False)
print(tf.config.functions_run_eagerly())
