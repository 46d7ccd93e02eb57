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


def _pair64(w):
    """Four uint32 words as two uint64 lanes (word 0 | word 1 << 32, word 2 | word 3 << 32)."""
    u = jnp.uint64
    return jnp.stack([w[0].astype(u) | (w[1].astype(u) << u(32)),
                      w[2].astype(u) | (w[3].astype(u) << u(32))], axis=-1)


# XLA's CPU fusion evaluates an expression once per output element and does not fuse sibling
# outputs into one loop: a uint32 [n, 4] result (or four uint32 results) runs the ten rounds
# four times per call. Each call's 128 bits therefore leave their own executable as two uint64
# lanes (rounds run twice), and the distributions read those lanes in the next executable.


@functools.partial(jax.jit, static_argnums=1)
def stream(state, n_calls):
    """Philox calls at counter + 0 .. n_calls - 1 as uint64 [n_calls, 2] (see _pair64)."""
    return _pair64(words(state, n_calls))


@jax.jit
def _offset_stream(state, offsets):
    """Philox calls at counter + offsets (uint64 array) as uint64 [*offsets.shape, 2]."""
    key = (state[0], state[1])
    return _pair64(philox_rounds(key, add128((state[2], state[3], state[4], state[5]), offsets)))


def lanes(s64):
    """A stream's uint64 [..., 2] as its uint32 words [..., 4]."""
    return lax.bitcast_convert_type(s64, jnp.uint32).reshape(*s64.shape[:-1], 4)


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


# fdlibm's log (e_log.c) and sin/cos kernels (k_sin.c, k_cos.c), in float64: within an ulp of
# the exact values, like XLA's float64 log/sin/cos, at a fraction of their cost (XLA's sin and
# cos reduce any argument; Box-Muller's lie in [0, 2 pi)). Rounded to float32 they equal XLA's
# float64 functions rounded on 4 * 10**7 draws.
_LN2_HI, _LN2_LO = 6.93147180369123816490e-01, 1.90821492927058770002e-10
_LG = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
       2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
       1.479819860511658591e-01)
_PIO2_1, _PIO2_1T = 1.57079632673412561417e00, 6.07710050650619224932e-11
_S = (-1.66666666666666324348e-01, 8.33333333332248946124e-03, -1.98412698298579493134e-04,
      2.75573137070700676789e-06, -2.50507602534068634195e-08, 1.58969099521155010221e-10)
_C = (4.16666666666666019037e-02, -1.38888888888741095749e-03, 2.48015872894767294178e-05,
      -2.75573143513906633035e-07, 2.08757232129817482790e-09, -1.13596475577881948265e-11)


def _log(x):
    """log of positive normal float64 x (fdlibm's __ieee754_log)."""
    u = jnp.uint64
    bits = lax.bitcast_convert_type(x, u)
    hx = (bits >> u(32)).astype(jnp.int64)
    i = ((hx & 0xFFFFF) + 0x95F64) & 0x100000
    k = (hx >> 20) - 1023 + (i >> 20)
    # x's mantissa scaled into [sqrt(2)/2, sqrt(2))
    m = (bits & u(0x000FFFFFFFFFFFFF)) | ((i ^ 0x3FF00000).astype(u) << u(32))
    f = lax.bitcast_convert_type(m, jnp.float64) - 1.0
    s = f / (2.0 + f)
    dk = k.astype(jnp.float64)
    z = s * s
    w = z * z
    r = (z * (_LG[0] + w * (_LG[2] + w * (_LG[4] + w * _LG[6])))
         + w * (_LG[1] + w * (_LG[3] + w * _LG[5])))
    hfsq = 0.5 * f * f
    return dk * _LN2_HI - ((hfsq - (s * (hfsq + r) + dk * _LN2_LO)) - f)


