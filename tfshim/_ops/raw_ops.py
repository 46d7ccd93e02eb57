"""tf.raw_ops: TF's generated op functions (gen_*_ops), for the ops tfshim implements.

Each raw op takes keyword arguments only, named as TF's op def (its inputs, then its attrs),
with TF's attr defaults, plus `name=None`; those come from tfshim/_data/tf_2_21_raw_ops.json,
written from TF 2.21's op defs by tools/raw_op_defs.py. TABLE maps each raw op to the tfshim
function that runs it (a TF name in the export registry, or an op object) and how the raw op's
arguments are passed to it (inputs sharing a type attr converted together first, as TF's
args_to_matching_eager), so values, dtype rules, errors and gradients are that function's.
An op TF has and tfshim does not is absent: `hasattr(tf.raw_ops, name)` is False.

Differences from TensorFlow: an attr the target function has no parameter for (Cast's
`Truncate`, Equal's `incompatible_shape_error`) is accepted at its default only
(NotImplementedError otherwise); hint attrs (`grad_a`, `use_cudnn_on_gpu`, ...) are ignored,
as on TF's CPU kernels.
"""

from __future__ import annotations

import collections
import inspect
import json
import os

from .. import _api
from .._core import dtypes, errors
from .._core.convert import convert_to_tensor, is_tensor
from . import array_ops_stack, math_ops, nn_ops

# Attrs that only hint an implementation (TF's kernels on CPU ignore them too).
_HINTS = frozenset(("use_cudnn_on_gpu", "grad_a", "grad_b", "grad_x", "grad_y"))


def _tf(name):
    return _api.REGISTRY[name]


def _explicit(padding, explicit_paddings):
    """Conv2D's EXPLICIT padding as tf.nn.conv2d takes it: one [before, after] pair a dim."""
    if padding != "EXPLICIT":
        return padding
    return [list(explicit_paddings[i:i + 2]) for i in range(0, len(explicit_paddings), 2)]


def _conv2d(input, filter, strides, padding, explicit_paddings, data_format,  # noqa: A002
            dilations, name=None):
    return _tf("nn.conv2d")(input, filter, strides, _explicit(padding, explicit_paddings),
                            data_format, dilations, name=name)


def _squeeze(input, axis, name=None):  # noqa: A002
    # Squeeze's empty squeeze_dims means every size-1 dimension: tf.squeeze's axis=None.
    return _tf("squeeze")(input, list(axis) or None, name=name)


def _einsum(inputs, equation, name=None):
    return _tf("einsum")(equation, *inputs, name=name)


def _fused_batch_norm_v2(*args, name=None, **kwargs):
    return nn_ops.fused_batch_norm_v3(*args, name=name, **kwargs)[:5]  # no reserve_space_3


def _split(axis, value, num_split, name=None):
    return _tf("split")(value, num_split, axis, name=name)


