"""The spreadsheet functions: import_catalogue, RuleSet.publish, RuleSet.catalogue_rows
(docs/office.md). Expected diagnostics are those worked out by hand in
fixtures/import/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

import fuquan
from conftest import FIXTURES

IMPORT = FIXTURES / "import"


def test_import_catalogue_places_every_refused_row() -> None:
    r = fuquan.import_catalogue(IMPORT / "shape-c-事项目录.xlsx")
    assert r["ok"] is False
    errors = [(d["code"], d["row"], d["column"]) for d in r["diagnostics"] if d["severity"] == "error"]
    assert errors == [("import.missing_required", 392, "D"), ("import.duplicate", 393, "B")]
    missing = next(d for d in r["diagnostics"] if d["code"] == "import.missing_required")
    assert missing["message_zh"] == "第392行「处罚依据」为空"
    assert missing["sheet"] == "事项目录"
    assert r["counts"]["data_rows"] == 388
    # Without the two refused rows the document loads.
    rs = fuquan.RuleSet.from_json(r["document"])
    assert len(r["document"]["items"]) == 388
    assert rs.id == "huancui-2024"


def test_import_catalogue_shape_a_with_document_and_date() -> None:
    r = fuquan.import_catalogue(
        str(IMPORT / "shape-a-赋权事项清单.xlsx"), document="鲁政字[2024]35号", effective="2024年5月15日"
    )
    codes = [(d["code"], d["row"]) for d in r["diagnostics"] if d["severity"] == "error"]
    assert codes == [
        ("import.missing_required", 386),
        ("import.unknown_town", 387),
        ("import.unknown_department", 388),
        ("import.bad_date", 389),
    ]
    assert all(g["document"]["number"] == "鲁政字〔2024〕35号" for g in r["document"]["grants"])


def test_import_catalogue_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "list.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(fuquan.InputError) as e:
        fuquan.import_catalogue(bad)
    assert e.value.diagnostics[0]["code"] == "import.corrupt_workbook"
    assert e.value.diagnostics[0]["path"] == "list.xlsx"


def test_the_round_trip_and_publish(tmp_path: Path) -> None:
    r = fuquan.import_catalogue(IMPORT / "adjustment-2025.xlsx", version="2025.1", effective_from="2025-01-01")
    assert r["ok"], r["diagnostics"]
    rs = fuquan.RuleSet.from_json(r["document"])
    assert rs.version == "2025.1"
    summary = rs.publish("2025-03-01", tmp_path / "lists", formats=["csv", "html"])
    zc = next(t for t in summary["towns"] if t["town"] == "zhangcun")
    assert (tmp_path / "lists" / "张村镇执法事项清单.csv").read_bytes().startswith("\ufeff序号".encode())
    assert (tmp_path / "lists" / "index.html").exists()
    assert not (tmp_path / "lists" / "张村镇执法事项清单.xlsx").exists()
    rows = rs.catalogue_rows("2025-03-01")
    assert len([x for x in rows if x["town"] == "zhangcun"]) == zc["enforcement_items"]
    # CJ-P003 left the developed towns' list in the 2025 version (fixtures/import/README.md).
    assert not [x for x in rows if x["town"] == "zhangcun" and x["item"] == "CJ-P003"]
    with pytest.raises(fuquan.Error):
        rs.publish("2025-03-01", tmp_path / "lists")  # exists, not empty, no replace


def test_catalogue_rows_for_pandas() -> None:
    pd = pytest.importorskip("pandas")
    rows = fuquan.RuleSet().catalogue_rows("2024-08-01")
    df = pd.DataFrame(rows)
    # Zhangcun on 2024-08-01, entrustments: WL-P001 (E-1) and its carried inspection WL-I001
    # (bindings-wasm/test/e2e-catalogue.test.mjs works it out).
    ent = df[(df.town == "zhangcun") & (df["mode"] == "entrustment")]
    assert sorted(ent["item"]) == ["WL-I001", "WL-P001"]
    assert set(ent["status"]) == {"entrusted", "carried_by_entrustment"}
    assert set(df.columns) >= {"town", "item", "mode", "status", "document", "establishing_basis", "discretion_benchmark"}
