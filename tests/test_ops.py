"""Ops against NumPy: tables of op records expanded over shapes x dtypes (values, dtype, shape),
then TF's errors for bad dtypes, shapes and indices.

A record names the tf function, a NumPy reference, the dtypes TF's op-def allows, and the
shapes to try; inputs are drawn from the record's domain with a fixed seed.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

import numpy as np
import pytest
from testing import (
    BF16,
    C64,
    C128,
    COMPLEX,
    F16,
    F32,
    F64,
    FLOATS,
    I8,
    I16,
    I32,
    I64,
    INTS,
    SIGNED,
    U8,
    U16,
    U32,
    check,
    check_function_matches_eager,
    compute_dtype,
    draw,
    np_sigmoid,
)
from testing import name as _name

import tfshim as tf

SHAPES_1 = [(2, 3), (), (0, 2)]
SHAPES_2 = [((2, 3), (3,)), ((2, 1), (1, 3)), ((), (2, 2)), ((0, 1), (3,))]


class Rec(NamedTuple):
    name: str
    fn: Callable
    ref: Callable
    dtypes: list
    domain: str = "any"
    out: Callable | None = None  # the output dtype from the input dtype, when it differs


UNARY = [
    Rec("negative", tf.negative, np.negative, FLOATS + SIGNED + COMPLEX),
    Rec("math.negative", tf.math.negative, np.negative, [F32, I32]),
    Rec("abs", tf.abs, np.abs, FLOATS + SIGNED + COMPLEX,
        out=lambda d: {C64: F32, C128: F64}.get(d, d)),
    Rec("square", tf.square, np.square, FLOATS + INTS + COMPLEX, "small"),
    Rec("sqrt", tf.sqrt, np.sqrt, FLOATS + COMPLEX, "pos"),
    Rec("exp", tf.exp, np.exp, FLOATS + COMPLEX),
    Rec("log", tf.math.log, np.log, FLOATS + COMPLEX, "pos"),
    Rec("sin", tf.sin, np.sin, FLOATS + COMPLEX),
    Rec("cos", tf.cos, np.cos, FLOATS + COMPLEX),
    Rec("tanh", tf.tanh, np.tanh, FLOATS + COMPLEX),
    Rec("nn.tanh", tf.nn.tanh, np.tanh, [F32]),
    Rec("sigmoid", tf.sigmoid, np_sigmoid, FLOATS + COMPLEX),
    Rec("math.sigmoid", tf.math.sigmoid, np_sigmoid, [F64]),
    Rec("identity", tf.identity, lambda x: x, [F32, I64, np.bool_, C64]),
    Rec("stop_gradient", tf.stop_gradient, lambda x: x, [F32, I32]),
    Rec("operator -x", lambda x: -x, np.negative, [F32, I32]),
    Rec("operator abs(x)", lambda x: abs(x), np.abs, [F64, I16]),
]


def _truediv_out(d):
    if np.issubdtype(d, np.integer):
        return F32 if np.dtype(d).itemsize <= 2 else F64
    return d


def _truediv_ref(x, y):
    out = _truediv_out(x.dtype.type)
    return x.astype(out) / y.astype(out)


BINARY = [
    Rec("add", tf.add, np.add, FLOATS + INTS + COMPLEX),
    Rec("subtract", tf.subtract, np.subtract, FLOATS + INTS + COMPLEX),
    Rec("multiply", tf.multiply, np.multiply, FLOATS + INTS + COMPLEX),
    Rec("maximum", tf.maximum, np.maximum, FLOATS + INTS),
    Rec("minimum", tf.minimum, np.minimum, FLOATS + INTS),
    Rec("pow", tf.pow, np.power, FLOATS + SIGNED + COMPLEX, "small"),
    Rec("floordiv", tf.math.floordiv, np.floor_divide, FLOATS + INTS, "pos"),
    Rec("floormod", tf.math.floormod, np.remainder, FLOATS + INTS, "pos"),
    Rec("math.mod", tf.math.mod, np.remainder, [F32, I32], "pos"),
    Rec("truediv", tf.truediv, _truediv_ref, FLOATS + INTS + COMPLEX, "pos", _truediv_out),
    Rec("divide", tf.divide, _truediv_ref, [F32, I8, I32, C128], "pos", _truediv_out),
    Rec("math.add", tf.math.add, np.add, [F64, I64]),
    Rec("operator +", lambda x, y: x + y, np.add, [F32, I32, U8]),
    Rec("operator -", lambda x, y: x - y, np.subtract, [F32, I64]),
    Rec("operator *", lambda x, y: x * y, np.multiply, [F16, I32]),
    Rec("operator /", lambda x, y: x / y, _truediv_ref, [F32, I16, I64], "pos", _truediv_out),
    Rec("operator //", lambda x, y: x // y, np.floor_divide, [F64, I32], "pos"),
    Rec("operator %", lambda x, y: x % y, np.remainder, [F32, I8], "pos"),
    Rec("operator **", lambda x, y: x ** y, np.power, [F32, I32], "small"),
]

COMPARE = [
    Rec("equal", tf.equal, np.equal, FLOATS + INTS + COMPLEX + [np.bool_]),
    Rec("not_equal", tf.not_equal, np.not_equal, [F32, I32, C64, np.bool_]),
    Rec("less", tf.less, np.less, FLOATS + INTS),
    Rec("less_equal", tf.less_equal, np.less_equal, [F32, I64, U8]),
    Rec("greater", tf.greater, np.greater, [F64, I8, U16]),
    Rec("greater_equal", tf.greater_equal, np.greater_equal, [BF16, I32]),
    Rec("operator <", lambda x, y: x < y, np.less, [F32, I32]),
    Rec("operator >=", lambda x, y: x >= y, np.greater_equal, [F32]),
    Rec("operator ==", lambda x, y: x == y, np.equal, [F32, I32]),
    Rec("operator !=", lambda x, y: x != y, np.not_equal, [I64]),
    Rec("logical_and", tf.logical_and, np.logical_and, [np.bool_]),
    Rec("logical_or", tf.logical_or, np.logical_or, [np.bool_]),
    Rec("math.logical_xor", tf.math.logical_xor, np.logical_xor, [np.bool_]),
    Rec("operator &", lambda x, y: x & y, np.bitwise_and, [np.bool_, I32, U8]),
    Rec("operator |", lambda x, y: x | y, np.bitwise_or, [np.bool_, I64]),
    Rec("operator ^", lambda x, y: x ^ y, np.bitwise_xor, [np.bool_, I16]),
]


def _cases(records, shapes):
    """Every dtype of a record at the first shape, its first two dtypes at the others (JAX
    compiles per shape and dtype: the full product would be slow and adds little)."""
    return [pytest.param(r, s, d, id="%s-%s-%s" % (r.name, s, _name(d)))
            for r in records for i, s in enumerate(shapes)
            for d in (r.dtypes if i == 0 else r.dtypes[:2])]


@pytest.mark.parametrize("rec,shape,dtype", _cases(UNARY, SHAPES_1))
def test_unary(rec, shape, dtype):
    x = draw(np.random.default_rng(0), shape, dtype, rec.domain)
    want = np.asarray(rec.ref(x.astype(compute_dtype(dtype))))
    want = want.astype((rec.out or (lambda d: d))(dtype))
    check(rec.fn(tf.constant(x)), want, dtype)


@pytest.mark.parametrize("rec,shapes,dtype", _cases(BINARY, SHAPES_2))
def test_binary(rec, shapes, dtype):
    rng = np.random.default_rng(1)
    x, y = (draw(rng, s, dtype, rec.domain) for s in shapes)
    c = compute_dtype(dtype)
    want = np.asarray(rec.ref(x.astype(c), y.astype(c)))
    want = want.astype((rec.out or (lambda d: d))(dtype))
    check(rec.fn(tf.constant(x), tf.constant(y)), want, dtype)


@pytest.mark.parametrize("rec,shapes,dtype", _cases(COMPARE, SHAPES_2))
def test_compare_and_logical(rec, shapes, dtype):
    rng = np.random.default_rng(2)
    if dtype is np.bool_:
        x, y = (rng.integers(0, 2, size=s).astype(bool) for s in shapes)
    else:
        x, y = (draw(rng, s, dtype, "small") for s in shapes)
    check(rec.fn(tf.constant(x), tf.constant(y)), rec.ref(x, y), dtype)



# -- every row of the tables above inside tf.function: eager's values, dtypes and shapes ---------
def _ids(records):
    return [r.name for r in records]


@pytest.mark.parametrize("rec", UNARY, ids=_ids(UNARY))
def test_unary_in_tf_function(rec):
    rng = np.random.default_rng(0)
    for dtype in rec.dtypes:
        check_function_matches_eager(rec.fn, tf.constant(draw(rng, (2, 3), dtype, rec.domain)),
                                     tol_dtype=dtype)


@pytest.mark.parametrize("rec", BINARY + COMPARE, ids=_ids(BINARY + COMPARE))
def test_binary_in_tf_function(rec):
    rng = np.random.default_rng(1)
    domain = "small" if rec in COMPARE else rec.domain
    for dtype in rec.dtypes:
        x, y = (tf.constant(draw(rng, s, dtype, domain)) for s in ((2, 3), (3,)))
        check_function_matches_eager(rec.fn, x, y, tol_dtype=dtype)


def test_logical_not_and_invert():
    b = np.array([True, False])
    check(tf.logical_not(b), ~b, np.bool_)
    check(~tf.constant(b), ~b, np.bool_)
    check(~tf.constant([0, 5], tf.uint8), np.array([255, 250], np.uint8), U8)
    check(~tf.constant([0, 5]), np.array([-1, -6], np.int32), I32)


# -- reductions ------------------------------------------------------------------------------
def _mean_ref(x, axis, keepdims):
    if np.issubdtype(x.dtype, np.integer):  # TF's integer mean truncates toward zero
        s = np.sum(x.astype(np.int64), axis=axis, keepdims=keepdims)
        n = x.size // max(np.size(s), 1)
        return np.trunc(s / n).astype(x.dtype)
    return np.mean(x, axis=axis, keepdims=keepdims)


REDUCTIONS = [
    Rec("reduce_sum", tf.reduce_sum, np.sum, [F16, F32, F64, I32, I64, U8, C64]),
    Rec("reduce_prod", tf.reduce_prod, np.prod, [F32, F64, I32, C128], "small"),
    Rec("reduce_mean", tf.reduce_mean, _mean_ref, [F16, BF16, F32, F64, I8, I32, U8, C64]),
    Rec("reduce_max", tf.reduce_max, np.max, [BF16, F32, F64, I32, I64, U16]),
    Rec("reduce_min", tf.reduce_min, np.min, [F32, I8, U32]),
    Rec("math.reduce_sum", tf.math.reduce_sum, np.sum, [F64]),
]
AXES = [(None, False), (0, True), (-1, False), ([0, 1], True), ((1,), False), ([], False)]


@pytest.mark.parametrize("rec,shape,dtype", _cases(REDUCTIONS, [(2, 3)]))
@pytest.mark.parametrize("axis,keepdims", AXES, ids=str)
def test_reductions(rec, shape, dtype, axis, keepdims):
    x = draw(np.random.default_rng(3), shape, dtype, rec.domain)
    np_axis = tuple(axis) if isinstance(axis, list) else axis  # [] reduces nothing
    want = np.asarray(rec.ref(x.astype(compute_dtype(dtype)), axis=np_axis, keepdims=keepdims))
    check(rec.fn(tf.constant(x), axis, keepdims=keepdims), want.astype(dtype), dtype)



@pytest.mark.parametrize("rec", REDUCTIONS, ids=_ids(REDUCTIONS))
def test_reductions_in_tf_function(rec):
    """Each dtype with one axis, each axis form with the first dtype."""
    rng = np.random.default_rng(3)
    cases = [(d, 0, True) for d in rec.dtypes] + [(rec.dtypes[0], a, k) for a, k in AXES]
    for dtype, axis, keepdims in cases:
        check_function_matches_eager(lambda x, a=axis, k=keepdims: rec.fn(x, a, keepdims=k),
                                     tf.constant(draw(rng, (2, 3), dtype, rec.domain)),
                                     tol_dtype=dtype)


def test_reductions_of_empty_tensors_give_tf_identities():
    e = tf.zeros([0, 3])
    assert float(tf.reduce_sum(e)) == 0 and float(tf.reduce_prod(e)) == 1
    assert np.isnan(float(tf.reduce_mean(e)))
    assert float(tf.reduce_max(e)) == -np.inf and float(tf.reduce_min(e)) == np.inf
    assert int(tf.reduce_max(tf.zeros([0], tf.int32))) == np.iinfo(np.int32).min
    assert int(tf.reduce_min(tf.zeros([0], tf.uint8))) == 255
    assert int(tf.reduce_mean(tf.zeros([0], tf.int32))) == 0
    assert tf.reduce_max(e, 1).shape == [0]


def test_integer_mean_accumulates_wide_and_truncates():
    # TF sums in 64 bits: no int32 overflow; the quotient truncates toward zero.
    assert int(tf.reduce_mean(tf.constant([2**31 - 1, 2**31 - 1]))) == 2**31 - 1
    assert int(tf.reduce_mean(tf.constant([100, 100, 100], tf.int8))) == 100
    assert int(tf.reduce_mean(tf.constant([-7, 0]))) == -3


def test_half_mean_divides_in_float32():
    got = tf.reduce_mean(tf.constant([1.0, 2.0, 4.0], tf.float16))
    assert got.dtype == tf.float16 and got.numpy() == np.float16(7 / 3)


@pytest.mark.parametrize("axis,message", [
    (2, "Invalid reduction dimension (2 for input with 2 dimension(s) [Op:Sum] name: "),
    (-3, "Invalid reduction dimension (-3 for input with 2 dimension(s) [Op:Sum] name: "),
    ([0, 0], "Invalid reduction arguments: Axes contains duplicate dimension: 0 [Op:Sum]"),
])
def test_reduction_axis_errors(axis, message):
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.reduce_sum(tf.ones([2, 2]), axis)
    assert str(e.value).endswith(message)


def test_reduction_of_scalar_has_no_axis_zero():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\(0 for input with 0 dim"):
        tf.reduce_sum(5.0, 0)


# -- matmul ----------------------------------------------------------------------------------
def _t(x):
    return np.swapaxes(x, -1, -2)


MATMUL_SHAPES = [((2, 3), (3, 4), {}), ((3, 2), (3, 4), {"transpose_a": True}),
                 ((2, 3), (4, 3), {"transpose_b": True}), ((3, 2), (4, 3), {"adjoint_a": True,
                                                                            "adjoint_b": True}),
                 ((2, 2, 3), (3, 4), {}), ((2, 1, 2, 3), (3, 3, 2), {"transpose_a": True}),
                 ((0, 3), (3, 2), {})]


@pytest.mark.parametrize("a_shape,b_shape,flags", MATMUL_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [F32, F64, I32, I64, C64, C128], ids=_name)
def test_matmul(a_shape, b_shape, flags, dtype):
    if "transpose_a" in flags and len(a_shape) > 2:
        a_shape = a_shape[:-2] + a_shape[:-3:-1]
    rng = np.random.default_rng(4)
    a, b = draw(rng, a_shape, dtype, "any"), draw(rng, b_shape, dtype, "any")
    ra = np.conj(_t(a)) if flags.get("adjoint_a") else _t(a) if flags.get("transpose_a") else a
    rb = np.conj(_t(b)) if flags.get("adjoint_b") else _t(b) if flags.get("transpose_b") else b
    check(tf.matmul(tf.constant(a), tf.constant(b), **flags), np.matmul(ra, rb), dtype)



@pytest.mark.parametrize("a_shape,b_shape,flags", MATMUL_SHAPES, ids=str)
def test_matmul_in_tf_function(a_shape, b_shape, flags):
    if "transpose_a" in flags and len(a_shape) > 2:
        a_shape = a_shape[:-2] + a_shape[:-3:-1]
    rng = np.random.default_rng(4)
    for dtype in [F32, F64, I32, I64, C64, C128]:
        a, b = (tf.constant(draw(rng, s, dtype, "any")) for s in (a_shape, b_shape))
        check_function_matches_eager(lambda x, y: tf.matmul(x, y, **flags), a, b,
                                     tol_dtype=dtype)


def test_matmul_operator_and_python_lists():
    a = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
    check(tf.constant(a) @ tf.constant(a), a @ a, F32)
    check(tf.matmul([[1, 2]], [[3], [4]]), np.array([[11]], np.int32), I32)


# -- creation ---------------------------------------------------------------------------------
CREATION = [
    (lambda: tf.zeros([2, 3]), np.zeros([2, 3], F32)),
    (lambda: tf.zeros((), tf.int64), np.zeros((), I64)),
    (lambda: tf.ones(3, tf.bool), np.ones(3, bool)),
    (lambda: tf.ones(tf.constant([2, 1]), tf.complex64), np.ones([2, 1], C64)),
    (lambda: tf.zeros_like(tf.constant([[1, 2]])), np.zeros([1, 2], I32)),
    (lambda: tf.ones_like([1.5, 2.5]), np.ones(2, F32)),
    (lambda: tf.ones_like(tf.constant([1, 2]), dtype=tf.float64), np.ones(2, F64)),
    (lambda: tf.fill([2, 2], 7), np.full([2, 2], 7, I32)),
    (lambda: tf.fill([3], tf.constant(2.5, tf.float64)), np.full(3, 2.5)),
    (lambda: tf.eye(3), np.eye(3, dtype=F32)),
    (lambda: tf.eye(2, 3, dtype=tf.int32), np.eye(2, 3, dtype=I32)),
    (lambda: tf.eye(2, batch_shape=[3]), np.broadcast_to(np.eye(2, dtype=F32), (3, 2, 2))),
    (lambda: tf.range(5), np.arange(5, dtype=I32)),
    (lambda: tf.range(1, 10, 3), np.arange(1, 10, 3, dtype=I32)),
    (lambda: tf.range(5, 0, -2), np.arange(5, 0, -2, dtype=I32)),
    (lambda: tf.range(0.5, 2.0, 0.5), np.arange(0.5, 2.0, 0.5, dtype=F32)),
    (lambda: tf.range(3, dtype=tf.float64), np.arange(3, dtype=F64)),
    (lambda: tf.range(tf.constant(2, tf.int64), 5), np.arange(2, 5, dtype=I64)),
    (lambda: tf.linspace(0.0, 1.0, 5), np.linspace(0, 1, 5, dtype=F32)),
    (lambda: tf.linspace(1, 3, 3), np.linspace(1, 3, 3)),
    (lambda: tf.linspace([0.0, 1.0], 2.0, 3, axis=1), np.linspace([0, 1], 2, 3, axis=1,
                                                                  dtype=F32)),
    (lambda: tf.cast([1.7, -1.7], tf.int32), np.array([1, -1], I32)),
    (lambda: tf.cast([1, 0, 2], tf.bool), np.array([True, False, True])),
    (lambda: tf.cast(tf.constant([1.5], tf.float64), tf.float16), np.array([1.5], F16)),
    (lambda: tf.cast(3, tf.complex128), np.array(3 + 0j)),
]


@pytest.mark.parametrize("make,want", CREATION, ids=range(len(CREATION)))
def test_creation(make, want):
    check(make(), want, want.dtype.type)



def _rows(table):
    """A table's rows as params, numbered."""
    return [pytest.param(*row, id=str(i)) for i, row in enumerate(table)]


