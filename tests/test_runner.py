"""Tests for the ``tensorflow`` alias and the notebook runner, on a fake target module.

Nothing here uses tfshim's tensor API: notebooks import ``tensorflow``, which the runner points
at ``fakeflow``, a tiny package written to a temporary folder.
"""

from __future__ import annotations

import importlib.util
import io
import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from IPython.core.interactiveshell import InteractiveShell

from tfshim.notebook import (
    install_alias,
    load_ipython_extension,
    remove_alias,
    run_notebook,
    unload_ipython_extension,
)
from tfshim.notebook.alias import alias_target
from tfshim.notebook.runner import same_text

REPO = Path(__file__).resolve().parents[1]

FAKEFLOW = {
    "__init__.py": '''
        """Stands in for tfshim."""
        __version__ = "0.0.fake"


        class Tensor:
            def __init__(self, value):
                self.value = value

            def __repr__(self):
                return f"<tf.Tensor: shape=(), dtype=float32, numpy={self.value!r}>"


        def constant(value):
            return Tensor(value)


        def add(a, b):
            return a + b
        ''',
    "math.py": """
        def square(x):
            return x * x
        """,
}


@pytest.fixture(scope="module")
def fakeflow(tmp_path_factory):
    root = tmp_path_factory.mktemp("fakeflow_root")
    (root / "fakeflow").mkdir()
    for name, text in FAKEFLOW.items():
        (root / "fakeflow" / name).write_text(textwrap.dedent(text))
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    for name in [n for n in sys.modules if n == "fakeflow" or n.startswith("fakeflow.")]:
        del sys.modules[name]


@pytest.fixture(autouse=True)
def no_alias_left():
    yield
    remove_alias()


# --------------------------------------------------------------------------- notebook helpers


