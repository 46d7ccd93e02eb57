# tf.strings: case, whitespace, length, joins, substrings, regexes, numbers, formatting, hashes
# (TF's FarmHash, SipHash and Hash64 values), unicode, split/ngrams (ragged results), string
# comparisons, TF's errors, tf.function with string tensors.
import numpy as np
import tensorflow as tf

# %%
x = tf.constant([["Hello World", "  pad\t "], ["ÉCOLE", "a1b2"]])
print(tf.strings.lower(x), tf.strings.upper(x), tf.strings.lower(x, encoding="utf-8"))
print(tf.strings.strip(x), tf.strings.length(x), tf.strings.length(x, unit="UTF8_CHAR"))
print(tf.strings.join([x, "!"], separator="-"), tf.strings.join(["a", "b", "c"]))
print(tf.strings.reduce_join(x), tf.strings.reduce_join(x, axis=1, separator=","))
print(tf.strings.reduce_join(x, axis=0, keepdims=True), tf.strings.reduce_join(x, axis=-1))
print(tf.strings.substr(x, 1, 3), tf.strings.substr("héllo", -3, 2, unit="UTF8_CHAR"))
print(tf.strings.substr(["abc", "defg"], [0, 1], [1, 2]), tf.strings.substr("abc", 1, 10))

# %%
print(tf.strings.regex_replace(x, r"(\w)o", r"<\1\0>"))
print(tf.strings.regex_replace(x, "l", "L", replace_global=False))
print(tf.strings.regex_replace(["a.b.c"], r"\.", r"\\"), tf.strings.regex_replace("aaa", "a*", "-"))
print(tf.strings.regex_full_match(x, r"[a-z0-9]+"), tf.strings.regex_full_match("ab", "a|ab"))
print(tf.strings.regex_full_match(["2024-01-05", "x"], r"\d{4}-\d\d-\d\d"))

# %%
print(tf.strings.to_number(["1.5", " -2e3", "inf", "1e-3"]))
print(tf.strings.to_number(["12", "-7"], tf.int64), tf.strings.to_number(["3"], tf.float64))
print(tf.strings.to_number("4294967295", tf.uint32))
print(tf.strings.as_string([1.5, 2.25]), tf.strings.as_string([1, 22], width=4, fill="0"))
print(tf.strings.as_string([3.14159], precision=2), tf.strings.as_string([1e10], scientific=True))
print(tf.strings.as_string([0.1, 1e-7], shortest=True), tf.as_string([True, False]))
print(tf.strings.as_string(tf.constant([-5], tf.int8), width=5), tf.strings.as_string([7], width=3, fill="-"))
print(tf.strings.as_string(tf.constant([1 + 2j], tf.complex64), precision=1))
print(tf.strings.as_string(tf.constant([2.5], tf.float64), width=8, precision=3))

# %%
print(tf.strings.format("x={} y={}", [tf.constant([1, 2, 3, 4, 5, 6, 7]), tf.constant(2.5)]))
print(tf.strings.format("s: {}", tf.constant(["a", "b"])))
print(tf.strings.format("m: <>", tf.reshape(tf.range(12), [3, 4]), placeholder="<>", summarize=1))
print(tf.strings.format("{} and {}", (tf.constant(True), tf.constant([0.5, 0.25]))))

# %%
rng = np.random.default_rng(0)
strs = [bytes(rng.integers(0, 256, size=n).astype(np.uint8)) for n in range(0, 120, 3)]
strs += [b"hello", "héllo".encode(), b"", b"a" * 64, b"tensorflow"]
print(tf.strings.to_hash_bucket_fast(strs, 2**62).numpy().tolist())
print(tf.strings.to_hash_bucket_strong(strs, 2**62, [123456789, -5]).numpy().tolist())
print(tf.strings.to_hash_bucket(strs, 2**62).numpy().tolist())
print(tf.strings.to_hash_bucket_fast(x, 10), tf.strings.to_hash_bucket_strong(x, 7, [1, 2]))
print(tf.strings.to_hash_bucket(tf.ragged.constant([["a", "b"], ["c"]]), 1000))

# %%
print(tf.strings.unicode_decode(["héllo", "a"], "UTF-8"), tf.strings.unicode_decode("hé", "UTF-8"))
print(tf.strings.unicode_decode([b"a\xffb"], "UTF-8"))
print(tf.strings.unicode_decode([b"a\xffb"], "UTF-8", errors="ignore"))
print(tf.strings.unicode_decode([b"a\xffb"], "UTF-8", replacement_char=63))
print(tf.strings.unicode_decode(["a\tb"], "UTF-8", replace_control_characters=True))
print(tf.strings.unicode_decode_with_offsets(["hé€"], "UTF-8"))
print(tf.strings.unicode_encode([[104, 233], [97, 98]], "UTF-8"))
print(tf.strings.unicode_encode(tf.ragged.constant([[104, 233, 8364], [97]]), "UTF-8"))
print(tf.strings.unicode_encode(tf.ragged.constant([[104, 233], [97]]), "UTF-16-BE"))
print(tf.strings.unicode_encode([104, 0x110000], "UTF-8"))
print(tf.strings.unicode_encode([104, 0x110000], "UTF-8", errors="ignore"))
print(tf.strings.unicode_split(["hé", b"a\xffb"], "UTF-8"), tf.strings.unicode_split("€x", "UTF-8"))
print(tf.strings.unicode_split_with_offsets(["hé€"], "UTF-8"))
print(tf.strings.unicode_transcode(["héllo", b"a\xffb"], "UTF-8", "UTF-16-BE"))
print(tf.strings.unicode_transcode(["hi"], "UTF-8", "UTF-32-BE"))
print(tf.strings.unicode_transcode([b"\x00h\x00i"], "UTF-16-BE", "UTF-8"))

