"""TF's op-defs, as far as tfshim's checks and errors need them.

TYPES: op type -> the dtypes each of its type attrs allows, listed in the op-def's own order
(TF's dtype errors print them in that order, quantized types included). allowed() turns an
entry into the TypeList an op's `dtypes=` takes.

TEXT: op-defs whose errors print the whole op-def (`Op<name=GatherV2; signature=...>`), as
TF's eager runtime prints them.

The op types are TF's (tf.raw_ops names). A tfshim composite checks the list of the op whose
error TF's composite raises (Exp in the losses, Sqrt in clip_by_norm); the shared lists below
also serve the generic checks (INDEX for index arguments, NN_FLOAT for the random samplers).
"""

from __future__ import annotations

import functools

import numpy as np

from .._core.op import TypeList

# -- lists several op-defs share ---------------------------------------------------------------
INDEX = "int32, int64"  # most index attrs (Tidx, Tshape, Tperm, Tindices, out_type, ...)
REAL_FLOAT = "bfloat16, half, float, double"  # Floor, Erf, IsFinite, Atan2, ...
NN_FLOAT = "half, bfloat16, float, double"  # the nn ops' (Elu, Softmax, AvgPool, L2Loss, ...)
FLOAT_COMPLEX = "bfloat16, half, float, double, complex64, complex128"  # Exp, Sqrt, Tanh, ...
REAL_NUMBER = ("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, "
               "uint64")  # TF's realnumbertypes: comparisons, Relu6, TopKV2, Cross, ...
NUMBER = ("float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, "
          "bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64")  # Sum, BiasAdd
QUANTIZED_REAL = REAL_NUMBER + ", qint8, quint8, qint32, qint16, quint16"  # Max, Min
SIGNED = "bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128"
MUL = ("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, int64, "
       "complex64, complex128")
MATRIX = "double, float, half, complex64, complex128"  # the LAPACK-backed linalg kernels
COMPLEX = "complex64, complex128"

# RealDiv's op-def allows integers, which only XLA implements: TF's NotFoundError lists these.
INTEGER_NP = tuple(np.dtype(t) for t in ("int8", "int16", "int32", "int64", "uint8", "uint16",
                                         "uint32", "uint64"))
REAL_DIV_KERNELS = (
    "\n  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, "
    "DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]"
    + "".join("\n  device='CPU'; T in [DT_%s]" % t
              for t in ("COMPLEX128", "COMPLEX64", "BFLOAT16", "DOUBLE", "HALF", "FLOAT")) + "\n")

