# tf.saved_model: save a module with variables and tf.functions, load it back, call it.
import os
import tempfile

import tensorflow as tf

os.chdir(tempfile.mkdtemp())


class Scale(tf.Module):
    def __init__(self):
        super().__init__()
        self.k = tf.Variable([2.0, -1.0])
        self.steps = tf.Variable(0, dtype=tf.int64)

    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def __call__(self, x):
        self.steps.assign_add(1)
        return x * self.k

    @tf.function
    def offset(self, x, by=1):
        return x + by


class Outer(tf.Module):
    def __init__(self):
        super().__init__()
        self.inner = Scale()
        self.table = {"bias": tf.Variable(0.5)}

    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def serve(self, x):
        return {"out": tf.reduce_sum(self.inner(x), axis=1) + self.table["bias"]}

# %%
outer = Outer()
outer.inner.offset(tf.constant(1))
outer.inner.offset(tf.constant([1, 2]), by=5)
tf.saved_model.save(outer, "model")
# fingerprint.pb aside: tfshim doesn't write one (README: known deviations).
print([n for n in sorted(os.listdir("model")) if n != "fingerprint.pb"])
print(sorted(os.listdir("model/variables")))
print(tf.saved_model.contains_saved_model("model"), tf.saved_model.contains_saved_model("."))

# %%
loaded = tf.saved_model.load("model")
print(loaded.serve(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])))
print(loaded.inner(tf.constant([[1.0, 1.0]])))
print(loaded.inner.steps.numpy(), outer.inner.steps.numpy())
print(loaded.inner.offset(tf.constant(1)), loaded.inner.offset(tf.constant([1, 2]), by=5))

# %%
print(list(loaded.signatures))
print(loaded.signatures["serving_default"](x=tf.constant([[0.5, 0.5]])))

# %%
print(loaded.table["bias"], loaded.inner.k.trainable)
loaded.table["bias"].assign(10.0)
print(loaded.serve(tf.constant([[0.0, 0.0]]))["out"])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(loaded.inner(tf.constant([[1.0, 3.0]])))
print(tape.gradient(y, loaded.inner.k))

# %%
tf.saved_model.load("missing")
