"""Conversion to tensors, with TF 2.21's rules: tf.convert_to_tensor, tf.constant, and the
conversion of an op's arguments (inputs sharing a type attr, static arguments).

TF's rules in one place: Python float -> float32, int -> int32 (int64 past it), NumPy keeps its
dtype, sequences are inferred element by element in order, no implicit promotion between
tensors, and Python scalars take the dtype of the tensors beside them.
"""

from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from . import context, dtypes, errors, jax_internals
from .dtypes import DType
from .tensor import CoreTensor, EagerTensor, SymbolicTensor, Tensor, numpy_text, wrap
from .tensor_shape import TensorShape, as_shape

_SIMPLE = (int, float, bool, str, type(None), DType)

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
        if dtype is not None and "double-precision" in str(e) and (
                dtypes.as_dtype(dtype).is_floating or dtypes.as_dtype(dtype).is_complex):
            # A float past float32's range converts to a requested float type (inf if it
            # overflows it); only the inferred float32 refuses it.
            with np.errstate(over="ignore"):
                return np.array(value, dtype=np.float64).astype(
                    dtypes.as_dtype(dtype).as_numpy_dtype)
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


def _traced_leaves(value) -> list:
    """The tensors among a nested list's leaves, where one of them is traced (a tf.function's
    symbolic tensor); otherwise []."""
    tensors = [convert_to_tensor(x) for x in _leaves(value)
               if isinstance(x, Tensor) or _is_convertible(x)]
    if any(isinstance(t._value, jax.core.Tracer) for t in tensors):
        return tensors
    return []


def _pack_traced(value, tensors, dtype):
    """TF's Pack of a list holding traced tensors (Keras sums a list of losses in its train
    step): one recorded op, so that gradients flow through it."""
    from .op import Fn, apply  # op.py converts its arguments with this module

    kinds = {t.dtype for t in tensors}
    if len(kinds) > 1:
        raise TypeError("Tensors in list passed to 'values' of 'Pack' Op have types %s that "
                        "don't all match." % sorted(d.name for d in kinds))
    d = dtypes.as_dtype(dtype) if dtype is not None else kinds.pop()
    def build(*arrays):
        slots = iter(range(len(arrays)))

        def leaf(x):
            if isinstance(x, Tensor) or _is_convertible(x):
                return arrays[next(slots)].astype(d.as_numpy_dtype)
            return jnp.asarray(x, d.as_numpy_dtype)
        return jnp.array(_map_leaves(value, leaf), dtype=d.as_numpy_dtype)

    return apply(Fn(build), tensors, jit=False)[0]


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
        raise TypeError("Cannot convert %r to EagerTensor of dtype %s"
                        % (value, dtypes.tf_type_name(dtype)))
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
                            % (value, dtypes.tf_type_name(dtype)))
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


def to_array(arr: np.ndarray):
    """Put a NumPy array on the default JAX device (strings stay NumPy object arrays)."""
    if arr.dtype == object:
        return arr
    if arr.dtype.kind in "SU":
        return np.array(arr.tolist(), dtype=object) if arr.dtype.kind == "S" else np.array(
            _map_leaves(arr.tolist(), _as_bytes), dtype=object)
    if context.thread_state().tracing is not None:
        # A constant inside tf.function stays concrete (jnp.asarray would stage it), so
        # Python-side uses of it (tf.range's bounds, shapes) read its value, as TF's constants.
        with jax.ensure_compile_time_eval():
            return jnp.asarray(arr)
    return jnp.asarray(arr)


def to_host_array(value, dtype: DType) -> np.ndarray:
    """The NumPy array convert_to_tensor(value, dtype) would put on the device (strings as
    object arrays), with TF's conversion checks: for values a host pipeline passes on."""
    if isinstance(value, (Tensor, jax.Array)):
        return np.asarray(convert_to_tensor(value, dtype)._value)
    arr = _cast_numpy(_infer_for(value, dtype), value, dtype,
                      strict=not isinstance(value, (np.ndarray, np.generic)))
    return arr if arr.dtype.kind not in "SU" else to_array(arr)


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None, preferred_dtype=None):
    """tf.convert_to_tensor."""
    if type(value) is EagerTensor or type(value) is SymbolicTensor:
        if dtype is not None and value.dtype is not dtypes.as_dtype(dtype):
            # TF's _add_error_prefix: a named conversion's error starts with the name.
            raise ValueError(
                "%sTensor conversion requested dtype %s for Tensor with dtype %s: %r"
                % ("" if name is None else name + ": ", dtypes.as_dtype(dtype).name,
                   value.dtype.name, value)
            )
        return value
    fn = _conversion_functions.get(type(value))
    if fn is None and hasattr(type(value), "__tf_tensor__"):
        # TF's TensorProtocol (tensor_conversion_registry.convert): the value converts itself.
        return value.__tf_tensor__(dtype, name)
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
    if isinstance(value, (list, tuple)):
        traced = _traced_leaves(value)
        if traced:
            return _pack_traced(value, traced, dtype)
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


