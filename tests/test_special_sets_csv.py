"""tf.math.special, tf.sets, tf.io.decode_csv and tf.config.experimental_connect_to_*: values
against SciPy and against what TF 2.21 gives (expected values below were printed by real TF)."""

import numpy as np
import pytest
import scipy.special as sp
from testing import (
    F16,
    F32,
    F64,
    check,
    check_function_matches_eager,
    finite_differences,
    tape_grads,
)

import tfshim as tf

S = tf.math.special

# name, SciPy reference, domain
SPECIAL = [
    ("bessel_j0", sp.j0, (-12, 12)), ("bessel_j1", sp.j1, (-12, 12)),
    ("bessel_y0", sp.y0, (0.1, 12)), ("bessel_y1", sp.y1, (0.1, 12)),
    ("bessel_k0", sp.k0, (0.1, 8)), ("bessel_k0e", sp.k0e, (0.1, 8)),
    ("bessel_k1", sp.k1, (0.1, 8)), ("bessel_k1e", sp.k1e, (0.1, 8)),
    ("bessel_i0", sp.i0, (-5, 5)), ("bessel_i1e", sp.i1e, (-5, 5)),
    ("dawsn", sp.dawsn, (-6, 6)), ("expint", sp.expi, (0.1, 6)),
    ("fresnel_cos", lambda x: sp.fresnel(x)[1], (-4, 4)),
    ("fresnel_sin", lambda x: sp.fresnel(x)[0], (-4, 4)), ("spence", sp.spence, (0, 4)),
]


# One shape and dtype for all of these tests, so each op compiles once.
X = np.array([0.0, -0.7, np.inf, -np.inf, np.nan, 0.5, 1.5, 3.0, 7.0])


@pytest.mark.parametrize("name,ref,domain", SPECIAL, ids=[s[0] for s in SPECIAL])
def test_special_values_match_scipy(name, ref, domain):
    x = np.random.default_rng(3).uniform(*domain, 9)
    got = getattr(S, name)(tf.constant(x))
    assert got.dtype == tf.float64
    check(got, ref(x), F64, kind="special")
    if name in ("bessel_j0", "bessel_k1", "dawsn"):
        check(getattr(S, name)(tf.constant(x.astype(F32))), ref(x).astype(F32), F32,
              kind="special")


def test_special_edges_as_tf():
    x = tf.constant(X)
    # TF 2.21's values at the edges of each domain (0, -0.7, inf, -inf, nan).
    want = {"bessel_k0": [np.inf, np.inf, 0, np.inf], "bessel_k1e": [np.inf, np.inf, 0, np.inf],
            "bessel_y0": [-np.inf, -np.inf, np.nan, -np.inf],
            "bessel_y1": [-np.inf, -np.inf, np.nan, -np.inf],
            "bessel_j0": [1, 0.8812008886074052, np.nan, np.nan],
            "expint": [-np.inf, np.nan, np.nan, np.nan], "spence": [np.pi ** 2 / 6] + [np.nan] * 3,
            "dawsn": [0, -0.5105040575592318, 0, 0],
            "fresnel_cos": [0, -0.6596523519045103, 0.5, -0.5]}
    for name, w in want.items():
        got = getattr(S, name)(x).numpy()
        np.testing.assert_allclose(got[:4], w, rtol=1e-14, err_msg=name)
        assert np.isnan(got[4])
    assert not np.signbit(S.dawsn(x).numpy()[3])  # TF's 0, not -0


