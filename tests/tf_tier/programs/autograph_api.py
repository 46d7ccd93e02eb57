# tf.autograph's public functions.
import tensorflow as tf

# %%
@tf.autograph.experimental.do_not_convert
def helper(x):
    return x * 2

@tf.function
def f(x):
    tf.autograph.trace("tracing f with", x)
    return helper(x) + 1
print(f(tf.constant(3.)), helper.__name__)
print(f(tf.constant(4.)))
# %%
def absolute(x):
    if x < 0:
        x = -x
    return x
g = tf.autograph.to_graph(absolute)
print(g(tf.constant(-2.)), g(3), callable(g))
print(tf.function(g)(tf.constant(-5)))
# %%
plain = tf.autograph.experimental.do_not_convert()(absolute)
print(plain(-7))
print(isinstance(tf.autograph.to_code(absolute), str))
