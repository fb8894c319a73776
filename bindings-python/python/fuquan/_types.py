"""Typed shapes of fuquan's answers, for type checkers and editors.

Answers are plain dicts; these TypedDicts describe the flat ones. The full
routing answer is deep and documented in the JSON contract
(``fixtures/README.md`` in the fuquan repository), so it is typed as a dict.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, TypedDict

__all__ = ["Answer", "CompactColumns", "CompactRow", "Diagnostic", "ValidateAnswer"]

Answer = Dict[str, Any]
"""A full answer: ``{"status": "ok", "ruling": {...}, "warnings": [...]}`` or
``{"status": "error", "errors": [...], "warnings": []}``."""


class Diagnostic(TypedDict, total=False):
    """A finding: a refused input, a rule-set defect, or a warning."""

    code: str
    severity: Literal["error", "warning"]
    path: str
    expected: str
    message_zh: str
    message_en: str
    citation: Dict[str, str]


class ValidateAnswer(TypedDict):
    """What ``fuquan.validate`` returns."""

    status: Literal["ok", "error"]
    diagnostics: List[Diagnostic]


class CompactRow(TypedDict):
    """One row of ``RuleSet.route_many(..., compact=True)``: flat, for pandas.

    For a refused case ``status`` is ``"error"``, the ruling fields are None and
    ``error_code`` / ``error_path`` / ``error_message`` describe the first error.
    ``summary_zh`` / ``summary_en`` are None unless ``summary=True``.
    """

    status: Literal["ok", "error"]
    case_id: Optional[str]
    disposition: Optional[Literal["keep", "transfer", "handover", "department", "split", "platform"]]
    handler: Optional[str]
    acts_in_name_of: Optional[str]
    review_body: Optional[str]
    transfer_to: Optional[str]
    handover_to: Optional[str]
    relevant_date: Optional[str]
    in_transition: Optional[bool]
    legal_review: Optional[bool]
    hearing: Optional[bool]
    rule_ids: Optional[str]
    warnings: Optional[str]
    summary_zh: Optional[str]
    summary_en: Optional[str]
    error_code: Optional[str]
    error_path: Optional[str]
    error_message: Optional[str]


class CompactColumns(TypedDict):
    """What ``RuleSet.route_columns`` returns: the compact rows as columns,
    one list per field of ``CompactRow``, in its order, all of the input's
    length (``pandas.DataFrame(columns)`` gives the table).

    Row ``i`` of every list is field for field the row ``route_many``
    (``compact=True``) gives for the same case. For a refused row
    ``error_path`` names the column and row, e.g. ``"fine[17]"``,
    ``"items[3][1]"``, or ``"dates[5]"`` when none of the dates is given.
    """

    status: List[Literal["ok", "error"]]
    case_id: List[Optional[str]]
    disposition: List[Optional[Literal["keep", "transfer", "handover", "department", "split", "platform"]]]
    handler: List[Optional[str]]
    acts_in_name_of: List[Optional[str]]
    review_body: List[Optional[str]]
    transfer_to: List[Optional[str]]
    handover_to: List[Optional[str]]
    relevant_date: List[Optional[str]]
    in_transition: List[Optional[bool]]
    legal_review: List[Optional[bool]]
    hearing: List[Optional[bool]]
    rule_ids: List[Optional[str]]
    warnings: List[Optional[str]]
    summary_zh: List[Optional[str]]
    summary_en: List[Optional[str]]
    error_code: List[Optional[str]]
    error_path: List[Optional[str]]
    error_message: List[Optional[str]]
