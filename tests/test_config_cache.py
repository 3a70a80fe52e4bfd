"""An idle `baocao poll` takes its validated config from the cache, and never a stale one."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from daemon.config import cache as configcache
from daemon.config.cache import load_config_cached
from daemon.config.load import load_config
from daemon.errors import ConfigError
from tests.mails import SCHOOLS, write_config

ROSTER = "id,name,level,emails\nth-him-lam,Trường Tiểu học Him Lam,TH,thhimlam@school.test\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                        outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)


def built(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The configs read from YAML from now on (a miss), not taken from the cache."""
    calls: list[Path] = []
    real = configcache._build

    def counting(path: Path) -> object:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(configcache, "_build", counting)
    return calls


def test_the_second_load_is_a_hit_and_equals_a_fresh_read(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = built(monkeypatch)
    first = load_config_cached(config)
    second = load_config_cached(config)
    assert len(calls) == 1
    assert second == first == load_config(config)


def test_an_edited_config_is_read_again(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_config_cached(config)
    calls = built(monkeypatch)
    config.write_text(config.read_text().replace("due: '2024-11-14'", "due: '2024-11-20'"))
    assert load_config_cached(config).cycles[0].due.day == 20
    assert len(calls) == 1


def test_an_edited_roster_file_is_read_again_even_with_the_config_unchanged(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    config = write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=[])
    config.write_text(config.read_text().replace("schools: []", "roster: roster.csv"), encoding="utf-8")
    assert [s.id for s in load_config_cached(config).schools] == ["th-him-lam"]
    roster.write_text(ROSTER + "mn-hoa-ban,Trường Mầm non Hoa Ban,MN,mnhoaban@school.test\n", encoding="utf-8")
    assert [s.id for s in load_config_cached(config).schools] == ["th-him-lam", "mn-hoa-ban"]


def test_a_variable_the_config_names_is_read_at_each_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAOCAO_TEST_STATE", str(tmp_path / "one"))
    config = write_config(tmp_path, mailbox={"maildir": str(tmp_path / "mail")},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)
    config.write_text(config.read_text().replace(str(tmp_path / "state"), "${BAOCAO_TEST_STATE}"))
    assert load_config_cached(config).state_dir == tmp_path / "one"
    monkeypatch.setenv("BAOCAO_TEST_STATE", str(tmp_path / "two"))
    assert load_config_cached(config).state_dir == tmp_path / "two"


def test_a_loose_password_file_is_warned_about_at_every_load(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "imap-password"
    secret.write_text("s3cret")
    secret.chmod(0o644)
    config = write_config(tmp_path, mailbox={"imap": {"host": "imap.gmail.com", "username": "a",
                                                      "password_file": str(secret)}},
                          outgoing={"outbox_dir": str(tmp_path / "out")}, schools=SCHOOLS)
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            caplog.clear()
            load_config_cached(config)
            assert "chmod o-rwx" in caplog.text
    secret.chmod(0o640)  # fixed: a new mode is a miss, and the warning stops
    caplog.clear()
    load_config_cached(config)
    assert "chmod o-rwx" not in caplog.text


def test_a_config_error_is_never_cached(config: Path) -> None:
    good = config.read_text()
    config.write_text(good.replace("due: '2024-11-14'", "due: '2024-11-31'"))
    for _ in range(2):
        with pytest.raises(ConfigError, match="2024-11-31"):
            load_config_cached(config)
    config.write_text(good)
    assert load_config_cached(config).cycles[0].due.day == 14


def cache_file(config: Path) -> Path:
    where = configcache._cache_file(config)
    assert where is not None and where.is_relative_to(os.environ["XDG_CACHE_HOME"])
    return where


def test_a_damaged_cache_is_a_miss_and_is_written_again(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_config_cached(config)
    cache_file(config).write_bytes(b"\x80\x05not a pickle")
    calls = built(monkeypatch)
    assert load_config_cached(config) == load_config(config)
    assert load_config_cached(config) == load_config(config)
    assert len(calls) == 1


def test_a_cache_others_can_write_is_not_trusted(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_config_cached(config)
    cache_file(config).chmod(0o666)
    calls = built(monkeypatch)
    load_config_cached(config)
    assert len(calls) == 1


def test_an_unwritable_cache_folder_only_costs_the_speed(config: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_config_cached(config) == load_config(config)
