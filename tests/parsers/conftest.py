"""The parse spec the office really uses: config.yaml's metrics and cycles, roster.csv's schools."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from pathlib import Path

import pytest
import yaml

from parsers import CycleRef, MetricSpec, ParseSpec, SchoolRef

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def office_spec() -> ParseSpec:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    with (ROOT / "roster.csv").open(encoding="utf-8") as fh:
        schools = tuple(SchoolRef(row["id"], row["name"]) for row in csv.DictReader(fh))
    cycles = tuple(
        CycleRef(c["id"], c["title"], c["opens"], c["due"], tuple(c.get("keywords", ())))
        for c in config["cycles"]
    )
    metrics = tuple(
        MetricSpec(
            m["key"],
            m["label"],
            tuple(m.get("aliases", ())),
            m["type"],
            m.get("required", False),
            m.get("at_most"),
        )  # fmt: skip
        for m in config["metrics"]
    )
    return ParseSpec(schools=schools, cycles=cycles, metrics=metrics)


@pytest.fixture(scope="session")
def spec() -> ParseSpec:
    return office_spec()


def plan_cycles(spec: ParseSpec) -> tuple[CycleRef, ...]:
    """What the daemon gives the parser: each plan year's cycle (qcn-2024 ... qcn-2028, the same keywords)
    and an ad hoc cycle whose keywords are empty."""
    first = spec.cycles[0]
    yearly = tuple(
        CycleRef(
            f"qcn-{y}",
            first.title.replace("2024", str(y)),
            first.opens.replace(year=y),
            first.due.replace(year=y),
            first.keywords,
        )
        for y in range(2024, 2029)
    )
    ad_hoc = CycleRef(
        "bao-luc-2024",
        "Báo cáo đột xuất công tác phòng, chống bạo lực học đường",
        date(2024, 12, 2),
        date(2024, 12, 20),
    )
    return (*yearly, ad_hoc)


@pytest.fixture(scope="session")
def every_cycle(spec: ParseSpec) -> ParseSpec:
    return dataclasses.replace(spec, cycles=plan_cycles(spec))


def definitions() -> dict[str, dict[str, tuple[str, ...]]]:
    """What each metric must and must not have beside it, as the shipped config.yaml says (metrics[].requires,
    excludes, units), which the daemon reads into MetricSpec."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    return {
        m["key"]: {k: tuple(m[k]) for k in ("requires", "excludes", "units") if k in m} for m in config["metrics"]
    }


@pytest.fixture(scope="session")
def defined(spec: ParseSpec) -> ParseSpec:
    """The office's spec with each metric's distinguishing words, ruled-out words and units."""
    defs = definitions()
    metrics = tuple(dataclasses.replace(m, **defs.get(m.key, {})) for m in spec.metrics)
    return dataclasses.replace(spec, metrics=metrics)
