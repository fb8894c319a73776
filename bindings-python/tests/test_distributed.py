"""Beyond one process: RuleSet pickles (document + content hash, rebuilt on the
other side), and a partitioned dataset routed with dask.dataframe on a
distributed.LocalCluster of worker processes gives exactly the rows of one process."""

from __future__ import annotations

import json
import pickle
import sys

import pytest

import fuquan
from fuquan._fuquan import _rebuild_ruleset


def test_pickle_round_trip(rs: fuquan.RuleSet, base_case) -> None:
    again = pickle.loads(pickle.dumps(rs))
    assert isinstance(again, fuquan.RuleSet)
    assert (again.id, again.version, again.content_hash) == (rs.id, rs.version, rs.content_hash)
    assert again.route(base_case) == rs.route(base_case)


def test_pickle_of_a_loaded_rule_set(rs: fuquan.RuleSet) -> None:
    fn, (document, content_hash) = rs.__reduce__()
    doc = json.loads(document)
    doc["meta"]["version"] = "2024.1-test"
    other = fuquan.RuleSet.from_json(doc)
    again = pickle.loads(pickle.dumps(other))
    assert again.version == "2024.1-test"
    assert again.content_hash == other.content_hash != rs.content_hash


def test_unpickle_checks_the_content_hash(rs: fuquan.RuleSet) -> None:
    _, (document, content_hash) = rs.__reduce__()
    doc = json.loads(document)
    doc["meta"]["version"] = "tampered"
    with pytest.raises(fuquan.RuleSetError) as e:
        _rebuild_ruleset(json.dumps(doc), content_hash)
    assert e.value.code == "ruleset.content_hash_mismatch"


def _route_partition(frame, rs):
    """What runs on a worker: pandas partition -> Arrow -> route_arrow -> pandas."""
    import pyarrow as pa

    import pandas as pd

    table = pa.Table.from_pandas(frame, preserve_index=False)
    out = rs.route_arrow(table, threads=1)
    return pd.DataFrame(out.to_pydict(), dtype=object)


def test_dask_local_cluster_matches_one_process(rs: fuquan.RuleSet) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    pa = pytest.importorskip("pyarrow")

    n = 20_000
    towns = ["zhangcun", "yangting", "wenquan", "qiaotou", "huancuilou", "likoushan"]
    items = ["CJ-P001", "CJ-P003", "SR-P001", "AQ-P001", "WL-P001", "SC-P002"]
    fines = ["500", "3000", "49999.99", "50000", "120000"]
    filings = ["2024-06-01", "2024-08-15", "2024-08-16", "2024-09-05", "2025-01-15"]
    frame = pd.DataFrame({
        "case_id": [f"c{i}" for i in range(n)],
        "location": [towns[i % 6] for i in range(n)],
        "item": [items[(i // 6) % 6] for i in range(n)],
        "party": ["individual" if i % 2 else "organisation" for i in range(n)],
        "business_activity": [i % 3 == 0 for i in range(n)],
        "filing": [filings[(i // 36) % 5] for i in range(n)],
        "fine": [fines[(i // 7) % 5] for i in range(n)],
        "sanctions": ["fine"] * n,
    })
    import cloudpickle

    # The function travels by value (the workers need not import this test module).
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    one = _route_partition(frame, rs)
    meta = one.iloc[:0]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        ddf = dd.from_pandas(frame, npartitions=8)
        # The rule set travels to the workers pickled (document + content hash).
        routed = ddf.map_partitions(_route_partition, rs, meta=meta).compute()
        workers = client.run(lambda: __import__("os").getpid())
        assert len(set(workers.values())) == 2
    routed = routed.reset_index(drop=True)
    assert len(routed) == n
    assert routed["case_id"].tolist() == frame["case_id"].tolist()
    assert routed.to_dict("list") == one.to_dict("list")
    # Every disposition of the mix shows up, so equality is not trivial.
    assert set(one["disposition"]) >= {"keep", "transfer", "department", "handover"}
