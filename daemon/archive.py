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
# writes go to <root>/.tmp first: a writer killed mid-file leaves its temp file there, one cheap place to sweep
TMP_DIR = ".tmp"


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
        temp_dir = self.root / TMP_DIR
        temp_dir.mkdir(mode=0o700, exist_ok=True)
        # the writer's pid in the name: sweep_temp() removes only what a dead process left
        tmp = temp_dir / f"{path.name}.{os.getpid()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(path.parent)
        return digest, path

    def read(self, path: str | Path) -> bytes:
        return Path(path).read_bytes()

    def orphans(self, known: set[str]) -> list[Path]:
        """Complete files that no database row names: left by a crash between the write and the commit.

        They are kept, not swept: the next fetch (or processing retry) of the same content stores the same
        path and its row adopts the file, and a raw mail may be the only copy once deleted from the mailbox.
        """
        if not self.root.exists():
            return []
        return [p for p in self.root.glob("??/*") if p.is_file() and str(p) not in known]

    def sweep_temp(self) -> list[Path]:
        """Remove the temp files of writers that died mid-write (SIGKILL, power cut); returns what went.

        Call it while this process writes nothing (a poll's start): its own pid's temp files are then stale too.
        """
        temp_dir = self.root / TMP_DIR
        if not temp_dir.is_dir():
            return []
        removed = []
        for path in temp_dir.iterdir():
            pid = path.name.rsplit(".", 2)[-2] if path.name.count(".") >= 2 else ""
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue
            path.unlink(missing_ok=True)
            removed.append(path)
        return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    return True


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
