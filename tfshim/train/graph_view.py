"""The object graph a checkpoint records (TF's graph_view.py, save_util.py, data_structures.py):
which objects are trackable, their named children, and the breadth-first walk that numbers
them and names their values.

Trackables are tf.Variables (a leaf whose one value is VARIABLE_VALUE), tf.Modules (their
attributes that hold trackables, in assignment order), tf.train.Checkpoints, tf.random.Generators
(`_state_var`), lists, tuples and dicts holding trackables (children "0", "1", ... or the
keys, as TF's ListWrapper and _DictWrapper), and other subclasses of TF's Trackable (Keras's
layers, models, optimizers and variables) through TF's protocol: `_trackable_children` names
the children, and a `_serialize_to_tensors` giving one tf.Variable's VARIABLE_VALUE makes a leaf
(a Keras variable).
"""

from __future__ import annotations

import collections

from .._core.data_structures import DictWrapper, ListWrapper
from .._core.module import Module
from .._core.trackable import Trackable
from .._core.variable import Variable
from .._proto.trackable_object_graph import TrackableObjectGraph

OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
VARIABLE_VALUE = "VARIABLE_VALUE"
_ESCAPE = "."


def escape(name: str) -> str:
    """TF's _escape_local_name: a child name as one segment of a checkpoint key."""
    return name.replace(_ESCAPE, _ESCAPE + _ESCAPE).replace("/", _ESCAPE + "S")


def is_trackable(value) -> bool:
    if isinstance(value, (Trackable, Module, ListWrapper, DictWrapper)) or getattr(
            value, "_tf_trackable", False):
        return True  # a tf.Module's lists and dicts are nodes even when empty, as TF's
    if isinstance(value, (list, tuple)):
        return any(is_trackable(v) for v in value)
    if isinstance(value, dict):
        return any(is_trackable(v) for v in value.values())
    return False


def saved_variable(obj):
    """The tf.Variable whose value is `obj`'s VARIABLE_VALUE: a tf.Variable itself, or the one a
    Trackable's `_serialize_to_tensors` gives (a Keras variable's); None for other objects."""
    if isinstance(obj, Variable):
        return obj
    if (isinstance(obj, Trackable)
            and type(obj)._serialize_to_tensors is not Trackable._serialize_to_tensors):
        try:
            tensors = obj._serialize_to_tensors()
        except NotImplementedError:
            return None
        if list(tensors) == [VARIABLE_VALUE] and isinstance(tensors[VARIABLE_VALUE], Variable):
            return tensors[VARIABLE_VALUE]
    return None


def children(obj, save_type: str = "checkpoint", **kwargs) -> list:
    """(local name, child) pairs, in TF's order (`save_type` and `kwargs` go to a Trackable's
    `_trackable_children`)."""
    if saved_variable(obj) is not None:
        return []
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj) if is_trackable(v)]
    if isinstance(obj, dict):
        return [(str(k), v) for k, v in obj.items() if isinstance(k, str) and is_trackable(v)]
    if hasattr(obj, "_checkpoint_children"):
        return obj._checkpoint_children()
    if isinstance(obj, Trackable):
        return list(obj._trackable_children(save_type, **kwargs).items())
    return [(k, v) for k, v in vars(obj).items() if k != "_tf_deferred" and is_trackable(v)]


def walk(root):
    """TF's breadth-first traversal: (objects in node-id order, {id(obj): node id},
    {id(obj): path of local names from the root})."""
    order, ids, paths = [root], {id(root): 0}, {id(root): ()}
    queue = collections.deque([root])
    while queue:
        obj = queue.popleft()
        for name, child in children(obj):
            if id(child) not in ids:
                ids[id(child)] = len(order)
                paths[id(child)] = paths[id(obj)] + (name,)
                order.append(child)
                queue.append(child)
    return order, ids, paths


def checkpoint_key(path, attribute: str = VARIABLE_VALUE) -> str:
    return "/".join([escape(p) for p in path] + [".ATTRIBUTES", attribute])


def serialize(root):
    """The object graph proto and the [(checkpoint key, variable)] to save, in TF's order."""
    order, ids, paths = walk(root)
    graph = TrackableObjectGraph()
    values = []
    for obj in order:
        node = graph.nodes.add()
        for name, child in children(obj):
            node.children.add(node_id=ids[id(child)], local_name=name)
        var = saved_variable(obj)
        if var is not None:
            key = checkpoint_key(paths[id(obj)])
            node.attributes.add(name=VARIABLE_VALUE, full_name=var._shared_name,
                                checkpoint_key=key)
            values.append((key, var))
    # has_checkpoint_values: the node or something below it holds a value.
    has = [bool(n.attributes) for n in graph.nodes]
    changed = True
    while changed:
        changed = False
        for i, node in enumerate(graph.nodes):
            if not has[i] and any(has[c.node_id] for c in node.children):
                has[i] = changed = True
    for node, value in zip(graph.nodes, has):
        node.has_checkpoint_values.value = value
    return graph, values


def node_names(graph) -> dict:
    """TF's ObjectGraphProtoPrettyPrinter: node id -> "(root).model.layer"."""
    path = {0: ("(root)",)}
    queue = collections.deque([0])
    while queue:
        i = queue.popleft()
        for child in graph.nodes[i].children:
            if child.node_id not in path:
                path[child.node_id] = path[i] + (child.local_name,)
                queue.append(child.node_id)
    return {i: ".".join(p) for i, p in path.items()}
