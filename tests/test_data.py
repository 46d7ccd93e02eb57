"""tf.data: the vectorized paths (gathered batches, vmapped maps, shuffled indices) against the
element-by-element ones, TF's shuffle buffer, threads, caches, and TFRecord files TF wrote."""

import os

import numpy as np
import pytest

import tfshim as tf
from tfshim.data import tf_record

DATA = os.path.join(os.path.dirname(__file__), "data")


def _np(ds):
    return [tuple(np.asarray(c) for c in e) if isinstance(e, tuple) else np.asarray(e)
            for e in ds.as_numpy_iterator()]


def _stream(ds):
    """The same dataset without its plan: the element-by-element path."""
    return tf.data.Dataset.from_generator(lambda: ds.as_numpy_iterator(),
                                          output_signature=ds.element_spec)


def test_planned_batches_equal_element_by_element():
    x = np.arange(70, dtype=np.float32).reshape(35, 2)
    y = np.arange(35)
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    assert ds._has_plan()
    fast = ds.map(lambda a, b: (a / 2.0, b * 3)).batch(8)
    assert fast._input._has_plan() and fast._input._fn.vmappable
    slow = _stream(ds).map(lambda a, b: (a / 2.0, b * 3)).batch(8)
    for (a1, b1), (a2, b2) in zip(fast.as_numpy_iterator(), slow.as_numpy_iterator(),
                                  strict=True):
        np.testing.assert_array_equal(a1, a2)
        np.testing.assert_array_equal(b1, b2)


def test_plans_through_take_skip_shard_repeat_filter():
    base = tf.data.Dataset.range(23)
    pipes = [lambda d: d.skip(3).take(15).batch(4), lambda d: d.shard(4, 1).batch(2),
             lambda d: d.repeat(3).batch(10, drop_remainder=True),
             lambda d: d.filter(lambda v: v % 3 > 0).batch(5),
             lambda d: d.map(lambda v: v * v).take(7).repeat(2).batch(3)]
    for pipe in pipes:
        fast, slow = pipe(base), pipe(_stream(base))
        got = [a.tolist() for a in fast.as_numpy_iterator()]
        assert got == [a.tolist() for a in slow.as_numpy_iterator()]
        assert len(got) == fast.cardinality() or fast.cardinality() < 0


def test_vmap_is_skipped_for_random_and_stateful_functions():
    v = tf.Variable(0)

    def count(x):
        v.assign_add(1)
        return x

    ds = tf.data.Dataset.range(5).map(count)
    assert not ds._fn.vmappable
    assert len(list(ds)) == 5 and int(v.numpy()) == 5
    r = tf.data.Dataset.range(50).map(lambda x: tf.random.uniform([]))
    assert not r._fn.vmappable
    assert len(set(float(e) for e in r.as_numpy_iterator())) == 50


def test_shuffle_buffer_semantics():
    # TF's buffer: the k-th output is one of the first buffer_size + k inputs.
    for seed in range(5):
        out = list(tf.data.Dataset.range(200).shuffle(7, seed=seed).as_numpy_iterator())
        assert sorted(out) == list(range(200))
        assert all(v < 7 + k for k, v in enumerate(out))
    assert list(tf.data.Dataset.range(10).shuffle(1).as_numpy_iterator()) == list(range(10))
    # Unplanned input: the same rule on elements.
    out = list(_stream(tf.data.Dataset.range(100)).shuffle(5, seed=1).as_numpy_iterator())
    assert sorted(out) == list(range(100)) and all(v < 5 + k for k, v in enumerate(out))


def test_shuffle_seeds_and_reshuffle():
    ds = tf.data.Dataset.range(50).shuffle(50, seed=4)
    first, second = list(ds.as_numpy_iterator()), list(ds.as_numpy_iterator())
    assert first != second  # reshuffled each pass
    again = tf.data.Dataset.range(50).shuffle(50, seed=4)
    assert list(again.as_numpy_iterator()) == first  # and reproducible
    fixed = tf.data.Dataset.range(50).shuffle(50, reshuffle_each_iteration=False)
    assert list(fixed.as_numpy_iterator()) == list(fixed.as_numpy_iterator())
    tf.random.set_seed(11)
    a = list(tf.data.Dataset.range(30).shuffle(30).as_numpy_iterator())
    tf.random.set_seed(11)
    b = list(tf.data.Dataset.range(30).shuffle(30).as_numpy_iterator())
    assert a == b


