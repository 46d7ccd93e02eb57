# Control flow: tf.cond, tf.case, tf.switch_case, tf.while_loop, tf.map_fn, tf.scan, folds,
# eagerly and inside tf.function, with gradients.
import tensorflow as tf

# %%
x = tf.constant(2.0)
print(tf.cond(x > 1, lambda: x * 2, lambda: x * 3))
print(tf.cond(x > 5, lambda: x * 2, lambda: x * 3))

# %%
tf.cond(x > 1, x, lambda: x)

# %%
@tf.function
def f(x):
    return tf.cond(x > 1, lambda: x * 2, lambda: x * 3)

print(f(tf.constant(2.0)), f(tf.constant(0.5)))

# %%
@tf.function
def g(x):
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cond(x > 1, lambda: x * x, lambda: x * 3)
    return t.gradient(y, x)

print(g(tf.constant(2.0)), g(tf.constant(0.5)))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = f(x)
print(t.gradient(y, x))

# %%
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cond(x > 1, lambda: x * x, lambda: x)
print(y, t.gradient(y, x))

# %%
print(tf.while_loop(lambda i: i < 5, lambda i: i + 1, [tf.constant(0)]))
print(tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + i), (tf.constant(0), tf.constant(0))))

# %%
@tf.function
def w(n):
    return tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + tf.cast(i, tf.float32)),
                         [tf.constant(0), tf.constant(0.0)])

print(w(tf.constant(5)))

# %%
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x),
                         [tf.constant(0), tf.constant(1.0)])
print(y, t.gradient(y, x))

# %%
@tf.function
def wg(x):
    with tf.GradientTape() as t:
        t.watch(x)
        _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x),
                             [tf.constant(0), tf.constant(1.0)], maximum_iterations=10)
    return y, t.gradient(y, x)

print(wg(tf.constant(2.0)))

# %%
print(tf.map_fn(lambda e: e * e, tf.constant([1.0, 2.0, 3.0])))
print(tf.function(lambda e: tf.map_fn(lambda v: v * e[1], e))(tf.constant([1.0, 2.0, 3.0])))

# %%
print(tf.scan(lambda a, e: a + e, tf.constant([1.0, 2.0, 3.0])))
print(tf.scan(lambda a, e: a * e, tf.constant([1.0, 2.0, 3.0]), initializer=tf.constant(2.0)))
print(tf.function(lambda e: tf.scan(lambda a, v: a + v, e))(tf.constant([1.0, 2.0, 3.0])))
print(tf.scan(lambda a, e: a + e, tf.constant([1.0, 2.0, 3.0]), reverse=True))

# %%
elems = tf.constant([1.0, 2.0, 3.0])
print(tf.foldl(lambda a, e: a + e, elems), tf.foldr(lambda a, e: a * 2 + e, elems))
print(tf.function(lambda e: tf.foldr(lambda a, v: a * 2 + v, e))(elems))
print(tf.foldl(lambda a, e: a + e, elems, initializer=tf.constant(10.0)))

# %%
print(tf.switch_case(tf.constant(1), [lambda: tf.constant(10), lambda: tf.constant(20)]))
sw = tf.function(lambda i: tf.switch_case(i, [lambda: tf.constant(10), lambda: tf.constant(20)],
                                          default=lambda: tf.constant(-1)))
print(sw(tf.constant(7)), sw(tf.constant(0)))

# %%
x = tf.constant(2.0)
print(tf.case([(x > 5, lambda: tf.constant(1)), (x > 1, lambda: tf.constant(2))],
              default=lambda: tf.constant(3)))
cs = tf.function(lambda x: tf.case([(x > 5, lambda: tf.constant(1)), (x > 1, lambda: tf.constant(2))],
                                   default=lambda: tf.constant(3)))
print(cs(tf.constant(0.0)), cs(tf.constant(9.0)))

# %%
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(tf.map_fn(lambda e: e * e * e, x))
print(t.gradient(y, x))

# %%
v = tf.Variable(1.0)

@tf.function
def loop_assign(n):
    i = tf.constant(0)
    def body(i):
        v.assign_add(2.0)
        return i + 1
    tf.while_loop(lambda i: i < n, body, [i])
    return v.read_value()

print(loop_assign(tf.constant(3)), v.numpy())
# %%
@tf.function
def none_branches(x):
    r = tf.cond(x > 1, lambda: None, lambda: None)
    print("r", r)
    r2 = tf.cond(x > 1, lambda: (x, None), lambda: (x + 1, None))
    print("r2", r2[1])
    return r2[0] * 2
print(none_branches(tf.constant(2)))
print(tf.cond(tf.constant(True), lambda: None, lambda: None))