# 3: tf.ones(tf.constant(...)) (a shape tensor); 17: tf.range(tf.constant(...), 5) (a bound).
@pytest.mark.parametrize("make,want", _rows(CREATION))
def test_creation_in_tf_function(make, want):
    check_function_matches_eager(make)


def test_range_computes_start_plus_i_delta_in_its_dtype():
    # TF's Range: element i is start + i * delta rounded to float32 (not a running sum).
    got = tf.range(0.5, 20.5, 0.7).numpy()
    want = np.float32(0.5) + np.arange(29, dtype=F32) * np.float32(0.7)
    assert got.dtype == F32
    np.testing.assert_array_equal(got, want)
    assert tf.range(0.0, 10.0, 0.1).numpy()[-1] == np.float32(9.90000057220459)


def test_cast_float_to_int_follows_tf_cpu_conversion():
    x = tf.constant([-1.7, 300.0, 1e10, np.nan, np.inf, 70000.0, 3e9])
    assert tf.cast(x, tf.int32).numpy().tolist() == [-1, 300] + [-2**31] * 3 + [70000, -2**31]
    assert tf.cast(x, tf.uint8).numpy().tolist() == [255, 44, 0, 0, 0, 112, 0]
    # Beyond uint32's range TF's result depends on its kernel's vectorization: not tested.
    u = tf.cast(tf.constant([-1.7, 300.0, 70000.0, 3e9]), tf.uint32)
    assert u.numpy().tolist() == [2**32 - 1, 300, 70000, 3000000000]
    assert tf.cast(x, tf.int64).numpy().tolist()[:3] == [-1, 300, 10**10]


