"""Measure route_many throughput: python examples/bench.py [N]  (default 1,000,000).

Builds N varied cases from the embedded rule set's item codes and towns (the
conversion from Python dicts is part of what is measured), then routes them
with route_many(compact=True), with and without summaries.
"""

from __future__ import annotations

import sys
import time

import fuquan

ITEMS = ["CJ-P001", "CJ-P002", "WY-P001", "AQ-P001", "HB-P001", "ZR-P001", "NY-P001", "SC-P001", "CJ-I001"]
TOWNS = ["zhangcun", "yangting", "wenquan", "qiaotou", "huancuilou", "jingyuan", "likoushan"]
DATES = ["2024-06-01", "2024-09-05", "2025-01-15", "2025-06-30"]
FINES = ["500", "3000", "49999.99", "50000", "120000"]


def make_cases(n: int) -> list:
    """N cases cycling through items, towns, dates and fines."""
    cases = []
    for i in range(n):
        cases.append(
            {
                "case_id": f"B{i}",
                "items": [ITEMS[i % len(ITEMS)]],
                "location": TOWNS[i % len(TOWNS)],
                "party": "organisation" if i % 2 else "individual",
                "business_activity": bool(i % 3),
                "dates": {"violation": "2024-05-20", "filing": DATES[i % len(DATES)]},
                "sanctions": ["fine"],
                "fine": FINES[i % len(FINES)],
            }
        )
    return cases


def main() -> None:
    """Run the benchmark and print cases per second."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rs = fuquan.RuleSet()
    cases = make_cases(n)
    for label, kwargs in [("compact", {}), ("compact+summary", {"summary": True})]:
        t = time.perf_counter()
        rows = rs.route_many(cases, **kwargs)
        dt = time.perf_counter() - t
        ok = sum(r["status"] == "ok" for r in rows)
        print(f"{label:16} {n:>9} cases in {dt:6.2f} s = {n / dt:>9,.0f} cases/s ({ok} ok)")
    small = cases[: max(1, n // 10)]
    t = time.perf_counter()
    rs.route_many(small, compact=False)
    dt = time.perf_counter() - t
    print(f"{'full answers':16} {len(small):>9} cases in {dt:6.2f} s = {len(small) / dt:>9,.0f} cases/s")


if __name__ == "__main__":
    main()