def constant_value(value, dtype=None, shape=None, name="Const"):
    """tf.constant: convert_to_tensor, plus casting NumPy input and broadcasting to `shape`."""
    if isinstance(value, Tensor) or _is_convertible(value):
        # A registered conversion takes the dtype (a TensorShape converts to int64 when asked).
        t = convert_to_tensor(value, None if isinstance(value, Tensor) else dtype)
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
    """tf.is_tensor: tensors, variables and other tf.__internal__.types.Tensor subclasses, and
    objects that say they are tensor-like (TF's `is_tensor_like`)."""
    return (isinstance(x, CoreTensor) or _is_convertible(x) and type(x) is not TensorShape
            or getattr(x, "is_tensor_like", False))


# ---------------------------------------------------------------------------------------------
# Op arguments


def is_tensor_like(v) -> bool:
    return isinstance(v, Tensor) or type(v) in _conversion_functions and type(v) is not TensorShape


def static_value(v):
    """A hashable Python value for a non-tensor argument (tensors given for shapes/axes too)."""
    if isinstance(v, _SIMPLE):
        return v
    if is_tensor_like(v):
        t = convert_to_tensor(v)
        if isinstance(t, SymbolicTensor):
            # In a trace, a value computed from constants alone (tf.shape of a tensor of known
            # shape) is known now, as TF's constant folding knows it.
            known = jax_internals.value_outside_trace(t._value, [], [])
            if known is not None:
                return np.asarray(known).tolist()
        return t.numpy().tolist()
    if isinstance(v, np.ndarray):
        return _tuplify(v.tolist())
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (list, tuple)):
        return tuple(static_value(x) for x in v)
    return v


def _tuplify(v):
    return tuple(_tuplify(x) for x in v) if isinstance(v, list) else v


def convert_matching(values: list, op_type: str, first_alone: bool = False, name="",
                     spec=None) -> list:
    """TF's eager fast path for inputs sharing a type attr.

    The dtype comes from the first tensor among them (or the first value when none is a
    tensor); Python values are converted to it strictly; a tensor of another dtype is TF's
    InvalidArgumentError. With `first_alone` (tf.add's Python wrapper), the first input alone
    decides the dtype even when it is a Python value.
    """
    dtype = None
    if not first_alone:
        for v in values:
            if is_tensor_like(v):
                dtype = convert_to_tensor(v).dtype if not isinstance(v, EagerTensor) else v.dtype
                break
    if dtype is not None and spec is not None and spec.allowed is not None and (
            dtype not in spec.allowed):
        # TF converts the Python values to the type attr inferred from the first tensor (a
        # value it can't hold is a TypeError), then checks the attr, before the other tensors.
        for v in values:
            if not is_tensor_like(v):
                convert_to_tensor(v, dtype)
        raise spec.dtype_error(dtype)
    out = []
    for i, v in enumerate(values):
        if is_tensor_like(v):
            t = convert_to_tensor(v)
            if dtype is None:
                dtype = t.dtype
            elif t.dtype is not dtype:
                raise errors.input_dtype_error(op_type, i, dtypes.tf_type_name(dtype),
                                               dtypes.tf_type_name(t.dtype), name)
        else:
            t = convert_to_tensor(v, dtype)
            dtype = t.dtype
        out.append(t)
    return out


def convert_op_args(spec, vals: list, name) -> tuple[list, list]:
    """Convert an op's bound arguments in place, as TF's op wrappers do.

    Static arguments become hashable Python values; the inputs sharing the type attr are
    converted together (`convert_matching`) and checked against the op-def's allowed dtypes;
    list inputs likewise, each list on its own; other tensor inputs on their own. Tensor slots
    of `vals` get their arrays. Returns the input tensors, in order, and their layout: (param
    index, None for one tensor or n for a list of n).
    """
    for i in spec.statics:
        v = vals[i]
        if not isinstance(v, _SIMPLE):
            vals[i] = static_value(v)
    matched = spec.matched
    ts = [vals[i] for i in matched]
    if ts:
        # Fast path: every input already an EagerTensor of one dtype (most calls).
        dt = ts[0]._value.dtype if type(ts[0]) is EagerTensor else None
        if dt is None or any(type(t) is not EagerTensor or t._value.dtype != dt for t in ts):
            ts = convert_matching(ts, spec.op_type, spec.first_alone, name or "", spec)
            dt = ts[0]._value.dtype
        if spec.allowed_np is not None and dt not in spec.allowed_np:
            raise spec.dtype_error(ts[0].dtype)
        for i, t in zip(matched, ts):
            vals[i] = t._value
    inputs = ts
    layout = spec.matched_layout
    if spec.lists or spec.others:
        layout = list(layout)
    for i in spec.lists:
        ts = convert_matching(list(vals[i]), spec.op_type, name=name or "")
        vals[i] = [t._value for t in ts]
        inputs.extend(ts)
        layout.append((i, len(ts)))
    for i in spec.others:
        v = vals[i]
        if v is None:
            continue
        t = convert_to_tensor(v)
        vals[i] = t._value
        inputs.append(t)
        layout.append((i, None))
    return inputs, layout


_api.export("register_tensor_conversion_function")(register_tensor_conversion_function)
