"""tf.autodiff.ForwardAccumulator: forward-mode JVPs on jax.jvp, computed as ops run."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from .. import _api
from . import dtypes, indexed_slices, nest, op, tape, tf_logging
from .backprop import GradientTape, UnconnectedGradients, _unconnected
from .convert import convert_to_tensor
from .tensor import Tensor, wrap
from .variable import Variable

_HERE = (__file__,)


class Jvp:
    """The JVP of a recorded function as a function of (primals..., tangents...).

    Tangents are given for the inputs at `given` (the others are zero); returns the tangents of
    the inexact outputs, in order.
    """

    __slots__ = ("fn", "n_in", "given", "_hash", "__weakref__")

    def __init__(self, fn, n_in: int, given: tuple):
        self.fn, self.n_in, self.given = fn, n_in, given
        self._hash = hash((fn, n_in, given))

    def __call__(self, *args):
        primals, tangents = args[:self.n_in], args[self.n_in:]

        def f(*gp):
            full = list(primals)
            for i, v in zip(self.given, gp):
                full[i] = v
            return self.fn(*full)

        outs, out_tangents = jax.jvp(f, tuple(primals[i] for i in self.given), tuple(tangents))
        return tuple(t for o, t in zip(outs, out_tangents) if jnp.issubdtype(o.dtype, jnp.inexact))

    def __hash__(self):
        return self._hash

    @property
    def cacheable(self) -> bool:
        return getattr(self.fn, "cacheable", True)

    def __eq__(self, other):
        return type(other) is Jvp and (self.fn, self.n_in, self.given) == (
            other.fn, other.n_in, other.given)


def _transposed_jvp(fn, inputs, outputs, tangents) -> list:
    """Forward mode through a recorded function with a gradient rule of its own (an op's
    `backward=`, a tf.custom_gradient), as TF's ForwardAccumulator does it: the JVP is the
    transpose of the (linear) backward step, i.e. the gradient of <backward(u), tangents> with
    respect to the cotangents u. An op with no registered gradient raises TF's LookupError.
    Returns the tangents of the inexact outputs, in order."""
    entry = tape.Entry(fn, inputs, outputs)
    inexact = [k for k, o in enumerate(outputs) if jnp.issubdtype(o._value.dtype, jnp.inexact)]
    with GradientTape() as t:
        ups = [wrap(jnp.zeros(o._value.shape, o._value.dtype)) for o in outputs]
        t.watch([ups[k] for k in inexact])
        total = None
        for g, tan in zip(op.backward(entry, ups), tangents):
            if g is not None and tan is not None:
                term = op.apply(_DOT, [indexed_slices.densify(g), tan])[0]
                total = term if total is None else op.apply(_ADD, [total, term])[0]
    if total is None:
        return [None] * len(inexact)
    return t.gradient(total, [ups[k] for k in inexact])


def _dot(a, b):
    return jnp.sum(a * b)


_DOT, _ADD = op.Fn(_dot), op.Fn(jnp.add)


@_api.export("autodiff.ForwardAccumulator")
class ForwardAccumulator(tape.Recorder):
    """tf.autodiff.ForwardAccumulator."""

    def __init__(self, primals, tangents):
        self._tangents: dict[int, Tensor] = {}
        self._recording = False
        seen = set()
        for p in nest.flatten(primals):
            if id(p) in seen:
                # TF never formats this message: the braces are literal.
                raise ValueError("Tensor {} was specified as a primal multiple times. This may "
                                 "indicate an error. If it was intended, please sum the "
                                 "corresponding tangents.")
            seen.add(id(p))
        self._watch(primals, tangents)

    def _watch(self, primals, tangents):
        nest.assert_same_structure(primals, tangents)
        for p, t in zip(nest.flatten(primals), nest.flatten(tangents)):
            if not isinstance(p, (Tensor, Variable)):
                p = convert_to_tensor(p)
            if p.dtype not in dtypes.TRAINABLE:
                tf_logging.warn_first_n(
                    5, ("primal", tf_logging.caller_site(_HERE)),
                    "The dtype of the watched primal must be floating (e.g. tf.float32), got %r",
                    p.dtype)
            t = convert_to_tensor(t, dtype=p.dtype)
            old = self._tangents.get(p._id)
            self._tangents[p._id] = t if old is None else wrap(old._value + t._value)

    def __enter__(self):
        if self._recording:
            raise ValueError("Accumulator is already recording.")
        tape.push(self)
        self._recording = True
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            tape.pop(self)
            self._recording = False

    def __repr__(self):
        return ("<tensorflow.python.eager.forwardprop.ForwardAccumulator object at %#x>"
                % id(self))

    # -- the recorder protocol ---------------------------------------------------------------
    def record_op(self, fn, inputs, outputs):
        tangents = self._tangents
        given = tuple(i for i, t in enumerate(inputs) if t._id in tangents)
        if not given:
            return
        if fn is op.IDENTITY:  # output i is input i (variable reads, custom_gradient outputs)
            for i in given:
                tangents[outputs[i]._id] = tangents[inputs[i]._id]
            return
        inexact = [o for o in outputs if jnp.issubdtype(o._value.dtype, jnp.inexact)]
        if not inexact:
            return
        with tape.outer_only(self):
            if getattr(fn, "rule", None) is not None:
                out_tangents = _transposed_jvp(fn, inputs, outputs,
                                               [tangents.get(t._id) for t in inputs])
            else:
                out_tangents = op.apply(Jvp(fn, len(inputs), given),
                                        list(inputs) + [tangents[inputs[i]._id] for i in given])
        for o, t in zip(inexact, out_tangents):
            if t is not None:
                tangents[o._id] = t

    # -- queries -----------------------------------------------------------------------------
    def jvp(self, primals, unconnected_gradients=UnconnectedGradients.NONE):
        """The tangents of `primals` (a tensor or a structure of them)."""
        unconnected = _unconnected(unconnected_gradients)

        def lookup(p):
            t = self._tangents.get(p._id)
            if t is None and unconnected is UnconnectedGradients.ZERO:
                return wrap(jnp.zeros(p._value.shape, p._value.dtype))
            return t

        return nest.map_structure(lookup, primals)