# %%
print(tf.strings.split("a b  c"), tf.strings.split(["a b", "c d e", ""]))
print(tf.strings.split([["a b"], ["c"]]))
print(tf.strings.split(["a,b,,c"], sep=","), tf.strings.split(["a b c"], maxsplit=1))
print(tf.strings.split(tf.ragged.constant([["a b"], ["c d", "e"]])))
print(tf.strings.split(["a<>b<>c"], sep="<>").to_tensor())
print(tf.strings.bytes_split("abc"), tf.strings.bytes_split(["ab", "c"]))
print(tf.strings.ngrams(["a", "b", "c"], 2), tf.strings.ngrams([["a", "b", "c"], ["d", "e", "f"]], 2))
r = tf.ragged.constant([["a", "b", "c"], ["d"]])
print(tf.strings.ngrams(r, [1, 2], pad_values=("<", ">"), padding_width=1))
print(tf.strings.ngrams(r, 3, preserve_short_sequences=True), tf.strings.ngrams(r, 2, separator="_"))
print(tf.strings.ngrams(r, 2, pad_values="#"), tf.strings.ngrams(["a", "b"], 3))

# %%
print(x == "a1b2", tf.equal(x, "ÉCOLE"), x != "a1b2", tf.not_equal(x, x))
print(x + "!", tf.strings.length(tf.strings.lower(tf.ragged.constant([["AB"], ["c", "éé"]]))))
print(tf.strings.length(tf.ragged.constant([["ab"], ["c", "éé"]]), unit="UTF8_CHAR"))
print(tf.strings.upper(tf.ragged.constant([["ab"], ["c"]])), tf.strings.strip(tf.constant(" a ")))

# %%
for f in [lambda: tf.strings.lower(1.0), lambda: tf.strings.lower(tf.constant(1.0)),
          lambda: tf.strings.to_number("abc"), lambda: tf.strings.to_number("99999999999", tf.int32),
          lambda: tf.strings.substr("hello", 10, 2), lambda: tf.strings.to_number("1", tf.int16),
          lambda: tf.strings.as_string([1], precision=2), lambda: tf.strings.length("a", unit="X"),
          lambda: tf.strings.unicode_decode(b"\xff", "UTF-8", errors="strict"),
          lambda: tf.strings.regex_replace("a", "(", "b"),
          lambda: tf.strings.regex_full_match("a", "a[b"),
          lambda: tf.strings.join([["a", "b"], ["c", "d", "e"]]),
          lambda: tf.strings.to_hash_bucket_fast("a", 0),
          lambda: tf.strings.reduce_join(["a"], axis=3)]:
    try:
        print(f())
    except Exception as e:  # noqa: BLE001
        print(type(e).__name__, e)

# %%
@tf.function
def lengths(s):
    return tf.strings.length(tf.strings.split(s, ",")).to_tensor()


@tf.function
def show(v):
    return tf.strings.as_string(v * 2)


@tf.function
def bucket(s):
    return tf.strings.to_hash_bucket_fast(tf.strings.lower(s), 50) + 1


print(lengths(tf.constant(["a,bb", "ccc"])), show(tf.constant([1, 2])))
print(bucket(tf.constant(["A", "b"])), bucket(tf.constant(["A", "b"])))

# %%
# tf.io.decode_raw (TF's tensor guide decodes a string's bytes)
print(tf.io.decode_raw(tf.constant("Duck"), tf.uint8))
print(tf.io.decode_raw(tf.constant(["abcd", "efgh"]), tf.int16, little_endian=False))
print(tf.io.decode_raw(tf.constant([["ab"], ["cd"]]), tf.uint8))
print(tf.io.decode_raw(tf.constant(["abcdef", "de"]), tf.int16, fixed_length=4))
print(tf.io.decode_raw(tf.constant(["", ""]), tf.float32))
for args in [(["abc", "de"], tf.uint8), (["abc"], tf.int32), ([1], tf.uint8), ("ab", tf.string),
             (["abc"], tf.int16, True, 3)]:
    try:
        print(tf.io.decode_raw(tf.constant(args[0]), *args[1:]))
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])

# %%
# tf.strings.unsorted_segment_join: rows joined per segment, row-major over multi-dim ids; errors
print(tf.strings.unsorted_segment_join(['Y', 'q', 'c'], [1, 0, 1], 3))
print(tf.strings.unsorted_segment_join([['Y', 'q'], ['Y', '6'], ['6', 'p']], [0, 1, 0], 2, separator=':'))
print(tf.strings.unsorted_segment_join([['Y', 'q'], ['Y', '6'], ['6', 'p']], [[0, 1], [1, 0], [0, 1]], 2, separator=':'))
print(tf.strings.unsorted_segment_join(['a', 'b'], tf.constant([1, 1], tf.int64), tf.constant(2, tf.int64)))
for f in [lambda: tf.strings.unsorted_segment_join(['a', 'b'], [0, 5], 2),
          lambda: tf.strings.unsorted_segment_join(['a', 'b'], [0], 2),
          lambda: tf.strings.unsorted_segment_join([1, 2], [0, 0], 2),
          lambda: tf.strings.unsorted_segment_join(['a', 'b'], [0, 0.], 2),
          lambda: tf.strings.unsorted_segment_join(['a', 'b'], [0, 0], -1),
          lambda: tf.strings.unsorted_segment_join(['a', 'b'], [0, 0], [2])]:
    try:
        f()
    except (tf.errors.InvalidArgumentError, TypeError) as e:
        print(type(e).__name__, e)
