"""Packaging: stubs, py.typed, and the example data."""

from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

import pytest

import fuquan
from conftest import EMBEDDED_DIR, EXAMPLES

PACKAGE = Path(fuquan.__file__).parent


def test_stubs_and_marker_are_installed() -> None:
    assert (PACKAGE / "py.typed").exists()
    stub = PACKAGE / "__init__.pyi"
    assert stub.exists()
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    declared = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    declared |= {t.id for n in tree.body if isinstance(n, ast.AnnAssign) for t in [n.target] if isinstance(t, ast.Name)}
    declared |= {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    missing = set(fuquan.__all__) - declared
    assert not missing, f"not in __init__.pyi: {missing}"
    methods = {n.name for c in tree.body if isinstance(c, ast.ClassDef) and c.name == "RuleSet" for n in c.body
               if isinstance(n, ast.FunctionDef)}
    public = {n for n in dir(fuquan.RuleSet) if not n.startswith("_")}
    assert public <= methods, f"RuleSet members missing from the stub: {public - methods}"


def test_example_cases_use_real_item_codes() -> None:
    with open(EMBEDDED_DIR / "items.json", encoding="utf-8") as f:
        codes = {i["code"] for i in json.load(f)}
    with open(EXAMPLES / "cases.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 10
    used = [c for r in rows for c in r["items"].split(";") if c]
    unknown = [c for c in used if c not in codes]
    # exactly one row deliberately names an unknown item, to show an error row
    assert unknown == ["XX-P999"], unknown


def test_route_csv_example(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    import importlib.util

    spec = importlib.util.spec_from_file_location("route_csv", EXAMPLES / "route_csv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "routed.csv"
    assert module.main(["route_csv.py", str(EXAMPLES / "cases.csv"), str(out)]) == 0
    routed = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cases = pd.read_csv(EXAMPLES / "cases.csv", dtype=str, keep_default_na=False)
    assert list(routed["case_id"]) == list(cases["case_id"])
    assert {"status", "disposition", "handler", "summary_zh", "summary_en", "error_code"} <= set(routed.columns)
    ok = routed[routed["status"] == "ok"]
    assert (ok["summary_en"] != "").all() and (ok["summary_zh"] != "").all()
    bad = routed[routed["status"] == "error"]
    assert list(bad["error_code"]) == ["case.unknown_item"]
    # every row agrees with routing the same case one at a time
    rs = fuquan.RuleSet()
    for record, row in zip(cases.to_dict(orient="records"), routed.to_dict(orient="records")):
        answer = rs.route(module.case_from_row(record), raise_errors=False)
        if answer["status"] == "ok":
            assert row["disposition"] == answer["ruling"]["disposition"]
            assert row["summary_en"] == answer["ruling"]["summary"]["en"]


def test_module_docstring_example_runs() -> None:
    import doctest

    failed, attempted = doctest.testmod(fuquan)
    assert attempted > 0 and failed == 0
