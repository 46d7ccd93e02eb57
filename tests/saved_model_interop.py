"""SavedModels across libraries (tests/test_saved_model.py).

`python saved_model_interop.py SHIM_DIR TF_DIR KERAS_DIR`: real TensorFlow loads the SavedModel
tfshim wrote in SHIM_DIR, calls its functions, and serves the Keras model's SavedModel in
KERAS_DIR, printing the results as JSON; then it saves its own model (plain TF graphs) in
TF_DIR for tfshim to load.
"""

import json
import sys

import numpy as np

BATCHES = (1, 3)


def build(tf):
    """A module with a nested callable submodule, a list, a counter it assigns, a method with
    a None batch dimension, one with a Python default and one of a RaggedTensor."""

    class Dense(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]])
            self.b = tf.Variable([0.5, -0.5, 2.0])

        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
        def __call__(self, x):
            return tf.nn.relu(tf.matmul(x, self.w) + self.b)

    class Net(tf.Module):
        def __init__(self):
            super().__init__()
            self.dense = Dense()
            self.extra = [tf.Variable(2.0, dtype=tf.float64)]
            self.calls = tf.Variable(0, dtype=tf.int64)

        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
        def predict(self, x):
            self.calls.assign_add(1)
            return {"y": tf.reduce_sum(self.dense(x), axis=1), "calls": self.calls}

        @tf.function
        def scale(self, x, k=2.0):
            return tf.cast(x, tf.float64) * self.extra[0] * k

        @tf.function
        def row_sums(self, x):  # a RaggedTensor argument: its components are the inputs
            return tf.reduce_sum(x, axis=1) * tf.cast(self.extra[0], tf.float32)

    net = Net()
    net.scale(tf.constant([1.0, 2.0]))
    net.scale(tf.constant([1.0, 2.0]), k=3.0)
    net.row_sums(tf.ragged.constant([[1.0, 2.0], [3.0]]))
    return net


def keras_model(tf):
    """A Keras Sequential model with fixed weights (tf.saved_model.save of a Keras model)."""
    keras = tf.keras
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3, activation="relu"),
                              keras.layers.Dense(2)])
    rng = np.random.RandomState(0)
    model.set_weights([rng.randn(*w.shape).astype(np.float32) for w in model.weights])
    return model


def keras_inputs(batch):
    return np.linspace(-1, 1, batch * 3, dtype=np.float32).reshape(batch, 3)


def run_keras(tf, loaded):
    """The Keras model's serving signature, called positionally at each batch size."""
    serve = loaded.signatures["serving_default"]
    return {"keras_%d" % b: serve(tf.constant(keras_inputs(b)))["output_0"].numpy().tolist()
            for b in BATCHES}


def inputs(batch):
    return (np.arange(batch * 2, dtype=np.float32).reshape(batch, 2) - 1.5) / 2


def run(tf, loaded):
    """Calls on the loaded object, as plain lists."""
    out = {}
    for batch in BATCHES:
        res = loaded.predict(tf.constant(inputs(batch)))
        out["predict_%d" % batch] = res["y"].numpy().tolist()
        out["calls_%d" % batch] = int(res["calls"].numpy())
        out["dense_%d" % batch] = loaded.dense(tf.constant(inputs(batch))).numpy().tolist()
    out["scale"] = loaded.scale(tf.constant([1.0, 2.0])).numpy().tolist()
    out["scale_k3"] = loaded.scale(tf.constant([1.0, 2.0]), k=3.0).numpy().tolist()
    out["row_sums"] = loaded.row_sums(tf.ragged.constant([[1.0, 2.0], [3.0]])).numpy().tolist()
    if hasattr(loaded, "signatures"):
        sig = loaded.signatures["serving_default"](x=tf.constant(inputs(2)))
    else:  # the original module: its default signature is `predict`
        sig = loaded.predict(tf.constant(inputs(2)))
    out["signature"] = {k: np.asarray(v.numpy()).tolist() for k, v in sorted(sig.items())}
    out["calls"] = int(loaded.calls.numpy())
    return out


if __name__ == "__main__":
    import tensorflow as tf

    shim_dir, tf_dir, keras_dir = sys.argv[1:]
    results = run(tf, tf.saved_model.load(shim_dir))
    results.update(run_keras(tf, tf.saved_model.load(keras_dir)))
    tf.saved_model.save(build(tf), tf_dir)
    print(json.dumps(results))
