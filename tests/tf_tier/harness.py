"""Run a `# %%`-celled program under real TensorFlow or tfshim and record what each cell shows.

    python harness.py PROGRAM.py tf|shim   -> JSON list on stdout, one record per cell
    python harness.py --record [PROGRAM.py ...]   -> (re)write expected/*.json from real TF
    python harness.py --batch tf|shim OUT.json PROGRAM.py ...   -> {program: records} in OUT.json

A batch imports TensorFlow (or tfshim) once and runs each program in a child process forked
from it, two at a time: every program still starts from a fresh, uninitialised runtime (the
distribute programs configure logical devices, random_binomial sets TF's thread count), without
paying TensorFlow's import once per program.

Each record: stdout, the repr of the cell's last expression (as a notebook shows it), the
`WARNING:tensorflow:` lines on stderr, and the exception raised (type name, first line).
In shim mode `import tensorflow` resolves to tfshim, so programs are written as TF code.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import linecache
import logging
import os
import re
import select
import signal
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def cells(path: str) -> list[str]:
    text = open(path).read()
    return [c.strip("\n") for c in re.split(r"^# %%.*$", text, flags=re.M) if c.strip()]


class _Capture(logging.Handler):
    """Collects the `tensorflow` logger's warnings (TF's own handler keeps its first stderr)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append("WARNING:tensorflow:" + record.getMessage())


def run(path: str, mode: str) -> list[dict]:
    if mode == "shim":
        from tfshim.notebook import install_alias

        install_alias()
    capture = _Capture()
    logging.getLogger("tensorflow").addHandler(capture)
    env: dict = {"__name__": "__main__"}
    out = []
    for n, src in enumerate(cells(path)):
        # Register the cell's source as IPython does, so inspect (and TF's AutoGraph) find it.
        filename = "<cell-%d>" % n
        linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
        stdout, stderr = io.StringIO(), io.StringIO()
        rec = {"source": src, "repr": None, "error": None}
        try:
            tree = ast.parse(src)
            last = None
            if tree.body and isinstance(tree.body[-1], ast.Expr):
                last = ast.Expression(tree.body.pop().value)
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                exec(compile(tree, filename, "exec"), env)
                if last is not None:
                    value = eval(compile(last, filename, "eval"), env)
                    if value is not None:
                        rec["repr"] = repr(value)
        except BaseException as e:  # noqa: BLE001 - a cell's exception is what we record
            lines = str(e).splitlines()
            rec["error"] = "%s: %s" % (type(e).__name__, lines[0] if lines else "")
            rec["message"] = str(e)
        rec["stdout"] = stdout.getvalue()
        rec["warnings"] = [ln for ln in capture.lines if ln.startswith("WARNING:tensorflow:")]
        capture.lines.clear()
        out.append(rec)
    return out


def _import(mode: str) -> None:
    if mode == "shim":
        from tfshim.notebook import install_alias

        install_alias()
    import tensorflow  # noqa: F401 - imported once, before the children fork


def _start(path: str, mode: str):
    """Forks a child that runs one program and writes its records, as JSON, into a pipe."""
    r, w = os.pipe()
    err = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:  # the child: C-level prints (tf.print) must not reach the parent's stdout
        try:
            os.close(r)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(err.fileno(), 2)
            data = json.dumps(run(path, mode)).encode()
            with os.fdopen(w, "wb") as f:
                f.write(data)
        finally:
            os._exit(0)
    os.close(w)
    return {"pid": pid, "fd": r, "chunks": [], "err": err, "start": time.monotonic()}


def _finish(child, timed_out: bool):
    """The child's records, or the reason it gave none (a crash or a timeout, its stderr)."""
    os.close(child["fd"])
    if timed_out:
        os.kill(child["pid"], signal.SIGKILL)
    _, status = os.waitpid(child["pid"], 0)
    data = b"".join(child["chunks"])
    if not timed_out and data:
        return json.loads(data)
    child["err"].seek(0)
    tail = child["err"].read().decode(errors="replace")[-3000:]
    code = os.waitstatus_to_exitcode(status)
    why = ("timed out" if timed_out else "exited with status %d" % code if code >= 0
           else "was killed by signal %d" % -code)
    return "the program's process %s:\n%s" % (why, tail)


