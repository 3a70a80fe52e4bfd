"""The golden corpus: one case per file in tests/corpus, checked against NAME.expected.json beside it."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from parsers import ParseSpec, parse_attachment
from tests.parsers.conftest import CORPUS

FILES = sorted(
    p
    for p in CORPUS.iterdir()
    if p.is_file() and not p.name.endswith((".json", ".py")) and not p.name.startswith(".")
)
FIELDS = (
    "file",
    "text_source",
    "kind",
    "title",
    "school",
    "document_number",
    "date",
    "period",
    "cycle",
    "metrics",
)
VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]", re.IGNORECASE)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _check(got: dict[str, Any], want: dict[str, Any]) -> None:
    scanned = want["text_source"] == "ocr"
    # a scan's ký hiệu is a few capitals in 13 pt: OCR may misread it; the figures are what must be right
    fields = [f for f in FIELDS if not (scanned and f in ("document_number", "title"))]
    assert {f: got[f] for f in fields} == {f: want[f] for f in fields}
    assert got["problem_codes"] == want["problem_codes"]
    assert len(got["problems"]) == len(got["problem_codes"])
    assert all(VIETNAMESE.search(message) for message in got["problems"])
    if "needs_review" in want:
        assert got["needs_review"] == want["needs_review"]
    for key in want.get("sections", {}):
        expected, actual = _flat(want["sections"][key]), _flat(got["sections"][key])
        if scanned:
            assert difflib.SequenceMatcher(None, actual, expected).ratio() >= 0.9, (actual, expected)
        else:
            assert actual == expected
    for key in got["metrics"]:
        assert got["provenance"][key]["text"], f"{key} has no provenance"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file(path: Path, spec: ParseSpec) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    reports = parse_attachment(path.read_bytes(), filename=path.name, spec=spec)
    got = [r.to_json() for r in reports]
    assert [g["file"] for g in got] == [w["file"] for w in expected]
    for g, w in zip(got, expected, strict=True):
        _check(g, w)


def test_corpus_covers_every_kind() -> None:
    kinds = {p.suffix for p in FILES}
    assert {".docx", ".pdf", ".doc", ".odt", ".rtf", ".jpg", ".zip", ".xlsx", ".txt"} <= kinds
    assert all(p.with_name(p.name + ".expected.json").is_file() for p in FILES)
