"""A few of blind batch A's scans and phone photos, parsed end to end: the CI's guard on OCR accuracy.

bench/blind/accuracy.py scores the whole batch; this keeps a small, fast part of it in the suite, so that a
change to the page preparation or the OCR that costs figures fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers import ParseSpec, parse_attachment
from tests.parsers.conftest import ROOT

BATCH = ROOT / "bench" / "blind" / "A"
# phone photos of a table and of a table with units in its cells ("5 tin"), a 170 dpi scan with a merged header
CASES = ("A005_photo.jpg", "A174_photo.jpg", "A164_scan.pdf")
# of the figures these documents state, at least this share must be read right (they read 100% when chosen)
RIGHT_AT_LEAST = 0.85


def _truth(name: str) -> dict:
    return json.loads((BATCH / f"{Path(name).stem}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed(spec: ParseSpec) -> dict[str, dict]:
    return {
        name: parse_attachment((BATCH / name).read_bytes(), filename=name, spec=spec)[0].to_json()
        for name in CASES
    }


def test_most_stated_figures_are_read_right(parsed: dict[str, dict]) -> None:
    stated = right = 0
    for name, got in parsed.items():
        for key, want in _truth(name)["metrics"].items():
            if want is not None:
                stated += 1
                right += got["metrics"].get(key) == want and isinstance(
                    got["metrics"].get(key), bool
                ) == isinstance(want, bool)
    assert right / stated >= RIGHT_AT_LEAST, f"{right}/{stated} figures right"


@pytest.mark.parametrize("name", CASES)
def test_the_school_and_its_symbol_are_read_from_the_header(parsed: dict[str, dict], name: str) -> None:
    truth = _truth(name)
    assert parsed[name]["school"]["id"] == truth["school_id"]
    assert parsed[name]["document_number"] == truth["document_number"]
