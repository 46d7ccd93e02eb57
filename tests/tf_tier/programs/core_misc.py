# tf.errors, tf.nest, tf.name_scope, tf.bitwise, variable enums, conversion registration.
import collections
import tensorflow as tf

# %%
for cls in [tf.errors.OpError, tf.errors.CancelledError, tf.errors.UnknownError,
            tf.errors.InvalidArgumentError, tf.errors.DeadlineExceededError,
            tf.errors.NotFoundError, tf.errors.AlreadyExistsError,
            tf.errors.PermissionDeniedError, tf.errors.ResourceExhaustedError,
            tf.errors.FailedPreconditionError, tf.errors.AbortedError,
            tf.errors.OutOfRangeError, tf.errors.UnimplementedError, tf.errors.InternalError,
            tf.errors.UnavailableError, tf.errors.DataLossError,
            tf.errors.UnauthenticatedError]:
    print(cls.__name__, issubclass(cls, tf.errors.OpError), issubclass(cls, Exception))

# %%
try:
    raise tf.errors.OutOfRangeError(None, None, "end of sequence")
except tf.errors.OpError as e:
    print(type(e).__name__, e.message, e.error_code, str(e))

# %%
try:
    tf.constant([1.0]) + tf.constant([1.0, 2.0, 3.0])
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, e.error_code)

# %%
s = {"b": [1, (2, 3)], "a": 4}
print(tf.nest.flatten(s))
print(tf.nest.is_nested(s), tf.nest.is_nested(1), tf.nest.is_nested("ab"))
print(tf.nest.pack_sequence_as(s, [10, 20, 30, 40]))
print(tf.nest.map_structure(lambda x: x * 2, s))
Point = collections.namedtuple("Point", ["x", "y"])
print(tf.nest.map_structure(lambda a, b: a + b, Point(1, 2), Point(10, 20)))
print(tf.nest.flatten(None), tf.nest.flatten([None, [None]]))

# %%
tf.nest.assert_same_structure([1, [2]], [3, [4]])
tf.nest.assert_same_structure([1, [2]], [3, 4])

# %%
tf.nest.pack_sequence_as([1, [2]], [1, 2, 3])

# %%
with tf.name_scope("outer") as scope:
    print(scope)
    with tf.name_scope("inner") as inner:
        print(inner, tf.Variable(1.0, name="v").name)
    print(tf.Variable(1.0).name)
print(tf.Variable(1.0, name="w").name)

# %%
print(tf.VariableAggregation.NONE, tf.VariableAggregation.SUM, tf.VariableAggregation.MEAN)
print(tf.VariableSynchronization.AUTO, tf.VariableSynchronization.ON_READ)
v = tf.Variable(1.0, synchronization=tf.VariableSynchronization.ON_READ,
                aggregation=tf.VariableAggregation.SUM)
print(v.trainable)

# %%
a = tf.constant([12, 10], tf.int32)
b = tf.constant([10, 6], tf.int32)
print(tf.bitwise.bitwise_and(a, b), tf.bitwise.bitwise_or(a, b), tf.bitwise.bitwise_xor(a, b))
print(tf.bitwise.invert(tf.constant([0, 5], tf.uint8)))

# %%
class Meters:
    def __init__(self, v):
        self.v = v

tf.register_tensor_conversion_function(Meters, lambda m, dtype=None, name=None, as_ref=False: tf.constant(m.v, dtype=dtype))
print(tf.convert_to_tensor(Meters(3.5)), tf.add(Meters(1.5), 1.0))

# %%
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(tf.vectorized_map(lambda row: tf.reduce_sum(row * row), x))
# %%
# Core names TF programs touch: get_logger, no_op/group/control_dependencies, error codes,
# placement settings, saturate_cast (TF's limits, quirks included).
l = tf.get_logger(); print(l.name)
print(tf.no_op(), tf.group(tf.constant(1), tf.constant(2)))
with tf.control_dependencies([tf.constant(1)]) as c: print(c)
@tf.function
def f(x):
    with tf.control_dependencies([tf.print('dep')]):
        y = x + 1
    tf.group(tf.print('g'))
    tf.no_op()
    return y
print(f(tf.constant(1)))
print(tf.errors.OK, tf.errors.INVALID_ARGUMENT, tf.errors.UNKNOWN, tf.errors.DATA_LOSS)
print(tf.config.get_soft_device_placement()); tf.config.set_soft_device_placement(False); print(tf.config.get_soft_device_placement())
tf.debugging.set_log_device_placement(False); print(tf.debugging.get_log_device_placement())
print(tf.saturate_cast(tf.constant([300, -5]), tf.uint8), tf.dtypes.saturate_cast(tf.constant([1e10, -1e10, 3.7]), tf.int32))
print(tf.saturate_cast(tf.constant([60000.0, 1e5, -3.0]), tf.float16), tf.saturate_cast(tf.constant([70000.0]), tf.bfloat16), tf.saturate_cast(tf.constant([1e10+3j]), tf.int16))
print(tf.saturate_cast(tf.constant([1e10+3j], tf.complex128), tf.complex64), tf.saturate_cast(tf.constant([2**40], tf.int64), tf.float32))
codes = [tf.errors.CANCELLED, tf.errors.DEADLINE_EXCEEDED, tf.errors.NOT_FOUND,
         tf.errors.ALREADY_EXISTS, tf.errors.PERMISSION_DENIED, tf.errors.RESOURCE_EXHAUSTED,
         tf.errors.FAILED_PRECONDITION, tf.errors.ABORTED, tf.errors.OUT_OF_RANGE,
         tf.errors.UNIMPLEMENTED, tf.errors.INTERNAL, tf.errors.UNAVAILABLE,
         tf.errors.UNAUTHENTICATED]
print(codes, tf.errors.NotFoundError(None, None, "x").error_code == tf.errors.NOT_FOUND)
