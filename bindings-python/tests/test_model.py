"""Differential tests: the engine against the independent pure-Python model of
docs/routing.md (``routing_model.py``), on every conformance route case against
the embedded rule set and on generated cases.

Generated cases: ``FUQUAN_MODEL_CASES`` of them (default 20,000 in CI; the
full run is 100,000), drawn with a fixed seed from the rule set's own towns,
items, dates around every grant's effective day and transition, fines around
the thresholds, sanctions, flags and ``opened_by``.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import random
from typing import Any, Callable, Dict, List

import pytest

import fuquan
from conftest import case_files, load_case
from routing_model import FIELDS, Model

REPO = pathlib.Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("FUQUAN_MODEL_CASES", "20000"))


@pytest.fixture(scope="module")
def model() -> Model:
    return Model.from_dir(REPO / "core" / "data" / "huancui-2024")


@pytest.fixture(scope="module")
def rs() -> fuquan.RuleSet:
    return fuquan.RuleSet()


def engine_row(row: Dict[str, Any]) -> Dict[str, Any]:
    return {k: row[k] for k in FIELDS}


def same(k: str, a: Any, b: Any) -> bool:
    """Equal fields; warnings as a set (docs/routing.md §10 does not fix their order)."""
    if k == "warnings" and a is not None and b is not None:
        return set(a.split(";")) == set(b.split(";"))
    return a == b


def diff(case: dict, engine: Dict[str, Any], mine: Dict[str, Any]) -> List[str]:
    return [f"{k}: engine {engine[k]!r}, model {mine[k]!r}" for k in FIELDS if not same(k, engine[k], mine[k])]


ROUTE_CASES = [f for f in case_files() if f.parent.name == "route"]


@pytest.mark.parametrize("path", ROUTE_CASES, ids=[p.stem for p in ROUTE_CASES])
def test_model_agrees_on_conformance_case(path: pathlib.Path, rs: fuquan.RuleSet, model: Model) -> None:
    case = load_case(path)
    if isinstance(case.get("ruleset"), dict):
        # A case may carry its own rule set: both read the same document.
        rs, model = fuquan.RuleSet.from_json(case["ruleset"]), Model(case["ruleset"])
    request = case["request"]
    engine = engine_row(rs.route_many([request])[0])
    if engine["error_code"] is not None and engine["error_code"].split(".")[0] in ("input", "money", "date"):
        pytest.skip("a decoding error: not modelled")
    assert diff(request, engine, model.route(request)) == []


def generate(model: Model, n: int, seed: int = 19) -> List[dict]:
    """n cases over the rule set's own vocabulary."""
    rnd = random.Random(seed)
    towns = sorted(model.towns)
    items = sorted(model.items)
    days = set()
    for g in model.grants:
        for base in filter(None, (g.effective, g.revoked, g.term and g.term[1])):
            for delta in (-1, 0, 1, 45, 92, 93, 94, 200):
                days.add(base + dt.timedelta(days=delta))
    days = sorted(d for d in days if d >= dt.date(2024, 5, 5))
    fines = ["200", "999.99", "1000", "3000", "5000", "9999.99", "10000", "25000", "49999.99", "50000", "50000.01", "100000", "120000", 3000, 50000]
    sanctions = ["warning", "circulated_criticism", "fine", "confiscate_illegal_gains", "confiscate_illegal_property", "suspend_licence", "lower_qualification_grade", "revoke_licence", "restrict_business_activities", "order_suspension", "order_closure", "restrict_practice"]
    flags = ["major_and_complex", "needs_recusal", "unsuited_to_town_level", "district_designation", "major_public_interest", "complex_multiple_legal_relations", "review_required_by_law", "hearing_requested"]
    departments = sorted(model.departments)
    out = []
    for k in range(n):
        case: Dict[str, Any] = {"case_id": f"g{k}"}
        nitems = rnd.choice((1, 1, 1, 1, 2, 2, 3))
        case["items"] = [rnd.choice(items) for _ in range(nitems)]
        if rnd.random() < 0.01:
            case["items"].append("NO-SUCH")
        case["location"] = rnd.choice(towns)
        case["party"] = rnd.choice(("individual", "organisation"))
        case["business_activity"] = rnd.random() < 0.5
        filing = rnd.choice(days)
        dates: Dict[str, Any] = {}
        shape = rnd.random()
        violation = filing - dt.timedelta(days=rnd.choice((0, 3, 30, 100, 400, 800)))
        discovery = filing - dt.timedelta(days=rnd.choice((0, 1, 10, 90)))
        if discovery < violation:
            discovery = violation
        if shape < 0.6:
            dates = {"violation": violation, "discovery": discovery, "filing": filing}
        elif shape < 0.75:
            dates = {"filing": filing}
        elif shape < 0.85:
            dates = {"discovery": discovery}
        else:
            dates = {"violation": violation}
            if rnd.random() < 0.5:
                dates["violation_end"] = violation + dt.timedelta(days=rnd.choice((1, 30, 100)))
                dates["discovery"] = max(dates["violation_end"], discovery)
        if "filing" in dates and rnd.random() < 0.2:
            dates["decision"] = filing + dt.timedelta(days=rnd.choice((10, 89, 90, 91, 95, 120)))
        if rnd.random() < 0.01:
            dates = {k: v for k, v in dates.items() if k == "decision"}
        case["dates"] = {k: v.isoformat() for k, v in dates.items()}
        chosen = [s for s in sanctions if rnd.random() < 0.08]
        if rnd.random() < 0.6 and "fine" not in chosen:
            chosen.append("fine")
        case["sanctions"] = chosen
        if "fine" in chosen and rnd.random() < 0.99:
            case["fine"] = rnd.choice(fines)
        if any(s.startswith("confiscate") for s in chosen) or rnd.random() < 0.05:
            case["confiscation"] = rnd.choice(fines)
        # Rarer refusals: each input check of docs/routing.md step 0 is reached.
        r = rnd.random()
        if r < 0.01 and "fine" in chosen:
            case["fine"] = "0"
        elif r < 0.02 and "fine" in chosen and "fine" in case:
            chosen.remove("fine")
        elif r < 0.03 and chosen:
            chosen.append(chosen[0])
        elif r < 0.04 and "discovery" in case["dates"] and "filing" in case["dates"] and case["dates"]["discovery"] != case["dates"]["filing"]:
            case["dates"]["discovery"], case["dates"]["filing"] = case["dates"]["filing"], case["dates"]["discovery"]
        elif r < 0.05:
            case["dates"] = {"filing": (dt.date(2024, 1, 2) + dt.timedelta(days=rnd.randrange(130))).isoformat()}
        f = {name: True for name in flags if rnd.random() < 0.06}
        if f:
            case["flags"] = f
        r = rnd.random()
        if r < 0.08:
            case["opened_by"] = model.items[case["items"][0]]["department"] if case["items"][0] in model.items else "justice"
        elif r < 0.1:
            case["opened_by"] = rnd.choice(departments + towns)
        elif r < 0.105:
            case["opened_by"] = "no-such-body"
        out.append(case)
    return out


