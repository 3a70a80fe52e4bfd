"""The config: the shipped one loads, and every mistake is one line naming the key and file:line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from daemon.cli.main import main
from daemon.config.load import load_config
from daemon.config.settings import DirOutgoing, ImapSource
from daemon.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
BASE = """\
office: {name: Phòng GDĐT, email: office@x.vn, staff: [staff@x.vn]}
mailbox: {maildir: mail}
outgoing: {outbox_dir: out}
state_dir: state
cycles:
  - {id: qcn-2024, title: Báo cáo, opens: 2024-10-01, due: 2024-11-14}
schools:
  - {id: th-a, name: Trường A, level: TH, emails: [a@x.vn]}
"""


def write(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def test_the_shipped_config_is_the_offices_real_one() -> None:
    config = load_config(ROOT / "config.yaml")
    assert config.office.email == "hoanganhgiang.dienbien@gmail.com"
    assert isinstance(config.mailbox, ImapSource) and config.mailbox.host == "imap.gmail.com"
    assert config.cycle("qcn-2024").due.isoformat() == "2024-11-14"
    assert len(config.schools) >= 40 and {s.level for s in config.schools} == {"MN", "TH", "TH-THCS", "THCS"}
    assert {t.target for t in config.targets} == {100.0, 70.0, 90.0}
    from daemon.cycles.adhoc import plan_cycles

    assert [(c.id, c.due.isoformat()) for c in plan_cycles(config)] == [
        (f"qcn-{y}", f"{y}-11-14") for y in range(2025, 2029)]


def test_the_demo_config_is_the_embedded_default() -> None:
    config = load_config(ROOT / "daemon" / "cli" / "demo" / "config.yaml")
    assert isinstance(config.outgoing, DirOutgoing)


def test_a_bad_level_names_the_key_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "  - {id: th-b, name: B, level: THPT, emails: [b@x.vn]}\n")
    assert error_of(path) == f'{path}:9: schools[1].level: "THPT" is not one of MN, TH, TH-THCS, THCS'


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "remiders: {before_days: [3]}\n")
    assert error_of(path).startswith(f"{path}:9: remiders: unknown key")


def test_a_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "reminders: {before_days: 3}\n")
    assert "reminders.before_days: has incorrect type. Expected a list of whole numbers, got int" in error_of(path)


def test_a_bad_date_has_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("due: 2024-11-14", "due: 14/11/2024"))
    assert "cycles[0].due" in error_of(path) and "YYYY-MM-DD" in error_of(path)


def test_a_password_in_the_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    text = BASE.replace("mailbox: {maildir: mail}", "mailbox:\n  imap: {host: imap.gmail.com, username: a, password: hunter2}")
    message = error_of(write(tmp_path, text))
    assert "mailbox.imap.password" in message and "password_env" in message and "hunter2" not in message


def test_plain_imap_is_only_for_loopback(tmp_path: Path) -> None:
    text = BASE.replace("mailbox: {maildir: mail}",
                        "mailbox:\n  imap: {host: imap.gmail.com, security: none, username: a, password_env: P}")
    assert "only allowed for 127.0.0.1" in error_of(write(tmp_path, text))


def test_a_password_file_others_can_read_is_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "pw"
    secret.write_text("s3cret")
    secret.chmod(0o644)
    text = BASE.replace("mailbox: {maildir: mail}",
                        f"mailbox:\n  imap: {{host: imap.gmail.com, username: a, password_file: {secret}}}")
    with caplog.at_level(logging.WARNING):
        config = load_config(write(tmp_path, text))
    assert "chmod o-rwx" in caplog.text and "s3cret" not in caplog.text
    assert config.mailbox.secret.read() == "s3cret"  # type: ignore[union-attr]
    assert "s3cret" not in repr(config)


def test_roster_from_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    write(tmp_path, "\ufeffid;name;level;emails\nth-a;Trường A;TH;a@x.vn, a2@x.vn\nmn-b;Trường B;mn;b@x.vn\n",
          "roster.csv")
    head = BASE.split("schools:")[0]
    config = load_config(write(tmp_path, head + "roster: roster.csv\n"))
    assert [(s.id, s.level, s.emails) for s in config.schools] == [
        ("th-a", "TH", ("a@x.vn", "a2@x.vn")), ("mn-b", "MN", ("b@x.vn",))]


def test_roster_errors_name_the_csv_line(tmp_path: Path) -> None:
    write(tmp_path, "id,name,level,emails\nth-a,Trường A,TH,a@x.vn\nth-b,Trường B,THPT,b@x.vn\n", "roster.csv")
    head = BASE.split("schools:")[0]
    assert error_of(write(tmp_path, head + "roster: roster.csv\n")).startswith(f"{tmp_path / 'roster.csv'}:3: level")


def test_roster_from_excel(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Name", "Level", "Emails"])
    sheet.append(["thcs-c", "Trường THCS C", "THCS", "c@x.vn"])
    book.save(tmp_path / "roster.xlsx")
    head = BASE.split("schools:")[0]
    config = load_config(write(tmp_path, head + "roster: roster.xlsx\n"))
    assert config.schools[0].name == "Trường THCS C"


def test_the_same_address_for_two_schools_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "  - {id: th-b, name: B, level: TH, emails: [A@x.vn]}\n")
    assert "a@x.vn is listed for both th-a and th-b" in error_of(path)


def test_cli_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, BASE + "  - {id: th-b, name: B, level: THPT, emails: [b@x.vn]}\n")
    assert main(["-c", str(path), "status"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "schools[1].level" in err


def test_a_missing_config_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-c", str(tmp_path / "nope.yaml"), "poll"]) == 2
    assert "cannot read the config file" in capsys.readouterr().err


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "reminders: {before_days: [7, 3\n")
    assert error_of(path).startswith(f"{path}:") and "not valid YAML" in error_of(path)


def test_an_impossible_day_is_one_line_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, BASE.replace("due: 2024-11-14", "due: 2024-11-31"))
    assert error_of(path) == f'{path}:6: cycles[0].due: "2024-11-31" is not a real day: 11/2024 has 30 days'
    assert main(["-c", str(path), "status"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "state_dir: other\n")
    assert error_of(path) == f"{path}:9: state_dir: appears twice (first on line 4); keep one"


def test_a_duplicate_key_inside_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("due: 2024-11-14", "due: 2024-11-14, due: 2024-11-15"))
    assert error_of(path).startswith(f"{path}:6: cycles[0].due: appears twice")


def test_closes_before_opens_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("due: 2024-11-14", "due: 2024-11-14, closes: 2024-09-30"))
    assert error_of(path) == (f"{path}:6: cycles[0].closes: 2024-09-30 is before opens (2024-10-01): "
                              "no mail could ever count for this cycle")


def test_closes_before_due_is_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("due: 2024-11-14", "due: 2024-11-14, closes: 2024-11-01"))
    assert load_config(path).cycle("qcn-2024").last_day.isoformat() == "2024-11-01"


def test_a_missing_roster_file_names_the_roster_key_and_its_line(tmp_path: Path) -> None:
    head = BASE.split("schools:")[0]
    path = write(tmp_path, head + "roster: truong.csv\n")
    assert error_of(path).startswith(f"{path}:7: roster: the roster file {tmp_path / 'truong.csv'} does not exist")


def test_a_roster_with_a_wrong_suffix_names_the_roster_key(tmp_path: Path) -> None:
    write(tmp_path, "id,name\n", "truong.txt")
    head = BASE.split("schools:")[0]
    path = write(tmp_path, head + "roster: truong.txt\n")
    assert error_of(path).startswith(f"{path}:7: roster: a roster must be .yaml, .yml, .csv, .xlsx, not .txt")


def test_a_roster_header_without_emails_is_the_headers_fault(tmp_path: Path) -> None:
    write(tmp_path, "id,name,level\nth-a,Trường A,TH\n", "roster.csv")
    head = BASE.split("schools:")[0]
    message = error_of(write(tmp_path, head + "roster: roster.csv\n"))
    assert message.startswith(f"{tmp_path / 'roster.csv'}:1: header: the required column 'emails' is missing "
                              "(the header row has id, name, level)")


def test_an_excel_roster_header_without_level_is_the_headers_fault(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "name", "emails"])
    book.active.append(["th-a", "Trường A", "a@x.vn"])
    book.save(tmp_path / "roster.xlsx")
    head = BASE.split("schools:")[0]
    message = error_of(write(tmp_path, head + "roster: roster.xlsx\n"))
    assert message.startswith(f"{tmp_path / 'roster.xlsx'}:1: header: the required column 'level' is missing")


def test_a_misspelt_roster_column_is_the_headers_fault(tmp_path: Path) -> None:
    write(tmp_path, "id,name,level,email\nth-a,Trường A,TH,a@x.vn\n", "roster.csv")
    head = BASE.split("schools:")[0]
    assert error_of(write(tmp_path, head + "roster: roster.csv\n")).startswith(
        f"{tmp_path / 'roster.csv'}:1: header: unknown column 'email'")


@pytest.mark.parametrize("mailbox", ["{maildir: mail}", "{imap: {host: imap.x.vn, username: a, password_env: P}}"])
def test_authserv_id_defaults_to_gmails(tmp_path: Path, mailbox: str) -> None:
    config = load_config(write(tmp_path, BASE.replace("{maildir: mail}", mailbox)))
    assert config.mailbox.authserv_id == "mx.google.com"


def test_authserv_id_is_the_offices_provider(tmp_path: Path) -> None:
    text = BASE.replace("mailbox: {maildir: mail}", "mailbox: {maildir: mail, authserv_id: mx.vnpt.vn}")
    assert load_config(write(tmp_path, text)).mailbox.authserv_id == "mx.vnpt.vn"


@pytest.mark.parametrize("value, message", [
    ("''", "mailbox.authserv_id: must not be empty"),
    ("[mx.google.com]", "mailbox.authserv_id: has incorrect type. Expected str, got list"),
    ('"mx.google.com; dmarc=pass"', 'mailbox.authserv_id: "mx.google.com; dmarc=pass" is not a host name'),
])
def test_a_bad_authserv_id_is_refused(tmp_path: Path, value: str, message: str) -> None:
    text = BASE.replace("mailbox: {maildir: mail}", f"mailbox: {{maildir: mail, authserv_id: {value}}}")
    assert message in error_of(write(tmp_path, text))


def test_a_password_file_the_service_group_reads_is_not_warned_about(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "pw"
    secret.write_text("s3cret")
    secret.chmod(0o640)  # root:baocao 0640, as scripts/install.sh leaves it
    text = BASE.replace("mailbox: {maildir: mail}",
                        f"mailbox:\n  imap: {{host: imap.gmail.com, username: a, password_file: {secret}}}")
    with caplog.at_level(logging.WARNING):
        load_config(write(tmp_path, text))
    assert "password_file" not in caplog.text


def test_credentials_directory_unset_by_hand_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    text = BASE.replace("mailbox: {maildir: mail}", "mailbox:\n  imap: {host: imap.gmail.com, username: a, "
                        "password_file: '${CREDENTIALS_DIRECTORY}/imap-password'}")
    secret = load_config(write(tmp_path, text)).mailbox.secret  # type: ignore[union-attr]
    with pytest.raises(ConfigError) as info:
        secret.read()
    assert str(info.value).startswith("password_file ${CREDENTIALS_DIRECTORY}/imap-password names "
                                      "${CREDENTIALS_DIRECTORY}, which is not set here (systemd sets it only")


def test_an_empty_password_file_says_what_to_write(tmp_path: Path) -> None:
    secret_file = tmp_path / "imap-password"
    secret_file.write_text("\n")
    text = BASE.replace("mailbox: {maildir: mail}",
                        f"mailbox:\n  imap: {{host: imap.gmail.com, username: a, password_file: {secret_file}}}")
    with pytest.raises(ConfigError, match="is empty. Hint: write the app password into it"):
        load_config(write(tmp_path, text)).mailbox.secret.read()  # type: ignore[union-attr]


def test_a_replaced_password_is_read_at_the_next_login(tmp_path: Path) -> None:
    secret_file = tmp_path / "imap-password"
    secret_file.write_text("old")
    text = BASE.replace("mailbox: {maildir: mail}",
                        f"mailbox:\n  imap: {{host: imap.gmail.com, username: a, password_file: {secret_file}}}")
    secret = load_config(write(tmp_path, text)).mailbox.secret  # type: ignore[union-attr]
    assert secret.read() == "old"
    secret_file.write_text("new\n")
    assert secret.read() == "new"
