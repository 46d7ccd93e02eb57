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
# %%
# set_loop_options: the docstring's examples; maximum_iterations bounds a tf.range loop.
@tf.function(autograph=True)
def count():
    n = 0
    for i in tf.range(10):
        tf.autograph.experimental.set_loop_options(maximum_iterations=3)
        n += 1
    return n
print(count())

@tf.function(autograph=True)
def grow():
    v = tf.constant((0,))
    for i in tf.range(3):
        tf.autograph.experimental.set_loop_options(
            shape_invariants=[(v, tf.TensorShape([None]))]
        )
        v = tf.concat((v, [i]), 0)
    return v
print(grow())
# Outside tf.function, and in a Python loop, it does nothing.
print(tf.autograph.experimental.set_loop_options(maximum_iterations=3))

@tf.function
def python_loop(k):
    s = 0
    for i in range(5):
        tf.autograph.experimental.set_loop_options(maximum_iterations=2)
        s += i
    return s + k
print(python_loop(tf.constant(1)))
# %%
# A bounded loop on a traced condition or bound differentiates through a tape.
@tf.function
def triple_until(x):
    while x < 100.0:
        tf.autograph.experimental.set_loop_options(maximum_iterations=4)
        x = x * 2.0
    return x

@tf.function
def power(x, n):
    y = x
    for i in tf.range(n):
        tf.autograph.experimental.set_loop_options(maximum_iterations=3, parallel_iterations=1,
                                                   swap_memory=False)
        y = y * x
    return y

@tf.function
def capped_sum(x):
    s = tf.constant(0.0)
    for i in tf.range(100):
        tf.autograph.experimental.set_loop_options(maximum_iterations=5)
        if s > 1000.0:
            break
        s += x
    return s

x = tf.constant(1.5)
for fn, extra in ((triple_until, ()), (power, (tf.constant(10),)), (capped_sum, ())):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x, *extra)
    print(fn.__name__, y, tape.gradient(y, x))
print(tf.autograph.to_graph(triple_until.python_function)(tf.constant(1.0)))
# %%
# A misplaced set_loop_options: TF's converter refuses the function, which runs as written.
import logging
import re

class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(re.sub(" at 0x[0-9a-f]+", "", record.getMessage()))

logger = tf.get_logger()
kept, lines = logger.handlers[:], Lines()
logger.handlers[:] = [lines]

@tf.function
def outside(x):
    tf.autograph.experimental.set_loop_options(maximum_iterations=3)
    return x + 1

@tf.function
def not_first(x):
    for i in tf.range(3):
        x = x + 1
        tf.autograph.experimental.set_loop_options(maximum_iterations=1)
    return x
try:
    print(outside(tf.constant(1)))
    not_first.get_concrete_function(tf.TensorSpec([], tf.int32))
except Exception as e:  # TF: iterating a symbolic tensor; tfshim: runs it eagerly
    pass
finally:
    logger.handlers[:] = kept
print("\n".join(ln for ln in lines.lines if "AutoGraph" in ln or "Cause" in ln))
# %%
# Feature: the optional conversions experimental_autograph_options names.
Feature = tf.autograph.experimental.Feature
print(list(Feature), Feature.ALL, Feature("LISTS"))
print(sorted(f.name for f in Feature.all_but(Feature.LISTS)), len(Feature.all()))

@tf.function(experimental_autograph_options=Feature.EQUALITY_OPERATORS)
def is_zero(i):
    if i == 0:
        return tf.constant(1)
    return tf.constant(0)
print(is_zero(tf.constant(0)), is_zero(tf.constant(2)))
print(tf.function(lambda x: x * 2, experimental_autograph_options=Feature.all())(3))
# %%
# AUTOGRAPH_VERBOSITY sets the level until set_verbosity is called; the log goes to the
# tensorflow logger at INFO (seen once the logger's level lets INFO through).
import os

os.environ["AUTOGRAPH_VERBOSITY"] = "1"
logger.setLevel("INFO")
lines = Lines()
logger.handlers[:] = [lines]
try:
    @tf.function
    def halve(x):
        while x > 1.0:
            x = x / 2.0
        return x
    print(halve(tf.constant(5.0)))
finally:
    logger.handlers[:] = kept
    logger.setLevel(logging.NOTSET)
    del os.environ["AUTOGRAPH_VERBOSITY"]
print(lines.lines)
print(halve(tf.constant(6.0)))
# %%
# set_verbosity: AutoGraph's log of each converted call, echoed to stdout. The generated code
# differs (tfshim's converter writes its own helpers, TF's its own), so not its lines.
import contextlib
import io

def show(text):
    text = re.sub(r"<function (?:[\w<>]+\.)*(?:tf__)?(\w+) at 0x[0-9a-f]+>", r"<function \1>",
                  text)
    skip = False
    for line in text.splitlines():
        if line.startswith(("Transformed", "Defaults of")):
            skip = line.startswith("Transformed")
        if not skip:
            print(line.split(": <")[0] if line.startswith("Cache hit") else line)

@tf.function
def countdown(x):
    while x > 0:
        x = x - 1
    return x

@tf.function
def fresh(x, k):
    while k > 0:  # no calls inside: TF logs each call, tfshim converts only this function
        x, k = x * 2, k - 1
    return x

@tf.autograph.experimental.do_not_convert
def as_is(x):
    return x + 1

calls = ((1, countdown, [tf.TensorSpec([], tf.int32)]),
         (3, countdown, [tf.TensorSpec([], tf.float32)]),
         (3, fresh, [tf.TensorSpec([None], tf.float32), 2]),
         (2, tf.function(as_is), [tf.TensorSpec([], tf.int32)]),
         (0, countdown, [tf.TensorSpec([], tf.int64)]))
for level, fn, specs in calls:
    tf.autograph.set_verbosity(level, alsologtostdout=True)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn.get_concrete_function(*specs)
    print("-- level", level)
    show(out.getvalue())
tf.autograph.set_verbosity(0)
