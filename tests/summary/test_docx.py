import dataclasses

import docx
import pytest
from docx.oxml.ns import qn

from daemon.summary import compute_totals, write_summary
from daemon.summary.labels import NO_DATA, fmt_metric_total
from tests.summary.conftest import CASES, SCHOOLS, make_data

FONT = "Times New Roman"


def table_with(document, first_header):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_header)


def rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def document(written):
    return docx.Document(str(written.docx))


def body_text(document):
    return "\n".join(p.text for p in document.paragraphs)


def test_header_block(document):
    left, right = (c.text.split("\n") for c in document.tables[0].rows[0].cells)
    assert left[:2] == ["UBND THÀNH PHỐ ĐIỆN BIÊN PHỦ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, place = (c.text for c in document.tables[0].rows[1].cells)
    assert number.replace(" ", "") == "Số:/BC-PGDĐT"  # the number is left for the clerk
    assert place == "Điện Biên Phủ, ngày      tháng 11 năm 2024"
    issuer = document.tables[0].rows[0].cells[0].paragraphs[1].runs[0]
    assert issuer.bold and not document.tables[0].rows[0].cells[0].paragraphs[0].runs[0].bold
    assert document.tables[0].rows[1].cells[1].paragraphs[0].runs[0].italic


def test_title_addressees_and_sections(document):
    text = body_text(document)
    assert "BÁO CÁO\nKết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024" in text
    assert "Kính gửi:\t- Sở Giáo dục và Đào tạo tỉnh Điện Biên;\n- UBND thành phố Điện Biên Phủ." in text
    for heading in (
        "I. TÌNH HÌNH GỬI BÁO CÁO",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU",
        "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
        "Trên đây là báo cáo",
    ):
        assert heading in text
    assert "Các trường chưa gửi báo cáo (1): Trường TH-THCS Thanh Trường." in text


def test_submission_counts_match_totals(document, data):
    totals = compute_totals(data)
    table = rows(table_with(document, "Cấp học"))
    # upward: the report awaiting review (arrived 12/11) counts as sent on time; no "Cần xem lại" column
    assert table[0] == ["Cấp học", "Số trường", "Đã gửi", "Đúng hạn", "Quá hạn", "Chưa gửi"]
    assert table[-1] == ["Tổng cộng", "5", "4", "3", "1", "1"]
    assert table[1] == ["Mầm non", str(totals.by_level["MN"].expected), "2", "2", "0", "0"]


def test_metric_totals_match_totals(document, data):
    totals = compute_totals(data)
    table = rows(table_with(document, "STT"))
    by_label = {r[1]: (r[2], r[3]) for r in table[1:]}
    for metric in data.metrics:
        total = totals.metrics[metric.key]
        assert by_label[metric.label] == (fmt_metric_total(total), str(total.reporting))
    assert by_label["Số buổi tuyên truyền về quyền con người"] == ("10", "4")


def test_targets_table(document):
    table = rows(next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu"))
    assert table[1][2:] == ["3/4 trường", "75%", "100%", "Chưa đạt"]
    assert table[2][2:] == ["30/40", "75%", "70%", "Đạt"]
    assert table[3][2:] == ["4/5", "80%", "90%", "Chưa đạt"]


def test_appendix_row_per_school(document, data):
    table = rows(next(t for t in document.tables if t.rows[0].cells[1].text == "Tên trường"))
    assert [r[1] for r in table[1:-1]] == [s.name for s in data.schools]
    assert table[1][2:5] == ["MN", "Đúng hạn", "10/11/2024 09:30"]
    assert table[-1][1] == "Tổng cộng" and table[-1][3] == "4/5"


def test_section_four_is_a_synthesis_and_the_quotes_are_in_the_annex(document):
    text = body_text(document)
    assert "- 1 trường nêu khó khăn về kinh phí: MN Hoa Ban." in text
    assert "- 1 trường nêu khó khăn về ngôn ngữ, học sinh dân tộc thiểu số: MN Hoa Hồng." in text
    assert "- 1 trường đề xuất, kiến nghị về tập huấn, bồi dưỡng: TH Him Lam." in text
    assert "Đề nghị tổ chức tập huấn" not in text  # never a school's words in the body
    assert "Phụ lục II" in text
    quotes = rows(next(t for t in document.tables if t.rows[0].cells[-1].text == "Đề xuất, kiến nghị"))
    assert quotes[1:] == [
        ["1", "Trường Mầm non Hoa Ban", "Thiếu kinh phí in tài liệu tuyên truyền.", ""],
        ["2", "Trường Tiểu học Him Lam", "", "Đề nghị tổ chức tập huấn cho giáo viên chủ chốt."],
        [
            "3",
            "Trường Mầm non Hoa Hồng",
            "Học sinh dân tộc thiểu số còn hạn chế tiếng Việt.",
            "Cấp tài liệu song ngữ.",
        ],
    ]
    assert "không tính" not in text  # the missing school sent nothing to quote


def test_no_review_matters_in_the_report(document):
    everything = body_text(document) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    assert "Không đọc được số CBQL" not in everything  # a review reason goes to the staff, not upward
    assert "Cần xem lại" not in everything


def signature_table(document):
    return next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))


