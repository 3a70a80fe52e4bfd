"""Where the summary's files go, and writing them so a reader never sees half a file."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# The documents are handed to colleagues and the web server that may serve them; mkstemp's 0600 is too tight.
FILE_MODE = 0o644


@dataclass(frozen=True)
class SummaryFiles:
    docx: Path
    xlsx: Path
    json: Path
    png: Path

    def all(self) -> tuple[Path, Path, Path, Path]:
        return (self.docx, self.xlsx, self.json, self.png)


def summary_paths(out_dir: Path, cycle_id: str) -> SummaryFiles:
    """File names carry the cycle id: tong-hop-<cycle>.docx and so on."""
    ascii_id = unicodedata.normalize("NFKD", cycle_id.replace("đ", "d").replace("Đ", "D"))
    stem = "tong-hop-" + (
        re.sub(r"[^0-9A-Za-z._-]+", "-", ascii_id.encode("ascii", "ignore").decode()).strip("-.") or "cycle"
    )
    return SummaryFiles(*(out_dir / f"{stem}.{ext}" for ext in ("docx", "xlsx", "json", "png")))


def write_atomically(path: Path, content: bytes) -> None:
    """Temp file in the same directory, fsync, rename over the target."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
