"""The reverse sweep over a tape's entries (TF's imperative_grad), and its compiled and
vectorized forms.

`imperative_grad` runs the sweep op by op, each backward step an op that outer tapes record
(gradients of any order), or, when no tape is recording and the same tape structure repeats (a
training loop), as one cached jax.jit computation. `vectorized` runs it under jax.vmap over
one-hot seeds: the rows of tape.jacobian and tape.batch_jacobian. Each backward step is
op.backward, whatever the sweep.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from . import dtypes, errors, indexed_slices, op, tape
from .indexed_slices import IndexedSlices
from .tensor import wrap


def imperative_grad(entries, targets, seeds, sources) -> dict:
    """Cotangents of `sources` (by tensor id) from `seeds` at `targets`."""
    useful = _useful(entries, sources)
    if tape.active():  # outer tapes record each backward op: gradients of any order
        return _reverse(useful, targets, seeds)
    return _compiled_reverse(useful, targets, seeds, sources)


def _trainable(t) -> bool:
    return dtypes.from_numpy(t._value.dtype) in dtypes.TRAINABLE


_ADD = op.Fn(jnp.add)


def _add(a, b):
    """Sum two gradient contributions: sparse + sparse concatenates (as TF), else dense."""
    a_sparse, b_sparse = isinstance(a, IndexedSlices), isinstance(b, IndexedSlices)
    if a_sparse and b_sparse:
        # The sweep meets contributions last-first; TF lists them in execution order.
        return indexed_slices.concat(b, a)
    if a_sparse:
        a = indexed_slices.to_dense(a)
    if b_sparse:
        b = indexed_slices.to_dense(b)
    return op.apply(_ADD, [a, b])[0]


def _raw_add(a, b):
    """Sum two dense contributions inside a traced sweep: plain array addition."""
    return wrap(a._value + b._value)


_dense = indexed_slices.densify


def _useful(entries, sources) -> list:
    """The entries on a path from a source, in execution order."""
    reach = {s._id for s in sources}
    useful = []
    for e in entries:
        for t in e.inputs:
            if t._id in reach:
                useful.append(e)
                reach.update(e.out_ids)
                break
    return useful


def _reverse(useful, targets, seeds, raw: bool = False) -> dict:
    """Cotangents by tensor id from `seeds` at `targets`, flowing from outputs to inputs in
    reverse execution order and summed where uses meet. `raw`: inside jax.jit/vmap (see
    op.backward)."""
    add = _raw_add if raw else _add
    cts: dict = {}
    for t, s in zip(targets, seeds):
        cts[t._id] = s if t._id not in cts else add(cts[t._id], s)
    for e in reversed(useful):
        outs = [cts.get(i) for i in e.out_ids]
        if all(c is None for c in outs):
            continue
        if e.fn is not op.IDENTITY:  # a variable read passes sparse gradients through
            outs = [_dense(c) for c in outs]  # other backward rules take dense cotangents
        for t, g in zip(e.inputs, op.backward(e, outs, raw)):
            if g is not None:
                old = cts.get(t._id)
                cts[t._id] = g if old is None else add(old, g)
    return cts


class _Slot:
    """A stand-in tensor inside a compiled backward pass: a slot number and a traced value."""

    __slots__ = ("_id", "_value")

    def __init__(self, slot, value):
        self._id, self._value = slot, value


class _SlotEntry:
    __slots__ = ("fn", "inputs", "out_ids")

    def __init__(self, fn, inputs, out_ids):
        self.fn, self.inputs, self.out_ids = fn, inputs, out_ids


_seen: dict = {}  # tape structure -> times seen, then its compiled backward pass
_SEEN_LIMIT = 4096


def _compiled_reverse(useful, targets, seeds, sources) -> dict:
    """The reverse pass as one cached jax.jit computation when the same tape structure repeats.

    A training loop records the same op sequence every step. The structure (recorded functions,
    how outputs feed inputs, dtypes) is the cache key; the second time a structure is seen its
    whole backward pass is compiled once, and from then on each gradient() is one XLA call.
    Structures seen once run op by op, so one-off gradients pay no compile time.
    """
    slots: dict = {}
    values: list = []
    value_slots: list = []
    valued: set = set()

    def slot(i):
        k = slots.get(i)
        if k is None:
            k = slots[i] = len(slots)
        return k

    shape = []
    for e in useful:
        fn = e.fn
        if getattr(fn, "rule", None) is not None or not getattr(fn, "cacheable", True):
            # A rule runs tf ops of its own (sparse gradients, custom_gradient's Python): op
            # by op.
            return _reverse(useful, targets, seeds)
        ins = []
        for t in e.inputs:
            k = slot(t._id)
            if k not in valued:  # the first use passes its value in
                valued.add(k)
                values.append(t._value)
                value_slots.append(k)
            ins.append(k)
        shape.append((fn, tuple(ins), tuple(slot(i) for i in e.out_ids)))
    target_slots = tuple(slot(t._id) for t in targets)
    source_slots = tuple(slot(s._id) for s in sources)
    key = (tuple(shape), tuple(value_slots), target_slots, source_slots,
           tuple(v.dtype for v in values), tuple(s._value.dtype for s in seeds))
    try:
        state = _seen.get(key)
    except TypeError:  # an unhashable recorded function: op by op
        return _reverse(useful, targets, seeds)
    if state is None or state == 1:
        if len(_seen) > _SEEN_LIMIT:
            _seen.clear()
        _seen[key] = 1 if state is None else _build_reverse(shape, value_slots, target_slots,
                                                            source_slots)
        if state is None:
            return _reverse(useful, targets, seeds)
        state = _seen[key]
    run, connected = state
    grads = run(values, [s._value for s in seeds])
    out = {}
    it = iter(grads)
    for s, c in zip(sources, connected):
        if c:
            out[s._id] = wrap(next(it))
    return out


def _build_reverse(shape, value_slots, target_slots, source_slots):
    connected: list = []

    def run(values, seeds):
        by_slot = dict(zip(value_slots, values))
        entries = [_SlotEntry(fn, [_Slot(k, by_slot[k]) for k in ins], outs)
                   for fn, ins, outs in shape]
        targets = [_Slot(k, None) for k in target_slots]
        cts = _reverse(entries, targets, [wrap(s) for s in seeds], raw=True)
        connected[:] = [k in cts for k in source_slots]
        return [cts[k]._value for k in source_slots if k in cts]

    jitted = jax.jit(run)
    return jitted, connected


def vectorized(entries, target, sources, batch: bool) -> list:
    """The reverse sweep vmapped over one-hot seeds: jacobian (or batch_jacobian) rows.

    TF computes these in a pfor loop it stages as a function, so an op without a registered
    gradient surfaces as a StagingError around TF's LookupError.
    """
    useful = _useful(entries, sources)
    tshape = tuple(target._value.shape)
    n = int(np.prod(tshape[1:] if batch else tshape, dtype=np.int64))
    connected = []

    def one(seed):
        seed = seed.reshape(tshape)
        cts = _reverse(useful, [target], [wrap(seed)] if _trainable(target) else [], raw=True)
        connected[:] = [s._id in cts and _trainable(s) for s in sources]
        return tuple(cts[s._id]._value if c else jnp.zeros(()) for s, c in
                     zip(sources, connected))

    dt = target._value.dtype
    if batch:
        eye = jnp.eye(n, dtype=dt).reshape((n, 1) + tshape[1:])
        seeds = jnp.broadcast_to(eye, (n,) + tshape)
    else:
        seeds = jnp.eye(n, dtype=dt).reshape((n,) + tshape)
    try:
        rows = jax.vmap(one)(seeds) if n else None
    except LookupError as e:
        raise errors.StagingError.framing(e) from None
    out = []
    for k, s in enumerate(sources):
        if n == 0:
            out.append(wrap(jnp.zeros(tshape + tuple(s._value.shape), s._value.dtype)))
            continue
        if not connected[k]:
            out.append(None)
            continue
        r = rows[k]  # (n, *source.shape)
        if batch:
            b = tshape[0]
            r = jnp.moveaxis(r.reshape((n, b) + tuple(s._value.shape[1:])), 0, 1)
            out.append(wrap(r.reshape(tshape + tuple(s._value.shape[1:]))))
        else:
            out.append(wrap(r.reshape(tshape + tuple(s._value.shape))))
    return out
