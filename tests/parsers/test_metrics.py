"""Metric reading on small hand-made documents: prose, tables, targets, conflicts."""

from __future__ import annotations

from parsers import ParseSpec
from parsers.blocks import Extracted, Paragraph, Table
from parsers.reading.metrics import MetricReader, choose


def read(spec: ParseSpec, *blocks: Paragraph | Table) -> dict[str, object]:
    values = choose(MetricReader(spec.metrics).read(Extracted("docx", list(blocks))), spec.metrics)
    return {v.key: v.value for v in values}


def test_two_figures_in_one_sentence(spec: ParseSpec) -> None:
    text = "Nhà trường tổ chức được 05 buổi tuyên truyền với 1.250 lượt học sinh tham gia."
    assert read(spec, Paragraph(text)) == {"sessions": 5, "participants": 1250}


def test_targets_are_not_results(spec: ParseSpec) -> None:
    blocks = [
        Paragraph(
            "Phấn đấu đến năm 2028 có 70% CBQL, GV chủ chốt được tập huấn, tổ chức 10 buổi tuyên truyền."
        ),
        Paragraph("Chỉ tiêu năm 2024: 02 cuộc triển lãm ảnh về quyền con người."),
        Paragraph("Mục tiêu: 100% trường thực hiện cơ chế phát ngôn."),
    ]
    assert read(spec, *blocks) == {}


def test_future_section_is_not_read(spec: ParseSpec) -> None:
    blocks = [Paragraph("IV. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025"), Paragraph("Tổ chức 06 buổi tuyên truyền.")]
    assert read(spec, *blocks) == {}


def test_number_of_pupils_is_not_participants(spec: ParseSpec) -> None:
    assert read(spec, Paragraph("Nhà trường có 18 lớp với 612 học sinh.")) == {}


def test_table_with_target_column_numbering_and_units(spec: ParseSpec) -> None:
    table = Table(
        (
            ("STT", "Nội dung", "ĐVT", "Chỉ tiêu", "Kết quả", "Ghi chú"),
            ("1", "Số buổi tuyên truyền", "buổi", "10", "07", ""),
            ("2", "Số lượt HS tham gia", "lượt", "1.500", "1.480", "vượt 2%"),
            ("3", "Có người phát ngôn", "", "", "x", ""),
        ),
        0,
    )
    assert read(spec, table) == {"sessions": 7, "participants": 1480, "spokesperson": True}


def test_yes_no_columns(spec: ParseSpec) -> None:
    table = Table((("Nội dung", "Có", "Không"), ("Thực hiện cơ chế phát ngôn", "", "x")), 0)
    assert read(spec, table) == {"spokesperson": False}


def test_spreadsheet_layout_one_metric_per_column(spec: ParseSpec) -> None:
    table = Table((("Số buổi tuyên truyền", "Số lượt tham gia", "Triển lãm"), ("4", "620", "1")), 0)
    assert read(spec, table) == {"sessions": 4, "participants": 620, "exhibitions": 1}


def test_disagreement_is_flagged_not_hidden(spec: ParseSpec) -> None:
    blocks = [
        Table((("Số buổi tuyên truyền", "05"),), 0),
        Paragraph("Nhà trường đã tổ chức 07 buổi tuyên truyền về quyền con người."),
    ]
    values = choose(MetricReader(spec.metrics).read(Extracted("docx", blocks)), spec.metrics)
    assert [(v.key, v.value) for v in values] == [("sessions", 5)]
    assert values[0].doubt is not None and "7" in values[0].doubt


def test_negated_spokesperson(spec: ParseSpec) -> None:
    text = "Nhà trường chưa thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí."
    assert read(spec, Paragraph(text)) == {"spokesperson": False}


