"""The list of schools the office expects reports from: inline in config.yaml, or a .yaml/.csv/.xlsx file."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daemon.config.record import Record
from daemon.errors import ConfigError

if TYPE_CHECKING:  # the YAML reader loads only when a config is read, not when a cached one is used
    from daemon.config.section import Section

LEVELS = ("MN", "TH", "TH-THCS", "THCS")
ROSTER_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
_REQUIRED = ("id", "name", "level", "emails")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_COLUMNS = {"id", "name", "level", "emails", "aliases", "phone", "contact"}


class School(Record):
    id: str
    name: str
    level: str
    emails: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    contact: str | None = None  # who to call; shown to the office in the missing list
    phone: str | None = None


def read_schools(top: Section, key: str) -> tuple[School, ...]:
    schools = []
    for _, s in top.items(key):
        s.check_keys(_COLUMNS)
        raw = {k: s.data.get(k) for k in _COLUMNS}
        schools.append(_school(raw, lambda message, k, s=s: s.fail(message, k)))
    return _unique(schools, lambda message, i: type(top)(top.doc, (key, i), {}).fail(message))


def load_roster(path: Path) -> tuple[School, ...]:
    """The schools of a roster file; config/load.py has checked that it exists and has one of ROSTER_SUFFIXES."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from daemon.config.section import Section
        from daemon.config.yamlmarks import load_located

        doc = load_located(path.read_text(encoding="utf-8"), str(path))
        return read_schools(Section(doc, (), {"schools": doc.data}), "schools")
    if suffix == ".csv":
        header, rows = _csv_rows(path)
    elif suffix == ".xlsx":
        header, rows = _xlsx_rows(path)
    else:
        raise ConfigError(f"{path}: a roster must be {', '.join(ROSTER_SUFFIXES)}, not {suffix or 'no extension'}")
    _check_header(path, header)
    schools = []
    for line, row in rows:
        def fail(message: str, key: str | None, line: int = line) -> None:
            raise ConfigError(f"{path}:{line}: {key or 'row'}: {message}")

        schools.append(_school(row, fail))
    lines = [line for line, _ in rows]
    return _unique(schools, lambda message, i: fail_at(path, lines[i], message))


def _check_header(path: Path, header: list[str]) -> None:
    """The first row names the columns: a missing or misspelt column is the header's fault, not row 2's."""
    named = [h for h in header if h]
    unknown = [h for h in named if h not in _COLUMNS]
    if unknown:
        raise ConfigError(f"{path}:1: header: unknown column {unknown[0]!r}. Known columns: "
                          f"{', '.join(sorted(_COLUMNS))}")
    missing = [c for c in _REQUIRED if c not in named]
    if missing:
        raise ConfigError(f"{path}:1: header: the required column {missing[0]!r} is missing (the header row has "
                          f"{', '.join(named) or 'nothing'}). Hint: the first row must name {', '.join(_REQUIRED)}")


def fail_at(path: Path, line: int, message: str) -> None:
    raise ConfigError(f"{path}:{line}: {message}")


def _csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    text = path.read_bytes().decode("utf-8-sig")  # Excel writes a BOM
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t") if text else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if reader.fieldnames is None:
        raise ConfigError(f"{path}:1: the roster is empty; expected a header row: id,name,level,emails")
    reader.fieldnames = [_nfc(f).strip().lower() for f in reader.fieldnames]
    rows = [(reader.line_num, {k: v for k, v in row.items() if k}) for row in reader if any(row.values())]
    return list(reader.fieldnames), rows


def _xlsx_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    from openpyxl import load_workbook  # only offices with an Excel roster pay for the import

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        raise ConfigError(f"{path}: cannot read the Excel roster: {e}") from e
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise ConfigError(f"{path}:1: the roster is empty; expected a header row: id, name, level, emails")
    names = [_nfc(str(h or "")).strip().lower() for h in header]
    out = []
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        out.append((number, {n: v for n, v in zip(names, values, strict=False) if n}))
    book.close()
    return names, out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items: Iterable[Any] = value if isinstance(value, list | tuple) else re.split(r"[;,\s]+", str(value))
    return tuple(_nfc(str(v)).strip() for v in items if str(v).strip())


def _school(raw: dict[str, Any], fail: Any) -> School:
    for key in ("id", "name", "level", "emails"):
        if raw.get(key) in (None, "", []):
            fail("is required but missing", key)
    school_id = str(raw["id"]).strip()
    if not _ID.match(school_id):
        fail(f'"{school_id}" is not a valid id. Hint: lower-case letters, digits and "-", e.g. th-him-lam', "id")
    level = str(raw["level"]).strip().upper()
    if level not in LEVELS:
        fail(f'"{raw["level"]}" is not one of {", ".join(LEVELS)}', "level")
    emails = tuple(e.lower() for e in _split(raw["emails"]))
    for email in emails:
        if not _EMAIL.match(email):
            fail(f'"{email}" is not an email address', "emails")
    contact, phone = raw.get("contact"), raw.get("phone")
    return School(
        id=school_id,
        name=_nfc(str(raw["name"])).strip(),
        level=level,
        emails=emails,
        aliases=_split(raw.get("aliases")) if isinstance(raw.get("aliases"), list) else
        tuple(a.strip() for a in str(raw.get("aliases") or "").split(";") if a.strip()),
        contact=_nfc(str(contact)).strip() if contact else None,
        phone=str(phone).strip() if phone else None,
    )


def _unique(schools: list[School], fail: Any) -> tuple[School, ...]:
    ids: set[str] = set()
    owners: dict[str, str] = {}
    for i, school in enumerate(schools):
        if school.id in ids:
            fail(f"school id {school.id!r} appears twice", i)
        ids.add(school.id)
        for email in school.emails:
            if email in owners:
                fail(f"{email} is listed for both {owners[email]} and {school.id}", i)
            owners[email] = school.id
    return tuple(schools)
