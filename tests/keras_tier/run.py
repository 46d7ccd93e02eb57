"""The Keras tier: Keras's own test files (keras/src/**/*_test.py, shipped in the installed keras
wheel) run unchanged on real TensorFlow 2.21 and on tfshim, compared test by test.

    python tests/keras_tier/run.py ops layers/core losses          # both sides
    python tests/keras_tier/run.py --side tfshim ops/core_test.py  # tfshim only (TF's kept)
    python tests/keras_tier/run.py --list                          # the directories README counts
    python tests/keras_tier/run.py --rerun-failing layers/core     # only tfshim's failures again
    python tests/keras_tier/run.py --side tf --record tests/keras_tier/ci_tf_outcomes.json \
        FILE...   # CI's recorded TF outcomes (FILE...: tests/test_keras_tier.py's CI_FILES)

Each target (a folder or file under keras/src) runs in its own pytest process per side, with
Keras's pytest configuration (pytest.ini here) and conftest (keras_conftest.py), pytest-xdist
workers (``-n``) and a per-test timeout (pytest-timeout), so a hang costs one test. The tfshim
side adds ``-p tfshim.pytest_plugin`` (``import tensorflow`` is tfshim); the TF side runs without
it, so ``import tensorflow`` is TensorFlow. Results (JUnit XML per side and target, and
``results.json``) go to ``--out`` (default ``build/keras_tier``); a side that is not rerun keeps
its previous results there. The summary prints, per target, the tests passing on TF, on tfshim,
the total, and every test that passes on TF but not on tfshim, with its failure's first line:
those are the ones that count (tests failing on TF too don't).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# README's "Keras tier" table: these targets, in this order.
DIRECTORIES = [
    "ops", "layers/core", "layers/activations", "layers/normalization", "layers/regularization",
    "layers/convolutional", "layers/rnn", "losses", "metrics", "optimizers", "models", "trainers",
    "callbacks",
]


def keras_src() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("keras")
    return Path(spec.origin).parent / "src"


def pytest_command(target: Path, side: str, xml: Path, workers: int, timeout: int,
                   extra: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "pytest", "-c", str(HERE / "pytest.ini"),
           "--rootdir", str(target_root()), "-p", "no:cacheprovider", "-q", "--tb=line",
           "-p", "keras_conftest", f"--timeout={timeout}", f"--junitxml={xml}"]
    if side == "tfshim":
        cmd[3:3] = ["-p", "tfshim.pytest_plugin"]
    if workers:
        cmd += ["-n", str(workers)]
    return cmd + extra + [str(target)]


def target_root() -> Path:
    return keras_src().parent.parent  # site-packages: test ids read keras/src/...


def environment(side: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TFSHIM_AS_TENSORFLOW", "KERAS_BACKEND")}
    paths = [str(HERE), str(REPO)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["KERAS_BACKEND"] = "tensorflow"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def run_side(target: str, side: str, out: Path, workers: int, timeout: int,
             extra: list[str], tests: list[str] | None = None) -> float:
    """Runs target's tests (or only `tests`, test ids, saved as a later run of target's)."""
    xml = out / side / (target.replace("/", "__") + ("__rerun" if tests else "") + ".xml")
    xml.parent.mkdir(parents=True, exist_ok=True)
    xml.unlink(missing_ok=True)
    log = xml.with_suffix(".log")
    start = time.perf_counter()
    with open(log, "w") as f:
        cmd = pytest_command(keras_src() / target, side, xml, workers, timeout, extra)
        if tests:
            cmd[-1:] = [str(target_root() / t) for t in tests]
        subprocess.run(cmd, env=environment(side), stdout=f, stderr=subprocess.STDOUT, cwd=REPO)
    return time.perf_counter() - start


def first_line(message: str, text: str) -> str:
    """The failure's first line; for an error raised inside a tf.function (whose message starts
    "in user code:" and then shows a traceback) the line naming the exception."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if lines and lines[0].endswith("in user code:"):
        named = [line for line in (message + "\n" + text).splitlines()
                 if re.match(r"\s*(E\s+)?[\w.]+(Error|Exception): ", line)]
        if named:
            return named[-1].strip().removeprefix("E").strip()[:300]
    return lines[0][:300] if lines else ""