def test_one_column_per_year_reads_the_reports_year_only(spec: ParseSpec) -> None:
    table = Table(
        (
            (
                "TT",
                "Nội dung",
                "Kết quả",
                "Kết quả",
                "Ghi chú",
            ),  # a merged header cell, repeated by the reader
            ("", "", "Năm 2023", "Năm 2024", ""),
            ("1", "Số buổi tuyên truyền", "08", "11", ""),
            ("2", "Số lượt người tham gia tuyên truyền", "1.020", "", "chưa tổng hợp"),
        ),
        0,
    )
    doc = Extracted("docx", [table])
    values = choose(MetricReader(spec.metrics, 2024).read(doc), spec.metrics)
    # the blank 2024 cell is "not stated", never filled from 2023
    assert {v.key: v.value for v in values} == {"sessions": 11}
    values = choose(MetricReader(spec.metrics, 2023).read(doc), spec.metrics)
    assert {v.key: v.value for v in values} == {"sessions": 8, "participants": 1020}


def test_a_rate_column_is_not_a_count(spec: ParseSpec) -> None:
    table = Table(
        (
            ("Nội dung", "Tỷ lệ %", "Số người"),
            ("Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người", "81", "17"),
        ),
        0,
    )
    assert read(spec, table) == {"key_staff_trained": 17}


def test_chi_tieu_over_the_first_column_names_the_indicators(spec: ParseSpec) -> None:
    table = Table((("Chỉ tiêu", "Kết quả"), ("Số buổi tuyên truyền", "09")), 0)
    assert read(spec, table) == {"sessions": 9}
    with_target = Table((("Nội dung", "Chỉ tiêu", "Kết quả"), ("Số buổi tuyên truyền", "10", "09")), 0)
    assert read(spec, with_target) == {"sessions": 9}


def test_an_index_column_with_a_misread_header_is_not_the_label_column(spec: ParseSpec) -> None:
    # OCR reads "STT" as "SLL": the rows' names are in the first column of words, under "Chỉ tiêu"
    table = Table(
        (
            ("SLL", "Chỉ tiêu", "Kết quả năm 2024", "Tỷ lệ %"),
            ("1", "Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người", "20", ""),
            ("2", "Số tin giả, tin xấu độc đã phối hợp xử lý", "4", "100"),
        ),
        0,
    )
    assert read(spec, table) == {"key_staff_trained": 20, "fake_news_handled": 4}


GROUPED = (
    ("TT", "Đơn vị", "Tuyên truyền về quyền con người", "Tuyên truyền về quyền con người", "CBQL, GV chủ chốt",
     "CBQL, GV chủ chốt", "Người phát ngôn", "Triển lãm ảnh", "Tin giả, tin xấu độc", "Tin giả, tin xấu độc",
     "Ghi chú"),
    ("", "", "Số buổi", "Số lượt người tham gia", "Tổng số", "Được tập huấn", "", "", "Phát hiện", "Đã xử lý", ""),
)  # fmt: skip
GROUPED_VALUES = {
    "sessions": 12, "participants": 850, "key_staff": 21, "key_staff_trained": 17, "spokesperson": True,
    "exhibitions": 1, "fake_news_detected": 0, "fake_news_handled": 0,
}  # fmt: skip


def test_sideways_table_with_grouped_headers_and_a_column_number_row(spec: ParseSpec) -> None:
    numbers = tuple(f"({i})" for i in range(1, 12))
    school = ("1", "Trường TH Him Lam", "12", "850", "21", "17", "Có", "01", "0", "0", "")
    assert read(spec, Table((*GROUPED, numbers, school), 0)) == GROUPED_VALUES


def test_sideways_group_cell_left_blank_by_the_reader(spec: ParseSpec) -> None:
    """A PDF's merged cell stands in its first grid square only; the sub-headers below show its span."""
    head = tuple(
        tuple("" if j > 0 and cell == row[j - 1] and cell else cell for j, cell in enumerate(row)) for row in GROUPED
    )
    school = ("1", "Trường TH Him Lam", "12 buổi", "850", "21", "17", "x", "1", "0", "0", "")
    assert read(spec, Table((*head, ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), school), 0)) == (
        GROUPED_VALUES
    )