def stdout(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def stderr(text):
    return {"output_type": "stream", "name": "stderr", "text": text}


def result(text, count=1):
    return {
        "output_type": "execute_result",
        "execution_count": count,
        "data": {"text/plain": text},
        "metadata": {},
    }


def error(ename, evalue):
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": []}


def display(text):
    return {"output_type": "display_data", "data": {"text/plain": text}, "metadata": {}}


def notebook(path: Path, *cells) -> Path:
    """Write a v4 notebook; each cell is ``(source, [outputs])`` or a markdown string."""
    nb_cells = []
    for cell in cells:
        if isinstance(cell, str):
            nb_cells.append({"cell_type": "markdown", "metadata": {}, "source": cell})
            continue
        source, outputs = cell
        nb_cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": outputs,
                "source": source.splitlines(keepends=True),
            }
        )
    nb = {"cells": nb_cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    for i, cell in enumerate(nb_cells):
        cell["id"] = f"cell-{i}"
    path.write_text(json.dumps(nb))
    return path


def run(path, **kwargs):
    """(exit code, report lines) of run_notebook on the fake module."""
    out = io.StringIO()
    code = run_notebook(path, module="fakeflow", out=out, **kwargs)
    return code, out.getvalue().splitlines()


# --------------------------------------------------------------------------- alias


def test_alias_import_and_submodules(fakeflow):
    install_alias("fakeflow")
    import tensorflow as tf
    import tensorflow.math
    from tensorflow import math
    from tensorflow.math import square

    # `tensorflow` is a module of its own holding the target's names (the same objects).
    assert tf.__name__ == "fakeflow" and tf is not sys.modules["fakeflow"]
    assert {k: v for k, v in vars(tf).items() if k != "__version__"} == {
        k: v for k, v in vars(sys.modules["fakeflow"]).items() if k != "__version__"}
    assert math is tensorflow.math is sys.modules["fakeflow.math"]
    assert square(3) == 9
    with pytest.raises(ModuleNotFoundError, match="aliased to 'fakeflow'") as missing:
        import tensorflow.no_such_module
    assert missing.value.name == "tensorflow.no_such_module"
    with pytest.raises(ModuleNotFoundError, match="no module 'fakeflow.no_such_module'"):
        importlib.util.find_spec("tensorflow.no_such_module")

    remove_alias()
    assert alias_target() is None
    assert not any(n == "tensorflow" or n.startswith("tensorflow.") for n in sys.modules)


def test_alias_to_a_missing_module_never_finds_a_real_tensorflow():
    install_alias("no_such_target")
    with pytest.raises(ModuleNotFoundError, match="no_such_target"):
        import tensorflow  # noqa: F401


def test_alias_is_idempotent_and_switchable(fakeflow):
    install_alias("fakeflow")
    install_alias("fakeflow")
    finders = [f for f in sys.meta_path if type(f).__name__ == "_AliasFinder"]
    assert len(finders) == 1
    install_alias("tfshim")
    assert alias_target() == "tfshim"
    assert len([f for f in sys.meta_path if type(f).__name__ == "_AliasFinder"]) == 1


def test_alias_wins_over_an_imported_tensorflow_and_restores_it(fakeflow, monkeypatch):
    real = ModuleType("tensorflow")
    monkeypatch.setitem(sys.modules, "tensorflow", real)
    install_alias("fakeflow")
    import tensorflow

    assert tensorflow.__name__ == "fakeflow" and tensorflow is not real
    remove_alias()
    assert sys.modules["tensorflow"] is real


def test_ipython_extension_installs_alias():
    load_ipython_extension(None)
    assert alias_target() == "tfshim"
    unload_ipython_extension(None)
    assert alias_target() is None


def test_load_ext_inside_a_notebook(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "ext.ipynb",
        ("%load_ext tfshim.notebook", []),
        ("import tensorflow, tfshim\ntensorflow.add is tfshim.add", [result("True")]),
    )
    assert run(nb) == (0, ["cell 1: ok", "cell 2: ok", "2 cells: 2 ok, 0 mismatched, 0 errors"])
    assert alias_target() is None


# --------------------------------------------------------------------------- text comparison


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("1.0000001", "1.0"),
        ("[ 1.  -0.]", "[1. 0.]"),
        ("x = nan, y = -inf", "x = nan, y = -inf"),
        ("<tf.Tensor: shape=(), numpy=1.0>", "<tf.Tensor: id=230, shape=(), numpy=1.0>"),
        ("<f at 0x7f0012345678>", "<f at 0x55aa>"),
        ("a\n  b", "a b"),
        ("dtype=float32", "dtype=float32"),
        # TF's float16 softmax on two CPUs: a few float16 ulps apart.
        ("tf.Tensor([0.09 0.2448 0.04202], shape=(3,), dtype=float16)",
         "tf.Tensor([0.09 0.2446 0.04196], shape=(3,), dtype=float16)"),
        ("tf.Tensor([-0.0458984 -3.04688], shape=(2,), dtype=bfloat16)",
         "tf.Tensor([-0.0461426 -3.0625], shape=(2,), dtype=bfloat16)"),
    ],
)
def test_same_text(got, expected):
    assert same_text(got, expected)


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("1.1", "1.0"),
        ("1001", "1000"),  # integers are exact
        ("nan", "1.0"),
        ("dtype=float64", "dtype=float32"),
        ("1 2", "12"),
        ("loss", "loss: 1.0"),
        ("tf.Tensor(0.25, shape=(), dtype=float16)", "tf.Tensor(0.26, shape=(), dtype=float16)"),
    ],
)
def test_different_text(got, expected):
    assert not same_text(got, expected)


# The TF tier's tolerance (tests/tf_tier/harness.py): integers stay exact under any tolerance.
TIER = {"rtol": 1e-5, "atol": 1e-6}


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("100001", "100000"),  # within rtol 1e-5 as floats, but integers are exact
        ("[100000 3]", "[100001 3]"),
        ("shape=(100000,)", "shape=(100001,)"),
        ("tf.Tensor(4.5e+04, shape=(), dtype=float16)", "tf.Tensor(inf, shape=(), dtype=float16)"),
        ("-inf", "inf"),
        ("(1+2.5j)", "(1+2.4j)"),
        ("1.00002", "1.0"),
    ],
)
def test_different_text_at_the_tf_tier_tolerance(got, expected):
    assert not same_text(got, expected, **TIER)


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        ("100000", "100000"),
        ("0.30000001", "0.3"),  # float32 rounding noise
        ("100000.0", "100000.01"),
        ("9.999997e-01", "1.0000001e+00"),
        ("[-0.03322104, -0.3071118 ]", "[-0.03322105, -0.30711177]"),  # numpy's padding
        ("array([[-0.3071118 ,  0.5]])", "array([[-0.30711177,  0.5]])"),
        ("(0.6000000000000001+0.8j)", "(0.6+0.8j)"),  # complex: both parts are numbers
        ("[2.-0.j 4.-0.j]", "[2.+0.j 4.+0.j]"),  # the sign of a zero
        ("(0.5403023058681399-0.8414709848078965j)", "(0.5403023058681398-0.8414709848078965j)"),
    ],
)
def test_same_text_at_the_tf_tier_tolerance(got, expected):
    assert same_text(got, expected, **TIER)


