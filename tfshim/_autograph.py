"""A small AutoGraph: Python `if`/`while`/`for ... in tf.range(...)` on tensors inside tf.function.

The decorated function's source is rewritten so each such statement calls a runtime helper with
its branches or body as nested functions and the variables they assign as explicit state. The
helpers run plain Python when the condition is a Python value or a concrete tensor, and
tf.cond / tf.while_loop when it is traced, which is what TF's AutoGraph does for these forms.
`break`/`continue` in converted loops become flags, as in TF's AutoGraph; `return` inside a
loop keeps it a Python loop (a tensor loop then raises TF's error). Not converted: functions
called from the decorated one; tf.function falls back to running eagerly (with a warning) when
what remains can't be traced.
"""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import textwrap
import tokenize

import jax

from . import _api
from ._core import ag_logging, nest
from ._core.convert import convert_to_tensor
from ._core.tensor import Tensor
from ._ops.control_flow_ops import cond as tf_cond
from ._ops.control_flow_ops import while_loop
from ._ops.math_ops import logical_and, logical_not, logical_or
from ._ops.sequence_ops import range as tf_range


class Undefined:
    """A variable that has no value yet on some path (TF's autograph Undefined)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Undefined(%r)" % self.name


def _is_traced(x) -> bool:
    return isinstance(x, Tensor) and isinstance(x._value, jax.core.Tracer)


class _Runtime:
    """The `ag__` object converted code calls."""

    Undefined = Undefined

    @staticmethod
    def if_stmt(cond, body, orelse, get_state, set_state, names, local=()):
        """`if`; `local`: the names it assigns that nothing outside it reads, which are no
        outputs of the tf.cond when they are undefined before it (TF's liveness analysis)."""
        if not _is_traced(cond):
            if cond:
                body()
            else:
                orelse()
            return

        init = get_state()
        keep = [k for k, (n, v) in enumerate(zip(names, init))
                if not (n in local and isinstance(v, Undefined))]

        def branch(fn):
            def run():
                set_state(init)
                fn()
                out = _pick(get_state(), keep)
                for k, v in zip(keep, out):
                    if isinstance(v, Undefined):
                        raise ValueError("'%s' must also be initialized in the %s branch"
                                         % (names[k], "else" if fn is orelse else "main"))
                return out

            return run

        set_state(_merge(init, keep, tf_cond(cond, branch(body), branch(orelse))))

    @staticmethod
    def if_exp(cond, body, orelse):
        if not _is_traced(cond):
            return body() if cond else orelse()

        return tf_cond(cond, body, orelse)

    @staticmethod
    def while_stmt(test, body, get_state, set_state, names, opts=None):
        """`while`; `opts`: set_loop_options' arguments, for a loop on a tensor condition."""
        cond0 = test()
        state = get_state()
        if not _is_traced(cond0) and not any(_is_traced(s) for s in state):
            # A tensor condition makes a TF loop, which maximum_iterations bounds.
            bound = (opts or {}).get("maximum_iterations") if isinstance(cond0, Tensor) else None
            n = 0
            while cond0 and (bound is None or n < int(bound)):
                body()
                cond0 = test()
                n += 1
            return

        keep = _loop_vars(state)

        def c(*vals):
            set_state(_merge(state, keep, vals))
            return test()

        def b(*vals):
            set_state(_merge(state, keep, vals))
            body()
            return _pick(get_state(), keep)

        opts = _loop_options(opts if _is_traced(cond0) else None, _pick(state, keep))
        set_state(_merge(state, keep, while_loop(c, b, _pick(state, keep), **opts)))

    @staticmethod
    def not_any(*flags):
        """`not (flag or ...)` for a loop's break/continue flags, a tensor once one is."""
        if not any(_is_traced(f) for f in flags):
            return not any(bool(f) for f in flags)
        out = convert_to_tensor(flags[0])
        for f in flags[1:]:
            out = logical_or(out, f)
        return logical_not(out)

    @staticmethod
    def loop_test(broken, test):
        """A loop with `break`: its test and not broken (the test not evaluated once broken,
        unless `broken` is a tensor)."""
        if not _is_traced(broken):
            return False if broken else test()
        return logical_and(logical_not(broken), test())

    @staticmethod
    def python_loop_test(value):
        """The test of a loop holding `return`, which only a Python loop can run (as TF)."""
        if _is_traced(value):
            raise NotImplementedError(_RETURN_IN_LOOP)
        return value

    @staticmethod
    def python_range(fn, *args):
        """The range of a `for` loop holding `return`: Python bounds only (as TF)."""
        if any(_is_traced(a) for a in args):
            raise NotImplementedError(_RETURN_IN_LOOP)
        return fn(*args)

    @staticmethod
    def for_range(args, body, get_state, set_state, names, python_range=False,
                  extra_test=None, opts=None):
        """`for i in tf.range(...)`/`range(...)`: a while_loop when a bound is traced.
        `extra_test`: a loop with `break` stops once it is False; `opts`: set_loop_options'
        arguments, for a tf.range loop.

        Python's range over Python bounds stays a Python loop of ints, as in TF."""
        if not any(_is_traced(a) for a in args) and (python_range or extra_test is None):
            more = extra_test or (lambda: True)
            if python_range and all(isinstance(a, int) for a in args):
                for i in range(*args):
                    if not more():
                        break
                    body(i)
                return

            bound = (opts or {}).get("maximum_iterations")  # TF's loop stops there
            for n, i in enumerate(tf_range(*[int(a) for a in args])):
                if bound is not None and n >= int(bound):
                    break
                body(i)
            return

        # A traced bound, or a tf.range loop with `break`: a while_loop (whose break flag may
        # become a tensor in the body).
        start, limit, delta = (0, args[0], 1) if len(args) == 1 else (
            args[0], args[1], args[2] if len(args) > 2 else 1)
        limit = convert_to_tensor(limit)
        start = convert_to_tensor(start, dtype=limit.dtype)
        delta = convert_to_tensor(delta, dtype=limit.dtype)
        state = get_state()
        keep = _loop_vars(state)

        def c(i, *vals):
            go = (i < limit) if not _is_neg(delta) else (i > limit)
            if extra_test is None:
                return go
            set_state(_merge(state, keep, vals))
            return logical_and(go, extra_test())

        def b(i, *vals):
            set_state(_merge(state, keep, vals))
            body(i)
            return (i + delta,) + tuple(_pick(get_state(), keep))

        opts = _loop_options(opts, [start] + _pick(state, keep))
        out = while_loop(c, b, [start] + _pick(state, keep), **opts)
        set_state(_merge(state, keep, out[1:]))


_RETURN_IN_LOOP = ("a return statement cannot be placed inside this TensorFlow loop; this may "
                   "happen if a return statement depends on a static Python condition such as "
                   "a hyperparameter")


def _loop_options(opts, loop_vars) -> dict:
    """set_loop_options' arguments as tf.while_loop's: `shape_invariants`' (tensor, shape)
    pairs become one shape (or None) per loop variable, matched by identity as in TF."""
    opts = dict(opts or {})
    if "shape_invariants" in opts:
        given = {id(k): (k, v) for k, v in opts["shape_invariants"]}
        opts["shape_invariants"] = [
            given[id(v)][1] if given.get(id(v), (None,))[0] is v
            else nest.map_structure(lambda _: None, v) for v in loop_vars]
    return opts


def _is_neg(delta) -> bool:
    return not _is_traced(delta) and float(delta) < 0


def _loop_vars(state) -> list:
    """Which of the names a loop assigns are its loop variables: those defined before it. The
    others are local to each iteration (TF's AutoGraph finds them by liveness analysis); after
    the loop they stay undefined."""
    return [k for k, v in enumerate(state) if not isinstance(v, Undefined)]


def _pick(values, keep) -> list:
    return [values[k] for k in keep]


def _merge(state, keep, values) -> tuple:
    """The full state: `values` for the loop variables, the initial (undefined) values for the
    iteration-local names."""
    out = list(state)
    for k, v in zip(keep, values):
        out[k] = v
    return tuple(out)


ag__ = _Runtime()


# ---------------------------------------------------------------------------------------------
# The source rewrite


def _assigned_names(stmts) -> list:
    """Names bound by these statements (not inside nested functions/classes), in order."""
    names: list = []

    class V(ast.NodeVisitor):
        def visit_Name(self, node):
            if isinstance(node.ctx, ast.Store) and node.id not in names:
                names.append(node.id)

        def visit_FunctionDef(self, node):
            if node.name.startswith("ag__"):  # a converted statement: what it declares it sets
                for stmt in node.body:
                    if isinstance(stmt, ast.Nonlocal):
                        names.extend(n for n in stmt.names if n not in names)
            elif node.name not in names:
                names.append(node.name)

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_ClassDef(self, node):
            if node.name not in names:
                names.append(node.name)

        def visit_Lambda(self, node):
            pass

    for s in stmts:
        V().visit(s)
    return [n for n in names if not n.startswith("ag__")]  # not the converter's own helpers


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.While, ast.AsyncFor)


