# Sections 12-13: tf.custom_gradient, tf.recompute_grad, tf.grad_pass_through.
import tensorflow as tf

# %%
@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)
    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))
    return tf.math.log(1 + e), grad

x = tf.constant(100.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = log1pexp(x)
print(y, t.gradient(y, x))

# %%
@tf.custom_gradient
def clip_gradients(y):
    def backward(dy):
        return dy * 0.5
    return y, backward

v = tf.Variable(2.0)
with tf.GradientTape() as t:
    output = clip_gradients(v * v)
print(t.gradient(output, v))

# %%
@tf.custom_gradient()
def double_grad(x):
    return tf.identity(x), lambda dy: 2 * dy

x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = double_grad(x)
print(t.gradient(y, x))

# %%
@tf.custom_gradient
def two_out(x, y):
    def grad(da, db):
        return da + db, da - db
    return (x * y, x + y), grad

x, y = tf.constant(2.0), tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch([x, y])
    a, b = two_out(x, y)
print(t.gradient([a, b], [x, y]))
print(t is not None)

# %%
@tf.custom_gradient
def bad(x, y):
    return x * y, lambda dy: [dy]

x, y = tf.constant(2.0), tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch([x, y])
    z = bad(x, y)
t.gradient(z, [x, y])

# %%
@tf.custom_gradient
def none_grad(x, y):
    return x * y, lambda dy: (dy * y, None)

x, y = tf.constant(2.0), tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch([x, y])
    z = none_grad(x, y)
print(t.gradient(z, [x, y]))

# %%
w = tf.Variable([1.0, 1.0])

@tf.custom_gradient
def uses_var(x):
    return x * w, lambda dy: dy

x = tf.constant([1.0, 2.0])
uses_var(x)

# %%
weights = tf.Variable(tf.ones([2]))

@tf.custom_gradient
def linear_poly(x):
    poly = weights[1] * x + weights[0]

    def grad_fn(dpoly, variables):
        return dpoly * weights[1], [tf.reduce_sum(dpoly * x), tf.reduce_sum(dpoly)]

    return poly, grad_fn

x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    poly = linear_poly(x)
print(poly)
print(tape.gradient(poly, x))
print(tape.gradient(poly, weights))

# %%
v = tf.Variable(2.0)

@tf.custom_gradient
def wrong_count(x):
    def grad_fn(dy, variables):
        return dy, []
    return x * v, grad_fn

x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = wrong_count(x)
t.gradient(y, x)

# %%
@tf.custom_gradient
def square_custom(x):
    def grad(dy):
        return dy * 2.0 * x
    return x * x, grad

x = tf.constant(3.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = square_custom(x)
    dy = t1.gradient(y, x)
print(dy, t2.gradient(dy, x))

# %%
@tf.custom_gradient
def raises(x):
    def grad(dy):
        raise RuntimeError("boom in grad")
    return x * 1.0, grad

x = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = raises(x)
t.gradient(y, x)

# %%
def f(x):
    return tf.sin(x) * x

g = tf.recompute_grad(f)
x = tf.constant(1.5)
with tf.GradientTape() as t:
    t.watch(x)
    y = g(x)
print(y, t.gradient(y, x), g.__wrapped__ is f)

# %%
v = tf.Variable(2.0)
def fv(x):
    return x * v * v

gv = tf.recompute_grad(fv)
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = gv(x)
print(t.gradient(y, [x, v]))

# %%
x = tf.Variable(1.0, name="x")
z = tf.Variable(3.0, name="z")
with tf.GradientTape() as tape:
    y = tf.grad_pass_through(x.assign)(z ** 2)
print(tape.gradient(y, z))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.grad_pass_through(lambda a: a * a * a)(x)
print(y, t.gradient(y, x))

# %%
# A variable given as an argument is an input: grad_fn returns its gradient, and `variables`
# holds only the other variables the function reads.
v = tf.Variable(3.0)
w = tf.Variable(2.0)

@tf.custom_gradient
def square_it(var):
    return var * var, lambda dy: dy * 5.0

@tf.custom_gradient
def scale_it(var):
    def grad(dy, variables=None):
        print("variables:", [x.name for x in variables])
        return dy * 5.0, [dy * 7.0 for _ in variables]
    return var * w, grad

with tf.GradientTape(persistent=True) as t:
    y = square_it(v)
    z = scale_it(v)
print(t.gradient(y, v), t.gradient(z, [v, w]))

# %%
# A custom gradient inside tf.function, differentiated by a tape outside it, inside it, and
# through a SavedModel (TF's advanced-autodiff guide)
import tempfile


@tf.custom_gradient
def clip_gradients(y):
    def backward(dy):
        return tf.clip_by_norm(dy, 0.5)
    return y, backward


class ClipModule(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([])])
    def call_custom_grad(self, x):
        return clip_gradients(x)


clip_module = ClipModule()
v = tf.Variable(2.0)
with tf.GradientTape() as t:
    output = clip_module.call_custom_grad(v * v)
print(t.gradient(output, v))
saved_dir = tempfile.mkdtemp()
tf.saved_model.save(clip_module, saved_dir,
                    options=tf.saved_model.SaveOptions(experimental_custom_gradients=True))
loaded = tf.saved_model.load(saved_dir)
with tf.GradientTape() as t:
    output = loaded.call_custom_grad(v * v)
print(t.gradient(output, v))


@tf.function
def tape_inside(x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = clip_gradients(x * x)
    return t.gradient(y, x)


print(tape_inside(tf.constant(2.0)))

# %%
# ... with a variable read inside the custom-gradient function
w_cg = tf.Variable(3.0)


@tf.custom_gradient
def scale_by_w(x):
    y = x * w_cg

    def grad(dy, variables=None):
        return dy * 10.0, [dy * 100.0]
    return y, grad


@tf.function
def call_scale(x):
    return scale_by_w(x) * 2.0


with tf.GradientTape() as t:
    out = call_scale(v * 1.0)
print(t.gradient(out, [v, w_cg]))
