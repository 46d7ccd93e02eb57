# tf.math.special (Bessel J/Y/K/I, dawsn, expint, Fresnel, spence: values, dtypes, gradients,
# errors), tf.sets (dense/sparse/string sets, size, errors), tf.io.decode_csv (types, quoting,
# na_value, select_cols, errors), tf.data.experimental.CsvDataset/make_csv_dataset and
# tf.config.experimental_connect_to_cluster/_host's checks.
# Values are rounded: TF's float32 kernels use Cephes' single-precision series (README: known
# deviations). The gradients of bessel_i1/j1/y1/k1 print a TF deprecation warning (math_ops.div)
# that tfshim doesn't: tests/test_special_sets_csv.py covers them.
import numpy as np
import tensorflow as tf


def show(f):
    """Print the repr of f(), or the exception type and first line it raises."""
    try:
        print(repr(f()))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))


S = tf.math.special
NAMES = ["bessel_i0", "bessel_i0e", "bessel_i1", "bessel_i1e", "bessel_j0", "bessel_j1",
         "bessel_k0", "bessel_k0e", "bessel_k1", "bessel_k1e", "bessel_y0", "bessel_y1", "dawsn",
         "expint", "fresnel_cos", "fresnel_sin", "spence"]
x64 = tf.constant([0.0, -0.7, 0.5, 1.5, 3.0, 7.5, np.inf, -np.inf, np.nan], tf.float64)

# %%
print(sorted(n for n in dir(S) if not n.startswith("_")) == NAMES)
for n in NAMES:
    y = getattr(S, n)(x64)
    print(n, y.dtype.name, y.shape, np.round(y.numpy(), 7))

# %%
for n in ["bessel_i1e", "bessel_j1", "bessel_k0", "bessel_y0", "dawsn", "spence"]:
    y = getattr(S, n)(tf.constant([0.25, 1.5, 4.0], tf.float32))
    h = getattr(S, n)(tf.constant([1.5], tf.float16)) if n.startswith("bessel") else None
    print(n, y.dtype.name, np.round(y.numpy(), 5), None if h is None else (h.dtype.name, h.numpy()))

# %%
x = tf.constant([0.0, 0.5, 1.5, 3.0, -0.7], tf.float64)
for n in ["bessel_j0", "bessel_k0e", "dawsn", "expint", "fresnel_sin", "spence"]:
    with tf.GradientTape() as t:
        t.watch(x)
        y = getattr(S, n)(x)
    print(n, np.round(t.gradient(y, x).numpy(), 6))
v = tf.Variable([1.5], dtype=tf.float64)
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = S.bessel_k0e(v)
    d = t1.gradient(y, v)
print(np.round(t2.gradient(d, v).numpy(), 6), tf.function(S.bessel_k1)(tf.constant([2.0])).dtype)

# %%
show(lambda: S.bessel_j0(tf.constant([1.0], tf.bfloat16)))
show(lambda: S.expint(tf.constant([1.0], tf.float16)))
show(lambda: S.spence(tf.constant([1.0], tf.bfloat16)))
show(lambda: S.dawsn(tf.constant([1j], tf.complex64)))
show(lambda: S.bessel_y1(tf.constant([1])))
show(lambda: S.fresnel_sin(2))
show(lambda: S.bessel_k0(tf.constant([1], tf.int64)))

# %%
a = tf.constant([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
b = tf.constant([[[1, 3], [2, 5]], [[5, 6], [0, 7]]])
print(tf.sets.intersection(a, b))
print(tf.sets.union(a, b))
print(tf.sets.difference(a, b))
print(tf.sets.difference(a, b, aminusb=False))

# %%
st = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 0]], [4, 2, 9], [2, 3])
x = tf.constant([[3, 1, 1, 2], [5, 5, 5, 5]])
print(tf.sets.intersection(x, st))
print(tf.sets.difference(st, x), tf.sets.difference(st, x, aminusb=False))
print(tf.sets.union(st, st))
print(tf.sets.size(st), tf.sets.size(tf.sparse.from_dense(x)))
s = tf.constant([["a", "b", "c"], ["d", "a", "a"]])
print(tf.sets.union(s, tf.constant([["b", "z", "z"], ["a", "q", "r"]])))
print(tf.sets.difference(s, [["b", "z", "z"], ["a", "q", "r"]]))
print(tf.sets.union(tf.constant([[1, 1]], tf.int8), tf.constant([[2]], tf.int8)))
print(tf.sets.intersection(tf.constant(np.zeros((2, 0), np.int32)), tf.constant([[1], [2]])))
print(tf.sparse.to_dense(tf.sets.union([[1, 5], [2, 2]], [[3, 1], [9, 2]])))

