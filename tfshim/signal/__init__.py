"""tf.signal (TF's ops/signal, one module per TF file): its namespace filled from the registry."""

from .. import _api
from . import dct_ops, fft_ops, mel_ops, shape_ops, spectral_ops, window_ops  # noqa: F401

globals().update(_api.namespace("signal"))
