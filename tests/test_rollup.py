"""A roll-up of roll-ups: the level above reads a ward's summary.json as that ward's one submission."""

from __future__ import annotations

from pathlib import Path

from daemon.summary import compute_totals, write_summary
from daemon.summary.jsonfile import SCHEMA
from daemon.summary.sample import sample_data
from parsers import CycleRef, MetricSpec, ParseSpec, SchoolRef, is_report_file, parse_attachment
from parsers.formats.rollup import SUMMARY_SCHEMA


def test_the_parser_knows_the_schema_the_summary_writes() -> None:
    assert SUMMARY_SCHEMA == SCHEMA


def test_a_summary_json_parses_to_the_offices_totals(tmp_path: Path) -> None:
    data = sample_data(30)
    totals = compute_totals(data)
    files = write_summary(data, tmp_path)
    raw = files.json.read_bytes()
    spec = ParseSpec(
        schools=(SchoolRef("phong-dbp", data.office.name),),
        cycles=(CycleRef(data.cycle_id, data.cycle_title, data.opens, data.due),),
        metrics=tuple(MetricSpec(m.key, m.label, (), m.type) for m in data.metrics),
    )
    assert is_report_file(files.json.name, raw)
    (report,) = parse_attachment(raw, filename=files.json.name, spec=spec)
    assert (report.text_source, report.school_id, report.cycle) == ("summary", "phong-dbp", data.cycle_id)
    got = {m.key: m.value for m in report.metrics}
    for key, total in totals.metrics.items():
        if total.type == "count" and total.reporting:
            assert got[key] == total.value, key
    assert not report.problems


def test_any_other_json_is_not_a_report() -> None:
    assert not is_report_file("data.json", b'{"schema": "other"}')
