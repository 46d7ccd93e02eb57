"""tf.py_function and tf.numpy_function (TF's script_ops.py): Python inside TF programs.

Eagerly, `func` is simply called (py_function's on eager tensors, so tapes record its ops;
numpy_function's on NumPy arrays, so nothing is recorded and the gradient is None, as TF's).

Inside tf.function, the call is a `jax.pure_callback`, which needs its outputs' shapes when the
function is traced. They are found as TF finds a lifted initializer's value: the callback's
inputs are evaluated for the call being traced and `func` runs on them once; the execution
that follows the trace gets that result rather than calling `func` again, so `func` runs once
per call, as in TF. py_function's gradient runs `func` under a tape on the host.
"""

from __future__ import annotations

import functools

import jax
import numpy as np

from .. import _api
from .._core import context, dtypes, errors, tape
from .._core.convert import convert_to_tensor
from .._core.tensor import Tensor, wrap


def _out_dtypes(Tout):
    """(list of DTypes, whether the result is one tensor rather than a list)."""
    if Tout is None:
        return [], False
    if isinstance(Tout, (list, tuple)):
        return [getattr(t, "dtype", t) for t in Tout], False
    return [getattr(Tout, "dtype", Tout)], True


def _kernel_error(kind, n_in, n_out, e):
    # TF reports an exception in func (or in converting its result) as the op's kernel error.
    return errors.InvalidArgumentError(
        None, None, "{{function_node __wrapped__%s_Tin_%d_Tout_%d_device_/job:localhost/"
        "replica:0/task:0/device:CPU:0}} %s: %s\n\n [Op:%s] name: "
        % (kind, n_in, n_out, type(e).__name__, e, kind))


def _call(func, values, out_dtypes, numpy_style, kind):
    """Run func eagerly on `values` (arrays); its results as arrays of `out_dtypes`."""
    args = [np.asarray(v) for v in values] if numpy_style else [wrap(v) for v in values]
    try:
        result = func(*args)
        if result is None:
            result = []
        elif not isinstance(result, (list, tuple)):
            result = [result]
        if len(result) != len(out_dtypes):
            raise ValueError("Number of outputs is %d but %d were expected"
                             % (len(result), len(out_dtypes)))
        return [convert_to_tensor(r, dtype=d)._value for r, d in zip(result, out_dtypes)]
    except errors.OpError:
        raise
    except Exception as e:  # noqa: BLE001 - reported as TF's kernel error
        raise _kernel_error(kind, len(values), len(out_dtypes), e) from None


def _eagerly():
    """Eager, outside any trace or tape of the function being traced (func's own ops)."""
    return context._swapped(tracing=None, tapes=[], collector=None)


def _traced_call(func, tensors, out_dtypes, numpy_style, kind):
    st = context.tracing()
    arrays = [t._value for t in tensors]
    concrete = [v if not isinstance(v, jax.core.Tracer) else
                (st.initial_value(v) if st is not None else None) for v in arrays]
    missing = [v for v, c in zip(arrays, concrete) if c is None]
    if missing:
        # The inputs depend on something only the compiled program knows (a loop variable):
        # tf.function runs this function eagerly.
        raise jax.errors.TracerArrayConversionError(missing[0])
    with _eagerly(), jax.ensure_compile_time_eval():
        first = _call(func, concrete, out_dtypes, numpy_style, kind)
    shapes = [jax.ShapeDtypeStruct(np.shape(r), r.dtype) for r in first]
    pending = [(concrete, first)]  # the result for the call being traced, used once

    def host(*values):
        if pending:
            inputs, result = pending[0]
            if all(np.array_equal(np.asarray(a), np.asarray(b)) for a, b in zip(inputs, values)):
                pending.clear()
                return [np.asarray(r) for r in result]
            pending.clear()
        with _eagerly():
            result = _call(func, values, out_dtypes, numpy_style, kind)
        for r, s in zip(result, shapes):
            if tuple(np.shape(r)) != s.shape:
                raise errors.InvalidArgumentError(
                    None, None, "tfshim: %s's result has shape %s; its first call in this "
                    "tf.function gave %s" % (kind, tuple(np.shape(r)), s.shape))
        return [np.asarray(r) for r in result]

    def run(*xs):
        return jax.pure_callback(host, shapes, *xs, vmap_method="sequential")

    if numpy_style:
        outs = [wrap(o) for o in run(*[jax.lax.stop_gradient(a) for a in arrays])]
    else:
        call = _differentiable(run, func, out_dtypes, kind)
        outs = [wrap(o) for o in call(*arrays)]
        if tape.active() and outs:
            tape.record(_Recorded(call), tuple(tensors), tuple(outs))
    if st is not None:
        node = st.unique_name(kind)
        for k, t in enumerate(outs):
            t._name = "%s:%d" % (node, k)
            t._unknown_shape = None  # TF's graph knows no shape for a script op's results
    return outs


