# tf.train.Checkpoint: keys, reader values, status assertions, errors and warnings; object-graph
# keys and matching (root=, shared objects, generators, names with "/" and "."), restore() of
# write() checkpoints, delayed restoration, checkpoint_interval.
import gc
import os
import pathlib
import tempfile

import numpy as np
import tensorflow as tf

os.chdir(tempfile.mkdtemp())  # relative paths below: nothing printed depends on the temp dir


class Dense(tf.Module):
    def __init__(self, n):
        super().__init__()
        self.w = tf.Variable(tf.reshape(tf.range(3 * n, dtype=tf.float32), (3, n)), name="w")
        self.b = tf.Variable(tf.zeros([n]), name="b")


class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.layers = [Dense(2), Dense(1)]
        self.config = {"scale": tf.Variable(2.5, dtype=tf.float64), "name/with.dots": tf.Variable(1)}
        self.words = tf.Variable(["a", "bc"])


def keys(path):
    return [name for name, _ in tf.train.list_variables(path)]

# %%
net = Net()
ckpt = tf.train.Checkpoint(model=net, step=tf.Variable(7, dtype=tf.int64))
path = ckpt.save("plain/ckpt")
print(path, ckpt.save_counter.numpy())
for name, shape in tf.train.list_variables(path):
    print(name, shape)

# %%
reader = tf.train.load_checkpoint("plain")
print(reader.get_tensor("model/config/scale/.ATTRIBUTES/VARIABLE_VALUE"))
print(reader.get_tensor("model/words/.ATTRIBUTES/VARIABLE_VALUE"))
print(sorted((k, v.name) for k, v in reader.get_variable_to_dtype_map().items()))
print(reader.has_tensor("step/.ATTRIBUTES/VARIABLE_VALUE"), reader.has_tensor("nope"))
print(tf.train.load_variable("plain/ckpt-1", "model/layers/0/w/.ATTRIBUTES/VARIABLE_VALUE"))
print(tf.train.latest_checkpoint("plain"), tf.train.latest_checkpoint("missing"))

# %%
state = tf.train.get_checkpoint_state("plain")
print(state.model_checkpoint_path, list(state.all_model_checkpoint_paths))
print(open("plain/checkpoint").read())

# %%
reader.get_tensor("nope")

# %%
fresh = Net()
fresh.layers[0].w.assign(tf.zeros([3, 2]))
status = tf.train.Checkpoint(model=fresh, step=tf.Variable(0, dtype=tf.int64)).restore(path)
print(status.assert_consumed() is status)
print(fresh.layers[0].w.numpy(), fresh.config["name/with.dots"].numpy())

# %%
partial = tf.train.Checkpoint(model=Net())
status = partial.restore(path)
status.assert_existing_objects_matched()
print("existing matched")
status.assert_consumed()

# %%
del status, partial
gc.collect()
print("collected")

# %%
extra = Net()
extra.more = tf.Variable(1.0)
status = tf.train.Checkpoint(model=extra, step=tf.Variable(0, dtype=tf.int64)).restore(path)
status.expect_partial()
status.assert_existing_objects_matched()

# %%
print(tf.train.Checkpoint(model=Net()).restore(None).expect_partial() is not None)
tf.train.Checkpoint(model=Net()).restore(None).assert_consumed()

# %%
tf.train.Checkpoint(model=3)

# %%
tf.train.Checkpoint(model=Net()).restore("plain/ckpt")

# %%
wrong = Net()
wrong.layers[1].w = tf.Variable(tf.ones([3, 4]))
before = wrong.layers[0].w.numpy().copy()
try:
    tf.train.Checkpoint(model=wrong).read(path)
except ValueError as e:
    print(e)
print(wrong.layers[1].w.shape)

# %%
typed = Net()
typed.config["scale"] = tf.Variable(1.0, dtype=tf.float32)
tf.train.Checkpoint(model=typed).read(path)

