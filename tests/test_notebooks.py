"""Notebooks run end to end through tfshim's own runner and print what TF printed."""

import os

import pytest

from tfshim.notebook import run_notebook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "..", "shared", "seed", "gradient_tape_ko.ipynb")


def _run(path, capsys):
    code = run_notebook(path)
    report = capsys.readouterr().out
    return code, report


def test_our_gradient_tape_notebook(capsys):
    code, report = _run(os.path.join(ROOT, "notebooks", "gradient_tape.ipynb"), capsys)
    assert code == 0, report
    assert "6 cells: 6 ok, 0 mismatched, 0 errors" in report


@pytest.mark.skipif(not os.path.exists(SEED), reason="../shared is not beside this checkout")
def test_seed_notebook_unchanged_matches_tensorflow(capsys):
    with open(SEED, "rb") as f:
        before = f.read()
    code, report = _run(SEED, capsys)
    assert code == 0, report
    assert "0 mismatched, 0 errors" in report
    with open(SEED, "rb") as f:
        assert f.read() == before  # the runner never modifies the notebook


def test_a_changed_output_is_caught(tmp_path, capsys):
    import json

    nb = json.load(open(os.path.join(ROOT, "notebooks", "gradient_tape.ipynb")))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                out["text"] = [t.replace("8.", "9.") for t in out["text"]]
    path = tmp_path / "changed.ipynb"
    path.write_text(json.dumps(nb))
    code, report = _run(str(path), capsys)
    assert code == 1
    assert "mismatch" in report