def test_sideways_table_rows_per_year_take_the_reports_year(spec: ParseSpec) -> None:
    table = Table(
        (
            ("Năm", "Số buổi tuyên truyền", "Số lượt người tham gia", "Số cuộc triển lãm"),
            ("(1)", "(2)", "(3)", "(4)"),
            ("Năm 2023", "8", "640", "0"),
            ("Năm 2024", "10", "712", "1"),
        ),
        0,
    )
    values = choose(MetricReader(spec.metrics, year=2024).read(Extracted("docx", [table])), spec.metrics)
    assert {v.key: v.value for v in values} == {"sessions": 10, "participants": 712, "exhibitions": 1}


def test_sideways_table_rows_per_class_take_the_total(spec: ParseSpec) -> None:
    table = Table(
        (
            ("Khối", "Số buổi tuyên truyền", "Số lượt học sinh tham gia"),
            ("Khối 6", "3", "120"),
            ("Khối 7", "2", "115"),
            ("Tổng cộng", "5", "235"),
        ),
        0,
    )
    assert read(spec, table) == {"sessions": 5, "participants": 235}


def test_sideways_table_with_parts_and_no_total_states_nothing_for_the_school(spec: ParseSpec) -> None:
    table = Table(
        (("Khối", "Số buổi tuyên truyền", "Số lượt học sinh tham gia"), ("Khối 6", "3", "120"), ("Khối 7", "2", "115")),
        0,
    )
    assert read(spec, table) == {}


def test_column_number_row_is_not_a_figure_row(spec: ParseSpec) -> None:
    table = Table(
        (
            ("TT", "Nội dung", "Đơn vị tính", "Kết quả"),
            ("(1)", "(2)", "(3)", "(4)"),
            ("1", "Số buổi tuyên truyền", "buổi", "06"),
        ),
        0,
    )
    assert read(spec, table) == {"sessions": 6}


def test_a_group_header_over_total_and_trained(defined: ParseSpec) -> None:
    """ "Tập huấn ... CBQL, GV chủ chốt" over "Tổng số | Đã tập huấn": the total is the key staff."""
    table = Table(
        (
            ("TT", "Đơn vị", "Tuyên truyền", "", "Tập huấn truyền thông về QCN cho CBQL, GV chủ chốt", ""),
            ("", "", "Số buổi", "Số lượt người tham gia", "Tổng số", "Đã tập huấn"),
            ("", "Toàn trường", "20", "540", "7", "3"),
        ),
        0,
    )
    got = read(defined, table)
    assert got == {"sessions": 20, "participants": 540, "key_staff": 7, "key_staff_trained": 3}


def test_a_flattened_group_header_and_a_header_over_every_group(defined: ParseSpec) -> None:
    flat = Table(
        (
            ("TT", "Khối", "Tuyên truyền - Số buổi", "CBQL, GV chủ chốt - Tổng số", "CBQL, GV chủ chốt - Đã tập huấn"),
            ("", "Tổng cộng", "3", "6", "4"),
        ),
        0,
    )
    assert read(defined, flat) == {"sessions": 3, "key_staff": 6, "key_staff_trained": 4}
    over = Table(
        (
            ("STT", "Đơn vị", "Kết quả thực hiện năm 2024", "", ""),
            ("", "", "Công tác tuyên truyền", "", "CBQL, GV chủ chốt"),
            ("", "", "Số buổi (cuộc)", "Số lượt người tham gia", "Tổng số"),
            ("1", "Tổ 1", "2", "124", "1"),
            ("", "Tổng cộng", "10", "442", "10"),
        ),
        0,
    )
    assert read(defined, over) == {"sessions": 10, "participants": 442, "key_staff": 10}