def test_half_tensors_have_their_own_tolerance_and_nothing_else_does():
    half = "tf.Tensor(%s, shape=(), dtype=float16)"
    assert same_text(half % "0.2448", half % "0.2446", **TIER)
    assert same_text("<tf.Tensor: shape=(), dtype=bfloat16, numpy=-3.04688>",
                     "<tf.Tensor: shape=(), dtype=bfloat16, numpy=-3.0625>", **TIER)
    # float32 numbers beside a half tensor keep the caller's tolerance ...
    assert not same_text(half % "0.2448" + " tf.Tensor(0.2448, shape=(), dtype=float32)",
                         half % "0.2448" + " tf.Tensor(0.2446, shape=(), dtype=float32)", **TIER)
    # ... and so do numbers outside any tensor, even before a half tensor's dtype.
    assert not same_text("x=0.2448 " + half % "1.0", "x=0.2446 " + half % "1.0", **TIER)
    assert not same_text("tf.Tensor([1 2], shape=(2,), dtype=int32) x=0.2448 dtype=float16)",
                         "tf.Tensor([1 2], shape=(2,), dtype=int32) x=0.2446 dtype=float16)",
                         **TIER)


# --------------------------------------------------------------------------- runner


def test_matching_stdout_and_result(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "ok.ipynb",
        "# A title",
        ("import tensorflow as tf\nfrom tensorflow import math", []),
        ("print(tf.add(1, 2))\nmath.square(4)", [stdout("3\n"), result("16", 2)]),
        ("x = 1;", []),
    )
    code, lines = run(nb)
    assert lines == [
        "cell 1: ok",
        "cell 2: ok",
        "cell 3: ok",
        "3 cells: 3 ok, 0 mismatched, 0 errors",
    ]
    assert code == 0


def test_numeric_tolerance(fakeflow, tmp_path):
    close = notebook(tmp_path / "close.ipynb", ("print(1.0000001)", [stdout("1.0\n")]))
    assert run(close)[0] == 0
    far = notebook(tmp_path / "far.ipynb", ("print(1.1)", [stdout("1.0\n")]))
    code, lines = run(far)
    assert code == 1
    assert lines[0] == "cell 1: mismatch"
    assert "    -1.0" in lines and "    +1.1" in lines
    assert lines[-1] == "1 cells: 0 ok, 1 mismatched, 0 errors"


def test_old_tensor_ids_and_addresses_are_ignored(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "ids.ipynb",
        (
            "import tensorflow as tf\ntf.constant(1.0)",
            [result("<tf.Tensor: id=230, shape=(), dtype=float32, numpy=1.0>")],
        ),
        ("class A:\n    pass\nA()", [result("<__main__.A at 0x7f3a2c1e9b40>")]),
    )
    assert run(nb)[0] == 0


def test_tuple_result_is_pretty_printed_like_jupyter(fakeflow, tmp_path):
    a, b = "a" * 40, "b" * 40
    stored = [f"('{a}',\n", f" '{b}')"]
    nb = notebook(tmp_path / "tuple.ipynb", (f"('{a}', '{b}')", [result(stored)]))
    written = tmp_path / "tuple.out.ipynb"
    assert run(nb, write=written)[0] == 0
    out = json.loads(written.read_text())["cells"][0]["outputs"]
    assert out[0]["data"]["text/plain"] == stored


def test_error_fails_and_later_cells_still_run(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "err.ipynb",
        ("1 / 0", []),
        ("import sys\nsys.exit(3)", []),
        ("def f(:\n    pass", []),
        ("print('after')", [stdout("after\n")]),
    )
    code, lines = run(nb)
    assert code == 1
    assert lines[:2] == [
        "cell 1: error: ZeroDivisionError: division by zero",
        "cell 2: error: SystemExit: 3",
    ]
    assert lines[3:] == ["cell 4: ok", "4 cells: 1 ok, 0 mismatched, 3 errors"]
    assert lines[2].startswith("cell 3: error: SyntaxError: invalid syntax")


