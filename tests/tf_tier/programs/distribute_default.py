import tensorflow as tf
cpus = tf.config.list_physical_devices("CPU")
print(cpus)
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 4)
# %%
print(tf.config.list_logical_devices("CPU"))
print(tf.config.get_logical_device_configuration(cpus[0]))
print(tf.config.list_physical_devices("CPU"))
# %%
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 2)
# %%
s = tf.distribute.get_strategy()
print(type(s).__name__, tf.distribute.has_strategy(), tf.distribute.in_cross_replica_context())
rc = tf.distribute.get_replica_context()
print(type(rc).__name__, rc.num_replicas_in_sync, rc.replica_id_in_sync_group)
print(s.num_replicas_in_sync, rc.strategy is s)
# %%
print(rc.all_reduce(tf.distribute.ReduceOp.SUM, tf.constant([1., 2.])))
print(rc.all_reduce("MEAN", [tf.constant(1.), tf.constant(3)]))
# %%
rc.all_gather(tf.constant([1., 2.]), axis=0)
# %%
rc.merge_call(lambda strat, x: (type(strat).__name__, x), args=(3,))
# %%
print(tf.distribute.ReduceOp.SUM, repr(tf.distribute.ReduceOp.MEAN), tf.distribute.ReduceOp("MEAN"))
print(tf.distribute.ReduceOp.SUM.value, list(tf.distribute.ReduceOp))
# %%
tf.distribute.ReduceOp("MAX")
# %%
print(s.run(lambda x: x * 2, args=(tf.constant(3.),)))
print(s.run(lambda x, y=1: x * y, args=(tf.constant(3.),), kwargs={"y": 4.}))
print(s.reduce("SUM", tf.constant([1., 2.]), axis=0), s.reduce("MEAN", tf.constant([1., 2.]), axis=None))
print(s.experimental_local_results(tf.constant(1.)))
# %%
s.extended.worker_devices
# %%
with s.scope():
    v = tf.Variable(1.)
    print(type(v).__name__, tf.distribute.get_strategy() is s, tf.distribute.has_strategy())
    print(tf.distribute.in_cross_replica_context(), type(tf.distribute.get_replica_context()).__name__)
print(v)
# %%
ic = tf.distribute.InputContext(num_input_pipelines=2, input_pipeline_id=1, num_replicas_in_sync=4)
print(ic.num_input_pipelines, ic.input_pipeline_id, ic.num_replicas_in_sync, ic.get_per_replica_batch_size(64))
print(tf.distribute.InputContext().num_replicas_in_sync)
# %%
ic.get_per_replica_batch_size(6)
# %%
@tf.function
def f(x):
    ctx = tf.distribute.get_replica_context()
    return ctx.all_reduce("SUM", x) + tf.cast(ctx.replica_id_in_sync_group, tf.float32)
print(f(tf.constant(2.)))
# %%
print(tf.distribute.get_strategy().experimental_distribute_values_from_function(lambda ctx: ctx.replica_id_in_sync_group))
print(s.gather(tf.constant([[1.], [2.]]), axis=0))
# %%
s.extended.parameter_devices
# %%
with s.scope():
    with s.scope():
        print(tf.distribute.has_strategy())
print(tf.distribute.has_strategy(), s.extended.should_checkpoint, s.extended.experimental_require_static_shapes)
# %%
rc.merge_call(lambda strat: tf.distribute.in_cross_replica_context())
# %%
print(s.reduce("MEAN", tf.constant([[1., 2.], [3., 5.]]), axis=0))
print(s.reduce(tf.distribute.ReduceOp.MEAN, tf.constant([[1., 2.], [3., 5.]]), axis=[0, 1]))
print(s.reduce("sum", tf.constant([[1, 2], [3, 5]]), axis=1))
# %%
s.reduce("MEAN", tf.constant([1., 2.]), axis=1)
# %%
s.run(lambda: s.reduce("SUM", tf.constant(1.), axis=None))
# %%
x = tf.Variable(3.)
with tf.GradientTape() as tape:
    y = tf.distribute.get_replica_context().all_reduce("SUM", x * x)
print(y, tape.gradient(y, x))
with tf.GradientTape() as tape:
    y = s.run(lambda: tf.distribute.get_replica_context().all_reduce("MEAN", {"a": x * 2.}))
print(y, tape.gradient(y, x))
# %%
@tf.function
def step(v):
    return s.run(lambda a: tf.distribute.get_replica_context().replica_id_in_sync_group + a, args=(v,))
print(step(tf.constant(5)))
# %%
tf.distribute.experimental_set_strategy(s)
print(tf.distribute.get_strategy() is s, tf.distribute.has_strategy())
tf.distribute.experimental_set_strategy(None)
print(tf.distribute.has_strategy())
# %%
print(tf.distribute.InputContext(3, 2, 6))
print(tf.distribute.get_replica_context().merge_call(lambda strat: tf.distribute.get_replica_context()))
# %%
def replica_local(next_creator, **kwargs):
    # A creator as Sonnet's snt.distribute.Replicator's: replica-local variables.
    print("replica_local", sorted(kwargs), kwargs["aggregation"], kwargs["trainable"])
    kwargs["synchronization"] = tf.VariableSynchronization.ON_READ
    if kwargs["aggregation"] == tf.VariableAggregation.NONE:
        kwargs["aggregation"] = tf.VariableAggregation.ONLY_FIRST_REPLICA
    if kwargs["trainable"] is None:
        kwargs["trainable"] = True
    return next_creator(**kwargs)


def named(next_creator, **kwargs):
    print("named", kwargs["name"])
    return next_creator(**kwargs)


with tf.variable_creator_scope(replica_local), tf.variable_creator_scope(named):
    plain = tf.Variable(1., name="plain")
print(type(plain).__name__, plain.synchronization, plain.aggregation, plain.trainable)
mirrored = tf.distribute.MirroredStrategy()
with mirrored.scope(), tf.variable_creator_scope(replica_local):
    local = tf.Variable([1., 2.])
print(type(local).__name__, local.synchronization, local.aggregation, local.trainable)