def test_parallel_map_keeps_order_and_prefetch_raises():
    ds = _stream(tf.data.Dataset.range(40)).map(lambda x: x * 2, num_parallel_calls=4)
    assert list(ds.as_numpy_iterator()) == [2 * i for i in range(40)]

    def gen():
        yield 1
        raise RuntimeError("boom")

    bad = tf.data.Dataset.from_generator(gen, output_types=tf.int32).prefetch(2)
    it = iter(bad)
    assert int(next(it)) == 1
    with pytest.raises(RuntimeError, match="boom"):
        next(it)


def test_cache_memory_and_file(tmp_path):
    seen = []

    def gen():
        seen.append(1)
        yield from range(3)

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int64).cache()
    assert list(ds.as_numpy_iterator()) == list(ds.as_numpy_iterator()) == [0, 1, 2]
    assert len(seen) == 1
    path = str(tmp_path / "c")
    fc = tf.data.Dataset.from_generator(gen, output_types=tf.int64).cache(path)
    assert list(fc.as_numpy_iterator()) == [0, 1, 2]
    fresh = tf.data.Dataset.from_generator(gen, output_types=tf.int64).cache(path)
    assert list(fresh.as_numpy_iterator()) == [0, 1, 2] and len(seen) == 2


def test_map_traces_once_per_shape():
    traces = []
    ds = tf.data.Dataset.range(6).map(lambda x: traces.append(1) or x + 1)
    assert len(traces) == 1
    list(ds)
    list(ds.batch(2))
    assert len(traces) == 1


def test_reads_tfrecords_tf_wrote():
    ds = tf.data.TFRecordDataset(os.path.join(DATA, "tf_examples.tfrecord"))
    spec = {"i": tf.io.FixedLenFeature([2], tf.int64), "f": tf.io.FixedLenFeature([], tf.float32),
            "s": tf.io.FixedLenFeature([], tf.string)}
    rows = list(ds.map(lambda r: tf.io.parse_single_example(r, spec)).as_numpy_iterator())
    assert [r["i"].tolist() for r in rows] == [[0, 0], [1, -1], [2, -2]]
    assert [float(r["f"]) for r in rows] == [0.0, 0.25, 0.5]
    assert [r["s"] for r in rows] == [b"r0", b"r1", b"r2"]
    gz = tf.data.TFRecordDataset(os.path.join(DATA, "tf_records.tfrecord.gz"), "GZIP")
    assert list(gz.as_numpy_iterator()) == [b"", b"a", b"\x00\xff" * 200]


def test_writes_tfrecords_as_tf(tmp_path):
    # Same records, same Example protos: byte-for-byte the file TF wrote.
    path = str(tmp_path / "x.tfrecord")
    with tf.io.TFRecordWriter(path) as w:
        for i in range(3):
            w.write(tf.train.Example(features=tf.train.Features(feature={
                "i": tf.train.Feature(int64_list=tf.train.Int64List(value=[i, -i])),
                "f": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.25])),
                "s": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"r%d" % i]))}))
                    .SerializeToString())
    records = list(tf_record.read_records(os.path.join(DATA, "tf_examples.tfrecord")))
    ours = [tf.train.Example.FromString(r) for r in tf_record.read_records(path)]
    assert ours == [tf.train.Example.FromString(r) for r in records]
    # TF's file is its records framed as tfshim frames them, byte for byte.
    with open(os.path.join(DATA, "tf_examples.tfrecord"), "rb") as f:
        assert f.read() == b"".join(tf_record.frame(r) for r in records)
    assert tf_record.masked_crc(b"hello") == 0x191C1FBB  # TF's record above: bb 1f 1c 19


def test_tfrecord_corruption_is_data_loss(tmp_path):
    path = str(tmp_path / "y.tfrecord")
    with tf.io.TFRecordWriter(path) as w:
        w.write(b"abc")
    data = bytearray(open(path, "rb").read())
    data[13] ^= 1
    open(path, "wb").write(bytes(data))
    with pytest.raises(tf.errors.DataLossError, match="corrupted record at 0"):
        list(tf.data.TFRecordDataset(path))


