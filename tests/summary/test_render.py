"""The báo cáo as the head of office sees it: rendered by LibreOffice to PDF, read back as laid-out text."""

import dataclasses
import re
import shutil
import subprocess

import pytest
from PIL import Image

from daemon.summary import write_summary
from daemon.summary.sample import sample_data

pytestmark = pytest.mark.slow

SCHOOLS = 40  # the size of a city's office (DOMAIN §4.2): 30-45 schools


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # never a skip: CI installs LibreOffice and poppler-utils
        pytest.fail(f"{tool} is not installed; install libreoffice and poppler-utils")
    return path


def render(data, where):
    """(pdf path, text of each page laid out as printed)."""
    files = write_summary(data, where / "out")
    profile = (where / "lo-profile").as_uri()
    subprocess.run(
        [require("soffice"), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(where), str(files.docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = where / f"{files.docx.stem}.pdf"
    text = subprocess.run(
        [require("pdftotext"), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return pdf, text.split("\f")[:-1]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    return render(sample_data(SCHOOLS), tmp_path_factory.mktemp("full"))


@pytest.fixture(scope="module")
def lacking(tmp_path_factory):
    data = sample_data(SCHOOLS)
    office = dataclasses.replace(
        data.office, report_to=(), place="", parent_body=None, signer_title="", signer_name=None
    )
    return render(dataclasses.replace(data, office=office), tmp_path_factory.mktemp("lacking"))


def lines(page):
    """Each printed line with its spaces squeezed out: pdftotext spreads justified words, a line break stays."""
    return [re.sub(r"\s+", "", line) for line in page.splitlines()]


def page_with(pages, words):
    return next(i for i, page in enumerate(pages) if words.replace(" ", "") in "".join(lines(page)))


def test_page_one_with_every_document_key(full):
    first = lines(full[1][0])
    for unbroken in (
        "UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Điện Biên Phủ, ngày tháng 11 năm 2024",
        "Kính gửi: - Sở Giáo dục và Đào tạo tỉnh Điện Biên;",
        "- UBND thành phố Điện Biên Phủ.",
    ):
        assert any(unbroken.replace(" ", "") in line for line in first), unbroken
    assert not any(re.search(r"Kínhgửi:\.?$", line) for line in first)


def test_signature_page_with_every_document_key(full):
    pages = full[1]
    signature = lines(pages[page_with(pages, "Nơi nhận:")])
    assert any(line.startswith("Nơinhận:") and line.endswith("TRƯỞNGPHÒNG") for line in signature)
    for line in ("- Như trên;", "- Lưu: VT.", "Lê Thị Hồng"):
        assert line.replace(" ", "") in signature, line


def test_page_one_with_the_keys_missing_has_the_official_blanks(lacking):
    first = lines(lacking[1][0])
    assert first[0].startswith("........") and "PHÒNGGIÁODỤCVÀĐÀOTẠO" in "".join(first[:4])
    assert any(
        re.search(r"^Số:/BC-PGDĐT\.{8,},ngàytháng11năm2024$", line) for line in first
    )  # never ", ngày"
    assert any(re.fullmatch(r"Kínhgửi:\.{8,}\.", line) for line in first)


def test_signature_page_with_the_keys_missing_has_the_official_blanks(lacking):
    pages = lacking[1]
    signature = lines(pages[page_with(pages, "Nơi nhận:")])
    assert any(re.fullmatch(r"Nơinhận:\.{8,}", line) for line in signature)  # the signer's title left blank
    assert "-Nhưtrên;" not in signature  # "Như trên" would point at an empty Kính gửi
    assert any(re.fullmatch(r"-\.{8,};", line) for line in signature)
    name = signature.index("-Lưu:VT.") + 1
    assert any(re.fullmatch(r"\.{8,}", line) for line in signature[name:])  # the signer's name left blank


def test_section_four_fits_in_two_pages_and_quotes_no_one(full):
    pages = full[1]
    start = page_with(pages, "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ")
    end = page_with(pages, "Ý kiến cụ thể của từng trường được tổng hợp tại Phụ lục II")
    assert end - start <= 1
    body = "".join("".join(lines(page)) for page in pages[: page_with(pages, "Nơi nhận:") + 1])
    assert "trườngnêukhókhănvềkinhphí" in body
    for never in ("ĐềnghịPhòng", "“", "Khôngđọcđược", "Máychủ", "Cầnxemlại"):
        assert never not in body, never


def ink_bottom(png):
    """How far down the page the lowest dark pixel is, 0-1."""
    with Image.open(png) as image:
        grey = image.convert("L")
        box = grey.point(lambda v: 255 if v < 128 else 0).getbbox()
        return box[3] / grey.height if box else 0.0


def test_no_body_page_is_half_blank(full, tmp_path):
    pdf, pages = full
    last_body = page_with(pages, "Nơi nhận:") + 1  # 1-based: the signature page may end where it ends
    subprocess.run(
        [require("pdftoppm"), "-r", "30", "-png", "-l", str(last_body - 1), str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    shots = sorted(tmp_path.glob("p-*.png"))
    assert len(shots) == last_body - 1 >= 2
    for shot in shots:
        # Not half blank: the largest block that cannot break (the chart, the signature) is under a quarter of
        # a page, so text always reaches well past the middle (the bottom margin starts at 0.93).
        assert ink_bottom(shot) > 0.6, shot.name
