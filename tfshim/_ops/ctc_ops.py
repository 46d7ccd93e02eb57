"""tf.nn.ctc_loss (TF's ctc_ops.py, its dense-label path ctc_loss_dense) and
tf.nn.ctc_greedy_decoder (TF's CTCGreedyDecoder kernel, on the host).

The loss is the CTC forward algorithm in log space, one lax.scan over time; its gradient is
jax.vjp of that, which is TF's (softmax minus the alignment posterior; zero past logit_length).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _api
from .._core import dtypes as D
from .._core.convert import convert_to_tensor
from .._core.op import op
from .._core.sparse_tensor import SparseTensor
from . import array_ops, math_ops

_NEG = -1e30  # log(0) for the recursion, finite so that gradients stay finite


@op(tensors=("logits",), others=("labels", "label_length", "logit_length"),
    op_type="CtcLossDense")
def _ctc_loss_dense(logits, labels, label_length, logit_length, name=None):
    # logits [T, B, C] (time major, blank 0); labels [B, L]; -log p(labels | logits) per batch.
    t_max, batch, _ = logits.shape
    s_len = 2 * labels.shape[1] + 1
    ext = jnp.zeros((batch, s_len), labels.dtype).at[:, 1::2].set(labels)
    prev2 = jnp.concatenate([jnp.full((batch, 2), -1, ext.dtype), ext[:, :-2]], axis=1)
    skip = (jnp.arange(s_len) % 2 == 1)[None, :] & (ext != prev2)
    logp = jax.nn.log_softmax(logits, axis=-1)
    lp = jnp.take_along_axis(logp, jnp.broadcast_to(ext[None], (t_max, batch, s_len)), axis=2)
    neg = jnp.asarray(_NEG, logits.dtype)
    start = jnp.arange(s_len)[None, :] < jnp.minimum(2, 2 * label_length[:, None] + 1)
    alpha0 = jnp.where(start, lp[0], neg)

    def step(alpha, xs):
        t, lp_t = xs
        a1 = jnp.concatenate([jnp.full((batch, 1), neg), alpha[:, :-1]], axis=1)
        a2 = jnp.concatenate([jnp.full((batch, 2), neg), alpha[:, :-2]], axis=1)
        a2 = jnp.where(skip, a2, neg)
        new = jnp.logaddexp(jnp.logaddexp(alpha, a1), a2) + lp_t
        return jnp.where((t < logit_length)[:, None], new, alpha), None

    alpha, _ = lax.scan(step, alpha0, (jnp.arange(1, t_max), lp[1:]))
    last = 2 * label_length
    end = jnp.take_along_axis(alpha, last[:, None], axis=1)[:, 0]
    before = jnp.take_along_axis(alpha, jnp.maximum(last - 1, 0)[:, None], axis=1)[:, 0]
    total = jnp.where(label_length > 0, jnp.logaddexp(end, before), end)
    return -total


@_api.export("nn.ctc_loss")
def ctc_loss(labels, logits, label_length, logit_length, logits_time_major=True, unique=None,
             blank_index=None, name=None):
    """tf.nn.ctc_loss (TF's ctc_loss_v3) with dense labels: the loss per batch element.

    Differences from TensorFlow: labels as a tf.SparseTensor are not supported; `unique`
    (an optimization hint) is ignored.
    """
    if isinstance(labels, SparseTensor):
        raise NotImplementedError("tfshim's tf.nn.ctc_loss takes dense labels only")
    if blank_index is None:
        blank_index = 0
    logits = convert_to_tensor(logits)
    labels = convert_to_tensor(labels)
    label_length = convert_to_tensor(label_length)
    logit_length = convert_to_tensor(logit_length)
    orig_dtype = logits.dtype
    if orig_dtype in (D.float16, D.bfloat16):
        logits = math_ops.cast(logits, D.float32)
    if not logits_time_major:
        logits = array_ops.transpose(logits, perm=[1, 0, 2])
    if blank_index != 0:  # TF moves the blank class to index 0
        if blank_index < 0:
            blank_index += logits.shape[2]
        logits = array_ops.concat([logits[:, :, blank_index:blank_index + 1],
                                   logits[:, :, :blank_index], logits[:, :, blank_index + 1:]],
                                  axis=2)
        labels = array_ops.where(labels < blank_index, labels + 1, labels)
    loss = _ctc_loss_dense(logits, labels, label_length, logit_length)
    if orig_dtype in (D.float16, D.bfloat16):
        loss = math_ops.cast(loss, orig_dtype)
    return loss


@_api.export("nn.ctc_greedy_decoder")
def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True, blank_index=None):
    """tf.nn.ctc_greedy_decoder: the best class per step (the first at ties), repeats merged,
    blanks dropped; ([decoded tf.SparseTensor of int64], -sum of the best logits [batch, 1])."""
    inputs = convert_to_tensor(inputs)
    x = np.asarray(inputs._value)
    num_classes = x.shape[2]
    if blank_index is None:
        blank_index = num_classes - 1
    elif blank_index < 0:
        blank_index += num_classes
    lengths = np.asarray(convert_to_tensor(sequence_length)._value)
    best = x.argmax(axis=2)  # [T, B]
    indices, values, scores = [], [], []
    for b in range(x.shape[1]):
        n, prev, out = int(lengths[b]), -1, []
        for t in range(n):
            c = int(best[t, b])
            if c != blank_index and not (merge_repeated and c == prev):
                out.append(c)
            prev = c
        scores.append(-x[:n, b].max(axis=1).sum(dtype=x.dtype))
        indices += [[b, i] for i in range(len(out))]
        values += out
    width = max([i for _, i in indices], default=-1) + 1
    decoded = SparseTensor(np.asarray(indices, np.int64).reshape(-1, 2),
                           np.asarray(values, np.int64), [x.shape[1], width])
    probs = convert_to_tensor(np.asarray(scores, x.dtype).reshape(-1, 1))
    return [decoded], probs
