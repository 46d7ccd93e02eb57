"""The Keras tier's CI subset: a few of Keras's own test files (keras/src/**/*_test.py in the
installed keras wheel), run unchanged on tfshim in a pytest subprocess (tests/keras_tier/run.py's
command), must pass wherever they pass on real TF 2.21. TF's outcomes are recorded in
tests/keras_tier/ci_tf_outcomes.json (`run.py --side tf --record ...`); a test failing on TF
doesn't count. The whole tier (README "Keras tier") runs with `python tests/keras_tier/run.py`.
"""

import json
import subprocess
from pathlib import Path

import pytest
from keras_tier import run

import tfshim as tf

# Files whose TF-passing tests all pass on tfshim, chosen to cost well under a minute.
CI_FILES = [
    "layers/core/input_layer_test.py",
    "losses/loss_test.py",
    "metrics/hinge_metrics_test.py",
    "metrics/f_score_metrics_test.py",
    "metrics/regression_metrics_test.py",
]

RECORDED = Path(__file__).parent / "keras_tier" / "ci_tf_outcomes.json"


@pytest.mark.skipif(not hasattr(getattr(tf.compat, "v1", None), "reset_default_graph"),
                    reason="Keras's TestCase.setUp (clear_session) calls "
                           "tf.compat.v1.reset_default_graph, which tfshim lacks yet")
def test_keras_test_files_pass_on_tfshim_where_they_pass_on_tf(tmp_path):
    xml = tmp_path / "tfshim.xml"
    targets = [run.keras_src() / f for f in CI_FILES]
    cmd = run.pytest_command(targets[0], "tfshim", xml, 0, 300, [str(t) for t in targets[1:]])
    res = subprocess.run(cmd, env=run.environment("tfshim"), capture_output=True, text=True,
                         timeout=900, cwd=run.REPO)
    got = run.outcomes(xml)
    assert got, res.stdout[-3000:] + res.stderr[-3000:]
    on_tf = json.loads(RECORDED.read_text())
    assert set(got) == set(on_tf)  # the same tests (another keras release would differ)
    failing = {t: got[t][1] for t, status in on_tf.items()
               if status == "passed" and got[t][0] != "passed"}
    assert not failing, "\n".join(f"{t}: {m}" for t, m in failing.items())
