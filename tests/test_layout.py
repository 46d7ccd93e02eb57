"""The package's layout rules: README's architecture map names every module, no module is longer
than MAX_LINES, JAX's private `jax._src` is imported in at most one module, and no gradient rule
rides on a function as an attribute (gradients live in the ops' definitions, not patched on)."""

from __future__ import annotations

import ast
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "tfshim")
MAX_LINES = 900


def _modules() -> list[str]:
    """Every .py file under tfshim/, package-relative with "/" ("_core/tape.py")."""
    out = []
    for folder, _, files in os.walk(PACKAGE):
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(folder, f), PACKAGE)
                out.append(rel.replace(os.sep, "/"))
    return sorted(out)


def _source(module: str) -> str:
    with open(os.path.join(PACKAGE, module), encoding="utf-8") as f:
        return f.read()


def architecture_map(readme: str) -> list[str]:
    """The lines of the fenced code block under README's "## How it works" heading."""
    section = re.search(r"^## How it works\s*$(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert section, 'README.md has no "## How it works" section'
    block = re.search(r"^```[^\n]*\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, 'no fenced code block under "## How it works"'
    return block.group(1).splitlines()


def named_modules(lines: list[str]) -> set[str]:
    """The modules a map names, package-relative ("_core/tape.py").

    A line `tfshim/FOLDER/  stem, stem (remark), ...` names FOLDER/stem.py for each word of its
    description outside parentheses (`tfshim/  ...` names top-level modules), and so do the
    indented lines that continue it; a line starting with a path ending in .py names that file.
    A folder that has a line names its __init__.py: the package itself.
    """
    named = set()
    prefix = None  # the folder of the entry being continued, if any
    for line in lines:
        parts = line.split(None, 1)
        if not parts:
            prefix = None
            continue
        if line[0].isspace() and prefix is not None:
            description = line
        else:
            prefix = None
            if not parts[0].startswith("tfshim"):
                continue
            path = parts[0].rstrip(":")
            if path.endswith(".py"):
                named.add(path[len("tfshim/"):])
                continue
            folder = path[len("tfshim"):].strip("/")
            prefix = folder + "/" if folder else ""
            named.add(prefix + "__init__.py")
            description = parts[1] if len(parts) > 1 else ""
        description = re.sub(r"\([^)]*\)", "", description)
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*(?:\.py)?", description)
        named.update(prefix + (w if w.endswith(".py") else w + ".py") for w in words)
    return named


def test_architecture_map_parser():
    lines = ["tfshim/            __init__, _api",
             "tfshim/_core/   dtypes, tape (the tape),",
             "                op",
             "tfshim/_ops/math/   reductions.py",
             "tfshim/notebook/cli.py   the command line",
             "tests/tf_tier/  programs"]
    assert named_modules(lines) == {
        "__init__.py", "_api.py", "_core/__init__.py", "_core/dtypes.py", "_core/tape.py",
        "_core/op.py", "_ops/math/__init__.py", "_ops/math/reductions.py",
        "notebook/cli.py"}
    readme = "# x\n## How it works\ntext\n```\ntfshim/_core/   tape\n```\n## Speed\n```\nno\n```\n"
    assert architecture_map(readme) == ["tfshim/_core/   tape"]


def test_every_module_is_in_the_readme_architecture_map():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        named = named_modules(architecture_map(f.read()))
    missing = [m for m in _modules() if m not in named]
    assert not missing, ("modules not named in README.md's architecture map (## How it works): "
                         + ", ".join(missing))


def test_no_module_is_longer_than_the_limit():
    long = {m: n for m in _modules() if (n := len(_source(m).splitlines())) > MAX_LINES}
    assert not long, "modules over %d lines: %s" % (MAX_LINES, long)


def _imports_jax_private(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
                a.name == "jax._src" or a.name.startswith("jax._src.") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module == "jax._src" or node.module.startswith("jax._src.")
                or (node.module == "jax" and any(a.name == "_src" for a in node.names))):
            return True
        if (isinstance(node, ast.Attribute) and node.attr == "_src"
                and isinstance(node.value, ast.Name) and node.value.id == "jax"):
            return True  # jax._src.xyz reached through `import jax`
    return False


def test_jax_private_imports_are_in_at_most_one_module():
    users = [m for m in _modules() if _imports_jax_private(ast.parse(_source(m)))]
    assert len(users) <= 1, "jax._src is imported in %s" % users


# An attribute holding a gradient rule: _tf_backward, _grad, _custom_grad_fn, _backward_rule...
GRADIENT_ATTRIBUTE = re.compile(r"^_\w*(grad|backward)\w*$", re.I)


def gradient_attribute_assignments(source: str) -> list[str]:
    """`f._tf_backward = rule` and setattr(f, "_grad...", rule) statements, as "line: text".
    Attributes of self/cls (an object's own state) are not function attributes."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for t in targets:
            if (isinstance(t, ast.Attribute) and GRADIENT_ATTRIBUTE.match(t.attr)
                    and not (isinstance(t.value, ast.Name) and t.value.id in ("self", "cls"))):
                found.append("%d: %s" % (node.lineno, ast.unparse(node)))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "setattr" and len(node.args) == 3
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and GRADIENT_ATTRIBUTE.match(node.args[1].value)):
            found.append("%d: %s" % (node.lineno, ast.unparse(node)))
    return found


def test_gradient_attribute_detector():
    source = ("f._tf_backward = g\nop._spec.body._tf_backward = g\nsetattr(h, '_grad_fn', g)\n"
              "self._grad_cache = {}\nf.__name__ = 'x'\nf._tf_api_names = ()\n")
    assert [s.split(":")[0] for s in gradient_attribute_assignments(source)] == ["1", "2", "3"]


def test_no_gradient_rule_is_attached_as_a_function_attribute():
    found = {m: a for m in _modules() if (a := gradient_attribute_assignments(_source(m)))}
    assert not found, "gradient rules attached as attributes: %s" % found
