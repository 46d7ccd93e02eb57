"""tf.Tensor (an EagerTensor wrapping a jax.Array), tf.TensorShape, and conversion to tensors."""

from __future__ import annotations

import itertools
import math
import numbers
import operator
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import dtypes
from .dtypes import DType
from .tape import _state as _tape_state

# Every tensor gets a unique id: tapes know tensors by id, as TF's tapes do.
_next_id: Callable[[], int] = itertools.count(1).__next__


class TensorShape:
    """tf.TensorShape."""

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if dims is None:
            self._dims = None
        elif isinstance(dims, TensorShape):
            self._dims = dims._dims
        elif isinstance(dims, (numbers.Integral, np.integer)) or (
            isinstance(dims, Tensor) and dims.shape.rank == 0
        ):
            self._dims = (_dim(dims),)
        else:
            self._dims = tuple(_dim(d) for d in dims)

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self):
        return None if self._dims is None else list(self._dims)

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        return int(np.prod(self._dims, dtype=np.int64))

    def is_fully_defined(self) -> bool:
        return self._dims is not None and None not in self._dims

    def is_compatible_with(self, other) -> bool:
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are incompatible" % (self, as_shape(other)))

    def merge_with(self, other):
        other = as_shape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        self.assert_is_compatible_with(other)
        return TensorShape([a if a is not None else b for a, b in zip(self._dims, other._dims)])

    def concatenate(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return TensorShape(None)
        return TensorShape(self._dims + other._dims)

    def with_rank(self, rank):
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError("Shape %s must have rank %d" % (self, rank))
        return self if self._dims is not None else TensorShape([None] * rank)

    def with_rank_at_least(self, rank):
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError("Shape %s must have rank at least %d" % (self, rank))
        return self

    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self._dims)

    def __getitem__(self, key):
        if self._dims is None:
            return None if not isinstance(key, slice) else TensorShape(None)
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return self._dims[key]

    def __bool__(self):
        return self._dims is not None

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return self._dims == other._dims

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self):
        return hash(self._dims)

    def __add__(self, other):
        return self.concatenate(other)

    def __radd__(self, other):
        return as_shape(other).concatenate(self)

    def __repr__(self):
        return "TensorShape(None)" if self._dims is None else "TensorShape(%s)" % list(self._dims)

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return "(%s,)" % self._dims[0]
        return "(%s)" % ", ".join(str(d) for d in self._dims)

    def __reduce__(self):
        return TensorShape, (self.dims,)


def _dim(d):
    if d is None:
        return None
    if hasattr(d, "value") and not isinstance(d, (np.ndarray, Tensor)):  # tf.compat Dimension
        return d.value
    try:
        return operator.index(d)
    except TypeError:
        raise TypeError("Dimension value must be integer or None or have an __index__ method, "
                        "got value '%s' with type '%s'" % (d, type(d))) from None


def as_shape(shape) -> TensorShape:
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


class Tensor:
    """tf.Tensor: the base of every tensor type; isinstance(x, tf.Tensor) checks use it."""

    __slots__ = ()
    OVERLOADABLE_OPERATORS = frozenset()


class EagerTensor(Tensor):
    """An eager tf.Tensor: an immutable jax.Array (NumPy object array for tf.string) with an id."""

    __slots__ = ("_value", "_id", "__weakref__")
    __array_priority__ = 100  # NumPy defers `ndarray * tensor` to the tensor's operators

    def __init__(self, value, dtype=None):
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
        v = np.asarray(self._value)
        return v if dtype is None else v.astype(dtype)

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
        return bool(np.asarray(self._value))

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


def wrap(value) -> EagerTensor:
    """A new EagerTensor around a jax.Array (no checks: the fast path every op output takes)."""
    t = object.__new__(EagerTensor)
    t._value = value
    t._id = _next_id()
    return t


# ---------------------------------------------------------------------------------------------
# Conversion (TF's convert_to_tensor and constant rules)

# Types that convert themselves (tf.Variable registers here), as TF's
# tf.register_tensor_conversion_function.
_conversion_functions: dict[type, Callable] = {}


def register_tensor_conversion_function(base_type, conversion_func, priority=100):
    """tf.register_tensor_conversion_function."""
    _conversion_functions[base_type] = conversion_func


