"""`strategy.run` for several replicas in one process (TF's mirrored_run.py).

Each replica runs `fn` in its own thread, one replica at a time, until it finishes or calls
`merge_call`; once every replica has stopped in `merge_call`, the merge function runs once in the
calling thread, in the cross-replica context, on the replicas' arguments grouped as PerReplica
values, and each replica resumes with its part of the result. Collectives (`all_reduce`,
`all_gather`) are merge calls, as in TF.

Eagerly each replica thread works on its own JAX device (`jax.default_device`), so the replicas'
arrays really live on different devices. Inside a tf.function the threads trace into the same
JAX trace as the caller: the whole step is one XLA computation (per-replica work unrolled, the
collectives sums of the replicas' traced values).
"""

from __future__ import annotations

import threading

import jax

from .._core import context, jax_internals, tf_logging
from .._core import polymorphic_function as _function
from . import distribute_lib
from .values import regroup, select_replica


class _Stop(BaseException):
    """Ends a replica thread whose sibling failed (it must not go on running `fn`)."""


class MirroredReplicaContext(distribute_lib.ReplicaContext):
    """The replica context of one replica thread: `merge_call` synchronises with the others."""

    def __init__(self, strategy, replica_id, thread):
        # Replica ids count across the cluster's workers (this worker's replicas are a run).
        super().__init__(strategy, strategy.extended._first_replica_id + replica_id)
        self._replica_id = replica_id
        self._thread = thread

    def merge_call(self, merge_fn, args=(), kwargs=None):
        distribute_lib._require_replica_context(self)
        t = self._thread
        t.merge_fn, t.merge_args, t.merge_kwargs = merge_fn, args, dict(kwargs or {})
        t.pause()
        if t.stop:
            raise _Stop()
        return t.merge_result


class _ReplicaThread(threading.Thread):
    def __init__(self, strategy, replica_id, device, fn, args, kwargs, parent):
        super().__init__(daemon=True)
        self.strategy, self.replica_id, self.device = strategy, replica_id, device
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.parent = parent  # (tapes, tracing, collector, jax trace) of the calling thread
        self.should_run, self.has_paused = threading.Event(), threading.Event()
        self.done, self.stop, self.error, self.result = False, False, None, None
        self.merge_fn = self.merge_args = self.merge_kwargs = self.merge_result = None

    def pause(self):
        self.has_paused.set()
        self.should_run.wait()
        self.should_run.clear()

    def resume(self):
        """Run this replica until it pauses in merge_call or finishes (called by the parent)."""
        self.has_paused.clear()
        self.should_run.set()
        self.has_paused.wait()

    def run(self):
        self.should_run.wait()
        self.should_run.clear()
        try:
            if self.stop:
                return
            tapes, tracing, collector, trace = self.parent
            st = context.thread_state()
            st.tapes, st.tracing, st.collector = list(tapes), tracing, collector
            placement = jax.default_device(self.device) if tracing is None and \
                self.device is not None else _nothing()
            with jax_internals.trace_scope(trace), placement, \
                    MirroredReplicaContext(self.strategy, self.replica_id, self):
                self.result = self.fn(*self.args, **self.kwargs)
        except _Stop:
            pass
        except BaseException as e:  # noqa: BLE001 - handed to the calling thread
            self.error = e
        finally:
            self.done = True
            self.has_paused.set()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def call_for_each_replica(strategy, devices, fn, args, kwargs):
    """Run `fn` once per replica (args and kwargs hold PerReplica values or shared ones) and
    regroup the results into PerReplica values. A tf.function `fn` is run as TF runs it: one
    tf.function around all the replicas."""
    if isinstance(fn, _function.Function):
        # The strategy keeps, per tf.function, the tf.function running all its replicas.
        cache = strategy.__dict__.setdefault("_replicated_functions", {})
        entry = cache.get(id(fn))
        if entry is None or entry[0] is not fn:
            python_fn = fn.python_function
            entry = (fn, _function.function(
                lambda *a, **k: call_for_each_replica(strategy, devices, python_fn, a, k)))
            cache[id(fn)] = entry
        return entry[1](*args, **kwargs)
    if context.tracing() is None:
        tf_logging.warn_first_n(
            5, "mirrored_run", "Using %s eagerly has significant overhead currently. We will "
            "be working on improving this in the future, but for now please wrap "
            "`call_for_each_replica` or `experimental_run` or `run` inside a tf.function to "
            "get the best performance." % type(strategy).__name__)
    st = context.thread_state()
    parent = (st.tapes, st.tracing, st.collector, jax_internals.current_trace())
    threads = [_ReplicaThread(strategy, i, d, fn, select_replica(i, args),
                              select_replica(i, kwargs), parent)
               for i, d in enumerate(devices)]
    for t in threads:
        t.start()
    try:
        while True:
            for t in threads:
                t.resume()
                if t.error is not None:
                    raise t.error
            if all(t.done for t in threads):
                break
            if any(t.done for t in threads):
                raise RuntimeError("Some replicas made a different number of "
                                   "replica_context().merge_call() calls.")
            merge_fn = threads[0].merge_fn
            m_args = regroup([t.merge_args for t in threads])
            m_kwargs = regroup([t.merge_kwargs for t in threads])
            with distribute_lib._mode(distribute_lib._ThreadMode(strategy, strategy, None)):
                merged = merge_fn(strategy, *m_args, **m_kwargs)
            for t in threads:
                t.merge_result = select_replica(t.replica_id, merged)
    finally:
        for t in threads:
            if not t.done:
                t.stop = True
                t.resume()
    return regroup([t.result for t in threads])
