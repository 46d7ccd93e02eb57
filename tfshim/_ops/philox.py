"""TF's Philox4x32-10 random streams in JAX (tensorflow/core/lib/random/philox_random.h,
random_distributions.h, random_op_cpu.h), value for value.

A stream is a uint32[6] vector: the Philox key (2 words) then its 128-bit counter (4 words, least
significant first). One Philox call turns (key, counter) into 4 uint32 and the counter advances
by one; TF's CPU kernels fill an output from consecutive calls, a distribution taking a fixed
number of uint32 per group of outputs (kResultElementCount), so element i of a uniform float32
draw is word i % 4 of call i // 4. Variable-sample distributions (truncated normal) start group
g's calls at counter + g * 256 * group / 4, as TF's FillPhiloxRandomTask does.

The uint32 -> float conversions are TF's bit patterns (23 / 52 / 10 / 7 random mantissa bits,
minus 1). Box-Muller evaluates log, sin and cos in float64 and rounds to float32, i.e. the
correctly rounded values of TF's float formula; glibc's logf / sincosf (TF's CPU kernel) are
within an ulp of those, so a normal draw can rarely be one ulp away from TF's.
"""

from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

_W32A, _W32B = 0x9E3779B9, 0xBB67AE85
_M4x32A, _M4x32B = 0xD2511F53, 0xCD9E8D57
SKIP = 256  # TF's kernels reserve 256 Philox calls per output element


def _mulhilo(a, b):
    p = a.astype(jnp.uint64) * jnp.uint64(b)
    return p.astype(jnp.uint32), (p >> jnp.uint64(32)).astype(jnp.uint32)


def philox_rounds(key, ctr):
    """Philox4x32-10 of counters ctr (4 arrays of uint32) under key (2 uint32 scalars)."""
    c0, c1, c2, c3 = ctr
    k0, k1 = key
    for i in range(10):
        if i:
            k0 = k0 + jnp.uint32(_W32A)
            k1 = k1 + jnp.uint32(_W32B)
        lo0, hi0 = _mulhilo(c0, _M4x32A)
        lo1, hi1 = _mulhilo(c2, _M4x32B)
        c0, c1, c2, c3 = hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0
    return c0, c1, c2, c3


def add128(ctr, offset):
    """The 128-bit counter (4 uint32 words, low first) plus offset (uint64 array)."""
    lo = ctr[0].astype(jnp.uint64) | (ctr[1].astype(jnp.uint64) << jnp.uint64(32))
    hi = ctr[2].astype(jnp.uint64) | (ctr[3].astype(jnp.uint64) << jnp.uint64(32))
    new_lo = lo + offset.astype(jnp.uint64)
    new_hi = hi + (new_lo < lo).astype(jnp.uint64)
    return (new_lo.astype(jnp.uint32), (new_lo >> jnp.uint64(32)).astype(jnp.uint32),
            new_hi.astype(jnp.uint32), (new_hi >> jnp.uint64(32)).astype(jnp.uint32))


def blocks(state, offsets):
    """Philox calls at counter + offsets (uint64 array): uint32 [*offsets.shape, 4]."""
    key = (state[0], state[1])
    ctr = add128((state[2], state[3], state[4], state[5]), offsets)
    return jnp.stack(philox_rounds(key, ctr), axis=-1)


def words(state, n_calls):
    """Philox calls at counter + 0 .. n_calls - 1 (n_calls < 2**32), as 4 uint32 arrays: word j
    of each call. The counter's carry is propagated in uint32 words."""
    i = jnp.arange(n_calls, dtype=jnp.uint32)
    c0 = state[2] + i
    carry = c0 < i
    c1 = state[3] + carry.astype(jnp.uint32)
    carry = carry & (c1 == 0)
    c2 = state[4] + carry.astype(jnp.uint32)
    carry = carry & (c2 == 0)
    c3 = state[5] + carry.astype(jnp.uint32)
    return philox_rounds((state[0], state[1]), (c0, c1, c2, c3))


def _stream(state, n_calls):
    return jnp.stack(words(state, n_calls), axis=-1)


def skip(state, delta):
    """The stream state with its counter advanced by delta calls (uint64)."""
    ctr = add128((state[2], state[3], state[4], state[5]), jnp.asarray(delta, jnp.uint64))
    return jnp.stack([state[0], state[1], *ctr]).astype(jnp.uint32)


