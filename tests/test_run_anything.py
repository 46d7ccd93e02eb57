"""Every way to run unchanged TF code on tfshim, besides notebooks (tests/test_runner.py):

- ``tfshim run SCRIPT.py ARGS`` / ``python -m tfshim SCRIPT.py ARGS`` / ``tfshim run -m MODULE``,
- the pytest plugin (``pytest -p tfshim.pytest_plugin``, ``pytest --tfshim``),
- ``TFSHIM_AS_TENSORFLOW=1`` (the start-up hook installed as a .pth file, see setup.py),

each with the Python processes the program starts; the hook does nothing when the variable is
unset; and the ``tensorflow`` alias's namespace: compat.v2, the versions, the error for a
module tfshim lacks.

The subprocess tests put this checkout first on PYTHONPATH and a stand-in ``tensorflow``
package (which says it is the real one, and imports fast) next, so a process that doesn't get
tfshim shows it. They run a Python whose start-up runs tfshim's .pth hook: this one where tfshim
is pip-installed (as in CI), else a scratch venv holding setup.py's .pth file.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tfshim.notebook import remove_alias
from tfshim.notebook.cli import main

REPO = Path(__file__).resolve().parents[1]
ENV_VAR = "TFSHIM_AS_TENSORFLOW"


def _setup_py_constant(name: str) -> str:
    """A string constant of setup.py (the .pth file's name and line), read without running it."""
    tree = ast.parse((REPO / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise LookupError(name)


PTH_NAME = _setup_py_constant("PTH_NAME")
PTH_LINE = _setup_py_constant("PTH_LINE")


def _installed_pth() -> Path | None:
    """The .pth hook in this interpreter's site-packages, where pip installed tfshim with it."""
    import site

    for folder in [*site.getsitepackages(), site.getusersitepackages()]:
        if (Path(folder) / PTH_NAME).exists():
            return Path(folder) / PTH_NAME
    return None


def _installed_pytest_entry_point() -> bool:
    return any(
        ep.name == "tfshim" and ep.value == "_tfshim_hooks"
        for ep in importlib.metadata.entry_points(group="pytest11")
    )


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return root


@pytest.fixture(scope="module")
def hooked_python(tmp_path_factory) -> str:
    """A python that runs tfshim's .pth hook at start-up (see the module docstring)."""
    if _installed_pth() is not None:
        return sys.executable
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    site = subprocess.run(
        [python, "-c", "import site; print(site.getsitepackages()[0])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    import site as this_site

    # This environment's packages (jax, pytest...), then the hook as pip would install it.
    (Path(site) / "parent_env.pth").write_text("\n".join(this_site.getsitepackages()) + "\n")
    (Path(site) / PTH_NAME).write_text(PTH_LINE)
    return str(python)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """The subprocesses' environment: this checkout, then a stand-in TensorFlow."""
    fake = write(
        tmp_path_factory.mktemp("fake_tf"),
        {"tensorflow/__init__.py": 'WHO = "real tensorflow"  # stands in for an installed TF\n'},
    )
    e = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    e["PYTHONPATH"] = os.pathsep.join([str(REPO), str(fake)])
    return e


def run(args, env, cwd, timeout=180):
    res = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return res.returncode, res.stdout, res.stderr


# --------------------------------------------------------------------------- in-process runs


@pytest.fixture
def program_state(monkeypatch):
    """What running a program changes in this process, restored afterwards."""
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv(ENV_VAR, raising=False)
    yield
    remove_alias()


TRAIN = """
    import sys

    import tensorflow as tf

    print(__name__, sys.argv, tf.__name__, sys.path[0])
    epochs = int(sys.argv[sys.argv.index("--epochs") + 1])
    w = tf.Variable(1.0)
    for _ in range(epochs):
        with tf.GradientTape() as tape:
            loss = (3.0 * w - 6.0) ** 2
        w.assign_sub(0.05 * tape.gradient(loss, w))
    print(f"w={w.numpy():.4f}")
    if "--fail" in sys.argv:
        def step():
            raise ValueError("diverged")
        step()
    if "--exit" in sys.argv:
        sys.exit(3)
"""


def test_script_runs_as_main_with_its_arguments(tmp_path, program_state, capsys):
    script = write(tmp_path, {"train.py": TRAIN}) / "train.py"
    assert main(["run", str(script), "--epochs", "2", "-v"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"__main__ {[str(script), '--epochs', '2', '-v']} tfshim {tmp_path}",
        "w=1.9900",
    ]
    assert os.environ[ENV_VAR] == "1"  # for the processes the program starts


def test_python_m_tfshim_forms(tmp_path, program_state, capsys, monkeypatch):
    write(tmp_path, {"train.py": TRAIN, "pkg/__init__.py": "", "pkg/train.py": TRAIN})
    monkeypatch.chdir(tmp_path)
    assert main(["train.py", "--epochs", "1"]) == 0  # python -m tfshim SCRIPT.py ARGS
    assert capsys.readouterr().out.splitlines()[0] == (
        f"__main__ ['train.py', '--epochs', '1'] tfshim {tmp_path}"
    )
    assert main(["-m", "pkg.train", "--epochs", "1"]) == 0  # python -m tfshim -m MODULE ARGS
    module_file = str(tmp_path / "pkg" / "train.py")
    assert capsys.readouterr().out.splitlines()[0] == (
        f"__main__ {[module_file, '--epochs', '1']} tfshim {tmp_path}"
    )


def test_exit_codes_and_tracebacks_are_the_programs(tmp_path, program_state, capsys):
    script = write(tmp_path, {"train.py": TRAIN}) / "train.py"
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(script), "--epochs", "0", "--exit"])
    assert exit_.value.code == 3

    assert main(["run", str(script), "--epochs", "0", "--fail"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f'Traceback (most recent call last):\n  File "{script}", line ')
    assert "runpy" not in err and "tfshim" not in err
    assert err.splitlines()[-1] == "ValueError: diverged"

    assert main(["run", str(tmp_path / "missing.py")]) == 2
    assert "can't open file" in capsys.readouterr().err
    assert main(["run", "-m", "no_such_package.train"]) == 1
    assert "No module named no_such_package.train" in capsys.readouterr().err


def test_run_options(tmp_path, program_state, capsys):
    script = write(tmp_path, {"p.py": "import tensorflow\nprint(tensorflow.__name__)\n"}) / "p.py"
    assert main(["run", "--module", "json", str(script)]) == 0
    assert capsys.readouterr().out == "json\n"
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--write", "out.ipynb", str(script)])  # a notebook option
    assert exit_.value.code == 2
    assert "is not a notebook" in capsys.readouterr().err


# --------------------------------------------------------------------------- the alias's namespace


def _pyproject_version() -> str:
    text = (REPO / "pyproject.toml").read_text()
    return re.search(r'^version = "([^"]+)"', text, re.M).group(1)


def test_alias_namespace(program_state):
    import tfshim
    from tfshim.notebook import install_alias

    install_alias()
    import tensorflow as tf
    import tensorflow.compat.v2 as tf2

    assert tf is tf2 and tf.__name__ == "tfshim"  # says which one you got
    assert tf.Variable is tfshim.Variable and tf.nn is tfshim.nn  # the same names, objects
    assert tf.__version__ == tf.version.VERSION == "2.21.0"  # what tfshim matches
    assert tfshim.__version__ == tf.version.TFSHIM_VERSION == _pyproject_version()  # its own
    with pytest.raises(ModuleNotFoundError) as missing:
        import tensorflow.contrib  # noqa: F401 - TF 1's: not in TF 2, nor in tfshim
    assert str(missing.value) == (
        "No module named 'tensorflow.contrib' ('tensorflow' is aliased to 'tfshim', which has "
        "no module 'tfshim.contrib')"
    )
    assert missing.value.name == "tensorflow.contrib"


# --------------------------------------------------------------------------- subprocesses

SPAWNER = """
    import multiprocessing
    import subprocess
    import sys

    import tensorflow as tf


    def worker(_):
        import tensorflow

        return tensorflow.__name__


    if __name__ == "__main__":
        print("main", tf.__name__, float(tf.reduce_sum(tf.ones([2, 3]))), sys.argv[1:])
        child = [sys.executable, "-c", "import tensorflow as tf; print(tf.__name__)"]
        print("subprocess", subprocess.run(child, capture_output=True, text=True).stdout.strip())
        if "--spawn" in sys.argv:
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                print("spawn worker", pool.map(worker, [0])[0])
"""


def test_tfshim_run_script_and_its_subprocess(tmp_path, hooked_python, env):
    write(tmp_path, {"spawner.py": SPAWNER})
    command = [hooked_python, "-m", "tfshim", "spawner.py", "--lr", "0.1"]
    code, out, err = run(command, env, tmp_path)
    assert code == 0, err
    assert out.splitlines() == ["main tfshim 6.0 ['--lr', '0.1']", "subprocess tfshim"]


def test_environment_variable(tmp_path, hooked_python, env):
    write(tmp_path, {"spawner.py": SPAWNER})
    on = {**env, ENV_VAR: "1"}
    code, out, err = run([hooked_python, "spawner.py", "--spawn"], on, tmp_path)
    assert code == 0, err
    assert out.splitlines() == [
        "main tfshim 6.0 ['--spawn']",
        "subprocess tfshim",
        "spawn worker tfshim",
    ]


@pytest.mark.parametrize("value", [None, "0", ""])
def test_hook_is_inert_without_the_variable(tmp_path, hooked_python, env, value):
    e = dict(env) if value is None else {**env, ENV_VAR: value}
    check = (
        "import sys, tensorflow; print(tensorflow.WHO, "
        "[m for m in sys.modules if m.split('.')[0] in ('tfshim', '_tfshim_hooks', 'jax')])"
    )
    code, out, err = run([hooked_python, "-c", check], e, tmp_path)
    assert (code, out) == (0, "real tensorflow []\n"), err


TF_PROJECT = {
    "tests/conftest.py": """
        import tensorflow as tf  # imported before any test: the alias must be there already
        import pytest


        @pytest.fixture
        def w():
            return tf.Variable(3.0)
        """,
    "tests/test_model.py": """
        import os
        import sys

        import tensorflow as tf


        def test_which_tensorflow():
            expected = os.environ.get("EXPECTED_TF", "tfshim")
            assert tf.__name__ == expected
            assert ("tfshim" in sys.modules) == (expected == "tfshim")


        def test_gradient(w):
            with tf.GradientTape() as tape:
                y = w * w
            assert float(tape.gradient(y, w)) == 6.0
            assert os.environ["TFSHIM_AS_TENSORFLOW"] == "1"  # for the processes tests start
        """,
}


def test_pytest_plugin(tmp_path, hooked_python, env):
    project = write(tmp_path, TF_PROJECT)
    pytest_ = [hooked_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    code, out, err = run([*pytest_, "-p", "tfshim.pytest_plugin", "tests"], env, project)
    assert code == 0 and "2 passed" in out, out + err

    # --tfshim: the installed entry point (here, or its module loaded by hand where tfshim isn't
    # installed), which does nothing without the option.
    entry = [] if _installed_pytest_entry_point() else ["-p", "_tfshim_hooks"]
    code, out, err = run([*pytest_, *entry, "--tfshim", "tests"], env, project)
    assert code == 0 and "2 passed" in out, out + err
    real = {**env, "EXPECTED_TF": "tensorflow"}
    code, out, err = run([*pytest_, *entry, "-k", "which", "tests"], real, project)
    assert code == 0 and "1 passed" in out, out + err


# --------------------------------------------------------------------------- packaging


def test_installed_hook_and_entry_point():
    pth = _installed_pth()
    if pth is None:
        pytest.skip("tfshim is not pip-installed here (run from PYTHONPATH); `pip install -e .` "
                    "installs the .pth hook and the pytest entry point, as in CI")
    assert pth.read_text() == PTH_LINE
    assert _installed_pytest_entry_point()


def test_tested_jax_is_in_the_declared_range():
    # The range is what is tested: tfshim/_core/jax_internals.py imports jax._src internals.
    from packaging.requirements import Requirement

    text = (REPO / "pyproject.toml").read_text()
    for name in ("jax", "jaxlib"):
        spec = Requirement(re.search(rf'"({name}[<>=!~][^"]*)"', text).group(1)).specifier
        assert spec.contains(importlib.metadata.version(name)), (name, str(spec))
