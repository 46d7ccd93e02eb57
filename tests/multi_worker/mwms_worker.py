# One worker of a 2-worker MultiWorkerMirroredStrategy cluster on localhost: TF_CONFIG is set by
# tests/test_distribute_multiworker.py (worker 0 or 1); what it prints is compared with what
# TF 2.21 printed for the same worker (tests/multi_worker/expected_worker*.txt).
import tensorflow as tf

s = tf.distribute.MultiWorkerMirroredStrategy()
task = s.cluster_resolver.task_id
print(type(s).__name__, s.num_replicas_in_sync, s.extended.worker_devices)
print(s.cluster_resolver.task_type, task, s.cluster_resolver.cluster_spec().num_tasks("worker"))
print(s.extended.should_checkpoint, s.extended.should_save_summary)

with s.scope():
    v = tf.Variable([1., 2.] if task == 0 else [5., 7.])
    step = tf.Variable(0, dtype=tf.int64)
print(v.numpy(), step.numpy())


def replica_sum(x):
    ctx = tf.distribute.get_replica_context()
    rid = tf.cast(ctx.replica_id_in_sync_group, tf.float32)
    return ctx.all_reduce("SUM", x * (rid + 1.)), ctx.all_reduce("MEAN", rid), rid


total, mean, rid = s.run(replica_sum, args=(tf.constant([1., 10.]),))
print(total.numpy(), mean.numpy(), rid.numpy())
print(s.reduce("SUM", rid, axis=None).numpy(), s.reduce("MEAN", rid, axis=None).numpy())
print(s.reduce("SUM", tf.constant([[1., 2.], [3., 4.]]) * (rid + 1.), axis=0).numpy())
print(s.gather(tf.reshape(rid, [1]), axis=0).numpy())
print([x.numpy() for x in s.experimental_local_results(rid)])

ds = tf.data.Dataset.range(8).batch(4)
for batch in s.experimental_distribute_dataset(ds):
    print(type(batch).__name__, [t.numpy() for t in s.experimental_local_results(batch)])
ds2 = tf.data.Dataset.from_tensor_slices(tf.reshape(tf.range(12.), [6, 2])).batch(3)
for batch in s.experimental_distribute_dataset(ds2):
    print([t.numpy().tolist() for t in s.experimental_local_results(batch)])


def dataset_fn(ctx):
    print("pipeline", ctx.input_pipeline_id, ctx.num_input_pipelines, ctx.num_replicas_in_sync)
    return tf.data.Dataset.range(4).shard(ctx.num_input_pipelines, ctx.input_pipeline_id).batch(2)


for batch in s.distribute_datasets_from_function(dataset_fn):
    print([t.numpy() for t in s.experimental_local_results(batch)])

with s.scope():
    w = tf.Variable([[0.5], [-0.5]])
    opt_lr = 0.01


def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.nn.compute_average_loss(tf.square(tf.matmul(x, w) - y), global_batch_size=4)
    grad = tape.gradient(loss, w)
    grad = tf.distribute.get_replica_context().all_reduce("SUM", grad)
    w.assign_sub(opt_lr * grad)
    step.assign_add(1)
    return loss


xs = tf.constant([[1., 2.], [3., 4.], [5., 6.], [7., 8.]])
ys = tf.constant([[1.], [2.], [3.], [4.]])
data = tf.data.Dataset.from_tensor_slices((xs, ys)).batch(4).repeat(3)
for x, y in s.experimental_distribute_dataset(data):
    loss = s.reduce("SUM", s.run(train_step, args=(x, y)), axis=None)
    print(round(float(loss), 4), [round(float(a), 4) for a in tf.reshape(w, [-1])])
print(step.numpy())


@tf.function
def compiled_step(x, y):
    return s.reduce("SUM", s.run(train_step, args=(x, y)), axis=None)


for x, y in s.experimental_distribute_dataset(data.take(2)):
    print(round(float(compiled_step(x, y)), 4), [round(float(a), 4) for a in tf.reshape(w, [-1])])
print(step.numpy())
