"""Type stubs for fuquan (赋权). Answers are plain dicts in the JSON contract
(fixtures/README.md in the fuquan repository); ``fuquan._types`` describes the
compact batch row, the validation answer and the diagnostics."""

import os
from typing import Dict, Any, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Type, Union, overload

__version__: str

_Column = Any
"""A column argument of ``RuleSet.route_columns``: a list, tuple, NumPy array or
pandas Series with one value per row, or a single value (a ``str``, ``bool``,
``int``, date or ``None``) used for every row."""
__all__: List[str]

from ._types import Answer as Answer, CompactColumns as CompactColumns, CompactRow as CompactRow, Diagnostic as Diagnostic, ValidateAnswer as ValidateAnswer

class RuleSet:
    """A loaded, validated rule set: the routing engine.

    ``RuleSet()`` is the embedded default (Huancui 2024, sample data). Immutable
    and safe to share between threads.
    """

    def __init__(self) -> None:
        """The embedded default rule set."""
    @staticmethod
    def from_dir(path: Union[str, "os.PathLike[str]"]) -> "RuleSet":
        """Load a rule-set directory; raises ``RuleSetError`` if unreadable or invalid."""
    @staticmethod
    def from_json(document: Union[str, Mapping[str, Any]]) -> "RuleSet":
        """Load one JSON document (text or dict); raises ``RuleSetError`` if invalid."""
    @property
    def id(self) -> str:
        """The rule set's id, e.g. ``"huancui-2024"``."""
    @property
    def version(self) -> str:
        """The rule set's version."""
    @property
    def warnings(self) -> List[Diagnostic]:
        """Warnings found when the rule set was validated."""
    def publish(
        self,
        date: str,
        out_dir: Union[str, "os.PathLike[str]"],
        *,
        formats: Sequence[Literal["xlsx", "csv", "html"]] = ("xlsx", "csv", "html"),
        replace: bool = False,
    ) -> Dict[str, Any]:
        """Write each town's 执法事项清单 and 巡查事项清单 and the district summary in force
        on ``date`` into ``out_dir`` (xlsx for printing, CSV with BOM, HTML), whole or
        not at all. Returns ``{"date": ..., "towns": [{"town", "name_zh",
        "enforcement_items", "inspection_items"}, ...]}``."""
    def catalogue_rows(self, date: str) -> List[Dict[str, Any]]:
        """Every (town, item) on the lists on ``date`` as dicts, for ``pandas.DataFrame``:
        town, town_zh, item, name_zh, kind, domain, department, mode, status, grant,
        document, effective, establishing_basis, penalty_basis, discretion_benchmark."""
    def route(self, case: Mapping[str, Any], *, raise_errors: bool = True) -> Answer:
        """Route one case; raises ``InputError`` if refused, unless ``raise_errors=False``."""
    @overload
    def route_many(
        self, cases: Iterable[Mapping[str, Any]], *, compact: Literal[True] = ..., summary: bool = ...
    ) -> List[CompactRow]: ...
    @overload
    def route_many(
        self, cases: Iterable[Mapping[str, Any]], *, compact: Literal[False], summary: bool = ...
    ) -> List[Answer]: ...
    @overload
    def route_many(
        self, cases: Iterable[Mapping[str, Any]], *, compact: bool, summary: bool = ...
    ) -> Union[List[CompactRow], List[Answer]]: ...
    def route_columns(
        self,
        *,
        location: _Column,
        party: _Column,
        business_activity: _Column,
        item: _Column = ...,
        items: _Column = ...,
        violation: _Column = ...,
        discovery: _Column = ...,
        filing: _Column = ...,
        decision: _Column = ...,
        sanctions: _Column = ...,
        fine: _Column = ...,
        fine_fen: _Column = ...,
        confiscation: _Column = ...,
        confiscation_fen: _Column = ...,
        major_and_complex: _Column = ...,
        needs_recusal: _Column = ...,
        unsuited_to_town_level: _Column = ...,
        district_designation: _Column = ...,
        major_public_interest: _Column = ...,
        complex_multiple_legal_relations: _Column = ...,
        review_required_by_law: _Column = ...,
        hearing_requested: _Column = ...,
        opened_by: _Column = ...,
        case_id: _Column = ...,
        summary: bool = False,
    ) -> CompactColumns:
        """Route cases given as columns (``rs.route_columns(**df)``); returns the
        compact rows as columns, row for row equal to ``route_many(compact=True)``.

        Required: ``location``, ``item`` (one code per row) or ``items`` (a list
        per row), ``party``, ``business_activity``. Dates: ``"YYYY-MM-DD"``,
        ``datetime.date``, or a midnight ``datetime``/``Timestamp``. Money:
        ``fine``/``confiscation`` in yuan (``"49999.99"`` or a whole-yuan int)
        or ``fine_fen``/``confiscation_fen`` in integer fen; floats are refused
        (``money.float``). ``sanctions``: a list of names per row, or one name
        for every row. ``None``/NaN/``NaT`` in a cell: not given.

        A bad cell or refused case is an error row (``error_path`` such as
        ``"fine[17]"``); an unknown or missing column, a field given twice, or
        columns of different lengths raise ``InputError``.
        """
    def route_arrow(self, data: Any, *, threads: Optional[int] = None, summary: bool = False) -> Any:
        """Routes cases given as an Arrow table or stream and returns the compact answer as an Arrow table.

        ``data``: anything with ``__arrow_c_stream__`` or ``__arrow_c_array__``
        (a pyarrow ``Table``, ``RecordBatch`` or ``RecordBatchReader``, a Polars
        ``DataFrame``, a DuckDB relation, a pandas DataFrame with Arrow dtypes),
        holding ``route_columns``'s columns and only those. Returns a
        ``pyarrow.Table`` when pyarrow is installed, else an Arrow table object
        with ``__arrow_c_stream__``. Columns of the answer: ``route_columns``'s
        keys in order; ``status``, ``disposition``, ``rule_ids``, ``warnings``,
        ``error_code`` dictionary-encoded (int16 keys), the five body ids
        dictionary-encoded (int32 keys), ``relevant_date`` ``date32``,
        ``in_transition`` / ``legal_review`` / ``hearing`` booleans, ``case_id``
        as given (type null without a ``case_id`` column), the summaries of type
        null unless ``summary=True``.

        A bad cell is an error row naming the column and the row over the whole
        input (``error_path`` such as ``"fine[17]"``); an unknown, missing or
        repeated column or a column of the wrong Arrow type raises
        ``InputError``. Routing runs on ``threads`` threads (default: every core)
        with the GIL released, in pieces of 32,768 rows; rows come back in input
        order. ``threads=0`` raises ``ValueError``.
        """
    @property
    def content_hash(self) -> str:
        """SHA-256 of the rule-set document (lowercase hex), as in every answer's ``ruleset``."""
    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]:
        """Pickling: the rule-set document (JSON text) and its content hash; unpickling rebuilds the index and checks the hash."""
    def labels(self, *vocabularies: str) -> Dict[str, Any]:
        """The Chinese and English label of every code answers carry (the ``labels``
        operation); with names, only those vocabularies."""
    def lookup(self, list: Literal["towns", "departments", "bodies", "items", "domains", "classes"], query: Optional[str] = None) -> Dict[str, Any]:
        """The rule set's towns, departments, … with their names, or what ``query``
        (a name, short form or id) resolves to (the ``lookup`` operation)."""
    def call(self, operation: Union[Operation, str], request: Mapping[str, Any], *, raise_errors: bool = True) -> Dict[str, Any]:
        """Any decision by name (see ``OPERATIONS``): request dict in, answer dict out."""
    def draft_docx(self, request: Mapping[str, Any]) -> bytes:
        """A drafted document as ``.docx`` bytes: the ``draft`` request dict
        (``{"document", "request" | "grant" + "town", "fill"}``, docs/drafting.md).
        Raises ``InputError`` for a refused request."""
    def call_json(self, operation: Union[Operation, str], request: str) -> Dict[str, Any]:
        """Any decision by name with the request as raw JSON text; returns the answer, never raises for a refused request."""
    def __repr__(self) -> str: ...

