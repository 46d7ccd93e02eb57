# tf.raw_ops: keyword-only calls of TF's op functions, their attr defaults, errors and hasattr.
import tensorflow as tf

R = tf.raw_ops
x = tf.constant([[1.0, -2.0], [3.0, 0.5]])
y = tf.constant([[0.5, 4.0], [-1.0, 2.0]])
i = tf.constant([[7, -3], [4, 9]])
j = tf.constant([[2, 2], [-3, 4]])

# %% elementwise math
for r in [R.Abs(x=x), R.Neg(x=x), R.Exp(x=x), R.Log(x=tf.abs(x)), R.Log1p(x=tf.abs(x)),
          R.Expm1(x=x), R.Sqrt(x=tf.abs(x)), R.Rsqrt(x=tf.abs(x)), R.Square(x=x),
          R.Reciprocal(x=x), R.Sign(x=x), R.Sin(x=x), R.Cos(x=x), R.Tanh(x=x), R.Sigmoid(x=x),
          R.Erf(x=x), R.Floor(x=x), R.Ceil(x=x), R.Round(x=x), R.Rint(x=x), R.IsNan(x=x),
          R.IsFinite(x=x), R.LogicalNot(x=x > 0)]:
    print(r)

# %% binary math
for r in [R.AddV2(x=x, y=y), R.Add(x=i, y=j), R.Sub(x=x, y=y), R.Mul(x=i, y=j),
          R.RealDiv(x=x, y=y), R.DivNoNan(x=x, y=y - y), R.Maximum(x=x, y=y),
          R.Minimum(x=i, y=j), R.Pow(x=x, y=y), R.FloorDiv(x=i, y=j), R.FloorMod(x=i, y=j),
          R.SquaredDifference(x=x, y=y), R.Atan2(y=x, x=y), R.Equal(x=i, y=j),
          R.NotEqual(x=i, y=j), R.Less(x=x, y=y), R.LessEqual(x=x, y=y), R.Greater(x=x, y=y),
          R.GreaterEqual(x=i, y=j), R.LogicalAnd(x=x > 0, y=y > 0), R.LogicalOr(x=x > 0, y=y > 0),
          R.AddN(inputs=[x, y, x]), R.SelectV2(condition=x > y, t=x, e=y)]:
    print(r)

# %% reductions, scans, matmul
for r in [R.Sum(input=i, axis=0), R.Sum(input=x, axis=[0, 1], keep_dims=True),
          R.Mean(input=x, axis=1), R.Max(input=i, axis=1, keep_dims=True), R.Min(input=x, axis=0),
          R.Prod(input=i, axis=-1), R.ArgMax(input=x, dimension=1),
          R.ArgMin(input=i, dimension=0, output_type=tf.int32), R.Cumsum(x=x, axis=1),
          R.Cumsum(x=i, axis=0, exclusive=True, reverse=True), R.MatMul(a=x, b=y),
          R.MatMul(a=x, b=y, transpose_a=True, grad_b=True),
          R.BatchMatMulV2(x=tf.stack([x, y]), y=y, adj_y=True),
          R.Einsum(inputs=[x, y], equation="ij,jk->ik"), R.L2Loss(t=x),
          R.SegmentSum(data=x, segment_ids=[0, 0]),
          R.UnsortedSegmentSum(data=i, segment_ids=[1, 0], num_segments=3),
          R.ClipByValue(t=x, clip_value_min=-1.0, clip_value_max=1.0)]:
    print(r)

