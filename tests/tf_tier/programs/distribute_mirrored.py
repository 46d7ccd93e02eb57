import tensorflow as tf
cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 4)
# %%
s = tf.distribute.MirroredStrategy()
print(type(s).__name__, s.num_replicas_in_sync)
print(s.extended.worker_devices)
print(s.extended.parameter_devices)
print(tf.distribute.MirroredStrategy(["/cpu:1", "/cpu:3"]).extended.worker_devices)
# %%
with s.scope():
    v = tf.Variable(1.)
    w = tf.Variable([1., 2.], aggregation=tf.VariableAggregation.MEAN, name="w")
    t = tf.Variable(0., aggregation=tf.VariableAggregation.SUM, name="t")
    print(tf.distribute.has_strategy(), tf.distribute.in_cross_replica_context(),
          tf.distribute.get_strategy() is s, tf.distribute.get_replica_context())
print(type(v).__name__, isinstance(v, tf.Variable), w.aggregation, w.name)
print(v)
# %%
w
# %%
r = s.run(lambda: tf.distribute.get_replica_context().replica_id_in_sync_group)
print(type(r).__name__, isinstance(r, tf.distribute.DistributedValues))
print(r)
# %%
r
# %%
print(s.reduce("SUM", r, axis=None), s.reduce(tf.distribute.ReduceOp.MEAN, tf.cast(r, tf.float32), axis=None))
print(s.experimental_local_results(r))
print(s.experimental_local_results(tf.constant(1.)))
# %%
def replica_fn(x):
    ctx = tf.distribute.get_replica_context()
    rid = tf.cast(ctx.replica_id_in_sync_group, tf.float32)
    total = ctx.all_reduce("SUM", x * rid)
    mean = ctx.all_reduce(tf.distribute.ReduceOp.MEAN, {"a": rid, "b": [rid * 2.]})
    return total, mean, ctx.num_replicas_in_sync
print(s.run(replica_fn, args=(tf.constant([1., 2.]),)))
# %%
print(s.run(lambda: tf.distribute.get_replica_context().all_gather(
    tf.reshape(tf.distribute.get_replica_context().replica_id_in_sync_group, [1]), axis=0)))
# %%
def merge(strategy, value):
    print(type(strategy).__name__, tf.distribute.in_cross_replica_context(), type(value).__name__)
    return strategy.reduce("SUM", value, axis=None)
print(s.run(lambda: tf.distribute.get_replica_context().merge_call(
    merge, args=(tf.distribute.get_replica_context().replica_id_in_sync_group,))))
# %%
pv = s.experimental_distribute_values_from_function(
    lambda ctx: tf.fill([2], ctx.replica_id_in_sync_group * 10 + ctx.num_replicas_in_sync))
print(pv)
print(s.gather(pv, axis=0))
print(s.reduce("MEAN", tf.cast(pv, tf.float32), axis=0))
print(s.reduce("SUM", pv, axis=0))
# %%
for batch in s.experimental_distribute_dataset(tf.data.Dataset.range(10).batch(4)):
    print(s.experimental_local_results(batch))
# %%
dd = s.experimental_distribute_dataset(tf.data.Dataset.range(10).batch(6))
print(type(dd).__name__)
for batch in dd:
    print([x.numpy().tolist() for x in batch.values])
# %%
it = iter(s.experimental_distribute_dataset(
    tf.data.Dataset.from_tensor_slices({"x": tf.range(8.), "y": tf.range(8) * 2}).batch(8)))
print(type(it).__name__)
print(next(it))
# %%
def dataset_fn(ctx):
    print(ctx.num_input_pipelines, ctx.input_pipeline_id, ctx.num_replicas_in_sync,
          ctx.get_per_replica_batch_size(8))
    return tf.data.Dataset.range(16).batch(ctx.get_per_replica_batch_size(8))
for batch in s.distribute_datasets_from_function(dataset_fn):
    print(s.experimental_local_results(batch))
