"""The differential fuzz tier: generated calls run on TensorFlow 2.21 and on tfshim in one process.

A case is data only (an op name or an operator, and argument specs); `materialize` turns a spec
into TF's or tfshim's objects, so each side gets its own tensors. Cases come from hypothesis
strategies over every exported function, with arguments chosen from TF's signature (the
parameter names and defaults tfshim copies): all 16 dtypes, scalar / empty / broadcastable /
mismatched shapes, NaN, +-inf, -0, huge values and zero divisors, Python scalars and lists,
NumPy arrays, and bad arguments. Operators, indexing and Variable methods have strategies of
their own.

`compare` says whether the two sides agree: values (dtype-aware tolerances), dtypes, shapes,
exception classes (by name: tfshim's tf.errors classes are named as TF's) and the first line
of the message; gradients too where both sides give them. Each disagreement has a category.

The canary: every tfshim call runs under a tape that recorded a product before it, beside a
variable and the global generator; after a raised error the tape still gives that product's
gradient and the variable and the generator's state are as before.
"""

from __future__ import annotations

import copy
import inspect
import re
import warnings

import ml_dtypes
import numpy as np
from hypothesis import strategies as st

DTYPES = ["float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64",
          "uint8", "uint16", "uint32", "uint64", "complex64", "complex128", "bool", "string"]
NUMERIC = DTYPES[:-2]
FLOATS = DTYPES[:4]
# Most calls use the common dtypes; every dtype still comes up.
COMMON = ["float32"] * 6 + ["int32"] * 3 + ["float64"] * 2 + ["int64"] + DTYPES
NP = {"bfloat16": ml_dtypes.bfloat16, "string": object}

SHAPES = [(), (), (0,), (1,), (3,), (3,), (2, 3), (1, 3), (2, 1), (3, 2), (2, 0), (2, 2, 2)]
FLOAT_VALUES = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 2.0, float("nan"), float("inf"),
                float("-inf"), 1e30, -1e300, 1e-30, 7.25, -0.75]
INT_VALUES = [0, 1, -1, 2, -3, 5, 7, 3, 127, -128, 2**31 - 1, -(2**31), 2**63 - 1, 255]
SMALL_INTS = [0, 1, -1, 2, 3, -2]
STRINGS = [b"a", b"", b"xyz", b"7"]

# Parameters that size an output (kept small so that no case allocates gigabytes).
SIZE_PARAMS = {"limit", "start", "delta", "dims", "shape", "num", "depth", "multiples", "repeats",
               "maxlen", "nbins", "minlength", "maxlength", "num_segments", "num_rows",
               "num_columns", "batch_shape", "paddings", "size", "ksize", "segment_ids", "arr",
               "indices", "num_lower", "num_upper", "k", "n", "dim", "diagonal", "value_range",
               "begin", "end", "strides", "perm", "block_shape", "seq_lengths", "sizes",
               "num_or_size_splits", "bins", "out_type", "ids", "num_true", "lengths", "padding"}
LIST_PARAMS = {"inputs", "tensors", "arrays", "tensor_list"}
LIST_OPS = {"concat", "stack", "parallel_stack", "dynamic_stitch", "meshgrid", "add_n",
            "math.add_n", "math.accumulate_n", "broadcast_dynamic_shape", "tuple", "group"}
BOOL_NAMES = {"keepdims", "keep_dims", "exclusive", "reverse", "sorted", "transpose_a",
              "transpose_b", "adjoint_a", "adjoint_b", "lower", "full_matrices", "compute_uv",
              "validate_indices", "use_locking", "align_corners", "return_index", "adjoint"}
# Names not fuzzed: they take functions, change global state, time or randomness, print, or
# are classes and namespaces rather than ops.
SKIP_PREFIXES = ("random.", "config.", "debugging.experimental", "nest.", "autodiff.",
                 "compat.", "saved_model.", "train.", "data.", "distribute.", "summary.",
                 "io.", "keras", "experimental.", "errors.", "dtypes.", "sysconfig.",
                 "test.", "types.", "__")
