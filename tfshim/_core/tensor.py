"""tf.Tensor (an EagerTensor wrapping a jax.Array), tf.TensorShape, and conversion to tensors."""

from __future__ import annotations

import itertools
import math
import sys
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import context, dtypes, jax_internals
from .dtypes import DType
from .tensor_shape import TensorShape, as_shape

# Every tensor gets a unique id: tapes know tensors by id, as TF's tapes do.
_next_id: Callable[[], int] = itertools.count(1).__next__


class CoreTensor:
    """tf.__internal__.types.Tensor (TF's types/core.py Tensor): the base of tensors and
    variables, which clients such as Keras subclass for their own tensor-like types; tf.is_tensor
    is true for its instances."""

    __slots__ = ()


class Tensor(CoreTensor):
    """tf.Tensor: the base of every tensor type; isinstance(x, tf.Tensor) checks use it."""

    __slots__ = ()
    OVERLOADABLE_OPERATORS = frozenset()

    def __getattr__(self, name):
        # TF's Tensor.__getattr__: NumPy's methods exist once tnp's
        # experimental_enable_numpy_behavior() adds them; before, TF's hint says so.
        if name in _NUMPY_METHODS:
            raise AttributeError(
                f"{type(self).__name__} object has no attribute '{name}'. " + """
        If you are looking for numpy-related methods, please run the following:
        tf.experimental.numpy.experimental_enable_numpy_behavior()
      """)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")


_NUMPY_METHODS = frozenset(("T", "astype", "ravel", "transpose", "reshape", "clip", "size",
                            "tolist", "data"))


class EagerTensor(Tensor):
    """An eager tf.Tensor: an immutable jax.Array (NumPy object array for tf.string) with an id."""

    # "__dict__": TF's tensors take attributes (Keras sets `_keras_mask` on them); the dict is
    # only made when one is set.
    __slots__ = ("_value", "_id", "__weakref__", "__dict__")
    __array_priority__ = 100  # NumPy defers `ndarray * tensor` to the tensor's operators

    def __init__(self, value, dtype=None):
        from .convert import convert_to_tensor  # convert.py builds on this module

        t = convert_to_tensor(value, dtype)
        self._value, self._id = t._value, _next_id()

    # -- metadata ----------------------------------------------------------------------------
    @property
    def dtype(self) -> DType:
        return dtypes.from_numpy(self._value.dtype)

    @property
    def shape(self) -> TensorShape:
        return TensorShape(self._value.shape)

    def get_shape(self) -> TensorShape:
        return self.shape

    def set_shape(self, shape):
        if not self.shape.is_compatible_with(shape):
            raise ValueError(
                "Tensor's shape %s is not compatible with supplied shape %s."
                % (self.shape, as_shape(shape))
            )

    @property
    def ndim(self) -> int:
        return self._value.ndim

    @property
    def device(self) -> str:
        if isinstance(self._value, np.ndarray):
            return "/job:localhost/replica:0/task:0/device:CPU:0"
        return device_name(self._value)

    @property
    def backing_device(self) -> str:
        return self.device

    name = property(lambda self: _eager_attr("name"))
    op = property(lambda self: _eager_attr("op"))
    graph = property(lambda self: _eager_attr("graph"))

    def ref(self):
        return Reference(self)

    def experimental_ref(self):
        return self.ref()

    # -- values ------------------------------------------------------------------------------
    def numpy(self):
        """A writable NumPy copy (a NumPy scalar for rank 0), as TF's EagerTensor.numpy()."""
        v = np.array(self._value)
        return v[()] if v.ndim == 0 else v

    def __array__(self, dtype=None, copy=None):
        v = np.asarray(self._value)  # read-only where it shares the jax array's memory
        if dtype is not None:
            return v.astype(dtype)
        return v.copy() if copy else v  # np.array(t) asks for a copy: a writable array

    def __jax_array__(self):
        return self._value

    def __len__(self):
        if self._value.ndim == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(self._value.shape[0]))

    def __bool__(self):
        v = np.asarray(self._value)
        return False if v.size == 0 else bool(v)  # TF: an empty tensor is False

    def __float__(self):
        return float(np.asarray(self._value))

    def __int__(self):
        return int(np.asarray(self._value))

    def __complex__(self):
        return complex(np.asarray(self._value))

    def __index__(self):
        return self.numpy().__index__()  # a float tensor fails as TF's: no __index__

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        from .convert import convert_to_tensor  # convert.py builds on this module

        return convert_to_tensor, (self.numpy(),)

    def __format__(self, format_spec):
        return format(self.numpy(), format_spec)  # as TF: the NumPy value's formatting

    # -- printing (framework/ops.py in TF 2.21) ----------------------------------------------
    def __str__(self):
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (
            numpy_text(self),
            self.shape,
            self.dtype.name,
        )

    def __repr__(self):
        return "<tf.Tensor: shape=%s, dtype=%s, numpy=%s>" % (
            self.shape,
            self.dtype.name,
            numpy_text(self, is_repr=True),
        )


class _NoNumpy(AttributeError, jax.errors.JAXTypeError):
    """`numpy` of a symbolic tensor: an AttributeError, as TF's (so `hasattr(x, "numpy")` is
    False), and a JAX type error, so that tfshim's own code reading a traced value makes
    tf.function fall back to eager, as any other concrete-value use does."""


