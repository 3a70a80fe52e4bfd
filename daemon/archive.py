"""Content-addressed, fsync'd storage of raw mail and attachments under the state directory."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

# names that Windows refuses, should the office copy the archive to a Windows share
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MAX_NAME = 120


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    """Files named by their sha256 under `root`; writing one is atomic and durable before it returns."""

    def __init__(self, root: Path):
        self.root = root

    def path_for(self, digest: str, suffix: str) -> Path:
        return self.root / digest[:2] / f"{digest}{suffix}"

    def store(self, data: bytes, suffix: str = "") -> tuple[str, Path]:
        digest = sha256(data)
        path = self.path_for(digest, suffix)
        if path.exists() and path.stat().st_size == len(data):
            return digest, path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
        _fsync_dir(path.parent)
        return digest, path

    def read(self, path: str | Path) -> bytes:
        return Path(path).read_bytes()

    def orphans(self, known: set[str]) -> list[Path]:
        """Files on disk that no database row names (left by a crash between write and commit)."""
        if not self.root.exists():
            return []
        return [p for p in self.root.rglob("*") if p.is_file() and str(p) not in known and not p.name.startswith(".")]


def _fsync_dir(path: Path) -> None:
    # the rename itself is durable only once the directory entry is on disk
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def safe_filename(name: str | None, fallback: str = "tep-dinh-kem") -> str:
    """A display name that is safe anywhere: NFC, no path, no control characters, bounded length."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"[<>:\"|?*]", "_", name).strip(" .")
    if not name or _RESERVED.match(name):
        name = f"{fallback}-{name}" if name else fallback
    if len(name) > _MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 8 else ""
        name = (stem if dot else name)[: _MAX_NAME - len(ext) - 1] + ("." + ext if ext else "")
    return name
