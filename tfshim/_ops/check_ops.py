"""tf.debugging assertions (TF's check_ops.py, numerics.py and tf.debugging.Assert).

Eagerly, TF's assertions test their condition at once, raise InvalidArgumentError with TF's
message (built by TF's _make_assert_msg_data / _pretty_print / Assert's _summarize_eager,
ported below) and return None. check_numerics is an op (CheckNumerics) and returns its input.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _api
from .._core import dtypes as D
from .._core import errors
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._core.tensor import Tensor
from .._core.tensor_shape import TensorShape
from . import math_ops, op_defs, reduction_ops
from .op_util import concrete, def_error, dims

_NUMERIC = frozenset((D.float16, D.float32, D.float64, D.bfloat16, D.int8, D.int16, D.int32,
                      D.int64, D.uint8, D.uint16, D.uint32, D.uint64, D.complex64, D.complex128))


def _concrete(*ts) -> bool:
    """Values an assertion can test now: not inside a tf.function trace."""
    return concrete(*(t._value for t in ts))


def _message_prefix(message):
    return "%s.  " % message if message else ""


def _shape_and_dtype(t):
    return "shape=%s dtype=%s" % (t.shape, t.dtype.name)


def _pretty_print(item, summarize):
    """TF's _pretty_print: tensors as a list of element strings, the rest as str()."""
    if isinstance(item, Tensor):
        arr = item.numpy()
        if np.isscalar(arr):
            return str(arr)
        flat = arr.reshape((-1,))
        lst = [str(x) for x in flat[:int(summarize)]]
        if len(lst) < flat.size:
            lst.append("...")
        return str(lst)
    return str(item)


def _summarize_eager(t, summarize):
    """TF's control_flow_assert._summarize_eager."""
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = t.numpy().size
    if t.ndim:
        flat = t.numpy().reshape((-1,))
        lst = [str(x) for x in flat[:summarize]]
        if len(lst) < flat.size:
            lst.append("...")
    else:
        lst = [str(t.numpy())] if summarize != 0 else []
    return ", ".join(lst)


@_api.export("debugging.Assert", "Assert")
def Assert(condition, data, summarize=None, name=None):  # noqa: N802
    """tf.debugging.Assert: raises InvalidArgumentError when `condition` is false; None.

    Differences from TensorFlow: inside tf.function the check is not run.
    """
    cond = convert_to_tensor(condition)
    if not _concrete(cond) or bool(cond.numpy()):
        return None
    xs = [convert_to_tensor(x) for x in data]
    raise errors.InvalidArgumentError(
        None, None, "Expected '%s' to be true. Summarized data: %s"
        % (cond, "\n".join(_summarize_eager(x, summarize) for x in xs)))


def _make_assert_msg_data(sym, x, y, summarize, test):
    """TF's _make_assert_msg_data: the failing indices and values, then leading elements."""
    data = ["Condition x %s y did not hold." % sym]
    if summarize > 0:
        xv, yv, ok = x.numpy(), y.numpy(), test.numpy()
        if x.shape == y.shape and x.ndim:
            mask = np.logical_not(ok)
            idx = np.argwhere(mask)
            n = min(int(summarize), idx.shape[0])
            data += ["Indices of first %d different values:" % n, idx[:n],
                     "Corresponding x values:", xv[mask].reshape((-1,))[:n],
                     "Corresponding y values:", yv[mask].reshape((-1,))[:n]]
        xf, yf = xv.reshape((-1,)), yv.reshape((-1,))
        xs, ys = min(xf.size, summarize), min(yf.size, summarize)
        data += ["First %d elements of x:" % xs, xf[:int(xs)],
                 "First %d elements of y:" % ys, yf[:int(ys)]]
    return data


def _binary_assert(sym, test_fn, x, y, data, summarize, message):
    """TF's _binary_assert, eagerly."""
    x = convert_to_tensor(x)
    y = convert_to_tensor(y)
    test = test_fn(x, y)
    if not _concrete(test) or bool(np.all(test.numpy())):
        return None
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = 1e9
    if data is None:
        data = _make_assert_msg_data(sym, x, y, summarize, test)
    if message is not None:
        data = [message] + list(data)
    raise errors.InvalidArgumentError(
        None, None, "\n".join(_pretty_print(d, summarize) for d in data))


