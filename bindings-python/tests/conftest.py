"""Shared paths and fixtures for the fuquan Python tests."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any, Dict, List

import pytest

import fuquan

# The tests read fixtures from the repository (paths relative to this file),
# never from the installed package.
BINDINGS = Path(__file__).resolve().parents[1]
REPO = BINDINGS.parent
FIXTURES = REPO / "fixtures"
CASES = FIXTURES / "cases"
EMBEDDED_DIR = REPO / "core" / "data" / "huancui-2024"
EXAMPLES = BINDINGS / "examples"


def case_files() -> List[Path]:
    """Every conformance case file, sorted (as the Rust runner reads them)."""
    # Every folder of fixtures/cases/, as the Rust runner reads them.
    return sorted(CASES.glob("*/*.json"))


def load_case(path: Path) -> Dict[str, Any]:
    """One conformance case."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def route_cases() -> List[Dict[str, Any]]:
    """Every route conformance case."""
    return [load_case(p) for p in sorted((CASES / "route").glob("*.json"))]


@pytest.fixture(scope="session")
def rs() -> fuquan.RuleSet:
    """The embedded default rule set."""
    return fuquan.RuleSet()


@pytest.fixture
def base_case() -> Dict[str, Any]:
    """A valid case: a delegated item at a developed town, after the transition."""
    return {
        "case_id": "T-1",
        "items": ["CJ-P001"],
        "location": "zhangcun",
        "party": "organisation",
        "business_activity": True,
        "dates": {"violation": "2024-09-01", "discovery": "2024-09-03", "filing": "2024-09-05"},
        "sanctions": ["fine"],
        "fine": "20000",
    }


def pytest_sessionstart(session: pytest.Session) -> None:
    """test.sh's guards: FUQUAN_TEST_INSTALLED=1 — the fuquan under test is the
    installed wheel, not the source tree; FUQUAN_TEST_REQUIRE=pandas,numpy — those
    modules are importable, so the tests that use them run instead of skipping."""
    if os.environ.get("FUQUAN_TEST_INSTALLED") == "1":
        where = Path(fuquan.__file__).resolve()
        if BINDINGS in where.parents:
            raise pytest.UsageError(f"fuquan was imported from the source tree ({where}), not the installed wheel")
        native = Path(fuquan._fuquan.__file__).resolve()
        if native.parent != where.parent:
            raise pytest.UsageError(f"fuquan._fuquan ({native}) is not next to fuquan ({where})")
    for name in filter(None, os.environ.get("FUQUAN_TEST_REQUIRE", "").split(",")):
        try:
            importlib.import_module(name)
        except ImportError as e:
            raise pytest.UsageError(f"FUQUAN_TEST_REQUIRE: {name} is not importable ({e})") from e
