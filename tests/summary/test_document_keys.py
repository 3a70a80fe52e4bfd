import dataclasses
from zoneinfo import ZoneInfo

import docx
import pytest

from daemon.config.settings import Office
from daemon.summary import missing_document_keys, write_summary
from daemon.summary.document_keys import BLANK_LINE, BLANK_SHORT
from daemon.summary.sample import OFFICE
from tests.summary.conftest import make_data

LACKING = dataclasses.replace(
    OFFICE, report_to=(), place="", parent_body=None, signer_title="", signer_name=None
)


def test_a_complete_office_needs_no_warning():
    assert missing_document_keys(OFFICE) == []


@pytest.mark.parametrize("key", ["report_to", "place", "parent_body", "signer_title", "signer_name"])
def test_each_missing_key_is_one_line_naming_it(key):
    empty = {"report_to": (), "place": "  ", "parent_body": None, "signer_title": "", "signer_name": ""}[key]
    (line,) = missing_document_keys(dataclasses.replace(OFFICE, **{key: empty}))
    assert line.startswith(f"office.{key} is not set: the summary prints the blank '....")
    assert "Hint:" in line


def test_the_config_office_with_its_defaults_is_read_too():
    """`check` passes config.office: only the keys that default to nothing are missing."""
    office = Office(
        name="Phòng GDĐT", email="a@b.vn", timezone=ZoneInfo("Asia/Ho_Chi_Minh"), staff=("a@b.vn",)
    )
    assert [line.split(" ")[0] for line in missing_document_keys(office)] == [
        "office.report_to", "office.place", "office.parent_body", "office.signer_name",
    ]  # fmt: skip


def cells_text(document):
    return ["\n".join(c.text for c in row.cells) for t in document.tables for row in t.rows]


def test_the_docx_prints_official_blanks_never_a_broken_line(tmp_path):
    files = write_summary(make_data(office=LACKING), tmp_path)
    document = docx.Document(str(files.docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Kính gửi: {BLANK_LINE}." in text and "Kính gửi: .\n" not in text
    header = document.tables[0]
    assert header.rows[0].cells[0].paragraphs[0].text == BLANK_LINE
    assert header.rows[1].cells[1].text.startswith(f"{BLANK_SHORT}, ngày")
    nơi_nhận, signer = (
        next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận")).rows[0].cells
    )
    assert nơi_nhận.text.split("\n") == ["Nơi nhận:", f"- {BLANK_LINE};", "- Lưu: VT."]
    assert [p.text for p in signer.paragraphs if p.text] == [BLANK_LINE, BLANK_LINE]
