"""TF's dtype rules: DType objects, the dtypes Python and NumPy values get, no implicit promotion
between tensors, Python scalars taking a tensor's dtype, and truediv's integer table.

Tests marked xfail pin TF behaviour that tfshim/_core does not have yet (each says which).
"""

import ml_dtypes
import numpy as np
import pytest

import tfshim as tf


@pytest.mark.parametrize("dtype,name,np_dtype,size", [
    (tf.float16, "float16", np.float16, 2), (tf.bfloat16, "bfloat16", ml_dtypes.bfloat16, 2),
    (tf.float32, "float32", np.float32, 4), (tf.float64, "float64", np.float64, 8),
    (tf.int8, "int8", np.int8, 1), (tf.int32, "int32", np.int32, 4),
    (tf.uint8, "uint8", np.uint8, 1), (tf.int64, "int64", np.int64, 8),
    (tf.complex64, "complex64", np.complex64, 8), (tf.complex128, "complex128", np.complex128, 16),
    (tf.bool, "bool", np.bool_, 1),
])
def test_dtype_objects(dtype, name, np_dtype, size):
    assert isinstance(dtype, tf.DType)
    assert repr(dtype) == "tf." + name and str(dtype) == "<dtype: '%s'>" % name
    assert dtype.name == name and dtype.as_numpy_dtype is np_dtype and dtype.size == size
    assert tf.as_dtype(name) is dtype and tf.as_dtype(dtype) is dtype
    assert dtype == name and dtype != "nonsense"


def test_string_dtype_object():
    assert repr(tf.string) == "tf.string" and tf.as_dtype("string") is tf.string
    assert tf.string.as_numpy_dtype is object and tf.string.size == 0