SKIP = {"print", "function", "py_function", "numpy_function", "custom_gradient",
        "recompute_grad", "while_loop", "cond", "case", "switch_case", "map_fn", "scan",
        "foldl", "foldr", "vectorized_map", "init_scope", "control_dependencies", "device",
        "name_scope", "executing_eagerly", "get_logger", "timestamp", "no_gradient",
        "stop_gradient", "get_static_value", "debugging.set_log_device_placement",
        "debugging.enable_check_numerics", "debugging.disable_check_numerics",
        "debugging.get_log_device_placement", "debugging.enable_traceback_filtering",
        "debugging.disable_traceback_filtering", "debugging.is_traceback_filtering_enabled",
        "debugging.Assert", "Assert", "random_uniform_initializer", "random_normal_initializer",
        "ensure_shape", "is_tensor", "is_symbolic_tensor", "register_tensor_conversion_function",
        "convert_to_tensor", "as_dtype", "make_ndarray", "make_tensor_proto", "guarantee_const",
        "load_op_library", "load_library", "shape_n", "identity_n", "unique_with_counts",
        "math.reduce_euclidean_norm"}
FN_PARAMS = {"fn", "func", "f", "true_fn", "false_fn", "body", "branch_fns", "pred_fn_pairs",
             "grad_fn", "fn_output_signature", "loop_fn"}


def fuzzable_names(shim, tf) -> list[str]:
    """Every exported function tfshim and TF 2.21 share, minus those SKIP describes."""
    from tfshim import _api

    out = []
    for name, obj in sorted(_api.REGISTRY.items()):
        if name in SKIP or name.startswith(SKIP_PREFIXES) or inspect.isclass(obj):
            continue
        if not callable(obj) or _lookup(tf, name) is None:
            continue
        try:
            params = inspect.signature(obj).parameters
        except (TypeError, ValueError):
            continue
        if FN_PARAMS & set(params):
            continue
        out.append(name)
    return out


def _lookup(lib, name):
    obj = lib
    for part in name.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


# -- strategies ----------------------------------------------------------------------------------


def _values(dtype, small=False):
    if dtype == "bool":
        return [True, False]
    if dtype == "string":
        return STRINGS
    if dtype.startswith("complex"):
        return [complex(a, b) for a in FLOAT_VALUES[:9] for b in (0.0, 1.0, -2.0, float("nan"))]
    if dtype in FLOATS:
        return [0.0, 1.0, -1.0, 2.0, 0.5] if small else FLOAT_VALUES
    info = np.iinfo(dtype)
    pool = SMALL_INTS if small else INT_VALUES
    return [v for v in pool if info.min <= v <= info.max]


@st.composite
def tensor_spec(draw, dtype=None, shape=None, small=False, forms=("tensor",) * 4 + ("py", "np")):
    """("tensor"|"py"|"np", dtype, shape, flat values)."""
    dtype = dtype or draw(st.sampled_from(DTYPES))
    shape = draw(st.sampled_from(SHAPES)) if shape is None else tuple(shape)
    n = int(np.prod(shape))
    vals = draw(st.lists(st.sampled_from(_values(dtype, small)), min_size=n, max_size=n))
    form = draw(st.sampled_from(forms))
    if form == "py" and dtype not in ("float32", "int32", "bool", "string", "complex128"):
        form = "tensor"  # a Python value's dtype is TF's inference; keep the drawn dtype
    return (form, dtype, shape, vals)


def _partner_shape(draw, shape):
    """A second operand's shape: the same, a broadcastable one, a scalar, or anything."""
    kind = draw(st.sampled_from(["same", "same", "scalar", "bcast", "any"]))
    if kind == "same":
        return shape
    if kind == "scalar":
        return ()
    if kind == "bcast" and shape:
        return tuple(1 if draw(st.booleans()) else d for d in shape)[1:] or shape
    return draw(st.sampled_from(SHAPES))


