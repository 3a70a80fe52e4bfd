from __future__ import annotations

import io

import pytest
from PIL import Image

from parsers import is_report_file
from tests.parsers.conftest import CORPUS


def image(size: tuple[int, int], fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, 255).save(buf, fmt)
    return buf.getvalue()


def test_a_signature_logo_is_not_a_report() -> None:
    assert not is_report_file("image001.png", image((180, 60)))


def test_a_photographed_page_is_a_report() -> None:
    assert is_report_file("IMG_2024.jpg", image((1240, 1754), "JPEG"))


@pytest.mark.parametrize(
    "name", ["th-him-lam-template.docx", "th-thanh-binh-libreoffice.pdf", "th-so-1-na-nhan-word97.doc",
             "thcs-muong-phang.odt", "bao-cao-noong-bua.zip", "th-thanh-minh-figures.xlsx"],
)  # fmt: skip
def test_office_documents_are_reports_whatever_their_name(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    assert is_report_file(name, data)
    assert is_report_file("attachment.bin", data)


def test_plain_text_and_calendar_invites_are_not_reports() -> None:
    assert not is_report_file("ghi-chu.txt", b"Kinh gui Phong")
    assert not is_report_file("invite.ics", b"BEGIN:VCALENDAR")


def test_a_broken_file_named_like_a_report_is_still_tried() -> None:
    assert is_report_file("bao-cao.docx", b"not really a docx")
