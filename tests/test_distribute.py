"""tf.config's logical devices and tf.distribute's default strategy (the TF tier's program
distribute_default compares the printed behaviour with TF 2.21)."""

import subprocess
import sys
import textwrap

import pytest

import tfshim as tf

CONFIGS = "[tf.config.LogicalDeviceConfiguration()]"


def _run(code):
    """Runs `code` in a fresh process: JAX's device count is fixed once its backends start."""
    code = textwrap.dedent(code).replace("CONFIGS", CONFIGS)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    return res.stdout.split()


def test_a_cpu_split_into_logical_devices_is_jaxs_cpu_device_count():
    out = _run("""
        import jax, tfshim as tf
        print(len(tf.config.list_physical_devices()))  # starts JAX: nothing computed yet
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(cpu, CONFIGS * 3)
        print(len(tf.config.list_logical_devices("CPU")), len(jax.devices("cpu")))
        print(float(tf.reduce_sum(tf.ones([4]))))
        # The same configuration again is no change, as in TF.
        tf.config.set_logical_device_configuration(cpu, CONFIGS * 3)
        try:
            tf.config.set_logical_device_configuration(cpu, CONFIGS)
        except RuntimeError as e:
            print(str(e).replace(" ", "_"))
    """)
    assert out == ["1", "3", "3", "4.0",
                   "Virtual_devices_cannot_be_modified_after_being_initialized"]


def test_after_an_op_ran_the_configuration_is_fixed():
    out = _run("""
        import tfshim as tf
        tf.constant(1.) + 1.
        cpu = tf.config.list_physical_devices("CPU")[0]
        try:
            tf.config.set_logical_device_configuration(cpu, CONFIGS * 2)
        except RuntimeError as e:
            print(type(e).__name__)
    """)
    assert out == ["RuntimeError"]


def test_logical_device_configuration_defaults_and_unknown_devices():
    cfg = tf.config.LogicalDeviceConfiguration(memory_limit=1024)
    assert cfg == (1024, None, None)
    cpu = tf.config.list_physical_devices("CPU")[0]
    assert tf.config.experimental.get_virtual_device_configuration(cpu) is None
    bogus = tf.config.PhysicalDevice("/physical_device:CPU:7", "CPU")
    with pytest.raises(ValueError, match="Unrecognized device"):
        tf.config.get_logical_device_configuration(bogus)
    with pytest.raises(ValueError, match="Unrecognized device"):
        tf.config.experimental.set_virtual_device_configuration(
            bogus, [tf.config.experimental.VirtualDeviceConfiguration()])


def test_default_strategy_contexts_on_another_thread_are_their_own():
    import threading

    s = tf.distribute.get_strategy()
    seen = []

    def replica():
        seen.append((tf.distribute.get_replica_context().replica_id_in_sync_group,
                     tf.distribute.in_cross_replica_context()))

    def fn():
        t = threading.Thread(target=replica)
        t.start()
        t.join()
        return tf.distribute.get_replica_context()

    ctx = s.run(fn)
    assert ctx is not tf.distribute.get_replica_context()  # run's own context
    assert int(ctx.replica_id_in_sync_group) == 0
    assert seen == [(0, False)]  # the other thread is in the default replica context


def test_strategy_extended_reduce_to_and_value_context():
    s = tf.distribute.get_strategy()
    assert isinstance(s, tf.distribute.Strategy)
    assert isinstance(s.extended, tf.distribute.StrategyExtended)
    assert isinstance(tf.distribute.get_replica_context(), tf.distribute.ReplicaContext)
    x = tf.constant([1.0, 2.0])
    assert s.extended.reduce_to("SUM", x, None) is x
    assert s.extended.batch_reduce_to(tf.distribute.ReduceOp.MEAN, [(x, None)]) == [x]
    ctx = tf.distribute.experimental.ValueContext(2, 4)
    assert (ctx.replica_id_in_sync_group, ctx.num_replicas_in_sync) == (2, 4)
    assert str(ctx) == "tf.distribute.ValueContext(replica id 2, total replicas in sync: 4)"
    assert tf.distribute.ReduceOp.from_variable_aggregation(
        tf.VariableAggregation.MEAN) is tf.distribute.ReduceOp.MEAN
    with pytest.raises(ValueError, match="Could not convert"):
        tf.distribute.ReduceOp.from_variable_aggregation(tf.VariableAggregation.NONE)


