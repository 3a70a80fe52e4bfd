"""Synthetic but plausible summary data: for the benchmark, the demo and rendering checks."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from daemon.summary.labels import VN_TZ
from daemon.summary.model import MetricInfo, OfficeInfo, SchoolResult, SummaryData, TargetInfo

OFFICE = OfficeInfo(
    name="Phòng Giáo dục và Đào tạo thành phố Điện Biên Phủ",
    short_name="PGDĐT",
    parent_body="UBND thành phố Điện Biên Phủ",
    place="Điện Biên Phủ",
    email="hoanganhgiang.dienbien@gmail.com",
    report_to=("Sở Giáo dục và Đào tạo tỉnh Điện Biên", "UBND thành phố Điện Biên Phủ"),
    signer_title="TRƯỞNG PHÒNG",
    signer_name="Lê Thị Hồng",
)

METRICS = (
    MetricInfo("sessions", "Số buổi tuyên truyền về quyền con người", "count"),
    MetricInfo("participants", "Số lượt người tham gia tuyên truyền", "count"),
    MetricInfo("spokesperson", "Thực hiện cơ chế phát ngôn và cung cấp thông tin cho báo chí", "yesno"),
    MetricInfo("key_staff", "Số cán bộ quản lý, giáo viên chủ chốt", "count"),
    MetricInfo(
        "key_staff_trained", "Số CBQL, GV chủ chốt được tập huấn về truyền thông quyền con người", "count"
    ),
    MetricInfo(
        "exhibitions", "Số cuộc triển lãm ảnh, tài liệu về quyền con người đã tổ chức hoặc tham gia", "count"
    ),
    MetricInfo("fake_news_detected", "Số tin giả, tin xấu độc về quyền con người phát hiện", "count"),
    MetricInfo("fake_news_handled", "Số tin giả, tin xấu độc đã phối hợp xử lý", "count"),
)

TARGETS = (
    TargetInfo(
        "spokesperson_share",
        "Tỷ lệ trường thực hiện cơ chế phát ngôn",
        "share_yes",
        100,
        metric="spokesperson",
    ),
    TargetInfo(
        "key_staff_trained_share",
        "Tỷ lệ CBQL, GV chủ chốt được tập huấn",
        "ratio",
        70,
        numerator="key_staff_trained",
        denominator="key_staff",
    ),
    TargetInfo(
        "fake_news_handled_share",
        "Tỷ lệ tin giả, tin xấu độc được phát hiện và xử lý",
        "ratio",
        90,
        numerator="fake_news_handled",
        denominator="fake_news_detected",
    ),
)

_NAMES = {
    "MN": ["20/10", "Hoa Ban", "Hoa Hồng", "Họa Mi", "Thanh Bình", "Thanh Trường", "Him Lam", "Nam Thanh"],
    "TH": ["Him Lam", "Noong Bua", "Bế Văn Đàn", "Số 2 Nà Nhạn", "Mường Phăng", "Hà Nội - Điện Biên Phủ"],
    "TH-THCS": ["Thanh Trường", "Thanh Minh", "Tà Lèng"],
    "THCS": ["Trần Can", "Nguyễn Trãi", "Thanh Bình", "Him Lam", "Noong Bua"],
}
_PREFIX = {
    "MN": "Trường Mầm non",
    "TH": "Trường Tiểu học",
    "TH-THCS": "Trường TH-THCS",
    "THCS": "Trường THCS",
}
# What schools write in section IV of their reports, varied the way 40 schools' reports vary: one theme or
# several, short or long, some addressed to the office itself ("Đề nghị Phòng GDĐT ...").
_DIFFICULTIES = [
    "Cơ sở vật chất phục vụ tuyên truyền còn thiếu; một số giáo viên chưa được tập huấn kỹ năng truyền thông.",
    "Học sinh là người dân tộc thiểu số, việc tuyên truyền bằng tiếng Việt còn hạn chế.",
    "Kinh phí cho hoạt động triển lãm ảnh về quyền con người chưa được bố trí.",
    "Nhà trường chưa có kinh phí in tài liệu, tờ rơi tuyên truyền; máy chiếu đã hỏng nhiều năm.",
    "Giáo viên phụ trách công tác truyền thông đều kiêm nhiệm, thiếu thời gian đầu tư cho hoạt động.",
    "Trường có nhiều điểm trường lẻ ở vùng sâu, vùng xa, đi lại khó khăn nên việc tổ chức tuyên truyền tập "
    "trung còn hạn chế.",
    "Một bộ phận phụ huynh chưa quan tâm, phối hợp với nhà trường trong công tác giáo dục quyền con người.",
    "Tài liệu tuyên truyền về quyền con người dành cho lứa tuổi mầm non còn ít, chưa phù hợp với trẻ.",
    "Đường truyền internet yếu, không đủ để tổ chức tuyên truyền trực tuyến cho học sinh.",
    "Một số học sinh sử dụng mạng xã hội chưa có chọn lọc, dễ tiếp nhận tin giả, tin xấu độc.",
    "Nhà trường chưa có cán bộ phụ trách riêng; chương trình học nhiều, thời gian còn hạn chế.",
    "Không có.",
]
_PROPOSALS = [
    "Đề nghị Phòng GDĐT tổ chức lớp tập huấn kỹ năng truyền thông về quyền con người cho giáo viên chủ chốt.",
    "Đề nghị cấp tài liệu tuyên truyền song ngữ Việt - Thái.",
    "Đề nghị Phòng GD&ĐT tham mưu UBND thành phố bố trí kinh phí cho hoạt động tuyên truyền năm 2025.",
    "Đề nghị cấp trên hỗ trợ trang thiết bị: máy chiếu, loa di động phục vụ tuyên truyền dưới cờ.",
    "Đề nghị bổ sung biên chế nhân viên phụ trách công nghệ thông tin cho nhà trường.",
    "Đề nghị chính quyền địa phương phối hợp tuyên truyền tại các thôn, bản có học sinh theo học.",
    "Đề nghị Phòng GDĐT cung cấp bộ tài liệu mẫu và hướng dẫn cách phát hiện, xử lý tin giả trên mạng xã hội.",
    "Đề nghị tổ chức giao lưu, học tập kinh nghiệm giữa các trường trong thành phố.",
]


def sample_data(schools: int = 41, *, seed: int = 2024, missing_share: float = 0.08) -> SummaryData:
    """A cycle like qcn-2024 with `schools` schools, mostly submitted, a few late, missing or to review."""
    rng = random.Random(seed)
    due = date(2024, 11, 14)
    levels = list(_NAMES)
    rows = []
    for i in range(schools):
        level = levels[i % len(levels)]
        names = _NAMES[level]
        base = names[(i // len(levels)) % len(names)]
        suffix = "" if i < len(levels) * len(names) else f" {i // (len(levels) * len(names)) + 1}"
        roll = rng.random()
        status = (
            "missing"
            if roll < missing_share
            else "late"
            if roll < missing_share + 0.1
            else "needs_review"
            if roll < missing_share + 0.15
            else "on_time"
        )
        rows.append(_school(rng, i, level, f"{_PREFIX[level]} {base}{suffix}", status, due))
    return SummaryData(
        office=OFFICE,
        cycle_id="qcn-2024",
        cycle_title="Báo cáo kết quả thực hiện Đề án Truyền thông về Quyền con người năm 2024",
        opens=date(2024, 10, 1),
        due=due,
        metrics=METRICS,
        targets=TARGETS,
        schools=tuple(rows),
        generated_at=datetime(2024, 11, 20, 8, 0, tzinfo=VN_TZ),
    )


def _school(rng: random.Random, i: int, level: str, name: str, status: str, due: date) -> SchoolResult:
    sid = f"{level.lower()}-{i:03d}"
    if status == "missing":
        return SchoolResult(sid, name, level, status, None, (), {}, None, None, ())
    day = (
        due - timedelta(days=rng.randint(0, 20))
        if status != "late"
        else due + timedelta(days=rng.randint(1, 5))
    )
    submitted = datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59), tzinfo=VN_TZ)
    staff = rng.randint(8, 30)
    detected = rng.randint(0, 4)
    metrics: dict[str, int | bool | None] = {
        "sessions": rng.randint(2, 12),
        "participants": rng.randint(80, 1200),
        "spokesperson": rng.random() < 0.9,
        "key_staff": staff,
        "key_staff_trained": rng.randint(staff // 2, staff),
        "exhibitions": rng.randint(0, 2),
        "fake_news_detected": detected,
        "fake_news_handled": rng.randint(max(detected - 1, 0), detected),
    }
    problems: tuple[str, ...] = ()
    if status == "needs_review":
        metrics["key_staff_trained"] = None
        problems = ("Không đọc được số CBQL, GV chủ chốt được tập huấn",)
    return SchoolResult(
        sid,
        name,
        level,
        status,
        submitted,
        (f"Báo cáo QCN 2024 - {name}.docx",),
        metrics,
        _pick(rng, _DIFFICULTIES, 0.8),
        _pick(rng, _PROPOSALS, 0.6),
        problems,
    )


def _pick(rng: random.Random, texts: list[str], share: float) -> str | None:
    """One or two of the texts (joined as a school would write them), or None for a school that wrote nothing."""
    if rng.random() >= share:
        return None
    chosen = rng.sample(texts, 2 if rng.random() < 0.35 else 1)
    if len(chosen) == 2 and "Không có." in chosen:  # "Không có." is said alone or not at all
        chosen.remove("Không có.")
    return " ".join(chosen)
