# AutoGraph break/continue in tensor loops; return inside a tensor loop is TF's error.
import tensorflow as tf

# %%
@tf.function
def double_until(x):
    while x < 100:
        x = x * 2
        if x > 30:
            break
    return x

print(double_until(tf.constant(3)), double_until(tf.constant(50)))

# %%
@tf.function
def odd_sum(n):
    s = tf.constant(0)
    for i in tf.range(n):
        if i % 2 == 0:
            continue
        if i > 7:
            break
        s += i
    return s

print(odd_sum(tf.constant(20)), odd_sum(tf.constant(4)))

# %%
# Constant bounds, a break that depends on a tensor argument.
@tf.function
def first_above(xs, threshold):
    found = tf.constant(-1)
    for i in tf.range(5):
        if xs[i] > threshold:
            found = i
            break
    return found

xs = tf.constant([0.5, 2.0, 1.0, 4.0, 3.0])
print(first_above(xs, tf.constant(1.5)), first_above(xs, tf.constant(3.5)),
      first_above(xs, tf.constant(9.0)))

# %%
# Nested loops: break leaves the inner loop only; continue in the outer one.
@tf.function
def pairs(n):
    count = tf.constant(0)
    i = tf.constant(0)
    while i < n:
        i += 1
        if i == 2:
            continue
        j = tf.constant(0)
        while j < n:
            j += 1
            if j > i:
                break
            count += 1
    return count

print(pairs(tf.constant(4)), pairs(tf.constant(6)))

# %%
# Python loops and Python conditions keep Python's break and continue.
@tf.function
def python_loops(x):
    for k in range(10):
        if k == 3:
            break
        x = x + 1.0
    for scale in [1.0, 2.0, 3.0]:
        if scale == 2.0:
            continue
        x = x * scale
    return x

print(python_loops(tf.constant(1.0)))

# %%
# A gradient through a loop that breaks.
@tf.function
def grow(x):
    y = x
    for i in tf.range(10):
        y = y * x
        if y > 20.0:
            break
    return y

x = tf.constant(1.5)
with tf.GradientTape() as t:
    t.watch(x)
    y = grow(x)
print(y, t.gradient(y, x))

# %%
# return inside a tensor loop: TF's NotImplementedError.
@tf.function
def early_return(n):
    i = tf.constant(0)
    while i < n:
        if i > 3:
            return i
        i += 1
    return i

try:
    early_return(tf.constant(10))
except NotImplementedError as e:
    print(str(e).splitlines()[-1])

# %%
@tf.function
def range_return(n):
    for i in tf.range(n):
        if i > 3:
            return i
    return n

try:
    range_return(tf.constant(10))
except NotImplementedError as e:
    print(str(e).splitlines()[-1])

# %%
# return inside a Python loop is fine.
@tf.function
def python_return(x):
    for k in range(5):
        x = x + 1.0
        if k == 2:
            return x
    return -x

print(python_return(tf.constant(1.0)))