# %%
s.run(lambda: v.assign(2.))
# %%
s.run(lambda: w.assign(tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group, tf.float32) * tf.ones([2])))
s.run(lambda: t.assign_add(1.))
print(w.numpy(), t.numpy())
s.run(lambda: w.assign_sub(tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group, tf.float32) * tf.ones([2])))
print(w.numpy(), v.numpy())
v.assign(5.)
print(v.numpy(), s.run(lambda: v * 1.))
# %%
print(s.reduce("SUM", tf.constant(2.), axis=None), s.reduce("MEAN", tf.constant(2.), axis=None))
# %%
@tf.function
def step(x):
    def fn(a):
        ctx = tf.distribute.get_replica_context()
        return ctx.all_reduce("SUM", a * tf.cast(ctx.replica_id_in_sync_group + 1, tf.float32))
    return s.run(fn, args=(x,))
print(step(tf.constant(1.)))
# %%
@tf.function
def reduce_step(x):
    per_replica = s.run(lambda a: a + tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group, tf.float32), args=(x,))
    return s.reduce("SUM", per_replica, axis=None)
print(reduce_step(tf.constant([1., 1.])))
# %%
# One program over the 4 devices: collectives, merge_call, aggregated and on-read variables.
with s.scope():
    vsum = tf.Variable(0., aggregation=tf.VariableAggregation.SUM)
    vfirst = tf.Variable(0, dtype=tf.int64, aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA)
    vnone = tf.Variable(0, dtype=tf.int64)
    vread = tf.Variable(0., synchronization=tf.VariableSynchronization.ON_READ, aggregation=tf.VariableAggregation.SUM)
plain = tf.Variable(10, dtype=tf.int64)
x8 = next(iter(s.experimental_distribute_dataset(tf.data.Dataset.range(8).batch(8))))
def one_program_fn(a, off):
    ctx = tf.distribute.get_replica_context()
    rid = tf.cast(ctx.replica_id_in_sync_group, tf.int64)
    vsum.assign_add(tf.cast(tf.reduce_sum(a), tf.float32))
    vfirst.assign_add(a[0] + 1)
    vnone.assign_add(rid)
    vread.assign_add(tf.cast(a[1], tf.float32))
    g = ctx.all_gather(a * 10, axis=0)
    m = ctx.merge_call(lambda st, v: st.experimental_local_results(v)[2] + plain, args=(a,))
    mean = ctx.all_reduce("MEAN", tf.cast(a, tf.float32))
    return a + off + plain, g, m, mean, rid, vread.read_value()
one_program = tf.function(lambda a, off: s.run(one_program_fn, args=(a, off)))
for _ in range(2):
    out = one_program(x8, tf.constant(100, tf.int64))
for o in out:
    print(o)
print(vsum.values, vfirst.values, vnone.values)
print(type(vread).__name__, vread.numpy(), [c.numpy() for c in vread.values], vread)
print([c.device for c in vsum.values])
print(tf.function(lambda: vread.read_value())(), s.reduce("SUM", out[4], axis=None))
vread.assign(8.)
print([c.numpy() for c in vread.values])
try:
    vread.assign_add(1.)
except ValueError as e:
    print("ValueError", e)
# %%
e = tf.distribute.experimental
print(repr(e.CommunicationImplementation.RING), list(e.CommunicationImplementation), e.CollectiveCommunication is e.CommunicationImplementation)
opts = e.CommunicationOptions(bytes_per_pack=50 * 1024 * 1024, timeout_seconds=120.0, implementation=e.CommunicationImplementation.NCCL)
print(opts, opts.bytes_per_pack, opts.timeout_seconds, opts.implementation)
print(e.CommunicationOptions(implementation="ring"))
hints = e.CollectiveHints(bytes_per_pack=10, timeout_seconds=1.)
print(hints, opts.merge(hints), hints.merge(None))
for bad in (dict(bytes_per_pack=-1), dict(implementation="x"), dict(implementation=3)):
    try:
        e.CommunicationOptions(**bad)
    except ValueError as err:
        print("ValueError", err)