def test_experimental_transformations_and_types():
    ds = tf.data.Dataset.from_tensor_slices([3, 1, 3, 2, 1, 5])
    assert list(ds.apply(tf.data.experimental.unique()).as_numpy_iterator()) == [3, 1, 2, 5]
    assert list(ds.apply(tf.data.experimental.take_while(lambda x: x > 0)).take(2)
                .as_numpy_iterator()) == [3, 1]
    assert list(ds.apply(tf.data.experimental.scan(0, lambda s, x: (s + x, s)))
                .as_numpy_iterator()) == [0, 3, 4, 7, 9, 10]
    assert list(ds.batch(4).apply(tf.data.experimental.unbatch()).as_numpy_iterator()) == [
        3, 1, 3, 2, 1, 5]
    g = ds.apply(tf.data.experimental.group_by_window(lambda x: tf.cast(x % 2, tf.int64),
                                                      lambda k, w: w.batch(9), window_size=9))
    assert [b.tolist() for b in g.as_numpy_iterator()] == [[2], [3, 1, 3, 1, 5]]
    bucketed = ds.map(lambda x: tf.fill([x], x)).apply(
        tf.data.experimental.bucket_by_sequence_length(lambda e: tf.shape(e)[0], [3], [2, 2]))
    assert [b.shape for b in bucketed.as_numpy_iterator()] == [(2, 3), (2, 2), (1, 1), (1, 5)]
    assert list(ds.map(lambda x: tf.debugging.check_numerics(1.0 / tf.cast(x - 2, tf.float32),
                                                             "bad"))
                .apply(tf.data.experimental.ignore_errors()).as_numpy_iterator()) == [
        1.0, -1.0, 1.0, -1.0, 1 / 3]
    w = tf.data.Dataset.range(4).window(2)
    assert w.element_spec == tf.data.DatasetSpec(tf.TensorSpec([], tf.int64))
    it = iter(ds)
    assert isinstance(it, tf.data.Iterator)
    assert isinstance(ds.as_numpy_iterator(), tf.data.NumpyIterator)
    opts = tf.data.Options()
    assert isinstance(opts.threading, tf.data.ThreadingOptions)
    assert isinstance(opts.autotune, tf.data.experimental.AutotuneOptions)
    assert isinstance(opts.experimental_distribute, tf.data.experimental.DistributeOptions)
    assert isinstance(opts.experimental_optimization,
                      tf.data.experimental.OptimizationOptions)
    opts.threading.private_threadpool_size = 2
    merged = tf.data.Options().merge(opts)
    assert merged.threading.private_threadpool_size == 2


def test_sequence_example_protos():
    fl = tf.train.FeatureList(feature=[tf.train.Feature(
        int64_list=tf.train.Int64List(value=[i])) for i in range(2)])
    se = tf.train.SequenceExample(feature_lists=tf.train.FeatureLists(feature_list={"t": fl}))
    back = tf.train.SequenceExample.FromString(se.SerializeToString())
    assert [f.int64_list.value[0] for f in back.feature_lists.feature_list["t"].feature] == [0, 1]


def test_deviation_functions_of_strings_run_eagerly_per_element():
    # TF traces once (one call at trace time); JAX can't trace strings, so tfshim calls the
    # Python function on every element (after one call to learn its output structure).
    calls = []
    ds = tf.data.Dataset.from_tensor_slices(["a", "bb"]).map(
        lambda s: calls.append(1) or tf.constant(1))
    list(ds)
    assert len(calls) == 4  # two probes for the spec, then one per element


def test_deviation_unknown_dimensions_trace_per_shape():
    # TF traces once for shape (None,); tfshim traces at map() (twice, the second quietly, to
    # learn which output dimensions are unknown) and again for each new batch length.
    traces = []
    ds = tf.data.Dataset.range(5).batch(2).map(lambda b: traces.append(1) or b * 2)
    assert ds.element_spec == tf.TensorSpec([None], tf.int64)
    assert len(traces) == 2
    assert [a.tolist() for a in ds.as_numpy_iterator()] == [[0, 2], [4, 6], [8]]
    assert len(traces) == 3  # length 1 is new; length 2 was traced


