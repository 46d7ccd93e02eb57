"""tf.random.Generator (TF's stateful_random_ops.py), create_rng_state and the global
generator.

TF's state layout: an int64 [counter..., key] tf.Variable named StateVar, the counter advanced
by 256 per sample as TF's RngReadAndSkip does; each call draws TF's Philox stream of the state
it read (key = state[-1], counter = state[:-1]), so values are TF's (philox.py).
"""

from __future__ import annotations

import os

import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import context, errors
from .._core import dtypes as D
from .._core.autotrackable import AutoTrackable
from .._core.convert import convert_to_tensor, is_tensor
from .._core.op import op
from .._core.tensor_shape import TensorShape
from .._core.variable import Variable
from . import array_ops, array_ops_stack, op_defs
from . import philox as P
from . import random_binomial_op as RB
from .op_util import type_attr_error
from .random_ops import (
    _check_float,
    _convert,
    _full_int,
    _normal,
    _shape,
    _truncated_normal,
    _uniform,
    _uniform_int,
)
from .stateless_random_ops import (
    Algorithm,
    _alg_int,
    _batch_shape,
    _binomial,
    _check_ends_with,
    _unsupported_alg,
)

_STATE_SIZE = {1: 3, 2: 2, 3: 3}  # Philox: 128-bit counter + key; ThreeFry: counter + key
_SKIP = 256  # TF's Philox kernels advance the counter by 256 per output element


def _uint_to_int(n):
    return n - 2**64 if isinstance(n, int) and n > 2**63 - 1 else n


def _state_size(alg):
    if alg not in _STATE_SIZE:
        raise ValueError(_unsupported_alg(alg))
    return _STATE_SIZE[alg]


def _make_1d_state(size, seed):
    """TF's _make_1d_state: a Python int chopped into 64-bit words; others left-padded."""
    if is_tensor(seed):
        seed = convert_to_tensor(seed).numpy().tolist()
    if isinstance(seed, np.integer):
        seed = int(seed)
    if isinstance(seed, int):
        words = []
        for _ in range(size):
            words.append(seed & 0xFFFFFFFFFFFFFFFF)
            seed >>= 64
        seed = words
    flat = np.array(np.asarray(seed, dtype=object).reshape(-1).tolist(), dtype=object)
    flat = np.array([_uint_to_int(int(v)) for v in flat], dtype=np.int64)[:size]
    return np.concatenate([np.zeros(size - flat.size, np.int64), flat])


@_api.export("random.create_rng_state", "random.experimental.create_rng_state")
def create_rng_state(seed, alg):
    """tf.random.create_rng_state: the int64 state a Generator seeded with `seed` starts from."""
    alg = _alg_int(alg)
    return convert_to_tensor(_make_1d_state(_state_size(alg), seed))


@op(others=("state",), op_type="RngReadAndSkip", grad=False)
def _read_and_skip(state, alg, delta, name=None):
    """The Philox stream of the state read (key, then counter), and the state with its counter
    advanced by delta."""
    words = lax.bitcast_convert_type(state, jnp.uint32).reshape(-1)
    key = jnp.concatenate([words[-2:], words[:4]]) if words.shape[0] == 6 else \
        jnp.concatenate([words[-2:], words[:2], jnp.zeros(2, jnp.uint32)])
    u = lax.bitcast_convert_type(state, jnp.uint64)
    lo = u[0] + jnp.uint64(delta % 2**64)
    new = u.at[0].set(lo)
    if alg != Algorithm.THREEFRY.value:  # Philox's counter is 128 bits: carry into the next
        new = new.at[1].add((lo < u[0]).astype(jnp.uint64))
    return key, lax.bitcast_convert_type(new, jnp.int64)


@op(others=("key",), op_type="StatelessRandomUniformFullIntV2", grad=False)
def _replica_key(key, replica_id, name=None):
    """TF's Generator._preprocess_key: in a replica context the stream's key becomes
    uniform_full_int([1], uint64) of (key, counter [replica_id, 0]), each replica its own."""
    counter = jnp.asarray([replica_id & 0xFFFFFFFF, replica_id >> 32, 0, 0], jnp.uint32)
    hashed = P.full_int(jnp.concatenate([key[:2], counter]), (1,), np.dtype(np.uint64))
    return jnp.concatenate([lax.bitcast_convert_type(hashed, jnp.uint32).reshape(-1), key[2:]])


# What tf.distribute tells a Generator (distribute_lib fills it, as imports go one way): the
# strategy a new generator belongs to (None for the default one), and the replica id of the
# current replica context of a strategy (None in its cross-replica context).
_strategy_hooks: list = []


def _current_strategy():
    return _strategy_hooks[0][0]() if _strategy_hooks else None


def _replica_id(strategy):
    return _strategy_hooks[0][1](strategy) if _strategy_hooks and strategy is not None else None