def test_special_half_precision_and_dtype_errors_as_tf():
    assert S.bessel_k1e(tf.constant([1.5], tf.float16)).dtype == tf.float16
    assert S.fresnel_cos(tf.constant([0.0])).numpy().tolist() == [0.0]
    check(S.bessel_j0(tf.constant([1.5], tf.float16)), np.array([0.5117], F16), F16)
    with pytest.raises(tf.errors.NotFoundError) as e:
        S.bessel_y0(tf.constant([1.0], tf.bfloat16))
    assert str(e.value) == (
        "Could not find device for node: {{node BesselY0}} = BesselY0[T=DT_BFLOAT16]\nAll kernels "
        "registered for op BesselY0:\n  device='CPU'; T in [DT_DOUBLE]\n  device='CPU'; T in "
        "[DT_FLOAT]\n  device='CPU'; T in [DT_HALF]\n [Op:BesselY0] name: ")
    with pytest.raises(tf.errors.NotFoundError, match=r"Spence\[T=DT_HALF\]\nAll kernels "
                       r"registered for op Spence:\n  device='CPU'; T in \[DT_DOUBLE\]\n  "
                       r"device='CPU'; T in \[DT_FLOAT\]\n \[Op:Spence\]"):
        S.spence(tf.constant([1.0], tf.float16))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Value for attr 'T' of complex64 "
                       "is not in the list of allowed values: bfloat16, half, float, double"):
        S.dawsn(tf.constant([1j], tf.complex64))
    assert S.bessel_i0 is tf.math.bessel_i0 and S.bessel_i1e is tf.math.bessel_i1e


def test_special_gradients_are_tfs():
    x = np.array([0.5, 1.5, 3.0, 7.0, 0.2, 2.5, 4.0, 5.5, 9.0])
    for name in ("bessel_j1", "bessel_k1e", "dawsn", "expint", "spence"):
        f = getattr(S, name)
        (g,) = tape_grads(f, x)
        (fd,) = finite_differences(lambda v, f=f: np.sum(f(tf.constant(v)).numpy()), [x])
        np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-8, err_msg=name)
    # TF's imputed values at 0 (TF 2.21: I0' = 0, I1' = 1, J1' = 0.5) and its NaN for K0e at x < 0.
    z = X
    assert tape_grads(S.bessel_i0, z)[0][0] == 0 and tape_grads(S.bessel_i1, z)[0][0] == 1
    assert tape_grads(S.bessel_j1, z)[0][0] == 0.5
    assert np.isnan(tape_grads(S.bessel_k0e, z)[0][1])
    # Second order through the declared rules: d2/dx2 j0 = -j1'(x).
    v = tf.constant([1.5], tf.float64)
    with tf.GradientTape() as t2:
        t2.watch(v)
        with tf.GradientTape() as t1:
            t1.watch(v)
            y = S.bessel_j0(v)
        d = t1.gradient(y, v)
    np.testing.assert_allclose(t2.gradient(d, v).numpy(), -(sp.j0(1.5) - sp.j1(1.5) / 1.5))


# -- tf.sets --------------------------------------------------------------------------------------
def _st(s):
    return s.indices.numpy().tolist(), s.values.numpy().tolist(), s.dense_shape.numpy().tolist()


def test_set_operations_dense_and_sparse_as_tf():
    a = tf.constant([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
    b = tf.constant([[[1, 3], [2, 5]], [[5, 6], [0, 7]]])
    assert _st(tf.sets.intersection(a, b)) == (
        [[0, 0, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0]], [1, 5, 6, 7], [2, 2, 2])
    u = tf.sets.union(a, b)
    assert u.values.dtype == tf.int32 and u.indices.dtype == tf.int64
    assert _st(u)[1:] == ([1, 2, 3, 2, 3, 4, 5, 5, 6, 0, 7, 8], [2, 2, 4])
    assert _st(tf.sets.difference(a, b))[1] == [2, 3, 4, 8]
    assert _st(tf.sets.difference(a, b, aminusb=False))[1] == [3, 2, 5, 0]
    st = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 0]], [4, 2, 9], [2, 3])
    x = tf.constant([[3, 1, 1, 2], [5, 5, 5, 5]])
    assert _st(tf.sets.intersection(x, st)) == ([[0, 0]], [2], [2, 1])
    # Sparse first: TF flips to Dense,Sparse (and flips aminusb).
    assert _st(tf.sets.difference(st, x)) == ([[0, 0], [1, 0]], [4, 9], [2, 1])
    assert _st(tf.sets.union(st, st))[1] == [2, 4, 9]
    assert tf.sets.size(st).numpy().tolist() == [2, 1]
    assert tf.sets.size(tf.sparse.from_dense(x)).numpy().tolist() == [3, 1]
    s = tf.sets.union(tf.constant([["a", "b", "c"], ["d", "a", "a"]]),
                      tf.constant([["b", "z", "z"], ["a", "q", "r"]]))
    assert _st(s)[1:] == ([b"a", b"b", b"c", b"z", b"a", b"d", b"q", b"r"], [2, 4])
    empty = tf.sets.intersection(tf.zeros([2, 0], tf.int32), tf.constant([[1], [2]]))
    assert _st(empty) == ([], [], [2, 0]) and empty.indices.shape == (0, 2)