def test_a_signature_row_under_a_sideways_table_is_not_its_data(defined: ParseSpec) -> None:
    table = Table(
        (
            ("STT", "Đơn vị", "Số buổi tuyên truyền", "Số lượt người tham gia"),
            ("1", "Trường THCS Noong Bua", "16", "784"),
            ("NGƯỜI LẬP BIỂU\n\nNguyễn Văn A", "NGƯỜI LẬP BIỂU", "HIỆU TRƯỞNG", "HIỆU TRƯỞNG"),
        ),
        0,
    )
    assert read(defined, table) == {"sessions": 16, "participants": 784}


def test_form_cells_fractions_and_not_stated(defined: ParseSpec) -> None:
    table = Table(
        (
            ("TT", "Nội dung", "Số liệu", "ĐVT"),
            ("1", "Số buổi tuyên truyền về quyền con người", "……………… buổi", ""),
            ("2", "CBQL và GV chủ chốt (tổng số)", "10", "Người"),
            ("3", "- Trong đó, số đã tập huấn", "9/10", "Người"),
            ("4", "Chưa được tập huấn", "1", "Người"),
            ("5", "Số lượt người tham gia", "Chưa thống kê", "lượt"),
            ("6", "Số tin giả, tin xấu độc phát hiện", "….2…. tin", ""),
        ),
        0,
    )
    assert read(defined, table) == {"key_staff": 10, "key_staff_trained": 9, "fake_news_detected": 2}


def test_a_rebuilt_header_split_over_an_empty_column_is_in_doubt(defined: ParseSpec) -> None:
    """A PDF table rebuilt from word positions whose header wrapped into a column of its own: read, not trusted."""
    rows = (
        ("TT", "Đơn vị", "Số buổi tuyên truyền", "CBQL, GV chủ chốt", "CBQL, GV chủ chốt Số được tập huấn", "Ghi chú"),
        ("", "Tổng số", "16", "7", "", ""),
    )  # fmt: skip
    reader = MetricReader(defined.metrics)
    sure = choose(reader.read(Extracted("pdf-text", [Table(rows, 0)])), defined.metrics)
    rebuilt = choose(reader.read(Extracted("pdf-text", [Table(rows, 0, rebuilt=True)])), defined.metrics)
    assert all(v.confidence >= 0.9 for v in sure)
    assert {v.key for v in rebuilt if v.confidence < 0.6} & {"key_staff", "key_staff_trained"}
    assert all(v.confidence >= 0.9 for v in rebuilt if v.key == "sessions")  # "Ghi chú" beside it is no sibling


def test_a_result_header_run_together_with_the_note_header_is_the_result(defined: ParseSpec) -> None:
    table = Table(
        (
            ("TT", "Nội dung", "ĐVT", "Kết quả Ghi chú"),
            ("1", "Lượt người tham dự các buổi tuyên truyền", "Lượt", "310"),
            ("2", "CBQL, giáo viên chủ chốt của đơn vị", "Người", "17"),
        ),
        0,
    )
    assert read(defined, table) == {"participants": 310, "key_staff": 17}


def test_a_scanned_sideways_table_with_a_misread_year_and_column_numbers(defined: ParseSpec) -> None:
    """OCR's 'NĂM 224' in a header over every group is no figure, and '(1) 2 (3) 4 ...' with some numbers read as
    signs is still the row that numbers the columns, not the school's."""
    group = "KẾT QUẢ THỰC HIỆN NĂM 224"
    table = Table(
        (
            ("TT", "Đơn vị", group, group, group, "Ghi chú"),
            ("TT", "Đơn vị", "Số buổi tuyên truyền", "Số lượt người tham gia", "Số cuộc triển lãm ảnh", "Ghi chú"),
            ("Œ)", "2", "@)", "4", "5", "6"),
            ("1", "Tiểu học Nam Thanh", "4", "396", "1", "Số liệu tính đến 31/10"),
        ),
        0,
    )
    assert read(defined, table) == {"sessions": 4, "participants": 396, "exhibitions": 1}