def test_signature_and_recipients(document):
    left, right = signature_table(document).rows[0].cells
    assert left.text.split("\n") == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    label = left.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size.pt) == (True, True, 12)
    assert left.paragraphs[1].runs[0].font.size.pt == 11
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["TRƯỞNG PHÒNG", "Lê Thị Hồng"]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)


def twips(mm):
    return round(mm / 25.4 * 1440)


def test_page_size_and_margins_in_the_xml(document):
    """A4 is 11906 x 16838 twips; margins 20-25 mm top/bottom, 30-35 left, 15-20 right."""
    sizes = []
    for section in document.sections:
        size, margins = section._sectPr.find(qn("w:pgSz")), section._sectPr.find(qn("w:pgMar"))
        sizes.append((int(size.get(qn("w:w"))), int(size.get(qn("w:h"))), size.get(qn("w:orient"))))
        value = {side: int(margins.get(qn(f"w:{side}"))) for side in ("top", "bottom", "left", "right")}
        assert twips(20) <= value["top"] <= twips(25) and twips(20) <= value["bottom"] <= twips(25)
        assert twips(30) <= value["left"] <= twips(35) and twips(15) <= value["right"] <= twips(20)
    assert [s[:2] for s in sizes] == [(11906, 16838), (16838, 11906), (16838, 11906)]
    assert sizes[1][2] == sizes[2][2] == "landscape"


def test_page_number_in_top_margin_from_page_two(document):
    section = document.sections[0]
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header = section.header._element
    assert " PAGE " in "".join(t.text for t in header.iter(qn("w:instrText")))
    assert section.header.paragraphs[0].alignment == 1  # centred
    assert (
        not section.first_page_header.is_linked_to_previous
        or not section.first_page_header.paragraphs[0].text
    )


def all_runs(document):
    yield from (r for p in document.paragraphs for r in p.runs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from (r for p in cell.paragraphs for r in p.runs)


def test_every_run_is_times_new_roman_for_every_script(document):
    for run in all_runs(document):
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}, run.text


def test_body_paragraphs_follow_the_decree(document):
    body = [p for p in document.paragraphs if p.text.startswith(("Tổng số trường", "Trên đây"))]
    assert body
    for p in body:
        fmt = p.paragraph_format
        assert p.alignment == 3  # justified
        assert abs(fmt.first_line_indent.cm - 1) < 0.01
        assert fmt.space_after.pt >= 6
        assert 1.15 <= fmt.line_spacing <= 1.5
        assert all(r.font.size.pt in (13, 14) for r in p.runs)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_edge_cases_render(case, tmp_path):
    files = write_summary(CASES[case](), tmp_path)
    text = body_text(docx.Document(str(files.docx)))
    assert "Trên đây là báo cáo" in text
    if case in ("all-missing", "no-schools"):
        assert NO_DATA in text
    if case == "all-submitted":
        assert "Tất cả các trường đã gửi báo cáo." in text


def test_one_addressee_on_the_kinh_gui_line(tmp_path):
    data = make_data()
    office = data.office.__class__(
        **{**data.office.__dict__, "report_to": ("Sở Giáo dục và Đào tạo tỉnh Điện Biên",)}
    )
    files = write_summary(make_data(office=office), tmp_path)
    assert "Kính gửi: Sở Giáo dục và Đào tạo tỉnh Điện Biên." in body_text(docx.Document(str(files.docx)))


def test_targets_are_not_judged_before_half_the_schools_report(tmp_path):
    schools = tuple(dataclasses.replace(s, status="missing") if i < 3 else s for i, s in enumerate(SCHOOLS))
    document = docx.Document(str(write_summary(make_data(schools), tmp_path).docx))
    text = body_text(document)
    assert "mới có 1/5 trường gửi báo cáo, chưa đủ một nửa số trường phải báo cáo" in text
    assert "đánh giá: đạt" not in text and "đánh giá: chưa đạt" not in text
    table = rows(next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu"))
    assert {r[5] for r in table[1:]} <= {"Chưa đánh giá", NO_DATA} and "Chưa đánh giá" in {
        r[5] for r in table[1:]
    }


def test_with_half_the_schools_in_the_targets_are_judged_and_the_count_said(document):
    text = body_text(document)
    assert "Số liệu của 4/5 trường đã gửi báo cáo:" in text
    assert "đánh giá: đạt." in text
