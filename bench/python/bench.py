"""The manifest workload from Python: fuquan's route_many against plain Python.

    python bench/python/bench.py [N]     (default: the manifest's `cases`)

Builds N cases as dicts from bench/manifest.json (same LCG and field order as the
Rust, Node and zen harnesses), routes them in ONE route_many(compact=True) call
(conversion from dicts included), then runs a plain-Python implementation of the
manifest's reference rule -- list membership, effective date and transition
period, major-decision fine threshold -- written only for this benchmark, over
the same dicts. Prints JSON lines.
"""

from __future__ import annotations

import json
import pathlib
import sys
import time

import fuquan

HERE = pathlib.Path(__file__).resolve().parent
M = json.loads((HERE.parent / "manifest.json").read_text(encoding="utf-8"))


def make_cases(n: int) -> list[dict]:
    """N cases from the manifest's mix."""
    state = M["seed"] & 0xFFFFFFFF
    fields, choices = M["fields"], M["choices"]
    cases = []
    for _ in range(n):
        p = {}
        for f in fields:
            state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
            opts = choices[f]
            p[f] = opts[(state >> 8) % len(opts)]
        case = {
            "items": [p["item"]],
            "location": p["location"],
            "party": p["party"],
            "business_activity": p["business_activity"],
            "dates": {"filing": p["filing"]},
            "fine": p["fine"],
        }
        case.update(M["case_template"])
        cases.append(case)
    return cases


def plain_python(cases: list[dict]) -> list[str]:
    """The reference rule in plain Python: sets for the lists, ISO strings for dates, fen for money."""
    r = M["reference_rule"]
    lists = {}
    for c in r["classes"].values():
        for town in c["towns"]:
            lists[town] = set(c["items"])
    effective, last_day, major = r["effective"], r["transition_last_day"], r["major_fine_fen"]
    out = []
    for case in cases:
        filing = case["dates"]["filing"]
        if case["items"][0] not in lists.get(case["location"], ()) or filing < effective or filing <= last_day:
            out.append("department")
            continue
        yuan, _, frac = case["fine"].partition(".")
        fen = int(yuan) * 100 + int((frac + "00")[:2])
        out.append("transfer" if fen >= major else "keep")
    return out


def main() -> None:
    """Time both over the same cases; print cases/s and the ratio."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else M["cases"]
    cases = make_cases(n)
    rs = fuquan.RuleSet()
    rs.route_many(cases[:1000])  # warm up
    t = time.perf_counter()
    rows = rs.route_many(cases, compact=True)
    fq = time.perf_counter() - t
    t = time.perf_counter()
    ref = plain_python(cases)
    py = time.perf_counter() - t
    agree = sum(row["disposition"] == d for row, d in zip(rows, ref))
    print(json.dumps({"bench": "python", "path": "route_many_compact", "cases": n, "seconds": fq, "cases_per_s": n / fq}))
    print(json.dumps({"bench": "python", "path": "plain_python_reference", "cases": n, "seconds": py, "cases_per_s": n / py}))
    print(json.dumps({"bench": "python", "path": "ratio", "fuquan_over_plain_python": py / fq, "agree": agree}))


if __name__ == "__main__":
    main()
