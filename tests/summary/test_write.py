import ast
from pathlib import Path

import pytest
from PIL import Image

from daemon.summary import write_summary
from tests.summary.conftest import CASES, make_data

PACKAGE = Path(__file__).resolve().parents[2] / "daemon" / "summary"
FORBIDDEN = (
    "imap_tools",
    "imaplib",
    "smtplib",
    "sqlite3",
    "sqlite_utils",
    "state",
    "daemon.mail.mailbox",
    "daemon.mail.outbox",
)


def test_files_carry_the_cycle_id_and_no_temp_files_remain(written):
    assert [p.name for p in written.all()] == [
        f"tong-hop-qcn-2024.{ext}" for ext in ("docx", "xlsx", "json", "png")
    ]
    assert all(p.stat().st_size > 1000 for p in written.all())
    assert not list(written.docx.parent.glob("*.tmp"))


def test_rewriting_replaces_the_files(tmp_path):
    first = write_summary(make_data(), tmp_path)
    second = write_summary(make_data(), tmp_path)
    assert first == second and sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in first.all()
    )


@pytest.mark.parametrize("case", CASES, ids=str)
def test_chart_is_a_readable_png(case, tmp_path):
    files = write_summary(CASES[case](), tmp_path)
    with Image.open(files.png) as image:
        assert image.format == "PNG" and image.width >= 1200
        assert len(image.convert("L").getcolors(maxcolors=65536) or []) > 20  # more than a blank canvas


def test_cycle_id_is_made_safe_for_file_names(tmp_path):
    files = write_summary(make_data(cycle_id="đột xuất/2025"), tmp_path)
    assert files.docx.parent == tmp_path and files.docx.name == "tong-hop-dot-xuat-2025.docx"


def test_summary_imports_no_mail_or_database_code():
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{module.name} imports {name}"


def test_chart_has_no_empty_panel_without_targets(tmp_path):
    """One panel (narrow) when the plan sets no targets, two side by side when it does."""
    with_targets = write_summary(make_data(), tmp_path / "a").png
    without = write_summary(make_data(targets=()), tmp_path / "b").png
    with Image.open(with_targets) as two, Image.open(without) as one:
        assert one.height == two.height and one.width < 0.7 * two.width
