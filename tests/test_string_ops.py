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


def test_deviation_string_tensors_make_tf_function_run_eagerly(caplog):
    calls = []

    @tf.function
    def f(s):
        calls.append(1)  # a Python side effect: TF runs it once, at the trace
        return tf.strings.length(s)

    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert f(tf.constant(["ab", "c"])).numpy().tolist() == [2, 1]
    assert len(calls) == 3  # eagerly, every call
    assert not [r for r in caplog.records if "could not compile" in r.getMessage()]

    @tf.function
    def g(v):  # a numeric argument whose string result can't leave XLA
        return tf.strings.as_string(v + 1)

    assert g(tf.constant([1, 2])).numpy().tolist() == [b"2", b"3"]


def test_deviation_regex_patterns_are_compiled_by_python_re():
    # RE2 syntax Python's re lacks: \pL (Unicode classes). TF matches; tfshim raises.
    assert tf.strings.regex_full_match("ab", "[a-z]+").numpy()
    with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid pattern"):
        tf.strings.regex_full_match("ab", r"\pL+")
    # What RE2 refuses, tfshim refuses with RE2's message.
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"invalid perl operator: \(\?="):
        tf.strings.regex_full_match("ab", "(?=a)ab")