def run_batch(paths: list[str], mode: str, jobs: int = 2, timeout: float = 600) -> dict:
    """{path: records, or a string saying why there are none}, each program in its own child."""
    _import(mode)
    results, todo, running = {}, list(paths), {}
    while todo or running:
        while todo and len(running) < jobs:
            path = todo.pop(0)
            child = _start(path, mode)
            running[child["fd"]] = (path, child)
        ready, _, _ = select.select(list(running), [], [], 1.0)
        for fd in ready:
            path, child = running[fd]
            chunk = os.read(fd, 1 << 20)
            if chunk:
                child["chunks"].append(chunk)
            else:
                del running[fd]
                results[path] = _finish(child, False)
        for fd, (path, child) in list(running.items()):
            if time.monotonic() - child["start"] > timeout:
                del running[fd]
                results[path] = _finish(child, True)
    return results


# The tier compares printed text with the notebook runner's comparator (one comparator for both:
# integers exact, other numbers within a tolerance), tighter than a notebook's: TF and tfshim
# ran here, on this machine, so only float rounding noise may differ.
RTOL, ATOL = 1e-5, 1e-6


def same(got, expected) -> bool:
    """Whether tfshim's printed text `got` agrees with TF's `expected` (None: nothing printed)."""
    if got is None or expected is None:
        return got is None and expected is None
    # Imported here: `harness.py PROGRAM tf` runs real TensorFlow without loading tfshim.
    from tfshim.notebook.runner import same_text

    return same_text(got, expected, RTOL, ATOL)


# TF warnings tfshim deliberately does not reproduce (see the known deviations in README.md).
IGNORED_WARNINGS = (
    # Eager jacobians run TF's pfor through a fresh tf.function each call; JAX's vmap
    # doesn't retrace, so there is nothing to warn about.
    "triggered tf.function retracing",
    # The same pfor densifies a sparse gradient (tf.gather's) with a warning naming its graph
    # tensors ("gradient_tape/Reshape_2:0"); tfshim's vmapped sweep has no graph to name.
    "to a dense representation may make it slow",
    # TF's SparseFeature parsing calls its own deprecated sparse_merge and warns about it,
    # naming TF's installed parsing_config.py; tfshim parses without it.
    "sparse_merge (from tensorflow.python.ops.sparse_ops) is deprecated",
    # TF's rejection_resample builds its own deprecated tf.Print, naming TF's installed
    # dataset_ops.py; tfshim's filter prints without it.
    "Print (from tensorflow.python.ops.logging_ops) is deprecated",
)


def _shown_warnings(lines):
    return "\n".join(ln for ln in lines if not any(w in ln for w in IGNORED_WARNINGS))


def differences(tf_cells: list[dict], shim_cells: list[dict]) -> list[str]:
    """Human-readable differences, cell by cell (empty when tfshim matches TF)."""
    problems = []
    if len(tf_cells) != len(shim_cells):
        problems.append("cell count: tf=%d shim=%d" % (len(tf_cells), len(shim_cells)))
    for i, (t, s) in enumerate(zip(tf_cells, shim_cells)):
        for key in ("stdout", "repr", "error", "warnings"):
            a, b = t[key], s[key]
            if key == "warnings":
                a, b = _shown_warnings(a), _shown_warnings(b)
            if not same(b, a):
                problems.append("cell %d (%s) %s:\n  tf:   %r\n  shim: %r"
                                % (i, t["source"].splitlines()[0][:60], key, a, b))
    return problems


HERE = os.path.dirname(os.path.abspath(__file__))


def expected_path(program: str) -> str:
    name = os.path.splitext(os.path.basename(program))[0]
    return os.path.join(HERE, "expected", name + ".json")


if __name__ == "__main__":
    if sys.argv[1] == "--record":
        import glob
        import subprocess

        programs = sys.argv[2:] or sorted(glob.glob(os.path.join(HERE, "programs", "*.py")))
        # Recorded on TensorFlow even where TFSHIM_AS_TENSORFLOW=1 would give tfshim.
        env = {k: v for k, v in os.environ.items() if k != "TFSHIM_AS_TENSORFLOW"}
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "records.json")
            subprocess.run([sys.executable, __file__, "--batch", "tf", out, *programs],
                           check=True, env=env)
            with open(out) as f:
                results = json.load(f)
        for p in programs:
            if isinstance(results[p], str):
                sys.exit("%s: %s" % (p, results[p]))
            with open(expected_path(p), "w") as f:
                json.dump(results[p], f, indent=1, ensure_ascii=False)
                f.write("\n")
            print("recorded", expected_path(p))
    elif sys.argv[1] == "--batch":
        mode, out, programs = sys.argv[2], sys.argv[3], sys.argv[4:]
        results = run_batch(programs, mode)
        with open(out, "w") as f:
            json.dump(results, f)
    else:
        json.dump(run(sys.argv[1], sys.argv[2]), sys.stdout)
