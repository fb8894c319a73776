"""Side by side, in one run: what an analyst would use instead of fuquan, and fuquan.

    python bench/python/bench.py [N]        (default: the manifest's `cases`, 1,000,000)

The cases are bench/manifest.json's (same LCG and field order as the Rust, Node
and zen harnesses). Paths, each timed ROUNDS times alternately, best kept:

  zen_evaluate        zen-engine (PyPI) `ZenDecision.evaluate`, one call per case, on
                      the JDM first-hit table bench/peer builds from the manifest's
                      reference rule (built here the same way: `jdm()` below);
  zen_batch           the same through `ZenEngine.evaluate_batch` (its batch path);
  model_per_case      the pure-Python model of docs/routing.md
                      (bindings-python/tests/routing_model.py), one call per case;
  model_pandas        the same model vectorised with pandas (`route_frame`: statuses
                      looked up once per distinct (town, item, date), the rest column-wise);
  route_many          fuquan `route_many(dicts, compact=True)`;
  route_columns       fuquan `route_columns(**columns)`;
  route_arrow_1       fuquan `route_arrow(table, threads=1)` on a pyarrow table;
  route_arrow_all     fuquan `route_arrow(table)` on every core;
  route_arrow_typed_1 / route_arrow_typed_all
                      the same on the table as a Parquet file holds it (`parquet_typed`:
                      date32 dates, decimal fines, dictionary-encoded categories),
                      one thread and every core.

zen and the per-case model are slow: they run on the first ZEN_CASES (default
3,000) and MODEL_CASES (default 50,000) cases, and their figures are per case.
Every path's dispositions are checked against fuquan's on the cases it ran.
Prints JSON lines: per path the cases, wall seconds, wall and CPU ns per case (CPU:
`time.process_time`, every thread of the process, which on a machine shared with
other jobs says what the path costs when it does not wait for a core); then the
ratios of `route_arrow` and `route_columns` over each of the others (per-case wall
time over per-case wall time).
"""

from __future__ import annotations

import gc
import json
import os
import pathlib
import sys
import time
from typing import Any, Callable, Dict, List

import pandas as pd
import pyarrow as pa

import fuquan

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "bindings-python" / "tests"))
from routing_model import Model, route_frame  # noqa: E402