# ---------------------------------------------------------------------------------------------
# TF's conversions (random_distributions.h)


def u32_to_float(x):
    return lax.bitcast_convert_type((x & jnp.uint32(0x7FFFFF)) | jnp.uint32(127 << 23),
                                    jnp.float32) - jnp.float32(1)


def u64_to_double(x0, x1):
    man = ((x0 & jnp.uint32(0xFFFFF)).astype(jnp.uint64) << jnp.uint64(32)) | x1.astype(jnp.uint64)
    return lax.bitcast_convert_type(man | jnp.uint64(1023 << 52), jnp.float64) - 1.0


def u16_to_half(x):
    bits = ((x & jnp.uint32(0x3FF)) | jnp.uint32(15 << 10)).astype(jnp.uint16)
    return lax.bitcast_convert_type(bits, jnp.float16) - jnp.float16(1)


def u16_to_bfloat16(x):
    bits = ((x & jnp.uint32(0x7F)) | jnp.uint32(127 << 7)).astype(jnp.uint16)
    return lax.bitcast_convert_type(bits, jnp.bfloat16) - jnp.bfloat16(1)


def box_muller_float(x0, x1):
    u1 = jnp.maximum(u32_to_float(x0), jnp.float32(1.0e-7))
    v1 = (2.0 * math.pi * u32_to_float(x1).astype(jnp.float64)).astype(jnp.float32)
    logf = jnp.log(u1.astype(jnp.float64)).astype(jnp.float32)
    u2 = jnp.sqrt(jnp.float32(-2.0) * logf)
    v = v1.astype(jnp.float64)
    return (jnp.sin(v).astype(jnp.float32) * u2, jnp.cos(v).astype(jnp.float32) * u2)


def box_muller_double(x0, x1, x2, x3):
    u1 = jnp.maximum(u64_to_double(x0, x1), 1.0e-7)
    v1 = 2 * math.pi * u64_to_double(x2, x3)
    u2 = jnp.sqrt(-2.0 * jnp.log(u1))
    return jnp.sin(v1) * u2, jnp.cos(v1) * u2


def _per_call(dtype) -> int:
    """Outputs per Philox call: 2 for 64-bit types, 4 otherwise."""
    return 2 if np.dtype(dtype).itemsize == 8 else 4


