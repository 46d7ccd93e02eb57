"""tf.experimental.numpy.random, filled from the registry (np_random.py)."""

from ... import _api
from . import np_random  # noqa: F401

globals().update(_api.namespace("experimental.numpy.random"))
