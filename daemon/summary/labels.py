"""Vietnamese wording and number formats shared by the docx, xlsx, chart and email."""

from __future__ import annotations

import re
from datetime import date, datetime

from daemon.summary.model import VN_TZ, MetricInfo, OfficeInfo, SummaryData
from daemon.summary.totals import MetricTotal, TargetValue

NO_DATA = "chưa có số liệu"

STATUS_LABELS = {
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "missing": "Chưa gửi",
    "needs_review": "Cần xem lại",
}

LEVEL_LABELS = {
    "MN": "Mầm non",
    "TH": "Tiểu học",
    "TH-THCS": "Tiểu học và THCS",
    "THCS": "Trung học cơ sở",
}


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def fmt_number(value: int | float | None, decimals: int = 1) -> str:
    """Vietnamese digits: '.' groups thousands, ',' marks decimals; whole numbers lose the ',0'."""
    if value is None:
        return NO_DATA
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        text = f"{int(rounded):,}"
        return text.replace(",", ".")
    text = f"{rounded:,.{decimals}f}".rstrip("0")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def fmt_percent(value: float | None) -> str:
    return NO_DATA if value is None else f"{fmt_number(value)}%"


def fmt_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def fmt_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(VN_TZ) if moment.tzinfo else moment
    return f"{fmt_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def local_naive(moment: datetime | None) -> datetime | None:
    """Vietnam wall-clock time without tzinfo (Excel cells cannot carry a zone)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(VN_TZ).replace(tzinfo=None)


def fmt_metric_value(metric: MetricInfo, value: object) -> str:
    """One school's value as printed in tables."""
    if value is None or value == "":
        return ""
    if metric.type == "yesno" and isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return fmt_percent(value) if metric.type == "percent" else fmt_number(value)
    return str(value)


def fmt_metric_total(total: MetricTotal) -> str:
    if total.type == "text":
        return f"{total.reporting} trường có nội dung" if total.reporting else NO_DATA
    if total.reporting == 0:
        return NO_DATA
    if total.type == "yesno":
        return f"{fmt_number(total.value)}/{total.reporting} trường ({fmt_percent(total.share)})"
    if total.type == "percent":
        return f"{fmt_percent(total.value)} (bình quân)"
    return fmt_number(total.value)


def fmt_fraction(target: TargetValue) -> str:
    if target.denominator == 0:
        return NO_DATA
    unit = " trường" if target.kind == "share_yes" else ""
    return f"{fmt_number(target.numerator)}/{fmt_number(target.denominator)}{unit}"


NOT_JUDGED = "Chưa đánh giá"


def fmt_verdict(target: TargetValue) -> str:
    if target.met is None:
        return NO_DATA
    if not target.judged:
        return NOT_JUDGED
    return "Đạt" if target.met else "Chưa đạt"


def subject_line(data: SummaryData) -> str:
    """The trích yếu: the cycle title without its leading 'Báo cáo', first letter capitalised."""
    title = re.sub(r"^\s*báo\s+cáo\s*:?\s*", "", data.cycle_title, flags=re.IGNORECASE).strip()
    title = title or data.cycle_title.strip()
    return title[:1].upper() + title[1:]


def header_name(office: OfficeInfo) -> str:
    """The issuer as printed under the parent body: 'Phòng GDĐT thành phố X' under 'UBND thành phố X' loses
    the locality both share."""
    if office.header_name:
        return office.header_name
    if not office.parent_body:
        return office.name
    name, parent = office.name.split(), office.parent_body.split()
    shared = 0
    while shared < min(len(name), len(parent)) and name[-1 - shared].lower() == parent[-1 - shared].lower():
        shared += 1
    if shared >= 2 and shared < len(name):
        return " ".join(name[:-shared])
    return office.name


def date_line(place: str, moment: datetime) -> str:
    """'<place>, ngày      tháng MM năm YYYY': the day is left for the clerk who numbers the document."""
    local = moment.astimezone(VN_TZ) if moment.tzinfo else moment
    month = f"{local.month:02d}" if local.month < 3 else str(local.month)
    return f"{place}, ngày      tháng {month} năm {local.year}"


def plain_problem(problem: str, metrics: tuple[MetricInfo, ...]) -> str:
    """A problem as staff read it: a leading metric key ("contests: đọc được 1, nơi khác ghi 3") becomes the
    metric's Vietnamese label."""
    head, sep, rest = problem.partition(": ")
    labels = {m.key: m.label for m in metrics}
    if sep and head.strip() in labels:
        return f"{labels[head.strip()]}: {rest}"
    return problem


def school_names(names: list[str]) -> str:
    return "; ".join(names)
