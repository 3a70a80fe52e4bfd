"""Typed reading of one YAML mapping, with errors that name the key and file:line."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from daemon.config.yamlmarks import Located, Path_, dotted
from daemon.errors import ConfigError

_MISSING = object()
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _type_name(value: Any) -> str:
    return {str: "str", int: "int", float: "float", bool: "bool", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


class Section:
    """One mapping in the config; every getter records the key as known."""

    def __init__(self, doc: Located, path: Path_, data: Any, allowed: set[str] | None = None):
        self.doc, self.path = doc, path
        if not isinstance(data, dict):
            self.fail(f"has incorrect type. Expected a mapping, got {_type_name(data)}")
        self.data: dict[str, Any] = data
        self.allowed = allowed

    def fail(self, message: str, key: str | int | None = None) -> None:
        path = self.path if key is None else (*self.path, key)
        name = dotted(path) or "(top level)"
        raise ConfigError(f"{self.doc.where(path)}: {name}: {message}")

    def check_keys(self, known: set[str], hints: dict[str, str] | None = None) -> None:
        for key in self.data:
            if hints and key in hints:
                self.fail(hints[key], key)
            if key not in known:
                close = ", ".join(sorted(known))
                self.fail(f"unknown key. Known keys here: {close}", key)

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        value = self.data.get(key)
        if value is None:
            if default is _MISSING:
                path = (*self.path, key)
                raise ConfigError(f"{self.doc.where(path)}: {dotted(path)}: is required but missing")
            return default
        return value

    def _typed(self, key: str, kinds: tuple[type, ...], expected: str, default: Any) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, bool) and bool not in kinds:
            self.fail(f"has incorrect type. Expected {expected}, got bool", key)
        if not isinstance(value, kinds):
            self.fail(f"has incorrect type. Expected {expected}, got {_type_name(value)}", key)
        return value

    def text(self, key: str, default: Any = _MISSING) -> Any:
        value = self._typed(key, (str,), "str", default)
        if value is default:
            return value
        if isinstance(value, str) and not value.strip():
            self.fail("must not be empty", key)
        return value.strip() if isinstance(value, str) else value

    def whole(self, key: str, default: Any = _MISSING, minimum: int | None = None) -> Any:
        value = self._typed(key, (int,), "int", default)
        if isinstance(value, int) and minimum is not None and value < minimum:
            self.fail(f"{value} is less than {minimum}", key)
        return value

    def number(self, key: str, default: Any = _MISSING) -> Any:
        value = self._typed(key, (int, float), "a number", default)
        return float(value) if isinstance(value, int | float) else value

    def flag(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, (bool,), "true or false", default)

    def choice(self, key: str, choices: tuple[str, ...], default: Any = _MISSING) -> Any:
        value = self.raw(key, default)
        if value is not default and value not in choices:
            self.fail(f'"{value}" is not one of {", ".join(choices)}', key)
        return value

    def date(self, key: str, default: Any = _MISSING) -> Any:
        value = self.raw(key, default)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if value is default and default is not _MISSING:
            return value
        real = _ISO_DAY.match(str(value).strip())
        if real:
            year, month = int(real[1]), int(real[2])
            if 1 <= month <= 12:
                days = calendar.monthrange(year, month)[1]
                self.fail(f'"{value}" is not a real day: {month:02d}/{year} has {days} days', key)
            self.fail(f'"{value}" is not a real day: there is no month {month}. Hint: YYYY-MM-DD', key)
        self.fail(f'"{value}" is not a date. Hint: write it as YYYY-MM-DD, e.g. 2024-11-14', key)

    def clock(self, key: str, default: Any = _MISSING) -> Any:
        value = self.raw(key, default)
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML 1.1 reads an unquoted 07:30 as the sexagesimal number 450
            value = f"{value // 60:02d}:{value % 60:02d}"
        if not isinstance(value, str) or not _CLOCK.match(value):
            self.fail(f'"{value}" is not a time of day. Hint: write it quoted as "HH:MM", e.g. "07:30"', key)
        return value

    def str_list(self, key: str, default: Any = _MISSING) -> tuple[str, ...]:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return tuple(value) if isinstance(value, list | tuple) else value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(f"has incorrect type. Expected a list, got {_type_name(value)}", key)
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                Section(self.doc, (*self.path, key), {}).fail(
                    f"has incorrect type. Expected a non-empty str, got {_type_name(item)}", i
                )
        return tuple(item.strip() for item in value)

    def int_list(self, key: str, default: Any = _MISSING) -> tuple[int, ...]:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return tuple(value)
        if not isinstance(value, list):
            self.fail(f"has incorrect type. Expected a list of whole numbers, got {_type_name(value)}", key)
        for i, item in enumerate(value):
            if not isinstance(item, int) or isinstance(item, bool) or item < 0:
                Section(self.doc, (*self.path, key), {}).fail(f'"{item}" is not a whole number >= 0', i)
        return tuple(value)

    def email(self, key: str, default: Any = _MISSING) -> Any:
        value = self.text(key, default)
        if isinstance(value, str) and not _EMAIL.match(value):
            self.fail(f'"{value}" is not an email address', key)
        return value.lower() if isinstance(value, str) else value

    def email_list(self, key: str, default: Any = _MISSING) -> tuple[str, ...]:
        values = self.str_list(key, default)
        for i, value in enumerate(values):
            if not _EMAIL.match(value):
                Section(self.doc, (*self.path, key), {}).fail(f'"{value}" is not an email address', i)
        return tuple(v.lower() for v in values)

    def section(self, key: str, default: Any = _MISSING) -> Section | None:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return None
        return Section(self.doc, (*self.path, key), value)

    def items(self, key: str) -> Iterator[tuple[int, Section]]:
        value = self.raw(key)
        if not isinstance(value, list):
            self.fail(f"has incorrect type. Expected a list, got {_type_name(value)}", key)
        for i, item in enumerate(value):
            yield i, Section(self.doc, (*self.path, key, i), item)