print(s.run(lambda: tf.distribute.get_replica_context().all_reduce("SUM", tf.constant(2.), options=opts)))
print(issubclass(e.TPUStrategy, tf.distribute.Strategy), isinstance(s, e.MultiWorkerMirroredStrategy))
# %%
o = tf.distribute.OneDeviceStrategy("/cpu:1")
print(type(o).__name__, o.num_replicas_in_sync, o.extended.worker_devices)
with o.scope():
    u = tf.Variable(2.)
print(type(u).__name__)
print(o.run(lambda x: x + tf.distribute.get_replica_context().all_reduce("SUM", x), args=(tf.constant(1.),)))
print(o.reduce("SUM", tf.constant([1., 2.]), axis=0), o.experimental_local_results(tf.constant(1.)))
for batch in o.experimental_distribute_dataset(tf.data.Dataset.range(5).batch(2)):
    print(batch)
# %%
isinstance(s, tf.distribute.Strategy), isinstance(o, tf.distribute.Strategy)
# %%
try:
    tf.distribute.TPUStrategy()
except ValueError as e:
    print("ValueError", e)
print(tf.distribute.TPUStrategy.__name__, issubclass(tf.distribute.TPUStrategy, tf.distribute.Strategy))
print(issubclass(tf.distribute.cluster_resolver.TPUClusterResolver, tf.distribute.cluster_resolver.ClusterResolver))
# %%
w = tf.distribute.MultiWorkerMirroredStrategy()
print(type(w).__name__, isinstance(w, tf.distribute.Strategy), isinstance(s, tf.distribute.MultiWorkerMirroredStrategy))
print(type(w.extended).__name__, isinstance(w.extended, tf.distribute.StrategyExtended))
print(w.num_replicas_in_sync, w.extended.worker_devices, w.extended.parameter_devices)
print(w.extended.should_checkpoint, w.extended.should_save_summary, w.extended.experimental_between_graph)
cr = w.cluster_resolver
print(type(cr).__name__, cr.task_type, cr.task_id, cr.cluster_spec(), cr.rpc_layer, repr(cr.master()))
print(cr.num_accelerators(), isinstance(cr, tf.distribute.cluster_resolver.ClusterResolver))
with w.scope():
    wv = tf.Variable([1., 2.])
print(wv)
print(w.run(lambda x: tf.distribute.get_replica_context().all_reduce("SUM", x * wv), args=(tf.constant(3.),)))
print(w.reduce("MEAN", w.run(lambda: tf.distribute.get_replica_context().replica_id_in_sync_group), axis=None))
for batch in w.experimental_distribute_dataset(tf.data.Dataset.range(5).batch(2)):
    print(batch)
