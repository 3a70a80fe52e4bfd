"""The validated config of an idle `baocao poll`, kept between runs.

A poll started by a timer reads config.yaml, the roster and the password files' modes every few minutes, and
they almost never change: building the Config from YAML is a third of an idle poll (a 500-school roster ~40 ms).
The Config is pickled once into the user's cache folder with what it was built from: the config file's bytes, the
roster's and every named file's size, time and mode, the environment variables the file names, and the code that
builds a Config. Any of them differing is a miss, and the config is read and validated again. Warnings said while
it was built are said again on every hit, so a loose password file is never reported once only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from daemon.config.record import Record, fields, replace
from daemon.config.settings import Config

log = logging.getLogger(__name__)

# the modules beside this one whose code turns config.yaml into a Config: a change in any of them (an upgrade) is a miss
_BUILDERS = ("settings", "record", "load", "section", "roster", "yamlmarks")
_FORMAT = 1


def load_config_cached(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        return _build(path)[0]  # load_config words the error
    cache = _cache_file(path)
    key = _key(path, raw)
    entry = _read(cache) if cache else None
    if entry is not None and entry.get("key") == key and _same_files(entry.get("files", {})):
        for level, name, message in entry["warnings"]:
            logging.getLogger(name).log(level, "%s", message)
        return replace(entry["config"], path=path)
    config, warnings = _build(path)
    if cache:
        _write(cache, {"format": _FORMAT, "key": key, "files": _files_of(config), "warnings": warnings,
                       "config": config})
    return config


def _build(path: Path) -> tuple[Config, list[tuple[int, str, str]]]:
    from daemon.config.load import load_config  # the YAML reader loads only on a miss

    said: list[tuple[int, str, str]] = []
    with _recording(said):
        config = load_config(path)
    return config, said


@contextmanager
def _recording(said: list[tuple[int, str, str]]) -> Iterator[None]:
    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append((record.levelno, record.name, record.getMessage()))

    handler = Keep(logging.WARNING)
    top = logging.getLogger("daemon")
    top.addHandler(handler)
    try:
        yield
    finally:
        top.removeHandler(handler)


def _key(path: Path, raw: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}\0{sys.version}\0{path.resolve()}\0".encode())
    digest.update(raw)
    for name in _BUILDERS:
        module = Path(__file__).with_name(f"{name}.py")
        digest.update(f"\0{name}:{_signature(module)}".encode())
    # $VAR and ${VAR} in paths, and ~ (HOME), are expanded while the config is built
    text = raw.decode("utf-8", "replace")
    for name in sorted({*re.findall(r"\$\{?(\w+)", text), "HOME"}):
        digest.update(f"\0{name}={os.environ.get(name)}".encode())
    return digest.hexdigest()


def _files_of(config: Config) -> dict[str, str]:
    """Every file the Config names (roster, password files, OAuth client, CA), with what it looked like."""
    paths: set[Path] = set()
    _collect(config, paths)
    return {str(p): _signature(p) for p in sorted(paths)}


def _collect(value: Any, paths: set[Path]) -> None:
    if isinstance(value, Path):
        paths.add(value)
    elif isinstance(value, Record):
        for name in fields(value):
            _collect(getattr(value, name), paths)
    elif isinstance(value, tuple | list):
        for item in value:
            _collect(item, paths)


def _signature(path: Path) -> str:
    """A file's size, time and mode. Folders (state, outbox, Maildir) and absent paths build the same Config, and a
    folder's time moves with every poll: they all read as "not a file"."""
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_mode:o}" if stat.S_ISREG(st.st_mode) else "-"


def _same_files(files: dict[str, str]) -> bool:
    return all(_signature(Path(name)) == seen for name, seen in files.items())


def _cache_file(config_path: Path) -> Path | None:
    """Under systemd the unit's CacheDirectory=, else $XDG_CACHE_HOME/baocao or ~/.cache/baocao."""
    systemd = os.environ.get("CACHE_DIRECTORY", "").split(":")[0]
    if systemd:
        folder = Path(systemd)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        try:
            folder = (Path(xdg) if xdg else Path.home() / ".cache") / "baocao"
        except RuntimeError:  # no home directory
            return None
    name = hashlib.sha256(str(config_path.resolve()).encode()).hexdigest()[:20]
    return folder / f"config-{name}.pickle"


def _read(cache: Path) -> dict[str, Any] | None:
    try:
        with cache.open("rb") as f:
            st = os.fstat(f.fileno())
            # only a file this user wrote and nobody else can change is unpickled
            if st.st_uid != os.geteuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            entry = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as e:  # noqa: BLE001 - a cache that cannot be read is a miss, whatever broke it
        log.debug("config cache %s not used: %s", cache, e)
        return None
    if not isinstance(entry, dict) or entry.get("format") != _FORMAT or not isinstance(entry.get("config"), Config):
        return None
    return entry


def _write(cache: Path, entry: dict[str, Any]) -> None:
    import tempfile  # only on a miss: an idle poll that hits the cache never loads it

    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".config-")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(cache)
        except BaseException:
            Path(tmp).unlink()
            raise
    except (OSError, pickle.PicklingError) as e:
        log.debug("config cache %s not written: %s", cache, e)
