"""Refused cases: codes and paths, and the exception hierarchy."""

from __future__ import annotations

import datetime

import pytest

import fuquan


def _refused(rs: fuquan.RuleSet, case: object) -> fuquan.InputError:
    with pytest.raises(fuquan.InputError) as info:
        rs.route(case)  # type: ignore[arg-type]
    return info.value


def test_hierarchy() -> None:
    assert issubclass(fuquan.Error, Exception)
    assert issubclass(fuquan.RuleSetError, fuquan.Error)
    assert issubclass(fuquan.InputError, fuquan.Error)
    assert issubclass(fuquan.InputError, ValueError)
    assert not issubclass(fuquan.RuleSetError, ValueError)
    assert fuquan.InputError.__module__ == "fuquan"


def test_money_as_float(rs: fuquan.RuleSet, base_case: dict) -> None:
    e = _refused(rs, dict(base_case, fine=50000.0))
    assert (e.code, e.path) == ("money.float", "fine")
    assert e.expected and e.message_zh and e.message_en
    assert e.diagnostics[0]["severity"] == "error"
    assert "money.float" in str(e)


def test_money_as_int_and_str_are_exact(rs: fuquan.RuleSet, base_case: dict) -> None:
    as_int = rs.route(dict(base_case, fine=50000))["ruling"]
    as_str = rs.route(dict(base_case, fine="50000"))["ruling"]
    assert as_int == as_str
    assert as_int["disposition"] == "transfer"


def test_unknown_item(rs: fuquan.RuleSet, base_case: dict) -> None:
    e = _refused(rs, dict(base_case, items=["CJ-P001", "NO-SUCH"]))
    assert (e.code, e.path) == ("case.unknown_item", "items[1]")


def test_bad_json_types(rs: fuquan.RuleSet, base_case: dict) -> None:
    cases = [
        (dict(base_case, items="CJ-P001"), "input.invalid_type", "items"),
        (dict(base_case, business_activity="yes"), "input.invalid_type", "business_activity"),
        (dict(base_case, dates={"filing": 20240905}), "input.invalid_type", "dates.filing"),
        (dict(base_case, party="company"), "input.invalid_value", "party"),
        (dict(base_case, colour="red"), "input.unknown_field", "colour"),
        ({k: v for k, v in base_case.items() if k != "location"}, "input.missing_field", "location"),
        ("not a case", "input.invalid_type", ""),
    ]
    for case, code, path in cases:
        e = _refused(rs, case)
        assert (e.code, e.path) == (code, path), case
    assert (_refused(rs, ["CJ-P001"]).code or "").startswith("input.")
    assert (_refused(rs, None).code or "").startswith("input.")


def test_python_values_without_json_form(rs: fuquan.RuleSet, base_case: dict) -> None:
    e = _refused(rs, dict(base_case, dates={"filing": datetime.date(2024, 9, 5)}))
    assert (e.code, e.path) == ("input.invalid_type", "dates.filing")
    assert "date" in (e.message_en or "")
    e = _refused(rs, dict(base_case, items=["CJ-P001", b"CJ-P002"]))
    assert (e.code, e.path) == ("input.invalid_type", "items[1]")
    e = _refused(rs, dict(base_case, flags={1: True}))
    assert (e.code, e.path) == ("input.invalid_type", "flags")
    loop: list = []
    loop.append(loop)
    e = _refused(rs, dict(base_case, items=loop))
    assert e.code == "input.too_large"


def test_nan_is_missing(rs: fuquan.RuleSet, base_case: dict) -> None:
    """pandas writes NaN for an empty cell: it reads as null, i.e. not given."""
    e = _refused(rs, dict(base_case, fine=float("nan")))
    assert (e.code, e.path) == ("case.fine_missing", "fine")


def test_several_errors_are_all_reported(rs: fuquan.RuleSet, base_case: dict) -> None:
    answer = rs.route(dict(base_case, items=[], location="nowhere"), raise_errors=False)
    codes = [d["code"] for d in answer["errors"]]
    e = _refused(rs, dict(base_case, items=[], location="nowhere"))
    assert [d["code"] for d in e.diagnostics] == codes
    assert e.code == codes[0]
    if len(codes) > 1:
        assert f"and {len(codes) - 1} more" in str(e)


def test_input_error_is_a_value_error(rs: fuquan.RuleSet, base_case: dict) -> None:
    with pytest.raises(ValueError):
        rs.route(dict(base_case, fine=1.5))
    try:
        rs.route(dict(base_case, fine=1.5))
    except fuquan.Error as e:
        assert isinstance(e, fuquan.InputError)


def test_error_constructed_by_hand() -> None:
    e = fuquan.InputError("boom")
    assert (e.code, e.path, e.diagnostics, str(e)) == (None, None, [], "boom")