def test_cast_complex_keeps_real_part():
    c = tf.constant([1 + 2j, 0j, 1j])
    assert tf.cast(c, tf.bool).numpy().tolist() == [True, False, False]
    assert tf.cast(c, tf.float32).numpy().tolist() == [1.0, 0.0, 0.0]


def test_cast_returns_its_input_for_the_same_dtype():
    x = tf.constant([1.0])
    v = tf.Variable(1.0)
    assert tf.cast(x, tf.float32) is x and tf.cast(v, tf.float32) is v


# -- shapes ----------------------------------------------------------------------------------
SHAPE_OPS = [
    (lambda x: tf.reshape(x, [3, 2]), lambda x: x.reshape(3, 2)),
    (lambda x: tf.reshape(x, [-1]), lambda x: x.reshape(-1)),
    (lambda x: tf.reshape(x, (1, -1, 2)), lambda x: x.reshape(1, -1, 2)),
    (lambda x: tf.transpose(x), lambda x: x.T),
    (lambda x: tf.transpose(x, [1, 0]), lambda x: x.T),
    (lambda x: tf.expand_dims(x, 0), lambda x: x[None]),
    (lambda x: tf.expand_dims(x, -1), lambda x: x[..., None]),
    (lambda x: tf.squeeze(tf.expand_dims(x, 1), 1), lambda x: x),
    (lambda x: tf.squeeze(x[None, :, None]), lambda x: x),
    (lambda x: tf.concat([x, x], 0), lambda x: np.concatenate([x, x], 0)),
    (lambda x: tf.concat([x, x[:, :1]], -1), lambda x: np.concatenate([x, x[:, :1]], -1)),
    (lambda x: tf.stack([x, x]), lambda x: np.stack([x, x])),
    (lambda x: tf.stack([x, x], axis=-1), lambda x: np.stack([x, x], -1)),
    (lambda x: x[1], lambda x: x[1]),
    (lambda x: x[:, ::-2], lambda x: x[:, ::-2]),
    (lambda x: x[..., 1:, None], lambda x: x[..., 1:, None]),
    (lambda x: x[-1, -1], lambda x: x[-1, -1]),
    (lambda x: x[tf.constant(1), 1:5], lambda x: x[1, 1:5]),
    (lambda x: x[[0, 1]], lambda x: x[0, 1]),  # TF reads a list like a tuple
]


