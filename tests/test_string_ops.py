"""tf.strings on tfshim: what the TF-tier program `string_ops` can't show (the host hash port,
tf.function's eager fallback, the tape) and the deviations README lists."""

import logging

import numpy as np
import pytest

import tfshim as tf
from tfshim._ops import string_ops


def test_hash64_port_matches_tf_values():
    # TF 2.21's tf.strings.to_hash_bucket(s, 2**62) for these strings (asked of TF).
    strs = [b"hello", "héllo".encode(), b"", b"a" * 64, b"tensorflow", b"abcdefg", b"abcdefgh"]
    got = tf.strings.to_hash_bucket(strs, 2**62).numpy().tolist()
    assert got == [string_ops._hash64(s) % 2**62 for s in strs]
    assert got[0] == 1331861223480393034 and got[2] == 105434511174508091


def test_string_ops_record_nothing_and_numbers_through_them_have_no_gradient_path():
    x = tf.constant([1.5, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.strings.to_number(tf.strings.as_string(x * 3)) * x
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [4.5, 6.0])  # TF's values


def test_string_tensors_compile_in_tf_function_with_host_callbacks(caplog):
    calls = []

    @tf.function
    def f(s, x):
        calls.append(str(s))  # a Python side effect: once, at the trace, as TF
        n = tf.strings.length(s) * 2 + x
        j = tf.strings.join([tf.strings.upper(s), "-", tf.strings.as_string(x)])
        return n, j, tf.equal(s, "ab"), s + s

    with caplog.at_level(logging.WARNING):
        for word, num in (("ab", 1), ("xyz", 2), ("ab", 3)):
            n, j, eq, ss = f(tf.constant([word, "c"]), tf.constant([num, 0]))
            assert n.numpy().tolist() == [2 * len(word) + num, 2]
            assert j.numpy().tolist() == [word.upper().encode() + b"-%d" % num, b"C-0"]
            assert eq.numpy().tolist() == [word == "ab", False]
            assert ss.dtype == tf.string and ss.numpy()[0] == (word * 2).encode()
    assert calls == ['Tensor("s:0", shape=(2,), dtype=string)']
    assert f.experimental_get_tracing_count() == 1
    assert not [r for r in caplog.records if "could not compile" in r.getMessage()]

    @tf.function
    def g(v):  # a numeric argument, a string result
        return tf.strings.as_string(v + 1)

    assert g(tf.constant([1, 2])).numpy().tolist() == [b"2", b"3"]

    @tf.function
    def to_int(s):  # a kernel's error on a later call's strings is the call's error
        return tf.strings.to_number(s, tf.int32)

    assert to_int(tf.constant(["7"])).numpy().tolist() == [7]
    with pytest.raises(tf.errors.InvalidArgumentError, match="could not correctly convert"):
        to_int(tf.constant(["z"]))
    assert to_int(tf.constant(["8"])).numpy().tolist() == [8]

    v = tf.Variable(2.0)

    @tf.function
    def scaled(s):  # a tape records the call: gradients flow around the strings
        return v * tf.cast(tf.strings.length(s), tf.float32)

    with tf.GradientTape() as tape:
        y = scaled(tf.constant("abc"))
    assert y.numpy() == 6.0 and tape.gradient(y, v).numpy() == 3.0


def test_deviation_string_arguments_with_none_dimensions_trace_per_shape():
    # TF traces a TensorSpec([None], tf.string) signature once; tfshim's relaxed (symbolic)
    # programs are exported, which host callbacks can't be: a trace per shape.
    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def f(s):
        return tf.strings.upper(s)

    for n in (1, 2, 1):
        assert f(tf.constant(["a"] * n)).numpy().tolist() == [b"A"] * n
    assert f.experimental_get_tracing_count() == 2  # TF: 1


def test_deviation_string_ops_with_data_dependent_shapes_run_eagerly():
    # tf.strings.split and the other ops whose results' shapes depend on the strings make a
    # tf.function run eagerly (Python side effects on every call); TF traces them once.
    calls = []

    @tf.function
    def f(s):
        calls.append(1)
        return tf.strings.split(s)

    for _ in range(2):
        assert f(tf.constant(["a b", "c"])).to_list() == [[b"a", b"b"], [b"c"]]
    assert len(calls) == 3  # the trace that met split, then each call


def test_deviation_regex_patterns_are_compiled_by_python_re():
    # RE2 syntax Python's re lacks: \pL (Unicode classes). TF matches; tfshim raises.
    assert tf.strings.regex_full_match("ab", "[a-z]+").numpy()
    with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid pattern"):
        tf.strings.regex_full_match("ab", r"\pL+")
    # What RE2 refuses, tfshim refuses with RE2's message.
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"invalid perl operator: \(\?="):
        tf.strings.regex_full_match("ab", "(?=a)ab")
