"""Pages read from word positions: borderless tables (LibreOffice's PDF), the two-column header, justified lines."""

from __future__ import annotations

from typing import Any

from parsers.formats.layout import _without_split_headers, build_table, find_tables, group_lines, header_block

H = 13.0  # line height of 13 pt text
CHAR, SPACE = 6.0, 3.25


def words(y: float, x: float, text: str) -> list[dict[str, Any]]:
    """A run of text set from x at height y, as pdfplumber gives its words."""
    out = []
    for token in text.split():
        out.append({"text": token, "x0": x, "x1": x + CHAR * len(token), "top": y, "bottom": y + H})
        x += CHAR * len(token) + SPACE
    return out


def page(*runs: tuple[float, float, str], right: float = 548.0) -> list[Any]:
    return group_lines([w for y, x, text in runs for w in words(y, x, text)], H, right)


def test_a_wrapped_label_with_its_figure_centred_against_it_is_one_row() -> None:
    lines = page(
        (473, 88, "TT"), (473, 236, "Nội dung"), (473, 426, "Kết quả"), (473, 494, "Ghi chú"),
        (491, 87, "1"), (491, 109, "Số buổi tuyên truyền"), (491, 418, "30 buổi"),
        (509, 109, "Số cuộc triển lãm ảnh, tài liệu"), (509, 494, "Theo kế"),
        (516.5, 87, "2"), (516.5, 418, "3 cuộc"),
        (524, 109, "chức hoặc tham gia"), (524, 494, "hoạch"),
        (542, 87, "3"), (542, 109, "Tin giả đã xử lý"), (542, 418, "1 tin"),
    )  # fmt: skip
    [(start, end, rows)] = find_tables(lines, H)
    assert (start, end) == (0, len(lines))
    assert rows == [
        ["TT", "Nội dung", "Kết quả", "Ghi chú"],
        ["1", "Số buổi tuyên truyền", "30 buổi", ""],
        ["2", "Số cuộc triển lãm ảnh, tài liệu chức hoặc tham gia", "3 cuộc", "Theo kế hoạch"],
        ["3", "Tin giả đã xử lý", "1 tin", ""],
    ]


def test_a_header_over_two_year_columns_heads_both_and_a_blank_cell_stays_blank() -> None:
    lines = page(
        (433, 401, "Kết quả thực"),
        (449.5, 341, "Đơn vị"), (449.5, 426, "hiện"),
        (457, 88, "TT"), (457, 195, "Nội dung"), (457, 498, "Ghi chú"),
        (464.5, 349, "tính"), (464.5, 397, "Năm"), (464.5, 448, "Năm"),
        (481, 398, "2023"), (481, 448, "2024"),
        (498.5, 87, "1"), (498.5, 109, "Số buổi tuyên truyền"), (498.5, 335, "Buổi"), (498.5, 388, "31"),
        (498.5, 436, "26"),
        (516, 87, "2"), (516, 109, "Số CBQL, GV chủ chốt"), (516, 335, "Người"), (516, 388, "8"),
    )  # fmt: skip
    [(_, _, rows)] = find_tables(lines, H)
    assert rows[0][3:5] == ["Kết quả thực hiện Năm 2023", "Kết quả thực hiện Năm 2024"]  # the wrapped cell whole
    assert rows[2] == ["2", "Số CBQL, GV chủ chốt", "Người", "8", "", ""]


def test_a_paragraph_under_a_table_is_not_one_of_its_rows() -> None:
    lines = page(
        (100, 88, "TT"), (100, 200, "Nội dung"), (100, 420, "Kết quả"),
        (118, 87, "1"), (118, 109, "Số buổi tuyên truyền"), (118, 420, "12"),
        (136, 87, "2"), (136, 109, "Số lượt người tham gia"), (136, 420, "340"),
        (160, 118, "III. ĐÁNH GIÁ CHUNG"),
    )  # fmt: skip
    [(start, end, rows)] = find_tables(lines, H)
    assert end == len(lines) - 1 and len(rows) == 3


def test_prose_is_no_table() -> None:
    lines = page(
        (100, 118, "Nhà trường đã tổ chức 12 buổi tuyên truyền"), (117, 89, "với 340 lượt tham gia.")
    )
    assert find_tables(lines, H) == []
    assert build_table(lines, H) is None


def test_a_justified_title_spread_over_the_line_is_one_run_of_text() -> None:
    [line] = page((137, 118, "BÁO"), (137, 520, "CÁO"), right=538)
    assert len(line.segments) == 1