@pytest.mark.parametrize("op,ref", SHAPE_OPS, ids=range(len(SHAPE_OPS)))
@pytest.mark.parametrize("dtype", [F32, I64, np.bool_, C64], ids=_name)
def test_shape_ops(op, ref, dtype):
    x = (np.arange(6) % 3).astype(dtype).reshape(2, 3)
    check(op(tf.constant(x)), ref(x), dtype)



# 17: x[tf.constant(1), 1:5] (an index tensor).
@pytest.mark.parametrize("op,ref", _rows(SHAPE_OPS))
def test_shape_ops_in_tf_function(op, ref):
    for dtype in [F32, I64, np.bool_, C64]:
        check_function_matches_eager(op, tf.constant((np.arange(6) % 3).astype(dtype)
                                                     .reshape(2, 3)))


def test_shape_rank_size():
    x = tf.zeros([2, 3, 0])
    check(tf.shape(x), np.array([2, 3, 0], I32), I32)
    check(tf.shape(x, out_type=tf.int64), np.array([2, 3, 0], I64), I64)
    check(tf.rank(x), np.array(3, I32), I32)
    check(tf.size(tf.ones([2, 3])), np.array(6, I32), I32)
    check(tf.size([[1, 2]], out_type=tf.int64), np.array(2, I64), I64)
    check(tf.shape(5.0), np.zeros(0, I32), I32)


