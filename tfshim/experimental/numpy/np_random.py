"""tnp.random (TF's numpy_ops/np_random.py): tf.random's ops under tnp's dtypes."""

import numpy as onp

import tfshim as tf

from ..._api import export
from . import np_array_ops, np_dtypes, np_utils

DEFAULT_RANDN_DTYPE = onp.float32


@export("experimental.numpy.random.seed")
def seed(s):
    try:
        s = int(s)
    except TypeError:
        raise ValueError(
            f"Argument `s` got an invalid value {s}. Only integers are supported."
        ) from None
    tf.random.set_seed(s)


@export("experimental.numpy.random.randn")
def randn(*args):
    return standard_normal(size=args)


@export("experimental.numpy.random.standard_normal")
def standard_normal(size=None):
    if size is None:
        size = ()
    elif np_utils.isscalar(size):
        size = (size,)
    dtype = np_utils.result_type(float)
    return tf.random.normal(size, dtype=dtype)


@export("experimental.numpy.random.uniform")
def uniform(low=0.0, high=1.0, size=None):
    dtype = np_utils.result_type(float)
    low = np_array_ops.asarray(low, dtype=dtype)
    high = np_array_ops.asarray(high, dtype=dtype)
    if size is None:
        size = np_utils._broadcast_shape(low.shape, high.shape)
    return tf.random.uniform(shape=size, minval=low, maxval=high, dtype=dtype)


@export("experimental.numpy.random.poisson")
def poisson(lam=1.0, size=None):
    if size is None:
        size = ()
    elif np_utils.isscalar(size):
        size = (size,)
    return tf.random.poisson(shape=size, lam=lam, dtype=np_dtypes.int_)


@export("experimental.numpy.random.random")
def random(size=None):
    return uniform(0.0, 1.0, size)


@export("experimental.numpy.random.rand")
def rand(*size):
    return uniform(0.0, 1.0, size)


@export("experimental.numpy.random.randint")
def randint(low, high=None, size=None, dtype=onp.int64):
    low = int(low)
    if high is None:
        high = low
        low = 0
    if size is None:
        size = ()
    elif isinstance(size, int):
        size = (size,)
    dtype_orig = dtype
    dtype = np_utils.result_type(dtype)
    accepted_dtypes = (onp.int32, onp.int64)
    if dtype not in accepted_dtypes:
        raise ValueError(
            f"Argument `dtype` got an invalid value {dtype_orig}. Only those convertible to "
            f"{accepted_dtypes} are supported."
        )
    return tf.random.uniform(shape=size, minval=low, maxval=high, dtype=dtype)