M = json.loads((HERE.parent / "manifest.json").read_text(encoding="utf-8"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
ZEN_CASES = int(os.environ.get("ZEN_CASES", "3000"))
MODEL_CASES = int(os.environ.get("MODEL_CASES", "50000"))


def make_cases(n: int) -> List[dict]:
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


def make_columns(cases: List[dict]) -> Dict[str, Any]:
    """The cases as route_columns arguments: one list per field, and the template's
    sanctions as one value for every row."""
    assert M["case_template"] == {"sanctions": ["fine"]}
    return {
        "sanctions": "fine",
        "location": [c["location"] for c in cases],
        "item": [c["items"][0] for c in cases],
        "filing": [c["dates"]["filing"] for c in cases],
        "fine": [c["fine"] for c in cases],
        "party": [c["party"] for c in cases],
        "business_activity": [c["business_activity"] for c in cases],
    }


def plain_python(cases: List[dict]) -> List[str]:
    """The manifest's bare reference rule in plain Python (list membership, the
    transition, the fine threshold): what every harness checks its dispositions
    against (tests/test_columns.py uses it). Not a benchmark path any more: it is
    not the procedure (see BENCHMARKS.md)."""
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


def jdm() -> dict:
    """The manifest's reference rule as a JDM first-hit decision table: row for row
    what bench/peer/src/main.rs `jdm()` builds."""
    r = M["reference_rule"]
    quote = lambda v: f'"{v}"'  # noqa: E731
    listed = lambda a: ", ".join(quote(v) for v in a)  # noqa: E731
    eff, last = r["effective"], r["transition_last_day"]
    major = r["major_fine_fen"] // 100
    rules: List[dict] = []

    def row(loc: str, item: str, filing: str, fine: str, out: str, n: int) -> dict:
        return {"_id": f"r{n}", "in_loc": loc, "in_item": item, "in_filing": filing, "in_fine": fine, "out_disp": f'"{out}"'}

    for c in r["classes"].values():
        loc, item = listed(c["towns"]), listed(c["items"])
        n = len(rules)
        rules.append(row(loc, item, f'd($) < d("{eff}")', "", "department", n))
        rules.append(row(loc, item, f'd($) <= d("{last}")', "", "department", n + 1))
        rules.append(row(loc, item, "", f">= {major}", "transfer", n + 2))
        rules.append(row(loc, item, "", "", "keep", n + 3))
    rules.append(row("", "", "", "", "department", len(rules)))
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Case", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "Route", "position": {"x": 200, "y": 0},
             "content": {
                 "hitPolicy": "first",
                 "inputs": [
                     {"id": "in_loc", "name": "Location", "type": "expression", "field": "location"},
                     {"id": "in_item", "name": "Item", "type": "expression", "field": "items[0]"},
                     {"id": "in_filing", "name": "Filing", "type": "expression", "field": "dates.filing"},
                     {"id": "in_fine", "name": "Fine", "type": "expression", "field": "fine"},
                 ],
                 "outputs": [{"id": "out_disp", "name": "Disposition", "type": "expression", "field": "disposition"}],
                 "rules": rules,
             }},
            {"id": "out", "type": "outputNode", "name": "Answer", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def zen_input(case: dict) -> dict:
    """zen compares numbers, not decimal strings: the fine as a JSON number (as bench/peer)."""
    return {**case, "fine": float(case["fine"])}


def timed(f: Callable[[], Any]) -> tuple:
    """(wall seconds, CPU seconds of the whole process — every thread —, result)."""
    gc.collect()
    c = time.process_time()
    t = time.perf_counter()
    result = f()
    return time.perf_counter() - t, time.process_time() - c, result


def parquet_typed(table: pa.Table) -> pa.Table:
    """The same cases as a Parquet file written from a typed frame holds them: the
    date as date32, the fine as decimal128(12, 2), the categories dictionary-encoded."""
    import pyarrow.compute as pc

    def put(t: pa.Table, name: str, column: Any) -> pa.Table:
        return t.set_column(t.schema.get_field_index(name), name, column)

    t = put(table, "filing", pc.cast(pc.strptime(table["filing"], "%Y-%m-%d", "s"), pa.date32()))
    t = put(t, "fine", pc.cast(t["fine"], pa.decimal128(12, 2)))
    for name in ("location", "item", "party"):
        t = put(t, name, pc.dictionary_encode(t[name]))
    return t


def parquet_end_to_end(rs: "fuquan.RuleSet", typed: pa.Table, threads: int) -> None:
    """The analyst's few lines, timed whole: a Parquet file of the cases read with
    Polars, routed, and the answers back as a Polars frame (README, "Python")."""
    try:
        import polars as pl
    except ImportError:
        print(json.dumps({"bench": "python", "path": "parquet_polars", "skipped": "polars is not installed"}))
        return
    import tempfile

    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.parquet")
        pq.write_table(typed, path)
        best = cpu = float("inf")
        for _ in range(ROUNDS):
            seconds, cpu_seconds, answers = timed(
                lambda: pl.from_arrow(rs.route_arrow(pl.read_parquet(path), threads=threads)))
            assert answers.height == typed.num_rows
            del answers
            best, cpu = min(best, seconds), min(cpu, cpu_seconds)
        print(json.dumps({"bench": "python", "path": "parquet_polars", "cases": typed.num_rows,
                          "seconds": round(best, 4), "cpu_seconds": round(cpu, 4), "threads": threads,
                          "what": "pl.read_parquet + route_arrow + pl.from_arrow"}))


def main() -> None:
    import zen

    n = int(sys.argv[1]) if len(sys.argv) > 1 else M["cases"]
    cases = make_cases(n)
    columns = make_columns(cases)
    lists = {k: v for k, v in columns.items() if k != "sanctions"}
    table = pa.table(lists)
    table = table.append_column("sanctions", pa.array([["fine"]] * n, type=pa.list_(pa.string())))
    typed = parquet_typed(table)
    frame = pd.DataFrame(lists)
    zen_cases = [zen_input(c) for c in cases[:ZEN_CASES]]
    model_cases = cases[:MODEL_CASES]

    content = json.dumps(jdm())
    decision = zen.ZenEngine().create_decision(content)
    batch_engine = zen.ZenEngine({"loader": {"type": "static", "content": {"route": json.loads(content)}}})
    batch_requests = [{"key": "route", "context": c} for c in zen_cases]
    rs = fuquan.RuleSet()
    model = Model.from_dir(REPO / "core" / "data" / "huancui-2024")
    threads = os.cpu_count() or 1

    paths: Dict[str, tuple] = {
        # name: (cases, function, dispositions of its answer)
        "zen_evaluate": (len(zen_cases), lambda: [decision.evaluate(c) for c in zen_cases],
                         lambda a: [r["result"]["disposition"] for r in a]),
        "zen_batch": (len(zen_cases), lambda: batch_engine.evaluate_batch(batch_requests),
                      lambda a: [r["data"]["result"]["disposition"] for r in a]),
        "model_per_case": (len(model_cases), lambda: [model.route(c) for c in model_cases],
                           lambda a: [r["disposition"] for r in a]),
        "model_pandas": (n, lambda: route_frame(model, frame), lambda a: a.tolist()),
        "route_many": (n, lambda: rs.route_many(cases), lambda a: [r["disposition"] for r in a]),
        "route_columns": (n, lambda: rs.route_columns(**columns), lambda a: a["disposition"]),
        "route_arrow_1": (n, lambda: rs.route_arrow(table, threads=1),
                          lambda a: a.column("disposition").to_pylist()),
        "route_arrow_all": (n, lambda: rs.route_arrow(table, threads=threads),
                            lambda a: a.column("disposition").to_pylist()),
        "route_arrow_typed_1": (n, lambda: rs.route_arrow(typed, threads=1),
                                lambda a: a.column("disposition").to_pylist()),
        "route_arrow_typed_all": (n, lambda: rs.route_arrow(typed, threads=threads),
                                  lambda a: a.column("disposition").to_pylist()),
    }
    # Warm up every path once (untimed), and check the dispositions.
    truth = rs.route_columns(**columns)["disposition"]
    agree: Dict[str, int] = {}
    for name, (count, f, dispositions) in paths.items():
        got = dispositions(f())
        agree[name] = sum(a == b for a, b in zip(got, truth[:count]))
    best: Dict[str, float] = {}
    cpu: Dict[str, float] = {}
    for _ in range(ROUNDS):
        for name, (_, f, _) in paths.items():
            seconds, cpu_seconds, answer = timed(f)
            del answer
            best[name] = min(best.get(name, seconds), seconds)
            cpu[name] = min(cpu.get(name, cpu_seconds), cpu_seconds)
    per_case = {}
    for name, (count, _, _) in paths.items():
        per_case[name] = best[name] / count
        print(json.dumps({"bench": "python", "path": name, "cases": count, "seconds": round(best[name], 4),
                          "ns_per_case": round(per_case[name] * 1e9, 1),
                          "cpu_ns_per_case": round(cpu[name] / count * 1e9, 1), "agree": agree[name],
                          **({"threads": threads} if name.endswith("_all") else {})}))
    parquet_end_to_end(rs, typed, threads)
    for fast in ("route_arrow_typed_all", "route_arrow_typed_1", "route_arrow_all", "route_arrow_1",
                 "route_columns"):
        for slow in ("zen_evaluate", "zen_batch", "model_per_case", "model_pandas", "route_many"):
            print(json.dumps({"bench": "python", "ratio": f"{fast} over {slow}",
                              "speedup": round(per_case[slow] / per_case[fast], 1)}))


if __name__ == "__main__":
    main()