# -- errors ----------------------------------------------------------------------------------
def _raises(cls, fn, text):
    with pytest.raises(cls) as e:
        fn()
    assert str(e.value).splitlines()[0] == text, str(e.value)


K = "{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} %s"


@pytest.mark.parametrize("fn,op_type,dtype,allowed", [
    (tf.sqrt, "Sqrt", tf.int32, "bfloat16, half, float, double, complex64, complex128"),
    (tf.abs, "Abs", tf.uint8, "bfloat16, half, float, double, int8, int16, int32, int64"),
    (tf.negative, "Neg", tf.uint32,
     "bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128"),
    (lambda x: tf.add(x, x), "AddV2", tf.bool, "bfloat16, half, float, double, uint8, uint16, "
     "uint32, uint64, int8, int16, int32, int64, complex64, complex128"),
    (lambda x: tf.pow(x, x), "Pow", tf.uint8,
     "bfloat16, float, half, double, int8, int16, int32, int64, complex64, complex128"),
    (lambda x: tf.maximum(x, x), "Maximum", tf.complex64, "bfloat16, half, float, double, "
     "int8, uint8, int16, uint16, int32, uint32, int64, uint64"),
    (lambda x: tf.less(x, x), "Less", tf.bool, "float, double, int32, uint8, int16, int8, "
     "int64, bfloat16, uint16, half, uint32, uint64"),
    (lambda x: tf.math.floormod(x, x), "FloorMod", tf.complex128, "int8, int16, int32, int64, "
     "uint8, uint16, uint32, uint64, bfloat16, half, float, double"),
    (tf.reduce_max, "Max", tf.bool, "float, double, int32, uint8, int16, int8, int64, bfloat16, "
     "uint16, half, uint32, uint64, qint8, quint8, qint32, qint16, quint16"),
    (lambda x: tf.matmul(x, x), "MatMul", tf.int8, "bfloat16, half, float, double, int32, "
     "int64, uint8, uint16, uint32, uint64, complex64, complex128"),
])
def test_dtype_not_allowed(fn, op_type, dtype, allowed):
    x = tf.zeros([2, 2], dtype) if dtype is not tf.bool else tf.constant([[True]])
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        fn(x)
    name = {tf.float32: "float", tf.float64: "double"}.get(dtype, dtype.name)
    lines = str(e.value).splitlines()
    assert lines[0] == ("Value for attr 'T' of %s is not in the list of allowed values: %s"
                        % (name, allowed))
    assert lines[-1].endswith("[Op:%s] name: " % op_type)


def test_dtype_errors_for_string_and_bool_operands():
    _raises(TypeError, lambda: tf.constant(True) / True, "Invalid dtype tf.bool in __truediv__. "
            "Expected one of {tf.uint8, tf.int8, tf.uint16, tf.int16, tf.uint32, tf.int32, "
            "tf.uint64, tf.int64, tf.bfloat16, tf.float16, tf.float32, tf.float64, "
            "tf.complex64, tf.complex128}.")
    _raises(tf.errors.UnimplementedError, lambda: tf.cast("1", tf.int32),
            K % ("Cast", "Cast string to int32 is not supported [Op:Cast] name: "))
    _raises(tf.errors.InvalidArgumentError, lambda: tf.logical_or(tf.constant([1.0]), True),
            "cannot compute LogicalOr as input #0(zero-based) was expected to be a bool tensor "
            "but is a float tensor [Op:LogicalOr] name: ")
    _raises(TypeError, lambda: tf.logical_and(1, 2),
            "Cannot convert 1 to EagerTensor of dtype bool")


@pytest.mark.parametrize("fn,text", [
    (lambda: tf.add(tf.ones([2]), tf.ones([3])),
     K % ("AddV2", "Incompatible shapes: [2] vs. [3] [Op:AddV2] name: ")),
    (lambda: tf.ones([2, 3]) * tf.ones([3, 2]),
     K % ("Mul", "Incompatible shapes: [2,3] vs. [3,2] [Op:Mul] name: ")),
    (lambda: tf.equal(tf.ones([2]), tf.ones([3])),
     K % ("Equal", "Incompatible shapes: [2] vs. [3] [Op:Equal] name: ")),
    (lambda: tf.reshape(tf.ones([6]), [4, 2]), K % ("Reshape", "Input to reshape is a tensor "
                                                    "with 6 values, but the requested shape "
                                                    "has 8 [Op:Reshape]")),
    (lambda: tf.reshape(tf.ones([6]), [-1, 4]), K % ("Reshape", "Input to reshape is a tensor "
                                                     "with 6 values, but the requested shape "
                                                     "requires a multiple of 4 [Op:Reshape]")),
    (lambda: tf.reshape(tf.ones([6]), [-1, -1]), K % ("Reshape", "Only one input size may be "
                                                      "-1, not both 0 and 1 [Op:Reshape]")),
    (lambda: tf.transpose(tf.ones([2, 3]), [0, 0]),
     K % ("Transpose", "1 is missing from {0,0}. [Op:Transpose]")),
    (lambda: tf.expand_dims(tf.ones([2]), 2), K % ("ExpandDims", "Tried to expand dim index 2 "
                                                   "for tensor with 1 dimensions. [Op:ExpandDims]"
                                                   " name: ")),
    (lambda: tf.squeeze(tf.ones([1, 2]), 1), K % ("Squeeze", "Can not squeeze dim[1], expected "
                                                  "a dimension of 1, got 2 [Op:Squeeze] name: ")),
    (lambda: tf.concat([tf.ones([1, 2]), tf.ones([2, 3])], 0),
     K % ("ConcatV2_N_2", "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = "
          "[1,2] vs. shape[1] = [2,3] [Op:ConcatV2] name: concat")),
    (lambda: tf.stack([tf.ones([1]), tf.ones([2])]),
     K % ("Pack_N_2", "Shapes of all inputs must match: values[0].shape = [1] != values[1]."
          "shape = [2] [Op:Pack] name: stack")),
    (lambda: tf.matmul(tf.ones([2, 3]), tf.ones([2, 3])),
     K % ("__MklMatMul", "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul] "
          "name: ")),
    (lambda: tf.zeros([-1]), K % ("Fill", "Dimension -1 must be >= 0 [Op:Fill] name: ")),
    (lambda: tf.range(0, 5, -1), K % ("Range", "Requires start >= limit when delta < 0: 0/5 "
                                      "[Op:Range] name: ")),
    (lambda: tf.math.floordiv(tf.constant([1]), 0),
     K % ("FloorDiv", "Integer division by zero [Op:FloorDiv] name: ")),
    (lambda: tf.pow(2, -1), K % ("Pow", "Integers to negative integer powers are not allowed "
                                 "[Op:Pow] name: ")),
])
def test_shape_and_value_errors(fn, text):
    _raises(tf.errors.InvalidArgumentError, fn, text)


