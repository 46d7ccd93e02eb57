# Keras initializers on tfshim draw TF's seeded values (issue 15: they come through Keras).
import tensorflow as tf
# %%
tf.keras.utils.set_random_seed(1)
print(tf.keras.initializers.GlorotUniform()((3, 2)).numpy())
print(tf.keras.initializers.RandomNormal(seed=5)((4,)).numpy())
layer = tf.keras.layers.Dense(3)
layer.build((None, 2))
print(layer.kernel.numpy())
print(tf.random.uniform([2]).numpy())
