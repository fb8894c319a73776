"""``RuleSet.draft_docx``: the drafted ``.docx`` is a package python-docx reads
back, and its text carries every fill field and every citation the answer lists
(docs/drafting.md). One test converts it to PDF with LibreOffice when
``soffice`` is installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import fuquan

from conftest import FIXTURES

INPUTS = sorted((FIXTURES / "drafting" / "inputs").glob("*.json"))

docx = pytest.importorskip("docx", reason="python-docx is a test requirement (tests/requirements.txt)")


def _strings(value):
    """Every string a fill value holds (dates as the documents write them)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            y, m, d = value.split("-")
            yield f"{int(y)}年{int(m)}月{int(d)}日"
        elif value not in ("town", "department"):
            yield value
    elif isinstance(value, int):
        yield str(value)


def _docx_text(data: bytes) -> str:
    import io

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_docx_carries_every_fill_field_and_citation(rs, path: Path):
    request = json.loads(path.read_text(encoding="utf-8"))
    data = rs.draft_docx(request)
    assert data[:2] == b"PK"
    text = _docx_text(data)
    for s in _strings(request.get("fill", {})):
        assert s in text, f"{path.stem}: fill value {s!r} missing from the .docx"
    answer = rs.call("draft", request)
    # Every blank the answer lists is visible in the document too.
    assert ("＿＿＿＿" in text) == bool(answer["blanks"])
    # The document's own text is the answer's: each non-empty line of the
    # answer's text (tables aside) is a paragraph of the .docx.
    for line in answer["text"].splitlines():
        line = line.strip().lstrip("\u3000")
        if line and not line.startswith("|"):
            assert line in text, f"{path.stem}: {line!r} missing from the .docx"
    # The source ruling's citations reach the document wherever its template
    # lists the rules (case documents list them; grant documents cite their own bases).
    if request["document"] not in ("delegation_acceptance", "entrustment_agreement"):
        for rule in answer["rules"]:
            if rule["id"].startswith("draft."):
                continue
            for c in rule["citations"]:
                assert c["zh"] in text, f"{path.stem}: citation {c['zh']} missing"


def test_a_refused_request_raises_input_error(rs):
    with pytest.raises(fuquan.InputError) as e:
        rs.draft_docx({"document": "entrustment_agreement", "grant": "G-2024-DEV-ZR", "town": "zhangcun"})
    assert "draft.not_an_entrustment" in str(e.value)


def test_libreoffice_converts_the_docx_to_pdf(rs):
    if shutil.which("soffice") is None:
        # test.sh installs LibreOffice and sets FUQUAN_TEST_SOFFICE=1: there it must run.
        if os.environ.get("FUQUAN_TEST_SOFFICE") == "1":
            pytest.fail("FUQUAN_TEST_SOFFICE=1 but soffice is not on PATH")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui")
    request = json.loads((FIXTURES / "drafting" / "inputs" / "transfer-major-fine.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "transfer.docx"
        src.write_bytes(rs.draft_docx(request))
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True,
            timeout=180,
            capture_output=True,
        )
        pdf = Path(tmp) / "transfer.pdf"
        assert pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"
