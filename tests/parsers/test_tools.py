"""The external programs the parsers run: missing ones must fail the suite, not skip it."""

from __future__ import annotations

import shutil
import subprocess


def test_tesseract_with_vietnamese_is_installed() -> None:
    assert shutil.which("tesseract"), "install tesseract-ocr and tesseract-ocr-vie"
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True).stdout
    assert "vie" in langs.split()


def test_libreoffice_is_installed() -> None:
    assert shutil.which("soffice"), "install libreoffice-writer-nogui (soffice)"