def _calls(n, dtype) -> int:
    return -(-n // _per_call(dtype))


def _shaped(x, shape):
    n = int(np.prod(shape, dtype=np.int64))
    return x.reshape(-1)[:n].reshape(shape)


# ---------------------------------------------------------------------------------------------
# TF's distributions: jitted per shape and dtype


@functools.partial(jax.jit, static_argnums=(1, 2))
def uniform(state, shape, dtype):
    """[0, 1) draws of a float dtype (UniformDistribution)."""
    dtype = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    w = words(state, _calls(n, dtype))
    if dtype == np.float64:
        out = [u64_to_double(w[0], w[1]), u64_to_double(w[2], w[3])]
    else:
        conv = {np.float32: u32_to_float, np.float16: u16_to_half}.get(dtype.type,
                                                                         u16_to_bfloat16)
        out = [conv(x) for x in w]
    return _shaped(jnp.stack(out, axis=-1), shape)


def _int_bits(state, n, dtype):
    """The raw bits of n draws of an integer dtype: uint32 words, or uint64 from pairs of them
    (low word first), as TF's integer distributions read them."""
    b = _stream(state, _calls(n, dtype))
    if dtype.itemsize == 8:
        return b[:, 0::2].astype(jnp.uint64) | (b[:, 1::2].astype(jnp.uint64) << jnp.uint64(32))
    return b


@functools.partial(jax.jit, static_argnums=(1, 2))
def full_int(state, shape, dtype):
    """Every value of an integer dtype (UniformFullIntDistribution)."""
    dtype = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    return _shaped(lax.bitcast_convert_type(_int_bits(state, n, dtype), dtype), shape)


@functools.partial(jax.jit, static_argnums=1)
def uniform_int(state, shape, lo, hi):
    """[lo, hi) integers (UniformDistribution<int>): lo + bits % (hi - lo), no rejection."""
    dtype = np.dtype(lo.dtype)
    n = int(np.prod(shape, dtype=np.int64))
    bits = _int_bits(state, n, dtype)
    u = jnp.uint64 if dtype.itemsize == 8 else jnp.uint32
    ulo = lax.bitcast_convert_type(lo, u)
    rng = lax.bitcast_convert_type(hi, u) - ulo
    rng = jnp.where(rng == 0, u(1), rng)  # TF refuses an empty range before sampling
    return _shaped(lax.bitcast_convert_type(ulo + bits % rng, dtype), shape)


@functools.partial(jax.jit, static_argnums=(1, 2))
def normal(state, shape, dtype):
    """Standard normal draws (NormalDistribution: Box-Muller, float32 for half types)."""
    dtype = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    w = words(state, _calls(n, dtype))
    if dtype == np.float64:
        out = box_muller_double(*w)
    else:
        out = box_muller_float(w[0], w[1]) + box_muller_float(w[2], w[3])
    return _shaped(jnp.stack([x.astype(dtype) for x in out], axis=-1), shape)


_TRUNCATED_CALLS = 6  # Philox calls computed per group: 24 candidates for 4 outputs


@functools.partial(jax.jit, static_argnums=(1, 2))
def truncated_normal(state, shape, dtype):
    """Normal draws within 2 (TruncatedNormalDistribution): candidates outside redrawn.

    Group g of outputs (4, or 2 for float64) reads calls from counter + g * 256 * group / 4
    on; the first `group` candidates with |x| < 2 are its values. The first 6 calls of each
    group are evaluated: more than 20 of 24 (float64: 10 of 12) rejections has probability
    below 1e-13 per group; slots without an accepted candidate would hold 0.
    """
    dtype = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    group = _per_call(dtype)
    groups = -(-n // group)
    stride = SKIP * group // 4
    offs = (jnp.arange(groups, dtype=jnp.uint64)[:, None] * jnp.uint64(stride)
            + jnp.arange(_TRUNCATED_CALLS, dtype=jnp.uint64)[None, :])
    b = blocks(state, offs)  # [groups, calls, 4]
    if dtype == np.float64:
        d0, d1 = box_muller_double(b[..., 0], b[..., 1], b[..., 2], b[..., 3])
        cand = jnp.stack([d0, d1], axis=-1).reshape(groups, -1)
    else:
        f0, f1 = box_muller_float(b[..., 0::2], b[..., 1::2])
        cand = jnp.stack([f0, f1], axis=-1).reshape(groups, -1)
    ok = jnp.abs(cand) < 2.0
    rank = jnp.cumsum(ok, axis=1) - 1
    cols = []
    for s in range(group):
        hit = ok & (rank == s)
        idx = jnp.argmax(hit, axis=1)
        val = jnp.take_along_axis(cand, idx[:, None], axis=1)[:, 0]
        cols.append(jnp.where(hit.any(axis=1), val, jnp.zeros_like(val)))
    out = jnp.stack(cols, axis=1).astype(dtype)
    return _shaped(out, shape)


# ---------------------------------------------------------------------------------------------
# Seeds to streams


def from_seeds(seed, seed2) -> np.ndarray:
    """PhiloxRandom(seed, seed2): key = seed's words, counter = [0, 0, seed2's words]."""
    s = np.array([seed, seed2], dtype=np.int64).view(np.uint32)
    return np.array([s[0], s[1], 0, 0, s[2], s[3]], dtype=np.uint32)


_SCRAMBLE_KEY = (0x3EC8F720, 0x02461E29)


@jax.jit
def scramble(seed):
    """StatelessRandomGetKeyCounter: a shape-[2] int32/int64 seed to a stream.

    The seed's two values (sign-extended to 64 bits) are one Philox counter under a fixed key;
    the call's output words 0, 1 are the key, words 2, 3 the counter's high half."""
    words = lax.bitcast_convert_type(seed.astype(jnp.int64), jnp.uint32).reshape(-1)
    key = (jnp.uint32(_SCRAMBLE_KEY[0]), jnp.uint32(_SCRAMBLE_KEY[1]))
    m = philox_rounds(key, tuple(words[i] for i in range(4)))
    zero = jnp.uint32(0)
    return jnp.stack([m[0], m[1], zero, zero, m[2], m[3]])


def from_key_counter(key, counter):
    """A stream from TF's uint64 key [1] and counter [2] tensors' values (as int64/uint64)."""
    k = lax.bitcast_convert_type(key.reshape(-1)[:1], jnp.uint32).reshape(-1)
    c = lax.bitcast_convert_type(counter.reshape(-1)[:2], jnp.uint32).reshape(-1)
    return jnp.concatenate([k, c]).astype(jnp.uint32)
