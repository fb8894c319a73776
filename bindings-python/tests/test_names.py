"""Names, labels and lookups from Python (docs/names.md): the same operations as
in Rust and JS, with their own methods."""

from __future__ import annotations

import pytest

import fuquan


@pytest.fixture(scope="module")
def rs() -> fuquan.RuleSet:
    return fuquan.RuleSet()


def test_labels_of_named_vocabularies(rs: fuquan.RuleSet) -> None:
    answer = rs.labels("dispute_stage")
    [stage] = answer["vocabularies"]
    assert stage["name"] == "dispute_stage"
    assert [v["code"] for v in stage["values"]] == [
        "negotiating",
        "at_platform",
        "at_district_government",
        "resolved",
    ]
    # Plan §14: the second rung is the district platform.
    assert stage["values"][1]["zh"] == "区级综合执法平台研究解决"


def test_every_vocabulary_without_names(rs: fuquan.RuleSet) -> None:
    names = [v["name"] for v in rs.labels()["vocabularies"]]
    assert "disposition" in names and "dispatch_mode" in names
    assert len(names) == len(set(names))


def test_unknown_vocabulary_raises_with_its_code(rs: fuquan.RuleSet) -> None:
    with pytest.raises(fuquan.InputError) as e:
        rs.labels("dispositions")
    assert e.value.diagnostics[0]["code"] == "labels.unknown_vocabulary"


def test_lookup_resolves_a_short_name(rs: fuquan.RuleSet) -> None:
    answer = rs.lookup("towns", "张村")
    assert answer["match"] == "found"
    assert [e["id"] for e in answer["entries"]] == ["zhangcun"]
    assert len(rs.lookup("towns")["entries"]) == 9


def test_route_accepts_chinese_names(rs: fuquan.RuleSet) -> None:
    case = {
        "items": ["SR-P001"],
        "location": "张村镇",
        "party": "individual",
        "business_activity": False,
        "dates": {"filing": "2025-03-01"},
        "sanctions": ["fine"],
        "fine": "500",
    }
    answer = rs.call("route", case)
    assert answer["ruling"]["handler"]["id"] == "zhangcun"
    case["location"] = "zhangcum"
    refused = rs.call("route", case, raise_errors=False)
    assert refused["errors"][0]["suggestions"] == ["zhangcun"]