def _sincos(v):
    """(sin v, cos v) of float64 v in [0, 2 pi]: Cody-Waite reduction by pi / 2 (exact for a
    float32 v), then fdlibm's kernels."""
    k = jnp.round(v * (2 / math.pi))
    r = (v - k * _PIO2_1) - k * _PIO2_1T
    z = r * r
    s = r + r * z * (_S[0] + z * (_S[1] + z * (_S[2] + z * (_S[3] + z * (_S[4] + z * _S[5])))))
    w = z * z
    q = z * (_C[0] + z * (_C[1] + z * _C[2])) + w * w * (_C[3] + z * (_C[4] + z * _C[5]))
    hz = 0.5 * z
    c1 = 1.0 - hz
    c = c1 + (((1.0 - c1) - hz) + z * q)
    n = k.astype(jnp.int32) & 3
    sin = jnp.where(n == 0, s, jnp.where(n == 1, c, jnp.where(n == 2, -s, -c)))
    cos = jnp.where(n == 0, c, jnp.where(n == 1, -s, jnp.where(n == 2, -c, s)))
    return sin, cos


def box_muller_float(x0, x1):
    """TF's float Box-Muller: log, sin and cos of float32 values evaluated in float64 and
    rounded, i.e. the correctly rounded values of TF's formula."""
    u1 = jnp.maximum(u32_to_float(x0), jnp.float32(1.0e-7))
    v1 = (2.0 * math.pi * u32_to_float(x1).astype(jnp.float64)).astype(jnp.float32)
    logf = _log(u1.astype(jnp.float64)).astype(jnp.float32)
    u2 = jnp.sqrt(jnp.float32(-2.0) * logf)
    sin, cos = _sincos(v1.astype(jnp.float64))
    return (sin.astype(jnp.float32) * u2, cos.astype(jnp.float32) * u2)


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


def _size(shape) -> int:
    return int(np.prod(shape, dtype=np.int64))


def _shaped(x, shape):
    return x.reshape(-1)[:_size(shape)].reshape(shape)


# ---------------------------------------------------------------------------------------------
# TF's distributions: a stream (one executable, cached per length), then its conversion (one
# executable per shape and dtype).


def uniform(state, shape, dtype):
    """[0, 1) draws of a float dtype (UniformDistribution)."""
    return _uniform(stream(state, _calls(_size(shape), dtype)), shape, np.dtype(dtype))


@functools.partial(jax.jit, static_argnums=(1, 2))
def _uniform(s64, shape, dtype):
    w = lanes(s64)
    if dtype == np.float64:
        out = jnp.stack([u64_to_double(w[:, 0], w[:, 1]), u64_to_double(w[:, 2], w[:, 3])], -1)
    else:
        conv = {np.float32: u32_to_float, np.float16: u16_to_half}.get(dtype.type,
                                                                         u16_to_bfloat16)
        out = conv(w)
    return _shaped(out, shape)


def _int_bits(s64, dtype):
    """The raw bits of an integer dtype's draws: uint32 words, or uint64 from pairs of them
    (low word first, i.e. the stream's lanes), as TF's integer distributions read them."""
    return s64 if dtype.itemsize == 8 else lanes(s64)


def full_int(state, shape, dtype):
    """Every value of an integer dtype (UniformFullIntDistribution)."""
    return _full_int(stream(state, _calls(_size(shape), dtype)), shape, np.dtype(dtype))


@functools.partial(jax.jit, static_argnums=(1, 2))
def _full_int(s64, shape, dtype):
    return _shaped(lax.bitcast_convert_type(_int_bits(s64, dtype), dtype), shape)


def uniform_int(state, shape, lo, hi):
    """[lo, hi) integers (UniformDistribution<int>): lo + bits % (hi - lo), no rejection."""
    return _uniform_int(stream(state, _calls(_size(shape), lo.dtype)), shape, lo, hi)


@functools.partial(jax.jit, static_argnums=1)
def _uniform_int(s64, shape, lo, hi):
    dtype = np.dtype(lo.dtype)
    bits = _int_bits(s64, dtype)
    u = jnp.uint64 if dtype.itemsize == 8 else jnp.uint32
    ulo = lax.bitcast_convert_type(lo, u)
    rng = lax.bitcast_convert_type(hi, u) - ulo
    rng = jnp.where(rng == 0, u(1), rng)  # TF refuses an empty range before sampling
    return _shaped(lax.bitcast_convert_type(ulo + bits % rng, dtype), shape)


