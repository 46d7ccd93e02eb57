"""TF's binomial sampler (tensorflow/core/kernels/random_binomial_op.cc) on Philox streams,
value for value: binomial inversion below count * p = 10, Hormann's BTRS from 10 on, q = 1 - p
used when p > 1/2 (the draw is then count minus a draw with q).

Output layout (the kernel's): the shape is [samples..., batch...], batch the broadcast shape of
counts and probs. The kernel walks output_idx = batch * samples_per_batch + sample and writes
flat position sample * num_batches + batch; each output reads its own stream, skipped from the
op's by 42 * output_idx Philox calls (inversion) or 256 * output_idx (BTRS). Every expression is
the kernel's float64 one, with products kept apart from the sums they feed (philox._product).
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from . import philox as P

_INVERSION_SKIP = 42  # Philox calls the kernel reserves per inversion output
_MAX_STEPS = 1 << 20
_MIN_LANES = 4096
_TAIL = np.array([0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
                  0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
                  0.0118967099458917, 0.0104112652619720, 0.00925546218271273,
                  0.00833056343336287])

# methods per batch member
_ZERO, _FULL, _INVERSION, _BTRS, _NAN = 0, 1, 2, 3, 4


def _stirling_tail(k):
    """stirling_approx_tail: the table below 10, the series from 10 on."""
    kp1sq = (k + 1) * (k + 1)
    series = (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)
    table = jnp.asarray(_TAIL)[jnp.clip(k, 0, 9).astype(jnp.int32)]
    return jnp.where(k <= 9, table, series)


_product = P._product


def _call(state, offset):
    """The 4 words of the Philox call `offset` (uint64) past the stream `state`. (A stream
    skipped per lane, then called, costs 10x: XLA's fusion repeats the rounds.)"""
    ctr = P.add128((state[2], state[3], state[4], state[5]), offset)
    return P.philox_rounds((state[0], state[1]), ctr)


def _binomial_one(state, offset, method, count, prob):
    """One draw (float64) of the kernel's inversion or BTRS with prob (p or q) from the stream
    `offset` calls past `state`.

    Step i of the loop is inversion's uniform i (element 1 - i % 2 of call i // 2: TF's UNIFORM
    takes a call's values last first) or BTRS's attempt i (call i: u element 1, v element 0)."""
    inversion = method == _INVERSION
    log1mp = jnp.log1p(-prob)
    stddev = jnp.sqrt(count * prob * (1 - prob))
    b = 1.15 + _product(2.53, stddev)
    a = -0.0873 + _product(0.0248, b) + _product(0.01, prob)
    c = _product(count, prob) + 0.5
    v_r = 0.92 - 4.2 / b
    r = prob / (1 - prob)
    alpha = (2.83 + 5.1 / b) * stddev
    m = jnp.floor((count + 1) * prob)
    m_term = _product(m + 0.5, jnp.log((m + 1) / (r * (count - m + 1))))
    m_tails = _stirling_tail(m), _stirling_tail(count - m)
    init = ((method != _INVERSION) & (method != _BTRS), jnp.int64(0), jnp.float64(0),
            jnp.float64(0))

    def step(s):
        _, i, geom_sum, res = s
        u0, u1 = P._uniform_pair(_call(state, offset + jnp.where(inversion, i // 2, i)
                                       .astype(jnp.uint64)))
        # inversion: sum geometric draws until they pass count
        geom = jnp.ceil(jnp.log(jnp.where(i % 2 == 0, u1, u0)) / log1mp)
        geom_sum = geom_sum + geom
        inv_done = geom_sum > count
        # BTRS
        u = u1 - 0.5
        us = 0.5 - jnp.abs(u)
        k = jnp.floor(_product(2 * a / us + b, u) + c)
        quick = (us >= 0.07) & (u0 <= v_r)
        reject = (k < 0) | (k > count)
        v = jnp.log(u0 * alpha / (a / (us * us) + b))
        bound = (m_term
                 + _product(count + 1, jnp.log((count - m + 1) / (count - k + 1)))
                 + _product(k + 0.5, jnp.log(r * (count - k + 1) / (k + 1)))
                 + m_tails[0] + m_tails[1] - _stirling_tail(k) - _stirling_tail(count - k))
        btrs_done = quick | (~reject & (v <= bound))
        done = jnp.where(inversion, inv_done, btrs_done)
        res = jnp.where(inversion, jnp.where(inv_done, res, res + 1), k)
        # TF's loops never end for a NaN or infinite count; here they stop after _MAX_STEPS.
        return done | (i + 1 >= _MAX_STEPS), i + 1, geom_sum, res

    return lax.while_loop(lambda s: ~s[0], step, init)[3]


@jax.jit
def _draws(state, offsets, methods, counts, probs):
    return jax.vmap(_binomial_one, in_axes=(None, 0, 0, 0, 0))(state, offsets, methods, counts,
                                                               probs)


@functools.partial(jax.jit, static_argnums=4)
def _lanes(counts, probs, samples, batches, lanes):
    """Per lane (flat output position, padded to `lanes`): its stream offset, method, count and
    the probability it samples with, as the kernel picks them in the parameters' dtype."""
    pos = jnp.arange(lanes, dtype=jnp.int64)
    batch, sample = pos % batches, pos // batches
    output_idx = (batch * samples + sample).astype(jnp.uint64)
    n, p = counts.reshape(-1)[batch], probs.reshape(-1)[batch]
    one = jnp.ones((), p.dtype)
    q = one - p
    low = p <= 0.5
    big = jnp.where(low, n * p, n * q) >= 10
    method = jnp.where(big, _BTRS, _INVERSION)
    method = jnp.where(jnp.isnan(p), _NAN, method)
    method = jnp.where(p >= 1, _FULL, method)
    method = jnp.where((n.astype(jnp.float64) <= 0) | (p <= 0), _ZERO, method)
    method = jnp.where(pos < samples * batches, method, _ZERO)
    offset = output_idx * jnp.where(method == _BTRS, jnp.uint64(P.SKIP),
                                    jnp.uint64(_INVERSION_SKIP))
    return offset, method, n.astype(jnp.float64), jnp.where(low, p, q).astype(jnp.float64), \
        ~low


@functools.partial(jax.jit, static_argnums=4)
def _finish(draw, method, count, flip, out_dtype):
    value = jnp.where(flip, count - draw, draw)
    value = jnp.where(method == _ZERO, 0.0, jnp.where(method == _FULL, count, value))
    value = jnp.where(method == _NAN, jnp.nan, value)
    out_dtype = np.dtype(out_dtype)
    if out_dtype.kind in "iu":
        # static_cast of a NaN or out-of-range double: x86's "integer indefinite" value (XLA
        # would saturate)
        info = np.iinfo(out_dtype)
        bad = ~((value > float(info.min) - 1) & (value < -float(info.min)))
        value = jnp.where(bad, float(info.min), value)
    elif out_dtype.itemsize < 4:
        value = value.astype(jnp.float32)  # Eigen's half from double goes through float
    return value.astype(out_dtype)


def binomial(state, counts, probs, shape, out_dtype):
    """TF's binomial draws of `shape` (ending with the broadcast shape of counts and probs, which
    come broadcast to it) from the stream `state`, in out_dtype. The sampler is compiled per
    power-of-two number of draws from _MIN_LANES on (its loop takes seconds to compile)."""
    batches = max(int(np.prod(counts.shape, dtype=np.int64)), 1)
    total = int(np.prod(shape, dtype=np.int64))
    samples = total // batches if batches else 0
    lanes = max(_MIN_LANES, 1 << max(total - 1, 0).bit_length())
    offsets, methods, n, p, flip = _lanes(counts, probs, np.int64(samples), np.int64(batches),
                                          lanes)
    draws = _draws(state, offsets, methods, n, p)
    return _finish(draws, methods, n, flip, np.dtype(out_dtype))[:total].reshape(shape)


def stateful_calls(shape, batch_shape) -> int:
    """The Philox calls StatefulRandomBinomial advances a generator by."""
    batches = int(np.prod(batch_shape, dtype=np.int64))
    samples = int(np.prod(shape[:len(shape) - len(batch_shape)], dtype=np.int64))
    return batches * 2 * 100 * (samples + 3) // 4
