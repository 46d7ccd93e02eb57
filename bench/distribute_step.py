"""A data-parallel training step on 1, 2 and 4 logical CPU devices: tfshim's MirroredStrategy
(`strategy.run` in a tf.function, gradients all-reduced, MEAN-aggregated variables; since
2026-11-29 one `shard_map` program over the devices' mesh) against hand-written JAX with
`jax.shard_map` (the batch sharded over a Mesh of the logical devices, `lax.psum`: the same
layout as tfshim's compiled step) and with everything in one jitted program on one device (each
replica's share of the batch unrolled, gradients summed: tfshim's layout before).

    PYTHONPATH=. python bench/distribute_step.py [--json OUT]

Each device count runs in its own process (the CPU's logical device count is fixed when JAX's
backend starts); within a process the columns run side by side, their timed loops interleaved,
median of 21. Besides wall time per step, each case's CPU time of the calling (Python) thread
per step: on the shared VM wall times move with the load, while this one measures what the
caller spends dispatching a step (tfshim's tf.function call path against a bare jax.jit call),
which the load hardly changes. `--small` runs a 8x8 layer on a batch of 32, where the program
is short and the per-step overhead shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

D, BATCH, LR = 256, 512, 0.01

WORKER = r"""
import json, sys, time
import numpy as np
import tfshim as tf
N, D, BATCH, LR = %d, %d, %d, %r
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * N)
import jax, jax.numpy as jnp

rng = np.random.RandomState(0)
X = rng.randn(BATCH, D).astype("float32")
Y = rng.randn(BATCH, D).astype("float32")
W0 = (rng.randn(D, D) * 0.01).astype("float32")

# Median microseconds per call of each (fn, sync) case (wall, and CPU time of this thread),
# their timed loops interleaved so that the machine's load falls on all alike.
def timed(cases, repeat=21, target=0.1):
    loops = []
    for fn, sync in cases:
        sync(fn())
        n, t0 = 1, time.perf_counter()
        while time.perf_counter() - t0 < 0.05:
            sync(fn()); n += 1
        loops.append(max(1, int(target * n / (time.perf_counter() - t0))))
    times = [[] for _ in cases]
    cpu = [[] for _ in cases]
    for _ in range(repeat):
        for (fn, sync), n, out, c in zip(cases, loops, times, cpu):
            t0, c0 = time.perf_counter(), time.thread_time()
            for _ in range(n):
                sync(fn())
            out.append((time.perf_counter() - t0) / n)
            c.append((time.thread_time() - c0) / n)
    med = lambda t: sorted(t)[len(t) // 2] * 1e6
    return [med(t) for t in times], [med(c) for c in cpu]

# tfshim: MirroredStrategy, the step in a tf.function.
s = tf.distribute.MirroredStrategy()
with s.scope():
    w = tf.Variable(W0, aggregation=tf.VariableAggregation.MEAN)
x, y = next(iter(s.experimental_distribute_dataset(
    tf.data.Dataset.from_tensor_slices((X, Y)).batch(BATCH))))

def step_fn(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(tf.tanh(tf.matmul(x, w)) - y)) / BATCH
    g = tf.distribute.get_replica_context().all_reduce("SUM", tape.gradient(loss, w))
    w.assign_sub(LR * g)
    return loss

@tf.function
def train_step(x, y):
    return s.reduce("SUM", s.run(step_fn, args=(x, y)), axis=None)


# JAX: everything in one jitted program on one device (each replica's share of the batch
# unrolled, gradients summed: tfshim's compiled step before it became a shard_map program).
xj, yj, wj = jnp.asarray(X), jnp.asarray(Y), [jnp.asarray(W0)]

def local_grad(w, x, y):
    return jax.value_and_grad(lambda w: jnp.sum(jnp.square(jnp.tanh(x @ w) - y)) / BATCH)(w)

@jax.jit
def jstep(w, x, y):
    per = BATCH // N
    parts = [local_grad(w, x[i * per:(i + 1) * per], y[i * per:(i + 1) * per]) for i in range(N)]
    g = sum(p[1] for p in parts)
    return w - LR * g, sum(p[0] for p in parts)

def jax_call():
    wj[0], loss = jstep(wj[0], xj, yj)
    return loss

# JAX: shard_map over the logical devices, gradients psum-ed across them (tfshim's layout; its
# step also all-reduces the MEAN-aggregated update, as TF's does: one more all-reduce).
from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
mesh = Mesh(jax.devices(), ("x",))

@jax.jit
def sstep(w, x, y):
    def local(w, x, y):
        loss, g = local_grad(w, x, y)
        return w - LR * jax.lax.psum(g, "x"), jax.lax.psum(loss, "x")
    return jax.shard_map(local, mesh=mesh, in_specs=(P(), P("x"), P("x")),
                         out_specs=(P(), P()))(w, x, y)

xs, ys = (jax.device_put(a, NamedSharding(mesh, P("x"))) for a in (X, Y))
ws = [jax.device_put(W0, NamedSharding(mesh, P()))]

def shard_call():
    ws[0], loss = sstep(ws[0], xs, ys)
    return loss

(shim, jx, sm), (shim_cpu, jx_cpu, sm_cpu) = timed([
    (lambda: train_step(x, y), lambda out: out.numpy()),
    (jax_call, lambda out: out.block_until_ready()),
    (shard_call, lambda out: out.block_until_ready())])
print(json.dumps({"devices": N, "tfshim_us": shim, "jax_us": jx, "shard_map_us": sm,
                  "tfshim_thread_cpu_us": shim_cpu, "jax_thread_cpu_us": jx_cpu,
                  "shard_map_thread_cpu_us": sm_cpu}))
"""


def main():
    d, batch = (8, 32) if "--small" in sys.argv else (D, BATCH)
    rows = []
    for n in (1, 2, 4):
        res = subprocess.run([sys.executable, "-c", WORKER % (n, d, batch, LR)],
                             capture_output=True, text=True, env=dict(os.environ))
        if res.returncode:
            sys.exit(res.stderr[-3000:])
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print("devices=%d done" % n, file=sys.stderr)
    print("| logical CPU devices | tfshim MirroredStrategy (us/step) "
          "| JAX jit, one device (us/step) | JAX shard_map (us/step) | tfshim/jax "
          "| tfshim/shard_map |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| %d | %s | %s | %s | %.2fx | %.2fx |" % (
            r["devices"], format(round(r["tfshim_us"]), ","), format(round(r["jax_us"]), ","),
            format(round(r["shard_map_us"]), ","), r["tfshim_us"] / r["jax_us"],
            r["tfshim_us"] / r["shard_map_us"]))
    print()
    print("| logical CPU devices | calling thread's CPU per step (us): tfshim | JAX jit "
          "| JAX shard_map | tfshim - shard_map (us) |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| %d | %d | %d | %d | %d |" % (
            r["devices"], r["tfshim_thread_cpu_us"], r["jax_thread_cpu_us"],
            r["shard_map_thread_cpu_us"],
            r["tfshim_thread_cpu_us"] - r["shard_map_thread_cpu_us"]))
    if "--json" in sys.argv:
        out = sys.argv[sys.argv.index("--json") + 1]
        with open(out, "w") as f:
            json.dump({"date": time.strftime("%Y-%m-%dT%H:%M"), "D": d, "batch": batch,
                       "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
