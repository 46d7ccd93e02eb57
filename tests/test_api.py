"""The public surface: the API listing matches its checked-in golden file, and every exported
object is used in the code of some test (under one of its TF names; comments and strings don't
count)."""

import ast
import glob
import os
import subprocess
import sys

import tfshim  # noqa: F401 - registers everything
from tfshim import _api

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden", "api.txt")


def test_listing_matches_golden_file():
    out = subprocess.run([sys.executable, "-m", "tfshim", "api"], capture_output=True,
                         text=True, check=True).stdout
    with open(GOLDEN) as f:
        golden = f.read()
    assert out == golden, ("the API changed: review it and regenerate with "
                           "`python -m tfshim api > tests/golden/api.txt`")


TF_MODULES = ("tfshim", "tensorflow")  # test files import tfshim; TF-tier programs, tensorflow


def _attribute_path(node):
    """["tf", "nn", "relu"] for the expression tf.nn.relu; None for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id] + parts[::-1]


def used_tf_names(source: str) -> set:
    """The TF names (e.g. "nn.relu", "float32") a Python source uses in code: attributes read
    from a name bound to tfshim or tensorflow (`import tfshim as tf`, `from tfshim import
    nn`), directly or through a name assigned one (`E = tf.errors`). Comments and strings,
    docstrings included, are not code: a name that appears only there is not used."""
    tree = ast.parse(source)
    roots: dict = {}  # local name -> the TF path it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update((a.asname or a.name, []) for a in node.names if a.name in TF_MODULES)
            # `import tensorflow.experimental.numpy as tnp`: tnp stands for tf.experimental.numpy
            roots.update((a.asname, a.name.split(".")[1:]) for a in node.names
                         if a.asname and a.name.split(".")[0] in TF_MODULES and "." in a.name)
        elif isinstance(node, ast.ImportFrom) and node.module in TF_MODULES:
            roots.update((a.asname or a.name, [a.name]) for a in node.names)
    assigned = [(n.targets[0].id, _attribute_path(n.value)) for n in ast.walk(tree)
                if isinstance(n, ast.Assign) and len(n.targets) == 1
                and isinstance(n.targets[0], ast.Name)]
    grew = True
    while grew:  # aliases of aliases
        grew = False
        for target, path in assigned:
            if path and path[0] in roots and target not in roots:
                roots[target] = roots[path[0]] + path[1:]
                grew = True
    used = set()
    for node in ast.walk(tree):
        path = _attribute_path(node) if isinstance(node, (ast.Attribute, ast.Name)) else None
        if path and path[0] in roots:
            full = roots[path[0]] + path[1:]
            used.update(".".join(full[:k]) for k in range(1, len(full) + 1))
    return used


def test_used_tf_names_reads_code_not_comments_or_strings():
    source = '''"""Module docstring: tf.docstring_name."""
import tfshim as tf
from tfshim import nn
E = tf.errors
F = E


def f():
    """tf.function_docstring_name"""
    x = tf.math.reduce_sum([1])  # tf.comment_name
    y = "tf.string_name"
    hasattr(tf.linalg, "inv")
    return nn.relu(x), F.InvalidArgumentError, y
'''
    assert used_tf_names(source) == {"errors", "errors.InvalidArgumentError", "math",
                                     "math.reduce_sum", "nn", "nn.relu", "linalg"}


def test_every_exported_object_has_a_test_record():
    used = set()
    for path in glob.glob(os.path.join(ROOT, "tests", "**", "*.py"), recursive=True):
        if os.path.abspath(path) != os.path.abspath(__file__):
            with open(path) as f:
                used |= used_tf_names(f.read())
    by_object: dict = {}
    for name, obj in _api.REGISTRY.items():
        by_object.setdefault(id(obj), []).append(name)
    untested = ["tf." + names[0] for names in by_object.values()
                if not any(n in used for n in names)]
    assert not untested, "exported but never used in a test: %s" % ", ".join(sorted(untested))


def test_namespaces_are_filled_from_the_registry():
    import tfshim as tf

    for name, obj in _api.REGISTRY.items():
        parts = name.split(".")
        mod = tf
        for p in parts[:-1]:
            mod = getattr(mod, p)
        assert getattr(mod, parts[-1]) is obj, name