# %%
# Delayed restoration: a module and a variable added after restore() get their saved values.
later = Net()
del later.layers
ck = tf.train.Checkpoint(model=later)
status = ck.read(path)
later.layers = [Dense(2), Dense(1)]
print(later.layers[0].w.numpy())
print(ck.save_counter)

# %%
manager = tf.train.CheckpointManager(ckpt, "managed", max_to_keep=2, checkpoint_name="m")
for _ in range(4):
    print(manager.save())
print(manager.checkpoints, manager.latest_checkpoint)
print(sorted(os.listdir("managed")))
print(manager.save(checkpoint_number=100))

# %%
again = tf.train.CheckpointManager(tf.train.Checkpoint(model=Net()), "managed", max_to_keep=3)
print(again.checkpoints, again.latest_checkpoint, again.directory)
print(again.restore_or_initialize())

# %%
tf.train.CheckpointManager(ckpt, "x", max_to_keep=0)

# %%
opts = tf.train.CheckpointOptions(experimental_io_device="/job:localhost")
print(opts.experimental_io_device, opts.experimental_enable_async_checkpoint)
print(ckpt.write("written/w", options=opts))
print(tf.train.Checkpoint(model=Net()).read("written/w", options=opts).assert_consumed() is not None)

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

# %%
# A variable created on a tf.function's first call (a lazily built layer) gets its saved value.
class Lazy(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = None

    @tf.function
    def __call__(self, x):
        if self.w is None:
            self.w = tf.Variable(tf.ones([2]))
        return x * self.w


built = Lazy()
built(tf.constant([1.0, 1.0]))
built.w.assign([5.0, 6.0])
lazy_path = tf.train.Checkpoint(layer=built).write("lazy")
fresh_layer = Lazy()
status = tf.train.Checkpoint(layer=fresh_layer).read(lazy_path)
print(fresh_layer(tf.constant([1.0, 2.0])), fresh_layer.w.numpy())
status.assert_consumed()
print("consumed")

# %%
# A module's lists and dicts are TF's wrappers; a restore follows their appends.
class Stack(tf.Module):
    def __init__(self):
        super().__init__()
        self.layers = []
        self.named = {}
        self.sizes = [1, [2, 3]]


stack = Stack()
stack.layers.append(Dense(1))
stack.named["head"] = tf.Variable(4.0)
print(repr(stack.sizes), repr(stack.layers[:0]), str(stack.named)[:1], type(stack.named).__name__)
stack_path = tf.train.Checkpoint(stack=stack).write("stack")
print(keys(stack_path))
later_stack = Stack()
status = tf.train.Checkpoint(stack=later_stack).read(stack_path)
later_stack.layers.append(Dense(1))
later_stack.named["head"] = tf.Variable(0.0)
print(later_stack.layers[0].w.numpy().tolist(), later_stack.named["head"].numpy())
status.assert_consumed()
print("consumed")
# %%
# A delayed restoration whose saved value has another shape: a list or dict element keeps its
# own value (TF's wrappers swallow the ValueError), a plain attribute raises; status reprs.
import re

saved = tf.Module()
saved.items = [tf.Variable([1.0, 2.0, 3.0])]
saved.table = {"a": tf.Variable([1.0, 2.0])}
saved.attr = tf.Variable([4.0, 5.0])
shape_path = tf.train.Checkpoint(m=saved).write("shapes/c")
late = tf.Module()
late.items, late.table = [], {}
status = tf.train.Checkpoint(m=late).read(shape_path)
late.items.append(tf.Variable(tf.zeros([1, 3])))
late.table["a"] = tf.Variable(tf.zeros([2, 1]))
print(late.items[0].numpy(), late.table["a"].numpy())
try:
    late.attr = tf.Variable(tf.zeros([3]))
except ValueError as e:
    print("ValueError:", e)
print(re.sub("0x[0-9a-f]+", "ADDR", repr(status)))
print(re.sub("0x[0-9a-f]+", "ADDR", repr(tf.train.Checkpoint(m=late).restore(None))))
