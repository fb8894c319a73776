"""The exceptions fuquan raises. The extension module raises these classes."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Type

__all__ = ["Error", "RuleSetError", "InputError"]


class Error(Exception):
    """Base class of fuquan's exceptions.

    Carries the core's diagnostics: ``diagnostics`` is the full list (dicts
    with ``code``, ``severity``, ``path``, ``expected``, ``message_zh``,
    ``message_en``, ``citation``), and ``code``, ``path``, ``expected``,
    ``message_zh``, ``message_en`` are those of the first one (errors come
    first), so ``except fuquan.Error as e: print(e.code, e.path)`` is enough
    in the common case.
    """

    code: Optional[str]
    path: Optional[str]
    expected: Optional[str]
    message_zh: Optional[str]
    message_en: Optional[str]
    diagnostics: List[Dict[str, Any]]

    def __init__(self, message: str, diagnostics: Sequence[Dict[str, Any]] = ()) -> None:
        """Build the exception from a message and the core's diagnostic dicts."""
        super().__init__(message)
        self.diagnostics = [dict(d) for d in diagnostics]
        first: Dict[str, Any] = self.diagnostics[0] if self.diagnostics else {}
        self.code = first.get("code")
        self.path = first.get("path")
        self.expected = first.get("expected")
        self.message_zh = first.get("message_zh")
        self.message_en = first.get("message_en")

    def __reduce__(self) -> Tuple[Type["Error"], Tuple[str, List[Dict[str, Any]]]]:
        """Pickle with the diagnostics (for multiprocessing)."""
        return (type(self), (str(self), self.diagnostics))


class RuleSetError(Error):
    """A rule set could not be loaded: unreadable, malformed, or invalid.

    ``diagnostics`` holds every finding of validation, errors first.
    """


class InputError(Error, ValueError):
    """A case was refused (bad JSON type, unknown item, money as a float, ...).

    Also a ``ValueError``. ``diagnostics`` holds every error of the request.
    """


for _cls in (Error, RuleSetError, InputError):
    _cls.__module__ = "fuquan"
del _cls
