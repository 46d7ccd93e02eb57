"""Run the workloads side by side in one process and print a table.

    python bench/run.py                      # all workloads, tfshim and JAX (+ TF if importable)
    python bench/run.py seed_cell mlp_step   # some (a prefix before '.' selects a group)
    python bench/run.py --list
    PYTHONPATH=. /tmp/tfvenv/bin/python bench/run.py --json out.json --markdown out.md

See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gc
import json
import os
import platform
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append(os.path.dirname(HERE))  # tfshim from this checkout when it is not installed

import numpy as np
import timing
import workloads as W

# Table columns: (header, numerator variant, denominator variant).
RATIOS = (("tfshim/jax", "tfshim", "jax"),
          ("tfshim/jit", "tfshim", "jax.jit"),
          ("tfshim/tf", "tfshim", "tf"),
          ("shim.fn/jit", "tfshim.function", "jax.jit"),
          ("shim.fn/tf.fn", "tfshim.function", "tf.function"))


def load_frameworks(no_tf: bool):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    tf, err = None, ""
    if not no_tf:
        try:
            import tensorflow as tf
        except Exception as e:  # noqa: BLE001 - any failure: run without the TF columns
            tf, err = None, "%s: %s" % (type(e).__name__, e)
    else:
        err = "--no-tf"
    import tfshim

    return W.Env(tfshim, tf, err)


def select(names):
    if not names:
        return list(W.WORKLOADS.values())
    out = []
    for n in names:
        hits = [w for w in W.WORKLOADS.values() if w.name == n or w.name.split(".")[0] == n]
        if not hits:
            sys.exit("unknown workload %r; known: %s" % (n, ", ".join(W.WORKLOADS)))
        out += [w for w in hits if w not in out]
    return out


class _Failed(Exception):
    pass


def _guard(res: timing.Result, args, fn, *a):
    """Call fn; on failure record n/a or error in res and raise _Failed."""
    try:
        return fn(*a)
    except W.Skip as e:
        res.status, res.reason = "n/a", str(e)
    except (AttributeError, NotImplementedError) as e:  # tfshim lacks something
        res.status, res.reason = "n/a", "missing API: %s: %s" % (type(e).__name__, e)
    except Exception as e:  # noqa: BLE001 - report and go on with the others
        res.status, res.reason = "error", "%s: %s" % (type(e).__name__, e)
        if args.verbose:
            traceback.print_exc()
    raise _Failed


_COMPILED = ("tfshim.function", "jax.jit", "tf.function")


def first_call_lines(wls, by) -> list:
    """Per workload, the first call of each compiled column: the compile time a user waits."""
    lines = []
    for wl in wls:
        parts = ["%s %.1f" % (v, r.first_s * 1e3) for v, r in by[wl.name].items()
                 if v in _COMPILED and r.ok and r.first_s is not None]
        if parts:
            lines.append("%-18s %s" % (wl.name, "   ".join(parts)))
    return lines


def run_workload(env, wl, variants, args) -> dict:
    """All variants of one workload: build and warm up each, then interleave the timed loops
    (round robin, the order rotated each round) so load drifts hit every column alike."""
    results: dict[str, timing.Result] = {}
    timers: dict[str, timing.Timer] = {}
    repeat = wl.repeat if wl.repeat is not None else args.repeat
    for v in variants:
        res = results[v] = timing.Result(wl.name, v, wl.unit)
        t0 = time.perf_counter()
        try:
            factory = wl.variants.get(v)
            if factory is None:
                res.status, res.reason = "n/a", "no such variant"
                continue
            case = _guard(res, args, factory, env)
            res.note = case.note
            if case.measure is not None:
                raw = _guard(res, args, functools.partial(timing.measure_case, case, repeat=repeat))
                timing.summarize(res, raw, 1.0)
            else:
                timer = timing.Timer(
                    case, target_s=wl.target_s if wl.target_s is not None else args.target,
                    disable_gc=args.no_gc)
                _guard(res, args, timer.warm_up)
                res.first_s = timer.first_s
                timers[v] = timer
        except _Failed:
            pass
        finally:
            res.wall_s += time.perf_counter() - t0
    samples: dict[str, list] = {v: [] for v in timers}
    order = list(timers)
    gc.collect()
    for r in range(repeat):
        k = r % len(order) if order else 0
        for v in order[k:] + order[:k]:
            if v not in timers:
                continue
            # A framework's worker threads keep spinning for a while after its loop (TF's
            # thread pools do); a short pause keeps that off the next column's loop.
            time.sleep(args.settle)
            t0 = time.perf_counter()
            try:
                samples[v].append(_guard(results[v], args, timers[v].sample))
            except _Failed:
                del timers[v]
            results[v].wall_s += time.perf_counter() - t0
    for v, timer in timers.items():
        timing.summarize(results[v], {"samples": samples[v], "number": timer.number,
                                      "warmup": timer.warmup}, 1e6)
    return results


STAT = "median"  # which statistic of a case's timed loops the table shows (--stat)


def _stat(r):
    return getattr(r, STAT)


def ratio(results, num, den):
    a, b = results.get(num), results.get(den)
    if a is None or b is None or not a.ok or not b.ok or _stat(b) == 0:
        return None
    return _stat(a) / _stat(b)


def cell(r):
    if r is None:
        return "n/a"
    if r.status == "error":
        return "error"
    return timing.fmt(_stat(r)) if r.ok else "n/a"


def table_rows(wls, by):
    header = ["workload", "unit"] + list(W.VARIANTS) + [h for h, _, _ in RATIOS]
    rows = []
    for wl in wls:
        rs = by[wl.name]
        row = [wl.name, wl.unit] + [cell(rs.get(v)) for v in W.VARIANTS]
        for _, num, den in RATIOS:
            q = ratio(rs, num, den)
            row.append("n/a" if q is None else "%.2fx" % q)
        rows.append(row)
    return header, rows


def print_table(header, rows, out=sys.stdout):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(
        str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in rows:
        print(line(r), file=out)


def markdown(header, rows):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def notes(wls, by):
    """Notes and n/a reasons, each once, with the workloads it concerns."""
    where: dict[str, list] = {}
    for wl in wls:
        for v in W.VARIANTS:
            r = by[wl.name].get(v)
            if r is None:
                continue
            texts = ([r.note] if r.note else []) + (
                ["%s %s: %s" % (v, r.status, r.reason)] if not r.ok else [])
            for text in texts:
                names = where.setdefault(text, [])
                if wl.name not in names:
                    names.append(wl.name)
    out = []
    for text, names in where.items():
        scope = "all" if len(names) == len(wls) > 1 else ", ".join(names)
        out.append("[%s] %s" % (scope, text))
    return out


def meta(env):
    import jax

    def git(*a):
        try:
            return subprocess.run(["git", *a], cwd=HERE, capture_output=True, text=True,
                                  check=False, timeout=10).stdout.strip()
        except Exception:  # noqa: BLE001
            return ""

    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")),
                       "")
    except OSError:
        pass
    return {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "executable": sys.executable,
        "jax": jax.__version__,
        "jax_backend": jax.default_backend(),
        "numpy": np.__version__,
        "tensorflow": getattr(env.tf, "__version__", None),
        "tensorflow_error": env.tf_error or None,
        "tfshim_file": env.tfshim.__file__,
        "tfshim_commit": git("rev-parse", "--short", "HEAD"),
        "tfshim_dirty": bool(git("status", "--porcelain", "--", "../tfshim")),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("workloads", nargs="*", help="names (default: all); see --list")
    p.add_argument("--list", action="store_true", help="list workloads and exit")
    p.add_argument("--variants", default=",".join(W.VARIANTS),
                   help="comma-separated subset of: " + ", ".join(W.VARIANTS))
    p.add_argument("--repeat", type=int, default=9, help="timed loops per case (median taken)")
    p.add_argument("--stat", choices=("median", "min"), default="median",
                   help="the table's statistic over the timed loops: median (default), or min, "
                        "which load bursts on a shared machine disturb least")
    p.add_argument("--settle", type=float, default=0.1,
                   help="seconds of pause before each timed loop (other frameworks' threads idle)")
    p.add_argument("--target", type=float, default=0.05,
                   help="seconds per timed loop (sets iterations per loop)")
    p.add_argument("--no-gc", action="store_true", help="disable gc in timed loops (as timeit)")
    p.add_argument("--no-tf", action="store_true", help="do not import tensorflow")
    p.add_argument("--json", metavar="OUT", help="write all results and metadata as JSON")
    p.add_argument("--markdown", metavar="OUT", help="write the table as Markdown")
    p.add_argument("-v", "--verbose", action="store_true", help="tracebacks for errors")
    args = p.parse_args(argv)
    global STAT
    STAT = args.stat

    if args.list:
        for wl in W.WORKLOADS.values():
            print("%-18s %s" % (wl.name, wl.title))
        return 0

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    bad = [v for v in variants if v not in W.VARIANTS]
    if bad:
        sys.exit("unknown variants: %s" % bad)
    wls = select(args.workloads)
    t_start = time.perf_counter()
    env = load_frameworks(args.no_tf)
    info = meta(env)
    print("tfshim bench  %s  python %s  jax %s  tensorflow %s  %s (%d cpus)" % (
        info["date"], info["python"], info["jax"], info["tensorflow"] or "n/a (%s)" % env.tf_error,
        info["cpu"], info["cpus"]), file=sys.stderr)

    by = {}
    for wl in wls:
        by[wl.name] = run_workload(env, wl, variants, args)
        for v, r in by[wl.name].items():
            status = ("%s %s  [%s .. %s] x%d" % (timing.fmt(r.median), wl.unit,
                                                 timing.fmt(r.min), timing.fmt(r.max), r.number)
                      if r.ok else "%s (%s)" % (r.status, r.reason))
            print("  %-18s %-16s %s  (%.1fs)" % (wl.name, v, status, r.wall_s), file=sys.stderr)

    header, rows = table_rows(wls, by)
    print("\n%s of %d timed loops per cell" % (STAT, args.repeat))
    print_table(header, rows)
    ns = notes(wls, by)
    if ns:
        print("\nnotes:")
        for n in ns:
            print("  " + n)
    compile_lines = first_call_lines(wls, by)
    if compile_lines:
        print("\nfirst call (tracing + compilation), ms:")
        for line in compile_lines:
            print("  " + line)
    total = time.perf_counter() - t_start
    print("\ntotal %.1fs" % total)

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": {**info, "total_s": total, "repeat": args.repeat,
                                "target_s": args.target, "settle_s": args.settle, "stat": args.stat,
                                "no_gc": args.no_gc},
                       "results": [vars(r) for wl in wls for r in by[wl.name].values()]},
                      f, indent=1)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(header, rows) + "\n\n" + "\n".join("- " + n for n in ns) + "\n")
            if compile_lines:
                f.write("\nFirst call (tracing + compilation), ms:\n\n" + "\n".join(
                    "- " + line for line in compile_lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
