from datetime import datetime

import openpyxl
import pytest

from daemon.summary import compute_totals
from daemon.summary.workbook import FIXED_HEADERS, SCHOOLS_SHEET, TARGETS_SHEET, TOTAL_LABEL


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


def test_totals_row_equals_totals(sheet, data):
    totals = compute_totals(data)
    last = sheet.max_row
    for metric in data.metrics:
        value = sheet.cell(row=last, column=column(sheet, metric.label)).value
        total = totals.metrics[metric.key]
        if total.reporting == 0 and metric.type != "text":
            assert value == "chưa có số liệu", metric.key
            continue
        expected = {
            "count": total.value,
            "percent": total.value,
            "yesno": f"{total.value}/{total.reporting} Có",
            "text": None,
        }[metric.type]
        assert value == expected, metric.key
    assert sheet.cell(row=last, column=4).value == "Đã nhận 4/5"


def test_sheet_is_usable(sheet):
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["B"].width >= 30


def test_targets_sheet(written):
    rows = list(openpyxl.load_workbook(written.xlsx)[TARGETS_SHEET].values)
    assert rows[1][:3] == ("Tỷ lệ trường thực hiện cơ chế phát ngôn", 3, 4)
    assert rows[2][1:3] == (30, 40) and rows[2][4] == 75 and rows[2][6] == "Đạt"