# %%
cs = tf.train.ClusterSpec({"worker": ["localhost:1", "localhost:2"], "chief": {0: "host:3"}, "ps": {1: "h:4"}})
print(cs, cs.jobs, cs.num_tasks("worker"), cs.task_indices("ps"), cs.task_address("worker", 1))
print(cs.job_tasks("ps"), cs.as_dict(), bool(cs), bool(tf.train.ClusterSpec({})), cs == tf.train.ClusterSpec(cs))
# %%
cs.task_address("worker", 5)
# %%
import json, os
os.environ["TF_CONFIG"] = json.dumps({"cluster": {"worker": ["localhost:1", "localhost:2"]}, "task": {"type": "worker", "index": 1}, "rpc_layer": "grpc"})
r = tf.distribute.cluster_resolver.TFConfigClusterResolver()
print(r.cluster_spec(), r.task_type, r.task_id, r.rpc_layer, r.master(), r.master("worker", 0, "grpc+x"))
print(tf.distribute.cluster_resolver.TFConfigClusterResolver(task_type="chief", task_id=0).task_type, r.environment)
del os.environ["TF_CONFIG"]
sr = tf.distribute.cluster_resolver.SimpleClusterResolver(cs, task_type="worker", task_id=0)
print(sr.cluster_spec(), sr.master(), sr.master("worker", 1, rpc_layer="grpc"), sr.num_accelerators())
# %%
for cfg in [{"cluster": {"worker": ["localhost:1"]}, "task": {"type": "ps", "index": 0}},
            {"cluster": {"worker": ["localhost:1"]}, "task": {"type": "worker", "index": 3}},
            {"cluster": {"worker": ["localhost:1"], "foo": ["x:1"]}, "task": {"type": "worker", "index": 0}},
            {"cluster": {"worker": ["localhost:1"]}},
            {"cluster": {"worker": ["localhost:1"], "ps": ["localhost:2"]}, "task": {"type": "ps", "index": 0}},
            {"cluster": {"chief": ["a:1", "b:2"], "worker": ["localhost:1"]}, "task": {"type": "worker", "index": 0}}]:
    os.environ["TF_CONFIG"] = json.dumps(cfg)
    try:
        tf.distribute.MultiWorkerMirroredStrategy()
    except ValueError as e:
        print("ValueError", e)
del os.environ["TF_CONFIG"]
# %%
xw = tf.distribute.experimental.MultiWorkerMirroredStrategy(communication=tf.distribute.experimental.CommunicationImplementation.RING)
print(isinstance(xw, tf.distribute.MultiWorkerMirroredStrategy), isinstance(w, tf.distribute.experimental.MultiWorkerMirroredStrategy), xw.num_replicas_in_sync)
# %%
plain = tf.Variable(1.)
print(plain.aggregation, plain.synchronization, plain.aggregation == tf.VariableAggregation.NONE)
with s.scope():
    m = tf.Variable(1.)
    on_read = tf.Variable(0., synchronization=tf.VariableSynchronization.ON_READ,
                          aggregation=tf.VariableAggregation.SUM)
print(m.aggregation, m.synchronization, on_read.synchronization, on_read.aggregation)
try:
    with s.scope():
        tf.Variable(1., synchronization=tf.VariableSynchronization.NONE, name="nosync")
except ValueError as e:
    print("ValueError", e)
# %%
for b in s.experimental_distribute_dataset(
        tf.data.Dataset.from_tensor_slices(["a", "b", "c", "d", "e"]).batch(5)):
    print(s.experimental_local_results(b))
# %%
# Variables created inside `run` (a lazy build): the first replica creates a MirroredVariable,
# the others get it back, as TF's shared variable creator does.
class Lazy(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = tf.Variable(tf.ones([2]) * 3.0, name="w")
        return x * self.w


made = []


def lazy_step(x):
    ctx = tf.distribute.get_replica_context()
    made.append((tf.Variable(1.0), tf.Variable(2.0, name="u")))
    return lazy(x + tf.cast(ctx.replica_id_in_sync_group, tf.float32))


with s.scope():
    lazy = Lazy()
    print(s.run(lazy_step, args=(tf.constant([1.0, 2.0]),)))
print(type(lazy.w).__name__, lazy.w.name, [c.name for c in lazy.w.values])
print(all(m[0] is made[0][0] and m[1] is made[0][1] for m in made), len(made),
      made[0][0].name, made[0][1].values[3].name, len(lazy.trainable_variables))
with s.scope():
    layer = tf.keras.layers.Dense(2, kernel_initializer="ones", bias_initializer="zeros")


def layer_step(x):
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(layer(x) ** 2)
    return y, tape.gradient(y, layer.trainable_variables)


y, g = s.run(layer_step, args=(tf.constant([[1.0, 2.0]]),))
print(s.reduce("SUM", y, axis=None), s.reduce("SUM", g[0], axis=None))
print([type(v.value).__name__ for v in layer.weights], layer.kernel.value.values[2].name)