def test_sample_from_datasets_weights_seeds_and_empty_inputs():
    a, b = tf.data.Dataset.range(0, 300), tf.data.Dataset.range(1000, 1100)
    s = tf.data.Dataset.sample_from_datasets([a, b], weights=[0.75, 0.25], seed=3)
    out = list(s.as_numpy_iterator())
    assert sorted(out) == list(range(300)) + list(range(1000, 1100))  # all of both, in order
    assert [v for v in out if v < 1000] == list(range(300))
    assert out == list(tf.data.Dataset.sample_from_datasets(
        [a, b], weights=[0.75, 0.25], seed=3).as_numpy_iterator())
    first = out[:100]
    assert 50 < sum(v < 1000 for v in first) < 95  # mostly from the 0.75 input
    stop = tf.data.Dataset.sample_from_datasets([tf.data.Dataset.range(0), b], seed=1,
                                                stop_on_empty_dataset=True)
    assert len(list(stop.as_numpy_iterator())) < 100
    r = tf.data.Dataset.random(seed=5).take(4)
    assert list(r.as_numpy_iterator()) == list(r.as_numpy_iterator())
    legacy = tf.data.experimental.RandomDataset(seed=5).take(4)
    assert list(legacy.as_numpy_iterator()) == list(r.as_numpy_iterator())


def test_lambda_on_a_continuation_line():
    # inspect.getsource of such a lambda raises tokenize.TokenError: AutoGraph leaves it as is.
    ds = tf.data.Dataset.range(3).map(
        lambda x: x + 1)
    assert list(ds.as_numpy_iterator()) == [1, 2, 3]


def test_compiled_programs_are_shared_by_structure():
    from tfshim.data.structured_function import _Program

    def first(ds):
        return next(iter(ds)).numpy().tolist()

    assert first(tf.data.Dataset.range(10).map(lambda x: x * 2)) == 0
    n = len(_Program._cache)
    # A new closure tracing to the same program compiles nothing new; the constants it
    # captures are the program's arguments, so each dataset sees its own.
    for k in (3, 5):
        table = np.array([k, k + 1, k + 2])
        ds = tf.data.Dataset.range(3).map(lambda x, t=table, k=k: tf.gather(t, x) * k)
        assert list(ds.as_numpy_iterator()) == [k * k, k * (k + 1), k * (k + 2)]
    assert len(_Program._cache) == n + 1
    # A last, short chunk runs padded to the compiled size: one program, TF's values.
    ds = tf.data.Dataset.range(200).map(lambda x: x * 7 + 1).batch(128)
    assert [b.tolist() for b in ds.as_numpy_iterator()] == [
        list(range(1, 7 * 128, 7)), list(range(7 * 128 + 1, 7 * 200, 7))]
    assert ds._input._fn._programs[(id(ds._input._fn._cf), True)][1]._rows == {128}
    # Per-element programs that assign variables write them back.
    v = tf.Variable(0, dtype=tf.int64)
    for _ in range(2):
        assert list(tf.data.Dataset.range(4).map(
            lambda x: v.assign_add(x) * 0 + x).as_numpy_iterator()) == [0, 1, 2, 3]
    assert int(v.numpy()) == 12


def test_deviation_eager_functions_learn_unknown_dimensions_from_two_elements():
    # TF infers the static shapes while tracing; a function of strings runs eagerly, and when
    # placeholder probes fail (a required feature is missing from an empty record) tfshim
    # learns its output spec from the first two elements: dimensions that differ are unknown.
    def record(n):
        feature = tf.train.Feature(int64_list=tf.train.Int64List(value=list(range(n))))
        return tf.train.Example(features=tf.train.Features(feature={
            "v": feature, "n": tf.train.Feature(int64_list=tf.train.Int64List(value=[n]))})
        ).SerializeToString()

    spec = {"v": tf.io.VarLenFeature(tf.int64), "n": tf.io.FixedLenFeature([], tf.int64)}
    ds = tf.data.Dataset.from_tensor_slices([record(2), record(3), record(3)]).map(
        lambda r: tf.io.parse_single_example(r, spec))
    assert ds.element_spec["v"] == tf.SparseTensorSpec([None], tf.int64)
    same = tf.data.Dataset.from_tensor_slices([record(3), record(3)]).map(
        lambda r: tf.io.parse_single_example(r, spec))
    assert same.element_spec["v"] == tf.SparseTensorSpec([3], tf.int64)  # TF: [None]
    assert [int(e["n"]) for e in ds] == [2, 3, 3]