Operation = Literal[
    "route",
    "validate",
    "staffing",
    "staffing_district",
    "screen",
    "screen_catalogue",
    "dispute",
    "designation_request",
    "platform_schedule",
    "dispatch",
    "coverage",
    "inspection_plan",
    "supervision",
    "route_history",
    "labels",
    "lookup",
    "intake",
    "draft",
]
"""The decisions of the core's registry, in its order (checked against it by
``core/tests/registry.rs``)."""

OPERATIONS: List[Operation]
"""The decisions ``RuleSet.call`` knows, from the core's registry (this build's)."""

def import_catalogue(
    path: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]],
    *,
    base: Optional[RuleSet] = None,
    document: Optional[str] = None,
    document_title: Optional[str] = None,
    effective: Optional[str] = None,
    version: Optional[str] = None,
    effective_from: Optional[str] = None,
) -> Dict[str, Any]:
    """Import a district's spreadsheets (.xlsx/.csv) onto ``base`` (default: the
    embedded rule set). Returns ``{"ok", "counts", "diagnostics", "validation",
    "document"}``: every refused or skipped row placed (file, sheet, row, column,
    cell, code, zh/en message); ``RuleSet.from_json(result["document"])`` loads the
    result. A file that cannot be read at all (wrong type, encrypted, damaged, too
    many rows) raises ``InputError``."""

def validate(doc_or_path: Union[str, "os.PathLike[str]", Mapping[str, Any]]) -> ValidateAnswer:
    """Validate a rule set: a directory, JSON text, or a document dict. Never raises for a bad rule set."""

class Error(Exception):
    """Base class of fuquan's exceptions; attributes are those of the first diagnostic."""

    code: Optional[str]
    path: Optional[str]
    expected: Optional[str]
    message_zh: Optional[str]
    message_en: Optional[str]
    diagnostics: List[Diagnostic]
    def __init__(self, message: str, diagnostics: Sequence[Mapping[str, Any]] = ()) -> None: ...
    def __reduce__(self) -> Tuple[Type["Error"], Tuple[str, List[Diagnostic]]]: ...

class RuleSetError(Error):
    """A rule set could not be loaded: unreadable, malformed, or invalid."""

class InputError(Error, ValueError):
    """A case was refused (also a ``ValueError``)."""
