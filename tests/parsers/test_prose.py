"""Prose families seen in documents we did not write: weak aliases, totals, negation, label: value, fractions."""

from __future__ import annotations

import pytest

from parsers import ParseSpec, parse_attachment
from parsers.blocks import Extracted, Line, Paragraph, join_lines
from parsers.formats.pdf import join_wrapped_values
from parsers.reading.metrics import MetricReader, choose
from tests.parsers.docmaker import TO_OFFICE, docx


def read(spec: ParseSpec, *texts: str) -> dict[str, object]:
    doc = Extracted("docx", [Paragraph(t) for t in texts])
    values = choose(MetricReader(spec.metrics).read(doc), spec.metrics)
    return {v.key: v.value for v in values}


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a weak alias ("tuyên truyền") beside a number of banners is no number of sessions
        ("Nhà trường treo 04 băng rôn, pano, áp phích tuyên truyền về quyền con người.", {}),
        ("Nhà trường treo 04 khẩu hiệu tuyên truyền.", {}),
        ("Tổ chức 03 buổi tuyên truyền, treo 04 băng rôn tuyên truyền.", {"sessions": 3}),
        ("Nhà trường đã tổ chức tuyên truyền 05 lần cho học sinh.", {"sessions": 5}),
        # a total of all staff is not the key staff: "chủ chốt" must be there
        ("Tổng số cán bộ, giáo viên, nhân viên: 41 người.", {}),
        ("Tổng số CBQL, GV, NV: 41 người.", {}),
        ("Tổng số CBQL, GV chủ chốt: 28 người.", {"key_staff": 28}),
        # negation
        ("Đơn vị chưa ban hành quyết định về cơ chế phát ngôn, chưa cung cấp thông tin cho báo chí.",
         {"spokesperson": False}),
        ("Trong năm, nhà trường không phát hiện tin giả nào.", {"fake_news_detected": 0}),
        ("Số tin giả, tin xấu độc phát hiện: không có.", {"fake_news_detected": 0}),
        # a zero said as "không có <unit> nào", the metric named after it; "không tổ chức, không tham gia ... nào"
        ("Trong năm, nhà trường không phát hiện tin giả, tin xấu độc nào xâm hại quyền con người trên không gian "
         "mạng, do đó không có tin nào phải phối hợp xử lý.", {"fake_news_detected": 0, "fake_news_handled": 0}),
        ("Trong năm 2024, nhà trường không tổ chức, không tham gia cuộc triển lãm ảnh, tài liệu nào về quyền con "
         "người.", {"exhibitions": 0}),
        ("Nhà trường không chỉ tổ chức triển lãm ảnh mà còn mời phụ huynh tham dự.", {}),
        ("Không có buổi nào bị hoãn.", {}),
        # yes in prose: the school names its spokesperson, then repeats the label as a plain phrase
        ("Nhà trường đã ban hành quyết định phân công Hiệu trưởng là người phát ngôn, thực hiện cơ chế phát ngôn và "
         "cung cấp thông tin cho báo chí theo quy định.", {"spokesperson": True}),
        # label, colon, value
        ("- Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia: 03.", {"exhibitions": 3}),
        ("- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có thực hiện.", {"spokesperson": True}),
        ("- Số buổi tuyên truyền: 12 buổi.", {"sessions": 12}),
        ("Tuyên truyền về quyền con người: 05 buổi, 1.250 lượt tham gia.", {"sessions": 5, "participants": 1250}),
        # fractions: 17 trained of 21 key staff; a date or a school's name is no fraction
        ("Nhà trường cử 17/21 CBQL, GV chủ chốt tham gia lớp tập huấn về truyền thông quyền con người, đạt tỷ lệ 81%.",
         {"key_staff_trained": 17, "key_staff": 21}),
        ("Ngày 15/3/2024 nhà trường cử CBQL, GV chủ chốt tham gia tập huấn.", {}),
        ("Nhà trường đã cử 06 đồng chí CBQL, GV chủ chốt tham gia tập huấn.", {"key_staff_trained": 6}),
        # the same fraction said in words
        ("Cử 20 (hai mươi) đồng chí (trên tổng số 22 đồng chí CBQL, GV chủ chốt) tham gia lớp tập huấn.",
         {"key_staff_trained": 20, "key_staff": 22}),
        # a form's dotted blanks, filled in and left empty
        ("4. Tổng số CBQL, GV chủ chốt: ....34.... người", {"key_staff": 34}),
        ("2. Số lượt người tham gia: ….354…. lượt", {"participants": 354}),
        ("1. Số buổi tuyên truyền về quyền con người: .................. buổi", {}),
        ("3. Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: [x] Có [ ] Không", {"spokesperson": True}),
        # a number said in words after it, a note in brackets after a value, a count typed English style
        ("Tổng số cuộc tuyên truyền đã thực hiện: 3 (ba) cuộc, trong đó có 1 hội nghị phổ biến cho cán bộ.",
         {"sessions": 3}),
        ("Số CBQL, GV chủ chốt của trường: 25 người (số liệu tập huấn sẽ báo cáo bổ sung).", {"key_staff": 25}),
        ("Tổ chức 24 buổi tuyên truyền về quyền con người với 1,901 lượt người tham gia.",
         {"sessions": 24, "participants": 1901}),
        # the sentence's total, not its parts; the figure outside the brackets, not its breakdown
        ("Nội dung được lồng ghép vào 15 tiết chào cờ và 3 buổi ngoại khóa, nâng tổng số buổi tuyên truyền về quyền "
         "con người trong năm lên 22 buổi.", {"sessions": 22}),
        ("Tổ chức, tham gia 03 cuộc triển lãm ảnh, tài liệu về quyền con người (nhà trường tự tổ chức 02 cuộc, tham "
         "gia 01 cuộc).", {"exhibitions": 3}),
        # yes and no said after the name; a heading says nothing
        ("Cơ chế phát ngôn được duy trì thường xuyên: Hiệu trưởng trực tiếp phát ngôn.", {"spokesperson": True}),
        ("Nhà trường phân công đồng chí Hiệu trưởng làm người phát ngôn.", {"spokesperson": True}),
        ("Cơ chế phát ngôn chưa được thực hiện.", {"spokesperson": False}),
        ("3. Thực hiện cơ chế phát ngôn", {}),
        ("Đồng chí Hiệu trưởng trực tiếp phát ngôn và cung cấp thông tin cho báo chí khi có yêu cầu.",
         {"spokesperson": True}),
        # a total, then "trong đó" and its part; the whole written first in a fraction
        ("Tổng số cán bộ quản lý, giáo viên chủ chốt của đơn vị: 14 người, trong đó đã được tập huấn, bồi dưỡng về "
         "quyền con người: 09 người (đạt 64%).", {"key_staff": 14, "key_staff_trained": 9}),
        ("CBQL, GV chủ chốt (tổng số / đã được tập huấn): 10 / 08 đồng chí;", {"key_staff": 10, "key_staff_trained": 8}),
        ("a) Số CBQL, GV chủ chốt được tập huấn về quyền con người: 14 đồng chí (trên tổng số 30 đồng chí chủ chốt).",
         {"key_staff_trained": 14, "key_staff": 30}),
        # two figures, each with its own clause; last year's in brackets; page visits are no participants
        ("Phát hiện 02 tin giả, phối hợp xử lý 01 tin.", {"fake_news_detected": 2, "fake_news_handled": 1}),
        ("Năm 2024, nhà trường tổ chức 12 buổi tuyên truyền về quyền con người (năm 2023: 09 buổi);", {"sessions": 12}),
        ("Đăng 38 tin, bài trên trang thông tin điện tử của trường, thu hút 7.394 lượt truy cập.", {}),
        # none of it, the metric after "nào"; a spaced dotted blank
        ("Không có tin giả, tin xấu độc nào về quyền con người được phát hiện tại đơn vị; vì vậy không phát sinh việc "
         "phối hợp xử lý.", {"fake_news_detected": 0, "fake_news_handled": 0}),
        ("b) Tổng số lượt người tham gia: . . . . .972. . . . . (lượt)", {"participants": 972}),
        ("a) Tổng số buổi đã tổ chức: . . . . .. . . . .. . . . .", {}),
        # two metrics in brackets, their figures in order; those sent to training; nothing found, the verb first
        ("• Tin giả, tin xấu độc về quyền con người (phát hiện / đã phối hợp xử lý): 02/01.",
         {"fake_news_detected": 2, "fake_news_handled": 1}),
        ("Nhà trường cử 04 đồng chí CBQL, GV chủ chốt (Phó Hiệu trưởng, tổ trưởng chuyên môn) tham dự lớp tập huấn "
         "truyền thông về quyền con người do Phòng GDĐT tổ chức.", {"key_staff_trained": 4}),
        ("Không phát hiện trường hợp nào đăng tải, chia sẻ tin giả, tin xấu độc về quyền con người.",
         {"fake_news_detected": 0}),
    ],
)  # fmt: skip
def test_prose_family(text: str, values: dict[str, object], defined: ParseSpec) -> None:
    assert read(defined, text) == values