@_api.export("debugging.assert_equal", "assert_equal")
def assert_equal(x, y, message=None, summarize=None, name=None):
    """tf.debugging.assert_equal."""
    return _binary_assert("==", math_ops.equal, x, y, None, summarize, message)


@_api.export("debugging.assert_none_equal")
def assert_none_equal(x, y, summarize=None, message=None, name=None):
    """tf.debugging.assert_none_equal."""
    return _binary_assert("!=", math_ops.not_equal, x, y, None, summarize, message)


@_api.export("debugging.assert_less", "assert_less")
def assert_less(x, y, message=None, summarize=None, name=None):
    """tf.debugging.assert_less."""
    return _binary_assert("<", math_ops.less, x, y, None, summarize, message)


@_api.export("debugging.assert_less_equal")
def assert_less_equal(x, y, message=None, summarize=None, name=None):
    """tf.debugging.assert_less_equal."""
    return _binary_assert("<=", math_ops.less_equal, x, y, None, summarize, message)


@_api.export("debugging.assert_greater", "assert_greater")
def assert_greater(x, y, message=None, summarize=None, name=None):
    """tf.debugging.assert_greater."""
    return _binary_assert(">", math_ops.greater, x, y, None, summarize, message)


@_api.export("debugging.assert_greater_equal")
def assert_greater_equal(x, y, message=None, summarize=None, name=None):
    """tf.debugging.assert_greater_equal."""
    return _binary_assert(">=", math_ops.greater_equal, x, y, None, summarize, message)


def _sign_assert(sym, x, message, summarize, zero_first):
    """TF's assert_positive & co.: assert_less against a zero of x's dtype, TF's data."""
    message = _message_prefix(message)
    x = convert_to_tensor(x)
    data = [message, "Condition x %s did not hold element-wise:" % sym,
            "x (%s) = " % _shape_and_dtype(x), x]
    if sym == "<= 0":  # TF's assert_non_positive joins these two (a missing comma in TF)
        data[1:3] = [data[1] + data[2]]
    zero = convert_to_tensor(0, dtype=x.dtype)
    a, b = (zero, x) if zero_first else (x, zero)
    test = math_ops.less if sym in ("> 0", "< 0") else math_ops.less_equal
    return _binary_assert("<" if test is math_ops.less else "<=", test, a, b, data, summarize,
                          None)


@_api.export("debugging.assert_positive")
def assert_positive(x, message=None, summarize=None, name=None):
    """tf.debugging.assert_positive."""
    return _sign_assert("> 0", x, message, summarize, True)


@_api.export("debugging.assert_negative")
def assert_negative(x, message=None, summarize=None, name=None):
    """tf.debugging.assert_negative."""
    return _sign_assert("< 0", x, message, summarize, False)


@_api.export("debugging.assert_non_negative")
def assert_non_negative(x, message=None, summarize=None, name=None):
    """tf.debugging.assert_non_negative."""
    return _sign_assert(">= 0", x, message, summarize, True)


@_api.export("debugging.assert_non_positive")
def assert_non_positive(x, message=None, summarize=None, name=None):
    """tf.debugging.assert_non_positive."""
    return _sign_assert("<= 0", x, message, summarize, False)


@_api.export("debugging.assert_near")
def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """tf.debugging.assert_near: |x - y| < atol + rtol * |y| everywhere (default tolerances
    10 * eps of x's dtype)."""
    message = _message_prefix(message)
    x = convert_to_tensor(x, name="x")
    y = convert_to_tensor(y, dtype=x.dtype, name="y")
    dtype = x.dtype.real_dtype if x.dtype.is_complex else x.dtype
    eps = np.finfo(dtype.as_numpy_dtype).eps
    rtol = convert_to_tensor(10 * eps if rtol is None else rtol, dtype=dtype)
    atol = convert_to_tensor(10 * eps if atol is None else atol, dtype=dtype)
    data = [message, "x and y not equal to tolerance rtol = %s, atol = %s" % (rtol, atol),
            "x (%s) = " % _shape_and_dtype(x), x, "y (%s) = " % _shape_and_dtype(y), y]
    tol = math_ops.add(atol, math_ops.multiply(rtol, math_ops.abs(y)))
    diff = math_ops.abs(math_ops.subtract(x, y))
    return Assert(reduction_ops.reduce_all(math_ops.less(diff, tol)), data, summarize=summarize)