# TF's eager fast path takes tensors, NumPy arrays and Python numbers as they are, and its kernel
# errors end in " name: "; a Python list sends the call down TF's Python path, whose errors end
# at the [Op:...] tag. A wrapper that converts first (multiply_no_nan) always takes the fast path.
@pytest.mark.parametrize("fn,text", [
    (lambda: tf.reshape(tf.ones([6]), tf.constant([4, 2])), K % (
        "Reshape", "Input to reshape is a tensor with 6 values, but the requested shape has 8 "
        "[Op:Reshape] name: ")),
    (lambda: tf.roll(tf.ones([3]), 1, 3), K % ("Roll", "axis 3 is out of range [Op:Roll] name: ")),
    (lambda: tf.roll(tf.ones([3]), [1], [3]), K % ("Roll", "axis 3 is out of range [Op:Roll]")),
    (lambda: tf.subtract(tf.ones([3]), [1.0, 2.0]),
     K % ("Sub", "Incompatible shapes: [3] vs. [2] [Op:Sub]")),
    (lambda: tf.subtract(tf.ones([3]), np.ones([2], np.float32)),
     K % ("Sub", "Incompatible shapes: [3] vs. [2] [Op:Sub] name: ")),
    (lambda: tf.math.multiply_no_nan(tf.ones([3]), [1.0, 2.0]),
     K % ("MulNoNan", "Incompatible shapes: [3] vs. [2] [Op:MulNoNan] name: ")),
    (lambda: tf.gather_nd([1.0, 2.0], 1),
     K % ("GatherNd", "indices must be at least a vector [Op:GatherNd]")),
    (lambda: tf.gather_nd(tf.ones([2]), tf.constant(1)),
     K % ("GatherNd", "indices must be at least a vector [Op:GatherNd] name: ")),
    (lambda: tf.reduce_sum(tf.ones([2]), [3]),
     K % ("Sum", "Invalid reduction dimension (3 for input with 1 dimension(s) [Op:Sum]")),
    (lambda: tf.reduce_sum(tf.ones([2]), tf.constant(3)),
     K % ("Sum", "Invalid reduction dimension (3 for input with 1 dimension(s) [Op:Sum] name: ")),
    # TF's cumsum converts x, not axis; add_n converts its inputs; unique and scatter_nd hand
    # theirs to the raw op as given.
    (lambda: tf.cumsum([1, 2], axis=1), K % (
        "Cumsum", "ScanOp: Expected scan axis in the range [-1, 1), but got 1 [Op:Cumsum] name: ")),
    (lambda: tf.add_n([1, [1, 2]]), K % (
        "AddN_N_2", "Inputs to operation AddN of type AddN must have the same size and shape.  "
        "Input 0: [] != input 1: [2] [Op:AddN] name: ")),
    (lambda: tf.unique([[1, 2]]), K % ("Unique", "unique expects a 1D vector. [Op:Unique]")),
    (lambda: tf.unique(tf.constant([[1, 2]])),
     K % ("Unique", "unique expects a 1D vector. [Op:Unique] name: ")),
    (lambda: tf.scatter_nd(tf.constant([[5]]), tf.constant([1]), tf.constant([3])), K % (
        "ScatterNd", "indices[0] = [5] does not index into shape [3] [Op:ScatterNd] name: ")),
    (lambda: tf.strided_slice(tf.constant([[1, 2]]), tf.constant([0, 0, 0]),
                              tf.constant([1, 1, 1])), K % (
        "StridedSlice", "Index out of range using input dim 2; input has only 2 dims "
        "[Op:StridedSlice] name: ")),
    (lambda: tf.strided_slice([[1, 2]], [0, 0, 0], [1, 1, 1]), K % (
        "StridedSlice", "Index out of range using input dim 2; input has only 2 dims "
        "[Op:StridedSlice]")),
    # The seed reaches StatelessRandomGetKeyCounter as given; the sampler's kernel takes the
    # key and counter tensors made of it.
    (lambda: tf.random.stateless_uniform([2], [1, 2, 3]), K % (
        "StatelessRandomGetKeyCounter", "seed must have shape [2], not [3] "
        "[Op:StatelessRandomGetKeyCounter]")),
    (lambda: tf.random.stateless_uniform([2], [1, 2], minval=2, maxval=2, dtype=tf.int32), K % (
        "StatelessRandomUniformIntV2", "Need minval < maxval, got 2 >= 2 "
        "[Op:StatelessRandomUniformIntV2] name: ")),
    # A composite's inner op (tf.norm's Sum) ends as TF hands it its inputs: a list of axes.
    (lambda: tf.norm(tf.ones([2, 3]), axis=2), K % (
        "Sum", "Invalid reduction dimension (2 for input with 2 dimension(s) [Op:Sum]")),
])
def test_kernel_errors_end_as_tfs_eager_path_ends_them(fn, text):
    _raises(tf.errors.InvalidArgumentError, fn, text)


