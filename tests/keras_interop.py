"""Keras saving cases written by one library and read by the other (tests/test_checkpoint.py;
TensorFlow runs them through `checkpoint_interop.py exchange`, in the same process).

`write` trains a small Keras model two Adam steps and saves it as a tf.train.Checkpoint of
model and optimizer, through a CheckpointManager, as `m.keras` and as `m.weights.h5`; `read`
restores each into fresh objects: the checkpoint before the model and the optimizer are built
(delayed restoration), the manager's latest into built ones, and Keras's own files with
`load_model`/`load_weights`. Summaries hold every weight's and optimizer variable's exact bytes
and the predictions on fixed inputs.
"""

import os

import numpy as np

X = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)


def _model(keras, built=True):
    # One kernel shape and zeros initializers: few distinct ops for JAX to compile.
    layers = [keras.layers.Dense(3, activation="relu", name="hidden", kernel_initializer="zeros"),
              keras.layers.Dense(3, name="out", kernel_initializer="zeros")]
    return keras.Sequential(([keras.Input((3,))] if built else []) + layers, name="net")


def _train(tf, model, optimizer, steps):
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(X) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))


def _bytes(variables):
    return [np.asarray(v.numpy()).tobytes().hex() for v in variables]


def _summary(model, optimizer=None):
    out = {"weights": _bytes(model.weights), "predictions": np.asarray(model(X)).tolist()}
    if optimizer is not None:
        out["optimizer"] = _bytes(optimizer.variables)
    return out


def write(tf, directory):
    keras = tf.keras
    model = _model(keras)
    rng = np.random.RandomState(0)
    model.set_weights([rng.randn(*w.shape).astype(np.float32) for w in model.weights])
    optimizer = keras.optimizers.Adam(0.01, name="adam")  # not adam_1: same full names
    _train(tf, model, optimizer, 2)
    out = {"checkpoint": _summary(model, optimizer)}
    ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer)
    ckpt.save(os.path.join(directory, "ckpt", "ckpt"))
    # Three managed saves, each a step further on; two kept.
    manager = tf.train.CheckpointManager(ckpt, os.path.join(directory, "managed"), max_to_keep=2)
    for _ in range(3):
        _train(tf, model, optimizer, 1)
        manager.save()
    out["managed"] = _summary(model, optimizer)
    model.compile(optimizer=optimizer, loss="mse")
    model.save(os.path.join(directory, "m.keras"))
    model.save_weights(os.path.join(directory, "m.weights.h5"))
    out["keras"] = _summary(model, optimizer)
    return out


def read(tf, directory):
    keras = tf.keras
    out = {}
    # Delayed restoration: neither the model nor the optimizer has variables yet.
    model, optimizer = _model(keras, built=False), keras.optimizers.Adam(0.5)
    status = tf.train.Checkpoint(model=model, optimizer=optimizer).restore(
        tf.train.latest_checkpoint(os.path.join(directory, "ckpt")))
    model.build((None, 3))
    optimizer.build(model.trainable_variables)
    status.assert_consumed()
    out["checkpoint"] = _summary(model, optimizer)
    model, optimizer = _model(keras), keras.optimizers.Adam(0.5)
    optimizer.build(model.trainable_variables)
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(model=model, optimizer=optimizer),
                                         os.path.join(directory, "managed"), max_to_keep=2)
    out["restored_from"] = os.path.basename(manager.restore_or_initialize())
    out["managed"] = _summary(model, optimizer)
    loaded = keras.models.load_model(os.path.join(directory, "m.keras"))
    out["keras"] = _summary(loaded, loaded.optimizer)
    model = _model(keras)
    model.load_weights(os.path.join(directory, "m.weights.h5"))
    out["weights_h5"] = _summary(model)
    return out


def check(written, read):
    """What the reader restored is what the writer saved: weights and optimizer state exact,
    predictions equal to float32 rounding (the libraries' matmuls may round differently)."""
    def same(a, b):
        assert a["weights"] == b["weights"]
        assert a.get("optimizer") == b.get("optimizer")
        np.testing.assert_allclose(a["predictions"], b["predictions"], rtol=1e-6)

    same(read["checkpoint"], written["checkpoint"])
    assert read["restored_from"] == "ckpt-4"  # the plain save() was ckpt-1
    same(read["managed"], written["managed"])
    same(read["keras"], written["keras"])
    same(read["weights_h5"], {k: v for k, v in written["keras"].items() if k != "optimizer"})