def _has(stmts, kinds, skip=_SCOPES) -> bool:
    """Whether these statements hold a node of `kinds` outside nested functions (and outside
    `skip`'s other node types)."""
    todo = list(stmts)
    while todo:
        node = todo.pop()
        if isinstance(node, kinds):
            return True
        if not isinstance(node, skip):
            todo.extend(ast.iter_child_nodes(node))
    return False


def _has_direct(stmts, kinds) -> bool:
    """Whether these statements hold a node of `kinds` that belongs to this loop level: not
    inside a nested loop or function."""
    return _has(stmts, kinds, _SCOPES + _LOOPS)


def _guard(stmts, flags, brk, cont):
    """A loop body's statements with `break`/`continue` replaced by setting a flag, and the
    statements after one that may have set it run only while no flag is set (TF's AutoGraph
    break and continue canonicalization). None where a statement can't be rewritten."""
    out = []
    for k, st in enumerate(stmts):
        if isinstance(st, (ast.Break, ast.Continue)):
            name = brk if isinstance(st, ast.Break) else cont
            out.append(ast.copy_location(ast.parse("%s = True" % name).body[0], st))
            return out
        if not _has_direct([st], (ast.Break, ast.Continue)):
            out.append(st)
            continue
        if not isinstance(st, (ast.If, ast.With)):
            return None  # break inside try/match: left unconverted
        for field in ("body", "orelse") if isinstance(st, ast.If) else ("body",):
            new = _guard(getattr(st, field), flags, brk, cont)
            if new is None:
                return None
            setattr(st, field, new or [ast.Pass()])
        out.append(st)
        rest = _guard(stmts[k + 1:], flags, brk, cont)
        if rest is None:
            return None
        if rest:
            guard = ast.parse("if ag__.not_any(%s):\n    pass" % ", ".join(flags)).body[0]
            guard.body = rest
            out.append(ast.copy_location(guard, stmts[k + 1]))
        return out
    return out


