"""The parse spec the office really uses: config.yaml's metrics and cycles, roster.csv's schools."""

from __future__ import annotations

import csv
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
