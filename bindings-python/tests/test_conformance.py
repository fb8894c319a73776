"""Every conformance case in fixtures/cases/ through Python, with the Rust runner's
subset matching (core/tests/conformance.rs, ported exactly)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List

import pytest

import fuquan
from conftest import case_files, load_case

FILES = case_files()


def _dump(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def _json_eq(a: Any, b: Any) -> bool:
    """serde_json::Value equality: types must agree (1 != 1.0 != true)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_json_eq(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_eq(x, y) for x, y in zip(a, b))
    return a == b


def subset(expect: Any, actual: Any, path: str, out: List[str]) -> None:
    """`expect` ⊆ `actual`: objects by key, arrays by length and position, scalars by equality."""
    if isinstance(expect, dict) and isinstance(actual, dict):
        for k, ev in expect.items():
            if k in actual:
                subset(ev, actual[k], f"{path}.{k}", out)
            else:
                out.append(f"{path}.{k}: missing from the answer")
    elif isinstance(expect, list) and isinstance(actual, list):
        if len(expect) != len(actual):
            out.append(f"{path}: expected {len(expect)} elements, got {len(actual)}: {_dump(actual)}")
            return
        for i, (ev, av) in enumerate(zip(expect, actual)):
            subset(ev, av, f"{path}[{i}]", out)
    elif not _json_eq(expect, actual):
        out.append(f"{path}: expected {_dump(expect)}, got {_dump(actual)}")


def run_case(rs: fuquan.RuleSet, case: dict) -> Any:
    """The answer to one case, through the public Python API."""
    op = case.get("operation")
    if op != "validate" and isinstance(case.get("ruleset"), dict):
        # A case may carry its own rule set inline (as in core/tests/conformance.rs).
        rs = fuquan.RuleSet.from_json(case["ruleset"])
    if op == "route":
        return rs.route(case.get("request"), raise_errors=False)
    if op == "validate":
        return fuquan.validate(case.get("ruleset"))
    if op in fuquan.OPERATIONS:
        return rs.call(op, case.get("request"), raise_errors=False)
    raise AssertionError(f"unknown operation {op!r}")


def test_there_are_cases() -> None:
    """As in the Rust runner: at least 60 cases, unique ids equal to the file names."""
    assert len(FILES) >= 60, f"expected at least 60 cases, found {len(FILES)}"
    ids = set()
    for f in FILES:
        cid = load_case(f).get("id")
        assert cid not in ids, f"duplicate case id {cid}"
        ids.add(cid)
        assert f.stem == cid, f"{f}: the file name must be the case id"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_conformance_case(rs: fuquan.RuleSet, path: Path) -> None:
    """The answer contains the hand-worked expectation."""
    case = load_case(path)
    diffs: List[str] = []
    subset(case["expect"], run_case(rs, case), "", diffs)
    assert not diffs, f"{case['id']}:\n    " + "\n    ".join(diffs)


def test_subset_matching_is_strict_where_it_must_be() -> None:
    """The same checks as the Rust runner's, plus JSON-typed scalar equality."""
    out: List[str] = []
    subset({"a": [1, 2]}, {"a": [1, 2, 3]}, "", out)
    assert len(out) == 1, "array length must match"
    out.clear()
    subset({"a": None}, {"a": 0}, "", out)
    assert len(out) == 1, "null matches only null"
    out.clear()
    subset({"a": {"b": 1}}, {"a": {"b": 1, "c": 2}, "d": 3}, "", out)
    assert not out, "extra keys are ignored"
    for e, a in [(1, True), (0, False), (1, 1.0), ({}, []), ([], {})]:
        out.clear()
        subset(e, a, "", out)
        assert len(out) == 1, f"{e!r} must not match {a!r}"
    out.clear()
    subset({}, {"x": 1}, "", out)
    assert not out, "an empty object matches any object"