def test_importing_tfshim_starts_no_jax_backend():
    # Else tf.config.set_logical_device_configuration could never split the CPU.
    out = _run("""
        import tfshim
        from tfshim._core import jax_internals
        print(jax_internals.backends_started())
    """)
    assert out == ["False"]


def test_mirrored_strategy_on_four_logical_devices():
    # One process for all checks (each start costs seconds): data-parallel training equals
    # one-device training, eager and in tf.function; replicas run on their own devices.
    out = _run("""
        import os, tempfile
        import numpy as np, tfshim as tf
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(cpu, CONFIGS * 4)
        rng = np.random.RandomState(1)
        X, Y = rng.randn(24, 3).astype("float32"), rng.randn(24, 1).astype("float32")

        def train(strategy, compiled):
            with strategy.scope():
                k = tf.Variable(tf.ones([3, 1]), aggregation=tf.VariableAggregation.MEAN)
            data = strategy.experimental_distribute_dataset(
                tf.data.Dataset.from_tensor_slices((X, Y)).batch(12))

            def step_fn(x, y):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum(tf.square(tf.matmul(x, k) - y)) / 12.
                g = tf.distribute.get_replica_context().all_reduce("SUM", tape.gradient(loss, k))
                k.assign_sub(0.05 * g)
                return loss

            def step(x, y):
                return strategy.reduce("SUM", strategy.run(step_fn, args=(x, y)), axis=None)

            step = tf.function(step) if compiled else step
            losses = [float(step(x, y)) for _ in range(2) for x, y in data]
            return np.array(losses), k.numpy()

        ref_l, ref_k = train(tf.distribute.OneDeviceStrategy("/cpu:0"), False)
        for compiled in (False, True):
            l, k = train(tf.distribute.MirroredStrategy(), compiled)
            print(np.allclose(l, ref_l, rtol=1e-6), np.allclose(k, ref_k, rtol=1e-6))

        s = tf.distribute.MirroredStrategy()
        with s.scope():
            v = tf.Variable(1.)
        # A checkpoint restores every component.
        v.assign(4.)
        ckpt = tf.train.Checkpoint(v=v)
        path = ckpt.write(os.path.join(tempfile.mkdtemp(), "ckpt"))
        v.assign(0.)
        ckpt.restore(path)
        print(",".join(str(float(c)) for c in s.experimental_local_results(v)))
        dd = s.distribute_datasets_from_function(lambda ctx: tf.data.Dataset.range(8).batch(2))
        it = iter(dd)
        print(isinstance(dd, tf.distribute.DistributedDataset),
              isinstance(it, tf.distribute.DistributedIterator))
        x = next(iter(s.experimental_distribute_dataset(tf.data.Dataset.range(8).batch(8))))
        devs = s.run(lambda a: (a * 2).device + "|" + v.read_value().device, args=(x,))
        print(sorted(set(d[-1] + d.split("|")[1][-1] for d in devs.values)))
        # In a tf.function the replicas run in one program over the mesh, each on its device
        # (TF copies a tf.function's results to its device, CPU:0: a Known deviation).
        compiled = tf.function(lambda x: s.run(lambda a: a * 2, args=(x,)))(x)
        print(sorted(set(t.device[-1] for t in compiled.values)))
        def fn(a):
            g = tf.distribute.get_replica_context().all_reduce("SUM", tf.cast(a, tf.float32))
            v.assign_sub(g[0])
            return g
        f = tf.function(lambda a: s.run(fn, args=(a,)), jit_compile=True)
        hlo = f.experimental_get_compiler_ir(x)(stage="hlo")
        # One program: the mirrored variable one f32[4] array, the batch one s64[4,2] array,
        # over the 4-device mesh, the gradient sum an all-reduce.
        print("(f32[4]{0}, s64[4,2]{1,0})" in hlo, '#sdy.mesh<["replica"=4]>' in hlo,
              "all-reduce(" in hlo)
        f(x)
        print(sorted(set(c.device[-1] for c in v.values)), float(v))

        def uneven():
            if tf.distribute.get_replica_context().replica_id_in_sync_group == 0:
                tf.distribute.get_replica_context().merge_call(lambda s: None)
        for fn in (uneven, lambda: 1 // 0):
            try:
                s.run(fn)
            except (RuntimeError, ZeroDivisionError) as e:
                print(type(e).__name__)
        print(s.run(lambda: 7),
              isinstance(s.run(tf.constant, args=(1,)), tf.distribute.DistributedValues))
        rid = s.run(lambda: tf.distribute.get_replica_context().replica_id_in_sync_group)
        total = s.reduce("SUM", (rid, {"b": rid}), axis=None)  # a structure, as Keras reduces
        print(int(total[0]), int(total[1]["b"]))
    """)
    assert out == ["True", "True", "True", "True", "4.0,4.0,4.0,4.0", "True", "True",
                   "['00',", "'11',", "'22',", "'33']", "['0',", "'1',", "'2',", "'3']",
                   "True", "True", "True", "['0',", "'1',", "'2',", "'3']", "-8.0",
                   "RuntimeError", "ZeroDivisionError", "7", "True", "6", "6"]


