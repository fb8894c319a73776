"""fuquan (赋权): route administrative enforcement cases after powers are devolved to towns.

Given a district's rule set (departments, towns, power items, delegations and
entrustments), fuquan decides who handles a case, in whose name, who answers
for it in review and in court, whether the town must transfer it or hand it
over, whether legal review and a hearing apply -- and why, with the rules and
the legal clauses behind each step.

>>> import fuquan
>>> rs = fuquan.RuleSet()                       # the embedded default (sample data)
>>> answer = rs.route({"items": ["CJ-P001"], "location": "zhangcun",
...                    "party": "organisation", "business_activity": True,
...                    "dates": {"filing": "2024-09-05"},
...                    "sanctions": ["fine"], "fine": "20000"})
>>> answer["ruling"]["disposition"]
'keep'

The rules live in the Rust core; this package only converts values. The JSON
contract (request and answer shapes, codes) is documented in the fuquan
repository, ``fixtures/README.md`` and ``docs/routing.md``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version

from ._errors import Error, InputError, RuleSetError
from ._fuquan import OPERATIONS, RuleSet, import_catalogue, validate
from ._types import Answer, CompactColumns, CompactRow, Diagnostic, ValidateAnswer

try:
    __version__ = _version("fuquan")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "RuleSet",
    "OPERATIONS",
    "validate",
    "import_catalogue",
    "Error",
    "RuleSetError",
    "InputError",
    "Answer",
    "CompactColumns",
    "CompactRow",
    "Diagnostic",
    "ValidateAnswer",
    "__version__",
]