class SymbolicTensor(EagerTensor):
    """A tensor inside a function being traced (it wraps a JAX tracer): TF's graph tensor. It
    has no value yet, so no `numpy()`, and it prints with its name, shape and dtype."""

    __slots__ = ("_name",)

    @property
    def numpy(self):
        raise AttributeError("'SymbolicTensor' object has no attribute 'numpy'")

    def __getattr__(self, name):
        # Python calls this after the `numpy` property raised, from the frame that asked.
        if name == "numpy":
            message = "'SymbolicTensor' object has no attribute 'numpy'"
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith("tfshim."):
                raise _NoNumpy(message)  # tfshim needs the value: the function runs eagerly
            raise AttributeError(message)  # user code: TF's error
        return Tensor.__getattr__(self, name)

    @property
    def name(self) -> str:
        return self._name or "Placeholder:0"

    @property
    def shape(self) -> TensorShape:
        # `_unknown_shape`: the static shape TF's graph knows where it is less than the traced
        # value's (None: a placeholder for TensorSpec(None), a py_function's result).
        if "_unknown_shape" in self.__dict__:
            return TensorShape(self.__dict__["_unknown_shape"])
        return TensorShape(self._value.shape)

    def set_shape(self, shape):
        """Tensor.set_shape: TF's static shape refined by `shape` (its merge)."""
        super().set_shape(shape)
        if "_unknown_shape" in self.__dict__:
            merged = self.shape.merge_with(shape)
            if merged == TensorShape(self._value.shape):
                del self.__dict__["_unknown_shape"]
            else:
                self._unknown_shape = None if merged.rank is None else merged.as_list()

    def __str__(self):
        shape = self.shape
        return 'Tensor("%s"%s, dtype=%s)' % (
            self.name, "" if shape.rank is None else ", shape=%s" % (shape,), self.dtype.name)

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self.shape, self.dtype.name)


def _eager_attr(attr):
    raise AttributeError(
        "Tensor.%s is undefined when eager execution is enabled." % attr
    )


class Reference:
    """A hashable reference to a tensor or variable (tensor.ref())."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self):
        return "<Reference wrapping %r>" % (self._obj,)


def numpy_text(t, is_repr=False) -> str:
    """TF's numpy_text: NumPy's own text, Python-native repr for scalars, newline if multi-line."""
    try:
        value = t.numpy()
    except Exception:  # noqa: BLE001 - TF prints this for values NumPy cannot show
        return "<unprintable>"
    if is_repr:
        if np.isscalar(value) and not isinstance(value, bytes):
            text = repr(value.item())
        else:
            text = repr(value)
    else:
        text = str(value)
    if "\n" in text:
        text = "\n" + text
    return text


def device_name(arr) -> str:
    try:
        dev = next(iter(arr.devices()))
    except Exception:  # noqa: BLE001 - tracers have no device
        return ""
    kind = "GPU" if dev.platform in ("gpu", "cuda", "rocm") else dev.platform.upper()
    return "/job:localhost/replica:0/task:0/device:%s:%d" % (kind, dev.id)


# The concrete array type (making one here would start JAX's backends at import, before
# tf.config could set the CPU device count).
_ARRAY = jax_internals.ARRAY_TYPE


class HostValue:
    """A traced tensor's value that is not a JAX tracer: a tf.string tensor's ids and strings
    inside a compiled tf.function (host_strings.HostStrings)."""

    __slots__ = ()


_SYMBOLIC = (jax.core.Tracer, HostValue)


def wrap(value, name=None) -> EagerTensor:
    """A new tensor around a jax.Array (no checks: the fast path every op output takes), or a
    SymbolicTensor around a tracer."""
    if type(value) is _ARRAY or not isinstance(value, _SYMBOLIC):
        t = object.__new__(EagerTensor)
    else:
        t = object.__new__(SymbolicTensor)
        t._name = name
    t._value = value
    t._id = _next_id()
    return t


_filled_cache: dict = {}
_FILLED_CACHE_BYTES = 1 << 16  # arrays up to 64 KiB are shared


def filled_array(shape: tuple, np_dtype, value):
    """A jax array of `shape` full of `value` (0 or 1), as jnp.full makes it.

    tf.ones((2, 2)) in every step, a gradient's ones seed: small filled arrays recur, and
    making one costs two eager primitive dispatches. They are cached, as the scalar constants
    above: arrays are immutable, so sharing one buffer between tensors is safe (a buffer that
    was donated away through JAX is replaced).
    """
    if context.tracing() is not None:
        # Inside tf.function: a traced op, as before. A concrete array would make the ops on
        # it fold now (see op.dispatch), compiling each of them eagerly on the first call.
        return jnp.full(shape, value, np_dtype)
    key = (shape, np_dtype, value)
    arr = _filled_cache.get(key)
    if arr is not None and not arr.is_deleted():
        return arr
    np_dtype = np.dtype(np_dtype)
    if math.prod(shape) * np_dtype.itemsize > _FILLED_CACHE_BYTES:
        return jnp.full(shape, value, np_dtype)  # big: made where it is used (traced, or not)
    # Small: from NumPy, so a new shape compiles nothing, and concrete even inside a trace.
    with jax.ensure_compile_time_eval():  # a transfer, not a traced op
        arr = jax.device_put(np.full(shape, value, np_dtype))
    if len(_filled_cache) < 1024 and not isinstance(arr, jax.core.Tracer):
        _filled_cache[key] = arr
    return arr


# Tensors are pytrees of their array, so jax.jit/grad/vmap and jnp functions take them.
for _cls in (EagerTensor, SymbolicTensor):
    jax.tree_util.register_pytree_node(
        _cls, lambda t: ((t._value,), None), lambda _, children: wrap(children[0]))

_api.export("Tensor")(Tensor)
