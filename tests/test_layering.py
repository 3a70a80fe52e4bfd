"""Imports go one way: down daemon's floors, from the command line to mail and config, and from daemon to parsers
and state, which import neither daemon nor each other. No import circle anywhere. See docs/ARCHITECTURE.md."""

from __future__ import annotations

import ast
from collections.abc import Callable
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"parsers": {"daemon", "state"}, "state": {"daemon", "parsers"}}
ONLY_IN = {"imap_tools": {"daemon/mail/mailbox.py"}, "smtplib": {"daemon/mail/smtp.py"}, "sqlite3": {"state"}}
# daemon's floors, top first: a module imports from its own floor and those below it, never from one above
FLOORS = (
    ("daemon.cli", "daemon.__main__"),
    ("daemon.runner", "daemon.loop", "daemon.notify", "daemon.digest", "daemon.workflow", "daemon.process"),
    ("daemon.cycles", "daemon.decision", "daemon.summary"),
    ("daemon.mail", "daemon.config", "daemon.context", "daemon.archive", "daemon.pulse", "daemon.errors"),
)
FLOOR = {unit: level for level, units in enumerate(FLOORS) for unit in units}


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_of(p): p for top in ("daemon", "parsers", "state") for p in (ROOT / top).rglob("*.py")}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def imported_modules(path: Path, *, at_run_time: bool = False) -> set[str]:
    """The project's modules `path` imports, at its top or inside a function (`from daemon.cli import commands`
    counts as daemon.cli.commands); at_run_time leaves out those under `if TYPE_CHECKING:`, which never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = {id(n) for block in ast.walk(tree) if at_run_time and isinstance(block, ast.If)
              and ast.unparse(block.test) == "TYPE_CHECKING" for n in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and id(node) not in hidden:
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and id(node) not in hidden:
            names = [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module_of(path):
                found.add(name)
    return found


def unit_of(module: str) -> str:
    """daemon's subpackage (daemon.mail) or top-level module (daemon.context) that `module` belongs to."""
    return ".".join(module.split(".")[:2])


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


def test_every_part_of_daemon_has_a_floor() -> None:
    units = {unit_of(m) for m in MODULES if m.startswith("daemon.")}
    assert units - {"daemon"} == set(FLOOR)


def test_daemon_imports_only_down_its_floors() -> None:
    wrong = {f"{m} -> {t}" for m, path in MODULES.items() if m.startswith("daemon.")
             for t in imported_modules(path) if t.startswith("daemon.")
             if FLOOR[unit_of(t)] < FLOOR[unit_of(m)]}
    assert sorted(wrong) == []


@pytest.mark.parametrize("unit", [unit_of, lambda module: module], ids=["between-packages", "between-modules"])
def test_no_import_circle(unit: Callable[[str], str]) -> None:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        here = unit(module)
        targets = {unit(t) for t in imported_modules(path, at_run_time=True)}
        graph.setdefault(here, set()).update(targets - {here})
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as e:
        pytest.fail(f"import circle: {' -> '.join(e.args[1])}")
