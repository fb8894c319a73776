"""The Python API: loading rule sets, routing one case, validating."""

from __future__ import annotations

import json
import pickle
import threading
from pathlib import Path

import pytest

import fuquan
from conftest import CASES, EMBEDDED_DIR, load_case


def _valid_doc() -> dict:
    return load_case(CASES / "validate" / "validate-base-valid.json")["ruleset"]


def test_embedded_identity(rs: fuquan.RuleSet) -> None:
    assert rs.id == "huancui-2024"
    assert isinstance(rs.version, str) and rs.version
    assert isinstance(rs.warnings, list)
    assert all(isinstance(w, dict) and w["severity"] == "warning" for w in rs.warnings)
    assert repr(rs) == f'RuleSet(id="{rs.id}", version="{rs.version}")'
    assert type(rs).__module__ == "fuquan"


def test_route_ok_answer(rs: fuquan.RuleSet, base_case: dict) -> None:
    answer = rs.route(base_case)
    assert answer["status"] == "ok"
    assert isinstance(answer["warnings"], list)
    ruling = answer["ruling"]
    assert ruling["case_id"] == "T-1"
    assert {k: ruling["ruleset"][k] for k in ("id", "version")} == {"id": rs.id, "version": rs.version}
    assert len(ruling["ruleset"]["content_hash"]) == 64
    assert ruling["disposition"] == "keep"
    assert ruling["handler"]["id"] == "zhangcun"
    assert ruling["items"][0]["code"] == "CJ-P001"
    assert ruling["rule_ids"] == sorted(ruling["rule_ids"])
    assert ruling["summary"]["en"] and ruling["summary"]["zh"]
    assert ruling["trace"] is None
    traced = rs.route(dict(base_case, trace=True))["ruling"]["trace"]
    assert isinstance(traced, list) and traced and {"rule", "zh", "en"} <= traced[0].keys()


def test_route_does_not_modify_the_case(rs: fuquan.RuleSet, base_case: dict) -> None:
    before = json.dumps(base_case, sort_keys=True)
    rs.route(base_case)
    rs.route_many([base_case])
    assert json.dumps(base_case, sort_keys=True) == before


def test_route_accepts_tuples_and_dict_subclasses(rs: fuquan.RuleSet, base_case: dict) -> None:
    from collections import OrderedDict

    expected = rs.route(base_case)
    assert rs.route(OrderedDict(base_case)) == expected
    assert rs.route(dict(base_case, items=("CJ-P001",))) == expected


def test_route_raise_errors_false_returns_error_answer(rs: fuquan.RuleSet, base_case: dict) -> None:
    answer = rs.route(dict(base_case, items=["NO-SUCH"]), raise_errors=False)
    assert answer["status"] == "error"
    assert answer["warnings"] == []
    assert answer["errors"][0]["code"] == "case.unknown_item"
    assert answer["errors"][0]["path"] == "items[0]"


def test_from_dir_matches_embedded(rs: fuquan.RuleSet, base_case: dict) -> None:
    for path in (EMBEDDED_DIR, str(EMBEDDED_DIR)):
        loaded = fuquan.RuleSet.from_dir(path)
        assert (loaded.id, loaded.version) == (rs.id, rs.version)
        assert loaded.route(base_case) == rs.route(base_case)


def test_from_json_text_and_dict() -> None:
    doc = _valid_doc()
    a = fuquan.RuleSet.from_json(doc)
    b = fuquan.RuleSet.from_json(json.dumps(doc, ensure_ascii=False))
    assert a.id == b.id == doc["meta"]["id"]
    assert a.version == b.version == doc["meta"]["version"]


def test_invalid_rule_set_raises_ruleset_error() -> None:
    case = load_case(CASES / "validate" / "validate-duplicate-grant-id.json")
    expected = case["expect"]["diagnostics"][0]["code"]
    for doc in (case["ruleset"], json.dumps(case["ruleset"], ensure_ascii=False)):
        with pytest.raises(fuquan.RuleSetError) as info:
            fuquan.RuleSet.from_json(doc)
        e = info.value
        assert e.code == expected
        assert e.diagnostics and e.diagnostics[0]["code"] == expected
        assert e.diagnostics[0]["severity"] == "error"
        assert expected in str(e)
        assert not isinstance(e, fuquan.InputError)


def test_unreadable_rule_set_raises_ruleset_error(tmp_path: Path) -> None:
    with pytest.raises(fuquan.RuleSetError) as info:
        fuquan.RuleSet.from_dir(tmp_path / "missing")
    assert info.value.code == "ruleset.io"
    with pytest.raises(fuquan.RuleSetError) as info:
        fuquan.RuleSet.from_json("{not json")
    assert info.value.code == "input.syntax"
    with pytest.raises(fuquan.RuleSetError) as info:
        fuquan.RuleSet.from_json({"schema_version": "fuquan/1", "when": {1, 2}.__class__})
    assert info.value.code == "input.invalid_type"
    assert info.value.path == "when"


def test_validate_accepts_dir_text_pathlike_and_dict() -> None:
    ok_dir = fuquan.validate(str(EMBEDDED_DIR))
    assert ok_dir["status"] == "ok"
    assert fuquan.validate(EMBEDDED_DIR) == ok_dir
    doc = _valid_doc()
    assert fuquan.validate(doc)["status"] == "ok"
    assert fuquan.validate(json.dumps(doc)) == fuquan.validate(doc)
    bad = fuquan.validate("{")
    assert bad["status"] == "error" and bad["diagnostics"][0]["code"] == "input.syntax"


def test_validate_pathlike_that_is_not_a_dir(tmp_path: Path) -> None:
    answer = fuquan.validate(tmp_path / "missing")
    assert answer["status"] == "error"
    assert answer["diagnostics"][0]["code"] == "ruleset.io"


def test_validate_never_raises_for_a_bad_document() -> None:
    answer = fuquan.validate({"x": object()})
    assert answer["status"] == "error"
    assert answer["diagnostics"][0]["code"] == "input.invalid_type"
    assert answer["diagnostics"][0]["path"] == "x"
    assert fuquan.validate([])["status"] == "error"  # type: ignore[arg-type]
    assert fuquan.validate(b"{}")["diagnostics"][0]["code"] == "input.invalid_type"  # type: ignore[arg-type]


def test_rule_set_is_shareable_between_threads(rs: fuquan.RuleSet, base_case: dict) -> None:
    expected = rs.route_many([base_case] * 50)
    results = []

    def work() -> None:
        results.append(rs.route_many([base_case] * 50))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_exception_pickles_with_diagnostics(rs: fuquan.RuleSet, base_case: dict) -> None:
    with pytest.raises(fuquan.InputError) as info:
        rs.route(dict(base_case, fine=1.5))
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is fuquan.InputError
    assert (copy.code, copy.path, copy.diagnostics, str(copy)) == (
        info.value.code,
        info.value.path,
        info.value.diagnostics,
        str(info.value),
    )


def test_version_and_docstrings() -> None:
    assert isinstance(fuquan.__version__, str)
    for obj in (fuquan, fuquan.RuleSet, fuquan.validate, fuquan.Error, fuquan.RuleSetError, fuquan.InputError):
        assert obj.__doc__, obj
    for name in ("from_dir", "from_json", "route", "route_many", "id", "version", "warnings"):
        assert getattr(fuquan.RuleSet, name).__doc__, name