def _param_spec(draw, name, param, op, first):
    """The spec of one argument, from the parameter's name and default."""
    default = param.default
    if name == "name":
        return ("raw", "fz")
    if name in ("dtype", "out_type", "output_type", "Tout", "index_type", "out_idx"):
        return ("dtype", draw(st.sampled_from(DTYPES if name == "dtype" else
                                               ["int32", "int64", "float32"])))
    if name in ("axis", "axes"):
        kind = draw(st.sampled_from(["int", "int", "none", "list", "tensor"]))
        if kind == "none":
            return ("raw", None)
        if kind == "int":
            return ("raw", draw(st.integers(-3, 3)))
        if kind == "list":
            return ("raw", draw(st.lists(st.integers(-2, 2), min_size=0, max_size=2)))
        return ("tensor", "int32", (1,), [draw(st.integers(-2, 2))])
    if name in BOOL_NAMES or isinstance(default, bool):
        return ("raw", draw(st.booleans()))
    if name in SIZE_PARAMS:
        if draw(st.integers(0, 3)) == 0:
            return ("raw", draw(st.sampled_from([0, 1, 2, -1, 3])))
        dtype = draw(st.sampled_from(["int32", "int32", "int64", "float32"]))
        shape = draw(st.sampled_from([(), (1,), (2,), (3,), (2, 2)]))
        return draw(tensor_spec(dtype, shape, small=True, forms=("tensor", "py")))
    if name in LIST_PARAMS or (name == "values" and op in LIST_OPS):
        dtype = draw(st.sampled_from(DTYPES))
        shape = draw(st.sampled_from(SHAPES))
        k = draw(st.integers(0, 3))
        return ("list", [draw(tensor_spec(draw(st.sampled_from([dtype, dtype, dtype] + DTYPES)),
                                          _partner_shape(draw, shape)))
                         for _ in range(k)])
    if isinstance(default, str):
        return ("raw", draw(st.sampled_from([default, default, default, "BAD", "VALID", "SAME"])))
    if isinstance(default, float) and not isinstance(default, bool):
        return ("raw", draw(st.sampled_from([default, default, 0.0, -1.0, 0.5, float("nan")])))
    if isinstance(default, int) and not isinstance(default, bool):
        return ("raw", draw(st.sampled_from([default, default, 0, 1, -1, 2])))
    if first is not None:
        return draw(tensor_spec(draw(st.sampled_from([first[1]] * 24 + DTYPES)),
                                _partner_shape(draw, first[2])))
    return draw(tensor_spec(draw(st.sampled_from(COMMON))))


@st.composite
def op_case(draw, names, signatures):
    """("op", name, args, kwargs): a call of an exported function, argued from its signature."""
    name = draw(st.sampled_from(names))
    params = signatures[name]
    args, kwargs, first = [], {}, None
    positional = True
    for pname, p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        required = p.default is p.empty
        # name is never passed; layout is DTensor's (TF raises AttributeError for a non-Layout).
        if not required and (pname in ("name", "layout") or not draw(st.integers(0, 2)) == 0):
            positional = False
            continue
        spec = _param_spec(draw, pname, p, name, first)
        if spec[0] in ("tensor", "py", "np") and first is None:
            first = spec
        if positional and p.kind != p.KEYWORD_ONLY:
            args.append(spec)
        else:
            kwargs[pname] = spec
    return ("op", name, args, kwargs)


BINARY = ["+", "-", "*", "/", "//", "%", "**", "<", "<=", ">", ">=", "==", "!=", "&", "|", "^",
          "@"]
UNARY = ["neg", "abs", "invert", "bool", "len", "float", "int"]


