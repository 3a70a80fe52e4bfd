"""The keyword rules of section IV, as a table a clerk can check: text -> themes."""

import pytest

from daemon.summary.themes import OTHER, group_by_theme, says_nothing, short_school_name, themes_of

ROWS = [
    ("Thiếu kinh phí in tài liệu tuyên truyền.", ["funding", "materials"]),
    ("Kinh phí cho hoạt động triển lãm ảnh chưa được bố trí.", ["funding"]),
    ("Một số giáo viên chưa được tập huấn kỹ năng truyền thông.", ["training"]),
    ("Máy chiếu hỏng, đường truyền internet yếu.", ["facilities"]),
    ("Giáo viên phụ trách đều kiêm nhiệm.", ["staffing"]),
    ("Học sinh dân tộc thiểu số còn hạn chế tiếng Việt.", ["language"]),
    ("Chương trình học nhiều, thời gian còn hạn chế.", ["time"]),
    ("Trong thời gian qua nhà trường đã làm tốt.", ["other"]),  # "thời gian qua" is not a lack of time
    ("Phụ huynh chưa quan tâm phối hợp.", ["cooperation"]),
    ("Điểm trường lẻ ở vùng sâu, đi lại khó khăn.", ["area"]),
    ("Học sinh dễ tiếp nhận tin giả trên mạng xã hội.", ["online"]),
    ("Việc phát triển mạnh mẽ phong trào còn chậm.", ["other"]),  # "mạnh" is not "mạng"
    ("KINH PHÍ HẠN HẸP", ["funding"]),
]


@pytest.mark.parametrize(("text", "keys"), ROWS, ids=[r[0][:30] for r in ROWS])
def test_theme_rules(text, keys):
    assert [t.key for t in themes_of(text)] == keys


@pytest.mark.parametrize("text", ["Không có.", "Không", "không có khó khăn, vướng mắc gì.", "Chưa có", "  "])
def test_saying_nothing_is_not_a_difficulty(text):
    assert says_nothing(text) and group_by_theme([("MN A", text)]) == []


def test_not_nothing_when_it_names_a_lack():
    assert not says_nothing("Không có máy chiếu.")


def test_groups_count_each_school_once_most_cited_first_other_last():
    groups = group_by_theme(
        [
            ("MN A", "Thiếu kinh phí. Kinh phí in tài liệu chưa có."),
            ("TH B", "Thiếu kinh phí."),
            ("THCS C", "Một vấn đề riêng."),
            ("TH D", "Thiếu tài liệu."),
            ("TH E", "Thiếu tài liệu và kinh phí."),
        ]
    )
    assert [(g.theme.key, g.schools) for g in groups] == [
        ("funding", ("MN A", "TH B", "TH E")),
        ("materials", ("MN A", "TH D", "TH E")),
        (OTHER.key, ("THCS C",)),
    ]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Trường Mầm non Hoa Ban", "MN Hoa Ban"),
        ("Trường Tiểu học Him Lam", "TH Him Lam"),
        ("Trường THCS Trần Can", "THCS Trần Can"),
        ("Trường Trung học cơ sở Noong Bua", "THCS Noong Bua"),
        ("Trường TH-THCS Thanh Minh", "TH-THCS Thanh Minh"),
        ("Trường PTDTBT TH Mường Phăng", "PTDTBT TH Mường Phăng"),
    ],
)
def test_short_school_names(name, short):
    assert short_school_name(name) == short
