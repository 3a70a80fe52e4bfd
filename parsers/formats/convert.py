"""Old and odd office formats (.doc, .odt, .rtf, .xls) turned into docx/xlsx by LibreOffice, headless."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from parsers import problems
from parsers.errors import ParseError

# a first run builds a fresh profile (~3 s); a report converts in 1-2 s more
_TIMEOUT_S = 90


def convert(data: bytes, ext: str, target: str, filename: str) -> bytes:
    """The bytes of the converted file; ParseError when LibreOffice is missing or fails."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ParseError(filename, problems.converter_missing(f".{ext}"))
    with tempfile.TemporaryDirectory(prefix="baocao-soffice-") as tmp:
        root = Path(tmp)
        src = root / f"input.{ext}"
        src.write_bytes(data)
        outdir = root / "out"
        # a private profile: two conversions at once would otherwise fight over ~/.config/libreoffice
        cmd = [
            soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", str(outdir), str(src),
        ]  # fmt: skip
        env = {**os.environ, "HOME": tmp}
        try:
            subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT_S, env=env, check=False)
        except subprocess.TimeoutExpired as e:
            raise ParseError(filename, problems.conversion_failed(f".{ext}")) from e
        out = outdir / f"input.{target}"
        if not out.is_file() or out.stat().st_size == 0:
            raise ParseError(filename, problems.conversion_failed(f".{ext}"))
        return out.read_bytes()