def _python_dtype(value) -> DType | None:
    """The dtype TF gives a Python scalar, or None for anything else."""
    if isinstance(value, bool):
        return dtypes.bool
    if isinstance(value, int):
        return dtypes.int32 if -(2**31) <= value < 2**31 else dtypes.int64
    if isinstance(value, float):
        return dtypes.float32
    if isinstance(value, complex):
        return dtypes.complex128
    if isinstance(value, (str, bytes)):
        return dtypes.string
    return None


_MIXED = "Can't convert Python sequence with mixed types to Tensor."
_F32_MAX = float(np.finfo(np.float32).max)


def _kind(x):
    """'b', 'i', 'f', 'c' or 's' for a Python scalar, None for anything else."""
    if isinstance(x, bool):
        return "b"
    if isinstance(x, int):
        return "i"
    if isinstance(x, float):
        return "f"
    if isinstance(x, complex):
        return "c"
    if isinstance(x, (str, bytes)):
        return "s"
    return None


# TF's sequence inference walks the elements in order: a later element may fit the type
# inferred so far (a bool in an int list, an int in a float list, a float in a complex list),
# and an int list may become a float list; anything else is "mixed types".
_FITS = {"b": "", "i": "b", "f": "bi", "c": "bif", "s": ""}


def _infer_kind(leaves) -> str:
    kind = None
    for x in leaves:
        k = _kind(x)
        if k is None:
            if x is None:
                raise ValueError(_MIXED)
            raise ValueError(
                "Attempt to convert a value (%r) with an unsupported type (%s) to a Tensor."
                % (x, type(x)))
        if kind is None or k == kind or k in _FITS[kind]:
            kind = kind or k
        elif kind == "i" and k == "f":
            kind = "f"
        else:
            raise ValueError(_MIXED)
    return kind


def _shape_of(value) -> tuple:
    """The shape of a nested list, or TF's non-rectangular error."""
    if not isinstance(value, (list, tuple)):
        return ()
    shapes = {_shape_of(v) for v in value}
    if len(shapes) > 1:
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    return (len(value),) + (shapes.pop() if shapes else ())


def _python_array(value, kind) -> np.ndarray:
    """A Python scalar or nested list of `kind`, with TF's default dtype for it."""
    if kind == "s":
        return np.array(_map_leaves(value, _as_bytes), dtype=object)
    if kind == "b":
        return np.array(value, dtype=np.bool_)
    if kind == "c":
        return np.array(value, dtype=np.complex128)
    if kind == "f":
        arr = np.array(value, dtype=np.float64)
        if np.any(np.isfinite(arr) & (np.abs(arr) > _F32_MAX)):
            raise ValueError("Can't convert Python sequence with a value out of range for a "
                             "double-precision float.")
        return arr.astype(np.float32)
    leaves = _leaves(value)
    if any(v >= 2**63 or v < -(2**63) for v in leaves):
        raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
    arr = np.array(value, dtype=np.int64)
    small = all(-(2**31) <= v < 2**31 for v in leaves)
    return arr.astype(np.int32) if small else arr


def _infer_for(value, dtype) -> np.ndarray:
    """_infer, except that Python ints past int64 may still fit a requested uint64."""
    try:
        return _infer(value)
    except ValueError as e:
        if dtype is None or "out-of-range integer" not in str(e):
            raise
        try:
            return np.array(value, dtype=dtypes.as_dtype(dtype).as_numpy_dtype)
        except (OverflowError, TypeError):
            raise e from None


def _infer(value) -> np.ndarray:
    """A NumPy array with TF's inferred dtype for a Python/NumPy value."""
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, np.generic):
        return np.asarray(value)
    k = _kind(value)
    if k is not None:
        return _python_array(value, k)
    if isinstance(value, (list, tuple)):
        leaves = _leaves(value)
        if any(isinstance(x, (Tensor, np.ndarray, np.generic)) or _is_convertible(x)
               for x in leaves):
            return _stack_values(value)
        shape = _shape_of(value)
        if not leaves:
            return np.zeros(shape, np.float32)  # an empty list: TF gives float32
        return _python_array(value, _infer_kind(leaves))
    if hasattr(value, "__array__"):
        return np.asarray(value)
    raise ValueError(
        "Attempt to convert a value (%r) with an unsupported type (%s) to a Tensor."
        % (value, type(value))
    )


def _is_convertible(x) -> bool:
    return type(x) in _conversion_functions


def _leaves(value):
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def _map_leaves(value, fn):
    if isinstance(value, (list, tuple)):
        return [_map_leaves(v, fn) for v in value]
    return fn(value)


def _as_bytes(s):
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


