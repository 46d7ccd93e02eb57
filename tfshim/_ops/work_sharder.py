"""TF's work sharding on the CPU (tensorflow/core/util/work_sharder.cc over Eigen's
ThreadPoolDevice::parallelFor): how a kernel's units of work are split into shards. TF's random
kernels that split their outputs over threads skip their Philox stream per shard, so their values
depend on this split; tfshim reproduces it from the kernel's cost estimate and TF's intra-op
thread count (measured against TF 2.21's CPU kernels)."""

from __future__ import annotations

import os


def intra_op_threads() -> int:
    """TF's intra-op thread count: TF_NUM_INTRAOP_THREADS, else the schedulable CPUs."""
    env = os.environ.get("TF_NUM_INTRAOP_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def shard_block(total, cost, threads) -> int:
    """The units per shard of TF's Shard (Eigen's ThreadPoolDevice::parallelFor block size) for
    `total` units of `cost` cycles each on `threads` threads, or total when it runs one shard."""
    if total <= 1 or threads <= 1 or (total * cost - 100000) / 100000 + 0.9 < 2:
        return total
    block = min(total, max(-(-total // (4 * threads)), int(40000 / cost)))
    max_block = min(total, 2 * block)
    count = -(-total // block)
    best = count / (-(-count // threads) * threads)
    prev = count
    while best < 1.0 and prev > 1:
        coarser = -(-total // (prev - 1))
        if coarser > max_block:
            break
        coarser_count = -(-total // coarser)
        prev = coarser_count
        efficiency = coarser_count / (-(-coarser_count // threads) * threads)
        if efficiency + 0.01 >= best:
            block, count = coarser, coarser_count
            best = max(best, efficiency)
    return block
