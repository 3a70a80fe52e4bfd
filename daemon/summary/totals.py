"""Arithmetic of the summary: submission counts, metric totals and progress against the plan's targets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from daemon.summary.model import VN_TZ, MetricInfo, MetricValue, SchoolResult, SummaryData, TargetInfo

# Levels in the order an education office lists them; unknown levels follow in order of appearance.
LEVEL_ORDER = ("MN", "TH", "TH-THCS", "THCS")


@dataclass(frozen=True)
class StatusCounts:
    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    needs_review: int = 0

    @property
    def received(self) -> int:
        """Schools whose report arrived, whatever its state."""
        return self.expected - self.missing


@dataclass(frozen=True)
class MetricTotal:
    key: str
    label: str
    type: str
    reporting: int  # schools that gave a usable value
    value: int | float | None  # count: sum; percent: mean; yesno: number true; text: None
    total: int | float  # the additive part: count/percent: sum of values; yesno: number true
    share: float | None = None  # yesno only: percent of reporting schools answering yes


@dataclass(frozen=True)
class TargetValue:
    key: str
    label: str
    kind: str
    numerator: int | float  # share_yes: schools answering yes; ratio: sum of the numerator metric
    denominator: int | float  # share_yes: schools answering; ratio: sum of the denominator metric
    schools: int  # schools counted
    percent: float | None  # None when the denominator is 0 ("chưa có số liệu")
    target: float
    met: bool | None  # None when there is no figure yet
    # A verdict (Đạt / Chưa đạt) is given only once at least half of the expected schools reported: 4 schools'
    # figures say nothing about 41.
    judged: bool = True


@dataclass(frozen=True)
class Totals:
    overall: StatusCounts
    by_level: dict[str, StatusCounts]
    metrics: dict[str, MetricTotal]
    targets: tuple[TargetValue, ...]

    @property
    def expected(self) -> int:
        return self.overall.expected

    @property
    def received(self) -> int:
        return self.overall.received


def compute_totals(data: SummaryData) -> Totals:
    """Everything the documents print, computed once from the model."""
    overall = _count(data.schools)
    judged = enough_reported(overall)
    return Totals(
        overall=overall,
        by_level={level: _count([s for s in data.schools if s.level == level]) for level in levels(data)},
        metrics={m.key: _metric_total(m, data.schools) for m in data.metrics},
        targets=tuple(_target_value(t, data.schools, judged) for t in data.targets),
    )


def enough_reported(counts: StatusCounts) -> bool:
    """At least half of the expected schools have reported: the plan's targets can be judged."""
    return counts.expected > 0 and 2 * counts.received >= counts.expected


def upward_view(data: SummaryData) -> SummaryData:
    """The cycle as the office reports it upward: a school has sent its report (on time or late by its arrival)
    or has not. Review matters stay with the staff: a report awaiting review counts by its arrival, and a
    school with only an unaccepted claim or an uncounted mail has not reported."""
    return dataclasses.replace(data, schools=tuple(_upward_school(s, data) for s in data.schools))


def _upward_school(school: SchoolResult, data: SummaryData) -> SchoolResult:
    if school.status != "needs_review":
        return dataclasses.replace(school, problems=())
    if school.submitted_at is None:
        return dataclasses.replace(
            school, status="missing", files=(), metrics={}, difficulties=None, proposals=None, problems=()
        )
    arrived = (
        school.submitted_at.astimezone(VN_TZ).date()
        if school.submitted_at.tzinfo
        else school.submitted_at.date()
    )
    return dataclasses.replace(school, status="on_time" if arrived <= data.due else "late", problems=())


def levels(data: SummaryData) -> list[str]:
    seen = {s.level for s in data.schools}
    extra = [lv for lv in dict.fromkeys(s.level for s in data.schools) if lv not in LEVEL_ORDER]
    return [lv for lv in LEVEL_ORDER if lv in seen] + extra


def reported(school: SchoolResult) -> bool:
    """A school's figures count once its report arrived (on time, late or awaiting review)."""
    return school.status != "missing"


def number(value: MetricValue) -> int | float | None:
    """A usable number, or None: booleans and text are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinity from a bad parse
        return None
    return value


def yes_no(value: MetricValue) -> bool | None:
    return value if isinstance(value, bool) else None


def _count(schools: list[SchoolResult] | tuple[SchoolResult, ...]) -> StatusCounts:
    statuses = [s.status for s in schools]
    return StatusCounts(
        expected=len(statuses),
        on_time=statuses.count("on_time"),
        late=statuses.count("late"),
        missing=statuses.count("missing"),
        needs_review=statuses.count("needs_review"),
    )


def _metric_total(metric: MetricInfo, schools: tuple[SchoolResult, ...]) -> MetricTotal:
    values = [s.metrics.get(metric.key) for s in schools if reported(s)]
    if metric.type == "yesno":
        answers = [a for a in map(yes_no, values) if a is not None]
        yes = sum(answers)
        share = 100.0 * yes / len(answers) if answers else None
        return MetricTotal(
            metric.key, metric.label, metric.type, len(answers), yes if answers else None, yes, share
        )
    if metric.type in ("count", "percent"):
        numbers = [n for n in map(number, values) if n is not None]
        total = sum(numbers)
        if not numbers:
            value: int | float | None = None
        elif metric.type == "percent":
            value = total / len(numbers)
        else:
            value = total
        return MetricTotal(metric.key, metric.label, metric.type, len(numbers), value, total)
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    return MetricTotal(metric.key, metric.label, metric.type, len(texts), None, 0)


def _target_value(target: TargetInfo, schools: tuple[SchoolResult, ...], judged: bool) -> TargetValue:
    numerator: int | float = 0
    denominator: int | float = 0
    counted = 0
    for school in filter(reported, schools):
        if target.kind == "share_yes":
            answer = yes_no(school.metrics.get(target.metric or ""))
            if answer is None:
                continue
            numerator, denominator = numerator + answer, denominator + 1
        else:
            num = number(school.metrics.get(target.numerator or ""))
            den = number(school.metrics.get(target.denominator or ""))
            if num is None or den is None:
                continue
            numerator, denominator = numerator + num, denominator + den
        counted += 1
    percent = 100.0 * numerator / denominator if denominator else None
    met = None if percent is None else percent >= target.target - 1e-9
    return TargetValue(
        target.key,
        target.label,
        target.kind,
        numerator,
        denominator,
        counted,
        percent,
        target.target,
        met,
        judged,
    )