# %%
show(lambda: tf.sets.intersection(tf.constant([[1.0, 2.0]]), tf.constant([[1.0]])))
show(lambda: tf.sets.intersection(tf.constant([[1, 2]]), tf.constant([[1, 2]], tf.int64)))
show(lambda: tf.sets.intersection(tf.constant([[1, 2]]), tf.constant([[1, 2], [3, 4]])))
show(lambda: tf.sets.intersection(tf.constant([1, 2]), tf.constant([[1, 2], [3, 4]])))
show(lambda: tf.sets.union(tf.constant(1), tf.constant(2)))
show(lambda: tf.sets.intersection(st, tf.constant([[1, 2]])))
show(lambda: tf.sets.size(tf.constant([[1, 2, 2]])))
show(lambda: tf.sets.size(tf.sparse.SparseTensor([[0]], [1.0], [2])))
show(lambda: tf.sets.size(tf.sparse.SparseTensor([[0]], [1], [2])))
show(lambda: tf.sets.union(tf.constant([[1]]), tf.sparse.SparseTensor([[0]], [1], [2])))
bad = tf.sparse.SparseTensor([[0, 1], [0, 0]], [4, 2], [1, 3])
show(lambda: tf.sets.size(bad))
show(lambda: tf.sets.size(bad, validate_indices=False))
show(lambda: tf.sets.union(bad, bad))
show(lambda: tf.sets.union(bad, bad, validate_indices=False))
show(lambda: tf.sets.size(tf.sparse.SparseTensor([[0, 0], [1, 0], [1, 9]], [1, 2, 3], [2, 2]),
                          validate_indices=False))

# %%
recs = tf.constant(["1,2.5,hello,7", '3,,"a,b",', ",4.25,x y,9"])
print(tf.io.decode_csv(recs, [[0], [0.0], ["d"], tf.constant([0], tf.int64)]))
print(tf.io.decode_csv(recs, [[0], [0.0], [""], [tf.constant(1, tf.float64)]],
                       select_cols=[0, 1, 2, 3]))
print(tf.io.decode_csv(recs, [[0], [""]], select_cols=[0, 2]))
print(tf.io.decode_csv(["1;2", "NA;4"], [[0], [0]], field_delim=";", na_value="NA"))
print(tf.io.decode_csv(['"a""b",1', '"x",2'], [[""], [0]]))
print(tf.io.decode_csv(['"a""b",1', '"x",2'], [[""], [0]], use_quote_delim=False))
print(tf.io.decode_csv("5,6", [[0], [0]]), tf.io.decode_csv([["5,6"], ["7,8"]], [[0], [0]]))
print(tf.io.decode_csv([" 1 , 2.5 ", "+5,-inf", "010,0x1p3"], [[0], [0.0]]))
print(tf.io.decode_csv(['1,"2",3,a"b', "4,5"], [[0], [0]], select_cols=[0, 1]))
print(tf.io.decode_csv(["1,", '"",2'], [[7], [9]]), tf.io.decode_csv(tf.constant([], tf.string), [[7]]))
ds = tf.data.Dataset.from_tensor_slices(["1,2.5,a", "3,,b"]).map(
    lambda line: tf.io.decode_csv(line, [[0], [9.0], [""]]))
print(ds.element_spec, list(ds.as_numpy_iterator()))

# %%
show(lambda: tf.io.decode_csv(recs, [tf.constant([], tf.int32), [1.0], [""], [5.0]]))
show(lambda: tf.io.decode_csv(recs, [[0], [""]], select_cols=[2, 0]))
for r, d in [(["1,2,3"], [[0], [0]]), (["1"], [[0], [0]]), (["a,2"], [[0], [0]]),
             (["1.5,2"], [[0], [0]]), (["x,99999999999"], [[""], [0]]), (['a"b,2'], [[""], [0]]),
             (['"ab"c,2'], [[""], [0]]), (['"ab,2'], [[""], [0]]), (["1d"], [[0.0]]),
             (["-"], [tf.constant([0.0], tf.float64)]), ([""], [[7]]), (["1,2"], [[True], [0]]),
             (["1,2"], [[0, 1], [0]]), (["1,2"], [[[0]], [0]]), (["1,2"], []), ([1, 2], [[0]])]:
    show(lambda: tf.io.decode_csv(r, d))
show(lambda: tf.io.decode_csv(["1,2"], [[0], [0]], field_delim=";;"))
show(lambda: tf.io.decode_csv(["1,2"], [[0]], select_cols=[0, 1]))
show(lambda: tf.io.decode_csv(["1,2"], [[0], [0]], select_cols=[-1, 1]))
show(lambda: tf.io.decode_csv(["1,2"], [[0], [0]], select_cols=[0, 3]))