def _load_counts(node) -> dict:
    """How many times each name is read in this subtree (an augmented assignment reads its
    target)."""
    counts: dict = {}
    for n in ast.walk(node):
        name = None
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            name = n.id
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
            name = n.target.id
        if name is not None:
            counts[name] = counts.get(name, 0) + 1
    return counts


class _Converter(ast.NodeTransformer):
    def __init__(self, loads=None, namespace=None):
        self.loads = loads or {}  # reads of each name in the whole function
        self.namespace = namespace or {}  # the function's globals and closure
        self.counter = 0
        self.loops = 0  # how many loops the statement being visited is in
        self.state_names: set = set()

    def _is_directive(self, st) -> bool:
        return (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call)
                and _static_value(st.value.func, self.namespace) is set_loop_options)

    def _loop_directive(self, node):
        """The loop's set_loop_options call (its first statement, as TF requires), taken out
        of its body, as the options dict the loop's helper gets (evaluated where the loop
        starts, as TF's); None when it has none."""
        first = node.body[0]
        if not self._is_directive(first):
            return None
        node.body = node.body[1:] or [ast.Pass()]
        call = first.value
        keys = list(_LOOP_OPTIONS[:len(call.args)]) + [k.arg for k in call.keywords]
        values = list(call.args) + [k.value for k in call.keywords]
        return ast.Dict(keys=[ast.Constant(k) for k in keys], values=values)

    def visit_Expr(self, node):
        if self._is_directive(node):  # anywhere but a loop's first statement: TF's error
            raise _ConversionError('"set_loop_options" must be %s' % (
                "the first statement in the loop block" if self.loops
                else "used inside a statement"))
        return self.generic_visit(node)

    def _visit_loop(self, node):
        self.loops += 1
        self.generic_visit(node)
        self.loops -= 1

    def _new(self, prefix):
        self.counter += 1
        return "%s_%d" % (prefix, self.counter)

    def _state_fns(self, names):
        get_name, set_name = self._new("ag__get_state"), self._new("ag__set_state")
        if names:
            tup = "(%s,)" % ", ".join(names)
            src = ("def %s():\n    return %s\n"
                   "def %s(ag__vals):\n    nonlocal %s\n    %s = ag__vals\n"
                   % (get_name, tup, set_name, ", ".join(names), tup))
        else:
            src = ("def %s():\n    return ()\ndef %s(ag__vals):\n    pass\n"
                   % (get_name, set_name))
        return ast.parse(src).body, get_name, set_name

    def _fn(self, name, body, names, args=()):
        fn = ast.parse("def %s(%s):\n    pass\n" % (name, ", ".join(args))).body[0]
        fn.body = ([ast.Nonlocal(names=list(names))] if names else []) + (body or [ast.Pass()])
        return fn

    def visit_FunctionDef(self, node):
        return node  # nested functions are not converted

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        return node

    def visit_If(self, node):
        inside = _load_counts(node)
        self.generic_visit(node)
        _flatten_lists(node)
        if _has(node.body + node.orelse, (ast.Return, ast.Break, ast.Continue, ast.Yield,
                                           ast.Global)):
            return node
        names = _assigned_names(node.body + node.orelse)
        self.state_names.update(names)
        body_name, else_name = self._new("ag__if_true"), self._new("ag__if_false")
        state, get_name, set_name = self._state_fns(names)
        local = tuple(n for n in names if self.loads.get(n, 0) == inside.get(n, 0))
        call = ast.parse("ag__.if_stmt(None, %s, %s, %s, %s, %r, %r)"
                         % (body_name, else_name, get_name, set_name, tuple(names),
                            local)).body[0]
        call.value.args[0] = node.test
        out = [self._fn(body_name, node.body, names), self._fn(else_name, node.orelse, names)]
        return _located(out + state + [call], node)

    def _break_flags(self, node):
        """Rewrite `break`/`continue` in this loop's body into flags: the statements to run
        before the loop, the flag break sets (or None)."""
        if node.orelse or _has(node.body, (ast.Return, ast.Yield, ast.Global)) or not (
                _has_direct(node.body, (ast.Break, ast.Continue))):
            return None
        brk = "break__%d" % self.counter if _has_direct(node.body, ast.Break) else None
        cont = "continue__%d" % self.counter if _has_direct(node.body, ast.Continue) else None
        self.counter += 1
        flags = [f for f in (brk, cont) if f]
        body = _guard(node.body, flags, brk, cont)
        if body is None:
            return None
        if cont:
            body.insert(0, ast.copy_location(ast.parse("%s = False" % cont).body[0], node))
        node.body = body
        return ([ast.copy_location(ast.parse("%s = False" % brk).body[0], node)]
                if brk else []), brk

    def _python_only(self, node):
        """A loop holding `return`: left a Python loop, whose test or range raises TF's error
        when it is a tensor."""
        self.counter += 1
        if isinstance(node, ast.While):
            call = ast.parse("ag__.python_loop_test(None)", mode="eval").body
            call.args[0] = node.test
            node.test = _located([call], node)[0]
        else:
            call = ast.parse("ag__.python_range(None)", mode="eval").body
            call.args = [node.iter.func] + list(node.iter.args)
            node.iter = _located([call], node)[0]
        return node

    def visit_While(self, node):
        opts = self._loop_directive(node)
        flags = self._break_flags(node)
        self._visit_loop(node)
        _flatten_lists(node)
        if not node.orelse and _has_direct(node.body, ast.Return):
            return self._python_only(node)
        if node.orelse or _has(node.body, (ast.Return, ast.Break, ast.Continue, ast.Yield,
                                           ast.Global)):
            return node
        before, brk = flags or ([], None)
        if brk:
            test = ast.parse("ag__.loop_test(%s, lambda: None)" % brk, mode="eval").body
            test.args[1].body = node.test
            node.test = _located([test], node)[0]
        names = _assigned_names(node.body)
        self.state_names.update(names)
        test_name, body_name = self._new("ag__while_test"), self._new("ag__while_body")
        state, get_name, set_name = self._state_fns(names)
        test = ast.parse("def %s():\n    return None\n" % test_name).body[0]
        test.body[0].value = node.test
        call = ast.parse("ag__.while_stmt(%s, %s, %s, %s, %r, None)"
                         % (test_name, body_name, get_name, set_name, tuple(names))).body[0]
        call.value.args[5] = opts or call.value.args[5]
        return _located(before + [test, self._fn(body_name, node.body, names)] + state + [call],
                        node)

    def visit_For(self, node):
        it = node.iter
        is_range = (isinstance(it, ast.Call) and not it.keywords and (
            (isinstance(it.func, ast.Attribute) and it.func.attr == "range")
            or (isinstance(it.func, ast.Name) and it.func.id == "range")))
        simple = is_range and not node.orelse and isinstance(node.target, ast.Name)
        opts = self._loop_directive(node)
        flags = self._break_flags(node) if simple else None
        self._visit_loop(node)
        _flatten_lists(node)
        if simple and _has_direct(node.body, ast.Return):
            return self._python_only(node)
        if not simple or _has(node.body, (ast.Return, ast.Break, ast.Continue, ast.Yield,
                                          ast.Global)):
            return node
        before, brk = flags or ([], None)
        names = [n for n in _assigned_names(node.body) if n != node.target.id]
        self.state_names.update(names)
        self.state_names.add(node.target.id)
        body_name = self._new("ag__for_body")
        state, get_name, set_name = self._state_fns(names)
        body = self._fn(body_name, [ast.parse("%s = ag__i" % node.target.id).body[0]]
                        + node.body, names + [node.target.id], args=("ag__i",))
        python_range = isinstance(it.func, ast.Name)
        extra = []
        if brk:
            extra = ast.parse("def %s():\n    return ag__.not_any(%s)\n"
                              % (self._new("ag__for_test"), brk)).body
        call = ast.parse("ag__.for_range([], %s, %s, %s, %r, %r, %s, None)"
                         % (body_name, get_name, set_name, tuple(names), python_range,
                            extra[0].name if extra else None)).body[0]
        call.value.args[0] = ast.List(elts=list(it.args), ctx=ast.Load())
        call.value.args[7] = opts or call.value.args[7]
        return _located(before + extra + [body] + state + [call], node)


