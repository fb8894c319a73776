"""The manifest workload from Python: fuquan's batch calls against plain Python.

    python bench/python/bench.py [N]     (default: the manifest's `cases`)

Builds N cases as dicts from bench/manifest.json (same LCG and field order as the
Rust, Node and zen harnesses) and the same cases as columns (one list per field,
as a DataFrame holds them). Times, each over all N cases:

  * route_many_compact: ONE route_many(compact=True) call on the dicts
    (conversion from dicts included);
  * route_columns: ONE route_columns(**columns) call (reading the columns and
    building the output columns included);
  * plain_python_reference: a plain-Python implementation of the manifest's
    reference rule -- list membership, effective date and transition period,
    major-decision fine threshold -- written only for this benchmark, over the
    same dicts.

Checks that both fuquan paths give the reference's dispositions and prints JSON
lines: cases/s of each path, then the ratio of each fuquan path over plain Python.
Each path is timed `ROUNDS` times, alternating, and the best run is kept.
"""

from __future__ import annotations

import gc
import json
import pathlib
import sys
import time
from typing import Any, Callable, Dict, List

import fuquan

HERE = pathlib.Path(__file__).resolve().parent
M = json.loads((HERE.parent / "manifest.json").read_text(encoding="utf-8"))
ROUNDS = 3


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


def make_columns(cases: list[dict]) -> Dict[str, Any]:
    """The same cases as route_columns arguments: one list per field (the
    objects of the dicts, as a DataFrame built from them would hold), and the
    template's sanctions as one value for every row."""
    template = M["case_template"]
    assert list(template) == ["sanctions"] and template["sanctions"] == ["fine"]
    return {
        "location": [c["location"] for c in cases],
        "item": [c["items"][0] for c in cases],
        "filing": [c["dates"]["filing"] for c in cases],
        "fine": [c["fine"] for c in cases],
        "party": [c["party"] for c in cases],
        "business_activity": [c["business_activity"] for c in cases],
        "sanctions": "fine",
    }


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


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds for one call of f (after a full collection, so that no path pays for another's garbage)."""
    gc.collect()
    t = time.perf_counter()
    result = f()
    return time.perf_counter() - t, result


def main() -> None:
    """Time the three paths over the same cases; print cases/s and the ratios."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else M["cases"]
    cases = make_cases(n)
    columns = make_columns(cases)
    rs = fuquan.RuleSet()
    rs.route_many(cases[:1000])  # warm up
    rs.route_columns(**make_columns(cases[:1000]))
    best: Dict[str, float] = {}
    results: Dict[str, List[str]] = {}
    paths: Dict[str, Callable[[], Any]] = {
        "route_many_compact": lambda: rs.route_many(cases, compact=True),
        "route_columns": lambda: rs.route_columns(**columns),
        "plain_python_reference": lambda: plain_python(cases),
    }
    for _ in range(ROUNDS):
        for name, f in paths.items():
            seconds, answer = timed(f)
            best[name] = min(best.get(name, seconds), seconds)
            # Untimed: the dispositions, to check against the reference.
            if name == "route_many_compact":
                results[name] = [row["disposition"] for row in answer]
            elif name == "route_columns":
                results[name] = answer["disposition"]
            else:
                results[name] = answer
            del answer
    ref = results["plain_python_reference"]
    for name, seconds in best.items():
        print(json.dumps({"bench": "python", "path": name, "cases": n, "seconds": seconds, "cases_per_s": n / seconds}))
    py = best["plain_python_reference"]
    for name in ("route_many_compact", "route_columns"):
        agree = sum(a == b for a, b in zip(results[name], ref))
        print(json.dumps({"bench": "python", "path": "ratio", "fuquan_path": name,
                          "fuquan_over_plain_python": py / best[name], "agree": agree, "cases": n}))


if __name__ == "__main__":
    main()