def outcomes(xml: Path) -> dict[str, tuple[str, str]]:
    """test id -> (passed | failed | skipped, first line of the failure or skip message)."""
    result = {}
    if not xml.exists():
        return result
    for case in ET.parse(xml).getroot().iter("testcase"):
        module = case.get("classname", "")
        parts = module.split(".")
        # classname is keras.src.x.y_test[.Class]; the file is the part ending in _test.
        cut = max((i for i, p in enumerate(parts) if p.endswith("_test")), default=len(parts) - 1)
        test_id = ("/".join(parts[:cut + 1]) + ".py::"
                   + "::".join(parts[cut + 1:] + [case.get("name")]))
        status, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                status = "skipped" if child.tag == "skipped" else "failed"
                message = first_line(child.get("message") or "", child.text or "") or child.tag
                break
        if status == "passed" or test_id not in result:  # a teardown error follows a pass
            result[test_id] = (status, message)
        elif status == "failed":
            result[test_id] = (status, message)
    return result


def collected(folder: Path, target: str) -> dict:
    """The outcomes of target's tests saved in folder: from its own run and from runs of the
    folders and files under it, the latest run of a test winning."""
    key = target.replace("/", "__")
    runs = [p for p in folder.glob("*.xml") if p.stem == key or p.stem.startswith(key + "__")
            or key.startswith(p.stem + "__")]
    prefix = "keras/src/" + target.rstrip("/")
    result = {}
    for xml in sorted(runs, key=lambda p: p.stat().st_mtime):
        result.update({t: o for t, o in outcomes(xml).items()
                       if t.startswith(prefix + ("::" if target.endswith(".py") else "/"))})
    return result


def summarize(targets: list[str], out: Path) -> dict:
    summary = {}
    for target in targets:
        tf, shim = collected(out / "tf", target), collected(out / "tfshim", target)
        ids = sorted(set(tf) | set(shim))
        regressions = {t: shim.get(t, ("missing", "not run on tfshim"))[1] for t in ids
                       if tf.get(t, ("",))[0] == "passed"
                       and shim.get(t, ("missing",))[0] != "passed"}
        summary[target] = {
            "total": len(ids),
            "passed_tf": sum(tf.get(t, ("",))[0] == "passed" for t in ids),
            "passed_tfshim": sum(shim.get(t, ("",))[0] == "passed" for t in ids),
            "failing_on_tf": sorted(t for t in ids if tf.get(t, ("",))[0] == "failed"),
            "regressions": regressions,
        }
    return summary


def print_summary(summary: dict, verbose: bool) -> None:
    print(f"{'target':36} {'TF':>6} {'tfshim':>7} {'total':>6} {'TF-only':>8}")
    for target, s in summary.items():
        print(f"{target:36} {s['passed_tf']:6} {s['passed_tfshim']:7} {s['total']:6} "
              f"{len(s['regressions']):8}")
    if verbose:
        for s in summary.values():
            for test, message in s["regressions"].items():
                print(f"{test}\n    {message}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="folders or files under keras/src")
    parser.add_argument("--side", choices=["both", "tf", "tfshim", "none"], default="both",
                        help="which side to (re)run; 'none' only summarizes saved results")
    parser.add_argument("--list", action="store_true", help="use README's directories")
    parser.add_argument("-n", "--workers", type=int, default=2, help="pytest-xdist workers")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per test")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "keras_tier")
    parser.add_argument("-q", "--quiet", action="store_true", help="counts only")
    parser.add_argument("--rerun-failing", action="store_true",
                        help="on tfshim, rerun only the tests that passed on TF but not on tfshim")
    parser.add_argument("--record", type=Path, metavar="JSON",
                        help="write the targets' outcomes on TF (test id -> passed, failed or "
                             "skipped) to JSON, as tests/test_keras_tier.py reads them")
    args, extra = parser.parse_known_args(argv)
    targets = list(args.targets) + (DIRECTORIES if args.list else [])
    if not targets:
        parser.error("name targets (e.g. ops layers/core) or --list")
    sides = {"both": ["tf", "tfshim"], "none": []}.get(args.side, [args.side])
    for target in targets:
        if args.rerun_failing:
            tests = list(summarize([target], args.out)[target]["regressions"])
            if tests:
                seconds = run_side(target, "tfshim", args.out, args.workers, args.timeout, extra,
                                   tests)
                print(f"reran {len(tests)} of {target} on tfshim: {seconds:.0f} s",
                      file=sys.stderr, flush=True)
            continue
        for side in sides:
            seconds = run_side(target, side, args.out, args.workers, args.timeout, extra)
            print(f"ran {target} on {side}: {seconds:.0f} s", file=sys.stderr, flush=True)
    summary = summarize(targets, args.out)
    results = args.out / "results.json"
    saved = json.loads(results.read_text()) if results.exists() else {}
    saved.update(summary)
    results.write_text(json.dumps(saved, indent=1, sort_keys=True))
    print_summary(summary, not args.quiet)
    if args.record:
        recorded = {}
        for target in targets:
            recorded.update({t: o[0] for t, o in collected(args.out / "tf", target).items()})
        args.record.write_text(json.dumps(recorded, indent=0, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