def test_set_errors_as_tf():
    dev = "{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} %s"
    with pytest.raises(TypeError, match=r"^'a' has invalid dtype `<dtype: 'float32'>` not in "
                       r"supported dtypes: `frozenset\(\{tf.int32, tf.uint8, tf.int16, tf.int8, "
                       r"tf.string, tf.int64, tf.uint16\}\)`.$"):
        tf.sets.union(tf.constant([[1.0]]), tf.constant([[1.0]]))
    with pytest.raises(TypeError, match="^Types don't match, <dtype: 'int32'> vs <dtype: 'int64'>"):
        tf.sets.union([[1]], tf.constant([[1]], tf.int64))
    with pytest.raises(TypeError, match="^Expected `SparseTensor`, got tf.Tensor"):
        tf.sets.size(tf.constant([[1]]))
    cases = [
        (lambda: tf.sets.union([[1, 2]], [[1, 2], [3, 4]]), "DenseToDenseSetOperation",
         "Mismatched shapes [1] vs [2]"),
        (lambda: tf.sets.union([1, 2], [[1]]), "DenseToDenseSetOperation",
         "Shape [2] has rank 1 < 2"),
        (lambda: tf.sets.union(tf.sparse.SparseTensor([[0]], [1], [2]), [[1]]),
         "DenseToSparseSetOperation", "Invalid rank 1."),
        (lambda: tf.sets.size(tf.sparse.SparseTensor([[0, 1], [0, 0]], [4, 2], [1, 3])),
         "SetSize", "indices[1] = [0,0] is out of order."),
    ]
    for f, op_type, text in cases:
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            f()
        assert str(e.value).startswith(dev % (op_type, text)), str(e.value)
    bad = tf.sparse.SparseTensor([[0, 0], [1, 0], [1, 9]], [1, 2, 3], [2, 2])
    with pytest.raises(tf.errors.InternalError, match=r"indices\[1, 1\] expected < 2, got 9\."):
        tf.sets.size(bad, validate_indices=False)
    unsorted = tf.sparse.SparseTensor([[0, 1], [0, 0]], [4, 2], [1, 3])
    assert tf.sets.size(unsorted, validate_indices=False).numpy().tolist() == [2]


# -- tf.io.decode_csv -----------------------------------------------------------------------------
def _vals(ts):
    return [(t.dtype.name, t.numpy().tolist()) for t in ts]


def test_decode_csv_as_tf():
    recs = tf.constant(["1,2.5,hello,7", '3,,"a,b",', ",4.25,x y,9"])
    out = tf.io.decode_csv(recs, [[0], [0.0], ["d"], tf.constant([0], tf.int64)])
    assert _vals(out) == [("int32", [1, 3, 0]), ("float32", [2.5, 0.0, 4.25]),
                          ("string", [b"hello", b"a,b", b"x y"]), ("int64", [7, 0, 9])]
    assert _vals(tf.io.decode_csv(recs, [[0], [""]], select_cols=[0, 2])) == [
        ("int32", [1, 3, 0]), ("string", [b"hello", b"a,b", b"x y"])]
    assert _vals(tf.io.decode_csv(["1;2", "NA;4"], [[0], [0]], field_delim=";",
                                  na_value="NA")) == [("int32", [1, 0]), ("int32", [2, 4])]
    assert _vals(tf.io.decode_csv(['"a""b",1'], [[""], [0]]))[0][1] == [b'a"b']
    assert _vals(tf.io.decode_csv(['"a""b",1'], [[""], [0]], use_quote_delim=False))[0][1] == [
        b'"a""b"']
    grid = tf.io.decode_csv([["5,6"], ["7,8"]], [[0], [0]])
    assert grid[0].shape == (2, 1) and grid[1].numpy().tolist() == [[6], [8]]
    assert _vals(tf.io.decode_csv([" 1 , 0x1p3 ", "+5,inf"], [[0], [0.0]])) == [
        ("int32", [1, 5]), ("float32", [8.0, np.inf])]
    # With select_cols TF stops reading after the last selected column.
    assert _vals(tf.io.decode_csv(['1,"2",3,a"b'], [[0], [0]], select_cols=[0, 1]))[1][1] == [2]