class _ConversionError(Exception):
    """What TF's converter refuses (a misplaced directive): the function then runs as written,
    with TF's warning."""


_OPTIONS = "ConversionOptions[{}]"  # how TF's AutoGraph logs the options tf.function uses


def convert(fn):
    """The AutoGraph-converted version of fn, or fn itself when it can't be converted."""
    return _convert(fn)[0]


def _convert(fn):
    """(the converted fn or fn itself, whether it was converted), with TF's log of it."""
    target = fn.func if isinstance(fn, functools.partial) else fn
    target = getattr(target, "__func__", target)
    if getattr(target, "autograph_info__", None) is _DO_NOT_CONVERT:
        ag_logging.log(2, "Permanently allowed: %s: AutoGraph artifact", fn)
        return fn, False
    if (getattr(target, "__module__", "") or "").startswith("tfshim") or hasattr(
            target, "__wrapped__"):
        # tfshim's own functions need no conversion (as TF's AutoGraph skips TF's), and a
        # decorated function's source is its wrapped function's, with other globals.
        return fn, False
    try:
        source = textwrap.dedent(inspect.getsource(target))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError, tokenize.TokenError):
        ag_logging.log(1, "Error transforming entity %s", target, exc_info=True)
        return fn, False
    fdef = tree.body[0]
    if not isinstance(fdef, ast.FunctionDef):
        return fn, False
    ag_logging.log(1, "%s is not cached for subkey %s", fn, _OPTIONS)
    ag_logging.log(3, "Source code of %s:\n\n%s\n", fn, source)
    # Keep the file's line numbers, so errors point at the user's lines.
    # (co_firstlineno is the first decorator's line, where the source starts.)
    ast.increment_lineno(tree, target.__code__.co_firstlineno - 1)
    fdef.decorator_list = []
    for n in ast.walk(fdef):
        n._ag_user = True
    _returns_as_result(fdef)
    closure = dict(zip(target.__code__.co_freevars,
                       (c.cell_contents for c in (target.__closure__ or ()))))
    conv = _Converter(_load_counts(fdef), {**target.__globals__, **closure})
    try:
        fdef.body = [conv.visit(s) for s in fdef.body]
    except _ConversionError as e:
        ag_logging.log(1, "Error transforming entity %s", target, exc_info=True)
        ag_logging.warning(
            "AutoGraph could not transform %s and will run it as-is.\n%sCause: %s\nTo silence "
            "this warning, decorate the function with @tf.autograph.experimental.do_not_convert",
            fn, _FILE_BUG, e)
        return fn, False
    flat = []
    for s in fdef.body:
        flat.extend(s if isinstance(s, list) else [s])
    if not conv.counter:
        ag_logging.log(2, "Transformed %s:\n\n%s\n", fn, source)
        return fn, True
    params = {a.arg for a in fdef.args.args + fdef.args.kwonlyargs + fdef.args.posonlyargs}
    params.update(a.arg for a in (fdef.args.vararg, fdef.args.kwarg) if a is not None)
    inits = [ast.parse("%s = ag__.Undefined(%r)" % (n, n)).body[0]
             for n in sorted(conv.state_names - params)]
    fdef.body = inits + flat
    _flatten_lists(fdef)
    factory = ast.parse("def ag__factory(%s):\n    pass\n" % ", ".join(closure)).body[0]
    factory.body = [fdef, ast.parse("return %s" % fdef.name).body[0]]
    module = ast.Module(body=[factory], type_ignores=[])
    ast.fix_missing_locations(module)
    namespace = dict(target.__globals__)
    namespace["ag__"] = ag__
    try:
        code = compile(module, inspect.getsourcefile(target) or "<autograph>", "exec")
        exec(code, namespace)
        converted = namespace["ag__factory"](**closure)
    except Exception:  # noqa: BLE001 - anything unexpected: run the original
        ag_logging.log(1, "Error transforming entity %s", target, exc_info=True)
        return fn, False
    converted = functools.wraps(target)(converted)
    converted.__ag_source__ = ast.unparse(fdef) + "\n"
    ag_logging.log(2, "Transformed %s:\n\n%s\n", fn, converted.__ag_source__)
    if isinstance(fn, functools.partial):
        return functools.partial(converted, *fn.args, **fn.keywords), True
    return converted, True


