"""Each value says how it was read and whether a person should check it; the report's flag follows the doubts."""

from __future__ import annotations

from parsers import ParseSpec, parse_attachment
from parsers.model import Report
from tests.parsers.docmaker import TO_OFFICE, docx

TITLE = ["BÁO CÁO", "Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024", TO_OFFICE]


def parse(spec: ParseSpec, body: list[str], tables: list[list[list[str]]] | None = None) -> Report:
    (report,) = parse_attachment(
        docx(title=TITLE, body=body, tables=tables or []), filename="x.docx", spec=spec
    )
    return report


def test_each_value_says_how_it_was_read(defined: ParseSpec) -> None:
    body = [
        "Trong năm, nhà trường đã tổ chức 09 buổi tuyên truyền với 1.130 lượt học sinh tham gia.",
        "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có thực hiện.",
    ]
    table = [["TT", "Nội dung", "Kết quả"], ["1", "Số cán bộ quản lý, giáo viên chủ chốt", "21"],
             ["2", "Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người", "17"]]  # fmt: skip
    provenance = parse(defined, body, [table]).to_json()["provenance"]
    assert {k: p["read"] for k, p in provenance.items()} == {
        "sessions": "sentence", "participants": "sentence", "spokesperson": "label_value",
        "key_staff": "table_cell", "key_staff_trained": "table_cell",
    }  # fmt: skip
    assert not any(p["doubtful"] or p["ocr"] for p in provenance.values())


def test_a_plain_report_read_without_doubt_is_not_flagged(defined: ParseSpec) -> None:
    body = [
        "Nhà trường đã tổ chức 05 buổi tuyên truyền.",
        "Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có.",
        "Nhà trường cử 17/21 CBQL, GV chủ chốt tham gia lớp tập huấn về truyền thông quyền con người.",
    ]
    report = parse(defined, body)
    assert report.to_json()["metrics"] == {"sessions": 5, "spokesperson": True, "key_staff": 21,
                                           "key_staff_trained": 17}  # fmt: skip
    assert not report.needs_review


def test_two_mentions_that_disagree_make_the_value_doubtful(defined: ParseSpec) -> None:
    body = ["Nhà trường đã tổ chức 05 buổi tuyên truyền.", "Số buổi tuyên truyền về quyền con người: 07."]
    report = parse(defined, body)
    assert report.to_json()["provenance"]["sessions"]["doubtful"]
    assert report.needs_review


def test_a_part_larger_than_its_whole_makes_both_doubtful(defined: ParseSpec) -> None:
    body = ["Số cán bộ quản lý, giáo viên chủ chốt: 12.",
            "Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người: 17."]  # fmt: skip
    provenance = parse(defined, body).to_json()["provenance"]
    assert provenance["key_staff"]["doubtful"] and provenance["key_staff_trained"]["doubtful"]


def test_a_required_figure_written_but_unreadable_flags_the_report(defined: ParseSpec) -> None:
    body = ["Nhà trường đã tổ chức 05 buổi tuyên truyền.",
            "Số cán bộ quản lý, giáo viên chủ chốt: theo danh sách đính kèm."]  # fmt: skip
    report = parse(defined, body)
    assert "key_staff" not in report.to_json()["metrics"]
    assert any(r.startswith("key_staff:") for r in report.review_reasons)


def test_a_figure_said_to_be_not_counted_yet_is_not_stated(defined: ParseSpec) -> None:
    """ "Chưa thống kê", "đang tổng hợp": the school says it gives no figure; the missing figure is the decision
    table's (it asks the school), not a reading the office should check."""
    body = ["Nhà trường đã tổ chức 05 buổi tuyên truyền.", "Số cán bộ quản lý, giáo viên chủ chốt: chưa thống kê."]
    report = parse(defined, body)
    assert "key_staff" not in report.to_json()["metrics"]
    assert not any(r.startswith("key_staff:") for r in report.review_reasons)
    assert "missing_required" in report.to_json()["problem_codes"]