@_api.export("debugging.assert_rank", "assert_rank")
def assert_rank(x, rank, message=None, name=None):
    """tf.debugging.assert_rank: a static check, ValueError as TF."""
    x = convert_to_tensor(x)
    r = convert_to_tensor(rank)
    if r.dtype is not D.int32:
        raise TypeError("tensor must be of type tf.int32; got %r" % r.dtype)
    if r.ndim != 0:
        raise ValueError("Rank must be a scalar.")
    if x.ndim != int(r.numpy()):
        raise ValueError("%sTensor  must have rank %d.  Received rank %d, shape %s"
                         % (_message_prefix(message), int(r.numpy()), x.ndim, x.shape))
    return None


@_api.export("debugging.assert_type")
def assert_type(tensor, tf_type, message=None, name=None):
    """tf.debugging.assert_type: TypeError naming the dtypes, as TF's eager message."""
    tf_type = D.as_dtype(tf_type)
    t = convert_to_tensor(tensor)
    if t.dtype is not tf_type:
        raise TypeError("%stensor must be of type %r; got %r"
                        % (_message_prefix(message), tf_type, t.dtype))
    return None


def _is_any(sym):
    return isinstance(sym, str) and sym in ("*", ".")


@_api.export("debugging.assert_shapes")
def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """tf.debugging.assert_shapes: static checks of named and fixed dimensions.

    Differences from TensorFlow: only static shapes are checked, with TF's ValueError for
    rank and size mismatches; the "..." prefix/suffix form is not supported.
    """
    message = _message_prefix(message)
    items = shapes.items() if isinstance(shapes, dict) else shapes
    sizes = {}  # symbol -> (size, specifying tensor, its dimension)
    for x, spec in items:
        x = convert_to_tensor(x)
        spec = (spec,) if isinstance(spec, (str, int)) else tuple(spec)
        shape = tuple(x.shape)
        if len(spec) <= 1 and x.ndim <= 1:
            shape = shape or (1,)  # TF treats rank 0 as rank 1 of size 1 here
        elif len(spec) != x.ndim:
            raise ValueError("%sTensor  must have rank %d.  Received rank %d, shape %s"
                             % (message, len(spec), x.ndim, x.shape))
        for i, sym in enumerate(spec):
            size = shape[i]
            if _is_any(sym):
                continue
            if isinstance(sym, int):
                want, origin = sym, None
            elif sym in sizes:
                want, *origin = sizes[sym]
            else:
                sizes[sym] = (size, x, i)
                continue
            if size != want:
                where = "Specified explicitly" if origin is None else (
                    "Specified by tensor %s dimension %d" % (_tensor_desc(origin[0]), origin[1]))
                raise ValueError("%s%s.  Tensor %s dimension %d must have size %d.  Received "
                                 "size %d, shape %s" % (message, where, _tensor_desc(x), i, want,
                                                        size, x.shape))
    return None


def _tensor_desc(x):
    return _shape_and_dtype(x)


@_api.export("debugging.is_numeric_tensor")
def is_numeric_tensor(tensor):
    """tf.debugging.is_numeric_tensor."""
    return isinstance(tensor, Tensor) and tensor.dtype in _NUMERIC


@op(tensors=("tensor",), op_type="CheckNumerics", sig="tensor:T -> output:T")
def _check_numerics(tensor, message, name=None):
    if not isinstance(tensor, jax.core.Tracer):
        nan, inf = bool(jnp.any(jnp.isnan(tensor))), bool(jnp.any(jnp.isinf(tensor)))
        if nan or inf:
            what = "Inf and NaN" if nan and inf else ("NaN" if nan else "Inf")
            raise errors.kernel_error("CheckNumerics", "%s : Tensor had %s values"
                                      % (message, what))
    return tensor


@_api.export("debugging.check_numerics")
def check_numerics(tensor, message, name=None):
    """tf.debugging.check_numerics: InvalidArgumentError on NaN or Inf, else its input.

    Differences from TensorFlow: inside tf.function the check is not run.
    """
    t = convert_to_tensor(tensor)
    if not isinstance(message, (str, bytes)):
        raise TypeError("Expected string for argument 'message' not %r." % (message,))
    if t.dtype not in op_defs.allowed("CheckNumerics"):
        # The op-def's message, whose signature also lists CheckNumerics' other attributes.
        raise def_error("T", t.dtype, op_defs.TEXT["CheckNumerics"], name="")
    return _check_numerics(t, message)


