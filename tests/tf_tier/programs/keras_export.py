# Keras's model.export (its ExportArchive on tf.train.TrackableView and tf.saved_model), and
# the tf.function / SavedModel behaviours it relies on: nested input signatures, *args names,
# input_signature names as signature keywords; and what Keras's data adapters test.
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras

os.chdir(tempfile.mkdtemp())

# %% model.export writes a SavedModel that tf.saved_model.load serves at any batch size
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
x = np.arange(8, dtype="float32").reshape(2, 4) / 8
model.export("seq", verbose=False)
loaded = tf.saved_model.load("seq")
print(np.allclose(loaded.serve(x), model(x), atol=1e-6))
print(loaded.serve(tf.zeros([5, 4])).shape, sorted(loaded.signatures))
print(loaded.signatures["serving_default"].structured_input_signature)
print(loaded.serve.concrete_functions[0].structured_input_signature)
print(len(loaded.variables), len(loaded.trainable_variables), len(loaded.non_trainable_variables))
print(hasattr(loaded, "name"), hasattr(loaded, "submodules"))

# %% a nested input_signature: its structure kept, its tensors named by their paths
f = tf.function(lambda inputs: inputs["x"] - 2.0 * inputs["y"][0],
                input_signature=[{"x": tf.TensorSpec([None]), "y": (tf.TensorSpec([None]),)}])
print(f.input_signature)
print(f({"x": [1.0, 2.0], "y": ([3.0, 4.0],)}))
print(f.get_concrete_function().structured_input_signature)
try:
    f({"x": [1.0]})
except (TypeError, ValueError) as e:
    print(type(e).__name__)
m = tf.Module()
m.f = f
tf.saved_model.save(m, "nested", signatures={"f": f})
r = tf.saved_model.load("nested")
print(r.f({"x": [1.0], "y": ([3.0],)}))
print(sorted(r.f.concrete_functions[0].structured_input_signature[0][0].items()))  # a proto map
print(sorted(r.signatures["f"].structured_input_signature[1].items()))
print(r.signatures["f"](inputs=[3.0], inputs_1=[1.0]))

# %% *args's tensors are args_0, args_1, ...; an input_signature's names name the keywords
@tf.function
def g(a, *rest, **kw):
    return a + rest[0] + rest[1] + kw["z"]


cf = g.get_concrete_function(tf.constant(1.0), tf.constant(2.0), tf.constant(3.0),
                             z=tf.constant(4.0))
print([t.name for t in cf.inputs])
print(cf.structured_input_signature)
print(cf.pretty_printed_signature())
h = tf.function(lambda x, y: x - 2.0 * y,
                input_signature=[tf.TensorSpec([], name="zz"), tf.TensorSpec([], name="aa")])
print([t.name for t in h.get_concrete_function().inputs])
m2 = tf.Module()
m2.h = h
tf.saved_model.save(m2, "named", signatures=h)
r2 = tf.saved_model.load("named")
print(r2.h(1.0, 10.0), r2.signatures["serving_default"](zz=1.0, aa=10.0))
va = tf.function(lambda *args, **kwargs: args[0] * 2.0,
                 input_signature=[tf.TensorSpec([None, 2], name="inp")])
m3 = tf.Module()
m3.va = va
tf.saved_model.save(m3, "varargs", signatures=va)
r3 = tf.saved_model.load("varargs")
print(r3.va(tf.ones([1, 2])), r3.signatures["serving_default"](tf.ones([1, 2])))
print(r3.va.concrete_functions[0].structured_input_signature)

# %% TrackableView walks what a trackable depends on; TrackableResource makes its handle once
class Res(tf.saved_model.experimental.TrackableResource):
    def _create_resource(self):
        print("create")
        return tf.constant(7)


res = Res()
print(res.resource_handle, res.resource_handle)
root = tf.Module()
root.v = tf.Variable(1.0)
root.child = tf.Module()
root.child.w = tf.Variable(2.0)
root.res = res
view = tf.train.TrackableView(root)
print(sorted(view.children(root)), view.root is root)
found = view.descendants()
print(len(found), found[0] is root, sum(isinstance(d, Res) for d in found))
print(sorted(float(d.numpy()) for d in found if isinstance(d, tf.Variable)))

# %% None dimensions trace symbolically through tf.size and tf.tensordot
@tf.function(input_signature=[tf.TensorSpec([None, 3])])
def k(x):
    return tf.size(x), tf.tensordot(x, tf.ones([3, 2]), axes=[[1], [0]])


print([o.shape for o in k.get_concrete_function().structured_outputs])
print(k(tf.ones([4, 3])))

# %% a tf.function reading SparseTensor elements from a tf.data iterator; RaggedTensor's class
sp = tf.sparse.from_dense([[1.0, 0.0], [0.0, 2.0]])
ds = tf.data.Dataset.from_generator(lambda: iter([sp, sp]),
                                    output_signature=tf.SparseTensorSpec([2, 2], tf.float32))


@tf.function
def step(it):
    return tf.sparse.reduce_sum(it.get_next())


it = iter(ds)
print(step(it), step(it))
print(type(tf.ragged.constant([[1], []])), tf.RaggedTensorSpec.__module__)