class _Recorded:
    """py_function's call as a tape records it (a function of its input arrays)."""

    cacheable = False

    def __init__(self, call):
        self.call = call

    def __call__(self, *arrays):
        return tuple(self.call(*arrays))

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


def _differentiable(run, func, out_dtypes, kind):
    """`run` with py_function's gradient: func's own gradient, taken by a tape on the host."""

    @jax.custom_vjp
    def call(*xs):
        return run(*xs)

    def fwd(*xs):
        return run(*xs), xs

    def bwd(xs, cts):
        def grad_host(*values):
            from .._core.backprop import GradientTape  # noqa: PLC0415 - above the op modules

            n = len(xs)
            with _eagerly():
                inputs = [wrap(v) for v in values[:n]]
                with GradientTape() as tape:
                    for t in inputs:
                        tape.watch(t)
                    outs = func(*inputs)
                outs = outs if isinstance(outs, (list, tuple)) else [outs]
                grads = tape.gradient(list(outs), inputs,
                                      output_gradients=[wrap(c) for c in values[n:]])
            return [np.zeros(np.shape(v), np.asarray(v).dtype) if g is None
                    else np.asarray(g._value, np.asarray(v).dtype)
                    for g, v in zip(grads, values[:n])]

        shapes = [jax.ShapeDtypeStruct(x.shape, x.dtype) for x in xs]
        return tuple(jax.pure_callback(grad_host, shapes, *xs, *cts,
                                       vmap_method="sequential"))

    call.defvjp(fwd, bwd)
    return call


def _script_op(func, inp, Tout, numpy_style, kind):
    out_dtypes, single = _out_dtypes(Tout)
    out_dtypes = [dtypes.as_dtype(d) for d in out_dtypes]
    tensors = [x if isinstance(x, Tensor) else convert_to_tensor(x) for x in (inp or [])]
    traced = context.tracing() is not None or any(
        isinstance(t._value, jax.core.Tracer) for t in tensors)
    if traced:
        outs = _traced_call(func, tensors, out_dtypes, numpy_style, kind)
    elif numpy_style:
        with _eagerly():
            outs = [wrap(a) for a in _call(func, [t._value for t in tensors], out_dtypes, True,
                                           kind)]
    else:
        # Eager py_function: func's ops run here, so the tapes record them.
        try:
            result = func(*tensors)
        except errors.OpError:
            raise
        except Exception as e:  # noqa: BLE001 - reported as TF's kernel error
            raise _kernel_error(kind, len(tensors), len(out_dtypes), e) from None
        result = [] if result is None else result
        result = list(result) if isinstance(result, (list, tuple)) else [result]
        try:
            outs = [convert_to_tensor(r, dtype=d) for r, d in zip(result, out_dtypes)]
        except Exception as e:  # noqa: BLE001 - reported as TF's kernel error
            raise _kernel_error(kind, len(tensors), len(out_dtypes), e) from None
    if Tout is None:
        return None
    return outs[0] if single else outs


def _decorator_or_call(op, func, kwargs):
    if func is None:  # @tf.py_function(Tout=...): a decorator
        return lambda f: functools.wraps(f)(lambda *a: op(f, list(a), **kwargs))
    return op(func, **kwargs)


@_api.export("py_function")
def eager_py_func(func=None, inp=None, Tout=None, name=None):
    """tf.py_function: `func` runs in Python on eager tensors; differentiable through its ops."""
    if func is None:
        return _decorator_or_call(eager_py_func, None, {"Tout": Tout, "name": name})
    return _script_op(func, inp, Tout, numpy_style=False, kind="EagerPyFunc")


@_api.export("numpy_function")
def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    """tf.numpy_function: `func` runs in Python on NumPy arrays; not differentiable."""
    if func is None:
        return _decorator_or_call(numpy_function, None,
                                  {"Tout": Tout, "stateful": stateful, "name": name})
    return _script_op(func, inp, Tout, numpy_style=True,
                      kind="PyFunc" if stateful else "PyFuncStateless")
