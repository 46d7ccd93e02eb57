# tf.train.Checkpoint: object-graph keys and matching (root=, shared objects, generators, names
# with "/" and "."), restore() of write() checkpoints, delayed restoration.
import os
import pathlib
import tempfile

import tensorflow as tf

os.chdir(tempfile.mkdtemp())


def keys(path):
    return [name for name, _ in tf.train.list_variables(path)]

# %%
shared = tf.Variable(1.0)
m = tf.Module()
m.a = shared
m.b = [shared, {"x.y/z": tf.Variable(2)}]
m.t = (tf.Variable(3), tf.Variable(4))
ck = tf.train.Checkpoint(root=m, extra=tf.Variable([5]))
print(keys(ck.write("rooted")))
print(keys(tf.train.Checkpoint(m).write("positional")))

# %%
g = tf.random.Generator.from_seed(3)
g.normal([2])
state = g.state.numpy()
p = tf.train.Checkpoint(gen=g).write("gen")
print(keys(p))
h = tf.random.Generator.from_seed(9)
tf.train.Checkpoint(gen=h).read(p).assert_consumed()
print((h.state.numpy() == state).all(), h.normal([2]).numpy() - g.normal([2]).numpy())

# %%
v = tf.Variable(1.0)
p = tf.train.Checkpoint(v=v).write("w")
status = tf.train.Checkpoint(v=tf.Variable(0.0)).restore(p)
status.assert_existing_objects_matched()
print("matched")
status.assert_consumed()

# %%
m2 = tf.Module()
m2.a = tf.Variable(0.0)
m2.b = [tf.Variable(0.0), {"x.y/z": tf.Variable(0)}]
m2.t = (tf.Variable(0), tf.Variable(0))
extra = tf.Variable([0])  # TF holds root=-attached objects weakly: keep a reference
status = tf.train.Checkpoint(root=m2, extra=extra).read("rooted")
status.assert_consumed()
print(m2.a.numpy(), m2.b[1]["x.y/z"].numpy(), m2.t[1].numpy())

# %%
# Delayed: the checkpoint's attribute set after read(), then a submodule's variable.
ck3 = tf.train.Checkpoint()
status = ck3.read("rooted")
ck3.extra = tf.Variable([0])
print(ck3.extra.numpy())
holder = tf.Module()
ck4 = tf.train.Checkpoint(root=holder)
status = ck4.read("rooted")
holder.t = (tf.Variable(0), tf.Variable(0))
holder.a = tf.Variable(0.0)
print(holder.t[0].numpy(), holder.a.numpy())
status.assert_existing_objects_matched()
print("matched")
status.assert_consumed()

# %%
ck5 = tf.train.Checkpoint(v=tf.Variable(2.0))
print(ck5.save(pathlib.Path("pl") / "c"), ck5.save("pl/c"), tf.train.latest_checkpoint("pl"))
status = tf.train.Checkpoint(v=tf.Variable(0.0)).restore(pathlib.Path("pl/c-2"))
status.assert_consumed()
status.assert_nontrivial_match()
print("consumed")

# %%
tf.train.Checkpoint(v=tf.Variable(0.0)).restore("pl/c-2").assert_nontrivial_match()
tf.train.Checkpoint(q=tf.Variable(0.0)).read("pl/c-2").assert_nontrivial_match()

# %%
try:
    tf.train.Checkpoint().read("pl/c-2").assert_nontrivial_match()
except AssertionError as e:
    print(str(e).split(" to <")[0])  # the rest is the object's address

# %%
step = tf.Variable(0, dtype=tf.int64)
mgr = tf.train.CheckpointManager(tf.train.Checkpoint(step=step), "every", max_to_keep=None,
                                 step_counter=step, checkpoint_interval=2)
for i in range(5):
    step.assign(i)
    print(i, mgr.save())
print(mgr.checkpoints)
print(mgr.save(checkpoint_number=tf.constant(42, tf.int64), check_interval=False))
