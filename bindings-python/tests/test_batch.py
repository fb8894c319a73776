"""route_many: compact rows and full answers agree with route(), case by case."""

from __future__ import annotations

import itertools
import json
from typing import Any, Dict, List, Optional

import pytest

import fuquan
from conftest import EMBEDDED_DIR, route_cases

COMPACT_KEYS = [
    "status", "case_id", "disposition", "handler", "acts_in_name_of", "review_body",
    "transfer_to", "handover_to", "relevant_date", "in_transition", "legal_review",
    "hearing", "rule_ids", "warnings", "summary_zh", "summary_en", "error_code", "error_path", "error_message",
]


def _id(body: Optional[Dict[str, Any]]) -> Optional[str]:
    return None if body is None else body["id"]


def expected_row(request: Any, answer: Dict[str, Any], summary: bool) -> Dict[str, Any]:
    """The compact row implied by a full answer."""
    case_id = request.get("case_id") if isinstance(request, dict) else None
    case_id = case_id if isinstance(case_id, str) else None
    row: Dict[str, Any] = dict.fromkeys(COMPACT_KEYS)
    row["status"] = answer["status"]
    row["case_id"] = case_id
    if answer["status"] == "error":
        first = answer["errors"][0]
        row.update(error_code=first["code"], error_path=first["path"], error_message=first["message_en"])
        return row
    r = answer["ruling"]
    row.update(
        disposition=r["disposition"],
        handler=_id(r["handler"]),
        acts_in_name_of=_id(r["acts_in_name_of"]),
        review_body=_id(r["review_body"]),
        transfer_to=_id((r["transfer"] or {}).get("to")),
        handover_to=_id((r["handover"] or {}).get("to")),
        relevant_date=r["relevant_date"],
        in_transition=bool(r["transition"] and r["transition"]["in_transition"]),
        legal_review=r["legal_review"]["required"],
        hearing=r["hearing"]["right"],
        rule_ids=";".join(r["rule_ids"]),
        warnings=";".join(w["code"] for w in answer["warnings"]),
    )
    if summary:
        row.update(summary_zh=r["summary"]["zh"], summary_en=r["summary"]["en"])
    return row


def grid() -> List[Dict[str, Any]]:
    """A spread of cases over every item and place of the embedded rule set."""
    with open(EMBEDDED_DIR / "items.json", encoding="utf-8") as f:
        items = [i["code"] for i in json.load(f)]
    with open(EMBEDDED_DIR / "towns.json", encoding="utf-8") as f:
        towns = [t["id"] for t in json.load(f)]
    dates = ["2024-05-14", "2024-06-01", "2024-09-05", "2025-03-01", "2025-07-01"]
    fines = ["500", "50000", "49999.99"]
    cases = []
    for n, (item, town, date) in enumerate(itertools.product(items, towns, dates)):
        cases.append({
            "case_id": f"G{n}",
            "items": [item] if n % 7 else [item, items[(n * 5) % len(items)]],
            "location": town,
            "party": "individual" if n % 2 else "organisation",
            "business_activity": bool(n % 3),
            "dates": {"filing": date},
            "sanctions": ["fine", "order_closure"] if n % 11 == 0 else ["fine"],
            "fine": fines[n % len(fines)],
        })
    return cases


def all_requests() -> List[Any]:
    return [c["request"] for c in route_cases()] + grid()


@pytest.mark.parametrize("summary", [False, True])
def test_compact_rows_match_full_answers(rs: fuquan.RuleSet, summary: bool) -> None:
    requests = all_requests()
    rows = rs.route_many(requests, summary=summary)
    assert len(rows) == len(requests)
    for request, row in zip(requests, rows):
        assert list(row) == COMPACT_KEYS
        answer = rs.route(request, raise_errors=False)
        assert row == expected_row(request, answer, summary), request


def test_full_answers_match_route(rs: fuquan.RuleSet) -> None:
    requests = all_requests()
    answers = rs.route_many(requests, compact=False)
    assert answers == [rs.route(r, raise_errors=False) for r in requests]


def test_batch_larger_than_one_chunk_keeps_order(rs: fuquan.RuleSet) -> None:
    cases = grid()
    many = (cases * (10000 // len(cases) + 1))[:10000]
    rows = rs.route_many(iter(many))
    assert [r["case_id"] for r in rows] == [c["case_id"] for c in many]


def test_bad_cases_do_not_raise(rs: fuquan.RuleSet, base_case: dict) -> None:
    import datetime

    cases = [
        base_case,
        dict(base_case, case_id="float", fine=1.5),
        dict(base_case, case_id="date", dates={"filing": datetime.date(2024, 9, 5)}),
        "not a case",
        None,
        base_case,
    ]
    rows = rs.route_many(cases)
    assert [r["status"] for r in rows] == ["ok", "error", "error", "error", "error", "ok"]
    assert (rows[1]["case_id"], rows[1]["error_code"], rows[1]["error_path"]) == ("float", "money.float", "fine")
    assert (rows[2]["case_id"], rows[2]["error_code"], rows[2]["error_path"]) == ("date", "input.invalid_type", "dates.filing")
    full = rs.route_many(cases, compact=False)
    assert [a["status"] for a in full] == ["ok", "error", "error", "error", "error", "ok"]


def test_empty_and_non_iterable(rs: fuquan.RuleSet) -> None:
    assert rs.route_many([]) == []
    assert rs.route_many([], compact=False) == []
    with pytest.raises(TypeError):
        rs.route_many(42)  # type: ignore[arg-type]


def test_exception_from_the_iterable_propagates(rs: fuquan.RuleSet, base_case: dict) -> None:
    def gen():
        yield base_case
        raise KeyError("from the caller's generator")

    with pytest.raises(KeyError):
        rs.route_many(gen())


def test_rows_share_repeated_strings(rs: fuquan.RuleSet, base_case: dict) -> None:
    rows = rs.route_many([base_case, dict(base_case, case_id="T-2")], summary=True)
    assert rows[0]["summary_en"] is rows[1]["summary_en"]
    assert rows[0]["case_id"] == "T-1" and rows[1]["case_id"] == "T-2"


def test_other_threads_run_while_routing(rs: fuquan.RuleSet) -> None:
    """route_many releases the GIL for the routing: a busy Python thread makes
    progress in the middle of the call, not only before and after it."""
    import threading
    import time

    cases = (grid() * 100)[:100000]
    seen: List[float] = []
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            seen.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    while not seen:
        time.sleep(0.001)
    t0 = time.perf_counter()
    rs.route_many(cases)
    t1 = time.perf_counter()
    stop.set()
    t.join()
    margin = 0.02  # a thread switch can happen just before or after the call
    if t1 - t0 < 4 * margin:
        pytest.skip("this machine routes the batch too fast to tell")
    assert any(t0 + margin < x < t1 - margin for x in seen)
