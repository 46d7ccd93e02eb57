"""The public surface: the API listing matches its checked-in golden file, and every exported
object is exercised by some test (under one of its TF names)."""

import glob
import os
import re
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


def test_every_exported_object_has_a_test_record():
    corpus = ""
    for path in glob.glob(os.path.join(ROOT, "tests", "**", "*.py"), recursive=True):
        if os.path.abspath(path) != os.path.abspath(__file__):
            with open(path) as f:
                corpus += f.read()
    by_object: dict = {}
    for name, obj in _api.REGISTRY.items():
        by_object.setdefault(id(obj), []).append(name)
    untested = []
    for names in by_object.values():
        if not any(re.search(r"\btf\.%s\b" % re.escape(n), corpus) for n in names):
            untested.append("tf." + names[0])
    assert not untested, "exported but never used in a test: %s" % ", ".join(sorted(untested))


def test_namespaces_are_filled_from_the_registry():
    import tfshim as tf

    for name, obj in _api.REGISTRY.items():
        parts = name.split(".")
        mod = tf
        for p in parts[:-1]:
            mod = getattr(mod, p)
        assert getattr(mod, parts[-1]) is obj, name
