"""Imports go one way: daemon -> parsers, state. parsers and state import neither daemon nor each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"parsers": {"daemon", "state"}, "state": {"daemon", "parsers"}}
ONLY_IN = {"imap_tools": {"daemon/mail/mailbox.py"}, "smtplib": {"daemon/mail/smtp.py"}, "sqlite3": {"state"}}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_never_import_upwards(package: str) -> None:
    wrong = {f"{p.relative_to(ROOT)}: {m}" for p in (ROOT / package).rglob("*.py") for m in imported(p)
             if m in FORBIDDEN[package]}
    assert not wrong


@pytest.mark.parametrize("module", sorted(ONLY_IN))
def test_libraries_are_imported_at_one_edge(module: str) -> None:
    users = {str(p.relative_to(ROOT)) for pkg in ("daemon", "parsers", "state") for p in (ROOT / pkg).rglob("*.py")
             if module in imported(p)}
    allowed = ONLY_IN[module]
    assert all(u in allowed or u.split("/")[0] in allowed for u in users), users