@st.composite
def operator_case(draw):
    """("binary", op, a, b, reflected) or ("unary", op, a)."""
    a = draw(tensor_spec(draw(st.sampled_from(COMMON)), forms=("tensor",)))
    if draw(st.integers(0, 4)) == 0:
        return ("unary", draw(st.sampled_from(UNARY)), a)
    dtype = draw(st.sampled_from([a[1]] * 24 + DTYPES))
    b = draw(tensor_spec(dtype, _partner_shape(draw, a[2]),
                         forms=("tensor", "tensor", "py", "np")))
    return ("binary", draw(st.sampled_from(BINARY)), a, b, draw(st.booleans()))


def _index_item(draw, rank):
    kind = draw(st.sampled_from(["int", "int", "slice", "slice", "none", "ellipsis", "bool",
                                 "itensor", "list"]))
    if kind == "int":
        return ("raw", draw(st.integers(-4, 4)))
    if kind == "slice":
        bound = st.one_of(st.none(), st.integers(-4, 4))
        return ("slice", draw(bound), draw(bound), draw(st.sampled_from([None, 1, 2, -1, 0])))
    if kind == "none":
        return ("raw", None)
    if kind == "ellipsis":
        return ("raw", Ellipsis)
    if kind == "bool":
        return draw(tensor_spec("bool", draw(st.sampled_from([(), (3,), (2,), (2, 3)]))))
    if kind == "itensor":
        dtype = draw(st.sampled_from(["int32", "int64", "float32"]))
        return draw(tensor_spec(dtype, draw(st.sampled_from([(), (2,)])), small=True))
    return ("raw", draw(st.lists(st.integers(-2, 2), max_size=2)))


@st.composite
def getitem_case(draw):
    """("getitem", x, index)."""
    x = draw(tensor_spec(draw(st.sampled_from(COMMON)), forms=("tensor",)))
    if draw(st.booleans()):
        index = _index_item(draw, len(x[2]))
    else:
        index = ("tuple", [_index_item(draw, len(x[2])) for _ in range(draw(st.integers(0, 3)))])
    return ("getitem", x, index)


VAR_METHODS = ["assign", "assign_add", "assign_sub", "slice_assign", "scatter_nd_update",
               "construct", "read_value", "getitem"]


@st.composite
def variable_case(draw):
    """("variable", method, init, arg): a Variable built from init, then one method call."""
    init = draw(tensor_spec(draw(st.sampled_from(COMMON[:-1])), forms=("tensor",)))
    method = draw(st.sampled_from(VAR_METHODS))
    if method == "construct":
        return ("variable", method, init, ("dtype", draw(st.sampled_from(DTYPES))))
    if method in ("scatter_nd_update",):
        idx = draw(tensor_spec("int32", draw(st.sampled_from([(1, 1), (2, 1), (1, 2)])),
                               small=True))
        val = draw(tensor_spec(draw(st.sampled_from([init[1]] * 12 + NUMERIC)),
                               draw(st.sampled_from([(1,), (2,), (1, 3)]))))
        return ("variable", method, init, ("pair", idx, val))
    if method in ("read_value",):
        return ("variable", method, init, None)
    if method in ("getitem", "slice_assign"):
        index = _index_item(draw, len(init[2]))
        val = draw(tensor_spec(draw(st.sampled_from([init[1]] * 12 + NUMERIC)),
                               draw(st.sampled_from([(), (3,), (2,)]))))
        return ("variable", method, init, ("pair", index, val))
    dtype = draw(st.sampled_from([init[1]] * 12 + NUMERIC))
    return ("variable", method, init, draw(tensor_spec(dtype, _partner_shape(draw, init[2]))))


def cases(names, signatures):
    """The strategy of all cases: op calls mostly, then operators, indexing, Variables."""
    return st.one_of(op_case(names, signatures), op_case(names, signatures),
                     op_case(names, signatures), operator_case(), getitem_case(),
                     variable_case())


# -- running a case on one library ---------------------------------------------------------------


