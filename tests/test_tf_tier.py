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
import tempfile

import pytest

HERE = os.path.join(os.path.dirname(__file__), "tf_tier")
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import differences, expected_path  # noqa: E402

PROGRAMS = sorted(glob.glob(os.path.join(HERE, "programs", "*.py")))
IDS = [os.path.splitext(os.path.basename(p))[0] for p in PROGRAMS]


_BATCHES: dict = {}


def _run(request, program, mode):
    """What `program` printed under `mode`. The first test of a mode runs every program that this
    session selected for it in one batch (harness.py --batch: TF or tfshim imported once, each
    program in its own forked child)."""
    if mode not in _BATCHES:
        name = request.node.originalname
        wanted = [item.callspec.params["program"] for item in request.session.items
                  if getattr(item, "originalname", None) == name and hasattr(item, "callspec")]
        # Without TFSHIM_AS_TENSORFLOW, so that the "tf" runs get TensorFlow wherever tfshim's
        # start-up hook is installed, even when the variable is set for this pytest run.
        env = {k: v for k, v in os.environ.items() if k != "TFSHIM_AS_TENSORFLOW"}
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "records.json")
            res = subprocess.run([sys.executable, os.path.join(HERE, "harness.py"), "--batch",
                                  mode, out, *wanted], capture_output=True, text=True,
                                 timeout=3600, env=env)
            assert res.returncode == 0, res.stderr[-3000:]
            with open(out) as f:
                _BATCHES[mode] = json.load(f)
    records = _BATCHES[mode][program]
    assert not isinstance(records, str), records
    return records


def _expected(program):
    with open(expected_path(program)) as f:
        return json.load(f)


@pytest.mark.parametrize("program", PROGRAMS, ids=IDS)
def test_tfshim_prints_what_tf_printed(request, program):
    problems = differences(_expected(program), _run(request, program, "shim"))
    assert not problems, "\n".join(problems)


def test_batch_isolates_programs_and_reports_crashes(tmp_path):
    """Each program of a batch runs in its own child: state doesn't leak from one to the next,
    and a program that kills its process fails alone, with the reason."""
    a, b, c = tmp_path / "a.py", tmp_path / "b.py", tmp_path / "c.py"
    a.write_text("# %%\nimport os\nos.environ['TIER_MARK'] = '1'\nimport sys\nsys.tier = 1\n"
                 "# %%\nprint('a')\n")
    b.write_text("# %%\nimport os\nos._exit(3)\n")
    c.write_text("# %%\nimport os, sys\nprint(os.environ.get('TIER_MARK'), "
                 "hasattr(sys, 'tier'))\n")
    progs = [str(a), str(b), str(c)]
    out = tmp_path / "out.json"
    subprocess.run([sys.executable, os.path.join(HERE, "harness.py"), "--batch", "shim",
                    str(out), *progs], check=True, timeout=300)
    results = json.loads(out.read_text())
    assert [cell["stdout"] for cell in results[str(a)]] == ["", "a\n"]
    assert results[str(b)].startswith("the program's process exited with status")
    assert results[str(c)][0]["stdout"] == "None False\n"


def _cell(stdout, repr_=None):
    return {"source": "print(x)", "stdout": stdout, "repr": repr_, "error": None, "warnings": []}


def test_comparator_is_the_runners_with_exact_integers():
    from tfshim.notebook.runner import same_text

    assert harness.same("1", "1") and same_text("1", "1")  # one comparator, at two tolerances
    assert differences([_cell("100000\n")], [_cell("100001\n")])  # within rtol as floats
    assert differences([_cell("tf.Tensor(inf, shape=(), dtype=float16)\n")],
                       [_cell("tf.Tensor(4.5e+04, shape=(), dtype=float16)\n")])
    assert differences([_cell("x", "1")], [_cell("x", None)])


def test_comparator_ignores_float_rounding_noise():
    tf_cells = [_cell("0.3 [0.30711177, 0.5] (0.6+0.8j)\n", "<tf.Tensor: numpy=0.1>")]
    shim_cells = [_cell("0.30000001 [0.3071118 , 0.5] (0.6000000000000001+0.8j)\n",
                        "<tf.Tensor: numpy=0.10000000149011612>")]
    assert differences(tf_cells, shim_cells) == []
    assert differences([_cell("0.3\n")], [_cell("0.30001\n")])  # beyond rtol 1e-5


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
def test_record_matches_real_tensorflow(request, program):
    assert _tensorflow_version() == "2.21.0"
    problems = differences(_expected(program), _run(request, program, "tf"))
    assert not problems, "the stored TF record is stale:\n" + "\n".join(problems)


