import os
import tempfile
import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(1)
rng = np.random.default_rng(0)
x = rng.random((96, 8)).astype("float32")
y = (x.sum(axis=1) > 4).astype("int32")
r4 = lambda h: {k: [round(float(v), 4) for v in vs] for k, vs in sorted(h.history.items())}
# %%
m = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(16, activation="relu"),
                         tf.keras.layers.Dense(2)])
m.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
          metrics=["accuracy"])
h = m.fit(x, y, batch_size=32, epochs=3, verbose=0)
print(r4(h), h.epoch, h.params)
# %%
h = m.fit(x, y, batch_size=32, epochs=2, validation_split=0.25, verbose=0)
print(r4(h))
h = m.fit(x, y, batch_size=32, epochs=1, validation_data=(x[:16], y[:16]), verbose=0)
print(r4(h))
# %%
res = m.evaluate(x, y, batch_size=32, verbose=0)
print([round(v, 4) for v in res])
print(m.evaluate(x, y, verbose=0, return_dict=True).keys())
p = m.predict(x[:5], verbose=0)
print(type(p).__name__, p.shape, p.dtype, np.round(p, 4))
print(np.round(m.predict_on_batch(x[:2]), 4), np.round(m(x[:2]).numpy(), 4))
# %%
class Counter(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print("epoch", epoch, sorted(logs))
es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=0, min_delta=10.0)
h = m.fit(x, y, epochs=5, verbose=0, callbacks=[Counter(), es])
print(len(h.epoch))
# %%
inp = tf.keras.Input((8,), name="features")
hid = tf.keras.layers.Dense(8, activation="tanh")(inp)
hid = tf.keras.layers.Lambda(lambda t: tf.concat([t, t[:, :2] * 2.0], axis=1))(hid)
print(hid.shape, hid.dtype)
out = tf.keras.layers.Dense(1, name="out")(hid)
fm = tf.keras.Model(inp, out)
fm.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
h = fm.fit(x, y.astype("float32"), batch_size=16, epochs=2, verbose=0)
print(r4(h), [round(v, 4) for v in fm.evaluate(x, y.astype("float32"), verbose=0)])
# %%
class MLP(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(8, activation="relu")
        self.d2 = tf.keras.layers.Dense(2)
    def call(self, inputs):
        return self.d2(self.d1(inputs))
sm = MLP()
sm.compile(optimizer="rmsprop", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
           metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
h = sm.fit(x, y, batch_size=32, epochs=2, verbose=0)
print(r4(h), np.round(sm.predict(x[:2], verbose=0), 4))
# %%
class CustomModel(tf.keras.Model):
    def train_step(self, data):
        xb, yb = data
        with tf.GradientTape() as tape:
            pred = self(xb, training=True)
            loss = self.compute_loss(y=yb, y_pred=pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(yb, pred)
        return {m.name: m.result() for m in self.metrics}
ci = tf.keras.Input((8,))
cm = CustomModel(ci, tf.keras.layers.Dense(1)(ci))
cm.compile(optimizer="adam", loss="mse", metrics=["mae"])
h = cm.fit(x, y.astype("float32"), epochs=2, verbose=0)
print(r4(h))
# %%
d = tempfile.mkdtemp()
path = os.path.join(d, "model.keras")
m.save(path)
loaded = tf.keras.models.load_model(path)
print(type(loaded).__name__, [w.shape for w in loaded.weights])
print(np.allclose(loaded.predict(x[:4], verbose=0), m.predict(x[:4], verbose=0)))
print(round(loaded.evaluate(x, y, verbose=0)[0], 4))
# %%
wpath = os.path.join(d, "w.weights.h5")
m.save_weights(wpath)
m2 = tf.keras.models.clone_model(m)
m2.load_weights(wpath)
print(all(np.array_equal(a, b) for a, b in zip(m.get_weights(), m2.get_weights())))
# %%
xi = rng.random((64, 12, 12, 1)).astype("float32")
yi = rng.integers(0, 3, 64)
cnn = tf.keras.Sequential([
    tf.keras.Input((12, 12, 1)),
    tf.keras.layers.Conv2D(4, 3, activation="relu"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.MaxPooling2D(2),
    tf.keras.layers.Dropout(0.25),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(3)])
cnn.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["accuracy"])
h = cnn.fit(xi, yi, batch_size=16, epochs=2, verbose=0)
print(r4(h))
print(np.round(cnn.predict(xi[:2], verbose=0), 3))
# %%
opt = tf.keras.optimizers.Adam(0.01)
w = tf.Variable([[1.0, 2.0]])
for _ in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w ** 2)
    opt.apply_gradients([(tape.gradient(loss, w), w)])
print(np.round(w.numpy(), 4), opt.iterations.numpy())
