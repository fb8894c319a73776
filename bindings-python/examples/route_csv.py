"""Route every case of a CSV file and write the rulings next to the input.

    python route_csv.py cases.csv routed.csv

Input columns (one case per row; empty cells mean "not given"):

    case_id, items ("CJ-P001;AQ-P001"), location, party, business_activity
    (true/false), violation, discovery, filing, decision (YYYY-MM-DD),
    sanctions ("fine;order_closure"), fine, confiscation (yuan, e.g. 50000 or
    49999.99), flags ("major_and_complex;hearing_requested"), opened_by

Output: the input columns followed by the compact ruling columns (status,
disposition, handler, acts_in_name_of, review_body, transfer_to, handover_to,
relevant_date, in_transition, legal_review, hearing, rule_ids, summary_zh,
summary_en, error_code, error_path, error_message), UTF-8 with a BOM so that
Excel shows the Chinese text.

Needs pandas (``pip install pandas``); fuquan itself does not.
All cells are read as text: money must stay exact, so never let pandas parse
the fine as a float (fuquan refuses floats for money with ``money.float``).
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List

import pandas as pd

import fuquan

DATE_COLUMNS = ("violation", "discovery", "filing", "decision")
LIST_COLUMNS = ("items", "sanctions")
TEXT_COLUMNS = ("case_id", "location", "party", "fine", "confiscation", "opened_by")
TRUE = {"true", "yes", "y", "1", "是"}
FALSE = {"false", "no", "n", "0", "否"}


def _split(cell: str) -> List[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _bool(cell: str) -> Any:
    low = cell.strip().lower()
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    return cell  # left as text: fuquan reports it as input.invalid_type with its path


def case_from_row(row: Dict[str, str]) -> Dict[str, Any]:
    """One CSV row (all cells text, "" when empty) as a case in fuquan's JSON contract.

    This only reshapes the row; every check is fuquan's, so a bad cell comes
    back as an error row naming the field, not as an exception.
    """
    cell = {k: (v or "").strip() for k, v in row.items()}
    case: Dict[str, Any] = {}
    for col in TEXT_COLUMNS:
        if cell.get(col):
            case[col] = cell[col]
    for col in LIST_COLUMNS:
        if col in cell:
            case[col] = _split(cell[col])
    if cell.get("business_activity"):
        case["business_activity"] = _bool(cell["business_activity"])
    case["dates"] = {col: cell[col] for col in DATE_COLUMNS if cell.get(col)}
    if cell.get("flags"):
        case["flags"] = {flag: True for flag in _split(cell["flags"])}
    return case


def route_frame(cases: pd.DataFrame, rule_set: fuquan.RuleSet | None = None) -> pd.DataFrame:
    """Route every row of ``cases`` (read with ``dtype=str``) and return the
    input with the ruling and explanation columns appended."""
    rule_set = rule_set or fuquan.RuleSet()
    records = cases.fillna("").to_dict(orient="records")
    rows = rule_set.route_many((case_from_row(r) for r in records), summary=True)
    result = pd.DataFrame(rows, index=cases.index).drop(columns=["case_id"])
    return pd.concat([cases, result], axis=1)


def main(argv: List[str]) -> int:
    """Command line: ``route_csv.py INPUT.csv OUTPUT.csv``."""
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    cases = pd.read_csv(argv[1], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    routed = route_frame(cases)
    routed.to_csv(argv[2], index=False, encoding="utf-8-sig")
    counts = routed["status"].value_counts().to_dict()
    print(f"routed {len(routed)} cases: {counts.get('ok', 0)} ok, {counts.get('error', 0)} refused -> {argv[2]}")
    print(routed["disposition"].value_counts(dropna=False).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