TYPES: dict[str, dict[str, str]] = {
    # -- math: elementwise -----------------------------------------------------------------------
    "Abs": {"T": "bfloat16, half, float, double, int8, int16, int32, int64"},
    "Neg": {"T": SIGNED},
    "Sign": {"T": SIGNED},
    "Round": {"T": SIGNED},
    "Reciprocal": {"T": SIGNED},
    "Square": {"T": "bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, "
                    "uint32, uint64, complex64, complex128"},
    **{op_type: {"T": FLOAT_COMPLEX} for op_type in (
        "Sqrt", "Rsqrt", "Exp", "Expm1", "Log", "Log1p", "Sin", "Cos", "Tan", "Asin", "Acos",
        "Atan", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh", "Sigmoid")},
    **{op_type: {"T": REAL_FLOAT} for op_type in (
        "Floor", "Ceil", "Rint", "IsNan", "IsInf", "IsFinite", "Atan2", "Erf", "Erfc", "Erfinv",
        "Lgamma", "Digamma", "Igamma", "Igammac", "Ndtri", "BesselI0", "BesselI0e", "BesselI1",
        "BesselI1e", "BesselJ0", "BesselJ1", "BesselY0", "BesselY1", "BesselK0", "BesselK0e",
        "BesselK1", "BesselK1e", "Dawsn", "Expint", "FresnelCos", "FresnelSin", "Spence",
        "CumulativeLogsumexp")},
    "Softplus": {"T": NN_FLOAT},
    **{op_type: {"T": "float, double"} for op_type in ("Betainc", "Polygamma", "Zeta")},
    "HistogramFixedWidth": {"T": "int32, int64, float, double", "dtype": INDEX},
    "ReverseSequence": {"Tlen": INDEX},
    "Imag": {"Tin": COMPLEX},
    "Angle": {"Tin": COMPLEX},
    # -- math: binary ----------------------------------------------------------------------------
    "AddV2": {"T": "bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, "
                   "int32, int64, complex64, complex128"},
    "Add": {"T": "bfloat16, half, float, double, uint8, int8, int16, int32, int64, complex64, "
                 "complex128, string"},
    "Sub": {"T": "bfloat16, half, float, double, uint8, int8, uint16, int16, int32, int64, "
                 "complex64, complex128, uint32, uint64"},
    "Mul": {"T": MUL},
    "RealDiv": {"T": MUL},
    "FloorDiv": {"T": MUL},
    "TruncateDiv": {"T": "bfloat16, half, float, double, uint8, int8, uint16, int16, int32, "
                         "uint32, uint64, int64, complex64, complex128"},
    "FloorMod": {"T": "int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, half, "
                      "float, double"},
    "TruncateMod": {"T": "int32, int64, bfloat16, half, float, double"},
    "Pow": {"T": "bfloat16, float, half, double, int8, int16, int32, int64, complex64, "
                 "complex128"},
    "Maximum": {"T": "bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, "
                     "int64, uint64"},
    "Minimum": {"T": "bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, "
                     "int64, uint64"},
    "SquaredDifference": {"T": "bfloat16, half, float, double, int32, int64, complex64, "
                               "complex128"},
    "DivNoNan": {"T": "half, float, bfloat16, double, complex64, complex128"},
    "MulNoNan": {"T": FLOAT_COMPLEX},
    "Xdivy": {"T": "half, bfloat16, float, double, complex64, complex128"},
    "Xlogy": {"T": "half, bfloat16, float, double, complex64, complex128"},
    "Xlog1py": {"T": "half, bfloat16, float, double, complex64, complex128"},
    "NextAfter": {"T": "double, float"},
    # -- math: comparisons, logical, bitwise -----------------------------------------------------
    **{op_type: {"T": REAL_NUMBER} for op_type in ("Less", "LessEqual", "Greater",
                                                  "GreaterEqual")},
    **{op_type: {"T": "bool"} for op_type in ("LogicalAnd", "LogicalOr", "LogicalNot")},
    "Any": {"T": "bool", "Tidx": INDEX},
    "All": {"T": "bool", "Tidx": INDEX},
    **{op_type: {"T": "int8, int16, int32, int64, uint8, uint16, uint32, uint64"}
       for op_type in ("BitwiseAnd", "BitwiseOr", "BitwiseXor", "Invert", "LeftShift",
                       "RightShift")},
    "BroadcastArgs": {"T": INDEX},
    # -- math: reductions, matmul, segments ------------------------------------------------------
    **{op_type: {"T": NUMBER, "Tidx": INDEX} for op_type in ("Sum", "Prod", "Mean",
                                                            "EuclideanNorm")},
    "Max": {"T": QUANTIZED_REAL, "Tidx": INDEX},
    "Min": {"T": QUANTIZED_REAL, "Tidx": INDEX},
    "ArgMax": {"T": QUANTIZED_REAL + ", bool"},
    "ArgMin": {"T": QUANTIZED_REAL + ", bool"},
    "MatMul": {"T": "bfloat16, half, float, double, int32, int64, uint8, uint16, uint32, uint64, "
                    "complex64, complex128"},
    "BatchMatMulV2": {"T": "bfloat16, half, float, double, int16, int32, int64, uint8, uint16, "
                           "uint32, uint64, complex64, complex128"},
    **{op_type: {"T": NUMBER, "Tindices": INDEX} for op_type in (
        "SegmentSum", "SegmentProd", "SegmentMean", "UnsortedSegmentSum", "UnsortedSegmentProd")},
    **{op_type: {"T": REAL_NUMBER, "Tindices": INDEX} for op_type in (
        "SegmentMax", "SegmentMin", "UnsortedSegmentMax", "UnsortedSegmentMin")},
    # -- array -----------------------------------------------------------------------------------
    "OnesLike": {"T": "bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, "
                      "int64, uint64, complex64, complex128, bool"},
    "Range": {"Tidx": "bfloat16, half, float, double, int8, int16, int32, int64, uint16, uint32, "
                      "uint64"},
    # -- nn --------------------------------------------------------------------------------------
    "Relu": {"T": REAL_NUMBER + ", qint8"},
    "Relu6": {"T": REAL_NUMBER},
    **{op_type: {"T": NN_FLOAT} for op_type in (
        "Elu", "Selu", "Softsign", "LeakyRelu", "Softmax", "LogSoftmax",
        "SoftmaxCrossEntropyWithLogits", "L2Loss", "AvgPool", "AvgPool3D",
        "DepthwiseConv2dNative")},
    "SparseSoftmaxCrossEntropyWithLogits": {"T": NN_FLOAT, "Tlabels": INDEX},
    "BiasAdd": {"T": NUMBER},
    "FusedBatchNormV3": {"T": "half, bfloat16, float", "U": "float"},
    "Conv2D": {"T": "half, bfloat16, float, double, int32"},
    "Conv2DBackpropInput": {"T": "half, bfloat16, float, double, int32"},
    "Conv3D": {"T": "half, bfloat16, float, double"},
    "Conv3DBackpropInputV2": {"T": "half, bfloat16, float, double"},
    "MaxPool": {"T": "half, bfloat16, float, double, int32, int64, uint8, int16, int8, uint16, "
                     "qint8"},
    "MaxPool3D": {"T": "half, bfloat16, float"},
    "AddN": {"T": NUMBER + ", variant"},
    "Diag": {"T": "bfloat16, half, float, double, int32, int64, complex64, complex128"},
    "Where": {"T": NUMBER + ", bool"},
    "Fill": {"index_type": INDEX},
    "TopKV2": {"T": REAL_NUMBER, "Tk": "int16, int32, int64",
               "index_type": "int16, int32, int64"},
    # InTopKV2's predictions are float in its op-def (no type attr); T is the targets' type.
    "InTopKV2": {"T": INDEX, "predictions": "float"},
    # -- linalg ----------------------------------------------------------------------------------
    **{op_type: {"T": MATRIX} for op_type in (
        "MatrixInverse", "Cholesky", "Qr", "Svd", "SelfAdjointEigV2", "Lu", "MatrixSolve",
        "MatrixSquareRoot")},
    "MatrixDeterminant": {"T": "half, float, double, complex64, complex128"},
    "LogMatrixDeterminant": {"T": "half, float, double, complex64, complex128"},
    "MatrixTriangularSolve": {"T": "bfloat16, double, float, half, complex64, complex128"},
    "Eig": {"T": "float, double, complex64, complex128"},
    "MatrixBandPart": {"Tindex": INDEX},
    "Cross": {"T": REAL_NUMBER},
    "Einsum": {"T": "bfloat16, half, float, double, int32, int64, complex64, complex128"},
    # -- random (the shape arguments' T is INDEX; the float samplers' dtype is NN_FLOAT) ----------
    "RandomPoissonV2": {"R": "half, float, double, int32, int64",
                        "dtype": "half, float, double, int32, int64"},
    "StatelessRandomUniformFullIntV2": {"dtype": "int32, int64, uint32, uint64"},
    "StatelessRandomGetKeyCounter": {"Tseed": INDEX},
    # -- debugging -------------------------------------------------------------------------------
    "CheckNumerics": {"T": "bfloat16, half, float, double"},
}


@functools.lru_cache(maxsize=None)
def allowed(op_type: str, attr: str = "T") -> TypeList:
    """The dtypes op_type's type attr allows, keeping TF's listing for its errors."""
    return TypeList.of(TYPES[op_type][attr])


def names(op_type: str, attr: str = "T") -> str:
    """The allowed dtypes as TF's errors list them: "int32, int64"."""
    return TYPES[op_type][attr]


_SCAN = ("%s; signature=x:T, axis:Tidx -> out:T; attr=exclusive:bool,default=false; "
         "attr=reverse:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, "
         "DT_UINT8, DT_INT16, DT_INT8, DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, "
         "DT_BFLOAT16, DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, "
         "DT_UINT64]; attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]")

TEXT: dict[str, str] = {
    "DecodeCSV": (
        "DecodeCSV; signature=records:string, record_defaults: -> output:; attr=OUT_TYPE:list("
        "type),min=1,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, DT_STRING]; attr=field_"
        "delim:string,default=\",\"; attr=use_quote_delim:bool,default=true; attr=na_value:"
        "string,default=\"\"; attr=select_cols:list(int),default=[]"),
    "GatherV2": (
        "GatherV2; signature=params:Tparams, indices:Tindices, axis:Taxis -> output:Tparams; "
        "attr=batch_dims:int,default=0; attr=Tparams:type; attr=Tindices:type,allowed=[DT_INT16, "
        "DT_INT32, DT_INT64]; attr=Taxis:type,allowed=[DT_INT32, DT_INT64]"),
    "ResourceGather": (
        "ResourceGather; signature=resource:resource, indices:Tindices -> output:dtype; "
        "attr=batch_dims:int,default=0; attr=validate_indices:bool,default=true; attr=dtype:type; "
        "attr=Tindices:type,allowed=[DT_INT32, DT_INT64]; is_stateful=true"),
    "GatherNd": (
        "GatherNd; signature=params:Tparams, indices:Tindices -> output:Tparams; attr=Tparams:type;"
        " attr=Tindices:type,allowed=[DT_INT16, DT_INT32, DT_INT64]; attr=bad_indices_policy:"
        "string,default=\"\""),
    "OneHot": (
        "OneHot; signature=indices:TI, depth:int32, on_value:T, off_value:T -> output:T; "
        "attr=axis:int,default=-1; attr=T:type; attr=TI:type,default=DT_INT64,allowed=[DT_UINT8, "
        "DT_INT8, DT_INT32, DT_INT64]"),
    "Unique": (
        "Unique; signature=x:T -> y:T, idx:out_idx; attr=T:type; attr=out_idx:type,"
        "default=DT_INT32,allowed=[DT_INT32, DT_INT64]"),
    "StridedSlice": (
        "StridedSlice; signature=input:T, begin:Index, end:Index, strides:Index -> output:T; "
        "attr=T:type; attr=Index:type,allowed=[DT_INT16, DT_INT32, DT_INT64]; attr=begin_mask:int,"
        "default=0; attr=end_mask:int,default=0; attr=ellipsis_mask:int,default=0; "
        "attr=new_axis_mask:int,default=0; attr=shrink_axis_mask:int,default=0"),
    "Sqrt": ("Sqrt; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, "
             "DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]"),
    "Cumsum": _SCAN % "Cumsum",
    "Cumprod": _SCAN % "Cumprod",
    "CheckNumerics": (
        "CheckNumerics; signature=tensor:T -> output:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, "
        "DT_FLOAT, DT_DOUBLE]; attr=message:string; is_stateful=true"),
}