# %%
show(lambda: tf.config.experimental_connect_to_host(None))
show(lambda: tf.config.experimental_connect_to_host([]))
show(lambda: tf.config.experimental_connect_to_cluster(None))
show(lambda: tf.config.experimental_connect_to_cluster("localhost:1234"))
show(lambda: tf.config.experimental_connect_to_cluster(tf.train.ClusterSpec({"worker": []})))
resolver = tf.distribute.cluster_resolver.SimpleClusterResolver(tf.train.ClusterSpec({}), "local")
show(lambda: tf.config.experimental_connect_to_cluster(resolver))
print(tf.config.list_logical_devices("CPU"))

# %%
import os  # noqa: E402
import tempfile  # noqa: E402

tmp = tempfile.mkdtemp()


def csv_file(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


a = csv_file("a.csv", b'x,y,z\n1,2.5,"he\nllo"\n3,,b\r\n4,1e3,"q""r"\r5,NA,s')
ds = tf.data.experimental.CsvDataset(a, [[0], [9.0], [""]], header=True, na_value="NA")
print(ds.element_spec, ds.cardinality())
print(list(ds.as_numpy_iterator()))
print(list(tf.data.experimental.CsvDataset([a, a], [tf.int32, tf.constant([0.5], tf.float64)],
                                           header=True,
                                           select_cols=[0, 1], na_value="NA").take(3)))
print(list(tf.data.experimental.CsvDataset(a, [tf.int64, [""]], header=True, exclude_cols=[1])))
print(list(tf.data.experimental.CsvDataset(csv_file("b.csv", b"1;2;\n\n"), [[0], [0], [7]],
                                           field_delim=";").take(1)))
for data, defaults in [(b"1,2\n\n", [[0], [0]]), (b"1,2,3\n", [[0], [0]]), (b'1,"2\n', [[0], [0]]),
                       (b'1,a"b\n', [[0], [""]]), (b"1,x\n", [[0], [0]]),
                       (b",1\n", [tf.int32, [0]])]:
    show(lambda: list(tf.data.experimental.CsvDataset(csv_file("c.csv", data), defaults)))
for kwargs in [dict(select_cols=[0, 1], exclude_cols=[1]), dict(select_cols=[1, 0]),
               dict(select_cols=[0]), dict(exclude_cols=[1, 0]), dict(field_delim="ab")]:
    show(lambda: tf.data.experimental.CsvDataset(a, [[0], [0]], **kwargs))
show(lambda: tf.data.experimental.CsvDataset(a, [[True], [0]]))
show(lambda: tf.data.experimental.CsvDataset(a, [[0, 1], [0]]))

# %%
m1 = csv_file("m1.csv", b'x,y,name,big\n1,2.5,ab,3000000000\n3,,cd,1\n4,7,"e,f",2\n')
m2 = csv_file("m2.csv", b"x,y,name,big\n5,1e3,gh,4\n")
ds = tf.data.experimental.make_csv_dataset([m1, m2], batch_size=2, num_epochs=1, shuffle=False)
print(ds.element_spec)
for batch in ds:
    print(batch)
ds = tf.data.experimental.make_csv_dataset([m1, m2], batch_size=3, num_epochs=1, shuffle=False,
                                           label_name="y", select_columns=["y", "x"])
print(ds.element_spec, list(ds))
ds = tf.data.experimental.make_csv_dataset(m1, batch_size=2, num_epochs=1, shuffle=False,
                                           column_defaults=[tf.int64, [0.0], [""], [0.5]],
                                           num_parallel_reads=2)
print(list(ds))
ds = tf.data.experimental.make_csv_dataset(m1, batch_size=2, shuffle=False)
print(ds.element_spec, next(iter(ds)))
show(lambda: tf.data.experimental.make_csv_dataset(m1, 2, label_name="q"))
show(lambda: tf.data.experimental.make_csv_dataset(m1, 2, select_columns=["q"]))
show(lambda: tf.data.experimental.make_csv_dataset(m1, 2, select_columns=[9]))
show(lambda: tf.data.experimental.make_csv_dataset(m1, 2, header=False))
show(lambda: tf.data.experimental.make_csv_dataset(m1, 2, column_names=["a", "a", "b", "c"]))
show(lambda: tf.data.experimental.make_csv_dataset([], 2))
show(lambda: tf.data.experimental.make_csv_dataset(csv_file("m3.csv", b"x,y\n1\n"), 2))
