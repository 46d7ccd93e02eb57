import tensorflow as tf
# %%
class Dense(tf.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.w = None
        self.b = None
    @tf.function
    def __call__(self, x):
        print("tracing", x.shape)
        if self.w is None:
            self.w = tf.Variable(tf.ones([x.shape[-1], self.n]) * 2.)
            self.b = tf.Variable(lambda: tf.zeros([self.n]) + 1., name="b")
        return x @ self.w + self.b
d = Dense(2)
print(d(tf.ones([1, 3])))
print(d(tf.ones([1, 3])))
print(d(tf.ones([2, 3])))
print([v.name for v in d.trainable_variables], d.w.numpy().sum())
# %%
@tf.function
def g(x):
    v = tf.Variable(x * 2.)
    return v + 1.
g(tf.constant(1.))
# %%
class C(tf.Module):
    def __init__(self):
        self.v = None
    @tf.function
    def __call__(self, x):
        if self.v is None:
            self.v = tf.Variable(tf.random.stateless_normal([2], seed=[1, 2]))
        self.v.assign_add(x)
        return self.v.read_value()
c = C()
print(c(tf.constant([1., 1.])))
print(c(tf.constant([1., 1.])))
# %%
@tf.function
def h(x):
    v = tf.Variable(1.0)
    return v + x
print(h(tf.constant(1.)))
h(tf.constant(2.))
# %%
class FromArg(tf.Module):
    def __init__(self):
        self.v = None
    @tf.function
    def __call__(self, x):
        if self.v is None:
            self.v = tf.Variable(x * 3.)
        return self.v + x
m = FromArg()
print(m(tf.constant([1., 2.])))
print(m(tf.constant([5., 5.])), m.v.numpy())
# %%
class FromOther(tf.Module):
    def __init__(self):
        self.a = tf.Variable(2.)
        self.b = None
    @tf.function
    def __call__(self):
        self.a.assign(5.)
        if self.b is None:
            self.b = tf.Variable(self.a * 10.)
        return self.b + self.a
o = FromOther()
print(o(), o.b.numpy(), o.a.numpy())
# %%
@tf.function
def in_branch(x):
    return tf.cond(x > 0., lambda: tf.Variable(x).read_value(), lambda: x)
in_branch(tf.constant(1.))
# %%
class Counter(tf.Module):
    def __init__(self):
        self.count = None
    @tf.function
    def __call__(self):
        if self.count is None:
            self.count = tf.Variable(tf.constant(0))
        return self.count.assign_add(1)
k = Counter()
print(k(), k(), k.count.numpy())
# %%
class Lazy(tf.Module):
    def __init__(self):
        self.w = None
    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def __call__(self, x):
        if self.w is None:
            self.w = tf.Variable(tf.random.stateless_uniform([2, 3], seed=[3, 4]))
        return tf.matmul(x, self.w)
lz = Lazy()
print(lz(tf.ones([1, 2])))
print(lz.w.numpy().round(4))
with tf.GradientTape() as tape:
    y = tf.reduce_sum(lz(tf.ones([4, 2])))
print(tape.gradient(y, lz.w))