@_api.export("debugging.assert_all_finite")
def assert_all_finite(x, message, name=None):
    """tf.debugging.assert_all_finite: check_numerics, returning x."""
    x = convert_to_tensor(x)
    check_numerics(x, message)
    return x


@_api.export("debugging.assert_integer")
def assert_integer(x, message=None, name=None):
    """tf.debugging.assert_integer: a static dtype check."""
    x = convert_to_tensor(x)
    if not x.dtype.is_integer:
        raise TypeError('%sExpected "x" to be integer type.  Found: tensor of dtype %s'
                        % (_message_prefix(message), "<dtype: '%s'>" % x.dtype.name))
    return None


@_api.export("debugging.assert_scalar")
def assert_scalar(tensor, message=None, name=None):
    """tf.debugging.assert_scalar: a static shape check."""
    t = convert_to_tensor(tensor)
    if t.ndim != 0:
        raise ValueError("%sExpected scalar shape, saw shape: %s."
                         % (_message_prefix(message), t.shape))
    return None


@_api.export("debugging.assert_rank_at_least")
def assert_rank_at_least(x, rank, message=None, name=None):
    """tf.debugging.assert_rank_at_least: a static check, ValueError as TF."""
    x = convert_to_tensor(x)
    r = convert_to_tensor(rank)
    if r.dtype is not D.int32:
        raise TypeError("tensor must be of type tf.int32; got %r" % r.dtype)
    r = int(r.numpy())
    if x.ndim < r:
        raise ValueError("%sTensor  must have rank at least %d.  Received rank %d, shape %s"
                         % (_message_prefix(message), r, x.ndim, x.shape))
    return None


@_api.export("debugging.assert_rank_in")
def assert_rank_in(x, ranks, message=None, name=None):
    """tf.debugging.assert_rank_in: a static check, ValueError as TF."""
    x = convert_to_tensor(x)
    rs = tuple(int(convert_to_tensor(r).numpy()) for r in ranks)
    if x.ndim not in rs:
        raise ValueError("%sTensor  must have rank in %s.  Received rank %d, shape %s"
                         % (_message_prefix(message), rs, x.ndim, x.shape))
    return None


# -- is_non_decreasing, is_strictly_increasing (TF's check_ops.py too) ------------------------
def _monotonic(x, strict):
    x = convert_to_tensor(x)
    if not (x.dtype.is_integer or x.dtype.is_floating or x.dtype.is_complex):
        raise TypeError("Expected x to be numeric, instead found: %s" % x)
    return _is_monotonic(x, strict)


@op(tensors=("x",), op_type="Less", grad=False, dtypes=op_defs.TypeList.of(op_defs.REAL_NUMBER))
def _is_monotonic(x, strict, name=None):
    v = jnp.reshape(x, (-1,))
    d = (v[:-1] < v[1:]) if strict else (v[:-1] <= v[1:])
    return jnp.all(d)


@_api.export("math.is_non_decreasing")
def is_non_decreasing(x, name=None):
    """tf.math.is_non_decreasing (of the flattened tensor)."""
    return _monotonic(x, False)


@_api.export("math.is_strictly_increasing")
def is_strictly_increasing(x, name=None):
    """tf.math.is_strictly_increasing (of the flattened tensor)."""
    return _monotonic(x, True)


# -- ensure_shape ------------------------------------------------------------------------------
@op(tensors=("x",), op_type="EnsureShape")
def _ensure_shape(x, shape, name=None):
    if len(shape) != x.ndim or any(
            want is not None and isinstance(got, int) and got != want
            for got, want in zip(x.shape, shape)):
        raise errors.kernel_error(
            "EnsureShape", "Shape of tensor input %s is not compatible with expected shape %s."
            % (dims(x.shape), dims("?" if d is None else d for d in shape)), name)
    return x


@_api.export("ensure_shape")
def ensure_shape(x, shape, name=None):
    """tf.ensure_shape: x itself, after checking its shape is compatible with `shape`.

    Differences from TensorFlow: inside a trace with unknown dimensions (a relaxed tf.function
    or a FuncGraph), the result's static shape is the input's, not refined by `shape`.
    """
    shape = TensorShape(shape)
    if shape.rank is None:
        return convert_to_tensor(x)
    return _ensure_shape(x, tuple(shape.as_list()), name=name or "")