def test_ragged_and_sparse_elements_batch_and_unbatch():
    words = tf.ragged.constant([[b"a", b"b"], [], [b"c"]])
    ds = tf.data.Dataset.from_tensor_slices(words)
    batched = ds.batch(2)
    assert batched.element_spec == tf.RaggedTensorSpec([None, None], tf.string, 1)
    assert [b.to_list() for b in batched] == [[[b"a", b"b"], []], [[b"c"]]]
    assert [e.numpy().tolist() for e in batched.unbatch()] == [[b"a", b"b"], [], [b"c"]]
    st = tf.sparse.from_dense(tf.constant([[0, 1, 0], [2, 0, 3]]))
    rows = tf.data.Dataset.from_tensor_slices(st).batch(5)
    (b,) = list(rows)
    assert tf.sparse.to_dense(b).numpy().tolist() == [[0, 1, 0], [2, 0, 3]]


def test_deviation_iterator_checkpoints_save_a_position(tmp_path):
    # TF saves the iterator's whole state under ITERATOR_STATE; tfshim saves the number of
    # elements given, in a variable, and replays the pass to it when restored.
    it = iter(tf.data.Dataset.range(5))
    ckpt = tf.train.Checkpoint(it=it)
    next(it)
    path = ckpt.write(str(tmp_path / "c"))
    assert ("it/_iterator_position/.ATTRIBUTES/VARIABLE_VALUE", []) in tf.train.list_variables(
        path)
    assert [int(next(it)) for _ in range(3)] == [1, 2, 3]
    ckpt.read(path)
    assert [int(x) for x in it] == [1, 2, 3, 4]


def test_map_random_ops_restart_with_each_iterator_as_tfs_kernels():
    # TF instantiates a dataset function per iterator: a seeded stateful op repeats each pass
    # (values from TF 2.21; Keras's fit shuffles with it).
    tf.random.set_seed(0)
    ds = tf.data.Dataset.range(1).map(
        lambda _: tf.random.shuffle(tf.range(8, dtype=tf.int64))).prefetch(1)
    passes = [next(iter(ds)).numpy().tolist() for _ in range(3)]
    assert passes == [[6, 4, 7, 3, 2, 1, 5, 0]] * 3


def test_optional_is_a_composite_a_tf_function_returns():
    spec = tf.OptionalSpec(tf.TensorSpec([2], tf.float32))
    opt = tf.experimental.Optional.from_value(tf.constant([1.0, 2.0]))
    assert opt._type_spec == spec
    f = tf.function(lambda x: tf.experimental.Optional.from_value(x * 2))
    out = f(tf.constant([1.0, 2.0]))
    assert bool(out.has_value()) and out.get_value().numpy().tolist() == [2.0, 4.0]
    it = iter(tf.data.Dataset.from_tensor_slices([1, 2]))
    g = tf.function(lambda i: i.get_next_as_optional())
    assert [g(it).get_value().numpy() for _ in range(2)] == [1, 2]
    assert not bool(g(it).has_value())
    with pytest.raises(tf.errors.InvalidArgumentError, match="does not have a value"):
        g(it).get_value()


def test_repeat_of_one_fixed_element_shares_its_arrays():
    # Keras zips its whole arrays in as from_tensors(arrays).repeat(): each element is the same
    # arrays, not a copy gathered per row.
    x = np.arange(12.0).reshape(3, 4)
    ds = tf.data.Dataset.zip((tf.data.Dataset.range(3),
                              tf.data.Dataset.from_tensors((x, [1, 2])).repeat()))
    out = list(ds)
    assert [int(i) for i, _ in out] == [0, 1, 2]
    assert all(np.array_equal(a.numpy(), x) and b.numpy().tolist() == [1, 2]
               for _, (a, b) in out)
    assert out[0][1][0]._value is out[2][1][0]._value
    assert [int(v) for v in tf.data.Dataset.from_tensors(7).repeat(3)] == [7, 7, 7]
    assert list(tf.data.Dataset.from_tensors(7).repeat(0)) == []
