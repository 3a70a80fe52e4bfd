from __future__ import annotations

import subprocess
import unicodedata

import pytest

from parsers.formats.legacy import (
    TCVN3,
    decode,
    decode_tcvn3,
    decode_vni,
    font_encoding,
    guess_encoding,
    repair,
)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("TiÕng ViÖt cã 29 ch÷ c¸i", "Tiếng Việt có 29 chữ cái"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("Tr\u00adêng TiÓu häc", "Trường Tiểu học"),
    ],
)
def test_tcvn3_domain_strings(raw: str, text: str) -> None:
    assert decode_tcvn3(raw) == text


def test_tcvn3_upper_case_font_decodes_lower_then_upper() -> None:
    assert decode("b¸o c¸o kÕt qu¶", font_encoding(".VnTimeH")) == "BÁO CÁO KẾT QUẢ"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Tröôøng Tieåu hoïc", "Trường Tiểu học"),
        ("BAÙO CAÙO KEÁT QUAÛ THÖÏC HIEÄN", "BÁO CÁO KẾT QUẢ THỰC HIỆN"),
        ("Ñieän Bieân Phuû", "Điện Biên Phủ"),
    ],
)
def test_vni_domain_strings(raw: str, text: str) -> None:
    assert decode_vni(raw) == text


def test_tcvn3_table_agrees_with_iconv() -> None:
    keys = sorted(TCVN3)
    raw = b"\n".join(k.encode("latin-1") for k in keys)
    iconv = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True
    )
    theirs = [unicodedata.normalize("NFC", t) for t in iconv.stdout.decode("utf-8").split("\n")]
    assert dict(zip(keys, theirs, strict=True)) == TCVN3


@pytest.mark.parametrize(
    ("font", "encoding"),
    [(".VnTime", "tcvn3"), (".VnTimeH", "tcvn3-upper"), (".VnArialH", "tcvn3-upper"), ("VNI-Times", "vni"),
     ("Times New Roman", None), (None, None)],
)  # fmt: skip
def test_font_names(font: str | None, encoding: str | None) -> None:
    assert font_encoding(font) == encoding


@pytest.mark.parametrize(
    "text",
    ["Trường Tiểu học Him Lam", "chuyên môn.", "Hello café", "Số buổi: 05", "Phòng GDĐT Điện Biên Phủ"],
)
def test_unicode_text_is_never_decoded(text: str) -> None:
    assert guess_encoding(text) is None
    assert repair(text) == text


def test_legacy_text_without_font_is_recognised() -> None:
    assert repair("TiÕng ViÖt cã 29 ch÷ c¸i") == "Tiếng Việt có 29 chữ cái"
    assert repair("Tröôøng Tieåu hoïc ôû Ñieän Bieân") == "Trường Tiểu học ở Điện Biên"


def test_tcvn3_font_on_the_normal_style_not_on_runs() -> None:
    import io

    from docx import Document

    from parsers.formats.word import read_docx
    from parsers.model import Limits

    doc = Document()
    # rFonts on the default paragraph style, none on the runs; the capitals font cannot be guessed from the text
    doc.styles["Normal"].font.name = ".VnTimeH"
    doc.add_paragraph("b¸o c¸o")
    doc.add_paragraph("tr\u00adêng tiÓu häc him lam")
    out = io.BytesIO()
    doc.save(out)
    assert read_docx(out.getvalue(), "x.docx", Limits()).lines() == ["BÁO CÁO", "TRƯỜNG TIỂU HỌC HIM LAM"]