def test_dtype_aliases_and_properties():
    assert tf.half is tf.float16 and tf.double is tf.float64
    assert tf.as_dtype(float) is tf.float32 and tf.as_dtype(np.int64) is tf.int64
    assert tf.float16.is_floating and not tf.int8.is_floating and tf.uint8.is_unsigned
    assert tf.complex64.real_dtype is tf.float32 and tf.complex128.is_complex
    assert tf.int8.min == -128 and tf.uint16.max == 65535 and tf.float16.max == 65504
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`: 'x'"):
        tf.as_dtype("x")


@pytest.mark.parametrize("value,dtype", [
    (1, tf.int32), (-(2**31), tf.int32), (2**31, tf.int64), (1.5, tf.float32), (True, tf.bool),
    (1 + 2j, tf.complex128), ("a", tf.string), (b"a", tf.string), ([1, 2], tf.int32),
    ([1, 2.5], tf.float32), ([1, 2**40], tf.int64), ([[True]], tf.bool), ([], tf.float32),
    (np.float64(1), tf.float64), (np.int64(1), tf.int64), (np.float16(1), tf.float16),
    (np.array([1, 2]), tf.int64), (np.array([1.0], np.float32), tf.float32),
    (np.array(True), tf.bool), (np.uint8(3), tf.uint8),
])
def test_inferred_dtypes(value, dtype):
    # Python float -> float32 and int -> int32 (int64 when it doesn't fit); NumPy keeps its own.
    assert tf.constant(value).dtype is dtype
    assert tf.convert_to_tensor(value).dtype is dtype


@pytest.mark.parametrize("op,name", [(tf.add, "AddV2"), (tf.subtract, "Sub"),
                                     (tf.multiply, "Mul"), (tf.maximum, "Maximum"),
                                     (tf.pow, "Pow"), (tf.equal, "Equal"), (tf.less, "Less")])
@pytest.mark.parametrize("a,b", [(tf.float32, tf.float64), (tf.int32, tf.float32),
                                 (tf.int64, tf.int32)])
def test_no_implicit_promotion_between_tensors(op, name, a, b):
    tf_name = {tf.float32: "float", tf.float64: "double"}
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        op(tf.ones([2], a), tf.ones([2], b))
    assert str(e.value) == ("cannot compute %s as input #1(zero-based) was expected to be a %s "
                            "tensor but is a %s tensor [Op:%s] name: "
                            % (name, tf_name.get(a, a.name), tf_name.get(b, b.name), name))


def test_operators_do_not_promote_either():
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a int32 tensor"):
        tf.constant(1) + tf.constant(1.0)
    with pytest.raises(TypeError, match=r"`x` and `y` must have the same dtype, got tf.int32 != "
                       r"tf.float32."):
        tf.constant(1) / tf.constant(1.0)


@pytest.mark.parametrize("dtype", [tf.float16, tf.bfloat16, tf.float64, tf.int8, tf.uint8,
                                   tf.int64, tf.complex64])
def test_python_scalars_take_the_tensors_dtype(dtype):
    x = tf.constant([2], dtype)
    results = [x + 1, 1 + x, x * 2, 2 * x, x - 1, 3 - x, tf.add(x, 1), tf.multiply(2, x),
               tf.subtract(x, 1)]
    if not dtype.is_complex:
        results += [tf.maximum(x, 1), x // 1, x % 3]
        assert (x < 3).dtype is tf.bool
    assert [r.dtype for r in results] == [dtype] * len(results)
    assert tf.equal(x, 2).dtype is tf.bool


def test_python_floats_take_a_float_tensors_dtype():
    assert (tf.constant(1.0, tf.float16) * 2.5).dtype is tf.float16
    assert (0.1 + tf.constant(1.0, tf.float64)).numpy() == 1.1  # 0.1 as float64, not float32


def test_a_python_float_does_not_fit_an_int_tensor():
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.multiply(tf.constant(1), 1.5)
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        1.5 * tf.constant(1)
    # tf.add converts its second argument with a dtype hint only: the kernel refuses it.
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a int32 tensor but "
                       "is a float tensor"):
        tf.constant(1) + 1.5


@pytest.mark.parametrize("dtype,out", [(tf.int8, tf.float32), (tf.int16, tf.float32),
                                       (tf.uint8, tf.float32), (tf.uint16, tf.float32),
                                       (tf.int32, tf.float64), (tf.int64, tf.float64),
                                       (tf.uint32, tf.float64), (tf.uint64, tf.float64),
                                       (tf.float16, tf.float16), (tf.complex64, tf.complex64)])
def test_truediv_of_integers(dtype, out):
    x, y = tf.constant([7], dtype), tf.constant([2], dtype)
    for q in (x / y, tf.truediv(x, y), tf.divide(x, y), tf.math.truediv(x, 2)):
        assert q.dtype is out and q.numpy().tolist() == [3.5]


def test_python_int_division():
    assert tf.divide(7, 2).dtype is tf.float64 and float(tf.divide(7, 2)) == 3.5
    assert float(tf.constant(1) / 0) == np.inf


def test_bool_tensors_multiply_as_integers():
    # TF's Tensor.__mul__ casts a bool operand to int32 and the product back to bool.
    assert (tf.constant([True, False]) * True).numpy().tolist() == [True, False]
    assert (tf.constant([True, True]) * 2.5).dtype is tf.bool


# -- TF behaviour the core conversion does not have yet ---------------------------------------
def test_python_ints_wrap_into_a_requested_integer_dtype():
    assert tf.constant(-1, tf.uint8).numpy() == 255
    assert tf.constant(300, tf.int8).numpy() == 44
    assert (tf.constant(1, tf.uint8) + 300).numpy() == 45


def test_python_bool_does_not_convert_to_small_ints():
    with pytest.raises(TypeError, match="Cannot convert True to EagerTensor of dtype uint8"):
        tf.constant(True, tf.uint8)


def test_dtype_hint_casts_numpy_values():
    assert tf.convert_to_tensor(np.float64(1.5), dtype_hint=tf.int32).dtype is tf.int32
    assert (tf.constant(3) + np.float64(1.5)).numpy() == 4


def test_mixed_python_sequences_are_refused():
    for value in ([True, 1], [1, 2.5j], [1, "a"]):
        with pytest.raises(ValueError, match="Can't convert Python sequence with mixed types"):
            tf.constant(value)


def test_non_rectangular_sequences_message():
    with pytest.raises(ValueError, match="Can't convert non-rectangular Python sequence"):
        tf.constant([[1, 2], [3]])


def test_empty_string_constant():
    assert tf.constant([], tf.string).shape == [0]


def test_type_attr_error_comes_before_input_mismatch():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of bool"):
        tf.add(tf.constant(True), tf.constant(1))


def test_tensor_shape_refuses_floats():
    with pytest.raises(TypeError, match="Dimension value must be integer"):
        tf.TensorShape([2.5])


def test_float8_dtypes_cast_to_and_from_floats_only_as_tf():
    # tf.dtypes.experimental's float8 types: floating, not numeric, TF's enums; Cast reaches them
    # from floats only and leaves them to any type (Keras's float8 quantization casts this way).
    e4, e5 = tf.dtypes.experimental.float8_e4m3fn, tf.dtypes.experimental.float8_e5m2
    assert (e4.as_datatype_enum, e5.as_datatype_enum, e4.size) == (25, 24, 1)
    assert e4.is_floating and not e4.is_numeric and (e4.min, e4.max) == (-448, 448)
    assert tf.as_dtype("float8_e5m2") is e5 and tf.as_dtype(ml_dtypes.float8_e4m3fn) is e4
    x = tf.cast(tf.constant([1.7, -300.0, 1000.0]), e4)
    assert repr(x) == ("<tf.Tensor: shape=(3,), dtype=float8_e4m3fn, numpy=array([1.75, -288, "
                       "nan], dtype='float8_e4m3fn')>")
    assert tf.cast(x, tf.float32).numpy()[:2].tolist() == [1.75, -288.0]
    assert tf.cast(tf.constant([1.7, -300.0, 1000.0]), e5).numpy().astype(float).tolist() == [
        1.75, -320.0, 1024.0]
    assert tf.cast(x, tf.int32).numpy().tolist() == [1, -288, -2147483648]
    with pytest.raises(tf.errors.UnimplementedError, match="Cast int32 to float8_e4m3fn is not"):
        tf.cast(tf.constant([3]), e4)
    with pytest.raises(tf.errors.InvalidArgumentError, match="float8_e4m3fn is not in the list"):
        x + x
