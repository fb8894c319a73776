"""The bad-input corpus (fixtures/bad-input/, format in its README): every raw
request text is refused with exactly the expected codes and paths, as in the
Rust and Node runners, and never crashes or hangs the interpreter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import fuquan

from conftest import FIXTURES

BAD_INPUT = FIXTURES / "bad-input"
FILES = sorted(BAD_INPUT.glob("*.json"))


def request_text(case: Dict[str, Any]) -> str:
    """`input`, or `input_generator` expanded (kind `repeat`: each part's text `times` times)."""
    if "input" in case:
        return case["input"]
    gen = case["input_generator"]
    assert gen["kind"] == "repeat", gen["kind"]
    return "".join(part["text"] * part["times"] for part in gen["parts"])


def found(answer: Dict[str, Any]) -> List[Tuple[str, str]]:
    errors = answer.get("errors", answer.get("diagnostics", []))
    return [(d["code"], d["path"]) for d in errors]


@pytest.fixture(scope="module")
def rs() -> fuquan.RuleSet:
    return fuquan.RuleSet()


def test_corpus_is_there() -> None:
    assert len(FILES) >= 50


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_input_is_refused_with_its_code(rs: fuquan.RuleSet, path: Path) -> None:
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    answer = rs.call_json(case["operation"], request_text(case))
    expect = case["expect"]
    want = [(e["code"], e["path"]) for e in expect["errors"]]
    assert (answer["status"], found(answer)) == (expect["status"], want)


def test_call_json_accepts_what_call_accepts(rs: fuquan.RuleSet) -> None:
    request = {"items": ["SR-P001"], "location": "zhangcun", "party": "individual",
               "business_activity": False, "dates": {"filing": "2025-03-04"},
               "sanctions": ["fine"], "fine": "500"}
    assert rs.call_json("route", json.dumps(request)) == rs.call("route", request)