# Exported names whose signature differs from TF 2.21's on purpose, and why.
SIGNATURE_EXCEPTIONS = {
    # TF's defaults are its own UNSPECIFIED sentinel object, tfshim's its own: same parameters,
    # names and order; the sentinels' addresses differ.
    "autograph.experimental.set_loop_options": "sentinel defaults (object()) differ by address",
    # TF's class shows (*args, **kwargs) through its _ResourceMetaclass.__call__; its __init__
    # is (self, device=""), as tfshim's.
    "saved_model.experimental.TrackableResource": "TF's metaclass hides __init__'s (device='')",
    # TF's CommunicationOptions is a factory taking (*args, **kwargs) that builds an Options;
    # tfshim's spells out Options' keywords (bytes_per_pack, timeout_seconds, implementation).
    "distribute.experimental.CommunicationOptions": "the factory's keywords spelled out",
    # TF's is print(*inputs, **kwargs), reading its keywords from kwargs; tfshim spells out the
    # same keywords (output_stream, summarize, sep, end, name), so bad keywords fail at the call.
    "print": "keyword-only arguments spelled out",
    # tfshim's DType is built from (name, NumPy dtype, enum): instances come from tf.float32 and
    # tf.as_dtype, never from calling the class (TF's takes a type enum and handle data).
    "DType": "built from tfshim's own dtype table",
    "dtypes.DType": "built from tfshim's own dtype table",
    # TF's errors take node_def, op and message positionally; tfshim's defaults (None, None, "")
    # also let its own code and pickling build them. Every call TF accepts, tfshim accepts.
    **{"errors." + name: "node_def, op, message have defaults" for name in (
        "OpError", "CancelledError", "UnknownError", "InvalidArgumentError",
        "DeadlineExceededError", "NotFoundError", "AlreadyExistsError",
        "PermissionDeniedError", "ResourceExhaustedError", "FailedPreconditionError",
        "AbortedError", "OutOfRangeError", "UnimplementedError", "InternalError",
        "UnavailableError", "DataLossError", "UnauthenticatedError")},
}
# Differences not yet fixed (no justification: each is a bug to fix, then to drop from here).
SIGNATURES_TO_FIX = {
    # RaggedTensor's defaults, sparse.concat's extra expand_nonconcat_dim (TF 1's spelling)
    # parameter.
    "RaggedTensor", "sparse.concat",
    # merged with MirroredStrategy: TF exports DistributedValues as an interface taking no
    # arguments; tfshim's also builds its PerReplica/Mirrored values.
    "distribute.DistributedValues"}


def _signature(obj):
    import inspect

    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    return [(p.name, p.kind.name, _default(p.default)) for p in sig.parameters.values()]


def _default(value):
    """A default as compared: a function default (tf.signal's window_fn) by its name, since its
    repr holds an address."""
    import types

    if isinstance(value, types.FunctionType):
        return "<function %s>" % value.__name__
    return repr(value)


@pytest.mark.tf
@pytest.mark.skipif(_tensorflow_version() is None, reason="tensorflow-cpu==2.21.0 not "
                    "installed (pip install -e '.[tfref]')")
def test_signatures_are_tfs():
    """Every exported callable takes TF 2.21's parameters: names, order, kinds and defaults."""
    from tfshim.notebook import alias

    # tf.keras used in this process (other tests) installs the `tensorflow` alias: set it
    # aside while real TensorFlow is imported, then put it back.
    target = alias.alias_target()
    alias.remove_alias()
    try:
        import tensorflow as real_tf
    finally:
        if target is not None:
            alias.install_alias(target)
    assert "tfshim" not in (getattr(real_tf, "__file__", None) or "tfshim")

    from tfshim import _api

    differ = {}
    for name, obj in sorted(_api.REGISTRY.items()):
        theirs = real_tf
        for part in name.split("."):
            theirs = getattr(theirs, part, None)
        if not callable(obj) or theirs is None:
            continue
        if _signature(obj) != _signature(theirs):
            differ[name] = (_signature(theirs), _signature(obj))
    unexpected = {k: v for k, v in differ.items()
                  if k not in SIGNATURE_EXCEPTIONS and k not in SIGNATURES_TO_FIX}
    assert not unexpected, "\n".join("tf.%s\n  TF:     %s\n  tfshim: %s" % (k, *v)
                                     for k, v in unexpected.items())
    stale = sorted((set(SIGNATURE_EXCEPTIONS) | SIGNATURES_TO_FIX) - set(differ))
    assert not stale, "listed exceptions that now match TF: %s" % stale
