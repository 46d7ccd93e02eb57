import numpy as np
import tensorflow as tf
cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 4)
# %%
rng = np.random.RandomState(0)
X = rng.randn(32, 3).astype("float32")
Y = (X @ np.array([[1.], [-2.], [0.5]], "float32") + 0.3).astype("float32")
GLOBAL_BATCH = 8

def train(strategy):
    with strategy.scope():
        kernel = tf.Variable(tf.zeros([3, 1]), name="kernel", aggregation=tf.VariableAggregation.MEAN)
        bias = tf.Variable(tf.zeros([1]), name="bias", aggregation=tf.VariableAggregation.MEAN)
    dataset = strategy.experimental_distribute_dataset(
        tf.data.Dataset.from_tensor_slices((X, Y)).batch(GLOBAL_BATCH))

    def step_fn(x, y):
        with tf.GradientTape() as tape:
            pred = tf.matmul(x, kernel) + bias
            loss = tf.reduce_sum(tf.square(pred - y)) / GLOBAL_BATCH
        grads = tape.gradient(loss, [kernel, bias])
        grads = tf.distribute.get_replica_context().all_reduce("SUM", grads)
        kernel.assign_sub(0.1 * grads[0])
        bias.assign_sub(0.1 * grads[1])
        return loss

    @tf.function
    def train_step(x, y):
        per_replica = strategy.run(step_fn, args=(x, y))
        return strategy.reduce("SUM", per_replica, axis=None)

    losses = []
    for epoch in range(3):
        for x, y in dataset:
            losses.append(train_step(x, y))
    return np.array(losses), kernel.numpy(), bias.numpy()
# %%
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:2"])
with strategy.scope():
    k = tf.Variable(1.)
# Without an aggregation each replica updates its own copy.
strategy.run(lambda: k.assign_sub(tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group, tf.float32)))
print(k)
print(k.numpy(), strategy.experimental_local_results(k))
k.assign(3.)
print(strategy.run(lambda: k + 0.))
# %%
l4, k4, b4 = train(tf.distribute.MirroredStrategy())
l1, k1, b1 = train(tf.distribute.OneDeviceStrategy("/cpu:0"))
print(np.round(l4, 4))
print(np.round(k4.ravel(), 4), np.round(b4, 4))
print(np.allclose(l4, l1, atol=1e-5), np.allclose(k4, k1, atol=1e-5), np.allclose(b4, b1, atol=1e-5))
# %%
dd = tf.distribute.MirroredStrategy().experimental_distribute_dataset(tf.data.Dataset.range(4).batch(4))
print(isinstance(dd, tf.distribute.DistributedDataset), isinstance(iter(dd), tf.distribute.DistributedIterator))
# %%
with strategy.scope():
    first = tf.Variable(0., aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA, name="first")
    total = tf.Variable(0., aggregation=tf.VariableAggregation.SUM, name="total")

def update():
    rid = tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group, tf.float32)
    first.assign(rid + 5.)
    total.assign_add(rid + 1.)
    return first.read_value() + total.read_value()

print(strategy.run(update))
print(first.numpy(), strategy.experimental_local_results(total))
print(tf.function(lambda: strategy.run(update))())
print(total)
# %%
s4 = tf.distribute.MirroredStrategy()
print(tf.nn.compute_average_loss([1., 2., 3.]))
print(s4.run(lambda: tf.nn.compute_average_loss(tf.constant([1., 2.]) * tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group + 1, tf.float32))))
print(tf.nn.compute_average_loss([1., 2.], sample_weight=[[0.5], [2.]], global_batch_size=4))
print(tf.nn.compute_average_loss(tf.constant([[1., 2.], [3., 4.]], tf.float64), sample_weight=[1., 0.], global_batch_size=tf.constant(2, tf.int64)))
print(s4.run(lambda: tf.nn.scale_regularization_loss([4., 4.])))
# %%
with s4.scope():
    tf.nn.compute_average_loss([1.])
# %%
with s4.scope():
    tf.nn.scale_regularization_loss(1.)
# %%
tf.nn.compute_average_loss(1.)
# %%
tf.nn.compute_average_loss([1.], global_batch_size=[2])
# %%
tf.nn.compute_average_loss([1.], global_batch_size=2.)
# %%
tf.nn.compute_average_loss([1.], global_batch_size=-2)