def test_decode_csv_errors_as_tf():
    def kernel(n, text):
        return ("{{function_node __wrapped__DecodeCSV_OUT_TYPE_%d_device_/job:localhost/replica:0"
                "/task:0/device:CPU:0}} %s [Op:DecodeCSV]" % (n, text))

    cases = [
        (["1,2,3"], [[0], [0]], {}, kernel(2, "Expect 2 fields but have 3 in record 0")),
        ([",2"], [tf.constant([], tf.int32), [0]], {},
         kernel(2, "Field 0 is required but missing in record 0!")),
        (["1.5,2"], [[0], [0]], {}, kernel(2, "Field 0 in record 0 is not a valid int32: 1.5")),
        (["1d"], [tf.constant([0.0], tf.float64)], {},
         kernel(1, "Field 0 in record 0 is not a valid double: 1d")),
        (["x,99999999999"], [[""], [0]], {},
         kernel(2, "Field 1 in record 0 is not a valid int32: 99999999999")),
        (['a"b,2'], [[""], [0]], {}, kernel(2, "Unquoted fields cannot have quotes/CRLFs inside")),
        (['"ab"c,2'], [[""], [0]], {},
         kernel(2, "Quote inside a string has to be escaped by another quote")),
        (['"ab,2'], [[""], [0]], {},
         kernel(2, "Quoted field has to end with quote followed by delim or end")),
        (["1,2"], [[0], [0]], {"field_delim": ";;"},
         kernel(2, "field_delim should be only 1 char")),
        (["1,2"], [[0, 1], [0]], {},
         kernel(2, "There should only be 1 default per field but field 0 has 2")),
        (["1,2"], [[[0]], [0]], {}, kernel(2, "Each record default should be at most rank 1")),
    ]
    for records, defaults, kwargs, text in cases:
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            tf.io.decode_csv(records, defaults, **kwargs)
        assert str(e.value) == text
    with pytest.raises(tf.errors.InvalidArgumentError, match="^Value for attr 'OUT_TYPE' of bool "
                       "is not in the list of allowed values: float, double, int32, int64, string"):
        tf.io.decode_csv(["1"], [[True]])
    for cols, text in [([1, 1], "select_cols is not strictly increasing."),
                       ([-1, 1], "select_cols contains negative values."),
                       ([0], "Length of select_cols and record_defaults do not match.")]:
        with pytest.raises(ValueError, match="^" + text):
            tf.io.decode_csv(["1,2"], [[0], [0]], select_cols=cols)


def test_decode_csv_in_dataset_map_and_function():
    ds = tf.data.Dataset.from_tensor_slices(["1,2.5", "3,", "7,1"]).map(
        lambda line: tf.io.decode_csv(line, [[0], [9.0]]))
    assert [(int(a), float(b)) for a, b in ds] == [(1, 2.5), (3, 9.0), (7, 1.0)]
    f = tf.function(lambda r: tf.io.decode_csv(r, [[0], [9.0]]))
    assert [t.numpy().tolist() for t in f(tf.constant(["4,5"]))] == [[4], [5.0]]
    assert [t.numpy().tolist() for t in f(tf.constant(["6,"]))] == [[6], [9.0]]