# %% nn
img = tf.reshape(tf.range(32, dtype=tf.float32), [1, 4, 4, 2]) / 10.0
w = tf.reshape(tf.range(24, dtype=tf.float32), [2, 2, 2, 3]) / 20.0
for r in [R.Relu(features=x), R.Relu6(features=x * 4), R.Elu(features=x), R.Selu(features=x),
          R.Softplus(features=x), R.LeakyRelu(features=x), R.LeakyRelu(features=x, alpha=0.5),
          R.Softmax(logits=x), R.LogSoftmax(logits=y),
          R.BiasAdd(value=x, bias=tf.constant([1.0, -1.0])),
          R.Conv2D(input=img, filter=w, strides=[1, 1, 1, 1], padding="VALID"),
          R.Conv2D(input=img, filter=w, strides=[1, 2, 2, 1], padding="EXPLICIT",
                   explicit_paddings=[0, 0, 1, 0, 0, 1, 0, 0]),
          R.AvgPool(value=img, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME"),
          R.TopKV2(input=x, k=1), R.TopKV2(input=i, k=2, sorted=True, index_type=tf.int64)]:
    print(r)

# %% array ops
for r in [R.Cast(x=x, DstT=tf.int32), R.Reshape(tensor=i, shape=[4]),
          R.Transpose(x=i, perm=[1, 0]), R.ConcatV2(values=[i, j], axis=1),
          R.Pack(values=[x, y]), R.Pack(values=[x, y], axis=2), R.Unpack(value=i, num=2),
          R.Identity(input=x), R.StopGradient(input=x), R.Fill(dims=[2, 3], value=7),
          R.ZerosLike(x=i), R.OnesLike(x=x), R.Shape(input=x),
          R.Shape(input=x, out_type=tf.int64), R.Size(input=i), R.Rank(input=x),
          R.ExpandDims(input=x, axis=1), R.Squeeze(input=tf.zeros([1, 2, 1])),
          R.Squeeze(input=tf.zeros([1, 2, 1]), axis=[2]), R.Tile(input=i, multiples=[1, 2]),
          R.Slice(input=i, begin=[0, 1], size=[2, 1]),
          R.StridedSlice(input=i, begin=[0, 0], end=[2, 2], strides=[1, 2], shrink_axis_mask=2),
          R.Pad(input=i, paddings=[[1, 0], [0, 1]]), R.BroadcastTo(input=[1, 2], shape=[3, 2]),
          R.ReverseV2(tensor=i, axis=[1]), R.GatherV2(params=x, indices=[1, 1, 0], axis=0),
          R.GatherV2(params=i, indices=[[1], [0]], axis=1, batch_dims=1),
          R.GatherNd(params=i, indices=[[1, 0], [0, 1]]),
          R.ScatterNd(indices=[[1], [3]], updates=[5, 6], shape=[4]),
          R.OneHot(indices=[0, 2], depth=3, on_value=1.0, off_value=0.0),
          R.Range(start=1, limit=10, delta=3), R.Split(axis=1, value=i, num_split=2),
          R.Unique(x=[3, 1, 3, 2])]:
    print(r)

# %% more math, nn, linalg
u = tf.constant([[0.25, -0.5], [0.75, 0.1]])
m = tf.constant([[4.0, 1.0], [1.0, 3.0]])
for r in [R.All(input=x > 0, axis=1), R.Any(input=x > 0, axis=[0, 1], keep_dims=True),
          R.Tan(x=u), R.Atan(x=u), R.Asin(x=u), R.Acos(x=u), R.Sinh(x=u), R.Cosh(x=u),
          R.Lgamma(x=tf.abs(x)), R.Digamma(x=tf.abs(x)), R.Erfc(x=u), R.IsInf(x=x / u),
          R.Xlogy(x=x, y=tf.abs(y)), R.Xdivy(x=x, y=y), R.Cumprod(x=i, axis=1, reverse=True),
          R.Softsign(features=x),
          R.MaxPool(input=img, ksize=[1, 2, 2, 1], strides=[1, 1, 1, 1], padding="VALID"),
          R.Where(condition=x > 0), R.InvertPermutation(x=[2, 0, 1]), R.Cholesky(input=m),
          R.MatrixInverse(input=m), R.MatrixInverse(input=m, adjoint=True),
          R.MatrixDeterminant(input=m), R.Qr(input=m), R.Qr(input=m, full_matrices=True)]:
    print(r)

# %% FusedBatchNormV3/V2, training and inference (rounded: float32 sums in another order)
bx = tf.reshape(tf.range(16, dtype=tf.float32), [2, 2, 2, 2]) / 7.0
bs, bo = tf.constant([1.0, 2.0]), tf.constant([0.5, -0.5])
bm, bv = tf.constant([0.1, 0.2]), tf.constant([1.0, 2.0])
for kw in [dict(is_training=True), dict(is_training=True, exponential_avg_factor=0.5),
           dict(is_training=False), dict(is_training=False, data_format="NCHW", epsilon=0.01)]:
    out = R.FusedBatchNormV3(x=bx, scale=bs, offset=bo, mean=bm, variance=bv, **kw)
    print(type(out).__name__, out._fields, [t.numpy().round(4).tolist() for t in out])
out = R.FusedBatchNormV2(x=bx, scale=bs, offset=bo, mean=tf.zeros([0]), variance=tf.zeros([0]))
print(type(out).__name__, out._fields, [t.numpy().round(4).tolist() for t in out])
for training in [True, False]:
    with tf.GradientTape() as tape:
        tape.watch([bx, bs, bo])
        out = R.FusedBatchNormV3(x=bx, scale=bs, offset=bo, mean=bm, variance=bv,
                                 is_training=training)
        loss = tf.reduce_sum(out.y * tf.reshape(tf.range(16, dtype=tf.float32), [2, 2, 2, 2]))
    print([g.numpy().round(3).tolist() for g in tape.gradient(loss, [bx, bs, bo])])

# %% gradients flow through raw ops
v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    loss = R.Sum(input=R.Mul(x=R.Tanh(x=v), y=R.MatMul(a=v, b=v)), axis=[0, 1])
print(tape.gradient(loss, v))

# %% keyword-only calls and TF's argument errors
for call in [lambda: R.AddV2(1, 2), lambda: R.AddV2(x=1), lambda: R.Sum(input=[1, 2]),
             lambda: R.Conv2D(input=img), lambda: R.AddV2(x=1, y=2, z=3),
             lambda: R.AddV2(x=1, y=2.5), lambda: R.RealDiv(x=[7], y=[2]),
             lambda: R.Pack(values=[1, 2.0]), lambda: R.AddN(inputs=[tf.constant(1.0), 2]),
             lambda: R.ConcatV2(values=[[1], [2.0]], axis=0), lambda: R.Pack(values=5),
             lambda: R.SelectV2(condition=[True, False], t=tf.constant([1.0, 2.0]), e=0),
             lambda: R.BiasAdd(value=[1.0], bias=[1.0]),
             lambda: R.BiasAdd(value=[1.0], bias=[1.0], name="b"),
             lambda: R.AddV2(x=tf.constant(1), y=tf.constant(2.0))]:
    try:
        print(call())
    except Exception as e:  # noqa: BLE001
        print(type(e).__name__, e)

# %% hasattr
print(hasattr(tf.raw_ops, "AddV2"), hasattr(tf.raw_ops, "NoSuchOp"), R.AddV2.__name__,
      R.AddV2(x=1, y=2, name="add"))