def _np_array(dtype, shape, vals):
    if dtype == "string":
        return np.array(vals, dtype=object).reshape(shape)
    if dtype == "bfloat16":
        return np.array(vals, dtype=np.float64).astype(ml_dtypes.bfloat16).reshape(shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.array(vals, dtype=np.dtype(dtype)).reshape(shape)


def _py_value(vals, shape):
    if not shape:
        return vals[0]
    arr = np.empty(len(vals), dtype=object)
    arr[:] = vals
    return arr.reshape(shape).tolist()


def materialize(lib, spec):
    """A spec as lib's object: lib is tensorflow or tfshim."""
    kind = spec[0]
    if kind == "tensor":
        _, dtype, shape, vals = spec
        if dtype == "bfloat16":
            return lib.cast(lib.constant(_np_array("float32", shape, vals)), lib.bfloat16)
        return lib.constant(_np_array(dtype, shape, vals), dtype=getattr(lib, dtype))
    if kind == "np":
        return _np_array(*spec[1:])
    if kind == "py":
        return _py_value(list(spec[3]), spec[2])
    if kind == "raw":
        return copy.deepcopy(spec[1])
    if kind == "dtype":
        return getattr(lib, spec[1])
    if kind == "list":
        return [materialize(lib, s) for s in spec[1]]
    if kind == "tuple":
        return tuple(materialize(lib, s) for s in spec[1])
    if kind == "slice":
        return slice(*spec[1:])
    raise ValueError(spec)


def _binary(op, a, b):
    import operator

    fn = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "//": operator.floordiv, "%": operator.mod, "**": operator.pow, "<": operator.lt,
          "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
          "!=": operator.ne, "&": operator.and_, "|": operator.or_, "^": operator.xor,
          "@": operator.matmul}[op]
    return fn(a, b)


def _unary(op, a):
    return {"neg": lambda: -a, "abs": lambda: abs(a), "invert": lambda: ~a,
            "bool": lambda: bool(a), "len": lambda: len(a), "float": lambda: float(a),
            "int": lambda: int(a)}[op]()


def _float_inputs(lib, case, objs):
    return [o for o in objs if isinstance(o, lib.Tensor) and o.dtype in
            (lib.float16, lib.float32, lib.float64)]


def execute(lib, case):
    """("ok", outputs, gradients) or ("error", class name, first line of the message)."""
    kind = case[0]
    var = None
    try:
        if kind == "op":
            _, name, aspecs, kspecs = case
            args = [materialize(lib, s) for s in aspecs]
            kwargs = {k: materialize(lib, s) for k, s in kspecs.items()}
            inputs = _float_inputs(lib, case, args + list(kwargs.values()))
            with lib.GradientTape(persistent=True) as tape:
                for t in inputs:
                    tape.watch(t)
                out = _lookup(lib, name)(*args, **kwargs)
        elif kind == "binary":
            _, op, a, b, reflected = case
            x, y = materialize(lib, a), materialize(lib, b)
            inputs = _float_inputs(lib, case, [x, y])
            with lib.GradientTape(persistent=True) as tape:
                for t in inputs:
                    tape.watch(t)
                out = _binary(op, y, x) if reflected and b[0] != "tensor" else _binary(op, x, y)
        elif kind == "unary":
            x = materialize(lib, case[2])
            inputs = _float_inputs(lib, case, [x])
            with lib.GradientTape(persistent=True) as tape:
                for t in inputs:
                    tape.watch(t)
                out = _unary(case[1], x)
        elif kind == "getitem":
            x, index = materialize(lib, case[1]), materialize(lib, case[2])
            inputs = _float_inputs(lib, case, [x])
            with lib.GradientTape(persistent=True) as tape:
                for t in inputs:
                    tape.watch(t)
                out = x[index]
        elif kind == "variable":
            _, method, init, arg = case
            inputs, tape = [], None
            var = lib.Variable(materialize(lib, init))
            if method == "construct":
                out = lib.Variable(materialize(lib, init), dtype=materialize(lib, arg))
            elif method == "read_value":
                out = var.read_value()
            elif method == "getitem":
                out = var[materialize(lib, arg[1])]
            elif method == "slice_assign":
                out = var[materialize(lib, arg[1])].assign(materialize(lib, arg[2]))
            elif method == "scatter_nd_update":
                out = var.scatter_nd_update(materialize(lib, arg[1]), materialize(lib, arg[2]))
            else:
                out = getattr(var, method)(materialize(lib, arg))
            out = (out, var)
        else:
            raise ValueError(case)
    except Exception as e:  # noqa: BLE001 - the class is what is compared
        if var is not None:
            return ("error", type(e).__name__, _first_line(e), _snapshot(var))
        return ("error", type(e).__name__, _first_line(e))
    outs = _flatten(out)
    grads = None
    if inputs and tape is not None:
        targets = [o for o in outs if _is_float_tensor(lib, o)]
        if targets:
            try:
                grads = _flatten(tape.gradient(targets, inputs))
            except Exception as e:  # noqa: BLE001
                grads = [("error", type(e).__name__, _first_line(e))]
    return ("ok", [_snapshot(o) for o in outs], None if grads is None else
            [_snapshot(g) for g in grads])