@pytest.mark.parametrize("key,cls,text", [
    (3, tf.errors.InvalidArgumentError,
     K % ("StridedSlice", "slice index 3 of dimension 0 out of bounds. [Op:StridedSlice] name: "
          "strided_slice/")),
    ((0, -5), tf.errors.InvalidArgumentError,
     K % ("StridedSlice", "slice index -1 of dimension 1 out of bounds. [Op:StridedSlice] name: "
          "strided_slice/")),
    ((0, 0, 0), tf.errors.InvalidArgumentError,
     K % ("StridedSlice", "Index out of range using input dim 2; input has only 2 dims "
          "[Op:StridedSlice] name: strided_slice/")),
    (slice(None, None, 0), tf.errors.InvalidArgumentError,
     K % ("StridedSlice", "strides[0] must be non-zero [Op:StridedSlice] name: strided_slice/")),
    ((Ellipsis, Ellipsis), tf.errors.InvalidArgumentError,
     K % ("StridedSlice", "Multiple ellipses in slice spec not allowed [Op:StridedSlice] name: "
          "strided_slice/")),
    (1.5, TypeError, "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
     "scalar tf.int32/tf.int64 tensors are valid indices, got 1.5"),
    ("a", TypeError, "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
     "scalar tf.int32/tf.int64 tensors are valid indices, got 'a'"),
    (True, ValueError, "mask cannot be scalar."),
])
def test_index_errors(key, cls, text):
    _raises(cls, lambda: tf.reshape(tf.range(12), [3, 4])[key], text)


@pytest.mark.parametrize("fn,text", [
    (lambda: tf.math.floordiv(tf.constant([1 + 1j]), 1j),
     "Could not find device for node: {{node FloorDiv}} = FloorDiv[T=DT_COMPLEX128]"),
    (lambda: tf.matmul(tf.ones([2, 2], tf.uint8), tf.ones([2, 2], tf.uint8)),
     "Could not find device for node: {{node MatMul}} = MatMul[T=DT_UINT8, grad_a=false, "
     "grad_b=false, transpose_a=false, transpose_b=false]"),
    (lambda: tf.range(3, dtype=tf.int8),
     "Could not find device for node: {{node Range}} = Range[Tidx=DT_INT8]"),
])
def test_dtypes_in_the_op_def_without_a_cpu_kernel(fn, text):
    _raises(tf.errors.NotFoundError, fn, text)


def test_is_tensor():
    assert tf.is_tensor(tf.constant(1)) and tf.is_tensor(tf.Variable(1.0))
    assert not tf.is_tensor(1.0) and not tf.is_tensor(np.ones(2))


def test_index_with_a_vector_tensor_is_refused():
    with pytest.raises(TypeError, match="valid indices, got <tf.Tensor: shape=.2,."):
        tf.range(4)[tf.constant([0, 1])]


def test_python_wrapper_errors():
    _raises(ValueError, lambda: tf.stack([tf.ones([2])] * 2, axis=3),
            "Argument `axis` = 3 not in range [-2, 2)")
    _raises(ValueError, lambda: tf.matmul(tf.ones([2, 2]), tf.ones([2, 2]), transpose_b=True,
                                          adjoint_b=True),
            "Only one of `transpose_b` and `adjoint_b` can be True. Received `transpose_b`=True, "
            "`adjoint_b`=True.")
    _raises(TypeError, lambda: tf.eye(2.5), "Arguments `num_rows` and `num_columns` must be "
            "positive integer values. Received: num_rows=2.5, num_columns=2.5")
    _raises(TypeError, lambda: tf.linspace(0.0, 1.0, 2.5), "Argument `tensor` (name: num) must "
            "be of type integer. Received `tensor` = 2.5 of dtype: <dtype: 'float32'>")


def test_string_ops():
    assert tf.add("ab", "cd").numpy() == b"abcd"
    assert (tf.constant(["a", "b"]) + "c").numpy().tolist() == [b"ac", b"bc"]
    assert tf.equal(tf.constant(["a", "b"]), "b").numpy().tolist() == [False, True]
    assert tf.zeros([2], tf.string).numpy().tolist() == [b"", b""]
    assert tf.fill([1, 2], "x").numpy().tolist() == [[b"x", b"x"]]


def test_tensor_eq_of_unbroadcastable_shapes_is_a_scalar():
    a, b = tf.constant([1, 2]), tf.constant([1, 2, 3])
    assert (a == b).numpy().item() is False and (a != b).numpy().item() is True
    assert (a == None) is False and (a != None) is True  # noqa: E711


def test_exported_names_follow_tf2():
    for name in ["floordiv", "floormod", "mod", "log", "lin_space"]:
        assert not hasattr(tf, name), name
    for name in ["floordiv", "floormod", "mod", "log", "logical_xor", "conj", "real"]:
        assert hasattr(tf.math, name), name


