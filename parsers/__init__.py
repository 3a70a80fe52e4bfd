"""Reading schools' reports: bytes in, structured Report out. Pure: no logging, clock, config or network."""

from parsers.isolate import PendingParse, parse_attachment_isolated, start_isolated
from parsers.keys import fold
from parsers.model import (
    REVIEW_CODES,
    CycleRef,
    Limits,
    MetricSpec,
    MetricValue,
    ParseSpec,
    Problem,
    Provenance,
    Report,
    SchoolRef,
)
from parsers.names import match_school, suggest_school
from parsers.report import parse_attachment
from parsers.sniff import is_report_file

__all__ = [
    "REVIEW_CODES",
    "CycleRef",
    "Limits",
    "MetricSpec",
    "MetricValue",
    "PendingParse",
    "ParseSpec",
    "Problem",
    "Provenance",
    "Report",
    "SchoolRef",
    "fold",
    "is_report_file",
    "match_school",
    "parse_attachment",
    "parse_attachment_isolated",
    "start_isolated",
    "suggest_school",
]
