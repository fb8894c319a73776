"""RuleSet.route_arrow: Arrow in, Arrow out, on every core, and the same rows as
route_columns / route_many for the same cases."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

import fuquan

pa = pytest.importorskip("pyarrow")

CASES = [
    # A keep at a developed town (CJ-P001 delegated there, in force, after the transition).
    {"case_id": "a", "location": "zhangcun", "item": "CJ-P001", "party": "individual",
     "business_activity": False, "filing": "2024-09-05", "fine": "3000"},
    # The same with a major fine: transfer to the department.
    {"case_id": "b", "location": "zhangcun", "item": "CJ-P001", "party": "individual",
     "business_activity": False, "filing": "2024-09-05", "fine": "50000"},
    # Filed in the transition (last day 2024-08-15): the department.
    {"case_id": "c", "location": "zhangcun", "item": "CJ-P001", "party": "organisation",
     "business_activity": True, "filing": "2024-08-15", "fine": "3000"},
    # Not on the key-industry list: the department.
    {"case_id": "d", "location": "wenquan", "item": "CJ-P001", "party": "organisation",
     "business_activity": True, "filing": "2024-09-05", "fine": "3000"},
]
EXPECTED = ["keep", "transfer", "department", "department"]


def table(cases=CASES, **types):
    cols = {k: [c[k] for c in cases] for k in cases[0]}
    cols["sanctions"] = [["fine"]] * len(cases)
    arrays = {k: pa.array(v, type=types.get(k)) for k, v in cols.items()}
    return pa.table(arrays)


def test_dispositions_and_types(rs: fuquan.RuleSet) -> None:
    out = rs.route_arrow(table())
    assert isinstance(out, pa.Table)
    assert out.column("disposition").to_pylist() == EXPECTED
    assert out.column("case_id").to_pylist() == ["a", "b", "c", "d"]
    schema = out.schema
    for name in ("status", "disposition", "handler", "acts_in_name_of", "review_body",
                 "transfer_to", "handover_to", "rule_ids", "warnings", "error_code"):
        assert pa.types.is_dictionary(schema.field(name).type), name
    assert schema.field("relevant_date").type == pa.date32()
    for name in ("in_transition", "legal_review", "hearing"):
        assert schema.field(name).type == pa.bool_()
    assert out.column("relevant_date").to_pylist()[0] == dt.date(2024, 9, 5)
    # The transfer goes to the items' department.
    assert out.column("transfer_to").to_pylist()[1] == "housing_construction"
    assert out.column("in_transition").to_pylist()[2] is True


def test_same_rows_as_route_columns(rs: fuquan.RuleSet) -> None:
    cols = {k: [c[k] for c in CASES] for k in CASES[0]}
    want = rs.route_columns(sanctions="fine", **cols)
    got = rs.route_arrow(table()).to_pydict()
    got["relevant_date"] = [d.isoformat() if d else None for d in got["relevant_date"]]
    assert list(got) == list(want)
    assert got == want


def test_types_of_input(rs: fuquan.RuleSet) -> None:
    """Dictionary strings, large strings, date32, decimals and integer fen read as the plain forms."""
    n = len(CASES)
    t = pa.table({
        "location": pa.array([c["location"] for c in CASES]).dictionary_encode(),
        "item": pa.array([c["item"] for c in CASES], type=pa.large_string()),
        "party": pa.array([c["party"] for c in CASES], type=pa.string_view()),
        "business_activity": [c["business_activity"] for c in CASES],
        "filing": pa.array([dt.date.fromisoformat(c["filing"]) for c in CASES], type=pa.date32()),
        "fine": pa.array([decimal.Decimal(c["fine"]) for c in CASES], type=pa.decimal128(12, 2)),
        "sanctions": pa.array(["fine"] * n),
    })
    assert rs.route_arrow(t).column("disposition").to_pylist() == EXPECTED
    t2 = t.drop_columns(["fine"]).append_column("fine_fen", pa.array([300000, 5000000, 300000, 300000], type=pa.int32()))
    assert rs.route_arrow(t2).column("disposition").to_pylist() == EXPECTED


def test_chunks_with_different_dictionaries_keep_order(rs: fuquan.RuleSet) -> None:
    t1 = table(CASES[:2])
    t2 = table(CASES[2:])
    loc1 = pa.array(["zhangcun", "zhangcun"]).dictionary_encode()
    loc2 = pa.DictionaryArray.from_arrays(pa.array([1, 0], type=pa.int8()), pa.array(["wenquan", "zhangcun"]))
    t1 = t1.set_column(t1.schema.get_field_index("location"), "location", loc1.cast(pa.dictionary(pa.int8(), pa.string())))
    t2 = t2.set_column(t2.schema.get_field_index("location"), "location", loc2)
    both = pa.concat_tables([t1, t2])
    assert both.column("location").num_chunks == 2
    assert rs.route_arrow(both).column("disposition").to_pylist() == ["keep", "transfer", "department", "department"]


def test_bad_cells_are_error_rows_naming_column_and_row(rs: fuquan.RuleSet) -> None:
    t = pa.table({
        "location": ["zhangcun", None, "zhangcun", "zhangcun"],
        "item": ["CJ-P001", "CJ-P001", "CJ-P001", "NO-SUCH"],
        "party": ["individual"] * 4,
        "business_activity": [False] * 4,
        "filing": ["2024-09-05", "2024-09-05", "2024-02-30", "2024-09-05"],
        "fine": pa.array([3000.0, None, None, None]),
        "sanctions": [["fine"], [], [], []],
    })
    out = rs.route_arrow(t).to_pydict()
    assert out["status"] == ["error"] * 4
    assert out["error_code"] == ["money.float", "input.invalid_type", "date.invalid", "case.unknown_item"]
    assert out["error_path"] == ["fine[0]", "location[1]", "filing[2]", "item[3]"]


def test_rows_counted_over_the_whole_stream(rs: fuquan.RuleSet) -> None:
    bad = dict(CASES[0], filing="2024-13-01")
    t = pa.concat_tables([table(CASES), table([CASES[0], bad])])
    out = rs.route_arrow(t).to_pydict()
    assert out["error_path"][5] == "filing[5]"


@pytest.mark.parametrize("columns, code", [
    ({"location": ["zhangcun"], "item": ["CJ-P001"], "party": ["individual"]}, "input.missing_field"),
    ({"location": ["zhangcun"], "item": ["CJ-P001"], "party": ["individual"], "business_activity": [True], "colour": ["red"]}, "input.unknown_field"),
    ({"location": [1], "item": ["CJ-P001"], "party": ["individual"], "business_activity": [True]}, "input.invalid_type"),
    ({"location": ["zhangcun"], "item": ["CJ-P001"], "items": [["CJ-P001"]], "party": ["individual"], "business_activity": [True]}, "input.duplicate_key"),
    ({"location": ["zhangcun"], "item": ["CJ-P001"], "party": ["individual"], "business_activity": [1]}, "input.invalid_type"),
])
def test_call_errors_raise(rs: fuquan.RuleSet, columns, code) -> None:
    with pytest.raises(fuquan.InputError) as e:
        rs.route_arrow(pa.table(columns))
    assert e.value.code == code


def test_threads_give_the_same_answer_in_order(rs: fuquan.RuleSet) -> None:
    n = 200_000
    cases = [CASES[i % 4] for i in range(n)]
    cols = {k: [c[k] for c in cases] for k in CASES[0] if k != "case_id"}
    t = pa.table(cols).append_column("sanctions", pa.array(["fine"] * n))
    one = rs.route_arrow(t, threads=1)
    many = rs.route_arrow(t, threads=4)
    assert one.equals(many)
    assert many.column("disposition").to_pylist()[:8] == EXPECTED * 2
    with pytest.raises(ValueError):
        rs.route_arrow(t, threads=0)


def test_empty_table(rs: fuquan.RuleSet) -> None:
    t = table().slice(0, 0)
    out = rs.route_arrow(t)
    assert out.num_rows == 0 and "disposition" in out.column_names


def test_record_batch_and_reader(rs: fuquan.RuleSet) -> None:
    t = table()
    assert rs.route_arrow(t.to_batches()[0]).column("disposition").to_pylist() == EXPECTED
    reader = pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=1))
    assert rs.route_arrow(reader).column("disposition").to_pylist() == EXPECTED


def test_polars_and_duckdb(rs: fuquan.RuleSet) -> None:
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    df = pl.from_arrow(table())
    answer = pl.from_arrow(rs.route_arrow(df))
    assert answer["disposition"].to_list() == EXPECTED
    cases = table()  # noqa: F841 (read by name by DuckDB)
    routed = rs.route_arrow(duckdb.sql("select * from cases"))
    counts = duckdb.sql("select disposition, count(*) n from routed group by 1 order by 1").fetchall()
    assert counts == [("department", 2), ("keep", 1), ("transfer", 1)]


def test_summary(rs: fuquan.RuleSet) -> None:
    out = rs.route_arrow(table(), summary=True).to_pydict()
    assert all(s for s in out["summary_zh"]) and all(s for s in out["summary_en"])
    assert out["disposition"] == EXPECTED


def test_parquet_one_liners(rs: fuquan.RuleSet, tmp_path) -> None:
    """The README's and docs/python-at-scale.md's lines, on a Parquet file."""
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    import pyarrow.parquet as pq

    path = str(tmp_path / "cases.parquet")
    pq.write_table(table(), path, row_group_size=2)
    answers = pl.from_arrow(rs.route_arrow(pl.read_parquet(path)))
    assert answers["disposition"].to_list() == EXPECTED
    routed = rs.route_arrow(duckdb.sql(f"select * from '{path}'"))
    assert sorted(duckdb.sql("select disposition from routed").fetchall()) == sorted((d,) for d in EXPECTED)
    f = pq.ParquetFile(path)
    streamed = rs.route_arrow(pa.RecordBatchReader.from_batches(f.schema_arrow, f.iter_batches()))
    assert streamed.column("disposition").to_pylist() == EXPECTED


def test_pandas_with_arrow_dtypes(rs: fuquan.RuleSet) -> None:
    pd = pytest.importorskip("pandas")
    df = table().to_pandas(types_mapper=pd.ArrowDtype)
    assert rs.route_arrow(df).column("disposition").to_pylist() == EXPECTED


def test_nulls_where_required_and_inside_lists(rs: fuquan.RuleSet) -> None:
    t = pa.table({
        "location": ["zhangcun"] * 4,
        "items": pa.array([["CJ-P001", None], None, ["CJ-P001"], ["CJ-P001"]], type=pa.list_(pa.string())),
        "party": ["individual", "individual", None, "individual"],
        "business_activity": pa.array([False, False, False, None]),
        "filing": ["2024-09-05"] * 4,
    })
    out = rs.route_arrow(t).to_pydict()
    assert out["error_code"] == ["input.invalid_type"] * 4
    assert out["error_path"] == ["items[0][1]", "items[1]", "party[2]", "business_activity[3]"]


def test_ten_million_rows_in_one_batch(rs: fuquan.RuleSet) -> None:
    """An Arrow array of 10**7 rows (FUQUAN_BIG_TESTS=1; ~0.5 GB, not in CI)."""
    import os

    if os.environ.get("FUQUAN_BIG_TESTS") != "1":
        pytest.skip("set FUQUAN_BIG_TESTS=1")
    n = 10_000_000
    t = pa.table({
        "location": pa.DictionaryArray.from_arrays(pa.array([0, 1] * (n // 2), type=pa.int8()), pa.array(["zhangcun", "wenquan"])),
        "item": pa.DictionaryArray.from_arrays(pa.array([0] * n, type=pa.int8()), pa.array(["CJ-P001"])),
        "party": pa.DictionaryArray.from_arrays(pa.array([0] * n, type=pa.int8()), pa.array(["individual"])),
        "business_activity": pa.array([False] * n),
        "filing": pa.array([19971] * n, type=pa.int32()).cast(pa.date32()),  # 2024-09-05
        "fine_fen": pa.array([300000] * n, type=pa.int64()),
        "sanctions": pa.DictionaryArray.from_arrays(pa.array([0] * n, type=pa.int8()), pa.array(["fine"])),
    })
    assert t.column("location").num_chunks == 1
    out = rs.route_arrow(t)
    assert out.num_rows == n
    counts = dict(zip(*[out.column("disposition").combine_chunks().dictionary_decode().value_counts().field(f).to_pylist() for f in ("values", "counts")]))
    assert counts == {"keep": n // 2, "department": n // 2}
