"""Profile one variant (tfshim eager by default) of some workloads; print the hot spots.

    python bench/hotspots.py scalar_mul seed_cell mlp_step            # cProfile
    python bench/hotspots.py mlp_step --tool pyinstrument             # sampling (pip install)
    python bench/hotspots.py chain_100 --variant jax --seconds 3

For each workload: warm up, then profile repeated steps for about --seconds. Printed:
  - self time by area (tfshim, jax, numpy, python stdlib, builtins/C),
  - the top functions by self time, and the top tfshim functions by cumulative time,
each with its share of the profiled time. cProfile counts every call (exact call counts, but
it inflates the cost of small Python functions); pyinstrument samples (closer shares).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run as runner
import workloads as W

ROOT = os.path.dirname(HERE)


def area(path: str) -> str:
    if path.startswith(os.path.join(ROOT, "tfshim")):
        return "tfshim"
    if "/jax/" in path or "/jaxlib/" in path:
        return "jax"
    if "/numpy/" in path:
        return "numpy"
    if path.startswith(HERE):
        return "bench"
    if path.startswith(("~", "<")):
        return "builtins/C"
    return "python/other"


def short(path: str) -> str:
    for base in (ROOT + os.sep, os.path.dirname(os.path.dirname(os.__file__)) + os.sep):
        if path.startswith(base):
            return path[len(base):]
    i = path.find("site-packages/")
    return path[i + len("site-packages/"):] if i >= 0 else path


def loop(case, seconds: float):
    """Run the case (with its sync) for about `seconds`; returns the iteration count."""
    n = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        if case.setup is not None:
            case.sync(case.run(case.setup()))
        else:
            case.sync(case.run(*case.args))
        if case.also_sync is not None:
            case.sync(case.also_sync)
        n += 1
    return n


def report_cprofile(prof: cProfile.Profile, n: int, top: int):
    st = pstats.Stats(prof)
    total = st.total_tt
    rows = []  # (file, line, func, ncalls, tottime, cumtime)
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():
        rows.append((file, line, func, nc, tt, ct))
    by_area: dict[str, float] = {}
    for file, _line, _func, _nc, tt, _ct in rows:
        by_area[area(file)] = by_area.get(area(file), 0.0) + tt
    print("  profiled %.3fs over %d steps: %.1f us/step (with profiler overhead)"
          % (total, n, total / n * 1e6))
    print("  self time by area: " + ", ".join(
        "%s %.0f%%" % (k, 100 * v / total) for k, v in sorted(by_area.items(),
                                                              key=lambda kv: -kv[1])))
    print("\n  top %d by self time:" % top)
    print("  %6s %6s %9s %9s  %s" % ("self%", "cum%", "calls/st", "us/call", "function"))
    for file, line, func, nc, tt, ct in sorted(rows, key=lambda r: -r[4])[:top]:
        print("  %5.1f%% %5.1f%% %9.1f %9.2f  %s (%s:%d)" % (
            100 * tt / total, 100 * ct / total, nc / n, tt / max(nc, 1) * 1e6, func,
            short(file), line))
    print("\n  top %d tfshim functions by cumulative time:" % top)
    tf_rows = [r for r in rows if area(r[0]) == "tfshim"]
    for file, line, func, nc, tt, ct in sorted(tf_rows, key=lambda r: -r[5])[:top]:
        print("  %5.1f%% %5.1f%% %9.1f %9.2f  %s (%s:%d)" % (
            100 * tt / total, 100 * ct / total, nc / n, ct / max(nc, 1) * 1e6, func,
            short(file), line))


def report_pyinstrument(session, n: int, top: int):
    root = session.root_frame()
    total = session.duration
    self_time: dict = {}
    cum_time: dict = {}

    def walk(frame, stack):
        key = (frame.function, frame.file_path or "<C>", frame.line_no or 0)
        own = sum(c.time for c in frame.children if c.is_synthetic_leaf)
        self_time[key] = self_time.get(key, 0.0) + own
        if key not in stack:  # count recursion once
            cum_time[key] = cum_time.get(key, 0.0) + frame.time
        for c in frame.children:
            if not c.is_synthetic:
                walk(c, stack | {key})

    if root is not None:
        walk(root, frozenset())
    by_area: dict[str, float] = {}
    for (_func, file, _line), t in self_time.items():
        by_area[area(file)] = by_area.get(area(file), 0.0) + t
    print("  sampled %.3fs over %d steps: %.1f us/step" % (total, n, total / n * 1e6))
    print("  self time by area: " + ", ".join(
        "%s %.0f%%" % (k, 100 * v / total) for k, v in sorted(by_area.items(),
                                                              key=lambda kv: -kv[1])))
    print("\n  top %d by self time:" % top)
    for (func, file, line), t in sorted(self_time.items(), key=lambda kv: -kv[1])[:top]:
        print("  %5.1f%% self %5.1f%% cum  %s (%s:%d)" % (
            100 * t / total, 100 * cum_time.get((func, file, line), 0) / total, func,
            short(file), line))
    print("\n  top %d tfshim functions by cumulative time:" % top)
    tf_rows = [(k, v) for k, v in cum_time.items() if area(k[1]) == "tfshim"]
    for (func, file, line), t in sorted(tf_rows, key=lambda kv: -kv[1])[:top]:
        print("  %5.1f%% cum %5.1f%% self  %s (%s:%d)" % (
            100 * t / total, 100 * self_time.get((func, file, line), 0) / total, func,
            short(file), line))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("workloads", nargs="+")
    p.add_argument("--variant", default="tfshim", choices=W.VARIANTS)
    p.add_argument("--tool", default="cprofile", choices=("cprofile", "pyinstrument"))
    p.add_argument("--seconds", type=float, default=2.0, help="profiled time per workload")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--dump", metavar="DIR", help="write .prof (cProfile) / .html (pyinstrument)")
    args = p.parse_args(argv)

    env = runner.load_frameworks(no_tf=args.variant not in ("tf", "tf.function"))
    for wl in runner.select(args.workloads):
        print("=" * 100)
        print("%s [%s] %s  (%s)" % (wl.name, args.variant, wl.title, args.tool))
        try:
            case = wl.variants[args.variant](env)
        except W.Skip as e:
            print("  n/a: %s" % e)
            continue
        if case.run is None:
            print("  n/a: not a timed workload")
            continue
        loop(case, 0.5)  # warm-up: compilation and caches
        if args.tool == "cprofile":
            prof = cProfile.Profile()
            prof.enable()
            n = loop(case, args.seconds)
            prof.disable()
            report_cprofile(prof, n, args.top)
            if args.dump:
                os.makedirs(args.dump, exist_ok=True)
                prof.dump_stats(os.path.join(args.dump, "%s.%s.prof" % (wl.name, args.variant)))
        else:
            from pyinstrument import Profiler

            prof = Profiler(interval=0.0002)
            prof.start()
            n = loop(case, args.seconds)
            prof.stop()
            report_pyinstrument(prof.last_session, n, args.top)
            if args.dump:
                os.makedirs(args.dump, exist_ok=True)
                with open(os.path.join(args.dump, "%s.%s.html" % (wl.name, args.variant)),
                          "w") as f:
                    f.write(prof.output_html())
    return 0


if __name__ == "__main__":
    sys.exit(main())