def test_matmul_output_type_runs_batch_mat_mul_v3_as_tf():
    # Keras's int8 quantized layers: int8 x int8 -> int32 (TF's BatchMatMulV3), checked with TF.
    a = tf.constant([[1, -2, 3], [4, 5, -6]], tf.int8)
    out = tf.matmul(a, tf.transpose(a), output_type=tf.int32)
    assert out.dtype == tf.int32 and out.numpy().tolist() == [[14, -24], [-24, 77]]
    out = tf.matmul(tf.ones([2, 2, 3], tf.int8), tf.ones([3, 2], tf.uint8), output_type="int32")
    assert out.shape == (2, 2, 2) and out.numpy().max() == 3
    out = tf.matmul(tf.ones([2, 2], tf.int8), a, transpose_a=True, output_type=tf.int32)
    assert out.numpy().tolist() == [[5, 3, -3], [5, 3, -3]]
    big = tf.fill([1, 300], tf.constant(127, tf.int8))
    assert tf.matmul(big, tf.transpose(big), output_type=tf.int32).numpy()[0, 0] == 300 * 127 ** 2
    out = tf.matmul(tf.ones([2, 3], tf.bfloat16), tf.ones([3, 2], tf.int8), output_type="bfloat16")
    assert out.dtype == tf.bfloat16 and out.numpy().tolist() == [[3, 3], [3, 3]]
    assert tf.matmul(tf.ones([2, 3]), tf.ones([3, 2]), output_type=tf.float32).dtype == tf.float32
    with pytest.raises(tf.errors.NotFoundError, match=re.escape(
            "Could not find device for node: {{node BatchMatMulV3}} = BatchMatMulV3[Ta=DT_INT8, "
            "Tb=DT_INT8, Tout=DT_INT64, adj_x=false, adj_y=false, grad_x=false, grad_y=false]\n"
            "All kernels registered for op BatchMatMulV3:\n  device='XLA_CPU_JIT'; Tout in "
            "[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT16, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, "
            "DT_COMPLEX128, DT_HALF]; Tb in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, "
            "DT_INT8, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_COMPLEX128, DT_HALF]; Ta in")):
        tf.matmul(a, tf.transpose(a), output_type=tf.int64)
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "Value for attr 'Tout' of uint8 is not in the list of allowed values: bfloat16, half, "
            "float, double, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{node "
            "BatchMatMulV3}}; Op<name=BatchMatMulV3; signature=x:Ta, y:Tb -> output:Tout; "
            "attr=Ta:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_UINT8, DT_INT8")):
        tf.matmul(a, tf.transpose(a), output_type=tf.uint8)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'Ta' of uint16 "):
        tf.matmul(tf.ones([2, 3], tf.uint16), tf.ones([3, 2], tf.int8), output_type=tf.int32)
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2] [Op:BatchMatMulV3]")):
        tf.matmul(a, tf.ones([4, 2], tf.int8), output_type=tf.int32)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of int8 is not"):
        tf.matmul(a, tf.transpose(a))  # no output_type: MatMul, which has no int8


def test_tensor_shape_converts_to_a_tensor_as_tf():
    assert tf.convert_to_tensor(tf.TensorShape([8, 16])).numpy().tolist() == [8, 16]
    assert tf.convert_to_tensor(tf.TensorShape([8, 16])).dtype == tf.int32
    assert tf.convert_to_tensor(tf.TensorShape([2 ** 31, 3])).dtype == tf.int64
    assert tf.constant(tf.TensorShape([8, 16]), dtype=tf.int64).dtype == tf.int64
    assert tf.convert_to_tensor(tf.TensorShape([])).shape == (0,)
    assert tf.reshape(tf.ones([6]), tf.TensorShape([2, 3])).shape == (2, 3)
    with pytest.raises(ValueError, match=re.escape(
            "Cannot convert a partially known TensorShape (None, 2) to a Tensor.")):
        tf.convert_to_tensor(tf.TensorShape([None, 2]))
    with pytest.raises(ValueError, match="partially known TensorShape <unknown> to a Tensor"):
        tf.convert_to_tensor(tf.TensorShape(None))
    with pytest.raises(TypeError, match=re.escape(
            "Cannot convert TensorShape (2, 3) to dtype <dtype: 'float32'>. Allowed dtypes are "
            "tf.int32 and tf.int64.")):
        tf.convert_to_tensor(tf.TensorShape([2, 3]), dtype=tf.float32)
    with pytest.raises(ValueError, match=re.escape(
            "Cannot convert TensorShape (2147483648, 3) to dtype int32; a dimension is too "
            "large. Consider using tf.int64.")):
        tf.convert_to_tensor(tf.TensorShape([2 ** 31, 3]), dtype=tf.int32)


def test_variable_scatter_methods_as_tf():
    # Keras's optimizers apply tf.IndexedSlices gradients (embeddings) with scatter_add/sub/update.
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    s = tf.IndexedSlices(tf.constant([[1.0, 1.0], [2.0, 2.0]]), tf.constant([0, 0]))
    out = v.scatter_sub(s)
    assert type(out).__name__ == "_UnreadVariable"
    assert v.numpy().tolist() == [[-2, -1], [3, 4], [5, 6]]  # repeated indices add up
    v.scatter_add(s)
    assert v.numpy().tolist() == [[1, 2], [3, 4], [5, 6]]
    v.scatter_update(tf.IndexedSlices(tf.constant([[7.0, 7.0]]), tf.constant([2])))
    v.scatter_max(tf.IndexedSlices(tf.constant([[9.0, 0.0]]), tf.constant([1])))
    assert v.numpy().tolist() == [[1, 2], [9, 4], [7, 7]]
    v.scatter_min(tf.IndexedSlices(tf.constant([[0.0, 9.0]]), tf.constant([1])))
    v.scatter_mul(tf.IndexedSlices(tf.constant([[2.0, 2.0]]), tf.constant([1])))
    assert v.numpy().tolist() == [[1, 2], [0, 8], [7, 7]]
    v.scatter_div(tf.IndexedSlices(tf.constant([[2.0, 2.0]]), tf.constant([1])))
    assert v.numpy().tolist() == [[1, 2], [0, 4], [7, 7]]
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "indices[0] = 5 is not in [0, 3) [Op:ResourceScatterSub]")):
        v.scatter_sub(tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([5])))
    assert v.numpy().tolist() == [[1, 2], [0, 4], [7, 7]]  # unchanged
    with pytest.raises(TypeError, match=re.escape(
            "Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: [1.]")):
        v.scatter_sub(tf.constant([1.0]))
    w = tf.Variable([1.0, 2.0, 3.0])

    @tf.function
    def f():
        w.scatter_add(tf.IndexedSlices(tf.constant([5.0]), tf.constant([2])))

    f()
    assert w.numpy().tolist() == [1, 2, 8]


def test_convert_to_tensor_packs_traced_tensors_with_gradients():
    # Keras's train step sums a list of losses (ops.sum(list) -> convert_to_tensor) in a
    # tf.function under a tape: TF packs them (Pack), and gradients flow through.
    v = tf.Variable(3.0)

    @tf.function
    def f(x):
        with tf.GradientTape() as t:
            y = tf.reduce_sum(tf.convert_to_tensor([x * v, v * v, 1.0]))
        return y, t.gradient(y, v)

    y, g = f(tf.constant(2.0))
    assert float(y) == 16.0 and float(g) == 8.0
    nested = tf.function(lambda x: tf.convert_to_tensor([[x, 1], [2, x]]))(tf.constant(5))
    assert nested.dtype == tf.int32 and nested.numpy().tolist() == [[5, 1], [2, 5]]
