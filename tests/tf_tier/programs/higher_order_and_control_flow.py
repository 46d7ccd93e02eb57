# Sections 5, 6, 9 and 10: stop_recording, reset, nested tapes, Python control flow.
import tensorflow as tf

# %%
x = tf.Variable(1.0)
with tf.GradientTape() as t:
    with tf.GradientTape() as t2:
        y = x * x * x
    dy_dx = t2.gradient(y, x)
d2y_dx2 = t.gradient(dy_dx, x)
print(dy_dx, d2y_dx2)

# %%
x = tf.Variable(1.0)
with tf.GradientTape() as t:
    with tf.GradientTape() as t2:
        y = x * x * x
dy_dx = t2.gradient(y, x)
print(t.gradient(dy_dx, x))

# %%
x = tf.constant(0.0)
y = tf.constant(0.0)
with tf.GradientTape() as ta, tf.GradientTape() as tb:
    ta.watch(x)
    tb.watch(y)
    a = tf.cos(x)
    b = tf.sigmoid(y)
print(ta.gradient(a, x), tb.gradient(b, y))

# %%
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as outer:
    outer.watch(y)
    with tf.GradientTape() as inner:
        inner.watch(x)
        z = x * x * y
    dz = inner.gradient(z, x)
print(dz, outer.gradient(dz, y))

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t1:
    t1.watch(x)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t3:
            t3.watch(x)
            y = x * x * x * x
        d1 = t3.gradient(y, x)
    d2 = t2.gradient(d1, x)
d3 = t1.gradient(d2, x)
print(d1, d2, d3)

# %%
def f(x, y):
    output = 1.0
    for i in range(y):
        if i > 1 and i < 5:
            output = tf.multiply(output, x)
    return output

def grad(x, y):
    with tf.GradientTape() as t:
        t.watch(x)
        out = f(x, y)
    return t.gradient(out, x)

x = tf.convert_to_tensor(2.0)
print(grad(x, 6), grad(x, 5), grad(x, 4))

# %%
x = tf.constant(1.0)
v0 = tf.Variable(2.0)
v1 = tf.Variable(2.0)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    if x > 0.0:
        result = v0
    else:
        result = v1 ** 2
dv0, dv1 = tape.gradient(result, [v0, v1])
print(dv0, dv1, tape.gradient(result, x))

# %%
v = tf.Variable(3.0)
with tf.GradientTape() as t:
    loss = v * v
    t.reset()
    loss += v * v
print(t.gradient(loss, v))

# %%
t = tf.GradientTape()
t.reset()

# %%
t = tf.GradientTape()
with t.stop_recording():
    pass

# %%
t = tf.GradientTape()
with t:
    pass
with t.stop_recording():
    pass

# %%
x = tf.constant(3.0)
with tf.GradientTape() as g:
    g.watch(x)
    with tf.GradientTape() as gg:
        gg.watch(x)
        y = x * x
    dy_dx = gg.gradient(y, x)
d2y_dx2 = g.gradient(dy_dx, x)
print(dy_dx.numpy(), d2y_dx2.numpy())

# %%
x = tf.Variable(3.0)
with tf.GradientTape() as t:
    y = tf.exp(x) * tf.sin(x) / (1.0 + tf.square(x)) - tf.sqrt(x) + tf.tanh(x) ** 2
print(t.gradient(y, x))

# %%
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
w = tf.Variable([[0.5], [-1.0]])
b = tf.Variable([0.1])
with tf.GradientTape() as t:
    y = tf.sigmoid(tf.matmul(x, w) + b)
    loss = tf.reduce_mean(tf.square(y - 1.0))
print(t.gradient(loss, [w, b]))
