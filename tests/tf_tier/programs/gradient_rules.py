# Ops whose TF gradient differs from JAX's or is missing, through every sweep: gradient,
# jacobian, batch_jacobian, a repeated (compiled) gradient, and ForwardAccumulator.
import tensorflow as tf

def sweeps(fn, x, batch=True):
    """What each way of differentiating fn at x gives (or raises)."""
    out = []
    def attempt(label, thunk):
        try:
            out.append("%s: %s" % (label, thunk()))
        except Exception as e:
            out.append("%s: %s: %s" % (label, type(e).__name__, str(e).strip().splitlines()[-1].strip()))
    def grad():
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        return t.gradient(y, x)
    attempt("gradient", grad)
    attempt("gradient again", grad)
    attempt("gradient third", grad)
    def jac():
        with tf.GradientTape() as t:
            t.watch(x)
            y = fn(x)
        return t.jacobian(y, x)
    attempt("jacobian", jac)
    if batch:
        def bjac():
            xb = tf.reshape(x, [-1, 1])
            with tf.GradientTape() as t:
                t.watch(xb)
                y = fn(xb)
            return t.batch_jacobian(y, xb)
        attempt("batch_jacobian", bjac)
    def fwd():
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            y = fn(x)
        return acc.jvp(y)
    attempt("forward", fwd)
    for line in out:
        print(line)

# %%
sweeps(lambda x: tf.truncatemod(x, 3.0), tf.constant([5.0, -7.0]))

# %%
sweeps(lambda x: tf.random.poisson([2], x, seed=1), tf.constant([5.0, 7.0]), batch=False)

# %%
# Ties, kinks and x <= 0: TF's conventions where JAX's differ.
sweeps(lambda x: tf.maximum(x, 1.0) + tf.minimum(x, 1.0), tf.constant([1.0, 2.0, 0.0]))
sweeps(lambda x: tf.abs(x) + tf.nn.relu(x) + tf.nn.relu6(x + 6.0), tf.constant([0.0, -1.0, 2.0]))
sweeps(lambda x: tf.pow(x, 2.0), tf.constant([0.0, -2.0, 3.0]))
sweeps(lambda x: tf.sqrt(x), tf.constant([1.0, 4.0]))

# %%
# tf.gather on axis 0: TF's gradient is a tf.IndexedSlices; jacobians and forward mode are dense.
p = tf.constant([1.0, 2.0, 3.0])
sweeps(lambda x: tf.gather(x, [0, 2, 0]), p, batch=False)
v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    y = tf.gather(v, [1, 1])
g = t.gradient(y, v)
print(type(g).__name__, g.values, g.indices)

# %%
# tf.custom_gradient through every sweep.
@tf.custom_gradient
def tenfold(x):
    return x * x, lambda dy: dy * 10.0

sweeps(tenfold, tf.constant([1.0, 2.0]))