_FILE_BUG = ("Please report this to the TensorFlow team. When filing the bug, set the verbosity "
             "to 10 (on Linux, `export AUTOGRAPH_VERBOSITY=10`) and attach the full output.\n")


class ConvertedCall:
    """What tf.function calls when it traces its Python function (TF's converted_call): the
    function converted on the first call, each call logged as TF's AutoGraph logs it."""

    def __init__(self, fn):
        self._fn = fn
        self._converted = None

    def __call__(self, *args, **kwargs):
        fn = self._fn
        ag_logging.log(1, "Converted call: %s\n    args: %s\n    kwargs: %s\n", fn, args,
                       kwargs)
        if self._converted is None:
            self._converted = _convert(fn)
        elif self._converted[1]:
            ag_logging.log(3, "Cache hit for %s subkey %s: %s", fn, _OPTIONS,
                           self._converted[0])
        converted, done = self._converted
        if done and ag_logging.has_verbosity(2) and inspect.isfunction(
                getattr(converted, "func", converted)):
            target = converted.func if isinstance(converted, functools.partial) else converted
            bound = args if target is converted else converted.args + args
            ag_logging.log(2, "Defaults of %s : %s", target, target.__defaults__)
            ag_logging.log(2, "KW defaults of %s : %s", target, target.__kwdefaults__)
            callargs = inspect.getcallargs(target, *bound, **kwargs)
            ag_logging.log(2, "Calling %s with\n%s\n", target, "\n".join(
                "    %s: %s" % kv for kv in callargs.items()))
        return converted(*args, **kwargs)


