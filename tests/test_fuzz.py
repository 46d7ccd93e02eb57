"""The differential fuzz tier's CI slice: one fixed seed of tests/fuzz/differential.py's cases,
run on TensorFlow 2.21 and on tfshim. `python tests/fuzz/run.py --seeds N` runs any number of
seeds and prints agreement by category (README, Tests, records the figure).

Each check runs in its own process: importing the real TensorFlow into pytest's process would
reconfigure the `tensorflow` logger and module table that later tests (warnings, the alias) use.
"""

import os
import subprocess
import sys
import textwrap

import pytest
from test_tf_tier import _tensorflow_version

FUZZ = os.path.join(os.path.dirname(__file__), "fuzz")
SEED, CASES = 0, 400
# The slice's agreement on seed 0: 85.75% on the exported names of this commit (90.25% on the
# names before the image2/mirror2 merges, 88.75% there before the error-message round; new
# names change the draw). A floor that catches regressions; raise it as fixes land. Silent
# values and state lost on an error are never allowed.
FLOOR = 0.85

needs_tf = pytest.mark.skipif(_tensorflow_version() is None, reason="tensorflow-cpu==2.21.0 not "
                              "installed (pip install -e '.[tfref]')")


def _in_subprocess(code):
    env = {k: v for k, v in os.environ.items() if k != "TFSHIM_AS_TENSORFLOW"}
    res = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, %r)\n%s"
                          % (FUZZ, textwrap.dedent(code))], capture_output=True, text=True,
                         timeout=900, env=env)
    assert res.returncode == 0, (res.stdout + res.stderr)[-4000:]
    return res.stdout


@pytest.mark.tf
@needs_tf
def test_fuzz_slice_agrees_with_tensorflow():
    out = _in_subprocess("""
        import differential
        results = differential.run(%d, %d)
        assert len(results) == %d
        never = [(case, cat, tfr[:3], shr[:3]) for case, cat, tfr, shr in results
                 if cat and (cat.startswith("silent") or cat.startswith("lost"))]
        assert not never, "\\n".join(map(repr, never))
        print(sum(cat is None for _, cat, _, _ in results) / len(results))
    """ % (SEED, CASES, CASES))
    agreement = float(out.split()[-1])
    assert agreement >= FLOOR, agreement


@pytest.mark.tf
@needs_tf
def test_compare_and_canary_can_fail():
    _in_subprocess("""
        import differential
        import numpy as np

        import tfshim

        arr = ("ok", [("array", "float32", (1,), np.array([1.0]))], None)
        assert differential.compare(arr, arr) is None
        assert differential.compare(arr, ("ok", [("array", "float32", (1,), np.array([1.1]))],
                                          None)) == "value"
        assert differential.compare(arr, ("ok", [("array", "float64", (1,), np.array([1.0]))],
                                          None)) == "dtype"
        assert differential.compare(("error", "ValueError", "x"), arr) == "silent value (TF raises)"
        assert differential.compare(("error", "ValueError", "x"), ("error", "TypeError", "x")) == \
            "error class"
        canary = differential.Canary(tfshim)
        before = canary.state()
        assert canary.check(before) == ""
        canary.v.assign([0.0, 0.0])
        assert "variable" in canary.check(before)
        canary.tape.__exit__(None, None, None)
    """)