def test_a_heading_does_not_answer_for_the_negated_paragraph(defined: ParseSpec) -> None:
    heading = "3. Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí"
    body = "Đơn vị chưa ban hành quyết định về người phát ngôn, chưa cung cấp thông tin cho báo chí."
    assert read(defined, heading, body) == {"spokesperson": False}


def test_without_definitions_the_old_configs_still_read(spec: ParseSpec) -> None:
    text = "Nhà trường đã tổ chức 05 buổi tuyên truyền về quyền con người với 1.250 lượt học sinh tham gia."
    assert read(spec, text) == {"sessions": 5, "participants": 1250}


def test_a_banner_sentence_before_the_real_one_in_a_document(defined: ParseSpec) -> None:
    body = [
        "Nhà trường treo 04 băng rôn, pano, áp phích tuyên truyền về quyền con người tại cổng trường.",
        "Trong năm, nhà trường đã tổ chức 09 buổi tuyên truyền với 1.130 lượt học sinh tham gia.",
        "Tổng số cán bộ, giáo viên, nhân viên: 41 người.",
        "Nhà trường cử 17/21 CBQL, GV chủ chốt tham gia lớp tập huấn về truyền thông quyền con người, đạt tỷ lệ 81%.",
        "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có thực hiện.",
        "- Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia: 03.",
        "Nhà trường không phát hiện tin giả nào.",
    ]
    title = ["BÁO CÁO", "Kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024", TO_OFFICE]
    (report,) = parse_attachment(docx(title=title, body=body), filename="x.docx", spec=defined)
    assert report.to_json()["metrics"] == {
        "sessions": 9, "participants": 1130, "spokesperson": True, "key_staff": 21, "key_staff_trained": 17,
        "exhibitions": 3, "fake_news_detected": 0,
    }  # fmt: skip
    assert report.cycle == "qcn-2024"


