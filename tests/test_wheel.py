"""The wheel as a server gets it: built, installed into a fresh venv (not editable), run from outside the tree."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SHIPPED = ("daemon", "parsers", "state", "templates")
DEMO_NOW = "2024-11-20T08:00"


def test_every_file_of_the_shipped_trees_is_in_the_wheel(baocao_wheel: Path) -> None:
    names = set(zipfile.ZipFile(baocao_wheel).namelist())
    tree = {p.relative_to(ROOT).as_posix() for top in SHIPPED for p in (ROOT / top).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert sorted(tree - names) == []


@pytest.fixture(scope="module")
def installed(baocao_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv with the wheel alone; its dependencies come from this venv's site-packages through a .pth,
    which Python reads only for site directories, so this venv's editable install of the tree stays out."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                           "--quiet", "--no-deps", "--no-index", str(baocao_wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (fresh_site,) = (venv / "lib").glob("python3*/site-packages")
    (fresh_site / "baocao-test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    yield venv


def baocao(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / "baocao"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_installed_code_is_the_wheels(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(installed / "bin" / "python"), "-c",
                           "import daemon.summary, templates; print(daemon.summary.__file__, templates.__file__)"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert all(path.startswith(str(installed)) for path in done.stdout.split()), done.stdout


def test_demo_then_summary_from_the_install(installed: Path, tmp_path: Path) -> None:
    done = baocao(installed, tmp_path, "demo", "--dir", "demo")
    assert done.returncode == 0, done.stderr
    assert "Trường Tiểu học Him Lam" in done.stdout and "summary-office.eml" in done.stdout
    assert len(list((tmp_path / "demo" / "outbox").glob("*-receipt-*.eml"))) >= 4
    config = str(tmp_path / "demo" / "config.yaml")
    done = baocao(installed, tmp_path, "-c", config, "--now", DEMO_NOW, "summary", "--out", "tong-hop")
    assert done.returncode == 0, done.stderr
    written = {Path(line).suffix for line in done.stdout.split()}
    assert {".docx", ".xlsx", ".json", ".png"} <= written
    (data,) = (tmp_path / "tong-hop").glob("*.json")
    assert "th-him-lam" in data.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["th-him-lam-template.docx", "th-tan-thanh-scan.pdf", "th-so-1-na-nhan-word97.doc"])
def test_parse_from_the_install(installed: Path, tmp_path: Path, name: str) -> None:
    for file in ("config.yaml", "roster.csv"):
        shutil.copy(ROOT / file, tmp_path / file)
    shutil.copy(CORPUS / name, tmp_path / name)
    done = baocao(installed, tmp_path, "parse", name, "--json")
    assert done.returncode == 0, done.stderr
    (got,) = json.loads(done.stdout)
    (want,) = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    fields = ("text_source", "school", "period", "cycle", "metrics", "problem_codes")
    assert {f: got[f] for f in fields} == {f: want[f] for f in fields}
