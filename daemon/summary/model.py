"""The input of the compiled summary: plain frozen values the daemon builds from its state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

MetricValue = int | float | bool | str | None

# Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset needs no tz database.
VN_TZ = timezone(timedelta(hours=7), "ICT")

METRIC_TYPES = ("count", "percent", "yesno", "text")
TARGET_KINDS = ("share_yes", "ratio")
STATUSES = ("on_time", "late", "missing", "needs_review")


@dataclass(frozen=True)
class OfficeInfo:
    name: str
    short_name: str
    parent_body: str | None
    place: str
    email: str
    report_to: tuple[str, ...]
    signer_title: str
    signer_name: str | None
    # The issuer line of the header; None derives it from name (the locality shared with parent_body dropped).
    header_name: str | None = None


@dataclass(frozen=True)
class MetricInfo:
    key: str
    label: str
    type: str  # count | percent | yesno | text


@dataclass(frozen=True)
class TargetInfo:
    key: str
    label: str
    kind: str  # share_yes | ratio
    target: float  # percent, 0-100
    metric: str | None = None
    numerator: str | None = None
    denominator: str | None = None


@dataclass(frozen=True)
class SchoolResult:
    id: str
    name: str
    level: str  # MN | TH | TH-THCS | THCS
    status: str  # on_time | late | missing | needs_review
    submitted_at: datetime | None
    files: tuple[str, ...]
    metrics: Mapping[str, MetricValue]
    difficulties: str | None
    proposals: str | None
    problems: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SummaryData:
    office: OfficeInfo
    cycle_id: str
    cycle_title: str
    opens: date
    due: date
    metrics: tuple[MetricInfo, ...]
    targets: tuple[TargetInfo, ...]
    schools: tuple[SchoolResult, ...]
    generated_at: datetime
