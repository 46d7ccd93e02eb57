"""The TF tier: the same programs on real TensorFlow 2.21 and on tfshim, compared cell by cell.

tests/tf_tier/expected/ holds what TF 2.21 printed for each program (values, dtypes, shapes,
reprs, warnings, exception types and messages). Every run compares tfshim against it; where
TensorFlow is installed (the `tfref` extra, as in CI), TF is run again and must still agree
with the record, so the record can't drift from TF.
"""

import glob
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.join(os.path.dirname(__file__), "tf_tier")
sys.path.insert(0, HERE)
from harness import differences, expected_path  # noqa: E402

PROGRAMS = sorted(glob.glob(os.path.join(HERE, "programs", "*.py")))
IDS = [os.path.splitext(os.path.basename(p))[0] for p in PROGRAMS]


def _run(program, mode):
    # Without TFSHIM_AS_TENSORFLOW, so that the "tf" runs get TensorFlow wherever tfshim's
    # start-up hook is installed, even when the variable is set for this pytest run.
    env = {k: v for k, v in os.environ.items() if k != "TFSHIM_AS_TENSORFLOW"}
    res = subprocess.run([sys.executable, os.path.join(HERE, "harness.py"), program, mode],
                         capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout)


def _expected(program):
    with open(expected_path(program)) as f:
        return json.load(f)


@pytest.mark.parametrize("program", PROGRAMS, ids=IDS)
def test_tfshim_prints_what_tf_printed(program):
    problems = differences(_expected(program), _run(program, "shim"))
    assert not problems, "\n".join(problems)


def _tensorflow_version():
    from importlib import metadata

    for dist in ("tensorflow-cpu", "tensorflow"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return None


@pytest.mark.tf
@pytest.mark.skipif(_tensorflow_version() is None, reason="tensorflow-cpu==2.21.0 not "
                    "installed (pip install -e '.[tfref]')")
@pytest.mark.parametrize("program", PROGRAMS, ids=IDS)
def test_record_matches_real_tensorflow(program):
    assert _tensorflow_version() == "2.21.0"
    problems = differences(_expected(program), _run(program, "tf"))
    assert not problems, "the stored TF record is stale:\n" + "\n".join(problems)
