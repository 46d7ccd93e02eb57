"""A while loop that reverse mode can differentiate (the part of TF's while_v2.py that keeps
a loop's gradient).

lax.while_loop has no reverse-mode rule: its trip count is not known when the program is
built, and XLA needs static sizes to keep every iteration's state. TF accumulates the states in
growing TensorLists; here the forward pass counts its iterations, keeps only the initial state
and the count, and the backward pass walks the iterations last to first, recomputing each
iteration's state from the initial one (more compute, no per-iteration memory). The backward
pass is written with this same loop, so gradients of any order work, and it runs under jax.jit
and jax.vmap as any other function.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .._core import jax_internals


def _inexact(a) -> bool:
    return jnp.issubdtype(a.dtype, jnp.inexact)


def while_loop(cond, body, init: list) -> list:
    """lax.while_loop(cond, body, init) on a list of arrays, differentiable in reverse mode
    with respect to the initial values and the inexact arrays cond and body close over."""
    init = list(init)
    cond_c, cond_consts = _closure_convert(cond, init)
    body_c, body_consts = _closure_convert(body, init)
    if cond_consts is None or body_consts is None:
        # Variables assigned or host output inside the loop: no custom rule can carry them;
        # the loop runs as traced (not differentiable in reverse mode).
        if cond_consts is not None:
            cond_c = functools.partial(_call_with, cond_c, cond_consts)
        if body_consts is not None:
            body_c = functools.partial(_call_with, body_c, body_consts)
        return list(lax.while_loop(cond_c, body_c, init))
    return list(_loop(cond_c, body_c, init, cond_consts, body_consts)[0])


def _closure_convert(fun, example):
    """fun as a function of (arrays, *consts), and the consts: every value it closes over is
    an explicit argument (jax.closure_convert keeps integer tracers in the closure, which a
    custom rule traced later can't reach). A variable the loop only reads is read once, before
    the loop. Where the function assigns variables or prints: fun as traced, and no consts."""
    closed, shapes = jax.make_jaxpr(fun, return_shape=True)(example)
    out_tree = jax.tree_util.tree_structure(shapes)
    if not jax_internals.reads_only(closed):
        def as_traced(arrays):
            outs = jax_internals.eval_jaxpr(closed, *arrays)
            return jax.tree_util.tree_unflatten(out_tree, outs)

        return as_traced, None
    pure = jax_internals.discharge(closed)  # Ref constants become leading inputs
    n_out = len(closed.jaxpr.outvars)
    consts = [c[...] if jax_internals.is_ref(c) else c for c in closed.consts]

    def converted(arrays, *consts):
        outs = jax_internals.eval_jaxpr(pure, *consts, *arrays)[:n_out]
        return jax.tree_util.tree_unflatten(out_tree, outs)

    return converted, consts


def _call_with(fun, consts, arrays):
    return fun(arrays, *consts)


def _forward(cond_c, body_c, init, cond_consts, body_consts):
    """The loop, and how many times its body ran."""

    def c(carry):
        return cond_c(carry[0], *cond_consts)

    def b(carry):
        return list(body_c(carry[0], *body_consts)), carry[1] + 1

    out, n = lax.while_loop(c, b, (list(init), jnp.asarray(0, jnp.int64)))
    return out, n


@functools.partial(jax.custom_vjp, nondiff_argnums=(0, 1))
def _loop(cond_c, body_c, init, cond_consts, body_consts):
    return _forward(cond_c, body_c, init, cond_consts, body_consts)


def _loop_fwd(cond_c, body_c, init, cond_consts, body_consts):
    out, n = _forward(cond_c, body_c, init, cond_consts, body_consts)
    return (out, n), (init, cond_consts, body_consts, n)


def _zero_cotangent(a):
    if _inexact(a):
        return jnp.zeros_like(a)
    return np.zeros(np.shape(a), dtype=jax.dtypes.float0)


def _loop_bwd(cond_c, body_c, res, cts):
    init, cond_consts, body_consts, n = res
    g_out = cts[0]
    diff = [k for k, a in enumerate(init) if _inexact(a)]
    cdiff = [k for k, c in enumerate(body_consts) if _inexact(c)]

    def state_at(j):
        """The state after j iterations, recomputed from the initial one."""

        def c(carry):
            return carry[0] < j

        def b(carry):
            return [carry[0] + 1] + list(body_c(carry[1:], *body_consts))

        return while_loop(c, b, [jnp.asarray(0, jnp.int64)] + list(init))[1:]

    def step(carry):
        j, gs, gb = carry[0], carry[1:1 + len(diff)], carry[1 + len(diff):]
        state = state_at(j)

        def f(xs, consts):
            full, all_consts = list(state), list(body_consts)
            for k, x in zip(diff, xs):
                full[k] = x
            for k, c in zip(cdiff, consts):
                all_consts[k] = c
            out = body_c(full, *all_consts)
            return [out[k].astype(full[k].dtype) for k in diff]

        _, pull = jax.vjp(f, [state[k] for k in diff], [body_consts[k] for k in cdiff])
        g_state, g_consts = pull(list(gs))
        return [j - 1] + list(g_state) + [a + b for a, b in zip(gb, g_consts)]

    start = ([n - 1] + [jnp.asarray(g_out[k], init[k].dtype) for k in diff]
             + [jnp.zeros_like(body_consts[k]) for k in cdiff])
    final = while_loop(lambda carry: carry[0] >= 0, step, start)
    g_init = [_zero_cotangent(a) for a in init]
    for k, g in zip(diff, final[1:1 + len(diff)]):
        g_init[k] = g
    g_consts = [_zero_cotangent(c) for c in body_consts]
    for k, g in zip(cdiff, final[1 + len(diff):]):
        g_consts[k] = g
    return g_init, [_zero_cotangent(c) for c in cond_consts], g_consts


_loop.defvjp(_loop_fwd, _loop_bwd)