# raw op: (the tfshim function, its arguments: "a" passes the raw op's argument a positionally,
# "k=a" as keyword k). One line an op, grouped as TF's gen_*_ops modules.
TABLE = {
    # gen_math_ops
    "Abs": ("math.abs", "x"),
    "Acos": ("math.acos", "x"),
    "Add": ("math.add", "x y"),
    "AddN": ("math.add_n", "inputs"),
    "AddV2": ("math.add", "x y"),
    "All": ("math.reduce_all", "input axis keep_dims"),
    "Any": ("math.reduce_any", "input axis keep_dims"),
    "ArgMax": ("math.argmax", "input dimension output_type"),
    "ArgMin": ("math.argmin", "input dimension output_type"),
    "Asin": ("math.asin", "x"),
    "Atan": ("math.atan", "x"),
    "Atan2": ("math.atan2", "y x"),
    "BatchMatMulV2": ("linalg.matmul", "x y adjoint_a=adj_x adjoint_b=adj_y"),
    "Cast": ("cast", "x DstT"),
    "Ceil": ("math.ceil", "x"),
    "Cos": ("math.cos", "x"),
    "Cosh": ("math.cosh", "x"),
    "Cumprod": ("math.cumprod", "x axis exclusive reverse"),
    "Cumsum": ("math.cumsum", "x axis exclusive reverse"),
    "Digamma": ("math.digamma", "x"),
    "DivNoNan": (math_ops._div_no_nan_op, "x y"),
    "Equal": ("math.equal", "x y"),
    "Erf": ("math.erf", "x"),
    "Erfc": ("math.erfc", "x"),
    "Exp": ("math.exp", "x"),
    "Expm1": ("math.expm1", "x"),
    "Floor": ("math.floor", "x"),
    "FloorDiv": ("math.floordiv", "x y"),
    "FloorMod": ("math.floormod", "x y"),
    "Greater": ("math.greater", "x y"),
    "GreaterEqual": ("math.greater_equal", "x y"),
    "IsFinite": ("math.is_finite", "x"),
    "IsInf": ("math.is_inf", "x"),
    "IsNan": ("math.is_nan", "x"),
    "Less": ("math.less", "x y"),
    "LessEqual": ("math.less_equal", "x y"),
    "Lgamma": ("math.lgamma", "x"),
    "Log": ("math.log", "x"),
    "Log1p": ("math.log1p", "x"),
    "LogicalAnd": ("math.logical_and", "x y"),
    "LogicalNot": ("math.logical_not", "x"),
    "LogicalOr": ("math.logical_or", "x y"),
    "MatMul": ("linalg.matmul", "a b transpose_a transpose_b"),
    "Max": ("math.reduce_max", "input axis keep_dims"),
    "Maximum": ("math.maximum", "x y"),
    "Mean": ("math.reduce_mean", "input axis keep_dims"),
    "Min": ("math.reduce_min", "input axis keep_dims"),
    "Minimum": ("math.minimum", "x y"),
    "Mul": ("math.multiply", "x y"),
    "Neg": ("math.negative", "x"),
    "NotEqual": ("math.not_equal", "x y"),
    "Pow": ("math.pow", "x y"),
    "Prod": ("math.reduce_prod", "input axis keep_dims"),
    "Range": ("range", "start limit delta"),
    "RealDiv": (math_ops._real_div, "x y"),
    "Reciprocal": ("math.reciprocal", "x"),
    "Rint": ("math.rint", "x"),
    "Round": ("math.round", "x"),
    "Rsqrt": ("math.rsqrt", "x"),
    "SegmentSum": ("math.segment_sum", "data segment_ids"),
    "SelectV2": ("where", "condition t e"),
    "Sigmoid": ("math.sigmoid", "x"),
    "Sign": ("math.sign", "x"),
    "Sin": ("math.sin", "x"),
    "Sinh": ("math.sinh", "x"),
    "Sqrt": ("math.sqrt", "x"),
    "Square": ("math.square", "x"),
    "SquaredDifference": ("math.squared_difference", "x y"),
    "Sub": ("math.subtract", "x y"),
    "Sum": ("math.reduce_sum", "input axis keep_dims"),
    "Tan": ("math.tan", "x"),
    "Tanh": ("math.tanh", "x"),
    "UnsortedSegmentSum": ("math.unsorted_segment_sum", "data segment_ids num_segments"),
    "Xdivy": ("math.xdivy", "x y"),
    "Xlogy": ("math.xlogy", "x y"),
    # gen_nn_ops
    "AvgPool": ("nn.avg_pool2d", "value ksize strides padding data_format"),
    "BiasAdd": ("nn.bias_add", "value bias data_format"),
    "Conv2D": (_conv2d, "input filter strides padding explicit_paddings data_format dilations"),
    "Elu": ("nn.elu", "features"),
    "FusedBatchNormV2": (_fused_batch_norm_v2, "x scale offset mean variance epsilon "
                         "exponential_avg_factor data_format is_training"),
    "FusedBatchNormV3": (nn_ops.fused_batch_norm_v3, "x scale offset mean variance epsilon "
                         "exponential_avg_factor data_format is_training"),
    "L2Loss": ("nn.l2_loss", "t"),
    "LeakyRelu": ("nn.leaky_relu", "features alpha"),
    "LogSoftmax": ("nn.log_softmax", "logits"),
    "MaxPool": ("nn.max_pool2d", "input ksize strides padding data_format"),
    "Relu": ("nn.relu", "features"),
    "Relu6": ("nn.relu6", "features"),
    "Selu": ("nn.selu", "features"),
    "Softmax": ("nn.softmax", "logits"),
    "Softplus": ("nn.softplus", "features"),
    "Softsign": ("nn.softsign", "features"),
    "TopKV2": ("math.top_k", "input k sorted index_type"),
    # gen_array_ops
    "BroadcastTo": ("broadcast_to", "input shape"),
    "ConcatV2": ("concat", "values axis"),
    "ExpandDims": ("expand_dims", "input axis"),
    "Fill": ("fill", "dims value"),
    "GatherNd": ("gather_nd", "params indices bad_indices_policy=bad_indices_policy"),
    "GatherV2": ("gather", "params indices axis=axis batch_dims=batch_dims"),
    "Identity": ("identity", "input"),
    "InvertPermutation": ("math.invert_permutation", "x"),
    "OneHot": ("one_hot", "indices depth on_value off_value axis"),
    "OnesLike": ("ones_like", "x"),
    "Pack": ("stack", "values axis"),
    "Pad": ("pad", "input paddings"),
    "Rank": ("rank", "input"),
    "Reshape": ("reshape", "tensor shape"),
    "ReverseV2": ("reverse", "tensor axis"),
    "ScatterNd": ("scatter_nd", "indices updates shape bad_indices_policy"),
    "Shape": ("shape", "input out_type"),
    "Size": ("size", "input out_type"),
    "Slice": ("slice", "input begin size"),
    "Split": (_split, "axis value num_split"),
    "Squeeze": (_squeeze, "input axis"),
    "StopGradient": ("stop_gradient", "input"),
    "StridedSlice": ("strided_slice", "input begin end strides begin_mask end_mask ellipsis_mask "
                     "new_axis_mask shrink_axis_mask"),
    "Tile": ("tile", "input multiples"),
    "Transpose": ("transpose", "x perm"),
    "Unique": ("unique", "x out_idx"),
    "Unpack": (array_ops_stack.unstack, "value num axis"),
    "Where": ("where", "condition"),
    "ZerosLike": ("zeros_like", "x"),
    # gen_linalg_ops, gen_clip_ops
    "Cholesky": ("linalg.cholesky", "input"),
    "ClipByValue": ("clip_by_value", "t clip_value_min clip_value_max"),
    "Einsum": (_einsum, "inputs equation"),
    "MatrixDeterminant": ("linalg.det", "input"),
    "MatrixInverse": ("linalg.inv", "input adjoint"),
    "Qr": ("linalg.qr", "input full_matrices"),
}


