"""tf.raw_ops: the op functions' keyword-only calling convention, their op-def data, and the ops
tfshim lacks being absent. (Their values against TF's: TF-tier program raw_ops.)"""

import inspect
import json
import os

import pytest

import tfshim as tf
from tfshim._ops import raw_ops

DEFS = os.path.join(os.path.dirname(raw_ops.__file__), os.pardir, "_data", "tf_2_21_raw_ops.json")


def test_every_table_op_is_exported_with_tf_s_signature():
    with open(DEFS) as f:
        data = json.load(f)
    assert set(raw_ops.TABLE) <= set(data["names"])
    for op_type in raw_ops.TABLE:
        fn = getattr(tf.raw_ops, op_type)
        params = list(inspect.signature(fn).parameters.values())
        assert [p.name for p in params] == [a[0] for a in data["ops"][op_type]["args"]] + ["name"]
        assert params[-1].default is None


def test_signature_defaults_are_tf_s():
    sig = inspect.signature(tf.raw_ops.Conv2D)
    assert str(sig) == ("(input, filter, strides, padding, use_cudnn_on_gpu=True, "
                        "explicit_paddings=[], data_format='NHWC', dilations=[1, 1, 1, 1], "
                        "name=None)")
    assert inspect.signature(tf.raw_ops.Shape).parameters["out_type"].default is tf.int32


def test_ops_tfshim_lacks_are_absent():
    # Sonnet's import probes `hasattr(tf.raw_ops, "BlockLSTMV2")`.
    assert not hasattr(tf.raw_ops, "BlockLSTMV2")
    with pytest.raises(AttributeError):
        tf.raw_ops.CudnnRNN  # noqa: B018
    assert hasattr(tf.raw_ops, "AddV2")


def test_positional_and_bad_keyword_calls():
    with pytest.raises(TypeError, match=r"^mat_mul only takes keyword args \(possible keys: "
                       r"\['a', 'b', 'transpose_a', 'transpose_b', 'grad_a', 'grad_b', 'name'\]\)"):
        tf.raw_ops.MatMul([[1.0]], b=[[2.0]])
    with pytest.raises(TypeError, match=r"^_sum\(\) missing 2 required positional arguments: "
                       r"'input' and 'axis'$"):
        tf.raw_ops.Sum()


def test_attrs_without_a_tfshim_parameter_only_at_their_default():
    assert tf.raw_ops.Cast(x=[1.5], DstT=tf.int32, Truncate=False).numpy().tolist() == [1]
    with pytest.raises(NotImplementedError, match="Truncate=False"):
        tf.raw_ops.Cast(x=[1.5], DstT=tf.int32, Truncate=True)
    with pytest.raises(NotImplementedError, match="incompatible_shape_error=True"):
        tf.raw_ops.Equal(x=[1], y=[1, 2], incompatible_shape_error=False)


def test_inside_tf_function_and_gradients():
    @tf.function
    def f(v):
        return tf.raw_ops.Sum(input=tf.raw_ops.Square(x=v), axis=0)

    v = tf.Variable([1.0, 2.0])
    assert float(f(v)) == 5.0
    with tf.GradientTape() as tape:
        y = f(v)
    assert tape.gradient(y, v).numpy().tolist() == [2.0, 4.0]


def test_matmul_takes_batches_as_tf_matmul_does():
    # Deviation: TF's MatMul kernel wants matrices ("In[0] ndims must be >= 2" for rank 3 on
    # its oneDNN CPU kernel); tf.raw_ops.MatMul runs tf.linalg.matmul, which batches.
    assert tf.raw_ops.MatMul(a=tf.ones([2, 2, 2]), b=tf.ones([2, 2, 2])).shape == (2, 2, 2)


def test_fused_batch_norm_mean_and_variance_inputs_get_zero_gradients():
    # Deviation: TF's _FusedBatchNormV3Grad returns None for mean and variance; here the op's
    # jax.vjp gives zeros (the inputs are stopped in its body).
    mean, var = tf.constant([0.1, 0.2]), tf.constant([1.0, 2.0])
    x = tf.ones([1, 2, 2, 2])
    with tf.GradientTape() as tape:
        tape.watch([mean, var])
        out = tf.raw_ops.FusedBatchNormV3(x=x, scale=[1.0, 1.0], offset=[0.0, 0.0], mean=mean,
                                          variance=var, is_training=False)
    grads = tape.gradient(out.y, [mean, var])
    assert [g.numpy().tolist() for g in grads] == [[0.0, 0.0], [0.0, 0.0]]
