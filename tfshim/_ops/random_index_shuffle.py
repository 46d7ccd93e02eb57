"""TF's index_shuffle (tensorflow/core/kernels/random_index_shuffle.cc), value for value: a
Simon block cipher of 4 rounds over the smallest even block of at least 16 bits holding
max_index, cycle-walked until the image is at most max_index.

Integer arithmetic only, elementwise: jitted per (block size, dtype).
"""

from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
from jax import lax

ROUNDS = 4  # tf.random.experimental.index_shuffle's rounds
SEED_PAD = 498247692  # the first key word TF's Python wrapper prepends to the shape-[2] seed


def block_bits(max_index: int) -> int:
    """TF's block size: ceil(log2(max_index)) (a double's), made even, at least 16."""
    bits = int(math.ceil(math.log2(float(max_index))))
    return max(bits + bits % 2, 16)


def _rotl(x, r, w):
    mask = jnp.uint64((1 << w) - 1)
    return ((x << jnp.uint64(r)) | (x >> jnp.uint64(w - r))) & mask


def _rotr(x, r, w):
    return _rotl(x, w - r, w)


def _key_schedule(key, w):
    """simon_key_schedule: the key's three words (cut to w bits), then TF's recurrence."""
    mask = jnp.uint64((1 << w) - 1)
    c = jnp.uint64(0xFFFFFFFC & ((1 << w) - 1))
    z = 0x7369F885192C0EF5 & ((1 << w) - 1)
    rk = [key[i].astype(jnp.uint64) & mask for i in range(3)]
    for i in range(3, ROUNDS):
        rk.append(c ^ jnp.uint64(z & 1) ^ rk[i - 3] ^ _rotr(rk[i - 1], 3, w)
                  ^ _rotr(rk[i - 1], 4, w))
        z >>= 1
    return rk


def _simon_f(x, w):
    return (_rotl(x, 1, w) & _rotl(x, 8, w)) ^ _rotl(x, 2, w)


@functools.partial(jax.jit, static_argnums=(3,))
def index_shuffle(index, key, max_index, bits):
    """index (uint64) under the permutation of [0, max_index] that key (uint32 [3]) selects."""
    w = bits // 2
    mask = jnp.uint64((1 << w) - 1)
    rk = _key_schedule(key, w)

    def encrypt(v):
        left, right = (v >> jnp.uint64(w)) & mask, v & mask
        for i in range(0, ROUNDS, 2):
            left = left ^ _simon_f(right, w) ^ rk[i]
            right = right ^ _simon_f(left, w) ^ rk[i + 1]
        return (left << jnp.uint64(w)) | right

    def walk(v):
        return lax.while_loop(lambda x: x > max_index, encrypt, encrypt(v))

    return jnp.where(max_index == 0, jnp.uint64(0), jax.vmap(walk)(index.reshape(-1)).reshape(
        index.shape))
