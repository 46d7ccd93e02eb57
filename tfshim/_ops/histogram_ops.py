"""tf.histogram_fixed_width and tf.histogram_fixed_width_bins (TF's histogram_ops.py and its
HistogramFixedWidth kernel, histogram_op.cc)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op
from . import op_defs


def _bins(values, lo, hi, nbins):
    """The kernel's bin of each value: (max(v, lo) - lo) / ((hi - lo) / nbins) in double,
    capped at nbins - 1, truncated."""
    step = (hi - lo).astype(jnp.float64) / nbins
    scaled = (jnp.maximum(values, lo) - lo).astype(jnp.float64) / step
    return jnp.minimum(scaled, nbins - 1).astype(jnp.int32)


@op(tensors=("values", "value_range"), dtypes=op_defs.allowed("HistogramFixedWidth"),
    op_type="HistogramFixedWidth", grad=False,
    sig="values:T, value_range:T, nbins:int32 -> out:dtype", jit=True)
def _histogram_fixed_width(values, value_range, nbins, dtype, name=None):
    def fail(message):
        return errors.kernel_error("HistogramFixedWidth", message, name)

    if value_range.shape != (2,):
        raise fail("value_range should be a vector of 2 elements.")
    if nbins <= 0:
        raise fail("nbins should be a positive number, but got '%d'" % nbins)
    # The kernel's check of value_range's values is the wrapper's: this body runs under jit.
    bins = _bins(values.reshape(-1), value_range[0], value_range[1], nbins)
    return jnp.zeros(nbins, dtype.as_numpy_dtype).at[bins].add(1)


def _g(v):
    return "%g" % v if isinstance(v, float) else str(v)


def _nbins(nbins):
    n = convert_to_tensor(nbins, dtype=D.int32)
    return int(n.numpy())


@_api.export("histogram_fixed_width")
def histogram_fixed_width(values, value_range, nbins=100, dtype=D.int32, name=None):
    """tf.histogram_fixed_width: counts of values in nbins equal bins over value_range (values
    outside it count in the end bins)."""
    dtype = D.as_dtype(dtype)
    if dtype not in op_defs.allowed("HistogramFixedWidth", "dtype"):
        raise errors.attr_value_error(
            "dtype", D.tf_type_name(dtype), "int32, int64", "HistogramFixedWidth")
    nbins = _nbins(nbins)
    vr = convert_to_tensor(value_range)
    if nbins > 0 and vr.shape == (2,) and not isinstance(vr._value, jax.core.Tracer):
        lo, hi = np.asarray(vr._value).tolist()
        if not lo < hi:
            raise errors.kernel_error(
                "HistogramFixedWidth", "value_range should satisfy value_range[0] < "
                "value_range[1], but got '[%s, %s]'" % (_g(lo), _g(hi)), name)
    return _histogram_fixed_width(values, value_range, nbins, dtype, name)


@op(tensors=("values", "value_range"), op_type="HistogramFixedWidthBins", grad=False, jit=True)
def _histogram_bins(values, value_range, nbins, name=None):
    # TF's composite: floor(nbins * (v - lo) / (hi - lo)) in values' dtype, clipped to the bins.
    scaled = (values - value_range[0]) / (value_range[1] - value_range[0])
    nb = jnp.asarray(nbins, values.dtype)
    idx = jnp.clip(jnp.floor(nb * scaled), jnp.zeros((), values.dtype), nb - 1)
    return idx.astype(jnp.int32)


@_api.export("histogram_fixed_width_bins")
def histogram_fixed_width_bins(values, value_range, nbins=100, dtype=D.int32, name=None):
    """tf.histogram_fixed_width_bins: the bin index of each value (int32, as TF, whatever
    dtype says)."""
    return _histogram_bins(values, value_range, _nbins(nbins))