def _is_float_tensor(lib, o):
    return isinstance(o, (lib.Tensor, lib.Variable)) and o.dtype.is_floating


def _flatten(out):
    if isinstance(out, (list, tuple)):
        return [y for x in out for y in _flatten(x)]
    if isinstance(out, dict):
        return [y for k in sorted(out) for y in _flatten(out[k])]
    return [out]


def _first_line(e):
    text = str(e).split("\n")[0]
    return re.sub(r"0x[0-9a-f]+", "0x?", text)


def _snapshot(o):
    """A library-neutral view of one output: ("array", dtype, shape, values) or ("py", repr)."""
    if isinstance(o, tuple) and o and o[0] == "error":
        return o
    if hasattr(o, "numpy") and hasattr(o, "dtype"):
        try:
            value = o.numpy()
        except Exception as e:  # noqa: BLE001
            return ("error", type(e).__name__, _first_line(e))
        return ("array", o.dtype.name, tuple(np.shape(value)), np.asarray(value))
    if hasattr(o, "as_list") and hasattr(o, "rank"):
        return ("py", repr(o.as_list()) if o.rank is not None else "None")
    if hasattr(o, "is_floating") and hasattr(o, "name"):
        return ("py", "dtype " + o.name)
    if isinstance(o, np.ndarray) or isinstance(o, np.generic):
        return ("array", "np." + str(o.dtype), np.shape(o), np.asarray(o))
    if o is None or isinstance(o, (bool, int, float, complex, str, bytes)):
        return ("py", repr(o))
    return ("py", type(o).__name__)


# -- comparing -----------------------------------------------------------------------------------

TOLERANCE = {"float16": (1e-2, 1e-3), "bfloat16": (2e-2, 1e-2), "float32": (2e-5, 1e-6),
             "complex64": (2e-5, 1e-6), "float64": (1e-9, 1e-12), "complex128": (1e-9, 1e-12)}


def _same_array(dtype, a, b):
    if a.shape != b.shape:
        return False
    if dtype in TOLERANCE or dtype.startswith("np.float") or dtype.startswith("np.complex"):
        rtol, atol = TOLERANCE.get(dtype.replace("np.", ""), (1e-5, 1e-6))
        a, b = np.asarray(a, np.complex128), np.asarray(b, np.complex128)
        return bool(np.all(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
                           | (np.isinf(a) & (a == b))))
    return bool(np.array_equal(a, b))


