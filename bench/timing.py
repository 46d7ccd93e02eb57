"""Timing and synchronisation helpers shared by the workloads and the runner.

A measurement is the median over `repeat` timed loops of the time per iteration. Each loop runs
`number` iterations, `number` chosen after warm-up so that one loop takes about `target_s`.
The runner interleaves the loops of a workload's variants (see Timer).
Every iteration ends with the framework's sync (block_until_ready / .numpy()), so a number is
the latency of one step whose result is ready, not the rate of asynchronous dispatch.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def _noop(_result) -> None:
    return None


@dataclass
class Case:
    """One workload on one implementation, ready to run.

    run: the step. Called as run(*args), or run(setup()) when setup is given.
    args: the step's inputs, passed on every call (not closed over, so that jax.jit and
        tf.function see arguments, not constants XLA could fold).
    sync: waits for run's result to be computed (called after every iteration).
    setup: per-iteration preparation that is not timed (e.g. record a tape, time the gradient).
    measure: a non-timing metric: called with no arguments, returns a number in `unit`.
    note: shown in the runner's notes (e.g. which activation an MLP used).
    also_sync: objects synced after every iteration besides run's result (e.g. variables that
        a training step updates but does not return).
    """

    run: Callable | None = None
    args: tuple = ()
    sync: Callable[[Any], None] = _noop
    setup: Callable[[], Any] | None = None
    measure: Callable[[], float] | None = None
    unit: str = "us"
    note: str = ""
    also_sync: Any = None


@dataclass
class Result:
    workload: str
    variant: str
    unit: str = "us"
    median: float | None = None  # per iteration, in `unit`
    min: float | None = None
    max: float | None = None
    samples: list = field(default_factory=list)  # one per repeat
    number: int = 0  # iterations per repeat
    warmup: int = 0  # iterations (or calls) before timing
    first_s: float | None = None  # the first call: tracing and compilation for compiled columns
    wall_s: float = 0.0  # time this measurement took, warm-up included
    status: str = "ok"  # ok | n/a | error
    reason: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.median is not None


class Timer:
    """Times one case: warm_up() once (compilation, calibration), then sample() per timed loop.

    The runner interleaves sample() calls of a workload's variants (round robin), so that slow
    drifts in machine load hit every column alike and the ratios stay meaningful.
    """

    def __init__(self, case: Case, *, target_s: float = 0.05, warmup_s: float = 0.2,
                 min_warmup: int = 2, max_warmup: int = 50, max_number: int = 100_000,
                 disable_gc: bool = False):
        self.case = case
        self.target_s, self.warmup_s = target_s, warmup_s
        self.min_warmup, self.max_warmup, self.max_number = min_warmup, max_warmup, max_number
        self.disable_gc = disable_gc
        self.number = 0
        self.warmup = 0
        run, sync, setup, args = case.run, case.sync, case.setup, case.args
        if case.also_sync is not None:
            extra, base_sync = case.also_sync, sync

            def sync(result):
                base_sync((result, extra))  # one wait for all

        self._run, self._sync, self._setup, self._args = run, sync, setup, args

    def once(self) -> float:
        """One iteration (setup untimed); its seconds."""
        clock = time.perf_counter
        if self._setup is not None:
            state = self._setup()
            t0 = clock()
            self._sync(self._run(state))
        else:
            t0 = clock()
            self._sync(self._run(*self._args))
        return clock() - t0

    def warm_up(self) -> None:
        """Run until warm (JIT compilation and caches happen here); choose iterations/loop."""
        clock = time.perf_counter
        start = clock()
        times = []
        while True:
            times.append(self.once())
            n = len(times)
            if n >= self.max_warmup or (n >= self.min_warmup
                                        and clock() - start >= self.warmup_s):
                break
        self.first_s = times[0]
        # Calibrate on a few iterations after the warm-up: the warm-up's own iterations may
        # all be compiling (an eager training step compiles its backward pass on its second
        # iteration), and a loop of 1 iteration would time the first step after another
        # column's loop, not the steady state. The fastest of them (one may have been hit by
        # load) sets the iterations per loop, so that a loop takes about target_s.
        per = min(self.once() for _ in range(3))
        self.warmup = n + 3
        self.number = max(1, min(self.max_number, int(self.target_s / max(per, 1e-9))))

    def sample(self) -> float:
        """One timed loop of `number` iterations: seconds per iteration."""
        run, sync, args, number = self._run, self._sync, self._args, self.number
        # No gc.collect() here: it empties JAX's weakref-keyed caches, which taxes the next call
        # (tfshim's eager jacobian: 1.5 -> 2.5 ms); the runner collects once before timing.
        gc_was_enabled = gc.isenabled()
        if self.disable_gc:
            gc.disable()
        try:
            if self._setup is not None:
                total = 0.0
                for _ in range(number):
                    total += self.once()
            else:
                clock = time.perf_counter
                t0 = clock()
                for _ in range(number):
                    sync(run(*args))
                total = clock() - t0
        finally:
            if gc_was_enabled:
                gc.enable()
        return total / number


def time_case(case: Case, *, repeat: int = 5, **kw) -> dict:
    """Warm up, calibrate, then time `repeat` loops of one case. Returns per-iteration seconds."""
    t = Timer(case, **kw)
    t.warm_up()
    gc.collect()
    samples = [t.sample() for _ in range(repeat)]
    return {"samples": samples, "number": t.number, "warmup": t.warmup}


def measure_case(case: Case, *, repeat: int = 3) -> dict:
    """A non-timing metric: the median of `repeat` calls of case.measure (it warms up itself)."""
    samples = [float(case.measure()) for _ in range(repeat)]
    return {"samples": samples, "number": 1, "warmup": 0}


def summarize(res: Result, raw: dict, scale: float) -> Result:
    samples = [s * scale for s in raw["samples"]]
    res.samples = samples
    res.median = statistics.median(samples)
    res.min = min(samples)
    res.max = max(samples)
    res.number = raw["number"]
    res.warmup = raw["warmup"]
    return res


# -------------------------------------------------------------------------------------------
# Synchronisation


def leaves(obj):
    """Flatten lists, tuples and dicts (None dropped)."""
    if obj is None:
        return
    if isinstance(obj, (list, tuple)):
        for x in obj:
            yield from leaves(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from leaves(x)
    else:
        yield obj


def sync_tfshim(result) -> None:
    """tfshim tensors and variables hold a jax.Array in `_value`: wait for them all at once.

    One jax.block_until_ready over the list, as sync_jax does: waiting array by array wakes
    the Python thread once per array while XLA still computes the others (about 20 us on an
    MLP step's six variables, on 2 cores), a cost the JAX columns do not pay.
    """
    import jax

    value = getattr(result, "_value", None)
    if value is not None:  # one tensor or variable: the call sync_jax makes on one array
        value.block_until_ready()
        return
    arrays = [getattr(leaf, "_value", leaf) for leaf in leaves(result)]
    jax.block_until_ready([a for a in arrays if hasattr(a, "block_until_ready")])


def make_sync_tf(tf):
    """Real TF: `.numpy()` on eager tensors (variables are updated synchronously on CPU)."""
    variable = tf.Variable

    def sync(result) -> None:
        for leaf in leaves(result):
            if not isinstance(leaf, variable) and hasattr(leaf, "numpy"):
                leaf.numpy()

    return sync


def sync_jax(result) -> None:
    import jax

    if isinstance(result, jax.Array):  # one array: its own wait, as sync_tfshim's
        result.block_until_ready()
        return
    jax.block_until_ready(result)


def fmt(value: float | None) -> str:
    """A table cell: 3 significant digits at least, no exponent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    return "%.2f" % value
