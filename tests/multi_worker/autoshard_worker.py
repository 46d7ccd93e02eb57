# One worker of a 2-worker MultiWorkerMirroredStrategy cluster on localhost (TF_CONFIG set by
# tests/test_distribute_multiworker.py): experimental_distribute_dataset under each
# tf.data.experimental.AutoShardPolicy; what it prints is compared with what TF 2.21 printed
# (tests/multi_worker/expected_autoshard_worker*.txt).
import os
import tempfile

import tensorflow as tf

s = tf.distribute.MultiWorkerMirroredStrategy()
task = s.cluster_resolver.task_id
d = tempfile.mkdtemp()
files = [os.path.join(d, "f%d.txt" % i) for i in range(4)]
for i, name in enumerate(files):
    with open(name, "w") as f:
        f.write("".join("%d%d\n" % (i, j) for j in range(3)))
P = tf.data.experimental.AutoShardPolicy


def show(name, ds, policy=None):
    if policy is not None:
        options = tf.data.Options()
        options.experimental_distribute.auto_shard_policy = policy
        ds = ds.with_options(options)
    try:
        print(name, [[t.numpy().tolist() for t in s.experimental_local_results(x)]
                     for b in s.experimental_distribute_dataset(ds) for x in tf.nest.flatten(b)])
    except (tf.errors.NotFoundError, tf.errors.InvalidArgumentError) as e:
        # (TF pads the node text it shows after "goo.gle/debugproto" at random)
        print(name, type(e).__name__, str(e).split(" [Op:")[0].split(" goo.gle/")[0])


show("auto-files", tf.data.TextLineDataset(files).batch(4))
show("auto-listed", tf.data.Dataset.list_files(os.path.join(d, "*.txt"), shuffle=False)
     .interleave(tf.data.TextLineDataset, cycle_length=2).batch(2))
show("file", tf.data.TextLineDataset(files).map(tf.strings.to_number).batch(2), P.FILE)
show("data", tf.data.TextLineDataset(files).batch(4), P.DATA)
show("off", tf.data.Dataset.range(6).batch(4), P.OFF)
show("hint", tf.data.Dataset.range(8).shard(tf.data.experimental.SHARD_HINT,
                                            tf.data.experimental.SHARD_HINT).batch(2), P.HINT)
show("auto-zip", tf.data.Dataset.zip((tf.data.TextLineDataset(files),
                                      tf.data.Dataset.range(12))).batch(2))
show("file-memory", tf.data.Dataset.range(4).batch(2), P.FILE)
if task == 0:  # the worker given the only file fails (TF's other worker then waits on it)
    show("file-one", tf.data.TextLineDataset(files[:1]).batch(2), P.FILE)
