import dataclasses
import re
from datetime import datetime

import openpyxl
import pytest

from daemon.summary import compute_totals, write_summary
from daemon.summary.workbook import FIXED_HEADERS, QUOTES_SHEET, SCHOOLS_SHEET, TARGETS_SHEET, TOTAL_LABEL
from tests.summary.conftest import SCHOOLS, make_data


@pytest.fixture(scope="module")
def sheet(written):
    return openpyxl.load_workbook(written.xlsx)[SCHOOLS_SHEET]


def column(sheet, header):
    headers = [c.value for c in sheet[1]]
    return headers.index(header) + 1


def test_header_and_one_row_per_school(sheet, data):
    assert [c.value for c in sheet[1]][:5] == FIXED_HEADERS
    ids = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row)]
    assert ids == [s.id for s in data.schools]
    assert sheet.cell(row=sheet.max_row, column=1).value == TOTAL_LABEL


def test_cells_are_typed(sheet):
    assert sheet["D2"].value == "Đúng hạn"
    assert sheet["E2"].value == datetime(2024, 11, 10, 9, 30) and sheet["E2"].is_date
    assert sheet["E5"].value is None  # the missing school
    sessions = column(sheet, "Số buổi tuyên truyền về quyền con người")
    assert sheet.cell(row=2, column=sessions).value == 3
    spokes = column(sheet, "Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí")
    assert [sheet.cell(row=r, column=spokes).value for r in range(2, 7)] == ["Có", "Không", "Có", None, "Có"]
    participants = column(sheet, "Số lượt người tham gia tuyên truyền")
    assert sheet.cell(row=4, column=participants).value is None  # True is not a count


def evaluate(sheet, formula):
    """The few functions the totals row uses, evaluated over the sheet's cells as a spreadsheet would."""
    guard = re.fullmatch(r'=IF\((COUNTA?\(\w+\d+:\w+\d+\))=0,"([^"]*)",(.*)\)', formula)
    if guard:
        present, empty, formula = guard.group(1), guard.group(2), "=" + guard.group(3)
        if evaluate(sheet, "=" + present) == 0:
            return empty
    function, ref, criterion = re.fullmatch(r'=(\w+)\((\w+\d+:\w+\d+)(?:,"(\w+)")?\)', formula).groups()
    values = [c.value for row in sheet[ref] for c in row]
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return {
        "SUM": lambda: sum(numbers),
        "AVERAGE": lambda: sum(numbers) / len(numbers),
        "COUNT": lambda: len(numbers),
        "COUNTIF": lambda: values.count(criterion),
        "COUNTA": lambda: sum(v is not None for v in values),
    }[function]()


def test_totals_row_is_formulas_that_equal_the_totals(sheet, data):
    totals = compute_totals(data)
    last = sheet.max_row
    for metric in data.metrics:
        formula = sheet.cell(row=last, column=column(sheet, metric.label)).value
        assert formula.startswith("="), metric.key
        assert f"2:{formula.split(':')[1][0]}{last - 1}" in formula  # every school row, not the total itself
        total = totals.metrics[metric.key]
        expected = {
            "count": total.value,
            "percent": total.value,
            "yesno": total.value,
            "text": total.reporting,
        }
        if total.reporting == 0 and metric.type != "text":
            expected[metric.type] = "chưa có số liệu"
        assert evaluate(sheet, formula) == expected[metric.type], metric.key
    sessions = sheet.cell(row=last, column=column(sheet, "Số buổi tuyên truyền về quyền con người")).value
    assert evaluate(sheet, sessions) == 10  # the missing school's stray 99 is not in the column
    assert sheet.cell(row=last, column=4).value.startswith(
        '="Đã nhận "&(ROWS(D2:D6)-COUNTIF(D2:D6,"Chưa gửi"))'
    )


def test_print_layout_is_a4_landscape_one_page_wide(written):
    workbook = openpyxl.load_workbook(written.xlsx)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), sheet.title  # 9 is A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    schools = workbook[SCHOOLS_SHEET]
    assert schools.print_title_rows == "$1:$1"  # the header row on every printed page
    assert str(schools.print_area).startswith("'Các trường'!$A$1:")  # "Mã trường" is printed


def test_sheet_is_usable(sheet):
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["B"].width >= 30


def test_targets_sheet(written):
    rows = list(openpyxl.load_workbook(written.xlsx)[TARGETS_SHEET].values)
    assert rows[1][:4] == ("Tỷ lệ trường thực hiện cơ chế phát ngôn", 3, 4, 4)
    assert rows[2][1:4] == (30, 40, 3) and rows[2][5:] == (70, "Đạt")
    assert rows[2][4] == '=IF(C3>0,ROUND(B3/C3*100,1),"chưa có số liệu")'
    assert rows[3][6] == "Chưa đạt"
    assert "Đã gửi báo cáo: 4/5 trường." in [r[0] for r in rows]


def test_targets_not_judged_below_half_and_said_so(tmp_path):
    schools = tuple(dataclasses.replace(s, status="missing") if i < 3 else s for i, s in enumerate(SCHOOLS))
    files = write_summary(make_data(schools), tmp_path)
    rows = list(openpyxl.load_workbook(files.xlsx)[TARGETS_SHEET].values)
    verdicts = {r[6] for r in rows[1:4]}
    assert "Chưa đánh giá" in verdicts and verdicts <= {"Chưa đánh giá", "chưa có số liệu"}
    assert any("chưa đủ nên chưa đánh giá" in (r[0] or "") for r in rows)


def test_targets_sheet_without_targets_says_so(tmp_path):
    files = write_summary(make_data(targets=()), tmp_path)
    rows = list(openpyxl.load_workbook(files.xlsx)[TARGETS_SHEET].values)
    assert rows[2][0] == "Kế hoạch không đặt chỉ tiêu định lượng cho kỳ báo cáo này."


def test_quotes_sheet_keeps_the_schools_words_and_themes(written):
    rows = list(openpyxl.load_workbook(written.xlsx)[QUOTES_SHEET].values)
    assert rows[1] == (
        "mn-hoa-ban",
        "Trường Mầm non Hoa Ban",
        "Thiếu kinh phí in tài liệu tuyên truyền.",
        None,
        "kinh phí; tài liệu tuyên truyền",
    )
    assert [r[0] for r in rows[1:]] == ["mn-hoa-ban", "th-him-lam", "mn-hoa-hong"]