def _same_output(x, y):
    """None where the snapshots agree, else the category of the difference."""
    if x[0] != y[0]:
        return "output kind"
    if x[0] == "error":
        return None if x[1:3] == y[1:3] else "gradient"
    if x[0] == "py":
        return None if x[1] == y[1] else "python value"
    if x[1] != y[1]:
        return "dtype"
    if x[2] != y[2]:
        return "shape"
    return None if _same_array(x[1], x[3], y[3]) else "value"


def compare(tf_result, shim_result):
    """None where TF and tfshim agree, else the category of their difference."""
    if tf_result[0] == "error" and shim_result[0] == "error":
        if tf_result[1] != shim_result[1]:
            return "error class"
        if tf_result[2] != shim_result[2]:
            return "error message"
        if len(tf_result) > 3 and _same_output(tf_result[3], shim_result[3]):
            return "variable after error"
        return None
    if tf_result[0] == "error":
        return "silent value (TF raises)"
    if shim_result[0] == "error":
        if shim_result[1] in ("TypeError", "ValueError", "IndexError", "AttributeError",
                              "KeyError") and "tensorflow" not in shim_result[2]:
            return "tfshim raises (TF returns)"
        return "tfshim raises (TF returns)"
    touts, souts = tf_result[1], shim_result[1]
    if len(touts) != len(souts):
        return "output count"
    for x, y in zip(touts, souts):
        diff = _same_output(x, y)
        if diff:
            return diff
    tg, sg = tf_result[2], shim_result[2]
    if tg is not None and sg is not None:
        if len(tg) != len(sg):
            return "gradient"
        for x, y in zip(tg, sg):
            if _same_output(x, y):
                return "gradient"
    return None


def case_label(case):
    """The op (or operator) a case exercises, for the per-op tallies."""
    if case[0] == "op":
        return case[1]
    if case[0] in ("binary", "unary"):
        return "operator " + case[1]
    if case[0] == "variable":
        return "Variable." + case[1]
    return "getitem"


# -- the canary ----------------------------------------------------------------------------------


class Canary:
    """A tape with a recorded product, a variable and the global generator, checked after errors."""

    def __init__(self, shim):
        self.shim = shim
        self.w = shim.constant([1.5, -2.0])
        self.v = shim.Variable([3.0, 4.0])
        self.tape = shim.GradientTape(persistent=True)
        self.tape.__enter__()
        self.tape.watch(self.w)
        self.y = self.w * self.w * self.v

    def state(self):
        gen = self.shim.random.get_global_generator()
        return (self.v.numpy().tolist(), gen.state.numpy().tolist())

    def check(self, before):
        """The problems after an error: "" where nothing was lost."""
        problems = []
        if self.state() != before:
            problems.append("variable or random state changed")
        self.tape.__exit__(None, None, None)
        try:
            g = self.tape.gradient(self.y, self.w).numpy().tolist()
            if g != [9.0, -16.0]:
                problems.append("tape gradient %s" % g)
        except Exception as e:  # noqa: BLE001
            problems.append("tape lost: %s" % e)
        self.tape.__enter__()
        return "; ".join(problems)


# -- running many ----------------------------------------------------------------------------


def signatures_of(shim, names):
    return {n: list(inspect.signature(_lookup(shim, n)).parameters.items()) for n in names}


def run(seed: int, n: int, on_case=None):
    """Run n cases drawn with hypothesis from `seed`; returns [(case, category or None)]."""
    import logging
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    import tfshim as shim

    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    names = fuzzable_names(shim, tf)
    sigs = signatures_of(shim, names)
    canary = Canary(shim)
    results = []

    @hseed(seed)
    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases(names, sigs))
    def one(case):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tf_result = execute(tf, case)
            before = canary.state()
            shim_result = execute(shim, case)
            category = compare(tf_result, shim_result)
            if shim_result[0] == "error":
                lost = canary.check(before)
                if lost:
                    category = "lost on error: " + lost
        results.append((case, category, tf_result, shim_result))
        if on_case:
            on_case(case, category, tf_result, shim_result)

    one()
    canary.tape.__exit__(None, None, None)
    return results
