"""tf.signal's Fourier transforms (TF's signal/fft_ops.py): fft/ifft (1d-3d), rfft/irfft (1d-3d),
fftshift/ifftshift; fftnd and its kin as TF 2.21's CPU build has them (no kernel).

Gradients are jax.vjp of jnp.fft's transforms through the op mechanism, which conjugates
complex cotangents into TF's convention (TF's _fft_grad / _rfft_grad_helper give the same).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import TypeList, op
from .._core.tensor import Tensor

_COMPLEX = TypeList.of("complex64, complex128")
_REAL = TypeList.of("float, double")
_SIG = "input:Tcomplex -> output:Tcomplex; attr=Tcomplex:type,default=DT_COMPLEX64,allowed=" \
       "[DT_COMPLEX64, DT_COMPLEX128]"


def _complex_arg(x, op_type, sig=_SIG):
    # TF's wrapper converts Python values with the type attr's default, complex64.
    t = x if isinstance(x, Tensor) else convert_to_tensor(x, dtype_hint=D.complex64)
    if not t.dtype.is_complex:
        raise errors.attr_value_error("Tcomplex", D.tf_type_name(t.dtype),
                                      "complex64, complex128", op_type,
                                      op_def="%s; signature=%s" % (op_type, sig))
    return t


def _rank_check(x, rank, op_type):
    if x.ndim < rank:
        raise errors.kernel_error(op_type, "Input must have rank of at least %d but got: [%s]"
                                  % (rank, ",".join(map(str, x.shape))), "")


def _complex_fft(names, rank, inverse):
    op_type = ("IFFT" if inverse else "FFT") + ("" if rank == 1 else "%dD" % rank)
    axes = tuple(range(-rank, 0))

    def body(input, name=None):  # noqa: A002
        _rank_check(input, rank, op_type)
        f = jnp.fft.ifftn if inverse else jnp.fft.fftn
        return f(input, axes=axes).astype(input.dtype)

    body.__name__ = op_type.lower()
    raw = op(tensors=("input",), dtypes=_COMPLEX, op_type=op_type, jit=True,
             sig=_SIG.replace("FFT", op_type))(body)

    def public(input, name=None):  # noqa: A002
        return raw(_complex_arg(input, op_type), name=name)

    return _exported(public, names)


def _exported(public, names):
    """public under TF's names, named and documented as the TF symbol."""
    public.__name__ = names[0].rsplit(".", 1)[-1]
    public.__doc__ = "tf.%s." % names[0]
    return _api.export(*names)(public)


fft = _complex_fft(("signal.fft",), 1, False)
ifft = _complex_fft(("signal.ifft",), 1, True)
fft2d = _complex_fft(("signal.fft2d",), 2, False)
ifft2d = _complex_fft(("signal.ifft2d",), 2, True)
fft3d = _complex_fft(("signal.fft3d",), 3, False)
ifft3d = _complex_fft(("signal.ifft3d",), 3, True)


def _lengths(fft_length, x, rank, inverse):
    if fft_length is None:
        dims = list(x.shape[-rank:])
        if inverse:  # TF: the inner dimension's full length from its n // 2 + 1 bins
            dims[-1] = 2 * (dims[-1] - 1)
        return tuple(int(d) for d in dims)
    if isinstance(fft_length, Tensor):
        fft_length = np.asarray(fft_length._value)
    return tuple(int(d) for d in np.asarray(fft_length).reshape(-1))


def _real_fft(names, rank, inverse):
    op_type = ("IRFFT" if inverse else "RFFT") + ("" if rank == 1 else "%dD" % rank)
    axes = tuple(range(-rank, 0))

    @op(tensors=("input_tensor",), dtypes=_COMPLEX if inverse else _REAL, op_type=op_type,
        jit=True)
    def body(input_tensor, fft_length, name=None):
        _rank_check(input_tensor, rank, op_type)
        if inverse:
            out = jnp.fft.irfftn(input_tensor, s=fft_length, axes=axes)
            return out.astype(jnp.float32 if input_tensor.dtype == jnp.complex64
                              else jnp.float64)
        out = jnp.fft.rfftn(input_tensor, s=fft_length, axes=axes)
        return out.astype(jnp.complex64 if input_tensor.dtype == jnp.float32
                          else jnp.complex128)

    def public(input_tensor, fft_length=None, name=None):
        x = (convert_to_tensor(input_tensor, dtype_hint=D.complex64) if inverse else
             convert_to_tensor(input_tensor, dtype_hint=D.float32))
        ok = x.dtype.is_complex if inverse else x.dtype in (D.float32, D.float64)
        if not ok:
            # TF's _rfft_wrapper names the 1-D op for every rank.
            raise ValueError("%s requires %s inputs, got: %s" % (
                "IRFFT" if inverse else "RFFT", "tf.complex64 or tf.complex128" if inverse
                else "tf.float32 or tf.float64", x))
        return body(x, _lengths(fft_length, x, rank, inverse), name=name)

    return _exported(public, names)


rfft = _real_fft(("signal.rfft",), 1, False)
irfft = _real_fft(("signal.irfft",), 1, True)
rfft2d = _real_fft(("signal.rfft2d",), 2, False)
irfft2d = _real_fft(("signal.irfft2d",), 2, True)
rfft3d = _real_fft(("signal.rfft3d",), 3, False)
irfft3d = _real_fft(("signal.irfft3d",), 3, True)


def _no_nd_kernel(name, op_type, attrs):
    def public(input_tensor, fft_length=None, axes=None, norm=None, name=None):
        """Differences from TensorFlow: none; TF 2.21's CPU build registers no kernel."""
        raise errors.no_kernel_error(op_type, attrs, "", registered="\n  <no registered "
                                     "kernels>\n")

    public.__name__ = name
    public.__doc__ = "tf.signal.%s: TF 2.21 (CPU) has no kernel for %s: its NotFoundError." % (
        name, op_type)
    return _api.export("signal." + name)(public)


fftnd = _no_nd_kernel("fftnd", "FFTND", "Tcomplex=DT_COMPLEX64")
ifftnd = _no_nd_kernel("ifftnd", "IFFTND", "Tcomplex=DT_COMPLEX64")
rfftnd = _no_nd_kernel("rfftnd", "RFFTND", "Tcomplex=DT_COMPLEX64, Treal=DT_FLOAT")
irfftnd = _no_nd_kernel("irfftnd", "IRFFTND", "Tcomplex=DT_COMPLEX64, Treal=DT_FLOAT")


def _shift_axes(axes, ndim):
    if axes is None:
        return tuple(range(ndim))
    if isinstance(axes, Tensor):
        axes = np.asarray(axes._value)
    return tuple(int(a) for a in np.asarray(axes).reshape(-1))


@op(tensors=("x",), op_type="Roll", jit=True)
def _fftshift(x, axes, inverse, name=None):
    f = jnp.fft.ifftshift if inverse else jnp.fft.fftshift
    return f(x, axes=axes)


@_api.export("signal.fftshift")
def fftshift(x, axes=None, name=None):
    """tf.signal.fftshift."""
    x = convert_to_tensor(x)
    return _fftshift(x, _shift_axes(axes, x.shape.rank), False)


@_api.export("signal.ifftshift")
def ifftshift(x, axes=None, name=None):
    """tf.signal.ifftshift."""
    x = convert_to_tensor(x)
    return _fftshift(x, _shift_axes(axes, x.shape.rank), True)