def test_expected_error_passes(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "expected.ipynb",
        (
            "print('before')\nraise ValueError('bad')",
            [stdout("before\n"), error("ValueError", "bad")],
        ),
        ("{}['k']", [error("LookupError", "'k'")]),  # a base class of KeyError is fine
    )
    assert run(nb)[0] == 0
    wrong = notebook(tmp_path / "wrong.ipynb", ("raise TypeError('t')", [error("ValueError", "v")]))
    assert run(wrong)[1][0] == "cell 1: error: TypeError: t (expected ValueError)"
    missing = notebook(tmp_path / "missing.ipynb", ("1", [error("ValueError", "v")]))
    code, lines = run(missing)
    assert code == 1 and lines[:2] == ["cell 1: mismatch", "    expected ValueError: v"]


def test_shell_escapes_and_magics(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "magic.ipynb",
        (
            "!pip install tensorflow\n!touch escaped.txt\nfiles = !ls\n%pip install x\nprint('hi')",
            [stdout("Collecting tensorflow\nSuccessfully installed tensorflow\nhi\n")],
        ),
        ("%matplotlib inline\n%load_ext autoreload\n%load_ext no_such_extension", []),
        (
            "%%time\nprint(5)",
            [stdout("CPU times: user 3 s, sys: 1 s, total: 4 s\nWall time: 9 s\n5\n")],
        ),
        ("%%bash\necho hi > escaped.txt", [stdout("hi\n")]),
        ("if True:\n    !echo indented\nfiles", [result("[]")]),
    )
    code, lines = run(nb)
    assert code == 0, lines
    assert not (tmp_path / "escaped.txt").exists()


def test_display_is_not_stdout(fakeflow, tmp_path):
    nb = notebook(
        tmp_path / "display.ipynb",
        ("from IPython.display import display\ndisplay(5)", [display("5")]),
        ("get_ipython() is not None", [result("True")]),
    )
    assert run(nb)[0] == 0


def test_unexecuted_notebook_just_runs(fakeflow, tmp_path):
    nb = notebook(tmp_path / "fresh.ipynb", ("print('x')\n1", []), ("2", []))
    assert run(nb) == (0, ["cell 1: ok", "cell 2: ok", "2 cells: 2 ok, 0 mismatched, 0 errors"])
    broken = notebook(tmp_path / "broken.ipynb", ("print('x')", []), ("undefined_name", []))
    code, lines = run(broken)
    assert (
        code == 1 and lines[1] == "cell 2: error: NameError: name 'undefined_name' is not defined"
    )


def test_unexpected_output_in_an_executed_notebook(fakeflow, tmp_path):
    nb = notebook(tmp_path / "extra.ipynb", ("print('a')", [stdout("a\n")]), ("print('b')", []))
    code, lines = run(nb)
    assert code == 1
    assert lines[1] == "cell 2: mismatch"
    assert "    +b" in lines


def test_only_tensorflow_warnings_on_stderr_are_compared(fakeflow, tmp_path):
    warn = "import sys\nprint('WARNING:tensorflow:retracing', file=sys.stderr)"
    cells = [(warn, [stderr("WARNING:tensorflow:retracing\n")])]
    assert run(notebook(tmp_path / "w1.ipynb", *cells))[0] == 0
    noisy = "import sys\nprint('I tensorflow/core: noise', file=sys.stderr)"
    assert run(notebook(tmp_path / "w2.ipynb", *cells, (noisy, [])))[0] == 0
    missing = (noisy, [stderr("WARNING:tensorflow:something\n")])
    code, lines = run(notebook(tmp_path / "w3.ipynb", missing))
    assert code == 1 and lines[0] == "cell 1: mismatch"


def test_logging_to_stderr_is_captured_and_handlers_restored(fakeflow, tmp_path):
    logger = logging.getLogger("fakeflow.test")
    handler = logging.StreamHandler()  # bound to sys.stderr now, as a library would be
    stream = handler.stream
    logger.addHandler(handler)
    try:
        nb = notebook(
            tmp_path / "log.ipynb",
            ("import logging\nlogging.getLogger('fakeflow.test').warning('hello')", []),
        )
        written = tmp_path / "log.out.ipynb"
        assert run(nb, write=written)[0] == 0
    finally:
        logger.removeHandler(handler)
    assert handler.stream is stream
    outputs = json.loads(written.read_text())["cells"][0]["outputs"]
    assert outputs == [{"output_type": "stream", "name": "stderr", "text": ["hello\n"]}]