def test_tpu_strategy_needs_tpu_devices_jax_sees():
    # Without TPU devices TF fails looking the TPU up (the Cloud TPU API, or an IndexError in
    # its TPU system query for "local"); tfshim raises ValueError saying why.
    assert not tf.config.list_physical_devices("TPU")
    with pytest.raises(ValueError, match="Please provide a TPU Name to connect to."):
        tf.distribute.TPUStrategy()
    with pytest.raises(ValueError, match="not attached to this host"):
        tf.distribute.cluster_resolver.TPUClusterResolver("my-tpu")
    resolver = tf.distribute.cluster_resolver.TPUClusterResolver("local")
    assert (resolver.master(), resolver.task_type, resolver.task_id) == ("", "worker", 0)
    with pytest.raises(ValueError, match="found no TPU devices"):
        tf.distribute.TPUStrategy(resolver)


def test_collectives_across_logical_cpu_devices_do_not_deadlock():
    # XLA's CPU client sizes its thread pool from NPROC when it starts; with fewer than ~2
    # threads per device an all-reduce across the devices deadlocks (on the 2-vCPU CI VM this
    # program aborted after 40 s in rendezvous.cc before tfshim set NPROC).
    out = _run("""
        import os, tfshim as tf
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(cpu, CONFIGS * 4)
        import jax, jax.numpy as jnp
        from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
        print(os.environ["NPROC"] == str(max(len(os.sched_getaffinity(0)), 8)))
        mesh = Mesh(jax.devices(), ("x",))

        @jax.jit
        def step(x, w):
            def local(a, w):
                return w - 0.01 * jax.lax.psum(a.T @ (a @ w), "x")
            return jax.shard_map(local, mesh=mesh, in_specs=(P("x"), P()), out_specs=P())(x, w)

        x = jax.device_put(jnp.ones((512, 256), jnp.float32), NamedSharding(mesh, P("x")))
        w = jax.device_put(jnp.full((256, 256), 0.001, jnp.float32), NamedSharding(mesh, P()))
        for _ in range(100):  # independent calls: many executions in flight
            r = step(x, w)
        print(round(float(r[0, 0]), 3))  # 0.001 - 0.01 * 4 * 128 * 0.256
    """)
    assert out == ["True", "-1.31"]
