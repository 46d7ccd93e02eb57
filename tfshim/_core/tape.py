"""Tapes and recording: which ops each active tape keeps, by tensor id.

Knows nothing of derivatives. An entry is (fn, inputs, outputs): `fn` is a hashable function of
the inputs' arrays returning a tuple of arrays; imperative_grad.py turns entries into gradients.
The stack of active tapes is this thread's, in context.py.
"""

from __future__ import annotations

from .context import _thread as _ctx


class Entry:
    """One recorded op: the function, its input tensors (kept for the backward pass), output ids."""

    __slots__ = ("fn", "inputs", "out_ids")

    def __init__(self, fn, inputs, outputs):
        self.fn = fn
        self.inputs = inputs
        self.out_ids = tuple(o._id for o in outputs)


class Tape:
    """What TF's C++ tape holds: watched ids, entries in execution order, watched variables."""

    __slots__ = ("persistent", "watch_accessed_variables", "watched", "entries", "variables",
                 "__weakref__")

    def __init__(self, persistent: bool, watch_accessed_variables: bool):
        self.persistent = persistent
        self.watch_accessed_variables = watch_accessed_variables
        self.watched: set[int] = set()
        self.entries: list[Entry] = []
        self.variables: dict[int, object] = {}

    def watch(self, t) -> None:
        self.watched.add(t._id)

    def watch_variable(self, v) -> None:
        self.watched.add(v._id)
        self.variables[v._id] = v

    def watched_variables(self) -> tuple:
        return tuple(self.variables[k] for k in sorted(self.variables))  # creation order, as TF


def active() -> list[Tape]:
    """The active tapes of this thread (an empty list when none: the one check ops make)."""
    return _ctx.tapes


def push(tape: Tape) -> None:
    _ctx.tapes.append(tape)


def pop(tape: Tape) -> None:
    _ctx.tapes.remove(tape)


def record(fn, inputs: tuple, outputs: tuple) -> None:
    """Record an op on every active tape that watches one of its inputs.

    Other recorders on the stack (forward accumulators, variable watchers) get `record_op`.
    """
    entry = None
    for tape in _ctx.tapes:
        if type(tape) is not Tape:
            tape.record_op(fn, inputs, outputs)
            continue
        watched = tape.watched
        for t in inputs:
            if t._id in watched:
                break
        else:
            continue
        if entry is None:
            entry = Entry(fn, inputs, outputs)
        tape.entries.append(entry)
        watched.update(entry.out_ids)


def record_backprop_only(fn, inputs: tuple, outputs: tuple) -> None:
    """Record on the tapes alone (TF's record_operation_backprop_only)."""
    saved = _ctx.tapes
    _ctx.tapes = [t for t in saved if type(t) is Tape]
    try:
        record(fn, inputs, outputs)
    finally:
        _ctx.tapes = saved


def record_forwardprop_only(fn, inputs: tuple, outputs: tuple) -> None:
    """Record on the forward accumulators and other recorders alone, not on the tapes (TF's
    record_operation_forwardprop_only)."""
    for recorder in _ctx.tapes:
        if type(recorder) is not Tape:
            recorder.record_op(fn, inputs, outputs)


def variable_accessed(variable) -> None:
    """A read of a trainable variable is a watch on tapes that watch accessed variables."""
    if not variable.trainable:
        return
    for tape in _ctx.tapes:
        if type(tape) is not Tape:
            tape.variable_accessed(variable)
        elif tape.watch_accessed_variables:
            tape.watch_variable(variable)


class Recorder:
    """Something other than a tape that sits on the stack and sees every recorded op."""

    hidden_by_stop_recording = True

    def record_op(self, fn, inputs: tuple, outputs: tuple) -> None:
        pass

    def variable_accessed(self, variable) -> None:
        pass


class stop_recording:
    """Context manager: no tape or accumulator of this thread records inside it."""

    def __enter__(self):
        self._saved = _ctx.tapes
        _ctx.tapes = [t for t in _ctx.tapes
                        if type(t) is not Tape and not t.hidden_by_stop_recording]

    def __exit__(self, *exc):
        _ctx.tapes = self._saved


class outer_only:
    """Context manager: only the recorders before `item` on the stack see what runs inside.

    A forward accumulator computes its JVPs in this scope, so accumulators and tapes nested
    inside it don't see them, while the ones around it do (nesting order decides who sees whom).
    """

    def __init__(self, item):
        self._item = item

    def __enter__(self):
        self._saved = _ctx.tapes
        k = next(i for i, t in enumerate(self._saved) if t is self._item)
        _ctx.tapes = self._saved[:k]

    def __exit__(self, *exc):
        _ctx.tapes = self._saved
