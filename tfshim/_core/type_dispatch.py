"""Shape relaxation for tf.function (TF's polymorphism/type_dispatch.py): one trace serves
tensors of any size where TF's would.

With `reduce_retracing=True`, a call whose tensors' shapes match no trace is traced with the
shapes it shares with an earlier trace of the same kind and `None` where they differ, as TF
generalizes its function types; an `input_signature` with `None` dimensions is one such trace
from the start. The Python function runs once for it, with symbolic dimensions (JAX's shape
polymorphism), so its Python side effects and `experimental_get_tracing_count` are TF's. XLA
compiles static shapes: the trace is exported once (`jax.export`), and each concrete shape
calls that program (one compilation per shape, no Python).
"""

from __future__ import annotations

import jax
from jax import export as jax_export


class Relaxed:
    """A trace with symbolic dimensions: `pattern` per tensor argument, a tuple of ints and
    symbol numbers (('s', k)); calls match where their sizes fit it.

    `exported` is its program with symbolic shapes, which runs for every size the pattern
    allows; None where JAX can't export it (a host callback such as `tf.print`'s takes no
    symbolic shapes): calls then run silent traces made for their sizes (README: known
    deviations)."""

    def __init__(self, cf, pattern):
        self.cf = cf
        self.pattern = pattern
        var_avals = [jax.ShapeDtypeStruct(v._value.shape, v._value.dtype) for v, _ in cf._vars]
        arg_avals = [jax.ShapeDtypeStruct(s, d) for s, d in cf._arg_avals]
        try:
            self.exported = jax_export.export(jax.jit(cf._pure_flat))(*var_avals, *arg_avals)
        except Exception:  # noqa: BLE001 - host callbacks: traces per size (see above)
            self.exported = None

    def matches(self, avals) -> bool:
        symbols: dict = {}
        for (shape, _), pattern in zip(avals, self.pattern):
            if len(shape) != len(pattern):
                return False
            for d, p in zip(shape, pattern):
                if isinstance(p, tuple):
                    if symbols.setdefault(p, d) != d:
                        return False
                elif p != d:
                    return False
        return True


def relaxed_pattern(avals, earlier, signature=None, own=()):
    """The shapes a relaxed trace takes: `signature`'s (None dims become symbols), else where
    `avals` differs from `earlier` (an earlier trace's shapes, same ranks) a symbol. Dimensions
    of the same size in this call share a symbol, so `x + y` of two relaxed vectors traces;
    those of the tensors numbered in `own` (a composite's components: row splits and values
    have unrelated sizes) each have their own. None where nothing differs."""
    sizes: dict = {}
    out = []
    relaxed = False
    for k, (shape, _) in enumerate(avals):
        dims = []
        for j, d in enumerate(shape):
            loose = (signature[k][j] is None) if signature is not None else (
                earlier[k][0][j] != d)
            if loose:
                relaxed = True
                dims.append(sizes.setdefault((k, j) if k in own else d, ("s", len(sizes))))
            else:
                dims.append(d)
        out.append(tuple(dims))
    return tuple(out) if relaxed else None


def symbolic_avals(avals, pattern):
    """jax.ShapeDtypeStructs for a pattern: its symbols as JAX symbolic dimensions."""
    names = sorted({p for shape in pattern for p in shape if isinstance(p, tuple)})
    symbols = dict(zip(names, jax_export.symbolic_shape(
        ", ".join("d%d" % n for _, n in names)))) if names else {}
    return [jax.ShapeDtypeStruct(tuple(symbols.get(p, p) if isinstance(p, tuple) else p
                                       for p in shape), dtype)
            for shape, (_, dtype) in zip(pattern, avals)]