def _stack_values(value):
    """A list mixing tensors and Python numbers: TF packs them, taking the tensors' dtype."""
    def to_np(v):
        if isinstance(v, (list, tuple)):
            return [to_np(x) for x in v]
        if isinstance(v, Tensor) or _is_convertible(v):
            return convert_to_tensor(v).numpy()
        return v

    items = to_np(value)
    tensor_dtypes = {
        convert_to_tensor(x).dtype for x in _leaves(value) if isinstance(x, Tensor)
        or _is_convertible(x)
    }
    if len(tensor_dtypes) > 1:
        raise TypeError("Tensors in list passed to 'values' of 'Pack' Op have types %s that "
                        "don't all match." % sorted(d.name for d in tensor_dtypes))
    d = tensor_dtypes.pop() if tensor_dtypes else None
    return np.array(items, dtype=None if d is None else d.as_numpy_dtype)


# A Python bool converts to these integer dtypes only (TF refuses the narrow ones).
_BOOL_INTS = frozenset((dtypes.int32, dtypes.int64))


def _cast_numpy(arr: np.ndarray, value, dtype: DType, strict: bool) -> np.ndarray:
    """Cast an inferred array to a requested dtype.

    strict (Python values, as TF converts them): floats don't become integers or bools, complex
    doesn't become real, ints don't become bools, a bool becomes only a wide int or a float;
    ints wrap into narrower integer dtypes as TF's conversion does.
    """
    if arr.dtype == dtype._np:
        return arr
    if dtype is dtypes.string and arr.size == 0:
        return np.zeros(arr.shape, dtype=object)  # tf.constant([], tf.string)
    if dtype is dtypes.string or (arr.dtype == object and arr.size):
        raise TypeError("Cannot convert %r to EagerTensor of dtype %s" % (value, _tf_name(dtype)))
    if arr.dtype == object:  # an empty list of strings asked for as another dtype
        return np.zeros(arr.shape, dtype.as_numpy_dtype)
    if strict and arr.size:
        src = dtypes.from_numpy(arr.dtype)
        lossy = (
            (src.is_complex and not dtype.is_complex)
            or (src.is_floating and (dtype.is_integer or dtype is dtypes.bool))
            or (src is not dtypes.bool and dtype is dtypes.bool)
            or (src is dtypes.bool and dtype.is_integer and dtype not in _BOOL_INTS)
        )
        if lossy:
            raise TypeError("Cannot convert %r to EagerTensor of dtype %s"
                            % (value, _tf_name(dtype)))
        if src.is_integer and dtype.is_integer:
            # TF wraps: -1 as uint8 is 255; values past int64 reach uint64 directly.
            try:
                return np.array(value, dtype=object).astype(np.int64).astype(dtype.as_numpy_dtype)
            except OverflowError:
                return np.array(value, dtype=dtype.as_numpy_dtype)
    if strict and isinstance(value, (float, complex, list, tuple)):
        try:  # from the Python value itself: 1/3 as float64 must not pass through float32
            return np.array(value, dtype=dtype.as_numpy_dtype)
        except (TypeError, ValueError):
            pass
    return arr.astype(dtype.as_numpy_dtype)


def _tf_name(d: DType) -> str:
    """The dtype as TF's runtime names it in messages (float, double, half)."""
    return {"float32": "float", "float64": "double", "float16": "half"}.get(d.name, d.name)