def _static_value(node, namespace):
    """What a name or a module's attribute refers to in the function's namespace, as TF's
    AutoGraph resolves directives."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        parent = _static_value(node.value, namespace)
        if inspect.ismodule(parent):
            return getattr(parent, node.attr, None)
    return None


_LOOP_OPTIONS = ("parallel_iterations", "swap_memory", "maximum_iterations", "shape_invariants")
_UNSPECIFIED = object()


@_api.export("autograph.experimental.set_loop_options")
def set_loop_options(parallel_iterations=_UNSPECIFIED, swap_memory=_UNSPECIFIED,
                     maximum_iterations=_UNSPECIFIED, shape_invariants=_UNSPECIFIED):
    """tf.autograph.experimental.set_loop_options: as the first statement of a loop that
    AutoGraph stages as a tf.while_loop, that loop's tf.while_loop arguments
    (`shape_invariants` as (tensor, shape) pairs). The converter takes the call out of the
    loop, so run as written (a Python loop, or outside tf.function) it does nothing, as TF's."""
    del parallel_iterations, swap_memory, maximum_iterations, shape_invariants


@_api.export("autograph.experimental.Feature")
class Feature(enum.Enum):
    """tf.autograph.experimental.Feature: the optional conversions `experimental_autograph_
    options` names. tf.function accepts them; tfshim's converter has none of these optional
    passes, so they change nothing."""

    ALL = "ALL"
    AUTO_CONTROL_DEPS = "AUTO_CONTROL_DEPS"
    ASSERT_STATEMENTS = "ASSERT_STATEMENTS"
    BUILTIN_FUNCTIONS = "BUILTIN_FUNCTIONS"
    EQUALITY_OPERATORS = "EQUALITY_OPERATORS"
    LISTS = "LISTS"
    NAME_SCOPES = "NAME_SCOPES"

    @classmethod
    def all(cls):
        """A tuple that enables all options."""
        return tuple(cls.__members__.values())

    @classmethod
    def all_but(cls, exclude):
        """A tuple that enables all but the excluded options."""
        if not isinstance(exclude, (list, tuple, set)):
            exclude = (exclude,)
        return tuple(set(cls.all()) - set(exclude) - {cls.ALL})