def _state_tensor(value):
    if is_tensor(value):
        t = convert_to_tensor(value)
        return t if t.dtype is D.int64 else convert_to_tensor(t.numpy().astype(np.int64))
    arr = np.asarray(value, dtype=object).reshape(np.shape(value))
    return convert_to_tensor(np.array([_uint_to_int(int(v)) for v in arr.reshape(-1)],
                                      dtype=np.int64).reshape(arr.shape))


def _check_state_shape(shape, alg):
    want = [_state_size(alg)]
    if list(shape) != want:
        raise ValueError("Shapes %s and %s are incompatible" % (TensorShape(shape), want))


def _key_counter_state(key, counter, alg):
    """TF's [counter..., key] state; the counter must have the algorithm's size, the key be a
    scalar (TF's assert_is_compatible_with)."""
    counter = _state_tensor(counter).numpy()
    if counter.shape != (_state_size(alg) - 1,):
        raise ValueError("Shapes %s and [%d] are incompatible"
                         % (TensorShape(counter.shape), _state_size(alg) - 1))
    key = _state_tensor(key).numpy()
    if key.shape:
        raise ValueError("Shapes %s and [] are incompatible" % TensorShape(key.shape))
    return np.concatenate([counter, key.reshape(1)])


def _generator_shape(shape, op_type):
    if isinstance(shape, (list, tuple)) and not shape:
        shape = convert_to_tensor(shape, D.int64)
    return _shape(shape, op_type)


