"""Run the differential fuzzer over any number of seeds and print agreement by category.

    python tests/fuzz/run.py --seeds 4 --cases 1500 [--first-seed 0] [--show 30]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import differential  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=1)
    p.add_argument("--first-seed", type=int, default=0)
    p.add_argument("--cases", type=int, default=1000, help="cases per seed")
    p.add_argument("--show", type=int, default=20, help="disagreements printed per category")
    p.add_argument("--verbose", action="store_true", help="print each case as it runs")
    p.add_argument("--category", help="print only the cases of categories starting with this")
    p.add_argument("--op", help="print only the cases of this op (as the tallies name it)")
    a = p.parse_args(argv)

    def progress(case, category, tf_result, shim_result):
        if a.verbose:
            print(category, case, flush=True)

    results, start = [], time.time()
    for seed in range(a.first_seed, a.first_seed + a.seeds):
        results += differential.run(seed, a.cases, progress)
    total = len(results)
    bad = [r for r in results if r[1] is not None]
    by_cat = collections.defaultdict(list)
    for r in bad:
        by_cat[r[1]].append(r)
    print("%d cases over %d seeds in %.0f s: agreement %.2f%%"
          % (total, a.seeds, time.time() - start, 100.0 * (total - len(bad)) / max(total, 1)))
    both_raise = sum(1 for r in results if r[2][0] == "error" and r[3][0] == "error")
    print("  both raise: %d, both return: %d" % (both_raise, sum(
        1 for r in results if r[2][0] == "ok" and r[3][0] == "ok")))
    for cat, rows in sorted(by_cat.items(), key=lambda kv: -len(kv[1])):
        print("\n== %s: %d (%.2f%%)" % (cat, len(rows), 100.0 * len(rows) / total))
        ops = collections.Counter(differential.case_label(r[0]) for r in rows)
        print("   by op:", ", ".join("%s %d" % kv for kv in ops.most_common(25)))
        if a.category and not cat.startswith(a.category):
            continue
        if a.op:
            rows = [r for r in rows if differential.case_label(r[0]) == a.op]
        first = {}  # one case per op first, then the rest
        for k, r in enumerate(rows):
            first.setdefault(differential.case_label(r[0]), k)
        rows = [rows[k] for k in first.values()] + [r for k, r in enumerate(rows)
                                                     if k not in set(first.values())]
        for case, _, tfr, shr in rows[:a.show]:
            print("  ", case)
            print("      TF:    ", _short(tfr))
            print("      tfshim:", _short(shr))
    return 0


def _short(result):
    if result[0] == "error":
        return "%s: %s" % (result[1], result[2][:300])
    outs = [(o[1], o[2], o[3].tolist() if o[0] == "array" else None) if o[0] == "array" else o
            for o in result[1]]
    text = repr(outs)[:300]
    if result[2] is not None:
        text += "  grads " + repr([g[3].tolist() if g[0] == "array" else g
                                   for g in result[2]])[:200]
    return text


if __name__ == "__main__":
    sys.exit(main())