def test_the_header_block_reads_its_left_column_then_its_right_and_stops_at_the_title() -> None:
    lines = page(
        (57, 87, "PHÒNG GD&ĐT THÀNH PHỐ"), (64.5, 283, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT"),
        (72, 87, "ĐBP"), (79.5, 283, "NAM"),
        (87, 87, "TRƯỜNG TRUNG HỌC CƠ SỞ"), (94.5, 283, "Độc lập - Tự do - Hạnh phúc"),
        (102, 87, "MƯỜNG PHĂNG"), (109.5, 283, "Điện Biên Phủ, ngày 15 tháng 10 năm 2024"),
        (117, 87, "Số: 12/BC-THCSMP"),
        (141, 289, "BÁO CÁO"),
    )  # fmt: skip
    found = header_block(lines, 595, H)
    assert found is not None
    taken, left, right = found
    assert taken == len(lines) - 1
    assert left == [
        "PHÒNG GD&ĐT THÀNH PHỐ",
        "ĐBP",
        "TRƯỜNG TRUNG HỌC CƠ SỞ",
        "MƯỜNG PHĂNG",
        "Số: 12/BC-THCSMP",
    ]
    assert right[-1] == "Điện Biên Phủ, ngày 15 tháng 10 năm 2024"


def test_one_column_of_text_is_no_header_block() -> None:
    lines = page(
        (57, 87, "BÁO CÁO KẾT QUẢ"), (72, 87, "Kết quả thực hiện năm 2024"), (87, 87, "Kính gửi: Phòng")
    )
    assert header_block(lines, 595, H) is None


def test_a_column_number_row_and_an_unnumbered_total_row_are_rows_of_their_own() -> None:
    lines = page(
        (473, 88, "TT"), (473, 150, "Đơn vị"), (473, 330, "Số buổi"), (473, 430, "Số lượt"), (473, 500, "Tỷ lệ"),
        (491, 88, "(1)"), (491, 150, "(2)"), (491, 330, "(3)"), (491, 430, "(4)"), (491, 500, "(5)=("),
        (500, 500, "4)/(3)"),
        (509, 88, "1"), (509, 150, "Tổ Nhà trẻ"), (509, 330, "18"), (509, 430, "668"), (509, 500, "37"),
        (527, 88, "2"), (527, 150, "Tổ Văn phòng"), (527, 330, "8"), (527, 430, "225"), (527, 500, "28"),
        (545, 150, "Tổng cộng"), (545, 330, "26"), (545, 430, "893"), (545, 500, "34"),
    )  # fmt: skip
    [(_, _, rows)] = find_tables(lines, H)
    assert rows == [
        ["TT", "Đơn vị", "Số buổi", "Số lượt", "Tỷ lệ"],
        ["(1)", "(2)", "(3)", "(4)", "(5)=( 4)/(3)"],
        ["1", "Tổ Nhà trẻ", "18", "668", "37"],
        ["2", "Tổ Văn phòng", "8", "225", "28"],
        ["", "Tổng cộng", "26", "893", "34"],
    ]


def test_a_group_header_wrapped_in_a_narrow_cell_heads_every_column_under_it() -> None:
    """ "Bồi dưỡng / CBQL, GV chủ / chốt" centred over three columns: its short last line sits over the middle one
    only, yet the whole cell heads all three."""
    lines = page(
        (431, 116, "Bồi dưỡng"), (433, 230, "Số cuộc"),
        (446, 108, "CBQL, GV chủ"), (448, 230, "triển lãm"),
        (461, 132, "chốt"), (463, 230, "ảnh, tài"),
        (478, 236, "liệu"),
        (486, 96, "Tổng"), (486, 142, "Đã"), (486, 164, "Tỷ"),
        (493, 236, "QCN"),
        (501, 100, "số"), (501, 138, "tập"), (501, 164, "lệ"),
        (516, 136, "huấn"),
        (540, 60, "Tổng"), (540, 100, "21"), (540, 142, "8"), (540, 164, "38"), (540, 240, "2"),
        (558, 60, "Khối"), (558, 100, "10"), (558, 142, "4"), (558, 164, "40"), (558, 240, "1"),
    )  # fmt: skip
    [(_, _, rows)] = find_tables(lines, H)
    assert rows[0][1:4] == [
        "Bồi dưỡng CBQL, GV chủ chốt Tổng số",
        "Bồi dưỡng CBQL, GV chủ chốt Đã tập huấn",
        "Bồi dưỡng CBQL, GV chủ chốt Tỷ lệ",
    ]


def test_a_header_wider_than_its_figures_does_not_make_an_empty_column_of_its_own() -> None:
    rows = [
        ["TT", "CBQL, GV chủ chốt Tổng số", "CBQL, GV chủ chốt Tổng số", "CBQL, GV chủ chốt", "CBQL, GV chủ chốt Đã tập huấn",
         "Ghi chú"],
        ["", "9", "", "7", "", ""],
    ]  # fmt: skip
    assert _without_split_headers(rows) == [
        ["TT", "CBQL, GV chủ chốt Tổng số", "CBQL, GV chủ chốt Đã tập huấn", "Ghi chú"],
        ["", "9", "7", ""],
    ]
