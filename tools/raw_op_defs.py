"""Write tfshim/_data/tf_2_21_raw_ops.json from real TensorFlow 2.21's op defs.

Run with TF installed: `python tools/raw_op_defs.py`. For every op in tfshim/_ops/raw_ops.py's
TABLE it records TF's Python function name (gen_*_ops'), the keyword arguments in TF's order
(the op's inputs, then its attrs that are not inferred from inputs: those without a default,
then those with one; defaults from the op def, names as TF's api_defs rename them), the inputs
that share a type attr (converted together, as TF's args_to_matching_eager) and the output
names; it also records the names of all of TF 2.21's raw ops (the API listing counts them).
"""

import ast
import inspect
import json
import os

import numpy as np
import tensorflow as tf
from tensorflow.python.framework import op_def_registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "tfshim", "_ops", "raw_ops.py")
OUT = os.path.join(ROOT, "tfshim", "_data", "tf_2_21_raw_ops.json")


def table_ops():
    tree = ast.parse(open(TABLE).read())
    for node in ast.walk(tree):
        if (isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "TABLE") or (
                isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "TABLE"):
            return [k.value for k in node.value.keys]
    raise SystemExit("no TABLE in " + TABLE)


def attr_value(v):
    """An AttrValue default as JSON (dtypes as {"dtype": name})."""
    kind = v.WhichOneof("value")
    if kind == "list":
        lst = v.list
        if lst.type:
            return [{"dtype": tf.as_dtype(t).name} for t in lst.type]
        return list(lst.i) or [float(str(np.float32(f))) for f in lst.f] or [
            s.decode() for s in lst.s] or list(lst.b)
    if kind == "f":
        return float(str(np.float32(v.f)))  # the float32 TF stores, as its shortest repr
    if kind == "s":
        return v.s.decode()
    if kind == "type":
        return {"dtype": tf.as_dtype(v.type).name}
    if kind in ("i", "b"):
        return getattr(v, kind)
    raise SystemExit("unhandled attr default kind %r" % kind)


def op_entry(name):
    od = op_def_registry.get(name)
    inferred = set()
    for a in od.input_arg:
        inferred.update(x for x in (a.type_attr, a.type_list_attr, a.number_attr) if x)
    args = [[a.name] for a in od.input_arg]
    attrs = [a for a in od.attr if a.name not in inferred]
    args += [[a.name] for a in attrs if not a.HasField("default_value")]
    args += [[a.name, attr_value(a.default_value)] for a in attrs if a.HasField("default_value")]
    fn = getattr(tf.raw_ops, name)
    sig = [p for p in inspect.signature(fn).parameters.values() if p.name != "name"]
    assert len(sig) == len(args), (name, sig, args)
    for p, a in zip(sig, args):
        # TF's api_defs rename a few arguments (Squeeze's squeeze_dims is axis): keep TF's.
        a[0] = p.name
        assert (len(a) == 2) == (p.default is not p.empty), (name, p, a)
        if len(a) == 2 and type(p.default) in (int, float) and p.default == a[1]:
            a[1] = p.default  # as TF's generated function writes it (`1` for a float attr's 1.0)
    groups, lists = {}, []
    for a, arg in zip(od.input_arg, args):
        if a.type_attr:
            groups.setdefault(a.type_attr, []).append(arg[0])
            if a.number_attr:
                lists.append(arg[0])
    match = [g for g in groups.values() if len(g) > 1 or g[0] in lists]
    return {"py": fn.__name__, "args": args, "outputs": [a.name for a in od.output_arg],
            "match": match, "lists": lists}


def main():
    ops = {name: op_entry(name) for name in sorted(table_ops())}
    names = sorted(n for n in dir(tf.raw_ops) if not n.startswith("_"))
    with open(OUT, "w") as f:
        json.dump({"ops": ops, "names": names}, f, indent=1)
        f.write("\n")
    print("%d ops, %d names -> %s" % (len(ops), len(names), OUT))


if __name__ == "__main__":
    main()