def normal(state, shape, dtype):
    """Standard normal draws (NormalDistribution: Box-Muller, float32 for half types)."""
    dtype = np.dtype(dtype)
    s64 = stream(state, _calls(_size(shape), dtype))
    return _normal_out(_box_muller(s64, dtype == np.float64), shape, dtype)


@functools.partial(jax.jit, static_argnums=1)
def _box_muller(s64, double):
    """Box-Muller of a stream's calls: complex (sin, cos) outputs [..., 1 or 2 pairs per call],
    so that each pair's log and sin/cos are evaluated once (two real outputs would evaluate
    them twice)."""
    w = lanes(s64)
    if double:
        return lax.complex(*box_muller_double(w[..., 0], w[..., 1], w[..., 2], w[..., 3]))
    return lax.complex(*box_muller_float(w[..., 0::2], w[..., 1::2]))


@functools.partial(jax.jit, static_argnums=(1, 2))
def _normal_out(pairs, shape, dtype):
    out = jnp.stack([lax.real(pairs), lax.imag(pairs)], axis=-1)
    return _shaped(out.astype(dtype), shape)


_TRUNCATED_CALLS = 6  # Philox calls computed per group: 24 candidates for 4 outputs


def truncated_normal(state, shape, dtype):
    """Normal draws within 2 (TruncatedNormalDistribution): candidates outside redrawn.

    Group g of outputs (4, or 2 for float64) reads calls from counter + g * 256 * group / 4
    on; the first `group` candidates with |x| < 2 are its values. The first 6 calls of each
    group are evaluated: more than 20 of 24 (float64: 10 of 12) rejections has probability
    below 1e-13 per group; slots without an accepted candidate would hold 0.
    """
    dtype = np.dtype(dtype)
    group = _per_call(dtype)
    groups = -(-_size(shape) // group)
    offs = _truncated_offsets(groups, SKIP * group // 4)
    cand = _box_muller(_offset_stream(state, offs), dtype == np.float64)
    return _truncated_pick(cand, shape, dtype)


@functools.partial(jax.jit, static_argnums=(0, 1))
def _truncated_offsets(groups, stride):
    """[calls, groups]: call c of group g is counter + g * stride + c."""
    return (jnp.arange(_TRUNCATED_CALLS, dtype=jnp.uint64)[:, None]
            + jnp.arange(groups, dtype=jnp.uint64)[None, :] * jnp.uint64(stride))


@functools.partial(jax.jit, static_argnums=(1, 2))
def _truncated_pick(pairs, shape, dtype):
    """Each group's first accepted candidates, in the order TF draws them (call, then pair,
    then sin before cos), as a running count over the candidate columns."""
    group = _per_call(dtype)
    parts = jnp.stack([lax.real(pairs), lax.imag(pairs)], axis=-1)
    cands = [parts[c, :, j] for c in range(parts.shape[0]) for j in range(parts.shape[2])] \
        if parts.ndim == 3 else \
        [parts[c, :, p, j] for c in range(parts.shape[0]) for p in range(parts.shape[2])
         for j in range(2)]
    count = jnp.zeros(parts.shape[1], jnp.int32)
    out = [jnp.zeros_like(cands[0]) for _ in range(group)]
    for x in cands:
        ok = jnp.abs(x) < 2.0
        out = [jnp.where(ok & (count == s), x, o) for s, o in enumerate(out)]
        count = count + ok.astype(jnp.int32)
    return _shaped(jnp.stack(out, axis=1).astype(dtype), shape)


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


# ---------------------------------------------------------------------------------------------
# TF's shuffle (shuffle_common.h)


def shuffle_calls(n) -> int:
    """Philox calls a shuffle of n rows reserves: one uint32 per swap (ReserveSamples32)."""
    return (max(n - 1, 0) + 3) // 4


@functools.partial(jax.jit, static_argnums=1)
def permutation(state, n):
    """TF's ShuffleRange of 0 .. n - 1 (n < 2**31): Fisher-Yates from the front, row i swapped
    with row i + u_i % (n - i), u_i the stream's consecutive uint32 words."""
    u = lanes(stream(state, shuffle_calls(n))).reshape(-1)

    def swap(i, p):
        j = i + (u[i] % (jnp.uint32(n) - i.astype(jnp.uint32))).astype(i.dtype)
        pi, pj = p[i], p[j]
        return p.at[i].set(pj).at[j].set(pi)

    return lax.fori_loop(0, n - 1, swap, jnp.arange(n, dtype=jnp.int32))


# ---------------------------------------------------------------------------------------------
# TF's gamma sampler (stateless_random_gamma_op.cc; random_op.cc's RandomGamma is the same)


def _call_at(base, c):
    """The 4 words of the Philox call c (int64 scalar) past the stream `base`."""
    ctr = add128((base[2], base[3], base[4], base[5]), c.astype(jnp.uint64))
    return philox_rounds((base[0], base[1]), ctr)


def _uniform_pair(w):
    return u64_to_double(w[0], w[1]), u64_to_double(w[2], w[3])


def _product(a, b):
    """a * b, kept apart from the sum it feeds: XLA's CPU code would contract the two into one
    fused multiply-add, rounding once where TF's kernel rounds twice."""
    p = a * b
    return jnp.where(p == p, p, jnp.nan)


def _gamma_one(base, alpha):
    """One gamma(alpha) draw in float64 from the stream `base` (Marsaglia-Tsang, TF's order of
    normal and uniform draws and its float64 expressions).

    TF's loop draws x (normal), then u (uniform) when 1 + c x > 0, then b (uniform) on
    acceptance when alpha < 1; each draw takes the last unused value of its SampleBuffer
    (2 values per Philox call), refilled from the next call when empty. Here one loop step is
    one draw, so each step evaluates one Philox call."""
    less = alpha < 1
    d = alpha + jnp.where(less, 2.0 / 3, -1.0 / 3)
    c = 1.0 / 3 / jnp.sqrt(d)
    zero, i0 = jnp.float64(0), jnp.int32(0)
    # phase: 0 draws x, 1 draws u, 2 draws b, 3 done
    init = (i0, zero, zero, zero, zero, i0, zero, zero, i0, jnp.int64(0))

    def step(s):
        phase, x, v, res, n0, nrem, u0, u1, urem, ctr = s
        normal = phase == 0
        rem = jnp.where(normal, nrem, urem)
        need = rem == 0
        w = _call_at(base, ctr)
        fresh_n = box_muller_double(*w)
        fresh_u = _uniform_pair(w)
        # a normal buffer refilled hands out result 1 now and keeps result 0
        n0 = jnp.where(need & normal, fresh_n[0], n0)
        u0 = jnp.where(need & ~normal, fresh_u[0], u0)
        u1 = jnp.where(need & ~normal, fresh_u[1], u1)
        ctr = ctr + need.astype(ctr.dtype)
        rem = jnp.where(need, jnp.int32(2), rem) - jnp.int32(1)
        nrem = jnp.where(normal, rem, nrem)
        urem = jnp.where(normal, urem, rem)
        val = jnp.where(normal, jnp.where(need, fresh_n[1], n0), jnp.where(rem == 1, u1, u0))
        # phase 0: x
        v0 = 1 + _product(c, val)
        x = jnp.where(normal, val, x)
        v = jnp.where(normal, v0 * v0 * v0, v)
        one, two, three = jnp.int32(1), jnp.int32(2), jnp.int32(3)
        after_x = jnp.where(v0 > 0, one, i0)
        # phase 1: u
        accept = (val < 1 - _product(0.0331 * (x * x), x * x)) | (
            jnp.log(val) < _product(0.5 * x, x) + _product(d, 1 - v + jnp.log(v)))
        after_u = jnp.where(accept, jnp.where(less, two, three), i0)
        res = jnp.where((phase == 1) & accept, d * v, res)
        # phase 2: b
        res = jnp.where(phase == 2, res * jnp.power(val, 1 / alpha), res)
        phase = jnp.where(normal, after_x, jnp.where(phase == 1, after_u, three))
        return phase, x, v, res, n0, nrem, u0, u1, urem, ctr

    out = lax.while_loop(lambda s: s[0] != 3, step, init)[3]
    # alpha == 1: an exponential from the last uniform of the first call; 1 - u is exact, so
    # fdlibm's log of it is log1p(-u) within an ulp (XLA's log1p is less accurate).
    expo = -_log(1 - u64_to_double(*_call_at(base, jnp.int64(0))[2:]))
    return jnp.where(alpha == 1, expo, out)


def gamma(state, alpha, shape):
    """TF's gamma draws of `shape` (ending with alpha's shape) in float64 (see _per_sample)."""
    return _per_sample(_gamma_draws, state, alpha, shape)


def _per_sample(draws, state, params, shape):
    """TF's per-sample rejection samplers' layout: output p (flat) is sample p // n of
    parameter p % n (n parameters), drawn from counter + 256 * (its parameter's index *
    samples per parameter + its sample index). The sampler is compiled per power-of-two number
    of draws (its loop takes seconds to compile), the lanes past the shape's size discarded."""
    total = _size(shape)
    lanes_ = max(64, 1 << max(total - 1, 0).bit_length())
    offsets, values = _sample_lanes(params, total, lanes_)
    return draws(state, offsets, values)[:total].reshape(shape)


@functools.partial(jax.jit, static_argnums=(1, 2))
def _sample_lanes(params, total, lanes_):
    n = max(params.size, 1)
    p = jnp.arange(lanes_, dtype=jnp.int64)
    a_idx, s_idx = p % n, p // n
    offsets = (a_idx * (total // n) + s_idx).astype(jnp.uint64) * jnp.uint64(SKIP)
    values = params.reshape(-1).astype(jnp.float64)[a_idx]
    # padding lanes draw with parameter 1 (gamma: one Philox call; poisson: a few)
    return offsets, jnp.where(p < total, values, 1.0)


@jax.jit
def _gamma_draws(state, offsets, alphas):
    bases = jax.vmap(lambda o: skip(state, o))(offsets)
    return jax.vmap(_gamma_one)(bases, alphas)


# ---------------------------------------------------------------------------------------------
# TF's Poisson sampler (random_poisson_op.cc; the stateless kernel is the same)


def _poisson_one(base, rate):
    """One Poisson(rate) draw, computed in float64 as TF's kernel: Knuth's product of uniforms
    below rate 10, Hormann's transformed rejection from 10 on. TF's UNIFORM takes a call's two
    float64 uniforms last first, so Knuth's uniform i is element 1 - i % 2 of call i // 2, and
    Hormann's attempt i reads call i (u: element 1, v: element 0)."""
    knuth = rate < 10
    exp_neg = jnp.exp(-rate)
    log_rate = jnp.log(rate)
    b = 0.931 + _product(2.53, jnp.sqrt(rate))
    a = -0.059 + _product(0.02483, b)
    inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
    init = (jnp.bool_(False), jnp.int64(0), jnp.float64(1), jnp.float64(0), jnp.float64(0))

    def step(s):
        _, i, prod, x, res = s
        u0, u1 = _uniform_pair(_call_at(base, jnp.where(knuth, i // 2, i)))
        prod = prod * jnp.where(i % 2 == 0, u1, u0)
        u = u1 - 0.5
        us = 0.5 - jnp.abs(u)
        k = jnp.floor(_product(2 * a / us + b, u) + rate + 0.43)
        quick = (us >= 0.07) & (u0 <= 0.9277 - 3.6224 / (b - 2))
        again = (k < 0) | ((us < 0.013) & (u0 > us))
        s_ = jnp.log(u0 * inv_alpha / (a / (us * us) + b))
        t = -rate + _product(k, log_rate) - lax.lgamma(k + 1)
        done = jnp.where(knuth, prod <= exp_neg, quick | (~again & (s_ <= t)))
        return done, i + 1, prod, x + 1, jnp.where(knuth, x, k)

    return lax.while_loop(lambda s: ~s[0], step, init)[4]


@jax.jit
def _poisson_draws(state, offsets, rates):
    bases = jax.vmap(lambda o: skip(state, o))(offsets)
    return jax.vmap(_poisson_one)(bases, rates)


def poisson(state, rate, shape):
    """TF's Poisson draws of `shape` (ending with rate's shape) as float64 (see _per_sample)."""
    return _per_sample(_poisson_draws, state, rate, shape)
