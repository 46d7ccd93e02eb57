"""TF's parameterized truncated normal sampler (tensorflow/core/kernels/
parameterized_truncated_normal_op.cc, TruncatedNormalFunctorV2) on Philox streams.

Per batch member (means, stddevs, minvals, maxvals broadcast to the batch shape; the output
shape is [samples..., batch...]) the kernel flips the bounds when only the upper one is finite
or the mean lies above it, normalizes them, and picks one of three rejection samplers:

* normal draws kept when within the bounds (one Philox call per round: 4 float / 2 double
  candidates), when the bounds lie 1.3 standard deviations or more from the mean on one side;
* uniform proposals z in the bounds accepted when u <= exp((plus - z^2) / 2) (two calls per
  round: the z's, then the u's), when the interval is narrower than its cutoff;
* exponential proposals z = normMin - log(u0) / alpha, accepted when u1 <= exp(-x^2 / 2) and
  z < normMax (one call per round: 2 float / 1 double candidates), otherwise.

One shard reads one stream: the kernel walks outputs batch by batch (output_idx = batch *
samples_per_batch + sample, written at sample * num_batches + batch), each batch starting
with a fresh round after the last round the previous batch read from. Here a loop over chunks
of _ROUNDS rounds takes each batch's first accepted candidates in order (a running count).

TF's CPU kernel splits outputs over its thread pool (Eigen's parallelFor), each shard starting
from its own skip of the stream (2000 / values-per-call calls per output before it): the split
depends on the number of threads, taken as TF takes it (TF_NUM_INTRAOP_THREADS or the
schedulable CPUs). Float32 log and exp are evaluated in float64 and rounded (glibc's logf/expf
are within an ulp of those).
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from . import philox as P
from .work_sharder import intra_op_threads, shard_block

_ROUNDS = 256  # rounds evaluated per loop step
_MAX_ITERATIONS = 1000  # the kernel's kMaxIterations: its skip per shard is 2000 per output
# The kernel's cost per output for TF's Shard (Eigen's operation costs, AVX build): found where
# TF 2.21's CPU kernel starts and splits shards (float32 1123 outputs, float64 814, half 982).
_COST = {"float32": 187, "float64": 258, "float16": 214}
_MIN_LANES = 4096
_RANDN, _UNIFORM, _EXPONENTIAL = 0, 1, 2
_product = P._product


def _log(x, dtype):
    """Eigen's log in the draw's dtype: XLA's float64 log (equal to glibc's on 200,000 draws);
    float32 and half take it rounded (glibc's logf is within an ulp of that)."""
    if dtype == np.float64:
        return jnp.log(x)
    return jnp.log(x.astype(jnp.float64)).astype(jnp.float32).astype(dtype)


def _exp(x, dtype):
    if dtype == np.float64:
        return jnp.exp(x)
    return jnp.exp(x.astype(jnp.float64)).astype(jnp.float32).astype(dtype)


def _uniforms(w, dtype):
    """UniformDistribution's values of one call's words: [..., 4] (float, half) or [..., 2]."""
    if dtype == np.float64:
        return jnp.stack([P.u64_to_double(w[0], w[1]), P.u64_to_double(w[2], w[3])], -1)
    conv = P.u32_to_float if dtype == np.float32 else P.u16_to_half
    return jnp.stack([conv(x) for x in w], -1)


def _normals(w, dtype):
    """NormalDistribution's values of one call's words (sin before cos)."""
    if dtype == np.float64:
        return jnp.stack(P.box_muller_double(*w), -1)
    s0, c0 = P.box_muller_float(w[0], w[1])
    s1, c1 = P.box_muller_float(w[2], w[3])
    return jnp.stack([s0, c0, s1, c1], -1).astype(dtype)


def _pad4(x, fill):
    """[R, k] to [R, 4]: every round's candidates in the same number of slots."""
    if x.shape[-1] == 4:
        return x
    return jnp.concatenate([x, jnp.full(x.shape[:-1] + (4 - x.shape[-1],), fill, x.dtype)], -1)


def _calls(state, start, n):
    ctr = P.add128((state[2], state[3], state[4], state[5]),
                   start + jnp.arange(n, dtype=jnp.uint64))
    return P.philox_rounds((state[0], state[1]), ctr)


def _batch_constants(mean, stddev, minval, maxval):
    """The kernel's per-batch values, in the parameters' dtype."""
    dt = mean.dtype
    flip = (jnp.isinf(minval) & (minval < 0)) | (maxval < mean)
    minval, maxval = jnp.where(flip, maxval, minval), jnp.where(flip, minval, maxval)
    stddev = jnp.where(flip, -stddev, stddev)
    lo = (minval - mean) / stddev
    hi = (maxval - mean) / stddev
    four, two, half = (jnp.asarray(v, dt) for v in (4, 2, 0.5))
    sqrt_factor = jnp.sqrt(_product(lo, lo) + four)
    cutoff = two * _exp(half + _product(lo, lo - sqrt_factor) / four, dt) / (lo + sqrt_factor)
    k = jnp.asarray(1.3, dt)
    zero = jnp.zeros((), dt)
    randn = ((lo < -k) & (hi >= zero)) | ((hi > k) & (lo <= zero))
    regime = jnp.where(randn, _RANDN, jnp.where(hi - lo < cutoff, _UNIFORM, _EXPONENTIAL))
    return regime, lo, hi, stddev, mean


def _candidates(state, start, regime, lo, hi, stddev, mean, dtype):
    """_ROUNDS rounds from call `start`: values [R, 4] (already scaled) and acceptances."""
    dt = jnp.dtype(dtype)
    two = jnp.asarray(2, dt)

    def randn(_):
        z = _normals(_calls(state, start, _ROUNDS), dtype)
        ok = (z >= lo) & (z <= hi)
        return _pad4(z, 0), _pad4(ok, False)

    def uniform(_):
        w = _calls(state, start, 2 * _ROUNDS)
        zw = tuple(x[0::2] for x in w)
        uw = tuple(x[1::2] for x in w)
        diff = hi - lo
        plus = jnp.where(lo < 0, jnp.zeros((), dt), _product(lo, lo))
        z = _product(_uniforms(zw, dtype), diff) + lo
        g = (plus - _product(z, z)) / two
        ok = _uniforms(uw, dtype) <= _exp(g, dtype)
        return _pad4(z, 0), _pad4(ok, False)

    def exponential(_):
        r = _uniforms(_calls(state, start, _ROUNDS), dtype)
        alpha = (lo + jnp.sqrt(_product(lo, lo) + jnp.asarray(4, dt))) / two
        z = -_log(r[:, 0::2], dtype) / alpha + lo
        x = jnp.where(lo < alpha, alpha - z, lo - alpha)
        g = _exp(_product(-x, x) / two, dtype)
        ok = (r[:, 1::2] <= g) & (z < hi)
        return _pad4(z, 0), _pad4(ok, False)

    z, ok = lax.switch(regime, (randn, uniform, exponential), None)
    return _product(z, stddev) + mean, ok


@functools.partial(jax.jit, static_argnums=(8, 9))
def _sample(state, means, stddevs, minvals, maxvals, samples, batches, block, lanes, dtype):
    """The kernel's draws, as a flat [lanes] buffer (the first samples * batches are the
    output): shards of `block` outputs in turn, each from its own skip of the stream."""
    total = samples * batches
    per_value = 2 if dtype == np.float64 else 4  # UniformDistribution's values per call

    def shard_start(shard):
        start = shard * block
        skip = (start * 2 * _MAX_ITERATIONS + per_value - 1) // per_value
        return shard, start // samples, start % samples, skip.astype(jnp.uint64)

    def body(s):
        shard, b, done, ctr, out = s
        limit = jnp.minimum((shard + 1) * block, total)
        regime, lo, hi, sd, mean = _batch_constants(means[b], stddevs[b], minvals[b],
                                                    maxvals[b])
        vals, ok = _candidates(state, ctr, regime, lo, hi, sd, mean, dtype)
        vals, ok = vals.reshape(-1), ok.reshape(-1)
        count = jnp.cumsum(ok.astype(jnp.int64))
        need = jnp.minimum(samples - done, limit - (b * samples + done))
        take = ok & (count <= need)
        pos = jnp.where(take, (done + count - 1) * batches + b, lanes)
        out = out.at[pos].set(vals, mode="drop")
        finished = count[-1] >= need
        # the round holding the batch's last sample is the last one it reads
        last = jnp.argmax(take & (count == need)) // 4
        per_round = jnp.where(regime == _UNIFORM, 2, 1).astype(jnp.uint64)
        rounds = jnp.where(finished, last + 1, _ROUNDS).astype(jnp.uint64)
        done = done + jnp.minimum(count[-1], need)
        b, done = jnp.where(done == samples, b + 1, b), jnp.where(done == samples, 0, done)
        ctr = ctr + rounds * per_round
        nxt = shard_start(shard + 1)
        end = b * samples + done >= limit
        return tuple(jnp.where(end, n, c) for n, c in zip(nxt, (shard, b, done, ctr))) + (out,)

    init = shard_start(jnp.int64(0)) + (jnp.zeros(lanes, dtype),)
    return lax.while_loop(lambda s: s[0] * block < total, body, init)[4]


def _padded(x, lanes):
    x = x.reshape(-1)
    return jnp.concatenate([x, jnp.broadcast_to(x[:1], (lanes - x.shape[0],))])


def parameterized_truncated_normal(state, means, stddevs, minvals, maxvals, shape):
    """TF's draws of `shape` (ending with the parameters' broadcast shape, to which they come
    broadcast) from the stream `state`, in the parameters' dtype."""
    batches = max(int(np.prod(means.shape, dtype=np.int64)), 1)
    total = int(np.prod(shape, dtype=np.int64))
    if total == 0:
        return jnp.zeros(shape, means.dtype)
    lanes = max(_MIN_LANES, 1 << max(total - 1, 0).bit_length())
    params = [_padded(x, lanes) for x in (means, stddevs, minvals, maxvals)]
    block = shard_block(total, _COST[np.dtype(means.dtype).name], intra_op_threads())
    out = _sample(state, *params, np.int64(total // batches), np.int64(batches),
                  np.int64(block), lanes, np.dtype(means.dtype))
    return out[:total].reshape(shape)


def valid(means, stddevs, minvals, maxvals) -> bool:
    """The kernel's check: stddev > 0, minval < maxval and one bound finite, per batch."""
    return bool(np.all((stddevs > 0) & (minvals < maxvals)
                       & (np.isfinite(minvals) | np.isfinite(maxvals))))
