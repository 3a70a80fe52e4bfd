import dataclasses

import pytest

from daemon.summary import TargetInfo, compute_totals, upward_view
from daemon.summary.labels import (
    NO_DATA,
    fmt_fraction,
    fmt_metric_total,
    fmt_number,
    fmt_percent,
    fmt_verdict,
)
from tests.summary.conftest import SCHOOLS, all_missing, make_data


def test_status_counts_overall_and_by_level(data):
    totals = compute_totals(data)
    o = totals.overall
    assert (o.expected, o.received, o.on_time, o.late, o.needs_review, o.missing) == (5, 4, 2, 1, 1, 1)
    assert list(totals.by_level) == ["MN", "TH", "TH-THCS", "THCS"]
    assert totals.by_level["MN"].on_time == 2
    assert totals.by_level["TH-THCS"].missing == 1


def test_count_metrics_sum_reporting_schools_only(data):
    metrics = compute_totals(data).metrics
    assert (metrics["sessions"].value, metrics["sessions"].reporting) == (10, 4)
    # a boolean is not a count, and the missing school's figures are ignored
    assert (metrics["participants"].value, metrics["participants"].reporting) == (1350, 3)
    assert (metrics["key_staff"].value, metrics["key_staff"].reporting) == (40, 3)


def test_percent_metric_is_the_mean_of_reporting_schools(data):
    total = compute_totals(data).metrics["pupils_reached"]
    assert (total.value, total.reporting, total.total) == (85.5, 2, 171)
    assert fmt_metric_total(total) == "85,5% (bình quân)"


def test_yesno_metric_counts_true_over_reporting(data):
    total = compute_totals(data).metrics["spokesperson"]
    assert (total.value, total.reporting, total.share) == (3, 4, 75.0)
    assert fmt_metric_total(total) == "3/4 trường (75%)"


def test_targets_share_yes_and_ratio(data):
    spokes, trained, fake = compute_totals(data).targets
    assert (spokes.numerator, spokes.denominator, spokes.percent, spokes.met) == (3, 4, 75.0, False)
    assert (trained.numerator, trained.denominator, trained.percent, trained.met) == (30, 40, 75.0, True)
    assert trained.schools == 3
    assert (fake.numerator, fake.denominator, fake.percent, fake.met) == (4, 5, 80.0, False)


def test_zero_denominator_is_no_data_not_an_error():
    schools = tuple(
        dataclasses.replace(s, metrics={**s.metrics, "fake_news_detected": 0, "fake_news_handled": 0})
        for s in SCHOOLS
    )
    fake = compute_totals(make_data(schools)).targets[2]
    assert (fake.denominator, fake.percent, fake.met) == (0, None, None)
    assert fmt_fraction(fake) == fmt_percent(fake.percent) == fmt_verdict(fake) == NO_DATA


def test_no_submissions_gives_no_data_everywhere():
    totals = compute_totals(all_missing())
    assert totals.overall.received == 0
    assert all(t.percent is None and t.met is None for t in totals.targets)
    assert all(fmt_metric_total(m) == NO_DATA for m in totals.metrics.values())


def test_no_schools_at_all():
    totals = compute_totals(make_data(()))
    assert totals.overall.expected == 0 and totals.by_level == {}


def test_target_met_at_exactly_the_target():
    target = TargetInfo("t", "Tỷ lệ", "ratio", 75, numerator="key_staff_trained", denominator="key_staff")
    assert compute_totals(make_data(targets=(target,))).targets[0].met is True


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (1250, "1.250"), (92.14, "92,1"), (1234567.5, "1.234.567,5"), (None, NO_DATA)],
)
def test_vietnamese_number_format(value, text):
    assert fmt_number(value) == text


def test_upward_view_knows_only_sent_on_time_late_or_not_sent(data):
    claim = dataclasses.replace(
        SCHOOLS[0], status="needs_review", submitted_at=None, problems=("R7: thư lạ",)
    )
    late_review = dataclasses.replace(
        SCHOOLS[2], submitted_at=SCHOOLS[1].submitted_at
    )  # 18/11, after the due date
    upward = upward_view(make_data((claim, SCHOOLS[1], late_review, *SCHOOLS[3:])))
    assert [s.status for s in upward.schools] == ["missing", "late", "late", "missing", "on_time"]
    assert upward.schools[0].metrics == {} and all(s.problems == () for s in upward.schools)
    assert upward_view(data).schools[2].status == "on_time"  # under review, arrived 12/11: on time
