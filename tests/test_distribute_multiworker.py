"""MultiWorkerMirroredStrategy across two worker processes on localhost: each is started with
TF_CONFIG naming it worker 0 or 1 and runs a program of tests/multi_worker/ (TF code) on
tfshim; what each prints must be what TF 2.21 printed for that worker
(tests/multi_worker/expected_*worker*.txt, recorded with real TF by the same launch)."""

import json
import os
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = {"": "mwms_worker.py", "autoshard_": "autoshard_worker.py"}
ROOT = os.path.dirname(HERE)


def _free_port():
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def launch(command, timeout=120):
    """Run `command` as workers 0 and 1 of a 2-worker cluster; their (returncode, stdout,
    stderr)."""
    cluster = {"worker": ["localhost:%d" % _free_port() for _ in range(2)]}
    procs = []
    for index in range(2):
        env = dict(os.environ, TF_CONFIG=json.dumps(
            {"cluster": cluster, "task": {"type": "worker", "index": index}}),
            TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=ROOT)
        procs.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    try:
        outputs = [p.communicate(timeout=timeout) for p in procs]
        return [(p.returncode, *o) for p, o in zip(procs, outputs)]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()


def _expected(prefix, index):
    return os.path.join(HERE, "multi_worker", "expected_%sworker%d.txt" % (prefix, index))


def _check(prefix):
    program = os.path.join(HERE, "multi_worker", PROGRAMS[prefix])
    results = launch([sys.executable, "-m", "tfshim", "run", program])
    for index, (code, out, err) in enumerate(results):
        with open(_expected(prefix, index)) as f:
            expected = f.read()
        assert code == 0, err[-3000:]
        assert out == expected, "worker %d:\n%s\n---\n%s" % (index, out, err[-3000:])


def test_two_workers_print_what_tf_printed():
    _check("")


def test_auto_shard_policies_as_tf():
    """FILE sharding of file readers (AUTO's choice), DATA, OFF, HINT, AUTO's fallback to DATA
    (a zip of a file reader and an in-memory source), FILE's errors."""
    _check("autoshard_")


if __name__ == "__main__":
    # Record TF's output: run with real TensorFlow's python.
    for prefix, name in PROGRAMS.items():
        program = os.path.join(HERE, "multi_worker", name)
        for index, (code, out, err) in enumerate(launch([sys.executable, program], timeout=300)):
            assert code == 0, err[-3000:]
            with open(_expected(prefix, index), "w") as f:
                f.write(out)