#: Disagreements where the model follows the documented rules and the engine does
#: not (reported to the lead; core/ is not changed here). Any other disagreement fails.
#: (Findings 1 and 2 — the handler of a centre case sent to the platform office, and
#: the compulsory measure of an entrustment not yet in force — were fixed in the
#: engine; see CHANGELOG.md, Fixed.)
KNOWN_ENGINE_FINDINGS: Dict[str, Callable[[dict, Dict[str, Any], Dict[str, Any], List[str]], bool]] = {}


def test_model_agrees_on_generated_cases(rs: fuquan.RuleSet, model: Model) -> None:
    cases = generate(model, CASES)
    rows = rs.route_many(cases)
    disagreements = []
    known: Dict[str, int] = {name: 0 for name in KNOWN_ENGINE_FINDINGS}
    kinds: Dict[str, int] = {}
    for case, row in zip(cases, rows):
        engine = engine_row(row)
        mine = model.route(case)
        d = diff(case, engine, mine)
        if d:
            name = next((n for n, f in KNOWN_ENGINE_FINDINGS.items() if f(case, engine, mine, d)), None)
            if name is None:
                disagreements.append((case, d))
            else:
                known[name] += 1
        kind = row["disposition"] or row["error_code"]
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(cases)} generated cases; dispositions and errors: {kinds}; known engine findings: {known}")
    # The generator reaches every disposition.
    for want in ("keep", "transfer", "department", "platform", "handover", "split"):
        assert kinds.get(want, 0) > 0, (want, kinds)
    assert not disagreements, f"{len(disagreements)} of {len(cases)} disagree; first: {disagreements[:3]}"