def to_array(arr: np.ndarray):
    """Put a NumPy array on the default JAX device (strings stay NumPy object arrays)."""
    if arr.dtype == object:
        return arr
    if arr.dtype.kind in "SU":
        return np.array(arr.tolist(), dtype=object) if arr.dtype.kind == "S" else np.array(
            _map_leaves(arr.tolist(), _as_bytes), dtype=object)
    return jnp.asarray(arr)


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None, preferred_dtype=None):
    """tf.convert_to_tensor."""
    if type(value) is EagerTensor:
        if dtype is not None and value.dtype is not dtypes.as_dtype(dtype):
            raise ValueError(
                "Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                % (dtypes.as_dtype(dtype).name, value.dtype.name, value)
            )
        return value
    fn = _conversion_functions.get(type(value))
    if fn is None:
        for base, f in _conversion_functions.items():
            if isinstance(value, base):
                fn = f
                break
    if fn is not None:
        return fn(value, dtype=None if dtype is None else dtypes.as_dtype(dtype))
    if isinstance(value, Tensor):  # other tensor subclasses: let them convert themselves
        return value._as_eager(dtype)
    if isinstance(value, jax.Array) and not isinstance(value, jax.core.Tracer):
        value = value if dtype is None else value.astype(dtypes.as_dtype(dtype).as_numpy_dtype)
        dtypes.from_numpy(value.dtype)
        return wrap(value)
    if isinstance(value, jax.core.Tracer):  # inside jax.jit/vmap over tfshim code
        if dtype is not None:
            value = value.astype(dtypes.as_dtype(dtype).as_numpy_dtype)
        return wrap(value)
    if isinstance(value, DType):
        raise TypeError(
            "Attempt to convert a value (%r) with an unsupported type (%s) to a Tensor."
            % (value, type(value))
        )
    hint = dtype_hint if dtype_hint is not None else preferred_dtype
    scalar = type(value) in (float, int, bool)
    if scalar:
        # Python scalars recur (learning rates, 1.0, 2): their arrays are cached, as TF's eager
        # context caches scalar constants. Arrays are immutable, so sharing one is safe.
        key = (type(value), value, dtype, hint)
        cached = _scalar_cache.get(key)
        if cached is not None:
            return wrap(cached)
    arr = _infer_for(value, dtype)
    if dtype is not None:
        arr = _cast_numpy(arr, value, dtypes.as_dtype(dtype),
                          strict=not isinstance(value, (np.ndarray, np.generic)))
    elif hint is not None:
        try:  # NumPy values are cast to the hint; Python values only where they fit
            arr = _cast_numpy(arr, value, dtypes.as_dtype(hint),
                              strict=not isinstance(value, (np.ndarray, np.generic)))
        except TypeError:
            pass  # a hint that does not fit is ignored, as in TF
    out = to_array(arr)
    if scalar and len(_scalar_cache) < 4096 and not isinstance(out, jax.core.Tracer):
        _scalar_cache[key] = out
    return wrap(out)


_scalar_cache: dict = {}

_filled_cache: dict = {}
_FILLED_CACHE_BYTES = 1 << 16  # arrays up to 64 KiB are shared


def filled_array(shape: tuple, np_dtype, value):
    """A jax array of `shape` full of `value` (0 or 1), as jnp.full makes it.

    tf.ones((2, 2)) in every step, a gradient's ones seed: small filled arrays recur, and
    making one costs two eager primitive dispatches. They are cached, as the scalar constants
    above: arrays are immutable, so sharing one buffer between tensors is safe (a buffer that
    was donated away through JAX is replaced).
    """
    if _tape_state.tracing is not None:
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


def constant_value(value, dtype=None, shape=None, name="Const"):
    """tf.constant: convert_to_tensor, plus casting NumPy input and broadcasting to `shape`."""
    if isinstance(value, Tensor) or _is_convertible(value):
        t = convert_to_tensor(value)
        if dtype is not None and t.dtype is not dtypes.as_dtype(dtype):
            raise TypeError("Expected tensor %s with dtype %r, but got dtype %r."
                            % (numpy_text(t, is_repr=False), dtypes.as_dtype(dtype), t.dtype))
        arr = t._value
    else:
        arr = _infer_for(value, dtype)
        if dtype is not None:
            arr = _cast_numpy(arr, value, dtypes.as_dtype(dtype),
                              strict=not isinstance(value, (np.ndarray, np.generic)))
        arr = to_array(arr)
    if shape is not None:
        shape = tuple(as_shape(shape).as_list())
        size = int(np.prod(shape, dtype=np.int64))
        if arr.size == size:
            arr = arr.reshape(shape)
        elif arr.size == 1:
            arr = (np.broadcast_to if isinstance(arr, np.ndarray) else jnp.broadcast_to)(
                arr.reshape(()), shape)
        else:
            raise TypeError("Eager execution of tf.constant with unsupported shape. Tensor %s "
                            "(converted from %r) has %d elements, but got `shape` %s with %d "
                            "elements)." % (numpy_text(wrap(arr)), value, arr.size,
                                            as_shape(shape), size))
    return wrap(arr)


def is_tensor(x) -> bool:
    """tf.is_tensor."""
    return isinstance(x, Tensor) or _is_convertible(x)


# Tensors are pytrees of their array, so jax.jit/grad/vmap and jnp functions take them.
jax.tree_util.register_pytree_node(
    EagerTensor, lambda t: ((t._value,), None), lambda _, children: wrap(children[0])
)

_api.export("Tensor")(Tensor)
_api.export("TensorShape")(TensorShape)
_api.export("register_tensor_conversion_function")(register_tensor_conversion_function)
