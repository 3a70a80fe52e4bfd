from __future__ import annotations

from parsers.blocks import Paragraph
from parsers.reading.sections import read_sections


def paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(t) for t in texts]


def test_sections_found_by_keywords_not_numerals() -> None:
    blocks = paras(
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "2. Khó khăn",
        "Trường có 3 điểm trường lẻ.",
        "IL. KẾT QUẢ THỰC HIỆN",  # OCR's "II."
        "Tổ chức 05 buổi tuyên truyền.",
        "II. KHÓ KHĂN, VƯỚNG MẮC",  # OCR's "III."
        "a) Kinh phí còn hạn hẹp.",
        "b) Thiếu tài liệu bằng tiếng dân tộc.",
        "IV - ĐỀ XUẤT, KIẾN NGHỊ",
        "Đề nghị cấp tài liệu tuyên truyền.",
        "Trên đây là báo cáo của Trường Tiểu học Him Lam./.",
        "Nơi nhận:",
    )
    assert read_sections(blocks) == {
        "difficulties": "a) Kinh phí còn hạn hẹp.\nb) Thiếu tài liệu bằng tiếng dân tộc.",
        "proposals": "Đề nghị cấp tài liệu tuyên truyền.",
    }


def test_heading_with_text_on_the_same_line() -> None:
    blocks = paras("3. Khó khăn, vướng mắc: Kinh phí còn hạn hẹp.", "4. Đề xuất: Không.")
    assert read_sections(blocks) == {"difficulties": "Kinh phí còn hạn hẹp.", "proposals": "Không."}


def test_absent_sections_are_none() -> None:
    assert read_sections(paras("BÁO CÁO", "Nhà trường tổ chức 05 buổi.")) == {
        "difficulties": None,
        "proposals": None,
    }
