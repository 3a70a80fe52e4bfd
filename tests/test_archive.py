"""The archive: content-addressed, durable, and no attachment name can write outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from daemon.archive import Archive, safe_filename


def test_the_same_bytes_are_stored_once_under_their_hash(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "raw")
    digest, path = archive.store(b"mail", ".eml")
    assert archive.store(b"mail", ".eml") == (digest, path)
    assert path.read_bytes() == b"mail" and path.parent.parent == tmp_path / "raw"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(("hostile", "safe"), [
    ("../../etc/passwd", "passwd"), ("..\\..\\x.docx", "x.docx"), ("", "tep-dinh-kem"), (None, "tep-dinh-kem"),
    ("CON", "tep-dinh-kem-CON"), ("bc\x00\x07.docx", "bc.docx"), ("B\u0061\u0301o ca\u0301o.docx", "Báo cáo.docx"),
])
def test_hostile_names_become_safe_display_names(hostile: str | None, safe: str) -> None:
    assert safe_filename(hostile) == safe


def test_a_300_character_name_keeps_its_extension() -> None:
    name = safe_filename("a" * 300 + ".docx")
    assert len(name) <= 120 and name.endswith(".docx")