def _load_defs():
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "_data",
                        "tf_2_21_raw_ops.json")
    with open(path) as f:
        return json.load(f)


def _attr(value):
    """A default from the JSON file: {"dtype": name} is a tf.DType."""
    if isinstance(value, dict):
        return dtypes.as_dtype(value["dtype"])
    return value


def _matching(values: list) -> list:
    """Inputs sharing a type attr converted as TF's args_to_matching_eager: to the dtype of the
    first tensor among them, else each to the dtype the first converted one got."""
    if all(is_tensor(v) for v in values):
        return values  # left to the op's own dtype check, as TF leaves them to the kernel's
    dtype = next((v.dtype for v in values if is_tensor(v)), None)
    out = []
    for v in values:
        out.append(convert_to_tensor(v, dtype))
        dtype = dtype or out[-1].dtype
    return out


def raw_op(op_type: str, defn: dict, target, spec: str):
    """The tf.raw_ops function for op_type: defn is its entry in the op-def file."""
    fn_name = defn["py"]
    names = [a[0] for a in defn["args"]]
    required = [a[0] for a in defn["args"] if len(a) == 1]
    defaults = {a[0]: _attr(a[1]) for a in defn["args"] if len(a) == 2}
    positional, keywords = [], {}
    for token in spec.split():
        key, _, arg = token.rpartition("=")
        if arg not in names:
            raise ValueError("tf.raw_ops.%s has no argument %r" % (op_type, arg))
        if key:
            keywords[key] = arg
        else:
            positional.append(arg)
    passed = set(positional) | set(keywords.values())
    fixed = [a for a in defaults if a not in passed and a not in _HINTS]
    keys = names + ["name"]
    match, lists = defn["match"], frozenset(defn["lists"])
    outputs = (collections.namedtuple(op_type, defn["outputs"]) if len(defn["outputs"]) > 1
               else None)

    def call(*args, **kwargs):
        if args:
            raise errors.keyword_only_error(fn_name, keys)
        for key in kwargs:
            if key not in keys:
                raise errors.unexpected_keyword_error(fn_name, key)
        missing = [a for a in required if a not in kwargs]
        if missing:
            raise errors.missing_arguments_error(fn_name, missing)
        values = dict(defaults, **kwargs)
        for a in fixed:
            if values[a] != defaults[a]:
                raise NotImplementedError("tf.raw_ops.%s: tfshim supports only %s=%r"
                                          % (op_type, a, defaults[a]))
        for a in lists:
            if isinstance(values[a], (str, bytes)) or not hasattr(values[a], "__iter__"):
                raise errors.expected_list_error(a, fn_name, values[a])
        for group in match:
            flat = [v for a in group for v in (values[a] if a in lists else [values[a]])]
            flat = _matching(flat)
            for a in group:
                n = len(values[a]) if a in lists else 1
                values[a] = flat[:n] if a in lists else flat[0]
                flat = flat[n:]
        fn = _tf(target) if isinstance(target, str) else target
        try:
            out = fn(*[values[a] for a in positional],
                     **{k: values[a] for k, a in keywords.items()}, name=kwargs.get("name"))
        except errors.OpError as e:
            # A kernel's error (or a missing kernel's) raised through a raw op has no
            # " name: ..." tail in TF (its op-building errors, dtype checks, keep theirs).
            text, tail = e.message, " name: " + (kwargs.get("name") or "")
            if text.startswith(("{{function_node", "Could not find device")) and text.endswith(
                    tail):
                raise type(e)(e.node_def, e.op, text[:-len(tail)]) from None
            raise
        return outputs(*out) if outputs else out

    call.__name__ = call.__qualname__ = fn_name
    call.__doc__ = "tf.raw_ops.%s." % op_type
    params = [inspect.Parameter(a, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                default=defaults.get(a, inspect.Parameter.empty)) for a in names]
    params.append(inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None))
    call.__signature__ = inspect.Signature(params)
    return call


def _register():
    defs = _load_defs()["ops"]
    for op_type, (target, spec) in TABLE.items():
        _api.export("raw_ops." + op_type)(raw_op(op_type, defs[op_type], target, spec))


_register()