# -- tf.config.experimental_connect_to_* ----------------------------------------------------------
def test_connect_to_cluster_checks_and_local_clusters():
    with pytest.raises(ValueError, match="^Must provide at least one remote_host$"):
        tf.config.experimental_connect_to_host([])
    with pytest.raises(ValueError, match="must be a `ClusterSpec` or a `ClusterResolver`"):
        tf.config.experimental_connect_to_cluster("localhost:1234")
    local = tf.distribute.cluster_resolver.SimpleClusterResolver(tf.train.ClusterSpec({}), "local")
    assert tf.config.experimental_connect_to_cluster(local) is None
    assert tf.config.experimental_connect_to_cluster(tf.train.ClusterSpec({"worker": []})) is None
    # tfshim deviation (README): remote tasks fail at once where TF blocks trying to reach them.
    with pytest.raises(tf.errors.UnavailableError, match=r"/job:worker \(10.0.0.1:8470\)"):
        tf.config.experimental_connect_to_host("grpc://10.0.0.1:8470")


def test_deviation_sets_in_tf_function_run_eagerly():
    # README known deviations: a set op's result shape depends on the values.
    check_function_matches_eager(lambda a, b: tf.sparse.to_dense(tf.sets.union(a, b)),
                                 tf.constant([[1, 5], [2, 2]]), tf.constant([[3, 1], [9, 2]]),
                                 compiled=False)


# -- tf.data.experimental.CsvDataset ------------------------------------------------------------
def test_csv_dataset_as_tf(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b'x,y,z\n1,2.5,"he\nllo"\n3,,b\r\n4,1e3,"q""r"\r5,NA,s')
    ds = tf.data.experimental.CsvDataset(str(path), [[0], [9.0], [""]], header=True,
                                         na_value="NA")
    assert [s.dtype for s in ds.element_spec] == [tf.int32, tf.float32, tf.string]
    assert [tuple(getattr(v, "tolist", lambda v=v: v)() for v in r)
            for r in ds.as_numpy_iterator()] == [
        (1, 2.5, b"he\nllo"), (3, 9.0, b"b"), (4, 1000.0, b'q"r'), (5, 9.0, b"s")]
    cols = tf.data.experimental.CsvDataset(str(path), [tf.int64, [""]], header=True,
                                           exclude_cols=[1])
    assert [int(r[0]) for r in cols] == [1, 3, 4, 5] and cols.element_spec[0].dtype == tf.int64
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"1,2\n1,2,3\n")
    it = iter(tf.data.experimental.CsvDataset(str(bad), [[0], [0]]))
    assert [int(v) for v in next(it)] == [1, 2]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Expect 2 fields but have more in "
                       r"record \[Op:IteratorGetNext\]"):
        next(it)
    with pytest.raises(tf.errors.InvalidArgumentError, match="select_cols should be strictly "
                       r"increasing indices \[Op:CSVDatasetV2\]"):
        tf.data.experimental.CsvDataset(str(bad), [[0], [0]], select_cols=[1, 0])


def test_make_csv_dataset_as_tf(tmp_path):
    (tmp_path / "a.csv").write_text('x,y,name,big\n1,2.5,ab,3000000000\n3,,cd,1\n4,7,"e,f",2\n')
    (tmp_path / "b.csv").write_text("x,y,name,big\n5,1e3,gh,4\n")
    ds = tf.data.experimental.make_csv_dataset(str(tmp_path / "*.csv"), batch_size=3,
                                               num_epochs=1, shuffle=False, label_name="y")
    spec = ds.element_spec
    # TF's inferred types: int32, float32 (an empty field keeps the type), string, int64.
    assert [(k, v.dtype) for k, v in spec[0].items()] == [
        ("x", tf.int32), ("name", tf.string), ("big", tf.int64)] and spec[1].dtype == tf.float32
    batches = [(f["x"].numpy().tolist(), y.numpy().tolist()) for f, y in ds]
    assert batches == [([1, 3, 4], [2.5, 0.0, 7.0]), ([5], [1000.0])]
    with pytest.raises(ValueError, match="^`label_name` provided must be one of the columns"):
        tf.data.experimental.make_csv_dataset(str(tmp_path / "a.csv"), 2, label_name="q")