@_api.export("random.Generator", "random.experimental.Generator")
class Generator(AutoTrackable):
    """tf.random.Generator: a random stream whose state is an int64 tf.Variable (tracked as
    `_state_var`, as TF's AutoTrackable Generator).

    The state evolves exactly as TF's (same layout, the counter advanced by 256 per sample)
    and normal, uniform, truncated_normal, uniform_full_int, make_seeds and split give TF's
    values, binomial TF's sampler.
    """

    @classmethod
    def from_state(cls, state, alg):
        return cls(alg=alg, state=state)

    @classmethod
    def from_seed(cls, seed, alg=None):
        alg = _alg_int(Algorithm.PHILOX.value if alg is None else alg)
        return cls(state=create_rng_state(seed, alg), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        alg = _alg_int(Algorithm.PHILOX.value if alg is None else alg)
        state = np.frombuffer(os.urandom(8 * _state_size(alg)), np.int64).copy()
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        alg = _alg_int(alg)
        return cls(state=_key_counter_state(key, counter, alg), alg=alg)

    def __init__(self, copy_from=None, state=None, alg=None):
        # TF's: the strategy it is made in; its replicas then draw different streams.
        self._distribution_strategy = _current_strategy()
        if self._distribution_strategy is not None:
            # Its replicas' streams are traced replica by replica (mirrored_run.py): the one
            # shard_map program can't derive a stream per replica from a traced replica id.
            self._distribution_strategy.__dict__["_has_generators"] = True
        if copy_from is not None:
            assert (alg or state) is None
            self._state_var = self._create_variable(copy_from.state.read_value())
            self._alg = copy_from.algorithm
            return
        assert alg is not None and state is not None
        alg = _alg_int(alg)
        if isinstance(state, Variable):
            _check_state_shape(state.shape.as_list(), alg)
            self._state_var = state
        else:
            state = _state_tensor(state)
            _check_state_shape(state.shape.as_list(), alg)
            self._state_var = self._create_variable(state)
            # Under a strategy its replicas' reads stay the variable's own (not rows of a mesh
            # array, mirrored_run.py), so functions using it save as TF's do.
            self._state_var.__dict__["_tfshim_no_mesh"] = True
        self._alg = alg

    @staticmethod
    def _create_variable(value):
        return Variable(value, dtype=D.int64, trainable=False, name="StateVar")

    # -- state -------------------------------------------------------------------------------
    @property
    def state(self):
        return self._state_var

    @property
    def algorithm(self):
        return self._alg

    @property
    def key(self):
        return self._state_var.read_value()[-1]

    def reset(self, state):
        state = _state_tensor(state)
        _check_state_shape(state.shape.as_list(), self._alg)
        self._state_var.assign(state)

    def reset_from_seed(self, seed):
        self._state_var.assign(create_rng_state(seed, self._alg))

    def reset_from_key_counter(self, key, counter):
        self._state_var.assign(_key_counter_state(key, counter, self._alg))

    def _check_alg(self):
        if self._alg == Algorithm.THREEFRY.value:
            raise errors.kernel_error("RngReadAndSkip", "Non-XLA devices don't support the "
                                      "ThreeFry algorithm.", cls=errors.UnimplementedError)

    def _take_key(self, count, per=_SKIP):
        """The key for `count` samples; the state advances as TF's rng_read_and_skip."""
        self._check_alg()
        key, new = _read_and_skip(self._state_var.read_value(), self._alg, count * per)
        self._state_var.assign(new)
        return self._preprocess_key(key)

    def _preprocess_key(self, key):
        replica = _replica_id(self._distribution_strategy)
        return key if replica is None else _replica_key(key, replica)

    def skip(self, delta):
        """Advance the counter by 256 * delta; returns the state before."""
        self._check_alg()
        before = self._state_var.read_value()
        _, new = _read_and_skip(before, self._alg, int(convert_to_tensor(delta)) * _SKIP)
        self._state_var.assign(new)
        return before

    # -- sampling ----------------------------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        return self._scaled(_normal, "StatelessRandomNormalV2", shape, mean, stddev, dtype)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        return self._scaled(_truncated_normal, "StatelessTruncatedNormalV2", shape, mean, stddev,
                            dtype)

    def _scaled(self, sample, op_type, shape, mean, stddev, dtype):
        """A mean + stddev * draw op: TF's argument checks in TF's order, then `sample`."""
        dtype = D.as_dtype(dtype)
        dims = _generator_shape(shape, op_type)
        mean = _convert(mean, dtype, "mean")
        stddev = _convert(stddev, dtype, "stddev")
        _check_float(dtype, op_type)
        return sample(self._take_key(_count(dims)), dims, mean, stddev)

    def uniform(self, shape, minval=0, maxval=None, dtype=D.float32, name=None):
        dtype = D.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both "
                                 f"`None` or both non-`None`; got minval={minval} and "
                                 f"maxval={maxval}")
        elif maxval is None:
            maxval = 1
        if dtype.is_integer and minval is None:
            return self.uniform_full_int(shape, dtype)
        dims = _generator_shape(shape, "StatelessRandomUniformV2")
        minval = _convert(minval, dtype, "min")
        maxval = _convert(maxval, dtype, "max")
        if dtype.is_integer:
            return _uniform_int(self._take_key(_count(dims)), dims, minval, maxval,
                                op_type="StatelessRandomUniformIntV2")
        _check_float(dtype, "StatelessRandomUniformV2")
        return _uniform(self._take_key(_count(dims)), dims, minval, maxval)

    def uniform_full_int(self, shape, dtype=D.uint64, name=None):
        dtype = D.as_dtype(dtype)
        dims = _generator_shape(shape, "StatelessRandomUniformFullIntV2")
        if dtype not in (D.int32, D.int64, D.uint32, D.uint64):
            op_type = "StatelessRandomUniformFullIntV2"
            raise type_attr_error("dtype", dtype, op_defs.names(op_type, "dtype"), op_type,
                                  op_def=op_type)
        return _full_int(self._take_key(_count(dims)), dims, dtype)

    def binomial(self, shape, counts, probs, dtype=D.int32, name=None):
        dims = _generator_shape(shape, "StatefulRandomBinomial")
        counts = convert_to_tensor(counts)
        probs = convert_to_tensor(probs)
        if self._alg != Algorithm.PHILOX.value:
            raise errors.kernel_error("StatefulRandomBinomial", "Unsupported algorithm id: %d"
                                      % self._alg, None)
        batch = _batch_shape("StatefulRandomBinomial", "counts and probs",
                             (tuple(counts.shape.as_list()), tuple(probs.shape.as_list())))
        _check_ends_with("StatefulRandomBinomial", dims, batch)
        # TF's kernel advances the state by 256 * its reservation, whatever it draws.
        self._check_alg()
        key, new = _read_and_skip(self._state_var.read_value(), self._alg,
                                  _SKIP * RB.stateful_calls(dims, batch))
        self._state_var.assign(new)
        return _binomial(key, dims, counts, probs, D.as_dtype(dtype),
                         op_type="StatefulRandomBinomial")

    def make_seeds(self, count=1):
        """[2, count] int64 seeds for stateless ops (keys in row 0, zeros in row 1)."""
        keys = self.uniform_full_int([count], D.int64)
        return array_ops_stack.stack([keys, array_ops.zeros_like(keys)])

    def split(self, count=1):
        """`count` new independent Generators (state [0, ..., key])."""
        keys = self.uniform_full_int([count], D.int64).numpy()
        size = _state_size(self._alg)
        return [Generator(state=[0] * (size - 1) + [int(k)], alg=self._alg) for k in keys]


def _count(dims) -> int:
    return int(np.prod(dims, dtype=np.int64))


_global_generator = None


@_api.export("random.get_global_generator", "random.experimental.get_global_generator")
def get_global_generator():
    """tf.random.get_global_generator: made on first use from a non-deterministic state."""
    global _global_generator
    if _global_generator is None:
        with context.init_scope():  # made outside any tf.function
            _global_generator = Generator.from_non_deterministic_state()
    return _global_generator


@_api.export("random.set_global_generator", "random.experimental.set_global_generator")
def set_global_generator(generator):
    """tf.random.set_global_generator."""
    global _global_generator
    _global_generator = generator