def test_write_saves_executed_notebook(fakeflow, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nb = notebook(
        tmp_path / "w.ipynb",
        "Some text",
        ("import sys\nprint('out')\nprint('err', file=sys.stderr)\n41 + 1", []),
        ("raise KeyError('k')", []),
    )
    before = nb.read_text()
    written = tmp_path / "written.ipynb"
    assert run(nb, write=written)[0] == 1
    assert nb.read_text() == before
    saved = nbformat.read(written, as_version=4)
    nbformat.validate(saved)
    first, second = saved.cells[1], saved.cells[2]
    assert [o.output_type for o in first.outputs] == ["stream", "stream", "execute_result"]
    assert first.outputs[0].text == "out\n" and first.outputs[1].name == "stderr"
    assert first.outputs[2].data["text/plain"] == "42"
    assert first.execution_count == first.outputs[2].execution_count == 1
    assert second.outputs[0].output_type == "error" and second.outputs[0].ename == "KeyError"
    assert second.execution_count == 2


def test_runner_restores_process_state(fakeflow, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("IPYTHONDIR", raising=False)
    nb = notebook(
        tmp_path / "state.ipynb",
        ("import os, sys\nos.chdir('/')\nsys.path.append('/nowhere')\nimport tensorflow", []),
    )
    state = (sys.stdout, sys.stderr, os.getcwd(), list(sys.path), sys.modules["__main__"])
    initialized = InteractiveShell.initialized()
    meta_path = list(sys.meta_path)
    assert run(nb)[0] == 0
    assert (sys.stdout, sys.stderr, os.getcwd(), list(sys.path), sys.modules["__main__"]) == state
    assert InteractiveShell.initialized() == initialized
    assert sys.meta_path == meta_path and "tensorflow" not in sys.modules
    assert not (tmp_path / "home" / ".ipython").exists()


def test_cli(fakeflow, tmp_path):
    good = notebook(
        tmp_path / "good.ipynb", ("import tensorflow as tf\ntf.add(2, 3)", [result("5")])
    )
    bad = notebook(tmp_path / "bad.ipynb", ("import tensorflow as tf\ntf.add(2, 2)", [result("5")]))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(fakeflow), str(REPO)]))

    def cli(*args):
        cmd = [sys.executable, "-m", "tfshim.notebook.cli", "run", *args, "--module", "fakeflow"]
        return subprocess.run(
            cmd, check=False, env=env, capture_output=True, text=True, cwd=tmp_path
        )

    ok = cli(str(good), "--write", str(tmp_path / "good.out.ipynb"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.splitlines() == ["cell 1: ok", "1 cells: 1 ok, 0 mismatched, 0 errors"]
    assert json.loads((tmp_path / "good.out.ipynb").read_text())["cells"][0]["outputs"]
    failed = cli(str(bad))
    assert failed.returncode == 1
    assert failed.stdout.splitlines()[0] == "cell 1: mismatch"
    both = cli(str(good), str(bad))
    assert both.returncode == 1 and f"== {good}" in both.stdout


def test_outputs_stored_by_a_real_jupyter_kernel_match(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    sources = [
        "import sys\nprint('hello'); 1.5",
        "('a' * 40, 'b' * 40)",
        "{'k%d' % i: list(range(i)) for i in range(8)}",
        "class A:\n    pass\nA()",
        "from IPython.display import display\ndisplay(3)\n4",
        "print('err', file=sys.stderr)\nx = 5;",
        "%%time\nsum(range(1000))",
        "print('a\\rb')\n[1.5, 2.25]",
        "raise ValueError('bad value')",
        "sys.exit(2)",
    ]
    for var in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):  # keep the kernel out of ~
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    client = nbclient.NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True)
    try:
        client.execute(cwd=str(tmp_path))
    except Exception as exc:  # noqa: BLE001 -- no usable kernel here, nothing to compare with
        pytest.skip(f"no Jupyter kernel: {exc}")
    path = tmp_path / "jupyter.ipynb"
    nbformat.write(nb, path)
    code, lines = run(path)
    assert code == 0, lines
