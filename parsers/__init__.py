"""Reading schools' reports: bytes in, structured Report out. Pure: no logging, clock, config or network.

On top, `report.py` (parse_attachment) with what every room shares: `model.py` (the dataclasses in and out),
`blocks.py` (the document as paragraphs and tables), `problems.py` and `errors.py`, `sniff.py`. Below it:
`formats/` (each file kind to blocks), `images/` (scans and photos through tesseract), `reading/` (what the blocks
say: header, kind, cycle, figures) and `isolation/` (the parse worker). daemon imports this package; it imports
neither daemon nor state.
"""

from parsers.isolation.isolate import PendingParse, parse_attachment_isolated, start_isolated
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
from parsers.reading.keys import fold
from parsers.reading.names import match_school, suggest_school
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
