"""tfshim: TensorFlow's eager API on JAX. `import tfshim as tf`."""

import jax as _jax

# TF has float64 and int64; every op passes TF's dtype explicitly, so x64 never widens anything.
_jax.config.update("jax_enable_x64", True)

from . import _api  # noqa: E402
from ._core import backprop as _backprop  # noqa: E402,F401
from ._core import context as _context  # noqa: E402,F401
from ._core import custom_gradient as _custom_gradient  # noqa: E402,F401
from ._core import forwardprop as _forwardprop  # noqa: E402,F401
from ._core import polymorphic_function as _function  # noqa: E402,F401
from ._core import func_graph as _func_graph  # noqa: E402,F401
from ._core import indexed_slices as _indexed_slices  # noqa: E402,F401
from ._core import module as _module  # noqa: E402,F401
from ._core import remote as _remote  # noqa: E402,F401
from ._core import scope as _scope  # noqa: E402,F401
from ._core import tensor_util as _tensor_util  # noqa: E402,F401
from ._core import type_spec as _type_spec  # noqa: E402,F401
from ._core import errors  # noqa: E402,F401
from ._core import nest  # noqa: E402,F401
from ._core.dtypes import (  # noqa: E402,F401
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from ._core.convert import register_tensor_conversion_function  # noqa: E402,F401
from ._core.tensor import Tensor  # noqa: E402,F401
from ._core.tensor_shape import TensorShape  # noqa: E402,F401
from ._core.variable import (  # noqa: E402,F401
    Variable,
    VariableAggregation,
    VariableSynchronization,
)
from ._ops import array_ops as _array_ops  # noqa: E402,F401
from ._ops import array_ops_stack as _array_ops_stack  # noqa: E402,F401
from ._ops import base64_ops as _base64_ops  # noqa: E402,F401
from ._ops import bincount_ops as _bincount_ops  # noqa: E402,F401
from ._ops import confusion_matrix as _confusion_matrix  # noqa: E402,F401
from ._ops import file_io as _file_io  # noqa: E402,F401
from ._ops import histogram_ops as _histogram_ops  # noqa: E402,F401
from ._ops import io_ops as _io_ops  # noqa: E402,F401
from ._ops import bitwise_ops as _bitwise_ops  # noqa: E402,F401
from ._ops import bcast_ops as _bcast_ops  # noqa: E402,F401
from ._ops import bitcast_op as _bitcast_op  # noqa: E402,F401
from ._ops import check_ops as _check_ops  # noqa: E402,F401
from ._ops import clip_ops as _clip_ops  # noqa: E402,F401
from ._ops import complex_math_ops as _complex_math_ops  # noqa: E402,F401
from ._ops import constant_op as _constant_op  # noqa: E402,F401
from ._ops import control_flow_ops as _control_flow_ops  # noqa: E402,F401
from ._ops import conv_ops as _conv_ops  # noqa: E402,F401
from ._ops import data_flow_ops as _data_flow_ops  # noqa: E402,F401
from ._ops import gather_scatter_ops as _gather_scatter_ops  # noqa: E402,F401
from ._ops import linalg_impl as _linalg_impl  # noqa: E402,F401
from ._ops import linalg_ops as _linalg_ops  # noqa: E402,F401
from ._ops import logging_ops as _logging_ops  # noqa: E402,F401
from ._ops import manip_ops as _manip_ops  # noqa: E402,F401
from ._ops import one_hot_op as _one_hot_op  # noqa: E402,F401
from ._ops import math_ops as _math_ops  # noqa: E402,F401
from ._ops import scan_ops as _scan_ops  # noqa: E402,F401
from ._ops import sequence_ops as _sequence_ops  # noqa: E402,F401
from ._ops import nn_ops as _nn_ops  # noqa: E402,F401
from ._ops import embedding_ops as _embedding_ops  # noqa: E402,F401
from ._ops import ctc_ops as _ctc_ops  # noqa: E402,F401
from ._ops import transpose_op as _transpose_op  # noqa: E402,F401
from ._ops import pooling_ops as _pooling_ops  # noqa: E402,F401
from ._ops import random_ops as _random_ops  # noqa: E402,F401
from ._ops import raw_ops as _raw_ops  # noqa: E402,F401
from ._ops import reduction_ops as _reduction_ops  # noqa: E402,F401
from ._ops import reverse_sequence_op as _reverse_sequence_op  # noqa: E402,F401
from ._ops import script_ops as _script_ops  # noqa: E402,F401
from ._ops import sort_ops as _sort_ops  # noqa: E402,F401
from ._ops import sparse_ops as _sparse_ops  # noqa: E402,F401
from ._ops import sparse_cross_op as _sparse_cross_op  # noqa: E402,F401
from ._ops import sets_impl as _sets_impl  # noqa: E402,F401
from ._ops import special_math_ops as _special_math_ops  # noqa: E402,F401
from ._ops import stateful_random_ops as _stateful_random_ops  # noqa: E402,F401
from ._ops import stateless_random_ops as _stateless_random_ops  # noqa: E402,F401
from ._ops import string_ops as _string_ops  # noqa: E402,F401
from ._ops import tensor_getitem_override as _tensor_getitem_override  # noqa: E402,F401
from ._ops import tensor_array_ops as _tensor_array_ops  # noqa: E402,F401
from ._ops import tensor_methods as _tensor_methods  # noqa: E402,F401
from . import ragged  # noqa: E402,F401  (before the namespaces: it wraps ops for ragged input)
from .notebook import load_ipython_extension, unload_ipython_extension  # noqa: E402,F401

from . import _autograph  # noqa: E402

_function.set_autograph(_autograph.ConvertedCall)

newaxis = None
from . import version  # noqa: E402

# tfshim's own release. Under the `tensorflow` alias, `tensorflow.__version__` is the TensorFlow
# version tfshim follows, tf.version.VERSION (see notebook/alias.py).
__version__ = version.TFSHIM_VERSION

globals().update(_api.namespace(""))

# tf.train's Example messages register before the tf.train namespace (which saved_model
# and distribute import) fills itself.
from ._ops import parsing_ops as _parsing_ops  # noqa: E402,F401
from ._proto import example as _example_pb  # noqa: E402,F401
from . import autodiff, autograph, bitwise, compat, config, debugging, distribute  # noqa: E402,F401,I001
from . import dtypes  # noqa: E402,F401,I001
from . import linalg, math, nn, random, raw_ops, sets, sparse, strings  # noqa: E402,F401,I001

from . import data  # noqa: E402,F401
from . import experimental, image, io, saved_model, signal, train, types  # noqa: E402,F401,I001
from . import __internal__  # noqa: E402,F401,I001
from ._compat import install_name_finder as _install_name_finder  # noqa: E402

_install_name_finder()  # tfshim.python.X: TF's private modules under tfshim's own name

globals().update(_api.namespace(""))  # and the top-level names those packages export (OptionalSpec)


def __getattr__(name):
    # tf.keras is Keras 3, loaded on first access (as TF's KerasLazyLoader).
    if name == "keras":
        from ._lazy_loader import keras

        return keras()
    raise AttributeError(f"module 'tfshim' has no attribute {name!r}")