_DO_NOT_CONVERT = object()


@_api.export("autograph.experimental.do_not_convert")
def do_not_convert(func=None):
    """tf.autograph.experimental.do_not_convert: `func` runs as written inside tf.function."""
    if func is None:
        return do_not_convert

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    wrapper.autograph_info__ = _DO_NOT_CONVERT
    return wrapper


@_api.export("autograph.to_graph")
def to_graph(entity, recursive=True, experimental_optional_features=None):
    """tf.autograph.to_graph: the converted function (the function itself where there is
    nothing to convert)."""
    return convert(entity)


@_api.export("autograph.to_code")
def to_code(entity, recursive=True, experimental_optional_features=None):
    """tf.autograph.to_code: the source of the converted function. tfshim's converter writes
    its own helpers (`ag__.if_stmt`, `ag__.while_stmt`, `ag__.for_range`), not TF's."""
    converted = convert(entity)
    source = getattr(converted, "__ag_source__", None)
    if source is None:
        target = entity.func if isinstance(entity, functools.partial) else entity
        source = textwrap.dedent(inspect.getsource(getattr(target, "__func__", target)))
    return source


# -- return statements inside `if` --------------------------------------------------------------
_RETVAL = "retval__"


def _always_returns(stmts) -> bool:
    """Whether a block ends in a return on every path: a return, or an if/else whose branches
    both always return."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, ast.Return):
        return True
    return isinstance(last, ast.If) and _always_returns(last.body) and _always_returns(last.orelse)


def _fold_early_returns(stmts):
    """`if c: ...; return a` followed by more statements is `if c: ... else: <the rest>`."""
    for i, st in enumerate(stmts):
        if isinstance(st, ast.If):
            st.body = _fold_early_returns(st.body)
            st.orelse = _fold_early_returns(st.orelse)
            if i < len(stmts) - 1 and not st.orelse and _always_returns(st.body):
                st.orelse = _fold_early_returns(stmts[i + 1:])
                return stmts[:i + 1]
    return stmts


def _terminal_returns(stmts) -> list:
    last = stmts[-1]
    if isinstance(last, ast.Return):
        return [(stmts, len(stmts) - 1)]
    return _terminal_returns(last.body) + _terminal_returns(last.orelse)


def _returns_as_result(fdef) -> None:
    """Returns inside an `if` (TF's AutoGraph converts them; so does this, for a function whose
    `if` ends it and returns on every path): each return assigns `retval__`, which the function
    returns after the `if`, so that a tensor condition becomes a tf.cond with the result as its
    output (`if x > 0: return x` / `return 0`)."""
    body = _fold_early_returns(list(fdef.body))
    if not body or not isinstance(body[-1], ast.If) or not _always_returns(body):
        return
    terminal = _terminal_returns(body)
    own = [n for n in _walk_own(body[-1]) if isinstance(n, ast.Return)]
    if len(own) != len(terminal):  # returns elsewhere (loops, with, try): left as written
        return
    for block, i in terminal:
        ret = block[i]
        value = ret.value if ret.value is not None else ast.Constant(None)
        block[i] = ast.copy_location(
            ast.Assign(targets=[ast.Name(_RETVAL, ast.Store())], value=value), ret)
    end = ast.copy_location(ast.Return(value=ast.Name(_RETVAL, ast.Load())), body[-1])
    fdef.body = body + [end]


def _walk_own(node):
    """The nodes under `node`, not entering nested functions, lambdas or classes."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        for child in ast.iter_child_nodes(n):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                      ast.ClassDef)):
                todo.append(child)


def _located(stmts, node):
    """Statements the converter wrote, placed at the line of the statement they replace (so
    errors point at the user's `while`/`for`/`if`); the user's own nodes keep theirs."""
    for st in stmts:
        todo = [st]
        while todo:
            n = todo.pop()
            if getattr(n, "_ag_user", False):
                continue
            if "lineno" in n._attributes:
                n.lineno, n.col_offset = node.lineno, node.col_offset
                n.end_lineno, n.end_col_offset = node.lineno, node.col_offset
            todo.extend(ast.iter_child_nodes(n))
    return stmts


def _flatten_lists(node):
    """Statement lists may hold lists (one statement rewritten into several): splice them."""
    for field in ("body", "orelse", "finalbody"):
        stmts = getattr(node, field, None)
        if isinstance(stmts, list):
            out = []
            for s in stmts:
                out.extend(s if isinstance(s, list) else [s])
            setattr(node, field, out)
            for s in out:
                _flatten_lists(s)
    for h in getattr(node, "handlers", []) or []:
        _flatten_lists(h)