def test_an_unticked_form_line_says_nothing(defined: ParseSpec) -> None:
    line = "Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí: Có ☐ Không ☐"
    assert read(defined, line) == {}
    assert read(defined, line.replace("Không ☐", "Không ☒")) == {"spokesperson": False}


def test_a_label_filling_its_line_and_its_value_wrapped_under_it_are_one_paragraph() -> None:
    label = "- Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí:"
    joined = join_lines(join_wrapped_values([Line(label, True), Line("Có thực hiện.", False)]), 1)
    assert [p.text for p in joined] == [f"{label} Có thực hiện."]
    heading = [Line("Nơi nhận:", False), Line("- Như trên;", False)]
    assert len(join_lines(join_wrapped_values(heading), 1)) == 2


def test_a_numbered_heading_is_not_a_figure(defined: ParseSpec) -> None:
    # OCR reads the heading's "5." as "5,": its only number is the item's
    heading = "5, Phát hiện, xử lý tin giả, tin xấu độc trên không gian mạng"
    assert read(defined, heading) == {}
    assert read(defined, "Phát hiện, xử lý 5 tin giả, tin xấu độc trên không gian mạng.") != {}


def _confidences(spec: ParseSpec, para: Paragraph) -> dict[str, float]:
    values = choose(MetricReader(spec.metrics).read(Extracted("ocr", [para])), spec.metrics)
    return {v.key: v.confidence for v in values}


@pytest.mark.parametrize(
    "text",
    [
        "Nhà trường tổ chức được 18 buổi tuyên truyền về quyền con người.",
        "- Số buổi tuyên truyền về quyền con người: 18",
    ],
)
def test_a_figure_ocr_read_with_low_confidence_is_in_doubt(text: str, defined: ParseSpec) -> None:
    sure = _confidences(defined, Paragraph(text))
    doubted = _confidences(defined, Paragraph(text, doubtful=("18",)))
    assert sure["sessions"] >= defined.review_below > doubted["sessions"]


def test_a_doubtful_word_beside_a_figure_leaves_it_sure(defined: ParseSpec) -> None:
    text = "Nhà trường tổ chức được 12 buổi tuyên truyền năm 2024-2025."
    para = Paragraph(text, doubtful=("truyền", "2024-2025."))
    assert _confidences(defined, para)["sessions"] >= defined.review_below
